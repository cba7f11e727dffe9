/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon codec: the vsockmon capture header (Linux include/uapi/linux/vsockmon.h)
 * and the virtio-vsock packet header (include/uapi/linux/virtio_vsock.h,
 * virtio spec 1.2 section 5.10.6) as host-order structs, parsed from and
 * built to little-endian wire bytes.
 *
 * A LINKTYPE_VSOCK (271) frame is
 *   struct af_vsockmon_hdr   32 bytes, len = size of the transport header
 *   struct virtio_vsock_hdr  44 bytes (when transport == VIRTIO)
 *   payload                  virtio len bytes (op RW only)
 *
 * The structs below are the decoded values, NOT the wire layout: the codec
 * reads and writes every field byte by byte, so alignment, padding and host
 * endianness never matter. Shared with the plugin (constants and name
 * tables only; the dissector reads bytes through tvb accessors).
 *
 * All functions return 0 or a negative errno: -EBADMSG malformed or
 * truncated wire data, -EINVAL bad builder input, -ENOSPC output too small.
 */
#ifndef SOCKSCOPE_VSOCKMON_H
#define SOCKSCOPE_VSOCKMON_H

#include <stddef.h>
#include <stdint.h>

#define VSOCKMON_HDR_LEN 32             /* sizeof(struct af_vsockmon_hdr) on the wire */
#define VIRTIO_VSOCK_HDR_LEN 44         /* sizeof(struct virtio_vsock_hdr), packed */
#define VSOCKMON_FRAME_MIN_LEN (VSOCKMON_HDR_LEN + VIRTIO_VSOCK_HDR_LEN)

/* Largest payload one virtio packet carries: the kernel splits writes at
 * VIRTIO_VSOCK_MAX_PKT_BUF_SIZE (include/linux/virtio_vsock.h, 64 KiB). */
#define VIRTIO_VSOCK_MAX_PKT_BUF_SIZE (64u * 1024u)
/* Default receive buffer (af_vsock.c VSOCK_DEFAULT_BUFFER_SIZE, 256 KiB),
 * announced as buf_alloc. */
#define VIRTIO_VSOCK_DEFAULT_BUF_SIZE (256u * 1024u)

/* Well-known CIDs (include/uapi/linux/vm_sockets.h). */
#define VSOCK_CID_HYPERVISOR 0u
#define VSOCK_CID_LOCAL 1u              /* VMADDR_CID_LOCAL, vsock_loopback */
#define VSOCK_CID_HOST 2u
#define VSOCK_CID_ANY 0xffffffffu

/* af_vsockmon_hdr.op (enum af_vsockmon_op). */
enum vsockmon_op {
	VSOCKMON_OP_UNKNOWN = 0,
	VSOCKMON_OP_CONNECT = 1,
	VSOCKMON_OP_DISCONNECT = 2,
	VSOCKMON_OP_CONTROL = 3,
	VSOCKMON_OP_PAYLOAD = 4,
};

/* af_vsockmon_hdr.transport (enum af_vsockmon_transport). */
enum vsockmon_transport {
	VSOCKMON_TRANSPORT_UNKNOWN = 0,
	VSOCKMON_TRANSPORT_NO_INFO = 1,  /* no transport header follows */
	VSOCKMON_TRANSPORT_VIRTIO = 2,   /* struct virtio_vsock_hdr follows */
};

/* virtio_vsock_hdr.type (enum virtio_vsock_type). */
enum vsock_virtio_type {
	VSOCK_VIRTIO_TYPE_STREAM = 1,
	VSOCK_VIRTIO_TYPE_SEQPACKET = 2,
};

/* virtio_vsock_hdr.op (enum virtio_vsock_op). */
enum vsock_virtio_op {
	VSOCK_VIRTIO_OP_INVALID = 0,
	VSOCK_VIRTIO_OP_REQUEST = 1,
	VSOCK_VIRTIO_OP_RESPONSE = 2,
	VSOCK_VIRTIO_OP_RST = 3,
	VSOCK_VIRTIO_OP_SHUTDOWN = 4,
	VSOCK_VIRTIO_OP_RW = 5,
	VSOCK_VIRTIO_OP_CREDIT_UPDATE = 6,
	VSOCK_VIRTIO_OP_CREDIT_REQUEST = 7,
};
#define VSOCK_VIRTIO_OP_MAX VSOCK_VIRTIO_OP_CREDIT_REQUEST

/* virtio_vsock_hdr.flags: the bits mean different things per op. */
enum vsock_virtio_shutdown_flags {      /* op SHUTDOWN */
	VSOCK_VIRTIO_SHUTDOWN_RCV = 1,
	VSOCK_VIRTIO_SHUTDOWN_SEND = 2,
};
enum vsock_virtio_rw_flags {            /* op RW, type SEQPACKET */
	VSOCK_VIRTIO_SEQ_EOM = 1,       /* last packet of a message */
	VSOCK_VIRTIO_SEQ_EOR = 2,       /* message sent with MSG_EOR */
};

/* Decoded vsockmon header. */
struct af_vsockmon_hdr {
	uint64_t src_cid;       /* le64 at 0 */
	uint64_t dst_cid;       /* le64 at 8 */
	uint32_t src_port;      /* le32 at 16 */
	uint32_t dst_port;      /* le32 at 20 */
	uint16_t op;            /* le16 at 24, enum vsockmon_op */
	uint16_t transport;     /* le16 at 26, enum vsockmon_transport */
	uint16_t len;           /* le16 at 28, transport header length */
	uint8_t reserved[2];    /* at 30, kept as read so round trips are exact */
};

/* Decoded virtio-vsock header. */
struct virtio_vsock_hdr {
	uint64_t src_cid;       /* le64 at 0 */
	uint64_t dst_cid;       /* le64 at 8 */
	uint32_t src_port;      /* le32 at 16 */
	uint32_t dst_port;      /* le32 at 20 */
	uint32_t len;           /* le32 at 24, payload length */
	uint16_t type;          /* le16 at 28, enum vsock_virtio_type */
	uint16_t op;            /* le16 at 30, enum vsock_virtio_op */
	uint32_t flags;         /* le32 at 32 */
	uint32_t buf_alloc;     /* le32 at 36, sender's receive buffer size */
	uint32_t fwd_cnt;       /* le32 at 40, bytes the sender has consumed */
};

/* A whole LINKTYPE_VSOCK frame. After vsockmon_frame_parse(), has_virtio
 * says whether a virtio header was decoded and payload points into the
 * parsed buffer (which must outlive the struct). */
struct vsockmon_frame {
	struct af_vsockmon_hdr mon;
	int has_virtio;
	struct virtio_vsock_hdr virtio;
	const uint8_t *payload;
	size_t payload_len;
};

/* Name tables: {value, name} pairs ending with {0, NULL}, laid out like
 * Wireshark's value_string so the plugin can build its own from them. */
struct vsock_name {
	uint32_t value;
	const char *name;
};
extern const struct vsock_name vsockmon_op_names[];
extern const struct vsock_name vsockmon_transport_names[];
extern const struct vsock_name vsock_virtio_type_names[];
extern const struct vsock_name vsock_virtio_op_names[];

/* Names ("CONNECT", "VIRTIO", "STREAM", "CREDIT_REQUEST", ...); NULL for a
 * value without a name. */
const char *vsockmon_op_name(uint32_t op);
const char *vsockmon_transport_name(uint32_t transport);
const char *vsock_virtio_type_name(uint32_t type);
const char *vsock_virtio_op_name(uint32_t op);
/* Lookup by name (case-insensitive): 0 and *ret, or -EINVAL. */
int vsock_virtio_type_from_name(const char *name, uint16_t *ret);
int vsock_virtio_op_from_name(const char *name, uint16_t *ret);

/* The monitor op the kernel records for a virtio op
 * (virtio_transport_build_skb): REQUEST/RESPONSE -> CONNECT,
 * RST/SHUTDOWN -> DISCONNECT, RW -> PAYLOAD, CREDIT_UPDATE/REQUEST ->
 * CONTROL, anything else -> UNKNOWN. */
uint16_t vsock_virtio_op_to_mon(uint16_t virtio_op);

/* Headers: parse reads exactly the header from buf (len may be larger),
 * -EBADMSG when len is short. build writes exactly the header length,
 * -ENOSPC when len is short. */
int af_vsockmon_hdr_parse(const uint8_t *buf, size_t len, struct af_vsockmon_hdr *ret);
int af_vsockmon_hdr_build(const struct af_vsockmon_hdr *h, uint8_t *buf, size_t len);
int virtio_vsock_hdr_parse(const uint8_t *buf, size_t len, struct virtio_vsock_hdr *ret);
int virtio_vsock_hdr_build(const struct virtio_vsock_hdr *h, uint8_t *buf, size_t len);

/* The vsockmon header the kernel writes in front of a virtio packet:
 * addresses copied, op mapped, transport VIRTIO, len 44, reserved 0. */
void vsockmon_hdr_for_virtio(const struct virtio_vsock_hdr *v, struct af_vsockmon_hdr *ret);

/* Whole frame. build: vsockmon header derived from v (as the kernel does),
 * then v, then payload; v->len must equal payload_len (-EINVAL otherwise).
 * *ret_len = bytes written. parse: -EBADMSG when the frame is shorter than
 * the headers or mon.len says a virtio header is shorter than 44 bytes;
 * a payload shorter than virtio.len is NOT an error here (a snapped
 * capture), the caller compares payload_len with virtio.len. */
int vsockmon_frame_build(const struct virtio_vsock_hdr *v, const uint8_t *payload,
			 size_t payload_len, uint8_t *buf, size_t len, size_t *ret_len);
int vsockmon_frame_parse(const uint8_t *buf, size_t len, struct vsockmon_frame *ret);

#endif
