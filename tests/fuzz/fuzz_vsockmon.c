/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness: vsockmon + virtio-vsock frame parse -> build -> parse (codec/vsockmon.h). */
#include <string.h>

#include "fuzz.h"
#include "vsockmon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[VSOCKMON_FRAME_MIN_LEN + 65536 + 64];
	struct vsockmon_frame f, g;
	struct af_vsockmon_hdr mon;
	uint8_t hdr[VSOCKMON_HDR_LEN];
	size_t len;

	/* The monitor header alone round-trips byte for byte. */
	if (af_vsockmon_hdr_parse(data, size, &mon) == 0) {
		FUZZ_ASSERT(af_vsockmon_hdr_build(&mon, hdr, sizeof(hdr)) == 0);
		FUZZ_ASSERT(memcmp(hdr, data, sizeof(hdr)) == 0);
	}
	if (vsockmon_frame_parse(data, size, &f) < 0 || !f.has_virtio)
		return 0;
	FUZZ_ASSERT(f.payload_len <= size);
	if (f.payload_len != f.virtio.len || f.payload_len > 65536)
		return 0;       /* snapped or oversized: not rebuildable */
	FUZZ_ASSERT(vsockmon_frame_build(&f.virtio, f.payload, f.payload_len,
					 out, sizeof(out), &len) == 0);
	FUZZ_ASSERT(len == VSOCKMON_FRAME_MIN_LEN + f.payload_len);
	FUZZ_ASSERT(vsockmon_frame_parse(out, len, &g) == 0 && g.has_virtio);
	FUZZ_ASSERT(memcmp(&g.virtio, &f.virtio, sizeof(f.virtio)) == 0);
	FUZZ_ASSERT(g.payload_len == f.payload_len);
	FUZZ_ASSERT(!f.payload_len || memcmp(g.payload, f.payload, f.payload_len) == 0);
	FUZZ_ASSERT(g.mon.op == vsock_virtio_op_to_mon(f.virtio.op));
	return 0;
}
