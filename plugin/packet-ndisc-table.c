/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded set-associative tables for the ndisc analysis: see
 * packet-ndisc-table.h. One flat array instead of a chained hash map: no
 * node, no separate key, one or two cache lines per look-up. */
#include "packet-ndisc-table.h"

#define FIRST_BUCKETS 16
/* Ages compare as numbers: a kept record's above every other one's, then
 * the frame it was last seen (frames past 2^31 share the oldest ages). */
#define KEEP_BIT 0x80000000u
#define FRAME_AGE(f) ((f) > ~KEEP_BIT ? ~KEEP_BIT : (f))

struct ndisc_table {
	size_t rec_size;
	unsigned key_len;
	unsigned limit;                  /* records at most (power of two) */
	unsigned n_buckets;              /* power of two; 0 until first add */
	uint8_t *recs;                   /* n_buckets * WAYS records, file scope */
	uint8_t *tags;                   /* a hash octet per way, 0: free */
	uint32_t *ages;                  /* per way: KEEP_BIT | frame last seen */
};

/* Nothing stored: the first add allocates in the current file scope. */
static void
forget(struct ndisc_table *t)
{
	t->n_buckets = 0;
	t->recs = t->tags = NULL;
	t->ages = NULL;
}

/* The file scope's memory is gone: forget it even if no init routine
 * runs before the next look-up (as wmem's autoreset maps do). */
static compat_bool
file_freed(wmem_allocator_t *allocator _U_, wmem_cb_event_t event _U_, void *data)
{
	forget(data);
	return true;                     /* stay registered */
}

struct ndisc_table *
ndisc_table_new(size_t rec_size, unsigned key_len)
{
	struct ndisc_table *t = wmem_new0(wmem_epan_scope(), struct ndisc_table);

	DISSECTOR_ASSERT(rec_size >= sizeof(struct ndisc_table_rec) && key_len <= 17);
	t->rec_size = rec_size;
	t->key_len = key_len;
	t->limit = FIRST_BUCKETS * NDISC_TABLE_WAYS;
	wmem_register_callback(wmem_file_scope(), file_freed, t);
	return t;
}

void
ndisc_table_reset(struct ndisc_table *t, unsigned limit)
{
	unsigned l = FIRST_BUCKETS * NDISC_TABLE_WAYS;

	while (l < limit && l < (1u << 30))
		l <<= 1;
	t->limit = l;
	forget(t);                       /* file scope: freed with the file */
}

/* Words of the key folded, then a full 64-bit finaliser (MurmurHash3's
 * fmix64 constants): the bucket comes from the low bits, and addresses
 * often differ in their last octet only, the top bits of a little-endian
 * word. Not keyed: capture contents are not chosen against a dissector's
 * tables, and the limit bounds what a collision flood can cost. */
static uint64_t
key_hash(const uint8_t *k, unsigned n)
{
	uint64_t h = n, w;
	unsigned i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, k + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 32;
	}
	for (; i < n; i++)
		h = (h ^ k[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

/* The bucket from the low bits, the tag (never 0) from the top ones: a
 * look-up reads the bucket's eight tags and compares keys only where the
 * tag matches. */
static unsigned
bucket_of(const struct ndisc_table *t, uint64_t h)
{
	return (unsigned)h & (t->n_buckets - 1);
}

static uint8_t
tag_of(uint64_t h)
{
	return (uint8_t)(h >> 56) | 1;
}

static struct ndisc_table_rec *
rec_at(const struct ndisc_table *t, unsigned bucket, unsigned way)
{
	return (struct ndisc_table_rec *)(t->recs +
					  ((size_t)bucket * NDISC_TABLE_WAYS + way) * t->rec_size);
}

void *
ndisc_table_find(struct ndisc_table *t, const uint8_t *key)
{
	const uint8_t *tags;
	uint64_t h;
	unsigned b, w;
	uint8_t tag;

	if (!t->recs)
		return NULL;
	h = key_hash(key, t->key_len);
	b = bucket_of(t, h);
	tag = tag_of(h);
	tags = t->tags + (size_t)b * NDISC_TABLE_WAYS;
	for (w = 0; w < NDISC_TABLE_WAYS && tags[w]; w++) {
		/* ways fill in order and are never freed */
		if (tags[w] == tag) {
			struct ndisc_table_rec *r = rec_at(t, b, w);
			if (memcmp(r->key, key, t->key_len) == 0)
				return r;
		}
	}
	return NULL;
}

/* Doubles the buckets: the records of old bucket b go to b or b + old, so
 * no new bucket can overflow. */
static void
grow(struct ndisc_table *t)
{
	unsigned old_n = t->n_buckets, n = old_n ? old_n * 2 : FIRST_BUCKETS, b, w;
	struct ndisc_table old_t = *t;

	t->recs = wmem_alloc(wmem_file_scope(), (size_t)n * NDISC_TABLE_WAYS * t->rec_size);
	t->tags = wmem_alloc0(wmem_file_scope(), (size_t)n * NDISC_TABLE_WAYS);
	t->ages = wmem_alloc(wmem_file_scope(), (size_t)n * NDISC_TABLE_WAYS * sizeof(uint32_t));
	t->n_buckets = n;
	for (b = 0; b < old_n; b++) {
		for (w = 0; w < NDISC_TABLE_WAYS && old_t.tags[b * NDISC_TABLE_WAYS + w]; w++) {
			struct ndisc_table_rec *r = rec_at(&old_t, b, w);
			uint64_t h = key_hash(r->key, t->key_len);
			unsigned nb = bucket_of(t, h), nw;
			uint8_t *tags = t->tags + (size_t)nb * NDISC_TABLE_WAYS;

			for (nw = 0; tags[nw]; nw++)
				;
			tags[nw] = tag_of(h);
			t->ages[(size_t)nb * NDISC_TABLE_WAYS + nw] =
				old_t.ages[(size_t)b * NDISC_TABLE_WAYS + w];
			memcpy(rec_at(t, nb, nw), r, t->rec_size);
		}
	}
	wmem_free(wmem_file_scope(), old_t.recs);
	wmem_free(wmem_file_scope(), old_t.tags);
	wmem_free(wmem_file_scope(), old_t.ages);
}

void *
ndisc_table_add(struct ndisc_table *t, const uint8_t *key, uint32_t frame)
{
	struct ndisc_table_rec *r;
	uint64_t h = key_hash(key, t->key_len);
	uint8_t tag = tag_of(h), *tags;
	uint32_t *ages, age = FRAME_AGE(frame);
	unsigned b, w, vw;

	if (!t->recs)
		grow(t);
	for (;;) {
		b = bucket_of(t, h);
		tags = t->tags + (size_t)b * NDISC_TABLE_WAYS;
		ages = t->ages + (size_t)b * NDISC_TABLE_WAYS;
		for (w = 0; w < NDISC_TABLE_WAYS; w++) {
			if (!tags[w]) {
				vw = w;
				goto fresh;
			}
			if (tags[w] == tag) {
				r = rec_at(t, b, w);
				if (memcmp(r->key, key, t->key_len) == 0) {
					ages[w] = (ages[w] & KEEP_BIT) | age;
					return r;
				}
			}
		}
		if ((size_t)t->n_buckets * NDISC_TABLE_WAYS >= t->limit)
			break;
		grow(t);
	}
	/* full at the limit: the record seen longest ago, kept ones last */
	for (vw = 0, w = 1; w < NDISC_TABLE_WAYS; w++)
		if (ages[w] < ages[vw])
			vw = w;
fresh:
	tags[vw] = tag;
	ages[vw] = age;
	r = rec_at(t, b, vw);
	memset(r, 0, t->rec_size);
	memcpy(r->key, key, t->key_len);
	return r;
}

void
ndisc_table_keep(struct ndisc_table *t, const void *rec, bool keep)
{
	size_t i = (size_t)((const uint8_t *)rec - t->recs) / t->rec_size;

	if (keep)
		t->ages[i] |= KEEP_BIT;
	else
		t->ages[i] &= ~KEEP_BIT;
}

struct ndisc_table *ndisc_hosts;
unsigned ndisc_state_limit = 65536;
