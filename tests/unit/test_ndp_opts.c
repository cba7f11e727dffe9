/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for the NDP option codec (codec/ndp_options.c and
 * codec/ndp_opt_*.c): for every type of IANA's ND option registry the wire
 * bytes of a build (a comment per field), the parse of those bytes, and
 * parse(build(x)) == x; the descriptor table itself. */
#include <errno.h>
#include <stdlib.h>

#include "fixtures.h"
#include "ndp.h"

static uint8_t g_buf[4096], g_buf2[4096];

#define V(p, n) ((struct ndp_bytes){ .data = (const uint8_t *)(p), .len = (n) })

static bool view_eq(struct ndp_bytes b, const void *p, size_t n)
{
	return b.len == n && (n == 0 || memcmp(b.data, p, n) == 0);
}

/* With NDP_DUMP_OPTS=FILE every verified option is appended to FILE as a
 * hex line, so the same bytes can be fed to third-party decoders (tshark,
 * scapy) outside this suite. */
static void dump_case(const uint8_t *p, size_t n)
{
	const char *path = getenv("NDP_DUMP_OPTS");
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
	fclose(f);
}

/* build(in) == exp; parse(exp) -> out without error; build(out) == exp;
 * the check accepts both. */
static void opt_case(const struct ndp_opt *in, const uint8_t *exp,
		     size_t exp_len, struct ndp_opt *out)
{
	size_t n = 0, n2 = 0;

	CU_ASSERT_EQUAL(ndp_opt_check(in), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(in, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL_FATAL(n, exp_len);
	CU_ASSERT_EQUAL(memcmp(g_buf, exp, exp_len), 0);
	if (memcmp(g_buf, exp, exp_len)) {
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%02x%s", g_buf[i],
				i % 16 == 15 ? "\n" : " ");
		fprintf(stderr, "\n");
	}
	dump_case(exp, exp_len);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_parse(exp, exp_len, out), 0);
	CU_ASSERT_EQUAL(out->err, 0);
	CU_ASSERT_EQUAL(out->type, exp[0]);
	CU_ASSERT_EQUAL(out->len, exp[1]);
	CU_ASSERT(view_eq(out->wire, exp, exp_len));
	CU_ASSERT_EQUAL(ndp_opt_check(out), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(out, g_buf2, sizeof(g_buf2), &n2), 0);
	CU_ASSERT_EQUAL(n2, exp_len);
	CU_ASSERT_EQUAL(memcmp(g_buf2, exp, exp_len), 0);
}

static struct ndp_opt in, out;

static void reset(uint8_t type)
{
	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	in.type = type;
}

/* ---- RFC 4861 ---- */

static void test_slla_tlla(void)
{
	static const uint8_t s[] = { 1, 1, FX_MAC_DEF_BYTES };  /* type, len, MAC */
	static const uint8_t t[] = { 2, 1, FX_MAC_DEAD_BYTES };
	/* RFC 4944 8: an EUI-64 in 2 units, then 6 octets of padding */
	static const uint8_t e[] = { 1, 2, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33,
				     0x44, 0x55, 0, 0, 0, 0, 0, 0 };

	reset(NDP_OPT_SLLA);
	in.u.lla.addr = V(fx_mac_def, 6);
	opt_case(&in, s, sizeof(s), &out);
	CU_ASSERT(view_eq(out.u.lla.addr, fx_mac_def, 6));

	reset(NDP_OPT_TLLA);
	in.u.lla.addr = V(fx_mac_dead, 6);
	opt_case(&in, t, sizeof(t), &out);
	CU_ASSERT(view_eq(out.u.lla.addr, fx_mac_dead, 6));

	reset(NDP_OPT_SLLA);
	in.u.lla.addr = V(e + 2, 8);
	opt_case(&in, e, sizeof(e), &out);
	CU_ASSERT_EQUAL(out.u.lla.addr.len, 14);    /* padding kept */
	CU_ASSERT_EQUAL(memcmp(out.u.lla.addr.data, e + 2, 8), 0);
}

static void test_prefix(void)
{
	static const uint8_t exp[] = {
		3, 4,                   /* type, length 4 */
		64,                     /* prefix length */
		0xf0 | 0x05,            /* L A R P, reserved1 = 5 */
		0x00, 0x01, 0x51, 0x80, /* valid 86400 */
		0x00, 0x00, 0x38, 0x40, /* preferred 14400 */
		0xde, 0xad, 0xbe, 0xef, /* reserved2 */
		FX_DOC_PREFIX_BYTES,    /* 2001:db8:: */
	};
	reset(NDP_OPT_PREFIX);
	in.u.prefix.len = 64;
	in.u.prefix.flag_l = in.u.prefix.flag_a = true;
	in.u.prefix.flag_r = in.u.prefix.flag_p = true;
	in.u.prefix.reserved1 = 5;
	in.u.prefix.valid = 86400;
	in.u.prefix.preferred = 14400;
	in.u.prefix.reserved2 = 0xdeadbeef;
	memcpy(in.u.prefix.prefix, fx_doc_prefix, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.prefix.len, 64);
	CU_ASSERT(out.u.prefix.flag_l && out.u.prefix.flag_a);
	CU_ASSERT(out.u.prefix.flag_r && out.u.prefix.flag_p);
	CU_ASSERT_EQUAL(out.u.prefix.reserved1, 5);
	CU_ASSERT_EQUAL(out.u.prefix.valid, 86400);
	CU_ASSERT_EQUAL(out.u.prefix.preferred, 14400);
	CU_ASSERT_EQUAL(out.u.prefix.reserved2, 0xdeadbeef);
	CU_ASSERT_EQUAL(memcmp(out.u.prefix.prefix, fx_doc_prefix, 16), 0);
}

static void test_redirected(void)
{
	static const uint8_t exp[] = {
		4, 6,                   /* type, length 6 */
		0, 0, 0, 0, 0, 0,       /* reserved */
		/* IPv6 header of the redirected packet */
		0x60, 0, 0, 0,          /* version 6, class, flow */
		0, 0, 58, 64,           /* payload length 0, ICMPv6, hop 64 */
		FX_DOC_ADDR1_BYTES,     /* source */
		FX_DOC_ADDR2_BYTES,     /* destination */
	};
	reset(NDP_OPT_REDIRECTED);
	in.u.redirected.data = V(exp + 8, 40);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT(view_eq(out.u.redirected.data, exp + 8, 40));
	/* Not an IPv6 packet: the check refuses it. */
	in.u.redirected.data = V(fx_doc_addr1, 16);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_mtu(void)
{
	static const uint8_t exp[] = {
		5, 1,                   /* type, length */
		0, 0,                   /* reserved */
		0x00, 0x00, 0x05, 0xdc, /* MTU 1500 */
	};
	reset(NDP_OPT_MTU);
	in.u.mtu.mtu = 1500;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.mtu.mtu, 1500);
	/* Below the IPv6 minimum link MTU. */
	in.u.mtu.mtu = 1279;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.u.mtu.mtu = 1280;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
}

/* ---- RFC 2491, 6275, 3122 ---- */

static void test_nbma(void)
{
	static const uint8_t exp[] = {
		6, 1,                   /* type, length */
		3,                      /* shortcut limit */
		0,                      /* reserved1 */
		0, 0, 0, 0,             /* reserved2 */
	};
	reset(NDP_OPT_NBMA);
	in.u.nbma.limit = 3;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.nbma.limit, 3);
}

static void test_adv_interval(void)
{
	static const uint8_t exp[] = {
		7, 1, 0, 0,             /* type, length, reserved */
		0x00, 0x00, 0x27, 0x10, /* 10000 ms */
	};
	reset(NDP_OPT_ADV_INTERVAL);
	in.u.adv_interval.interval = 10000;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.adv_interval.interval, 10000);
}

static void test_ha_info(void)
{
	static const uint8_t exp[] = {
		8, 1, 0, 0,             /* type, length, reserved */
		0xff, 0xfe,             /* preference -2 (signed) */
		0x07, 0x08,             /* lifetime 1800 s */
	};
	reset(NDP_OPT_HA_INFO);
	in.u.ha_info.preference = -2;
	in.u.ha_info.lifetime = 1800;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.ha_info.preference, -2);
	CU_ASSERT_EQUAL(out.u.ha_info.lifetime, 1800);
	in.u.ha_info.lifetime = 0;          /* RFC 6275 7.4: MUST NOT be 0 */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_addr_lists(void)
{
	static const uint8_t src[] = {
		9, 5,                   /* type, length 1 + 2n, n = 2 */
		0, 0, 0, 0, 0, 0,       /* reserved */
		FX_DOC_ADDR1_BYTES,
		FX_DOC_ADDR2_BYTES,
	};
	static const uint8_t bad[] = {
		10, 2, 0, 0, 0, 0, 0, 0,        /* length 2: half an address */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	};
	reset(NDP_OPT_SRC_ADDR_LIST);
	in.u.addr_list.addrs = V(src + 8, 32);
	opt_case(&in, src, sizeof(src), &out);
	CU_ASSERT_EQUAL(ndp_addr_count(out.u.addr_list.addrs), 2);
	CU_ASSERT_EQUAL(memcmp(ndp_addr_at(out.u.addr_list.addrs, 1),
			       fx_doc_addr2, 16), 0);
	CU_ASSERT_EQUAL(ndp_opt_parse(bad, sizeof(bad), &out), -EBADMSG);
	CU_ASSERT_EQUAL(out.err, -EBADMSG);
	CU_ASSERT_EQUAL(out.u.raw.data.len, 14);
	/* A partial address cannot be built. */
	in.u.addr_list.addrs = V(src + 8, 20);
	CU_ASSERT_EQUAL(ndp_opt_build(&in, g_buf, sizeof(g_buf), NULL), -EINVAL);
}

/* ---- SEND, RFC 3971 / 6496 / 8928 ---- */

static const uint8_t key_hash[16] = {
	0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
	0x33, 0x33, 0x33, 0x33, 0x44, 0x44, 0x44, 0x44,
};

static void test_cga(void)
{
	static const uint8_t exp[] = {
		11, 4,                  /* type, length 4 */
		1,                      /* pad length */
		0,                      /* reserved */
		/* CGA parameters (RFC 3972 3), 27 octets */
		0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
		0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
					/* modifier */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					/* subnet prefix */
		0,                      /* collision count */
		0x30, 0x00,             /* public key (stub DER) */
		0,                      /* padding */
	};
	reset(NDP_OPT_CGA);
	in.u.cga.params = V(exp + 4, 27);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.cga.pad_len, 1);
	CU_ASSERT(view_eq(out.u.cga.params, exp + 4, 27));
	CU_ASSERT_EQUAL(out.u.cga.padding.len, 1);
	/* Too short for modifier + prefix + count + key. */
	in.u.cga.params = V(exp + 4, 25);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void sig_case(uint8_t type)
{
	uint8_t exp[32] = {
		type, 4,                /* type, length 4 */
		0, 0,                   /* reserved */
	};
	static const uint8_t sig[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

	memcpy(exp + 4, key_hash, 16);  /* key hash */
	memcpy(exp + 20, sig, 12);      /* digital signature (no padding) */
	reset(type);
	memcpy(in.u.signature.key_hash, key_hash, 16);
	in.u.signature.signature = V(sig, 12);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(memcmp(out.u.signature.key_hash, key_hash, 16), 0);
	CU_ASSERT(view_eq(out.u.signature.signature, sig, 12));
}

static void test_rsa_sig(void) { sig_case(NDP_OPT_RSA_SIG); }
static void test_proxy_sig(void) { sig_case(NDP_OPT_PROXY_SIG); }

static void test_timestamp(void)
{
	static const uint8_t exp[] = {
		13, 2,                  /* type, length 2 */
		0, 0, 0, 0, 0, 0,       /* reserved */
		0x00, 0x00, 0x65, 0x53, 0xf1, 0x00,
					/* 48-bit seconds since 1970 */
		0x80, 0x00,             /* 1/64K fraction: half a second */
	};
	reset(NDP_OPT_TIMESTAMP);
	in.u.timestamp.timestamp = UINT64_C(0x00006553f1008000);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.timestamp.timestamp, UINT64_C(0x00006553f1008000));
}

static void test_nonce(void)
{
	static const uint8_t exp[] = {
		14, 1,                  /* type, length */
		0xde, 0xad, 0xbe, 0xef, 0x01, 0x02,     /* nonce */
	};
	reset(NDP_OPT_NONCE);
	in.u.nonce.nonce = V(exp + 2, 6);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT(view_eq(out.u.nonce.nonce, exp + 2, 6));
	in.u.nonce.nonce = V(exp + 2, 5);   /* RFC 3971 5.3.2: >= 6 */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_trust_anchor(void)
{
	static const uint8_t exp[] = {
		15, 3,                  /* type, length 3 */
		2,                      /* name type: FQDN */
		7,                      /* pad length */
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
					/* name */
		0, 0, 0, 0, 0, 0, 0,    /* padding */
	};
	reset(NDP_OPT_TRUST_ANCHOR);
	in.u.trust_anchor.name_type = 2;
	in.u.trust_anchor.name = V(exp + 4, 13);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.trust_anchor.name_type, 2);
	CU_ASSERT_EQUAL(out.u.trust_anchor.pad_len, 7);
	CU_ASSERT(view_eq(out.u.trust_anchor.name, exp + 4, 13));
	in.u.trust_anchor.name_type = 9;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_certificate(void)
{
	static const uint8_t exp[] = {
		16, 1,                  /* type, length */
		1,                      /* cert type X.509v3 */
		0,                      /* reserved */
		0x30, 0x82, 0x01, 0x00, /* certificate (start of a DER SEQ) */
	};
	reset(NDP_OPT_CERTIFICATE);
	in.u.certificate.cert_type = 1;
	in.u.certificate.cert = V(exp + 4, 4);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.certificate.cert_type, 1);
	CU_ASSERT(view_eq(out.u.certificate.cert, exp + 4, 4));
}

static void test_cipo(void)
{
	uint8_t exp[40] = {
		39, 5,                  /* type, length 5 */
		0x00, 0x20,             /* reserved1 (5 bits), key length 32 */
		1,                      /* crypto-type 1: Ed25519 */
		0,                      /* reserved2 */
	};                              /* key at 6..37, 2 octets padding */

	for (int i = 0; i < 32; i++)
		exp[6 + i] = (uint8_t)(0x80 + i);
	reset(NDP_OPT_CIPO);
	in.u.cipo.crypto_type = 1;
	in.u.cipo.key = V(exp + 6, 32);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.cipo.key_len, 32);
	CU_ASSERT_EQUAL(out.u.cipo.crypto_type, 1);
	CU_ASSERT(view_eq(out.u.cipo.key, exp + 6, 32));
	CU_ASSERT_EQUAL(out.u.cipo.padding.len, 2);
	/* A key length that overruns the option is malformed. */
	exp[3] = 0x40;
	CU_ASSERT_EQUAL(ndp_opt_parse(exp, sizeof(exp), &out), -EBADMSG);
	in.u.cipo.crypto_type = 3;          /* unassigned */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_ndp_sig(void)
{
	uint8_t exp[72] = {
		40, 9,                  /* type, length 9 */
		0,                      /* pad length */
		0,                      /* reserved1 */
		0, 0, 0, 0,             /* reserved2 */
	};                              /* 64 octets of signature */

	for (int i = 0; i < 64; i++)
		exp[8 + i] = (uint8_t)i;
	reset(NDP_OPT_NDP_SIG);
	in.u.ndp_sig.signature = V(exp + 8, 64);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT(view_eq(out.u.ndp_sig.signature, exp + 8, 64));
	CU_ASSERT_EQUAL(out.u.ndp_sig.pad_len, 0);
}

/* ---- mobility ---- */

static void test_ip_addr_nrpi(void)
{
	static const uint8_t ipa[] = {
		17, 3,                  /* type, length 3 */
		2,                      /* option-code: new CoA */
		64,                     /* prefix length */
		0, 0, 0, 0,             /* reserved */
		FX_DOC_ADDR1_BYTES,     /* address */
	};
	static const uint8_t nrpi[] = {
		18, 3,                  /* type, length 3 */
		0,                      /* option-code */
		48,                     /* prefix length */
		0, 0, 0, 0,             /* reserved */
		FX_DOC_PREFIX_BYTES,    /* prefix */
	};
	reset(NDP_OPT_IP_ADDR);
	in.u.ip_addr.code = 2;
	in.u.ip_addr.prefix_len = 64;
	memcpy(in.u.ip_addr.addr, fx_doc_addr1, 16);
	opt_case(&in, ipa, sizeof(ipa), &out);
	CU_ASSERT_EQUAL(out.u.ip_addr.code, 2);
	CU_ASSERT_EQUAL(out.u.ip_addr.prefix_len, 64);
	CU_ASSERT_EQUAL(memcmp(out.u.ip_addr.addr, fx_doc_addr1, 16), 0);
	in.u.ip_addr.prefix_len = 129;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);

	reset(NDP_OPT_NEW_ROUTER_PREFIX);
	in.u.ip_addr.prefix_len = 48;
	memcpy(in.u.ip_addr.addr, fx_doc_prefix, 16);
	opt_case(&in, nrpi, sizeof(nrpi), &out);
	CU_ASSERT_EQUAL(out.u.ip_addr.prefix_len, 48);
}

static void test_fmip_lla(void)
{
	static const uint8_t exp[] = {
		19, 2,                  /* type, length 2 */
		2,                      /* option-code: MN's LLA */
		FX_MAC_DEAD_BYTES,      /* link-layer address */
		0, 0, 0, 0, 0, 0, 0,    /* padding */
	};
	reset(NDP_OPT_LLA);
	in.u.fmip_lla.code = 2;
	in.u.fmip_lla.lla = V(fx_mac_dead, 6);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.fmip_lla.code, 2);
	CU_ASSERT_EQUAL(out.u.fmip_lla.lla.len, 13);
	CU_ASSERT_EQUAL(memcmp(out.u.fmip_lla.lla.data, fx_mac_dead, 6), 0);
}

static void test_naack(void)
{
	static const uint8_t exp[] = {
		20, 3,                  /* type, length 3 */
		0,                      /* option-code */
		2,                      /* status: use the supplied NCoA */
		0, 0, 0, 0,             /* reserved */
		FX_DOC_ADDR2_BYTES,     /* supplied new CoA */
	};
	reset(NDP_OPT_NAACK);
	in.u.naack.status = 2;
	in.u.naack.rest = V(fx_doc_addr2, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.naack.status, 2);
	CU_ASSERT(view_eq(out.u.naack.rest, fx_doc_addr2, 16));
	in.u.naack.rest = V(NULL, 0);       /* status 2 without the NCoA */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_hkr_hkrep(void)
{
	static const uint8_t req[] = {
		27, 2,                  /* type, length 2 */
		6,                      /* pad length */
		0x10,                   /* AT 1, reserved */
		0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,     /* public key */
		0, 0, 0, 0, 0, 0,       /* padding */
	};
	static const uint8_t rep[] = {
		28, 2,                  /* type, length 2 */
		0,                      /* pad length */
		0x10,                   /* AT 1, reserved */
		0x01, 0x2c,             /* key lifetime 300 s */
		0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9,
					/* encrypted handover key */
	};
	reset(NDP_OPT_HKR);
	in.u.hkr.at = 1;
	in.u.hkr.key = V(req + 4, 6);
	opt_case(&in, req, sizeof(req), &out);
	CU_ASSERT_EQUAL(out.u.hkr.pad_len, 6);
	CU_ASSERT_EQUAL(out.u.hkr.at, 1);
	CU_ASSERT(view_eq(out.u.hkr.key, req + 4, 6));

	reset(NDP_OPT_HKREP);
	in.u.hkrep.at = 1;
	in.u.hkrep.lifetime = 300;
	in.u.hkrep.key = V(rep + 6, 10);
	opt_case(&in, rep, sizeof(rep), &out);
	CU_ASSERT_EQUAL(out.u.hkrep.lifetime, 300);
	CU_ASSERT(view_eq(out.u.hkrep.key, rep + 6, 10));
}

static void test_hai_mn_id(void)
{
	static const uint8_t hai[] = {
		29, 1,                  /* type, length */
		1,                      /* option-code: AN ID */
		4,                      /* HAI length */
		'A', 'N', '-', '1',     /* HAI value */
	};
	static const uint8_t mn[] = {
		30, 2,                  /* type, length 2 */
		1,                      /* option-code: NAI */
		10,                     /* ID length */
		'm', 'n', '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e',
		0, 0,                   /* padding */
	};
	reset(NDP_OPT_HAI);
	in.u.hai.code = 1;
	in.u.hai.value = V(hai + 4, 4);
	opt_case(&in, hai, sizeof(hai), &out);
	CU_ASSERT(view_eq(out.u.hai.value, "AN-1", 4));

	reset(NDP_OPT_MN_ID);
	in.u.hai.code = 1;
	in.u.hai.value = V(mn + 4, 10);
	opt_case(&in, mn, sizeof(mn), &out);
	CU_ASSERT(view_eq(out.u.hai.value, "mn@example", 10));
}

static void test_map(void)
{
	static const uint8_t exp[] = {
		23, 3,                  /* type, length 3 */
		0x1f,                   /* dist 1, pref 15 */
		0x80,                   /* R, reserved */
		0x00, 0x00, 0x0e, 0x10, /* valid lifetime 3600 */
		FX_DOC_ADDR1_BYTES,     /* global address of the MAP */
	};
	reset(NDP_OPT_MAP);
	in.u.map.dist = 1;
	in.u.map.pref = 15;
	in.u.map.flag_r = true;
	in.u.map.valid = 3600;
	memcpy(in.u.map.addr, fx_doc_addr1, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.map.dist, 1);
	CU_ASSERT_EQUAL(out.u.map.pref, 15);
	CU_ASSERT(out.u.map.flag_r);
	CU_ASSERT_EQUAL(out.u.map.valid, 3600);
}

static void test_card(void)
{
	static const uint8_t req[] = {
		138, 1,                 /* type, length */
		0, 0,                   /* reserved */
		1, 2, 3, 4,             /* body */
	};
	uint8_t rep[sizeof(req)];

	reset(NDP_OPT_CARD_REQ);
	in.u.card.body = V(req + 4, 4);
	opt_case(&in, req, sizeof(req), &out);
	CU_ASSERT(view_eq(out.u.card.body, req + 4, 4));
	memcpy(rep, req, sizeof(rep));
	rep[0] = 139;
	reset(NDP_OPT_CARD_REP);
	in.u.card.body = V(req + 4, 4);
	opt_case(&in, rep, sizeof(rep), &out);
}

/* ---- router configuration ---- */

static void test_route(void)
{
	static const uint8_t r48[] = {
		24, 2,                  /* type, length 2 */
		48,                     /* prefix length */
		0x08,                   /* prf 01 (high) */
		0xff, 0xff, 0xff, 0xff, /* lifetime: infinity */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,     /* 64 bits of prefix */
	};
	static const uint8_t r0[] = {
		24, 1, 0, 0x18,         /* ::/0, prf 11 (low) */
		0, 0, 0, 0,             /* lifetime 0 */
	};
	static const uint8_t r128[] = {
		24, 3, 128, 0,          /* /128, prf medium */
		0, 0, 0x0e, 0x10,       /* lifetime 3600 */
		FX_DOC_ADDR1_BYTES,
	};
	reset(NDP_OPT_ROUTE);
	in.u.route.len = 48;
	in.u.route.prf = 1;
	in.u.route.lifetime = 0xffffffff;
	memcpy(in.u.route.prefix, fx_doc_prefix, 16);
	opt_case(&in, r48, sizeof(r48), &out);
	CU_ASSERT_EQUAL(out.u.route.len, 48);
	CU_ASSERT_EQUAL(out.u.route.prf, 1);
	CU_ASSERT_EQUAL(out.u.route.lifetime, 0xffffffff);
	CU_ASSERT_EQUAL(memcmp(out.u.route.prefix, fx_doc_prefix, 16), 0);

	reset(NDP_OPT_ROUTE);
	in.u.route.prf = 3;
	opt_case(&in, r0, sizeof(r0), &out);
	CU_ASSERT_EQUAL(out.u.route.lifetime, 0);

	reset(NDP_OPT_ROUTE);
	in.u.route.len = 128;
	in.u.route.lifetime = 3600;
	memcpy(in.u.route.prefix, fx_doc_addr1, 16);
	opt_case(&in, r128, sizeof(r128), &out);
	CU_ASSERT_EQUAL(memcmp(out.u.route.prefix, fx_doc_addr1, 16), 0);
}

static void test_route_sweep(void)
{
	/* RFC 4191 2.3: /48 may ride in 3 units and round-trips that way. */
	static const uint8_t r48_3[] = {
		24, 3, 48, 0, 0, 0, 0, 60,
		FX_DOC_PREFIX_BYTES,
	};
	static const uint8_t r65_2[] = {
		24, 2, 65, 0, 0, 0, 0, 60,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	};
	size_t n;

	CU_ASSERT_EQUAL_FATAL(ndp_opt_parse(r48_3, sizeof(r48_3), &out), 0);
	CU_ASSERT_EQUAL(ndp_opt_check(&out), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&out, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL(n, sizeof(r48_3));
	CU_ASSERT_EQUAL(memcmp(g_buf, r48_3, n), 0);
	/* /65 needs 3 units: parses (wire is fine), the check refuses. */
	CU_ASSERT_EQUAL_FATAL(ndp_opt_parse(r65_2, sizeof(r65_2), &out), 0);
	CU_ASSERT_EQUAL(ndp_opt_check(&out), -EINVAL);
	/* /128 accepted, /129 refused; prf 2 (reserved) refused. */
	reset(NDP_OPT_ROUTE);
	in.u.route.len = 128;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	in.u.route.len = 129;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.u.route.len = 64;
	in.u.route.prf = 2;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	/* Length 4 is beyond the option's maximum: a bad body. */
	{
		uint8_t r4[32] = { 24, 4, 64 };

		CU_ASSERT_EQUAL(ndp_opt_parse(r4, sizeof(r4), &out), -EBADMSG);
		CU_ASSERT_EQUAL(out.err, -EBADMSG);
	}
}

static void test_rdnss(void)
{
	static const uint8_t exp[] = {
		25, 5,                  /* type, length 1 + 2 * 2 */
		0, 0,                   /* reserved */
		0xff, 0xff, 0xff, 0xff, /* lifetime: infinity */
		FX_DOC_ADDR1_BYTES,
		FX_DOC_ADDR2_BYTES,
	};
	reset(NDP_OPT_RDNSS);
	in.u.rdnss.lifetime = 0xffffffff;
	in.u.rdnss.addrs = V(exp + 8, 32);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.rdnss.lifetime, 0xffffffff);
	CU_ASSERT_EQUAL(ndp_addr_count(out.u.rdnss.addrs), 2);
	CU_ASSERT_EQUAL(memcmp(ndp_addr_at(out.u.rdnss.addrs, 0), fx_doc_addr1,
			       16), 0);
	/* Lifetime 0 (withdraw) is fine; no address is not. */
	in.u.rdnss.lifetime = 0;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	in.u.rdnss.addrs = V(NULL, 0);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_ra_flags_ext(void)
{
	static const uint8_t exp[] = {
		26, 1,                  /* type, length */
		0x80, 0, 0, 0, 0, 0x01, /* 48 bits of flags */
	};
	reset(NDP_OPT_RA_FLAGS_EXT);
	in.u.ra_flags_ext.flags = UINT64_C(0x800000000001);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.ra_flags_ext.flags, UINT64_C(0x800000000001));
	in.u.ra_flags_ext.flags = UINT64_C(1) << 48;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_dnssl(void)
{
	static const uint8_t exp[] = {
		31, 3,                  /* type, length 3 */
		0, 0,                   /* reserved */
		0x00, 0x00, 0x02, 0x58, /* lifetime 600 */
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
					/* example.com */
		0, 0, 0,                /* padding */
	};
	static const uint8_t bad[] = {
		31, 2, 0, 0, 0, 0, 0, 60,
		9, 'e', 'x', 'a', 0, 0, 0, 0,   /* label overruns */
	};
	char name[64];
	size_t off = 0;

	reset(NDP_OPT_DNSSL);
	in.u.dnssl.lifetime = 600;
	in.u.dnssl.names = V(exp + 8, 13);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.dnssl.lifetime, 600);
	CU_ASSERT_EQUAL(out.u.dnssl.names.len, 13);   /* padding excluded */
	CU_ASSERT_EQUAL(ndp_dns_name_decode(out.u.dnssl.names.data,
					    out.u.dnssl.names.len, &off, name,
					    sizeof(name)), 0);
	CU_ASSERT_STRING_EQUAL(name, "example.com");
	CU_ASSERT_EQUAL(ndp_opt_parse(bad, sizeof(bad), &out), -EBADMSG);
	CU_ASSERT_EQUAL(out.err, -EBADMSG);
	/* No names at all: the check refuses. */
	in.u.dnssl.names = V(NULL, 0);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_captive_portal(void)
{
	static const uint8_t exp[] = {
		37, 3,                  /* type, length 3 */
		'h', 't', 't', 'p', 's', ':', '/', '/', 'c', 'p', '.',
		'e', 'x', 'a', 'm', 'p', 'l', 'e', '/',
					/* URI, 19 octets */
		0, 0, 0,                /* NUL padding */
	};
	reset(NDP_OPT_CAPTIVE_PORTAL);
	in.u.captive_portal.uri = V(exp + 2, 19);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT(view_eq(out.u.captive_portal.uri, "https://cp.example/", 19));
	in.u.captive_portal.uri = V("a b", 3);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	/* More NUL padding than needed: the parsed option rebuilds to its
	 * wire size, not to the shortest one. */
	{
		static const uint8_t wide[] = {
			37, 3, 'h', 't', 't', 'p', ':', '/', '/', 'x', '/',
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		};
		size_t n;

		CU_ASSERT_EQUAL_FATAL(ndp_opt_parse(wide, sizeof(wide), &out), 0);
		CU_ASSERT_EQUAL(out.u.captive_portal.uri.len, 9);
		CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&out, g_buf, sizeof(g_buf),
						    &n), 0);
		CU_ASSERT_EQUAL(n, sizeof(wide));
		CU_ASSERT_EQUAL(memcmp(g_buf, wide, n), 0);
	}
}

static void test_pref64(void)
{
	static const uint8_t exp[] = {
		38, 2,                  /* type, length 2 */
		0x07, 0x09,             /* scaled lifetime 225 (1800 s), PLC 1 */
		0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
					/* 64:ff9b::, 96 bits */
	};
	static const uint8_t wkp[16] = { 0x00, 0x64, 0xff, 0x9b };

	reset(NDP_OPT_PREF64);
	in.u.pref64.lifetime = 225;
	in.u.pref64.plc = 1;
	memcpy(in.u.pref64.prefix, wkp, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.pref64.lifetime, 225);
	CU_ASSERT_EQUAL(out.u.pref64.plc, 1);
	CU_ASSERT_EQUAL(memcmp(out.u.pref64.prefix, wkp, 16), 0);
	in.u.pref64.plc = 6;                /* RFC 8781 4: 0..5 only */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.u.pref64.plc = 5;
	in.u.pref64.lifetime = 0x2000;      /* 14 bits: too big */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_encrypted_dns(void)
{
	static const uint8_t exp[] = {
		144, 7,                 /* type, length 7 */
		0x00, 0x01,             /* service priority 1 */
		0x00, 0x00, 0x0e, 0x10, /* lifetime 3600 */
		0x00, 18,               /* ADN length */
		8, 'r', 'e', 's', 'o', 'l', 'v', 'e', 'r',
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
					/* resolver.example */
		0x00, 16,               /* address length */
		FX_DOC_ADDR1_BYTES,     /* 2001:db8::1 */
		0x00, 8,                /* SvcParams length */
		0x00, 0x01, 0x00, 0x04, 3, 'd', 'o', 't',
					/* alpn=dot (RFC 9460 7.1) */
	};
	static const uint8_t bad[] = {
		144, 2, 0, 1, 0, 0, 0, 60,
		0x00, 40, 0, 0, 0, 0, 0, 0,     /* ADN length overruns */
	};
	reset(NDP_OPT_ENCRYPTED_DNS);
	in.u.encrypted_dns.priority = 1;
	in.u.encrypted_dns.lifetime = 3600;
	in.u.encrypted_dns.adn = V(exp + 10, 18);
	in.u.encrypted_dns.addrs = V(fx_doc_addr1, 16);
	in.u.encrypted_dns.svcparams = V(exp + 48, 8);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.encrypted_dns.priority, 1);
	CU_ASSERT_EQUAL(out.u.encrypted_dns.lifetime, 3600);
	CU_ASSERT_EQUAL(out.u.encrypted_dns.adn_len, 18);
	CU_ASSERT(view_eq(out.u.encrypted_dns.adn, exp + 10, 18));
	CU_ASSERT_EQUAL(out.u.encrypted_dns.addrs_len, 16);
	CU_ASSERT(view_eq(out.u.encrypted_dns.addrs, fx_doc_addr1, 16));
	CU_ASSERT_EQUAL(out.u.encrypted_dns.svcparams_len, 8);
	CU_ASSERT_EQUAL(out.u.encrypted_dns.padding.len, 0);
	CU_ASSERT_EQUAL(ndp_opt_parse(bad, sizeof(bad), &out), -EBADMSG);
	in.u.encrypted_dns.priority = 0;    /* alias mode not allowed */
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_pvd_id(void)
{
	static const uint8_t exp[] = {
		21, 6,                  /* type, length 6 */
		0xa0, 0x05,             /* H, R; reserved; delay 5 */
		0x01, 0x02,             /* sequence */
		3, 'p', 'v', 'd', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
					/* pvd.example */
		0, 0, 0, 0, 0,          /* padding to 8 */
		/* embedded RA header */
		134, 0, 0, 0,           /* type, code, checksum */
		64, 0x80,               /* cur hop limit, M */
		0x07, 0x08,             /* router lifetime 1800 */
		0, 0, 0, 0, 0, 0, 0, 0, /* reachable, retrans */
		/* nested option */
		5, 1, 0, 0, 0x00, 0x00, 0x05, 0xdc,     /* MTU 1500 */
	};
	struct ndp_opt nested[4];
	size_t nn;

	reset(NDP_OPT_PVD_ID);
	in.u.pvd_id.flag_h = in.u.pvd_id.flag_r = true;
	in.u.pvd_id.delay = 5;
	in.u.pvd_id.seq = 0x0102;
	in.u.pvd_id.fqdn = V(exp + 6, 13);
	in.u.pvd_id.ra_type = NDP_RA;
	in.u.pvd_id.ra.cur_hop_limit = 64;
	in.u.pvd_id.ra.flag_m = true;
	in.u.pvd_id.ra.router_lifetime = 1800;
	in.u.pvd_id.options = V(exp + 40, 8);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT(out.u.pvd_id.flag_h && !out.u.pvd_id.flag_l);
	CU_ASSERT(out.u.pvd_id.flag_r);
	CU_ASSERT_EQUAL(out.u.pvd_id.delay, 5);
	CU_ASSERT_EQUAL(out.u.pvd_id.seq, 0x0102);
	CU_ASSERT(view_eq(out.u.pvd_id.fqdn, exp + 6, 13));
	CU_ASSERT_EQUAL(out.u.pvd_id.ra_type, NDP_RA);
	CU_ASSERT_EQUAL(out.u.pvd_id.ra.cur_hop_limit, 64);
	CU_ASSERT(out.u.pvd_id.ra.flag_m);
	CU_ASSERT_EQUAL(out.u.pvd_id.ra.router_lifetime, 1800);
	CU_ASSERT_EQUAL(ndp_opts_parse(out.u.pvd_id.options.data,
				       out.u.pvd_id.options.len, nested, 4,
				       &nn), 0);
	CU_ASSERT_EQUAL(nn, 1);
	CU_ASSERT_EQUAL(nested[0].u.mtu.mtu, 1500);
}

static void test_pvd_id_bad(void)
{
	/* No R flag: options follow the padded FQDN directly. */
	static const uint8_t nor[] = {
		21, 3, 0x40, 0x00, 0, 1,
		1, 'p', 0, 0, 0, 0, 0, 0, 0, 0,
		5, 1, 0, 0, 0, 0, 0x05, 0xdc,
	};
	/* A nested option of length 0: malformed. */
	static const uint8_t len0[] = {
		21, 3, 0x00, 0x00, 0, 1,
		1, 'p', 0, 0, 0, 0, 0, 0, 0, 0,
		5, 0, 0, 0, 0, 0, 0, 0,
	};
	/* R set but no room for the RA header. */
	static const uint8_t short_ra[] = {
		21, 2, 0x20, 0x00, 0, 1,
		1, 'p', 0, 0, 0, 0, 0, 0, 0, 0,
	};
	/* A PvD inside a PvD: wire-valid, refused by the check. */
	static const uint8_t nested[] = {
		21, 4, 0x00, 0x00, 0, 1,
		1, 'p', 0, 0, 0, 0, 0, 0, 0, 0,
		21, 2, 0, 0, 0, 2, 1, 'q', 0, 0, 0, 0, 0, 0, 0, 0,
	};
	CU_ASSERT_EQUAL(ndp_opt_parse(nor, sizeof(nor), &out), 0);
	CU_ASSERT(out.u.pvd_id.flag_l && !out.u.pvd_id.flag_r);
	CU_ASSERT_EQUAL(out.u.pvd_id.options.len, 8);
	CU_ASSERT_EQUAL(ndp_opt_check(&out), 0);
	CU_ASSERT_EQUAL(ndp_opt_parse(len0, sizeof(len0), &out), -EBADMSG);
	CU_ASSERT_EQUAL(ndp_opt_parse(short_ra, sizeof(short_ra), &out),
			-EBADMSG);
	CU_ASSERT_EQUAL(ndp_opt_parse(nested, sizeof(nested), &out), 0);
	CU_ASSERT_EQUAL(ndp_opt_check(&out), -EINVAL);
}

/* ---- 6LoWPAN ND ---- */

static void test_earo(void)
{
	static const uint8_t exp[] = {
		33, 2,                  /* type, length 2 */
		0,                      /* status */
		0x42,                   /* opaque */
		0x53,                   /* rsvd 0, C, P 1, I 0, R, T */
		7,                      /* TID */
		0x00, 0x05,             /* lifetime 5 (x 60 s) */
		0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55,
					/* ROVR, 64 bits */
	};
	reset(NDP_OPT_EARO);
	in.u.earo.opaque = 0x42;
	in.u.earo.flag_c = in.u.earo.flag_r = in.u.earo.flag_t = true;
	in.u.earo.p = 1;
	in.u.earo.tid = 7;
	in.u.earo.lifetime = 5;
	in.u.earo.rovr = V(exp + 8, 8);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.earo.opaque, 0x42);
	CU_ASSERT(out.u.earo.flag_c && out.u.earo.flag_r && out.u.earo.flag_t);
	CU_ASSERT_EQUAL(out.u.earo.p, 1);
	CU_ASSERT_EQUAL(out.u.earo.i, 0);
	CU_ASSERT_EQUAL(out.u.earo.tid, 7);
	CU_ASSERT_EQUAL(out.u.earo.lifetime, 5);
	CU_ASSERT(view_eq(out.u.earo.rovr, exp + 8, 8));
	/* ROVR sizes: 8, 16, 24, 32 only; the wire enforces units 2..5. */
	in.u.earo.rovr = V(g_buf, 12);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.u.earo.rovr = V(g_buf, 32);
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	in.u.earo.p = 3;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	{
		uint8_t six[48] = { 33, 6 };

		CU_ASSERT_EQUAL(ndp_opt_parse(six, sizeof(six), &out), -EBADMSG);
	}
}

static void test_6lowpan_ctx(void)
{
	static const uint8_t exp[] = {
		34, 2,                  /* type, length 2 */
		64,                     /* context length */
		0x13,                   /* reserved, C, CID 3 */
		0, 0,                   /* reserved */
		0x0e, 0x10,             /* lifetime 3600 (x 60 s) */
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,     /* context prefix */
	};
	reset(NDP_OPT_6LOWPAN_CTX);
	in.u.lowpan_ctx.context_len = 64;
	in.u.lowpan_ctx.flag_c = true;
	in.u.lowpan_ctx.cid = 3;
	in.u.lowpan_ctx.lifetime = 3600;
	memcpy(in.u.lowpan_ctx.prefix, fx_doc_prefix, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.lowpan_ctx.context_len, 64);
	CU_ASSERT(out.u.lowpan_ctx.flag_c);
	CU_ASSERT_EQUAL(out.u.lowpan_ctx.cid, 3);
	CU_ASSERT_EQUAL(out.u.lowpan_ctx.lifetime, 3600);
	in.u.lowpan_ctx.context_len = 129;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.u.lowpan_ctx.context_len = 96;   /* needs 3 units */
	in.len = 2;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	in.len = 0;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
}

static void test_abro(void)
{
	static const uint8_t exp[] = {
		35, 3,                  /* type, length 3 */
		0x00, 0x01,             /* version low */
		0x00, 0x00,             /* version high */
		0x27, 0x10,             /* lifetime 10000 (x 60 s) */
		FX_DOC_ADDR1_BYTES,     /* 6LBR address */
	};
	reset(NDP_OPT_ABRO);
	in.u.abro.version_low = 1;
	in.u.abro.lifetime = 10000;
	memcpy(in.u.abro.addr, fx_doc_addr1, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.abro.version_low, 1);
	CU_ASSERT_EQUAL(out.u.abro.lifetime, 10000);
}

static void test_6cio(void)
{
	static const uint8_t exp[] = {
		36, 1,                  /* type, length */
		0x00, 0x13,             /* ... L, E, G (RFC 8505 4.3) */
		0, 0, 0, 0,             /* reserved */
	};
	reset(NDP_OPT_6CIO);
	in.u.cio.flags = NDP_6CIO_G | NDP_6CIO_E | NDP_6CIO_L;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.cio.flags, NDP_6CIO_G | NDP_6CIO_E | NDP_6CIO_L);
}

static void test_rd_addr(void)
{
	static const uint8_t exp[] = {
		41, 3,                  /* type, length 3 */
		0x00, 0x0a,             /* valid lifetime 10 (x 60 s) */
		0, 0, 0, 0,             /* reserved */
		FX_DOC_ADDR1_BYTES,     /* RD address */
	};
	reset(NDP_OPT_RD_ADDR);
	in.u.rd_addr.lifetime = 10;
	memcpy(in.u.rd_addr.addr, fx_doc_addr1, 16);
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.rd_addr.lifetime, 10);
	CU_ASSERT_EQUAL(memcmp(out.u.rd_addr.addr, fx_doc_addr1, 16), 0);
}

static void test_uptime(void)
{
	static const uint8_t exp[] = {
		42, 1,                  /* type, length */
		3,                      /* exponent */
		0,                      /* reserved */
		0x12, 0x34, 0x56, 0x78, /* uptime */
	};
	reset(NDP_OPT_UPTIME);
	in.u.uptime.exponent = 3;
	in.u.uptime.uptime = 0x12345678;
	opt_case(&in, exp, sizeof(exp), &out);
	CU_ASSERT_EQUAL(out.u.uptime.exponent, 3);
	CU_ASSERT_EQUAL(out.u.uptime.uptime, 0x12345678);
}

/* ---- raw ---- */

static void test_experimental_and_unknown(void)
{
	static const uint8_t types[] = { 253, 254, 22, 200 };

	for (size_t i = 0; i < sizeof(types); i++) {
		uint8_t exp[] = {
			types[i], 2,    /* type, length 2 */
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
		};
		reset(types[i]);
		in.u.raw.data = V(exp + 2, 14);
		opt_case(&in, exp, sizeof(exp), &out);
		CU_ASSERT(view_eq(out.u.raw.data, exp + 2, 14));
	}
	CU_ASSERT_PTR_NOT_NULL(ndp_opt_desc_get(253));
	CU_ASSERT_PTR_NULL(ndp_opt_desc_get(22));
	CU_ASSERT_PTR_NULL(ndp_opt_desc_get(200));
}

/* ---- sweeps ---- */

static void test_prefix_sweep(void)
{
	reset(NDP_OPT_PREFIX);
	in.u.prefix.len = 128;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	in.u.prefix.len = 129;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
	/* ... but it is built as asked (negative tests) and parses back. */
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&in, g_buf, sizeof(g_buf), NULL), 0);
	CU_ASSERT_EQUAL(g_buf[2], 129);
	CU_ASSERT_EQUAL(ndp_opt_parse(g_buf, 32, &out), 0);
	CU_ASSERT_EQUAL(out.u.prefix.len, 129);
	CU_ASSERT_EQUAL(ndp_opt_check(&out), -EINVAL);
	/* Lifetimes: 0/0 and infinity/infinity are fine, preferred > valid
	 * is not. */
	in.u.prefix.len = 64;
	in.u.prefix.valid = in.u.prefix.preferred = 0;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	in.u.prefix.valid = in.u.prefix.preferred = 0xffffffff;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&in, g_buf, sizeof(g_buf), NULL), 0);
	CU_ASSERT_EQUAL(ndp_opt_parse(g_buf, 32, &out), 0);
	CU_ASSERT_EQUAL(out.u.prefix.valid, 0xffffffff);
	CU_ASSERT_EQUAL(out.u.prefix.preferred, 0xffffffff);
	in.u.prefix.valid = 100;
	in.u.prefix.preferred = 101;
	CU_ASSERT_EQUAL(ndp_opt_check(&in), -EINVAL);
}

static void test_len_sweep(void)
{
	uint8_t big[255 * 8];
	uint8_t one[8] = { NDP_OPT_PREFIX, 1, 64, 0xc0 };
	uint8_t zero[8] = { NDP_OPT_MTU, 0 };
	size_t n;

	/* Length 0: malformed header. */
	CU_ASSERT_EQUAL(ndp_opt_parse(zero, sizeof(zero), &out), -EBADMSG);
	/* Length 1 for a 4-unit option: a bad body, kept raw, rebuilt
	 * byte for byte. */
	CU_ASSERT_EQUAL(ndp_opt_parse(one, sizeof(one), &out), -EBADMSG);
	CU_ASSERT_EQUAL(out.err, -EBADMSG);
	CU_ASSERT_EQUAL(out.len, 1);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&out, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL(n, 8);
	CU_ASSERT_EQUAL(memcmp(g_buf, one, 8), 0);
	/* Length 255: the largest option, a nonce of 2038 octets. */
	memset(big, 0x5a, sizeof(big));
	big[0] = NDP_OPT_NONCE;
	big[1] = 255;
	CU_ASSERT_EQUAL(ndp_opt_parse(big, sizeof(big), &out), 0);
	CU_ASSERT_EQUAL(out.u.nonce.nonce.len, 255 * 8 - 2);
	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&out, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL(n, sizeof(big));
	CU_ASSERT_EQUAL(memcmp(g_buf, big, n), 0);
	/* One octet beyond what the length octet can say. */
	reset(NDP_OPT_NONCE);
	in.u.nonce.nonce = V(big, 255 * 8 - 1);
	CU_ASSERT_EQUAL(ndp_opt_build(&in, g_buf, sizeof(g_buf), &n), -EINVAL);
	/* Length 255 with fewer octets in the buffer: overrun. */
	CU_ASSERT_EQUAL(ndp_opt_parse(big, sizeof(big) - 1, &out), -EBADMSG);
	/* Buffer too small to build. */
	in.u.nonce.nonce = V(big, 6);
	CU_ASSERT_EQUAL(ndp_opt_build(&in, g_buf, 7, &n), -ENOSPC);
	CU_ASSERT_EQUAL(ndp_opt_build(&in, g_buf, 8, &n), 0);
}

static void test_len_override(void)
{
	/* A non-zero .len is written as is (negative tests), the body is
	 * what the struct says. */
	reset(NDP_OPT_MTU);
	in.len = 3;
	in.u.mtu.mtu = 1500;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&in, g_buf, sizeof(g_buf), &n), 0);
	CU_ASSERT_EQUAL(n, 8);
	CU_ASSERT_EQUAL(g_buf[1], 3);
	/* ... and the walk then reports the overrun. */
	CU_ASSERT_EQUAL(ndp_opts_parse(g_buf, n, &out, 1, &n), -EBADMSG);
}

/* ---- the table ---- */

static void test_table(void)
{
	static const uint8_t all[] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
		19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
		35, 36, 37, 38, 39, 40, 41, 42, 138, 139, 144, 253, 254,
	};
	size_t count = 0;
	const struct ndp_opt_desc *d;

	for (size_t i = 0; i < sizeof(all); i++) {
		d = ndp_opt_desc_get(all[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_EQUAL(d->type, all[i]);
		CU_ASSERT(d->name && *d->name && d->stem && *d->stem);
		CU_ASSERT(d->ref && strncmp(d->ref, "RFC ", 4) == 0);
		CU_ASSERT(d->min_units >= 1 && d->min_units <= d->max_units);
		CU_ASSERT(d->msgs != 0 && (d->msgs & ~(uint32_t)NDP_M_ANY) == 0);
		CU_ASSERT(d->parse && d->check && d->build);
	}
	while ((d = ndp_opt_desc_at(count)))
		count++;
	CU_ASSERT_EQUAL(count, sizeof(all));
	/* Placement facts (RFC 4861 4.1-4.6). */
	CU_ASSERT_EQUAL(ndp_opt_desc_get(NDP_OPT_PREFIX)->msgs, NDP_M_RA);
	CU_ASSERT_EQUAL(ndp_opt_desc_get(NDP_OPT_REDIRECTED)->msgs,
			NDP_M_REDIRECT);
	CU_ASSERT_FALSE(ndp_opt_desc_get(NDP_OPT_SLLA)->msgs & NDP_M_NA);
	CU_ASSERT(ndp_opt_desc_get(NDP_OPT_TLLA)->msgs & NDP_M_NA);
	CU_ASSERT(ndp_opt_desc_get(NDP_OPT_TLLA)->msgs & NDP_M_REDIRECT);
	CU_ASSERT(ndp_opt_desc_get(NDP_OPT_MTU)->msgs & NDP_M_RA);
	CU_ASSERT(ndp_opt_desc_get(NDP_OPT_MTU)->once);
	CU_ASSERT_FALSE(ndp_opt_desc_get(NDP_OPT_PREFIX)->once);
	CU_ASSERT_STRING_EQUAL(ndp_opt_desc_get(NDP_OPT_MTU)->stem, "mtu");
	CU_ASSERT_STRING_EQUAL(ndp_opt_desc_get(NDP_OPT_PREFIX)->stem, "prefix");
	CU_ASSERT_STRING_EQUAL(ndp_opt_desc_get(NDP_OPT_RDNSS)->stem, "rdnss");
}

int main(void)
{
	static const struct fx_test nd[] = {
		{ "1, 2 SLLA/TLLA", test_slla_tlla },
		{ "3 prefix information", test_prefix },
		{ "4 redirected header", test_redirected },
		{ "5 MTU", test_mtu },
		{ "6 NBMA shortcut limit", test_nbma },
		{ "7 advertisement interval", test_adv_interval },
		{ "8 home agent information", test_ha_info },
		{ "9, 10 address lists", test_addr_lists },
		{ "23 MAP", test_map },
		{ "24 route information", test_route },
		{ "25 RDNSS", test_rdnss },
		{ "26 RA flags extension", test_ra_flags_ext },
		{ "31 DNSSL", test_dnssl },
		{ "37 captive portal", test_captive_portal },
		{ "38 PREF64", test_pref64 },
		{ "21 PvD ID", test_pvd_id },
		{ "21 PvD ID malformed", test_pvd_id_bad },
		{ "144 encrypted DNS", test_encrypted_dns },
		{ NULL, NULL },
	};
	static const struct fx_test send[] = {
		{ "11 CGA", test_cga },
		{ "12 RSA signature", test_rsa_sig },
		{ "13 timestamp", test_timestamp },
		{ "14 nonce", test_nonce },
		{ "15 trust anchor", test_trust_anchor },
		{ "16 certificate", test_certificate },
		{ "32 proxy signature", test_proxy_sig },
		{ "39 CIPO", test_cipo },
		{ "40 NDP signature", test_ndp_sig },
		{ NULL, NULL },
	};
	static const struct fx_test mob[] = {
		{ "17, 18 IP address / NRPI", test_ip_addr_nrpi },
		{ "19 FMIPv6 LLA", test_fmip_lla },
		{ "20 NAACK", test_naack },
		{ "27, 28 HKR/HKREP", test_hkr_hkrep },
		{ "29, 30 HAI/MN-ID", test_hai_mn_id },
		{ "138, 139 CARD", test_card },
		{ NULL, NULL },
	};
	static const struct fx_test lowpan[] = {
		{ "33 EARO", test_earo },
		{ "34 6LoWPAN context", test_6lowpan_ctx },
		{ "35 ABRO", test_abro },
		{ "36 6CIO", test_6cio },
		{ "41 RD address", test_rd_addr },
		{ "42 consistent uptime", test_uptime },
		{ NULL, NULL },
	};
	static const struct fx_test misc[] = {
		{ "253, 254, unknown raw", test_experimental_and_unknown },
		{ "prefix length and lifetime sweep", test_prefix_sweep },
		{ "route sweep", test_route_sweep },
		{ "option length 0/1/255", test_len_sweep },
		{ "explicit length", test_len_override },
		{ "descriptor table", test_table },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (fx_add_suite("options: ND and RA", nd) ||
	    fx_add_suite("options: SEND", send) ||
	    fx_add_suite("options: mobility", mob) ||
	    fx_add_suite("options: 6LoWPAN", lowpan) ||
	    fx_add_suite("options: raw, sweeps, table", misc)) {
		CU_cleanup_registry();
		return 1;
	}
	return fx_run();
}
