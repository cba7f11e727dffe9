/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit tests of sockgen vsock's socat-like pieces: the CID:PORT, PORT and
 * TCP address parsers, and the relay engine (generator/vsock/vsock_relay.c)
 * driven over AF_UNIX socketpairs standing in for the vsock connection
 * (the relay only reads, writes, polls and shuts down its fd). No vsock
 * socket is ever opened here. */
#include <CUnit/Basic.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vsock_live.h"
#include "vsock_relay.h"

#include "fixtures.h"

static void test_cid_port(void)
{
	static const struct {
		const char *arg;
		int ok;
		uint32_t cid, port;
	} cases[] = {
		{ "1:5000", 1, 1, 5000 },
		{ "0:0", 1, 0, 0 },
		{ "4294967294:4294967294", 1, 4294967294u, 4294967294u },
		{ "2:1", 1, 2, 1 },
		{ "4294967295:1", 0, 0, 0 },    /* VMADDR_CID_ANY */
		{ "1:4294967295", 0, 0, 0 },    /* VMADDR_PORT_ANY */
		{ "1:4294967296", 0, 0, 0 },
		{ "1", 0, 0, 0 },
		{ ":5", 0, 0, 0 },
		{ "1:", 0, 0, 0 },
		{ "1:2:3", 0, 0, 0 },
		{ "-1:5", 0, 0, 0 },
		{ "1:+5", 0, 0, 0 },
		{ "1:5k", 0, 0, 0 },
		{ "0x1:5", 0, 0, 0 },
		{ "1: 5", 0, 0, 0 },
		{ "", 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t cid = 77, port = 77;
		int r = vsl_parse_cid_port("test", "CID:PORT", cases[i].arg, &cid, &port);

		CU_ASSERT_EQUAL(r, cases[i].ok ? 0 : 2);
		if (cases[i].ok && !r) {
			CU_ASSERT_EQUAL(cid, cases[i].cid);
			CU_ASSERT_EQUAL(port, cases[i].port);
		}
	}
}

static void test_port(void)
{
	uint32_t p = 0;

	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "8080", &p), 0);
	CU_ASSERT_EQUAL(p, 8080);
	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "4294967294", &p), 0);
	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "4294967295", &p), 2);
	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "abc", &p), 2);
	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "", &p), 2);
	CU_ASSERT_EQUAL(vsl_parse_port("test", "PORT", "-5", &p), 2);
}

static void test_tcp(void)
{
	struct vsl_opts o;
	const struct sockaddr_in *a4 = (const struct sockaddr_in *)&o.tcp_addr;
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)&o.tcp_addr;

	memset(&o, 0, sizeof(o));
	o.ctx = "test";
	/* listen: the port alone means 127.0.0.1 (loopback only) */
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp-listen", "8082", 1), 0);
	CU_ASSERT_EQUAL(o.tcp_addr.ss_family, AF_INET);
	CU_ASSERT_EQUAL(ntohs(a4->sin_port), 8082);
	CU_ASSERT_EQUAL(ntohl(a4->sin_addr.s_addr), INADDR_LOOPBACK);
	CU_ASSERT_STRING_EQUAL(o.tcp_name, "127.0.0.1:8082");
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp-listen", "0.0.0.0:80", 1), 0);
	CU_ASSERT_EQUAL(ntohl(a4->sin_addr.s_addr), INADDR_ANY);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "[::1]:8000", 0), 0);
	CU_ASSERT_EQUAL(o.tcp_addr.ss_family, AF_INET6);
	CU_ASSERT_EQUAL(ntohs(a6->sin6_port), 8000);
	CU_ASSERT(IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr));
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "localhost:8000", 0), 0);
	CU_ASSERT_EQUAL(o.tcp_addr.ss_family, AF_INET);
	/* refused: no host for --tcp, bad ports, names (never looked up),
	 * IPv6 without brackets */
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "8000", 0), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp-listen", "0", 1), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp-listen", "65536", 1), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp-listen", "127.0.0.1:", 1), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "example.invalid:80", 0), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "::1:80", 0), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", "[::1:80", 0), 2);
	CU_ASSERT_EQUAL(vsl_parse_tcp(&o, "--tcp", ":80", 0), 2);
}

/* The "vsock" connection: our end in c->fd, the peer's returned. */
static int fake_conn(struct vsl_opts *o, struct vconn *c)
{
	int sp[2];

	memset(o, 0, sizeof(*o));
	o->ctx = "test";
	o->timeout = 5;
	o->type = VSL_STREAM;
	memset(c, 0, sizeof(*c));
	c->o = o;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return -1;
	fcntl(sp[0], F_SETFL, O_NONBLOCK);
	c->fd = sp[0];
	snprintf(c->peer, sizeof(c->peer), "unix");
	return sp[1];
}

static ssize_t read_all(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;

	while (n < cap && (r = read(fd, buf + n, cap - n)) > 0)
		n += (size_t)r;
	return (ssize_t)n;
}

/* Both directions with half-closes: the local EOF reaches the peer as EOF,
 * the peer's answer reaches the local side, then the peer's EOF ends it. */
static void test_relay_both_ways(void)
{
	struct vsl_opts o;
	struct vconn c;
	int peer = fake_conn(&o, &c), in[2], out[2];
	pid_t pid;
	char buf[64];

	CU_ASSERT_FATAL(peer >= 0 && pipe(in) == 0 && pipe(out) == 0);
	CU_ASSERT_EQUAL(write(in[1], "request", 7), 7);
	close(in[1]);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {         /* the peer: reads to EOF, then answers */
		ssize_t n = read_all(peer, buf, sizeof(buf));

		_exit(n == 7 && !memcmp(buf, "request", 7) && write(peer, "reply!", 6) == 6 &&
		      shutdown(peer, SHUT_WR) == 0 ? 0 : 1);
	}
	close(peer);
	{
		struct vsl_local l = { .in = in[0], .out = out[1], .in_name = "in", .out_name = "out" };
		int st;

		CU_ASSERT_EQUAL(vsl_relay(&c, &l), 0);
		close(out[1]);
		CU_ASSERT_EQUAL(read_all(out[0], buf, sizeof(buf)), 6);
		CU_ASSERT_EQUAL(memcmp(buf, "reply!", 6), 0);
		CU_ASSERT_EQUAL(c.tx_bytes, 7);
		CU_ASSERT_EQUAL(c.rx_bytes, 6);
		CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
		CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	close(in[0]);
	close(out[0]);
	close(c.fd);
}

/* The peer answers and closes for good while the local input never ends:
 * the relay ends anyway (exit when the peer closes). */
static void test_relay_peer_closes(void)
{
	struct vsl_opts o;
	struct vconn c;
	int peer = fake_conn(&o, &c), in[2], out[2];
	char buf[16];

	CU_ASSERT_FATAL(peer >= 0 && pipe(in) == 0 && pipe(out) == 0);
	CU_ASSERT_EQUAL(write(peer, "bye", 3), 3);
	close(peer);
	{
		struct vsl_local l = { .in = in[0], .out = out[1], .in_name = "in", .out_name = "out" };

		CU_ASSERT_EQUAL(vsl_relay(&c, &l), 0);
	}
	close(out[1]);
	CU_ASSERT_EQUAL(read_all(out[0], buf, sizeof(buf)), 3);
	CU_ASSERT_EQUAL(c.tx_bytes, 0);
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(c.fd);
}

/* Nothing to send (in < 0) and nowhere to put what arrives (out < 0): half-
 * close at once, count and drop the peer's bytes. A socket as the local
 * side gets the peer's half-close as shutdown(SHUT_WR). */
static void test_relay_sink_and_socket(void)
{
	struct vsl_opts o;
	struct vconn c;
	int peer = fake_conn(&o, &c);
	char buf[8];
	struct vsl_local none = { .in = -1, .out = -1 };

	CU_ASSERT_FATAL(peer >= 0);
	CU_ASSERT_EQUAL(write(peer, "12345", 5), 5);
	shutdown(peer, SHUT_WR);
	CU_ASSERT_EQUAL(vsl_relay(&c, &none), 0);
	CU_ASSERT_EQUAL(c.rx_bytes, 5);
	CU_ASSERT_EQUAL(read(peer, buf, sizeof(buf)), 0);       /* our half-close */
	close(peer);
	close(c.fd);

	/* local side a socket (TCP in the bridge): EOF both ways */
	{
		int lp[2];
		struct vsl_local l = { .out_is_sock = 1, .in_name = "local", .out_name = "local" };

		peer = fake_conn(&o, &c);
		CU_ASSERT_FATAL(peer >= 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, lp) == 0);
		l.in = l.out = lp[0];
		CU_ASSERT_EQUAL(write(lp[1], "up", 2), 2);
		shutdown(lp[1], SHUT_WR);
		CU_ASSERT_EQUAL(write(peer, "down", 4), 4);
		shutdown(peer, SHUT_WR);
		CU_ASSERT_EQUAL(vsl_relay(&c, &l), 0);
		CU_ASSERT_EQUAL(read_all(lp[1], buf, sizeof(buf)), 4);  /* then EOF */
		CU_ASSERT_EQUAL(read_all(peer, buf, sizeof(buf)), 2);
		close(lp[0]);
		close(lp[1]);
		close(peer);
		close(c.fd);
	}
}

/* --timeout: a peer that neither sends nor closes ends the relay, exit 1. */
static void test_relay_timeout(void)
{
	struct vsl_opts o;
	struct vconn c;
	int peer = fake_conn(&o, &c), in[2];
	struct vsl_local l = { .out = -1, .in_name = "in" };

	CU_ASSERT_FATAL(peer >= 0 && pipe(in) == 0);
	o.timeout = 0.3;
	l.in = in[0];
	CU_ASSERT_EQUAL(vsl_relay(&c, &l), 1);
	close(in[0]);
	close(in[1]);
	close(peer);
	close(c.fd);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "CID:PORT operand", test_cid_port },
		{ "PORT operand", test_port },
		{ "TCP addresses (numeric, no lookup)", test_tcp },
		{ "relay: both ways with half-closes", test_relay_both_ways },
		{ "relay: the peer closes, local input open", test_relay_peer_closes },
		{ "relay: sink, and a socket as the local side", test_relay_sink_and_socket },
		{ "relay: --timeout", test_relay_timeout },
		{ NULL, NULL },
	};

	fx_touch();
	vsl_relay_signals();
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("sockgen vsock relays", tests))
		return 1;
	return fx_run();
}
