/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text of IPv6 and Ethernet addresses without printf or inet_ntop: the
 * dissector writes several per message into its Info column, where
 * inet_ntop cost more than dissecting the message. RFC 5952 4: lower-case
 * hex without leading zeros, the longest run of two or more zero groups
 * (the first of equal runs) as "::", and glibc's dotted form for
 * IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses,
 * so the text equals inet_ntop's. */
#include <string.h>

#include "ndp.h"

static const char hexdig[] = "0123456789abcdef";

static char *put_hex16(char *p, unsigned v)
{
	int shift = 12;

	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*p++ = hexdig[(v >> shift) & 0xf];
	return p;
}

static char *put_dec8(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

size_t ndp_ip6_text(const uint8_t a[16], char out[NDP_IP6_TEXT_LEN])
{
	unsigned w[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	char *p = out;

	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0)
				cur = i, cur_len = 0;
			if (++cur_len > best_len)
				best = cur, best_len = cur_len;
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += best_len - 1;
			continue;
		}
		/* the last 32 bits as a dotted quad */
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			p = put_dec8(p, a[12]);
			*p++ = '.';
			p = put_dec8(p, a[13]);
			*p++ = '.';
			p = put_dec8(p, a[14]);
			*p++ = '.';
			p = put_dec8(p, a[15]);
			break;
		}
		p = put_hex16(p, w[i]);
		if (i < 7)
			*p++ = ':';
	}
	*p = '\0';
	return (size_t)(p - out);
}

size_t ndp_mac_text(const uint8_t m[6], char out[NDP_MAC_TEXT_LEN])
{
	char *p = out;

	for (int i = 0; i < 6; i++) {
		*p++ = hexdig[m[i] >> 4];
		*p++ = hexdig[m[i] & 0xf];
		if (i < 5)
			*p++ = ':';
	}
	*p = '\0';
	return 17;
}
