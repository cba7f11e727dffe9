/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp listen: an NDP endpoint on one link. It receives every ND
 * message of the link on a packet socket (ndp_link.c: DAD probes and NS to
 * any solicited-node group too), drops what RFC 4861 6.1.1, 6.1.2, 7.1.1,
 * 7.1.2 and 8.1 say to drop, prints each message decoded by the codec (text
 * with every option value, JSON Lines, or an RA as a radvd.conf block), and
 * with --respond answers NS for its addresses as a Linux host does (7.2.4)
 * and RS with an RA (6.2.6) on a raw ICMPv6 socket. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "manifest.h"
#include "live_out.h"
#include "ndpg.h"
#include "ndp_link.h"
#include "ndp_radvd.h"
#include "ndp_script.h"
#include "ndp_show.h"
#include "netif.h"
#include "sockgen.h"


#define CTX "ndp listen"
#define MAX_EXTRA 16

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

enum format { FMT_TEXT, FMT_JSON, FMT_RADVD };

struct listener {
	const char *ifname;
	struct netif ni;
	struct ndpg_rx rx;
	enum format format;
	bool json_given, respond, router;
	struct manifest *mf;
	struct raw_out *out;
	const char *ra_spec;            /* script-line syntax of the RA answer */
	size_t n_extra;
	uint8_t extra[MAX_EXTRA][16];   /* --addr: more addresses to answer for */
	struct ndpg_msg *m;             /* scratch: decoded message / answer */
	uint64_t count, timeout;        /* --count, --timeout; 0: none */
	uint64_t seen, answered;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp listen IF [--json | --format text|json|radvd] [--respond]\n"
		"                          [--addr ADDR]... [--router] [--ra 'SPEC']\n"
		"                          [--count N] [--timeout S]\n"
		"       sockgen ndp listen IF --watch [--json] [--count N] [--timeout S] ...\n"
		"Receive every Neighbor Discovery message on IF (a packet socket: DAD probes\n"
		"and NS to any solicited-node group are seen too), drop what RFC 4861 says to\n"
		"drop (hop limit not 255, code not 0, bad lengths, bad checksum, ...), and\n"
		"print each message with every option and all its values.\n"
		"  --json         JSON Lines keyed by ndisc display-filter fields\n"
		"  --format F     text (default), json (= --json) or radvd: each RA as a\n"
		"                 radvd.conf 'interface IF { ... };' block\n"
		"  --respond      answer NS for IF's addresses with NA as Linux does (S and O\n"
		"                 flags and the target link-layer address for a multicast NS,\n"
		"                 S alone for a unicast one), and RS with an RA\n"
		"  --addr ADDR    also answer NS for ADDR (an address the kernel does not own)\n"
		"  --router       set the R flag in NAs\n"
		"  --ra 'SPEC'    the RA sent in answer to RS, a sockgen ndp ra line\n"
		"                 (default: an RA with router lifetime 1800 and our SLLA)\n"
		"  --count N      exit after N accepted messages (--format radvd: N RAs)\n"
		"  --timeout S    exit after S seconds (default: run until SIGINT/SIGTERM)\n"
		"Examples:\n"
		"  sockgen ndp listen eth0\n"
		"  sockgen ndp listen eth0 --format radvd --count 1 > radvd.conf\n"
		"  sockgen ndp listen veth1 --json --respond --addr 2001:db8::99 \\\n"
		"      --ra 'ra --prefix 2001:db8::/64,L,A --mtu 1500'\n"
		"Exit: 0 (count/timeout/signal), 1 runtime failure, 2 bad input.\n");
	ndpg_watch_usage(f);
}

/* One summary line (addresses, header fields), then every option. */
static void print_text(const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	char s[NDP_IP6_TEXT_LEN], d[NDP_IP6_TEXT_LEN], t[NDP_IP6_TEXT_LEN];
	const char *name = ndp_msg_name(msg->type);

	ndp_ip6_text(pk->src, s);
	ndp_ip6_text(pk->dst, d);
	printf("%s from %s to %s hlim %d", name ? name : "?", s, d, pk->hlim);
	switch (msg->type) {
	case NDP_RA:
		printf(" cur_hop_limit %u flags %s%s%s%s prf %s router_lifetime %u reachable %u retrans %u",
		       msg->h.ra.cur_hop_limit, msg->h.ra.flag_m ? "M" : "-",
		       msg->h.ra.flag_o ? "O" : "-", msg->h.ra.flag_h ? "H" : "-",
		       msg->h.ra.flag_p ? "P" : "-", ndpg_prf_name(msg->h.ra.prf),
		       msg->h.ra.router_lifetime, msg->h.ra.reachable, msg->h.ra.retrans);
		break;
	case NDP_NS:
		ndp_ip6_text(msg->h.ns.target, t);
		printf(" target %s%s", t, ndpg_is_unspec(pk->src) ? " (DAD probe)" : "");
		break;
	case NDP_NA:
		ndp_ip6_text(msg->h.na.target, t);
		printf(" flags %s%s%s target %s", msg->h.na.flag_r ? "R" : "-",
		       msg->h.na.flag_s ? "S" : "-", msg->h.na.flag_o ? "O" : "-", t);
		break;
	case NDP_REDIRECT:
		ndp_ip6_text(msg->h.redirect.target, t);
		printf(" target %s", t);
		ndp_ip6_text(msg->h.redirect.destination, t);
		printf(" destination %s", t);
		break;
	default:
		break;
	}
	printf(" options");
	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_opt_desc *desc = ndp_opt_desc_get(msg->opts[i].type);

		printf(" %s(%u)%s", desc ? desc->stem : "type", msg->opts[i].type,
		       msg->opts[i].err ? "!" : "");
	}
	if (!msg->n_opts)
		printf(" none");
	printf("\n");
	ndpg_show_opts(stdout, 1, msg);
}

static bool own_addr(const struct listener *l, const uint8_t a[16])
{
	for (size_t i = 0; i < l->ni.n_addrs; i++)
		if (!memcmp(l->ni.addrs[i], a, 16))
			return true;
	for (size_t i = 0; i < l->n_extra; i++)
		if (!memcmp(l->extra[i], a, 16))
			return true;
	return false;
}

/* Build an answer from a script-style line and send it. */
static int answer(struct listener *l, const char *line)
{
	uint8_t icmp[NDP_MSG_MAX_LEN];
	size_t len;
	int r;

	if ((r = ndpg_line_msg(l->m, CTX ": answer", line, &l->ni)))
		return r;
	if ((r = ndpg_msg_encode(l->m, icmp, sizeof(icmp), &len, true)) < 0)
		return sg_fail(CTX, "answer: %s", strerror(-r));
	if ((r = raw_out_send(l->out, icmp, len, l->m->src, l->m->dst, l->m->hop_limit)) < 0)
		return sg_fail(CTX, "answer: send: %s", strerror(-r));
	l->answered++;
	return 0;
}

/* RFC 4861 7.2.4 the way Linux answers (net/ipv6/ndisc.c): from the
 * target; a DAD probe to all-nodes with O and no S; a multicast NS with S,
 * O and the target link-layer address; a unicast NS (reachability check)
 * with S alone and no option. R only for a router. */
static int answer_ns(struct listener *l, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	char line[600], s[NDP_IP6_TEXT_LEN], t[NDP_IP6_TEXT_LEN];
	const char *r = l->router ? "R," : "";

	ndp_ip6_text(msg->h.ns.target, t);
	ndp_ip6_text(pk->src, s);
	if (ndpg_is_unspec(pk->src))
		snprintf(line, sizeof(line), "na --src %s --dst ff02::1 --target %s --flags %sO",
			 t, t, r);
	else if (frame_is_mcast(pk->dst))
		snprintf(line, sizeof(line), "na --src %s --dst %s --target %s --flags %sS,O",
			 t, s, t, r);
	else
		snprintf(line, sizeof(line), "na --src %s --dst %s --target %s --flags %sS --no-tlla",
			 t, s, t, r);
	return answer(l, line);
}

static int respond(struct listener *l, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	char line[1600], s[NDP_IP6_TEXT_LEN];
	const char *spec;

	if (msg->type == NDP_NS && own_addr(l, msg->h.ns.target))
		return answer_ns(l, msg, pk);
	if (msg->type == NDP_RS) {
		/* RFC 4861 6.2.6: unicast to the solicitor is allowed. */
		spec = l->ra_spec ? l->ra_spec : "ra";
		if (ndpg_is_unspec(pk->src)) {
			snprintf(line, sizeof(line), "%s", spec);
		} else {
			ndp_ip6_text(pk->src, s);
			snprintf(line, sizeof(line), "%s --dst %s", spec, s);
		}
		return answer(l, line);
	}
	return 0;
}

static void print_drop(const struct listener *l, const struct ndpg_pkt *pk, const char *why)
{
	char s[NDP_IP6_TEXT_LEN];
	const char *name = ndp_msg_name(pk->icmp[0]);

	ndp_ip6_text(pk->src, s);
	if (l->format == FMT_JSON)
		printf("{\"drop\": \"%s\", \"ndisc.type\": \"%u\", \"ipv6.src\": \"%s\"}\n",
		       why, pk->icmp[0], s);
	else
		printf("%sdrop %s from %s: %s\n", l->format == FMT_RADVD ? "# " : "",
		       name ? name : "?", s, why);
}

static int handle(struct listener *l, const struct ndpg_pkt *pk)
{
	struct ndp_msg *msg = &l->m->msg;
	const char *why;
	int r;

	memset(msg, 0, sizeof(*msg));
	r = ndp_msg_parse(pk->icmp, pk->len, msg);
	if ((why = ndpg_nd_invalid(msg, r, pk))) {
		print_drop(l, pk, why);
		fflush(stdout);
		return 0;
	}
	if (l->format != FMT_RADVD || msg->type == NDP_RA)
		l->seen++;
	if (l->format == FMT_JSON) {
		memcpy(l->m->src, pk->src, 16);
		memcpy(l->m->dst, pk->dst, 16);
		l->m->hop_limit = pk->hlim;
		l->m->bad_checksum = false;
		ndpg_msg_spans_from_wire(l->m, pk->icmp);
		ndpg_manifest(l->mf, l->m, pk->icmp, pk->len);
	} else if (l->format == FMT_RADVD) {
		if (msg->type == NDP_RA)
			ndpg_radvd_conf(stdout, l->ifname, msg, pk->src);
	} else {
		print_text(msg, pk);
	}
	fflush(stdout);
	if (l->respond) {
		/* The answer reuses the scratch message: keep what we need. */
		struct ndp_msg *copy = malloc(sizeof(*copy));

		if (!copy)
			return sg_fail(CTX, "%s", strerror(ENOMEM));
		memcpy(copy, msg, sizeof(*copy));
		r = respond(l, copy, pk);
		free(copy);
		return r;
	}
	return 0;
}

static int set_format(struct listener *l, const char *arg)
{
	static const char *const names[] = { [FMT_TEXT] = "text", [FMT_JSON] = "json",
					     [FMT_RADVD] = "radvd" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(arg, names[i])) {
			l->format = (enum format)i;
			return 0;
		}
	return sg_usage(CTX, "--format '%s': must be text, json or radvd", arg);
}

/* Parse: 0, -1 after --help, or the exit code. */
static int listen_args(struct listener *l, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "respond", no_argument, NULL, 'r' },
		{ "router", no_argument, NULL, 'R' },
		{ "addr", required_argument, NULL, 'a' },
		{ "ra", required_argument, NULL, 'A' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 0;
	opterr = 0;
	/* no "+": the interface may come before the options */
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': l->json_given = true; break;
		case 'F':
			if ((rc = set_format(l, optarg)))
				return rc;
			break;
		case 'r': l->respond = true; break;
		case 'R': l->router = true; break;
		case 'a':
			if (l->n_extra == MAX_EXTRA)
				return sg_usage(CTX, "--addr '%s': at most %d", optarg, MAX_EXTRA);
			if (ndpg_parse_ipv6(optarg, l->extra[l->n_extra]))
				return sg_usage(CTX, "--addr '%s': not an IPv6 address", optarg);
			l->n_extra++;
			break;
		case 'A':
			if (strncmp(optarg, "ra", 2) || (optarg[2] && optarg[2] != ' '))
				return sg_usage(CTX, "--ra '%s': must start with 'ra'", optarg);
			l->ra_spec = optarg;
			break;
		case 'c':
			if (ndpg_parse_uint(optarg, UINT32_MAX, &l->count) || !l->count)
				return sg_usage(CTX, "--count '%s': must be 1..4294967295", optarg);
			break;
		case 't':
			if (ndpg_parse_uint(optarg, 86400 * 365, &l->timeout) || !l->timeout)
				return sg_usage(CTX, "--timeout '%s': must be a positive number of seconds",
						optarg);
			break;
		case 'h':
			usage(stdout);
			return -1;
		case ':':
			return sg_usage(CTX, "%s: missing argument", argv[optind - 1]);
		default:
			return sg_usage(CTX, "unknown option '%s' (see sockgen ndp listen --help)",
					argv[optind - 1]);
		}
	}
	if (l->json_given && l->format == FMT_RADVD)
		return sg_usage(CTX, "--json with --format radvd: give one of them");
	if (l->json_given)
		l->format = FMT_JSON;
	if (optind != argc - 1)
		return sg_usage(CTX, optind >= argc ? "give the interface (sockgen ndp listen IF)"
				: "unexpected argument '%s'", argv[optind < argc - 1 ? optind + 1 : 0]);
	l->ifname = argv[optind];
	return 0;
}

/* The RA answer's syntax, checked now rather than at the first RS. */
static int check_ra_spec(struct listener *l)
{
	char buf[2048], *words[256];
	const char *why;
	struct ndpg_run run = { 0 };
	int n, rc;

	snprintf(buf, sizeof(buf), "%s", l->ra_spec);
	n = ndpg_split_line(buf, words, 256, &why);
	if (n <= 0)
		return sg_usage(CTX, "--ra '%s': %s", l->ra_spec, why ? why : "empty");
	ndpg_msg_init(l->m, ndpg_verb_find("ra"));
	snprintf(l->m->ctx, sizeof(l->m->ctx), "ndp listen: --ra");
	if ((rc = ndpg_msg_args(l->m, &run, n, words, true)))
		return rc < 0 ? SG_EXIT_USAGE : rc;
	return 0;
}

/* Set up: the receiving socket, the answering socket, the JSON writer and
 * the signals. 0 or the exit code (l->m allocated either way). */
static int listen_setup(struct listener *l)
{
	struct sigaction sa;
	char err[256];
	int e, rc;

	if ((e = netif_get(l->ifname, &l->ni)) < 0)
		return sg_fail(CTX, "%s: %s", l->ifname,
			       e == -ENODEV ? "no such interface" : strerror(-e));
	if (!(l->m = calloc(1, sizeof(*l->m))) || ndpg_msg_init(l->m, NULL) < 0)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	if (l->respond && l->ra_spec && (rc = check_ra_spec(l)))
		return rc;
	if (ndpg_rx_open(&l->rx, l->ni.index, err, sizeof(err)) < 0)
		return sg_fail(CTX, "%s: %s", l->ifname, err);
	if (l->respond && !(l->out = raw_out_open(l->ifname, &e, err, sizeof(err))))
		return sg_fail(CTX, "%s: %s", l->ifname, err);
	if (l->out) {
		int zero = 0;

		/* our multicast answers are for the link, not this host */
		setsockopt(raw_out_fd(l->out), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero,
			   sizeof(zero));
	}
	if (l->format == FMT_JSON && !(l->mf = manifest_open("-")))
		return sg_fail(CTX, "stdout: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return 0;
}

/* Run: receive until --count, --timeout or a signal. 0 or the exit code. */
static int listen_run(struct listener *l)
{
	long long end = l->timeout ? ndpg_now_ms() + (long long)l->timeout * 1000 : 0;
	int rc = 0;

	fprintf(stderr, "sockgen: %s: listening on %s%s\n", CTX, l->ifname,
		l->respond ? " (answering NS and RS)" : "");
	/* After a signal, what is already queued is still read (no wait), so
	 * a sender's last messages are not lost. */
	for (bool draining = false; !l->count || l->seen < l->count; ) {
		uint8_t buf[NDP_MSG_MAX_LEN + FRAME_HDR_LEN];
		struct ndpg_pkt pk;
		int got;

		if (stop)
			draining = true;
		if (end && ndpg_now_ms() >= end)
			break;
		got = ndpg_rx_recv(&l->rx, buf, sizeof(buf), draining ? 0 : 500, &pk);
		if (got < 0) {
			rc = sg_fail(CTX, "%s: receive: %s", l->ifname, strerror(-got));
			break;
		}
		if (!got) {
			if (draining)
				break;
			continue;
		}
		if ((rc = handle(l, &pk)))
			break;
	}
	if (!rc)
		fprintf(stderr, "sockgen: %s: %llu messages, %llu answers\n", CTX,
			(unsigned long long)l->seen, (unsigned long long)l->answered);
	return rc;
}

int cmd_ndp_listen(int argc, char **argv)
{
	struct listener l = { .rx = { .fd = -1 } };
	int rc;

	if (ndpg_watch_wanted(argc, argv))
		return cmd_ndp_watch(argc, argv);
	rc = listen_args(&l, argc, argv);

	if (rc)
		return rc < 0 ? 0 : rc;
	rc = listen_setup(&l);
	if (!rc)
		rc = listen_run(&l);
	ndpg_rx_close(&l.rx);
	raw_out_close(l.out);
	if (l.mf)
		manifest_close(l.mf);
	if (l.m)
		ndpg_msg_free(l.m);
	free(l.m);
	return rc;
}
