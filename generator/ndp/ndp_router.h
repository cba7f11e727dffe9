/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp router: an advertising interface (RFC 4861 6.2) configured
 * by a radvd.conf interface block. */
#ifndef SOCKGEN_NDP_ROUTER_H
#define SOCKGEN_NDP_ROUTER_H

#include <stdbool.h>

#include "ndp_radvconf.h"
#include "ndpg.h"

/* The Router Advertisement interface block f describes, from the link's
 * link-local address and MAC, to all-nodes. final: the one a router sends
 * when it stops advertising (RFC 4861 6.2.5: router lifetime 0; radvd's
 * RemoveRoute, FlushRDNSS and FlushDNSSL zero those lifetimes too,
 * DeprecatePrefix the preferred one, with the valid one cut to 2 hours). Options in radvd's order: prefixes, routes, RDNSS,
 * DNSSL, MTU, source LLA, advertisement interval, home agent information,
 * ABRO, then PREF64 and captive portal. m as for ndpg_msg_init(). 0, or 2
 * after printing a message under ctx. */
int ndpg_router_ra(struct ndpg_msg *m, const char *ctx, const struct radvconf_iface *f,
		   const struct ndpg_link *link, bool final);

int cmd_ndp_router(int argc, char **argv);

#endif
