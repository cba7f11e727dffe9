/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP options of core ND and router configuration: RFC 4861 4.6 (LLA,
 * prefix, redirected header, MTU), RFC 2491, RFC 6275 7.3/7.4, RFC 3122 3,
 * RFC 4191 2.3, RFC 5175 4, RFC 8910 2.3, RFC 8781 4, RFC 5380 6.3, RFC 4727. */
#include "ndp_internal.h"

/* ---- 1, 2: source/target link-layer address (RFC 4861 4.6.1) ---- */

int ndp_opt_parse_lla(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	/* Ethernet (RFC 2464 8): one unit, 6 octets of MAC. Other link
	 * layers (RFC 4944 8: 802.15.4 EUI-64 in 2 units) keep the whole
	 * body, padding included. */
	ret->u.lla.addr = ndp_view(opt + 2, len == 8 ? 6 : len - 2);
	return 0;
}

int ndp_opt_check_lla(const struct ndp_opt *opt)
{
	return opt->u.lla.addr.len ? 0 : -EINVAL;
}

int ndp_opt_build_lla(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	struct ndp_bytes a = opt->u.lla.addr;
	int r;

	if (!ndp_view_ok(a))
		return -EINVAL;
	if ((r = ndp_body_room(cap, a.len)) < 0)
		return r;
	*ret_len = 2 + ndp_put_bytes(buf + 2, a);
	return 0;
}

/* ---- 3: prefix information (RFC 4861 4.6.2, RFC 6275 7.2 R flag,
 *         RFC 9762 P flag) ---- */

int ndp_opt_parse_prefix(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_prefix *p = &ret->u.prefix;

	if (len != 32)
		return -EBADMSG;
	p->len = opt[2];
	p->flag_l = opt[3] & 0x80;
	p->flag_a = opt[3] & 0x40;
	p->flag_r = opt[3] & 0x20;
	p->flag_p = opt[3] & 0x10;
	p->reserved1 = opt[3] & 0x0f;
	p->valid = ndp_get32(opt + 4);
	p->preferred = ndp_get32(opt + 8);
	p->reserved2 = ndp_get32(opt + 12);
	memcpy(p->prefix, opt + 16, NDP_ADDR_LEN);
	return 0;
}

int ndp_opt_check_prefix(const struct ndp_opt *opt)
{
	const struct ndp_opt_prefix *p = &opt->u.prefix;

	if (p->len > 128)
		return -EINVAL;
	/* RFC 4862 5.5.3 c): preferred > valid is ignored by receivers. */
	if (p->preferred > p->valid)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_prefix(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			 size_t *ret_len)
{
	const struct ndp_opt_prefix *p = &opt->u.prefix;
	int r;

	if ((r = ndp_body_room(cap, 30)) < 0)
		return r;
	buf[2] = p->len;
	buf[3] = (uint8_t)((p->flag_l ? 0x80 : 0) | (p->flag_a ? 0x40 : 0) |
			   (p->flag_r ? 0x20 : 0) | (p->flag_p ? 0x10 : 0) |
			   (p->reserved1 & 0x0f));
	ndp_put32(buf + 4, p->valid);
	ndp_put32(buf + 8, p->preferred);
	ndp_put32(buf + 12, p->reserved2);
	memcpy(buf + 16, p->prefix, NDP_ADDR_LEN);
	*ret_len = 32;
	return 0;
}

/* ---- 4: redirected header (RFC 4861 4.6.3) ---- */

int ndp_opt_parse_redirected(const uint8_t *opt, size_t len,
			     struct ndp_opt *ret)
{
	memcpy(ret->u.redirected.reserved, opt + 2, 6);
	ret->u.redirected.data = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_redirected(const struct ndp_opt *opt)
{
	struct ndp_bytes d = opt->u.redirected.data;

	/* It carries the start of an IPv6 packet: version 6, full header. */
	if (d.len < 40 || (d.data[0] >> 4) != 6)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_redirected(const struct ndp_opt *opt, uint8_t *buf,
			     size_t cap, size_t *ret_len)
{
	struct ndp_bytes d = opt->u.redirected.data;
	int r;

	if (!ndp_view_ok(d))
		return -EINVAL;
	if (d.len > NDP_OPT_MAX_LEN - 8)
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + d.len)) < 0)
		return r;
	memcpy(buf + 2, opt->u.redirected.reserved, 6);
	*ret_len = 8 + ndp_put_bytes(buf + 8, d);
	return 0;
}

/* ---- 5: MTU (RFC 4861 4.6.4) ---- */

int ndp_opt_parse_mtu(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.mtu.reserved = ndp_get16(opt + 2);
	ret->u.mtu.mtu = ndp_get32(opt + 4);
	return 0;
}

int ndp_opt_check_mtu(const struct ndp_opt *opt)
{
	/* RFC 8200 5: no IPv6 link has an MTU below 1280. */
	return opt->u.mtu.mtu >= 1280 ? 0 : -EINVAL;
}

int ndp_opt_build_mtu(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.mtu.reserved);
	ndp_put32(buf + 4, opt->u.mtu.mtu);
	*ret_len = 8;
	return 0;
}

/* ---- 6: NBMA shortcut limit (RFC 2491 6.2) ---- */

int ndp_opt_parse_nbma(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.nbma.limit = opt[2];
	ret->u.nbma.reserved1 = opt[3];
	ret->u.nbma.reserved2 = ndp_get32(opt + 4);
	return 0;
}

int ndp_opt_check_nbma(const struct ndp_opt *opt)
{
	(void)opt;      /* every limit value is meaningful */
	return 0;
}

int ndp_opt_build_nbma(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		       size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	buf[2] = opt->u.nbma.limit;
	buf[3] = opt->u.nbma.reserved1;
	ndp_put32(buf + 4, opt->u.nbma.reserved2);
	*ret_len = 8;
	return 0;
}

/* ---- 7: advertisement interval (RFC 6275 7.3) ---- */

int ndp_opt_parse_adv_interval(const uint8_t *opt, size_t len,
			       struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.adv_interval.reserved = ndp_get16(opt + 2);
	ret->u.adv_interval.interval = ndp_get32(opt + 4);
	return 0;
}

int ndp_opt_check_adv_interval(const struct ndp_opt *opt)
{
	(void)opt;      /* any number of milliseconds */
	return 0;
}

int ndp_opt_build_adv_interval(const struct ndp_opt *opt, uint8_t *buf,
			       size_t cap, size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.adv_interval.reserved);
	ndp_put32(buf + 4, opt->u.adv_interval.interval);
	*ret_len = 8;
	return 0;
}

/* ---- 8: home agent information (RFC 6275 7.4) ---- */

int ndp_opt_parse_ha_info(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.ha_info.reserved = ndp_get16(opt + 2);
	ret->u.ha_info.preference = (int16_t)ndp_get16(opt + 4);
	ret->u.ha_info.lifetime = ndp_get16(opt + 6);
	return 0;
}

int ndp_opt_check_ha_info(const struct ndp_opt *opt)
{
	/* RFC 6275 7.4: a home agent lifetime of 0 MUST NOT be used. */
	return opt->u.ha_info.lifetime ? 0 : -EINVAL;
}

int ndp_opt_build_ha_info(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			  size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.ha_info.reserved);
	ndp_put16(buf + 4, (uint16_t)opt->u.ha_info.preference);
	ndp_put16(buf + 6, opt->u.ha_info.lifetime);
	*ret_len = 8;
	return 0;
}

/* ---- 9, 10: source/target address list (RFC 3122 3.1, 3.2) ---- */

int ndp_opt_parse_addr_list(const uint8_t *opt, size_t len,
			    struct ndp_opt *ret)
{
	/* 8 octets of header, then whole addresses: length is 1 + 2n. */
	if (len < 8 || (len - 8) % NDP_ADDR_LEN)
		return -EBADMSG;
	memcpy(ret->u.addr_list.reserved, opt + 2, 6);
	ret->u.addr_list.addrs = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_addr_list(const struct ndp_opt *opt)
{
	struct ndp_bytes a = opt->u.addr_list.addrs;

	return a.len && a.len % NDP_ADDR_LEN == 0 ? 0 : -EINVAL;
}

int ndp_opt_build_addr_list(const struct ndp_opt *opt, uint8_t *buf,
			    size_t cap, size_t *ret_len)
{
	struct ndp_bytes a = opt->u.addr_list.addrs;
	int r;

	if (!ndp_view_ok(a) || a.len % NDP_ADDR_LEN)
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + a.len)) < 0)
		return r;
	memcpy(buf + 2, opt->u.addr_list.reserved, 6);
	*ret_len = 8 + ndp_put_bytes(buf + 8, a);
	return 0;
}

/* ---- 23: MAP (RFC 5380 6.3) ---- */

int ndp_opt_parse_map(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_map *m = &ret->u.map;

	if (len != 24)
		return -EBADMSG;
	m->dist = opt[2] >> 4;
	m->pref = opt[2] & 0x0f;
	m->flag_r = opt[3] & 0x80;
	m->reserved = opt[3] & 0x7f;
	m->valid = ndp_get32(opt + 4);
	memcpy(m->addr, opt + 8, NDP_ADDR_LEN);
	return 0;
}

int ndp_opt_check_map(const struct ndp_opt *opt)
{
	/* RFC 5380 6.3: distance 1 is a MAP on the receiver's own link, so 0
	 * has no meaning. */
	return opt->u.map.dist ? 0 : -EINVAL;
}

int ndp_opt_build_map(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	const struct ndp_opt_map *m = &opt->u.map;
	int r;

	if ((r = ndp_body_room(cap, 22)) < 0)
		return r;
	buf[2] = (uint8_t)((m->dist & 0x0f) << 4 | (m->pref & 0x0f));
	buf[3] = (uint8_t)((m->flag_r ? 0x80 : 0) | (m->reserved & 0x7f));
	ndp_put32(buf + 4, m->valid);
	memcpy(buf + 8, m->addr, NDP_ADDR_LEN);
	*ret_len = 24;
	return 0;
}

/* ---- 24: route information (RFC 4191 2.3) ---- */

/* Units the RFC needs for a prefix length: 1 for /0, 2 up to /64, else 3. */
static uint8_t ndp_route_units(uint8_t plen)
{
	return plen == 0 ? 1 : plen <= 64 ? 2 : 3;
}

int ndp_opt_parse_route(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_route *rt = &ret->u.route;

	if (len < 8 || len > 24)
		return -EBADMSG;
	rt->len = opt[2];
	rt->reserved1 = opt[3] >> 5;
	rt->prf = (opt[3] >> 3) & 0x3;
	rt->reserved2 = opt[3] & 0x7;
	rt->lifetime = ndp_get32(opt + 4);
	memset(rt->prefix, 0, NDP_ADDR_LEN);
	memcpy(rt->prefix, opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_route(const struct ndp_opt *opt)
{
	const struct ndp_opt_route *rt = &opt->u.route;
	uint8_t units = opt->len ? opt->len : ndp_route_units(rt->len);

	if (rt->len > 128)
		return -EINVAL;
	/* RFC 4191 2.3: length 3 beyond /64, at least 2 beyond /0. */
	if (units > 3 || units < ndp_route_units(rt->len))
		return -EINVAL;
	if (rt->prf == 2)       /* RFC 4191 2.3: reserved, ignore option */
		return -EINVAL;
	return 0;
}

int ndp_opt_build_route(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	const struct ndp_opt_route *rt = &opt->u.route;
	/* RFC 4191 lets a short prefix ride in a longer option; honour an
	 * explicit length of 1..3 so such options round-trip. */
	uint8_t units = opt->len >= 1 && opt->len <= 3 ?
			opt->len : ndp_route_units(rt->len);
	size_t plen = (size_t)(units - 1) * 8;
	int r;

	if ((r = ndp_body_room(cap, 6 + plen)) < 0)
		return r;
	buf[2] = rt->len;
	buf[3] = (uint8_t)((rt->reserved1 & 0x7) << 5 | (rt->prf & 0x3) << 3 |
			   (rt->reserved2 & 0x7));
	ndp_put32(buf + 4, rt->lifetime);
	memcpy(buf + 8, rt->prefix, plen);
	*ret_len = 8 + plen;
	return 0;
}

/* ---- 26: RA flags extension (RFC 5175 4) ---- */

int ndp_opt_parse_ra_flags_ext(const uint8_t *opt, size_t len,
			       struct ndp_opt *ret)
{
	if (len != 8)
		return -EBADMSG;
	ret->u.ra_flags_ext.flags = ndp_get48(opt + 2);
	return 0;
}

int ndp_opt_check_ra_flags_ext(const struct ndp_opt *opt)
{
	return opt->u.ra_flags_ext.flags >> 48 ? -EINVAL : 0;
}

int ndp_opt_build_ra_flags_ext(const struct ndp_opt *opt, uint8_t *buf,
			       size_t cap, size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 6)) < 0)
		return r;
	ndp_put48(buf + 2, opt->u.ra_flags_ext.flags);
	*ret_len = 8;
	return 0;
}

/* ---- 37: captive portal (RFC 8910 2.3) ---- */

int ndp_opt_parse_captive_portal(const uint8_t *opt, size_t len,
				 struct ndp_opt *ret)
{
	size_t n = len - 2;

	/* The URI is padded with NULs to the unit boundary. */
	while (n && opt[2 + n - 1] == 0)
		n--;
	ret->u.captive_portal.uri = ndp_view(opt + 2, n);
	return 0;
}

int ndp_opt_check_captive_portal(const struct ndp_opt *opt)
{
	struct ndp_bytes u = opt->u.captive_portal.uri;

	if (!u.len)
		return -EINVAL;
	for (size_t i = 0; i < u.len; i++)
		if (u.data[i] <= 0x20 || u.data[i] >= 0x7f)
			return -EINVAL; /* RFC 3986 URIs are printable ASCII */
	return 0;
}

int ndp_opt_build_captive_portal(const struct ndp_opt *opt, uint8_t *buf,
				 size_t cap, size_t *ret_len)
{
	struct ndp_bytes u = opt->u.captive_portal.uri;
	int r;

	if (!ndp_view_ok(u))
		return -EINVAL;
	if ((r = ndp_body_room(cap, u.len)) < 0)
		return r;
	*ret_len = 2 + ndp_put_bytes(buf + 2, u);
	return 0;
}

/* ---- 38: PREF64 (RFC 8781 4) ---- */

int ndp_opt_parse_pref64(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	uint16_t w;

	if (len != 16)
		return -EBADMSG;
	w = ndp_get16(opt + 2);
	ret->u.pref64.lifetime = w >> 3;
	ret->u.pref64.plc = w & 0x7;
	memset(ret->u.pref64.prefix, 0, NDP_ADDR_LEN);
	memcpy(ret->u.pref64.prefix, opt + 4, 12);
	return 0;
}

int ndp_opt_check_pref64(const struct ndp_opt *opt)
{
	/* RFC 8781 4: PLC 0..5 (/96 /64 /56 /48 /40 /32), 13-bit lifetime. */
	if (opt->u.pref64.plc > 5 || opt->u.pref64.lifetime > 0x1fff)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_pref64(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			 size_t *ret_len)
{
	int r;

	if ((r = ndp_body_room(cap, 14)) < 0)
		return r;
	ndp_put16(buf + 2, (uint16_t)((opt->u.pref64.lifetime & 0x1fff) << 3 |
				      (opt->u.pref64.plc & 0x7)));
	memcpy(buf + 4, opt->u.pref64.prefix, 12);
	*ret_len = 16;
	return 0;
}

/* ---- unknown types and 253/254 experimental (RFC 4727): raw body ---- */

int ndp_opt_parse_raw(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	ret->u.raw.data = ndp_view(opt + 2, len - 2);
	return 0;
}

int ndp_opt_check_raw(const struct ndp_opt *opt)
{
	(void)opt;
	return 0;
}

int ndp_opt_build_raw(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	struct ndp_bytes d = opt->u.raw.data;
	int r;

	if (!ndp_view_ok(d))
		return -EINVAL;
	if ((r = ndp_body_room(cap, d.len)) < 0)
		return r;
	*ret_len = 2 + ndp_put_bytes(buf + 2, d);
	return 0;
}
