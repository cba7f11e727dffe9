/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen capture: AF_PACKET capture of one interface into pcap (packet(7), classic BPF via SO_ATTACH_FILTER). */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "capture.h"
#include "pcap_out.h"
#include "sockgen.h"

#define CTX "capture"
#define LINKTYPE_RAW 101
#define CAP_BUF (256u * 1024u)

#ifndef ARPHRD_VSOCKMON
#define ARPHRD_VSOCKMON 826
#endif

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void help(FILE *f)
{
	fprintf(f,
		"usage: sockgen capture --iface IF --pcap FILE [--count N] [--duration S]\n"
		"          [--filter BPF] [--snaplen N]\n"
		"Capture every packet of IF (both directions) with an AF_PACKET socket\n"
		"into a pcap file whose link type follows the interface: vsockmon\n"
		"(ARPHRD_VSOCKMON) -> LINKTYPE_VSOCK 271, Ethernet and loopback -> 1,\n"
		"no link header (tun) -> LINKTYPE_RAW 101.\n"
		"  --count N     stop after N packets (default: no limit)\n"
		"  --duration S  stop after S seconds (default: no limit)\n"
		"  --filter BPF  pcap-filter(7) expression, compiled for the link type and\n"
		"                attached to the socket (SO_ATTACH_FILTER)\n"
		"  --snaplen N   keep at most N bytes of each packet (default 262144)\n"
		"--pcap - writes the capture to stdout.\n"
		"SIGINT/SIGTERM stop the capture; packets already queued are written\n"
		"first. When ready, 'capturing on IF' goes to stderr; at the end\n"
		"'sockgen: capture: iface=IF linktype=L packets=N dropped=D' goes to stderr.\n"
		"Needs CAP_NET_RAW. A missing interface is exit 1.\n"
		"Examples:\n"
		"  sockgen capture --iface vsockmon0 --pcap vsock.pcap --count 100\n"
		"  sockgen capture --iface veth0 --pcap nd.pcap --duration 5 --filter icmp6\n");
}

static int linktype_of(unsigned short arphrd)
{
	switch (arphrd) {
	case ARPHRD_VSOCKMON:
		return SG_LINKTYPE_VSOCK;
	case ARPHRD_ETHER:
	case ARPHRD_LOOPBACK:
		return SG_LINKTYPE_ETHERNET;
	case ARPHRD_NONE:
		return LINKTYPE_RAW;
	default:
		return -1;
	}
}

/* pcap_out_write() records caplen == len; a snapped packet must keep its
 * original length, so truncating captures write through libpcap here. */
struct sink {
	struct pcap_out *out;
	pcap_t *dead;
	pcap_dumper_t *dumper;
	const char *path;
};

static int sink_open(struct sink *s, const char *path, int linktype, int snapped,
		     unsigned snaplen, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	if (!snapped) {
		s->out = pcap_out_open(path, linktype, err, errlen);
		return s->out ? 0 : -1;
	}
	s->dead = pcap_open_dead_with_tstamp_precision(linktype, (int)snaplen,
						       PCAP_TSTAMP_PRECISION_MICRO);
	if (!s->dead) {
		snprintf(err, errlen, "cannot create a pcap handle");
		return -1;
	}
	s->dumper = pcap_dump_open(s->dead, path);
	if (!s->dumper) {
		snprintf(err, errlen, "%s", pcap_geterr(s->dead));
		pcap_close(s->dead);
		return -1;
	}
	return 0;
}

static int sink_write(struct sink *s, const struct timeval *tv, const uint8_t *p,
		      size_t caplen, size_t len)
{
	struct pcap_pkthdr h;

	if (s->out)
		return pcap_out_write(s->out, tv, p, caplen);
	h.ts = *tv;
	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)s->dumper, &h, p);
	return ferror(pcap_dump_file(s->dumper)) ? -EIO : 0;
}

static int sink_close(struct sink *s)
{
	int err = 0;

	if (s->out)
		return pcap_out_close(s->out);
	if (pcap_dump_flush(s->dumper) != 0 || ferror(pcap_dump_file(s->dumper)))
		err = -EIO;
	pcap_dump_close(s->dumper);
	pcap_close(s->dead);
	return err;
}

/* Classic BPF from libpcap's compiler, run by the kernel on the socket:
 * struct bpf_insn and struct sock_filter have the same layout. */
static int attach_filter(int fd, const char *expr, int linktype, unsigned snaplen)
{
	pcap_t *dead = pcap_open_dead(linktype, (int)snaplen);
	struct bpf_program prog;
	struct sock_fprog fp;
	int r = 0;

	if (!dead)
		return sg_fail(CTX, "--filter: cannot create a pcap handle");
	if (pcap_compile(dead, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		r = sg_usage(CTX, "--filter '%s': %s", expr, pcap_geterr(dead));
		pcap_close(dead);
		return r;
	}
	fp.len = (unsigned short)prog.bf_len;
	fp.filter = (struct sock_filter *)prog.bf_insns;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) < 0)
		r = sg_fail(CTX, "--filter '%s': SO_ATTACH_FILTER: %s", expr, strerror(errno));
	pcap_freecode(&prog);
	pcap_close(dead);
	return r;
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One packet from the socket: 1 read, 0 none ready, -errno. */
static int read_one(int fd, uint8_t *buf, size_t cap, unsigned snaplen,
		    struct sink *s, int *werr)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct timeval)) +
		       CMSG_SPACE(sizeof(struct tpacket_auxdata)) + 64];
	} cm;
	struct sockaddr_ll from;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cm.b, .msg_controllen = sizeof(cm.b),
	};
	struct timeval tv = { 0, 0 };
	ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
	size_t caplen, origlen;

	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	origlen = (size_t)n;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP)
			memcpy(&tv, CMSG_DATA(c), sizeof(tv));
		/* The filter's snap length trimmed the packet in the kernel;
		 * its length on the wire comes with the auxiliary data. */
		if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA) {
			struct tpacket_auxdata aux;

			memcpy(&aux, CMSG_DATA(c), sizeof(aux));
			if (aux.tp_len > origlen)
				origlen = aux.tp_len;
		}
	}
	if (!tv.tv_sec)
		gettimeofday(&tv, NULL);
	caplen = (size_t)n < cap ? (size_t)n : cap;
	if (caplen > snaplen)
		caplen = snaplen;
	if (!*werr)
		*werr = sink_write(s, &tv, buf, caplen, origlen);
	return 1;
}

enum { OPT_SNAPLEN = 256 };

/* What the command line asked for. */
struct capture {
	const char *iface, *path, *filter;
	unsigned long long count, packets;
	unsigned snaplen;
	double duration;
	unsigned ifindex;
	int fd, linktype;
};

/* Parse: 0, -1 after --help, or the exit code. */
static int capture_args(struct capture *cp, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "pcap", required_argument, NULL, 'w' },
		{ "count", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ "filter", required_argument, NULL, 'f' },
		{ "snaplen", required_argument, NULL, OPT_SNAPLEN },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	char *end;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			help(stdout);
			return -1;
		case 'i':
			cp->iface = optarg;
			break;
		case 'w':
			cp->path = optarg;
			break;
		case 'c':
			errno = 0;
			cp->count = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-' || cp->count == 0)
				return sg_usage(CTX, "--count '%s': must be a positive number of packets", optarg);
			break;
		case 'd':
			errno = 0;
			cp->duration = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(cp->duration > 0) || cp->duration > 1e7)
				return sg_usage(CTX, "--duration '%s': must be seconds > 0", optarg);
			break;
		case 'f':
			cp->filter = optarg;
			break;
		case OPT_SNAPLEN:
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-' || v < 16 || v > 262144)
				return sg_usage(CTX, "--snaplen '%s': must be 16..262144", optarg);
			cp->snaplen = (unsigned)v;
			break;
		case ':':
			return sg_usage(CTX, "%s: needs an argument", argv[optind - 1]);
		default:
			return sg_usage(CTX, "unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return sg_usage(CTX, "unexpected argument '%s'", argv[optind]);
	if (!cp->iface)
		return sg_usage(CTX, "--iface: missing (the interface to capture, e.g. vsockmon0)");
	if (!cp->path)
		return sg_usage(CTX, "--pcap: missing (the output file)");
	if (sg_check_out_path(CTX, "pcap", cp->path))
		return SG_EXIT_USAGE;
	if (strlen(cp->iface) >= IFNAMSIZ)
		return sg_usage(CTX, "--iface '%s': longer than %d characters", cp->iface,
				IFNAMSIZ - 1);
	cp->ifindex = if_nametoindex(cp->iface);
	if (!cp->ifindex)
		return sg_fail(CTX, "--iface '%s': no such interface", cp->iface);
	return 0;
}

/* Set up: the packet socket on the interface, its filter and buffers.
 * 0 or the exit code (cp->fd open or -1). */
static int capture_open(struct capture *cp)
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int one = 1, r, rcvbuf = 32 << 20;

	/* Protocol 0 until bind(): the socket must not queue packets of other
	 * interfaces between socket() and bind(). */
	cp->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (cp->fd < 0)
		return sg_fail(CTX, "socket(AF_PACKET): %s%s", strerror(errno),
			       errno == EPERM ? " (needs CAP_NET_RAW)" : "");
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, cp->iface, strlen(cp->iface));
	if (ioctl(cp->fd, SIOCGIFHWADDR, &ifr) < 0)
		return sg_fail(CTX, "--iface '%s': %s", cp->iface, strerror(errno));
	cp->linktype = linktype_of(ifr.ifr_hwaddr.sa_family);
	if (cp->linktype < 0)
		return sg_fail(CTX, "--iface '%s': link type ARPHRD %u is not supported "
			       "(vsockmon, Ethernet, loopback, none)", cp->iface,
			       ifr.ifr_hwaddr.sa_family);
	/* The filter's return value is the snap length, so the kernel queues
	 * only that much of each packet: without a filter, "ret #snaplen". */
	if (cp->filter || cp->snaplen < 262144) {
		if ((r = attach_filter(cp->fd, cp->filter ? cp->filter : "", cp->linktype,
				       cp->snaplen)))
			return r;
	}
	/* A vsockmon packet can be 64 KiB + headers: the default receive
	 * buffer holds only a few, and a bulk transfer would overrun it. */
	if (setsockopt(cp->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		(void)setsockopt(cp->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	(void)setsockopt(cp->fd, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one));
	(void)setsockopt(cp->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = (int)cp->ifindex;
	if (bind(cp->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return sg_fail(CTX, "--iface '%s': bind: %s", cp->iface, strerror(errno));
	return 0;
}

/* Run: packets into the sink until --count, --duration or a signal, then
 * what the kernel had already queued. 0 or the exit code; *werr a write
 * error of the sink. */
static int capture_run(struct capture *cp, uint8_t *buf, struct sink *s, int *werr)
{
	double t_end = cp->duration > 0 ? mono() + cp->duration : 0;
	int r = 0;

	while (!stop_signal && !*werr && (!cp->count || cp->packets < cp->count)) {
		struct pollfd p = { .fd = cp->fd, .events = POLLIN };
		int ms = 200, n;

		if (t_end) {
			double left = t_end - mono();

			if (left <= 0)
				break;
			if (left * 1000 < ms)
				ms = (int)(left * 1000) + 1;
		}
		n = poll(&p, 1, ms);
		if (n < 0 && errno != EINTR)
			return sg_fail(CTX, "poll: %s", strerror(errno));
		if (n <= 0)
			continue;
		if (p.revents & (POLLERR | POLLNVAL)) {
			int e = 0;
			socklen_t el = sizeof(e);

			getsockopt(cp->fd, SOL_SOCKET, SO_ERROR, &e, &el);
			if (e == ENETDOWN)
				continue;
			return sg_fail(CTX, "--iface '%s': %s", cp->iface, strerror(e ? e : EIO));
		}
		while ((!cp->count || cp->packets < cp->count) && !*werr) {
			n = read_one(cp->fd, buf, CAP_BUF, cp->snaplen, s, werr);
			if (n < 0) {
				if (n == -ENETDOWN)
					break;
				r = sg_fail(CTX, "--iface '%s': %s", cp->iface, strerror(-n));
				break;
			}
			if (!n)
				break;
			cp->packets++;
		}
		if (r)
			return r;
	}
	/* Stopped by a signal or the clock: what the kernel already queued
	 * was captured before the stop, so it goes into the file too. */
	while (!*werr && (!cp->count || cp->packets < cp->count)) {
		int n = read_one(cp->fd, buf, CAP_BUF, cp->snaplen, s, werr);

		if (n <= 0)
			break;
		cp->packets++;
	}
	return 0;
}

int cmd_capture(int argc, char **argv)
{
	struct capture cp = { .snaplen = 262144, .fd = -1 };
	struct tpacket_stats st;
	socklen_t sl = sizeof(st);
	struct sigaction sa;
	struct sink s;
	char err[256];
	uint8_t *buf = NULL;
	int r, werr = 0;

	if ((r = capture_args(&cp, argc, argv)))
		return r < 0 ? SG_EXIT_OK : r;
	if ((r = capture_open(&cp)))
		goto out;
	if (!(buf = malloc(CAP_BUF))) {
		r = sg_fail(CTX, "%s", strerror(ENOMEM));
		goto out;
	}
	if (sink_open(&s, cp.path, cp.linktype, cp.snaplen < 262144, cp.snaplen, err,
		      sizeof(err))) {
		r = sg_fail(CTX, "--pcap '%s': %s", cp.path, err);
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;      /* no SA_RESTART: poll() must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(stderr, "sockgen: capture: capturing on %s, link type %d\n", cp.iface,
		cp.linktype);
	r = capture_run(&cp, buf, &s, &werr);
	memset(&st, 0, sizeof(st));
	(void)getsockopt(cp.fd, SOL_PACKET, PACKET_STATISTICS, &st, &sl);
	if (sink_close(&s) && !werr)
		werr = -EIO;
	if (werr && !r)
		r = sg_fail(CTX, "--pcap '%s': %s", cp.path, strerror(-werr));
	/* on stderr, as every subcommand's summary (stdout may be the capture) */
	fprintf(stderr, "sockgen: capture: iface=%s linktype=%d packets=%llu dropped=%u%s%s\n",
		cp.iface, cp.linktype, cp.packets, st.tp_drops, stop_signal ? " stopped_by=" : "",
		stop_signal ? (stop_signal == SIGINT ? "SIGINT" : "SIGTERM") : "");
out:
	free(buf);
	if (cp.fd >= 0)
		close(cp.fd);
	return r;
}
