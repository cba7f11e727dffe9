/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for sockgen ndp router's radvd.conf reader (generator/ndp/
 * ndp_radvconf.c) and the RA it builds (ndp_router_ra.c): every directive
 * into its field, radvd's defaults (MinRtrAdvInterval from
 * MaxRtrAdvInterval, lifetimes from it), comments and quoted strings,
 * radvd's limits, and every error with "FILE:LINE: ". */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "fixtures.h"
#include "ndp.h"
#include "ndp_radvconf.h"
#include "ndp_router.h"

static struct radvconf g_c;

static int parse(const char *text)
{
	return radvconf_parse(text, strlen(text), "r.conf", &g_c);
}

/* text must be refused with exactly this message. */
static void refused(const char *text, const char *err)
{
	CU_ASSERT_EQUAL(parse(text), -EINVAL);
	CU_ASSERT_STRING_EQUAL(g_c.err, err);
	if (strcmp(g_c.err, err))
		fprintf(stderr, "\n  got  '%s'\n  want '%s'\n", g_c.err, err);
}

static const char RICH[] =
	"# a radvd.conf\n"
	"interface eth0\n"
	"{\n"
	"\tAdvSendAdvert on;   # comment after a directive\n"
	"\tMinRtrAdvInterval 3.5;\n"
	"\tMaxRtrAdvInterval 10;\n"
	"\tMinDelayBetweenRAs 4;\n"
	"\tAdvManagedFlag on; AdvOtherConfigFlag 1; AdvHomeAgentFlag off;\n"
	"\tAdvDefaultPreference low;\n"
	"\tAdvDefaultLifetime 9000;\n"
	"\tAdvReachableTime 3600000;\n"
	"\tAdvRetransTimer 4294967295;\n"
	"\tAdvCurHopLimit 255;\n"
	"\tAdvLinkMTU 1280;\n"
	"\tAdvSourceLLAddress off;\n"
	"\tAdvRASolicitedUnicast off;\n"
	"\tAdvCaptivePortalAPI \"https://portal.example/api?a=1;b=#2\";\n"
	"\tprefix 2001:db8:1::/64 {\n"
	"\t\tAdvOnLink off; AdvAutonomous off; AdvRouterAddr on;\n"
	"\t\tAdvValidLifetime infinity; AdvPreferredLifetime 0;\n"
	"\t\tDeprecatePrefix on;\n"
	"\t};\n"
	"\tprefix 2001:db8:2::/48 { };\n"
	"\troute 2001:db8:100::/48 { AdvRoutePreference high; AdvRouteLifetime infinity; };\n"
	"\troute ::/0 { RemoveRoute off; };\n"
	"\tRDNSS 2001:db8::53 2001:db8::54 { AdvRDNSSLifetime 77; FlushRDNSS off; };\n"
	"\tDNSSL example.com \"corp.example.org\" { };\n"
	"\tnat64prefix 64:ff9b::/96 { AdvValidLifetime 600; };\n"
	"\tabro 2001:db8::1 { AdvVersionLow 1; AdvVersionHigh 2; AdvValidLifeTime 3; };\n"
	"};\n"
	"interface \"eth1\" { AdvSendAdvert off; };\n";

static void test_rich(void)
{
	const struct radvconf_iface *f;

	CU_ASSERT_EQUAL_FATAL(parse(RICH), 0);
	CU_ASSERT_EQUAL(g_c.n_ifaces, 2);
	CU_ASSERT_EQUAL(g_c.n_notes, 0);
	f = radvconf_find(&g_c, "eth0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->line, 2);
	CU_ASSERT(f->send_advert && f->flag_m && f->flag_o && !f->flag_h);
	CU_ASSERT_DOUBLE_EQUAL(f->min_interval, 3.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(f->max_interval, 10, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(f->min_delay, 4, 1e-9);
	CU_ASSERT_EQUAL(f->prf, 3);
	CU_ASSERT_EQUAL(f->default_lifetime, 9000);
	CU_ASSERT_EQUAL(f->reachable, 3600000);
	CU_ASSERT_EQUAL(f->retrans, 4294967295u);
	CU_ASSERT_EQUAL(f->cur_hop_limit, 255);
	CU_ASSERT_EQUAL(f->mtu, 1280);
	CU_ASSERT(!f->source_lla && !f->solicited_unicast);
	CU_ASSERT_STRING_EQUAL(f->captive_portal, "https://portal.example/api?a=1;b=#2");
	CU_ASSERT_EQUAL_FATAL(f->n_prefix, 2);
	CU_ASSERT(!f->prefix[0].on_link && !f->prefix[0].autonomous && f->prefix[0].router_addr);
	CU_ASSERT_EQUAL(f->prefix[0].valid, RADVCONF_INFINITY);
	CU_ASSERT_EQUAL(f->prefix[0].preferred, 0);
	CU_ASSERT(f->prefix[0].deprecate);
	/* radvd.conf(5) prefix defaults */
	CU_ASSERT(f->prefix[1].on_link && f->prefix[1].autonomous && !f->prefix[1].router_addr);
	CU_ASSERT_EQUAL(f->prefix[1].len, 48);
	CU_ASSERT_EQUAL(f->prefix[1].valid, 86400);
	CU_ASSERT_EQUAL(f->prefix[1].preferred, 14400);
	CU_ASSERT_EQUAL_FATAL(f->n_route, 2);
	CU_ASSERT_EQUAL(f->route[0].prf, 1);
	CU_ASSERT_EQUAL(f->route[0].lifetime, RADVCONF_INFINITY);
	CU_ASSERT(f->route[0].remove && !f->route[1].remove);
	CU_ASSERT_EQUAL(f->route[1].lifetime, 30);      /* 3 * MaxRtrAdvInterval */
	CU_ASSERT_EQUAL(f->route[1].len, 0);
	CU_ASSERT_EQUAL_FATAL(f->n_rdnss, 1);
	CU_ASSERT_EQUAL(f->rdnss[0].n, 2);
	CU_ASSERT_EQUAL(memcmp(f->rdnss[0].addrs[1], (uint8_t[16]){ 0x20, 1, 0xd, 0xb8, [15] = 0x54 }, 16), 0);
	CU_ASSERT_EQUAL(f->rdnss[0].lifetime, 77);
	CU_ASSERT(!f->rdnss[0].flush);
	CU_ASSERT_EQUAL_FATAL(f->n_dnssl, 1);
	CU_ASSERT_EQUAL(f->dnssl[0].n, 2);
	CU_ASSERT_STRING_EQUAL(f->dnssl[0].names[1], "corp.example.org");
	CU_ASSERT_EQUAL(f->dnssl[0].lifetime, 10);     /* MaxRtrAdvInterval, as radvd */
	CU_ASSERT(f->dnssl[0].flush);
	CU_ASSERT_EQUAL_FATAL(f->n_nat64, 1);
	CU_ASSERT_EQUAL(f->nat64[0].len, 96);
	CU_ASSERT_EQUAL(f->nat64[0].lifetime, 600);
	CU_ASSERT(f->have_abro);
	CU_ASSERT_EQUAL(f->abro.version_low, 1);
	CU_ASSERT_EQUAL(f->abro.version_high, 2);
	CU_ASSERT_EQUAL(f->abro.lifetime, 3);
	f = radvconf_find(&g_c, "eth1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT(!f->send_advert);
	CU_ASSERT_PTR_NULL(radvconf_find(&g_c, "eth2"));
}

/* radvd's defaults, and the ones that follow MaxRtrAdvInterval */
static void test_defaults(void)
{
	const struct radvconf_iface *f;

	CU_ASSERT_EQUAL_FATAL(parse("interface eth0 { AdvSendAdvert on; route ::/0 {}; "
				    "RDNSS ::1 {}; nat64prefix 64:ff9b::/96 {}; };"), 0);
	f = &g_c.iface[0];
	CU_ASSERT_DOUBLE_EQUAL(f->max_interval, 600, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(f->min_interval, 198, 1e-9);     /* 0.33 * Max */
	CU_ASSERT_DOUBLE_EQUAL(f->min_delay, 3, 1e-9);          /* MIN_DELAY_BETWEEN_RAS */
	CU_ASSERT_EQUAL(f->default_lifetime, 1800);             /* 3 * Max */
	CU_ASSERT_EQUAL(f->cur_hop_limit, 64);
	CU_ASSERT(f->source_lla && f->solicited_unicast && !f->unicast_only);
	CU_ASSERT_EQUAL(f->prf, 0);
	CU_ASSERT_EQUAL(f->mtu, 0);
	CU_ASSERT_EQUAL(f->route[0].lifetime, 1800);
	CU_ASSERT_EQUAL(f->rdnss[0].lifetime, 600);
	CU_ASSERT_EQUAL(f->nat64[0].lifetime, 1800);
	CU_ASSERT_EQUAL(f->ha_lifetime, 1800);
	/* below 9 s radvd takes 0.75 * Max; 3 * 2000 is capped at 9000 */
	CU_ASSERT_EQUAL_FATAL(parse("interface a { MaxRtrAdvInterval 4; };\n"
				    "interface b { MaxRtrAdvInterval 1800; AdvDefaultLifetime 0; };"), 0);
	CU_ASSERT_DOUBLE_EQUAL(g_c.iface[0].min_interval, 3, 1e-9);
	CU_ASSERT_EQUAL(g_c.iface[0].default_lifetime, 12);
	CU_ASSERT_EQUAL(g_c.iface[1].default_lifetime, 0);
	/* Mobile IPv6 lowers the interval limits (RFC 6275 7.5); the
	 * lifetimes from them are at least 1 s */
	CU_ASSERT_EQUAL(parse("interface a { AdvIntervalOpt on; MinRtrAdvInterval 0.03; "
			      "MaxRtrAdvInterval 0.07; AdvHomeAgentInfo on; };"), 0);
	CU_ASSERT_EQUAL(g_c.iface[0].default_lifetime, 1);
	CU_ASSERT_EQUAL(g_c.iface[0].ha_lifetime, 1);
	CU_ASSERT_EQUAL(parse("interface a { AdvIntervalOpt on; MaxRtrAdvInterval 0.06; };"), -EINVAL);
	CU_ASSERT_STRING_EQUAL(g_c.err, "r.conf:1: interface a: MaxRtrAdvInterval 0.06: must be 0.07..1800");
}

/* The text need not end in a NUL: only len octets are read. */
static void test_length_bound(void)
{
	static const char text[] = "interface eth0 { AdvSendAdvert on; }; interface x";

	CU_ASSERT_EQUAL(radvconf_parse(text, 37, "r.conf", &g_c), 0);
	CU_ASSERT_EQUAL(g_c.n_ifaces, 1);
	CU_ASSERT_EQUAL(radvconf_parse(text, 36, "r.conf", &g_c), -EINVAL);
	CU_ASSERT_STRING_EQUAL(g_c.err, "r.conf:1: expected ';' before end of file");
}

static void test_notes(void)
{
	CU_ASSERT_EQUAL_FATAL(parse("interface eth0 {\n IgnoreIfMissing on;\n"
				    " prefix ::/64 { DecrementLifetimes on; };\n};"), 0);
	CU_ASSERT_EQUAL_FATAL(g_c.n_notes, 2);
	CU_ASSERT_STRING_EQUAL(g_c.notes[0], "r.conf:2: 'IgnoreIfMissing' ignored: the interface "
			       "must exist when sockgen starts");
	CU_ASSERT_STRING_EQUAL(g_c.notes[1], "r.conf:3: 'DecrementLifetimes' ignored: lifetimes are "
			       "sent as configured");
}

static void test_errors(void)
{
	refused("interface eth0 {\n  AdvSendAdvert on;\n  Foo 1;\n};",
		"r.conf:3: unknown directive 'Foo'");
	refused("\n\nbogus eth0 { };", "r.conf:3: unknown directive 'bogus' (expected 'interface')");
	refused("interface eth0 {\n AdvOnLink on;\n};", "r.conf:2: 'AdvOnLink' does not belong in this block");
	refused("interface eth0 {\n AdvSendAdvert on\n};", "r.conf:3: expected ';' before '}'");
	refused("interface eth0 {\n AdvSendAdvert yes;\n};",
		"r.conf:2: AdvSendAdvert 'yes': expected on or off");
	refused("interface eth0 {\n AdvCurHopLimit 256;\n};", "r.conf:2: AdvCurHopLimit '256': must be 0..255");
	refused("interface eth0 {\n AdvDefaultPreference top;\n};",
		"r.conf:2: AdvDefaultPreference 'top': expected low, medium or high");
	refused("interface eth0 {\n MaxRtrAdvInterval x;\n};", "r.conf:2: MaxRtrAdvInterval 'x': expected seconds");
	refused("interface eth0 {\n AdvCaptivePortalAPI \"https://x\n\";\n};", "r.conf:2: unterminated string");
	refused("interface eth0 {\n prefix 2001:db8::/129 { };\n};",
		"r.conf:2: prefix '2001:db8::/129': prefix length must be 0..128");
	refused("interface eth0 {\n prefix 2001:db8::/64 {\n AdvValidLifetime 10;\n AdvPreferredLifetime 20;\n };\n};",
		"r.conf:5: prefix: AdvPreferredLifetime above AdvValidLifetime (RFC 4861 6.2.1)");
	refused("interface eth0 {\n nat64prefix 64:ff9b::/60 { };\n};",
		"r.conf:2: nat64prefix: length /60: must be 32, 40, 48, 56, 64 or 96 (RFC 8781 4)");
	refused("interface eth0 {\n RDNSS { };\n};", "r.conf:2: RDNSS: no address before '{'");
	refused("interface eth0 {\n RDNSS fe80::zz { };\n};", "r.conf:2: RDNSS 'fe80::zz': not an IPv6 address");
	refused("interface eth0 {\n DNSSL a..b { };\n};", "r.conf:2: DNSSL 'a..b': not a domain name");
	refused("\n\ninterface eth0 { MaxRtrAdvInterval 2; };",
		"r.conf:3: interface eth0: MaxRtrAdvInterval 2: must be 4..1800");
	refused("interface eth0 { MaxRtrAdvInterval 4; MinRtrAdvInterval 3.5; };",
		"r.conf:1: interface eth0: MinRtrAdvInterval 3.5: must be 3..3 (0.75 * MaxRtrAdvInterval)");
	refused("interface eth0 { MaxRtrAdvInterval 100; AdvDefaultLifetime 50; };",
		"r.conf:1: interface eth0: AdvDefaultLifetime 50: must be 0 or MaxRtrAdvInterval..9000");
	refused("interface eth0 { AdvDefaultLifetime 9001; };",
		"r.conf:1: AdvDefaultLifetime '9001': must be 0..9000");
	refused("interface eth0 { AdvLinkMTU 1000; };",
		"r.conf:1: interface eth0: AdvLinkMTU 1000: must be 0 or at least 1280");
	refused("interface eth0 {\n clients { fe80::1; };\n};",
		"r.conf:2: 'clients' is not supported by sockgen ndp router: RAs go to all-nodes "
		"or to the soliciting host");
	refused("interface eth0 {\n prefix ::/64 { Base6Interface eth1; };\n};",
		"r.conf:2: 'Base6Interface' is not supported by sockgen ndp router: the prefix "
		"must be written out");
	refused("interface eth0 { };\ninterface eth0 { };", "r.conf:2: interface eth0: given twice (first on line 1)");
	refused("interface eth0 { abro ::1 { }; abro ::2 { }; };",
		"r.conf:1: abro: given twice (RFC 6775 4.3: one per RA)");
	refused("# nothing\n", "r.conf:2: no interface block");
	refused("interface eth0 { AdvSendAdvert on; ", "r.conf:1: expected a directive or '}' before end of file");
	refused("interface eth0 { AdvSendAdvert; };", "r.conf:1: 'AdvSendAdvert': missing value");
	refused("interface eth0 { \x01 };", "r.conf:1: control character in the text");
}

static void test_ra(void)
{
	static struct ndpg_msg m;
	static struct ndp_msg back;
	uint8_t icmp[2048];
	struct ndpg_link link = { .mac = { FX_MAC_DEAD_BYTES }, .ll = { FX_LL1_BYTES }, .have_ll = true };
	size_t len;

	CU_ASSERT_EQUAL_FATAL(parse(RICH), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_router_ra(&m, "t", &g_c.iface[0], &link, false), 0);
	CU_ASSERT_EQUAL(memcmp(m.src, fx_ll1, 16), 0);
	CU_ASSERT_EQUAL(memcmp(m.dst, fx_all_nodes, 16), 0);
	CU_ASSERT_EQUAL(m.hop_limit, 255);
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_encode(&m, icmp, sizeof(icmp), &len, true), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_parse(icmp, len, &back), 0);
	CU_ASSERT_EQUAL(back.h.ra.cur_hop_limit, 255);
	CU_ASSERT(back.h.ra.flag_m && back.h.ra.flag_o && !back.h.ra.flag_h);
	CU_ASSERT_EQUAL(back.h.ra.prf, 3);
	CU_ASSERT_EQUAL(back.h.ra.router_lifetime, 9000);
	CU_ASSERT_EQUAL(back.h.ra.reachable, 3600000);
	CU_ASSERT_EQUAL(back.h.ra.retrans, 4294967295u);
	/* radvd's order; no source LLA (AdvSourceLLAddress off) */
	CU_ASSERT_EQUAL_FATAL(back.n_opts, 10);
	CU_ASSERT_EQUAL(back.opts[0].type, NDP_OPT_PREFIX);
	CU_ASSERT_EQUAL(back.opts[0].u.prefix.valid, 0xffffffffu);
	CU_ASSERT(back.opts[0].u.prefix.flag_r && !back.opts[0].u.prefix.flag_l);
	CU_ASSERT_EQUAL(back.opts[1].type, NDP_OPT_PREFIX);
	CU_ASSERT_EQUAL(back.opts[2].type, NDP_OPT_ROUTE);
	CU_ASSERT_EQUAL(back.opts[2].len, 3);           /* the whole prefix, as radvd */
	CU_ASSERT_EQUAL(back.opts[3].type, NDP_OPT_ROUTE);
	CU_ASSERT_EQUAL(back.opts[4].type, NDP_OPT_RDNSS);
	CU_ASSERT_EQUAL(back.opts[4].u.rdnss.lifetime, 77);
	CU_ASSERT_EQUAL(back.opts[5].type, NDP_OPT_DNSSL);
	CU_ASSERT_EQUAL(back.opts[6].type, NDP_OPT_MTU);
	CU_ASSERT_EQUAL(back.opts[6].u.mtu.mtu, 1280);
	CU_ASSERT_EQUAL(back.opts[7].type, NDP_OPT_ABRO);
	CU_ASSERT_EQUAL(back.opts[8].type, NDP_OPT_PREF64);
	CU_ASSERT_EQUAL(back.opts[8].u.pref64.lifetime, 75);    /* 600 s in 8 s units */
	CU_ASSERT_EQUAL(back.opts[8].u.pref64.plc, 0);          /* /96 */
	CU_ASSERT_EQUAL(back.opts[9].type, NDP_OPT_CAPTIVE_PORTAL);
	CU_ASSERT_EQUAL(back.opts[9].u.captive_portal.uri.len, strlen(g_c.iface[0].captive_portal));

	/* RFC 4861 6.2.5 final RA: router lifetime 0; DeprecatePrefix,
	 * RemoveRoute and FlushDNSSL zero their lifetimes, FlushRDNSS off keeps it */
	CU_ASSERT_EQUAL_FATAL(ndpg_router_ra(&m, "t", &g_c.iface[0], &link, true), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_encode(&m, icmp, sizeof(icmp), &len, true), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_parse(icmp, len, &back), 0);
	CU_ASSERT_EQUAL(back.h.ra.router_lifetime, 0);
	CU_ASSERT_EQUAL(back.opts[0].u.prefix.preferred, 0);
	CU_ASSERT_EQUAL(back.opts[0].u.prefix.valid, 7200);     /* two hours at most */
	CU_ASSERT_EQUAL(back.opts[1].u.prefix.valid, 86400);
	CU_ASSERT_EQUAL(back.opts[1].u.prefix.preferred, 14400);
	CU_ASSERT_EQUAL(back.opts[2].u.route.lifetime, 0);
	CU_ASSERT_EQUAL(back.opts[3].u.route.lifetime, 30);     /* RemoveRoute off */
	CU_ASSERT_EQUAL(back.opts[4].u.rdnss.lifetime, 77);
	CU_ASSERT_EQUAL(back.opts[5].u.dnssl.lifetime, 0);

	/* defaults: a source LLA with the link's MAC */
	CU_ASSERT_EQUAL_FATAL(parse("interface eth0 { AdvSendAdvert on; AdvHomeAgentInfo on; "
				    "AdvMobRtrSupportFlag on; HomeAgentPreference -3; };"), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_router_ra(&m, "t", &g_c.iface[0], &link, false), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_encode(&m, icmp, sizeof(icmp), &len, true), 0);
	CU_ASSERT_EQUAL_FATAL(ndp_msg_parse(icmp, len, &back), 0);
	CU_ASSERT_EQUAL_FATAL(back.n_opts, 2);
	CU_ASSERT_EQUAL(back.opts[0].type, NDP_OPT_SLLA);
	CU_ASSERT_EQUAL(memcmp(back.opts[0].u.lla.addr.data, fx_mac_dead, 6), 0);
	CU_ASSERT_EQUAL(back.opts[1].type, NDP_OPT_HA_INFO);
	CU_ASSERT_EQUAL(back.opts[1].u.ha_info.preference, -3);
	CU_ASSERT_EQUAL(back.opts[1].u.ha_info.lifetime, 1800);
	CU_ASSERT_EQUAL(back.opts[1].u.ha_info.reserved, 0x8000);
	ndpg_msg_free(&m);
}

/* radvconf_parse() sets what the counts cover and no more: into a struct
 * full of other bytes it gives what it gives into a zeroed one. */
static bool same_iface(const struct radvconf_iface *a, const struct radvconf_iface *b)
{
	bool same = !memcmp(a, b, offsetof(struct radvconf_iface, prefix)) &&
		    a->have_abro == b->have_abro &&
		    (!a->have_abro || !memcmp(&a->abro, &b->abro, sizeof(a->abro)));

	for (size_t i = 0; same && i < a->n_prefix; i++)
		same = !memcmp(&a->prefix[i], &b->prefix[i], sizeof(a->prefix[i]));
	for (size_t i = 0; same && i < a->n_route; i++)
		same = !memcmp(&a->route[i], &b->route[i], sizeof(a->route[i]));
	for (size_t i = 0; same && i < a->n_rdnss; i++)
		same = !memcmp(&a->rdnss[i], &b->rdnss[i], sizeof(a->rdnss[i]));
	for (size_t i = 0; same && i < a->n_dnssl; i++)
		same = !memcmp(&a->dnssl[i], &b->dnssl[i], sizeof(a->dnssl[i]));
	for (size_t i = 0; same && i < a->n_nat64; i++)
		same = !memcmp(&a->nat64[i], &b->nat64[i], sizeof(a->nat64[i]));
	return same;
}

static void test_reuse(void)
{
	static struct radvconf dirty;
	static const char *const texts[] = {
		RICH,
		"interface a { prefix 2001:db8::/64 { }; RDNSS 2001:db8::53 { };\n"
		"DNSSL x.example { }; nat64prefix 64:ff9b::/96 { }; route ::/0 { };\n"
		"abro 2001:db8::1 { }; };\ninterface b { };\n",
	};

	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		memset(&g_c, 0, sizeof(g_c));
		memset(&dirty, 0xa5, sizeof(dirty));
		CU_ASSERT_EQUAL_FATAL(parse(texts[t]), 0);
		CU_ASSERT_EQUAL_FATAL(radvconf_parse(texts[t], strlen(texts[t]), "r.conf", &dirty),
				      0);
		CU_ASSERT_EQUAL_FATAL(dirty.n_ifaces, g_c.n_ifaces);
		CU_ASSERT_EQUAL(dirty.n_notes, g_c.n_notes);
		CU_ASSERT_STRING_EQUAL(dirty.err, "");
		for (size_t i = 0; i < g_c.n_ifaces; i++)
			CU_ASSERT(same_iface(&dirty.iface[i], &g_c.iface[i]));
	}
	/* a refused file after a taken one: the error, nothing of the first */
	CU_ASSERT_EQUAL(radvconf_parse("interface", 9, "r.conf", &dirty), -EINVAL);
	CU_ASSERT_EQUAL(dirty.n_ifaces, 0);
	CU_ASSERT_EQUAL(strncmp(dirty.err, "r.conf:1: ", 10), 0);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "every directive into its field", test_rich },
		{ "radvd's defaults", test_defaults },
		{ "reads only len octets", test_length_bound },
		{ "ignored directives noted with file:line", test_notes },
		{ "errors: FILE:LINE: and the reason", test_errors },
		{ "RA from an interface block, final RA", test_ra },
		{ "a parse sets what its counts cover, whatever was there", test_reuse },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("radvd.conf", tests))
		return 1;
	return fx_run();
}
