/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interface facts sockgen ndp needs: index, MAC, link-local and global
 * IPv6 addresses (getifaddrs, AF_PACKET / AF_INET6 entries). */
#ifndef SOCKGEN_NETIF_H
#define SOCKGEN_NETIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETIF_MAX_ADDRS 16

struct netif {
	unsigned index;
	uint8_t mac[6];
	bool have_mac;
	uint8_t ll[16];
	bool have_ll;
	size_t n_addrs;                 /* every IPv6 address, link-local too */
	uint8_t addrs[NETIF_MAX_ADDRS][16];
};

/* 0, -ENODEV when there is no such interface, other -errno. */
int netif_get(const char *name, struct netif *ret);

#endif
