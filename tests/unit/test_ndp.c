/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for codec/ndp.c and codec/ndp_dns.c: message headers of every
 * ND type (RFC 4861 4, RFC 3122 2, RFC 3971 6.4), the option walk rules,
 * the ICMPv6 checksum (RFC 8200 8.1) and DNS names (RFC 1035 3.1). */
#include <errno.h>
#include <stdlib.h>

#include <arpa/inet.h>

#include "fixtures.h"
#include "ndp.h"

static struct ndp_msg g_msg, g_msg2;
static uint8_t g_buf[NDP_MSG_MAX_LEN];

/* Build msg, compare with exp, parse back, rebuild, compare again. */
static void msg_roundtrip(const struct ndp_msg *m, const uint8_t *exp,
			  size_t exp_len, struct ndp_msg *out)
{
	uint8_t again[512];
	size_t n = 0, n2 = 0;

	CU_ASSERT_EQUAL_FATAL(ndp_msg_build(m, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL_FATAL(n, exp_len);
	CU_ASSERT_EQUAL(memcmp(g_buf, exp, exp_len), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_parse(exp, exp_len, out), 0);
	CU_ASSERT_EQUAL(out->type, m->type);
	CU_ASSERT_EQUAL(out->code, m->code);
	CU_ASSERT_EQUAL(out->checksum, m->checksum);
	CU_ASSERT_EQUAL(out->n_opts, m->n_opts);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_build(out, again, sizeof(again), &n2), 0);
	CU_ASSERT_EQUAL(n2, exp_len);
	CU_ASSERT_EQUAL(memcmp(again, exp, exp_len), 0);
}

static void test_rs(void)
{
	static const uint8_t exp[] = {
		133, 0,                 /* type RS, code */
		0x12, 0x34,             /* checksum as given */
		0, 0, 0, 0,             /* reserved */
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_RS;
	g_msg.checksum = 0x1234;
	msg_roundtrip(&g_msg, exp, sizeof(exp), &g_msg2);
	CU_ASSERT_EQUAL(g_msg2.h.rs.reserved, 0);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
}

static void test_ra(void)
{
	static const uint8_t exp[] = {
		134, 0, 0, 0,           /* type RA, code, checksum */
		64,                     /* cur hop limit */
		0xc0 | 0x20 | 0x08 | 0x04 | 0x01,
					/* M, O, H, Prf=01 high, P, rsvd=1 */
		0x07, 0x08,             /* router lifetime 1800 */
		0x00, 0x00, 0x75, 0x30, /* reachable 30000 ms */
		0x00, 0x00, 0x03, 0xe8, /* retrans 1000 ms */
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_RA;
	g_msg.h.ra.cur_hop_limit = 64;
	g_msg.h.ra.flag_m = g_msg.h.ra.flag_o = g_msg.h.ra.flag_h = true;
	g_msg.h.ra.prf = 1;
	g_msg.h.ra.flag_p = true;
	g_msg.h.ra.reserved = 1;
	g_msg.h.ra.router_lifetime = 1800;
	g_msg.h.ra.reachable = 30000;
	g_msg.h.ra.retrans = 1000;
	msg_roundtrip(&g_msg, exp, sizeof(exp), &g_msg2);
	CU_ASSERT_EQUAL(g_msg2.h.ra.cur_hop_limit, 64);
	CU_ASSERT(g_msg2.h.ra.flag_m && g_msg2.h.ra.flag_o && g_msg2.h.ra.flag_h);
	CU_ASSERT(g_msg2.h.ra.flag_p);
	CU_ASSERT_EQUAL(g_msg2.h.ra.prf, 1);
	CU_ASSERT_EQUAL(g_msg2.h.ra.reserved, 1);
	CU_ASSERT_EQUAL(g_msg2.h.ra.router_lifetime, 1800);
	CU_ASSERT_EQUAL(g_msg2.h.ra.reachable, 30000);
	CU_ASSERT_EQUAL(g_msg2.h.ra.retrans, 1000);
	/* Prf 2 is reserved (RFC 4191 2.2). */
	g_msg2.h.ra.prf = 2;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
	g_msg2.h.ra.prf = 3;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	/* RFC 4861 6.2.1: reachable time at most 3,600,000 ms. */
	g_msg2.h.ra.reachable = 3600000;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	g_msg2.h.ra.reachable = 3600001;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
}

static void test_ns(void)
{
	static const uint8_t exp[] = {
		135, 0, 0, 0,           /* type NS, code, checksum */
		0, 0, 0, 0,             /* reserved */
		FX_DOC_ADDR1_BYTES,     /* target 2001:db8::1 */
		1, 1, FX_MAC_DEF_BYTES, /* SLLA 02:00:00:00:00:01 */
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_NS;
	memcpy(g_msg.h.ns.target, fx_doc_addr1, 16);
	g_msg.n_opts = 1;
	g_msg.opts[0].type = NDP_OPT_SLLA;
	g_msg.opts[0].u.lla.addr.data = fx_mac_def;
	g_msg.opts[0].u.lla.addr.len = 6;
	msg_roundtrip(&g_msg, exp, sizeof(exp), &g_msg2);
	CU_ASSERT_EQUAL(memcmp(g_msg2.h.ns.target, fx_doc_addr1, 16), 0);
	CU_ASSERT_EQUAL(g_msg2.opts[0].u.lla.addr.len, 6);
	CU_ASSERT_EQUAL(memcmp(g_msg2.opts[0].u.lla.addr.data, fx_mac_def, 6), 0);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	/* A multicast target is invalid (RFC 4861 7.1.1). */
	memcpy(g_msg2.h.ns.target, fx_all_nodes, 16);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
}

static void test_na(void)
{
	static const uint8_t exp[] = {
		136, 0, 0, 0,           /* type NA, code, checksum */
		0xe0, 0, 0, 0x05,       /* R, S, O; reserved 5 */
		FX_LL1_BYTES,           /* target fe80::1 */
		2, 1, FX_MAC_DEAD_BYTES,/* TLLA de:ad:be:ef:de:ad */
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_NA;
	g_msg.h.na.flag_r = g_msg.h.na.flag_s = g_msg.h.na.flag_o = true;
	g_msg.h.na.reserved = 5;
	memcpy(g_msg.h.na.target, fx_ll1, 16);
	g_msg.n_opts = 1;
	g_msg.opts[0].type = NDP_OPT_TLLA;
	g_msg.opts[0].u.lla.addr.data = fx_mac_dead;
	g_msg.opts[0].u.lla.addr.len = 6;
	msg_roundtrip(&g_msg, exp, sizeof(exp), &g_msg2);
	CU_ASSERT(g_msg2.h.na.flag_r && g_msg2.h.na.flag_s && g_msg2.h.na.flag_o);
	CU_ASSERT_EQUAL(g_msg2.h.na.reserved, 5);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	/* An SLLA has no place in an NA (RFC 4861 4.4). */
	g_msg2.opts[0].type = NDP_OPT_SLLA;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
}

static void test_redirect(void)
{
	static const uint8_t exp[] = {
		137, 0, 0, 0,           /* type redirect, code, checksum */
		0, 0, 0, 0,             /* reserved */
		FX_LL1_BYTES,           /* target fe80::1 */
		FX_DOC_ADDR2_BYTES,     /* destination 2001:db8::2 */
	};
	size_t idx;

	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_REDIRECT;
	memcpy(g_msg.h.redirect.target, fx_ll1, 16);
	memcpy(g_msg.h.redirect.destination, fx_doc_addr2, 16);
	msg_roundtrip(&g_msg, exp, sizeof(exp), &g_msg2);
	CU_ASSERT_EQUAL(memcmp(g_msg2.h.redirect.destination, fx_doc_addr2, 16), 0);
	CU_ASSERT_EQUAL(ndp_msg_check_detail(&g_msg2, &idx), 0);
	CU_ASSERT_EQUAL(idx, SIZE_MAX);
	/* RFC 4861 8.1: a global target must be the destination itself. */
	memcpy(g_msg2.h.redirect.target, fx_doc_addr1, 16);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
	memcpy(g_msg2.h.redirect.target, fx_doc_addr2, 16);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	/* An MTU option in a redirect is out of place; the index says so. */
	g_msg2.n_opts = 1;
	g_msg2.opts[0].type = NDP_OPT_MTU;
	g_msg2.opts[0].u.mtu.mtu = 1500;
	CU_ASSERT_EQUAL(ndp_msg_check_detail(&g_msg2, &idx), -EINVAL);
	CU_ASSERT_EQUAL(idx, 0);
}

static void test_ind(void)
{
	static const uint8_t sol[] = {
		141, 0, 0, 0, 0, 0, 0, 0,       /* type, code, csum, reserved */
		1, 1, FX_MAC_DEF_BYTES,         /* SLLA */
		2, 1, FX_MAC_DEAD_BYTES,        /* TLLA */
	};
	static const uint8_t adv[] = {
		142, 0, 0, 0, 0, 0, 0, 0,       /* type, code, csum, reserved */
		10, 3, 0, 0, 0, 0, 0, 0,        /* target address list, 1 addr */
		FX_DOC_ADDR1_BYTES,
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_IND_SOL;
	g_msg.n_opts = 2;
	g_msg.opts[0].type = NDP_OPT_SLLA;
	g_msg.opts[0].u.lla.addr.data = fx_mac_def;
	g_msg.opts[0].u.lla.addr.len = 6;
	g_msg.opts[1].type = NDP_OPT_TLLA;
	g_msg.opts[1].u.lla.addr.data = fx_mac_dead;
	g_msg.opts[1].u.lla.addr.len = 6;
	msg_roundtrip(&g_msg, sol, sizeof(sol), &g_msg2);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	/* RFC 3122 2.1: no TLLA, nothing to ask about. */
	g_msg2.n_opts = 1;
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);

	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_IND_ADV;
	g_msg.n_opts = 1;
	g_msg.opts[0].type = NDP_OPT_TGT_ADDR_LIST;
	g_msg.opts[0].u.addr_list.addrs.data = fx_doc_addr1;
	g_msg.opts[0].u.addr_list.addrs.len = 16;
	msg_roundtrip(&g_msg, adv, sizeof(adv), &g_msg2);
	CU_ASSERT_EQUAL(ndp_addr_count(g_msg2.opts[0].u.addr_list.addrs), 1);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), 0);
	g_msg2.n_opts = 0;              /* RFC 3122 2.2: the list is the answer */
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg2), -EINVAL);
}

static void test_cps_cpa(void)
{
	static const uint8_t cps[] = {
		148, 0, 0, 0,           /* type CPS, code, checksum */
		0x12, 0x34,             /* identifier */
		0xff, 0xff,             /* component: all */
	};
	static const uint8_t cpa[] = {
		149, 0, 0, 0,           /* type CPA, code, checksum */
		0x12, 0x34,             /* identifier */
		0x00, 0x02,             /* all components */
		0x00, 0x01,             /* component */
		0x00, 0x00,             /* reserved */
	};
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_CPS;
	g_msg.h.cps.identifier = 0x1234;
	g_msg.h.cps.component = 0xffff;
	msg_roundtrip(&g_msg, cps, sizeof(cps), &g_msg2);
	CU_ASSERT_EQUAL(g_msg2.h.cps.component, 0xffff);

	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_CPA;
	g_msg.h.cpa.identifier = 0x1234;
	g_msg.h.cpa.all_components = 2;
	g_msg.h.cpa.component = 1;
	msg_roundtrip(&g_msg, cpa, sizeof(cpa), &g_msg2);
	CU_ASSERT_EQUAL(g_msg2.h.cpa.all_components, 2);
	CU_ASSERT_EQUAL(g_msg2.h.cpa.component, 1);
}

static void test_msg_meta(void)
{
	static const uint8_t types[] = { 133, 134, 135, 136, 137, 141, 142,
					 148, 149 };
	static const size_t lens[] = { 8, 16, 24, 24, 40, 8, 8, 8, 12 };

	for (size_t i = 0; i < sizeof(types); i++) {
		CU_ASSERT_PTR_NOT_NULL(ndp_msg_name(types[i]));
		CU_ASSERT_EQUAL(ndp_msg_fixed_len(types[i]), lens[i]);
		CU_ASSERT_NOT_EQUAL(ndp_msg_bit(types[i]), 0);
	}
	CU_ASSERT_STRING_EQUAL(ndp_msg_name(NDP_RA), "Router Advertisement");
	CU_ASSERT_EQUAL(ndp_msg_bit(NDP_RA), NDP_M_RA);
	CU_ASSERT_PTR_NULL(ndp_msg_name(128));
	CU_ASSERT_EQUAL(ndp_msg_fixed_len(1), 0);
	CU_ASSERT_EQUAL(ndp_msg_bit(255), 0);
}

static void test_msg_malformed(void)
{
	static const uint8_t echo[8] = { 128, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ns_short[23] = { 135 };
	static const uint8_t rs_code[8] = { 133, 7 };
	size_t n;

	/* Not an ND type, shorter than the fixed part, too short at all. */
	CU_ASSERT_EQUAL(ndp_msg_parse(echo, sizeof(echo), &g_msg), -EBADMSG);
	CU_ASSERT_EQUAL(ndp_msg_parse(ns_short, sizeof(ns_short), &g_msg),
			-EBADMSG);
	CU_ASSERT_EQUAL(ndp_msg_parse(ns_short, 3, &g_msg), -EBADMSG);
	/* A non-zero code parses, but the check refuses it (RFC 4861 6.1.1). */
	CU_ASSERT_EQUAL(ndp_msg_parse(rs_code, sizeof(rs_code), &g_msg), 0);
	CU_ASSERT_EQUAL(g_msg.code, 7);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg), -EINVAL);
	/* Builder: unknown type, buffer too small. */
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = 128;
	CU_ASSERT_EQUAL(ndp_msg_build(&g_msg, g_buf, sizeof(g_buf), &n), -EINVAL);
	g_msg.type = NDP_NS;
	CU_ASSERT_EQUAL(ndp_msg_build(&g_msg, g_buf, 23, &n), -ENOSPC);
	g_msg.n_opts = 1;
	g_msg.opts[0].type = NDP_OPT_MTU;
	CU_ASSERT_EQUAL(ndp_msg_build(&g_msg, g_buf, 24 + 7, &n), -ENOSPC);
	CU_ASSERT_EQUAL(ndp_msg_build(&g_msg, g_buf, 24 + 8, &n), 0);
	CU_ASSERT_EQUAL(n, 32);
	g_msg.n_opts = NDP_MAX_OPTS + 1;
	CU_ASSERT_EQUAL(ndp_msg_build(&g_msg, g_buf, sizeof(g_buf), &n), -E2BIG);
}

/* ---- option walk ---- */

static void test_walk_len0(void)
{
	/* RS with one good MTU option then a zero-length option: the walk
	 * stops there with -EBADMSG, never loops, and keeps the good one. */
	static const uint8_t m[] = {
		133, 0, 0, 0, 0, 0, 0, 0,
		5, 1, 0, 0, 0, 0, 0x05, 0xdc,   /* MTU 1500 */
		1, 0, 0, 0, 0, 0, 0, 0,         /* SLLA with length 0 */
		5, 1, 0, 0, 0, 0, 0x05, 0xdc,   /* never reached */
	};
	CU_ASSERT_EQUAL(ndp_msg_parse(m, sizeof(m), &g_msg), -EBADMSG);
	CU_ASSERT_EQUAL(g_msg.n_opts, 1);
	CU_ASSERT_EQUAL(g_msg.opts[0].u.mtu.mtu, 1500);
}

static void test_walk_truncated(void)
{
	static const uint8_t hdr1[] = { 133, 0, 0, 0, 0, 0, 0, 0, 5 };
	static const uint8_t overrun[] = {
		133, 0, 0, 0, 0, 0, 0, 0,
		3, 4, 64, 0xc0, 0, 0, 0, 0,     /* prefix says 32, has 8 */
	};
	static const uint8_t over255[] = {
		133, 0, 0, 0, 0, 0, 0, 0,
		253, 255, 1, 2, 3, 4, 5, 6,     /* says 2040 octets */
	};
	/* One octet left: no room for type + length. */
	CU_ASSERT_EQUAL(ndp_msg_parse(hdr1, sizeof(hdr1), &g_msg), -EBADMSG);
	CU_ASSERT_EQUAL(g_msg.n_opts, 0);
	CU_ASSERT_EQUAL(ndp_msg_parse(overrun, sizeof(overrun), &g_msg),
			-EBADMSG);
	CU_ASSERT_EQUAL(g_msg.n_opts, 0);
	CU_ASSERT_EQUAL(ndp_msg_parse(over255, sizeof(over255), &g_msg),
			-EBADMSG);
	/* The single-option parser agrees. */
	CU_ASSERT_EQUAL(ndp_opt_parse(overrun + 8, 8, &g_msg.opts[0]), -EBADMSG);
	CU_ASSERT_EQUAL(ndp_opt_parse(hdr1 + 8, 1, &g_msg.opts[0]), -EBADMSG);
}

static void test_walk_too_many(void)
{
	/* NDP_MAX_OPTS + 1 one-unit options: the cap says -E2BIG and the
	 * first NDP_MAX_OPTS are kept. */
	size_t len = 8 + (NDP_MAX_OPTS + 1) * 8, n = 0;
	uint8_t *m = calloc(1, len);
	struct ndp_opt *opts = calloc(NDP_MAX_OPTS + 1, sizeof(*opts));

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(opts);
	m[0] = NDP_RS;
	for (size_t i = 0; i <= NDP_MAX_OPTS; i++) {
		m[8 + i * 8] = NDP_OPT_NONCE;
		m[8 + i * 8 + 1] = 1;
	}
	CU_ASSERT_EQUAL(ndp_msg_parse(m, len, &g_msg), -E2BIG);
	CU_ASSERT_EQUAL(g_msg.n_opts, NDP_MAX_OPTS);
	/* Exactly the cap is fine. */
	CU_ASSERT_EQUAL(ndp_msg_parse(m, len - 8, &g_msg), 0);
	CU_ASSERT_EQUAL(g_msg.n_opts, NDP_MAX_OPTS);
	/* The option walker alone honours a smaller caller cap. */
	CU_ASSERT_EQUAL(ndp_opts_parse(m + 8, 3 * 8, opts, 2, &n), -E2BIG);
	CU_ASSERT_EQUAL(n, 2);
	free(opts);
	free(m);
}

static void test_walk_bad_body_skipped(void)
{
	/* An RDNSS of length 2 (half an address) is a bad body: recorded in
	 * err, kept raw, and the next option is still parsed. The raw body
	 * rebuilds to the same octets. */
	static const uint8_t m[] = {
		133, 0, 0, 0, 0, 0, 0, 0,
		25, 2, 0, 0, 0, 0, 0, 60, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0,
		5, 1, 0, 0, 0, 0, 0x05, 0xdc,
	};
	size_t n;

	CU_ASSERT_EQUAL_FATAL(ndp_msg_parse(m, sizeof(m), &g_msg), 0);
	CU_ASSERT_EQUAL(g_msg.n_opts, 2);
	CU_ASSERT_EQUAL(g_msg.opts[0].err, -EBADMSG);
	CU_ASSERT_EQUAL(g_msg.opts[0].u.raw.data.len, 14);
	CU_ASSERT_EQUAL(g_msg.opts[1].err, 0);
	CU_ASSERT_EQUAL(g_msg.opts[1].u.mtu.mtu, 1500);
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg), -EBADMSG);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_build(&g_msg, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL(n, sizeof(m));
	CU_ASSERT_EQUAL(memcmp(g_buf, m, sizeof(m)), 0);
}

static void test_once_rule(void)
{
	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_RA;
	g_msg.n_opts = 2;
	for (int i = 0; i < 2; i++) {
		g_msg.opts[i].type = NDP_OPT_MTU;
		g_msg.opts[i].u.mtu.mtu = 1500;
	}
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg), -EINVAL);
	/* Two prefixes are fine. */
	for (int i = 0; i < 2; i++) {
		memset(&g_msg.opts[i], 0, sizeof(g_msg.opts[i]));
		g_msg.opts[i].type = NDP_OPT_PREFIX;
		g_msg.opts[i].u.prefix.len = 64;
	}
	CU_ASSERT_EQUAL(ndp_msg_check(&g_msg), 0);
}

/* ---- checksum ---- */

static void test_checksum_ns(void)
{
	/* Made with scapy 2.5 (/usr/bin/python3):
	 * IPv6(src='fe80::1', dst='ff02::1:ff00:1', hlim=255)
	 *   / ICMPv6ND_NS(tgt='2001:db8::1')
	 *   / ICMPv6NDOptSrcLLAddr(lladdr='02:00:00:00:00:01')
	 * ICMPv6 part, scapy's checksum 0x4b61. */
	static const uint8_t pkt[] = {
		0x87, 0x00, 0x4b, 0x61, 0x00, 0x00, 0x00, 0x00,
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
		0x01, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	};
	uint8_t z[sizeof(pkt)];

	/* Verifying a good packet folds to zero. */
	CU_ASSERT_EQUAL(ndp_checksum(fx_ll1, fx_solnode1, pkt, sizeof(pkt)), 0);
	/* Computing over zeroed checksum octets gives scapy's value. */
	memcpy(z, pkt, sizeof(z));
	z[2] = z[3] = 0;
	CU_ASSERT_EQUAL(ndp_checksum(fx_ll1, fx_solnode1, z, sizeof(z)), 0x4b61);
	/* One flipped bit, or another destination, breaks it. */
	z[2] = 0x4b;
	z[3] = 0x61;
	z[31] ^= 1;
	CU_ASSERT_NOT_EQUAL(ndp_checksum(fx_ll1, fx_solnode1, z, sizeof(z)), 0);
	CU_ASSERT_NOT_EQUAL(ndp_checksum(fx_ll1, fx_all_nodes, pkt, sizeof(pkt)),
			    0);
}

static void test_checksum_ra_built(void)
{
	/* scapy: IPv6(src='fe80::1', dst='ff02::1', hlim=255)
	 *   / ICMPv6ND_RA(chlim=64, M=1, O=1, routerlifetime=1800,
	 *                 reachabletime=30000, retranstimer=1000)
	 *     (scapy's default prf is 1, high: flags octet 0xc8)
	 *   / ICMPv6NDOptSrcLLAddr(lladdr='de:ad:be:ef:de:ad')
	 *   / ICMPv6NDOptMTU(mtu=1500)
	 *   / ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1,
	 *       validlifetime=86400, preferredlifetime=14400,
	 *       prefix='2001:db8::')     -> checksum 0x37ae */
	static const uint8_t scapy[] = {
		0x86, 0x00, 0x37, 0xae, 0x40, 0xc8, 0x07, 0x08,
		0x00, 0x00, 0x75, 0x30, 0x00, 0x00, 0x03, 0xe8,
		0x01, 0x01, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad,
		0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc,
		0x03, 0x04, 0x40, 0xc0, 0x00, 0x01, 0x51, 0x80,
		0x00, 0x00, 0x38, 0x40, 0x00, 0x00, 0x00, 0x00,
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	size_t n;
	uint16_t c;

	memset(&g_msg, 0, sizeof(g_msg));
	g_msg.type = NDP_RA;
	g_msg.h.ra.cur_hop_limit = 64;
	g_msg.h.ra.flag_m = g_msg.h.ra.flag_o = true;
	g_msg.h.ra.prf = 1;
	g_msg.h.ra.router_lifetime = 1800;
	g_msg.h.ra.reachable = 30000;
	g_msg.h.ra.retrans = 1000;
	g_msg.n_opts = 3;
	g_msg.opts[0].type = NDP_OPT_SLLA;
	g_msg.opts[0].u.lla.addr.data = fx_mac_dead;
	g_msg.opts[0].u.lla.addr.len = 6;
	g_msg.opts[1].type = NDP_OPT_MTU;
	g_msg.opts[1].u.mtu.mtu = 1500;
	g_msg.opts[2].type = NDP_OPT_PREFIX;
	g_msg.opts[2].u.prefix.len = 64;
	g_msg.opts[2].u.prefix.flag_l = g_msg.opts[2].u.prefix.flag_a = true;
	g_msg.opts[2].u.prefix.valid = 86400;
	g_msg.opts[2].u.prefix.preferred = 14400;
	memcpy(g_msg.opts[2].u.prefix.prefix, fx_doc_prefix, 16);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_build(&g_msg, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL_FATAL(n, sizeof(scapy));
	c = ndp_checksum(fx_ll1, fx_all_nodes, g_buf, n);
	CU_ASSERT_EQUAL(c, 0x37ae);
	g_buf[2] = (uint8_t)(c >> 8);
	g_buf[3] = (uint8_t)c;
	CU_ASSERT_EQUAL(memcmp(g_buf, scapy, n), 0);
	CU_ASSERT_EQUAL(ndp_checksum(fx_ll1, fx_all_nodes, g_buf, n), 0);
}

static void test_checksum_odd_and_big(void)
{
	/* Odd length pads with a zero octet (RFC 1071 4.1). scapy:
	 * in6_chksum(58, IPv6(src='fe80::1', dst='ff02::1'), b'\x01\x02\x03')
	 * = 0xfe3a. */
	static const uint8_t odd[3] = { 0x01, 0x02, 0x03 };
	uint8_t *big = malloc(65535);
	uint16_t c;

	CU_ASSERT_EQUAL(ndp_checksum(fx_ll1, fx_all_nodes, odd, 3), 0xfe3a);
	/* 64 KiB of 0xff must not overflow the accumulator: what is
	 * computed verifies. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, 0xff, 65535);
	big[2] = big[3] = 0;
	c = ndp_checksum(fx_ll1, fx_all_nodes, big, 65535);
	big[2] = (uint8_t)(c >> 8);
	big[3] = (uint8_t)c;
	CU_ASSERT_EQUAL(ndp_checksum(fx_ll1, fx_all_nodes, big, 65535), 0);
	free(big);
}

/* ---- DNS names ---- */

static void test_dns_encode(void)
{
	static const uint8_t exp[] = {
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	};
	uint8_t b[300];
	size_t n = 0;
	char label[70], name[300];

	CU_ASSERT_EQUAL(ndp_dns_name_encode("example.com", b, sizeof(b), &n), 0);
	CU_ASSERT_EQUAL(n, sizeof(exp));
	CU_ASSERT_EQUAL(memcmp(b, exp, n), 0);
	CU_ASSERT_EQUAL(ndp_dns_name_encode("example.com.", b, sizeof(b), &n), 0);
	CU_ASSERT_EQUAL(n, sizeof(exp));
	CU_ASSERT_EQUAL(ndp_dns_name_encode(".", b, sizeof(b), &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(b[0], 0);
	/* Empty labels, 64-octet labels, names over 255 octets, no room. */
	CU_ASSERT_EQUAL(ndp_dns_name_encode("a..b", b, sizeof(b), &n), -EINVAL);
	CU_ASSERT_EQUAL(ndp_dns_name_encode(".a", b, sizeof(b), &n), -EINVAL);
	CU_ASSERT_EQUAL(ndp_dns_name_encode("a..", b, sizeof(b), &n), -EINVAL);
	memset(label, 'x', 64);
	label[64] = 0;
	CU_ASSERT_EQUAL(ndp_dns_name_encode(label, b, sizeof(b), &n), -EINVAL);
	label[63] = 0;
	CU_ASSERT_EQUAL(ndp_dns_name_encode(label, b, sizeof(b), &n), 0);
	CU_ASSERT_EQUAL(n, 65);
	/* 4 labels of 63 = 4 * 64 + 1 = 257 octets: too long. */
	snprintf(name, sizeof(name), "%s.%s.%s.%s", label, label, label, label);
	CU_ASSERT_EQUAL(ndp_dns_name_encode(name, b, sizeof(b), &n), -EINVAL);
	CU_ASSERT_EQUAL(ndp_dns_name_encode("example.com", b, 12, &n), -ENOSPC);
}

static void test_dns_decode(void)
{
	static const uint8_t two[] = {
		3, 'f', 'o', 'o', 0,
		1, 'a', 4, 'b', '.', 'c', 0x01, 0,
		0, 0, 0,                /* padding */
	};
	static const uint8_t bad_label[] = { 5, 'a', 'b', 0 };
	static const uint8_t ptr[] = { 0xc0, 0x0c };
	static const uint8_t hole[] = { 1, 'a', 0, 0, 1, 'b', 0 };
	char out[64];
	size_t off = 0;

	CU_ASSERT_EQUAL(ndp_dns_name_decode(two, sizeof(two), &off, out,
					    sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "foo");
	CU_ASSERT_EQUAL(off, 5);
	CU_ASSERT_EQUAL(ndp_dns_name_decode(two, sizeof(two), &off, out,
					    sizeof(out)), 0);
	/* A dot inside a label and a control octet are escaped. */
	CU_ASSERT_STRING_EQUAL(out, "a.b\\046c\\001");
	CU_ASSERT_EQUAL(ndp_dns_name_decode(two, sizeof(two), &off, out,
					    sizeof(out)), -ENOENT);
	off = 0;
	CU_ASSERT_EQUAL(ndp_dns_name_decode(bad_label, sizeof(bad_label), &off,
					    out, sizeof(out)), -EBADMSG);
	off = 0;
	CU_ASSERT_EQUAL(ndp_dns_name_decode(ptr, sizeof(ptr), &off, out,
					    sizeof(out)), -EBADMSG);
	off = 0;
	CU_ASSERT_EQUAL(ndp_dns_name_decode(two, sizeof(two), &off, out, 3),
			-ENOSPC);
	/* An empty name followed by more names is malformed. */
	off = 2;
	CU_ASSERT_EQUAL(ndp_dns_name_decode(hole, sizeof(hole), &off, out,
					    sizeof(out)), -EBADMSG);
}

/* ndp_ip6_text equals inet_ntop: edge cases, then every 16-bit word drawn
 * from {0, 1, 0xffff, random} at random (zero runs of every length and
 * place, IPv4-mapped and -compatible shapes), seeded. */
static void test_ip6_text(void)
{
	static const uint8_t edge[][16] = {
		{ 0 },
		{ FX_LL1_BYTES },
		{ FX_ALL_NODES_BYTES },
		{ FX_SOLNODE1_BYTES },
		{ FX_DOC_PREFIX_BYTES },
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1 },
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1 },
		{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff },
		{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 },
		{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 },
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
		{ 0x12, 0x34, 0, 0, 0x56, 0x78, 0, 0, 0, 0, 0x9a, 0xbc, 0, 0, 0, 0 },
	};
	uint32_t x = 0x5eed1234;
	char want[INET6_ADDRSTRLEN], got[NDP_IP6_TEXT_LEN];
	uint8_t a[16];
	int bad = 0;

	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]) + 200000; i++) {
		if (i < sizeof(edge) / sizeof(edge[0])) {
			memcpy(a, edge[i], 16);
		} else {
			for (int w = 0; w < 8; w++) {
				x = x * 1103515245u + 12345u;
				unsigned pick = (x >> 16) & 3, v = (x >> 4) & 0xffff;
				v = pick == 0 ? 0 : pick == 1 ? 1 : pick == 2 ? 0xffff : v;
				a[2 * w] = (uint8_t)(v >> 8);
				a[2 * w + 1] = (uint8_t)v;
			}
		}
		inet_ntop(AF_INET6, a, want, sizeof(want));
		size_t n = ndp_ip6_text(a, got);
		if ((strcmp(got, want) || n != strlen(want)) && bad++ < 5)
			fprintf(stderr, "ndp_ip6_text: got %s, inet_ntop %s\n", got, want);
	}
	CU_ASSERT_EQUAL(bad, 0);
	{
		static const uint8_t m[6] = { 0xde, 0xad, 0xbe, 0xef, 0x0a, 0x01 };
		char t[NDP_MAC_TEXT_LEN];

		CU_ASSERT_EQUAL(ndp_mac_text(m, t), 17);
		CU_ASSERT_STRING_EQUAL(t, "de:ad:be:ef:0a:01");
	}
}

int main(void)
{
	static const struct fx_test msgs[] = {
		{ "RS header", test_rs },
		{ "RA header, every flag", test_ra },
		{ "NS header + SLLA", test_ns },
		{ "NA header + TLLA", test_na },
		{ "redirect header", test_redirect },
		{ "inverse ND sol/adv", test_ind },
		{ "SEND CPS/CPA", test_cps_cpa },
		{ "names, fixed lengths, bits", test_msg_meta },
		{ "malformed messages", test_msg_malformed },
		{ NULL, NULL },
	};
	static const struct fx_test walk[] = {
		{ "length 0 ends the walk", test_walk_len0 },
		{ "truncated and overrunning", test_walk_truncated },
		{ "too many options", test_walk_too_many },
		{ "bad body recorded and skipped", test_walk_bad_body_skipped },
		{ "once-only options", test_once_rule },
		{ NULL, NULL },
	};
	static const struct fx_test csum[] = {
		{ "NS from scapy", test_checksum_ns },
		{ "RA built = scapy", test_checksum_ra_built },
		{ "odd and 64 KiB", test_checksum_odd_and_big },
		{ NULL, NULL },
	};
	static const struct fx_test dns[] = {
		{ "encode", test_dns_encode },
		{ "decode", test_dns_decode },
		{ "address text = inet_ntop", test_ip6_text },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (fx_add_suite("ndp messages", msgs) || fx_add_suite("ndp walk", walk) ||
	    fx_add_suite("ndp checksum", csum) || fx_add_suite("ndp dns", dns)) {
		CU_cleanup_registry();
		return 1;
	}
	return fx_run();
}
