/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP codec: message headers, the option walk and the ICMPv6 checksum
 * (RFC 4861 4.1-4.6, RFC 3122 2, RFC 3971 6.4, RFC 8200 8.1). */
#include <stdint.h>

#include "ndp_internal.h"

/* The one ND message-kind table: type, NDP_M_* bit, fixed length, name, a
 * shorter name for labels (sockscope.so's statistics and notes),
 * sockgen ndp's verb and the defining RFC section. */
static const struct ndp_msg_desc ndp_msgs[] = {
	{ .type = NDP_RS, .bit = NDP_M_RS, .fixed_len = 8,
	  .name = "Router Solicitation",
	  .short_name = "Router Solicitation",
	  .verb = "rs", .ref = "RFC 4861 4.1" },
	{ .type = NDP_RA, .bit = NDP_M_RA, .fixed_len = 16,
	  .name = "Router Advertisement",
	  .short_name = "Router Advertisement",
	  .verb = "ra", .ref = "RFC 4861 4.2" },
	{ .type = NDP_NS, .bit = NDP_M_NS, .fixed_len = 24,
	  .name = "Neighbor Solicitation",
	  .short_name = "Neighbor Solicitation",
	  .verb = "ns", .ref = "RFC 4861 4.3" },
	{ .type = NDP_NA, .bit = NDP_M_NA, .fixed_len = 24,
	  .name = "Neighbor Advertisement",
	  .short_name = "Neighbor Advertisement",
	  .verb = "na", .ref = "RFC 4861 4.4" },
	{ .type = NDP_REDIRECT, .bit = NDP_M_REDIRECT, .fixed_len = 40,
	  .name = "Redirect",
	  .short_name = "Redirect",
	  .verb = "redirect", .ref = "RFC 4861 4.5" },
	{ .type = NDP_IND_SOL, .bit = NDP_M_IND_SOL, .fixed_len = 8,
	  .name = "Inverse Neighbor Discovery Solicitation",
	  .short_name = "Inverse ND Solicitation",
	  .verb = "ind-sol", .ref = "RFC 3122 2.1" },
	{ .type = NDP_IND_ADV, .bit = NDP_M_IND_ADV, .fixed_len = 8,
	  .name = "Inverse Neighbor Discovery Advertisement",
	  .short_name = "Inverse ND Advertisement",
	  .verb = "ind-adv", .ref = "RFC 3122 2.2" },
	{ .type = NDP_CPS, .bit = NDP_M_CPS, .fixed_len = 8,
	  .name = "Certification Path Solicitation",
	  .short_name = "Certification Path Solicitation",
	  .verb = "cps", .ref = "RFC 3971 6.4.1" },
	{ .type = NDP_CPA, .bit = NDP_M_CPA, .fixed_len = 12,
	  .name = "Certification Path Advertisement",
	  .short_name = "Certification Path Advertisement",
	  .verb = "cpa", .ref = "RFC 3971 6.4.2" },
};
#define NDP_N_MSGS (sizeof(ndp_msgs) / sizeof(ndp_msgs[0]))

const struct ndp_msg_desc *ndp_msg_desc_get(uint8_t type)
{
	for (size_t i = 0; i < NDP_N_MSGS; i++)
		if (ndp_msgs[i].type == type)
			return &ndp_msgs[i];
	return NULL;
}

const struct ndp_msg_desc *ndp_msg_desc_at(size_t i)
{
	return i < NDP_N_MSGS ? &ndp_msgs[i] : NULL;
}

const struct ndp_msg_desc *ndp_msg_desc_find_verb(const char *verb)
{
	for (size_t i = 0; i < NDP_N_MSGS; i++)
		if (!strcmp(ndp_msgs[i].verb, verb))
			return &ndp_msgs[i];
	return NULL;
}

const char *ndp_msg_name(uint8_t type)
{
	const struct ndp_msg_desc *mi = ndp_msg_desc_get(type);
	return mi ? mi->name : NULL;
}

size_t ndp_msg_fixed_len(uint8_t type)
{
	const struct ndp_msg_desc *mi = ndp_msg_desc_get(type);
	return mi ? mi->fixed_len : 0;
}

uint32_t ndp_msg_bit(uint8_t type)
{
	const struct ndp_msg_desc *mi = ndp_msg_desc_get(type);
	return mi ? mi->bit : 0;
}

bool ndp_all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int ndp_body_room(size_t cap, size_t body_len)
{
	/* 255 units is the most the length octet can say. */
	if (body_len > NDP_OPT_MAX_LEN - 2)
		return -EINVAL;
	if (cap < 2 || cap - 2 < body_len)
		return -ENOSPC;
	return 0;
}

/* ---- RA header (shared with the PvD ID option) ---- */

void ndp_ra_hdr_parse(const uint8_t *p, struct ndp_ra *ra)
{
	/* RFC 4861 4.2 (M, O), RFC 6275 7.1 (H), RFC 4191 2.2 (Prf),
	 * RFC 4389 4.1.3.3 (P): one flags octet, 2 bits left reserved. */
	ra->cur_hop_limit = p[0];
	ra->flag_m = p[1] & 0x80;
	ra->flag_o = p[1] & 0x40;
	ra->flag_h = p[1] & 0x20;
	ra->prf = (p[1] >> 3) & 0x3;
	ra->flag_p = p[1] & 0x04;
	ra->reserved = p[1] & 0x03;
	ra->router_lifetime = ndp_get16(p + 2);
	ra->reachable = ndp_get32(p + 4);
	ra->retrans = ndp_get32(p + 8);
}

void ndp_ra_hdr_build(const struct ndp_ra *ra, uint8_t *p)
{
	p[0] = ra->cur_hop_limit;
	p[1] = (uint8_t)((ra->flag_m ? 0x80 : 0) | (ra->flag_o ? 0x40 : 0) |
			 (ra->flag_h ? 0x20 : 0) | (ra->prf & 0x3) << 3 |
			 (ra->flag_p ? 0x04 : 0) | (ra->reserved & 0x03));
	ndp_put16(p + 2, ra->router_lifetime);
	ndp_put32(p + 4, ra->reachable);
	ndp_put32(p + 8, ra->retrans);
}

/* ---- options ---- */

static void ndp_opt_keep_raw(const uint8_t *buf, size_t len, struct ndp_opt *ret)
{
	memset(&ret->u, 0, sizeof(ret->u));
	ret->u.raw.data = ndp_view(buf + 2, len - 2);
}

int ndp_opt_parse(const uint8_t *buf, size_t len, struct ndp_opt *ret)
{
	const struct ndp_opt_desc *d;
	size_t olen;
	int r;

	memset(ret, 0, sizeof(*ret));
	if (!buf || len < 2)
		return -EBADMSG;
	ret->type = buf[0];
	ret->len = buf[1];
	if (buf[1] == 0)
		return -EBADMSG;        /* RFC 4861 4.6: length 0 is invalid */
	olen = (size_t)buf[1] * NDP_OPT_UNIT;
	if (olen > len)
		return -EBADMSG;        /* overruns the message */
	ret->wire = ndp_view(buf, olen);

	d = ndp_opt_desc_get(ret->type);
	if (!d || !d->parse) {
		ndp_opt_keep_raw(buf, olen, ret);
		return 0;
	}
	if (buf[1] < d->min_units || buf[1] > d->max_units)
		r = -EBADMSG;
	else
		r = d->parse(buf, olen, ret);
	if (r < 0) {
		/* Keep the option, its body raw, and let the walk go on. */
		ndp_opt_keep_raw(buf, olen, ret);
		ret->err = r;
		return r;
	}
	return 0;
}

int ndp_opts_parse(const uint8_t *buf, size_t len, struct ndp_opt *opts,
		   size_t cap, size_t *ret_n)
{
	size_t off = 0, n = 0;
	int r = 0;

	if (ret_n)
		*ret_n = 0;
	if (len && !buf)
		return -EINVAL;
	while (off < len) {
		size_t left = len - off;
		size_t olen;

		if (left < 2 || buf[off + 1] == 0) {
			r = -EBADMSG;   /* header cut short or length 0 */
			break;
		}
		olen = (size_t)buf[off + 1] * NDP_OPT_UNIT;
		if (olen > left) {
			r = -EBADMSG;   /* overruns the message */
			break;
		}
		if (n >= cap || n >= NDP_MAX_OPTS) {
			r = -E2BIG;
			break;
		}
		/* A bad body is recorded in opts[n].err; the walk goes on. */
		(void)ndp_opt_parse(buf + off, olen, &opts[n]);
		n++;
		off += olen;
	}
	if (ret_n)
		*ret_n = n;
	return r;
}

int ndp_opt_check(const struct ndp_opt *opt)
{
	const struct ndp_opt_desc *d;

	if (!opt)
		return -EINVAL;
	if (opt->err)
		return opt->err;
	if (opt->raw)
		return 0;       /* bytes the caller chose: nothing to check */
	d = ndp_opt_desc_get(opt->type);
	if (!d || !d->check)
		return 0;
	return d->check(opt);
}

int ndp_opt_build(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		  size_t *ret_len)
{
	const struct ndp_opt_desc *d;
	size_t n = 0, pad, units;
	int r;

	if (!opt || (!buf && cap))
		return -EINVAL;
	if (cap < 2)
		return -ENOSPC;
	d = ndp_opt_desc_get(opt->type);
	/* An option that failed to parse is rebuilt from its raw body so it
	 * survives the round trip unchanged; a raw option is written as given. */
	if (!d || !d->build || opt->err || opt->raw)
		r = ndp_opt_build_raw(opt, buf, cap, &n);
	else
		r = d->build(opt, buf, cap, &n);
	if (r < 0)
		return r;
	if (n < 2 || n > cap)
		return -EINVAL;
	pad = ndp_pad8(n);
	/* A parsed option whose body was normalised (a URI without its NUL
	 * padding, DNSSL names without their zeros) may have been longer on
	 * the wire: pad back to the length it had, so parse -> build keeps
	 * every option's size. A built option's explicit length is written
	 * as is without padding: that is a negative test's wrong length. */
	if (opt->wire.data && opt->wire.len == (size_t)opt->len * NDP_OPT_UNIT &&
	    opt->wire.len > n + pad)
		pad = opt->wire.len - n;
	if (cap - n < pad)
		return -ENOSPC;
	memset(buf + n, 0, pad);
	n += pad;
	units = n / NDP_OPT_UNIT;
	if (units > 255)
		return -EINVAL;
	buf[0] = opt->type;
	buf[1] = opt->len ? opt->len : (uint8_t)units;
	if (ret_len)
		*ret_len = n;
	return 0;
}

int ndp_opts_build(const struct ndp_opt *opts, size_t n, uint8_t *buf,
		   size_t cap, size_t *ret_len)
{
	size_t off = 0;

	if (n && !opts)
		return -EINVAL;
	if (n > NDP_MAX_OPTS)
		return -E2BIG;
	for (size_t i = 0; i < n; i++) {
		size_t olen = 0;
		int r;

		if (off >= cap)
			return -ENOSPC;
		r = ndp_opt_build(&opts[i], buf + off, cap - off, &olen);
		if (r < 0)
			return r;
		off += olen;
	}
	if (ret_len)
		*ret_len = off;
	return 0;
}

/* ---- messages ---- */

static void ndp_hdr_parse(const uint8_t *p, struct ndp_msg *m)
{
	const uint8_t *b = p + 4;

	switch (m->type) {
	case NDP_RS:
		m->h.rs.reserved = ndp_get32(b);
		break;
	case NDP_RA:
		ndp_ra_hdr_parse(b, &m->h.ra);
		break;
	case NDP_NS:
		m->h.ns.reserved = ndp_get32(b);
		memcpy(m->h.ns.target, b + 4, NDP_ADDR_LEN);
		break;
	case NDP_NA: {
		uint32_t w = ndp_get32(b);

		m->h.na.flag_r = w & 0x80000000u;
		m->h.na.flag_s = w & 0x40000000u;
		m->h.na.flag_o = w & 0x20000000u;
		m->h.na.reserved = w & 0x1fffffffu;
		memcpy(m->h.na.target, b + 4, NDP_ADDR_LEN);
		break;
	}
	case NDP_REDIRECT:
		m->h.redirect.reserved = ndp_get32(b);
		memcpy(m->h.redirect.target, b + 4, NDP_ADDR_LEN);
		memcpy(m->h.redirect.destination, b + 20, NDP_ADDR_LEN);
		break;
	case NDP_IND_SOL:
	case NDP_IND_ADV:
		m->h.ind.reserved = ndp_get32(b);
		break;
	case NDP_CPS:
		m->h.cps.identifier = ndp_get16(b);
		m->h.cps.component = ndp_get16(b + 2);
		break;
	case NDP_CPA:
		m->h.cpa.identifier = ndp_get16(b);
		m->h.cpa.all_components = ndp_get16(b + 2);
		m->h.cpa.component = ndp_get16(b + 4);
		m->h.cpa.reserved = ndp_get16(b + 6);
		break;
	}
}

static void ndp_hdr_build(const struct ndp_msg *m, uint8_t *p)
{
	uint8_t *b = p + 4;

	switch (m->type) {
	case NDP_RS:
		ndp_put32(b, m->h.rs.reserved);
		break;
	case NDP_RA:
		ndp_ra_hdr_build(&m->h.ra, b);
		break;
	case NDP_NS:
		ndp_put32(b, m->h.ns.reserved);
		memcpy(b + 4, m->h.ns.target, NDP_ADDR_LEN);
		break;
	case NDP_NA:
		ndp_put32(b, (m->h.na.flag_r ? 0x80000000u : 0) |
			     (m->h.na.flag_s ? 0x40000000u : 0) |
			     (m->h.na.flag_o ? 0x20000000u : 0) |
			     (m->h.na.reserved & 0x1fffffffu));
		memcpy(b + 4, m->h.na.target, NDP_ADDR_LEN);
		break;
	case NDP_REDIRECT:
		ndp_put32(b, m->h.redirect.reserved);
		memcpy(b + 4, m->h.redirect.target, NDP_ADDR_LEN);
		memcpy(b + 20, m->h.redirect.destination, NDP_ADDR_LEN);
		break;
	case NDP_IND_SOL:
	case NDP_IND_ADV:
		ndp_put32(b, m->h.ind.reserved);
		break;
	case NDP_CPS:
		ndp_put16(b, m->h.cps.identifier);
		ndp_put16(b + 2, m->h.cps.component);
		break;
	case NDP_CPA:
		ndp_put16(b, m->h.cpa.identifier);
		ndp_put16(b + 2, m->h.cpa.all_components);
		ndp_put16(b + 4, m->h.cpa.component);
		ndp_put16(b + 6, m->h.cpa.reserved);
		break;
	}
}

int ndp_msg_parse(const uint8_t *buf, size_t len, struct ndp_msg *ret)
{
	size_t fixed;

	if (!buf || !ret)
		return -EINVAL;
	ret->n_opts = 0;
	if (len < 4)
		return -EBADMSG;
	fixed = ndp_msg_fixed_len(buf[0]);
	if (!fixed || len < fixed)
		return -EBADMSG;
	memset(&ret->h, 0, sizeof(ret->h));
	ret->type = buf[0];
	ret->code = buf[1];
	ret->checksum = ndp_get16(buf + 2);
	ndp_hdr_parse(buf, ret);
	return ndp_opts_parse(buf + fixed, len - fixed, ret->opts,
			      NDP_MAX_OPTS, &ret->n_opts);
}

int ndp_msg_build(const struct ndp_msg *msg, uint8_t *buf, size_t cap,
		  size_t *ret_len)
{
	size_t fixed, olen = 0;
	int r;

	if (!msg || (!buf && cap))
		return -EINVAL;
	fixed = ndp_msg_fixed_len(msg->type);
	if (!fixed)
		return -EINVAL;
	if (msg->n_opts > NDP_MAX_OPTS)
		return -E2BIG;
	if (cap < fixed)
		return -ENOSPC;
	memset(buf, 0, fixed);
	buf[0] = msg->type;
	buf[1] = msg->code;
	ndp_put16(buf + 2, msg->checksum);
	ndp_hdr_build(msg, buf);
	r = ndp_opts_build(msg->opts, msg->n_opts, buf + fixed, cap - fixed,
			   &olen);
	if (r < 0)
		return r;
	if (fixed + olen > NDP_MSG_MAX_LEN)
		return -EINVAL;
	if (ret_len)
		*ret_len = fixed + olen;
	return 0;
}

static bool ndp_addr_is_multicast(const uint8_t *a)
{
	return a[0] == 0xff;
}

static bool ndp_addr_is_link_local(const uint8_t *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;     /* fe80::/10 */
}

static bool ndp_msg_has_opt(const struct ndp_msg *msg, uint8_t type)
{
	for (size_t i = 0; i < msg->n_opts && i < NDP_MAX_OPTS; i++)
		if (msg->opts[i].type == type)
			return true;
	return false;
}

int ndp_msg_check_detail(const struct ndp_msg *msg, size_t *ret_idx)
{
	uint32_t bit;
	size_t count[256] = { 0 };

	if (ret_idx)
		*ret_idx = SIZE_MAX;
	if (!msg)
		return -EINVAL;
	bit = ndp_msg_bit(msg->type);
	if (!bit)
		return -EINVAL;
	/* RFC 4861 6.1, 7.1, 8.1: every ND message has ICMP code 0. */
	if (msg->code != 0)
		return -EINVAL;
	if (msg->n_opts > NDP_MAX_OPTS)
		return -E2BIG;
	switch (msg->type) {
	case NDP_RA:
		if (msg->h.ra.prf == 2)   /* RFC 4191 2.2: reserved value */
			return -EINVAL;
		if (msg->h.ra.reachable > 3600000)
			return -EINVAL;   /* RFC 4861 6.2.1: at most 1 hour */
		break;
	case NDP_NS:
		if (ndp_addr_is_multicast(msg->h.ns.target))
			return -EINVAL;   /* RFC 4861 7.1.1 */
		break;
	case NDP_NA:
		if (ndp_addr_is_multicast(msg->h.na.target))
			return -EINVAL;   /* RFC 4861 7.1.2 */
		break;
	case NDP_REDIRECT:
		/* RFC 4861 8.1: a unicast destination; the target is a
		 * link-local router or the destination itself. */
		if (ndp_addr_is_multicast(msg->h.redirect.destination))
			return -EINVAL;
		if (!ndp_addr_is_link_local(msg->h.redirect.target) &&
		    memcmp(msg->h.redirect.target, msg->h.redirect.destination,
			   NDP_ADDR_LEN) != 0)
			return -EINVAL;
		break;
	case NDP_IND_SOL:
		/* RFC 3122 2.1: the target link-layer address is what the
		 * solicitation asks about. */
		if (!ndp_msg_has_opt(msg, NDP_OPT_TLLA))
			return -EINVAL;
		break;
	case NDP_IND_ADV:
		/* RFC 3122 2.2: the answer is the target address list. */
		if (!ndp_msg_has_opt(msg, NDP_OPT_TGT_ADDR_LIST))
			return -EINVAL;
		break;
	}
	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_opt *o = &msg->opts[i];
		const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);
		int r;

		if (ret_idx)
			*ret_idx = i;
		r = ndp_opt_check(o);
		if (r < 0)
			return r;
		if (!d)
			continue;
		if (!(d->msgs & bit))
			return -EINVAL;   /* option not defined for this message */
		if (d->once && ++count[o->type] > 1)
			return -EINVAL;
	}
	if (ret_idx)
		*ret_idx = SIZE_MAX;
	return 0;
}

int ndp_msg_check(const struct ndp_msg *msg)
{
	return ndp_msg_check_detail(msg, NULL);
}

/* ---- checksum ---- */

static uint32_t ndp_sum(uint32_t s, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < n)
		s += (uint32_t)p[i] << 8;
	/* Fold often enough that 32 bits never overflow on 64 KiB input. */
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

uint16_t ndp_checksum(const uint8_t src[NDP_ADDR_LEN],
		      const uint8_t dst[NDP_ADDR_LEN],
		      const uint8_t *icmp, size_t len)
{
	uint8_t tail[8];
	uint32_t s = 0;

	/* RFC 8200 8.1 pseudo-header: src, dst, upper-layer length (32 bits),
	 * 3 zero octets, next header 58. */
	ndp_put32(tail, (uint32_t)len);
	tail[4] = tail[5] = tail[6] = 0;
	tail[7] = 58;
	s = ndp_sum(s, src, NDP_ADDR_LEN);
	s = ndp_sum(s, dst, NDP_ADDR_LEN);
	s = ndp_sum(s, tail, sizeof(tail));
	/* Sum in chunks so the fold above keeps s small. */
	for (size_t off = 0; off < len; off += 0x8000) {
		size_t n = len - off < 0x8000 ? len - off : 0x8000;

		s = ndp_sum(s, icmp + off, n);
	}
	return (uint16_t)~s;
}
