/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP options of mobile IPv6 handovers: FMIPv6 (RFC 5568 6.4, RFC 4068
 * 6.4.2), handover keys (RFC 5269 5), handover assist and mobile node id
 * (RFC 5271 4), CARD (RFC 4065, RFC 4066). */
#include "ndp_internal.h"

/* ---- 17: IP address/prefix (RFC 5568 6.4.1); 18: new router prefix
 *         information (RFC 4068 6.4.2): the same 3-unit layout ---- */

int ndp_opt_parse_ip_addr(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 24)
		return -EBADMSG;
	ret->u.ip_addr.code = opt[2];
	ret->u.ip_addr.prefix_len = opt[3];
	ret->u.ip_addr.reserved = ndp_get32(opt + 4);
	memcpy(ret->u.ip_addr.addr, opt + 8, NDP_ADDR_LEN);
	return 0;
}

int ndp_opt_check_ip_addr(const struct ndp_opt *opt)
{
	const struct ndp_opt_ip_addr *a = &opt->u.ip_addr;

	if (a->prefix_len > 128)
		return -EINVAL;
	/* RFC 5568 6.4.1: codes 1 old CoA, 2 new CoA, 3 NAR address;
	 * RFC 4068 6.4.2 defines code 0 only for the new router prefix. */
	if (opt->type == NDP_OPT_IP_ADDR && (a->code < 1 || a->code > 3))
		return -EINVAL;
	if (opt->type == NDP_OPT_NEW_ROUTER_PREFIX && a->code != 0)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_ip_addr(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			  size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 22)) < 0)
		return r;
	buf[2] = opt->u.ip_addr.code;
	buf[3] = opt->u.ip_addr.prefix_len;
	ndp_put32(buf + 4, opt->u.ip_addr.reserved);
	memcpy(buf + 8, opt->u.ip_addr.addr, NDP_ADDR_LEN);
	*ret_len = 24;
	return 0;
}

/* ---- 19: link-layer address (RFC 5568 6.4.3) ---- */

int ndp_opt_parse_fmip_lla(const uint8_t *opt, size_t len,
			   struct ndp_opt *ret)
{
	ret->u.fmip_lla.code = opt[2];
	ret->u.fmip_lla.lla = ndp_view(opt + 3, len - 3);
	return 0;
}

int ndp_opt_check_fmip_lla(const struct ndp_opt *opt)
{
	/* RFC 5568 6.4.3: codes 0 (wildcard) to 5. */
	return opt->u.fmip_lla.code <= 5 ? 0 : -EINVAL;
}

int ndp_opt_build_fmip_lla(const struct ndp_opt *opt, uint8_t *buf,
			   size_t cap, size_t *ret_len)
{
	struct ndp_bytes l = opt->u.fmip_lla.lla;
	int r;

	if (!ndp_view_ok(l))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 1 + l.len)) < 0)
		return r;
	buf[2] = opt->u.fmip_lla.code;
	*ret_len = 3 + ndp_put_bytes(buf + 3, l);
	return 0;
}

/* ---- 20: neighbor advertisement acknowledgment (RFC 5568 6.4.4) ---- */

int ndp_opt_parse_naack(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	ret->u.naack.code = opt[2];
	ret->u.naack.status = opt[3];
	ret->u.naack.reserved = ndp_get32(opt + 4);
	ret->u.naack.rest = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_naack(const struct ndp_opt *opt)
{
	/* RFC 5568 6.4.4: status 1 (NCoA invalid, stateless), 2 (NCoA
	 * invalid, use the supplied one), 3 (NCoA invalid, use NAR's
	 * address), 4 (PCoA supplied, do not send FBU), 128 (LLA
	 * unrecognized). Status 2 carries the new CoA. */
	switch (opt->u.naack.status) {
	case 1: case 3: case 4: case 128:
		return 0;
	case 2:
		return opt->u.naack.rest.len >= NDP_ADDR_LEN ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

int ndp_opt_build_naack(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	struct ndp_bytes rest = opt->u.naack.rest;
	int r;

	if (!ndp_view_ok(rest))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + rest.len)) < 0)
		return r;
	buf[2] = opt->u.naack.code;
	buf[3] = opt->u.naack.status;
	ndp_put32(buf + 4, opt->u.naack.reserved);
	*ret_len = 8 + ndp_put_bytes(buf + 8, rest);
	return 0;
}

/* ---- 27: handover key request (RFC 5269 5.1);
 *      28: handover key reply (RFC 5269 5.2) ---- */

int ndp_opt_parse_hkr(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_hkr *h = &ret->u.hkr;

	if (len < 4 || opt[2] > len - 4)
		return -EBADMSG;
	h->pad_len = opt[2];
	h->at = opt[3] >> 4;
	h->reserved = opt[3] & 0x0f;
	h->key = ndp_view(opt + 4, len - 4 - h->pad_len);
	if (!ndp_all_zero(opt + len - h->pad_len, h->pad_len))
		return -EBADMSG;
	return 0;
}

int ndp_opt_check_hkr(const struct ndp_opt *opt)
{
	/* An empty public key leaves nothing to encrypt the reply with. */
	return opt->u.hkr.key.len ? 0 : -EINVAL;
}

int ndp_opt_build_hkr(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	const struct ndp_opt_hkr *h = &opt->u.hkr;
	uint8_t pad;
	int r;

	if (!ndp_view_ok(h->key))
		return -EINVAL;
	pad = h->pad_len ? h->pad_len : (uint8_t)ndp_pad8(4 + h->key.len);
	if ((r = ndp_body_room(cap, 2 + h->key.len + pad)) < 0)
		return r;
	buf[2] = pad;
	buf[3] = (uint8_t)((h->at & 0x0f) << 4 | (h->reserved & 0x0f));
	ndp_put_bytes(buf + 4, h->key);
	memset(buf + 4 + h->key.len, 0, pad);
	*ret_len = 4 + h->key.len + pad;
	return 0;
}

int ndp_opt_parse_hkrep(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_hkrep *h = &ret->u.hkrep;

	if (len < 8 || opt[2] > len - 6)
		return -EBADMSG;
	h->pad_len = opt[2];
	h->at = opt[3] >> 4;
	h->reserved = opt[3] & 0x0f;
	h->lifetime = ndp_get16(opt + 4);
	h->key = ndp_view(opt + 6, len - 6 - h->pad_len);
	if (!ndp_all_zero(opt + len - h->pad_len, h->pad_len))
		return -EBADMSG;
	return 0;
}

int ndp_opt_check_hkrep(const struct ndp_opt *opt)
{
	return opt->u.hkrep.key.len ? 0 : -EINVAL;
}

int ndp_opt_build_hkrep(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	const struct ndp_opt_hkrep *h = &opt->u.hkrep;
	uint8_t pad;
	int r;

	if (!ndp_view_ok(h->key))
		return -EINVAL;
	pad = h->pad_len ? h->pad_len : (uint8_t)ndp_pad8(6 + h->key.len);
	if ((r = ndp_body_room(cap, 4 + h->key.len + pad)) < 0)
		return r;
	buf[2] = pad;
	buf[3] = (uint8_t)((h->at & 0x0f) << 4 | (h->reserved & 0x0f));
	ndp_put16(buf + 4, h->lifetime);
	ndp_put_bytes(buf + 6, h->key);
	memset(buf + 6 + h->key.len, 0, pad);
	*ret_len = 6 + h->key.len + pad;
	return 0;
}

/* ---- 29: handover assist information (RFC 5271 4.1);
 *      30: mobile node identifier (RFC 5271 4.2) ---- */

int ndp_opt_parse_hai(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	/* option-code, an inner length octet, the value, zero padding */
	if (opt[3] > len - 4)
		return -EBADMSG;
	if (!ndp_all_zero(opt + 4 + opt[3], len - 4 - opt[3]))
		return -EBADMSG;
	ret->u.hai.code = opt[2];
	ret->u.hai.value = ndp_view(opt + 4, opt[3]);
	return 0;
}

int ndp_opt_check_hai(const struct ndp_opt *opt)
{
	/* RFC 5271 4.1: HAI code 1 (AN ID), 2 (sector ID); 4.2: MN-ID code
	 * 1 (NAI), 2 (IMSI). */
	uint8_t c = opt->u.hai.code;

	if (c < 1 || c > 2 || !opt->u.hai.value.len)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_hai(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	struct ndp_bytes v = opt->u.hai.value;
	int r;

	if (!ndp_view_ok(v) || v.len > 255)
		return -EINVAL;
	if ((r = ndp_body_room(cap, 2 + v.len)) < 0)
		return r;
	buf[2] = opt->u.hai.code;
	buf[3] = (uint8_t)v.len;
	*ret_len = 4 + ndp_put_bytes(buf + 4, v);
	return 0;
}

/* ---- 138, 139: CARD request/reply (RFC 4065 4, RFC 4066 6.3) ---- */

int ndp_opt_parse_card(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	ret->u.card.reserved = ndp_get16(opt + 2);
	ret->u.card.body = ndp_view(opt + 4, len - 4);
	return 0;
}

int ndp_opt_check_card(const struct ndp_opt *opt)
{
	(void)opt;      /* experimental: no meaning to check */
	return 0;
}

int ndp_opt_build_card(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		       size_t *ret_len)
{
	struct ndp_bytes b = opt->u.card.body;
	int r;

	if (!ndp_view_ok(b))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 2 + b.len)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.card.reserved);
	*ret_len = 4 + ndp_put_bytes(buf + 4, b);
	return 0;
}
