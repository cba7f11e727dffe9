/* SPDX-License-Identifier: GPL-2.0-or-later */
/* virtio-vsock connection model: Linux 6.1 virtio_transport_common.c and
 * af_vsock.c behaviour over vsock_loopback, as a packet generator. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vsock_model.h"

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

static int peer_of(int side) { return side == VSM_CLIENT ? VSM_SERVER : VSM_CLIENT; }

int vsm_init(struct vsm_conn *c, const struct vsm_config *cfg, vsm_emit_fn emit, void *ctx)
{
	if (!c || !cfg || !emit)
		return -EINVAL;
	if (cfg->type != VSOCK_VIRTIO_TYPE_STREAM && cfg->type != VSOCK_VIRTIO_TYPE_SEQPACKET)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	c->type = cfg->type;
	c->server_type = cfg->server_type ? cfg->server_type : cfg->type;
	c->emit = emit;
	c->ctx = ctx;
	for (int i = 0; i < 2; i++) {
		struct vsm_sock *s = &c->s[i];

		s->cid = cfg->cid[i];
		s->port = cfg->port[i];
		s->buf_alloc = cfg->buf_alloc[i] ? cfg->buf_alloc[i] : VIRTIO_VSOCK_DEFAULT_BUF_SIZE;
	}
	c->s[VSM_CLIENT].exists = 1;
	c->s[VSM_CLIENT].state = VSM_CLOSE;
	c->s[VSM_SERVER].exists = cfg->server_listening;
	c->s[VSM_SERVER].state = cfg->server_listening ? VSM_LISTEN : VSM_CLOSE;
	return 0;
}

void vsm_free(struct vsm_conn *c)
{
	if (!c)
		return;
	for (int i = 0; i < 2; i++) {
		free(c->s[i].rxq);
		c->s[i].rxq = NULL;
		c->s[i].rx_cap = c->s[i].rx_head = c->s[i].rx_tail = 0;
	}
}

/* Queue a packet for delivery. The loopback transport runs one FIFO, so
 * the capture (tap) order is the order packets were handed to it. */
static void push(struct vsm_conn *c, const struct virtio_vsock_hdr *h, const uint8_t *payload)
{
	struct vsm_pending *p;

	if (c->error)
		return;
	if (c->q_len == VSM_MAX_PENDING) {
		/* Only a scenario holding delivery for long gets here (each
		 * packet causes at most one reply); fail rather than drop. */
		c->error = -EOVERFLOW;
		return;
	}
	p = &c->q[(c->q_head + c->q_len) % VSM_MAX_PENDING];
	p->hdr = *h;
	p->payload = payload;
	c->q_len++;
}

/* virtio_transport_send_pkt_info(): a socket's packet carries its own
 * buf_alloc and fwd_cnt (virtio_transport_inc_tx_pkt), which also marks
 * fwd_cnt as told to the peer. */
static void send_pkt(struct vsm_conn *c, int side, uint16_t op, uint32_t flags,
		     const uint8_t *payload, uint32_t len)
{
	struct vsm_sock *s = &c->s[side], *peer = &c->s[peer_of(side)];
	struct virtio_vsock_hdr h = {
		.src_cid = s->cid, .dst_cid = peer->cid,
		.src_port = s->port, .dst_port = peer->port,
		.len = len,
		.type = side == VSM_SERVER ? c->server_type : c->type,
		.op = op, .flags = flags,
		.buf_alloc = s->buf_alloc, .fwd_cnt = s->fwd_cnt,
	};

	s->last_fwd_cnt = s->fwd_cnt;
	if (op == VSOCK_VIRTIO_OP_RW)
		s->tx_cnt += len;
	push(c, &h, len ? payload : NULL);
}

/* virtio_transport_reset_no_sock(): the transport itself answers a packet
 * no socket takes, never a RST, with addresses swapped and no credit. */
static void reset_no_sock(struct vsm_conn *c, const struct virtio_vsock_hdr *in)
{
	struct virtio_vsock_hdr h = {
		.src_cid = in->dst_cid, .dst_cid = in->src_cid,
		.src_port = in->dst_port, .dst_port = in->src_port,
		.type = in->type, .op = VSOCK_VIRTIO_OP_RST,
	};

	if (in->op == VSOCK_VIRTIO_OP_RST)
		return;
	push(c, &h, NULL);
}

/* virtio_transport_reset(): a socket's own RST, not in answer to a RST. */
static void reset_sock(struct vsm_conn *c, int side, const struct virtio_vsock_hdr *in)
{
	if (in && in->op == VSOCK_VIRTIO_OP_RST)
		return;
	send_pkt(c, side, VSOCK_VIRTIO_OP_RST, 0, NULL, 0);
}

static void remove_sock(struct vsm_sock *s)
{
	s->done = 1;
	s->removed = 1;
	s->close_work = 0;
	s->rx_head = s->rx_tail = 0;
	s->rx_bytes = 0;
	s->msg_count = 0;
}

/* virtio_transport_do_close(): the peer is gone. */
static void do_close(struct vsm_sock *s)
{
	s->done = 1;
	s->peer_shutdown = VSM_SHUT_MASK;
	if (s->rx_bytes == 0)
		s->state = VSM_CLOSING;
	if (s->close_work)
		remove_sock(s);
}

static uint32_t tx_space(const struct vsm_sock *s)
{
	/* Kernel: min(peer_buf_alloc, buf_alloc) - (tx_cnt - peer_fwd_cnt),
	 * the in-flight count in u32 (wraps like the kernel's), clamped at 0. */
	int64_t bytes = (int64_t)min_u32(s->peer_buf_alloc, s->buf_alloc) -
			(int64_t)(uint32_t)(s->tx_cnt - s->peer_fwd_cnt);

	return bytes < 0 ? 0 : (uint32_t)bytes;
}

uint32_t vsm_tx_credit(const struct vsm_conn *c, int side)
{
	return tx_space(&c->s[side]);
}

uint32_t vsm_rx_pending(const struct vsm_conn *c, int side)
{
	return c->s[side].rx_bytes;
}

static int rxq_push(struct vsm_sock *s, uint32_t len, uint32_t flags)
{
	if (s->rx_tail == s->rx_cap) {
		size_t n = s->rx_tail - s->rx_head;

		if (s->rx_head) {
			memmove(s->rxq, s->rxq + s->rx_head, n * sizeof(*s->rxq));
			s->rx_head = 0;
			s->rx_tail = n;
		}
		if (s->rx_tail == s->rx_cap) {
			size_t cap = s->rx_cap ? s->rx_cap * 2 : 64;
			struct vsm_rxpkt *q;

			if (cap > VSM_MAX_RXQ)
				return -E2BIG;
			q = realloc(s->rxq, cap * sizeof(*q));
			if (!q)
				return -ENOMEM;
			s->rxq = q;
			s->rx_cap = cap;
		}
	}
	s->rxq[s->rx_tail++] = (struct vsm_rxpkt){ .len = len, .flags = flags };
	return 0;
}

/* virtio_transport_recv_connected(). */
static void recv_connected(struct vsm_conn *c, int side, const struct virtio_vsock_hdr *h)
{
	struct vsm_sock *s = &c->s[side];
	int r;

	switch (h->op) {
	case VSOCK_VIRTIO_OP_RW:
		/* No coalescing to model: loopback packets arrive with a
		 * buffer exactly their length, so the small-packet copy into
		 * the previous buffer never finds room. */
		if ((uint64_t)s->rx_bytes + h->len > s->buf_alloc) {
			reset_sock(c, side, h);
			do_close(s);
			s->err = ENOBUFS;
			remove_sock(s);
			return;
		}
		r = rxq_push(s, h->len, h->flags);
		if (r < 0) {
			c->error = r;
			return;
		}
		s->rx_bytes += h->len;
		if (h->flags & VSOCK_VIRTIO_SEQ_EOM)
			s->msg_count++;
		return;
	case VSOCK_VIRTIO_OP_CREDIT_REQUEST:
		send_pkt(c, side, VSOCK_VIRTIO_OP_CREDIT_UPDATE, 0, NULL, 0);
		return;
	case VSOCK_VIRTIO_OP_CREDIT_UPDATE:
		return;         /* the credit was taken from the header already */
	case VSOCK_VIRTIO_OP_SHUTDOWN:
		s->peer_shutdown |= h->flags & VSM_SHUT_MASK;
		if (s->peer_shutdown == VSM_SHUT_MASK && s->rx_bytes == 0 && !s->done) {
			reset_sock(c, side, NULL);
			do_close(s);
		}
		return;
	case VSOCK_VIRTIO_OP_RST:
		do_close(s);
		return;
	default:
		return;         /* kernel: -EINVAL, nothing sent */
	}
}

/* virtio_transport_recv_pkt() for the socket on side. */
static void deliver(struct vsm_conn *c, int side, const struct virtio_vsock_hdr *h)
{
	struct vsm_sock *s = &c->s[side];
	uint16_t stype = side == VSM_SERVER ? c->server_type : c->type;

	if (h->type != VSOCK_VIRTIO_TYPE_STREAM && h->type != VSOCK_VIRTIO_TYPE_SEQPACKET) {
		reset_no_sock(c, h);
		return;
	}
	/* A removed socket leaves, at most, the listener on the same port;
	 * the listener answers anything but a REQUEST with the same RST the
	 * transport sends when nobody owns the port. */
	if (!s->exists || s->removed || stype != h->type || s->done) {
		reset_no_sock(c, h);
		return;
	}
	if (s->state != VSM_LISTEN) {
		/* virtio_transport_space_update(): every header carries the
		 * sender's credit state. */
		s->peer_buf_alloc = h->buf_alloc;
		s->peer_fwd_cnt = h->fwd_cnt;
	}
	switch (s->state) {
	case VSM_LISTEN:
		if (h->op != VSOCK_VIRTIO_OP_REQUEST) {
			reset_no_sock(c, h);
			return;
		}
		/* The accepted child takes the listener's place. */
		s->state = VSM_ESTABLISHED;
		s->peer_buf_alloc = h->buf_alloc;
		s->peer_fwd_cnt = h->fwd_cnt;
		send_pkt(c, side, VSOCK_VIRTIO_OP_RESPONSE, 0, NULL, 0);
		return;
	case VSM_SYN_SENT:
		switch (h->op) {
		case VSOCK_VIRTIO_OP_RESPONSE:
			s->state = VSM_ESTABLISHED;
			return;
		case VSOCK_VIRTIO_OP_INVALID:
			return;
		case VSOCK_VIRTIO_OP_RST:
			s->err = ECONNRESET;
			break;
		default:
			s->err = EPROTO;
			reset_sock(c, side, h);
			break;
		}
		s->state = VSM_CLOSE;
		return;
	case VSM_ESTABLISHED:
		recv_connected(c, side, h);
		return;
	case VSM_CLOSING:
		if (h->op == VSOCK_VIRTIO_OP_RST)
			do_close(s);
		return;
	default:
		reset_no_sock(c, h);
		return;
	}
}

/* Deliver everything queued, in order, including the replies it causes. */
static int pump(struct vsm_conn *c)
{
	while (c->q_len && !c->error && !c->held) {
		struct vsm_pending p = c->q[c->q_head];
		int r;

		c->q_head = (c->q_head + 1) % VSM_MAX_PENDING;
		c->q_len--;
		r = c->emit(c->ctx, &p.hdr, p.payload);
		if (r < 0) {
			c->error = r;
			break;
		}
		c->packets++;
		/* The destination is whichever side owns the dst address;
		 * with equal CIDs (loopback) the port decides. */
		if (p.hdr.dst_cid == c->s[VSM_SERVER].cid && p.hdr.dst_port == c->s[VSM_SERVER].port)
			deliver(c, VSM_SERVER, &p.hdr);
		else
			deliver(c, VSM_CLIENT, &p.hdr);
	}
	return c->error;
}

void vsm_hold(struct vsm_conn *c)
{
	c->held = 1;
}

int vsm_flush(struct vsm_conn *c)
{
	c->held = 0;
	return pump(c);
}

int vsm_connect(struct vsm_conn *c)
{
	struct vsm_sock *s = &c->s[VSM_CLIENT];

	if (c->error)
		return c->error;
	if (s->state != VSM_CLOSE || s->removed)
		return -EISCONN;
	s->state = VSM_SYN_SENT;
	send_pkt(c, VSM_CLIENT, VSOCK_VIRTIO_OP_REQUEST, 0, NULL, 0);
	if (pump(c) < 0)
		return c->error;
	if (s->state == VSM_ESTABLISHED)
		return 0;
	return s->err ? -s->err : -ETIMEDOUT;
}

int vsm_write(struct vsm_conn *c, int side, const uint8_t *data, size_t len,
	      int eor, size_t *ret_written)
{
	struct vsm_sock *s = &c->s[side];
	uint16_t type = side == VSM_SERVER ? c->server_type : c->type;
	size_t written = 0;

	if (ret_written)
		*ret_written = 0;
	if (c->error)
		return c->error;
	if (len && !data)
		return -EINVAL;
	/* vsock_connectible_sendmsg(): shutdown first, then state. */
	if ((s->shutdown & VSM_SHUT_SEND) || (s->peer_shutdown & VSM_SHUT_RCV))
		return -EPIPE;
	if (s->state != VSM_ESTABLISHED || s->removed)
		return -ENOTCONN;
	if (type == VSOCK_VIRTIO_TYPE_SEQPACKET &&
	    len > min_u32(s->peer_buf_alloc, s->buf_alloc))
		return -EMSGSIZE;
	while (written < len) {
		uint32_t space = tx_space(s), piece, flags = 0;
		size_t left = len - written;

		if ((s->shutdown & VSM_SHUT_SEND) || (s->peer_shutdown & VSM_SHUT_RCV)) {
			if (ret_written)
				*ret_written = written;
			return written ? 0 : -EPIPE;
		}
		if (space == 0)
			break;          /* the real call blocks here */
		piece = min_u32(min_u32(space, VIRTIO_VSOCK_MAX_PKT_BUF_SIZE),
				left > UINT32_MAX ? UINT32_MAX : (uint32_t)left);
		if (type == VSOCK_VIRTIO_TYPE_SEQPACKET && piece == left) {
			flags |= VSOCK_VIRTIO_SEQ_EOM;
			if (eor)
				flags |= VSOCK_VIRTIO_SEQ_EOR;
		}
		send_pkt(c, side, VSOCK_VIRTIO_OP_RW, flags, data + written, piece);
		written += piece;
		if (pump(c) < 0)
			return c->error;
	}
	if (ret_written)
		*ret_written = written;
	return 0;
}

static struct vsm_rxpkt *rxq_first(struct vsm_sock *s)
{
	return s->rx_head < s->rx_tail ? &s->rxq[s->rx_head] : NULL;
}

int vsm_read(struct vsm_conn *c, int side, size_t max, size_t *ret_read, int *ret_eor)
{
	struct vsm_sock *s = &c->s[side];
	uint16_t type = side == VSM_SERVER ? c->server_type : c->type;
	size_t total = 0;
	int eor = 0;

	if (ret_read)
		*ret_read = 0;
	if (ret_eor)
		*ret_eor = 0;
	if (c->error)
		return c->error;
	/* vsock_connectible_recvmsg(): a socket not ESTABLISHED reads end of
	 * file when the transport closed it, else ENOTCONN. */
	if (s->state != VSM_ESTABLISHED || s->removed)
		return s->done ? 0 : -ENOTCONN;
	if (s->shutdown & VSM_SHUT_RCV)
		return 0;

	if (type == VSOCK_VIRTIO_TYPE_STREAM) {
		struct vsm_rxpkt *p;
		uint32_t delta, free_space;

		while (total < max && (p = rxq_first(s))) {
			size_t bytes = max - total;

			if (bytes > p->len - p->off)
				bytes = p->len - p->off;
			p->off += (uint32_t)bytes;
			total += bytes;
			/* Credit moves only when a whole packet is used up
			 * (virtio_transport_dec_rx_pkt). */
			if (p->off == p->len) {
				s->rx_bytes -= p->len;
				s->fwd_cnt += p->len;
				s->rx_head++;
			}
		}
		/* virtio_transport_stream_do_dequeue(): update the peer
		 * when the space it does not know about is getting small,
		 * or when what is left is under SO_RCVLOWAT (default 1). */
		delta = s->fwd_cnt - s->last_fwd_cnt;
		free_space = s->buf_alloc - delta;
		if (delta && (free_space < VIRTIO_VSOCK_MAX_PKT_BUF_SIZE || s->rx_bytes < 1))
			send_pkt(c, side, VSOCK_VIRTIO_OP_CREDIT_UPDATE, 0, NULL, 0);
	} else {
		struct vsm_rxpkt *p;

		if (s->msg_count == 0)
			return 0;
		/* virtio_transport_seqpacket_do_dequeue(): one whole
		 * message, then a credit update whatever the numbers. */
		while ((p = rxq_first(s))) {
			uint32_t flags = p->flags;

			total += p->len;
			s->rx_bytes -= p->len;
			s->fwd_cnt += p->len;
			s->rx_head++;
			if (flags & VSOCK_VIRTIO_SEQ_EOM) {
				s->msg_count--;
				eor = !!(flags & VSOCK_VIRTIO_SEQ_EOR);
				break;
			}
		}
		send_pkt(c, side, VSOCK_VIRTIO_OP_CREDIT_UPDATE, 0, NULL, 0);
	}
	if (s->rx_head == s->rx_tail)
		s->rx_head = s->rx_tail = 0;
	if (ret_read)
		*ret_read = total;
	if (ret_eor)
		*ret_eor = eor;
	return pump(c);
}

int vsm_shutdown(struct vsm_conn *c, int side, unsigned how)
{
	struct vsm_sock *s = &c->s[side];

	if (c->error)
		return c->error;
	how &= VSM_SHUT_MASK;
	if (!how)
		return -EINVAL;
	if (s->state == VSM_CLOSE || s->state == VSM_LISTEN || s->removed)
		return -ENOTCONN;
	/* vsock_shutdown(): record, clear SOCK_DONE (as the kernel does),
	 * then tell the peer exactly those bits. */
	s->shutdown |= how;
	s->done = 0;
	send_pkt(c, side, VSOCK_VIRTIO_OP_SHUTDOWN, how, NULL, 0);
	return pump(c);
}

int vsm_close(struct vsm_conn *c, int side)
{
	struct vsm_sock *s = &c->s[side];

	if (c->error)
		return c->error;
	if (s->released)
		return -EBADF;
	/* virtio_transport_close() */
	if (s->removed || (s->state != VSM_ESTABLISHED && s->state != VSM_CLOSING)) {
		remove_sock(s);
	} else if (s->peer_shutdown == VSM_SHUT_MASK) {
		/* The peer already shut both ways: answer with RST. */
		reset_sock(c, side, NULL);
		remove_sock(s);
	} else {
		if (s->shutdown != VSM_SHUT_MASK)
			send_pkt(c, side, VSOCK_VIRTIO_OP_SHUTDOWN, VSM_SHUT_MASK, NULL, 0);
		if (s->done)
			remove_sock(s);
		else
			s->close_work = 1;
	}
	s->released = 1;
	s->shutdown = VSM_SHUT_MASK;
	return pump(c);
}

int vsm_close_timeout(struct vsm_conn *c, int side)
{
	struct vsm_sock *s = &c->s[side];

	if (c->error)
		return c->error;
	if (!s->close_work)
		return 0;
	if (!s->done) {
		reset_sock(c, side, NULL);
		do_close(s);
	}
	s->close_work = 0;
	return pump(c);
}
