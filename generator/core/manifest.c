/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest writer: JSON Lines keyed by display-filter field names. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"

#define MF_MAX_KEYS 512

struct mf_pair {
	char *key;
	char *value;            /* occurrences joined by ',' */
};

struct manifest {
	FILE *f;
	char *path;             /* NULL for stdout, and for a non-regular file
				 * (FIFO, /dev/null), which discard must not unlink */
	int err;
	size_t n;
	struct mf_pair pairs[MF_MAX_KEYS];
};

struct manifest *manifest_open(const char *path)
{
	struct manifest *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (!strcmp(path, "-")) {
		m->f = stdout;
	} else {
		m->f = fopen(path, "w");
		m->path = strdup(path);
		if (!m->f || !m->path) {
			int e = errno;

			if (m->f)
				fclose(m->f);
			free(m->path);
			free(m);
			errno = e;
			return NULL;
		}
		struct stat st;

		if (fstat(fileno(m->f), &st) != 0 || !S_ISREG(st.st_mode)) {
			free(m->path);
			m->path = NULL;
		}
	}
	return m;
}

static void clear_pairs(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->pairs[i].key);
		free(m->pairs[i].value);
	}
	m->n = 0;
}

void manifest_begin(struct manifest *m)
{
	if (m)
		clear_pairs(m);
}

void manifest_str(struct manifest *m, const char *key, const char *value)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->pairs[i].key, key))
			continue;
		size_t a = strlen(m->pairs[i].value), b = strlen(value);
		char *v = realloc(m->pairs[i].value, a + b + 2);

		if (!v) {
			m->err = m->err ? m->err : -ENOMEM;
			return;
		}
		v[a] = ',';
		memcpy(v + a + 1, value, b + 1);
		m->pairs[i].value = v;
		return;
	}
	if (m->n == MF_MAX_KEYS) {
		m->err = m->err ? m->err : -E2BIG;
		return;
	}
	m->pairs[m->n].key = strdup(key);
	m->pairs[m->n].value = strdup(value);
	if (!m->pairs[m->n].key || !m->pairs[m->n].value) {
		free(m->pairs[m->n].key);
		free(m->pairs[m->n].value);
		m->err = m->err ? m->err : -ENOMEM;
		return;
	}
	m->n++;
}

void manifest_fmt(struct manifest *m, const char *key, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	if (!m)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	manifest_str(m, key, buf);
}

void manifest_uint(struct manifest *m, const char *key, uint64_t v)
{
	manifest_fmt(m, key, "%llu", (unsigned long long)v);
}

void manifest_bool(struct manifest *m, const char *key, int v)
{
	manifest_str(m, key, v ? "1" : "0");
}

void manifest_ipv6(struct manifest *m, const char *key, const uint8_t addr[16])
{
	char buf[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, addr, buf, sizeof(buf)))
		buf[0] = '\0';
	manifest_str(m, key, buf);
}

void manifest_ether(struct manifest *m, const char *key, const uint8_t mac[6])
{
	manifest_fmt(m, key, "%02x:%02x:%02x:%02x:%02x:%02x",
		     mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

void manifest_hex(struct manifest *m, const char *key, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s;

	if (!m)
		return;
	s = malloc(2 * n + 1);
	if (!s) {
		m->err = m->err ? m->err : -ENOMEM;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * n] = '\0';
	manifest_str(m, key, s);
	free(s);
}

static void put_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void manifest_end(struct manifest *m)
{
	if (!m)
		return;
	fputc('{', m->f);
	for (size_t i = 0; i < m->n; i++) {
		if (i)
			fputs(", ", m->f);
		put_json_string(m->f, m->pairs[i].key);
		fputs(": ", m->f);
		put_json_string(m->f, m->pairs[i].value);
	}
	fputs("}\n", m->f);
	if (ferror(m->f) && !m->err)
		m->err = -EIO;
	clear_pairs(m);
}

int manifest_close(struct manifest *m)
{
	int err;

	if (!m)
		return 0;
	err = m->err;
	clear_pairs(m);
	if (fflush(m->f) != 0 && !err)
		err = -errno;
	if (m->f != stdout && fclose(m->f) != 0 && !err)
		err = -errno;
	free(m->path);
	free(m);
	return err;
}

void manifest_discard(struct manifest *m)
{
	if (!m)
		return;
	clear_pairs(m);
	if (m->f != stdout) {
		fclose(m->f);
		if (m->path)
			unlink(m->path);
	}
	free(m->path);
	free(m);
}
