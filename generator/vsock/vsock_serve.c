/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect relays: the server loop (connections side by side, children reaped, like inetd's nowait services) and the --stdio/--exec/--file starters. */
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

/* A command still running this long after its connection ended gets
 * SIGTERM, and SIGKILL a second later. */
#define EXEC_GRACE_S 5.0
/* While a child is being waited for: how often to look (a SIGCHLD that
 * comes between waitpid and poll wakes nothing). */
#define REAP_TICK_MS 100
/* The longest poll() of a server, so a stop signal is never missed. */
#define STOP_TICK_MS 1000

/* SIGTERM/SIGINT to a server: stop accepting, end the open connections,
 * finish the manifest, exit 0 (as sockgen capture does). */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void catch_stop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static const char *const io_names[] = {
	[VSL_IO_PATTERN] = "pattern", [VSL_IO_STDIO] = "stdio", [VSL_IO_EXEC] = "exec",
	[VSL_IO_FILE] = "file", [VSL_IO_TCP] = "tcp",
};

void vsl_relay_report(const struct vconn *c, const char *extra)
{
	fprintf(stderr, "sockgen: %s: conn %u peer=%s tx_bytes=%llu rx_bytes=%llu%s%s\n",
		c->o->ctx, c->idx, c->peer, (unsigned long long)c->tx_bytes,
		(unsigned long long)c->rx_bytes, extra && *extra ? " " : "", extra ? extra : "");
}

/* Reaps the child if it is done; 1 when the session has nothing left. */
static int sess_reaped(struct vsl_sess *s, double now)
{
	if (s->pid > 0) {
		pid_t w = waitpid(s->pid, &s->status, WNOHANG);

		if (w == s->pid || (w < 0 && errno == ECHILD))
			s->pid = 0;
		else if (now - s->ended >= EXEC_GRACE_S + 1)
			kill(s->pid, SIGKILL);
		else if (now - s->ended >= EXEC_GRACE_S)
			kill(s->pid, SIGTERM);
	}
	return s->pid <= 0;
}

/* Ends a child now: SIGTERM, a second's grace, SIGKILL. */
static void reap_now(struct vsl_sess *s)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (s->pid <= 0)
		return;
	kill(s->pid, SIGTERM);
	for (int i = 0; i < 100 && waitpid(s->pid, &s->status, WNOHANG) == 0; i++)
		nanosleep(&tick, NULL);
	if (waitpid(s->pid, &s->status, WNOHANG) == 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &s->status, 0);
	}
	s->pid = 0;
}

/* The relay ended: the local side closed (a command sees EOF, then exits). */
static void sess_end(struct vsl_sess *s, int r, double now)
{
	s->relaying = 0;
	s->r = r;
	s->ended = now;
	vsl_relay_free(&s->x);
	if (s->local_fd >= 0)
		close(s->local_fd);
	s->local_fd = -1;
}

static void sess_finish(struct vsl_sess *s, struct totals *t)
{
	char extra[48] = "";

	if (s->status != -1 || s->c.o->io == VSL_IO_EXEC) {
		memcpy(extra, "command=", 8);
		vsl_status_text(s->status, extra + 8, sizeof(extra) - 8);
	}
	vsl_mf_result(&s->c);
	vsl_conn_close(&s->c, t);
	vsl_relay_report(&s->c, extra);
}

struct server {
	const struct vsl_opts *o;
	struct manifest *m;
	vsl_start_fn start;
	int lfd;
	unsigned accepted, n;
	int failed, fatal;
	double idle_since;
	struct vsl_sess *s[VSL_MAX_ACTIVE];
	struct totals t;
};

static void server_accept(struct server *sv)
{
	struct vsl_sess *s = calloc(1, sizeof(*s));
	int r;

	if (!s) {
		sv->fatal = sg_fail(sv->o->ctx, "%s", strerror(ENOMEM));
		return;
	}
	s->c = (struct vconn){ .o = sv->o, .m = sv->m, .idx = sv->accepted, .fd = -1 };
	s->local_fd = -1;
	s->status = -1;
	r = sv->start(sv->o, sv->lfd, s);
	if (r < 0 || (r && !s->c.peer[0])) {    /* nobody, or the listener itself */
		if (r > 0)
			sv->fatal = r;
		free(s);
		return;
	}
	sv->accepted++;
	if (sv->o->count && sv->accepted == sv->o->count) {
		close(sv->lfd);         /* later peers are refused, not queued */
		sv->lfd = -1;
	}
	if (r) {
		/* set up failed (a refused vsock peer, fork): reported, counted */
		sess_end(s, r, vsl_now());
		reap_now(s);
		if (s->c.fd >= 0)
			sess_finish(s, &sv->t);
		sv->failed = r;
		free(s);
		return;
	}
	s->relaying = 1;
	sv->s[sv->n++] = s;
}

/* Poll set and timeout of every session; ends those that are over. */
static int server_fds(struct server *sv, struct pollfd *p, int *np, double now)
{
	int ms = -1, can_accept = sv->lfd >= 0 && sv->n < VSL_MAX_ACTIVE;

	*np = 0;
	if (can_accept) {
		p[(*np)++] = (struct pollfd){ .fd = sv->lfd, .events = POLLIN };
		if (!sv->n && sv->o->timeout > 0) {
			double left = sv->idle_since + sv->o->timeout - now;

			ms = left > 0 ? (int)(left * 1000) + 1 : 0;
		}
	}
	for (unsigned i = 0; i < sv->n; i++) {
		struct vsl_sess *s = sv->s[i];
		int r, w;

		if (s->relaying && vsl_relay_fds(&s->x, p, np, &r))
			sess_end(s, r, now);
		if (s->relaying) {
			w = vsl_relay_wait_ms(&s->x, now);
		} else {
			w = s->pid > 0 ? REAP_TICK_MS : 0;
		}
		if (w >= 0 && (ms < 0 || w < ms))
			ms = w;
	}
	return ms;
}

/* After poll(): the relays, the listener, the finished sessions. */
static void server_step(struct server *sv, const struct pollfd *p, int accept_ready, double now)
{
	unsigned k = 0;

	for (unsigned i = 0; i < sv->n; i++) {
		struct vsl_sess *s = sv->s[i];
		int r;

		if (s->relaying && (r = vsl_relay_handle(&s->x, p, now)))
			sess_end(s, r, now);
		if (!s->relaying && sess_reaped(s, now)) {
			sess_finish(s, &sv->t);
			if (s->r)
				sv->failed = s->r;
			free(s);
			continue;
		}
		sv->s[k++] = s;
	}
	sv->n = k;
	if (accept_ready)
		server_accept(sv);
	if (sv->n)
		sv->idle_since = now;
}

int vsl_serve(const struct vsl_opts *o, int lfd, struct manifest *m, vsl_start_fn start)
{
	static struct pollfd p[1 + 3 * VSL_MAX_ACTIVE];
	struct server sv = { .o = o, .m = m, .start = start, .lfd = lfd };
	catch_stop();
	vsl_clock_start();
	sv.idle_since = vsl_now();
	while (!sv.fatal && !stop_signal && (sv.lfd >= 0 || sv.n)) {
		double now = vsl_now();
		int np, ms, n, accept_ready;

		ms = server_fds(&sv, p, &np, now);
		/* a stop signal between the check above and poll() must not wait
		 * for the next connection */
		if (ms < 0 || ms > STOP_TICK_MS)
			ms = STOP_TICK_MS;
		n = poll(p, (nfds_t)np, ms);
		if (stop_signal)
			break;
		if (n < 0 && errno != EINTR) {
			sv.fatal = sg_fail(o->ctx, "poll: %s", strerror(errno));
			break;
		}
		now = vsl_now();
		accept_ready = n > 0 && sv.lfd >= 0 && p[0].fd == sv.lfd && p[0].revents;
		if (n == 0 && sv.lfd >= 0 && !sv.n && o->timeout > 0 &&
		    now - sv.idle_since >= o->timeout) {
			sv.fatal = sg_fail(o->ctx, "no connection within %g s: %s", o->timeout,
					   strerror(ETIMEDOUT));
			break;
		}
		server_step(&sv, p, accept_ready, now);
	}
	if (stop_signal)
		fprintf(stderr, "sockgen: %s: stopped by %s after %u connections\n", o->ctx,
			stop_signal == SIGINT ? "SIGINT" : "SIGTERM", sv.accepted);
	/* a fatal error or a stop: the sessions still open are cut short */
	for (unsigned i = 0; i < sv.n; i++) {
		struct vsl_sess *s = sv.s[i];

		if (s->relaying)
			sess_end(s, 0, vsl_now());
		reap_now(s);
		sess_finish(s, &sv.t);
		free(s);
	}
	if (sv.lfd >= 0)
		close(sv.lfd);
	return sv.fatal ? sv.fatal : sv.failed;
}

/* ---- listen --stdio / --exec / --file ---- */

int vsl_accept_vsock(const struct vsl_opts *o, int lfd, struct vconn *c)
{
	c->fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (c->fd < 0) {
		if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
			return -EAGAIN;         /* nobody after all */
		return sg_fail(o->ctx, "accept on port %u: %s", o->port, strerror(errno));
	}
	if (vsl_connected(c))
		return SG_EXIT_RUNTIME;
	vsl_mf_event(c, "accept", 1);
	return 0;
}

static int start_listen(const struct vsl_opts *o, int lfd, struct vsl_sess *s)
{
	struct vsl_local l = { .in = -1, .out = -1 };
	int r;

	if ((r = vsl_accept_vsock(o, lfd, &s->c)))
		return r;
	switch (o->io) {
	case VSL_IO_EXEC:
		if ((r = vsl_exec_start(&s->c, o->exec_cmd, &s->local_fd, &s->pid)))
			return r;
		l.in = l.out = s->local_fd;
		l.out_is_sock = 1;
		l.in_name = "the command's output";
		l.out_name = "the command's input";
		break;
	case VSL_IO_FILE:
		/* its own open file: sessions side by side read from the start */
		s->local_fd = open(o->file_path, O_RDONLY | O_CLOEXEC);
		if (s->local_fd < 0)
			return sg_fail(o->ctx, "--file '%s': %s", o->file_path, strerror(errno));
		l.in = s->local_fd;
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
	return vsl_relay_init(&s->x, &s->c, &l);
}

int vsl_relay_listen(const struct vsl_opts *o)
{
	struct manifest *m;
	int lfd, r;

	vsl_relay_signals();
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	if ((r = vsl_listen_socket(o, &lfd)))
		return vsl_finish_manifest(o, m, r);
	fprintf(stderr, "sockgen: %s: listening port=%u io=%s\n", o->ctx, o->port, io_names[o->io]);
	return vsl_finish_manifest(o, m, vsl_serve(o, lfd, m, start_listen));
}

int vsl_relay_connect(const struct vsl_opts *o)
{
	struct totals t = { 0 };
	struct manifest *m;
	int r;

	vsl_relay_signals();
	if ((r = vsl_open_manifest(o, &m)))
		return r;
	vsl_clock_start();
	for (unsigned i = 0; i < o->count && !r; i++) {
		struct vconn c = { .o = o, .m = m, .idx = i, .fd = -1 };
		struct vsl_local l = { .in = 0, .out = 1, .in_name = "stdin", .out_name = "stdout" };

		if (o->io == VSL_IO_FILE) {
			if (lseek(o->file_fd, 0, SEEK_SET) < 0 && errno != ESPIPE) {
				r = sg_fail(o->ctx, "--file '%s': %s", o->file_path, strerror(errno));
				break;
			}
			l = (struct vsl_local){ .in = o->file_fd, .out = -1, .in_name = o->file_path };
		}
		if ((r = vsl_connect_one(o, &c))) {
			if (c.fd >= 0)
				close(c.fd);
			break;
		}
		r = vsl_relay(&c, &l);
		vsl_mf_result(&c);
		vsl_conn_close(&c, &t);
		vsl_relay_report(&c, NULL);
	}
	return vsl_finish_manifest(o, m, r);
}
