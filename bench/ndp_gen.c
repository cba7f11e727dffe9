/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark of sockgen ndp's build path (RFC 4861 RAs with ten options):
 * packets/s writing a pcap while rebuilding every packet (a new nonce,
 * RFC 3971 5.3.2, and router lifetime each time), and the --raw send rate
 * against a bare sendto() loop of the same bytes. Driven by bench/ndp_gen,
 * which also runs scapy on the same packets. Not a test. */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "emit.h"
#include "frame.h"
#include "ndp_emit.h"
#include "ndp_gen.h"
#include "ndp_script.h"

/* The RA both sides build: SLLA + nine more options, ten in all. */
static const char ra_line[] =
	"ra --flags M,O --router-lifetime 1800"
	" --prefix 2001:db8::/64,L,A,valid=86400,preferred=14400"
	" --mtu 1500 --rdnss 2001:db8::53,2001:db8::54,lifetime=600"
	" --dnssl example.com,lifetime=600 --route 2001:db8:100::/48,prf=high,lifetime=1800"
	" --adv-interval 600000 --home-agent pref=0,lifetime=1800"
	" --map 2001:db8::1,dist=1,pref=0,valid=1800"
	" --nonce 0000000000000000000000000000";

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this process: the machine may be shared, wall time is not
 * all ours. */
static double cpu_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int make_ra(struct ndpg_msg *m, const struct ndpg_link *link)
{
	char buf[sizeof(ra_line)], *argv[64];
	const char *why;
	struct ndpg_run run = { 0 };
	int n;

	memcpy(buf, ra_line, sizeof(ra_line));
	n = ndpg_split_line(buf, argv, 64, &why);
	if (n <= 0 || ndpg_msg_init(m, ndpg_verb_find("ra")) < 0)
		return -1;
	if (ndpg_msg_args(m, &run, n, argv, true) || ndpg_msg_finish(m, link))
		return -1;
	return 0;
}

/* The packet i: nonce = i (big endian, last 8 octets), lifetime varies. */
static void vary(struct ndpg_msg *m, uint64_t i)
{
	for (size_t k = 0; k < m->msg.n_opts; k++) {
		struct ndp_opt *o = &m->msg.opts[k];

		if (o->type == NDP_OPT_NONCE) {
			uint8_t *p = (uint8_t *)o->u.nonce.nonce.data + o->u.nonce.nonce.len - 8;

			for (int b = 0; b < 8; b++)
				p[b] = (uint8_t)(i >> (8 * (7 - b)));
		}
	}
	m->msg.h.ra.router_lifetime = (uint16_t)(1800 + (i & 0xff));
}

static int bench_pcap(struct ndpg_msg *m, const char *out, uint64_t n, bool first_hex)
{
	static uint8_t frame[NDPG_FRAME_CAP];
	char err[256];
	struct pcap_out *p = pcap_out_open(out, SG_LINKTYPE_ETHERNET, err, sizeof(err));
	struct timeval ts = { 1700000000, 0 };
	size_t len;
	double t0, t, c0, c;

	if (!p) {
		fprintf(stderr, "bench_ndp_gen: %s: %s\n", out, err);
		return 1;
	}
	t0 = now_s();
	c0 = cpu_s();
	for (uint64_t i = 0; i < n; i++) {
		vary(m, i);
		if (ndpg_msg_frame(m, frame, sizeof(frame), &len, NULL) < 0 ||
		    pcap_out_write(p, &ts, frame, len) < 0) {
			fprintf(stderr, "bench_ndp_gen: build/write failed at packet %llu\n",
				(unsigned long long)i);
			pcap_out_discard(p);
			return 1;
		}
		if (i == 0 && first_hex) {
			printf("first ");
			for (size_t k = 0; k < len; k++)
				printf("%02x", frame[k]);
			printf("\n");
		}
		ts.tv_usec++;
	}
	if (pcap_out_close(p) < 0) {
		fprintf(stderr, "bench_ndp_gen: %s: write error\n", out);
		return 1;
	}
	t = now_s() - t0;
	c = cpu_s() - c0;
	printf("pcap %llu packets %.3f s %.0f packets/s (%zu octets each; cpu %.3f s = %.0f packets/s)\n",
	       (unsigned long long)n, t, (double)n / t, len, c, (double)n / c);
	return 0;
}

/* sockgen's --raw path (rebuild + raw_out_send) against a bare sendto()
 * loop of the same bytes on a plain raw ICMPv6 socket. */
static int bench_raw(struct ndpg_msg *m, const char *ifname, uint64_t n)
{
	static uint8_t icmp[NDP_MSG_MAX_LEN];
	struct raw_out *r;
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6 };
	char err[256];
	size_t len;
	int e, fd, hops = 255;
	double t0, t_sockgen, t_bare;
	uint64_t fails = 0;

	if (!(r = raw_out_open(ifname, &e, err, sizeof(err)))) {
		fprintf(stderr, "bench_ndp_gen: --raw %s: %s\n", ifname, err);
		return 1;
	}
	t0 = now_s();
	for (uint64_t i = 0; i < n; i++) {
		vary(m, i);
		if (ndpg_msg_encode(m, icmp, sizeof(icmp), &len, false) < 0)
			return 1;
		while (raw_out_send(r, icmp, len, m->src, m->dst, m->hop_limit) == -ENOBUFS)
			fails++;
	}
	t_sockgen = now_s() - t0;
	raw_out_close(r);

	/* The minimal loop: one socket, hop limit and interface set once,
	 * the same bytes every time, no ancillary data. */
	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
	if (fd < 0) {
		perror("bench_ndp_gen: socket");
		return 1;
	}
	setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops));
	setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname));
	memcpy(&sa.sin6_addr, m->dst, 16);
	sa.sin6_scope_id = if_nametoindex(ifname);
	t0 = now_s();
	for (uint64_t i = 0; i < n; i++)
		while (sendto(fd, icmp, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			if (errno != ENOBUFS) {
				perror("bench_ndp_gen: sendto");
				close(fd);
				return 1;
			}
			fails++;
		}
	t_bare = now_s() - t0;
	close(fd);
	printf("raw sockgen %llu packets %.3f s %.0f packets/s (rebuilt each)\n",
	       (unsigned long long)n, t_sockgen, (double)n / t_sockgen);
	printf("raw sendto  %llu packets %.3f s %.0f packets/s (same bytes)\n",
	       (unsigned long long)n, t_bare, (double)n / t_bare);
	printf("raw ratio %.2fx of the bare sendto() loop (ENOBUFS retries %llu)\n",
	       t_bare / t_sockgen, (unsigned long long)fails);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "packets", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ "raw", required_argument, NULL, 'r' },
		{ "first-hex", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t n = 2000000;
	const char *out = "/tmp/bench_ndp_gen.pcap", *raw_if = NULL;
	bool first_hex = false;
	struct ndpg_link link = { .have_ll = true };
	struct ndpg_msg *m = calloc(1, sizeof(*m));
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': n = strtoull(optarg, NULL, 10); break;
		case 'o': out = optarg; break;
		case 'r': raw_if = optarg; break;
		case 'x': first_hex = true; break;
		default:
			fprintf(stderr, "usage: bench_ndp_gen [--packets N] [--out FILE] "
				"[--first-hex] [--raw IF]\n");
			return 2;
		}
	}
	if (!m || !n)
		return 2;
	ndpg_parse_ipv6(NDPG_DEFAULT_SRC, link.ll);
	ndpg_parse_mac(NDPG_DEFAULT_MAC, link.mac);
	if (make_ra(m, &link) < 0) {
		fprintf(stderr, "bench_ndp_gen: cannot build the RA\n");
		return 1;
	}
	rc = raw_if ? bench_raw(m, raw_if, n) : bench_pcap(m, out, n, first_hex);
	ndpg_msg_free(m);
	free(m);
	return rc;
}
