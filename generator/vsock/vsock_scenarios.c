/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scenarios of `sockgen vsock pcap`: what two applications do on a vsock
 * connection, run through the Linux 6.1 virtio-vsock model. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsock_scenarios.h"

#define KIB 1024u
#define VSOCK_SCN_MAX_WRITES 100000u

void vsock_pattern_fill(uint8_t *buf, size_t len, uint64_t offset)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)((offset + i) % 251);
}

/* Reading side's buffer: large enough to take a whole packet, as the
 * sockgen tools read. */
#define READ_BUF (64u * KIB)

/* Read everything queued on side (stream: in READ_BUF pieces; seqpacket:
 * every complete message). *ret_total may be NULL. */
static int drain(struct vsm_conn *c, int side, uint64_t *ret_total)
{
	uint64_t total = 0;
	size_t n;
	int r;

	do {
		r = vsm_read(c, side, READ_BUF, &n, NULL);
		if (r < 0)
			return r;
		total += n;
	} while (n);
	if (ret_total)
		*ret_total = total;
	return 0;
}

/* One application write of buf; when the peer's credit runs out, the peer
 * reads (drains), which is what unblocks the real writer; what it read is
 * added to *peer_read (may be NULL). */
static int write_buf(struct vsm_conn *c, int side, const uint8_t *buf, size_t len, int eor,
		     uint64_t *peer_read)
{
	int peer = side == VSM_CLIENT ? VSM_SERVER : VSM_CLIENT;
	size_t done = 0;
	int r;

	while (done < len) {
		uint64_t got;
		size_t w;

		r = vsm_write(c, side, buf + done, len - done, eor, &w);
		if (r < 0)
			return r;
		done += w;
		if (done == len)
			break;
		if (w == 0 && vsm_tx_credit(c, side) == 0 && vsm_rx_pending(c, peer) == 0)
			return -EPROTO;         /* stalled for good: model bug */
		r = drain(c, peer, &got);
		if (r < 0)
			return r;
		if (peer_read)
			*peer_read += got;
	}
	return 0;
}

/* write_buf() of len bytes of the connection pattern from *off on. */
static int write_all(struct vsm_conn *c, int side, uint64_t *off, size_t len, int eor,
		     uint64_t *peer_read)
{
	uint8_t *buf = malloc(len ? len : 1);
	int r;

	if (!buf)
		return -ENOMEM;
	vsock_pattern_fill(buf, len, *off);
	r = write_buf(c, side, buf, len, eor, peer_read);
	if (r == 0)
		*off += len;
	free(buf);
	return r;
}

static int expect_eof(struct vsm_conn *c, int side)
{
	size_t n;
	int r = vsm_read(c, side, READ_BUF, &n, NULL);

	if (r < 0)
		return r;
	return n == 0 ? 0 : -EPROTO;
}

/* The end every sockgen pair goes through: the client half-closes, the
 * server reads end of file, half-closes too and closes; the client reads
 * to end of file and closes. */
static int graceful_end(struct vsm_conn *c)
{
	int r;

	if ((r = vsm_shutdown(c, VSM_CLIENT, VSM_SHUT_SEND)) < 0 ||
	    (r = drain(c, VSM_SERVER, NULL)) < 0 ||
	    (r = expect_eof(c, VSM_SERVER)) < 0 ||
	    (r = vsm_shutdown(c, VSM_SERVER, VSM_SHUT_SEND)) < 0 ||
	    (r = vsm_close(c, VSM_SERVER)) < 0 ||
	    (r = drain(c, VSM_CLIENT, NULL)) < 0 ||
	    (r = vsm_close(c, VSM_CLIENT)) < 0)
		return r;
	return 0;
}

static int connect_ok(struct vsm_conn *c)
{
	int r = vsm_connect(c);

	return r == -ECONNRESET ? -EPROTO : r;
}

/* Client sends msg_size writes, the server echoes each, one at a time. */
static int run_stream_echo(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint64_t coff = 0, soff = 0;
	int r;

	if ((r = connect_ok(c)) < 0)
		return r;
	while (coff < o->bytes) {
		size_t len = o->bytes - coff < o->msg_size ? (size_t)(o->bytes - coff) : o->msg_size;
		uint64_t got;

		if ((r = write_all(c, VSM_CLIENT, &coff, len, 0, NULL)) < 0 ||
		    (r = drain(c, VSM_SERVER, &got)) < 0)
			return r;
		/* The echo is the same pattern bytes the server just read. */
		if ((r = write_all(c, VSM_SERVER, &soff, (size_t)got, 0, NULL)) < 0 ||
		    (r = drain(c, VSM_CLIENT, NULL)) < 0)
			return r;
	}
	return graceful_end(c);
}

/* Client streams bytes in msg_size writes; the server reads as data comes. */
static int run_bulk(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint64_t off = 0;
	int r;

	if ((r = connect_ok(c)) < 0)
		return r;
	while (off < o->bytes) {
		size_t len = o->bytes - off < o->msg_size ? (size_t)(o->bytes - off) : o->msg_size;

		if ((r = write_all(c, VSM_CLIENT, &off, len, 0, NULL)) < 0 ||
		    (r = drain(c, VSM_SERVER, NULL)) < 0)
			return r;
	}
	return graceful_end(c);
}

/* count messages of msg_size, every second one with MSG_EOR, then one
 * message of bytes (above 64 KiB by default, so split) with MSG_EOR; the
 * server echoes each message with the EOR it carried. */
static int run_seqpacket(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint64_t coff = 0, soff = 0;
	int r;

	if ((r = connect_ok(c)) < 0)
		return r;
	for (uint32_t i = 0; i <= o->count; i++) {
		size_t len = i < o->count ? o->msg_size : (size_t)o->bytes;
		int eor = i < o->count ? (int)(i & 1) : 1, got_eor;
		size_t got;

		if ((r = write_all(c, VSM_CLIENT, &coff, len, eor, NULL)) < 0 ||
		    (r = vsm_read(c, VSM_SERVER, len, &got, &got_eor)) < 0)
			return r;
		if (got != len || got_eor != eor)
			return -EPROTO;
		if ((r = write_all(c, VSM_SERVER, &soff, got, got_eor, NULL)) < 0 ||
		    (r = vsm_read(c, VSM_CLIENT, len, &got, &got_eor)) < 0)
			return r;
		if (got != len || got_eor != eor)
			return -EPROTO;
	}
	return graceful_end(c);
}

/* Nobody listens on the port: REQUEST answered by the transport's RST. */
static int run_refused(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	int r;

	(void)o;
	r = vsm_connect(c);
	if (r != -ECONNRESET)
		return r < 0 ? r : -EPROTO;
	return vsm_close(c, VSM_CLIENT);
}

/* The server reads the first chunk and closes at once (sockgen vsock listen
 * --mode reset): SHUTDOWN both ways; the client's kernel, with nothing
 * queued, answers RST; the client's next write fails with EPIPE and its
 * close sends RST again. As in the live guest capture. */
static int run_reset_mid_stream(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint64_t off = 0;
	uint8_t *buf;
	size_t w;
	int r;

	if ((r = connect_ok(c)) < 0 ||
	    (r = write_all(c, VSM_CLIENT, &off, o->msg_size, 0, NULL)) < 0 ||
	    (r = drain(c, VSM_SERVER, NULL)) < 0 ||
	    (r = vsm_close(c, VSM_SERVER)) < 0)
		return r;
	buf = malloc(o->msg_size);
	if (!buf)
		return -ENOMEM;
	vsock_pattern_fill(buf, o->msg_size, off);
	r = vsm_write(c, VSM_CLIENT, buf, o->msg_size, 0, &w);
	free(buf);
	if (r != -EPIPE)
		return r < 0 ? r : -EPROTO;
	if ((r = expect_eof(c, VSM_CLIENT)) < 0)
		return r;
	return vsm_close(c, VSM_CLIENT);
}

/* The client sends a request and half-closes; the server answers after the
 * client's SHUTDOWN, then half-closes and closes before the client has read
 * the answer, so no RST comes from the client's kernel: the client reads,
 * sees end of file and its close sends the one RST. */
#define HALF_CLOSE_WRITE (4u * KIB)       /* the server's answer writes */

static int run_half_close(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint64_t coff = 0, soff = 0, got, early = 0;
	int r;

	if ((r = connect_ok(c)) < 0 ||
	    (r = write_all(c, VSM_CLIENT, &coff, o->msg_size, 0, NULL)) < 0 ||
	    (r = vsm_shutdown(c, VSM_CLIENT, VSM_SHUT_SEND)) < 0 ||
	    (r = drain(c, VSM_SERVER, &got)) < 0 ||
	    (r = expect_eof(c, VSM_SERVER)) < 0)
		return r;
	if (got != o->msg_size)
		return -EPROTO;
	while (soff < o->bytes) {
		size_t len = o->bytes - soff < HALF_CLOSE_WRITE ? (size_t)(o->bytes - soff)
								 : HALF_CLOSE_WRITE;

		if ((r = write_all(c, VSM_SERVER, &soff, len, 0, &early)) < 0)
			return r;
	}
	if ((r = vsm_shutdown(c, VSM_SERVER, VSM_SHUT_SEND)) < 0 ||
	    (r = vsm_close(c, VSM_SERVER)) < 0 ||
	    (r = drain(c, VSM_CLIENT, &got)) < 0)
		return r;
	/* An answer over the client's buffer made the client read early. */
	if (got + early != o->bytes)
		return -EPROTO;
	if ((r = expect_eof(c, VSM_CLIENT)) < 0)
		return r;
	return vsm_close(c, VSM_CLIENT);
}

/* The client writes more than the server's buffer while the server does
 * not read: RW packets until the credit is zero. The server then reads
 * 64 KiB at a time; the kernel holds the CREDIT_UPDATE back until the
 * unannounced space drops under 64 KiB or the queue is empty, and that one
 * update reopens the window for the rest. */
static int run_credit_stall(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	uint8_t *buf;
	uint64_t off = 0;
	size_t w, n;
	int r;

	if ((r = connect_ok(c)) < 0)
		return r;
	buf = malloc((size_t)o->bytes);
	if (!buf)
		return -ENOMEM;
	vsock_pattern_fill(buf, (size_t)o->bytes, 0);
	while (off < o->bytes) {
		r = vsm_write(c, VSM_CLIENT, buf + off, (size_t)(o->bytes - off), 0, &w);
		if (r < 0)
			break;
		off += w;
		if (off == o->bytes)
			break;
		if (vsm_tx_credit(c, VSM_CLIENT) != 0) {
			r = -EPROTO;    /* a short write must mean zero credit */
			break;
		}
		/* Stalled: the server reads in 64 KiB steps. */
		do {
			r = vsm_read(c, VSM_SERVER, o->msg_size, &n, NULL);
		} while (r == 0 && n && vsm_tx_credit(c, VSM_CLIENT) == 0);
		if (r < 0)
			break;
		if (vsm_tx_credit(c, VSM_CLIENT) == 0) {
			r = -EPROTO;
			break;
		}
	}
	free(buf);
	if (r < 0)
		return r;
	if ((r = drain(c, VSM_SERVER, NULL)) < 0)
		return r;
	return graceful_end(c);
}

static const char http_request[] =
	"GET / HTTP/1.1\r\nHost: vsock\r\nUser-Agent: sockgen\r\nAccept: */*\r\n\r\n";
static const char http_body[] = "hello from sockgen over vsock\n";

/* A GET and its 200 answer as payload, the way sockgen vsock connect --http
 * and listen --mode http do it: the client half-closes right after the
 * request; after the answer the usual end. (Live captures show this end
 * most often; when the client closes while the server's SHUTDOWNs are still
 * queued both sides send SHUTDOWN 3 and both RST: see vsm_hold().) */
static int run_http(struct vsm_conn *c, const struct vsock_scn_opts *o)
{
	char resp[256];
	uint64_t got, early = 0;
	int len, r;

	(void)o;
	len = snprintf(resp, sizeof(resp),
		       "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
		       "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
		       sizeof(http_body) - 1, http_body);
	if (len < 0 || (size_t)len >= sizeof(resp))
		return -EOVERFLOW;
	if ((r = connect_ok(c)) < 0 ||
	    (r = write_buf(c, VSM_CLIENT, (const uint8_t *)http_request,
			   sizeof(http_request) - 1, 0, &early)) < 0 ||
	    (r = vsm_shutdown(c, VSM_CLIENT, VSM_SHUT_SEND)) < 0 ||
	    (r = drain(c, VSM_SERVER, &got)) < 0 ||
	    (r = expect_eof(c, VSM_SERVER)) < 0)
		return r;
	if (got + early != sizeof(http_request) - 1)
		return -EPROTO;
	early = 0;
	if ((r = write_buf(c, VSM_SERVER, (const uint8_t *)resp, (size_t)len, 0, &early)) < 0 ||
	    (r = drain(c, VSM_CLIENT, &got)) < 0)
		return r;
	if (got + early != (uint64_t)len)
		return -EPROTO;
	if ((r = vsm_shutdown(c, VSM_SERVER, VSM_SHUT_SEND)) < 0 ||
	    (r = vsm_close(c, VSM_SERVER)) < 0 ||
	    (r = drain(c, VSM_CLIENT, NULL)) < 0 ||
	    (r = vsm_close(c, VSM_CLIENT)) < 0)
		return r;
	return 0;
}

const struct vsock_scenario vsock_scenarios[] = {
	{ "stream-echo", "stream: --bytes (1536) in --msg-size (512) writes, each echoed",
	  VSOCK_VIRTIO_TYPE_STREAM, 5000, 1536, 512, 0, run_stream_echo },
	{ "bulk", "stream: --bytes (1M) one way in --msg-size (64K) writes",
	  VSOCK_VIRTIO_TYPE_STREAM, 5000, 1024 * KIB, 64 * KIB, 0, run_bulk },
	{ "seqpacket", "seqpacket: --count (4) messages of --msg-size (1000), every second "
	  "with EOR, then one of --bytes (100000) with EOR; each echoed",
	  VSOCK_VIRTIO_TYPE_SEQPACKET, 5001, 100000, 1000, 4, run_seqpacket },
	{ "refused", "stream: connect to a port nobody listens on (REQUEST, RST)",
	  VSOCK_VIRTIO_TYPE_STREAM, 5002, 0, 0, 0, run_refused },
	{ "reset-mid-stream", "stream: the server reads the first --msg-size (64K) write "
	  "and closes; the client is reset (RST), its next write gets EPIPE",
	  VSOCK_VIRTIO_TYPE_STREAM, 5000, 0, 64 * KIB, 0, run_reset_mid_stream },
	{ "half-close", "stream: request of --msg-size (100), SHUT_WR, then --bytes (8192) "
	  "of answer in 4K writes after it",
	  VSOCK_VIRTIO_TYPE_STREAM, 5000, 8192, 100, 0, run_half_close },
	{ "credit-stall", "stream: --bytes (384K) written at once into a --buf-alloc (256K) "
	  "buffer: zero credit, server reads --msg-size (64K) steps, CREDIT_UPDATE",
	  VSOCK_VIRTIO_TYPE_STREAM, 5000, 384 * KIB, 64 * KIB, 0, run_credit_stall },
	{ "http", "stream: GET / (then SHUT_WR) and a 200 answer as payload",
	  VSOCK_VIRTIO_TYPE_STREAM, 80, 0, 0, 0, run_http },
	{ NULL, NULL, 0, 0, 0, 0, 0, NULL },
};

const struct vsock_scenario *vsock_scenario_find(const char *name)
{
	for (const struct vsock_scenario *s = vsock_scenarios; name && s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

void vsock_scenario_defaults(const struct vsock_scenario *s, struct vsock_scn_opts *o)
{
	/* CID 1 both ways and an ephemeral-looking client port: what a
	 * vsock_loopback connection in the test guest looks like. */
	if (!o->src_cid)
		o->src_cid = VSOCK_CID_LOCAL;
	if (!o->dst_cid)
		o->dst_cid = VSOCK_CID_LOCAL;
	if (!o->src_port)
		o->src_port = 49152;
	if (!o->dst_port)
		o->dst_port = s->def_dst_port;
	if (!o->bytes)
		o->bytes = s->def_bytes;
	if (!o->msg_size)
		o->msg_size = s->def_msg_size;
	if (!o->count)
		o->count = s->def_count;
	if (!o->buf_alloc)
		o->buf_alloc = VIRTIO_VSOCK_DEFAULT_BUF_SIZE;
}

int vsock_scenario_check(const struct vsock_scenario *s, const struct vsock_scn_opts *o,
			 char *err, size_t errlen)
{
	if (o->src_cid == o->dst_cid && o->src_port == o->dst_port) {
		snprintf(err, errlen, "--src-port '%u': equals --dst-port on the same CID", o->src_port);
		return -EINVAL;
	}
	if (s->type == VSOCK_VIRTIO_TYPE_SEQPACKET) {
		/* A message larger than the peer's buffer is EMSGSIZE. */
		if (o->bytes > o->buf_alloc) {
			snprintf(err, errlen, "--bytes '%llu': a seqpacket message cannot exceed "
				 "--buf-alloc (%u)", (unsigned long long)o->bytes, o->buf_alloc);
			return -EINVAL;
		}
		if (o->msg_size > o->buf_alloc) {
			snprintf(err, errlen, "--msg-size '%u': a seqpacket message cannot exceed "
				 "--buf-alloc (%u)", o->msg_size, o->buf_alloc);
			return -EINVAL;
		}
	}
	/* Each write is two to four packets: keep captures openable. */
	if ((s->run == run_stream_echo || s->run == run_bulk) &&
	    (o->bytes + o->msg_size - 1) / o->msg_size > VSOCK_SCN_MAX_WRITES) {
		snprintf(err, errlen, "--msg-size '%u': --bytes %llu would take more than %u writes",
			 o->msg_size, (unsigned long long)o->bytes, VSOCK_SCN_MAX_WRITES);
		return -EINVAL;
	}
	if (s->run == run_seqpacket && o->count > VSOCK_SCN_MAX_WRITES) {
		snprintf(err, errlen, "--count '%u': more than %u messages", o->count,
			 VSOCK_SCN_MAX_WRITES);
		return -EINVAL;
	}
	if (s->run == run_credit_stall && o->bytes <= o->buf_alloc) {
		snprintf(err, errlen, "--bytes '%llu': credit-stall needs more than --buf-alloc (%u)",
			 (unsigned long long)o->bytes, o->buf_alloc);
		return -EINVAL;
	}
	if ((s->run == run_half_close || s->run == run_stream_echo) && o->msg_size > o->buf_alloc) {
		snprintf(err, errlen, "--msg-size '%u': each write must fit --buf-alloc (%u)",
			 o->msg_size, o->buf_alloc);
		return -EINVAL;
	}
	return 0;
}

int vsock_scenario_run(const struct vsock_scenario *s, const struct vsock_scn_opts *o,
		       vsm_emit_fn emit, void *ctx)
{
	struct vsm_config cfg = {
		.type = s->type,
		.cid = { o->src_cid, o->dst_cid },
		.port = { o->src_port, o->dst_port },
		.buf_alloc = { o->buf_alloc, o->buf_alloc },
		.server_listening = s->run != run_refused,
	};
	struct vsm_conn c;
	int r = vsm_init(&c, &cfg, emit, ctx);

	if (r < 0)
		return r;
	r = s->run(&c, o);
	if (r == 0 && c.error)
		r = c.error;
	vsm_free(&c);
	return r;
}
