/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark runner for sockgen verify: -T fields over a capture, in core/tshark.c's private plugin tree, unprivileged when root. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sockgen.h"
#include "tshark.h"
#include "verify.h"

static char *read_all(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *p = malloc(cap);
	ssize_t r;

	if (!p)
		return NULL;
	if (lseek(fd, 0, SEEK_SET) < 0) {
		free(p);
		return NULL;
	}
	while ((r = read(fd, p + n, cap - n - 1)) > 0) {
		n += (size_t)r;
		if (cap - n < 2) {
			char *q = realloc(p, cap * 2);

			if (!q) {
				free(p);
				return NULL;
			}
			p = q;
			cap *= 2;
		}
	}
	if (r < 0) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	*len = n;
	return p;
}

struct run_out {
	int status;
	char *out, *errtext;
	size_t outlen;
};

/* One tshark run; fields listed in skip[] are left out. */
/* tshark -T fields with a column per field not skipped, after
 * frame.number; NULL without memory. */
static const char **tshark_argv(const struct vf_tshark *t, const unsigned char *skip)
{
	const char **argv = calloc(16 + 2 * t->nfields, sizeof(*argv));
	size_t argc = 0;

	if (!argv)
		return NULL;
	argv[argc++] = t->tshark;
	argv[argc++] = "-n";
	argv[argc++] = "-r";
	argv[argc++] = "-";
	argv[argc++] = "-T";
	argv[argc++] = "fields";
	argv[argc++] = "-E";
	argv[argc++] = "separator=/t";
	argv[argc++] = "-E";
	argv[argc++] = "occurrence=a";
	argv[argc++] = "-E";
	argv[argc++] = "aggregator=,";
	argv[argc++] = "-e";
	argv[argc++] = "frame.number";
	for (size_t k = 0; k < t->nfields; k++) {
		if (skip[k])
			continue;
		argv[argc++] = "-e";
		argv[argc++] = t->fields[k];
	}
	argv[argc] = NULL;
	return argv;
}

static int run_once(const struct vf_tshark *t, const struct sg_tshark_tree *tree,
		    const unsigned char *skip, struct run_out *ro, char *err, size_t errsz)
{
	const char **argv;
	int in, out, errfd;
	pid_t pid;

	argv = tshark_argv(t, skip);
	if (!argv) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}

	/* The capture is opened here, with our rights, and given as stdin:
	 * nobody may not be allowed to read its path. Output goes to
	 * unlinked temporary files, so no pipe can fill up and block. */
	in = open(t->capture, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		snprintf(err, errsz, "%s: %s", t->capture, strerror(errno));
		free(argv);
		return -1;
	}
	out = open(tree->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	errfd = open(tree->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (out < 0 || errfd < 0) {
		snprintf(err, errsz, "temporary file in %s: %s", tree->dir, strerror(errno));
		goto fail;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errsz, "fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(errfd, 2) < 0)
			_exit(126);
		sg_tshark_exec(t->tshark, argv, tree, "verify");
	}
	while (waitpid(pid, &ro->status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, errsz, "waitpid: %s", strerror(errno));
			goto fail;
		}
	}
	size_t elen;

	ro->out = read_all(out, &ro->outlen);
	ro->errtext = read_all(errfd, &elen);
	if (!ro->out || !ro->errtext) {
		snprintf(err, errsz, "reading tshark's output: %s", strerror(errno ? errno : ENOMEM));
		free(ro->out);
		free(ro->errtext);
		goto fail;
	}
	close(in);
	close(out);
	close(errfd);
	free(argv);
	return 0;
fail:
	close(in);
	if (out >= 0)
		close(out);
	if (errfd >= 0)
		close(errfd);
	free(argv);
	return -1;
}

/* Lines of tshark's "Some fields aren't valid:" list, marked in skip[]. */
static size_t mark_unknown(const struct vf_tshark *t, const char *errtext, unsigned char *skip)
{
	const char *p = strstr(errtext, "Some fields aren't valid:");
	size_t marked = 0;

	if (!p)
		return 0;
	p = strchr(p, '\n');
	while (p && p[1] == '\t') {
		const char *name = p + 2, *end = strchr(name, '\n');
		size_t len = end ? (size_t)(end - name) : strlen(name);

		for (size_t k = 0; k < t->nfields; k++) {
			if (!skip[k] && strlen(t->fields[k]) == len && !strncmp(t->fields[k], name, len)) {
				skip[k] = 1;
				marked++;
			}
		}
		p = end;
	}
	return marked;
}

/* The first line of tshark's stderr that is not the "Running as user"
 * note, for error messages. */
static void first_error_line(const char *text, char *buf, size_t bufsz)
{
	const char *p = text;

	buf[0] = '\0';
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n && strncmp(p, "Running as user", 15)) {
			snprintf(buf, bufsz, "%.*s", (int)n, p);
			return;
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* Booleans: tshark 4.0 prints 1/0, 4.4 and later True/False; manifests
 * hold 1/0. Rewrites each such comma-separated token in place. */
static void bool_tokens(char *cell)
{
	char *r = cell, *w = cell;

	while (*r) {
		size_t n = strcspn(r, ",");

		if (n == 4 && !strncmp(r, "True", 4))
			*w++ = '1';
		else if (n == 5 && !strncmp(r, "False", 5))
			*w++ = '0';
		else {
			memmove(w, r, n);
			w += n;
		}
		r += n;
		if (*r)
			*w++ = *r++;
	}
	*w = '\0';
}

static int split_rows(char *text, size_t ncols, const unsigned char *skip, struct vf_rows *rows,
		      char *err, size_t errsz)
{
	size_t nlines = 0, cap = 0;
	char *p = text;

	rows->ncols = ncols + 1;
	rows->cells = NULL;
	while (*p) {
		char *e = strchr(p, '\n');

		if (e)
			*e = '\0';
		if (nlines == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			char **c = realloc(rows->cells, ncap * rows->ncols * sizeof(*c));

			if (!c) {
				snprintf(err, errsz, "out of memory");
				return -1;
			}
			rows->cells = c;
			cap = ncap;
		}
		char **row = rows->cells + nlines * rows->ncols;
		char *cell = p;

		/* column 0 is frame.number; skipped fields read as "" */
		for (size_t k = 0; k <= ncols; k++) {
			if (k > 0 && skip[k - 1]) {
				row[k] = p + strlen(p);
				continue;
			}
			if (!cell) {
				row[k] = p + strlen(p);
				continue;
			}
			char *tab = strchr(cell, '\t');

			if (tab)
				*tab = '\0';
			bool_tokens(cell);
			row[k] = cell;
			cell = tab ? tab + 1 : NULL;
		}
		nlines++;
		if (!e)
			break;
		p = e + 1;
	}
	rows->nrows = nlines;
	return 0;
}

/* The fields tshark rejected (skip), comma-separated into *ret (NULL when
 * none): 0, or -1 without memory. */
static int unknown_list(const struct vf_tshark *t, const unsigned char *skip, char **ret)
{
	size_t ulen = 0;

	for (size_t k = 0; k < t->nfields; k++)
		if (skip[k])
			ulen += strlen(t->fields[k]) + 1;
	if (!ulen)
		return 0;
	if (!(*ret = calloc(1, ulen + 1)))
		return -1;
	for (size_t k = 0; k < t->nfields; k++) {
		if (!skip[k])
			continue;
		if (**ret)
			strcat(*ret, ",");
		strcat(*ret, t->fields[k]);
	}
	return 0;
}

int vf_tshark_run(const struct vf_tshark *t, struct vf_rows *rows, char **unknown,
		  char *err, size_t errsz)
{
	struct sg_tshark_tree tree = { "" };
	char line[512];
	unsigned char *skip = calloc(t->nfields + 1, 1);
	struct run_out ro = { 0 };
	int ret = -1;

	memset(rows, 0, sizeof(*rows));
	*unknown = NULL;
	if (!skip) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (sg_tshark_tree_make(&tree, "verify", t->tshark, t->plugin, err, errsz)) {
		free(skip);
		return -1;
	}
	/* At most two runs: the second without the fields tshark rejected. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (run_once(t, &tree, skip, &ro, err, errsz))
			goto out;
		if (WIFEXITED(ro.status) && WEXITSTATUS(ro.status) == 0)
			break;
		/* A capture cut short (a capture stopped mid-write, editcap -s)
		 * still has its whole packets: verify those, the rest of the
		 * manifest is reported missing. */
		if (WIFEXITED(ro.status) && strstr(ro.errtext, "cut short in the middle of a packet")) {
			sg_warn("verify", "--capture '%s': cut short in the middle of a packet; verifying the whole packets",
				t->capture);
			break;
		}
		size_t marked = attempt == 0 ? mark_unknown(t, ro.errtext, skip) : 0;

		if (marked == 0) {
			first_error_line(ro.errtext, line, sizeof(line));
			if (WIFEXITED(ro.status))
				snprintf(err, errsz, "tshark exited %d: %s", WEXITSTATUS(ro.status),
					 line[0] ? line : "(no message)");
			else
				snprintf(err, errsz, "tshark killed by signal %d: %s", WTERMSIG(ro.status),
					 line[0] ? line : "(no message)");
			goto out;
		}
		free(ro.out);
		free(ro.errtext);
		ro.out = ro.errtext = NULL;
	}
	if (strstr(ro.errtext, "Couldn't load plugin") || strstr(ro.errtext, "couldn't load plugin")) {
		const char *l = strstr(ro.errtext, "load plugin");

		while (l > ro.errtext && l[-1] != '\n')
			l--;
		first_error_line(l, line, sizeof(line));
		snprintf(err, errsz, "the plugin did not load: %s", line);
		goto out;
	}
	if (unknown_list(t, skip, unknown)) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	if (split_rows(ro.out, t->nfields, skip, rows, err, errsz))
		goto out;
	rows->buf = ro.out;
	ro.out = NULL;
	ret = 0;
out:
	if (ret && *unknown) {
		free(*unknown);
		*unknown = NULL;
	}
	if (ret)
		vf_rows_free(rows);
	free(ro.out);
	free(ro.errtext);
	free(skip);
	sg_tshark_tree_remove(&tree);
	return ret;
}

void vf_rows_free(struct vf_rows *rows)
{
	free(rows->cells);
	free(rows->buf);
	memset(rows, 0, sizeof(*rows));
}
