/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP codec internals: byte-order helpers and the per-option parse/check/build
 * functions the descriptor table (ndp_options.c) points at (RFC 4861 4.6). */
#ifndef SOCKSCOPE_NDP_INTERNAL_H
#define SOCKSCOPE_NDP_INTERNAL_H

#include <errno.h>
#include <string.h>

#include "ndp.h"

static inline uint16_t ndp_get16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t ndp_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t ndp_get48(const uint8_t *p)
{
	return (uint64_t)ndp_get16(p) << 32 | ndp_get32(p + 2);
}

static inline void ndp_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void ndp_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void ndp_put48(uint8_t *p, uint64_t v)
{
	ndp_put16(p, (uint16_t)(v >> 32));
	ndp_put32(p + 2, (uint32_t)v);
}

static inline struct ndp_bytes ndp_view(const uint8_t *p, size_t n)
{
	struct ndp_bytes b = { .data = n ? p : NULL, .len = n };
	return b;
}

/* Copy a view into the body being built; cap already checked by caller. */
static inline size_t ndp_put_bytes(uint8_t *p, struct ndp_bytes b)
{
	if (b.len)
		memcpy(p, b.data, b.len);
	return b.len;
}

/* A view is usable for building: non-empty views need data. */
static inline bool ndp_view_ok(struct ndp_bytes b)
{
	return b.len == 0 || b.data != NULL;
}

/* Bytes to pad n up to the next multiple of 8. */
static inline size_t ndp_pad8(size_t n)
{
	return (NDP_OPT_UNIT - n % NDP_OPT_UNIT) % NDP_OPT_UNIT;
}

/* True if every octet of the view is zero (padding checks). */
bool ndp_all_zero(const uint8_t *p, size_t n);

/* Build-side body room check: the body of an option starts 2 octets into
 * the option and must fit both the buffer and the 255-unit limit. */
int ndp_body_room(size_t cap, size_t body_len);

/* RA header fields after type/code/checksum (12 octets), shared by the
 * message codec and the PvD ID option's embedded RA header (RFC 8801). */
void ndp_ra_hdr_parse(const uint8_t *p, struct ndp_ra *ra);
void ndp_ra_hdr_build(const struct ndp_ra *ra, uint8_t *p);

/* Every option's three verbs. The parse functions get the whole option
 * (type and length octets included; len is exactly length*8). The build
 * functions write the body at buf + 2 (cap counts from buf) and report the
 * unpadded option length; ndp_opt_build() writes type, length and padding. */
#define NDP_OPT_FNS(x)                                                        \
	int ndp_opt_parse_##x(const uint8_t *opt, size_t len,                 \
			      struct ndp_opt *ret);                           \
	int ndp_opt_check_##x(const struct ndp_opt *opt);                     \
	int ndp_opt_build_##x(const struct ndp_opt *opt, uint8_t *buf,        \
			      size_t cap, size_t *ret_len)

NDP_OPT_FNS(lla);
NDP_OPT_FNS(prefix);
NDP_OPT_FNS(redirected);
NDP_OPT_FNS(mtu);
NDP_OPT_FNS(nbma);
NDP_OPT_FNS(adv_interval);
NDP_OPT_FNS(ha_info);
NDP_OPT_FNS(addr_list);
NDP_OPT_FNS(cga);
NDP_OPT_FNS(signature);
NDP_OPT_FNS(timestamp);
NDP_OPT_FNS(nonce);
NDP_OPT_FNS(trust_anchor);
NDP_OPT_FNS(certificate);
NDP_OPT_FNS(ip_addr);
NDP_OPT_FNS(fmip_lla);
NDP_OPT_FNS(naack);
NDP_OPT_FNS(pvd_id);
NDP_OPT_FNS(map);
NDP_OPT_FNS(route);
NDP_OPT_FNS(rdnss);
NDP_OPT_FNS(ra_flags_ext);
NDP_OPT_FNS(hkr);
NDP_OPT_FNS(hkrep);
NDP_OPT_FNS(hai);
NDP_OPT_FNS(dnssl);
NDP_OPT_FNS(earo);
NDP_OPT_FNS(lowpan_ctx);
NDP_OPT_FNS(abro);
NDP_OPT_FNS(cio);
NDP_OPT_FNS(captive_portal);
NDP_OPT_FNS(pref64);
NDP_OPT_FNS(cipo);
NDP_OPT_FNS(ndp_sig);
NDP_OPT_FNS(rd_addr);
NDP_OPT_FNS(uptime);
NDP_OPT_FNS(card);
NDP_OPT_FNS(encrypted_dns);
NDP_OPT_FNS(raw);

/* Length of one DNS wire name at p (incl. the root octet) or -EBADMSG. */
int ndp_dns_name_len(const uint8_t *p, size_t len, size_t *ret_len);

#endif
