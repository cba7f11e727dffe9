/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: the "vsockmon" tap, conversation and endpoint tables
 * (-z conv,vsockmon / -z endpoints,vsockmon), Follow Stream
 * (-z follow,vsockmon,...) and the statistics tree (-z vsockmon,tree). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/conversation_table.h>
#include <epan/follow.h>
#include <epan/stats_tree.h>
#include <epan/to_str.h>
#include <wsutil/pint.h>

#include "packet-vsockmon-stats.h"
#include "packet-vsockmon-analysis.h"
#include "packet-vsockmon-apps.h"
#include "vsockmon.h"

static int vsmon_tap_id = -1;

void vsmon_tap(packet_info *pinfo, const vsmon_pkt_t *p, const vsmon_frame_t *f)
{
	if (!have_tap_listener(vsmon_tap_id))
		return;
	vsmon_tap_t *t = wmem_new0(pinfo->pool, vsmon_tap_t);
	/* CID:port, so the text tables (which print no port column) still
	 * tell the connections of one pair of CIDs apart. */
	vsmon_set_address(&t->src, pinfo->pool, p->src_cid, true, p->src_port);
	vsmon_set_address(&t->dst, pinfo->pool, p->dst_cid, true, p->dst_port);
	t->src_port = p->src_port;
	t->dst_port = p->dst_port;
	t->has_virtio = p->has_virtio;
	t->op = p->op;
	t->type = p->type;
	t->payload_len = p->op == VSOCK_VIRTIO_OP_RW ? p->len : 0;
	if (f) {
		t->has_stream = true;
		t->stream = f->conn->stream;
		t->flags = f->flags;
		t->outcome = f->conn->outcome;
		t->conn = f->conn;
	}
	tap_queue_packet(vsmon_tap_id, pinfo, t);
}

/* ---- conversation and endpoint tables ---- */

static const char *conv_filter_type(conv_item_t *conv, conv_filter_type_e ft)
{
	/* Addresses are "CID:port", which no single field holds: filter by
	 * port (the GUI adds the stream for exact matches). */
	if (conv->src_address.type != vsmon_at_cid)
		return CONV_FILTER_INVALID;
	switch (ft) {
	case CONV_FT_SRC_PORT: return "vsockmon.src_port";
	case CONV_FT_DST_PORT: return "vsockmon.dst_port";
	case CONV_FT_ANY_PORT: return "vsockmon.port";
	default: return CONV_FILTER_INVALID;
	}
}

static const char *endp_filter_type(endpoint_item_t *e, conv_filter_type_e ft)
{
	if (e->myaddress.type != vsmon_at_cid)
		return CONV_FILTER_INVALID;
	switch (ft) {
	case CONV_FT_SRC_PORT:
	case CONV_FT_DST_PORT:
	case CONV_FT_ANY_PORT: return "vsockmon.port";
	default: return CONV_FILTER_INVALID;
	}
}

static ct_dissector_info_t conv_info = { &conv_filter_type };
static et_dissector_info_t endp_info = { &endp_filter_type };

/* The connection's server (the side that answered its REQUEST) with the
 * stream index, which names the application protocol once a heuristic has
 * found one: the same address for every packet of the connection, so that
 * the row does not split when the protocol is found mid-way. */
static const address *conv_address(packet_info *pinfo, const vsmon_tap_t *t, const address *a,
				   uint32_t port, address *out)
{
	const vsmon_conn_t *c = t->conn;

	if (!c || a->len < 12 || pletohu64((const uint8_t *)a->data) != c->ep[1].cid || port != c->ep[1].port)
		return a;
	vsmon_set_server_address(out, pinfo->pool, c->ep[1].cid, port, c->stream);
	return out;
}

static tap_packet_status conv_packet(void *pct, packet_info *pinfo, epan_dissect_t *edt _U_, const void *vip,
				     tap_flags_t flags)
{
	conv_hash_t *hash = (conv_hash_t *)pct;
	const vsmon_tap_t *t = (const vsmon_tap_t *)vip;
	address src, dst;

	hash->flags = flags;
	add_conversation_table_data_with_conv_id(hash, conv_address(pinfo, t, &t->src, t->src_port, &src),
						 conv_address(pinfo, t, &t->dst, t->dst_port, &dst),
						 t->src_port, t->dst_port,
						 (conv_id_t)(t->has_stream ? t->stream : CONV_ID_UNSET), 1,
						 pinfo->fd->pkt_len, &pinfo->rel_ts, &pinfo->abs_ts,
						 &conv_info, CONVERSATION_NONE);
	return TAP_PACKET_REDRAW;
}

static tap_packet_status endp_packet(void *pit, packet_info *pinfo, epan_dissect_t *edt _U_, const void *vip,
				     tap_flags_t flags)
{
	conv_hash_t *hash = (conv_hash_t *)pit;
	const vsmon_tap_t *t = (const vsmon_tap_t *)vip;
	hash->flags = flags;
	add_endpoint_table_data(hash, &t->src, t->src_port, true, 1, pinfo->fd->pkt_len, &endp_info, ENDPOINT_NONE);
	add_endpoint_table_data(hash, &t->dst, t->dst_port, false, 1, pinfo->fd->pkt_len, &endp_info, ENDPOINT_NONE);
	return TAP_PACKET_REDRAW;
}

/* ---- Follow Stream (payload queued by packet-vsockmon-payload.c) ---- */

static char *follow_conv_filter(epan_dissect_t *edt _U_, packet_info *pinfo, unsigned *stream, unsigned *sub_stream _U_)
{
	if (!vsmon_frame_stream(pinfo->num, stream))
		return NULL;
	return g_strdup_printf("vsockmon.stream eq %u", *stream);
}

static char *follow_index_filter(unsigned stream, unsigned sub_stream _U_)
{
	return g_strdup_printf("vsockmon.stream eq %u", stream);
}

static char *follow_address_filter(address *src, address *dst, int src_port, int dst_port)
{
	uint64_t a = 0, b = 0;
	if (src->len >= 8)
		a = pletohu64(src->data);
	if (dst->len >= 8)
		b = pletohu64(dst->data);
	return g_strdup_printf("((vsockmon.src_cid eq %" G_GUINT64_FORMAT " and vsockmon.src_port eq %d and "
			       "vsockmon.dst_cid eq %" G_GUINT64_FORMAT " and vsockmon.dst_port eq %d) or "
			       "(vsockmon.src_cid eq %" G_GUINT64_FORMAT " and vsockmon.src_port eq %d and "
			       "vsockmon.dst_cid eq %" G_GUINT64_FORMAT " and vsockmon.dst_port eq %d))",
			       a, src_port, b, dst_port, b, dst_port, a, src_port);
}

/* Follow prints "address:port": give it the CID-only addresses. */
static tap_packet_status follow_tap_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
					   const void *data, tap_flags_t flags)
{
	address src = pinfo->src, dst = pinfo->dst;
	pinfo->src = pinfo->net_src;
	pinfo->dst = pinfo->net_dst;
	tap_packet_status st = follow_tvb_tap_listener(tapdata, pinfo, edt, data, flags);
	pinfo->src = src;
	pinfo->dst = dst;
	return st;
}

static char *follow_port_to_display(wmem_allocator_t *allocator, unsigned port)
{
	return wmem_strdup_printf(allocator, "%u", port);
}

/* ---- statistics tree ---- */

static const char *st_packets = "vsockmon packets";
static const char *st_by_op = "By op";
static const char *st_by_type = "By type";
static const char *st_conns = "Connections";
static const char *st_bytes = "Payload bytes by direction";
static const char *st_events = "Events";
static const char *st_apps = "Connections by application protocol";
static const char *st_app_bytes = "Payload bytes by application protocol";
static int st_node_packets = -1, st_node_op = -1, st_node_type = -1, st_node_conns = -1;
static int st_node_bytes = -1, st_node_events = -1, st_node_apps = -1, st_node_app_bytes = -1;
static const char *st_still_open = "still open at the end of the capture";
static int st_open;

static void st_init(stats_tree *st)
{
	st_node_packets = stats_tree_create_node(st, st_packets, 0, STAT_DT_INT, true);
	st_node_op = stats_tree_create_node(st, st_by_op, st_node_packets, STAT_DT_INT, true);
	st_node_type = stats_tree_create_node(st, st_by_type, st_node_packets, STAT_DT_INT, true);
	st_node_conns = stats_tree_create_node(st, st_conns, 0, STAT_DT_INT, true);
	st_open = 0;
	for (const value_string *o = vsmon_outcome_vals; o->strptr; o++)
		stats_tree_create_node(st, o->strptr, st_node_conns, STAT_DT_INT, false);
	stats_tree_create_node(st, st_still_open, st_node_conns, STAT_DT_INT, false);
	st_node_bytes = stats_tree_create_node(st, st_bytes, 0, STAT_DT_INT, true);
	st_node_events = stats_tree_create_node(st, st_events, 0, STAT_DT_INT, true);
	st_node_apps = stats_tree_create_node(st, st_apps, 0, STAT_DT_INT, true);
	st_node_app_bytes = stats_tree_create_node(st, st_app_bytes, 0, STAT_DT_INT, true);
}

/* What the heuristics found: a connection counts under its protocol in the
 * frame that found it, its payload from then on. */
static void st_app(stats_tree *st, packet_info *pinfo, const vsmon_tap_t *t)
{
	const char *app = vsmon_app_name(t->conn);

	if (!app)
		return;
	if (t->conn->app_frame == pinfo->num) {
		tick_stat_node(st, st_apps, 0, false);
		tick_stat_node(st, app, st_node_apps, false);
	}
	if (t->payload_len) {
		increase_stat_node(st, st_app_bytes, 0, false, (int)t->payload_len);
		increase_stat_node(st, app, st_node_app_bytes, false, (int)t->payload_len);
	}
}

static tap_packet_status st_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
				   tap_flags_t flags _U_)
{
	const vsmon_tap_t *t = (const vsmon_tap_t *)p;
	tick_stat_node(st, st_packets, 0, false);
	if (!t->has_virtio) {
		tick_stat_node(st, st_by_op, st_node_packets, false);
		tick_stat_node(st, "no transport header", st_node_op, false);
		return TAP_PACKET_REDRAW;
	}
	const char *op = vsock_virtio_op_name(t->op);
	const char *type = vsock_virtio_type_name(t->type);
	tick_stat_node(st, st_by_op, st_node_packets, false);
	tick_stat_node(st, op ? op : "unknown", st_node_op, false);
	tick_stat_node(st, st_by_type, st_node_packets, false);
	tick_stat_node(st, type ? type : "unknown", st_node_type, false);

	/* One outcome per connection: counted in the frame that decided it;
	 * what has none at the end of the capture is still open. A lone RST
	 * for a connection never seen is an event, not a connection. */
	if ((t->flags & VSMON_F_NEW_CONN) && !(t->flags & VSMON_F_RST_UNKNOWN)) {
		tick_stat_node(st, st_conns, 0, false);
		st_open++;
	}
	if (t->flags & VSMON_F_OUTCOME) {
		tick_stat_node(st, val_to_str_const(t->outcome, vsmon_outcome_vals, "?"), st_node_conns, false);
		st_open--;
	}
	set_stat_node(st, st_still_open, st_node_conns, false, st_open);
	if (t->payload_len) {
		char *dir = wmem_strdup_printf(pinfo->pool, "%s \xe2\x86\x92 %s", address_to_str(pinfo->pool, &t->src),
						address_to_str(pinfo->pool, &t->dst));
		increase_stat_node(st, st_bytes, 0, false, (int)t->payload_len);
		increase_stat_node(st, dir, st_node_bytes, true, (int)t->payload_len);
	}
	st_app(st, pinfo, t);
	if (t->flags & VSMON_F_WINDOW_FULL) {
		tick_stat_node(st, st_events, 0, false);
		tick_stat_node(st, "window full", st_node_events, false);
	}
	if (t->flags & VSMON_F_CREDIT_EXCEEDED) {
		tick_stat_node(st, st_events, 0, false);
		tick_stat_node(st, "credit exceeded", st_node_events, false);
	}
	if (t->flags & VSMON_F_WINDOW_REOPENED) {
		tick_stat_node(st, st_events, 0, false);
		tick_stat_node(st, "window reopened", st_node_events, false);
	}
	if (t->flags & VSMON_F_RST_UNKNOWN) {
		tick_stat_node(st, st_events, 0, false);
		tick_stat_node(st, "RST for unknown connection", st_node_events, false);
	}
	if (t->flags & VSMON_F_DATA_AFTER_SHUTDOWN) {
		tick_stat_node(st, st_events, 0, false);
		tick_stat_node(st, "data after SHUTDOWN", st_node_events, false);
	}
	return TAP_PACKET_REDRAW;
}

void vsmon_stats_register(void)
{
	vsmon_tap_id = register_tap("vsockmon");
	register_conversation_table(proto_vsockmon, false, conv_packet, endp_packet);
	register_follow_stream(proto_vsockmon, "vsockmon_follow", follow_conv_filter, follow_index_filter,
			       follow_address_filter, follow_port_to_display, follow_tap_packet,
			       vsmon_stream_count, NULL);
	stats_tree_register_plugin("vsockmon", "vsockmon", "vsock/vsockmon", 0, st_packet, st_init, NULL);
}
