/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp router: what radvd does on one interface, from a radvd.conf.
 * RFC 4861 6.2.4: unsolicited RAs to all-nodes at uniformly random
 * intervals in [MinRtrAdvInterval, MaxRtrAdvInterval], the first
 * MAX_INITIAL_RTR_ADVERTISEMENTS no more than MAX_INITIAL_RTR_ADVERT_INTERVAL
 * apart; 6.2.6: an RS answered after a uniform 0..MAX_RA_DELAY_TIME delay,
 * to all-nodes at most once per MIN_DELAY_BETWEEN_RAS (MinDelayBetweenRAs)
 * or, as radvd does (AdvRASolicitedUnicast, UnicastOnly), to the
 * soliciting host; 6.2.5: a final RA with router lifetime 0 on SIGINT or
 * SIGTERM. Frames leave from the interface's link-local address and MAC
 * with hop limit 255 (link layer, libnet); copies go to --pcap and
 * --manifest. Parse (ndp_radvconf.c), set up and run apart; the timing
 * rules are ndp_ra_sched.c's. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "live_out.h"
#include "manifest.h"
#include "ndp_link.h"
#include "ndp_ra_sched.h"
#include "ndp_router.h"
#include "pcap_out.h"
#include "sockgen.h"

#define CTX "ndp router"
#define CONF_MAX_SIZE (1 << 20)
#define MAX_PENDING 16                  /* unicast answers waiting their delay */

struct pending {
	long long at;                   /* ms, ndpg_now_ms() clock */
	uint8_t dst[16], mac[6];
};

struct router {
	/* options */
	const char *ifname, *config, *pcap_path, *manifest_path;
	bool once, quiet, have_seed;
	uint64_t seed;
	/* set up */
	struct radvconf *conf;
	const struct radvconf_iface *f;
	struct netif ni;
	struct ndpg_link link;
	struct ndpg_msg *m;
	struct ndpg_rx rx;
	struct link_out *out;
	struct pcap_out *pcap;
	struct manifest *mf;
	/* run */
	struct ndpg_ra_sched sched;
	size_t n_pending;
	struct pending pending[MAX_PENDING];
	uint64_t sent, solicited;
};

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp router IF --config FILE [--once] [--pcap FILE] [--manifest FILE]\n"
		"                          [--seed N] [--quiet]\n"
		"Advertise on IF as radvd does (RFC 4861 6.2), from the \"interface IF\" block of a\n"
		"radvd.conf(5): unsolicited RAs at random intervals in [MinRtrAdvInterval,\n"
		"MaxRtrAdvInterval] (the first three at most 16 s apart), an answer to every\n"
		"Router Solicitation within 0.5 s (to the soliciting host, or to all-nodes at most\n"
		"once per MinDelayBetweenRAs with AdvRASolicitedUnicast off), and on SIGINT or\n"
		"SIGTERM a final RA with router lifetime 0, then exit 0. RAs leave from IF's\n"
		"link-local address and MAC with hop limit 255.\n"
		"  --config FILE    radvd.conf: header directives, prefix, route, RDNSS, DNSSL,\n"
		"                   nat64prefix, abro blocks, AdvCaptivePortalAPI (see sockgen(1))\n"
		"  --once           send one RA to all-nodes and exit\n"
		"  --pcap FILE      also write every RA sent as an Ethernet frame\n"
		"  --manifest FILE  also write every RA sent as JSON Lines (ndisc fields)\n"
		"  --seed N         seed of the random intervals and delays (default: the clock)\n"
		"  --quiet          no start and summary lines on stderr\n"
		"Examples:\n"
		"  sockgen ndp router eth0 --config /etc/radvd.conf\n"
		"  sockgen ndp router veth0 --config radvd.conf --once --pcap ra.pcap\n"
		"Exit: 0 stopped by a signal (or --once), 1 runtime failure, 2 bad input\n"
		"(\"FILE:LINE: unknown directive 'X'\").\n");
}

/* Parse argv: 0, -1 after --help, or the exit code. */
static int router_args(struct router *rt, int argc, char **argv)
{
	enum { O_CONFIG = 256, O_ONCE, O_PCAP, O_MANIFEST, O_SEED, O_QUIET, O_HELP };
	static const struct option opts[] = {
		{ "config", required_argument, NULL, O_CONFIG },
		{ "once", no_argument, NULL, O_ONCE },
		{ "pcap", required_argument, NULL, O_PCAP },
		{ "manifest", required_argument, NULL, O_MANIFEST },
		{ "seed", required_argument, NULL, O_SEED },
		{ "quiet", no_argument, NULL, O_QUIET },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case O_CONFIG: rt->config = optarg; break;
		case O_ONCE: rt->once = true; break;
		case O_PCAP: rt->pcap_path = optarg; break;
		case O_MANIFEST: rt->manifest_path = optarg; break;
		case O_QUIET: rt->quiet = true; break;
		case O_SEED:
			if (ndpg_parse_uint(optarg, UINT64_MAX, &rt->seed))
				return sg_usage(CTX, "--seed '%s': not a number", optarg);
			rt->have_seed = true;
			break;
		case 'h': case O_HELP: usage(stdout); return -1;
		case ':': return sg_usage(CTX, "%s: missing argument", argv[optind - 1]);
		default:
			return sg_usage(CTX, "unknown option '%s' (see sockgen ndp router --help)",
					argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return sg_usage(CTX, "give the interface (sockgen ndp router IF --config FILE)");
	if (optind < argc - 1)
		return sg_usage(CTX, "unexpected argument '%s'", argv[optind + 1]);
	rt->ifname = argv[optind];
	if (!rt->config)
		return sg_usage(CTX, "--config FILE is required (a radvd.conf)");
	if ((rt->pcap_path && (c = sg_check_out_path(CTX, "pcap", rt->pcap_path))) ||
	    (rt->manifest_path && (c = sg_check_out_path(CTX, "manifest", rt->manifest_path))))
		return c;
	return 0;
}

/* Read and parse the configuration; pick IF's block. 0 or the exit code. */
static int router_config(struct router *rt)
{
	FILE *fp = fopen(rt->config, "r");
	char *text;
	size_t n;
	int rc = 0;

	if (!fp)
		return sg_usage(CTX, "--config '%s': %s", rt->config, strerror(errno));
	text = malloc(CONF_MAX_SIZE + 1);
	rt->conf = malloc(sizeof(*rt->conf));
	if (!text || !rt->conf) {
		fclose(fp);
		free(text);
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	}
	n = fread(text, 1, CONF_MAX_SIZE + 1, fp);
	if (ferror(fp))
		rc = sg_usage(CTX, "--config '%s': %s", rt->config, strerror(errno));
	else if (n > CONF_MAX_SIZE)
		rc = sg_usage(CTX, "--config '%s': larger than %d octets", rt->config, CONF_MAX_SIZE);
	else if (radvconf_parse(text, n, rt->config, rt->conf) < 0)
		rc = sg_usage(CTX, "%s", rt->conf->err);
	else if (!(rt->f = radvconf_find(rt->conf, rt->ifname)))
		rc = sg_usage(CTX, "%s: no \"interface %s\" block", rt->config, rt->ifname);
	else if (!rt->f->send_advert)
		rc = sg_usage(CTX, "%s:%u: interface %s: AdvSendAdvert is off: nothing to send",
			      rt->config, rt->f->line, rt->ifname);
	fclose(fp);
	free(text);
	for (size_t i = 0; !rc && i < rt->conf->n_notes; i++)
		sg_warn(CTX, "%s", rt->conf->notes[i]);
	return rc;
}

/* Interface, sockets and outputs. 0 or the exit code. */
static int router_setup(struct router *rt)
{
	char err[256];
	int e;

	if ((e = netif_get(rt->ifname, &rt->ni)) < 0)
		return sg_fail(CTX, "%s: %s", rt->ifname,
			       e == -ENODEV ? "no such interface" : strerror(-e));
	if (!rt->ni.have_ll)
		return sg_fail(CTX, "%s has no link-local address (RFC 4861 6.1.2: RAs "
			       "leave from one)", rt->ifname);
	memcpy(rt->link.mac, rt->ni.mac, 6);
	memcpy(rt->link.ll, rt->ni.ll, 16);
	rt->link.have_ll = true;
	if (!(rt->m = calloc(1, sizeof(*rt->m))))
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	if ((e = ndpg_router_ra(rt->m, CTX, rt->f, &rt->link, false)))
		return e;
	if (!rt->once && ndpg_rx_open(&rt->rx, rt->ni.index, err, sizeof(err)) < 0)
		return sg_fail(CTX, "%s: %s", rt->ifname, err);
	if (!(rt->out = link_out_open(rt->ifname, &e, err, sizeof(err))))
		return sg_fail(CTX, "%s: %s", rt->ifname, err);
	if (rt->pcap_path &&
	    !(rt->pcap = pcap_out_open(rt->pcap_path, SG_LINKTYPE_ETHERNET, err, sizeof(err))))
		return sg_fail(CTX, "--pcap '%s': %s", rt->pcap_path, err);
	if (rt->manifest_path) {
		if (!(rt->mf = manifest_open(rt->manifest_path)))
			return sg_fail(CTX, "--manifest '%s': %s", rt->manifest_path, strerror(errno));
		manifest_set_compact(rt->mf, true);
	}
	return 0;
}

/* Send the message in rt->m to dst/mac, with its copies. 0 or the exit code. */
static int send_ra(struct router *rt, const uint8_t dst[16], const uint8_t mac[6])
{
	uint8_t frame[NDPG_FRAME_CAP];
	size_t len, off;
	int r;

	memcpy(rt->m->dst, dst, 16);
	memcpy(rt->m->dst_mac, mac, 6);
	if ((r = ndpg_msg_frame(rt->m, frame, sizeof(frame), &len, &off)) < 0)
		return sg_usage(CTX, "interface %s: cannot build the RA: %s", rt->ifname,
				strerror(-r));
	if ((r = link_out_send(rt->out, frame, len)) < 0)
		return sg_fail(CTX, "%s: send: %s", rt->ifname, strerror(-r));
	if (rt->pcap && (r = pcap_out_write(rt->pcap, NULL, frame, len)) < 0)
		return sg_fail(CTX, "--pcap '%s': %s", rt->pcap_path, strerror(-r));
	if (rt->pcap)
		pcap_out_flush(rt->pcap);
	if (rt->mf)
		ndpg_manifest(rt->mf, rt->m, frame + off, len - off);
	rt->sent++;
	return 0;
}

static int send_mcast(struct router *rt)
{
	static const uint8_t all_nodes[16] = { 0xff, 2, [15] = 1 };
	uint8_t mac[6];

	frame_mcast_mac(all_nodes, mac);
	return send_ra(rt, all_nodes, mac);
}

/* The unicast answer's link-layer address: the RS's source LLA option
 * (RFC 4861 6.2.6), else the frame's source. */
static void answer_mac(const struct ndp_msg *msg, const struct ndpg_pkt *pk, uint8_t mac[6])
{
	memcpy(mac, pk->src_mac, 6);
	for (size_t i = 0; i < msg->n_opts; i++)
		if (msg->opts[i].type == NDP_OPT_SLLA && !msg->opts[i].err &&
		    msg->opts[i].u.lla.addr.len == 6)
			memcpy(mac, msg->opts[i].u.lla.addr.data, 6);
}

/* A valid RS came in: schedule its answer (RFC 4861 6.2.6). */
static void on_rs(struct router *rt, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	struct pending *p = &rt->pending[rt->n_pending];
	int64_t at;

	switch (ndpg_ra_sched_rs(&rt->sched, ndpg_now_ms(), ndpg_is_unspec(pk->src), &at)) {
	case NDPG_RS_UNICAST:
		if (rt->n_pending == MAX_PENDING)
			return;                 /* a flood: the rest wait for the next RA */
		p->at = at;
		memcpy(p->dst, pk->src, 16);
		answer_mac(msg, pk, p->mac);
		rt->n_pending++;
		rt->solicited++;
		return;
	case NDPG_RS_MULTICAST:
		rt->solicited++;
		return;
	default:
		return;
	}
}

/* Send whatever is due at now. 0 or the exit code. */
static int send_due(struct router *rt, long long now)
{
	int r;

	if (ndpg_ra_sched_mcast_due(&rt->sched, now)) {
		if ((r = send_mcast(rt)))
			return r;
		ndpg_ra_sched_mcast_sent(&rt->sched, now);
	}
	for (size_t i = 0; i < rt->n_pending; ) {
		if (rt->pending[i].at > now) {
			i++;
			continue;
		}
		if ((r = send_ra(rt, rt->pending[i].dst, rt->pending[i].mac)))
			return r;
		rt->pending[i] = rt->pending[--rt->n_pending];
	}
	return 0;
}

static long long next_due(const struct router *rt)
{
	long long due = rt->sched.next_unsol;

	if (rt->sched.next_mcast >= 0 && rt->sched.next_mcast < due)
		due = rt->sched.next_mcast;
	for (size_t i = 0; i < rt->n_pending; i++)
		if (rt->pending[i].at < due)
			due = rt->pending[i].at;
	return due;
}

/* Advertise until a signal; then the final RA. 0 or the exit code. */
static int router_loop(struct router *rt)
{
	uint8_t buf[NDP_MSG_MAX_LEN + FRAME_HDR_LEN];
	struct ndp_msg *msg = malloc(sizeof(*msg));
	int r = 0;

	if (!msg)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	rt->sched = (struct ndpg_ra_sched){
		.min_ms = (int64_t)(rt->f->min_interval * 1000),
		.max_ms = (int64_t)(rt->f->max_interval * 1000),
		.min_delay_ms = (int64_t)(rt->f->min_delay * 1000),
		.unicast_only = rt->f->unicast_only,
		.solicited_unicast = rt->f->solicited_unicast,
	};
	ndpg_ra_sched_init(&rt->sched, rt->have_seed ? rt->seed :
			   (uint64_t)time(NULL) << 20 ^ (uint64_t)getpid(), ndpg_now_ms());
	while (!g_stop && !r) {
		long long now = ndpg_now_ms(), wait;
		struct ndpg_pkt pk;
		int got;

		if ((r = send_due(rt, now)))
			break;
		/* a signal between the check and the wait is seen within 250 ms */
		wait = next_due(rt) - ndpg_now_ms();
		wait = wait < 0 ? 0 : wait > 250 ? 250 : wait;
		got = ndpg_rx_recv(&rt->rx, buf, sizeof(buf), (int)wait, &pk);
		if (got < 0)
			r = sg_fail(CTX, "%s: receive: %s", rt->ifname, strerror(-got));
		if (got <= 0)
			continue;
		memset(msg, 0, sizeof(*msg));
		got = ndp_msg_parse(pk.icmp, pk.len, msg);
		if (msg->type == NDP_RS && !ndpg_nd_invalid(msg, got, &pk))
			on_rs(rt, msg, &pk);
	}
	free(msg);
	if (r || rt->f->unicast_only || !rt->sent)
		return r;
	/* RFC 4861 6.2.5: leaving, with router lifetime 0 */
	if ((r = ndpg_router_ra(rt->m, CTX, rt->f, &rt->link, true)))
		return r;
	return send_mcast(rt);
}

static void handle_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);       /* no SA_RESTART: the wait ends */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Close the outputs; a failed run leaves no copy behind. */
static int router_close(struct router *rt, int rc)
{
	int e;

	if (rt->pcap) {
		if (rc)
			pcap_out_discard(rt->pcap);
		else if ((e = pcap_out_close(rt->pcap)) < 0)
			rc = sg_fail(CTX, "--pcap '%s': %s", rt->pcap_path, strerror(-e));
	}
	if (rt->mf) {
		if (rc)
			manifest_discard(rt->mf);
		else if ((e = manifest_close(rt->mf)) < 0)
			rc = sg_fail(CTX, "--manifest '%s': %s", rt->manifest_path, strerror(-e));
	}
	ndpg_rx_close(&rt->rx);
	link_out_close(rt->out);
	if (rt->m)
		ndpg_msg_free(rt->m);
	free(rt->m);
	free(rt->conf);
	return rc;
}

int cmd_ndp_router(int argc, char **argv)
{
	struct router rt = { .rx.fd = -1 };
	char ll[NDP_IP6_TEXT_LEN];
	int rc;

	if ((rc = router_args(&rt, argc, argv)))
		return rc < 0 ? 0 : rc;
	handle_signals();
	if (!(rc = router_config(&rt)) && !(rc = router_setup(&rt))) {
		ndp_ip6_text(rt.link.ll, ll);
		if (!rt.quiet && !rt.once)
			fprintf(stderr, "sockgen: " CTX ": advertising on %s from %s every %g..%g s\n",
				rt.ifname, ll, rt.f->min_interval, rt.f->max_interval);
		rc = rt.once ? send_mcast(&rt) : router_loop(&rt);
		if (!rc && !rt.quiet)
			fprintf(stderr, "sockgen: " CTX ": %s: %llu RAs sent, %llu solicitations "
				"answered\n", rt.ifname, (unsigned long long)rt.sent,
				(unsigned long long)rt.solicited);
	}
	return router_close(&rt, rc);
}
