/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock relays: one vsock stream connection and a local fd, both ways with half-closes (vsock(7), shutdown(2)); the --exec child. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sockgen.h"
#include "vsock_live.h"
#include "vsock_relay.h"

#define RBUF (64u * 1024u)
/* How often a relay waiting on its local side checks for the peer's close. */
#define PROBE_MS 200

/* Local-side trouble that only ends that side: its reader or writer went away. */
static int local_gone(int err)
{
	return err == EPIPE || err == ECONNRESET;
}

/* One read from the local side into a2v: 0 or an exit code. */
static int relay_read_local(struct vsl_relay *x)
{
	ssize_t n = read(x->in, x->a2v + x->at, RBUF - x->at);

	if (n > 0)
		x->at += (size_t)n;
	else if (n == 0 || local_gone(errno))
		x->in_eof = 1;
	else if (errno != EAGAIN && errno != EINTR)
		return sg_fail(x->c->o->ctx, "reading %s (for %s): %s", x->l.in_name, x->c->peer,
			       strerror(errno));
	return 0;
}

/* The vsock side is ready: read into v2a, send from a2v. 0 or an exit code. */
static int relay_vsock(struct vsl_relay *x, short rev)
{
	struct vconn *c = x->c;

	if (!x->v_eof && x->vt < RBUF && (rev & (POLLIN | POLLHUP | POLLERR))) {
		int eor;
		ssize_t n = vsl_recv_chunk(c, x->v2a + x->vt, RBUF - x->vt, &eor);

		if (n == 0) {
			vsl_mf_event(c, "eof", 1);
			x->v_eof = 1;
		} else if (n > 0) {
			x->vt += (size_t)n;
			if (x->out < 0)                 /* nowhere to go: counted, dropped */
				x->vh = x->vt;
		} else if (n != -EAGAIN) {
			return vsl_conn_fail(c, (int)-n, "receiving from");
		}
	} else if (x->v_eof && !x->v_shut && (rev & POLLHUP)) {
		x->peer_gone = 1;
		x->ah = x->at = 0;
	}
	if (x->ah < x->at && !x->peer_gone && (rev & (POLLOUT | POLLHUP | POLLERR))) {
		ssize_t n = vsl_send_chunk(c, x->a2v + x->ah, x->at - x->ah, 0);

		if (n < 0 && x->v_eof && local_gone((int)-n)) {
			/* the peer closed for good: what is left has no reader */
			x->peer_gone = 1;
			x->ah = x->at = 0;
		} else if (n < 0) {
			return vsl_conn_fail(c, (int)-n, "sending to");
		} else {
			x->ah += (size_t)n;
		}
	}
	return 0;
}

static int relay_write_local(struct vsl_relay *x)
{
	ssize_t n = write(x->out, x->v2a + x->vh, x->vt - x->vh);

	if (n > 0) {
		x->vh += (size_t)n;
	} else if (n < 0 && local_gone(errno)) {
		x->out = -1;                    /* its reader left: drop the rest */
		x->vh = x->vt;
	} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
		return sg_fail(x->c->o->ctx, "writing %s (from %s): %s", x->l.out_name, x->c->peer,
			       strerror(errno));
	}
	return 0;
}

/* The state changes that need no I/O; returns 1 when the relay is over. */
static int relay_settle(struct vsl_relay *x, int *r)
{
	if (x->ah == x->at)
		x->ah = x->at = 0;
	if (x->vh == x->vt)
		x->vh = x->vt = 0;
	if (x->in_eof && x->ah == x->at && !x->v_shut && !x->peer_gone) {
		if ((*r = vsl_shutdown(x->c)))
			return 1;
		x->v_shut = 1;
	}
	if (x->v_eof && x->vh == x->vt && !x->out_done) {
		/* the peer's half-close goes on to the local side */
		if (x->out >= 0 && x->l.out_is_sock)
			(void)shutdown(x->out, SHUT_WR);
		x->out_done = 1;
	}
	return x->v_eof && x->out_done && (x->v_shut || x->peer_gone);
}

/* Has the peer, after its half-close, closed for good? Its close comes as a
 * SHUTDOWN with RCV set; poll() shows no edge for it while we may still
 * write (Linux 6.1 vsock_poll reports POLLOUT either way), but a send of
 * zero bytes fails with EPIPE once the peer stopped receiving, and puts
 * nothing on the wire. */
static int peer_closed(int fd)
{
	return send(fd, NULL, 0, MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
	       (errno == EPIPE || errno == ENOTCONN || errno == ECONNRESET);
}

int vsl_relay_init(struct vsl_relay *x, struct vconn *c, const struct vsl_local *l)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->l = *l;
	x->in = l->in;
	x->out = l->out;
	x->in_eof = l->in < 0;
	x->last = vsl_now();
	x->a2v = malloc(RBUF);
	x->v2a = malloc(RBUF);
	if (!x->a2v || !x->v2a)
		return sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	return 0;
}

void vsl_relay_free(struct vsl_relay *x)
{
	free(x->a2v);
	free(x->v2a);
	x->a2v = x->v2a = NULL;
}

int vsl_relay_fds(struct vsl_relay *x, struct pollfd *p, int *np, int *r)
{
	short ve = 0;

	*r = 0;
	if (relay_settle(x, r))
		return 1;
	x->slot_in = x->slot_out = -1;
	if (!x->in_eof && !x->peer_gone && x->at < RBUF) {
		x->slot_in = *np;
		p[(*np)++] = (struct pollfd){ .fd = x->in, .events = POLLIN };
	}
	if (!x->v_eof && x->vt < RBUF)
		ve |= POLLIN;
	if (x->ah < x->at && !x->peer_gone)
		ve |= POLLOUT;
	x->slot_v = *np;
	/* events 0 still reports POLLHUP: wanted only while the peer's close
	 * after its half-close matters, else a negative fd (ignored) keeps a
	 * HUP from spinning the loop */
	p[(*np)++] = (struct pollfd){ .fd = ve || (x->v_eof && !x->v_shut) ? x->c->fd : -1,
				      .events = ve };
	if (x->vh < x->vt && x->out >= 0) {
		x->slot_out = *np;
		p[(*np)++] = (struct pollfd){ .fd = x->out, .events = POLLOUT };
	}
	/* waiting on the local side only, after the peer's EOF: look for its
	 * close every PROBE_MS */
	x->probe = x->v_eof && !x->v_shut && x->ah == x->at;
	return 0;
}

int vsl_relay_wait_ms(const struct vsl_relay *x, double now)
{
	int ms = vsl_timeout_ms(x->c->o);

	if (ms >= 0) {
		double left = x->last + ms / 1000.0 - now;

		ms = left > 0 ? (int)(left * 1000) + 1 : 0;
	}
	if (x->probe && (ms < 0 || ms > PROBE_MS))
		ms = PROBE_MS;
	return ms;
}

int vsl_relay_handle(struct vsl_relay *x, const struct pollfd *p, double now)
{
	int r = 0, busy = 0;

	if (x->slot_in >= 0 && p[x->slot_in].revents) {
		busy = 1;
		if ((r = relay_read_local(x)))
			return r;
	}
	if (p[x->slot_v].revents) {
		busy = 1;
		if ((r = relay_vsock(x, p[x->slot_v].revents)))
			return r;
	}
	if (x->slot_out >= 0 && p[x->slot_out].revents && x->out >= 0) {
		busy = 1;
		if ((r = relay_write_local(x)))
			return r;
	}
	if (busy) {
		x->last = now;
		return 0;
	}
	if (x->probe && peer_closed(x->c->fd)) {
		x->peer_gone = 1;
		return 0;
	}
	if (vsl_timeout_ms(x->c->o) >= 0 && now - x->last >= x->c->o->timeout)
		return vsl_timed_out(x->c, "relaying with");
	return 0;
}

int vsl_relay(struct vconn *c, const struct vsl_local *l)
{
	struct vsl_relay x;
	int r = vsl_relay_init(&x, c, l);

	while (!r) {
		struct pollfd p[3];
		int np = 0, n;

		if (vsl_relay_fds(&x, p, &np, &r))
			break;
		n = poll(p, (nfds_t)np, vsl_relay_wait_ms(&x, vsl_now()));
		if (n < 0 && errno != EINTR)
			r = sg_fail(c->o->ctx, "poll: %s", strerror(errno));
		else if (n >= 0)
			r = vsl_relay_handle(&x, p, vsl_now());
	}
	vsl_relay_free(&x);
	return r;
}

static void on_sigchld(int sig)
{
	(void)sig;              /* only wakes poll(); waitpid() reaps */
}

void vsl_relay_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void child_exec(int fd, const char *cmd)
{
	sigset_t none;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0)
		_exit(127);
	/* dup2 onto itself keeps FD_CLOEXEC */
	(void)fcntl(0, F_SETFD, 0);
	(void)fcntl(1, F_SETFD, 0);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* --exec: CMD with one end of a socketpair as stdin and stdout (socat's
 * EXEC does the same), our end returned for the relay; stderr is ours. */
int vsl_exec_start(struct vconn *c, const char *cmd, int *ret_fd, pid_t *ret_pid)
{
	int sp[2], e;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return sg_fail(c->o->ctx, "socketpair: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(sp[0]);
		close(sp[1]);
		return sg_fail(c->o->ctx, "--exec: fork: %s", strerror(e));
	}
	if (pid == 0)
		child_exec(sp[1], cmd);
	close(sp[1]);
	(void)fcntl(sp[0], F_SETFL, O_NONBLOCK);
	*ret_fd = sp[0];
	*ret_pid = pid;
	return 0;
}

/* "exit 0", "exit 3", "signal 15". */
void vsl_status_text(int st, char *buf, size_t sz)
{
	if (st < 0)
		snprintf(buf, sz, "not started");
	else if (WIFEXITED(st))
		snprintf(buf, sz, "exit %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, sz, "signal %d", WTERMSIG(st));
	else
		snprintf(buf, sz, "status %#x", (unsigned)st);
}

