/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: payload hand-off. Stream payload goes through the
 * "vsockmon.port" table and the "vsockmon" heuristic list with TCP-like
 * desegmentation (pinfo->desegment_len); seqpacket payload is reassembled
 * into whole messages up to EOM (virtio spec 1.2 5.10.6.5). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/reassemble.h>
#include <epan/decode_as.h>
#include <epan/show_exception.h>
#include <epan/exceptions.h>
#include <epan/tap.h>

#include "builtin.h"
#include "packet-vsockmon-payload.h"
#include "packet-vsockmon-analysis.h"
#include "packet-vsockmon-apps.h"
#include "vsockmon.h"

static int hf_payload = -1;
static int hf_fragments = -1, hf_fragment = -1, hf_fragment_overlap = -1, hf_fragment_overlap_conflicts = -1;
static int hf_fragment_multiple_tails = -1, hf_fragment_too_long = -1, hf_fragment_error = -1;
static int hf_fragment_count = -1, hf_reassembled_in = -1, hf_reassembled_length = -1;
static int hf_reassembled_data = -1;
static int ett_fragment = -1, ett_fragments = -1;
static expert_field ei_reasm_limit = EI_INIT;

static dissector_table_t port_table;
static heur_dissector_list_t heur_list;
static dissector_handle_t http_handle;
static int follow_tap = -1;

static reassembly_table stream_reasm;   /* desegmented stream PDUs */
static reassembly_table msg_reasm;      /* seqpacket messages */

static const fragment_items frag_items = {
	&ett_fragment, &ett_fragments,
	&hf_fragments, &hf_fragment, &hf_fragment_overlap, &hf_fragment_overlap_conflicts,
	&hf_fragment_multiple_tails, &hf_fragment_too_long, &hf_fragment_error,
	&hf_fragment_count, &hf_reassembled_in, &hf_reassembled_length, &hf_reassembled_data,
	"vsock fragments"
};

/* A PDU a subdissector asked to complete across RW packets. */
typedef struct {
	uint32_t seq;            /* relative seq of its first byte */
	uint32_t nxtpdu;         /* relative seq one past its last byte */
	uint32_t first_frame;    /* reassembly id */
	bool one_more;      /* "one more segment", length unknown */
	bool until_fin;     /* the subdissector wants everything up to the end */
	uint32_t fin_frame;      /* the SHUTDOWN/RST frame that completed it */
} vsmon_msp_t;

/* Tries the connection's heuristic, the port table (lower port first) and
 * the heuristic list, in the order the preference says; data otherwise. */
static void dispatch(tvbuff_t *next, packet_info *pinfo, proto_tree *tree, uint32_t lo, uint32_t hi,
		     vsmon_conn_t *c, unsigned dir)
{
	heur_dtbl_entry_t *hdtbl = NULL;
	bool done = false;
	/* Every heuristic of ours recognises how a stream begins. Where the
	 * capture holds the connection's start, a direction whose first payload
	 * matched none is not tried again (most of their cost on connections
	 * of no known protocol); without its start, every payload is tried. */
	bool heur = !(c && c->req_frame && (c->heur_tried & (1u << dir)));

	/* The port table holds only what Decode As put there: it overrides
	 * the protocol a heuristic found for the connection, unless the
	 * heuristics are to go first. Heuristics of the "vsockmon" list get
	 * the connection as data. */
	if (!vsmon_pref_heur_first) {
		done = dissector_try_uint_with_data(port_table, lo, next, pinfo, tree, true, NULL);
		if (!done && hi != lo)
			done = dissector_try_uint_with_data(port_table, hi, next, pinfo, tree, true, NULL);
	}
	if (!done && c && c->app) {
		pinfo->match_uint = c->ep[1].port;     /* the listener's (ssh asks) */
		done = call_dissector_only(c->app, next, pinfo, tree, NULL) > 0;
	}
	if (!done && heur) {
		done = dissector_try_heuristic(heur_list, next, pinfo, tree, &hdtbl, c);
		if (!done && c && c->req_frame && !PINFO_FD_VISITED(pinfo))
			c->heur_tried |= (uint8_t)(1u << dir);
	}
	if (!done && vsmon_pref_heur_first) {
		done = dissector_try_uint_with_data(port_table, lo, next, pinfo, tree, true, NULL);
		if (!done && hi != lo)
			done = dissector_try_uint_with_data(port_table, hi, next, pinfo, tree, true, NULL);
	}
	/* Data only adds tree items: skip it when no tree is built. */
	if (!done && tree)
		call_data_dissector(next, pinfo, tree);
}

static void dispatch_guarded(tvbuff_t *next, packet_info *pinfo, proto_tree *tree, uint32_t lo, uint32_t hi,
			     vsmon_conn_t *c, unsigned dir)
{
	TRY {
		dispatch(next, pinfo, tree, lo, hi, c, dir);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(next, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
}

static void hand_off(tvbuff_t *next, packet_info *pinfo, proto_tree *tree, const vsmon_pkt_t *p,
		     vsmon_frame_t *f, bool can_desegment)
{
	uint16_t saved_can = pinfo->can_desegment;

	pinfo->can_desegment = can_desegment ? 2 : 0;
	pinfo->desegment_offset = 0;
	pinfo->desegment_len = 0;
	dispatch_guarded(next, pinfo, tree, MIN(p->src_port, p->dst_port), MAX(p->src_port, p->dst_port),
			 f ? f->conn : NULL, f ? f->dir : 0);
	pinfo->can_desegment = saved_can;
}

static void add_segment(tvbuff_t *pl, unsigned off, unsigned n, packet_info *pinfo, vsmon_msp_t *msp,
			uint32_t s, bool more, proto_tree *vtree, proto_tree *tree,
			const vsmon_pkt_t *p, vsmon_frame_t *f, vsmon_dir_t *d)
{
	fragment_head *fh = fragment_add(&stream_reasm, pl, off, pinfo, msp->first_frame, NULL,
					 s - msp->seq, n, more);
	if (!fh || fh->reassembled_in != pinfo->num) {
		col_append_str(pinfo->cinfo, COL_INFO, "[vsock segment of a reassembled PDU]");
		if (fh && fh->reassembled_in) {
			proto_item *it = proto_tree_add_uint(vtree, hf_reassembled_in, pl, off, n, fh->reassembled_in);
			proto_item_set_generated(it);
		}
		return;
	}
	tvbuff_t *whole = tvb_new_chain(pl, fh->tvb_data);
	add_new_data_source(pinfo, whole, "Reassembled vsock");
	proto_item *fi;
	show_fragment_tree(fh, &frag_items, vtree, pinfo, whole, &fi);
	hand_off(whole, pinfo, tree, p, f, true);
	if (pinfo->desegment_len && !PINFO_FD_VISITED(pinfo)) {
		/* Still short: grow the PDU and keep collecting. */
		uint32_t more_len = pinfo->desegment_len == DESEGMENT_ONE_MORE_SEGMENT ||
						   pinfo->desegment_len == DESEGMENT_UNTIL_FIN
					   ? 1 : pinfo->desegment_len;
		msp->one_more = more_len == 1 && pinfo->desegment_len != 1;
		msp->until_fin = pinfo->desegment_len == DESEGMENT_UNTIL_FIN;
		msp->nxtpdu = msp->seq + fh->datalen + more_len;
		fragment_set_partial_reassembly(&stream_reasm, pinfo, msp->first_frame, NULL);
	}
	(void)d;
}

static void stream_payload(tvbuff_t *pl, packet_info *pinfo, proto_tree *tree, proto_tree *vtree,
			   const vsmon_pkt_t *p, vsmon_frame_t *f)
{
	vsmon_dir_t *d = &f->conn->d[f->dir];
	unsigned len = tvb_reported_length(pl);
	unsigned off = 0;

	while (off < len) {
		uint32_t s = f->seq + off;
		vsmon_msp_t *msp = d->msps ? (vsmon_msp_t *)wmem_tree_lookup32_le(d->msps, s) : NULL;
		if (msp && s >= msp->seq && s < msp->nxtpdu) {
			unsigned n = MIN(len - off, msp->nxtpdu - s);
			if (msp->one_more && !PINFO_FD_VISITED(pinfo)) {
				n = len - off;
				msp->nxtpdu = s + n;
				msp->one_more = false;
			}
			add_segment(pl, off, n, pinfo, msp, s, s + n < msp->nxtpdu, vtree, tree, p, f, d);
			off += n;
			continue;
		}

		tvbuff_t *next = off ? tvb_new_subset_remaining(pl, off) : pl;
		hand_off(next, pinfo, tree, p, f, true);
		if (!pinfo->desegment_len)
			break;
		unsigned doff = off + pinfo->desegment_offset;
		if (doff >= len)
			break;
		unsigned rest = len - doff;
		uint32_t want = pinfo->desegment_len;
		bool one_more = want == DESEGMENT_ONE_MORE_SEGMENT || want == DESEGMENT_UNTIL_FIN;
		if (one_more)
			want = 1;
		uint32_t mseq = f->seq + doff;
		if (!PINFO_FD_VISITED(pinfo)) {
			if ((uint64_t)rest + want > vsmon_pref_reasm_limit) {
				expert_add_info_format(pinfo, vtree, &ei_reasm_limit,
						       "PDU of at least %" G_GUINT64_FORMAT " bytes exceeds the "
						       "reassembly limit (%u)", (uint64_t)rest + want,
						       vsmon_pref_reasm_limit);
				break;
			}
			msp = wmem_new0(wmem_file_scope(), vsmon_msp_t);
			msp->seq = mseq;
			msp->nxtpdu = mseq + rest + want;
			msp->first_frame = pinfo->num;
			msp->one_more = one_more;
			msp->until_fin = pinfo->desegment_len == DESEGMENT_UNTIL_FIN;
			if (!d->msps)    /* created on demand: most connections need none */
				d->msps = wmem_tree_new(wmem_file_scope());
			wmem_tree_insert32(d->msps, mseq, msp);
		} else {
			msp = d->msps ? (vsmon_msp_t *)wmem_tree_lookup32(d->msps, mseq) : NULL;
			if (!msp)
				break;
		}
		fragment_add(&stream_reasm, pl, doff, pinfo, msp->first_frame, NULL, 0, rest, true);
		col_append_str(pinfo->cinfo, COL_INFO, "[vsock segment of a reassembled PDU]");
		break;
	}
}

static void seqpacket_payload(tvbuff_t *pl, packet_info *pinfo, proto_tree *tree, proto_tree *vtree,
			      const vsmon_pkt_t *p, vsmon_frame_t *f)
{
	vsmon_dir_t *d = &f->conn->d[f->dir];
	bool eom = (p->flags & VSOCK_VIRTIO_SEQ_EOM) != 0;
	uint32_t msg_id;
	bool over_limit;

	if (!PINFO_FD_VISITED(pinfo)) {
		if (!d->msg_id) {
			d->msg_id = pinfo->num;
			d->msg_len = 0;
			d->msg_over_limit = false;
		}
		msg_id = d->msg_id;
		/* msg_len saturates: it only stays exact up to the limit */
		uint64_t len = (uint64_t)d->msg_len + tvb_reported_length(pl);
		d->msg_len = (uint32_t)MIN(len, G_MAXUINT32);
		if (len > vsmon_pref_reasm_limit)
			d->msg_over_limit = true;
		over_limit = d->msg_over_limit;
		vsmon_msg_mark(pinfo->num, msg_id, over_limit);
		if (eom)
			d->msg_id = 0;
	} else {
		msg_id = vsmon_msg_of(pinfo->num, &over_limit);
	}
	if (over_limit) {
		expert_add_info_format(pinfo, vtree, &ei_reasm_limit,
				       "Message exceeds the reassembly limit (%u bytes): not reassembled",
				       vsmon_pref_reasm_limit);
		call_data_dissector(pl, pinfo, tree);
		return;
	}
	if (eom && msg_id == pinfo->num) {
		hand_off(pl, pinfo, tree, p, f, false);     /* whole message in one packet */
		return;
	}
	fragment_head *fh = fragment_add_seq_next(&msg_reasm, pl, 0, pinfo, msg_id, NULL,
						  tvb_reported_length(pl), !eom);
	tvbuff_t *whole = process_reassembled_data(pl, 0, pinfo, "Reassembled vsock message", fh,
						   &frag_items, NULL, vtree);
	if (whole && eom)
		hand_off(whole, pinfo, tree, p, f, false);
	else
		col_append_str(pinfo->cinfo, COL_INFO, "[message fragment]");
}

/* The end of a direction's stream (its SHUTDOWN SEND, or a RST from
 * either side) completes a PDU whose subdissector reads "until the
 * connection closes", as an HTTP response without Content-Length: what
 * was collected goes to it whole, with no way to ask for more. */
static void stream_fin(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *vtree,
		       const vsmon_pkt_t *p, vsmon_frame_t *f, unsigned dir)
{
	vsmon_dir_t *d = &f->conn->d[dir];
	vsmon_msp_t *msp = d->msps ? (vsmon_msp_t *)wmem_tree_lookup32_le(d->msps, G_MAXUINT32) : NULL;

	if (!msp || !msp->until_fin || msp->nxtpdu <= msp->seq)
		return;
	if (!PINFO_FD_VISITED(pinfo)) {
		if (msp->fin_frame)
			return;
		msp->fin_frame = pinfo->num;
	} else if (msp->fin_frame != pinfo->num) {
		return;
	}
	/* nxtpdu is one past the bytes collected: the "one more" asked for */
	uint32_t have = msp->nxtpdu - 1 - msp->seq;
	fragment_head *fh = fragment_add(&stream_reasm, tvb, 0, pinfo, msp->first_frame, NULL, have, 0, false);

	if (!fh || fh->reassembled_in != pinfo->num || !fh->tvb_data)
		return;
	tvbuff_t *whole = tvb_new_chain(tvb, fh->tvb_data);
	add_new_data_source(pinfo, whole, "Reassembled vsock");
	proto_item *fi;
	show_fragment_tree(fh, &frag_items, vtree, pinfo, whole, &fi);
	vsmon_pkt_t sender = *p;

	/* the PDU's own direction names the ports for the port table */
	if (dir != f->dir) {
		sender.src_port = p->dst_port;
		sender.dst_port = p->src_port;
	}
	hand_off(whole, pinfo, tree, &sender, f, false);
}

static void payload(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *vtree,
		    const vsmon_pkt_t *p, vsmon_frame_t *f)
{
	if (f && vsmon_pref_reassemble && p->has_virtio && p->type == VSOCK_VIRTIO_TYPE_STREAM) {
		if (p->op == VSOCK_VIRTIO_OP_SHUTDOWN && (p->flags & VSOCK_VIRTIO_SHUTDOWN_SEND)) {
			stream_fin(tvb, pinfo, tree, vtree, p, f, f->dir);
			return;
		}
		if (p->op == VSOCK_VIRTIO_OP_RST) {
			stream_fin(tvb, pinfo, tree, vtree, p, f, f->dir);
			stream_fin(tvb, pinfo, tree, vtree, p, f, 1u - f->dir);
			return;
		}
	}
	if (!p->has_virtio || p->op != VSOCK_VIRTIO_OP_RW || p->payload_cap == 0)
		return;
	unsigned avail = tvb_reported_length_remaining(tvb, p->payload_off);
	tvbuff_t *pl = tvb_new_subset_length(tvb, p->payload_off, MIN(avail, p->len));
	proto_tree_add_item(vtree, hf_payload, pl, 0, -1, ENC_NA);
	if (have_tap_listener(follow_tap))
		tap_queue_packet(follow_tap, pinfo, pl);

	/* A snapped payload cannot be reassembled: hand on what is there. */
	bool whole = tvb_captured_length(pl) == tvb_reported_length(pl);
	if (f && vsmon_pref_reassemble && whole) {
		if (p->type == VSOCK_VIRTIO_TYPE_SEQPACKET)
			seqpacket_payload(pl, pinfo, tree, vtree, p, f);
		else
			stream_payload(pl, pinfo, tree, vtree, p, f);
	} else {
		hand_off(pl, pinfo, tree, p, f, false);
	}
}

void vsmon_payload(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *vtree,
		 const vsmon_pkt_t *p, vsmon_frame_t *f)
{
	payload(tvb, pinfo, tree, vtree, p, f);
	/* A subdissector's request for more data is settled here. Left set, it
	 * tells Wireshark 4.4+ that vsockmon and vsock consumed nothing, and
	 * their layers leave frame.protocols (call_dissector_work). */
	pinfo->desegment_offset = 0;
	pinfo->desegment_len = 0;
}

/* HTTP over vsock without Decode As: Wireshark's own HTTP heuristics are
 * only registered for TCP, so recognise a request or status line here. */
static compat_bool heur_http(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	static const char *const starts[] = {
		"GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "HTTP/1.",
	};
	vsmon_conn_t *c = (vsmon_conn_t *)data;
	if (!http_handle)
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(starts); i++) {
		int n = (int)strlen(starts[i]);
		if (tvb_captured_length(tvb) >= (unsigned)n && tvb_memeql(tvb, 0, (const uint8_t *)starts[i], n) == 0) {
			/* The heuristic call used up one level of desegmentation;
			 * HTTP needs it to collect headers and body, and the rest
			 * of the connection is HTTP too. */
			vsmon_take_app(pinfo, c, http_handle);
			/* the heuristic runs under HTTP's name: one layer */
			builtin_call(BUILTIN_HTTP, tvb, pinfo, tree, NULL);
			return true;
		}
	}
	return false;
}

static void da_src_label(packet_info *pinfo, char *result)
{
	snprintf(result, MAX_DECODE_AS_PROMPT_LEN, "source (%u)", pinfo->srcport);
}

static void da_dst_label(packet_info *pinfo, char *result)
{
	snprintf(result, MAX_DECODE_AS_PROMPT_LEN, "destination (%u)", pinfo->destport);
}

static void da_both_label(packet_info *pinfo, char *result)
{
	snprintf(result, MAX_DECODE_AS_PROMPT_LEN, "both (%u<->%u)", pinfo->srcport, pinfo->destport);
}

static gpointer da_src_value(packet_info *pinfo)
{
	return GUINT_TO_POINTER(pinfo->srcport);
}

static gpointer da_dst_value(packet_info *pinfo)
{
	return GUINT_TO_POINTER(pinfo->destport);
}

/* One handle per protocol in the Decode As list (the first one wins). */
static GHashTable *da_protos;

static void add_decode_as(dissector_handle_t h)
{
	int proto = dissector_handle_get_protocol_index(h);
	if (proto < 0 || g_hash_table_contains(da_protos, GINT_TO_POINTER(proto)))
		return;
	g_hash_table_add(da_protos, GINT_TO_POINTER(proto));
	dissector_add_for_decode_as("vsockmon.port", h);
}

static void add_decode_as_handle(const char *table _U_, gpointer handle, gpointer user _U_)
{
	add_decode_as((dissector_handle_t)handle);
}

void vsmon_payload_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_payload, { "Payload", "vsockmon.payload", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_fragments, { "Fragments", "vsockmon.fragments", FT_NONE, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_fragment, { "Fragment", "vsockmon.fragment", FT_FRAMENUM, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_fragment_overlap, { "Fragment overlap", "vsockmon.fragment.overlap", FT_BOOLEAN, BASE_NONE,
					  NULL, 0, NULL, HFILL } },
		{ &hf_fragment_overlap_conflicts, { "Conflicting data in fragment overlap",
						    "vsockmon.fragment.overlap.conflicts", FT_BOOLEAN, BASE_NONE,
						    NULL, 0, NULL, HFILL } },
		{ &hf_fragment_multiple_tails, { "Multiple tail fragments", "vsockmon.fragment.multiple_tails",
						 FT_BOOLEAN, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_fragment_too_long, { "Fragment too long", "vsockmon.fragment.too_long_fragment", FT_BOOLEAN,
					   BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_fragment_error, { "Defragmentation error", "vsockmon.fragment.error", FT_FRAMENUM, BASE_NONE,
					NULL, 0, NULL, HFILL } },
		{ &hf_fragment_count, { "Fragment count", "vsockmon.fragment.count", FT_UINT32, BASE_DEC,
					NULL, 0, NULL, HFILL } },
		{ &hf_reassembled_in, { "Reassembled in", "vsockmon.reassembled_in", FT_FRAMENUM, BASE_NONE,
					NULL, 0, NULL, HFILL } },
		{ &hf_reassembled_length, { "Reassembled length", "vsockmon.reassembled.length", FT_UINT32, BASE_DEC,
					    NULL, 0, NULL, HFILL } },
		{ &hf_reassembled_data, { "Reassembled data", "vsockmon.reassembled.data", FT_BYTES, BASE_NONE,
					  NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_fragment, &ett_fragments };
	static ei_register_info ei[] = {
		{ &ei_reasm_limit, { "vsockmon.reassembly_limit", PI_REASSEMBLE, PI_WARN,
				     "Reassembly limit reached", EXPFILL } },
	};

	proto_register_field_array(proto_vsockmon, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_module_t *em = expert_register_protocol(proto_vsockmon);
	expert_register_field_array(em, ei, array_length(ei));

	port_table = register_dissector_table("vsockmon.port", "vsock port", proto_vsockmon, FT_UINT32, BASE_DEC);
	heur_list = register_heur_dissector_list("vsockmon", proto_vsockmon);
	reassembly_table_register(&stream_reasm, &addresses_reassembly_table_functions);
	reassembly_table_register(&msg_reasm, &addresses_reassembly_table_functions);
	follow_tap = register_tap("vsockmon_follow");

	static build_valid_func src_values[1] = { da_src_value };
	static build_valid_func dst_values[1] = { da_dst_value };
	static build_valid_func both_values[2] = { da_src_value, da_dst_value };
	static decode_as_value_t dav[3] = {
		{ da_src_label, 1, src_values },
		{ da_dst_label, 1, dst_values },
		{ da_both_label, 2, both_values },
	};
	static decode_as_t da = { "vsockmon", "vsockmon.port", 3, 2, dav, "vsock", "port(s) as",
				  decode_as_default_populate_list, decode_as_default_reset,
				  decode_as_default_change, NULL };
	register_decode_as(&da);
}

/* Freed at exit, before Wireshark unloads the plugin and its statics. */
static void payload_shutdown(void)
{
	g_hash_table_destroy(da_protos);
	da_protos = NULL;
}

void vsmon_payload_handoff(void)
{
	http_handle = find_dissector("http");
	builtin_add(BUILTIN_HTTP, http_handle);
	/* Under HTTP's protocol: frame.protocols "...:vsockmon:http", and
	 * Enabled Protocols lists it with HTTP's other heuristics. */
	heur_dissector_add("vsockmon", heur_http, "HTTP over vsock", "http_vsockmon",
			   proto_get_id_by_filter_name("http"), HEURISTIC_ENABLE);
	/* Anything that can run over a TCP port can run over a vsock port:
	 * offer the same protocols for Decode As. */
	if (!da_protos) {
		da_protos = g_hash_table_new(g_direct_hash, g_direct_equal);
		register_shutdown_routine(payload_shutdown);
	}
	/* These take no transport-specific data pointer, so they go first. */
	static const char *const byname[] = { "http", "ssh", "tls", "data" };
	for (size_t i = 0; i < G_N_ELEMENTS(byname); i++) {
		dissector_handle_t h = find_dissector(byname[i]);
		if (h)
			add_decode_as(h);
	}
	dissector_table_foreach_handle("tcp.port", add_decode_as_handle, NULL);
}
