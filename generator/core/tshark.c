/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark with the sockscope plugin: a private plugin tree (<major.minor>/epan)
 * and HOME, and tshark run in it, unprivileged when root. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "tshark.h"

/* tshark started as root ignores WIRESHARK_PLUGIN_DIR and personal
 * plugins, so root drops to nobody for the run. */
#define TS_NOBODY 65534

static int copy_file(const char *from, const char *to, char *err, size_t errsz)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0) {
		snprintf(err, errsz, "plugin '%s': %s", from, strerror(errno));
		return -1;
	}
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		snprintf(err, errsz, "%s: %s", to, strerror(errno));
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));

			if (w < 0) {
				snprintf(err, errsz, "%s: %s", to, strerror(errno));
				close(in);
				close(out);
				return -1;
			}
			off += w;
		}
	}
	if (n < 0)
		snprintf(err, errsz, "plugin '%s': %s", from, strerror(errno));
	close(in);
	if (close(out) && n >= 0) {
		snprintf(err, errsz, "%s: %s", to, strerror(errno));
		return -1;
	}
	return n < 0 ? -1 : 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

void sg_tshark_tree_remove(struct sg_tshark_tree *t)
{
	if (t->dir[0])
		nftw(t->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	t->dir[0] = '\0';
}

/* tshark -G folders names the global plugin directory ("Global Plugins:\t<dir>",
 * <libdir>/wireshark/plugins/<major.minor>): malloc'd, or NULL. */
static char *global_plugin_dir(const char *tshark)
{
	char cmd[4200], line[4096];
	char *res = NULL;
	FILE *f;

	if (strpbrk(tshark, "'\\"))
		return NULL;
	snprintf(cmd, sizeof(cmd), "'%s' -G folders 2>/dev/null", tshark);
	f = popen(cmd, "r");
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Global Plugins:", 15))
			continue;
		char *d = line + 15;

		d += strspn(d, " \t");
		d[strcspn(d, "\r\n")] = '\0';
		res = strdup(d);
		break;
	}
	pclose(f);
	return res;
}

char *sg_tshark_installed_plugin(const char *tshark)
{
	char *dir = global_plugin_dir(tshark), *res = NULL;

	if (dir) {
		size_t n = strlen(dir) + sizeof("/epan/sockscope.so");

		res = malloc(n);
		if (res)
			snprintf(res, n, "%s/epan/sockscope.so", dir);
		free(dir);
	}
	return res;
}

const char *sg_tshark_default_plugin(const char *tshark, char **installed)
{
	const char *env = getenv("SOCKSCOPE_PLUGIN");

	if (env && *env)
		return env;
	*installed = sg_tshark_installed_plugin(tshark);
	return *installed;
}

/* The plugin ABI folder (major.minor) of the private tree: the series this
 * sockgen was built with, else the one tshark looks in. */
static int plugin_abi(const char *tshark, char *out, size_t outsz, char *err, size_t errsz)
{
#ifdef SOCKSCOPE_WS_ABI
	(void)tshark;
	(void)err;
	(void)errsz;
	snprintf(out, outsz, "%s", SOCKSCOPE_WS_ABI);
	return 0;
#else
	char *dir = global_plugin_dir(tshark);
	const char *base = dir ? strrchr(dir, '/') : NULL;

	if (!base || !base[1]) {
		snprintf(err, errsz, "tshark '%s' names no plugin directory (tshark -G folders)", tshark);
		free(dir);
		return -1;
	}
	snprintf(out, outsz, "%s", base + 1);
	free(dir);
	return 0;
#endif
}

/* The folders and the plugin's copy in t->dir. 0, or -1 with err. */
static int fill_tree(const struct sg_tshark_tree *t, const char *tshark, const char *plugin,
		     char *err, size_t errsz)
{
	char p[4200];
	/* Modes set with chmod: mkdir's are cut by the umask, and nobody must
	 * read the plugin tree and write HOME. */
	char abi[64] = "", abi_dir[80], epan_dir[96];

	if (plugin && plugin_abi(tshark, abi, sizeof(abi), err, errsz))
		return -1;
	snprintf(abi_dir, sizeof(abi_dir), "/plugins/%s", abi);
	snprintf(epan_dir, sizeof(epan_dir), "/plugins/%s/epan", abi);
	const struct {
		const char *sub;
		mode_t mode;
	} dirs[] = { { "", 0755 }, { "/plugins", 0755 }, { abi_dir, 0755 },
		     { epan_dir, 0755 }, { "/home", 0777 } };

	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		if (!plugin && (k == 2 || k == 3))
			continue;
		snprintf(p, sizeof(p), "%s%s", t->dir, dirs[k].sub);
		if ((k && mkdir(p, 0700)) || chmod(p, dirs[k].mode)) {
			snprintf(err, errsz, "%s: %s", p, strerror(errno));
			return -1;
		}
	}
	if (plugin) {
		snprintf(p, sizeof(p), "%s%s/sockscope.so", t->dir, epan_dir);
		if (copy_file(plugin, p, err, errsz))
			return -1;
		if (chmod(p, 0644)) {
			snprintf(err, errsz, "%s: %s", p, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int sg_tshark_tree_make(struct sg_tshark_tree *t, const char *tag, const char *tshark,
			const char *plugin, char *err, size_t errsz)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/sockgen-%.20s.XXXXXX", tag);
	if (!mkdtemp(t->dir)) {
		snprintf(err, errsz, "mkdtemp: %s", strerror(errno));
		t->dir[0] = '\0';
		return -1;
	}
	if (fill_tree(t, tshark, plugin, err, errsz)) {
		sg_tshark_tree_remove(t);
		return -1;
	}
	return 0;
}

void sg_tshark_exec(const char *tshark, const char *const *argv, const struct sg_tshark_tree *t,
		    const char *ctx)
{
	char home[200], plugdir[200], envhome[210], envplug[230];
	/* A sanitizer-built plugin needs its runtime preloaded into
	 * tshark (scripts/test --sanitize sets SOCKSCOPE_TSHARK_PRELOAD);
	 * the sanitizer options go along. */
	const char *pre = getenv("SOCKSCOPE_TSHARK_PRELOAD");
	static const char *const pass[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS" };
	char *envp[8], envpre[4200], envopt[3][4200];
	size_t ne = 0;

	snprintf(home, sizeof(home), "%s/home", t->dir);
	snprintf(plugdir, sizeof(plugdir), "%s/plugins", t->dir);
	snprintf(envhome, sizeof(envhome), "HOME=%s", home);
	snprintf(envplug, sizeof(envplug), "WIRESHARK_PLUGIN_DIR=%s", plugdir);
	if (!pre || !*pre)
		pre = getenv("LD_PRELOAD");
	if (geteuid() == 0) {
		envp[ne++] = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
		envp[ne++] = envhome;
		envp[ne++] = envplug;
		if (pre && *pre) {
			snprintf(envpre, sizeof(envpre), "LD_PRELOAD=%s", pre);
			envp[ne++] = envpre;
		}
		for (size_t k = 0; k < sizeof(pass) / sizeof(pass[0]); k++) {
			const char *v = getenv(pass[k]);

			if (v) {
				snprintf(envopt[k], sizeof(envopt[k]), "%s=%s", pass[k], v);
				envp[ne++] = envopt[k];
			}
		}
		envp[ne] = NULL;

		if (setgroups(0, NULL) || setresgid(TS_NOBODY, TS_NOBODY, TS_NOBODY) ||
		    setresuid(TS_NOBODY, TS_NOBODY, TS_NOBODY)) {
			dprintf(2, "sockgen %s: cannot drop to uid %d: %s\n", ctx, TS_NOBODY,
				strerror(errno));
			_exit(126);
		}
		execvpe(tshark, (char *const *)argv, envp);
	} else {
		setenv("HOME", home, 1);
		setenv("WIRESHARK_PLUGIN_DIR", plugdir, 1);
		if (pre && *pre)
			setenv("LD_PRELOAD", pre, 1);
		execvp(tshark, (char *const *)argv);
	}
	dprintf(2, "sockgen %s: cannot run '%s': %s\n", ctx, tshark, strerror(errno));
	_exit(127);
}
