/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit tests of the vsockmon codec: vsockmon and virtio-vsock headers
 * against hand-written wire bytes (include/uapi/linux/vsockmon.h,
 * include/uapi/linux/virtio_vsock.h), both directions, truncation, names
 * and the kernel's virtio -> monitor op mapping. */
#include <CUnit/Basic.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vsockmon.h"

#include "fixtures.h"

/* A vsockmon header as the kernel writes it in front of a RW packet from
 * CID 3 port 0x01020304 to CID 2 port 5000. */
static const uint8_t mon_bytes[VSOCKMON_HDR_LEN] = {
	0x03, 0, 0, 0, 0, 0, 0, 0,              /* src_cid le64 = 3 */
	0x02, 0, 0, 0, 0, 0, 0, 0,              /* dst_cid le64 = 2 */
	0x04, 0x03, 0x02, 0x01,                 /* src_port le32 = 0x01020304 */
	0x88, 0x13, 0, 0,                       /* dst_port le32 = 5000 */
	0x04, 0x00,                             /* op le16 = PAYLOAD */
	0x02, 0x00,                             /* transport le16 = VIRTIO */
	0x2c, 0x00,                             /* len le16 = 44 */
	0x00, 0x00,                             /* reserved */
};

static const struct af_vsockmon_hdr mon_val = {
	.src_cid = 3, .dst_cid = 2, .src_port = 0x01020304, .dst_port = 5000,
	.op = VSOCKMON_OP_PAYLOAD, .transport = VSOCKMON_TRANSPORT_VIRTIO, .len = 44,
};

/* A seqpacket RW with every field distinct, high bytes set where they
 * exist, so a swapped or misplaced byte shows. */
static const uint8_t virtio_bytes[VIRTIO_VSOCK_HDR_LEN] = {
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x81, /* src_cid le64 = 0x8102030405060708 */
	0x02, 0, 0, 0, 0, 0, 0, 0,              /* dst_cid le64 = 2 */
	0x00, 0xc0, 0, 0,                       /* src_port le32 = 49152 */
	0xff, 0xff, 0xff, 0xfe,                 /* dst_port le32 = 0xfeffffff */
	0xa0, 0x86, 0x01, 0x00,                 /* len le32 = 100000 */
	0x02, 0x00,                             /* type le16 = SEQPACKET */
	0x05, 0x00,                             /* op le16 = RW */
	0x03, 0x00, 0x00, 0x80,                 /* flags le32 = 0x80000003 (EOM|EOR|bit 31) */
	0x00, 0x00, 0x04, 0x00,                 /* buf_alloc le32 = 262144 */
	0x78, 0x56, 0x34, 0x12,                 /* fwd_cnt le32 = 0x12345678 */
};

static const struct virtio_vsock_hdr virtio_val = {
	.src_cid = 0x8102030405060708ull, .dst_cid = 2, .src_port = 49152,
	.dst_port = 0xfeffffffu, .len = 100000, .type = VSOCK_VIRTIO_TYPE_SEQPACKET,
	.op = VSOCK_VIRTIO_OP_RW, .flags = 0x80000003u, .buf_alloc = 262144,
	.fwd_cnt = 0x12345678u,
};

static void test_mon_parse(void)
{
	struct af_vsockmon_hdr h;

	CU_ASSERT_EQUAL(af_vsockmon_hdr_parse(mon_bytes, sizeof(mon_bytes), &h), 0);
	CU_ASSERT_EQUAL(h.src_cid, mon_val.src_cid);
	CU_ASSERT_EQUAL(h.dst_cid, mon_val.dst_cid);
	CU_ASSERT_EQUAL(h.src_port, mon_val.src_port);
	CU_ASSERT_EQUAL(h.dst_port, mon_val.dst_port);
	CU_ASSERT_EQUAL(h.op, mon_val.op);
	CU_ASSERT_EQUAL(h.transport, mon_val.transport);
	CU_ASSERT_EQUAL(h.len, mon_val.len);
	CU_ASSERT_EQUAL(h.reserved[0], 0);
	CU_ASSERT_EQUAL(h.reserved[1], 0);
}

static void test_mon_build(void)
{
	uint8_t buf[VSOCKMON_HDR_LEN + 4];

	memset(buf, 0xee, sizeof(buf));
	CU_ASSERT_EQUAL(af_vsockmon_hdr_build(&mon_val, buf, sizeof(buf)), 0);
	CU_ASSERT_EQUAL(memcmp(buf, mon_bytes, VSOCKMON_HDR_LEN), 0);
	/* exactly 32 bytes written */
	CU_ASSERT_EQUAL(buf[VSOCKMON_HDR_LEN], 0xee);
	CU_ASSERT_EQUAL(af_vsockmon_hdr_build(&mon_val, buf, VSOCKMON_HDR_LEN - 1), -ENOSPC);
}

static void test_mon_reserved_roundtrip(void)
{
	uint8_t in[VSOCKMON_HDR_LEN], out[VSOCKMON_HDR_LEN];
	struct af_vsockmon_hdr h;

	memcpy(in, mon_bytes, sizeof(in));
	in[30] = 0xab;
	in[31] = 0xcd;
	CU_ASSERT_EQUAL(af_vsockmon_hdr_parse(in, sizeof(in), &h), 0);
	CU_ASSERT_EQUAL(h.reserved[0], 0xab);
	CU_ASSERT_EQUAL(h.reserved[1], 0xcd);
	CU_ASSERT_EQUAL(af_vsockmon_hdr_build(&h, out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
}

static void test_virtio_parse(void)
{
	struct virtio_vsock_hdr h;

	CU_ASSERT_EQUAL(virtio_vsock_hdr_parse(virtio_bytes, sizeof(virtio_bytes), &h), 0);
	CU_ASSERT_EQUAL(h.src_cid, virtio_val.src_cid);
	CU_ASSERT_EQUAL(h.dst_cid, virtio_val.dst_cid);
	CU_ASSERT_EQUAL(h.src_port, virtio_val.src_port);
	CU_ASSERT_EQUAL(h.dst_port, virtio_val.dst_port);
	CU_ASSERT_EQUAL(h.len, virtio_val.len);
	CU_ASSERT_EQUAL(h.type, virtio_val.type);
	CU_ASSERT_EQUAL(h.op, virtio_val.op);
	CU_ASSERT_EQUAL(h.flags, virtio_val.flags);
	CU_ASSERT_EQUAL(h.buf_alloc, virtio_val.buf_alloc);
	CU_ASSERT_EQUAL(h.fwd_cnt, virtio_val.fwd_cnt);
}

static void test_virtio_build(void)
{
	uint8_t buf[VIRTIO_VSOCK_HDR_LEN + 1];

	memset(buf, 0xee, sizeof(buf));
	CU_ASSERT_EQUAL(virtio_vsock_hdr_build(&virtio_val, buf, sizeof(buf)), 0);
	CU_ASSERT_EQUAL(memcmp(buf, virtio_bytes, VIRTIO_VSOCK_HDR_LEN), 0);
	CU_ASSERT_EQUAL(buf[VIRTIO_VSOCK_HDR_LEN], 0xee);
	CU_ASSERT_EQUAL(virtio_vsock_hdr_build(&virtio_val, buf, VIRTIO_VSOCK_HDR_LEN - 1), -ENOSPC);
}

/* Every length short of a header is -EBADMSG, and parse never reads past
 * len (the copy sits at the end of a heap block for ASan to watch). */
static void test_truncated(void)
{
	struct af_vsockmon_hdr m;
	struct virtio_vsock_hdr v;
	struct vsockmon_frame f;

	for (size_t n = 0; n < VSOCKMON_HDR_LEN; n++) {
		uint8_t *p = malloc(n ? n : 1);

		memcpy(p, mon_bytes, n);
		CU_ASSERT_EQUAL(af_vsockmon_hdr_parse(p, n, &m), -EBADMSG);
		CU_ASSERT_EQUAL(vsockmon_frame_parse(p, n, &f), -EBADMSG);
		free(p);
	}
	for (size_t n = 0; n < VIRTIO_VSOCK_HDR_LEN; n++) {
		uint8_t *p = malloc(n ? n : 1);

		memcpy(p, virtio_bytes, n);
		CU_ASSERT_EQUAL(virtio_vsock_hdr_parse(p, n, &v), -EBADMSG);
		free(p);
	}
	CU_ASSERT_EQUAL(af_vsockmon_hdr_parse(NULL, 32, &m), -EBADMSG);
}

static void test_frame_roundtrip(void)
{
	static const uint8_t payload[5] = { 'h', 'e', 'l', 'l', 'o' };
	struct virtio_vsock_hdr v = {
		.src_cid = 1, .dst_cid = 1, .src_port = 49152, .dst_port = 5000,
		.len = sizeof(payload), .type = VSOCK_VIRTIO_TYPE_STREAM,
		.op = VSOCK_VIRTIO_OP_RW, .buf_alloc = 262144, .fwd_cnt = 7,
	};
	uint8_t buf[VSOCKMON_FRAME_MIN_LEN + sizeof(payload)];
	struct vsockmon_frame f;
	size_t len = 0;

	CU_ASSERT_EQUAL(vsockmon_frame_build(&v, payload, sizeof(payload), buf, sizeof(buf), &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(buf));
	/* monitor header derived as virtio_transport_build_skb() does */
	CU_ASSERT_EQUAL(buf[24], VSOCKMON_OP_PAYLOAD);       /* op */
	CU_ASSERT_EQUAL(buf[26], VSOCKMON_TRANSPORT_VIRTIO); /* transport */
	CU_ASSERT_EQUAL(buf[28], 44);                        /* len */
	CU_ASSERT_EQUAL(memcmp(buf + 76, "hello", 5), 0);

	CU_ASSERT_EQUAL(vsockmon_frame_parse(buf, len, &f), 0);
	CU_ASSERT_TRUE(f.has_virtio);
	CU_ASSERT_EQUAL(f.mon.src_port, 49152);
	CU_ASSERT_EQUAL(f.virtio.fwd_cnt, 7);
	CU_ASSERT_EQUAL(f.payload_len, 5);
	CU_ASSERT_PTR_EQUAL(f.payload, buf + 76);

	/* builder input checks */
	CU_ASSERT_EQUAL(vsockmon_frame_build(&v, payload, 4, buf, sizeof(buf), &len), -EINVAL);
	CU_ASSERT_EQUAL(vsockmon_frame_build(&v, payload, 5, buf, sizeof(buf) - 1, &len), -ENOSPC);
}

static void test_frame_bad_len(void)
{
	uint8_t buf[VSOCKMON_FRAME_MIN_LEN];
	struct vsockmon_frame f;

	memcpy(buf, mon_bytes, VSOCKMON_HDR_LEN);
	memcpy(buf + VSOCKMON_HDR_LEN, virtio_bytes, VIRTIO_VSOCK_HDR_LEN);
	CU_ASSERT_EQUAL(vsockmon_frame_parse(buf, sizeof(buf), &f), 0);
	CU_ASSERT_EQUAL(f.payload_len, 0);      /* snapped: caller compares with virtio.len */
	buf[28] = 43;                           /* transport header shorter than virtio's */
	CU_ASSERT_EQUAL(vsockmon_frame_parse(buf, sizeof(buf), &f), -EBADMSG);
	buf[28] = 45;                           /* transport header past the frame */
	CU_ASSERT_EQUAL(vsockmon_frame_parse(buf, sizeof(buf), &f), -EBADMSG);
	buf[28] = 0;                            /* NO_INFO: no transport header */
	buf[26] = VSOCKMON_TRANSPORT_NO_INFO;
	CU_ASSERT_EQUAL(vsockmon_frame_parse(buf, sizeof(buf), &f), 0);
	CU_ASSERT_FALSE(f.has_virtio);
	CU_ASSERT_EQUAL(f.payload_len, VIRTIO_VSOCK_HDR_LEN);
}

static void test_op_mapping(void)
{
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_INVALID), VSOCKMON_OP_UNKNOWN);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_REQUEST), VSOCKMON_OP_CONNECT);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_RESPONSE), VSOCKMON_OP_CONNECT);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_RST), VSOCKMON_OP_DISCONNECT);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_SHUTDOWN), VSOCKMON_OP_DISCONNECT);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_RW), VSOCKMON_OP_PAYLOAD);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_CREDIT_UPDATE), VSOCKMON_OP_CONTROL);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(VSOCK_VIRTIO_OP_CREDIT_REQUEST), VSOCKMON_OP_CONTROL);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(8), VSOCKMON_OP_UNKNOWN);
	CU_ASSERT_EQUAL(vsock_virtio_op_to_mon(0xffff), VSOCKMON_OP_UNKNOWN);
}

static void test_names(void)
{
	uint16_t v = 0;

	CU_ASSERT_STRING_EQUAL(vsockmon_op_name(VSOCKMON_OP_DISCONNECT), "DISCONNECT");
	CU_ASSERT_STRING_EQUAL(vsockmon_transport_name(2), "VIRTIO");
	CU_ASSERT_STRING_EQUAL(vsock_virtio_type_name(2), "SEQPACKET");
	/* op 7 is CREDIT_REQUEST (Wireshark 4.0's built-in names it wrongly) */
	CU_ASSERT_STRING_EQUAL(vsock_virtio_op_name(7), "CREDIT_REQUEST");
	CU_ASSERT_STRING_EQUAL(vsock_virtio_op_name(6), "CREDIT_UPDATE");
	CU_ASSERT_PTR_NULL(vsock_virtio_op_name(8));
	CU_ASSERT_PTR_NULL(vsockmon_op_name(5));
	CU_ASSERT_PTR_NULL(vsock_virtio_type_name(0));
	CU_ASSERT_EQUAL(vsock_virtio_op_from_name("rst", &v), 0);
	CU_ASSERT_EQUAL(v, VSOCK_VIRTIO_OP_RST);
	CU_ASSERT_EQUAL(vsock_virtio_type_from_name("stream", &v), 0);
	CU_ASSERT_EQUAL(v, VSOCK_VIRTIO_TYPE_STREAM);
	CU_ASSERT_EQUAL(vsock_virtio_op_from_name("nope", &v), -EINVAL);
	/* tables end with {0, NULL} and hold each value once */
	for (const struct vsock_name *a = vsock_virtio_op_names; a->name; a++)
		for (const struct vsock_name *b = a + 1; b->name; b++)
			CU_ASSERT_NOT_EQUAL(a->value, b->value);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "vsockmon header parse", test_mon_parse },
		{ "vsockmon header build", test_mon_build },
		{ "vsockmon reserved round trip", test_mon_reserved_roundtrip },
		{ "virtio header parse", test_virtio_parse },
		{ "virtio header build", test_virtio_build },
		{ "truncated input", test_truncated },
		{ "frame round trip", test_frame_roundtrip },
		{ "frame transport length", test_frame_bad_len },
		{ "virtio to monitor op", test_op_mapping },
		{ "names", test_names },
		{ NULL, NULL }
	};

	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("vsockmon", tests)) {
		CU_cleanup_registry();
		return 1;
	}
	return fx_run();
}
