/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness: NDP message parse -> build -> parse must agree (codec/ndp.h). */
#include <string.h>

#include "fuzz.h"
#include "ndp.h"

/* One round of parse and build normalises a message (padding, reserved
 * octets kept as read, unknown options raw); from then on the bytes are a
 * fixed point: build(parse(b1)) == b1. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ndp_msg m1, m2;
	static uint8_t b1[NDP_MSG_MAX_LEN], b2[NDP_MSG_MAX_LEN];
	size_t l1, l2;

	if (ndp_msg_parse(data, size, &m1) < 0)
		return 0;
	(void)ndp_msg_check(&m1);
	FUZZ_ASSERT(m1.n_opts <= NDP_MAX_OPTS);
	FUZZ_ASSERT(ndp_msg_build(&m1, b1, sizeof(b1), &l1) == 0);
	FUZZ_ASSERT(l1 <= sizeof(b1));
	FUZZ_ASSERT(ndp_msg_parse(b1, l1, &m2) == 0);
	FUZZ_ASSERT(m2.type == m1.type && m2.code == m1.code);
	FUZZ_ASSERT(m2.n_opts == m1.n_opts);
	for (size_t i = 0; i < m1.n_opts; i++)
		FUZZ_ASSERT(m2.opts[i].type == m1.opts[i].type);
	FUZZ_ASSERT(ndp_msg_build(&m2, b2, sizeof(b2), &l2) == 0);
	FUZZ_ASSERT(l2 == l1 && memcmp(b1, b2, l1) == 0);
	/* The checksum of what we built verifies against itself. */
	if (l1 >= 4) {
		static const uint8_t src[16] = { 0xfe, 0x80, [15] = 1 };
		static const uint8_t dst[16] = { 0xff, 0x02, [15] = 1 };
		uint16_t c;

		b1[2] = b1[3] = 0;
		c = ndp_checksum(src, dst, b1, l1);
		b1[2] = (uint8_t)(c >> 8);
		b1[3] = (uint8_t)c;
		FUZZ_ASSERT(ndp_checksum(src, dst, b1, l1) == 0);
	}
	return 0;
}
