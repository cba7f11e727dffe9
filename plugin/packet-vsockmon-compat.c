/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fields of Wireshark's built-in vsock dissector, hidden below vsock's
 * protocol item in every frame vsockmon takes: what users' filters,
 * colouring rules and columns on vsock.* find without sockscope. Field ids
 * are looked up by name at handoff (each series' own definitions); the
 * built-in's layout: the vsockmon header, the virtio header when the
 * transport says virtio (whatever its declared length), then the payload
 * after the declared transport header. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/exceptions.h>

#include "builtin.h"
#include "packet-vsockmon-compat.h"
#include "vsockmon.h"

struct bfield {
	const char *name;
	int off, len;
	unsigned enc;
};

/* vsockmon header (include/uapi/linux/vsockmon.h), then virtio-vsock
 * (virtio 1.2 5.10.6): offsets in the frame, little endian. */
static const struct bfield mon[] = {
	{ "vsock.src_cid", 0, 8, ENC_LITTLE_ENDIAN },
	{ "vsock.dst_cid", 8, 8, ENC_LITTLE_ENDIAN },
	{ "vsock.src_port", 16, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.dst_port", 20, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.op", 24, 2, ENC_LITTLE_ENDIAN },
	{ "vsock.trans", 26, 2, ENC_LITTLE_ENDIAN },
	{ "vsock.trans_len", 28, 2, ENC_LITTLE_ENDIAN },
	{ "vsock.reserved", 30, 2, ENC_NA },
};
static const struct bfield virtio[] = {
	{ "vsock.virtio.src_cid", 32, 8, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.dst_cid", 40, 8, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.src_prot", 48, 4, ENC_LITTLE_ENDIAN },     /* sic: the built-in's names */
	{ "vsock.virtio.dst_prot", 52, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.len", 56, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.type", 60, 2, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.op", 62, 2, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.flags", 64, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.buf_alloc", 68, 4, ENC_LITTLE_ENDIAN },
	{ "vsock.virtio.fwd_cnt", 72, 4, ENC_LITTLE_ENDIAN },
};
static int hf_mon[array_length(mon)], hf_virtio[array_length(virtio)], hf_payload = -1;

void vsmon_compat_handoff(void)
{
	for (size_t i = 0; i < array_length(mon); i++)
		hf_mon[i] = builtin_field(mon[i].name);
	for (size_t i = 0; i < array_length(virtio); i++)
		hf_virtio[i] = builtin_field(virtio[i].name);
	hf_payload = builtin_field("vsock.payload");
}

static void add(proto_tree *bt, int hf, tvbuff_t *tvb, const struct bfield *f)
{
	if (hf >= 0)
		proto_tree_add_item(bt, hf, tvb, f->off, f->len, f->enc);
}

void vsmon_compat(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *bt)
{
	/* the built-in declines frames shorter than the vsockmon header */
	if (tvb_reported_length(tvb) < VSOCKMON_HDR_LEN)
		return;
	/* A truncated frame stops here where the built-in's decode stops; the
	 * exception is not ours to report (vsockmon reports the frame). */
	TRY {
		unsigned trans = tvb_get_letohs(tvb, 26), tlen = tvb_get_letohs(tvb, 28);
		int rest;

		for (size_t i = 0; i < array_length(mon); i++)
			add(bt, hf_mon[i], tvb, &mon[i]);
		if (trans == VSOCKMON_TRANSPORT_VIRTIO)
			for (size_t i = 0; i < array_length(virtio); i++)
				add(bt, hf_virtio[i], tvb, &virtio[i]);
		rest = tvb_reported_length_remaining(tvb, VSOCKMON_HDR_LEN + (int)tlen);
		if (rest > 0 && hf_payload >= 0)
			proto_tree_add_item(bt, hf_payload, tvb, VSOCKMON_HDR_LEN + (int)tlen, rest, ENC_NA);
	}
	CATCH_ALL {
	}
	ENDTRY;
}
