/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect: the socket engine (non-blocking AF_VSOCK + poll, vsock(7)) and its manifest. */
#include <errno.h>
#include <fcntl.h>
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
#include <linux/vm_sockets.h>

#include "fnv1a.h"
#include "manifest.h"
#include "sockgen.h"
#include "vsock_live.h"

const char vsl_manifest_help[] =
	"--manifest FILE writes JSON Lines, one object per event, from this side's view:\n"
	"  sockgen.event   connect|accept|send|recv|shutdown|eof|close|error|result\n"
	"  sockgen.conn    connection index (0..N-1); sockgen.time seconds since start\n"
	"  vsockmon.src_cid, vsockmon.src_port, vsockmon.dst_cid, vsockmon.dst_port:\n"
	"                  the direction the bytes went (send: us->peer, recv: peer->us)\n"
	"  vsockmon.virtio.type  1 stream, 2 seqpacket\n"
	"  send/recv: sockgen.offset (byte offset in that direction), sockgen.len,\n"
	"             sockgen.fnv1a (FNV-1a 64 of the chunk, 16 hex digits),\n"
	"             sockgen.data (hex, only when len <= 64), sockgen.eor (seqpacket)\n"
	"  error: sockgen.errno (text), sockgen.what\n"
	"  result: sockgen.tx_bytes, sockgen.rx_bytes, sockgen.tx_msgs,\n"
	"          sockgen.rx_msgs, sockgen.tx_fnv1a, sockgen.rx_fnv1a (whole direction)\n";

#define IOBUF (256u * 1024u)
#define HTTP_MAX (64u * 1024u)

static double t_start;

void vsl_clock_start(void)
{
	t_start = vsl_now();
}


double vsl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The payload every sender uses: byte k of a direction is k % 251, a prime
 * period so no message or write size lines up with it. */
static void pattern(uint8_t *buf, uint64_t off, size_t n)
{
	unsigned v = (unsigned)(off % 251);

	for (size_t i = 0; i < n; i++) {
		buf[i] = (uint8_t)v;
		if (++v == 251)
			v = 0;
	}
}

const char *vsl_type_name(enum vsl_type t)
{
	return t == VSL_STREAM ? "stream" : "seqpacket";
}

static void mf_head(struct vconn *c, const char *event, int rx)
{
	struct manifest *m = c->m;

	manifest_begin(m);
	manifest_str(m, "sockgen.event", event);
	manifest_uint(m, "sockgen.conn", c->idx);
	manifest_fmt(m, "sockgen.time", "%.6f", vsl_now() - t_start);
	manifest_uint(m, "vsockmon.src_cid", rx ? c->pcid : c->lcid);
	manifest_uint(m, "vsockmon.src_port", rx ? c->pport : c->lport);
	manifest_uint(m, "vsockmon.dst_cid", rx ? c->lcid : c->pcid);
	manifest_uint(m, "vsockmon.dst_port", rx ? c->lport : c->pport);
	manifest_uint(m, "vsockmon.virtio.type", c->o->type == VSL_STREAM ? 1 : 2);
}

void vsl_mf_event(struct vconn *c, const char *event, int rx)
{
	if (!c->m)
		return;
	mf_head(c, event, rx);
	manifest_end(c->m);
}

static void mf_data(struct vconn *c, int rx, uint64_t off, const uint8_t *p,
		    size_t n, int eor)
{
	if (!c->m)
		return;
	mf_head(c, rx ? "recv" : "send", rx);
	manifest_uint(c->m, "sockgen.offset", off);
	manifest_uint(c->m, "sockgen.len", n);
	manifest_fmt(c->m, "sockgen.fnv1a", "%016llx",
		     (unsigned long long)fnv1a(FNV1A_INIT, p, n));
	if (n <= 64)
		manifest_hex(c->m, "sockgen.data", p, n);
	if (c->o->type == VSL_SEQPACKET)
		manifest_bool(c->m, "sockgen.eor", eor);
	manifest_end(c->m);
}

/* One message, exit 1: "<what> <peer>: <errno text>". */
int vsl_conn_fail(struct vconn *c, int err, const char *what)
{
	if (c->m) {
		mf_head(c, "error", 0);
		manifest_str(c->m, "sockgen.errno", strerror(err));
		manifest_str(c->m, "sockgen.what", what);
		manifest_end(c->m);
	}
	return sg_fail(c->o->ctx, "%s %s: %s", what, c->peer, strerror(err));
}

int vsl_timeout_ms(const struct vsl_opts *o)
{
	return o->timeout > 0 ? (int)(o->timeout * 1000 + 0.5) : -1;
}

/* poll() one fd. Returns revents, or 0 when the deadline passed. */
int vsl_wait_fd(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	for (;;) {
		int r = poll(&p, 1, ms);

		if (r > 0)
			return p.revents;
		if (r == 0)
			return 0;
		if (errno != EINTR)
			return POLLERR;
	}
}

int vsl_timed_out(struct vconn *c, const char *what)
{
	if (c->m) {
		mf_head(c, "error", 0);
		manifest_str(c->m, "sockgen.errno", strerror(ETIMEDOUT));
		manifest_str(c->m, "sockgen.what", what);
		manifest_end(c->m);
	}
	return sg_fail(c->o->ctx, "%s %s: no progress for %g s: %s", what, c->peer,
		       c->o->timeout, strerror(ETIMEDOUT));
}

/* Returns bytes sent, 0 when the socket has no room, -errno on error.
 * Seqpacket sockets are blocking (see vsl_connected()), stream ones not. */
ssize_t vsl_send_chunk(struct vconn *c, const uint8_t *p, size_t n, int eor)
{
	int flags = MSG_NOSIGNAL;
	ssize_t r;

	if (eor)
		flags |= MSG_EOR;
	r = send(c->fd, p, n, flags);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	mf_data(c, 0, c->tx_bytes, p, (size_t)r, eor);
	if (c->m)       /* per-byte work only when a manifest wants it */
		c->tx_hash = fnv1a(c->tx_hash, p, (size_t)r);
	c->tx_bytes += (uint64_t)r;
	c->tx_msgs++;
	return r;
}

/* Returns bytes read (>0), 0 at EOF, -EAGAIN when nothing is ready, -errno. */
ssize_t vsl_recv_chunk(struct vconn *c, uint8_t *buf, size_t cap, int *eor)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t r;

	r = recvmsg(c->fd, &mh, MSG_DONTWAIT);
	if (r < 0)
		return errno == EINTR ? -EAGAIN : -errno;
	if (r == 0)
		return 0;
	if (mh.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	*eor = !!(mh.msg_flags & MSG_EOR);
	mf_data(c, 1, c->rx_bytes, buf, (size_t)r, *eor);
	if (c->m)
		c->rx_hash = fnv1a(c->rx_hash, buf, (size_t)r);
	c->rx_bytes += (uint64_t)r;
	c->rx_msgs++;
	return r;
}

/* This machine's CID (IOCTL_VM_SOCKETS_GET_LOCAL_CID on /dev/vsock), or
 * VMADDR_CID_ANY when it cannot be asked. */
static unsigned local_cid(void)
{
	unsigned cid = VMADDR_CID_ANY;
	int fd = open("/dev/vsock", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (ioctl(fd, IOCTL_VM_SOCKETS_GET_LOCAL_CID, &cid) < 0)
			cid = VMADDR_CID_ANY;
		close(fd);
	}
	return cid;
}

/* After connect/accept: addresses for messages and the manifest, and the
 * blocking mode. A non-blocking seqpacket send that runs out of credit
 * returns EAGAIN although part of the message already left (Linux 6.1
 * vsock_connectible_sendmsg), so a message could never be completed or
 * retried: seqpacket sends block instead, bounded by SO_SNDTIMEO. */
int vsl_connected(struct vconn *c)
{
	struct sockaddr_vm a;
	socklen_t al = sizeof(a);

	if (getsockname(c->fd, (struct sockaddr *)&a, &al) == 0) {
		c->lcid = a.svm_cid;
		c->lport = a.svm_port;
	}
	al = sizeof(a);
	if (getpeername(c->fd, (struct sockaddr *)&a, &al) == 0) {
		c->pcid = a.svm_cid;
		c->pport = a.svm_port;
	}
	/* An auto-bound client keeps VMADDR_CID_ANY as its own address, but
	 * its packets carry the transport's CID: VMADDR_CID_LOCAL over
	 * vsock_loopback, the guest's own CID otherwise (vsock(7)). The
	 * manifest must name what is on the wire. */
	if (c->lcid == VMADDR_CID_ANY)
		c->lcid = c->pcid == VMADDR_CID_LOCAL ? VMADDR_CID_LOCAL : local_cid();
	snprintf(c->peer, sizeof(c->peer), "%u:%u", c->pcid, c->pport);
	c->tx_hash = c->rx_hash = FNV1A_INIT;
	if (c->o->type == VSL_SEQPACKET) {
		struct timeval tv = { 0, 0 };
		int fl = fcntl(c->fd, F_GETFL);

		if (c->o->timeout > 0) {
			tv.tv_sec = (time_t)c->o->timeout;
			tv.tv_usec = (suseconds_t)((c->o->timeout - (double)tv.tv_sec) * 1e6);
		}
		if (fl < 0 || fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ||
		    setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
			return vsl_conn_fail(c, errno, "setting up the socket for");
	}
	return 0;
}

void vsl_conn_close(struct vconn *c, struct totals *t)
{
	if (c->m) {
		mf_head(c, "close", 0);
		manifest_end(c->m);
	}
	close(c->fd);
	c->fd = -1;
	t->tx_bytes += c->tx_bytes;
	t->rx_bytes += c->rx_bytes;
	t->tx_msgs += c->tx_msgs;
	t->rx_msgs += c->rx_msgs;
}

void vsl_mf_result(struct vconn *c)
{
	if (!c->m)
		return;
	mf_head(c, "result", 0);
	manifest_uint(c->m, "sockgen.tx_bytes", c->tx_bytes);
	manifest_uint(c->m, "sockgen.rx_bytes", c->rx_bytes);
	manifest_uint(c->m, "sockgen.tx_msgs", c->tx_msgs);
	manifest_uint(c->m, "sockgen.rx_msgs", c->rx_msgs);
	manifest_fmt(c->m, "sockgen.tx_fnv1a", "%016llx", (unsigned long long)c->tx_hash);
	manifest_fmt(c->m, "sockgen.rx_fnv1a", "%016llx", (unsigned long long)c->rx_hash);
	manifest_end(c->m);
}

int vsl_shutdown(struct vconn *c)
{
	if (shutdown(c->fd, SHUT_WR) < 0 && errno != ENOTCONN)
		return vsl_conn_fail(c, errno, "half-closing (shutdown SHUT_WR) towards");
	vsl_mf_event(c, "shutdown", 0);
	return 0;
}

/* Reads what is ready. Returns 1 at EOF, 0 otherwise, or an exit code + 16
 * (so callers can tell it from the two states) after vsl_conn_fail(). */
static int drain(struct vconn *c, uint8_t *buf, size_t cap, uint8_t *keep,
		 size_t *kept)
{
	for (int i = 0; i < 64; i++) {
		int eor = 0;
		ssize_t r = vsl_recv_chunk(c, buf, cap, &eor);

		if (r == -EAGAIN)
			return 0;
		if (r == 0) {
			vsl_mf_event(c, "eof", 1);
			return 1;
		}
		if (r < 0)
			return 16 + vsl_conn_fail(c, (int)-r, r == -EMSGSIZE ?
					      "message too large for the buffer from" :
					      "receiving from");
		if (keep && *kept < HTTP_MAX) {
			size_t n = (size_t)r < HTTP_MAX - *kept ? (size_t)r : HTTP_MAX - *kept;

			memcpy(keep + *kept, buf, n);
			*kept += n;
		}
	}
	return 0;
}

/* Message i of the send plan: its length and EOR flag. */
static size_t plan_msg(const struct vsl_opts *o, uint64_t i, uint64_t total, int *eor)
{
	uint64_t off;

	if (o->nmsgs) {
		*eor = o->msg_eor[i];
		return o->msg_len[i];
	}
	*eor = o->eor;
	off = i * (uint64_t)o->msg_size;
	return total - off < o->msg_size ? (size_t)(total - off) : o->msg_size;
}

/* Client side of one connection: send the plan (or the request), half-close,
 * read to EOF. Sending and receiving interleave so an echoing peer never
 * blocks on a full receive buffer; --pingpong holds each message back until
 * the previous one came back. */
static int client_pump(struct vconn *c, const uint8_t *req, size_t reqlen,
		       uint8_t *keep, size_t *kept)
{
	const struct vsl_opts *o = c->o;
	uint64_t total = req ? reqlen : o->bytes, msg_i = 0;
	size_t msg_done = 0;
	/* The pattern repeats every 251 bytes: one buffer of a message plus a
	 * period serves every offset, so sending costs no per-byte work. */
	uint8_t *tx = req ? NULL : malloc(VSL_MAX_MSG + 251), *rx = malloc(VSL_MAX_MSG + 1);
	int shut = 0, eof = 0, r = 0;

	if ((!req && !tx) || !rx) {
		free(tx);
		free(rx);
		return sg_fail(o->ctx, "%s", strerror(ENOMEM));
	}
	if (tx)
		pattern(tx, 0, VSL_MAX_MSG + 251);
	while (!shut || !eof) {
		int caught_up = !o->pingpong ||
				(o->type == VSL_SEQPACKET ? c->rx_msgs >= msg_i : c->rx_bytes >= c->tx_bytes);
		int can_send = !shut && c->tx_bytes < total && (msg_done || caught_up);
		short ev = 0;
		int rev;

		if (!shut && c->tx_bytes == total && (caught_up || eof)) {
			if ((r = vsl_shutdown(c)))
				break;
			shut = 1;
			continue;
		}
		if (can_send)
			ev |= POLLOUT;
		if (!eof)
			ev |= POLLIN;
		if (!ev) {
			/* pingpong, and the peer closed before echoing */
			r = vsl_conn_fail(c, EPIPE, "no echo (EOF first) from");
			break;
		}
		rev = vsl_wait_fd(c->fd, ev, vsl_timeout_ms(o));
		if (!rev) {
			r = vsl_timed_out(c, can_send ? "sending to" : "waiting for data from");
			break;
		}
		if (!eof && (rev & (POLLIN | POLLHUP | POLLERR))) {
			int d = drain(c, rx, VSL_MAX_MSG + 1, keep, kept);

			if (d >= 16) {
				r = d - 16;
				break;
			}
			eof = d;
		}
		/* Several sends per wakeup while the socket takes them whole. */
		for (int burst = 0; can_send && burst < 16 && (rev & (POLLOUT | POLLHUP | POLLERR)); burst++) {
			int eor = 0;
			size_t len = req ? reqlen : plan_msg(o, msg_i, total, &eor), n = len - msg_done;
			const uint8_t *p = req ? req + msg_done : tx + c->tx_bytes % 251;
			ssize_t s;

			s = vsl_send_chunk(c, p, n, o->type == VSL_SEQPACKET && eor);
			if (s < 0) {
				r = vsl_conn_fail(c, (int)-s, "sending to");
				break;
			}
			if (o->type == VSL_SEQPACKET && s > 0 && (size_t)s != n) {
				r = vsl_conn_fail(c, EMSGSIZE, "short seqpacket send to");
				break;
			}
			msg_done += (size_t)s;
			if (msg_done == len) {
				msg_i++;
				msg_done = 0;
			}
			/* seqpacket sends block: poll between them so an echo
			 * never waits on a full receive buffer here */
			if ((size_t)s != n || o->pingpong || c->tx_bytes == total ||
			    o->type == VSL_SEQPACKET)
				break;
		}
		if (r)
			break;
	}
	/* Both sides have half-closed; who closes first decides the packets
	 * that end the connection (the first close sends SHUTDOWN RCV|SEND,
	 * the other kernel answers RST). Nothing a client can poll for shows
	 * the peer's close, so in lockstep mode, which promises a repeatable
	 * packet order, give an echo server that closes right after its
	 * half-close a moment to do so first. */
	if (!r && o->pingpong) {
		struct timespec grace = { 0, 250 * 1000 * 1000 };

		nanosleep(&grace, NULL);
	}
	free(tx);
	free(rx);
	return r;
}

static void vsl_print_result(const struct vsl_opts *o, const char *where,
			 unsigned conns, const struct totals *t, double secs)
{
	double mib = (double)(t->tx_bytes + t->rx_bytes) / (1024.0 * 1024.0);

	/* a summary: stderr, like every sockgen summary (stdout is data) */
	fprintf(stderr, "sockgen: %s: result verb=%s type=%s %s conns=%u tx_bytes=%llu tx_msgs=%llu "
		"rx_bytes=%llu rx_msgs=%llu seconds=%.6f mib_per_s=%.2f\n", o->ctx,
	       o->connect ? "connect" : "listen", vsl_type_name(o->type), where, conns,
	       (unsigned long long)t->tx_bytes, (unsigned long long)t->tx_msgs,
	       (unsigned long long)t->rx_bytes, (unsigned long long)t->rx_msgs,
	       secs, secs > 0 ? mib / secs : 0.0);
}

int vsl_open_manifest(const struct vsl_opts *o, struct manifest **m)
{
	*m = NULL;
	if (!o->manifest_path)
		return 0;
	*m = manifest_open(o->manifest_path);
	if (!*m)
		return sg_fail(o->ctx, "--manifest '%s': %s", o->manifest_path, strerror(errno));
	return 0;
}

int vsl_finish_manifest(const struct vsl_opts *o, struct manifest *m, int r)
{
	int e = manifest_close(m);

	if (e && !r)
		return sg_fail(o->ctx, "--manifest '%s': %s", o->manifest_path, strerror(-e));
	return r;
}

static int http_report(struct vconn *c, const uint8_t *resp, size_t n)
{
	const char *eol = memchr(resp, '\n', n);
	const uint8_t *body = NULL;
	size_t len;
	char line[256];

	for (size_t i = 0; i + 3 < n; i++)
		if (!memcmp(resp + i, "\r\n\r\n", 4)) {
			body = resp + i + 4;
			break;
		}
	if (!eol || n < 12 || memcmp(resp, "HTTP/1.", 7) || resp[8] != ' ')
		return sg_fail(c->o->ctx, "no HTTP status line in the %zu-byte response from %s", n, c->peer);
	len = (size_t)(eol - (const char *)resp);
	if (len && resp[len - 1] == '\r')
		len--;
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	memcpy(line, resp, len);
	line[len] = '\0';
	fprintf(stderr, "sockgen: %s: http status=%.3s line='%s' body_bytes=%zu\n", c->o->ctx,
		line + 9, line, body ? n - (size_t)(body - resp) : 0);
	return 0;
}

int vsl_connect_one(const struct vsl_opts *o, struct vconn *c)
{
	struct sockaddr_vm sa;
	int err = 0, rev;
	socklen_t el = sizeof(err);
	struct timeval tv = { .tv_sec = 86400 };

	snprintf(c->peer, sizeof(c->peer), "%u:%u", o->cid, o->port);
	c->pcid = o->cid;
	c->pport = o->port;
	c->fd = socket(AF_VSOCK, (o->type == VSL_STREAM ? SOCK_STREAM : SOCK_SEQPACKET) |
		       SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return sg_fail(o->ctx, "socket(AF_VSOCK, %s): %s", vsl_type_name(o->type), strerror(errno));
	/* The kernel ends a pending connect on its own timer (2 s by default);
	 * make it ours so the message names the deadline the user set. */
	if (o->timeout > 0) {
		tv.tv_sec = (time_t)o->timeout;
		tv.tv_usec = (suseconds_t)((o->timeout - (double)tv.tv_sec) * 1e6);
	}
	(void)setsockopt(c->fd, AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT, &tv, sizeof(tv));
	memset(&sa, 0, sizeof(sa));
	sa.svm_family = AF_VSOCK;
	sa.svm_cid = o->cid;
	sa.svm_port = o->port;
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (errno != EINPROGRESS)
			return vsl_conn_fail(c, errno, "connecting to");
		rev = vsl_wait_fd(c->fd, POLLOUT, vsl_timeout_ms(o));
		if (!rev)
			return vsl_timed_out(c, "connecting to");
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0)
			err = errno;
		if (err)
			return vsl_conn_fail(c, err, err == ECONNRESET ?
					 "connection refused (peer answered with RST) by" :
					 "connecting to");
	}
	if ((err = vsl_connected(c)))
		return err;
	vsl_mf_event(c, "connect", 0);
	return 0;
}

int vsl_run_connect(const struct vsl_opts *o)
{
	struct totals t = { 0 };
	struct manifest *m;
	struct vconn c;
	char req[1400], where[48];
	size_t reqlen = 0;
	int r;
	unsigned i;

	signal(SIGPIPE, SIG_IGN);
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	if (o->http_path)
		reqlen = (size_t)snprintf(req, sizeof(req),
					  "GET %s HTTP/1.1\r\nHost: vsock-%u:%u\r\n"
					  "User-Agent: sockgen/%s\r\nAccept: */*\r\n"
					  "Connection: close\r\n\r\n",
					  o->http_path, o->cid, o->port, sockgen_version);
	t_start = vsl_now();
	for (i = 0; i < o->count; i++) {
		uint8_t *keep = NULL;
		size_t kept = 0;

		memset(&c, 0, sizeof(c));
		c.o = o;
		c.m = m;
		c.idx = i;
		c.fd = -1;
		if ((r = vsl_connect_one(o, &c))) {
			if (c.fd >= 0)
				close(c.fd);
			break;
		}
		if (o->http_path && !(keep = malloc(HTTP_MAX))) {
			close(c.fd);
			r = sg_fail(o->ctx, "%s", strerror(ENOMEM));
			break;
		}
		r = client_pump(&c, o->http_path ? (const uint8_t *)req : NULL, reqlen,
				keep, &kept);
		vsl_mf_result(&c);
		vsl_conn_close(&c, &t);
		if (!r && keep)
			r = http_report(&c, keep, kept);
		free(keep);
		if (r)
			break;
	}
	snprintf(where, sizeof(where), "peer=%u:%u", o->cid, o->port);
	if (!r)
		vsl_print_result(o, where, i, &t, vsl_now() - t_start);
	return vsl_finish_manifest(o, m, r);
}

/* ---- server ---- */

static int serve_sink(struct vconn *c, int abort_early)
{
	uint8_t *buf = malloc(VSL_MAX_MSG + 1);
	int r = 0, eof = 0;

	if (!buf)
		return sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	while (!eof) {
		int rev = vsl_wait_fd(c->fd, POLLIN, vsl_timeout_ms(c->o)), d;

		if (!rev) {
			r = vsl_timed_out(c, "waiting for data from");
			break;
		}
		d = drain(c, buf, abort_early ? 4096 : VSL_MAX_MSG + 1, NULL, NULL);
		if (d >= 16) {
			r = d - 16;
			break;
		}
		eof = d;
		/* reset mode: close with the peer still sending, the data in
		 * flight is answered by RST. */
		if (abort_early && c->rx_bytes > 0) {
			free(buf);
			return 0;
		}
	}
	free(buf);
	if (!r && !abort_early)
		r = vsl_shutdown(c);
	return r;
}

static int serve_echo_stream(struct vconn *c)
{
	uint8_t *buf = malloc(IOBUF);
	size_t head = 0, tail = 0;
	int eof = 0, r = 0;

	if (!buf)
		return sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	for (;;) {
		short ev = 0;
		int rev;

		if (head == tail)
			head = tail = 0;
		if (eof && head == tail)
			break;
		if (!eof && tail < IOBUF)
			ev |= POLLIN;
		if (head < tail)
			ev |= POLLOUT;
		rev = vsl_wait_fd(c->fd, ev, vsl_timeout_ms(c->o));
		if (!rev) {
			r = vsl_timed_out(c, "echoing to");
			break;
		}
		if ((ev & POLLIN) && (rev & (POLLIN | POLLHUP | POLLERR))) {
			int eor;
			ssize_t n = vsl_recv_chunk(c, buf + tail, IOBUF - tail, &eor);

			if (n == 0) {
				vsl_mf_event(c, "eof", 1);
				eof = 1;
			} else if (n > 0) {
				tail += (size_t)n;
			} else if (n != -EAGAIN) {
				r = vsl_conn_fail(c, (int)-n, "receiving from");
				break;
			}
		}
		if ((ev & POLLOUT) && (rev & (POLLOUT | POLLHUP | POLLERR))) {
			ssize_t n = vsl_send_chunk(c, buf + head, tail - head, 0);

			if (n < 0) {
				r = vsl_conn_fail(c, (int)-n, "echoing to");
				break;
			}
			head += (size_t)n;
		}
	}
	free(buf);
	return r ? r : vsl_shutdown(c);
}

/* One message at a time: receive it whole, send it back with its EOR. */
static int serve_echo_seqpacket(struct vconn *c)
{
	uint8_t *buf = malloc(VSL_MAX_MSG + 1);
	int r = 0;

	if (!buf)
		return sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	for (;;) {
		int eor = 0, rev = vsl_wait_fd(c->fd, POLLIN, vsl_timeout_ms(c->o));
		ssize_t n;

		if (!rev) {
			r = vsl_timed_out(c, "waiting for a message from");
			break;
		}
		n = vsl_recv_chunk(c, buf, VSL_MAX_MSG + 1, &eor);
		if (n == -EAGAIN)
			continue;
		if (n == 0) {
			vsl_mf_event(c, "eof", 1);
			break;
		}
		if (n < 0) {
			r = vsl_conn_fail(c, (int)-n, n == -EMSGSIZE ?
				      "message too large for the buffer from" : "receiving from");
			break;
		}
		n = vsl_send_chunk(c, buf, (size_t)n, eor);
		if (n <= 0) {
			r = vsl_conn_fail(c, n < 0 ? (int)-n : EAGAIN, "echoing to");
			break;
		}
	}
	free(buf);
	return r ? r : vsl_shutdown(c);
}

static int send_all(struct vconn *c, const uint8_t *p, size_t n)
{
	size_t off = 0;

	while (off < n) {
		int rev = vsl_wait_fd(c->fd, POLLOUT, vsl_timeout_ms(c->o));
		ssize_t s;

		if (!rev)
			return vsl_timed_out(c, "sending to");
		s = vsl_send_chunk(c, p + off, n - off, 0);
		if (s < 0)
			return vsl_conn_fail(c, (int)-s, "sending to");
		off += (size_t)s;
	}
	return 0;
}

static int serve_http(struct vconn *c)
{
	uint8_t *req = malloc(HTTP_MAX + 1), *buf = malloc(IOBUF);
	size_t kept = 0;
	int r = 0, eof = 0, done = 0;
	char resp[2048], body[1200], method[16] = "", path[1100] = "";
	const char *status = "200 OK";
	int blen;

	if (!req || !buf) {
		free(req);
		free(buf);
		return sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	}
	while (!eof && !done) {
		int rev = vsl_wait_fd(c->fd, POLLIN, vsl_timeout_ms(c->o)), d;

		if (!rev) {
			r = vsl_timed_out(c, "waiting for an HTTP request from");
			goto out;
		}
		d = drain(c, buf, IOBUF, req, &kept);
		if (d >= 16) {
			r = d - 16;
			goto out;
		}
		eof = d;
		for (size_t i = 0; i + 3 < kept; i++)
			if (!memcmp(req + i, "\r\n\r\n", 4))
				done = 1;
	}
	req[kept] = '\0';       /* sscanf() needs a string */
	if (!done || sscanf((const char *)req, "%15s %1099s", method, path) != 2 ||
	    path[0] != '/')
		status = "400 Bad Request";
	else if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		status = "405 Method Not Allowed";
	if (!done)
		memset(path, 0, sizeof(path));
	blen = snprintf(body, sizeof(body), "sockgen over vsock: %s %s -> %s\n",
			method[0] ? method : "-", path[0] ? path : "-", status);
	snprintf(resp, sizeof(resp),
		 "HTTP/1.1 %s\r\nServer: sockgen/%s\r\nContent-Type: text/plain\r\n"
		 "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
		 status, sockgen_version, blen, strcmp(method, "HEAD") ? body : "");
	if ((r = send_all(c, (const uint8_t *)resp, strlen(resp))))
		goto out;
	if ((r = vsl_shutdown(c)))
		goto out;
	while (!eof) {
		int rev = vsl_wait_fd(c->fd, POLLIN, vsl_timeout_ms(c->o)), d;

		if (!rev) {
			r = vsl_timed_out(c, "waiting for EOF from");
			break;
		}
		d = drain(c, buf, IOBUF, NULL, NULL);
		if (d >= 16) {
			r = d - 16;
			break;
		}
		eof = d;
	}
out:
	free(req);
	free(buf);
	return r;
}

static int serve_one(struct vconn *c)
{
	switch (c->o->mode) {
	case VSL_SINK:
		return serve_sink(c, 0);
	case VSL_RESET:
		return serve_sink(c, 1);
	case VSL_HTTP:
		return serve_http(c);
	case VSL_ECHO:
	default:
		return c->o->type == VSL_STREAM ? serve_echo_stream(c) : serve_echo_seqpacket(c);
	}
}

static const char *mode_name(enum vsl_mode m)
{
	static const char *const names[] = { "echo", "sink", "http", "reset" };

	return names[m];
}

/* The listening socket on VMADDR_CID_ANY:port; 0 or the exit code. */
int vsl_listen_socket(const struct vsl_opts *o, int *ret_fd)
{
	struct sockaddr_vm sa;
	int lfd, r;

	lfd = socket(AF_VSOCK, (o->type == VSL_STREAM ? SOCK_STREAM : SOCK_SEQPACKET) |
		     SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		return sg_fail(o->ctx, "socket(AF_VSOCK, %s): %s", vsl_type_name(o->type),
			       strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.svm_family = AF_VSOCK;
	sa.svm_cid = VMADDR_CID_ANY;
	sa.svm_port = o->port;
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 16) < 0) {
		r = sg_fail(o->ctx, "--port %u: %s", o->port, strerror(errno));
		close(lfd);
		return r;
	}
	*ret_fd = lfd;
	return 0;
}

int vsl_run_listen(const struct vsl_opts *o)
{
	struct totals t = { 0 };
	struct sockaddr_vm sa;
	struct manifest *m;
	char where[32];
	int lfd, r, failed = 0;
	unsigned i;
	double t0 = 0;

	signal(SIGPIPE, SIG_IGN);
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	if ((r = vsl_listen_socket(o, &lfd)))
		return vsl_finish_manifest(o, m, r);
	fprintf(stderr, "sockgen: %s: listening port=%u type=%s mode=%s\n", o->ctx, o->port,
		vsl_type_name(o->type), mode_name(o->mode));
	t_start = vsl_now();
	for (i = 0; i < o->count; i++) {
		struct vconn c;
		socklen_t al = sizeof(sa);
		int rev = vsl_wait_fd(lfd, POLLIN, vsl_timeout_ms(o));

		if (!rev) {
			r = sg_fail(o->ctx, "port %u: no connection within %g s: %s", o->port,
				    o->timeout, strerror(ETIMEDOUT));
			break;
		}
		memset(&c, 0, sizeof(c));
		c.o = o;
		c.m = m;
		c.idx = i;
		c.fd = accept4(lfd, (struct sockaddr *)&sa, &al, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (c.fd < 0) {
			if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED) {
				i--;
				continue;
			}
			r = sg_fail(o->ctx, "accept on port %u: %s", o->port, strerror(errno));
			break;
		}
		if (i == 0)
			t0 = vsl_now();
		if (!(r = vsl_connected(&c))) {
			vsl_mf_event(&c, "accept", 1);
			r = serve_one(&c);
		}
		vsl_mf_result(&c);
		vsl_conn_close(&c, &t);
		/* A failed connection is reported; the next one is still served. */
		if (r) {
			failed = r;
			r = 0;
		}
	}
	close(lfd);
	snprintf(where, sizeof(where), "port=%u", o->port);
	if (!r)
		vsl_print_result(o, where, i, &t, t0 > 0 ? vsl_now() - t0 : 0);
	return vsl_finish_manifest(o, m, r ? r : failed);
}
