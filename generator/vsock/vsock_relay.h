/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock: the relay between one vsock stream connection and local fds (stdio, a command, a file, TCP). */
#ifndef SOCKGEN_VSOCK_RELAY_H
#define SOCKGEN_VSOCK_RELAY_H

#include <stddef.h>

#include "vsock_live.h"

/* The local side: bytes read from in go to the vsock peer, bytes from the
 * peer are written to out. in < 0: nothing to send (half-close at once);
 * out < 0: what arrives is counted and dropped. out_is_sock: the peer's
 * half-close becomes shutdown(out, SHUT_WR). Names are for messages. */
struct vsl_local {
	int in, out, out_is_sock;
	const char *in_name, *out_name;
};

/* Both directions until each has ended: the local EOF becomes our
 * SHUTDOWN SEND, the peer's becomes the local half-close. Ends early when
 * the peer closes for good after its half-close (its socket reports HUP:
 * bytes still unsent have no reader). 0 or an exit code after one message. */
int vsl_relay(struct vconn *c, const struct vsl_local *l);
/* --exec CMD for one connection; the command's wait status (or -1). */
int vsl_relay_exec(struct vconn *c, const char *cmd, int *ret_status);
/* SIGPIPE ignored, SIGCHLD caught (it interrupts poll; waitpid reaps). */
void vsl_relay_signals(void);
void vsl_status_text(int st, char *buf, size_t sz);
/* One connection's summary line on stderr. */
void vsl_relay_report(const struct vconn *c, const char *extra);

#endif
