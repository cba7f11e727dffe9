/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp: one command-line flag per ND option type (IANA "IPv6
 * Neighbor Discovery Option Formats"), each turning its argument into the
 * codec's typed option struct. Sub-fields follow the value after commas. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndp_gen.h"
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

static const char *p_prefix(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_prefix *p = &o->u.prefix;
	char *cur = arg_copy(m, arg), *t;
	uint64_t v;
	const char *r, *val;
	bool pref_given = false;

	if (!cur)
		return NOMEM;
	/* RFC 4861 6.2.1 defaults: AdvValidLifetime 30 d, AdvPreferredLifetime 7 d. */
	p->valid = 2592000;
	p->preferred = 604800;
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, p->prefix, &p->len)))
		return r;
	while ((t = tok_next(&cur))) {
		if (!strcmp(t, "L")) p->flag_l = true;
		else if (!strcmp(t, "A")) p->flag_a = true;
		else if (!strcmp(t, "R")) p->flag_r = true;
		else if (!strcmp(t, "P")) p->flag_p = true;
		else if ((val = kv(t, "valid"))) {
			if ((r = sub_life(m, "valid", val, UINT32_MAX, &v)))
				return r;
			p->valid = (uint32_t)v;
			if (!pref_given && p->preferred > p->valid)
				p->preferred = p->valid;
		} else if ((val = kv(t, "preferred"))) {
			if ((r = sub_life(m, "preferred", val, UINT32_MAX, &v)))
				return r;
			p->preferred = (uint32_t)v;
			pref_given = true;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
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

static const char *p_mtu(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	uint64_t v;

	(void)m;
	if (ndpg_parse_uint(arg, UINT32_MAX, &v))
		return "not a number (1280..4294967295)";
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

	(void)m;
	if (ndpg_parse_uint(arg, UINT32_MAX, &v))
		return "not a number of milliseconds (0..4294967295)";
	o->u.adv_interval.interval = (uint32_t)v;
	return NULL;
}

static const char *p_ha_info(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;
	int64_t s;

	if (!cur)
		return NOMEM;
	/* RFC 6275 7.4: lifetime defaults to the router lifetime; 1800 s here. */
	o->u.ha_info.lifetime = 1800;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "pref"))) {
			if (ndpg_parse_int(val, INT16_MIN, INT16_MAX, &s))
				return WHY("pref '%s': must be -32768..32767", val);
			o->u.ha_info.preference = (int16_t)s;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, UINT16_MAX, &v)))
				return r;
			if (!v)
				return "lifetime must not be 0 (RFC 6275 7.4)";
			o->u.ha_info.lifetime = (uint16_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
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
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "code"))) {
			if ((r = sub_uint(m, "code", val, 255, &v)))
				return r;
			o->u.naack.code = (uint8_t)v;
		} else if ((val = kv(t, "status"))) {
			if ((r = sub_uint(m, "status", val, 255, &v)))
				return r;
			o->u.naack.status = (uint8_t)v;
		} else if ((val = kv(t, "data"))) {
			if ((r = hex_view(m, val, &o->u.naack.rest)))
				return r;
		} else
			return unknown_sub(m, t);
	}
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

static const char *p_pvd_id(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_pvd_id *p = &o->u.pvd_id;
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = dns_append(m, t, &p->fqdn)))
		return r;
	while ((t = tok_next(&cur))) {
		if (!strcmp(t, "H")) p->flag_h = true;
		else if (!strcmp(t, "L")) p->flag_l = true;
		else if (!strcmp(t, "R")) {
			/* RFC 8801 3.1: an RA header follows, checksum and code zero. */
			p->flag_r = true;
			p->ra_type = NDP_RA;
		} else if ((val = kv(t, "seq"))) {
			if ((r = sub_uint(m, "seq", val, 0xffff, &v)))
				return r;
			p->seq = (uint16_t)v;
		} else if ((val = kv(t, "delay"))) {
			if ((r = sub_uint(m, "delay", val, 15, &v)))
				return r;
			p->delay = (uint8_t)v;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, 0xffff, &v)))
				return r;
			p->ra.router_lifetime = (uint16_t)v;
		} else if ((val = kv(t, "opts"))) {
			if ((r = hex_view(m, val, &p->options)))
				return r;
		} else
			return unknown_sub(m, t);
	}
	if (p->options.len && !p->flag_r)
		return "opts= needs the R flag (nested options follow the RA header)";
	return NULL;
}

static const char *p_map(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_ipv6(t, o->u.map.addr)))
		return WHY("'%s': %s", t, r);
	o->u.map.dist = 1;
	o->u.map.valid = 1800;
	while ((t = tok_next(&cur))) {
		if (!strcmp(t, "R")) o->u.map.flag_r = true;
		else if ((val = kv(t, "dist"))) {
			if ((r = sub_uint(m, "dist", val, 15, &v)))
				return r;
			if (!v)
				return "dist must be 1..15 (RFC 5380 6.3)";
			o->u.map.dist = (uint8_t)v;
		} else if ((val = kv(t, "pref"))) {
			if ((r = sub_uint(m, "pref", val, 15, &v)))
				return r;
			o->u.map.pref = (uint8_t)v;
		} else if ((val = kv(t, "valid"))) {
			if ((r = sub_life(m, "valid", val, UINT32_MAX, &v)))
				return r;
			o->u.map.valid = (uint32_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
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

static const char *p_route(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, o->u.route.prefix, &o->u.route.len)))
		return r;
	o->u.route.lifetime = 1800;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "prf"))) {
			int p = prf_value(val);

			if (p < 0 || p == 2)
				return WHY("prf '%s': must be high, medium or low", val);
			o->u.route.prf = (uint8_t)p;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, UINT32_MAX, &v)))
				return r;
			o->u.route.lifetime = (uint32_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
}

static const char *p_rdnss(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	o->u.rdnss.lifetime = 1800;
	o->u.rdnss.addrs.data = NULL;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, UINT32_MAX, &v)))
				return r;
			o->u.rdnss.lifetime = (uint32_t)v;
		} else if ((r = addr_append(m, t, &o->u.rdnss.addrs)))
			return r;
	}
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

static const char *p_dnssl(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;
	char *names[64];
	size_t n = 0;

	if (!cur)
		return NOMEM;
	o->u.dnssl.lifetime = 1800;
	o->u.dnssl.names.data = NULL;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, UINT32_MAX, &v)))
				return r;
			o->u.dnssl.lifetime = (uint32_t)v;
		} else if (n < 64) {
			names[n++] = t;
		} else {
			return "more than 64 names";
		}
	}
	if (!n)
		return "needs at least one name";
	for (size_t i = 0; i < n; i++)
		if ((r = dns_append(m, names[i], &o->u.dnssl.names)))
			return r;
	return NULL;
}

/* ROVR[,status=N][,opaque=N][,i=N][,p=N][,C][,R][,T][,tid=N][,lifetime=N]
 * (RFC 8505 4.1, C per RFC 8928 4.2, P per RFC 9685). */
static const char *p_earo(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_earo *e = &o->u.earo;
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = hex_view(m, t, &e->rovr)))
		return r;
	if (e->rovr.len != 8 && e->rovr.len != 16 && e->rovr.len != 24 && e->rovr.len != 32)
		return WHY("ROVR '%s': must be 8, 16, 24 or 32 octets", t);
	e->lifetime = 60;
	while ((t = tok_next(&cur))) {
		if (!strcmp(t, "R")) e->flag_r = true;
		else if (!strcmp(t, "T")) e->flag_t = true;
		else if (!strcmp(t, "C")) e->flag_c = true;
		else if ((val = kv(t, "p"))) {
			/* RFC 9685: 0 unicast, 1 multicast, 2 anycast */
			if ((r = sub_uint(m, "p", val, 2, &v))) return r;
			e->p = (uint8_t)v;
		}
		else if ((val = kv(t, "status"))) {
			if ((r = sub_uint(m, "status", val, 255, &v))) return r;
			e->status = (uint8_t)v;
		} else if ((val = kv(t, "opaque"))) {
			if ((r = sub_uint(m, "opaque", val, 255, &v))) return r;
			e->opaque = (uint8_t)v;
		} else if ((val = kv(t, "i"))) {
			if ((r = sub_uint(m, "i", val, 3, &v))) return r;
			e->i = (uint8_t)v;
		} else if ((val = kv(t, "tid"))) {
			if ((r = sub_uint(m, "tid", val, 255, &v))) return r;
			e->tid = (uint8_t)v;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_uint(m, "lifetime", val, 0xffff, &v))) return r;
			e->lifetime = (uint16_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
}

/* PREFIX/LEN[,cid=N][,C][,lifetime=N] (RFC 6775 4.2). */
static const char *p_lowpan_ctx(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_6lowpan_ctx *c = &o->u.lowpan_ctx;
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_prefix(t, c->prefix, &c->context_len)))
		return r;
	c->lifetime = 60;
	while ((t = tok_next(&cur))) {
		if (!strcmp(t, "C")) c->flag_c = true;
		else if ((val = kv(t, "cid"))) {
			if ((r = sub_uint(m, "cid", val, 15, &v))) return r;
			c->cid = (uint8_t)v;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_uint(m, "lifetime", val, 0xffff, &v))) return r;
			c->lifetime = (uint16_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
}

/* ADDR[,version=N][,lifetime=N] (RFC 6775 4.3). */
static const char *p_abro(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_abro *a = &o->u.abro;
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_ipv6(t, a->addr)))
		return WHY("'%s': %s", t, r);
	a->lifetime = 60;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "version"))) {
			if ((r = sub_uint(m, "version", val, UINT32_MAX, &v))) return r;
			a->version_low = (uint16_t)v;
			a->version_high = (uint16_t)(v >> 16);
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_uint(m, "lifetime", val, 0xffff, &v))) return r;
			a->lifetime = (uint16_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
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

/* P/LEN[,lifetime=S]: RFC 8781 4: /96, /64, /56, /48, /40 or /32. */
static const char *p_pref64(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	static const uint8_t plen[] = { 96, 64, 56, 48, 40, 32 };
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint8_t len;
	uint64_t v;
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
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "lifetime"))) {
			/* Scaled lifetime: 13 bits of 8-second units. */
			if ((r = sub_life(m, "lifetime", val, 8191 * 8, &v)))
				return r;
			if (v % 8)
				return WHY("lifetime '%s': must be a multiple of 8 s", val);
			o->u.pref64.lifetime = (uint16_t)(v / 8);
		} else
			return unknown_sub(m, t);
	}
	return NULL;
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
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_ipv6(t, o->u.rd_addr.addr)))
		return WHY("'%s': %s", t, r);
	o->u.rd_addr.lifetime = 60;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "lifetime"))) {
			if ((r = sub_uint(m, "lifetime", val, 0xffff, &v))) return r;
			o->u.rd_addr.lifetime = (uint16_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
}

/* UPTIME[,exp=N] (RFC 9685). */
static const char *p_uptime(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	uint64_t v;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = ndpg_parse_uint(t, UINT32_MAX, &v)))
		return WHY("uptime '%s': %s (0..4294967295)", t, r);
	o->u.uptime.uptime = (uint32_t)v;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "exp"))) {
			if ((r = sub_uint(m, "exp", val, 255, &v))) return r;
			o->u.uptime.exponent = (uint8_t)v;
		} else
			return unknown_sub(m, t);
	}
	return NULL;
}

static const char *p_card(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	return hex_view(m, arg, &o->u.card.body);
}

/* ADN[,priority=N][,lifetime=S][,addr=A]...[,svcparams=HEX] (RFC 9463 6.1). */
static const char *p_encrypted_dns(struct ndpg_msg *m, const char *arg, struct ndp_opt *o)
{
	struct ndp_opt_encrypted_dns *e = &o->u.encrypted_dns;
	char *cur = arg_copy(m, arg), *t;
	const char *val, *r;
	char *addrs[32];
	size_t n_addrs = 0;
	uint64_t v;
	size_t pad;

	if (!cur)
		return NOMEM;
	t = tok_next(&cur);
	if ((r = dns_append(m, t, &e->adn)))
		return r;
	e->adn_len = (uint16_t)e->adn.len;
	e->priority = 1;
	e->lifetime = 1800;
	while ((t = tok_next(&cur))) {
		if ((val = kv(t, "priority"))) {
			if ((r = sub_uint(m, "priority", val, 0xffff, &v))) return r;
			if (!v)
				return "priority must be 1..65535 (RFC 9463 6.1)";
			e->priority = (uint16_t)v;
		} else if ((val = kv(t, "lifetime"))) {
			if ((r = sub_life(m, "lifetime", val, UINT32_MAX, &v))) return r;
			e->lifetime = (uint32_t)v;
		} else if ((val = kv(t, "addr"))) {
			if (n_addrs == 32)
				return "more than 32 addresses";
			addrs[n_addrs++] = (char *)val;
		} else if ((val = kv(t, "svcparams"))) {
			if ((r = hex_view(m, val, &e->svcparams))) return r;
		} else
			return unknown_sub(m, t);
	}
	for (size_t i = 0; i < n_addrs; i++)
		if ((r = addr_append(m, addrs[i], &e->addrs)))
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
