/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ND option field table: one row per field of every option of IANA's
 * "IPv6 Neighbor Discovery Option Formats" registry (RFC 4861 4.6 and the
 * RFCs named in ndp_options.c), in wire order. See ndp_fields.h. */
#include <stdio.h>
#include <string.h>

#include "ndp_fields.h"

#define MEMBER(x) .member = offsetof(struct ndp_opt, u.x), \
		  .size = (uint8_t)sizeof(((struct ndp_opt *)0)->u.x)
#define WHEN(x) .conditional = true, .when = offsetof(struct ndp_opt, u.x)
#define UINT .kind = NDP_FIELD_UINT
#define BOOL .kind = NDP_FIELD_BOOL
#define IPV6 .kind = NDP_FIELD_IPV6
#define BYTES .kind = NDP_FIELD_BYTES
#define TAIL .kind = NDP_FIELD_TAIL
#define VAR NDP_FIELD_OFF_VAR

/* Types whose body is laid out like another type's share its rows. */
static const uint8_t same_layout[256] = {
	[NDP_OPT_TLLA] = NDP_OPT_SLLA,
	[NDP_OPT_TGT_ADDR_LIST] = NDP_OPT_SRC_ADDR_LIST,
	[NDP_OPT_PROXY_SIG] = NDP_OPT_RSA_SIG,
	[NDP_OPT_NEW_ROUTER_PREFIX] = NDP_OPT_IP_ADDR,
	[NDP_OPT_MN_ID] = NDP_OPT_HAI,
	[NDP_OPT_CARD_REP] = NDP_OPT_CARD_REQ,
	[NDP_OPT_EXP2] = NDP_OPT_EXP1,
};

/* Rows of one type are contiguous. Offsets count from the type octet. */
static const struct ndp_field ndp_fields[] = {
	/* 1, 2: RFC 4861 4.6.1; a MAC when 6 octets, else raw octets */
	{ .type = NDP_OPT_SLLA, .suffix = "addr", .kind = NDP_FIELD_SPECIAL,
	  MEMBER(lla.addr), .off = 2 },
	{ .type = NDP_OPT_SLLA, .suffix = "addr.raw", .kind = NDP_FIELD_SPECIAL,
	  MEMBER(lla.addr), .off = 2 },
	/* 3: RFC 4861 4.6.2, R RFC 6275 7.2, P RFC 9762 4 */
	{ .type = NDP_OPT_PREFIX, .suffix = "len", UINT, MEMBER(prefix.len), .off = 2 },
	{ .type = NDP_OPT_PREFIX, .suffix = "flag.l", BOOL, MEMBER(prefix.flag_l), .off = 3,
	  .cli = "L" },
	{ .type = NDP_OPT_PREFIX, .suffix = "flag.a", BOOL, MEMBER(prefix.flag_a), .off = 3,
	  .cli = "A" },
	{ .type = NDP_OPT_PREFIX, .suffix = "flag.r", BOOL, MEMBER(prefix.flag_r), .off = 3,
	  .cli = "R" },
	{ .type = NDP_OPT_PREFIX, .suffix = "flag.p", BOOL, MEMBER(prefix.flag_p), .off = 3,
	  .cli = "P" },
	{ .type = NDP_OPT_PREFIX, .suffix = "valid", UINT, MEMBER(prefix.valid), .off = 4,
	  .cli = "valid", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_PREFIX, .suffix = "preferred", UINT, MEMBER(prefix.preferred),
	  .off = 8, .cli = "preferred", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_PREFIX, .suffix = "prefix", IPV6, MEMBER(prefix.prefix), .off = 16 },
	/* 4: RFC 4861 4.6.3 */
	{ .type = NDP_OPT_REDIRECTED, .suffix = "data", BYTES, MEMBER(redirected.data),
	  .off = 8 },
	/* 5: RFC 4861 4.6.4; the value is ndisc.opt.mtu itself */
	{ .type = NDP_OPT_MTU, .suffix = "", UINT, MEMBER(mtu.mtu), .off = 4 },
	/* 6: RFC 2491 6.2 */
	{ .type = NDP_OPT_NBMA, .suffix = "limit", UINT, MEMBER(nbma.limit), .off = 2 },
	/* 7: RFC 6275 7.3 */
	{ .type = NDP_OPT_ADV_INTERVAL, .suffix = "interval", UINT,
	  MEMBER(adv_interval.interval), .off = 4 },
	/* 8: RFC 6275 7.4 */
	{ .type = NDP_OPT_HA_INFO, .suffix = "preference", .kind = NDP_FIELD_INT,
	  MEMBER(ha_info.preference), .off = 4, .cli = "pref", .min = INT16_MIN,
	  .max = INT16_MAX },
	{ .type = NDP_OPT_HA_INFO, .suffix = "lifetime", UINT, MEMBER(ha_info.lifetime),
	  .off = 6, .cli = "lifetime", .max = UINT16_MAX, .seconds = true,
	  .zero_why = "lifetime must not be 0 (RFC 6275 7.4)" },
	/* 9, 10: RFC 3122 3.1, 3.2 */
	{ .type = NDP_OPT_SRC_ADDR_LIST, .suffix = "addr", .kind = NDP_FIELD_ADDRS,
	  MEMBER(addr_list.addrs), .off = 8 },
	/* 11: RFC 3971 5.1 */
	{ .type = NDP_OPT_CGA, .suffix = "pad_len", UINT, MEMBER(cga.pad_len), .off = 2 },
	{ .type = NDP_OPT_CGA, .suffix = "params", BYTES, MEMBER(cga.params), .off = 4 },
	/* 12, 32: RFC 3971 5.2, RFC 6496 4.2 */
	{ .type = NDP_OPT_RSA_SIG, .suffix = "key_hash", .kind = NDP_FIELD_OCTETS,
	  MEMBER(signature.key_hash), .off = 4 },
	{ .type = NDP_OPT_RSA_SIG, .suffix = "signature", TAIL, MEMBER(signature.signature),
	  .off = 20 },
	/* 13: RFC 3971 5.3.1 */
	{ .type = NDP_OPT_TIMESTAMP, .suffix = "timestamp", UINT,
	  MEMBER(timestamp.timestamp), .off = 8 },
	/* 14: RFC 3971 5.3.2 */
	{ .type = NDP_OPT_NONCE, .suffix = "nonce", BYTES, MEMBER(nonce.nonce), .off = 2 },
	/* 15: RFC 3971 6.4.3; the FQDN form only for name type 2 */
	{ .type = NDP_OPT_TRUST_ANCHOR, .suffix = "name_type", UINT,
	  MEMBER(trust_anchor.name_type), .off = 2 },
	{ .type = NDP_OPT_TRUST_ANCHOR, .suffix = "pad_len", UINT,
	  MEMBER(trust_anchor.pad_len), .off = 3 },
	{ .type = NDP_OPT_TRUST_ANCHOR, .suffix = "name", BYTES, MEMBER(trust_anchor.name),
	  .off = 4 },
	{ .type = NDP_OPT_TRUST_ANCHOR, .suffix = "fqdn", .kind = NDP_FIELD_SPECIAL,
	  MEMBER(trust_anchor.name), .off = 4 },
	/* 16: RFC 3971 6.4.4; one DER element, then padding */
	{ .type = NDP_OPT_CERTIFICATE, .suffix = "cert_type", UINT,
	  MEMBER(certificate.cert_type), .off = 2 },
	{ .type = NDP_OPT_CERTIFICATE, .suffix = "cert", .kind = NDP_FIELD_SPECIAL,
	  MEMBER(certificate.cert), .off = 4 },
	{ .type = NDP_OPT_CERTIFICATE, .suffix = "padding", .kind = NDP_FIELD_SPECIAL,
	  MEMBER(certificate.cert), .off = VAR },
	/* 17, 18: RFC 5568 6.4.1, RFC 4068 6.4.2 */
	{ .type = NDP_OPT_IP_ADDR, .suffix = "code", UINT, MEMBER(ip_addr.code), .off = 2 },
	{ .type = NDP_OPT_IP_ADDR, .suffix = "prefix_len", UINT, MEMBER(ip_addr.prefix_len),
	  .off = 3 },
	{ .type = NDP_OPT_IP_ADDR, .suffix = "addr", IPV6, MEMBER(ip_addr.addr), .off = 8 },
	/* 19: RFC 5568 6.4.3 */
	{ .type = NDP_OPT_LLA, .suffix = "code", UINT, MEMBER(fmip_lla.code), .off = 2 },
	{ .type = NDP_OPT_LLA, .suffix = "lla", TAIL, MEMBER(fmip_lla.lla), .off = 3 },
	/* 20: RFC 5568 6.4.4 */
	{ .type = NDP_OPT_NAACK, .suffix = "code", UINT, MEMBER(naack.code), .off = 2,
	  .cli = "code", .max = UINT8_MAX },
	{ .type = NDP_OPT_NAACK, .suffix = "status", UINT, MEMBER(naack.status), .off = 3,
	  .cli = "status", .max = UINT8_MAX },
	{ .type = NDP_OPT_NAACK, .suffix = "rest", BYTES, MEMBER(naack.rest), .off = 8,
	  .cli = "data" },
	/* 21: RFC 8801 3.1; the RA header only with R */
	{ .type = NDP_OPT_PVD_ID, .suffix = "flag.h", BOOL, MEMBER(pvd_id.flag_h), .off = 2,
	  .cli = "H" },
	{ .type = NDP_OPT_PVD_ID, .suffix = "flag.l", BOOL, MEMBER(pvd_id.flag_l), .off = 2,
	  .cli = "L" },
	{ .type = NDP_OPT_PVD_ID, .suffix = "flag.r", BOOL, MEMBER(pvd_id.flag_r), .off = 2,
	  .cli = "R" },
	{ .type = NDP_OPT_PVD_ID, .suffix = "delay", UINT, MEMBER(pvd_id.delay), .off = 3,
	  .cli = "delay", .max = 15 },
	{ .type = NDP_OPT_PVD_ID, .suffix = "seq", UINT, MEMBER(pvd_id.seq), .off = 4,
	  .cli = "seq", .max = UINT16_MAX },
	{ .type = NDP_OPT_PVD_ID, .suffix = "fqdn", .kind = NDP_FIELD_NAMES,
	  MEMBER(pvd_id.fqdn), .off = 6 },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra_type", UINT, MEMBER(pvd_id.ra_type),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra_code", UINT, MEMBER(pvd_id.ra_code),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.cur_hop_limit", UINT,
	  MEMBER(pvd_id.ra.cur_hop_limit), .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.flag.m", BOOL, MEMBER(pvd_id.ra.flag_m),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.flag.o", BOOL, MEMBER(pvd_id.ra.flag_o),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.flag.h", BOOL, MEMBER(pvd_id.ra.flag_h),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.prf", UINT, MEMBER(pvd_id.ra.prf),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.flag.p", BOOL, MEMBER(pvd_id.ra.flag_p),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.router_lifetime", UINT,
	  MEMBER(pvd_id.ra.router_lifetime), .off = VAR, WHEN(pvd_id.flag_r),
	  .cli = "lifetime", .max = UINT16_MAX, .seconds = true },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.reachable", UINT, MEMBER(pvd_id.ra.reachable),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = "ra.retrans", UINT, MEMBER(pvd_id.ra.retrans),
	  .off = VAR, WHEN(pvd_id.flag_r) },
	{ .type = NDP_OPT_PVD_ID, .suffix = NULL, BYTES, MEMBER(pvd_id.options), .off = VAR,
	  .cli = "opts" },
	/* 23: RFC 5380 6.3 */
	{ .type = NDP_OPT_MAP, .suffix = "dist", UINT, MEMBER(map.dist), .off = 2,
	  .cli = "dist", .max = 15, .zero_why = "dist must be 1..15 (RFC 5380 6.3)" },
	{ .type = NDP_OPT_MAP, .suffix = "pref", UINT, MEMBER(map.pref), .off = 2,
	  .cli = "pref", .max = 15 },
	{ .type = NDP_OPT_MAP, .suffix = "flag.r", BOOL, MEMBER(map.flag_r), .off = 3,
	  .cli = "R" },
	{ .type = NDP_OPT_MAP, .suffix = "valid", UINT, MEMBER(map.valid), .off = 4,
	  .cli = "valid", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_MAP, .suffix = "addr", IPV6, MEMBER(map.addr), .off = 8 },
	/* 24: RFC 4191 2.3 */
	{ .type = NDP_OPT_ROUTE, .suffix = "len", UINT, MEMBER(route.len), .off = 2 },
	{ .type = NDP_OPT_ROUTE, .suffix = "prf", UINT, MEMBER(route.prf), .off = 3 },
	{ .type = NDP_OPT_ROUTE, .suffix = "lifetime", UINT, MEMBER(route.lifetime), .off = 4,
	  .cli = "lifetime", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_ROUTE, .suffix = "prefix", IPV6, MEMBER(route.prefix), .off = 8 },
	/* 25: RFC 8106 5.1 */
	{ .type = NDP_OPT_RDNSS, .suffix = "lifetime", UINT, MEMBER(rdnss.lifetime), .off = 4,
	  .cli = "lifetime", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_RDNSS, .suffix = "addr", .kind = NDP_FIELD_ADDRS,
	  MEMBER(rdnss.addrs), .off = 8 },
	/* 26: RFC 5175 4 */
	{ .type = NDP_OPT_RA_FLAGS_EXT, .suffix = "flags", UINT, MEMBER(ra_flags_ext.flags),
	  .off = 2 },
	/* 27: RFC 5269 5.1 */
	{ .type = NDP_OPT_HKR, .suffix = "pad_len", UINT, MEMBER(hkr.pad_len), .off = 2 },
	{ .type = NDP_OPT_HKR, .suffix = "at", UINT, MEMBER(hkr.at), .off = 3 },
	{ .type = NDP_OPT_HKR, .suffix = "key", BYTES, MEMBER(hkr.key), .off = 4 },
	/* 28: RFC 5269 5.2 */
	{ .type = NDP_OPT_HKREP, .suffix = "pad_len", UINT, MEMBER(hkrep.pad_len), .off = 2 },
	{ .type = NDP_OPT_HKREP, .suffix = "at", UINT, MEMBER(hkrep.at), .off = 3 },
	{ .type = NDP_OPT_HKREP, .suffix = "lifetime", UINT, MEMBER(hkrep.lifetime), .off = 4 },
	{ .type = NDP_OPT_HKREP, .suffix = "key", BYTES, MEMBER(hkrep.key), .off = 6 },
	/* 29, 30: RFC 5271 4.1, 4.2 */
	{ .type = NDP_OPT_HAI, .suffix = "code", UINT, MEMBER(hai.code), .off = 2 },
	{ .type = NDP_OPT_HAI, .suffix = "value_len", .kind = NDP_FIELD_VIEW_LEN,
	  MEMBER(hai.value), .off = 3 },
	{ .type = NDP_OPT_HAI, .suffix = "value", BYTES, MEMBER(hai.value), .off = 4 },
	/* 31: RFC 8106 5.2 */
	{ .type = NDP_OPT_DNSSL, .suffix = "lifetime", UINT, MEMBER(dnssl.lifetime), .off = 4,
	  .cli = "lifetime", .max = UINT32_MAX, .seconds = true },
	{ .type = NDP_OPT_DNSSL, .suffix = "name", .kind = NDP_FIELD_NAMES,
	  MEMBER(dnssl.names), .off = 8 },
	/* 33: RFC 8505 4.1, C RFC 8928 4.2, P RFC 9685 */
	{ .type = NDP_OPT_EARO, .suffix = "status", UINT, MEMBER(earo.status), .off = 2,
	  .cli = "status", .max = UINT8_MAX },
	{ .type = NDP_OPT_EARO, .suffix = "opaque", UINT, MEMBER(earo.opaque), .off = 3,
	  .cli = "opaque", .max = UINT8_MAX },
	{ .type = NDP_OPT_EARO, .suffix = "i", UINT, MEMBER(earo.i), .off = 4, .cli = "i",
	  .max = 3 },
	{ .type = NDP_OPT_EARO, .suffix = "flag.c", BOOL, MEMBER(earo.flag_c), .off = 4,
	  .cli = "C" },
	{ .type = NDP_OPT_EARO, .suffix = "p", UINT, MEMBER(earo.p), .off = 4, .cli = "p",
	  .max = 2 },
	{ .type = NDP_OPT_EARO, .suffix = "flag.r", BOOL, MEMBER(earo.flag_r), .off = 4,
	  .cli = "R" },
	{ .type = NDP_OPT_EARO, .suffix = "flag.t", BOOL, MEMBER(earo.flag_t), .off = 4,
	  .cli = "T" },
	{ .type = NDP_OPT_EARO, .suffix = "tid", UINT, MEMBER(earo.tid), .off = 5,
	  .cli = "tid", .max = UINT8_MAX },
	{ .type = NDP_OPT_EARO, .suffix = "lifetime", UINT, MEMBER(earo.lifetime), .off = 6,
	  .cli = "lifetime", .max = UINT16_MAX },
	{ .type = NDP_OPT_EARO, .suffix = "rovr", BYTES, MEMBER(earo.rovr), .off = 8 },
	/* 34: RFC 6775 4.2 */
	{ .type = NDP_OPT_6LOWPAN_CTX, .suffix = "context_len", UINT,
	  MEMBER(lowpan_ctx.context_len), .off = 2 },
	{ .type = NDP_OPT_6LOWPAN_CTX, .suffix = "flag.c", BOOL, MEMBER(lowpan_ctx.flag_c),
	  .off = 3, .cli = "C" },
	{ .type = NDP_OPT_6LOWPAN_CTX, .suffix = "cid", UINT, MEMBER(lowpan_ctx.cid), .off = 3,
	  .cli = "cid", .max = 15 },
	{ .type = NDP_OPT_6LOWPAN_CTX, .suffix = "lifetime", UINT, MEMBER(lowpan_ctx.lifetime),
	  .off = 6, .cli = "lifetime", .max = UINT16_MAX },
	{ .type = NDP_OPT_6LOWPAN_CTX, .suffix = "prefix", IPV6, MEMBER(lowpan_ctx.prefix),
	  .off = 8 },
	/* 35: RFC 6775 4.3; version= sets both halves */
	{ .type = NDP_OPT_ABRO, .suffix = "version_low", UINT, MEMBER(abro.version_low),
	  .off = 2 },
	{ .type = NDP_OPT_ABRO, .suffix = "version_high", UINT, MEMBER(abro.version_high),
	  .off = 4 },
	{ .type = NDP_OPT_ABRO, .suffix = "lifetime", UINT, MEMBER(abro.lifetime), .off = 6,
	  .cli = "lifetime", .max = UINT16_MAX },
	{ .type = NDP_OPT_ABRO, .suffix = "addr", IPV6, MEMBER(abro.addr), .off = 8 },
	/* 36: RFC 7400 3.3, RFC 8505 4.3, RFC 9010 8 */
	{ .type = NDP_OPT_6CIO, .suffix = "flags", UINT, MEMBER(cio.flags), .off = 2 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.g", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_G, .off = 3 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.e", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_E, .off = 3 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.p", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_P, .off = 3 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.b", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_B, .off = 3 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.l", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_L, .off = 3 },
	{ .type = NDP_OPT_6CIO, .suffix = "flag.d", .kind = NDP_FIELD_BIT, MEMBER(cio.flags),
	  .mask = NDP_6CIO_D, .off = 3 },
	/* 37: RFC 8910 2.3 */
	{ .type = NDP_OPT_CAPTIVE_PORTAL, .suffix = "uri", .kind = NDP_FIELD_TEXT,
	  MEMBER(captive_portal.uri), .off = 2 },
	/* 38: RFC 8781 4; lifetime= is in seconds, stored scaled (8 s units) */
	{ .type = NDP_OPT_PREF64, .suffix = "lifetime", UINT, MEMBER(pref64.lifetime),
	  .off = 2 },
	{ .type = NDP_OPT_PREF64, .suffix = "plc", UINT, MEMBER(pref64.plc), .off = 2 },
	{ .type = NDP_OPT_PREF64, .suffix = "prefix", IPV6, MEMBER(pref64.prefix), .off = 4 },
	/* 39: RFC 8928 4.3 */
	{ .type = NDP_OPT_CIPO, .suffix = "key_len", UINT, MEMBER(cipo.key_len), .off = 2 },
	{ .type = NDP_OPT_CIPO, .suffix = "crypto_type", UINT, MEMBER(cipo.crypto_type),
	  .off = 4 },
	{ .type = NDP_OPT_CIPO, .suffix = "key", BYTES, MEMBER(cipo.key), .off = 6 },
	/* 40: RFC 8928 4.4 */
	{ .type = NDP_OPT_NDP_SIG, .suffix = "pad_len", UINT, MEMBER(ndp_sig.pad_len),
	  .off = 2 },
	{ .type = NDP_OPT_NDP_SIG, .suffix = "signature", BYTES, MEMBER(ndp_sig.signature),
	  .off = 8 },
	/* 41: RFC 9176 4.1 */
	{ .type = NDP_OPT_RD_ADDR, .suffix = "lifetime", UINT, MEMBER(rd_addr.lifetime),
	  .off = 2, .cli = "lifetime", .max = UINT16_MAX },
	{ .type = NDP_OPT_RD_ADDR, .suffix = "addr", IPV6, MEMBER(rd_addr.addr), .off = 8 },
	/* 42: RFC 9685 */
	{ .type = NDP_OPT_UPTIME, .suffix = "exponent", UINT, MEMBER(uptime.exponent),
	  .off = 2, .cli = "exp", .max = UINT8_MAX },
	{ .type = NDP_OPT_UPTIME, .suffix = "uptime", UINT, MEMBER(uptime.uptime), .off = 4 },
	/* 138, 139: RFC 4065 4 */
	{ .type = NDP_OPT_CARD_REQ, .suffix = "body", TAIL, MEMBER(card.body), .off = 4 },
	/* 144: RFC 9463 6.1 */
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "priority", UINT,
	  MEMBER(encrypted_dns.priority), .off = 2, .cli = "priority", .max = UINT16_MAX,
	  .zero_why = "priority must be 1..65535 (RFC 9463 6.1)" },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "lifetime", UINT,
	  MEMBER(encrypted_dns.lifetime), .off = 4, .cli = "lifetime", .max = UINT32_MAX,
	  .seconds = true },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "adn_len", UINT,
	  MEMBER(encrypted_dns.adn_len), .off = 8 },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "adn", .kind = NDP_FIELD_NAMES,
	  MEMBER(encrypted_dns.adn), .off = 10 },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "addrs_len", UINT,
	  MEMBER(encrypted_dns.addrs_len), .off = VAR },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "addr", .kind = NDP_FIELD_ADDRS,
	  MEMBER(encrypted_dns.addrs), .off = VAR },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "svcparams_len", UINT,
	  MEMBER(encrypted_dns.svcparams_len), .off = VAR },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .suffix = "svcparams", BYTES,
	  MEMBER(encrypted_dns.svcparams), .off = VAR, .cli = "svcparams" },
	/* 253, 254: RFC 4727 */
	{ .type = NDP_OPT_EXP1, .suffix = "data", TAIL, MEMBER(raw.data), .off = 2 },
};
#define N_FIELDS (sizeof(ndp_fields) / sizeof(ndp_fields[0]))

/* Where each type's rows start and how many there are, worked out on the
 * first call (a walk over the whole table on every call was a tenth of
 * fuzz_ndp_script's time: every sub-field of every option looks its row
 * up). The codec runs on one thread, as the plugin and sockgen do. */
_Static_assert(N_FIELDS < 65536, "row numbers are uint16_t");

static const struct ndp_field *fields_index(uint8_t t, size_t *ret_n)
{
	static uint16_t first[256], count[256];
	static bool done;

	if (!done) {
		for (size_t i = 0; i < N_FIELDS; i++) {
			uint8_t u = ndp_fields[i].type;

			if (!count[u])
				first[u] = (uint16_t)i;
			if (first[u] + count[u] == i)   /* contiguous: the one run */
				count[u]++;
		}
		done = true;
	}
	*ret_n = count[t];
	return count[t] ? &ndp_fields[first[t]] : NULL;
}

const struct ndp_field *ndp_fields_of(uint8_t type, size_t *ret_n)
{
	return fields_index(same_layout[type] ? same_layout[type] : type, ret_n);
}

const struct ndp_field *ndp_field_cli(uint8_t type, const char *key)
{
	size_t n;
	const struct ndp_field *f = ndp_fields_of(type, &n);

	for (size_t i = 0; i < n; i++)
		if (f[i].cli && !strcmp(f[i].cli, key))
			return &f[i];
	return NULL;
}

int ndp_field_name(uint8_t type, const struct ndp_field *f, char *out, size_t cap)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(type);
	const char *stem = d ? d->stem : "data";

	if (!f->suffix || !*f->suffix)
		return snprintf(out, cap, "ndisc.opt.%s", stem);
	return snprintf(out, cap, "ndisc.opt.%s.%s", stem, f->suffix);
}

uint64_t ndp_field_get_uint(const struct ndp_field *f, const struct ndp_opt *o)
{
	const void *p = ndp_field_cptr(f, o);
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	if (f->kind == NDP_FIELD_BOOL)
		return *(const bool *)p;
	switch (f->size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

int64_t ndp_field_get_int(const struct ndp_field *f, const struct ndp_opt *o)
{
	const void *p = ndp_field_cptr(f, o);
	int8_t v8;
	int16_t v16;
	int32_t v32;
	int64_t v64;

	switch (f->size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

void ndp_field_set_uint(const struct ndp_field *f, struct ndp_opt *o, uint64_t v)
{
	void *p = ndp_field_ptr(f, o);
	uint8_t v8 = (uint8_t)v;
	uint16_t v16 = (uint16_t)v;
	uint32_t v32 = (uint32_t)v;

	if (f->kind == NDP_FIELD_BOOL) {
		*(bool *)p = v != 0;
		return;
	}
	switch (f->size) {
	case 1: memcpy(p, &v8, 1); break;
	case 2: memcpy(p, &v16, 2); break;
	case 4: memcpy(p, &v32, 4); break;
	default: memcpy(p, &v, 8); break;
	}
}

void ndp_field_set_int(const struct ndp_field *f, struct ndp_opt *o, int64_t v)
{
	ndp_field_set_uint(f, o, (uint64_t)v);
}

bool ndp_field_present(const struct ndp_field *f, const struct ndp_opt *o)
{
	return !f->conditional || *(const bool *)((const char *)o + f->when);
}

/* ---- the fixed part of each message (ndp_hdr_fields) */

#define HMEMBER(x) .member = offsetof(struct ndp_msg, x), \
		   .size = (uint8_t)sizeof(((struct ndp_msg *)0)->x)
#define HUINT(t, n, x, m) { .type = t, .name = n, UINT, HMEMBER(x), .max = m }
#define HBOOL(t, n, x) { .type = t, .name = n, BOOL, HMEMBER(x), .max = 1 }
#define HIPV6(t, n, x) { .type = t, .name = n, IPV6, HMEMBER(x) }

static const struct ndp_hdr_field ndp_hdr_fields[] = {
	HUINT(0, "ndisc.code", code, UINT8_MAX),
	/* RFC 4861 4.2, M/O; H RFC 6275 7.1; prf RFC 4191 2.2; P RFC 4389 */
	HUINT(NDP_RA, "ndisc.ra.cur_hop_limit", h.ra.cur_hop_limit, UINT8_MAX),
	HBOOL(NDP_RA, "ndisc.ra.flag.m", h.ra.flag_m),
	HBOOL(NDP_RA, "ndisc.ra.flag.o", h.ra.flag_o),
	HBOOL(NDP_RA, "ndisc.ra.flag.h", h.ra.flag_h),
	HUINT(NDP_RA, "ndisc.ra.prf", h.ra.prf, 3),
	HBOOL(NDP_RA, "ndisc.ra.flag.p", h.ra.flag_p),
	HUINT(NDP_RA, "ndisc.ra.router_lifetime", h.ra.router_lifetime, UINT16_MAX),
	HUINT(NDP_RA, "ndisc.ra.reachable", h.ra.reachable, UINT32_MAX),
	HUINT(NDP_RA, "ndisc.ra.retrans", h.ra.retrans, UINT32_MAX),
	/* RFC 4861 4.3, 4.4, 4.5 */
	HIPV6(NDP_NS, "ndisc.ns.target", h.ns.target),
	HBOOL(NDP_NA, "ndisc.na.flag.r", h.na.flag_r),
	HBOOL(NDP_NA, "ndisc.na.flag.s", h.na.flag_s),
	HBOOL(NDP_NA, "ndisc.na.flag.o", h.na.flag_o),
	HIPV6(NDP_NA, "ndisc.na.target", h.na.target),
	HIPV6(NDP_REDIRECT, "ndisc.redirect.target", h.redirect.target),
	HIPV6(NDP_REDIRECT, "ndisc.redirect.destination", h.redirect.destination),
	/* RFC 3971 6.4.1, 6.4.2 */
	HUINT(NDP_CPS, "ndisc.cps.identifier", h.cps.identifier, UINT16_MAX),
	HUINT(NDP_CPS, "ndisc.cps.component", h.cps.component, UINT16_MAX),
	HUINT(NDP_CPA, "ndisc.cpa.identifier", h.cpa.identifier, UINT16_MAX),
	HUINT(NDP_CPA, "ndisc.cpa.all_components", h.cpa.all_components, UINT16_MAX),
	HUINT(NDP_CPA, "ndisc.cpa.component", h.cpa.component, UINT16_MAX),
};
#define N_HDR_FIELDS (sizeof(ndp_hdr_fields) / sizeof(ndp_hdr_fields[0]))

const struct ndp_hdr_field *ndp_hdr_field_at(size_t i)
{
	return i < N_HDR_FIELDS ? &ndp_hdr_fields[i] : NULL;
}

const struct ndp_hdr_field *ndp_hdr_field_find(const char *name)
{
	for (size_t i = 0; i < N_HDR_FIELDS; i++)
		if (!strcmp(ndp_hdr_fields[i].name, name))
			return &ndp_hdr_fields[i];
	return NULL;
}
