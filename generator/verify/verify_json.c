/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest reader for sockgen verify: JSON Lines (jsonlines.org), each line one flat RFC 8259 object. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "verify.h"

struct jp {
	const char *s;
	size_t i;
	char *err;
	size_t errsz;
};

/* Growing string buffer; on allocation failure the parse fails. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static int jp_error(struct jp *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int jp_error(struct jp *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(j->err, j->errsz, "column %zu: ", j->i + 1);
	if (n < 0 || (size_t)n >= j->errsz)
		return -1;
	va_start(ap, fmt);
	vsnprintf(j->err + n, j->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int sb_put(struct sbuf *b, const char *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 32;

		while (cap < b->n + n + 1)
			cap *= 2;
		char *q = realloc(b->p, cap);

		if (!q)
			return -1;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static void skip_ws(struct jp *j)
{
	while (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\r' || j->s[j->i] == '\n')
		j->i++;
}

static int hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

static int put_utf8(struct sbuf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return sb_put(b, u, n);
}

/* A string at j->i (which holds the opening quote) into a new buffer. */
static int parse_string(struct jp *j, char **out)
{
	struct sbuf b = { 0 };

	j->i++;
	if (sb_put(&b, "", 0))
		return jp_error(j, "out of memory");
	for (;;) {
		unsigned char c = (unsigned char)j->s[j->i];

		if (c == '"') {
			j->i++;
			*out = b.p;
			return 0;
		}
		if (c == '\0') {
			free(b.p);
			return jp_error(j, "unterminated string");
		}
		if (c < 0x20) {
			free(b.p);
			return jp_error(j, "control character 0x%02x in a string", c);
		}
		if (c != '\\') {
			if (sb_put(&b, (const char *)&j->s[j->i], 1))
				goto nomem;
			j->i++;
			continue;
		}
		char e = j->s[j->i + 1];
		const char *lit = NULL;

		switch (e) {
		case '"': lit = "\""; break;
		case '\\': lit = "\\"; break;
		case '/': lit = "/"; break;
		case 'b': lit = "\b"; break;
		case 'f': lit = "\f"; break;
		case 'n': lit = "\n"; break;
		case 'r': lit = "\r"; break;
		case 't': lit = "\t"; break;
		case 'u': break;
		default:
			free(b.p);
			return jp_error(j, "bad escape '\\%c'", e ? e : '0');
		}
		if (lit) {
			if (sb_put(&b, lit, 1))
				goto nomem;
			j->i += 2;
			continue;
		}
		unsigned hi, lo;

		if (hex4(j->s + j->i + 2, &hi)) {
			free(b.p);
			return jp_error(j, "bad \\u escape");
		}
		j->i += 6;
		uint32_t cp = hi;

		/* UTF-16 surrogate pair (RFC 8259 section 7) */
		if (hi >= 0xd800 && hi <= 0xdbff) {
			if (j->s[j->i] != '\\' || j->s[j->i + 1] != 'u' || hex4(j->s + j->i + 2, &lo) ||
			    lo < 0xdc00 || lo > 0xdfff) {
				free(b.p);
				return jp_error(j, "unpaired surrogate \\u%04x", hi);
			}
			j->i += 6;
			cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		} else if (hi >= 0xdc00 && hi <= 0xdfff) {
			free(b.p);
			return jp_error(j, "unpaired surrogate \\u%04x", hi);
		}
		if (put_utf8(&b, cp))
			goto nomem;
	}
nomem:
	free(b.p);
	return jp_error(j, "out of memory");
}

/* A number as written (RFC 8259 grammar), kept as text. */
static int parse_number(struct jp *j, char **out)
{
	size_t st = j->i;
	const char *s = j->s;

	if (s[j->i] == '-')
		j->i++;
	if (s[j->i] == '0') {
		j->i++;
	} else if (s[j->i] >= '1' && s[j->i] <= '9') {
		while (s[j->i] >= '0' && s[j->i] <= '9')
			j->i++;
	} else {
		return jp_error(j, "bad number");
	}
	if (s[j->i] == '.') {
		j->i++;
		if (!(s[j->i] >= '0' && s[j->i] <= '9'))
			return jp_error(j, "bad number");
		while (s[j->i] >= '0' && s[j->i] <= '9')
			j->i++;
	}
	if (s[j->i] == 'e' || s[j->i] == 'E') {
		j->i++;
		if (s[j->i] == '+' || s[j->i] == '-')
			j->i++;
		if (!(s[j->i] >= '0' && s[j->i] <= '9'))
			return jp_error(j, "bad number");
		while (s[j->i] >= '0' && s[j->i] <= '9')
			j->i++;
	}
	*out = strndup(s + st, j->i - st);
	return *out ? 0 : jp_error(j, "out of memory");
}

static int parse_value(struct jp *j, char **out)
{
	static const struct {
		const char *word, *text;
	} words[] = { { "true", "1" }, { "false", "0" }, { "null", "" } };
	char c = j->s[j->i];

	if (c == '"')
		return parse_string(j, out);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(j, out);
	if (c == '{' || c == '[')
		return jp_error(j, "nested %s not supported (values are strings)", c == '{' ? "object" : "array");
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t n = strlen(words[k].word);

		if (!strncmp(j->s + j->i, words[k].word, n)) {
			j->i += n;
			*out = strdup(words[k].text);
			return *out ? 0 : jp_error(j, "out of memory");
		}
	}
	if (c == '\0')
		return jp_error(j, "value expected, line ends");
	return jp_error(j, "unexpected '%c'", c);
}

void vf_record_free(struct vf_record *rec)
{
	for (size_t k = 0; k < rec->n; k++) {
		free(rec->pairs[k].key);
		free(rec->pairs[k].value);
	}
	free(rec->pairs);
	rec->pairs = NULL;
	rec->n = 0;
}

int vf_json_parse_line(const char *line, struct vf_record *rec, char *err, size_t errsz)
{
	struct jp j = { .s = line, .err = err, .errsz = errsz };
	size_t cap = 0;

	rec->n = 0;
	rec->pairs = NULL;
	skip_ws(&j);
	if (line[j.i] != '{')
		return jp_error(&j, "object expected");
	j.i++;
	skip_ws(&j);
	if (line[j.i] == '}') {
		j.i++;
		goto tail;
	}
	for (;;) {
		char *key = NULL, *value = NULL;

		skip_ws(&j);
		if (line[j.i] != '"') {
			vf_record_free(rec);
			return jp_error(&j, "key string expected");
		}
		if (parse_string(&j, &key))
			goto fail;
		skip_ws(&j);
		if (line[j.i] != ':') {
			free(key);
			vf_record_free(rec);
			return jp_error(&j, "':' expected after key");
		}
		j.i++;
		skip_ws(&j);
		if (parse_value(&j, &value)) {
			free(key);
			goto fail;
		}
		for (size_t k = 0; k < rec->n; k++) {
			if (!strcmp(rec->pairs[k].key, key)) {
				int r = jp_error(&j, "duplicate key \"%s\"", key);

				free(key);
				free(value);
				vf_record_free(rec);
				return r;
			}
		}
		if (rec->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct vf_pair *p = realloc(rec->pairs, ncap * sizeof(*p));

			if (!p) {
				free(key);
				free(value);
				vf_record_free(rec);
				return jp_error(&j, "out of memory");
			}
			rec->pairs = p;
			cap = ncap;
		}
		rec->pairs[rec->n].key = key;
		rec->pairs[rec->n].value = value;
		rec->n++;
		skip_ws(&j);
		if (line[j.i] == ',') {
			j.i++;
			continue;
		}
		if (line[j.i] == '}') {
			j.i++;
			break;
		}
		vf_record_free(rec);
		return jp_error(&j, "',' or '}' expected");
	}
tail:
	skip_ws(&j);
	if (line[j.i] != '\0') {
		vf_record_free(rec);
		return jp_error(&j, "trailing text after the object");
	}
	return 0;
fail:
	vf_record_free(rec);
	return -1;
}

/* A compact record ({"=":"", changed keys...}, manifest.h): the record
 * before it with those values replaced, into *out. 0, or -1 with the
 * reason in why. */
static int expand_same(const struct vf_record *prev, const struct vf_record *delta,
		       struct vf_record *out, char *why, size_t whysz)
{
	out->n = 0;
	out->pairs = calloc(prev->n ? prev->n : 1, sizeof(*out->pairs));
	if (!out->pairs)
		goto nomem;
	for (size_t k = 0; k < prev->n; k++) {
		out->pairs[k].key = strdup(prev->pairs[k].key);
		out->pairs[k].value = strdup(prev->pairs[k].value);
		out->n++;
		if (!out->pairs[k].key || !out->pairs[k].value)
			goto nomem;
	}
	for (size_t d = 1; d < delta->n; d++) {
		size_t k = 0;

		while (k < out->n && strcmp(out->pairs[k].key, delta->pairs[d].key))
			k++;
		if (k == out->n) {
			snprintf(why, whysz, "\"%s\" is not a key of the record before "
				 "(a \"" MANIFEST_SAME_KEY "\" record only changes values)",
				 delta->pairs[d].key);
			vf_record_free(out);
			return -1;
		}
		char *v = strdup(delta->pairs[d].value);

		if (!v)
			goto nomem;
		free(out->pairs[k].value);
		out->pairs[k].value = v;
	}
	return 0;
nomem:
	vf_record_free(out);
	snprintf(why, whysz, "out of memory");
	return -1;
}

int vf_manifest_read(const char *path, struct vf_manifest *m, char *err, size_t errsz)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t lcap = 0, cap = 0, lineno = 0;
	ssize_t len;

	m->n = 0;
	m->recs = NULL;
	if (!f) {
		snprintf(err, errsz, "%s", strerror(errno));
		return -2;
	}
	while ((len = getline(&line, &lcap, f)) >= 0) {
		char why[256];
		struct vf_record rec;

		lineno++;
		if (strlen(line) != (size_t)len) {
			snprintf(err, errsz, "line %zu: NUL byte in the line", lineno);
			goto bad;
		}
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		if (vf_json_parse_line(line, &rec, why, sizeof(why))) {
			snprintf(err, errsz, "line %zu: not valid JSON: %s", lineno, why);
			goto bad;
		}
		if (rec.n && !strcmp(rec.pairs[0].key, MANIFEST_SAME_KEY)) {
			struct vf_record full;
			int r = m->n ? expand_same(&m->recs[m->n - 1], &rec, &full, why, sizeof(why))
				     : (snprintf(why, sizeof(why), "a \"" MANIFEST_SAME_KEY "\" record "
						 "needs a record before it"), -1);

			vf_record_free(&rec);
			if (r) {
				snprintf(err, errsz, "line %zu: %s", lineno, why);
				goto bad;
			}
			rec = full;
		}
		rec.line = lineno;
		if (m->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct vf_record *r = realloc(m->recs, ncap * sizeof(*r));

			if (!r) {
				vf_record_free(&rec);
				snprintf(err, errsz, "line %zu: out of memory", lineno);
				goto bad;
			}
			m->recs = r;
			cap = ncap;
		}
		m->recs[m->n++] = rec;
	}
	if (ferror(f)) {
		snprintf(err, errsz, "%s", strerror(errno));
		free(line);
		fclose(f);
		vf_manifest_free(m);
		return -2;
	}
	free(line);
	fclose(f);
	return 0;
bad:
	free(line);
	fclose(f);
	vf_manifest_free(m);
	return -1;
}

void vf_manifest_free(struct vf_manifest *m)
{
	for (size_t k = 0; k < m->n; k++)
		vf_record_free(&m->recs[k]);
	free(m->recs);
	m->recs = NULL;
	m->n = 0;
}

const char *vf_record_get(const struct vf_record *rec, const char *key)
{
	for (size_t k = 0; k < rec->n; k++)
		if (!strcmp(rec->pairs[k].key, key))
			return rec->pairs[k].value;
	return NULL;
}
