/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Link-layer output through libnet 1.1 (LIBNET_LINK): whole Ethernet +
 * IPv6 frames built by sockgen, so any source MAC and IPv6 address (e.g.
 * :: for DAD, RFC 4862 5.4.2) can be sent. */
#include <errno.h>
#include <libnet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "live_out.h"

struct link_out {
	libnet_t *l;
};

struct link_out *link_out_open(const char *ifname, int *ret_err, char *err, size_t errlen)
{
	char ebuf[LIBNET_ERRBUF_SIZE] = "";
	struct link_out *o;
	int fd;

	*ret_err = 0;
	if (!if_nametoindex(ifname)) {
		*ret_err = -ENODEV;
		snprintf(err, errlen, "interface '%s' not found", ifname);
		return NULL;
	}
	/* libnet reports a missing privilege as text only: probe for it. */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*ret_err = errno == EPERM || errno == EACCES ? -EPERM : -errno;
		snprintf(err, errlen, "%s", *ret_err == -EPERM ?
			 "needs root or CAP_NET_RAW" : strerror(errno));
		return NULL;
	}
	close(fd);
	if (!(o = calloc(1, sizeof(*o)))) {
		*ret_err = -ENOMEM;
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return NULL;
	}
	o->l = libnet_init(LIBNET_LINK, ifname, ebuf);
	if (!o->l) {
		*ret_err = -EIO;
		snprintf(err, errlen, "libnet: %s", ebuf);
		free(o);
		return NULL;
	}
	return o;
}

int link_out_send(struct link_out *o, const uint8_t *frame, size_t len)
{
	int n;

	if (len > UINT32_MAX)
		return -EMSGSIZE;
	n = libnet_write_link(o->l, frame, (uint32_t)len);
	if (n < 0)
		return errno ? -errno : -EIO;
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

void link_out_close(struct link_out *o)
{
	if (!o)
		return;
	libnet_destroy(o->l);
	free(o);
}
