/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for sockgen ndp replay's edit expressions (generator/ndp/
 * ndp_edit.c): --set FIELD=VALUE by display-filter name from the codec's
 * tables, every kind of value, the boundaries of each, the n-th option,
 * --drop-opt names, and the message rebuilt after an edit (option lengths
 * and the checksum computed, untouched options kept octet for octet). */
#include <errno.h>
#include <string.h>

#include "fixtures.h"
#include "ndp.h"
#include "ndp_edit.h"

static char why[256];

static int parse(const char *expr, struct ndpe_set *s)
{
	why[0] = '\0';
	return ndpe_set_parse(expr, s, why, sizeof(why));
}

static void test_names(void)
{
	struct ndpe_set s;
	char buf[128], near[512];
	const char *n;
	size_t count = 0;
	bool seen_valid = false, seen_lifetime = false, seen_len = false;

	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=0", &s), 0);
	CU_ASSERT_EQUAL(s.where, NDPE_HDR);
	CU_ASSERT_EQUAL(s.u, 0);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=60", &s), 0);
	CU_ASSERT_EQUAL(s.where, NDPE_OPT);
	CU_ASSERT_EQUAL(s.type, NDP_OPT_PREFIX);
	CU_ASSERT_EQUAL(s.nth, 0);
	CU_ASSERT_EQUAL(s.u, 60);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix[2].valid=1d", &s), 0);
	CU_ASSERT_EQUAL(s.nth, 2);
	CU_ASSERT_EQUAL(s.u, 86400);
	CU_ASSERT_EQUAL(parse("ndisc.opt.mtu=1280", &s), 0);      /* the stem alone */
	CU_ASSERT_EQUAL(parse("ndisc.opt.mtu[1]=1280", &s), 0);
	CU_ASSERT_EQUAL(parse("ipv6.hlim=64", &s), 0);
	CU_ASSERT_EQUAL(s.where, NDPE_IP6);
	CU_ASSERT_EQUAL(parse("ndisc.opt.exp.data=0102", &s), 0); /* 253 and 254 */
	ndpe_set_free(&s);
	/* unknown, derived, malformed */
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetim=0", &s), -ENOENT);
	CU_ASSERT_EQUAL(parse("ndisc.opt.nosuch.x=0", &s), -ENOENT);
	CU_ASSERT_EQUAL(parse("ndisc.opt.hai.value_len=1", &s), -EPERM);
	CU_ASSERT_EQUAL(parse("ndisc.opt.certificate.padding=00", &s), -EPERM);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("=1", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix[0].valid=1", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix[129].valid=1", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix[1.valid=1", &s), -ENOENT);
	CU_ASSERT_EQUAL(parse("ndisc.ra[1].router_lifetime=1", &s), -ENOENT);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime[1]=1", &s), -ENOENT);
	/* near names: a slip, then the family */
	ndpe_near("ndisc.ra.router_lifetim", near, sizeof(near), 8);
	CU_ASSERT_PTR_NOT_NULL(strstr(near, "ndisc.ra.router_lifetime"));
	ndpe_near("ndisc.opt.prefx.valid", near, sizeof(near), 8);
	CU_ASSERT_PTR_NOT_NULL(strstr(near, "ndisc.opt.prefix.valid"));
	ndpe_near("ndisc.ra.zzz", near, sizeof(near), 8);
	CU_ASSERT_PTR_NOT_NULL(strstr(near, "ndisc.ra.cur_hop_limit"));
	CU_ASSERT_EQUAL(ndpe_near("qqq", near, sizeof(near), 8), 0);
	/* slips at both ends and a swap, with no family to fall back on:
	 * distance 2 is suggested, 3 is not (the banded distance) */
	CU_ASSERT_EQUAL(ndpe_near("qndisc.ra.router_lifetimeq", near, sizeof(near), 8), 1);
	CU_ASSERT_STRING_EQUAL(near, "ndisc.ra.router_lifetime");
	CU_ASSERT_EQUAL(ndpe_near("qndisc.ra.router_lifeitme", near, sizeof(near), 8), 0);
	CU_ASSERT_EQUAL(ndpe_near("ndiscX.ra.router_lifeitme", near, sizeof(near), 8), 0);
	CU_ASSERT_EQUAL(ndpe_near("ndisc.ra.router_lifeitme", near, sizeof(near), 8) >= 1, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(near, "ndisc.ra.router_lifetime"));
	CU_ASSERT_EQUAL(ndpe_near("ndisc.ra.rooter_lifetme", near, sizeof(near), 8) >= 1, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(near, "ndisc.ra.router_lifetime"));
	/* the list: every name parses with a value of its kind, no derived one */
	for (size_t i = 0; (n = ndpe_field_name_at(i, buf, sizeof(buf))); i++, count++) {
		seen_valid |= !strcmp(n, "ndisc.opt.prefix.valid");
		seen_lifetime |= !strcmp(n, "ndisc.ra.router_lifetime");
		seen_len |= !strcmp(n, "ndisc.opt.hai.value_len");
	}
	CU_ASSERT(count > 100);
	CU_ASSERT(seen_valid && seen_lifetime && !seen_len);
}

static void test_values(void)
{
	struct ndpe_set s;

	/* integer boundaries of the header table and of the option rows */
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=65535", &s), 0);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=65536", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=-1", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=x", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.ra.prf=3", &s), 0);
	CU_ASSERT_EQUAL(parse("ndisc.ra.prf=4", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ipv6.hlim=255", &s), 0);
	CU_ASSERT_EQUAL(parse("ipv6.hlim=256", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=infinity", &s), 0);
	CU_ASSERT_EQUAL(s.u, UINT32_MAX);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=4294967296", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=50000d", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.valid=d", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.len=255", &s), 0);        /* 8 bits on the wire */
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.len=256", &s), -ERANGE);
	/* narrower than their member: the codec's builder and parser say so */
	CU_ASSERT_EQUAL(parse("ndisc.opt.route.prf=3", &s), 0);
	CU_ASSERT_EQUAL(parse("ndisc.opt.route.prf=4", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.pvd_id.delay=15", &s), 0);
	CU_ASSERT_EQUAL(parse("ndisc.opt.pvd_id.delay=16", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.ha_info.preference=-32768", &s), 0);
	CU_ASSERT_EQUAL(s.u, (uint64_t)(int64_t)-32768);
	CU_ASSERT_EQUAL(parse("ndisc.opt.ha_info.preference=-32769", &s), -ERANGE);
	/* flags */
	CU_ASSERT_EQUAL(parse("ndisc.ra.flag.m=true", &s), 0);
	CU_ASSERT_EQUAL(s.u, 1);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.flag.l=0", &s), 0);
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix.flag.l=2", &s), -ERANGE);
	CU_ASSERT_EQUAL(parse("ndisc.opt.cio.flag.g=1", &s), 0);
	/* addresses, MACs, octets, text, lists */
	CU_ASSERT_EQUAL(parse("ndisc.ns.target=2001:db8::1", &s), 0);
	CU_ASSERT_EQUAL(memcmp(s.addr, fx_doc_addr1, 16), 0);
	CU_ASSERT_EQUAL(parse("ndisc.ns.target=2001:db8::g", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.slla.addr=de:ad:be:ef:de:ad", &s), 0);
	CU_ASSERT_EQUAL(s.len, 6);
	CU_ASSERT_EQUAL(memcmp(s.bytes, fx_mac_dead, 6), 0);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.slla.addr=de:ad", &s), -EINVAL);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.nonce.nonce=0x0102030405", &s), 0);
	CU_ASSERT_EQUAL(s.len, 5);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.nonce.nonce=012", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.rsa_sig.key_hash=00", &s), -ERANGE);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.captive_portal.uri=https://x.example/", &s), 0);
	CU_ASSERT_EQUAL(s.len, 18);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.rdnss.addr=2001:db8::1,2001:db8::2", &s), 0);
	CU_ASSERT_EQUAL(s.len, 32);
	ndpe_set_free(&s);
	CU_ASSERT_EQUAL(parse("ndisc.opt.rdnss.addr=2001:db8::1,nope", &s), -EINVAL);
	CU_ASSERT_EQUAL(parse("ndisc.opt.dnssl.name=a.example,b", &s), 0);
	CU_ASSERT_EQUAL(s.len, 11 + 3);         /* 1a 7example 0, 1b 0 */
	ndpe_set_free(&s);
}

static void test_drop_names(void)
{
	bool types[256];

	memset(types, 0, sizeof(types));
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("25", types, why, sizeof(why)), 0);
	CU_ASSERT(types[25]);
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("prefix", types, why, sizeof(why)), 0);
	CU_ASSERT(types[NDP_OPT_PREFIX]);
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("exp", types, why, sizeof(why)), 0);
	CU_ASSERT(types[253] && types[254]);
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("256", types, why, sizeof(why)), -EINVAL);
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("nosuch", types, why, sizeof(why)), -EINVAL);
	CU_ASSERT_EQUAL(ndpe_opt_types_parse("", types, why, sizeof(why)), -EINVAL);
}

/* RA: header, SLLA, two prefixes, MTU, an unknown type 200. */
static size_t make_ra(uint8_t *buf, size_t cap)
{
	static const uint8_t ra[] = {
		134, 0, 0, 0, 64, 0x80, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 1, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad,
		3, 4, 64, 0xc0, 0, 0, 0, 10, 0, 0, 0, 5, 0, 0, 0, 0,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		3, 4, 48, 0x80, 0, 0, 0, 20, 0, 0, 0, 6, 0, 0, 0, 0,
		0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		5, 1, 0, 0, 0, 0, 0x05, 0xdc,
		200, 1, 1, 2, 3, 4, 5, 6,
	};

	CU_ASSERT_FATAL(sizeof(ra) <= cap);
	memcpy(buf, ra, sizeof(ra));
	return sizeof(ra);
}

static void test_apply_encode(void)
{
	static struct ndp_msg msg, back;
	static uint8_t in[256], out[512];
	uint8_t ip6[40] = { 0x60 };
	bool edited[NDP_MAX_OPTS] = { false }, drop[256] = { false };
	struct ndpe_set s;
	size_t len = make_ra(in, sizeof(in)), n;

	memcpy(ip6 + 8, fx_ll1, 16);
	memcpy(ip6 + 24, fx_all_nodes, 16);
	CU_ASSERT_EQUAL(ndp_msg_parse(in, len, &msg), 0);
	/* the second prefix alone */
	CU_ASSERT_EQUAL(parse("ndisc.opt.prefix[2].valid=99", &s), 0);
	CU_ASSERT_EQUAL(ndpe_set_apply(&s, ip6, &msg, edited), 1);
	CU_ASSERT(!edited[1] && edited[2]);
	CU_ASSERT_EQUAL(msg.opts[2].u.prefix.valid, 99);
	CU_ASSERT_EQUAL(msg.opts[1].u.prefix.valid, 10);
	/* a header field of another message kind does not apply */
	CU_ASSERT_EQUAL(parse("ndisc.na.flag.o=1", &s), 0);
	CU_ASSERT_EQUAL(ndpe_set_apply(&s, ip6, &msg, edited), 0);
	CU_ASSERT_EQUAL(parse("ndisc.ra.router_lifetime=0", &s), 0);
	CU_ASSERT_EQUAL(ndpe_set_apply(&s, ip6, &msg, edited), 1);
	/* a longer SLLA: 8 octets, 2 units */
	CU_ASSERT_EQUAL(parse("ndisc.opt.slla.addr.raw=0102030405060708", &s), 0);
	CU_ASSERT_EQUAL(ndpe_set_apply(&s, ip6, &msg, edited), 1);
	drop[NDP_OPT_MTU] = true;
	CU_ASSERT_EQUAL(ndpe_drop_apply(drop, &msg, edited), 1);
	CU_ASSERT_EQUAL(msg.n_opts, 4);
	CU_ASSERT(edited[0] && !edited[1] && edited[2] && !edited[3]);
	CU_ASSERT_EQUAL(ndpe_encode(&msg, edited, NULL, 0, ip6 + 8, ip6 + 24, out, sizeof(out), &n), 0);
	ndpe_set_free(&s);
	/* 16 + SLLA 16 + 32 + 32 + the type-200 option 8 */
	CU_ASSERT_EQUAL(n, 16 + 16 + 32 + 32 + 8);
	CU_ASSERT_EQUAL(out[6] << 8 | out[7], 0);               /* router lifetime */
	CU_ASSERT_EQUAL(out[17], 2);                            /* SLLA length computed */
	CU_ASSERT_EQUAL(memcmp(out + 32, in + 24, 32), 0);      /* prefix 1 as it was */
	CU_ASSERT_EQUAL(out[64 + 7], 99);                       /* prefix 2 valid */
	CU_ASSERT_EQUAL(memcmp(out + 96, in + 96, 8), 0);       /* type 200 octet for octet */
	CU_ASSERT_EQUAL(ndp_checksum(ip6 + 8, ip6 + 24, out, n), 0);
	CU_ASSERT_EQUAL(ndp_msg_parse(out, n, &back), 0);
	CU_ASSERT_EQUAL(back.n_opts, 4);
}

static void test_fits(void)
{
	struct ndp_opt o;
	const struct ndp_field *bad;

	memset(&o, 0, sizeof(o));
	o.type = NDP_OPT_ROUTE;
	o.u.route.prf = 3;
	CU_ASSERT_EQUAL(ndpe_opt_fits(&o, &bad), 0);
	o.u.route.prf = 7;
	CU_ASSERT_EQUAL(ndpe_opt_fits(&o, &bad), -ERANGE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
	CU_ASSERT_STRING_EQUAL(bad->suffix, "prf");
	/* raw octets (--add-opt 3:HEX) have no fields to read back */
	memset(&o, 0, sizeof(o));
	o.type = NDP_OPT_PREFIX;
	o.raw = true;
	o.u.raw.data.data = (const uint8_t *)"\x40\xc0";
	o.u.raw.data.len = 2;
	CU_ASSERT_EQUAL(ndpe_opt_fits(&o, &bad), 0);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "field names: tables, index, near names, list", test_names },
		{ "values: every kind and its boundaries", test_values },
		{ "--drop-opt by number and stem", test_drop_names },
		{ "apply and encode: untouched options kept, lengths, checksum", test_apply_encode },
		{ "a value too wide for its bits", test_fits },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("ndp edit", tests))
		return 1;
	return fx_run();
}
