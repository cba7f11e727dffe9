/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Live ND on one link for sockgen ndp listen, solicit and resolve: every ND
 * message the link brings (a packet socket, so DAD probes and NS to
 * solicited-node groups nobody here joined are seen too), and messages
 * built from a script-style line by the codec. */
#ifndef SOCKGEN_NDP_LINK_H
#define SOCKGEN_NDP_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ndpg.h"
#include "netif.h"

struct ndpg_rx {
	int fd;
};

/* One received ND message: Ethernet and IPv6 header facts, the ICMPv6
 * message (pointing into the caller's buffer). */
struct ndpg_pkt {
	uint8_t src_mac[6], dst_mac[6];
	uint8_t src[16], dst[16];
	int hlim;
	const uint8_t *icmp;
	size_t len;
	bool bad_checksum;
};

/* Open on interface ifindex: 0, or -errno with a text in err (-EPERM: needs
 * root or CAP_NET_RAW). */
int ndpg_rx_open(struct ndpg_rx *rx, unsigned ifindex, char *err, size_t errlen);
/* Wait up to wait_ms (0: do not wait) for the next ND message that came in
 * (our own sends are not): 1 with *ret filled, 0 none in time, -errno. */
int ndpg_rx_recv(struct ndpg_rx *rx, uint8_t *buf, size_t cap, int wait_ms,
		 struct ndpg_pkt *ret);
void ndpg_rx_close(struct ndpg_rx *rx);
/* For listen --watch: every ND frame of the link, our host's own too, and
 * every IPv6 frame starting with an extension header (ND may hide behind
 * it); promisc: all unicast of the link as well. As ndpg_rx_open. */
int ndpg_rx_open_watch(struct ndpg_rx *rx, unsigned ifindex, bool promisc, char *err,
		       size_t errlen);
/* Wait up to wait_ms for the next frame, whole (Ethernet header on): 1
 * with *len octets in buf (at most cap) of *wire_len, 0 none in time,
 * -errno. */
int ndpg_rx_frame(struct ndpg_rx *rx, uint8_t *buf, size_t cap, int wait_ms, size_t *len,
		  size_t *wire_len);

/* NULL when a received message is valid, else why RFC 4861 6.1.1, 6.1.2,
 * 7.1.1, 7.1.2 or 8.1 (or a bad checksum) has receivers drop it; r is what
 * ndp_msg_parse() returned for it. */
const char *ndpg_nd_invalid(const struct ndp_msg *msg, int r, const struct ndpg_pkt *pk);

/* Build message m from a script-style line ("na --target ... --flags S,O")
 * with the defaults of interface ni; errors say ctx. Exit code: 0 or 2. */
int ndpg_line_msg(struct ndpg_msg *m, const char *ctx, const char *line,
		  const struct netif *ni);

/* Milliseconds since an arbitrary start (CLOCK_MONOTONIC). */
long long ndpg_now_ms(void);

/* Link-local fe80::/10 (RFC 4291 2.5.6); the unspecified :: (2.5.2). */
bool ndpg_is_ll(const uint8_t a[16]);
bool ndpg_is_unspec(const uint8_t a[16]);

#endif
