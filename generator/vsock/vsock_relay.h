/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock: the relay between one vsock stream connection and local fds (stdio, a command, a file, TCP). */
#ifndef SOCKGEN_VSOCK_RELAY_H
#define SOCKGEN_VSOCK_RELAY_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vsock_live.h"

/* The local side: bytes read from in go to the vsock peer, bytes from the
 * peer are written to out. in < 0: nothing to send (half-close at once);
 * out < 0: what arrives is counted and dropped. out_is_sock: the peer's
 * half-close becomes shutdown(out, SHUT_WR). Names are for messages. */
struct vsl_local {
	int in, out, out_is_sock;
	const char *in_name, *out_name;
};

/* The relay of one connection, stepped by a poll loop: bytes both ways
 * until each direction has ended. The local EOF becomes our SHUTDOWN SEND,
 * the peer's becomes the local half-close. Ends early when the peer closes
 * for good after its half-close (bytes still unsent have no reader). */
struct vsl_relay {
	struct vconn *c;
	struct vsl_local l;
	uint8_t *a2v, *v2a;             /* local -> vsock, vsock -> local */
	size_t ah, at, vh, vt;          /* pending: a2v[ah, at), v2a[vh, vt) */
	int in, out;
	int in_eof, v_eof, v_shut, out_done, peer_gone;
	int slot_in, slot_v, slot_out;  /* its entries in the last pollfd array */
	int probe;                      /* checking for the peer's close */
	double last;                    /* last progress, for --timeout */
};

/* 0 or an exit code (after one message) for each of these. */
int vsl_relay_init(struct vsl_relay *x, struct vconn *c, const struct vsl_local *l);
/* Moves on what needs no I/O; 1 when over (result in *r), else adds its
 * (at most 3) fds at p[*np]. */
int vsl_relay_fds(struct vsl_relay *x, struct pollfd *p, int *np, int *r);
/* Milliseconds until its deadline (--timeout or the close probe), -1 none. */
int vsl_relay_wait_ms(const struct vsl_relay *x, double now);
/* After poll(): its revents, the probe, the timeout. */
int vsl_relay_handle(struct vsl_relay *x, const struct pollfd *p, double now);
void vsl_relay_free(struct vsl_relay *x);
/* One relay to its end. */
int vsl_relay(struct vconn *c, const struct vsl_local *l);
/* --exec CMD for one connection: our end of its socketpair and its pid. */
int vsl_exec_start(struct vconn *c, const char *cmd, int *ret_fd, pid_t *ret_pid);
/* SIGPIPE ignored, SIGCHLD caught (it interrupts poll; waitpid reaps). */
void vsl_relay_signals(void);
void vsl_status_text(int st, char *buf, size_t sz);
/* One connection's summary line on stderr. */
void vsl_relay_report(const struct vconn *c, const char *extra);

/* Servers (vsock_serve.c): listen --stdio/--exec/--file and the bridge
 * serve their connections side by side in one poll loop. */
struct vsl_sess {
	struct vconn c;
	struct vsl_relay x;
	int local_fd;           /* closed at the end (socketpair end, TCP), or -1 */
	pid_t pid;              /* --exec child until reaped, or 0 */
	int status;             /* its wait status, -1 none */
	int relaying, r;
	double ended;           /* when the relay ended (reaping deadline) */
};

/* Accepts one connection on lfd and sets s up (c connected, x initialised;
 * local_fd, pid). 0 or an exit code; s->c.peer empty: the listener failed. */
/* < 0: nothing accepted, no error. */
typedef int (*vsl_start_fn)(const struct vsl_opts *o, int lfd, struct vsl_sess *s);
/* Serves --max-conns connections (0: until stopped), at most VSL_MAX_ACTIVE
 * at once; closes lfd. 0, or the last failure's exit code. */
int vsl_serve(const struct vsl_opts *o, int lfd, struct manifest *m, vsl_start_fn start);
#define VSL_MAX_ACTIVE 32
/* Accepts on the vsock listener (connected, "accept" recorded): 0, -EAGAIN
 * when nobody was there after all, or an exit code (peer empty: the
 * listener failed). */
int vsl_accept_vsock(const struct vsl_opts *o, int lfd, struct vconn *c);

#endif
