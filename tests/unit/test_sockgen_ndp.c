/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for sockgen ndp (generator/ndp/ndp_*.c, core/frame.c): defaults of
 * RFC 4861 (hop limit 255, all-nodes / all-routers / solicited-node
 * destinations, RFC 2464 7 multicast MACs), framing and checksum, the
 * negative-test knobs, and every class of bad input: exit 2 with one
 * message naming the argument, exit 1 for runtime failures, and no output
 * file left behind by a failed run. */
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "frame.h"
#include "ndp.h"
#include "ndpg.h"
#include "ndp_script.h"
#include "sockgen.h"

static char g_dir[64];
static char g_err[4096];

/* Run "sockgen ndp <line>" in-process; stderr goes to g_err. @D@ in the
 * line is replaced by the scratch directory. */
static int run_ndp(const char *line)
{
	char buf[4096], *argv[128];
	const char *why;
	int n, rc, saved, fd;
	ssize_t got;
	size_t o = 0;

	/* "ndp " + line with every @D@ replaced by the scratch directory */
	memcpy(buf, "ndp ", 4);
	o = 4;
	for (const char *c = line; *c && o + sizeof(g_dir) + 1 < sizeof(buf); ) {
		if (!strncmp(c, "@D@", 3)) {
			memcpy(buf + o, g_dir, strlen(g_dir));
			o += strlen(g_dir);
			c += 3;
		} else {
			buf[o++] = *c++;
		}
	}
	buf[o] = '\0';
	n = ndpg_split_line(buf, argv, 127, &why);
	CU_ASSERT_FATAL(n > 0);
	argv[n] = NULL;
	fflush(stderr);
	saved = dup(2);
	fd = open(g_dir, O_TMPFILE | O_RDWR, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	dup2(fd, 2);
	rc = cmd_ndp(n, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	got = read(fd, g_err, sizeof(g_err) - 1);
	g_err[got > 0 ? got : 0] = '\0';
	close(fd);
	return rc;
}

static bool exists(const char *name)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", g_dir, name);
	return stat(p, &st) == 0;
}

/* Bad input: exit 2 and exactly one line naming the argument. */
static void expect_usage(const char *line, const char *needle)
{
	int rc = run_ndp(line);

	CU_ASSERT_EQUAL(rc, SG_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_err, needle));
	CU_ASSERT_EQUAL(strncmp(g_err, "sockgen: ndp", 12), 0);
	/* one message: a single line */
	CU_ASSERT_PTR_NOT_NULL(strchr(g_err, '\n'));
	CU_ASSERT_EQUAL(strchr(g_err, '\n') - g_err + 1, (long)strlen(g_err));
	if (rc != SG_EXIT_USAGE || !strstr(g_err, needle))
		fprintf(stdout, "\n  line: %s\n  rc %d stderr: %s", line, rc, g_err);
	CU_ASSERT_FALSE(exists("bad.pcap"));
	CU_ASSERT_FALSE(exists("bad.jsonl"));
}

static void test_bad_input(void)
{
	/* The wording of the issue, exactly. */
	CU_ASSERT_EQUAL(run_ndp("ra --pcap @D@/bad.pcap --prefix 2001:db8::/129"), 2);
	CU_ASSERT_STRING_EQUAL(g_err, "sockgen: ndp ra: --prefix '2001:db8::/129': "
			       "prefix length must be 0..128\n");

	expect_usage("ra --pcap @D@/bad.pcap --prefix 2001:zz::/64", "--prefix '2001:zz::/64': not an IPv6 prefix");
	expect_usage("ra --pcap @D@/bad.pcap --prefix 2001:db8::", "expected PREFIX/LEN");
	expect_usage("ra --pcap @D@/bad.pcap --prefix 2001:db8::/64,valid=forever", "valid 'forever'");
	expect_usage("ra --pcap @D@/bad.pcap --prefix 2001:db8::/64,X", "unknown sub-field 'X'");
	expect_usage("ra --pcap @D@/bad.pcap --prefix 2001:db8::/64,valid=10,preferred=20", "--prefix");
	expect_usage("ra --pcap @D@/bad.pcap --mtu abc", "--mtu 'abc': not a number");
	expect_usage("ra --pcap @D@/bad.pcap --mtu 1000", "--mtu '1000': MTU must be at least 1280");
	expect_usage("ra --pcap @D@/bad.pcap --mtu 1500 --mtu 1400", "may appear only once");
	expect_usage("ra --pcap @D@/bad.pcap --slla 02:00:00:00:00", "--slla '02:00:00:00:00'");
	expect_usage("ra --pcap @D@/bad.pcap --src-mac 02:00:00:00:00:zz", "--src-mac '02:00:00:00:00:zz'");
	expect_usage("ra --pcap @D@/bad.pcap --src fe80::zz", "--src 'fe80::zz': not an IPv6 address");
	expect_usage("ra --pcap @D@/bad.pcap --dst ''", "--dst '': empty address");
	expect_usage("ra --pcap @D@/bad.pcap --hop-limit 256", "--hop-limit '256'");
	expect_usage("ra --pcap @D@/bad.pcap --code -1", "--code '-1'");
	expect_usage("ra --pcap @D@/bad.pcap --router-lifetime 70000", "--router-lifetime '70000'");
	expect_usage("ra --pcap @D@/bad.pcap --flags M,X", "--flags 'M,X': unknown flag 'X'");
	expect_usage("na --pcap @D@/bad.pcap --flags M", "--flags 'M': unknown flag 'M'");
	expect_usage("ra --pcap @D@/bad.pcap --prf extreme", "--prf 'extreme'");
	expect_usage("rs --pcap @D@/bad.pcap --router-lifetime 5", "--router-lifetime: not a field of rs");
	expect_usage("ra --pcap @D@/bad.pcap --target fe80::1", "--target: not a field of ra");
	expect_usage("ra --pcap @D@/bad.pcap --route 2001:db8::/48,prf=extreme", "prf 'extreme'");
	expect_usage("ra --pcap @D@/bad.pcap --rdnss 2001:db8::zz", "'2001:db8::zz': not an IPv6 address");
	expect_usage("ra --pcap @D@/bad.pcap --rdnss lifetime=10", "needs at least one address");
	expect_usage("ra --pcap @D@/bad.pcap --dnssl bad..name", "not a DNS name");
	expect_usage("ra --pcap @D@/bad.pcap --pref64 64:ff9b::/80", "prefix length must be 96, 64, 56, 48, 40 or 32");
	expect_usage("ra --pcap @D@/bad.pcap --nonce 0102", "nonce must be 6, 14, 22");
	expect_usage("ra --pcap @D@/bad.pcap --nonce 01020", "odd number of hex digits");
	expect_usage("ra --pcap @D@/bad.pcap --ra-flags-ext 1000000000000", "48 bits");
	expect_usage("ra --pcap @D@/bad.pcap --captive-portal ''", "empty URI");
	expect_usage("ra --pcap @D@/bad.pcap --opt 300:00", "--opt '300:00': type must be 0..255");
	expect_usage("ra --pcap @D@/bad.pcap --opt 3", "--opt '3': expected TYPE:HEX");
	expect_usage("ra --pcap @D@/bad.pcap --opt-len 3:256", "--opt-len '3:256'");
	expect_usage("ra --pcap @D@/bad.pcap --count 0", "--count '0'");
	expect_usage("ra --pcap @D@/bad.pcap --rate 10 --interval 5", "give one of them");
	expect_usage("ra --pcap @D@/bad.pcap --bogus", "unknown option '--bogus'");
	expect_usage("ra --pcap @D@/bad.pcap --mtu", "--mtu: missing argument");
	expect_usage("ra --pcap @D@/bad.pcap stray", "unexpected argument 'stray'");
	expect_usage("bogus --pcap @D@/bad.pcap", "unknown message 'bogus'");
	expect_usage("ns --pcap @D@/bad.pcap", "--target is required");
	expect_usage("redirect --pcap @D@/bad.pcap --target fe80::2", "--destination is required");
	expect_usage("ra", "no output");
	expect_usage("ra --raw lo --bad-checksum", "--bad-checksum");
	expect_usage("ns --raw lo --src :: --target fe80::1", "--src '::'");
	expect_usage("--pcap @D@/bad.pcap", "give a message type or --script FILE");
	expect_usage("na --iface lo --dst 2001:db8::1", "give --dst-mac for --iface");
}

static void write_file(const char *name, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", g_dir, name);
	f = fopen(p, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static void test_script(void)
{
	write_file("ok.txt", "# comment\n\nrs\nra --prefix 2001:db8::/64,L,A --count 2 # trailing\n"
		   "ns --target 'fe80::2'\n");
	CU_ASSERT_EQUAL(run_ndp("--script @D@/ok.txt --pcap @D@/s.pcap --quiet"), 0);
	CU_ASSERT_TRUE(exists("s.pcap"));

	write_file("bad.txt", "rs\nra\nra --mtu 12x\n");
	expect_usage("--script @D@/bad.txt --pcap @D@/bad.pcap", "bad.txt:3: ra: --mtu '12x'");
	write_file("bad2.txt", "rs\nfoo --x\n");
	expect_usage("--script @D@/bad2.txt --pcap @D@/bad.pcap", "bad2.txt:2: 'foo': unknown message");
	write_file("bad3.txt", "ra --pcap other.pcap\n");
	expect_usage("--script @D@/bad3.txt --pcap @D@/bad.pcap", "not allowed in a script line");
	write_file("bad4.txt", "ra --dnssl 'unterminated\n");
	expect_usage("--script @D@/bad4.txt --pcap @D@/bad.pcap", "bad4.txt:1: unterminated quote");
	write_file("empty.txt", "# nothing\n\n");
	expect_usage("--script @D@/empty.txt --pcap @D@/bad.pcap", "no message in the script");
	expect_usage("--script @D@/missing.txt --pcap @D@/bad.pcap", "--script '");
	expect_usage("--script @D@ --pcap @D@/bad.pcap", "--script '");
	expect_usage("ra --script @D@/ok.txt --pcap @D@/bad.pcap", "either a message or a script");
}

static void test_runtime_failures(void)
{
	/* A missing interface: exit 1 naming it, nothing written. */
	CU_ASSERT_EQUAL(run_ndp("ra --raw sockscope-none0 --pcap @D@/bad.pcap"), SG_EXIT_RUNTIME);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_err, "sockscope-none0"));
	CU_ASSERT_FALSE(exists("bad.pcap"));
	CU_ASSERT_EQUAL(run_ndp("ra --iface sockscope-none0 --manifest @D@/bad.jsonl"), SG_EXIT_RUNTIME);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_err, "sockscope-none0"));
	CU_ASSERT_FALSE(exists("bad.jsonl"));
	/* An unwritable output: exit 1. */
	CU_ASSERT_EQUAL(run_ndp("ra --pcap @D@/no/such/dir.pcap"), SG_EXIT_RUNTIME);
	CU_ASSERT_PTR_NOT_NULL(strstr(g_err, "--pcap"));
}

/* Without CAP_NET_RAW: exit 1, "needs root or CAP_NET_RAW". As root the
 * check runs in a child that becomes nobody. */
static void test_privileges(void)
{
	pid_t pid;
	int st, p[2];
	char msg[512] = "";
	ssize_t n;

	if (geteuid() != 0) {
		CU_ASSERT_EQUAL(run_ndp("ra --raw lo"), SG_EXIT_RUNTIME);
		CU_ASSERT_PTR_NOT_NULL(strstr(g_err, "needs root or CAP_NET_RAW"));
		CU_ASSERT_EQUAL(run_ndp("ra --iface lo"), SG_EXIT_RUNTIME);
		CU_ASSERT_PTR_NOT_NULL(strstr(g_err, "needs root or CAP_NET_RAW"));
		return;
	}
	CU_ASSERT_FATAL(pipe(p) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int a, b;

		close(p[0]);
		if (setgid(65534) || setuid(65534))
			_exit(77);      /* cannot drop privileges here: nothing to check */
		a = run_ndp("ra --raw lo");
		n = write(p[1], g_err, strlen(g_err));
		b = run_ndp("ra --iface lo");
		n = write(p[1], g_err, strlen(g_err));
		(void)n;
		_exit(a == 1 && b == 1 ? 0 : 1);
	}
	close(p[1]);
	{
		size_t have = 0;

		while (have < sizeof(msg) - 1 &&
		       (n = read(p[0], msg + have, sizeof(msg) - 1 - have)) > 0)
			have += (size_t)n;
		msg[have] = '\0';
	}
	close(p[0]);
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 77) {
		fprintf(stdout, "(cannot become nobody: privilege check not run) ");
		return;
	}
	CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "--raw lo: needs root or CAP_NET_RAW"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "--iface lo: needs root or CAP_NET_RAW"));
}

/* Build through the same path as the CLI. */
static void make(struct ndpg_msg *m, const char *line, uint8_t *frame, size_t *len)
{
	char buf[1024], *argv[64];
	const char *why;
	struct ndpg_run run = { 0 };
	struct ndpg_link link;
	int n;
	const struct ndp_msg_desc *v;

	snprintf(buf, sizeof(buf), "%s", line);
	n = ndpg_split_line(buf, argv, 63, &why);
	CU_ASSERT_FATAL(n > 0);
	v = ndpg_verb_find(argv[0]);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	m->store = NULL;
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_init(m, v), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_args(m, &run, n, argv, false), 0);
	memcpy(link.ll, fx_ll1, 16);
	memcpy(link.mac, fx_mac_def, 6);
	link.have_ll = true;
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_finish(m, &link), 0);
	CU_ASSERT_EQUAL_FATAL(ndpg_msg_frame(m, frame, NDPG_FRAME_CAP, len, NULL), 0);
}

static struct ndpg_msg g_m;
static uint8_t g_frame[NDPG_FRAME_CAP];

static void test_defaults_ra(void)
{
	static const uint8_t eth[14] = { 0x33, 0x33, 0, 0, 0, 1,       /* RFC 2464 7 */
					 FX_MAC_DEF_BYTES, 0x86, 0xdd };
	size_t len;
	const uint8_t *ip = g_frame + 14, *icmp = g_frame + 54;

	make(&g_m, "ra --prefix 2001:db8::/64,L,A --mtu 1500", g_frame, &len);
	CU_ASSERT_EQUAL(memcmp(g_frame, eth, 14), 0);
	CU_ASSERT_EQUAL(ip[0], 0x60);
	CU_ASSERT_EQUAL(ip[6], 58);                     /* next header ICMPv6 */
	CU_ASSERT_EQUAL(ip[7], 255);                    /* RFC 4861 hop limit */
	CU_ASSERT_EQUAL((size_t)(ip[4] << 8 | ip[5]), len - 54);
	CU_ASSERT_EQUAL(memcmp(ip + 8, fx_ll1, 16), 0);
	CU_ASSERT_EQUAL(memcmp(ip + 24, fx_all_nodes, 16), 0);
	CU_ASSERT_EQUAL(icmp[0], NDP_RA);
	CU_ASSERT_EQUAL(icmp[4], 64);                   /* cur hop limit default */
	CU_ASSERT_EQUAL(icmp[6] << 8 | icmp[7], 1800);  /* router lifetime */
	/* default SLLA first, then the options in command-line order */
	CU_ASSERT_EQUAL(icmp[16], NDP_OPT_SLLA);
	CU_ASSERT_EQUAL(memcmp(icmp + 18, fx_mac_def, 6), 0);
	CU_ASSERT_EQUAL(icmp[24], NDP_OPT_PREFIX);
	CU_ASSERT_EQUAL(icmp[25], 4);
	CU_ASSERT_EQUAL(icmp[56], NDP_OPT_MTU);
	CU_ASSERT_EQUAL(len, 54 + 16 + 8 + 32 + 8);
	/* checksum verifies over the pseudo-header */
	CU_ASSERT_EQUAL(ndp_checksum(ip + 8, ip + 24, icmp, len - 54), 0);
	ndpg_msg_free(&g_m);
}

static void test_defaults_ns_na_rs(void)
{
	static const uint8_t mac_sol[6] = { 0x33, 0x33, 0xff, 0, 0, 0x02 };
	static const uint8_t all_routers[16] = { 0xff, 2, [15] = 2 };
	size_t len;
	uint8_t sol[16];
	const uint8_t *ip = g_frame + 14, *icmp = g_frame + 54;

	make(&g_m, "ns --target fe80::2", g_frame, &len);
	CU_ASSERT_EQUAL(memcmp(g_frame, mac_sol, 6), 0);
	frame_solicited_node(icmp + 8, sol);
	CU_ASSERT_EQUAL(memcmp(ip + 24, sol, 16), 0);
	CU_ASSERT_EQUAL(sol[11], 1);
	CU_ASSERT_EQUAL(sol[12], 0xff);
	CU_ASSERT_EQUAL(icmp[24], NDP_OPT_SLLA);
	ndpg_msg_free(&g_m);

	/* DAD: from ::, no SLLA (RFC 4861 4.3) */
	make(&g_m, "ns --src :: --target 2001:db8::1", g_frame, &len);
	CU_ASSERT_EQUAL(len, 54 + 24);
	ndpg_msg_free(&g_m);

	/* NA: target defaults to the source, TLLA by default */
	make(&g_m, "na --flags S,O", g_frame, &len);
	CU_ASSERT_EQUAL(icmp[4], 0x60);
	CU_ASSERT_EQUAL(memcmp(icmp + 8, fx_ll1, 16), 0);
	CU_ASSERT_EQUAL(icmp[24], NDP_OPT_TLLA);
	ndpg_msg_free(&g_m);

	make(&g_m, "rs --no-slla", g_frame, &len);
	CU_ASSERT_EQUAL(memcmp(ip + 24, all_routers, 16), 0);
	CU_ASSERT_EQUAL(len, 54 + 8);
	ndpg_msg_free(&g_m);

	/* unicast destination with an EUI-64 interface id: its MAC */
	make(&g_m, "na --dst fe80::200:5eff:fe00:5301 --target fe80::1", g_frame, &len);
	CU_ASSERT_EQUAL(g_frame[0], 0x00);              /* U/L bit flipped back */
	CU_ASSERT_EQUAL(g_frame[1], 0x00);
	CU_ASSERT_EQUAL(g_frame[2], 0x5e);
	CU_ASSERT_EQUAL(g_frame[5], 0x01);
	ndpg_msg_free(&g_m);
}

static void test_negative_knobs(void)
{
	size_t len;
	const uint8_t *ip = g_frame + 14, *icmp = g_frame + 54;

	make(&g_m, "ra --no-slla --bad-checksum --hop-limit 64 --code 3 --opt-len 5:0 --mtu 1500 "
	     "--opt 200:01020304", g_frame, &len);
	CU_ASSERT_NOT_EQUAL(ndp_checksum(ip + 8, ip + 24, icmp, len - 54), 0);
	CU_ASSERT_EQUAL(ip[7], 64);
	CU_ASSERT_EQUAL(icmp[1], 3);
	CU_ASSERT_EQUAL(icmp[16], NDP_OPT_MTU);
	CU_ASSERT_EQUAL(icmp[17], 0);                   /* --opt-len 5:0 */
	CU_ASSERT_EQUAL(icmp[24], 200);                 /* raw option, padded */
	CU_ASSERT_EQUAL(icmp[25], 1);
	CU_ASSERT_EQUAL(memcmp(icmp + 26, "\x01\x02\x03\x04\x00\x00", 6), 0);
	ndpg_msg_free(&g_m);

	/* a raw option of a known type is written as given, not re-encoded */
	make(&g_m, "ra --no-slla --opt 3:40c0", g_frame, &len);
	CU_ASSERT_EQUAL(len, 54 + 16 + 8);
	CU_ASSERT_EQUAL(icmp[16], 3);
	CU_ASSERT_EQUAL(icmp[17], 1);
	CU_ASSERT_EQUAL(icmp[18], 0x40);
	ndpg_msg_free(&g_m);
}

/* The pcap holds exactly the frames the encoder builds. */
static void test_pcap_matches_encoder(void)
{
	char path[256], ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p;
	size_t len;
	int count = 0;

	CU_ASSERT_EQUAL_FATAL(run_ndp("ra --pcap @D@/m.pcap --manifest @D@/m.jsonl --count 3 "
				      "--interval 1000 --quiet --prefix 2001:db8::/64,L --rdnss 2001:db8::53"), 0);
	make(&g_m, "ra --prefix 2001:db8::/64,L --rdnss 2001:db8::53", g_frame, &len);
	snprintf(path, sizeof(path), "%s/m.pcap", g_dir);
	p = pcap_open_offline(path, ebuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(pcap_datalink(p), DLT_EN10MB);
	while (pcap_next_ex(p, &h, &data) == 1) {
		CU_ASSERT_EQUAL(h->caplen, len);
		CU_ASSERT_EQUAL(memcmp(data, g_frame, len), 0);
		count++;
	}
	pcap_close(p);
	CU_ASSERT_EQUAL(count, 3);
	ndpg_msg_free(&g_m);
}

static void test_split_line(void)
{
	char line[] = "ra --dnssl 'a b' --x \"c\"d  # comment";
	char *argv[8];
	const char *why;

	CU_ASSERT_EQUAL(ndpg_split_line(line, argv, 8, &why), 5);
	CU_ASSERT_STRING_EQUAL(argv[0], "ra");
	CU_ASSERT_STRING_EQUAL(argv[2], "a b");
	CU_ASSERT_STRING_EQUAL(argv[4], "cd");
}

static void test_value_parsers(void)
{
	uint8_t a[16], len;
	uint64_t v;

	CU_ASSERT_PTR_NULL(ndpg_parse_prefix("2001:db8::/128", a, &len));
	CU_ASSERT_EQUAL(len, 128);
	CU_ASSERT_PTR_NULL(ndpg_parse_prefix("::/0", a, &len));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_prefix("2001:db8::/129", a, &len));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_prefix("2001:db8::/-1", a, &len));
	CU_ASSERT_PTR_NULL(ndpg_parse_lifetime("infinity", UINT32_MAX, &v));
	CU_ASSERT_EQUAL(v, 0xffffffffu);
	CU_ASSERT_PTR_NULL(ndpg_parse_lifetime("0", UINT32_MAX, &v));
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_PTR_NULL(ndpg_parse_lifetime("4294967295", UINT32_MAX, &v));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_lifetime("4294967296", UINT32_MAX, &v));
	CU_ASSERT_PTR_NULL(ndpg_parse_lifetime("2h", UINT32_MAX, &v));
	CU_ASSERT_EQUAL(v, 7200);
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_lifetime("2x", UINT32_MAX, &v));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_uint("-1", 10, &v));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_uint("11", 10, &v));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_mac("02:00:00:00:00:100", a));
	CU_ASSERT_PTR_NOT_NULL(ndpg_parse_mac("02:00:00:00:00: 1", a));
	CU_ASSERT_PTR_NULL(ndpg_parse_mac("de:ad:be:ef:de:ad", a));
	CU_ASSERT_EQUAL(memcmp(a, fx_mac_dead, 6), 0);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "bad input: exit 2, one message naming the argument", test_bad_input },
		{ "script: file and line in errors", test_script },
		{ "runtime failures: exit 1, nothing left behind", test_runtime_failures },
		{ "missing privileges: exit 1", test_privileges },
		{ "RA defaults, framing, checksum", test_defaults_ra },
		{ "NS/NA/RS defaults", test_defaults_ns_na_rs },
		{ "negative-test knobs", test_negative_knobs },
		{ "pcap == encoder output", test_pcap_matches_encoder },
		{ "script line splitting", test_split_line },
		{ "value parsers and boundaries", test_value_parsers },
		{ NULL, NULL },
	};
	int rc;

	fx_touch();
	snprintf(g_dir, sizeof(g_dir), "/tmp/sockgen-ndp-test.XXXXXX");
	if (!mkdtemp(g_dir))
		return 1;
	chmod(g_dir, 01777);     /* the privilege check runs as nobody */
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("sockgen ndp", tests))
		return 1;
	rc = fx_run();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_dir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
