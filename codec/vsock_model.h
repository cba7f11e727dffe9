/* SPDX-License-Identifier: GPL-2.0-or-later */
/* virtio-vsock connection model: the packets two Linux 6.1 sockets exchange
 * over vsock_loopback (net/vmw_vsock/virtio_transport_common.c, af_vsock.c,
 * virtio spec 1.2 section 5.10.6), driven by the applications' calls.
 *
 * One struct vsm_conn holds a client socket and the server side (a listener
 * that becomes the accepted child). The application calls (connect, write,
 * read, shutdown, close) produce packets exactly as the kernel builds them:
 * every packet a socket sends carries its buf_alloc and fwd_cnt; a reply
 * for a packet no socket takes (closed port, closed socket) is a RST with
 * addresses swapped and buf_alloc = fwd_cnt = 0. Each packet goes to the
 * emit callback once, in send order, and is then processed by the peer at
 * once (vsock_loopback delivers in order from one work queue); packets the
 * peer's kernel sends in reaction (RESPONSE, RST) follow it.
 *
 * Timing is the one thing the model cannot know: it assumes each
 * application call runs after the previous one has been fully delivered.
 * Scenarios (the generator) choose the interleaving of the two sides.
 *
 * Functions return 0 or a negative errno (the errno the socket call would
 * give: -EPIPE, -ENOTCONN, -EMSGSIZE, -ECONNRESET), or the emit
 * callback's negative return, which stops the model.
 */
#ifndef SOCKSCOPE_VSOCK_MODEL_H
#define SOCKSCOPE_VSOCK_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "vsockmon.h"

enum vsm_side_id { VSM_CLIENT = 0, VSM_SERVER = 1 };

/* Socket states the model distinguishes (the kernel's sk_state values). */
enum vsm_state {
	VSM_CLOSE = 0,          /* TCP_CLOSE: unconnected, or connect failed */
	VSM_LISTEN,             /* server side before a REQUEST arrives */
	VSM_SYN_SENT,           /* client after REQUEST */
	VSM_ESTABLISHED,
	VSM_CLOSING,            /* TCP_CLOSING: peer gone, nothing left to read */
};

/* Shutdown bits, as in the SHUTDOWN op's flags and sk_shutdown. */
#define VSM_SHUT_RCV VSOCK_VIRTIO_SHUTDOWN_RCV
#define VSM_SHUT_SEND VSOCK_VIRTIO_SHUTDOWN_SEND
#define VSM_SHUT_MASK (VSM_SHUT_RCV | VSM_SHUT_SEND)

/* One received packet waiting in a socket's rx queue. */
struct vsm_rxpkt {
	uint32_t len;
	uint32_t off;           /* bytes of it already read */
	uint32_t flags;         /* EOM/EOR for seqpacket */
};

struct vsm_sock {
	uint64_t cid;
	uint32_t port;
	enum vsm_state state;
	int exists;             /* 0: no socket (server: nobody listens) */
	int done;               /* SOCK_DONE: the transport closed it */
	int released;           /* the application closed it */
	int removed;            /* gone from the socket tables */
	int close_work;         /* close timeout scheduled (released, not done) */
	int err;                /* sk_err (positive errno), e.g. ECONNRESET */
	unsigned shutdown;      /* own sk_shutdown bits */
	unsigned peer_shutdown; /* bits the peer announced */
	/* receive side */
	uint32_t buf_alloc;
	uint32_t fwd_cnt;       /* bytes consumed by the application */
	uint32_t last_fwd_cnt;  /* fwd_cnt last told to the peer */
	uint32_t rx_bytes;      /* bytes of queued packets */
	uint32_t msg_count;     /* complete seqpacket messages queued */
	struct vsm_rxpkt *rxq;  /* FIFO: rxq[rx_head .. rx_tail) */
	size_t rx_head, rx_tail, rx_cap;
	/* transmit side */
	uint32_t tx_cnt;        /* bytes sent */
	uint32_t peer_buf_alloc;
	uint32_t peer_fwd_cnt;
};

/* Called once per packet in capture order. payload has h->len bytes
 * (NULL when 0). A negative return stops the model with that error. */
typedef int (*vsm_emit_fn)(void *ctx, const struct virtio_vsock_hdr *h,
			   const uint8_t *payload);

struct vsm_config {
	uint16_t type;                  /* VSOCK_VIRTIO_TYPE_STREAM or _SEQPACKET */
	uint64_t cid[2];                /* [VSM_CLIENT], [VSM_SERVER] */
	uint32_t port[2];
	uint32_t buf_alloc[2];          /* 0 = VIRTIO_VSOCK_DEFAULT_BUF_SIZE */
	int server_listening;           /* 0: the port is closed (REQUEST -> RST) */
	uint16_t server_type;           /* listener type; 0 = same as type */
};

/* Bound on queued packets, against runaway scenarios (each needs >= 1 byte
 * of credit, so buf_alloc bounds the queue anyway; this caps memory). */
#define VSM_MAX_RXQ (1u << 20)

struct vsm_pending {
	struct virtio_vsock_hdr hdr;
	const uint8_t *payload;
};

#define VSM_MAX_PENDING 64

struct vsm_conn {
	uint16_t type;
	uint16_t server_type;
	struct vsm_sock s[2];
	vsm_emit_fn emit;
	void *ctx;
	int error;                      /* first emit error, sticky */
	int held;                       /* vsm_hold(): queue, do not deliver */
	/* packets sent but not yet processed by the receiver */
	struct vsm_pending q[VSM_MAX_PENDING];
	size_t q_head, q_len;
	unsigned long packets;          /* packets emitted */
};

int vsm_init(struct vsm_conn *c, const struct vsm_config *cfg, vsm_emit_fn emit, void *ctx);
void vsm_free(struct vsm_conn *c);

/* Client connect(): REQUEST, then RESPONSE or RST. 0 when established,
 * -ECONNRESET when refused. */
int vsm_connect(struct vsm_conn *c);

/* write()/send() of len bytes (seqpacket: one message, MSG_EOR when eor).
 * Sends RW packets of at most 64 KiB and at most the peer's credit.
 * *ret_written (may be NULL) says how much went out: less than len when the
 * credit ran out (the real call would block here; write the rest after the
 * peer has read). -EPIPE after shutdown, -ENOTCONN when not connected,
 * -EMSGSIZE for a seqpacket message over the peer's buffer. */
int vsm_write(struct vsm_conn *c, int side, const uint8_t *data, size_t len,
	      int eor, size_t *ret_written);

/* read()/recv() into a buffer of max bytes. Stream: dequeues up to max
 * bytes. Seqpacket: dequeues one whole message (its length in *ret_read
 * even when larger than max, as with MSG_TRUNC) and *ret_eor says whether
 * it carried EOR. *ret_read == 0 with the peer's SEND shut down (or the
 * socket done) is end of file; otherwise nothing was ready. Sends the
 * CREDIT_UPDATE the kernel sends after that read, if any. */
int vsm_read(struct vsm_conn *c, int side, size_t max, size_t *ret_read, int *ret_eor);

/* shutdown(how): how is VSM_SHUT_RCV/SEND bits (SHUT_WR = VSM_SHUT_SEND). */
int vsm_shutdown(struct vsm_conn *c, int side, unsigned how);

/* close(). */
int vsm_close(struct vsm_conn *c, int side);

/* The close timeout (8 s in the kernel) firing for a released socket the
 * peer never answered: RST and done. No-op when none is scheduled. */
int vsm_close_timeout(struct vsm_conn *c, int side);

/* Timing control. After vsm_hold(), packets are queued but neither
 * captured nor processed, as when the loopback worker has not run yet and
 * both applications keep calling; vsm_flush() lets the worker run them
 * all, in queue order, with whatever the sockets' state is by then.
 * Data written while held must stay valid until vsm_flush(), which
 * returns like the other calls. */
void vsm_hold(struct vsm_conn *c);
int vsm_flush(struct vsm_conn *c);

/* Bytes the side may send now (kernel virtio_transport_has_space). */
uint32_t vsm_tx_credit(const struct vsm_conn *c, int side);
/* Bytes queued for the side's application to read. */
uint32_t vsm_rx_pending(const struct vsm_conn *c, int side);

#endif
