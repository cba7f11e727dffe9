/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Live ND on one link: a packet socket with a classic BPF filter for IPv6
 * frames carrying ICMPv6 ND types (RFC 4861 4, RFC 3122, RFC 3971) and all
 * multicast of the link (PACKET_MR_ALLMULTI), so a DAD probe (RFC 4862 5.4)
 * or an NS to any solicited-node group (RFC 4861 7.2.2) is seen without
 * joining its group; checksums verified with the codec (RFC 8200 8.1). */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "ndp_link.h"
#include "ndp_script.h"
#include "sockgen.h"

/* Ethernet (14) + IPv6 (40): the ICMPv6 type octet; only ND messages right
 * after the IPv6 header (extension headers in front of ND are rare and
 * not looked into). */
#define OFF_NH (FRAME_ETH_LEN + 6)
#define OFF_TYPE FRAME_HDR_LEN


static int rx_fail(struct ndpg_rx *rx, char *err, size_t errlen)
{
	int e = errno;

	snprintf(err, errlen, "%s", e == EPERM || e == EACCES ?
		 "needs root or CAP_NET_RAW" : strerror(e));
	if (rx->fd >= 0)
		close(rx->fd);
	rx->fd = -1;
	return e == EACCES ? -EPERM : -e;
}

/* One program, two entry points. From the top (listen --watch): also
 * every IPv6 frame whose first next header is an extension header
 * (hop-by-hop 0, routing 43, fragment 44, destination options 60): ND
 * behind them (RA-Guard evasion, RFC 7113) is what the plugin's analysis
 * looks for. From ND_ONLY (every other receiver): ND messages right after
 * the IPv6 header. Jumps only go forward, so the tail is a whole program. */
#define ND_ONLY 7
static const struct sock_filter nd_filter[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FRAME_ETHERTYPE_IPV6, 0, 17),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, OFF_NH),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 14, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 43, 13, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 44, 12, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 60, 11, 0),
	/* ND_ONLY */
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FRAME_ETHERTYPE_IPV6, 0, 10),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, OFF_NH),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FRAME_IPPROTO_ICMPV6, 0, 8),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, OFF_TYPE),
	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, NDP_RS, 0, 6),
	BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, NDP_REDIRECT, 0, 4),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NDP_IND_SOL, 3, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NDP_IND_ADV, 2, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NDP_CPS, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NDP_CPA, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};
#define ND_FILTER_LEN (sizeof(nd_filter) / sizeof(nd_filter[0]))

static int rx_open(struct ndpg_rx *rx, unsigned ifindex, const struct sock_filter *f, size_t n,
		   int mr_type, char *err, size_t errlen)
{
	struct sock_fprog prog = { .len = (unsigned short)n, .filter = (struct sock_filter *)f };
	struct packet_mreq mr = { .mr_ifindex = (int)ifindex, .mr_type = (unsigned short)mr_type };
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IPV6),
		.sll_ifindex = (int)ifindex,
	};
	int one = 1;

	/* Protocol 0 until the filter is attached and the socket bound to
	 * one interface: nothing else queues up in between. */
	rx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (rx->fd < 0)
		return rx_fail(rx, err, errlen);
	if (setsockopt(rx->fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0 ||
	    setsockopt(rx->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) < 0 ||
	    bind(rx->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(rx->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0)
		return rx_fail(rx, err, errlen);
	return 0;
}

int ndpg_rx_open(struct ndpg_rx *rx, unsigned ifindex, char *err, size_t errlen)
{
	return rx_open(rx, ifindex, nd_filter + ND_ONLY, ND_FILTER_LEN - ND_ONLY, PACKET_MR_ALLMULTI,
		       err, errlen);
}

int ndpg_rx_open_watch(struct ndpg_rx *rx, unsigned ifindex, bool promisc, char *err,
		       size_t errlen)
{
	return rx_open(rx, ifindex, nd_filter, ND_FILTER_LEN,
		       promisc ? PACKET_MR_PROMISC : PACKET_MR_ALLMULTI, err, errlen);
}

int ndpg_rx_frame(struct ndpg_rx *rx, uint8_t *buf, size_t cap, int wait_ms, size_t *len,
		  size_t *wire_len)
{
	struct pollfd pfd = { .fd = rx->fd, .events = POLLIN };
	ssize_t n;
	int p;

	for (;;) {
		p = poll(&pfd, 1, wait_ms);
		if (p < 0)
			return errno == EINTR ? 0 : -errno;
		if (p == 0)
			return 0;
		/* MSG_TRUNC: the frame's own length even when cut to cap */
		n = recv(rx->fd, buf, cap, MSG_DONTWAIT | MSG_TRUNC);
		if (n >= 0)
			break;
		if (errno != EINTR && errno != EAGAIN)
			return -errno;
	}
	*wire_len = (size_t)n;
	*len = (size_t)n < cap ? (size_t)n : cap;
	return 1;
}

void ndpg_rx_close(struct ndpg_rx *rx)
{
	if (rx->fd >= 0)
		close(rx->fd);
	rx->fd = -1;
}

/* The checksum of a frame the kernel handed over before computing it
 * (offloaded on this host) cannot be checked: TP_STATUS_CSUMNOTREADY. */
static bool csum_not_ready(struct msghdr *mh)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		struct tpacket_auxdata aux;

		if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA ||
		    c->cmsg_len < CMSG_LEN(sizeof(aux)))
			continue;
		memcpy(&aux, CMSG_DATA(c), sizeof(aux));
		return aux.tp_status & TP_STATUS_CSUMNOTREADY;
	}
	return false;
}

/* Fill *ret from a frame of n octets: 1, or 0 when it is not one to show. */
static int frame_to_pkt(const uint8_t *buf, size_t n, bool csum_unknown, struct ndpg_pkt *ret)
{
	size_t plen;

	if (n < FRAME_HDR_LEN + 4 || (buf[FRAME_ETH_LEN] >> 4) != 6)
		return 0;
	plen = (size_t)buf[FRAME_ETH_LEN + 4] << 8 | buf[FRAME_ETH_LEN + 5];
	if (plen < 4 || plen > n - FRAME_HDR_LEN)
		return 0;               /* truncated: Ethernet padding is fine */
	memcpy(ret->dst_mac, buf, 6);
	memcpy(ret->src_mac, buf + 6, 6);
	memcpy(ret->src, buf + FRAME_ETH_LEN + 8, 16);
	memcpy(ret->dst, buf + FRAME_ETH_LEN + 24, 16);
	ret->hlim = buf[FRAME_ETH_LEN + 7];
	ret->icmp = buf + FRAME_HDR_LEN;
	ret->len = plen;
	ret->bad_checksum = !csum_unknown && ndp_checksum(ret->src, ret->dst, ret->icmp, plen) != 0;
	return 1;
}

int ndpg_rx_recv(struct ndpg_rx *rx, uint8_t *buf, size_t cap, int wait_ms,
		 struct ndpg_pkt *ret)
{
	long long end = ndpg_now_ms() + wait_ms;

	for (;;) {
		union {
			struct cmsghdr h;
			uint8_t b[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
		} ctl;
		struct sockaddr_ll from;
		struct iovec iov = { .iov_base = buf, .iov_len = cap };
		struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from),
				     .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
		struct pollfd pfd = { .fd = rx->fd, .events = POLLIN };
		long long left = end - ndpg_now_ms();
		ssize_t n;
		int p;

		p = poll(&pfd, 1, left > 0 ? (int)left : 0);
		if (p < 0)
			return errno == EINTR ? 0 : -errno;
		if (p == 0)
			return 0;
		n = recvmsg(rx->fd, &mh, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		/* Our own sends, and unicast for other hosts (a link that
		 * does not filter, like veth), are not ours to show. */
		if (from.sll_pkttype == PACKET_OUTGOING || from.sll_pkttype == PACKET_OTHERHOST)
			continue;
		if (frame_to_pkt(buf, (size_t)n, csum_not_ready(&mh), ret))
			return 1;
	}
}

static bool has_opt(const struct ndp_msg *msg, uint8_t type)
{
	for (size_t i = 0; i < msg->n_opts; i++)
		if (msg->opts[i].type == type)
			return true;
	return false;
}

const char *ndpg_nd_invalid(const struct ndp_msg *msg, int r, const struct ndpg_pkt *pk)
{
	uint8_t sol[16];

	if (pk->bad_checksum)
		return "bad checksum";
	if (pk->hlim != 255)
		return "hop limit is not 255";
	if (msg->code != 0)
		return "code is not 0";
	if (pk->len < ndp_msg_fixed_len(msg->type))
		return "shorter than the fixed part";
	if (r < 0)
		return "malformed option (length 0 or past the end)";
	switch (msg->type) {
	case NDP_RS:
		/* 6.1.1: from :: no SLLA */
		if (ndpg_is_unspec(pk->src) && has_opt(msg, NDP_OPT_SLLA))
			return "RS from :: with a source link-layer address";
		break;
	case NDP_RA:
		if (!ndpg_is_ll(pk->src))       /* 6.1.2 */
			return "RA source is not link-local";
		break;
	case NDP_NS:                            /* 7.1.1 */
		if (frame_is_mcast(msg->h.ns.target))
			return "NS target is multicast";
		if (ndpg_is_unspec(pk->src)) {
			frame_solicited_node(msg->h.ns.target, sol);
			if (memcmp(pk->dst, sol, 16))
				return "NS from :: not to the solicited-node address";
			if (has_opt(msg, NDP_OPT_SLLA))
				return "NS from :: with a source link-layer address";
		}
		break;
	case NDP_NA:                            /* 7.1.2 */
		if (frame_is_mcast(msg->h.na.target))
			return "NA target is multicast";
		if (frame_is_mcast(pk->dst) && msg->h.na.flag_s)
			return "NA to multicast with the S flag";
		break;
	case NDP_REDIRECT:                      /* 8.1 */
		if (!ndpg_is_ll(pk->src))
			return "redirect source is not link-local";
		if (frame_is_mcast(msg->h.redirect.destination))
			return "redirect destination is multicast";
		break;
	default:
		break;
	}
	return NULL;
}

int ndpg_line_msg(struct ndpg_msg *m, const char *ctx, const char *line,
		  const struct netif *ni)
{
	char buf[2048], *words[256];
	const char *why;
	struct ndpg_run run = { 0 };
	struct ndpg_link link = { .have_ll = ni->have_ll };
	int n, r;

	snprintf(buf, sizeof(buf), "%s", line);
	n = ndpg_split_line(buf, words, 256, &why);
	if (n <= 0)
		return sg_usage(ctx, "'%s': %s", line, why ? why : "empty");
	if (ndpg_msg_init(m, ndpg_verb_find(words[0])) < 0)
		return sg_fail(ctx, "%s", strerror(ENOMEM));
	snprintf(m->ctx, sizeof(m->ctx), "%s", ctx);
	r = ndpg_msg_args(m, &run, n, words, true);
	if (r)
		return r < 0 ? SG_EXIT_USAGE : r;
	memcpy(link.mac, ni->mac, 6);
	memcpy(link.ll, ni->ll, 16);
	return ndpg_msg_finish(m, &link);
}

long long ndpg_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool ndpg_is_unspec(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return !memcmp(a, zero, 16);
}

bool ndpg_is_ll(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}
