/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Extcap interface sockgen-ndp: a seeded stream of synthetic IPv6 Neighbor
 * Discovery messages (RFC 4861) in Ethernet frames, built the way
 * `sockgen ndp --script` builds each line (same parser, codec, manifest). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_out.h"
#include "extcap.h"
#include "manifest.h"
#include "ndpg.h"
#include "ndp_script.h"
#include "sockgen.h"

#define LINE_CAP 4096
#define MAX_WORDS 512

/* The RFC 4861 messages; "all" picks among them with the seed. */
static const char *const mix_verbs[] = { "rs", "ra", "ns", "na", "redirect" };
#define N_MIX (sizeof(mix_verbs) / sizeof(mix_verbs[0]))

static const struct {
	const char *name, *display;
} mixes[] = {
	{ "all", "All RFC 4861 messages, in seeded random order" },
	{ "rs", "Router Solicitation" },
	{ "ra", "Router Advertisement" },
	{ "ns", "Neighbor Solicitation" },
	{ "na", "Neighbor Advertisement" },
	{ "redirect", "Redirect" },
};

enum preset { P_MINIMAL, P_TYPICAL, P_RICH, P_INVALID };
static const struct {
	const char *name, *display;
} presets[] = {
	[P_MINIMAL] = { "minimal", "Minimal: link-layer address options only" },
	[P_TYPICAL] = { "typical", "Typical: prefix, MTU and RDNSS in RAs, solicited NAs" },
	[P_RICH] = { "rich", "Rich: routes, DNSSL, NAT64 prefix, captive portal, nonces, "
		      "redirected header, router NAs" },
	[P_INVALID] = { "invalid", "Invalid: one RFC 4861 violation in every message "
			"(for the expert checks)" },
};

struct ndp_gen {
	enum preset preset;
	int verb;                       /* index into mix_verbs, -1 = all */
	const char *extra;
	uint64_t rng;
	struct ndpg_msg *m;
	struct ndpg_link link;
	size_t icmp_off, len;
	uint8_t frame[NDPG_FRAME_CAP];
};

/* splitmix64: a seed gives the same stream on every machine. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* One message as a sockgen ndp script line, on a link of one router
 * (fe80::1, 02:00:00:00:00:01: --pcap's defaults) and hosts: host n
 * (2..0xfffe) is 02:00:00:00:hh:ll with the EUI-64 link-local address
 * fe80::ff:fe00:n, so unicast MACs follow from the addresses. a is the
 * sender or asker, b (never a) the other host. Valid as RFC 4861 and 4862
 * say unless the preset is "invalid": RS and NS from hosts (an NS from ::
 * is a DAD probe, without a link-layer address), RA and Redirect from the
 * router's link-local address, solicited NAs (S) unicast to the asker,
 * unsolicited NAs (no S) to all nodes, hop limit 255 throughout. */
#define HOST "fe80::ff:fe00:%x"
#define HOST_MAC "02:00:00:00:%02x:%02x"

static int line_rs(char *buf, size_t cap, enum preset p, unsigned a)
{
	return snprintf(buf, cap, "rs --src " HOST " --src-mac " HOST_MAC "%s", a, a >> 8, a & 0xff,
			p == P_RICH ? " --nonce 0102030405a6" :
			p == P_INVALID ? " --hop-limit 64" : "");   /* RFC 4861 6.1.1 */
}

static int line_ra(char *buf, size_t cap, enum preset p, unsigned a, unsigned b)
{
	int n = snprintf(buf, cap, "ra");

	if (p >= P_TYPICAL)
		n += snprintf(buf + n, cap - (size_t)n,
			      " --prefix 2001:db8:%x::/64,L,A --mtu 1500 --rdnss 2001:db8::53", a);
	if (p == P_RICH)
		n += snprintf(buf + n, cap - (size_t)n,
			      " --flags M,O --prf high --router-lifetime %u"
			      " --route 2001:db8:%x::/48,prf=low,lifetime=3600"
			      " --dnssl example.com,example.net,lifetime=600"
			      " --pref64 64:ff9b::/96,lifetime=600"
			      " --captive-portal https://portal.example/"
			      " --adv-interval 600000", 600 + b % 1200, b);
	if (p == P_INVALID)     /* RFC 4861 6.1.2: from a link-local address */
		n += snprintf(buf + n, cap - (size_t)n, " --src 2001:db8::1");
	return n;
}

static int line_ns(char *buf, size_t cap, enum preset p, unsigned a, unsigned b)
{
	const char *nonce = p == P_RICH ? " --nonce 0a0b0c0d0e0f" : "";

	if (p == P_INVALID)     /* RFC 4861 7.1.1: the target is never multicast */
		return snprintf(buf, cap, "ns --src " HOST " --src-mac " HOST_MAC " --target ff02::1",
				a, a >> 8, a & 0xff);
	/* one in four: a DAD probe for b's address (RFC 4862 5.4.2) */
	if (b % 4 == 0)
		return snprintf(buf, cap, "ns --src :: --src-mac " HOST_MAC " --target " HOST "%s",
				b >> 8, b & 0xff, b, nonce);
	return snprintf(buf, cap, "ns --src " HOST " --src-mac " HOST_MAC " --target " HOST "%s",
			a, a >> 8, a & 0xff, b, nonce);
}

static int line_na(char *buf, size_t cap, enum preset p, unsigned a, unsigned b)
{
	switch (p) {
	case P_MINIMAL:         /* unsolicited, to all nodes: no S */
		return snprintf(buf, cap, "na --src " HOST " --src-mac " HOST_MAC " --flags O",
				b, b >> 8, b & 0xff);
	case P_TYPICAL:         /* b answers a's NS */
		return snprintf(buf, cap, "na --src " HOST " --src-mac " HOST_MAC " --dst " HOST
				" --target " HOST " --flags S,O", b, b >> 8, b & 0xff, a, b);
	case P_RICH:            /* the router answers a */
		return snprintf(buf, cap, "na --dst " HOST " --target fe80::1 --flags R,S,O", a);
	case P_INVALID:         /* RFC 4861 7.2.4: S set, to a multicast group */
		return snprintf(buf, cap, "na --src " HOST " --src-mac " HOST_MAC " --flags S,O",
				b, b >> 8, b & 0xff);
	}
	return 0;
}

static int line_redirect(char *buf, size_t cap, enum preset p, unsigned a, unsigned b)
{
	int n = snprintf(buf, cap, "redirect --dst " HOST " --target " HOST
			 " --destination 2001:db8:%x::1", a, b, b);

	if (p == P_RICH)
		/* the packet that caused it: a's, to the destination (an IPv6
		 * header, version 6, next header 58, and 8 octets of it) */
		n += snprintf(buf + n, cap - (size_t)n,
			      " --redirected-header 6000000000083a40"
			      "fe80000000000000000000fffe00%04x"
			      "20010db8%04x00000000000000000001"
			      "8000000000010001", a, b);
	if (p == P_INVALID)     /* RFC 4861 8.1: from the router's link-local address */
		n += snprintf(buf + n, cap - (size_t)n, " --src 2001:db8::1");
	return n;
}

static void make_line(char *buf, size_t cap, const char *verb, enum preset p,
		      unsigned a, unsigned b, const char *extra)
{
	int n;

	if (!strcmp(verb, "rs"))
		n = line_rs(buf, cap, p, a);
	else if (!strcmp(verb, "ra"))
		n = line_ra(buf, cap, p, a, b);
	else if (!strcmp(verb, "ns"))
		n = line_ns(buf, cap, p, a, b);
	else if (!strcmp(verb, "na"))
		n = line_na(buf, cap, p, a, b);
	else
		n = line_redirect(buf, cap, p, a, b);
	if (extra && *extra && n > 0 && (size_t)n < cap)
		snprintf(buf + n, cap - (size_t)n, " %s", extra);
}

/* Parse and encode one message into g->frame. 0 or exit code 2 (message
 * printed, naming --extra, the only part a user wrote). */
static int build(struct ndp_gen *g, const char *verb)
{
	char line[LINE_CAP], *words[MAX_WORDS];
	const char *why = NULL;
	struct ndpg_run run = { 0 };
	/* two different hosts, 2..0xfffe (1 is the router) */
	unsigned a = (unsigned)(next_rand(&g->rng) % 0xfffd) + 2;
	unsigned b = (unsigned)(next_rand(&g->rng) % 0xfffc) + 2;

	if (b >= a)
		b++;
	int n, rc;

	make_line(line, sizeof(line), verb, g->preset, a, b, g->extra);
	n = ndpg_split_line(line, words, MAX_WORDS, &why);
	if (n <= 0)
		return sg_usage(EXTCAP_CTX, "--extra '%s': %s", g->extra ? g->extra : "",
				why ? why : "no message");
	if (ndpg_msg_init(g->m, ndpg_verb_find(words[0])) < 0)
		return sg_fail(EXTCAP_CTX, "%s", strerror(ENOMEM));
	snprintf(g->m->ctx, sizeof(g->m->ctx), EXTCAP_CTX ": sockgen-ndp %s%s%s%s", verb,
		 g->extra && *g->extra ? " with --extra '" : "", g->extra ? g->extra : "",
		 g->extra && *g->extra ? "'" : "");
	rc = ndpg_msg_args(g->m, &run, n, words, true);
	if (rc == -1)
		return sg_usage(g->m->ctx, "--help: not an ND message flag");
	if (rc)
		return rc;
	if (g->m->count || g->m->rate > 0 || g->m->interval_ms >= 0)
		return sg_usage(g->m->ctx, "--count/--rate/--interval: use the interface's "
				"Packet count and Rate options");
	if ((rc = ndpg_msg_finish(g->m, &g->link)))
		return rc;
	rc = ndpg_msg_frame(g->m, g->frame, sizeof(g->frame), &g->len, &g->icmp_off);
	if (rc < 0)
		return sg_usage(g->m->ctx, "cannot build the message: %s", strerror(-rc));
	return 0;
}

static int gen_init(struct ndp_gen *g, const struct ecap_opts *o)
{
	const char *mix = o->val[ECAP_OPT_MIX] ? o->val[ECAP_OPT_MIX] : "all";
	const char *preset = o->val[ECAP_OPT_OPTIONS] ? o->val[ECAP_OPT_OPTIONS] : "typical";
	size_t i;

	memset(g, 0, sizeof(*g));
	g->verb = -2;
	for (i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++)
		if (!strcmp(mix, mixes[i].name))
			g->verb = (int)i - 1;
	if (g->verb == -2)
		return sg_usage(EXTCAP_CTX, "--mix '%s': must be all, rs, ra, ns, na or redirect", mix);
	for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
		if (!strcmp(preset, presets[i].name))
			break;
	if (i == sizeof(presets) / sizeof(presets[0]))
		return sg_usage(EXTCAP_CTX, "--options '%s': must be minimal, typical, rich or invalid",
				preset);
	g->preset = (enum preset)i;
	g->extra = o->val[ECAP_OPT_EXTRA];
	g->rng = o->val[ECAP_OPT_SEED] ? o->seed : 1;
	/* --pcap alone's documented defaults: fe80::1, 02:00:00:00:00:01 */
	ndpg_parse_ipv6(NDPG_DEFAULT_SRC, g->link.ll);
	ndpg_parse_mac(NDPG_DEFAULT_MAC, g->link.mac);
	g->link.have_ll = true;
	g->m = calloc(1, sizeof(*g->m));
	if (!g->m)
		return sg_fail(EXTCAP_CTX, "%s", strerror(ENOMEM));
	return 0;
}

static void gen_free(struct ndp_gen *g)
{
	if (g->m)
		ndpg_msg_free(g->m);
	free(g->m);
	g->m = NULL;
}

static const char *pick(struct ndp_gen *g)
{
	return g->verb >= 0 ? mix_verbs[g->verb] : mix_verbs[next_rand(&g->rng) % N_MIX];
}

/* Every message kind of the mix builds, before the FIFO is opened. */
static int ndp_check(struct ecap_opts *o)
{
	struct ndp_gen *g = malloc(sizeof(*g));
	int rc;

	if (!g)
		return sg_fail(EXTCAP_CTX, "%s", strerror(ENOMEM));
	rc = gen_init(g, o);
	for (size_t i = 0; !rc && i < N_MIX; i++)
		if (g->verb < 0 || (size_t)g->verb == i)
			rc = build(g, mix_verbs[i]);
	gen_free(g);
	free(g);
	return rc;
}

static void ndp_manifest(struct manifest *mf, const void *arg)
{
	const struct ndp_gen *g = arg;

	ndpg_manifest(mf, g->m, g->frame + g->icmp_off, g->len - g->icmp_off);
}

static int ndp_run(struct ecap_sink *s, const struct ecap_opts *o)
{
	struct ndp_gen *g = malloc(sizeof(*g));
	int rc;

	if (!g)
		return sg_fail(EXTCAP_CTX, "%s", strerror(ENOMEM));
	rc = gen_init(g, o);
	while (!rc) {
		if ((rc = build(g, pick(g))))
			break;
		rc = ecap_sink_put(s, g->frame, g->len, ndp_manifest, g);
		if (rc > 0)
			rc = 0;
	}
	gen_free(g);
	free(g);
	return rc;
}

static void ndp_config(void)
{
	size_t i;

	printf("arg {number=0}{call=--mix}{display=Message mix}{type=selector}"
	       "{tooltip=Which ND messages to generate}{group=Traffic}\n");
	for (i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++)
		printf("value {arg=0}{value=%s}{display=%s}{default=%s}\n", mixes[i].name,
		       mixes[i].display, i == 0 ? "true" : "false");
	ecap_config_rate(1, "10");
	ecap_config_count(2, "Packet count", "Stop after this many packets; 0 runs until stopped");
	printf("arg {number=3}{call=--options}{display=Option set}{type=selector}"
	       "{tooltip=ND options carried by the messages}{group=Traffic}\n");
	for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
		printf("value {arg=3}{value=%s}{display=%s}{default=%s}\n", presets[i].name,
		       presets[i].display, i == P_TYPICAL ? "true" : "false");
	printf("arg {number=4}{call=--extra}{display=Extra sockgen ndp flags}{type=string}"
	       "{tooltip=Flags of sockgen ndp added to every message, e.g. --hop-limit 64 --mtu 9000}"
	       "{group=Traffic}\n");
	printf("arg {number=5}{call=--seed}{display=Seed}{type=unsigned}{default=1}"
	       "{range=0,4294967295}"
	       "{tooltip=The same seed gives the same messages (order and addresses)}"
	       "{group=Traffic}\n");
	ecap_config_manifest(6);
}

const struct ecap_iface ecap_ndp = {
	.name = "sockgen-ndp",
	.display = "sockgen: synthetic IPv6 Neighbor Discovery",
	.dlt = SG_LINKTYPE_ETHERNET,
	.dlt_name = "EN10MB",
	.dlt_display = "Ethernet",
	.def_rate = 10,
	.opts = {
		[ECAP_OPT_MIX] = true, [ECAP_OPT_OPTIONS] = true, [ECAP_OPT_EXTRA] = true,
		[ECAP_OPT_SEED] = true, [ECAP_OPT_RATE] = true, [ECAP_OPT_COUNT] = true,
		[ECAP_OPT_MANIFEST] = true,
	},
	.config = ndp_config,
	.check = ndp_check,
	.run = ndp_run,
};
