/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness: sockgen ndp replay's edit expressions (generator/ndp/
 * ndp_edit.h). The input is one --set FIELD=VALUE line, a second line for
 * --drop-opt, then an ICMPv6 ND message. A bad expression ends in a reason,
 * never a crash; near-name suggestions stay in their buffer; an edit that
 * fits rebuilds into a message whose checksum verifies and whose options
 * parse again (when the original's did). */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ndp.h"
#include "ndp_edit.h"

static size_t line(const uint8_t *d, size_t n, char *out, size_t cap)
{
	size_t i = 0;

	while (i < n && d[i] != '\n' && i + 1 < cap) {
		out[i] = (char)d[i];
		i++;
	}
	out[i] = '\0';
	return i < n ? i + 1 : i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ndp_msg msg, back;
	static uint8_t out[NDP_MSG_MAX_LEN + 64];
	char expr[512], drop[64], why[256], near[256];
	uint8_t ip6[40] = { 0x60 }, *icmp;
	bool edited[NDP_MAX_OPTS] = { false }, types[256] = { false };
	struct ndpe_set s;
	size_t off, len, n, walked;
	int r, pr;

	if (size > 8192)
		return 0;
	off = line(data, size, expr, sizeof(expr));
	off += line(data + off, size - off, drop, sizeof(drop));
	why[0] = '\0';
	r = ndpe_set_parse(expr, &s, why, sizeof(why));
	if (r) {
		FUZZ_ASSERT(why[0] != '\0' || r == -ENOMEM);
		ndpe_near(s.name, near, sizeof(near), 8);
		FUZZ_ASSERT(strlen(near) < sizeof(near));
		ndpe_set_free(&s);
		return 0;
	}
	if (drop[0] && ndpe_opt_types_parse(drop, types, why, sizeof(why)))
		FUZZ_ASSERT(why[0] != '\0');
	icmp = (uint8_t *)data + off;
	len = size - off;
	ip6[8] = 0xfe;
	ip6[9] = 0x80;
	ip6[23] = 1;
	ip6[24] = 0xff;
	ip6[25] = 0x02;
	ip6[39] = 1;
	pr = ndp_msg_parse(icmp, len, &msg);
	if (len < 4 || len < ndp_msg_fixed_len(icmp[0]))
		goto out;
	walked = ndp_msg_fixed_len(msg.type);
	for (size_t i = 0; i < msg.n_opts; i++)
		walked = (size_t)(msg.opts[i].wire.data - icmp) + msg.opts[i].wire.len;
	ndpe_set_apply(&s, ip6, &msg, edited);
	ndpe_drop_apply(types, &msg, edited);
	for (size_t i = 0; i < msg.n_opts; i++) {
		const struct ndp_field *bad;

		if (edited[i] && ndpe_opt_fits(&msg.opts[i], &bad) < 0)
			goto out;
	}
	r = ndpe_encode(&msg, edited, icmp + walked, len - walked, ip6 + 8, ip6 + 24, out,
			sizeof(out), &n);
	if (r < 0)
		goto out;
	FUZZ_ASSERT(n <= NDP_MSG_MAX_LEN);
	FUZZ_ASSERT(ndp_checksum(ip6 + 8, ip6 + 24, out, n) == 0);
	if (pr == 0)
		FUZZ_ASSERT(ndp_msg_parse(out, n, &back) == 0);
out:
	ndpe_set_free(&s);
	return 0;
}
