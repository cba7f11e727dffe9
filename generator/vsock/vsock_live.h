/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect: options and the I/O engine shared by both verbs. */
#ifndef SOCKGEN_VSOCK_LIVE_H
#define SOCKGEN_VSOCK_LIVE_H

#include <stddef.h>
#include <stdint.h>

/* Kept as plain numbers so this header needs no <linux/vm_sockets.h>. */
#define VMADDR_CID_ANY_U32 0xffffffffu
#define VMADDR_CID_LOCAL_U32 1u

#define VSL_MAX_MSG (1u << 20)
#define VSL_MAX_BYTES (1ULL << 40)
#define VSL_MAX_MSGS 4096

enum vsl_type { VSL_STREAM, VSL_SEQPACKET };
enum vsl_mode { VSL_ECHO, VSL_SINK, VSL_HTTP, VSL_RESET };

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
};

/* The manifest's description, shared by both --help texts. */
extern const char vsl_manifest_help[];

int vsl_run_connect(const struct vsl_opts *o);
int vsl_run_listen(const struct vsl_opts *o);

#endif
