/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector (packet-vsockmon.c and the packet-vsockmon-*.c of each
 * concern): what its files share: connection state
 * (virtio-vsock, virtio spec 1.2 section 5.10.6), per-frame analysis
 * results, tap record, and the entry points of each concern. */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_COMMON_H
#define SOCKSCOPE_PACKET_VSOCKMON_COMMON_H

#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/reassemble.h>

/* One side of a connection. */
typedef struct {
	uint64_t cid;
	uint32_t port;
} vsmon_ep_t;

/* What one direction (one sender) has done so far. Packed tight: one per
 * side of every connection of the file (bench/README.md, memory). */
typedef struct {
	/* reassembly: stream multi-segment PDUs keyed by relative seq (every
	 * pass reads it; created on demand, most connections need none) */
	wmem_tree_t *msps;
	uint32_t tx;             /* payload bytes sent (the kernel's tx_cnt) */
	uint32_t buf_alloc;      /* this side's receive buffer, as advertised */
	uint32_t fwd_cnt;        /* bytes this side has consumed, as advertised */
	/* the seqpacket message being collected (0 = none) and its length so
	 * far (saturating: past the reassembly limit it no longer matters) */
	uint32_t msg_id;
	uint32_t msg_len;
	bool have_adv : 1;       /* buf_alloc/fwd_cnt above were advertised */
	bool adv_changed : 1;    /* buf_alloc changed: its history is logged */
	bool window_full : 1;    /* this sender ran out of peer credit */
	bool shut_send : 1;      /* this side said SHUTDOWN SEND */
	bool shut_rcv : 1;       /* this side said SHUTDOWN RCV */
	bool msg_over_limit : 1;
} vsmon_dir_t;

/* One connection; they live in chunks by stream index for the whole file,
 * so pointers to them stay valid. */
typedef struct {
	vsmon_ep_t ep[2];         /* ep[0] sent the first packet (the REQUEST) */
	/* the handshake time (REQUEST to RESPONSE) and the duration (first
	 * packet to the closing RST) are taken from these in those frames */
	nstime_t first_ts;
	nstime_t req_ts;
	dissector_handle_t app; /* set by a heuristic that took the connection */
	uint32_t stream;
	uint32_t first_frame;
	uint32_t req_frame, resp_frame, rst_frame;
	uint32_t app_frame;     /* the frame where the heuristic took it */
	uint16_t type;          /* virtio type of the first packet */
	uint8_t outcome;        /* VSMON_OUTCOME_*, 0 while open */
	bool refused : 1;
	bool closed : 1;
	/* bit per direction: its first payload matched no heuristic */
	uint8_t heur_tried : 2;
	vsmon_dir_t d[2];
} vsmon_conn_t;

/* Per-frame analysis flags (vsmon_frame_t.flags). The low 8 bits are
 * stored per frame; the others follow from the connection. */
enum {
	VSMON_F_DATA_AFTER_SHUTDOWN = 1u << 0,
	VSMON_F_CREDIT_EXCEEDED = 1u << 1,
	VSMON_F_WINDOW_FULL = 1u << 2,
	VSMON_F_WINDOW_REOPENED = 1u << 3,
	VSMON_F_FWD_CNT_BACKWARDS = 1u << 4,
	VSMON_F_HAVE_CREDIT = 1u << 5,
	VSMON_F_OUTCOME = 1u << 6,        /* this frame decided the connection's outcome */
	VSMON_F_STORED = 0x7fu,
	VSMON_F_NEW_CONN = 1u << 8,       /* the connection's first_frame */
	VSMON_F_REFUSED = 1u << 9,        /* its rst_frame, refused */
	VSMON_F_RST_UNKNOWN = 1u << 10,   /* first_frame, an RST */
	VSMON_F_CLOSE = 1u << 11,         /* its rst_frame */
	/* the findings vsockmon.analysis.flags stands for */
	VSMON_F_FINDINGS = VSMON_F_REFUSED | VSMON_F_DATA_AFTER_SHUTDOWN | VSMON_F_RST_UNKNOWN |
			 VSMON_F_CREDIT_EXCEEDED | VSMON_F_WINDOW_FULL | VSMON_F_WINDOW_REOPENED |
			 VSMON_F_FWD_CNT_BACKWARDS,
};

/* The first pass's results for one frame, as every pass sees them (built
 * per dissection from what packet-vsockmon-analysis.c stores per frame). */
typedef struct {
	vsmon_conn_t *conn;
	int64_t credit;          /* sender's view of peer free space after it */
	uint32_t seq;            /* relative, 1-based like TCP */
	uint32_t in_flight;
	uint16_t flags;
	uint8_t dir;             /* index into conn->ep of the sender */
} vsmon_frame_t;

/* The decoded headers as the dissector read them (tvb accessors). */
typedef struct {
	uint64_t src_cid, dst_cid;
	uint32_t src_port, dst_port;
	uint16_t mon_op, transport, hdr_len;
	bool has_virtio;
	uint16_t type, op;
	uint32_t flags, len, buf_alloc, fwd_cnt;
	uint32_t payload_off;    /* offset of the payload in the frame tvb */
	uint32_t payload_cap;    /* payload bytes present in the capture */
} vsmon_pkt_t;

/* Tap record ("vsockmon" tap: conversation/endpoint tables, stats). */
typedef struct {
	address src, dst;       /* CID-only addresses */
	uint32_t src_port, dst_port;
	uint32_t stream;
	bool has_stream;
	bool has_virtio;
	uint16_t op, type;
	uint32_t payload_len;
	uint16_t flags;          /* VSMON_F_* */
	uint8_t outcome;         /* with VSMON_F_OUTCOME: VSMON_OUTCOME_* */
	const vsmon_conn_t *conn;  /* its application protocol, once found */
} vsmon_tap_t;

/* registered by packet-vsockmon.c */
extern int proto_vsockmon;
extern int vsmon_at_cid;            /* address type: CID, or CID:port */
extern compat_bool vsmon_pref_reassemble;
extern compat_bool vsmon_pref_heur_first;
extern unsigned vsmon_pref_reasm_limit;

/* Sets a with a CID (8 bytes) or CID:port (12 bytes) address of the
 * vsockmon address type, allocated in scope. */
void vsmon_set_address(address *a, wmem_allocator_t *scope, uint64_t cid, bool with_port, uint32_t port);
/* A server's CID:port in the conversation table (16 bytes): shown with the
 * application protocol of the connection with index stream, once known. */
void vsmon_set_server_address(address *a, wmem_allocator_t *scope, uint64_t cid, uint32_t port,
			      uint32_t stream);

#endif
