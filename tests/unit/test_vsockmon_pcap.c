/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit tests of `sockgen vsock pcap` (generator/vsock/vsock_pcap.c): exit codes
 * for bad input, no file left behind on failure, and the written capture
 * read back with the codec (pcap file format, LINKTYPE_VSOCK 271). */
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sockgen.h"
#include "vsock.h"
#include "vsockmon.h"

#include "fixtures.h"

static char dir[] = "/tmp/sockscope-vsockpcap-XXXXXX";
static char out[256], mf[256];

static int run(const char *const *args)
{
	char *argv[32];
	int argc = 0;

	for (; args[argc]; argc++)
		argv[argc] = (char *)args[argc];
	argv[argc] = NULL;
	fflush(stdout);
	return cmd_vsock_pcap(argc, argv);
}

static int exists(const char *p)
{
	return access(p, F_OK) == 0;
}

static void test_bad_input(void)
{
	static const char *const bad[][16] = {
		{ "pcap", "--scenario", "bulk", NULL },                         /* no --out */
		{ "pcap", "--out", out, NULL },                                 /* no --scenario */
		{ "pcap", "--out", out, "--scenario", "nope", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--bytes", "0", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--bytes", "12Q", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--bytes", "-5", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--msg-size", "2M", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--src-cid", "4294967295", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--dst-cid", "0", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--dst-port", "4294967295", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--src-port", "x", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--count", "0", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--buf-alloc", "0", NULL },
		{ "pcap", "--out", out, "--scenario", "bulk", "--src-port", "5000", NULL },
		{ "pcap", "--out", out, "--scenario", "seqpacket", "--bytes", "300000", NULL },
		{ "pcap", "--out", out, "--scenario", "credit-stall", "--bytes", "1000", NULL },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unlink(out);
		CU_ASSERT_EQUAL(run(bad[i]), SG_EXIT_USAGE);
		CU_ASSERT_FALSE(exists(out));
	}
	{
		static const char *const extra[] = { "pcap", "--out", "x", "--scenario",
						     "bulk", "stray", NULL };
		CU_ASSERT_EQUAL(run(extra), SG_EXIT_USAGE);
	}
}

static void test_runtime_failure(void)
{
	char missing[300];
	const char *a[] = { "pcap", "--out", out, "--scenario", "bulk", "--manifest", missing, NULL };
	const char *b[] = { "pcap", "--out", missing, "--scenario", "bulk", NULL };

	snprintf(missing, sizeof(missing), "%s/no/such/dir/file", dir);
	unlink(out);
	/* the manifest cannot be created: exit 1 and the capture is removed */
	CU_ASSERT_EQUAL(run(a), SG_EXIT_RUNTIME);
	CU_ASSERT_FALSE(exists(out));
	CU_ASSERT_EQUAL(run(b), SG_EXIT_RUNTIME);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static size_t count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;
	int ch;

	if (!f)
		return 0;
	while ((ch = fgetc(f)) != EOF)
		n += ch == '\n';
	fclose(f);
	return n;
}

/* The file is a pcap (microsecond magic, version 2.4, link type 271) whose
 * every record is a well-formed vsockmon frame with the payload its
 * header announces, timestamps 10 us apart from 2024-01-01. */
static void test_capture_readback(void)
{
	const char *a[] = { "pcap", "--out", out, "--scenario", "seqpacket", "--manifest", mf,
			    "--src-cid", "3", "--dst-cid", "2", "--dst-port", "1234", NULL };
	size_t len = 0, off, n = 0, rw_bytes = 0;
	uint8_t *buf;

	CU_ASSERT_EQUAL_FATAL(run(a), SG_EXIT_OK);
	buf = slurp(out, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_TRUE_FATAL(len >= 24);
	CU_ASSERT_EQUAL(le32(buf), 0xa1b2c3d4u);        /* magic: microseconds, LE */
	CU_ASSERT_EQUAL(buf[4] | buf[5] << 8, 2);       /* version 2.4 */
	CU_ASSERT_EQUAL(buf[6] | buf[7] << 8, 4);
	CU_ASSERT_EQUAL(le32(buf + 20), 271);           /* LINKTYPE_VSOCK */
	for (off = 24; off + 16 <= len; n++) {
		uint32_t sec = le32(buf + off), usec = le32(buf + off + 4);
		uint32_t caplen = le32(buf + off + 8), wirelen = le32(buf + off + 12);
		struct vsockmon_frame f;

		CU_ASSERT_EQUAL(caplen, wirelen);
		CU_ASSERT_EQUAL((uint64_t)sec * 1000000 + usec, 1704067200ull * 1000000 + 10 * n);
		if (off + 16 + caplen > len) {
			CU_FAIL("record past end of file");
			break;
		}
		CU_ASSERT_EQUAL(vsockmon_frame_parse(buf + off + 16, caplen, &f), 0);
		CU_ASSERT_TRUE(f.has_virtio);
		CU_ASSERT_EQUAL(f.payload_len, f.virtio.len);
		CU_ASSERT_EQUAL(f.mon.op, vsock_virtio_op_to_mon(f.virtio.op));
		CU_ASSERT_TRUE(f.mon.src_cid == 3 || f.mon.src_cid == 2);
		CU_ASSERT_TRUE(f.mon.src_port == 1234 || f.mon.dst_port == 1234);
		if (f.virtio.op == VSOCK_VIRTIO_OP_RW && f.mon.src_cid == 3) {
			/* the client's bytes follow the k % 251 pattern */
			for (size_t i = 0; i < f.payload_len; i++)
				if (f.payload[i] != (uint8_t)((rw_bytes + i) % 251)) {
					CU_FAIL("payload pattern");
					break;
				}
			rw_bytes += f.payload_len;
		}
		off += 16 + caplen;
	}
	CU_ASSERT_EQUAL(off, len);
	CU_ASSERT_EQUAL(n, count_lines(mf));
	CU_ASSERT_EQUAL(rw_bytes, 4 * 1000 + 100000);   /* default messages */
	free(buf);
}

static void test_deterministic(void)
{
	char out2[300];
	const char *a[] = { "pcap", "--out", out, "--scenario", "credit-stall", NULL };
	const char *b[] = { "pcap", "--out", out2, "--scenario", "credit-stall", NULL };
	uint8_t *x, *y;
	size_t lx = 0, ly = 0;

	snprintf(out2, sizeof(out2), "%s/second.pcap", dir);
	CU_ASSERT_EQUAL_FATAL(run(a), SG_EXIT_OK);
	CU_ASSERT_EQUAL_FATAL(run(b), SG_EXIT_OK);
	x = slurp(out, &lx);
	y = slurp(out2, &ly);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(y);
	CU_ASSERT_EQUAL(lx, ly);
	CU_ASSERT_TRUE(lx == ly && memcmp(x, y, lx) == 0);
	free(x);
	free(y);
	unlink(out2);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "bad input: exit 2, no file", test_bad_input },
		{ "runtime failure: exit 1, no file", test_runtime_failure },
		{ "capture read back", test_capture_readback },
		{ "deterministic output", test_deterministic },
		{ NULL, NULL }
	};
	int rc;

	if (!mkdtemp(dir))
		return 1;
	snprintf(out, sizeof(out), "%s/out.pcap", dir);
	snprintf(mf, sizeof(mf), "%s/out.jsonl", dir);
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("vsock pcap", tests)) {
		CU_cleanup_registry();
		return 1;
	}
	rc = fx_run();

	unlink(out);
	unlink(mf);
	rmdir(dir);
	return rc;
}
