/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock bridge: TCP <-> vsock stream forwarding, one vsock connection per TCP connection (socat TCP-LISTEN,fork VSOCK-CONNECT and back). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sockgen.h"
#include "vsock.h"
#include "vsock_live.h"
#include "vsock_relay.h"

static const char ctx_bridge[] = "vsock bridge";

static void bridge_help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock bridge --tcp-listen [ADDR:]PORT --vsock CID:PORT\n"
		"       sockgen vsock bridge --vsock-listen PORT --tcp HOST:PORT\n"
		"          [--max-conns N | --once] [--timeout S] [--manifest FILE]\n"
		"          [--allow-remote-cid]\n"
		"Forward TCP to vsock or back, like socat TCP-LISTEN:PORT,fork\n"
		"VSOCK-CONNECT:CID:PORT (and VSOCK-LISTEN:PORT,fork TCP:HOST:PORT).\n"
		"Every accepted connection gets a new connection on the other side;\n"
		"bytes flow both ways and a half-close (EOF) on one side becomes a\n"
		"shutdown(SHUT_WR) on the other. Connections are served side by side\n"
		"(up to 32 at once; more wait in the listen backlog).\n"
		"  --tcp-listen [ADDR:]PORT  TCP listener; ADDR defaults to 127.0.0.1\n"
		"                            (loopback only); IPv6 as [::1]:PORT\n"
		"  --vsock CID:PORT          the vsock peer for each TCP connection\n"
		"  --vsock-listen PORT       vsock listener (bound to VMADDR_CID_ANY)\n"
		"  --tcp HOST:PORT           the TCP peer for each vsock connection\n"
		"                            (ADDR, HOST: numeric IPv4, [IPv6] or localhost)\n"
		"  --max-conns N, --once     stop after N connections (default: none)\n"
		"  --timeout S               no progress for S seconds ends a connection\n"
		"                            and bounds accept waits (default 0 = none)\n"
		"  --manifest FILE           the vsock side's socket calls, one record per\n"
		"                            event with sockgen.conn per connection, for\n"
		"                            sockgen verify (see sockgen vsock connect --help)\n"
		"A line 'sockgen: vsock bridge: listening ...' on stderr says it is ready;\n"
		"one summary line per connection follows there (stdout stays empty).\n"
		"SIGTERM or SIGINT: no more connections, the open ones ended, the\n"
		"manifest completed, exit 0.\n"
		"Safety: as vsock connect/listen: CID 1 only with /sys/module/vsock_loopback,\n"
		"another CID only with --allow-remote-cid; checked before any socket.\n"
		"Examples:\n"
		"  sockgen vsock bridge --tcp-listen 8082 --vsock 1:8081\n"
		"  sockgen vsock bridge --tcp-listen [::1]:8082 --vsock 1:8081 --once --manifest br.jsonl\n"
		"  sockgen vsock bridge --vsock-listen 8081 --tcp 127.0.0.1:8000\n");
}

/* [ADDR:]PORT or HOST:PORT ([v6]:PORT), resolved now: a name that does
 * not resolve is bad input, found before any socket. */
int vsl_parse_tcp(struct vsl_opts *o, const char *opt, const char *arg, int listen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV | AI_NUMERICHOST };
	struct addrinfo *res = NULL;
	char host[64] = "", *end;
	const char *port = arg, *colon = strrchr(arg, ':');
	int e;

	if (colon) {
		const char *h = arg;
		size_t hl = (size_t)(colon - arg);

		if (*h == '[') {
			if (hl < 2 || arg[hl - 1] != ']')
				return sg_usage(o->ctx, "%s '%s': IPv6 address without ']'", opt, arg);
			h++;
			hl -= 2;
		} else if (memchr(arg, ':', hl)) {
			return sg_usage(o->ctx, "%s '%s': write an IPv6 address as [ADDR]:PORT", opt, arg);
		}
		if (!hl || hl >= sizeof(host))
			return sg_usage(o->ctx, "%s '%s': empty or too long host", opt, arg);
		memcpy(host, h, hl);
		host[hl] = '\0';
		port = colon + 1;
	} else if (!listen) {
		return sg_usage(o->ctx, "%s '%s': must be HOST:PORT", opt, arg);
	}
	errno = 0;
	unsigned long pv = strtoul(port, &end, 10);
	if (!*port || *end || errno || pv == 0 || pv > 65535 || *port == '-' || *port == '+')
		return sg_usage(o->ctx, "%s '%s': port '%s': must be 1..65535", opt, arg, port);
	/* numeric only (and localhost): parsing never sends a DNS query */
	e = getaddrinfo(!host[0] || !strcmp(host, "localhost") ? "127.0.0.1" : host, port, &hints, &res);
	if (e || !res)
		return sg_usage(o->ctx, "%s '%s': '%s': not a numeric IPv4/[IPv6] address or localhost (%s)",
				opt, arg, host, gai_strerror(e));
	memcpy(&o->tcp_addr, res->ai_addr, res->ai_addrlen);
	o->tcp_addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	snprintf(o->tcp_name, sizeof(o->tcp_name), "%s%s", host[0] ? "" : "127.0.0.1:", arg);
	return 0;
}

enum { OPT_TCP_LISTEN = 256, OPT_VSOCK, OPT_VSOCK_LISTEN, OPT_TCP, OPT_MAX_CONNS, OPT_ONCE,
       OPT_TIMEOUT, OPT_MANIFEST, OPT_ALLOW_REMOTE };

static const struct option bridge_long[] = {
	{ "tcp-listen", required_argument, NULL, OPT_TCP_LISTEN },
	{ "vsock", required_argument, NULL, OPT_VSOCK },
	{ "vsock-listen", required_argument, NULL, OPT_VSOCK_LISTEN },
	{ "tcp", required_argument, NULL, OPT_TCP },
	{ "max-conns", required_argument, NULL, OPT_MAX_CONNS },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "manifest", required_argument, NULL, OPT_MANIFEST },
	{ "allow-remote-cid", no_argument, NULL, OPT_ALLOW_REMOTE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* One option's value: 0 or the exit code. */
static int bridge_value(struct vsl_opts *o, int c, const char *arg, unsigned *have)
{
	char *end;
	unsigned long v;

	switch (c) {
	case OPT_TCP_LISTEN:
	case OPT_TCP:
		*have |= c == OPT_TCP ? 1u : 2u;
		return vsl_parse_tcp(o, c == OPT_TCP ? "--tcp" : "--tcp-listen", arg, c == OPT_TCP_LISTEN);
	case OPT_VSOCK:
		*have |= 4;
		o->have_cid = o->have_port = 1;
		return vsl_parse_cid_port(o->ctx, "--vsock", arg, &o->cid, &o->port);
	case OPT_VSOCK_LISTEN:
		*have |= 8;
		o->have_port = 1;
		return vsl_parse_port(o->ctx, "--vsock-listen", arg, &o->port);
	case OPT_MAX_CONNS:
		errno = 0;
		v = strtoul(arg, &end, 10);
		if (!*arg || *end || errno || v == 0 || v > 1000000 || *arg == '-' || *arg == '+')
			return sg_usage(o->ctx, "--max-conns '%s': must be 1..1000000", arg);
		o->count = (unsigned)v;
		return 0;
	case OPT_TIMEOUT:
		if (vsl_parse_seconds(arg, &o->timeout))
			return sg_usage(o->ctx, "--timeout '%s': must be seconds 0..86400 (0 = none)", arg);
		return 0;
	default:
		return -2;
	}
}

static int parse_bridge(struct vsl_opts *o, int argc, char **argv)
{
	unsigned have = 0;
	int c, r;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", bridge_long, NULL)) != -1) {
		switch (c) {
		case 'h':
			bridge_help(stdout);
			return -1;
		case OPT_ONCE:
			o->count = 1;
			break;
		case OPT_MANIFEST:
			o->manifest_path = optarg;
			break;
		case OPT_ALLOW_REMOTE:
			o->allow_remote = 1;
			break;
		case ':':
			return sg_usage(o->ctx, "%s: needs an argument", argv[optind - 1]);
		default:
			r = bridge_value(o, c, optarg, &have);
			if (r == -2)
				return sg_usage(o->ctx, "unknown option '%s' (see --help)", argv[optind - 1]);
			if (r)
				return r;
		}
	}
	if (optind < argc)
		return sg_usage(o->ctx, "unexpected argument '%s'", argv[optind]);
	if (have == (2u | 4u)) {
		o->tcp_listen = 1;
		o->connect = 1;
	} else if (have == (1u | 8u)) {
		o->tcp_listen = 0;
		o->connect = 0;
	} else {
		return sg_usage(o->ctx, "--tcp-listen with --vsock, or --vsock-listen with --tcp "
				"(one pair, see --help)");
	}
	return 0;
}

/* Connects (or accepts) the TCP side: the fd, or -1 after a message. */
static int tcp_connect(const struct vsl_opts *o)
{
	int fd = socket(o->tcp_addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		sg_fail(o->ctx, "socket(TCP): %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (const struct sockaddr *)&o->tcp_addr, o->tcp_addrlen) < 0) {
		sg_fail(o->ctx, "--tcp %s: %s", o->tcp_name, strerror(errno));
		close(fd);
		return -1;
	}
	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static int tcp_listen_socket(const struct vsl_opts *o, int *ret)
{
	int one = 1, fd = socket(o->tcp_addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return sg_fail(o->ctx, "socket(TCP): %s", strerror(errno));
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)&o->tcp_addr, o->tcp_addrlen) < 0 || listen(fd, 16) < 0) {
		int r = sg_fail(o->ctx, "--tcp-listen %s: %s", o->tcp_name, strerror(errno));

		close(fd);
		return r;
	}
	*ret = fd;
	return 0;
}

/* --tcp-listen: a TCP client, then its vsock connection. */
static int start_tcp_to_vsock(const struct vsl_opts *o, int lfd, struct vsl_sess *s)
{
	struct vsl_local l = { .out_is_sock = 1, .in_name = "the TCP connection",
			       .out_name = "the TCP connection" };
	int r;

	s->local_fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (s->local_fd < 0) {
		if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
			return -EAGAIN;
		return sg_fail(o->ctx, "accept (--tcp-listen %s): %s", o->tcp_name, strerror(errno));
	}
	/* a refused vsock peer: the TCP client sees its connection closed */
	if ((r = vsl_connect_one(o, &s->c)))
		return r;
	l.in = l.out = s->local_fd;
	return vsl_relay_init(&s->x, &s->c, &l);
}

/* --vsock-listen: a vsock peer, then its TCP connection. */
static int start_vsock_to_tcp(const struct vsl_opts *o, int lfd, struct vsl_sess *s)
{
	struct vsl_local l = { .out_is_sock = 1, .in_name = "the TCP connection",
			       .out_name = "the TCP connection" };
	int r;

	if ((r = vsl_accept_vsock(o, lfd, &s->c)))
		return r;
	s->local_fd = tcp_connect(o);
	if (s->local_fd < 0)
		return SG_EXIT_RUNTIME;
	l.in = l.out = s->local_fd;
	return vsl_relay_init(&s->x, &s->c, &l);
}

static int run_bridge(const struct vsl_opts *o)
{
	struct manifest *m;
	int lfd, r;

	vsl_relay_signals();
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	r = o->tcp_listen ? tcp_listen_socket(o, &lfd) : vsl_listen_socket(o, &lfd);
	if (r)
		return vsl_finish_manifest(o, m, r);
	if (o->tcp_listen)
		fprintf(stderr, "sockgen: %s: listening tcp=%s vsock=%u:%u\n", o->ctx, o->tcp_name,
			o->cid, o->port);
	else
		fprintf(stderr, "sockgen: %s: listening vsock-port=%u tcp=%s\n", o->ctx, o->port,
			o->tcp_name);
	r = vsl_serve(o, lfd, m, o->tcp_listen ? start_tcp_to_vsock : start_vsock_to_tcp);
	return vsl_finish_manifest(o, m, r);
}

int cmd_vsock_bridge(int argc, char **argv)
{
	struct vsl_opts o;
	int r;

	memset(&o, 0, sizeof(o));
	o.ctx = ctx_bridge;
	o.file_fd = -1;
	o.type = VSL_STREAM;
	o.io = VSL_IO_TCP;
	o.have_timeout = 1;
	r = parse_bridge(&o, argc, argv);
	if (!r)
		r = vsl_safety_checks(&o);
	if (!r)
		r = run_bridge(&o);
	return r < 0 ? SG_EXIT_OK : r;
}
