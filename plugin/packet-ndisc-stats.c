/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc statistics: the "ndisc" tap and its stats_tree (tshark -z ndisc,tree,
 * Statistics menu): messages and options by type, routers with their
 * prefixes, DAD probes and conflicts, duplicate addresses, security
 * findings (packet-ndisc-security.c) by kind. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stats_tree.h>

#include "packet-ndisc-stats.h"
#include "ndp.h"

static int ndisc_tap = -1;

static int st_msgs = -1;
static int st_opts = -1;
static int st_routers = -1;
static int st_dad = -1;
static int st_dup = -1;
static int st_sec = -1;

/* NDISC_SEC_* bit i */
static const char *const sec_names[NDISC_SEC_KINDS] = {
	"ND in fragmented packets (RFC 6980)",
	"ND behind extension headers (RFC 7113)",
	"Address-to-MAC binding changes",
	"Rogue routers",
	"Routers not in the known list",
	"Spoofed router lifetime 0",
	"DAD denial of service",
	"Redirects not from the first-hop router",
	"RA flood",
	"NS flood",
};

/* "Inverse ND Solicitation": the codec table's short name */
static const char *
msg_name(uint8_t type)
{
	const struct ndp_msg_desc *d = ndp_msg_desc_get(type);

	return d ? d->short_name : "Other";
}

static void
stats_init(stats_tree *st)
{
	st_msgs = stats_tree_create_node(st, "Messages by type", 0, STAT_DT_INT, true);
	st_opts = stats_tree_create_node(st, "Options by type", 0, STAT_DT_INT, true);
	st_routers = stats_tree_create_node(st, "Routers", 0, STAT_DT_INT, true);
	st_dad = stats_tree_create_node(st, "DAD", 0, STAT_DT_INT, true);
	st_dup = stats_tree_create_node(st, "Duplicate addresses", 0, STAT_DT_INT, true);
	st_sec = stats_tree_create_node(st, "Security", 0, STAT_DT_INT, true);
}

static tap_packet_status
stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
	     const void *data, tap_flags_t flags _U_)
{
	const struct ndisc_pkt *pkt = data;
	wmem_allocator_t *pool = pinfo->pool;
	unsigned i;

	tick_stat_node(st, "Messages by type", 0, true);
	tick_stat_node(st, msg_name(pkt->type), st_msgs, false);
	for (i = 0; i < pkt->n_opts; i++) {
		tick_stat_node(st, "Options by type", 0, true);
		tick_stat_node(st, wmem_strdup_printf(pool, "%s (%u)",
						      ndisc_opt_name(pkt->opt_types[i]),
						      pkt->opt_types[i]),
			       st_opts, false);
	}
	if (pkt->type == NDP_RA && pkt->has_src) {
		int r;
		tick_stat_node(st, "Routers", 0, true);
		r = tick_stat_node(st, ndisc_ip6_str(pool, pkt->src), st_routers, true);
		for (i = 0; i < pkt->n_prefixes; i++)
			tick_stat_node(st, wmem_strdup_printf(pool, "%s/%u",
							      ndisc_ip6_str(pool, pkt->prefixes[i].addr),
							      pkt->prefixes[i].len),
				       r, false);
	}
	if (pkt->dad_probe) {
		tick_stat_node(st, "DAD", 0, true);
		tick_stat_node(st, "Probes", st_dad, false);
	}
	if (pkt->dad_conflict) {
		tick_stat_node(st, "DAD", 0, true);
		tick_stat_node(st, "Conflicts", st_dad, false);
	}
	if (pkt->dup_addr) {
		const uint8_t *a = pkt->type == NDP_NA ? pkt->target : pkt->src;
		tick_stat_node(st, "Duplicate addresses", 0, true);
		tick_stat_node(st, ndisc_ip6_str(pool, a), st_dup, false);
	}
	if (pkt->sec) {
		tick_stat_node(st, "Security", 0, true);
		for (i = 0; i < NDISC_SEC_KINDS; i++)
			if (pkt->sec & (1u << i))
				tick_stat_node(st, sec_names[i], st_sec, false);
	}
	return TAP_PACKET_REDRAW;
}

void
ndisc_stats_register(void)
{
	ndisc_tap = register_tap("ndisc");
	stats_tree_register_plugin("ndisc", "ndisc", "IPv6 Neighbor Discovery", 0,
				   stats_packet, stats_init, NULL);
}

void
ndisc_stats_tap(packet_info *pinfo, struct ndisc_pkt *pkt)
{
	if (have_tap_listener(ndisc_tap))
		tap_queue_packet(ndisc_tap, pinfo, pkt);
}
