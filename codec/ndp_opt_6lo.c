/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP options of 6LoWPAN ND: ARO/EARO (RFC 6775 4.1, RFC 8505 4.1), 6LoWPAN
 * context (RFC 6775 4.2), ABRO (RFC 6775 4.3), 6CIO (RFC 7400 3.3, RFC 8505
 * 4.3), RD address (RFC 9176 4.1), consistent uptime (RFC 9685). */
#include "ndp_internal.h"

/* ---- 33: ARO / EARO (RFC 8505 4.1) ---- */

int ndp_opt_parse_earo(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_earo *e = &ret->u.earo;

	if (len < 16)
		return -EBADMSG;
	e->status = opt[2];
	e->opaque = opt[3];
	e->reserved = opt[4] >> 7;
	e->flag_c = opt[4] & 0x40;
	e->p = (opt[4] >> 4) & 0x3;
	e->i = (opt[4] >> 2) & 0x3;
	e->flag_r = opt[4] & 0x02;
	e->flag_t = opt[4] & 0x01;
	e->tid = opt[5];
	e->lifetime = ndp_get16(opt + 6);
	/* RFC 8505 4.1: the ROVR takes the rest, 64 to 256 bits. */
	e->rovr = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_earo(const struct ndp_opt *opt)
{
	size_t n = opt->u.earo.rovr.len;

	/* RFC 8505 4.1: ROVR of 64, 128, 192 or 256 bits. */
	if (n != 8 && n != 16 && n != 24 && n != 32)
		return -EINVAL;
	/* RFC 9685: P 0 unicast, 1 multicast, 2 anycast; 3 is unassigned. */
	if (opt->u.earo.p == 3)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_earo(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		       size_t *ret_len)
{
	const struct ndp_opt_earo *e = &opt->u.earo;
	int r;

	if (!ndp_view_ok(e->rovr))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + e->rovr.len)) < 0)
		return r;
	buf[2] = e->status;
	buf[3] = e->opaque;
	buf[4] = (uint8_t)((e->reserved & 0x1) << 7 | (e->flag_c ? 0x40 : 0) |
			   (e->p & 0x3) << 4 | (e->i & 0x3) << 2 |
			   (e->flag_r ? 0x02 : 0) | (e->flag_t ? 0x01 : 0));
	buf[5] = e->tid;
	ndp_put16(buf + 6, e->lifetime);
	*ret_len = 8 + ndp_put_bytes(buf + 8, e->rovr);
	return 0;
}

/* ---- 34: 6LoWPAN context (RFC 6775 4.2) ---- */

static uint8_t ndp_ctx_units(uint8_t clen)
{
	return clen <= 64 ? 2 : 3;
}

int ndp_opt_parse_lowpan_ctx(const uint8_t *opt, size_t len,
			     struct ndp_opt *ret)
{
	struct ndp_opt_6lowpan_ctx *c = &ret->u.lowpan_ctx;

	if (len != 16 && len != 24)
		return -EBADMSG;
	c->context_len = opt[2];
	c->reserved1 = opt[3] >> 5;
	c->flag_c = opt[3] & 0x10;
	c->cid = opt[3] & 0x0f;
	c->reserved2 = ndp_get16(opt + 4);
	c->lifetime = ndp_get16(opt + 6);
	memset(c->prefix, 0, NDP_ADDR_LEN);
	memcpy(c->prefix, opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_lowpan_ctx(const struct ndp_opt *opt)
{
	const struct ndp_opt_6lowpan_ctx *c = &opt->u.lowpan_ctx;
	uint8_t units = opt->len ? opt->len : ndp_ctx_units(c->context_len);

	if (c->context_len > 128 || c->cid > 15)
		return -EINVAL;
	/* RFC 6775 4.2: length 2 holds up to /64, 3 beyond. */
	if (units < ndp_ctx_units(c->context_len) || units > 3)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_lowpan_ctx(const struct ndp_opt *opt, uint8_t *buf,
			     size_t cap, size_t *ret_len)
{
	const struct ndp_opt_6lowpan_ctx *c = &opt->u.lowpan_ctx;
	uint8_t units = opt->len == 2 || opt->len == 3 ?
			opt->len : ndp_ctx_units(c->context_len);
	size_t plen = units == 2 ? 8 : 16;
	int r;

	if ((r = ndp_body_room(cap, 6 + plen)) < 0)
		return r;
	buf[2] = c->context_len;
	buf[3] = (uint8_t)((c->reserved1 & 0x7) << 5 | (c->flag_c ? 0x10 : 0) |
			   (c->cid & 0x0f));
	ndp_put16(buf + 4, c->reserved2);
	ndp_put16(buf + 6, c->lifetime);
	memcpy(buf + 8, c->prefix, plen);
	*ret_len = 8 + plen;
	return 0;
}

/* ---- 35: authoritative border router (RFC 6775 4.3) ---- */

int ndp_opt_parse_abro(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 24)
		return -EBADMSG;
	ret->u.abro.version_low = ndp_get16(opt + 2);
	ret->u.abro.version_high = ndp_get16(opt + 4);
	ret->u.abro.lifetime = ndp_get16(opt + 6);
	memcpy(ret->u.abro.addr, opt + 8, NDP_ADDR_LEN);
	return 0;
}

int ndp_opt_check_abro(const struct ndp_opt *opt)
{
	(void)opt;      /* lifetime 0 means the default, 10000 minutes */
	return 0;
}

int ndp_opt_build_abro(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		       size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 22)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.abro.version_low);
	ndp_put16(buf + 4, opt->u.abro.version_high);
	ndp_put16(buf + 6, opt->u.abro.lifetime);
	memcpy(buf + 8, opt->u.abro.addr, NDP_ADDR_LEN);
	*ret_len = 24;
	return 0;
}

/* ---- 36: 6LoWPAN capability indication (RFC 7400 3.3, RFC 8505 4.3) ---- */

int ndp_opt_parse_cio(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.cio.flags = ndp_get48(opt + 2);
	return 0;
}

int ndp_opt_check_cio(const struct ndp_opt *opt)
{
	return opt->u.cio.flags >> 48 ? -EINVAL : 0;
}

int ndp_opt_build_cio(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	ndp_put48(buf + 2, opt->u.cio.flags);
	*ret_len = 8;
	return 0;
}

/* ---- 41: resource directory address (RFC 9176 4.1) ---- */

int ndp_opt_parse_rd_addr(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 24)
		return -EBADMSG;
	ret->u.rd_addr.lifetime = ndp_get16(opt + 2);
	ret->u.rd_addr.reserved = ndp_get32(opt + 4);
	memcpy(ret->u.rd_addr.addr, opt + 8, NDP_ADDR_LEN);
	return 0;
}

int ndp_opt_check_rd_addr(const struct ndp_opt *opt)
{
	(void)opt;      /* lifetime 0 withdraws the address: meaningful */
	return 0;
}

int ndp_opt_build_rd_addr(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			  size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 22)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.rd_addr.lifetime);
	ndp_put32(buf + 4, opt->u.rd_addr.reserved);
	memcpy(buf + 8, opt->u.rd_addr.addr, NDP_ADDR_LEN);
	*ret_len = 24;
	return 0;
}

/* ---- 42: consistent uptime (RFC 9685) ---- */

int ndp_opt_parse_uptime(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	ret->u.uptime.exponent = opt[2];
	ret->u.uptime.reserved1 = opt[3];
	ret->u.uptime.uptime = ndp_get32(opt + 4);
	ret->u.uptime.rest = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_uptime(const struct ndp_opt *opt)
{
	(void)opt;
	return 0;
}

int ndp_opt_build_uptime(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			 size_t *ret_len)
{
	struct ndp_bytes rest = opt->u.uptime.rest;
	int r;

	if (!ndp_view_ok(rest))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + rest.len)) < 0)
		return r;
	buf[2] = opt->u.uptime.exponent;
	buf[3] = opt->u.uptime.reserved1;
	ndp_put32(buf + 4, opt->u.uptime.uptime);
	*ret_len = 8 + ndp_put_bytes(buf + 8, rest);
	return 0;
}
