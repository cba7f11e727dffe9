/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect: options and the I/O engine shared by both verbs. */
#ifndef SOCKGEN_VSOCK_LIVE_H
#define SOCKGEN_VSOCK_LIVE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

/* Kept as plain numbers so this header needs no <linux/vm_sockets.h>. */
#define VMADDR_CID_ANY_U32 0xffffffffu
#define VMADDR_CID_LOCAL_U32 1u

#define VSL_MAX_MSG (1u << 20)
#define VSL_MAX_BYTES (1ULL << 40)
#define VSL_MAX_MSGS 4096

enum vsl_type { VSL_STREAM, VSL_SEQPACKET };
enum vsl_mode { VSL_ECHO, VSL_SINK, VSL_HTTP, VSL_RESET };
/* Where a connection's bytes come from and go to: the built-in pattern and
 * modes, or a relay (socat-like: stdin/stdout, a command, a file, TCP). */
enum vsl_io { VSL_IO_PATTERN, VSL_IO_STDIO, VSL_IO_EXEC, VSL_IO_FILE, VSL_IO_TCP };

struct vsl_opts {
	const char *ctx;        /* "vsock connect" / "vsock listen" */
	int connect;
	uint32_t cid, port;
	int have_cid, have_port;
	enum vsl_type type;
	enum vsl_mode mode;
	uint64_t bytes;
	size_t msg_size;
	unsigned count;
	int eor;
	/* --messages: explicit message (write) sizes with their EOR flags;
	 * bytes is then their sum. NULL: bytes in msg_size pieces. */
	size_t nmsgs;
	uint32_t *msg_len;
	uint8_t *msg_eor;
	int pingpong;           /* wait for each message's echo before the next */
	const char *http_path;
	double timeout;         /* seconds, 0 = none */
	int allow_remote;
	const char *manifest_path;
	enum vsl_io io;
	const char *exec_cmd;   /* --exec: run by /bin/sh -c per connection */
	const char *file_path;  /* --file: the bytes to send */
	int file_fd;            /* opened while parsing (a missing file is bad input) */
	int have_timeout, have_count;
	/* bridge: the TCP side, resolved while parsing */
	int tcp_listen;         /* 1: --tcp-listen (and --vsock), 0: --tcp (and --vsock-listen) */
	struct sockaddr_storage tcp_addr;
	socklen_t tcp_addrlen;
	char tcp_name[80];      /* as given, for messages */
};

struct manifest;

/* One live connection: addresses, counters and the manifest it writes to. */
struct vconn {
	const struct vsl_opts *o;
	struct manifest *m;
	int fd;
	unsigned idx;
	uint32_t lcid, lport, pcid, pport;
	uint64_t tx_bytes, rx_bytes, tx_msgs, rx_msgs;
	uint64_t tx_hash, rx_hash;
	char peer[32];
};

struct totals {
	uint64_t tx_bytes, rx_bytes, tx_msgs, rx_msgs;
};

/* The manifest's description, shared by both --help texts. */
extern const char vsl_manifest_help[];

int vsl_run_connect(const struct vsl_opts *o);
int vsl_run_listen(const struct vsl_opts *o);

/* The engine's pieces the relays share (vsock_live_io.c). Functions that
 * return int give 0 or an exit code after one message on stderr. */
double vsl_now(void);
void vsl_clock_start(void);
const char *vsl_type_name(enum vsl_type t);
int vsl_timeout_ms(const struct vsl_opts *o);
int vsl_wait_fd(int fd, short events, int ms);
int vsl_conn_fail(struct vconn *c, int err, const char *what);
int vsl_timed_out(struct vconn *c, const char *what);
ssize_t vsl_send_chunk(struct vconn *c, const uint8_t *p, size_t n, int eor);
ssize_t vsl_recv_chunk(struct vconn *c, uint8_t *buf, size_t cap, int *eor);
void vsl_mf_event(struct vconn *c, const char *event, int rx);
void vsl_mf_result(struct vconn *c);
int vsl_connected(struct vconn *c);
int vsl_connect_one(const struct vsl_opts *o, struct vconn *c);
int vsl_shutdown(struct vconn *c);
void vsl_conn_close(struct vconn *c, struct totals *t);
int vsl_open_manifest(const struct vsl_opts *o, struct manifest **m);
int vsl_finish_manifest(const struct vsl_opts *o, struct manifest *m, int r);
int vsl_listen_socket(const struct vsl_opts *o, int *ret_fd);

/* Relays (vsock_relay.c): stdio, exec, file, and the TCP bridge. */
int vsl_relay_connect(const struct vsl_opts *o);
int vsl_relay_listen(const struct vsl_opts *o);

/* Parsing shared by listen/connect and bridge (vsock_live.c). */
int vsl_parse_cid_port(const char *ctx, const char *opt, const char *arg, uint32_t *cid,
		       uint32_t *port);
int vsl_parse_port(const char *ctx, const char *opt, const char *arg, uint32_t *port);
int vsl_parse_seconds(const char *s, double *ret);
int vsl_safety_checks(const struct vsl_opts *o);
int vsl_parse_tcp(struct vsl_opts *o, const char *opt, const char *arg, int listen);
int cmd_vsock_bridge(int argc, char **argv);

#endif
