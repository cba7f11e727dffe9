/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp --manifest: one JSON object per packet whose keys are the
 * ndisc dissector's display-filter fields and whose values are printed the
 * way tshark -T fields prints them. The option fields come from the codec's
 * field table (codec/ndp_fields.c), one row each.
 *
 * A run of a million packets mostly repeats itself: the fields of a part
 * (the IPv6 addresses, the message header, each option) depend only on its
 * octets, so a part whose octets equal the same part of the packet before
 * adds its saved fields again (manifest_seg_put) instead of formatting
 * them. The memory of the parts lives with the manifest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "ndp_fields.h"
#include "ndpg.h"

struct mfk {
	struct manifest *mf;
	char key[96];
	uint8_t type;
	const struct ndp_field *rows;   /* the type's rows (K's cache index) */
	size_t n_rows;
	const uint8_t *wire;            /* the option as written */
	size_t wire_len;
};

/* The display-filter name of row f of option type k->type: built once per
 * row and kept for the process (a million records ask for the same forty
 * names; sockgen is single-threaded). */
static const char *K(struct mfk *k, const struct ndp_field *f)
{
	static char **cache[256];
	size_t n = 0;
	const struct ndp_field *rows = k->rows ? k->rows : ndp_fields_of(k->type, &n);
	size_t i = (size_t)(f - rows);

	if (k->rows)
		n = k->n_rows;
	if (rows && i < n) {
		if (!cache[k->type])
			cache[k->type] = calloc(n, sizeof(char *));
		if (cache[k->type] && cache[k->type][i])
			return cache[k->type][i];
	}
	ndp_field_name(k->type, f, k->key, sizeof(k->key));
	if (rows && i < n && cache[k->type] && (cache[k->type][i] = strdup(k->key)))
		return cache[k->type][i];
	/* The manifest knows keys by their address: a name in a buffer that
	 * changes cannot be one. Out of memory: the run fails. */
	manifest_set_error(k->mf, -ENOMEM);
	return k->key;
}

/* The rest of the option from octet off (padding included), as bytes. */
static void tail(struct mfk *k, const struct ndp_field *f, size_t off)
{
	if (k->wire_len > off)
		manifest_hex(k->mf, K(k, f), k->wire + off, k->wire_len - off);
}

/* Length of the DER SEQUENCE at p (X.690 8.1.3, definite form, at most 4
 * length octets), header included, or 0 when it is not one or overruns. */
static size_t der_len(const uint8_t *p, size_t n)
{
	size_t len = 0, hdr = 2;

	if (n < 2 || p[0] != 0x30)
		return 0;
	if (p[1] & 0x80) {
		size_t m = p[1] & 0x7f;

		if (m == 0 || m > 4 || n < 2 + m)
			return 0;
		for (size_t i = 0; i < m; i++)
			len = len << 8 | p[2 + i];
		hdr += m;
	} else {
		len = p[1];
	}
	return len <= n - hdr ? hdr + len : 0;
}

/* DNS wire names as dotted text, one occurrence each (at most one when
 * first_only: a trust anchor's FQDN). */
static void names(struct mfk *k, const struct ndp_field *f, struct ndp_bytes v,
		  bool first_only)
{
	size_t off = 0;
	char name[300];

	while (ndp_dns_name_decode(v.data, v.len, &off, name, sizeof(name)) == 0) {
		manifest_str(k->mf, K(k, f), name);
		if (first_only)
			break;
	}
}

/* ---- the fields that depend on others (NDP_FIELD_SPECIAL rows) */

/* RFC 4861 4.6.1: Ethernet's 6 octets are a MAC, other link layers raw. */
static void lla_field(struct mfk *k, const struct ndp_field *f, const struct ndp_opt *o)
{
	bool mac = o->u.lla.addr.len == 6;

	if (!strcmp(f->suffix, "addr") && mac)
		manifest_ether(k->mf, K(k, f), o->u.lla.addr.data);
	else if (!strcmp(f->suffix, "addr.raw") && !mac)
		tail(k, f, 2);
}

/* RFC 3971 6.4.3: the name is an FQDN only for name type 2. */
static void trust_anchor_field(struct mfk *k, const struct ndp_field *f,
			       const struct ndp_opt *o)
{
	if (o->u.trust_anchor.name_type == 2)
		names(k, f, o->u.trust_anchor.name, true);
}

/* RFC 3971 6.4.4: the certificate is one DER element; what follows is
 * padding. Without a DER element, all of it is the certificate. */
static void certificate_field(struct mfk *k, const struct ndp_field *f,
			      const struct ndp_opt *o)
{
	size_t n = k->wire_len > 4 ? der_len(k->wire + 4, k->wire_len - 4) : 0;

	(void)o;
	if (!strcmp(f->suffix, "cert")) {
		if (!n)
			tail(k, f, 4);
		else
			manifest_hex(k->mf, K(k, f), k->wire + 4, n);
	} else if (n && k->wire_len > 4 + n) {
		manifest_hex(k->mf, K(k, f), k->wire + 4 + n, k->wire_len - 4 - n);
	}
}

static void special_field(struct mfk *k, const struct ndp_field *f, const struct ndp_opt *o)
{
	switch (f->type) {
	case NDP_OPT_SLLA: lla_field(k, f, o); break;
	case NDP_OPT_TRUST_ANCHOR: trust_anchor_field(k, f, o); break;
	case NDP_OPT_CERTIFICATE: certificate_field(k, f, o); break;
	default: break;
	}
}

/* One row of the codec's field table, printed as tshark -T fields would. */
static void field(struct mfk *k, const struct ndp_field *f, const struct ndp_opt *o)
{
	const void *p = ndp_field_cptr(f, o);
	const struct ndp_bytes *v = p;

	switch (f->kind) {
	case NDP_FIELD_UINT:
		manifest_uint(k->mf, K(k, f), ndp_field_get_uint(f, o));
		break;
	case NDP_FIELD_INT:
		manifest_fmt(k->mf, K(k, f), "%lld", (long long)ndp_field_get_int(f, o));
		break;
	case NDP_FIELD_BOOL:
		manifest_bool(k->mf, K(k, f), (int)ndp_field_get_uint(f, o));
		break;
	case NDP_FIELD_BIT:
		manifest_bool(k->mf, K(k, f), !!(ndp_field_get_uint(f, o) & f->mask));
		break;
	case NDP_FIELD_IPV6:
		manifest_ipv6(k->mf, K(k, f), p);
		break;
	case NDP_FIELD_OCTETS:
		manifest_hex(k->mf, K(k, f), p, f->size);
		break;
	case NDP_FIELD_BYTES:
		if (v->len)
			manifest_hex(k->mf, K(k, f), v->data, v->len);
		break;
	case NDP_FIELD_TEXT: {
		char text[2048];
		size_t n = v->len < sizeof(text) - 1 ? v->len : sizeof(text) - 1;

		if (n)
			memcpy(text, v->data, n);
		text[n] = '\0';
		manifest_str(k->mf, K(k, f), text);
		break;
	}
	case NDP_FIELD_ADDRS:
		for (size_t i = 0; i < ndp_addr_count(*v); i++)
			manifest_ipv6(k->mf, K(k, f), ndp_addr_at(*v, i));
		break;
	case NDP_FIELD_NAMES:
		names(k, f, *v, false);
		break;
	case NDP_FIELD_VIEW_LEN:
		manifest_uint(k->mf, K(k, f), v->len);
		break;
	case NDP_FIELD_TAIL:
		tail(k, f, f->off);
		break;
	case NDP_FIELD_SPECIAL:
		special_field(k, f, o);
		break;
	}
}

static void opt_fields(struct mfk *k, const struct ndp_opt *o)
{
	size_t n;
	const struct ndp_field *f = ndp_fields_of(o->type, &n);

	k->rows = f;
	k->n_rows = n;
	for (size_t i = 0; i < n; i++)
		if (f[i].suffix && ndp_field_present(&f[i], o))
			field(k, &f[i], o);
}

static void header_fields(struct manifest *mf, const struct ndp_msg *msg)
{
	switch (msg->type) {
	case NDP_RA: {
		const struct ndp_ra *ra = &msg->h.ra;

		manifest_uint(mf, "ndisc.ra.cur_hop_limit", ra->cur_hop_limit);
		manifest_bool(mf, "ndisc.ra.flag.m", ra->flag_m);
		manifest_bool(mf, "ndisc.ra.flag.o", ra->flag_o);
		manifest_bool(mf, "ndisc.ra.flag.h", ra->flag_h);
		manifest_uint(mf, "ndisc.ra.prf", ra->prf);
		manifest_bool(mf, "ndisc.ra.flag.p", ra->flag_p);
		manifest_uint(mf, "ndisc.ra.router_lifetime", ra->router_lifetime);
		manifest_uint(mf, "ndisc.ra.reachable", ra->reachable);
		manifest_uint(mf, "ndisc.ra.retrans", ra->retrans);
		break;
	}
	case NDP_NS:
		manifest_ipv6(mf, "ndisc.ns.target", msg->h.ns.target);
		break;
	case NDP_NA:
		manifest_bool(mf, "ndisc.na.flag.r", msg->h.na.flag_r);
		manifest_bool(mf, "ndisc.na.flag.s", msg->h.na.flag_s);
		manifest_bool(mf, "ndisc.na.flag.o", msg->h.na.flag_o);
		manifest_ipv6(mf, "ndisc.na.target", msg->h.na.target);
		break;
	case NDP_REDIRECT:
		manifest_ipv6(mf, "ndisc.redirect.target", msg->h.redirect.target);
		manifest_ipv6(mf, "ndisc.redirect.destination", msg->h.redirect.destination);
		break;
	case NDP_CPS:
		manifest_uint(mf, "ndisc.cps.identifier", msg->h.cps.identifier);
		manifest_uint(mf, "ndisc.cps.component", msg->h.cps.component);
		break;
	case NDP_CPA:
		manifest_uint(mf, "ndisc.cpa.identifier", msg->h.cpa.identifier);
		manifest_uint(mf, "ndisc.cpa.all_components", msg->h.cpa.all_components);
		manifest_uint(mf, "ndisc.cpa.component", msg->h.cpa.component);
		break;
	default:
		break;
	}
}

/* ---- the parts of the packet before */

#define N_PARTS (2 + NDP_MAX_OPTS)      /* addresses, header, options */

struct part {
	struct manifest_seg *seg;
	uint8_t *key;           /* the octets the fields came from */
	size_t len, cap;
	bool valid;             /* seg holds the fields of key */
	unsigned misses;        /* packets in a row it changed */
};

struct memo {
	struct part part[N_PARTS];
};

static void memo_free(void *p)
{
	struct memo *c = p;

	for (size_t i = 0; i < N_PARTS; i++) {
		manifest_seg_free(c->part[i].seg);
		free(c->part[i].key);
	}
	free(c);
}

static struct memo *memo_of(struct manifest *mf)
{
	struct memo *c = manifest_user(mf);

	if (!c && (c = calloc(1, sizeof(*c))))
		manifest_set_user(mf, c, memo_free);
	return c;
}

/* The key of a part: its octets (a, b concatenated). */
struct key {
	const uint8_t *a, *b;
	size_t na, nb;
};

static bool same_key(const struct part *p, const struct key *k)
{
	return p->len == k->na + k->nb && !memcmp(p->key, k->a, k->na) &&
	       (!k->nb || !memcmp(p->key + k->na, k->b, k->nb));
}

/* true when part p came from the same octets: its fields are added again. */
static bool reuse(struct manifest *mf, struct part *p, const struct key *k)
{
	if (!p->valid || !same_key(p, k))
		return false;
	manifest_seg_put(mf, p->seg);
	p->misses = 0;
	return true;
}

/* Remember the fields added since mark as part p, from the octets k. */
static void keep(struct manifest *mf, struct part *p, const struct key *k, size_t mark)
{
	size_t n = k->na + k->nb;
	/* A part that changes with every packet (a nonce, a counter) is not
	 * worth saving: after two changes in a row only its octets are kept,
	 * until it comes twice the same. */
	bool save = ++p->misses <= 2 || (!p->valid && same_key(p, k));

	p->valid = false;
	if (!p->seg && !(p->seg = manifest_seg_new()))
		return;
	if (n > p->cap) {
		uint8_t *q = realloc(p->key, n);

		if (!q)
			return;
		p->key = q;
		p->cap = n;
	}
	memcpy(p->key, k->a, k->na);
	if (k->nb)
		memcpy(p->key + k->na, k->b, k->nb);
	p->len = n;
	if (!save)
		return;
	manifest_seg_save(mf, mark, p->seg);
	p->valid = true;
}

static void address_fields(struct manifest *mf, const struct ndpg_msg *m)
{
	manifest_ipv6(mf, "ipv6.src", m->src);
	manifest_ipv6(mf, "ipv6.dst", m->dst);
	manifest_uint(mf, "ipv6.hlim", (uint64_t)m->hop_limit);
	manifest_uint(mf, "ndisc.type", m->msg.type);
	manifest_uint(mf, "ndisc.code", m->msg.code);
}

/* One option's fields, type and length as on the wire (after --opt-len). */
static void option_fields(struct mfk *k, const struct ndp_opt *o)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);

	manifest_uint(k->mf, "ndisc.opt.type", k->wire[0]);
	manifest_uint(k->mf, "ndisc.opt.len", k->wire[1]);
	if (d && !o->err && !o->raw) {
		k->type = o->type;
		opt_fields(k, o);
	} else if (!d && k->wire_len > 2) {
		/* a type the table does not know: its body as data */
		manifest_hex(k->mf, "ndisc.opt.data", k->wire + 2, k->wire_len - 2);
	}
}

void ndpg_manifest(struct manifest *mf, const struct ndpg_msg *m,
		   const uint8_t *icmp, size_t len)
{
	struct mfk k = { .mf = mf };
	struct memo *c;
	size_t mark, hdr_end = len;
	uint8_t addr[2 * 16 + 3];

	if (!mf)
		return;
	c = memo_of(mf);
	manifest_begin(mf);

	/* addresses, hop limit, type and code */
	memcpy(addr, m->src, 16);
	memcpy(addr + 16, m->dst, 16);
	addr[32] = (uint8_t)m->hop_limit;
	addr[33] = m->msg.type;
	addr[34] = m->msg.code;
	struct key ka = { addr, NULL, sizeof(addr), 0 };

	if (!c || !reuse(mf, &c->part[0], &ka)) {
		mark = manifest_mark(mf);
		address_fields(mf, m);
		if (c)
			keep(mf, &c->part[0], &ka, mark);
	}
	if (len >= 4) {
		manifest_hexint(mf, "ndisc.checksum", (unsigned)icmp[2] << 8 | icmp[3], 2);
		/* tshark's checksum status: 1 good, 0 bad */
		manifest_uint(mf, "ndisc.checksum.status", m->bad_checksum ? 0 : 1);
	}
	/* the message's own fields: from its octets after the checksum */
	if (m->msg.n_opts && m->span[0].off < len)
		hdr_end = m->span[0].off;
	struct key kh = { icmp, hdr_end > 4 ? icmp + 4 : NULL, len < 1 ? len : 1,
			  hdr_end > 4 ? hdr_end - 4 : 0 };

	if (!c || !reuse(mf, &c->part[1], &kh)) {
		mark = manifest_mark(mf);
		header_fields(mf, &m->msg);
		if (c)
			keep(mf, &c->part[1], &kh, mark);
	}
	/* The options at the spans the encoder recorded; a patched length
	 * may not be walkable, so the spans, not the length octets, say
	 * where each option is. */
	for (size_t i = 0; i < m->msg.n_opts; i++) {
		const struct ndp_opt *o = &m->msg.opts[i];
		size_t off = m->span[i].off, ol = m->span[i].len;

		if (off + 2 > len)
			break;
		k.wire = icmp + off;
		k.wire_len = off + ol <= len ? ol : len - off;
		/* what decides the fields: how the option was given, its octets */
		uint8_t how[2] = { o->type, (uint8_t)((o->err ? 1 : 0) | (o->raw ? 2 : 0)) };
		struct key ko = { how, k.wire, sizeof(how), k.wire_len };
		struct part *p = c && i + 2 < N_PARTS ? &c->part[i + 2] : NULL;

		if (p && reuse(mf, p, &ko))
			continue;
		mark = manifest_mark(mf);
		option_fields(&k, o);
		if (p)
			keep(mf, p, &ko, mark);
	}
	manifest_end(mf);
}
