/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ethernet II + IPv6 (RFC 8200) framing of an ICMPv6 message, multicast
 * MAC mapping (RFC 2464 7) and solicited-node addresses (RFC 4291 2.7.1). */
#ifndef SOCKGEN_FRAME_H
#define SOCKGEN_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_ETH_LEN 14
#define FRAME_IP6_LEN 40
#define FRAME_HDR_LEN (FRAME_ETH_LEN + FRAME_IP6_LEN)
#define FRAME_ETHERTYPE_IPV6 0x86dd
#define FRAME_IPPROTO_ICMPV6 58

/* 33:33 + the low 32 bits of a multicast IPv6 address. */
void frame_mcast_mac(const uint8_t ip6[16], uint8_t mac[6]);
/* ff02::1:ffXX:XXXX of an address. */
void frame_solicited_node(const uint8_t addr[16], uint8_t out[16]);
int frame_is_mcast(const uint8_t ip6[16]);
/* Write the Ethernet and IPv6 headers in front of an ICMPv6 message of
 * icmp_len octets that already sits at buf + FRAME_HDR_LEN. */
void frame_headers(uint8_t *buf, const uint8_t dst_mac[6], const uint8_t src_mac[6],
		   const uint8_t src[16], const uint8_t dst[16], uint8_t hop_limit,
		   size_t icmp_len);
/* Compute and store the ICMPv6 checksum (octets 2-3) with the codec; when
 * bad, store a value that cannot verify. */
void frame_icmp6_checksum(uint8_t *icmp, size_t len, const uint8_t src[16],
			  const uint8_t dst[16], int bad);

#endif
