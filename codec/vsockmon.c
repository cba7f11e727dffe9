/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon codec: vsockmon and virtio-vsock headers, little-endian wire bytes
 * (Linux include/uapi/linux/vsockmon.h, include/uapi/linux/virtio_vsock.h). */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "vsockmon.h"

const struct vsock_name vsockmon_op_names[] = {
	{ VSOCKMON_OP_UNKNOWN, "UNKNOWN" },
	{ VSOCKMON_OP_CONNECT, "CONNECT" },
	{ VSOCKMON_OP_DISCONNECT, "DISCONNECT" },
	{ VSOCKMON_OP_CONTROL, "CONTROL" },
	{ VSOCKMON_OP_PAYLOAD, "PAYLOAD" },
	{ 0, NULL },
};

const struct vsock_name vsockmon_transport_names[] = {
	{ VSOCKMON_TRANSPORT_UNKNOWN, "UNKNOWN" },
	{ VSOCKMON_TRANSPORT_NO_INFO, "NO_INFO" },
	{ VSOCKMON_TRANSPORT_VIRTIO, "VIRTIO" },
	{ 0, NULL },
};

const struct vsock_name vsock_virtio_type_names[] = {
	{ VSOCK_VIRTIO_TYPE_STREAM, "STREAM" },
	{ VSOCK_VIRTIO_TYPE_SEQPACKET, "SEQPACKET" },
	{ 0, NULL },
};

const struct vsock_name vsock_virtio_op_names[] = {
	{ VSOCK_VIRTIO_OP_INVALID, "INVALID" },
	{ VSOCK_VIRTIO_OP_REQUEST, "REQUEST" },
	{ VSOCK_VIRTIO_OP_RESPONSE, "RESPONSE" },
	{ VSOCK_VIRTIO_OP_RST, "RST" },
	{ VSOCK_VIRTIO_OP_SHUTDOWN, "SHUTDOWN" },
	{ VSOCK_VIRTIO_OP_RW, "RW" },
	{ VSOCK_VIRTIO_OP_CREDIT_UPDATE, "CREDIT_UPDATE" },
	{ VSOCK_VIRTIO_OP_CREDIT_REQUEST, "CREDIT_REQUEST" },
	{ 0, NULL },
};

static const char *name_of(const struct vsock_name *t, uint32_t v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	return NULL;
}

static int value_of(const struct vsock_name *t, const char *name, uint16_t *ret)
{
	if (!name)
		return -EINVAL;
	for (; t->name; t++)
		if (!strcasecmp(t->name, name)) {
			*ret = (uint16_t)t->value;
			return 0;
		}
	return -EINVAL;
}

const char *vsockmon_op_name(uint32_t op) { return name_of(vsockmon_op_names, op); }
const char *vsockmon_transport_name(uint32_t t) { return name_of(vsockmon_transport_names, t); }
const char *vsock_virtio_type_name(uint32_t type) { return name_of(vsock_virtio_type_names, type); }
const char *vsock_virtio_op_name(uint32_t op) { return name_of(vsock_virtio_op_names, op); }

int vsock_virtio_type_from_name(const char *name, uint16_t *ret)
{
	return value_of(vsock_virtio_type_names, name, ret);
}

int vsock_virtio_op_from_name(const char *name, uint16_t *ret)
{
	return value_of(vsock_virtio_op_names, name, ret);
}

uint16_t vsock_virtio_op_to_mon(uint16_t virtio_op)
{
	switch (virtio_op) {
	case VSOCK_VIRTIO_OP_REQUEST:
	case VSOCK_VIRTIO_OP_RESPONSE:
		return VSOCKMON_OP_CONNECT;
	case VSOCK_VIRTIO_OP_RST:
	case VSOCK_VIRTIO_OP_SHUTDOWN:
		return VSOCKMON_OP_DISCONNECT;
	case VSOCK_VIRTIO_OP_RW:
		return VSOCKMON_OP_PAYLOAD;
	case VSOCK_VIRTIO_OP_CREDIT_UPDATE:
	case VSOCK_VIRTIO_OP_CREDIT_REQUEST:
		return VSOCKMON_OP_CONTROL;
	default:
		return VSOCKMON_OP_UNKNOWN;
	}
}

/* Explicit little-endian access: no casts of the buffer to wider types. */
static uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (unsigned)p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

int af_vsockmon_hdr_parse(const uint8_t *buf, size_t len, struct af_vsockmon_hdr *ret)
{
	if (!buf || !ret || len < VSOCKMON_HDR_LEN)
		return -EBADMSG;
	ret->src_cid = get_le64(buf + 0);
	ret->dst_cid = get_le64(buf + 8);
	ret->src_port = get_le32(buf + 16);
	ret->dst_port = get_le32(buf + 20);
	ret->op = get_le16(buf + 24);
	ret->transport = get_le16(buf + 26);
	ret->len = get_le16(buf + 28);
	ret->reserved[0] = buf[30];
	ret->reserved[1] = buf[31];
	return 0;
}

int af_vsockmon_hdr_build(const struct af_vsockmon_hdr *h, uint8_t *buf, size_t len)
{
	if (!h || !buf)
		return -EINVAL;
	if (len < VSOCKMON_HDR_LEN)
		return -ENOSPC;
	put_le64(buf + 0, h->src_cid);
	put_le64(buf + 8, h->dst_cid);
	put_le32(buf + 16, h->src_port);
	put_le32(buf + 20, h->dst_port);
	put_le16(buf + 24, h->op);
	put_le16(buf + 26, h->transport);
	put_le16(buf + 28, h->len);
	buf[30] = h->reserved[0];
	buf[31] = h->reserved[1];
	return 0;
}

int virtio_vsock_hdr_parse(const uint8_t *buf, size_t len, struct virtio_vsock_hdr *ret)
{
	if (!buf || !ret || len < VIRTIO_VSOCK_HDR_LEN)
		return -EBADMSG;
	ret->src_cid = get_le64(buf + 0);
	ret->dst_cid = get_le64(buf + 8);
	ret->src_port = get_le32(buf + 16);
	ret->dst_port = get_le32(buf + 20);
	ret->len = get_le32(buf + 24);
	ret->type = get_le16(buf + 28);
	ret->op = get_le16(buf + 30);
	ret->flags = get_le32(buf + 32);
	ret->buf_alloc = get_le32(buf + 36);
	ret->fwd_cnt = get_le32(buf + 40);
	return 0;
}

int virtio_vsock_hdr_build(const struct virtio_vsock_hdr *h, uint8_t *buf, size_t len)
{
	if (!h || !buf)
		return -EINVAL;
	if (len < VIRTIO_VSOCK_HDR_LEN)
		return -ENOSPC;
	put_le64(buf + 0, h->src_cid);
	put_le64(buf + 8, h->dst_cid);
	put_le32(buf + 16, h->src_port);
	put_le32(buf + 20, h->dst_port);
	put_le32(buf + 24, h->len);
	put_le16(buf + 28, h->type);
	put_le16(buf + 30, h->op);
	put_le32(buf + 32, h->flags);
	put_le32(buf + 36, h->buf_alloc);
	put_le32(buf + 40, h->fwd_cnt);
	return 0;
}

void vsockmon_hdr_for_virtio(const struct virtio_vsock_hdr *v, struct af_vsockmon_hdr *ret)
{
	memset(ret, 0, sizeof(*ret));
	ret->src_cid = v->src_cid;
	ret->dst_cid = v->dst_cid;
	ret->src_port = v->src_port;
	ret->dst_port = v->dst_port;
	ret->op = vsock_virtio_op_to_mon(v->op);
	ret->transport = VSOCKMON_TRANSPORT_VIRTIO;
	ret->len = VIRTIO_VSOCK_HDR_LEN;
}

int vsockmon_frame_build(const struct virtio_vsock_hdr *v, const uint8_t *payload,
			 size_t payload_len, uint8_t *buf, size_t len, size_t *ret_len)
{
	struct af_vsockmon_hdr mon;
	int r;

	if (!v || !buf || (payload_len && !payload) || v->len != payload_len)
		return -EINVAL;
	if (len < VSOCKMON_FRAME_MIN_LEN || len - VSOCKMON_FRAME_MIN_LEN < payload_len)
		return -ENOSPC;
	vsockmon_hdr_for_virtio(v, &mon);
	r = af_vsockmon_hdr_build(&mon, buf, len);
	if (r < 0)
		return r;
	r = virtio_vsock_hdr_build(v, buf + VSOCKMON_HDR_LEN, len - VSOCKMON_HDR_LEN);
	if (r < 0)
		return r;
	if (payload_len)
		memcpy(buf + VSOCKMON_FRAME_MIN_LEN, payload, payload_len);
	if (ret_len)
		*ret_len = VSOCKMON_FRAME_MIN_LEN + payload_len;
	return 0;
}

int vsockmon_frame_parse(const uint8_t *buf, size_t len, struct vsockmon_frame *ret)
{
	size_t off;
	int r;

	if (!ret)
		return -EINVAL;
	memset(ret, 0, sizeof(*ret));
	r = af_vsockmon_hdr_parse(buf, len, &ret->mon);
	if (r < 0)
		return r;
	/* The transport header is mon.len bytes whatever the transport; a
	 * length past the frame is malformed. */
	if ((size_t)ret->mon.len > len - VSOCKMON_HDR_LEN)
		return -EBADMSG;
	off = VSOCKMON_HDR_LEN + ret->mon.len;
	if (ret->mon.transport == VSOCKMON_TRANSPORT_VIRTIO) {
		if (ret->mon.len < VIRTIO_VSOCK_HDR_LEN)
			return -EBADMSG;
		r = virtio_vsock_hdr_parse(buf + VSOCKMON_HDR_LEN, ret->mon.len, &ret->virtio);
		if (r < 0)
			return r;
		ret->has_virtio = 1;
	}
	ret->payload = buf + off;
	ret->payload_len = len - off;
	return 0;
}
