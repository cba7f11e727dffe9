/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interface lookup for sockgen ndp: MAC from the AF_PACKET entry, IPv6
 * addresses (link-local fe80::/10 per RFC 4291 2.5.6) from getifaddrs. */
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "netif.h"

int netif_get(const char *name, struct netif *ret)
{
	struct ifaddrs *ifa, *i;

	memset(ret, 0, sizeof(*ret));
	ret->index = if_nametoindex(name);
	if (!ret->index)
		return -ENODEV;
	if (getifaddrs(&ifa) < 0)
		return -errno;
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr || strcmp(i->ifa_name, name))
			continue;
		if (i->ifa_addr->sa_family == AF_PACKET) {
			const struct sockaddr_ll *sll = (const struct sockaddr_ll *)i->ifa_addr;

			if (sll->sll_halen == 6) {
				memcpy(ret->mac, sll->sll_addr, 6);
				ret->have_mac = true;
			}
		} else if (i->ifa_addr->sa_family == AF_INET6) {
			const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)i->ifa_addr;
			const uint8_t *a = s6->sin6_addr.s6_addr;

			if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80 && !ret->have_ll) {
				memcpy(ret->ll, a, 16);
				ret->have_ll = true;
			}
			if (ret->n_addrs < NETIF_MAX_ADDRS)
				memcpy(ret->addrs[ret->n_addrs++], a, 16);
		}
	}
	freeifaddrs(ifa);
	return 0;
}
