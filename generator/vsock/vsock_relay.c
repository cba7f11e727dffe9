/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock connect/listen --stdio, --exec, --file: socat-like relays between one vsock stream connection and a local fd (vsock(7), shutdown(2)). */
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
/* A command still running this long after its connection ended gets SIGTERM. */
#define EXEC_GRACE_MS 5000
/* How often a relay waiting on its local side checks for the peer's close. */
#define PROBE_MS 200

/* Local-side trouble that only ends that side: its reader or writer went away. */
static int local_gone(int err)
{
	return err == EPIPE || err == ECONNRESET;
}

struct relay_state {
	uint8_t *a2v, *v2a;             /* local -> vsock, vsock -> local */
	size_t ah, at, vh, vt;          /* pending: a2v[ah, at), v2a[vh, vt) */
	int in, out;
	int in_eof, v_eof, v_shut, out_done, peer_gone;
};

/* One read from the local side into a2v: 0 or an exit code. */
static int relay_read_local(struct vconn *c, struct relay_state *s, const struct vsl_local *l)
{
	ssize_t n = read(s->in, s->a2v + s->at, RBUF - s->at);

	if (n > 0)
		s->at += (size_t)n;
	else if (n == 0 || local_gone(errno))
		s->in_eof = 1;
	else if (errno != EAGAIN && errno != EINTR)
		return sg_fail(c->o->ctx, "reading %s (for %s): %s", l->in_name, c->peer,
			       strerror(errno));
	return 0;
}

/* The vsock side is ready: read into v2a, send from a2v. 0 or an exit code. */
static int relay_vsock(struct vconn *c, struct relay_state *s, short rev)
{
	if (!s->v_eof && s->vt < RBUF && (rev & (POLLIN | POLLHUP | POLLERR))) {
		int eor;
		ssize_t n = vsl_recv_chunk(c, s->v2a + s->vt, RBUF - s->vt, &eor);

		if (n == 0) {
			vsl_mf_event(c, "eof", 1);
			s->v_eof = 1;
		} else if (n > 0) {
			s->vt += (size_t)n;
			if (s->out < 0)                 /* nowhere to go: counted, dropped */
				s->vh = s->vt;
		} else if (n != -EAGAIN) {
			return vsl_conn_fail(c, (int)-n, "receiving from");
		}
	} else if (s->v_eof && !s->v_shut && (rev & POLLHUP)) {
		/* after its SHUTDOWN SEND the peer closed for good (the kernel
		 * marks the socket closed): what is left for it has no reader */
		s->peer_gone = 1;
		s->ah = s->at = 0;
	}
	if (s->ah < s->at && !s->peer_gone && (rev & (POLLOUT | POLLHUP | POLLERR))) {
		ssize_t n = vsl_send_chunk(c, s->a2v + s->ah, s->at - s->ah, 0);

		if (n < 0 && s->v_eof && local_gone((int)-n)) {
			s->peer_gone = 1;
			s->ah = s->at = 0;
		} else if (n < 0) {
			return vsl_conn_fail(c, (int)-n, "sending to");
		} else {
			s->ah += (size_t)n;
		}
	}
	return 0;
}

static int relay_write_local(struct vconn *c, struct relay_state *s, const struct vsl_local *l)
{
	ssize_t n = write(s->out, s->v2a + s->vh, s->vt - s->vh);

	if (n > 0) {
		s->vh += (size_t)n;
	} else if (n < 0 && local_gone(errno)) {
		s->out = -1;                    /* its reader left: drop the rest */
		s->vh = s->vt;
	} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
		return sg_fail(c->o->ctx, "writing %s (from %s): %s", l->out_name, c->peer,
			       strerror(errno));
	}
	return 0;
}

/* The state changes that need no I/O; returns 1 when the relay is over. */
static int relay_settle(struct vconn *c, struct relay_state *s, const struct vsl_local *l, int *r)
{
	if (s->ah == s->at)
		s->ah = s->at = 0;
	if (s->vh == s->vt)
		s->vh = s->vt = 0;
	if (s->in_eof && s->ah == s->at && !s->v_shut && !s->peer_gone) {
		if ((*r = vsl_shutdown(c)))
			return 1;
		s->v_shut = 1;
	}
	if (s->v_eof && s->vh == s->vt && !s->out_done) {
		/* the peer's half-close goes on to the local side */
		if (s->out >= 0 && l->out_is_sock)
			(void)shutdown(s->out, SHUT_WR);
		s->out_done = 1;
	}
	return s->v_eof && s->out_done && (s->v_shut || s->peer_gone);
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

int vsl_relay(struct vconn *c, const struct vsl_local *l)
{
	struct relay_state s = { .in = l->in, .out = l->out, .in_eof = l->in < 0 };
	int ms = vsl_timeout_ms(c->o), r = 0, idle = 0;

	s.a2v = malloc(RBUF);
	s.v2a = malloc(RBUF);
	while (s.a2v && s.v2a && !relay_settle(c, &s, l, &r)) {
		struct pollfd p[3];
		int np = 0, pi = -1, pv, po = -1, n;
		short ve = 0;

		if (!s.in_eof && !s.peer_gone && s.at < RBUF) {
			pi = np;
			p[np++] = (struct pollfd){ .fd = s.in, .events = POLLIN };
		}
		if (!s.v_eof && s.vt < RBUF)
			ve |= POLLIN;
		if (s.ah < s.at && !s.peer_gone)
			ve |= POLLOUT;
		pv = np;
		/* events 0 still reports POLLHUP: the peer's close */
		p[np++] = (struct pollfd){ .fd = c->fd, .events = ve };
		if (s.vh < s.vt && s.out >= 0) {
			po = np;
			p[np++] = (struct pollfd){ .fd = s.out, .events = POLLOUT };
		}
		/* waiting on the local side only, after the peer's EOF: look
		 * for its close every PROBE_MS */
		int probe = s.v_eof && !s.v_shut && s.ah == s.at;

		n = poll(p, (nfds_t)np, probe && (ms < 0 || ms > PROBE_MS) ? PROBE_MS : ms);
		if (n < 0 && errno == EINTR)
			continue;               /* SIGCHLD */
		if (n < 0) {
			r = sg_fail(c->o->ctx, "poll: %s", strerror(errno));
			break;
		}
		if (probe && peer_closed(c->fd)) {
			s.peer_gone = 1;
			continue;
		}
		idle = n ? 0 : idle + (probe && (ms < 0 || ms > PROBE_MS) ? PROBE_MS : ms);
		if (n == 0 && ms >= 0 && idle >= ms) {
			r = vsl_timed_out(c, "relaying with");
			break;
		}
		if (n == 0)
			continue;
		if (pi >= 0 && p[pi].revents && (r = relay_read_local(c, &s, l)))
			break;
		if (p[pv].revents && (r = relay_vsock(c, &s, p[pv].revents)))
			break;
		if (po >= 0 && p[po].revents && s.out >= 0 && (r = relay_write_local(c, &s, l)))
			break;
	}
	if (!s.a2v || !s.v2a)
		r = sg_fail(c->o->ctx, "%s", strerror(ENOMEM));
	free(s.a2v);
	free(s.v2a);
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

/* Waits for the command; SIGTERM after the grace time, SIGKILL a second
 * later. Returns the wait status. */
static int reap(pid_t pid)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int st = 0;

	for (int ms = 0; ; ms += 10) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid || (w < 0 && errno != EINTR))
			return st;
		if (ms == EXEC_GRACE_MS)
			kill(pid, SIGTERM);
		if (ms == EXEC_GRACE_MS + 1000)
			kill(pid, SIGKILL);
		nanosleep(&tick, NULL);
	}
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
 * EXEC does the same), the relay on the other end; stderr is ours. */
int vsl_relay_exec(struct vconn *c, const char *cmd, int *ret_status)
{
	struct vsl_local l = { .in_name = "the command's output", .out_name = "the command's input",
			       .out_is_sock = 1 };
	int sp[2], r;
	pid_t pid;

	*ret_status = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return sg_fail(c->o->ctx, "socketpair: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		r = errno;
		close(sp[0]);
		close(sp[1]);
		return sg_fail(c->o->ctx, "--exec: fork: %s", strerror(r));
	}
	if (pid == 0)
		child_exec(sp[1], cmd);
	close(sp[1]);
	(void)fcntl(sp[0], F_SETFL, O_NONBLOCK);
	l.in = l.out = sp[0];
	r = vsl_relay(c, &l);
	close(sp[0]);
	*ret_status = reap(pid);
	return r;
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

void vsl_relay_report(const struct vconn *c, const char *extra)
{
	fprintf(stderr, "sockgen: %s: conn %u peer=%s tx_bytes=%llu rx_bytes=%llu%s%s\n",
		c->o->ctx, c->idx, c->peer, (unsigned long long)c->tx_bytes,
		(unsigned long long)c->rx_bytes, extra && *extra ? " " : "", extra ? extra : "");
}

static const char *const io_names[] = {
	[VSL_IO_PATTERN] = "pattern", [VSL_IO_STDIO] = "stdio", [VSL_IO_EXEC] = "exec",
	[VSL_IO_FILE] = "file", [VSL_IO_TCP] = "tcp",
};

/* One connection's bytes by --stdio/--file/--exec. 0 or an exit code. */
static int relay_one(struct vconn *c, char *extra, size_t extrasz)
{
	const struct vsl_opts *o = c->o;
	struct vsl_local l = { .in = -1, .out = -1 };
	int st, r;

	extra[0] = '\0';
	switch (o->io) {
	case VSL_IO_EXEC:
		r = vsl_relay_exec(c, o->exec_cmd, &st);
		snprintf(extra, extrasz, "command=");
		vsl_status_text(st, extra + 8, extrasz - 8);
		return r;
	case VSL_IO_FILE:
		if (lseek(o->file_fd, 0, SEEK_SET) < 0 && errno != ESPIPE)
			return sg_fail(o->ctx, "--file '%s': %s", o->file_path, strerror(errno));
		l.in = o->file_fd;
		l.in_name = o->file_path;
		break;
	case VSL_IO_STDIO:
	default:
		l.in = 0;
		l.out = 1;
		l.in_name = "stdin";
		l.out_name = "stdout";
		break;
	}
	return vsl_relay(c, &l);
}

int vsl_relay_connect(const struct vsl_opts *o)
{
	struct totals t = { 0 };
	struct manifest *m;
	unsigned i;
	int r;

	vsl_relay_signals();
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	vsl_clock_start();
	for (i = 0; i < o->count && !r; i++) {
		struct vconn c = { .o = o, .m = m, .idx = i, .fd = -1 };
		char extra[64];

		if ((r = vsl_connect_one(o, &c))) {
			if (c.fd >= 0)
				close(c.fd);
			break;
		}
		r = relay_one(&c, extra, sizeof(extra));
		vsl_mf_result(&c);
		vsl_conn_close(&c, &t);
		vsl_relay_report(&c, extra);
	}
	return vsl_finish_manifest(o, m, r);
}

/* Waits for and accepts the next connection: 0, or an exit code. */
static int accept_next(const struct vsl_opts *o, int lfd, struct vconn *c)
{
	for (;;) {
		int rev = vsl_wait_fd(lfd, POLLIN, vsl_timeout_ms(o));

		if (!rev)
			return sg_fail(o->ctx, "port %u: no connection within %g s: %s", o->port,
				       o->timeout, strerror(ETIMEDOUT));
		c->fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (c->fd >= 0)
			break;
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			return sg_fail(o->ctx, "accept on port %u: %s", o->port, strerror(errno));
	}
	if (vsl_connected(c))
		return SG_EXIT_RUNTIME;
	vsl_mf_event(c, "accept", 1);
	return 0;
}

int vsl_relay_listen(const struct vsl_opts *o)
{
	struct totals t = { 0 };
	struct manifest *m;
	int lfd, r, failed = 0;

	vsl_relay_signals();
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	if ((r = vsl_listen_socket(o, &lfd)))
		return vsl_finish_manifest(o, m, r);
	fprintf(stderr, "sockgen: %s: listening port=%u io=%s\n", o->ctx, o->port, io_names[o->io]);
	vsl_clock_start();
	for (unsigned i = 0; !o->count || i < o->count; i++) {
		struct vconn c = { .o = o, .m = m, .idx = i, .fd = -1 };
		char extra[64] = "";

		if ((r = accept_next(o, lfd, &c))) {
			if (c.fd >= 0)
				close(c.fd);
			break;
		}
		if (o->count == 1) {    /* like socat without fork: no second peer */
			close(lfd);
			lfd = -1;
		}
		r = relay_one(&c, extra, sizeof(extra));
		vsl_mf_result(&c);
		vsl_conn_close(&c, &t);
		vsl_relay_report(&c, extra);
		/* one failed connection is reported; the next is still served */
		if (r)
			failed = r;
		r = 0;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	if (lfd >= 0)
		close(lfd);
	return vsl_finish_manifest(o, m, r ? r : failed);
}
