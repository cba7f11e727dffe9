/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Live outputs of sockgen ndp: a kernel raw ICMPv6 socket (RFC 3542) and
 * libnet's link layer (our own Ethernet + IPv6 frames). */
#ifndef SOCKGEN_LIVE_OUT_H
#define SOCKGEN_LIVE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Open errors: -EPERM (needs root or CAP_NET_RAW), -ENODEV (no such
 * interface), other -errno with a text in err. */
struct raw_out;
struct raw_out *raw_out_open(const char *ifname, int *ret_err, char *err, size_t errlen);
/* Send one ICMPv6 message; the kernel adds the IPv6 header and checksum.
 * src is set with IPV6_PKTINFO (IPV6_FREEBIND lets it be any address). */
int raw_out_send(struct raw_out *r, const uint8_t *icmp, size_t len,
		 const uint8_t src[16], const uint8_t dst[16], int hop_limit);
void raw_out_close(struct raw_out *r);
/* The socket, for benchmarks comparing against a bare sendto() loop. */
int raw_out_fd(const struct raw_out *r);

struct link_out;
struct link_out *link_out_open(const char *ifname, int *ret_err, char *err, size_t errlen);
int link_out_send(struct link_out *l, const uint8_t *frame, size_t len);
void link_out_close(struct link_out *l);

#endif
