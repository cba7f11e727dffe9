/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp listen: an NDP endpoint on a raw ICMPv6 socket. It filters to
 * the ND types (RFC 3542 3.2 ICMP6_FILTER), joins all-nodes, all-routers
 * and the solicited-node groups, reads hop limit and destination as
 * ancillary data (RFC 3542 6), drops what RFC 4861 6.1.1, 6.1.2, 7.1.1,
 * 7.1.2 and 8.1 say to drop, prints each message decoded by the codec, and
 * with --respond answers NS for its addresses (7.2.4) and RS (6.2.6). */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/icmp6.h>
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
#include "ndp_script.h"
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

struct listener {
	const char *ifname;
	struct netif ni;
	int fd;
	bool json, respond, router;
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
		"usage: sockgen ndp listen IF [--json] [--respond] [--addr ADDR]... [--router]\n"
		"                          [--ra 'ra OPTIONS'] [--count N] [--timeout S]\n"
		"Receive Neighbor Discovery messages on IF (raw ICMPv6 socket), drop what\n"
		"RFC 4861 says to drop (hop limit not 255, code not 0, bad lengths, ...),\n"
		"and print one line per message (--json: JSON Lines keyed by ndisc fields).\n"
		"  --respond      answer NS for IF's addresses with NA, RS with an RA\n"
		"  --addr ADDR    also answer NS for ADDR (an address the kernel does not own)\n"
		"  --router       set the R flag in NAs\n"
		"  --ra 'SPEC'    the RA sent in answer to RS, in sockgen ndp syntax\n"
		"                 (default: 'ra --router-lifetime 1800', with our SLLA)\n"
		"  --count N      exit after N accepted messages\n"
		"  --timeout S    exit after S seconds (default: run until SIGINT/SIGTERM)\n"
		"Examples:\n"
		"  sockgen ndp listen eth0\n"
		"  sockgen ndp listen veth1 --json --respond --addr 2001:db8::99 \\\n"
		"      --ra 'ra --prefix 2001:db8::/64,L,A --mtu 1500'\n"
		"Exit: 0 (count/timeout/signal), 1 runtime failure, 2 bad input.\n");
}

static int join(int fd, unsigned ifindex, const uint8_t group[16])
{
	struct ipv6_mreq mr;

	memcpy(&mr.ipv6mr_multiaddr, group, 16);
	mr.ipv6mr_interface = ifindex;
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr)) < 0 &&
	    errno != EADDRINUSE)
		return -errno;
	return 0;
}

static int open_socket(struct listener *l)
{
	static const uint8_t all_nodes[16] = { 0xff, 2, [15] = 1 };
	static const uint8_t all_routers[16] = { 0xff, 2, [15] = 2 };
	static const uint8_t types[] = { NDP_RS, NDP_RA, NDP_NS, NDP_NA, NDP_REDIRECT,
					 NDP_IND_SOL, NDP_IND_ADV, NDP_CPS, NDP_CPA };
	struct icmp6_filter filt;
	int one = 1, e;
	uint8_t sol[16];

	l->fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (l->fd < 0) {
		e = errno;
		return sg_fail(CTX, "%s", e == EPERM || e == EACCES ?
			       "needs root or CAP_NET_RAW" : strerror(e));
	}
	ICMP6_FILTER_SETBLOCKALL(&filt);
	for (size_t i = 0; i < sizeof(types); i++)
		ICMP6_FILTER_SETPASS(types[i], &filt);
	if (setsockopt(l->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof(filt)) < 0 ||
	    setsockopt(l->fd, SOL_SOCKET, SO_BINDTODEVICE, l->ifname,
		       (socklen_t)strlen(l->ifname)) < 0 ||
	    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one)) < 0 ||
	    setsockopt(l->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof(one)) < 0) {
		e = errno;
		return sg_fail(CTX, "%s: %s", l->ifname, e == EPERM ?
			       "needs root or CAP_NET_RAW" : strerror(e));
	}
	/* Groups ND messages are sent to: RFC 4861 2.3, 6.3.7, 7.2.1. */
	if ((e = join(l->fd, l->ni.index, all_nodes)) < 0 ||
	    (e = join(l->fd, l->ni.index, all_routers)) < 0)
		return sg_fail(CTX, "%s: joining a multicast group: %s", l->ifname, strerror(-e));
	for (size_t i = 0; i < l->ni.n_addrs; i++) {
		frame_solicited_node(l->ni.addrs[i], sol);
		if ((e = join(l->fd, l->ni.index, sol)) < 0)
			return sg_fail(CTX, "%s: joining %s: %s", l->ifname, "solicited-node", strerror(-e));
	}
	for (size_t i = 0; i < l->n_extra; i++) {
		frame_solicited_node(l->extra[i], sol);
		if ((e = join(l->fd, l->ni.index, sol)) < 0)
			return sg_fail(CTX, "%s: joining %s: %s", l->ifname, "solicited-node", strerror(-e));
	}
	return 0;
}

static bool is_unspec(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return !memcmp(a, zero, 16);
}

static bool is_ll(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

static bool has_opt(const struct ndp_msg *msg, uint8_t type)
{
	for (size_t i = 0; i < msg->n_opts; i++)
		if (msg->opts[i].type == type)
			return true;
	return false;
}

/* NULL when the message is valid, else why RFC 4861 has it dropped. */
static const char *validate(const struct ndp_msg *msg, int r, size_t len, int hlim,
			    const uint8_t src[16], const uint8_t dst[16])
{
	uint8_t sol[16];

	if (hlim != 255)
		return "hop limit is not 255";
	if (msg->code != 0)
		return "code is not 0";
	if (len < ndp_msg_fixed_len(msg->type))
		return "shorter than the fixed part";
	if (r < 0)
		return "malformed option (length 0 or past the end)";
	switch (msg->type) {
	case NDP_RS:
		/* 6.1.1: from :: no SLLA */
		if (is_unspec(src) && has_opt(msg, NDP_OPT_SLLA))
			return "RS from :: with a source link-layer address";
		break;
	case NDP_RA:
		if (!is_ll(src))                /* 6.1.2 */
			return "RA source is not link-local";
		break;
	case NDP_NS:                            /* 7.1.1 */
		if (frame_is_mcast(msg->h.ns.target))
			return "NS target is multicast";
		if (is_unspec(src)) {
			frame_solicited_node(msg->h.ns.target, sol);
			if (memcmp(dst, sol, 16))
				return "NS from :: not to the solicited-node address";
			if (has_opt(msg, NDP_OPT_SLLA))
				return "NS from :: with a source link-layer address";
		}
		break;
	case NDP_NA:                            /* 7.1.2 */
		if (frame_is_mcast(msg->h.na.target))
			return "NA target is multicast";
		if (frame_is_mcast(dst) && msg->h.na.flag_s)
			return "NA to multicast with the S flag";
		break;
	case NDP_REDIRECT:                      /* 8.1 */
		if (!is_ll(src))
			return "redirect source is not link-local";
		if (frame_is_mcast(msg->h.redirect.destination))
			return "redirect destination is multicast";
		break;
	default:
		break;
	}
	return NULL;
}

static void print_text(const struct ndp_msg *msg, const uint8_t src[16],
		       const uint8_t dst[16], int hlim)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN];
	const char *name = ndp_msg_name(msg->type);

	inet_ntop(AF_INET6, src, s, sizeof(s));
	inet_ntop(AF_INET6, dst, d, sizeof(d));
	printf("%s from %s to %s hlim %d", name ? name : "?", s, d, hlim);
	switch (msg->type) {
	case NDP_RA:
		printf(" cur_hop_limit %u flags %s%s%s%s prf %u router_lifetime %u reachable %u retrans %u",
		       msg->h.ra.cur_hop_limit, msg->h.ra.flag_m ? "M" : "-",
		       msg->h.ra.flag_o ? "O" : "-", msg->h.ra.flag_h ? "H" : "-",
		       msg->h.ra.flag_p ? "P" : "-", msg->h.ra.prf, msg->h.ra.router_lifetime,
		       msg->h.ra.reachable, msg->h.ra.retrans);
		break;
	case NDP_NS:
		printf(" target %s", inet_ntop(AF_INET6, msg->h.ns.target, t, sizeof(t)));
		break;
	case NDP_NA:
		printf(" flags %s%s%s target %s", msg->h.na.flag_r ? "R" : "-",
		       msg->h.na.flag_s ? "S" : "-", msg->h.na.flag_o ? "O" : "-",
		       inet_ntop(AF_INET6, msg->h.na.target, t, sizeof(t)));
		break;
	case NDP_REDIRECT:
		printf(" target %s", inet_ntop(AF_INET6, msg->h.redirect.target, t, sizeof(t)));
		printf(" destination %s",
		       inet_ntop(AF_INET6, msg->h.redirect.destination, t, sizeof(t)));
		break;
	default:
		break;
	}
	printf(" options");
	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_opt *o = &msg->opts[i];
		const struct ndp_opt_desc *desc = ndp_opt_desc_get(o->type);

		printf(" %s(%u)%s", desc ? desc->stem : "type", o->type, o->err ? "!" : "");
		if (!o->err && (o->type == NDP_OPT_SLLA || o->type == NDP_OPT_TLLA) &&
		    o->u.lla.addr.len == 6) {
			const uint8_t *a = o->u.lla.addr.data;

			printf("=%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
		} else if (!o->err && o->type == NDP_OPT_PREFIX) {
			printf("=%s/%u", inet_ntop(AF_INET6, o->u.prefix.prefix, t, sizeof(t)),
			       o->u.prefix.len);
		} else if (!o->err && o->type == NDP_OPT_MTU) {
			printf("=%u", o->u.mtu.mtu);
		}
	}
	if (!msg->n_opts)
		printf(" none");
	printf("\n");
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
	char buf[2048], *words[256];
	const char *why;
	struct ndpg_run run = { 0 };
	struct ndpg_link link;
	uint8_t icmp[NDP_MSG_MAX_LEN];
	size_t len;
	int n, r;

	snprintf(buf, sizeof(buf), "%s", line);
	n = ndpg_split_line(buf, words, 256, &why);
	if (n <= 0)
		return sg_usage(CTX, "answer '%s': %s", line, why ? why : "empty");
	if ((r = ndpg_msg_init(l->m, ndpg_verb_find(words[0]))) < 0)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	r = ndpg_msg_args(l->m, &run, n, words, true);
	if (r)
		return r < 0 ? SG_EXIT_USAGE : r;
	memcpy(link.mac, l->ni.mac, 6);
	memcpy(link.ll, l->ni.ll, 16);
	link.have_ll = l->ni.have_ll;
	if ((r = ndpg_msg_finish(l->m, &link)))
		return r;
	if ((r = ndpg_msg_encode(l->m, icmp, sizeof(icmp), &len, true)) < 0)
		return sg_fail(CTX, "answer: %s", strerror(-r));
	if ((r = raw_out_send(l->out, icmp, len, l->m->src, l->m->dst, l->m->hop_limit)) < 0)
		return sg_fail(CTX, "answer: send: %s", strerror(-r));
	l->answered++;
	return 0;
}

static int respond(struct listener *l, const struct ndp_msg *msg, const uint8_t src[16])
{
	char line[1600], s[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN];
	const char *spec;

	if (msg->type == NDP_NS && own_addr(l, msg->h.ns.target)) {
		inet_ntop(AF_INET6, msg->h.ns.target, t, sizeof(t));
		/* RFC 7.2.4: to the solicitor with S set; to all-nodes without S
		 * when the solicitation came from :: (DAD). */
		if (is_unspec(src))
			snprintf(line, sizeof(line), "na --src %s --target %s --flags %sO",
				 t, t, l->router ? "R," : "");
		else
			snprintf(line, sizeof(line), "na --src %s --dst %s --target %s --flags %sS,O",
				 t, inet_ntop(AF_INET6, src, s, sizeof(s)), t, l->router ? "R," : "");
		return answer(l, line);
	}
	if (msg->type == NDP_RS) {
		/* RFC 4861 6.2.6: unicast to the solicitor is allowed. */
		spec = l->ra_spec ? l->ra_spec : "ra";
		if (is_unspec(src))
			snprintf(line, sizeof(line), "%s", spec);
		else
			snprintf(line, sizeof(line), "%s --dst %s", spec,
				 inet_ntop(AF_INET6, src, s, sizeof(s)));
		return answer(l, line);
	}
	return 0;
}

static int handle(struct listener *l, const uint8_t *buf, size_t len,
		  const struct sockaddr_in6 *from, struct msghdr *mh)
{
	uint8_t dst[16] = { 0 };
	int hlim = -1, r;
	const char *why;
	struct ndp_msg *msg = &l->m->msg;
	char s[INET6_ADDRSTRLEN];

	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		if (c->cmsg_type == IPV6_HOPLIMIT && c->cmsg_len >= CMSG_LEN(sizeof(int)))
			memcpy(&hlim, CMSG_DATA(c), sizeof(int));
		else if (c->cmsg_type == IPV6_PKTINFO &&
			 c->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			memcpy(dst, &pi.ipi6_addr, 16);
		}
	}
	memset(msg, 0, sizeof(*msg));
	r = ndp_msg_parse(buf, len, msg);
	if (r == -EBADMSG && len < ndp_msg_fixed_len(buf[0]))
		r = -EBADMSG;
	why = validate(msg, r, len, hlim, from->sin6_addr.s6_addr, dst);
	if (why) {
		inet_ntop(AF_INET6, &from->sin6_addr, s, sizeof(s));
		if (l->json)
			printf("{\"drop\": \"%s\", \"ndisc.type\": \"%u\", \"ipv6.src\": \"%s\"}\n",
			       why, buf[0], s);
		else
			printf("drop %s from %s: %s\n", ndp_msg_name(buf[0]) ? ndp_msg_name(buf[0]) : "?",
			       s, why);
		fflush(stdout);
		return 0;
	}
	l->seen++;
	if (l->json) {
		memcpy(l->m->src, &from->sin6_addr, 16);
		memcpy(l->m->dst, dst, 16);
		l->m->hop_limit = hlim;
		l->m->bad_checksum = false;     /* the kernel dropped bad ones */
		ndpg_msg_spans_from_wire(l->m, buf);
		ndpg_manifest(l->mf, l->m, buf, len);
	} else {
		print_text(msg, from->sin6_addr.s6_addr, dst, hlim);
	}
	fflush(stdout);
	if (l->respond) {
		/* The answer reuses the scratch message: keep what we need. */
		struct ndp_msg *copy = malloc(sizeof(*copy));
		uint8_t src[16];

		if (!copy)
			return sg_fail(CTX, "%s", strerror(ENOMEM));
		memcpy(copy, msg, sizeof(*copy));
		memcpy(src, &from->sin6_addr, 16);
		r = respond(l, copy, src);
		free(copy);
		return r;
	}
	return 0;
}

/* Parse: 0, -1 after --help, or the exit code. */
static int listen_args(struct listener *l, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "respond", no_argument, NULL, 'r' },
		{ "router", no_argument, NULL, 'R' },
		{ "addr", required_argument, NULL, 'a' },
		{ "ra", required_argument, NULL, 'A' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	opterr = 0;
	/* no "+": the interface may come before the options */
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': l->json = true; break;
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

/* Set up: the listening socket, the answering socket, the JSON writer and
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
	if ((rc = open_socket(l)))
		return rc;
	if (l->respond && !(l->out = raw_out_open(l->ifname, &e, err, sizeof(err))))
		return sg_fail(CTX, "%s: %s", l->ifname, err);
	if (l->out) {
		int zero = 0;

		/* our own multicast answers must not come back to us */
		setsockopt(raw_out_fd(l->out), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero,
			   sizeof(zero));
	}
	if (l->json && !(l->mf = manifest_open("-")))
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
	struct timespec t0, now;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	fprintf(stderr, "sockgen: %s: listening on %s%s\n", CTX, l->ifname,
		l->respond ? " (answering NS and RS)" : "");
	/* After a signal, what is already queued is still read (poll with
	 * no wait), so a sender's last messages are not lost. */
	for (bool draining = false; !l->count || l->seen < l->count; ) {
		uint8_t buf[NDP_MSG_MAX_LEN];
		union {
			struct cmsghdr h;
			uint8_t b[256];
		} ctl;
		struct sockaddr_in6 from;
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from),
				     .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
		struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
		int wait_ms = 500;
		ssize_t n;

		if (stop && !draining)
			draining = true;
		if (draining)
			wait_ms = 0;

		if (l->timeout) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - t0.tv_sec >= (time_t)l->timeout)
				break;
		}
		if (poll(&pfd, 1, wait_ms) <= 0) {
			if (draining)
				break;
			continue;
		}
		n = recvmsg(l->fd, &mh, 0);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			rc = sg_fail(CTX, "%s: receive: %s", l->ifname, strerror(errno));
			break;
		}
		if (n < 4)
			continue;
		if ((rc = handle(l, buf, (size_t)n, &from, &mh)))
			break;
	}
	if (!rc)
		fprintf(stderr, "sockgen: %s: %llu messages, %llu answers\n", CTX,
			(unsigned long long)l->seen, (unsigned long long)l->answered);
	return rc;
}

int cmd_ndp_listen(int argc, char **argv)
{
	struct listener l = { .fd = -1 };
	int rc = listen_args(&l, argc, argv);

	if (rc)
		return rc < 0 ? 0 : rc;
	rc = listen_setup(&l);
	if (!rc)
		rc = listen_run(&l);
	if (l.fd >= 0)
		close(l.fd);
	raw_out_close(l.out);
	if (l.mf)
		manifest_close(l.mf);
	if (l.m)
		ndpg_msg_free(l.m);
	free(l.m);
	return rc;
}
