/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp resolve: what ndisc6 does. A Neighbor Solicitation to the
 * target's solicited-node group (RFC 4861 7.2.2) with retries, and the
 * link-layer address of the Neighbor Advertisement that answers (7.2.5).
 * --dad probes whether the address is in use instead (RFC 4862 5.4): from
 * ::, without a source link-layer address, with a Nonce option (RFC 7527
 * 4.1) so that a probe of our own coming back is told from another's. */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "frame.h"
#include "ndp_probe.h"
#include "ndp_show.h"
#include "sockgen.h"

#define CTX "ndp resolve"
#define NONCE_LEN 6                     /* RFC 7527 4.1: one 8-octet option */
#define MAX_PROBES 100

struct resolve {
	uint8_t target[16];
	bool dad;
	uint8_t nonce[MAX_PROBES][NONCE_LEN];
	unsigned n_nonces;
	uint8_t who[6];                 /* the last answer's link-layer address */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp resolve IF ADDR [--dad] [-r N] [-w MS] [-1 | -m] [-s ADDR]\n"
		"                           [--json]\n"
		"Send a Neighbor Solicitation for ADDR to its solicited-node group on IF (as\n"
		"ndisc6 does) and print the Neighbor Advertisement that answers: its flags\n"
		"(router, solicited, override) and the target's link-layer address.\n"
		"  --dad            probe whether ADDR is in use (RFC 4862 duplicate address\n"
		"                   detection: NS from :: with a nonce, RFC 7527) and say who\n"
		"                   answered; exit 0 when ADDR is in use, 1 when it is free\n"
		"  -r, --retries N  send at most N solicitations (default 3)\n"
		"  -w, --wait MS    wait MS milliseconds after each (default 1000)\n"
		"  -1, --single     exit after the first answer\n"
		"  -m, --multiple   wait out every try, printing every answer\n"
		"  -s, --src ADDR   IPv6 source (default: IF's address of ADDR's scope)\n"
		"  --json           JSON Lines keyed by ndisc display-filter fields\n"
		"Examples:\n"
		"  sockgen ndp resolve eth0 fe80::1\n"
		"  sockgen ndp resolve veth0 2001:db8::1 --retries 1 --wait 500 --json\n"
		"  sockgen ndp resolve veth0 2001:db8::7 --dad\n"
		"Exit: 0 answered (with --dad: the address is in use), 1 no answer (with\n"
		"--dad: the address is free) or a runtime failure, 2 bad input.\n");
}

/* Source address selection, simplified from RFC 6724: the link-local one
 * for a link-local target, else the first of another scope. */
static const uint8_t *pick_src(const struct ndpg_probe *p, const uint8_t target[16])
{
	if (p->have_src)
		return p->src;
	if (!ndpg_is_ll(target))
		for (size_t i = 0; i < p->ni.n_addrs; i++)
			if (!ndpg_is_ll(p->ni.addrs[i]))
				return p->ni.addrs[i];
	return p->ni.have_ll ? p->ni.ll : NULL;
}

static int ns_line(struct ndpg_probe *p, unsigned n, char *line, size_t cap)
{
	struct resolve *r = p->data;
	char t[NDP_IP6_TEXT_LEN], s[NDP_IP6_TEXT_LEN], hex[2 * NONCE_LEN + 1];
	const uint8_t *src = pick_src(p, r->target);

	ndp_ip6_text(r->target, t);
	if (!r->dad) {
		if (!src)
			return sg_fail(p->ctx, "%s has no IPv6 address: give --src", p->ifname);
		ndp_ip6_text(src, s);
		snprintf(line, cap, "ns --src %s --target %s", s, t);
		return 0;
	}
	if (getrandom(r->nonce[n], NONCE_LEN, 0) != NONCE_LEN)
		return sg_fail(p->ctx, "no random octets for the nonce");
	r->n_nonces = n + 1;
	for (size_t i = 0; i < NONCE_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", r->nonce[n][i]);
	snprintf(line, cap, "ns --src :: --target %s --nonce %s", t, hex);
	return 0;
}

static bool our_nonce(const struct resolve *r, const struct ndp_msg *msg)
{
	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_opt *o = &msg->opts[i];

		if (o->type != NDP_OPT_NONCE || o->err || o->u.nonce.nonce.len != NONCE_LEN)
			continue;
		for (unsigned k = 0; k < r->n_nonces; k++)
			if (!memcmp(o->u.nonce.nonce.data, r->nonce[k], NONCE_LEN))
				return true;
	}
	return false;
}

/* An NA for the target; with --dad also another node's probe for it
 * (RFC 4862 5.4.3), which our own, looped back, is not (RFC 7527 4.2). */
static bool answers(struct ndpg_probe *p, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	struct resolve *r = p->data;

	if (msg->type == NDP_NA)
		return !memcmp(msg->h.na.target, r->target, 16);
	return r->dad && msg->type == NDP_NS && ndpg_is_unspec(pk->src) &&
	       !memcmp(msg->h.ns.target, r->target, 16) && !our_nonce(r, msg);
}

/* The link-layer address of an answer: its TLLA, else the frame's. */
static void who(struct resolve *r, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	memcpy(r->who, pk->src_mac, 6);
	for (size_t i = 0; i < msg->n_opts; i++)
		if (msg->opts[i].type == NDP_OPT_TLLA && !msg->opts[i].err &&
		    msg->opts[i].u.lla.addr.len == 6)
			memcpy(r->who, msg->opts[i].u.lla.addr.data, 6);
}

static void show(struct ndpg_probe *p, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	struct resolve *r = p->data;
	char s[NDP_IP6_TEXT_LEN], d[NDP_IP6_TEXT_LEN];
	const uint8_t *m = pk->src_mac;

	ndp_ip6_text(pk->src, s);
	ndp_ip6_text(pk->dst, d);
	who(r, msg, pk);
	if (msg->type == NDP_NS) {
		printf("Another node probes for it too (DAD, RFC 4862 5.4.3)\n");
	} else {
		ndpg_show_na(stdout, &msg->h.na);
		ndpg_show_opts(stdout, 0, msg);
	}
	printf("%-26s: %02X:%02X:%02X:%02X:%02X:%02X\n", "Ethernet source",
	       m[0], m[1], m[2], m[3], m[4], m[5]);
	printf(" from %s to %s\n", s, d);
}

static void begin(struct ndpg_probe *p)
{
	struct resolve *r = p->data;
	char t[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(r->target, t);
	if (!p->json)
		printf("%s %s (%s) on %s...\n", r->dad ? "Probing" : "Soliciting", t,
		       r->dad ? "duplicate address detection" : t, p->ifname);
}

static int dad_opt(struct ndpg_probe *p, int c, const char *arg)
{
	(void)arg;
	if (c != 'D')
		return 1;
	((struct resolve *)p->data)->dad = true;
	return 0;
}

/* Parse: 0, -1 after --help, or the exit code. */
static int resolve_args(struct ndpg_probe *p, struct resolve *r, int argc, char **argv)
{
	static const struct option opts[] = {
		NDPG_PROBE_LONG, { "dad", no_argument, NULL, 'D' }, { NULL, 0, NULL, 0 },
	};
	int rc = ndpg_probe_args(p, argc, argv, opts, usage, dad_opt);

	if (rc)
		return rc;
	if (r->dad && p->have_src)
		return sg_usage(CTX, "--src with --dad: a probe leaves from :: (RFC 4862 5.4.2)");
	if (argc - optind != 2)
		return sg_usage(CTX, argc - optind < 2 ? "give the interface and the address "
				"(sockgen ndp resolve IF ADDR)" : "unexpected argument '%s'",
				argv[argc - 1]);
	p->ifname = argv[optind];
	if (ndpg_parse_ipv6(argv[optind + 1], r->target) || frame_is_mcast(r->target) ||
	    ndpg_is_unspec(r->target))
		return sg_usage(CTX, "'%s': not a unicast IPv6 address", argv[optind + 1]);
	p->link_layer = r->dad;         /* a raw socket cannot send from :: */
	return 0;
}

int cmd_ndp_resolve(int argc, char **argv)
{
	struct resolve r = { .dad = false };
	struct ndpg_probe p = { .line = ns_line, .answers = answers, .show = show,
				.begin = begin, .data = &r };
	char t[NDP_IP6_TEXT_LEN];
	int rc;

	ndpg_probe_init(&p, CTX);
	if ((rc = resolve_args(&p, &r, argc, argv)))
		return rc < 0 ? 0 : rc;
	if ((rc = ndpg_probe_run(&p)))
		return rc;
	ndp_ip6_text(r.target, t);
	if (!p.got)
		return sg_fail(CTX, "%s: %s: no answer after %llu tries of %llu ms%s", p.ifname, t,
			       (unsigned long long)p.retries, (unsigned long long)p.wait_ms,
			       r.dad ? ": not in use" : "");
	if (r.dad && !p.json)
		printf("%s is in use (answered by %02x:%02x:%02x:%02x:%02x:%02x)\n", t,
		       r.who[0], r.who[1], r.who[2], r.who[3], r.who[4], r.who[5]);
	return 0;
}
