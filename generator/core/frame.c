/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ethernet II + IPv6 (RFC 8200) framing of ICMPv6 messages; multicast MAC
 * mapping per RFC 2464 7; ICMPv6 checksum by the codec (RFC 4443 2.3). */
#include <string.h>

#include "frame.h"
#include "ndp.h"

void frame_mcast_mac(const uint8_t ip6[16], uint8_t mac[6])
{
	mac[0] = 0x33;
	mac[1] = 0x33;
	memcpy(mac + 2, ip6 + 12, 4);
}

void frame_solicited_node(const uint8_t addr[16], uint8_t out[16])
{
	static const uint8_t base[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff };

	memcpy(out, base, sizeof(base));
	memcpy(out + 13, addr + 13, 3);
}

int frame_is_mcast(const uint8_t ip6[16])
{
	return ip6[0] == 0xff;
}

void frame_headers(uint8_t *buf, const uint8_t dst_mac[6], const uint8_t src_mac[6],
		   const uint8_t src[16], const uint8_t dst[16], uint8_t hop_limit,
		   size_t icmp_len)
{
	uint8_t *ip = buf + FRAME_ETH_LEN;

	memcpy(buf, dst_mac, 6);
	memcpy(buf + 6, src_mac, 6);
	buf[12] = FRAME_ETHERTYPE_IPV6 >> 8;
	buf[13] = FRAME_ETHERTYPE_IPV6 & 0xff;
	/* version 6, traffic class 0, flow label 0 */
	ip[0] = 0x60;
	ip[1] = ip[2] = ip[3] = 0;
	ip[4] = (uint8_t)(icmp_len >> 8);
	ip[5] = (uint8_t)icmp_len;
	ip[6] = FRAME_IPPROTO_ICMPV6;
	ip[7] = hop_limit;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
}

void frame_icmp6_checksum(uint8_t *icmp, size_t len, const uint8_t src[16],
			  const uint8_t dst[16], int bad)
{
	uint16_t c;

	icmp[2] = icmp[3] = 0;
	c = ndp_checksum(src, dst, icmp, len);
	/* Flipping the low bit always changes the one's-complement sum, even
	 * for 0x0000/0xffff, so the result never verifies. */
	if (bad)
		c ^= 1;
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
}
