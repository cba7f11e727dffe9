/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest writer: JSON Lines keyed by display-filter field names, full or
 * compact (manifest.h). A record is its keys, NUL-terminated one after the
 * other in one buffer, in the order they first came, and its values, in
 * another; a key given again chains its value to the key's earlier ones (a
 * small hash table, stamped per record so that it is never cleared, finds
 * it). Two records have the same keys when their key buffers are equal. The
 * line is built in memory and written with one fwrite. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "ndp.h"

#define MF_MAX_KEYS 512
#define MF_MAX_VALUES 4096
#define MF_SLOTS 1024           /* power of two, > 2 * MF_MAX_KEYS */
#define MF_STDIO_BUF (1 << 20)

/* One value of a key, in the record's value buffer. */
struct mf_value {
	uint32_t off;
	uint32_t len : 31;
	uint32_t plain : 1;     /* nothing in it for JSON to escape */
	uint32_t key;           /* its key's index */
	int32_t next;           /* the key's next value, -1 at the last */
};

struct mf_key {
	const char *ptr;        /* the caller's key (stable: manifest.h), or NULL */
	uint32_t off, len;      /* in the key buffer */
	uint32_t hash;
	int32_t first, last;    /* its values */
	bool plain;             /* nothing in it for JSON to escape */
};

struct mf_buf {
	char *p;
	size_t len, cap;
};

struct mf_rec {
	struct mf_buf keys, vals;
	size_t n_keys, n_vals;
	uint8_t changed[MF_MAX_KEYS];   /* a value differs from the record before's */
	uint16_t changed_list[MF_MAX_KEYS];     /* those keys, as found */
	size_t n_changed;
	struct mf_key key[MF_MAX_KEYS];
	struct mf_value val[MF_MAX_VALUES];
};

struct mf_slot {
	uint32_t stamp;
	uint32_t idx;
};

struct manifest_seg {
	struct mf_buf text;     /* key, then value, for each field */
	size_t n, cap;
	struct mf_seg_field {
		const char *ptr;
		uint32_t koff, klen, hash, voff, vlen;
		bool plain;
	} *f;
	/* where it went last: record number, value position, and the largest
	 * key index of its values there */
	uint64_t rec;
	size_t pos;
	uint32_t max_key;
	bool placed;
};

struct manifest {
	FILE *f;
	char *path;             /* NULL for stdout, and for a non-regular file
				 * (FIFO, /dev/null), which must never be removed */
	char *stdio_buf;
	int err;
	bool compact;
	bool have_prev;
	/* Mirror: so far the record has added the same keys in the same order
	 * as the record before, so a key's index is the one it had there and
	 * the hash table is not needed (it is filled when that stops). */
	bool mirror;
	uint64_t records;
	uint32_t stamp;
	struct mf_rec *cur, *prev;
	struct mf_buf line;
	void *user;
	void (*free_user)(void *);
	struct mf_slot slots[MF_SLOTS];
};

static void set_err(struct manifest *m, int e)
{
	if (!m->err)
		m->err = e;
}

static int buf_grow(struct mf_buf *b, size_t n);

/* Room for n more octets. */
static inline int buf_reserve(struct mf_buf *b, size_t n)
{
	return b->len + n <= b->cap ? 0 : buf_grow(b, n);
}

static int buf_grow(struct mf_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;

	while (cap < b->len + n)
		cap *= 2;
	if (cap > UINT32_MAX)
		return -E2BIG;
	char *p = realloc(b->p, cap);

	if (!p)
		return -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

static void rec_free(struct mf_rec *r)
{
	if (r) {
		free(r->keys.p);
		free(r->vals.p);
	}
	free(r);
}

struct manifest *manifest_open(const char *path)
{
	struct manifest *m = calloc(1, sizeof(*m));
	int e;

	if (!m)
		return NULL;
	m->cur = calloc(1, sizeof(*m->cur));
	m->prev = calloc(1, sizeof(*m->prev));
	if (!m->cur || !m->prev) {
		e = ENOMEM;
		goto fail;
	}
	if (!strcmp(path, "-")) {
		m->f = stdout;
		return m;
	}
	/* "e" (O_CLOEXEC): a command sockgen vsock listen --exec runs does
	 * not inherit it */
	m->f = fopen(path, "we");
	if (!m->f) {
		e = errno;
		goto fail;
	}
	struct stat st;

	if (fstat(fileno(m->f), &st) == 0 && S_ISREG(st.st_mode)) {
		m->path = strdup(path);
		if (!m->path) {
			e = ENOMEM;
			fclose(m->f);
			unlink(path);
			goto fail;
		}
	}
	/* a large buffer: records are written one fwrite each */
	m->stdio_buf = malloc(MF_STDIO_BUF);
	if (m->stdio_buf)
		setvbuf(m->f, m->stdio_buf, _IOFBF, MF_STDIO_BUF);
	return m;
fail:
	rec_free(m->cur);
	rec_free(m->prev);
	free(m);
	errno = e;
	return NULL;
}

void manifest_set_compact(struct manifest *m, bool compact)
{
	if (m)
		m->compact = compact;
}

int manifest_parse_format(const char *word, bool *compact)
{
	if (!strcmp(word, "full"))
		*compact = false;
	else if (!strcmp(word, "compact"))
		*compact = true;
	else
		return -1;
	return 0;
}

uint64_t manifest_records(const struct manifest *m)
{
	return m ? m->records : 0;
}

void *manifest_user(const struct manifest *m)
{
	return m ? m->user : NULL;
}

void manifest_set_user(struct manifest *m, void *user, void (*free_user)(void *))
{
	if (!m)
		return;
	if (m->user && m->free_user)
		m->free_user(m->user);
	m->user = user;
	m->free_user = free_user;
}

void manifest_begin(struct manifest *m)
{
	if (!m)
		return;
	struct mf_rec *r = m->cur;

	r->n_keys = r->n_vals = r->n_changed = 0;
	r->keys.len = r->vals.len = 0;
	m->mirror = m->have_prev;
	/* Records mostly repeat the keys of the one before: its keys (text
	 * and entries, chains of values included) are copied once, and a key
	 * that comes in the same place takes its entry as it is. */
	if (m->mirror) {
		const struct mf_rec *p = m->prev;

		if (buf_reserve(&r->keys, p->keys.len)) {
			m->mirror = false;
		} else {
			memcpy(r->keys.p, p->keys.p, p->keys.len);
			memcpy(r->key, p->key, p->n_keys * sizeof(r->key[0]));
			memset(r->changed, 0, p->n_keys);
		}
	}
	/* a new stamp empties the key table without touching it */
	if (++m->stamp == 0) {
		memset(m->slots, 0, sizeof(m->slots));
		m->stamp = 1;
	}
}

/* A cheap hash of a field name: its length, first and last eight octets
 * (names differ at their ends: flag.l, flag.a). Collisions are compared. */
static uint32_t key_hash(const char *k, size_t n)
{
	uint64_t a = 0, b = 0;

	memcpy(&a, k, n < 8 ? n : 8);
	if (n > 8)
		memcpy(&b, k + n - 8, 8);
	uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ n;

	return (uint32_t)(h ^ h >> 29 ^ h >> 47);
}

/* Nothing for JSON to escape (RFC 8259 7): no quote, backslash or control. */
static bool is_plain(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == '"' || p[i] == '\\')
			return false;
	return true;
}

/* Add key k (text at p) as the current record's next key: its index. */
static int32_t new_key(struct manifest *m, const char *p, const char *ptr, size_t klen,
		       uint32_t hash)
{
	struct mf_rec *r = m->cur;
	int e;

	if (r->n_keys == MF_MAX_KEYS) {
		set_err(m, -E2BIG);
		return -1;
	}
	if ((e = buf_reserve(&r->keys, klen + 1))) {
		set_err(m, e);
		return -1;
	}
	struct mf_key *k = &r->key[r->n_keys];

	k->ptr = ptr;
	k->off = (uint32_t)r->keys.len;
	k->len = (uint32_t)klen;
	k->hash = hash;
	k->first = k->last = -1;
	k->plain = is_plain(p, klen);
	r->changed[r->n_keys] = 0;
	memcpy(r->keys.p + r->keys.len, p, klen);
	r->keys.p[r->keys.len + klen] = '\0';
	r->keys.len += klen + 1;
	return (int32_t)r->n_keys++;
}

/* Following the record before: its key ki, entry and text already in place. */
static inline int32_t same_new_key(struct mf_rec *r, uint32_t ki)
{
	r->keys.len = r->key[ki].off + r->key[ki].len + 1;
	return (int32_t)r->n_keys++;
}

/* Chain value v (already filled in) to its key. */
static void link_value(struct mf_rec *r, uint32_t v)
{
	struct mf_key *k = &r->key[r->val[v].key];

	r->val[v].next = -1;
	if (k->last >= 0)
		r->val[k->last].next = (int32_t)v;
	else
		k->first = (int32_t)v;
	k->last = (int32_t)v;
}

/* The record stops following the one before: its keys go into the table. */
static void leave_mirror(struct manifest *m)
{
	struct mf_rec *r = m->cur;

	m->mirror = false;
	/* the chains were the record before's: made again from the values */
	for (size_t i = 0; i < r->n_keys; i++)
		r->key[i].first = r->key[i].last = -1;
	for (size_t i = 0; i < r->n_vals; i++)
		link_value(m->cur, (uint32_t)i);
	for (size_t i = 0; i < r->n_keys; i++) {
		uint32_t s = r->key[i].hash & (MF_SLOTS - 1);

		while (m->slots[s].stamp == m->stamp)
			s = (s + 1) & (MF_SLOTS - 1);
		m->slots[s].stamp = m->stamp;
		m->slots[s].idx = (uint32_t)i;
	}
}

/* A key as add() gets it: its text, the caller's pointer when the text is
 * stable (NULL otherwise), its length and hash once known. */
struct kin {
	const char *text, *ptr;
	size_t len;
	uint32_t hash;
	bool measured;
};

static void measure(struct kin *k)
{
	if (!k->measured) {
		k->len = strlen(k->text);
		k->hash = key_hash(k->text, k->len);
		k->measured = true;
	}
}

/* The key's index in the current record, added if new; -1 when full. */
static int32_t key_index(struct manifest *m, struct kin *in)
{
	struct mf_rec *r = m->cur;

	if (m->mirror) {
		const struct mf_rec *p = m->prev;

		if (r->n_vals < p->n_vals) {
			uint32_t ki = p->val[r->n_vals].key;
			const struct mf_key *pk = &p->key[ki];
			bool same = in->ptr && pk->ptr == in->ptr;

			if (!same) {
				measure(in);
				same = pk->hash == in->hash && pk->len == in->len &&
				       !memcmp(p->keys.p + pk->off, in->text, in->len);
			}
			if (same)
				return ki < r->n_keys ? (int32_t)ki : same_new_key(r, ki);
		}
		leave_mirror(m);
	}
	measure(in);
	for (uint32_t s = in->hash & (MF_SLOTS - 1);; s = (s + 1) & (MF_SLOTS - 1)) {
		struct mf_slot *sl = &m->slots[s];

		if (sl->stamp != m->stamp) {
			int32_t ki = new_key(m, in->text, in->ptr, in->len, in->hash);

			if (ki >= 0) {
				sl->stamp = m->stamp;
				sl->idx = (uint32_t)ki;
			}
			return ki;
		}
		const struct mf_key *k = &r->key[sl->idx];

		if (k->hash == in->hash && k->len == in->len &&
		    !memcmp(r->keys.p + k->off, in->text, in->len))
			return (int32_t)sl->idx;
	}
}

/* n octets equal (values are short: a loop beats a call) */
static inline bool same_octets(const char *a, const char *b, size_t n)
{
	if (n > 24)
		return !memcmp(a, b, n);
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* n octets copied (values are short: a loop beats a call) */
static inline void copy_octets(char *d, const char *s, size_t n)
{
	if (n > 24) {
		memcpy(d, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

static void add(struct manifest *m, struct kin *in, const char *value, size_t vlen, bool plain)
{
	struct mf_rec *r = m->cur;
	int32_t ki;
	int e;

	if (r->n_vals == MF_MAX_VALUES) {
		set_err(m, -E2BIG);
		return;
	}
	if ((ki = key_index(m, in)) < 0)
		return;
	if ((e = buf_reserve(&r->vals, vlen))) {
		set_err(m, e);
		return;
	}
	struct mf_value *v = &r->val[r->n_vals];

	v->off = (uint32_t)r->vals.len;
	v->len = (uint32_t)vlen & 0x7fffffff;
	v->plain = plain;
	v->key = (uint32_t)ki;
	copy_octets(r->vals.p + r->vals.len, value, vlen);
	r->vals.len += vlen;
	/* still following the record before: is the value its value too? */
	if (m->mirror) {
		const struct mf_value *pv = &m->prev->val[r->n_vals];

		if ((pv->len != vlen || !same_octets(m->prev->vals.p + pv->off, value, vlen)) &&
		    !r->changed[ki]) {
			r->changed[ki] = 1;
			r->changed_list[r->n_changed++] = (uint16_t)ki;
		}
		v->next = pv->next;
		r->n_vals++;
		return;
	}
	link_value(r, (uint32_t)r->n_vals++);
}

void manifest_mem(struct manifest *m, const char *key, const char *value, size_t vlen)
{
	struct kin in = { .text = key, .ptr = key };

	if (m)
		add(m, &in, value, vlen, is_plain(value, vlen));
}

/* A value made here (digits, hex, addresses): nothing to escape. */
static void add_plain(struct manifest *m, const char *key, const char *value, size_t vlen)
{
	struct kin in = { .text = key, .ptr = key };

	if (m)
		add(m, &in, value, vlen, true);
}

void manifest_set_error(struct manifest *m, int err)
{
	if (m)
		set_err(m, err);
}

/* ---- segments */

struct manifest_seg *manifest_seg_new(void)
{
	return calloc(1, sizeof(struct manifest_seg));
}

void manifest_seg_free(struct manifest_seg *s)
{
	if (s) {
		free(s->text.p);
		free(s->f);
	}
	free(s);
}

size_t manifest_mark(const struct manifest *m)
{
	return m ? m->cur->n_vals : 0;
}

void manifest_seg_save(struct manifest *m, size_t mark, struct manifest_seg *s)
{
	const struct mf_rec *r;
	int e;

	if (!m || !s)
		return;
	r = m->cur;
	s->n = 0;
	s->text.len = 0;
	s->placed = false;
	if (mark > r->n_vals)
		mark = r->n_vals;
	if (r->n_vals - mark > s->cap) {
		size_t cap = r->n_vals - mark + 8;
		void *f = realloc(s->f, cap * sizeof(*s->f));

		if (!f) {
			set_err(m, -ENOMEM);
			return;
		}
		s->f = f;
		s->cap = cap;
	}
	s->max_key = 0;
	for (size_t i = mark; i < r->n_vals; i++) {
		const struct mf_value *v = &r->val[i];
		const struct mf_key *k = &r->key[v->key];
		struct mf_seg_field *f = &s->f[s->n++];

		if (v->key > s->max_key)
			s->max_key = v->key;

		if ((e = buf_reserve(&s->text, k->len + v->len))) {
			set_err(m, e);
			s->n = 0;
			return;
		}
		f->ptr = k->ptr;
		f->koff = (uint32_t)s->text.len;
		f->klen = k->len;
		f->hash = k->hash;
		memcpy(s->text.p + s->text.len, r->keys.p + k->off, k->len);
		s->text.len += k->len;
		f->voff = (uint32_t)s->text.len;
		f->vlen = v->len;
		f->plain = v->plain;
		memcpy(s->text.p + s->text.len, r->vals.p + v->off, v->len);
		s->text.len += v->len;
	}
	s->rec = m->records;
	s->pos = mark;
	s->placed = true;
}

/* s went into the record before at this very position, and this record
 * has followed that one so far: its values are the record before's values
 * there, copied in one go, their keys the keys they had. */
static bool seg_copy(struct manifest *m, struct manifest_seg *s)
{
	struct mf_rec *r = m->cur;
	const struct mf_rec *p = m->prev;
	size_t pos = r->n_vals;

	if (!m->mirror || !s->placed || s->rec + 1 != m->records || s->pos != pos ||
	    pos + s->n > p->n_vals || r->n_vals + s->n > MF_MAX_VALUES)
		return false;
	if (!s->n)
		return true;
	uint32_t from = p->val[pos].off;
	const struct mf_value *lastv = &p->val[pos + s->n - 1];
	size_t bytes = lastv->off + lastv->len - from;

	if (buf_reserve(&r->vals, bytes))
		return false;
	memcpy(r->vals.p + r->vals.len, p->vals.p + from, bytes);
	int64_t shift = (int64_t)r->vals.len - (int64_t)from;

	r->vals.len += bytes;
	memcpy(&r->val[pos], &p->val[pos], s->n * sizeof(r->val[0]));
	if (shift)
		for (size_t i = pos; i < pos + s->n; i++)
			r->val[i].off = (uint32_t)((int64_t)r->val[i].off + shift);
	/* keys first seen here are new to the record: while it follows the
	 * one before, keys come in index order, entries already in place */
	if (s->max_key >= r->n_keys) {
		r->n_keys = s->max_key;
		same_new_key(r, s->max_key);
	}
	r->n_vals += s->n;
	return true;
}

void manifest_seg_put(struct manifest *m, struct manifest_seg *s)
{
	size_t pos;

	if (!m || !s)
		return;
	pos = m->cur->n_vals;
	if (!seg_copy(m, s)) {
		s->max_key = 0;
		for (size_t i = 0; i < s->n; i++) {
			const struct mf_seg_field *f = &s->f[i];
			struct kin in = { .text = s->text.p + f->koff, .ptr = f->ptr, .len = f->klen,
					  .hash = f->hash, .measured = true };

			add(m, &in, s->text.p + f->voff, f->vlen, f->plain);
			if (m->cur->n_vals > pos + i && m->cur->val[pos + i].key > s->max_key)
				s->max_key = m->cur->val[pos + i].key;
		}
	}
	s->rec = m->records;
	s->pos = pos;
	s->placed = true;
}

void manifest_str(struct manifest *m, const char *key, const char *value)
{
	manifest_mem(m, key, value, strlen(value));
}

void manifest_fmt(struct manifest *m, const char *key, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	if (!m)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	manifest_mem(m, key, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void manifest_uint(struct manifest *m, const char *key, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	add_plain(m, key, p, (size_t)(buf + sizeof(buf) - p));
}

static const char hexdig[] = "0123456789abcdef";

void manifest_hexint(struct manifest *m, const char *key, uint64_t v, unsigned octets)
{
	char buf[2 + 16];
	unsigned n = octets > 8 ? 8 : octets;

	buf[0] = '0';
	buf[1] = 'x';
	for (unsigned i = 0; i < 2 * n; i++)
		buf[2 + i] = hexdig[(v >> (4 * (2 * n - 1 - i))) & 15];
	add_plain(m, key, buf, 2 + 2 * n);
}

void manifest_bool(struct manifest *m, const char *key, int v)
{
	add_plain(m, key, v ? "1" : "0", 1);
}

void manifest_ipv6(struct manifest *m, const char *key, const uint8_t addr[16])
{
	char buf[NDP_IP6_TEXT_LEN];

	add_plain(m, key, buf, ndp_ip6_text(addr, buf));
}

void manifest_ether(struct manifest *m, const char *key, const uint8_t mac[6])
{
	char buf[NDP_MAC_TEXT_LEN];

	add_plain(m, key, buf, ndp_mac_text(mac, buf));
}

void manifest_hex(struct manifest *m, const char *key, const uint8_t *p, size_t n)
{
	char small[512];
	char *s = small;

	if (!m)
		return;
	if (2 * n > sizeof(small) && !(s = malloc(2 * n))) {
		set_err(m, -ENOMEM);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = hexdig[p[i] >> 4];
		s[2 * i + 1] = hexdig[p[i] & 15];
	}
	add_plain(m, key, n ? s : "", 2 * n);
	if (s != small)
		free(s);
}

/* ---- the line */

static void put(struct mf_buf *b, const char *s, size_t n)
{
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* The octets of a JSON string (RFC 8259 7) without its quotes: quote,
 * backslash and control characters escaped. The caller reserved six
 * octets per octet. */
static void put_escaped(struct mf_buf *b, const char *s, size_t n)
{
	char *o = b->p + b->len;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			*o++ = (char)c;
		} else if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else {
			memcpy(o, "\\u00", 4);
			o[4] = hexdig[c >> 4];
			o[5] = hexdig[c & 15];
			o += 6;
		}
	}
	b->len = (size_t)(o - b->p);
}

/* Octets of a key's values joined by ',' (tshark's occurrences). */
static size_t value_len(const struct mf_rec *r, const struct mf_key *k)
{
	size_t n = 0;

	for (int32_t i = k->first; i >= 0; i = r->val[i].next)
		n += r->val[i].len + 1;
	return n ? n - 1 : 0;
}

static int put_pair(struct manifest *m, const struct mf_rec *r, const struct mf_key *k,
		    bool first)
{
	struct mf_buf *b = &m->line;
	int e = buf_reserve(b, 6 * (k->len + value_len(r, k)) + 16);

	if (e)
		return e;
	if (!first)
		put(b, m->compact ? "," : ", ", m->compact ? 1 : 2);
	put(b, "\"", 1);
	if (k->plain)
		put(b, r->keys.p + k->off, k->len);
	else
		put_escaped(b, r->keys.p + k->off, k->len);
	put(b, m->compact ? "\":\"" : "\": \"", m->compact ? 3 : 4);
	for (int32_t i = k->first; i >= 0; i = r->val[i].next) {
		const struct mf_value *v = &r->val[i];

		if (i != k->first)
			put(b, ",", 1);
		if (v->plain)
			put(b, r->vals.p + v->off, v->len);
		else
			put_escaped(b, r->vals.p + v->off, v->len);
	}
	put(b, "\"", 1);
	return 0;
}

/* Same keys in the same order: equal key buffers (each key ends in NUL). */
static bool same_keys(const struct mf_rec *a, const struct mf_rec *b)
{
	return a->n_keys == b->n_keys && a->keys.len == b->keys.len &&
	       !memcmp(a->keys.p, b->keys.p, a->keys.len);
}

/* Key i's values equal in a and b (the same occurrences). */
static bool same_value(const struct mf_rec *a, const struct mf_rec *b, size_t i)
{
	int32_t x = a->key[i].first, y = b->key[i].first;

	for (; x >= 0 && y >= 0; x = a->val[x].next, y = b->val[y].next)
		if (a->val[x].len != b->val[y].len ||
		    memcmp(a->vals.p + a->val[x].off, b->vals.p + b->val[y].off, a->val[x].len))
			return false;
	return x < 0 && y < 0;
}

static int build_line(struct manifest *m, struct mf_rec *r)
{
	/* Followed the record before but ended early: the chains of values,
	 * taken from it, reach past this record's end. */
	if (m->mirror && r->n_vals != m->prev->n_vals)
		leave_mirror(m);
	/* followed the record before to its end: the same keys, each value
	 * compared as it came */
	bool followed = m->mirror && r->n_vals == m->prev->n_vals && r->n_keys == m->prev->n_keys;
	bool delta = m->compact && m->have_prev && (followed || same_keys(r, m->prev));
	bool first = true;
	int e;

	m->line.len = 0;
	if ((e = buf_reserve(&m->line, 16)))
		return e;
	put(&m->line, "{", 1);
	if (delta) {
		put(&m->line, "\"" MANIFEST_SAME_KEY "\":\"\"", strlen(MANIFEST_SAME_KEY) + 5);
		first = false;
	}
	if (delta && followed) {
		/* only the keys found changed, in key order */
		uint16_t *c = r->changed_list;

		for (size_t i = 1; i < r->n_changed; i++)
			for (size_t j = i; j > 0 && c[j - 1] > c[j]; j--) {
				uint16_t t = c[j];

				c[j] = c[j - 1];
				c[j - 1] = t;
			}
		for (size_t i = 0; i < r->n_changed; i++)
			if ((e = put_pair(m, r, &r->key[c[i]], false)))
				return e;
	} else {
		for (size_t i = 0; i < r->n_keys; i++) {
			if (delta && same_value(r, m->prev, i))
				continue;
			if ((e = put_pair(m, r, &r->key[i], first)))
				return e;
			first = false;
		}
	}
	if ((e = buf_reserve(&m->line, 2)))
		return e;
	put(&m->line, "}\n", 2);
	return 0;
}

void manifest_end(struct manifest *m)
{
	struct mf_rec *r;
	int e;

	if (!m)
		return;
	r = m->cur;
	if ((e = build_line(m, r))) {
		set_err(m, e);
		return;
	}
	errno = 0;
	if (fwrite(m->line.p, 1, m->line.len, m->f) != m->line.len) {
		set_err(m, -(errno ? errno : EIO));
		return;
	}
	m->records++;
	/* this record is the next one's comparison */
	m->cur = m->prev;
	m->prev = r;
	m->have_prev = true;
}

static void release(struct manifest *m, bool remove)
{
	if (m->f != stdout) {
		fclose(m->f);
		if (remove && m->path)
			unlink(m->path);
	}
	if (m->user && m->free_user)
		m->free_user(m->user);
	free(m->stdio_buf);
	free(m->path);
	free(m->line.p);
	rec_free(m->cur);
	rec_free(m->prev);
	free(m);
}

int manifest_close(struct manifest *m)
{
	int err;

	if (!m)
		return 0;
	err = m->err;
	errno = 0;
	if (fflush(m->f) != 0 && !err)
		err = -(errno ? errno : EIO);
	if (m->f != stdout) {
		errno = 0;
		if (fclose(m->f) != 0 && !err)
			err = -(errno ? errno : EIO);
		m->f = stdout;          /* closed: release() must not close it again */
		if (err && m->path)
			unlink(m->path);
	}
	release(m, false);
	return err;
}

void manifest_discard(struct manifest *m)
{
	if (m)
		release(m, true);
}
