/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark with the sockscope plugin, for sockgen verify and sockgen ndp
 * listen --watch: a private plugin tree (<major.minor>/epan) and HOME, and
 * tshark started in it, as nobody when we are root (tshark ignores
 * WIRESHARK_PLUGIN_DIR and personal plugins as root). */
#ifndef SOCKGEN_TSHARK_H
#define SOCKGEN_TSHARK_H

#include <stddef.h>

struct sg_tshark_tree {
	char dir[64];                   /* "" until made */
};

/* Make the tree under /tmp (sockgen-<tag>.XXXXXX): HOME and, with a
 * plugin, a copy of it that nobody may read. 0, or -1 with err (the tree
 * is removed again). */
int sg_tshark_tree_make(struct sg_tshark_tree *t, const char *tag, const char *tshark,
			const char *plugin, char *err, size_t errsz);
/* Remove the tree with whatever tshark left in its HOME. */
void sg_tshark_tree_remove(struct sg_tshark_tree *t);
/* In a forked child: exec tshark (PATH lookup when no '/') with argv in
 * the tree, as nobody with a clean environment when root, else as we are;
 * SOCKSCOPE_TSHARK_PRELOAD (or LD_PRELOAD) and the sanitizer options go
 * along. Never returns: 126 when the drop fails, 127 when exec does (a
 * message naming ctx on stderr). */
void sg_tshark_exec(const char *tshark, const char *const *argv, const struct sg_tshark_tree *t,
		    const char *ctx) __attribute__((noreturn));
/* The installed plugin: <tshark -G folders "Global Plugins">/epan/sockscope.so.
 * malloc'd, or NULL. */
char *sg_tshark_installed_plugin(const char *tshark);
/* The plugin when none was given: $SOCKSCOPE_PLUGIN, else the installed
 * one (*installed, to free), else NULL. */
const char *sg_tshark_default_plugin(const char *tshark, char **installed);

#endif
