/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark of sockgen ndp's build path (RFC 4861 RAs with ten options):
 * packets/s writing a pcap while rebuilding every packet (a new nonce,
 * RFC 3971 5.3.2, and router lifetime each time); --raw: the raw ICMPv6
 * send path (generator/emit/raw_out.c, RFC 3542 sockets) per packet and in sendmmsg()
 * batches against a bare sendto() loop of the same bytes, in rounds;
 * --bare: that loop alone, for timing against the sockgen binary;
 * --manifest: the pcap run writing the manifest too. Driven
 * by bench/ndp_gen, which also runs scapy on the same packets. Not a test. */
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

#include "pcap_out.h"
#include "raw_out_burst.h"
#include "frame.h"
#include "live_out.h"
#include "manifest.h"
#include "ndpg.h"
#include "ndp_script.h"
#include "netif.h"

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

/* --manifest: the same run writing sockgen ndp's manifest beside the pcap
 * (ndp_cmd.c's order: frame, pcap record, manifest record). */
struct mf_opt {
	const char *path;
	bool compact;
};

static int bench_pcap(struct ndpg_msg *m, const char *out, uint64_t n, bool first_hex,
		      const struct mf_opt *mo)
{
	static uint8_t frame[NDPG_FRAME_CAP];
	char err[256];
	struct pcap_out *p = pcap_out_open(out, SG_LINKTYPE_ETHERNET, err, sizeof(err));
	struct manifest *mf = NULL;
	struct timeval ts = { 1700000000, 0 };
	size_t len, icmp_off;
	double t0, t, c0, c;

	if (!p) {
		fprintf(stderr, "bench_ndp_gen: %s: %s\n", out, err);
		return 1;
	}
	if (mo->path) {
		if (!(mf = manifest_open(mo->path))) {
			fprintf(stderr, "bench_ndp_gen: %s: %s\n", mo->path, strerror(errno));
			pcap_out_discard(p);
			return 1;
		}
		manifest_set_compact(mf, mo->compact);
	}
	t0 = now_s();
	c0 = cpu_s();
	for (uint64_t i = 0; i < n; i++) {
		vary(m, i);
		if (ndpg_msg_frame(m, frame, sizeof(frame), &len, &icmp_off) < 0 ||
		    pcap_out_write(p, &ts, frame, len) < 0) {
			fprintf(stderr, "bench_ndp_gen: build/write failed at packet %llu\n",
				(unsigned long long)i);
			pcap_out_discard(p);
			manifest_discard(mf);
			return 1;
		}
		if (mf)
			ndpg_manifest(mf, m, frame + icmp_off, len - icmp_off);
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
		manifest_discard(mf);
		return 1;
	}
	if (mf && manifest_close(mf) < 0) {
		fprintf(stderr, "bench_ndp_gen: %s: write error\n", mo->path);
		return 1;
	}
	t = now_s() - t0;
	c = cpu_s() - c0;
	printf("pcap %llu packets %.3f s %.0f packets/s (%zu octets each; cpu %.3f s = %.0f packets/s)\n",
	       (unsigned long long)n, t, (double)n / t, len, c, (double)n / c);
	return 0;
}

/* ---- --raw: the send path ---- */

struct sample {
	double wall, cpu;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Per-packet path of `sockgen ndp --raw` (ndp_cmd.c): the message is built
 * once, then raw_out_send() per packet. */
static int run_send(struct raw_out *r, const uint8_t *icmp, size_t len,
		    const struct ndpg_msg *m, uint64_t n, uint64_t *retries)
{
	for (uint64_t i = 0; i < n; i++) {
		int e;

		while ((e = raw_out_send(r, icmp, len, m->src, m->dst, m->hop_limit)) == -ENOBUFS)
			(*retries)++;
		if (e < 0) {
			fprintf(stderr, "bench_ndp_gen: raw_out_send: %s\n", strerror(-e));
			return -1;
		}
	}
	return 0;
}

/* The same through raw_out_send_burst(): sendmmsg() batches. */
static int run_burst(struct raw_out *r, const uint8_t *icmp, size_t len,
		     const struct ndpg_msg *m, uint64_t n, uint64_t *retries)
{
	uint64_t done = 0;

	while (done < n) {
		long got = raw_out_send_burst(r, icmp, len, m->src, m->dst, m->hop_limit,
					      (unsigned long)(n - done));

		if (got == -ENOBUFS) {
			(*retries)++;
			continue;
		}
		if (got < 0) {
			fprintf(stderr, "bench_ndp_gen: raw_out_send_burst: %s\n", strerror((int)-got));
			return -1;
		}
		done += (uint64_t)got;
	}
	return 0;
}

/* The baseline: sendto() of the same bytes, no ancillary data, on a socket
 * set up once like sockgen's (same filter, device, hop limit), so only the
 * per-packet path differs. The kernel picks the source: the interface's
 * link-local address, which is what sockgen sends from too. */
static int run_sendto(int fd, const uint8_t *icmp, size_t len, const struct sockaddr_in6 *sa,
		      uint64_t n, uint64_t *retries)
{
	for (uint64_t i = 0; i < n; i++)
		while (sendto(fd, icmp, len, 0, (const struct sockaddr *)sa, sizeof(*sa)) < 0) {
			if (errno != ENOBUFS) {
				perror("bench_ndp_gen: sendto");
				return -1;
			}
			(*retries)++;
		}
	return 0;
}

static struct raw_out *open_raw(const char *ifname, int hops, struct sockaddr_in6 *sa,
				const uint8_t dst[16])
{
	struct raw_out *r;
	char err[256];
	int e;

	if (!(r = raw_out_open(ifname, &e, err, sizeof(err)))) {
		fprintf(stderr, "bench_ndp_gen: --raw %s: %s\n", ifname, err);
		return NULL;
	}
	if (sa) {
		setsockopt(raw_out_fd(r), IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops));
		setsockopt(raw_out_fd(r), IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops));
		memset(sa, 0, sizeof(*sa));
		sa->sin6_family = AF_INET6;
		memcpy(&sa->sin6_addr, dst, 16);
		sa->sin6_scope_id = if_nametoindex(ifname);
	}
	return r;
}

static void print_hex(const char *tag, const uint8_t *p, size_t n)
{
	printf("%s ", tag);
	for (size_t k = 0; k < n; k++)
		printf("%02x", p[k]);
	printf("\n");
}

/* In one process, rounds of the three paths in rotating order (so drift
 * and warm-up hit each alike), each round sending the same message n
 * times. Prints medians with the spread. */
static int bench_raw(struct ndpg_msg *m, const char *ifname, uint64_t n, unsigned rounds)
{
	static const char *const names[3] = { "send", "burst", "sendto" };
	static const char *const what[3] = {
		"raw_out_send() per packet, as sockgen ndp --raw",
		"raw_out_send_burst(), sendmmsg() x64",
		"bare sendto() loop, same bytes",
	};
	static uint8_t icmp[NDP_MSG_MAX_LEN];
	struct raw_out *r[3];
	struct sockaddr_in6 sa;
	double *wall[3], *cpu[3], *ratio_w[2], *ratio_c[2];
	uint64_t retries = 0;
	size_t len;
	int rc = 1;

	/* with the checksum, as ndp_cmd.c hands the frame over (the kernel
	 * recomputes it either way) */
	if (ndpg_msg_encode(m, icmp, sizeof(icmp), &len, true) < 0) {
		fprintf(stderr, "bench_ndp_gen: cannot encode the RA\n");
		return 1;
	}
	print_hex("icmp", icmp, len);
	r[0] = open_raw(ifname, 0, NULL, NULL);
	r[1] = open_raw(ifname, 0, NULL, NULL);
	r[2] = open_raw(ifname, m->hop_limit, &sa, m->dst);
	for (int v = 0; v < 3; v++) {
		wall[v] = calloc(rounds, sizeof(double));
		cpu[v] = calloc(rounds, sizeof(double));
	}
	for (int v = 0; v < 2; v++) {
		ratio_w[v] = calloc(rounds, sizeof(double));
		ratio_c[v] = calloc(rounds, sizeof(double));
	}
	if (!r[0] || !r[1] || !r[2] || !wall[2] || !cpu[2] || !ratio_w[1] || !ratio_c[1])
		goto out;
	/* warm-up: route, neighbour and socket state, caches */
	if (run_send(r[0], icmp, len, m, n / 10 + 1, &retries) ||
	    run_burst(r[1], icmp, len, m, n / 10 + 1, &retries) ||
	    run_sendto(raw_out_fd(r[2]), icmp, len, &sa, n / 10 + 1, &retries))
		goto out;
	for (unsigned k = 0; k < rounds; k++) {
		for (int j = 0; j < 3; j++) {
			int v = (int)((k + (unsigned)j) % 3), e;
			double t0 = now_s(), c0 = cpu_s();

			e = v == 0 ? run_send(r[0], icmp, len, m, n, &retries) :
			    v == 1 ? run_burst(r[1], icmp, len, m, n, &retries) :
			    run_sendto(raw_out_fd(r[2]), icmp, len, &sa, n, &retries);
			if (e)
				goto out;
			wall[v][k] = (double)n / (now_s() - t0);
			cpu[v][k] = (double)n / (cpu_s() - c0);
		}
		for (int v = 0; v < 2; v++) {
			ratio_w[v][k] = wall[v][k] / wall[2][k];
			ratio_c[v][k] = cpu[v][k] / cpu[2][k];
		}
	}
	printf("raw in-process: %u rounds x %llu packets of %zu octets, order rotating; "
	       "packets/s median [min..max]\n", rounds, (unsigned long long)n, len);
	for (int v = 0; v < 3; v++) {
		double w = median(wall[v], rounds), c = median(cpu[v], rounds);

		printf("raw %-6s wall %7.0f [%.0f..%.0f]  cpu %7.0f [%.0f..%.0f]  (%s)\n",
		       names[v], w, wall[v][0], wall[v][rounds - 1], c, cpu[v][0],
		       cpu[v][rounds - 1], what[v]);
	}
	for (int v = 0; v < 2; v++) {
		double w = median(ratio_w[v], rounds), c = median(ratio_c[v], rounds);

		printf("raw ratio %s/sendto: wall %.2fx [%.2f..%.2f]  cpu %.2fx [%.2f..%.2f]"
		       " (median of per-round ratios)\n", names[v], w, ratio_w[v][0],
		       ratio_w[v][rounds - 1], c, ratio_c[v][0], ratio_c[v][rounds - 1]);
	}
	printf("raw ENOBUFS retries %llu\n", (unsigned long long)retries);
	rc = 0;
out:
	for (int v = 0; v < 3; v++) {
		raw_out_close(r[v]);
		free(wall[v]);
		free(cpu[v]);
	}
	for (int v = 0; v < 2; v++) {
		free(ratio_w[v]);
		free(ratio_c[v]);
	}
	return rc;
}

/* --bare: the baseline as its own process, timed from outside like the
 * sockgen binary: send the ICMPv6 message of the first frame of a pcap
 * (Ethernet + IPv6, as sockgen ndp --pcap writes it) n times with
 * sendto(), hop limit and destination taken from its IPv6 header. */
static int bench_bare(const char *ifname, const char *pcap, uint64_t n)
{
	uint8_t buf[24 + 16 + NDPG_FRAME_CAP];
	FILE *f = fopen(pcap, "rb");
	size_t got = f ? fread(buf, 1, sizeof(buf), f) : 0;
	uint32_t caplen;
	const uint8_t *fr = buf + 24 + 16;
	struct sockaddr_in6 sa;
	struct raw_out *r;
	uint64_t retries = 0;
	int rc;

	if (f)
		fclose(f);
	if (got < 24 + 16 + 14 + 40 + 4) {
		fprintf(stderr, "bench_ndp_gen: --icmp-from %s: no frame\n", pcap);
		return 1;
	}
	memcpy(&caplen, buf + 24 + 8, 4);       /* host order, as written */
	if (caplen > got - 40 || fr[12] != 0x86 || fr[13] != 0xdd || fr[14 + 6] != 58) {
		fprintf(stderr, "bench_ndp_gen: --icmp-from %s: not an Ethernet IPv6 ICMPv6 frame\n", pcap);
		return 1;
	}
	if (!(r = open_raw(ifname, fr[14 + 7], &sa, fr + 14 + 24)))
		return 1;
	print_hex("icmp", fr + 54, caplen - 54);
	rc = run_sendto(raw_out_fd(r), fr + 54, caplen - 54, &sa, n, &retries) ? 1 : 0;
	raw_out_close(r);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "packets", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ "raw", required_argument, NULL, 'r' },
		{ "first-hex", no_argument, NULL, 'x' },
		{ "rounds", required_argument, NULL, 'R' },
		{ "bare", required_argument, NULL, 'b' },
		{ "icmp-from", required_argument, NULL, 'i' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "manifest-format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t n = 2000000;
	const char *out = "/tmp/bench_ndp_gen.pcap", *raw_if = NULL, *bare_if = NULL;
	const char *icmp_from = NULL;
	unsigned rounds = 7;
	bool first_hex = false;
	struct mf_opt mo = { .compact = true };
	struct ndpg_link link = { .have_ll = true };
	struct ndpg_msg *m = calloc(1, sizeof(*m));
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': n = strtoull(optarg, NULL, 10); break;
		case 'o': out = optarg; break;
		case 'r': raw_if = optarg; break;
		case 'x': first_hex = true; break;
		case 'R': rounds = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'b': bare_if = optarg; break;
		case 'i': icmp_from = optarg; break;
		case 'm': mo.path = optarg; break;
		case 'f':
			if (manifest_parse_format(optarg, &mo.compact))
				return 2;
			break;
		default:
			fprintf(stderr, "usage: bench_ndp_gen [--packets N] [--out FILE] "
				"[--first-hex] [--manifest FILE [--manifest-format full|compact]]\n"
				"       [--raw IF [--rounds R]] [--bare IF --icmp-from PCAP]\n");
			return 2;
		}
	}
	if (!m || !n || !rounds || (bare_if && !icmp_from))
		return 2;
	if (bare_if) {
		free(m);
		return bench_bare(bare_if, icmp_from, n);
	}
	ndpg_parse_ipv6(NDPG_DEFAULT_SRC, link.ll);
	ndpg_parse_mac(NDPG_DEFAULT_MAC, link.mac);
	if (raw_if) {
		/* as sockgen ndp does: the interface's own MAC and link-local */
		struct netif ni;

		if (netif_get(raw_if, &ni) < 0) {
			fprintf(stderr, "bench_ndp_gen: --raw %s: no such interface\n", raw_if);
			return 1;
		}
		if (ni.have_mac)
			memcpy(link.mac, ni.mac, 6);
		if (ni.have_ll)
			memcpy(link.ll, ni.ll, 16);
	}
	if (make_ra(m, &link) < 0) {
		fprintf(stderr, "bench_ndp_gen: cannot build the RA\n");
		return 1;
	}
	rc = raw_if ? bench_raw(m, raw_if, n, rounds) : bench_pcap(m, out, n, first_hex, &mo);
	ndpg_msg_free(m);
	free(m);
	return rc;
}
