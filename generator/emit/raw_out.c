/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Raw ICMPv6 socket output (RFC 3542 advanced sockets API; RFC 4861 needs
 * hop limit 255, set through IPV6_UNICAST_HOPS / IPV6_MULTICAST_HOPS). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* sendmmsg() */
#endif
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "raw_out_burst.h"
#include "live_out.h"

/* Everything a send needs except the bytes is prepared once and patched
 * only when the source, destination or hop limit changes: a --count run
 * sends the same message over and over, so the per-packet path is the
 * system call and nothing else. */
struct raw_out {
	int fd;
	unsigned ifindex;
	int hops;               /* last hop limit set, -1 none */
	int bound;              /* 1 bound to a source, -1 bind refused, 0 not tried */
	uint8_t bound_src[16];
	int use_ctl;            /* the entries carry IPV6_PKTINFO */
	struct sockaddr_in6 sa; /* destination, scope = our interface */
	struct in6_pktinfo pi;  /* source + interface (IPV6_PKTINFO) */
	struct iovec iov;
	struct mmsghdr mm[RAW_OUT_BURST];       /* mm[0].msg_hdr is the single send */
	/* last: struct cmsghdr ends in a flexible array member */
	union {
		struct cmsghdr h;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
};

struct raw_out *raw_out_open(const char *ifname, int *ret_err, char *err, size_t errlen)
{
	struct raw_out *r;
	struct icmp6_filter filt;
	struct cmsghdr *c;
	int one = 1, off = 2, e;

	*ret_err = 0;
	if (!(r = calloc(1, sizeof(*r)))) {
		*ret_err = -ENOMEM;
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return NULL;
	}
	r->hops = -1;
	r->use_ctl = 1;
	r->ifindex = if_nametoindex(ifname);
	if (!r->ifindex) {
		*ret_err = -ENODEV;
		snprintf(err, errlen, "interface '%s' not found", ifname);
		free(r);
		return NULL;
	}
	r->fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (r->fd < 0) {
		e = errno;
		*ret_err = -e;
		snprintf(err, errlen, "%s", e == EPERM || e == EACCES ?
			 "needs root or CAP_NET_RAW" : strerror(e));
		if (e == EACCES)
			*ret_err = -EPERM;
		free(r);
		return NULL;
	}
	/* RFC 3542 3.1: the kernel computes the ICMPv6 checksum at offset 2.
	 * Linux always does so for ICMPv6 and refuses the option (EINVAL), so
	 * only a different error is a failure. */
	if (setsockopt(r->fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off)) < 0 &&
	    errno != EINVAL)
		goto fail;
	/* We only send: keep incoming ICMPv6 off this socket's queue. */
	ICMP6_FILTER_SETBLOCKALL(&filt);
	if (setsockopt(r->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof(filt)) < 0)
		goto fail;
	if (setsockopt(r->fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) < 0)
		goto fail;
	if (setsockopt(r->fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &r->ifindex, sizeof(r->ifindex)) < 0)
		goto fail;
	/* Any source address given with IPV6_PKTINFO, even one not (yet)
	 * configured; best effort on kernels without IPV6_FREEBIND. */
#ifdef IPV6_FREEBIND
	(void)setsockopt(r->fd, IPPROTO_IPV6, IPV6_FREEBIND, &one, sizeof(one));
#else
	(void)one;
#endif
	/* The message header template: destination and IPV6_PKTINFO are
	 * filled in by the first send, which also decides whether the control
	 * block is passed at all. */
	r->sa.sin6_family = AF_INET6;
	r->sa.sin6_scope_id = r->ifindex;
	r->pi.ipi6_ifindex = r->ifindex;
	for (unsigned i = 0; i < RAW_OUT_BURST; i++) {
		struct msghdr *mh = &r->mm[i].msg_hdr;

		mh->msg_name = &r->sa;
		mh->msg_namelen = sizeof(r->sa);
		mh->msg_iov = &r->iov;
		mh->msg_iovlen = 1;
		mh->msg_control = r->ctl.buf;
		mh->msg_controllen = sizeof(r->ctl.buf);
	}
	c = &r->ctl.h;
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(r->pi));
	memcpy(CMSG_DATA(c), &r->pi, sizeof(r->pi));
	return r;
fail:
	e = errno;
	*ret_err = e == EPERM ? -EPERM : -e;
	snprintf(err, errlen, "%s", e == EPERM ? "needs root or CAP_NET_RAW" : strerror(e));
	close(r->fd);
	free(r);
	return NULL;
}

int raw_out_fd(const struct raw_out *r)
{
	return r->fd;
}

/* Point the template at this message: 0 or -errno (hop limit). */
static int prepare(struct raw_out *r, const uint8_t *icmp, size_t len,
		   const uint8_t src[16], const uint8_t dst[16], int hop_limit)
{
	if (hop_limit != r->hops) {
		if (setsockopt(r->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hop_limit, sizeof(hop_limit)) < 0 ||
		    setsockopt(r->fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hop_limit, sizeof(hop_limit)) < 0)
			return -errno;
		r->hops = hop_limit;
	}
	if (memcmp(&r->sa.sin6_addr, dst, 16))
		memcpy(&r->sa.sin6_addr, dst, 16);
	/* The first source is bound to the socket (IPV6_FREEBIND allows any),
	 * so sending from it needs no ancillary data, which the kernel would
	 * parse for every packet; another source goes in IPV6_PKTINFO. */
	if (!r->bound) {
		struct sockaddr_in6 b = {
			.sin6_family = AF_INET6, .sin6_scope_id = r->ifindex,
		};

		memcpy(&b.sin6_addr, src, 16);
		r->bound = !IN6_IS_ADDR_UNSPECIFIED(&b.sin6_addr) &&
			   bind(r->fd, (struct sockaddr *)&b, sizeof(b)) == 0 ? 1 : -1;
		if (r->bound > 0)
			memcpy(r->bound_src, src, 16);
	}
	if (memcmp(&r->pi.ipi6_addr, src, 16)) {
		memcpy(&r->pi.ipi6_addr, src, 16);
		memcpy(CMSG_DATA(&r->ctl.h), &r->pi, sizeof(r->pi));
	}
	{
		int want = r->bound < 0 || memcmp(r->bound_src, src, 16);

		if (want != r->use_ctl) {
			for (unsigned i = 0; i < RAW_OUT_BURST; i++)
				r->mm[i].msg_hdr.msg_controllen = want ? sizeof(r->ctl.buf) : 0;
			r->use_ctl = want;
		}
	}
	r->iov.iov_base = (void *)icmp;
	r->iov.iov_len = len;
	return 0;
}

int raw_out_send(struct raw_out *r, const uint8_t *icmp, size_t len,
		 const uint8_t src[16], const uint8_t dst[16], int hop_limit)
{
	int e = prepare(r, icmp, len, src, dst, hop_limit);

	if (e < 0)
		return e;
	if (sendmsg(r->fd, &r->mm[0].msg_hdr, 0) < 0)
		return -errno;
	return 0;
}

long raw_out_send_burst(struct raw_out *r, const uint8_t *icmp, size_t len,
			const uint8_t src[16], const uint8_t dst[16], int hop_limit,
			unsigned long n)
{
	unsigned long sent = 0;
	int e = prepare(r, icmp, len, src, dst, hop_limit);

	if (e < 0)
		return e;
	/* Every entry shares one name, iovec and control block: the kernel
	 * only reads them, and sendmmsg() skips re-checking a destination
	 * that equals the previous entry's. */
	while (sent < n) {
		unsigned k = n - sent < RAW_OUT_BURST ? (unsigned)(n - sent) : RAW_OUT_BURST;
		int got = sendmmsg(r->fd, r->mm, k, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return sent ? (long)sent : -errno;
		}
		/* A short count means entry got failed: the next call starts
		 * with it and reports the error if it persists. */
		sent += (unsigned long)got;
	}
	return (long)sent;
}

void raw_out_close(struct raw_out *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r);
}
