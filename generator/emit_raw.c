/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Raw ICMPv6 socket output (RFC 3542 advanced sockets API; RFC 4861 needs
 * hop limit 255, set through IPV6_UNICAST_HOPS / IPV6_MULTICAST_HOPS). */
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ndp_emit.h"

struct raw_out {
	int fd;
	unsigned ifindex;
	int hops;               /* last hop limit set, -1 none */
};

struct raw_out *raw_out_open(const char *ifname, int *ret_err, char *err, size_t errlen)
{
	struct raw_out *r;
	struct icmp6_filter filt;
	int one = 1, off = 2, e;

	*ret_err = 0;
	if (!(r = calloc(1, sizeof(*r)))) {
		*ret_err = -ENOMEM;
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return NULL;
	}
	r->hops = -1;
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

int raw_out_send(struct raw_out *r, const uint8_t *icmp, size_t len,
		 const uint8_t src[16], const uint8_t dst[16], int hop_limit)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6 };
	union {
		struct cmsghdr h;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
	struct iovec iov = { .iov_base = (void *)icmp, .iov_len = len };
	struct msghdr mh = {
		.msg_name = &sa, .msg_namelen = sizeof(sa),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	struct in6_pktinfo pi;

	if (hop_limit != r->hops) {
		if (setsockopt(r->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hop_limit, sizeof(hop_limit)) < 0 ||
		    setsockopt(r->fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hop_limit, sizeof(hop_limit)) < 0)
			return -errno;
		r->hops = hop_limit;
	}
	memcpy(&sa.sin6_addr, dst, 16);
	sa.sin6_scope_id = r->ifindex;
	memset(&ctl, 0, sizeof(ctl));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memset(&pi, 0, sizeof(pi));
	memcpy(&pi.ipi6_addr, src, 16);
	pi.ipi6_ifindex = r->ifindex;
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (sendmsg(r->fd, &mh, 0) < 0)
		return -errno;
	return 0;
}

void raw_out_close(struct raw_out *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r);
}
