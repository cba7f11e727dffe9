/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit tests of the virtio-vsock connection model (codec/vsock_model.c)
 * and the sockgen vsock pcap scenarios: packet sequences derived by hand
 * from Linux 6.1 net/vmw_vsock/virtio_transport_common.c, credit
 * invariants, seqpacket splitting. */
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsock_model.h"
#include "vsock_scenarios.h"

#include "fixtures.h"

#define CLIENT_PORT 49152u
#define MAX_REC 4096

/* One recorded packet, as text: "<dir> <OP>[ len=N][ f=N]" with dir "c>s"
 * or "s>c"; plus the raw header for the arithmetic checks. */
struct rec {
	size_t n;
	char text[MAX_REC][48];
	struct virtio_vsock_hdr h[MAX_REC];
	int payload_ok;
};

static int record(void *ctx, const struct virtio_vsock_hdr *h, const uint8_t *payload)
{
	struct rec *r = ctx;
	char *t;
	int len;

	if (r->n == MAX_REC)
		return -E2BIG;
	t = r->text[r->n];
	len = snprintf(t, sizeof(r->text[0]), "%s %s",
		       h->src_port == CLIENT_PORT ? "c>s" : "s>c",
		       vsock_virtio_op_name(h->op) ? vsock_virtio_op_name(h->op) : "?");
	if (h->op == VSOCK_VIRTIO_OP_RW)
		len += snprintf(t + len, sizeof(r->text[0]) - (size_t)len, " len=%u", h->len);
	if (h->flags)
		snprintf(t + len, sizeof(r->text[0]) - (size_t)len, " f=%u", h->flags);
	if ((h->len != 0) != (payload != NULL))
		r->payload_ok = 0;
	r->h[r->n++] = *h;
	return 0;
}

static struct rec *run(const char *name, struct vsock_scn_opts *o)
{
	const struct vsock_scenario *s = vsock_scenario_find(name);
	struct rec *r = calloc(1, sizeof(*r));
	char err[256];

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	r->payload_ok = 1;
	o->src_port = CLIENT_PORT;
	vsock_scenario_defaults(s, o);
	CU_ASSERT_EQUAL_FATAL(vsock_scenario_check(s, o, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(vsock_scenario_run(s, o, record, r), 0);
	CU_ASSERT_TRUE(r->payload_ok);
	return r;
}

static void expect_seq(const struct rec *r, const char *const *want, size_t n)
{
	CU_ASSERT_EQUAL(r->n, n);
	for (size_t i = 0; i < n && i < r->n; i++) {
		if (strcmp(r->text[i], want[i])) {
			fprintf(stderr, "\n  packet %zu: got '%s', want '%s'", i + 1,
				r->text[i], want[i]);
			CU_FAIL("packet sequence differs");
		}
	}
}

#define EXPECT(r, ...) do { \
	static const char *const want_[] = { __VA_ARGS__ }; \
	expect_seq((r), want_, sizeof(want_) / sizeof(want_[0])); \
} while (0)

/* What every sockgen pair's end looks like when the client has read
 * everything: client SHUT_WR; server SHUT_WR then close (SHUTDOWN with both
 * bits, since its own shutdown is not complete); the client's kernel sees
 * both bits with nothing queued and answers RST; the client's close finds
 * the peer fully shut down and sends RST again. */
#define GRACEFUL_END \
	"c>s SHUTDOWN f=2", "s>c SHUTDOWN f=2", "s>c SHUTDOWN f=3", "c>s RST", "c>s RST"

static void test_stream_echo(void)
{
	struct vsock_scn_opts o = { .bytes = 1000, .msg_size = 600 };
	struct rec *r = run("stream-echo", &o);

	EXPECT(r, "c>s REQUEST", "s>c RESPONSE",
	       "c>s RW len=600", "s>c CREDIT_UPDATE", "s>c RW len=600", "c>s CREDIT_UPDATE",
	       "c>s RW len=400", "s>c CREDIT_UPDATE", "s>c RW len=400", "c>s CREDIT_UPDATE",
	       GRACEFUL_END);
	/* every packet of a socket carries its own buffer and consumed count */
	CU_ASSERT_EQUAL(r->h[0].buf_alloc, VIRTIO_VSOCK_DEFAULT_BUF_SIZE);
	CU_ASSERT_EQUAL(r->h[0].fwd_cnt, 0);
	CU_ASSERT_EQUAL(r->h[3].fwd_cnt, 600);          /* server read 600 */
	CU_ASSERT_EQUAL(r->h[7].fwd_cnt, 1000);
	CU_ASSERT_EQUAL(r->h[r->n - 1].fwd_cnt, 1000);  /* client read 1000 echoed */
	for (size_t i = 0; i < r->n; i++) {
		CU_ASSERT_EQUAL(r->h[i].type, VSOCK_VIRTIO_TYPE_STREAM);
		CU_ASSERT_EQUAL(r->h[i].src_cid, 1);
		CU_ASSERT_EQUAL(r->h[i].dst_cid, 1);
	}
	free(r);
}

static void test_refused(void)
{
	struct vsock_scn_opts o = { .dst_port = 7777 };
	struct rec *r = run("refused", &o);

	EXPECT(r, "c>s REQUEST", "s>c RST");
	/* virtio_transport_reset_no_sock(): addresses swapped, request's
	 * type, no socket so no credit fields */
	CU_ASSERT_EQUAL(r->h[1].src_port, 7777);
	CU_ASSERT_EQUAL(r->h[1].dst_port, CLIENT_PORT);
	CU_ASSERT_EQUAL(r->h[1].type, VSOCK_VIRTIO_TYPE_STREAM);
	CU_ASSERT_EQUAL(r->h[1].buf_alloc, 0);
	CU_ASSERT_EQUAL(r->h[1].fwd_cnt, 0);
	free(r);
}

static void test_reset_mid_stream(void)
{
	struct vsock_scn_opts o = { .msg_size = 100 };
	struct rec *r = run("reset-mid-stream", &o);

	/* the live guest capture's sequence (captures/vsock-reset.pcap) */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE", "c>s RW len=100", "s>c CREDIT_UPDATE",
	       "s>c SHUTDOWN f=3", "c>s RST", "c>s RST");
	CU_ASSERT_EQUAL(r->h[4].fwd_cnt, 100);
	CU_ASSERT_EQUAL(r->h[5].fwd_cnt, 0);    /* the client never read */
	free(r);
}

static void test_half_close(void)
{
	struct vsock_scn_opts o = { .msg_size = 50, .bytes = 5000 };
	struct rec *r = run("half-close", &o);

	/* The server answers after the client's SHUT_WR; the client has not
	 * read when SHUTDOWN f=3 arrives, so its kernel sends no RST; it reads
	 * (CREDIT_UPDATE), sees end of file and its close sends the RST. */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE", "c>s RW len=50", "c>s SHUTDOWN f=2",
	       "s>c CREDIT_UPDATE", "s>c RW len=4096", "s>c RW len=904",
	       "s>c SHUTDOWN f=2", "s>c SHUTDOWN f=3", "c>s CREDIT_UPDATE", "c>s RST");
	CU_ASSERT_EQUAL(r->h[9].fwd_cnt, 5000);
	free(r);
}

static void test_credit_stall(void)
{
	struct vsock_scn_opts o = { 0 };
	struct rec *r = run("credit-stall", &o);

	/* 384K into 256K: four 64K packets reach zero credit; the server's
	 * three 64K reads leave 64K of unannounced space (not < 64K) and data
	 * queued, so no update; the fourth read empties the queue: update. */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE",
	       "c>s RW len=65536", "c>s RW len=65536", "c>s RW len=65536", "c>s RW len=65536",
	       "s>c CREDIT_UPDATE",
	       "c>s RW len=65536", "c>s RW len=65536", "s>c CREDIT_UPDATE",
	       GRACEFUL_END);
	CU_ASSERT_EQUAL(r->h[6].fwd_cnt, 262144);
	CU_ASSERT_EQUAL(r->h[9].fwd_cnt, 393216);
	free(r);
}

static void test_credit_small_buffer(void)
{
	/* A 10000-byte buffer: packets are cut to the credit, not to 64K. */
	struct vsock_scn_opts o = { .buf_alloc = 10000, .bytes = 25000, .msg_size = 4000 };
	struct rec *r = run("credit-stall", &o);

	CU_ASSERT_STRING_EQUAL(r->text[2], "c>s RW len=10000");
	CU_ASSERT_EQUAL(r->h[2].buf_alloc, 10000);
	free(r);
}

static void test_seqpacket(void)
{
	struct vsock_scn_opts o = { .count = 2, .msg_size = 10, .bytes = 100000 };
	struct rec *r = run("seqpacket", &o);

	/* every message dequeue sends a credit update (seqpacket_do_dequeue);
	 * 100000 bytes split at 64 KiB, EOM (1) only on the last piece, EOR
	 * (2) with it when sent with MSG_EOR */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE",
	       "c>s RW len=10 f=1", "s>c CREDIT_UPDATE", "s>c RW len=10 f=1", "c>s CREDIT_UPDATE",
	       "c>s RW len=10 f=3", "s>c CREDIT_UPDATE", "s>c RW len=10 f=3", "c>s CREDIT_UPDATE",
	       "c>s RW len=65536", "c>s RW len=34464 f=3", "s>c CREDIT_UPDATE",
	       "s>c RW len=65536", "s>c RW len=34464 f=3", "c>s CREDIT_UPDATE",
	       GRACEFUL_END);
	for (size_t i = 0; i < r->n; i++)
		CU_ASSERT_EQUAL(r->h[i].type, VSOCK_VIRTIO_TYPE_SEQPACKET);
	free(r);
}

static void test_bulk(void)
{
	struct vsock_scn_opts o = { .bytes = 200000, .msg_size = 100000 };
	struct rec *r = run("bulk", &o);

	/* a 100000-byte write goes out as 64K + the rest; the reader drains
	 * after each write and, with nothing left queued, updates */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE",
	       "c>s RW len=65536", "c>s RW len=34464", "s>c CREDIT_UPDATE",
	       "c>s RW len=65536", "c>s RW len=34464", "s>c CREDIT_UPDATE",
	       GRACEFUL_END);
	free(r);
}

static void test_http(void)
{
	struct vsock_scn_opts o = { 0 };
	struct rec *r = run("http", &o);

	CU_ASSERT_EQUAL(r->h[0].dst_port, 80);
	for (size_t i = 0; i < r->n; i++)
		if (r->h[i].op == VSOCK_VIRTIO_OP_RW)
			r->text[i][6] = '\0';       /* "c>s RW": lengths vary */
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE", "c>s RW", "c>s SHUTDOWN f=2",
	       "s>c CREDIT_UPDATE", "s>c RW", "c>s CREDIT_UPDATE",
	       "s>c SHUTDOWN f=2", "s>c SHUTDOWN f=3", "c>s RST", "c>s RST");
	CU_ASSERT_EQUAL(r->h[4].fwd_cnt, r->h[2].len);  /* server read the GET */
	CU_ASSERT_EQUAL(r->h[6].fwd_cnt, r->h[5].len);  /* client read the answer */
	free(r);
}

/* Both sides close at once (the loopback worker has not run between the
 * calls), as one live HTTP capture showed: the client's close sends
 * SHUTDOWN 3 because, as far as it knows, the peer has not shut down;
 * each kernel then sees the other shut both ways with nothing queued and
 * answers RST. */
static void test_hold_simultaneous_close(void)
{
	struct vsm_config cfg = {
		.type = VSOCK_VIRTIO_TYPE_STREAM, .cid = { 1, 1 }, .port = { CLIENT_PORT, 8080 },
		.server_listening = 1,
	};
	static const uint8_t get[107];
	struct rec *r = calloc(1, sizeof(*r));
	struct vsm_conn c;
	size_t n, w;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	r->payload_ok = 1;
	CU_ASSERT_EQUAL_FATAL(vsm_init(&c, &cfg, record, r), 0);
	CU_ASSERT_EQUAL(vsm_connect(&c), 0);
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, get, sizeof(get), 0, &w), 0);
	CU_ASSERT_EQUAL(vsm_shutdown(&c, VSM_CLIENT, VSM_SHUT_SEND), 0);
	CU_ASSERT_EQUAL(vsm_read(&c, VSM_SERVER, 4096, &n, NULL), 0);
	CU_ASSERT_EQUAL(n, sizeof(get));
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_SERVER, get, 53, 0, &w), 0);
	CU_ASSERT_EQUAL(vsm_read(&c, VSM_CLIENT, 4096, &n, NULL), 0);
	vsm_hold(&c);
	CU_ASSERT_EQUAL(vsm_shutdown(&c, VSM_SERVER, VSM_SHUT_SEND), 0);
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_SERVER), 0);
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_CLIENT), 0);
	CU_ASSERT_EQUAL(r->n, 7);               /* nothing captured while held */
	CU_ASSERT_EQUAL(vsm_flush(&c), 0);
	EXPECT(r, "c>s REQUEST", "s>c RESPONSE", "c>s RW len=107", "c>s SHUTDOWN f=2",
	       "s>c CREDIT_UPDATE", "s>c RW len=53", "c>s CREDIT_UPDATE",
	       "s>c SHUTDOWN f=2", "s>c SHUTDOWN f=3", "c>s SHUTDOWN f=3", "c>s RST", "s>c RST");
	CU_ASSERT_EQUAL(r->h[9].fwd_cnt, 53);
	CU_ASSERT_EQUAL(r->h[11].fwd_cnt, 107);
	vsm_free(&c);
	free(r);
}

/* Across every scenario: a sender never has more bytes in flight than the
 * receiver's buffer (the credit is never negative), fwd_cnt never goes
 * back and never passes what was sent, seqpacket pieces are at most 64K. */
static void test_credit_invariants(void)
{
	for (const struct vsock_scenario *s = vsock_scenarios; s->name; s++) {
		struct vsock_scn_opts o = { 0 };
		struct rec *r = run(s->name, &o);
		uint64_t sent[2] = { 0, 0 }, fwd[2] = { 0, 0 };
		uint32_t peer_buf[2] = { 0, 0 };

		for (size_t i = 0; i < r->n; i++) {
			const struct virtio_vsock_hdr *h = &r->h[i];
			int d = h->src_port == CLIENT_PORT ? 0 : 1;     /* sender */

			if (h->op == VSOCK_VIRTIO_OP_RST && h->buf_alloc == 0)
				continue;       /* transport reply, no socket state */
			CU_ASSERT_TRUE(h->fwd_cnt >= fwd[d]);
			fwd[d] = h->fwd_cnt;
			CU_ASSERT_TRUE(fwd[d] <= sent[1 - d]);
			peer_buf[1 - d] = h->buf_alloc;
			if (h->op == VSOCK_VIRTIO_OP_RW) {
				CU_ASSERT_TRUE(h->len > 0);
				CU_ASSERT_TRUE(h->len <= VIRTIO_VSOCK_MAX_PKT_BUF_SIZE);
				sent[d] += h->len;
				/* in flight = sent - what the peer last told us */
				CU_ASSERT_TRUE(sent[d] - fwd[1 - d] <= peer_buf[d]);
			}
		}
		free(r);
	}
}

/* Direct calls: errors a socket would return. */
struct counter {
	unsigned n;
	struct virtio_vsock_hdr last;
};

static int count_pkt(void *ctx, const struct virtio_vsock_hdr *h, const uint8_t *p)
{
	struct counter *c = ctx;

	(void)p;
	c->n++;
	c->last = *h;
	return 0;
}

static void test_api_errors(void)
{
	static uint8_t data[300000];
	struct vsm_config cfg = {
		.type = VSOCK_VIRTIO_TYPE_SEQPACKET, .cid = { 3, 2 }, .port = { 1024, 5000 },
		.server_listening = 1,
	};
	struct counter cnt = { 0 };
	struct vsm_conn c;
	size_t w;

	CU_ASSERT_EQUAL_FATAL(vsm_init(&c, &cfg, count_pkt, &cnt), 0);
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, data, 10, 0, &w), -ENOTCONN);
	CU_ASSERT_EQUAL(vsm_connect(&c), 0);
	CU_ASSERT_EQUAL(cnt.n, 2);
	/* seqpacket: a message over the peer's 256K buffer is EMSGSIZE */
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, data, sizeof(data), 1, &w), -EMSGSIZE);
	CU_ASSERT_EQUAL(cnt.n, 2);
	/* exactly 64K: one packet carrying EOM */
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, data, 65536, 0, &w), 0);
	CU_ASSERT_EQUAL(w, 65536);
	CU_ASSERT_EQUAL(cnt.last.len, 65536);
	CU_ASSERT_EQUAL(cnt.last.flags, VSOCK_VIRTIO_SEQ_EOM);
	/* 64K + 1: two packets, the 1-byte one with EOM|EOR */
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, data, 65537, 1, &w), 0);
	CU_ASSERT_EQUAL(cnt.n, 5);
	CU_ASSERT_EQUAL(cnt.last.len, 1);
	CU_ASSERT_EQUAL(cnt.last.flags, VSOCK_VIRTIO_SEQ_EOM | VSOCK_VIRTIO_SEQ_EOR);
	CU_ASSERT_EQUAL(vsm_rx_pending(&c, VSM_SERVER), 65536 + 65537);
	CU_ASSERT_EQUAL(vsm_tx_credit(&c, VSM_CLIENT), 262144 - 65536 - 65537);
	/* after SHUT_WR writes fail with EPIPE and send nothing */
	CU_ASSERT_EQUAL(vsm_shutdown(&c, VSM_CLIENT, VSM_SHUT_SEND), 0);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_SHUTDOWN);
	CU_ASSERT_EQUAL(cnt.last.flags, VSOCK_VIRTIO_SHUTDOWN_SEND);
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_CLIENT, data, 1, 0, &w), -EPIPE);
	CU_ASSERT_EQUAL(cnt.n, 6);
	/* the server closes with data queued: SHUTDOWN both ways; the
	 * client's kernel, shut both ways with nothing queued, answers RST */
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_SERVER), 0);
	CU_ASSERT_EQUAL(cnt.n, 8);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(cnt.last.src_port, 1024);
	CU_ASSERT_EQUAL(cnt.last.buf_alloc, VIRTIO_VSOCK_DEFAULT_BUF_SIZE);
	CU_ASSERT_EQUAL(vsm_close_timeout(&c, VSM_CLIENT), 0);  /* none scheduled */
	CU_ASSERT_EQUAL(cnt.n, 8);
	/* the client's own close: peer fully shut down, RST again */
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_CLIENT), 0);
	CU_ASSERT_EQUAL(cnt.n, 9);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(cnt.last.src_port, 1024);
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_CLIENT), -EBADF);
	vsm_free(&c);
}

static void test_close_timeout(void)
{
	struct vsm_config cfg = {
		.type = VSOCK_VIRTIO_TYPE_STREAM, .cid = { 1, 1 }, .port = { 1024, 5000 },
		.server_listening = 1,
	};
	static const uint8_t data[10];
	struct counter cnt = { 0 };
	struct vsm_conn c;
	size_t w, n;

	CU_ASSERT_EQUAL_FATAL(vsm_init(&c, &cfg, count_pkt, &cnt), 0);
	CU_ASSERT_EQUAL(vsm_connect(&c), 0);
	CU_ASSERT_EQUAL(vsm_write(&c, VSM_SERVER, data, sizeof(data), 0, &w), 0);
	CU_ASSERT_EQUAL(cnt.n, 3);
	/* the server closes; the client still has 10 bytes queued, so its
	 * kernel does not answer the SHUTDOWN */
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_SERVER), 0);
	CU_ASSERT_EQUAL(cnt.n, 4);
	CU_ASSERT_EQUAL(cnt.last.flags, 3);
	/* 8 s later the server's close timeout resets the connection */
	CU_ASSERT_EQUAL(vsm_close_timeout(&c, VSM_SERVER), 0);
	CU_ASSERT_EQUAL(cnt.n, 5);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(cnt.last.src_port, 5000);
	CU_ASSERT_EQUAL(cnt.last.buf_alloc, VIRTIO_VSOCK_DEFAULT_BUF_SIZE);
	/* the client can still read what was queued; its credit update goes
	 * to a socket that is gone, and the transport answers with a RST
	 * without credit fields */
	CU_ASSERT_EQUAL(vsm_read(&c, VSM_CLIENT, 100, &n, NULL), 0);
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT_EQUAL(cnt.n, 7);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(cnt.last.buf_alloc, 0);
	CU_ASSERT_EQUAL(vsm_read(&c, VSM_CLIENT, 100, &n, NULL), 0);
	CU_ASSERT_EQUAL(n, 0);                  /* end of file */
	/* the client's close: RST, which nobody answers */
	CU_ASSERT_EQUAL(vsm_close(&c, VSM_CLIENT), 0);
	CU_ASSERT_EQUAL(cnt.n, 8);
	CU_ASSERT_EQUAL(cnt.last.op, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(cnt.last.src_port, 1024);
	vsm_free(&c);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "stream-echo sequence", test_stream_echo },
		{ "refused sequence", test_refused },
		{ "reset-mid-stream sequence", test_reset_mid_stream },
		{ "half-close sequence", test_half_close },
		{ "credit-stall sequence", test_credit_stall },
		{ "credit cut to a small buffer", test_credit_small_buffer },
		{ "seqpacket sequence and split", test_seqpacket },
		{ "bulk sequence", test_bulk },
		{ "http sequence", test_http },
		{ "simultaneous close (hold/flush)", test_hold_simultaneous_close },
		{ "credit invariants, all scenarios", test_credit_invariants },
		{ "socket call errors", test_api_errors },
		{ "close timeout with unread data", test_close_timeout },
		{ NULL, NULL }
	};

	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("vsock_model", tests)) {
		CU_cleanup_registry();
		return 1;
	}
	return fx_run();
}
