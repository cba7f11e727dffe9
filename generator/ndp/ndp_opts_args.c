/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp: one command-line flag per ND option type (IANA "IPv6
 * Neighbor Discovery Option Formats"), each turning its argument into the
 * codec's typed option struct. Sub-fields follow the value after commas. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndp_fields.h"
#include "ndpg.h"
#include "sockgen.h"

/* ---- tokenizer: "VALUE,key=val,FLAG,..." */

/* A copy of arg in the arena, so views and tokens may point into it. */
static char *arg_copy(struct ndpg_msg *m, const char *arg)
{
	size_t n = strlen(arg) + 1;
	char *p = (char *)ndpg_alloc(m, n);

	if (p)
		memcpy(p, arg, n);
	return p;
}

static char *tok_next(char **cur)
{
	char *t = *cur, *comma;

	if (!t)
		return NULL;
	comma = strchr(t, ',');
	if (comma) {
		*comma = '\0';
		*cur = comma + 1;
	} else {
		*cur = NULL;
	}
	return t;
}

/* "key=value": value or NULL when tok is not that key. */
static const char *kv(const char *tok, const char *key)
{
	size_t n = strlen(key);

	if (!strncmp(tok, key, n) && tok[n] == '=')
		return tok + n + 1;
	return NULL;
}

static const char *dns_append(struct ndpg_msg *m, const char *name,
			      struct ndp_bytes *b);

#define WHY(...) (snprintf(m->why, sizeof(m->why), __VA_ARGS__), m->why)
#define NOMEM "too long for one message"

/* Parse a number sub-field "key=N" with range. */
static const char *sub_uint(struct ndpg_msg *m, const char *key, const char *val,
			    uint64_t max, uint64_t *out)
{
	const char *r = ndpg_parse_uint(val, max, out);

	return r ? WHY("%s '%s': %s (0..%llu)", key, val, r, (unsigned long long)max) : NULL;
}

static const char *sub_life(struct ndpg_msg *m, const char *key, const char *val,
			    uint64_t max, uint64_t *out)
{
	const char *r = ndpg_parse_lifetime(val, max, out);

	return r ? WHY("%s '%s': %s", key, val, r) : NULL;
}

static const char *unknown_sub(struct ndpg_msg *m, const char *tok)
{
	return WHY("unknown sub-field '%s'", tok);
}

/* Hex into a view. */
static const char *hex_view(struct ndpg_msg *m, const char *s, struct ndp_bytes *b)
{
	const char *r = ndpg_parse_hex(m, s, &b->data, &b->len);

	if (r)
		return WHY("'%s': %s", s, r);
	return NULL;
}

/* Addresses "A,B,C" (tokens already split) appended to a view. */
static const char *addr_append(struct ndpg_msg *m, const char *tok, struct ndp_bytes *b)
{
	uint8_t *p;

	if (!b->data)
		b->data = m->store + m->store_len;
	if (b->data + b->len != m->store + m->store_len)
		return "addresses must be contiguous";
	p = ndpg_alloc(m, 16);
	if (!p)
		return NOMEM;
	if (ndpg_parse_ipv6(tok, p)) {
		m->store_len -= 16;
		return WHY("'%s': not an IPv6 address", tok);
	}
	b->len += 16;
	return NULL;
}

/* ---- sub-fields from the codec's field table (codec/ndp_fields.c) */

/* One option's sub-field walk: what was given so far, and tokens an
 * option collects to place after the others (arena views must be
 * contiguous). */
struct sub {
	struct ndpg_msg *m;
	struct ndp_opt *o;
	uint64_t given;                 /* bit i: row i of the option's rows */
	char *list[64];
	size_t n_list;
};

/* An option's own tokens, tried when no row takes one: NULL or the reason;
 * *taken says whether it was the option's. */
typedef const char *(*sub_own_fn)(struct sub *s, char *tok, bool *taken);
/* Called after a row's value is stored (a value that moves another). */
typedef const char *(*sub_after_fn)(struct sub *s, const struct ndp_field *f);

static bool sub_given(const struct sub *s, const char *key)
{
	size_t n;
	const struct ndp_field *base = ndp_fields_of(s->o->type, &n);
	const struct ndp_field *f = ndp_field_cli(s->o->type, key);

	return base && f && (s->given >> (f - base) & 1);
}

/* The row whose sub-field tok names: a flag letter for a flag, KEY=VALUE
 * for a value (*val then points past '='). */
static const struct ndp_field *sub_row(uint8_t type, char *tok, const char **val)
{
	char *eq = strchr(tok, '=');
	const struct ndp_field *f;

	*val = NULL;
	if (!eq) {
		f = ndp_field_cli(type, tok);
		return f && f->kind == NDP_FIELD_BOOL ? f : NULL;
	}
	*eq = '\0';
	f = ndp_field_cli(type, tok);
	*eq = '=';
	*val = eq + 1;
	return f && f->kind != NDP_FIELD_BOOL ? f : NULL;
}

static const char *sub_set(struct sub *s, const struct ndp_field *f, const char *val)
{
	struct ndpg_msg *m = s->m;
	const char *r;
	uint64_t v;
	int64_t i;

	switch (f->kind) {
	case NDP_FIELD_BOOL:
		ndp_field_set_uint(f, s->o, 1);
		return NULL;
	case NDP_FIELD_INT:
		if (ndpg_parse_int(val, f->min, (int64_t)f->max, &i))
			return WHY("%s '%s': must be %lld..%lld", f->cli, val, (long long)f->min,
				   (long long)f->max);
		ndp_field_set_int(f, s->o, i);
		return NULL;
	case NDP_FIELD_BYTES:
		return hex_view(m, val, ndp_field_ptr(f, s->o));
	default:
		r = f->seconds ? sub_life(m, f->cli, val, f->max, &v) :
		    sub_uint(m, f->cli, val, f->max, &v);
		if (r)
			return r;
		if (!v && f->zero_why)
			return f->zero_why;
		ndp_field_set_uint(f, s->o, v);
		return NULL;
	}
}

/* The tokens after an option's leading value: each a sub-field of the
 * option's rows, else one the option takes itself, else unknown. */
static const char *subfields(struct sub *s, char **cur, sub_own_fn own, sub_after_fn after)
{
	size_t n;
	const struct ndp_field *base = ndp_fields_of(s->o->type, &n);
	char *t;

	while ((t = tok_next(cur))) {
		const char *val, *r;
		const struct ndp_field *f = sub_row(s->o->type, t, &val);
		bool taken = false;

		if (f) {
			if ((r = sub_set(s, f, val)))
				return r;
			s->given |= UINT64_C(1) << (f - base);
			if (after && (r = after(s, f)))
				return r;
			continue;
		}
		if (own && (r = own(s, t, &taken)))
			return r;
		if (!taken)
			return unknown_sub(s->m, t);
	}
	return NULL;
}

/* Start a walk: the argument copied into the arena, split from there. */
static char *sub_start(struct sub *s, struct ndpg_msg *m, struct ndp_opt *o, const char *arg)
{
	memset(s, 0, sizeof(*s));
	s->m = m;
	s->o = o;
	return arg_copy(m, arg);
}

/* ADDR[,sub-fields...]: an address first (ABRO, MAP, RD address). */
static const char *addr_then_subfields(struct ndpg_msg *m, const char *arg, struct ndp_opt *o,
				       uint8_t addr[16], sub_own_fn own)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_ipv6(t, addr)))
		return WHY("'%s': %s", t, r);
	return subfields(&s, &cur, own, NULL);
}

/* P/LEN[,sub-fields...]: a prefix first (prefix information, route
 * information, 6LoWPAN context). */
static const char *prefix_then_subfields(struct ndpg_msg *m, const char *arg, struct ndp_opt *o,
					 uint8_t prefix[16], uint8_t *len, sub_own_fn own,
					 sub_after_fn after)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, prefix, len)))
		return r;
	return subfields(&s, &cur, own, after);
}

/* ---- one parser per option */

static const char *p_lla(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint8_t *mac = ndpg_alloc(m, 6);

	if (!mac)
		return NOMEM;
	if (!ndpg_parse_mac(arg, mac)) {
		o->u.lla.addr.data = mac;
		o->u.lla.addr.len = 6;
		return NULL;
	}
	m->store_len -= 6;
	/* Other link layers (RFC 4861 4.6.1: "variable length"): hex:OCTETS. */
	if (!strncmp(arg, "hex:", 4)) {
		if (hex_view(m, arg + 4, &o->u.lla.addr) || !o->u.lla.addr.len)
			return "hex:OCTETS: not a hex link-layer address";
		return NULL;
	}
	return "not a MAC address (xx:xx:xx:xx:xx:xx; hex:OCTETS for other link layers)";
}

/* RFC 4861 6.2.1: valid= alone lowers the default preferred lifetime to it. */
static const char *prefix_after(struct sub *s, const struct ndp_field *f)
{
	struct ndp_opt_prefix *p = &s->o->u.prefix;

	if (!strcmp(f->cli, "valid") && !sub_given(s, "preferred") && p->preferred > p->valid)
		p->preferred = p->valid;
	return NULL;
}

static const char *p_prefix(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	/* RFC 4861 6.2.1 defaults: AdvValidLifetime 30 d, AdvPreferredLifetime 7 d. */
	o->u.prefix.valid = 2592000;
	o->u.prefix.preferred = 604800;
	return prefix_then_subfields(m, arg, o, o->u.prefix.prefix, &o->u.prefix.len, NULL,
				     prefix_after);
}

/* Redirected header: IP header + data; padded with zeros to 8 octets. */
static const char *p_redirected(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	const char *r = hex_view(m, arg, &o->u.redirected.data);

	if (r)
		return r;
	/* RFC 4861 4.6.3: as much of the redirected packet as fits, so at
	 * least its IPv6 header. */
	if (o->u.redirected.data.len < 40 || o->u.redirected.data.data[0] >> 4 != 6)
		return "must start with an IPv6 header (at least 40 octets, version 6)";
	return NULL;
}

/* The parser's reason ("not a number", "out of range") with the range. */
static const char *why_range(struct ndpg_msg *m, const char *why, const char *range)
{
	snprintf(m->why, sizeof(m->why), "%s (%s)", why, range);
	return m->why;
}

static const char *p_mtu(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint64_t v;
	const char *r;

	if ((r = ndpg_parse_uint(arg, UINT32_MAX, &v)))
		return why_range(m, r, "1280..4294967295");
	if (v < 1280)
		return "MTU must be at least 1280 (RFC 8200 5); for a negative test send the raw option, "
		       "e.g. --opt 5:0000000003e8";
	o->u.mtu.mtu = (uint32_t)v;
	return NULL;
}

static const char *p_nbma(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint64_t v;

	(void)m;
	if (ndpg_parse_uint(arg, 255, &v))
		return "shortcut limit must be 0..255";
	o->u.nbma.limit = (uint8_t)v;
	return NULL;
}

static const char *p_adv_interval(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint64_t v;

	const char *r;

	if ((r = ndpg_parse_uint(arg, UINT32_MAX, &v)))
		return why_range(m, r, "milliseconds, 0..4294967295");
	o->u.adv_interval.interval = (uint32_t)v;
	return NULL;
}

static const char *p_ha_info(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg);

	if (!cur)
		return NOMEM;
	/* RFC 6275 7.4: lifetime defaults to the router lifetime; 1800 s here. */
	o->u.ha_info.lifetime = 1800;
	return subfields(&s, &cur, NULL, NULL);
}

static const char *p_addr_list(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *r;

	if (!cur)
		return NOMEM;
	o->u.addr_list.addrs.data = NULL;
	while ((t = tok_next(&cur)))
		if ((r = addr_append(m, t, &o->u.addr_list.addrs)))
			return r;
	if (!o->u.addr_list.addrs.len)
		return "needs at least one address";
	return NULL;
}

/* CGA (RFC 3971 5.1): parameters as hex; the padding makes 8-octet units. */
static const char *p_cga(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_cga *c = &o->u.cga;
	const char *r = hex_view(m, arg, &c->params);
	size_t pad;

	if (r)
		return r;
	/* RFC 3972 3: modifier 16, subnet prefix 8, collision count 1, key */
	if (c->params.len <= 25)
		return "CGA parameters must be longer than 25 octets (RFC 3972 3)";
	pad = (8 - (4 + c->params.len) % 8) % 8;
	c->pad_len = (uint8_t)pad;
	c->padding.data = pad ? ndpg_alloc(m, pad) : NULL;
	c->padding.len = pad;
	if (pad && !c->padding.data)
		return NOMEM;
	return NULL;
}

/* KEYHASH(16 octets hex),SIGNATURE_HEX: RSA (12) and proxy (32) signature. */
static const char *p_signature(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	struct ndp_bytes kh = { 0 };
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = hex_view(m, t, &kh)))
		return r;
	if (kh.len != 16)
		return WHY("key hash '%s': must be 16 octets", t);
	memcpy(o->u.signature.key_hash, kh.data, 16);
	t = tok_next(&cur);
	if (!t)
		return "expected KEYHASH,SIGNATURE";
	if ((r = hex_view(m, t, &o->u.signature.signature)))
		return r;
	if (cur)
		return unknown_sub(m, cur);
	return NULL;
}

static const char *p_timestamp(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint64_t sec, frac = 0;
	char *cur = arg_copy(m, arg), *dot;

	if (!cur)
		return NOMEM;
	dot = strchr(cur, '.');
	if (dot)
		*dot++ = '\0';
	/* 48-bit seconds and a 16-bit fraction of 1/64K s (RFC 3971 5.3.1). */
	if (ndpg_parse_uint(cur, (1ull << 48) - 1, &sec))
		return "seconds must be 0..2^48-1 (SECONDS[.FRACTION])";
	if (dot && ndpg_parse_uint(dot, 0xffff, &frac))
		return "fraction must be 0..65535 (SECONDS[.FRACTION])";
	o->u.timestamp.timestamp = sec << 16 | frac;
	return NULL;
}

static const char *p_nonce(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	const char *r = hex_view(m, arg, &o->u.nonce.nonce);

	if (r)
		return r;
	/* RFC 3971 5.3.2: at least 6 octets, filling whole 8-octet units. */
	if (o->u.nonce.nonce.len < 6 || (o->u.nonce.nonce.len + 2) % 8)
		return "nonce must be 6, 14, 22, ... octets";
	return NULL;
}

static const char *p_trust_anchor(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_trust_anchor *ta = &o->u.trust_anchor;
	const char *val, *r;

	if ((val = kv(arg, "der"))) {
		ta->name_type = 1;
		if ((r = hex_view(m, val, &ta->name)))
			return r;
	} else if ((val = kv(arg, "fqdn"))) {
		ta->name_type = 2;
		if ((r = dns_append(m, val, &ta->name)))
			return r;
	} else {
		return "expected der=HEX or fqdn=NAME";
	}
	if (!ta->name.len)
		return "empty name";
	ta->pad_len = (uint8_t)((8 - (4 + ta->name.len) % 8) % 8);
	return NULL;
}

static const char *p_certificate(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.certificate.cert_type = 1;         /* X.509v3 */
	return hex_view(m, arg, &o->u.certificate.cert);
}

/* CODE,ADDR/LEN: IP address/prefix (17) and new router prefix (18). */
static const char *p_ip_addr(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if (!cur)
		return "expected CODE,ADDR/LEN";
	if (ndpg_parse_uint(t, 255, &v))
		return WHY("code '%s': must be 0..255", t);
	o->u.ip_addr.code = (uint8_t)v;
	/* RFC 5568 6.4.1 codes 1..3; RFC 4068 6.4.2 defines only code 0. */
	if (o->type == NDP_OPT_IP_ADDR && (v < 1 || v > 3))
		return WHY("code '%s': must be 1 (old CoA), 2 (new CoA) or 3 (NAR address)", t);
	if (o->type == NDP_OPT_NEW_ROUTER_PREFIX && v != 0)
		return WHY("code '%s': must be 0 (RFC 4068 6.4.2)", t);
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, o->u.ip_addr.addr, &o->u.ip_addr.prefix_len)))
		return WHY("'%s': %s", t, r);
	if (cur)
		return unknown_sub(m, cur);
	return NULL;
}

/* CODE,MAC: FMIPv6 link-layer address (RFC 5568 6.4.3). */
static const char *p_fmip_lla(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	uint8_t *mac;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if (!cur)
		return "expected CODE,MAC";
	if (ndpg_parse_uint(t, 5, &v))
		return WHY("code '%s': must be 0..5 (RFC 5568 6.4.3)", t);
	o->u.fmip_lla.code = (uint8_t)v;
	t = tok_next(&cur);
	if (!(mac = ndpg_alloc(m, 6)))
		return NOMEM;
	if (ndpg_parse_mac(t, mac))
		return WHY("'%s': not a MAC address", t);
	o->u.fmip_lla.lla.data = mac;
	o->u.fmip_lla.lla.len = 6;
	if (cur)
		return unknown_sub(m, cur);
	return NULL;
}

static const char *p_naack(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg);
	const char *r;

	if (!cur)
		return NOMEM;
	if ((r = subfields(&s, &cur, NULL, NULL)))
		return r;
	/* RFC 5568 6.4.4 status values; 2 carries the new CoA. */
	switch (o->u.naack.status) {
	case 1: case 3: case 4: case 128:
		break;
	case 2:
		if (o->u.naack.rest.len < 16)
			return "status=2 needs the new CoA in data= (16 octets)";
		break;
	default:
		return "status must be 1, 2, 3, 4 or 128 (RFC 5568 6.4.4)";
	}
	return NULL;
}

/* Encode one DNS name (RFC 1035 3.1 labels) and append it to a view. */
static const char *dns_append(struct ndpg_msg *m, const char *name, struct ndp_bytes *b)
{
	uint8_t tmp[512], *p;
	size_t n;

	if (ndp_dns_name_encode(name, tmp, sizeof(tmp), &n))
		return WHY("'%s': not a DNS name (labels of 1..63 octets)", name);
	if (b->data && b->data + b->len != m->store + m->store_len)
		return "names must be contiguous";
	if (!(p = ndpg_alloc(m, n)))
		return NOMEM;
	memcpy(p, tmp, n);
	if (!b->data)
		b->data = p;
	b->len += n;
	return NULL;
}

/* RFC 8801 3.1: with R an RA header follows, checksum and code zero. */
static const char *pvd_id_after(struct sub *s, const struct ndp_field *f)
{
	if (!strcmp(f->cli, "R"))
		s->o->u.pvd_id.ra_type = NDP_RA;
	return NULL;
}

static const char *p_pvd_id(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_pvd_id *p = &o->u.pvd_id;
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = dns_append(m, t, &p->fqdn)))
		return r;
	if ((r = subfields(&s, &cur, NULL, pvd_id_after)))
		return r;
	if (p->options.len && !p->flag_r)
		return "opts= needs the R flag (nested options follow the RA header)";
	return NULL;
}

static const char *p_map(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.map.dist = 1;
	o->u.map.valid = 1800;
	return addr_then_subfields(m, arg, o, o->u.map.addr, NULL);
}

/* RFC 4191 2.1: high 01, medium 00, low 11. */
static int prf_value(const char *s)
{
	if (!strcmp(s, "high")) return 1;
	if (!strcmp(s, "medium")) return 0;
	if (!strcmp(s, "low")) return 3;
	if (!strcmp(s, "reserved")) return 2;
	return -1;
}

/* prf=high|medium|low: a name, not a number (RFC 4191 2.1). */
static const char *route_own(struct sub *s, char *tok, bool *taken)
{
	struct ndpg_msg *m = s->m;
	const char *val = kv(tok, "prf");
	int p;

	if (!val)
		return NULL;
	*taken = true;
	p = prf_value(val);
	if (p < 0 || p == 2)
		return WHY("prf '%s': must be high, medium or low", val);
	s->o->u.route.prf = (uint8_t)p;
	return NULL;
}

static const char *p_route(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.route.lifetime = 1800;
	return prefix_then_subfields(m, arg, o, o->u.route.prefix, &o->u.route.len, route_own,
				     NULL);
}

/* Every token that is not lifetime= is a server address. */
static const char *rdnss_own(struct sub *s, char *tok, bool *taken)
{
	*taken = true;
	return addr_append(s->m, tok, &s->o->u.rdnss.addrs);
}

static const char *p_rdnss(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg);
	const char *r;

	if (!cur)
		return NOMEM;
	o->u.rdnss.lifetime = 1800;
	o->u.rdnss.addrs.data = NULL;
	if ((r = subfields(&s, &cur, rdnss_own, NULL)))
		return r;
	if (!o->u.rdnss.addrs.len)
		return "needs at least one address";
	return NULL;
}

/* 48 bits of flags as hex (RA flags extension, 6CIO). */
static const char *flags48(struct ndpg_msg *m, const char *arg, uint64_t *out)
{
	uint64_t v;

	(void)m;
	if (!strncmp(arg, "0x", 2) || !strncmp(arg, "0X", 2))
		arg += 2;
	if (!*arg || strspn(arg, "0123456789abcdefABCDEF") != strlen(arg) || strlen(arg) > 12)
		return "expected up to 12 hex digits (48 bits)";
	v = strtoull(arg, NULL, 16);
	*out = v;
	return NULL;
}

static const char *p_ra_flags_ext(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	return flags48(m, arg, &o->u.ra_flags_ext.flags);
}

static const char *p_cio(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	return flags48(m, arg, &o->u.cio.flags);
}

/* AT,KEY: handover key request (RFC 5269 5.1). */
static const char *p_hkr(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if (!cur)
		return "expected AT,KEYHEX";
	if (ndpg_parse_uint(t, 15, &v))
		return WHY("algorithm type '%s': must be 0..15", t);
	o->u.hkr.at = (uint8_t)v;
	t = tok_next(&cur);
	if ((r = hex_view(m, t, &o->u.hkr.key)))
		return r;
	o->u.hkr.pad_len = (uint8_t)((8 - (4 + o->u.hkr.key.len) % 8) % 8);
	return NULL;
}

/* AT,LIFETIME,KEY: handover key reply (RFC 5269 5.2). */
static const char *p_hkrep(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t, *t2;
	uint64_t v;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	t2 = tok_next(&cur);
	if (!cur)
		return "expected AT,LIFETIME,KEYHEX";
	if (ndpg_parse_uint(t, 15, &v))
		return WHY("algorithm type '%s': must be 0..15", t);
	o->u.hkrep.at = (uint8_t)v;
	if ((r = sub_life(m, "lifetime", t2, 0xffff, &v)))
		return r;
	o->u.hkrep.lifetime = (uint16_t)v;
	t = tok_next(&cur);
	if ((r = hex_view(m, t, &o->u.hkrep.key)))
		return r;
	o->u.hkrep.pad_len = (uint8_t)((8 - (6 + o->u.hkrep.key.len) % 8) % 8);
	return NULL;
}

/* CODE,HEX: handover assist information (29), mobile node identifier (30). */
static const char *p_hai(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if (!cur)
		return "expected CODE,HEX";
	if (ndpg_parse_uint(t, 2, &v) || v < 1)
		return WHY("code '%s': must be 1 or 2 (RFC 5271 4)", t);
	o->u.hai.code = (uint8_t)v;
	if ((r = hex_view(m, cur, &o->u.hai.value)))
		return r;
	if (o->u.hai.value.len > 255)
		return "value longer than 255 octets";
	return NULL;
}

/* Every token that is not lifetime= is a name, encoded after the walk. */
static const char *collect_own(struct sub *s, char *tok, bool *taken)
{
	*taken = true;
	if (s->n_list == sizeof(s->list) / sizeof(s->list[0]))
		return "more than 64 names";
	s->list[s->n_list++] = tok;
	return NULL;
}

static const char *p_dnssl(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg);
	const char *r;

	if (!cur)
		return NOMEM;
	o->u.dnssl.lifetime = 1800;
	o->u.dnssl.names.data = NULL;
	if ((r = subfields(&s, &cur, collect_own, NULL)))
		return r;
	if (!s.n_list)
		return "needs at least one name";
	for (size_t i = 0; i < s.n_list; i++)
		if ((r = dns_append(m, s.list[i], &o->u.dnssl.names)))
			return r;
	return NULL;
}

/* ROVR[,status=N][,opaque=N][,i=N][,p=N][,C][,R][,T][,tid=N][,lifetime=N]
 * (RFC 8505 4.1, C per RFC 8928 4.2, P per RFC 9685). */
static const char *p_earo(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_earo *e = &o->u.earo;
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = hex_view(m, t, &e->rovr)))
		return r;
	if (e->rovr.len != 8 && e->rovr.len != 16 && e->rovr.len != 24 && e->rovr.len != 32)
		return WHY("ROVR '%s': must be 8, 16, 24 or 32 octets", t);
	e->lifetime = 60;
	return subfields(&s, &cur, NULL, NULL);
}

/* PREFIX/LEN[,cid=N][,C][,lifetime=N] (RFC 6775 4.2). */
static const char *p_lowpan_ctx(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.lowpan_ctx.lifetime = 60;
	return prefix_then_subfields(m, arg, o, o->u.lowpan_ctx.prefix,
				     &o->u.lowpan_ctx.context_len, NULL, NULL);
}

/* version=N: one 32-bit number over the two 16-bit halves. */
static const char *abro_own(struct sub *s, char *tok, bool *taken)
{
	const char *val = kv(tok, "version"), *r;
	uint64_t v;

	if (!val)
		return NULL;
	*taken = true;
	if ((r = sub_uint(s->m, "version", val, UINT32_MAX, &v)))
		return r;
	s->o->u.abro.version_low = (uint16_t)v;
	s->o->u.abro.version_high = (uint16_t)(v >> 16);
	return NULL;
}

/* ADDR[,version=N][,lifetime=N] (RFC 6775 4.3). */
static const char *p_abro(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.abro.lifetime = 60;
	return addr_then_subfields(m, arg, o, o->u.abro.addr, abro_own);
}

static const char *p_captive_portal(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	size_t n = strlen(arg);
	uint8_t *p;

	if (!n)
		return "empty URI";
	if (!(p = ndpg_alloc(m, n)))
		return NOMEM;
	memcpy(p, arg, n);
	o->u.captive_portal.uri.data = p;
	o->u.captive_portal.uri.len = n;
	return NULL;
}

/* lifetime=S: seconds, stored as 13 bits of 8-second units (RFC 8781 4). */
static const char *pref64_own(struct sub *s, char *tok, bool *taken)
{
	struct ndpg_msg *m = s->m;
	const char *val = kv(tok, "lifetime"), *r;
	uint64_t v;

	if (!val)
		return NULL;
	*taken = true;
	if ((r = sub_life(s->m, "lifetime", val, 8191 * 8, &v)))
		return r;
	if (v % 8)
		return WHY("lifetime '%s': must be a multiple of 8 s", val);
	s->o->u.pref64.lifetime = (uint16_t)(v / 8);
	return NULL;
}

/* P/LEN[,lifetime=S]: RFC 8781 4: /96, /64, /56, /48, /40 or /32. */
static const char *p_pref64(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	static const uint8_t plen[] = { 96, 64, 56, 48, 40, 32 };
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;
	uint8_t len;
	size_t i;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, o->u.pref64.prefix, &len)))
		return r;
	for (i = 0; i < sizeof(plen) && plen[i] != len; i++)
		;
	if (i == sizeof(plen))
		return "prefix length must be 96, 64, 56, 48, 40 or 32";
	o->u.pref64.plc = (uint8_t)i;
	o->u.pref64.lifetime = 1800 / 8;
	return subfields(&s, &cur, pref64_own, NULL);
}

/* TYPE,KEYHEX: crypto-ID parameters (RFC 8928 4.3). */
static const char *p_cipo(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_cipo *c = &o->u.cipo;
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	const char *r;
	size_t pad;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if (!cur)
		return "expected CRYPTO_TYPE,KEYHEX";
	if (ndpg_parse_uint(t, 255, &v))
		return WHY("crypto type '%s': must be 0..255", t);
	c->crypto_type = (uint8_t)v;
	if ((r = hex_view(m, cur, &c->key)))
		return r;
	if (c->key.len > 0xfff)
		return "key longer than 4095 octets";
	c->key_len = (uint16_t)c->key.len;
	pad = (8 - (6 + c->key.len) % 8) % 8;
	c->padding.data = pad ? ndpg_alloc(m, pad) : NULL;
	c->padding.len = pad;
	return NULL;
}

static const char *p_ndp_sig(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	const char *r = hex_view(m, arg, &o->u.ndp_sig.signature);

	if (r)
		return r;
	o->u.ndp_sig.pad_len = (uint8_t)((8 - (8 + o->u.ndp_sig.signature.len) % 8) % 8);
	return NULL;
}

/* ADDR[,lifetime=N] (RFC 9176 4.1, units of 60 s). */
static const char *p_rd_addr(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	o->u.rd_addr.lifetime = 60;
	return addr_then_subfields(m, arg, o, o->u.rd_addr.addr, NULL);
}

/* UPTIME[,exp=N] (RFC 9685). */
static const char *p_uptime(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_uint(t, UINT32_MAX, &v)))
		return WHY("uptime '%s': %s (0..4294967295)", t, r);
	o->u.uptime.uptime = (uint32_t)v;
	return subfields(&s, &cur, NULL, NULL);
}

static const char *p_card(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	return hex_view(m, arg, &o->u.card.body);
}

/* addr=A: collected, placed after the walk (the addresses must be
 * contiguous in the arena). */
static const char *encrypted_dns_own(struct sub *s, char *tok, bool *taken)
{
	const char *val = kv(tok, "addr");

	if (!val)
		return NULL;
	*taken = true;
	if (s->n_list == 32)
		return "more than 32 addresses";
	s->list[s->n_list++] = (char *)val;
	return NULL;
}

/* ADN[,priority=N][,lifetime=S][,addr=A]...[,svcparams=HEX] (RFC 9463 6.1). */
static const char *p_encrypted_dns(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_encrypted_dns *e = &o->u.encrypted_dns;
	struct sub s;
	char *cur = sub_start(&s, m, o, arg), *t;
	const char *r;
	size_t pad;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = dns_append(m, t, &e->adn)))
		return r;
	e->adn_len = (uint16_t)e->adn.len;
	e->priority = 1;
	e->lifetime = 1800;
	if ((r = subfields(&s, &cur, encrypted_dns_own, NULL)))
		return r;
	for (size_t i = 0; i < s.n_list; i++)
		if ((r = addr_append(m, s.list[i], &e->addrs)))
			return r;
	if (!e->addrs.len)
		return "needs at least one addr=ADDR (RFC 9463 6.1)";
	e->addrs_len = (uint16_t)e->addrs.len;
	e->svcparams_len = (uint16_t)e->svcparams.len;
	pad = (8 - (2 + 2 + 4 + 2 + e->adn.len + 2 + e->addrs.len + 2 +
		    e->svcparams.len) % 8) % 8;
	e->padding.data = pad ? ndpg_alloc(m, pad) : NULL;
	e->padding.len = pad;
	return NULL;
}

static const char *p_raw(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	return hex_view(m, arg, &o->u.raw.data);
}

const struct ndpg_optflag ndpg_optflags[] = {
	{ "slla", NDP_OPT_SLLA, "MAC|hex:OCTETS", "source link-layer address (default: the interface's MAC)", p_lla },
	{ "tlla", NDP_OPT_TLLA, "MAC|hex:OCTETS", "target link-layer address", p_lla },
	{ "prefix", NDP_OPT_PREFIX, "P/LEN[,L][,A][,R][,P][,valid=S][,preferred=S]",
	  "prefix information (defaults valid=30d preferred=7d)", p_prefix },
	{ "redirected-header", NDP_OPT_REDIRECTED, "HEX", "redirected header: start of the redirected packet", p_redirected },
	{ "mtu", NDP_OPT_MTU, "N", "MTU", p_mtu },
	{ "nbma", NDP_OPT_NBMA, "LIMIT", "NBMA shortcut limit (RFC 2491)", p_nbma },
	{ "adv-interval", NDP_OPT_ADV_INTERVAL, "MS", "advertisement interval (RFC 6275)", p_adv_interval },
	{ "home-agent", NDP_OPT_HA_INFO, "pref=N,lifetime=S", "home agent information (RFC 6275)", p_ha_info },
	{ "src-addr-list", NDP_OPT_SRC_ADDR_LIST, "ADDR[,ADDR...]", "source address list (RFC 3122)", p_addr_list },
	{ "tgt-addr-list", NDP_OPT_TGT_ADDR_LIST, "ADDR[,ADDR...]", "target address list (RFC 3122)", p_addr_list },
	{ "cga", NDP_OPT_CGA, "HEX", "CGA parameters (RFC 3971)", p_cga },
	{ "rsa-sig", NDP_OPT_RSA_SIG, "KEYHASH16,SIGHEX", "RSA signature (RFC 3971)", p_signature },
	{ "timestamp", NDP_OPT_TIMESTAMP, "SECONDS[.FRAC]", "timestamp (RFC 3971), FRAC in 1/65536 s", p_timestamp },
	{ "nonce", NDP_OPT_NONCE, "HEX", "nonce, 6/14/22... octets (RFC 3971)", p_nonce },
	{ "trust-anchor", NDP_OPT_TRUST_ANCHOR, "der=HEX|fqdn=NAME", "trust anchor (RFC 3971)", p_trust_anchor },
	{ "certificate", NDP_OPT_CERTIFICATE, "HEX", "X.509v3 certificate (RFC 3971)", p_certificate },
	{ "ip-addr", NDP_OPT_IP_ADDR, "CODE,ADDR/LEN", "IP address/prefix (RFC 5568)", p_ip_addr },
	{ "new-router-prefix", NDP_OPT_NEW_ROUTER_PREFIX, "CODE,P/LEN", "new router prefix information (RFC 4068)", p_ip_addr },
	{ "fmip-lla", NDP_OPT_LLA, "CODE,MAC", "link-layer address (RFC 5568)", p_fmip_lla },
	{ "naack", NDP_OPT_NAACK, "code=N,status=N[,data=HEX]", "neighbor advertisement acknowledgment (RFC 5568)", p_naack },
	{ "pvd-id", NDP_OPT_PVD_ID, "FQDN[,seq=N][,H][,L][,R][,delay=N][,lifetime=S][,opts=HEX]",
	  "PvD ID (RFC 8801); R embeds an RA header (lifetime=), opts= nested options", p_pvd_id },
	{ "map", NDP_OPT_MAP, "ADDR[,dist=N][,pref=N][,R][,valid=S]", "MAP (RFC 5380)", p_map },
	{ "route", NDP_OPT_ROUTE, "P/LEN[,prf=high|medium|low][,lifetime=S]", "route information (RFC 4191)", p_route },
	{ "rdnss", NDP_OPT_RDNSS, "ADDR[,ADDR...][,lifetime=S]", "recursive DNS servers (RFC 8106)", p_rdnss },
	{ "ra-flags-ext", NDP_OPT_RA_FLAGS_EXT, "HEX", "RA flags extension, 48 bits (RFC 5175)", p_ra_flags_ext },
	{ "hkr", NDP_OPT_HKR, "AT,KEYHEX", "handover key request (RFC 5269)", p_hkr },
	{ "hkrep", NDP_OPT_HKREP, "AT,LIFETIME,KEYHEX", "handover key reply (RFC 5269)", p_hkrep },
	{ "hai", NDP_OPT_HAI, "CODE,HEX", "handover assist information (RFC 5271)", p_hai },
	{ "mn-id", NDP_OPT_MN_ID, "CODE,HEX", "mobile node identifier (RFC 5271)", p_hai },
	{ "dnssl", NDP_OPT_DNSSL, "NAME[,NAME...][,lifetime=S]", "DNS search list (RFC 8106)", p_dnssl },
	{ "proxy-sig", NDP_OPT_PROXY_SIG, "KEYHASH16,SIGHEX", "proxy signature (RFC 6496)", p_signature },
	{ "earo", NDP_OPT_EARO, "ROVR[,status=N][,opaque=N][,i=N][,p=N][,C][,R][,T][,tid=N][,lifetime=N]",
	  "(extended) address registration (RFC 8505), lifetime in 60 s units", p_earo },
	{ "6lowpan-ctx", NDP_OPT_6LOWPAN_CTX, "P/LEN[,cid=N][,C][,lifetime=N]", "6LoWPAN context (RFC 6775)", p_lowpan_ctx },
	{ "abro", NDP_OPT_ABRO, "ADDR[,version=N][,lifetime=N]", "authoritative border router (RFC 6775)", p_abro },
	{ "6cio", NDP_OPT_6CIO, "HEX", "6LoWPAN capability indication, 48 bits (RFC 7400)", p_cio },
	{ "captive-portal", NDP_OPT_CAPTIVE_PORTAL, "URI", "captive portal (RFC 8910)", p_captive_portal },
	{ "pref64", NDP_OPT_PREF64, "P/LEN[,lifetime=S]", "NAT64 prefix (RFC 8781)", p_pref64 },
	{ "cipo", NDP_OPT_CIPO, "CRYPTO_TYPE,KEYHEX", "crypto-ID parameters (RFC 8928)", p_cipo },
	{ "ndp-sig", NDP_OPT_NDP_SIG, "HEX", "NDP signature (RFC 8928)", p_ndp_sig },
	{ "rd-addr", NDP_OPT_RD_ADDR, "ADDR[,lifetime=N]", "resource directory address (RFC 9176)", p_rd_addr },
	{ "uptime", NDP_OPT_UPTIME, "N[,exp=N]", "consistent uptime (RFC 9685)", p_uptime },
	{ "card-req", NDP_OPT_CARD_REQ, "HEX", "CARD request (RFC 4065)", p_card },
	{ "card-rep", NDP_OPT_CARD_REP, "HEX", "CARD reply (RFC 4065)", p_card },
	{ "encrypted-dns", NDP_OPT_ENCRYPTED_DNS, "ADN[,priority=N][,lifetime=S][,addr=A]...[,svcparams=HEX]",
	  "encrypted DNS (RFC 9463)", p_encrypted_dns },
	{ "exp1", NDP_OPT_EXP1, "HEX", "experimental option 253 (RFC 4727)", p_raw },
	{ "exp2", NDP_OPT_EXP2, "HEX", "experimental option 254 (RFC 4727)", p_raw },
};
const size_t ndpg_n_optflags = sizeof(ndpg_optflags) / sizeof(ndpg_optflags[0]);

static struct ndp_opt *new_opt(struct ndpg_msg *m, uint8_t type)
{
	struct ndp_opt *o;

	if (m->msg.n_opts == NDP_MAX_OPTS)
		return NULL;
	o = &m->msg.opts[m->msg.n_opts];
	memset(o, 0, sizeof(*o));
	o->type = type;
	return o;
}

int ndpg_add_opt(struct ndpg_msg *m, const struct ndpg_optflag *f, const char *arg)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(f->type);
	struct ndp_opt *o = new_opt(m, f->type);
	const char *r;
	int err;

	if (!o)
		return sg_usage(m->ctx, "--%s '%s': more than %d options", f->name, arg,
				NDP_MAX_OPTS);
	if (d && d->once) {
		for (size_t i = 0; i < m->msg.n_opts; i++)
			if (m->msg.opts[i].type == f->type)
				return sg_usage(m->ctx, "--%s '%s': may appear only once (%s); "
						"use --opt %u:HEX for a duplicate", f->name,
						arg, d->ref, f->type);
	}
	m->why[0] = '\0';
	r = f->parse(m, arg, o);
	if (r)
		return sg_usage(m->ctx, "--%s '%s': %s", f->name, arg, r);
	/* The codec's meaning checks catch what the flag syntax lets through. */
	if (d && d->check && (err = d->check(o)) < 0)
		return sg_usage(m->ctx, "--%s '%s': not a valid %s option (%s)", f->name, arg,
				d->name, d->ref);
	/* Too long for one option (255 units) or for any message: say so
	 * now, naming the flag, rather than when the message is built. */
	{
		static uint8_t scratch[NDP_OPT_MAX_LEN + NDP_OPT_UNIT];
		size_t n;

		err = ndp_opt_build(o, scratch, sizeof(scratch), &n);
		if (err == -ENOSPC || err == -EINVAL || err == -E2BIG)
			return sg_usage(m->ctx, "--%s '%.40s%s': %s", f->name, arg,
					strlen(arg) > 40 ? "..." : "",
					err == -EINVAL ? "cannot be encoded (too long for one option?)" :
					"longer than one option can be (255 units of 8 octets)");
	}
	if (f->type == NDP_OPT_SLLA)
		m->have_slla = true;
	if (f->type == NDP_OPT_TLLA)
		m->have_tlla = true;
	m->msg.n_opts++;
	return 0;
}

/* --opt TYPE:HEX: any option, body as given (padded with zeros to 8). */
int ndpg_add_raw_opt(struct ndpg_msg *m, const char *arg);
int ndpg_add_raw_opt(struct ndpg_msg *m, const char *arg)
{
	const char *colon = strchr(arg, ':'), *r;
	char num[8];
	uint64_t t;
	struct ndp_opt *o;
	struct ndp_opt tmp;

	if (!colon || colon == arg || (size_t)(colon - arg) >= sizeof(num))
		return sg_usage(m->ctx, "--opt '%s': expected TYPE:HEX", arg);
	memcpy(num, arg, (size_t)(colon - arg));
	num[colon - arg] = '\0';
	if (ndpg_parse_uint(num, 255, &t))
		return sg_usage(m->ctx, "--opt '%s': type must be 0..255", arg);
	memset(&tmp, 0, sizeof(tmp));
	if ((r = ndpg_parse_hex(m, colon + 1, &tmp.u.raw.data.data, &tmp.u.raw.data.len)))
		return sg_usage(m->ctx, "--opt '%s': %s", arg, r);
	if (tmp.u.raw.data.len + 2 > NDP_OPT_MAX_LEN)
		return sg_usage(m->ctx, "--opt '%s': body longer than %d octets", arg,
				NDP_OPT_MAX_LEN - 2);
	if (!(o = new_opt(m, (uint8_t)t)))
		return sg_usage(m->ctx, "--opt '%s': more than %d options", arg, NDP_MAX_OPTS);
	/* Raw: the codec keeps the type but writes our bytes unparsed. */
	o->u.raw = tmp.u.raw;
	o->raw = true;
	m->msg.n_opts++;
	return 0;
}
