/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: LINKTYPE_VSOCK frames, the vsockmon header (Linux
 * include/uapi/linux/vsockmon.h) and the virtio-vsock header (virtio spec
 * 1.2 section 5.10.6, include/uapi/linux/virtio_vsock.h), with consistency
 * checks. Connections, payload and statistics live in the sibling
 * packet-vsockmon-*.c files. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/address_types.h>
#include <epan/to_str.h>
#include <epan/addr_resolv.h>
#include <wiretap/wtap.h>
#include <wsutil/pint.h>

#include "builtin.h"
#include "packet-vsockmon.h"
#include "packet-vsockmon-analysis.h"
#include "packet-vsockmon-apps.h"
#include "packet-vsockmon-compat.h"
#include "packet-vsockmon-payload.h"
#include "packet-vsockmon-stats.h"
#include "vsockmon.h"

static compat_bool vsmon_pref_analyze = true;

static dissector_handle_t vsockmon_handle;
static int proto_vsock = -1;                /* Wireshark's own */
static int ett_builtin = -1;
static compat_bool vsmon_pref_builtin_fields = true;

static int hf_src_cid = -1, hf_dst_cid = -1, hf_src_port = -1, hf_dst_port = -1;
static int hf_op = -1, hf_transport = -1, hf_transport_len = -1, hf_reserved = -1;
static int hf_cid = -1, hf_port = -1;
static int hf_v_src_cid = -1, hf_v_dst_cid = -1, hf_v_src_port = -1, hf_v_dst_port = -1;
static int hf_v_len = -1, hf_v_type = -1, hf_v_op = -1, hf_v_flags = -1;
static int hf_v_flag_rcv = -1, hf_v_flag_send = -1, hf_v_flag_eom = -1, hf_v_flag_eor = -1;
static int hf_v_flag_reserved = -1;
static int hf_v_buf_alloc = -1, hf_v_fwd_cnt = -1;

static int ett_vsockmon = -1, ett_virtio = -1, ett_flags = -1;

static expert_field ei_hdr_len = EI_INIT;
static expert_field ei_op_mismatch = EI_INIT;
static expert_field ei_payload_len = EI_INIT;
static expert_field ei_addr_mismatch = EI_INIT;
static expert_field ei_unknown_transport = EI_INIT;
static expert_field ei_unknown_mon_op = EI_INIT;
static expert_field ei_unknown_type = EI_INIT;
static expert_field ei_unknown_op = EI_INIT;
static expert_field ei_reserved = EI_INIT;
static expert_field ei_truncated = EI_INIT;

/* value_strings built at registration from the codec's name tables, so the
 * generator and the dissector spell every name the same way; in static
 * storage (no heap that would outlive the plugin's unloading at exit). */
#define VS_MAX 16
static value_string vs_mon_op[VS_MAX], vs_transport[VS_MAX], vs_type[VS_MAX], vs_op[VS_MAX];

static const val64_string cid_names[] = {
	{ VSOCK_CID_HYPERVISOR, "hypervisor" },
	{ VSOCK_CID_LOCAL, "local" },
	{ VSOCK_CID_HOST, "host" },
	{ VSOCK_CID_ANY, "any" },
	{ 0, NULL },
};

/* "2 (host)", "3": the well-known CIDs named (include/uapi/linux/vm_sockets.h),
 * the others plain numbers. */
static void cid_fmt(char *buf, uint64_t cid)
{
	const char *n = try_val64_to_str(cid, cid_names);

	if (n)
		snprintf(buf, ITEM_LABEL_LENGTH, "%" PRIu64 " (%s)", cid, n);
	else
		snprintf(buf, ITEM_LABEL_LENGTH, "%" PRIu64, cid);
}

static void vs_from(value_string *vs, const struct vsock_name *t)
{
	size_t i;

	for (i = 0; t[i].name && i < VS_MAX - 1; i++) {
		vs[i].value = t[i].value;
		vs[i].strptr = t[i].name;
	}
	ws_assert(!t[i].name);  /* VS_MAX too small for a codec table */
}

/* ---- address type: "CID" (8 bytes) or "CID:port" (12 bytes), LE; a
 * server in the conversation table also has its stream index (16 bytes)
 * and shows the connection's application protocol: "3:22 (ssh)" ---- */

#define APP_LABEL_MAX 40

/* " (ssh)" for a server address of a connection with an application
 * protocol, else "". */
static void app_label(const address *a, char *buf, size_t cap)
{
	const char *app = a->len >= 16 ? vsmon_app_of_stream(pletohu32((const uint8_t *)a->data + 12)) : NULL;

	if (app)
		snprintf(buf, cap, " (%s)", app);
	else
		buf[0] = '\0';
}

static void at_get(const address *a, uint64_t *cid, uint32_t *port)
{
	const uint8_t *b = (const uint8_t *)a->data;
	*cid = pletohu64(b);
	*port = a->len >= 12 ? pletohu32(b + 8) : 0;
}

/* Appends the decimal digits of v to out at *n. */
static void put_dec(char *out, int *n, uint64_t v)
{
	char rev[20];
	int t = 0;
	do {
		rev[t++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (t)
		out[(*n)++] = rev[--t];
}

/* Digits by hand, not printf: this runs twice per packet for the address
 * columns. */
static int at_to_str(const address *a, char *buf, int buf_len)
{
	uint64_t cid;
	uint32_t port;
	char out[32];
	int n = 0;

	char label[APP_LABEL_MAX];

	at_get(a, &cid, &port);
	put_dec(out, &n, cid);
	if (a->len >= 12) {
		out[n++] = ':';
		put_dec(out, &n, port);
	}
	out[n] = '\0';
	if (a->len >= 16) {
		app_label(a, label, sizeof label);
		return snprintf(buf, (size_t)buf_len, "%s%s", out, label) + 1;
	}
	g_strlcpy(buf, out, (size_t)buf_len);
	return n + 1;
}

static int at_str_len(const address *a _U_)
{
	return 20 + 1 + 10 + APP_LABEL_MAX;
}

static int at_fixed_len(void)
{
	return 0;
}

static const char *at_col_filter(const address *a, compat_bool is_src)
{
	if (a->len >= 12)
		return NULL;    /* "CID:port" is no single field's value */
	return is_src ? "vsockmon.src_cid" : "vsockmon.dst_cid";
}

/* With name resolution on, well-known CIDs are named: "host:1234". It may
 * run outside any packet scope and callers keep two results at once, so
 * the names are interned (a few per named endpoint seen). A CID without a
 * name has none: NULL, and Wireshark shows at_to_str()'s text. Interning
 * every "CID:port" grew without bound and faster than linearly (1.96 GB of
 * glib's interned strings for 1M connections, bench/pathological). */
static const char *at_name(const address *a)
{
	char buf[64 + APP_LABEL_MAX], label[APP_LABEL_MAX];
	uint64_t cid;
	uint32_t port;
	at_get(a, &cid, &port);
	const char *n = gbl_resolv_flags.network_name ? try_val64_to_str(cid, cid_names) : NULL;
	if (!n)
		return NULL;
	app_label(a, label, sizeof label);
	if (a->len >= 12)
		snprintf(buf, sizeof buf, "%s:%u%s", n, port, label);
	else
		snprintf(buf, sizeof buf, "%s", n);
	return g_intern_string(buf);
}

static int at_name_len(void)
{
	return 64 + APP_LABEL_MAX;
}


static void add_flags(tvbuff_t *tvb, proto_tree *vt, unsigned off, const vsmon_pkt_t *p, packet_info *pinfo)
{
	proto_item *fi = proto_tree_add_item(vt, hf_v_flags, tvb, off, 4, ENC_LITTLE_ENDIAN);
	proto_tree *ft = proto_item_add_subtree(fi, ett_flags);
	uint32_t known = 0;

	if (p->op == VSOCK_VIRTIO_OP_SHUTDOWN) {
		proto_tree_add_item(ft, hf_v_flag_rcv, tvb, off, 4, ENC_LITTLE_ENDIAN);
		proto_tree_add_item(ft, hf_v_flag_send, tvb, off, 4, ENC_LITTLE_ENDIAN);
		known = VSOCK_VIRTIO_SHUTDOWN_RCV | VSOCK_VIRTIO_SHUTDOWN_SEND;
		proto_item_append_text(fi, " (%s%s%s)",
				       (p->flags & VSOCK_VIRTIO_SHUTDOWN_RCV) ? "RCV" : "",
				       (p->flags & 3) == 3 ? "," : "",
				       (p->flags & VSOCK_VIRTIO_SHUTDOWN_SEND) ? "SEND" : "");
	} else if (p->op == VSOCK_VIRTIO_OP_RW && p->type == VSOCK_VIRTIO_TYPE_SEQPACKET) {
		proto_tree_add_item(ft, hf_v_flag_eom, tvb, off, 4, ENC_LITTLE_ENDIAN);
		proto_tree_add_item(ft, hf_v_flag_eor, tvb, off, 4, ENC_LITTLE_ENDIAN);
		known = VSOCK_VIRTIO_SEQ_EOM | VSOCK_VIRTIO_SEQ_EOR;
	}
	if (p->flags & ~known) {
		proto_item *ri = proto_tree_add_uint(ft, hf_v_flag_reserved, tvb, off, 4, p->flags & ~known);
		expert_add_info_format(pinfo, ri, &ei_reserved,
				       "Flag bits 0x%08x have no meaning for this op", p->flags & ~known);
	}
}

static void dissect_virtio(tvbuff_t *tvb, packet_info *pinfo, proto_tree *mt, vsmon_pkt_t *p,
			   proto_item *mon_op_item)
{
	const unsigned off = VSOCKMON_HDR_LEN;
	uint64_t scid, dcid;
	uint32_t sport, dport, len, type, op, flags, ba, fc;

	proto_tree *vt = proto_tree_add_subtree(mt, tvb, off, VIRTIO_VSOCK_HDR_LEN, ett_virtio, NULL,
						"virtio-vsock header");
	proto_item *ci = proto_tree_add_item_ret_uint64(vt, hf_v_src_cid, tvb, off, 8, ENC_LITTLE_ENDIAN, &scid);
	proto_tree_add_item_ret_uint64(vt, hf_v_dst_cid, tvb, off + 8, 8, ENC_LITTLE_ENDIAN, &dcid);
	proto_tree_add_item_ret_uint(vt, hf_v_src_port, tvb, off + 16, 4, ENC_LITTLE_ENDIAN, &sport);
	proto_tree_add_item_ret_uint(vt, hf_v_dst_port, tvb, off + 20, 4, ENC_LITTLE_ENDIAN, &dport);
	proto_item *li = proto_tree_add_item_ret_uint(vt, hf_v_len, tvb, off + 24, 4, ENC_LITTLE_ENDIAN, &len);
	proto_item *ti = proto_tree_add_item_ret_uint(vt, hf_v_type, tvb, off + 28, 2, ENC_LITTLE_ENDIAN, &type);
	proto_item *oi = proto_tree_add_item_ret_uint(vt, hf_v_op, tvb, off + 30, 2, ENC_LITTLE_ENDIAN, &op);
	flags = tvb_get_letohl(tvb, off + 32);
	proto_tree_add_item_ret_uint(vt, hf_v_buf_alloc, tvb, off + 36, 4, ENC_LITTLE_ENDIAN, &ba);
	proto_tree_add_item_ret_uint(vt, hf_v_fwd_cnt, tvb, off + 40, 4, ENC_LITTLE_ENDIAN, &fc);

	p->has_virtio = true;
	p->type = (uint16_t)type;
	p->op = (uint16_t)op;
	p->flags = flags;
	p->len = len;
	p->buf_alloc = ba;
	p->fwd_cnt = fc;
	add_flags(tvb, vt, off + 32, p, pinfo);

	if (scid != p->src_cid || dcid != p->dst_cid || sport != p->src_port || dport != p->dst_port)
		expert_add_info_format(pinfo, ci, &ei_addr_mismatch,
				       "virtio addresses %" G_GUINT64_FORMAT ":%u -> %" G_GUINT64_FORMAT
				       ":%u differ from the monitor header's",
				       scid, sport, dcid, dport);
	if (!try_val_to_str(type, vs_type))
		expert_add_info_format(pinfo, ti, &ei_unknown_type, "Unknown virtio type %u", type);
	if (op == VSOCK_VIRTIO_OP_INVALID || !try_val_to_str(op, vs_op))
		expert_add_info_format(pinfo, oi, &ei_unknown_op, "Unknown virtio op %u", op);
	else if (vsock_virtio_op_to_mon((uint16_t)op) != p->mon_op)
		expert_add_info_format(pinfo, mon_op_item, &ei_op_mismatch,
				       "Monitor op %s does not match virtio op %s (expected %s)",
				       val_to_str_const(p->mon_op, vs_mon_op, "?"),
				       val_to_str_const(op, vs_op, "?"),
				       val_to_str_const(vsock_virtio_op_to_mon((uint16_t)op), vs_mon_op, "?"));

	/* The payload is what follows the transport header; its declared
	 * length must be exactly what the kernel copied. */
	p->payload_off = VSOCKMON_HDR_LEN + p->hdr_len;
	unsigned reported = tvb_reported_length(tvb);
	unsigned avail = reported > p->payload_off ? reported - p->payload_off : 0;
	unsigned cap = tvb_captured_length(tvb);
	p->payload_cap = cap > p->payload_off ? cap - p->payload_off : 0;
	if (avail != len)
		expert_add_info_format(pinfo, li, &ei_payload_len,
				       "virtio len %u but %u payload bytes follow the headers", len, avail);
	if (p->payload_cap > len)
		p->payload_cap = len;
}

/* Appends s to out at *n (out has room: callers stay far below 256). */
static void put_str(char *out, int *n, const char *s)
{
	while (*s && *n < 250)
		out[(*n)++] = *s++;
}

/* The Info column in one write, numbers by hand (it is on every packet's
 * hot path); it always ends with a space, so appended notes need no
 * separator. */
static void set_columns(packet_info *pinfo, const vsmon_pkt_t *p, const vsmon_frame_t *f)
{
	char buf[256];
	int n = 0;

	/* Source and Destination already show CID:port. */
	if (!p->has_virtio) {
		const char *op = try_val_to_str(p->mon_op, vs_mon_op);
		if (op) {
			put_str(buf, &n, op);
		} else {
			put_str(buf, &n, "op ");
			put_dec(buf, &n, p->mon_op);
		}
		put_str(buf, &n, " (no transport header) ");
	} else {
		const char *op = try_val_to_str(p->op, vs_op);
		if (op) {
			put_str(buf, &n, op);
		} else {
			put_str(buf, &n, "op ");
			put_dec(buf, &n, p->op);
		}
		if (p->type == VSOCK_VIRTIO_TYPE_SEQPACKET) {
			put_str(buf, &n, " SEQPACKET");
		} else if (p->type != VSOCK_VIRTIO_TYPE_STREAM) {
			put_str(buf, &n, " type ");
			put_dec(buf, &n, p->type);
		}
		if (p->op == VSOCK_VIRTIO_OP_SHUTDOWN) {
			put_str(buf, &n, " [");
			if (p->flags & VSOCK_VIRTIO_SHUTDOWN_RCV)
				put_str(buf, &n, "RCV");
			if ((p->flags & 3) == 3)
				put_str(buf, &n, ",");
			if (p->flags & VSOCK_VIRTIO_SHUTDOWN_SEND)
				put_str(buf, &n, "SEND");
			put_str(buf, &n, "]");
		}
		if (p->op == VSOCK_VIRTIO_OP_RW && p->type == VSOCK_VIRTIO_TYPE_SEQPACKET &&
		    (p->flags & VSOCK_VIRTIO_SEQ_EOM))
			put_str(buf, &n, " [EOM]");
		put_str(buf, &n, " len=");
		put_dec(buf, &n, p->len);
		if (f && p->op == VSOCK_VIRTIO_OP_RW) {
			put_str(buf, &n, " seq=");
			put_dec(buf, &n, f->seq);
		}
		if (p->op != VSOCK_VIRTIO_OP_RW) {
			put_str(buf, &n, " buf_alloc=");
			put_dec(buf, &n, p->buf_alloc);
			put_str(buf, &n, " fwd_cnt=");
			put_dec(buf, &n, p->fwd_cnt);
		}
		put_str(buf, &n, " ");
	}
	buf[n] = '\0';
	col_add_str(pinfo->cinfo, COL_INFO, buf);
}

static int dissect_vsockmon(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	vsmon_pkt_t p;
	uint32_t v;

	memset(&p, 0, sizeof p);
	col_set_str(pinfo->cinfo, COL_PROTOCOL, "VSOCKMON");
	col_clear(pinfo->cinfo, COL_INFO);

	proto_item *root = proto_tree_add_item(tree, proto_vsockmon, tvb, 0, -1, ENC_NA);
	proto_tree *mt = proto_item_add_subtree(root, ett_vsockmon);

	if (tvb_captured_length(tvb) < VSOCKMON_HDR_LEN) {
		col_set_str(pinfo->cinfo, COL_INFO, "Truncated vsockmon header");
		expert_add_info_format(pinfo, root, &ei_truncated,
				       "Frame of %u bytes is shorter than the %u-byte vsockmon header",
				       tvb_captured_length(tvb), VSOCKMON_HDR_LEN);
		return tvb_captured_length(tvb);
	}

	proto_tree_add_item_ret_uint64(mt, hf_src_cid, tvb, 0, 8, ENC_LITTLE_ENDIAN, &p.src_cid);
	proto_tree_add_item_ret_uint64(mt, hf_dst_cid, tvb, 8, 8, ENC_LITTLE_ENDIAN, &p.dst_cid);
	proto_tree_add_item_ret_uint(mt, hf_src_port, tvb, 16, 4, ENC_LITTLE_ENDIAN, &p.src_port);
	proto_tree_add_item_ret_uint(mt, hf_dst_port, tvb, 20, 4, ENC_LITTLE_ENDIAN, &p.dst_port);
	proto_item *opi = proto_tree_add_item_ret_uint(mt, hf_op, tvb, 24, 2, ENC_LITTLE_ENDIAN, &v);
	p.mon_op = (uint16_t)v;
	proto_item *tri = proto_tree_add_item_ret_uint(mt, hf_transport, tvb, 26, 2, ENC_LITTLE_ENDIAN, &v);
	p.transport = (uint16_t)v;
	proto_item *lni = proto_tree_add_item_ret_uint(mt, hf_transport_len, tvb, 28, 2, ENC_LITTLE_ENDIAN, &v);
	p.hdr_len = (uint16_t)v;
	proto_item *rsi = proto_tree_add_item_ret_uint(mt, hf_reserved, tvb, 30, 2, ENC_LITTLE_ENDIAN, &v);
	if (v)
		expert_add_info_format(pinfo, rsi, &ei_reserved, "Reserved bytes are 0x%04x, not zero", v);
	if (!try_val_to_str(p.mon_op, vs_mon_op) || p.mon_op == VSOCKMON_OP_UNKNOWN)
		expert_add_info_format(pinfo, opi, &ei_unknown_mon_op, "Unknown monitor op %u", p.mon_op);

	/* Either direction, like tcp.port: one filter finds a peer. */
	proto_item *h;
	h = proto_tree_add_uint64(mt, hf_cid, tvb, 0, 8, p.src_cid);
	proto_item_set_hidden(h);
	h = proto_tree_add_uint64(mt, hf_cid, tvb, 8, 8, p.dst_cid);
	proto_item_set_hidden(h);
	h = proto_tree_add_uint(mt, hf_port, tvb, 16, 4, p.src_port);
	proto_item_set_hidden(h);
	h = proto_tree_add_uint(mt, hf_port, tvb, 20, 4, p.dst_port);
	proto_item_set_hidden(h);

	vsmon_set_address(&pinfo->src, pinfo->pool, p.src_cid, true, p.src_port);
	vsmon_set_address(&pinfo->dst, pinfo->pool, p.dst_cid, true, p.dst_port);
	/* Follow Stream prints net_src ":" srcport, so these carry the CID only. */
	vsmon_set_address(&pinfo->net_src, pinfo->pool, p.src_cid, false, 0);
	vsmon_set_address(&pinfo->net_dst, pinfo->pool, p.dst_cid, false, 0);
	pinfo->ptype = PT_NONE;
	pinfo->srcport = p.src_port;
	pinfo->destport = p.dst_port;

	proto_item_append_text(root, ", %" G_GUINT64_FORMAT ":%u \xe2\x86\x92 %" G_GUINT64_FORMAT ":%u",
			       p.src_cid, p.src_port, p.dst_cid, p.dst_port);

	if (p.transport == VSOCKMON_TRANSPORT_VIRTIO) {
		if (p.hdr_len != VIRTIO_VSOCK_HDR_LEN)
			expert_add_info_format(pinfo, lni, &ei_hdr_len,
					       "Transport header length %u, virtio-vsock's is %u",
					       p.hdr_len, VIRTIO_VSOCK_HDR_LEN);
		if (p.hdr_len < VIRTIO_VSOCK_HDR_LEN ||
		    tvb_captured_length(tvb) < VSOCKMON_HDR_LEN + VIRTIO_VSOCK_HDR_LEN) {
			if (tvb_captured_length(tvb) < VSOCKMON_HDR_LEN + VIRTIO_VSOCK_HDR_LEN)
				expert_add_info_format(pinfo, root, &ei_truncated,
						       "Frame of %u bytes is shorter than the two headers (%u)",
						       tvb_captured_length(tvb),
						       VSOCKMON_HDR_LEN + VIRTIO_VSOCK_HDR_LEN);
			set_columns(pinfo, &p, NULL);
			return tvb_captured_length(tvb);
		}
		if (tvb_reported_length(tvb) < (unsigned)VSOCKMON_HDR_LEN + p.hdr_len) {
			expert_add_info_format(pinfo, lni, &ei_truncated,
					       "Transport header length %u runs past the frame", p.hdr_len);
			p.hdr_len = VIRTIO_VSOCK_HDR_LEN;
		}
		dissect_virtio(tvb, pinfo, mt, &p, opi);
	} else {
		if (p.transport != VSOCKMON_TRANSPORT_NO_INFO)
			expert_add_info_format(pinfo, tri, &ei_unknown_transport,
					       "Unknown transport %u: %u header bytes not decoded",
					       p.transport, p.hdr_len);
		else if (p.hdr_len != 0)
			expert_add_info_format(pinfo, lni, &ei_hdr_len,
					       "Transport NO_INFO with a %u-byte transport header", p.hdr_len);
		set_columns(pinfo, &p, NULL);
		unsigned rest = tvb_reported_length_remaining(tvb, VSOCKMON_HDR_LEN);
		if (rest > p.hdr_len && tvb_captured_length(tvb) > (unsigned)VSOCKMON_HDR_LEN + p.hdr_len)
			call_data_dissector(tvb_new_subset_remaining(tvb, VSOCKMON_HDR_LEN + p.hdr_len), pinfo, tree);
		return tvb_captured_length(tvb);
	}

	vsmon_frame_t *f = vsmon_pref_analyze ? vsmon_analyze(pinfo, &p) : NULL;
	set_columns(pinfo, &p, f);
	if (f)
		vsmon_analysis_tree(tvb, pinfo, mt, root, &p, f);
	/* Subdissectors append to the Info column, never replace ours. */
	col_set_fence(pinfo->cinfo, COL_INFO);
	vsmon_tap(pinfo, &p, f);
	vsmon_payload(tvb, pinfo, tree, mt, &p, f);
	vsmon_app_tree(tvb, mt, f);
	return tvb_captured_length(tvb);
}

/* Entry for LINKTYPE_VSOCK. It belongs to no protocol so that it still
 * runs with vsockmon disabled and then hands the frame to the built-in
 * vsock dissector it replaced (a disabled handle in wtap_encap would leave
 * the frames undissected). */
/* LINKTYPE_VSOCK under the built-in vsock protocol's name: vsock stays a
 * layer (frame.protocols "vsock:vsockmon:...", colouring rules and filters
 * on vsock), and the frame goes to vsockmon or, with vsockmon disabled, to
 * the built-in vsock. For vsockmon it adds vsock's protocol item, hidden,
 * and below it the built-in's fields (packet-vsockmon-compat.c). */
static int dissect_linktype_vsock(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	if (proto_is_protocol_enabled(find_protocol_by_id(proto_vsockmon))) {
		proto_item *ti = proto_tree_add_item(tree, proto_vsock, tvb, 0, -1, ENC_NA);

		proto_item_set_hidden(ti);
		if (vsmon_pref_builtin_fields && ti)
			vsmon_compat(tvb, pinfo, proto_item_add_subtree(ti, ett_builtin));
		return call_dissector_only(vsockmon_handle, tvb, pinfo, tree, data);
	}
	return builtin_call(BUILTIN_VSOCK, tvb, pinfo, tree, data);
}

void proto_register_vsockmon(void)
{
	vs_from(vs_mon_op, vsockmon_op_names);
	vs_from(vs_transport, vsockmon_transport_names);
	vs_from(vs_type, vsock_virtio_type_names);
	vs_from(vs_op, vsock_virtio_op_names);

	static hf_register_info hf[] = {
		{ &hf_src_cid, { "Source CID", "vsockmon.src_cid", FT_UINT64, BASE_CUSTOM,
				 CF_FUNC(cid_fmt), 0, NULL, HFILL } },
		{ &hf_dst_cid, { "Destination CID", "vsockmon.dst_cid", FT_UINT64, BASE_CUSTOM,
				 CF_FUNC(cid_fmt), 0, NULL, HFILL } },
		{ &hf_src_port, { "Source port", "vsockmon.src_port", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_dst_port, { "Destination port", "vsockmon.dst_port", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_op, { "Monitor op", "vsockmon.op", FT_UINT16, BASE_DEC, NULL, 0,
			    "af_vsockmon_op: what the packet does to the connection", HFILL } },
		{ &hf_transport, { "Transport", "vsockmon.transport", FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_transport_len, { "Transport header length", "vsockmon.transport_len", FT_UINT16, BASE_DEC,
				       NULL, 0, "Octets of the transport header after this one (44 for virtio); "
				       "the payload's length is vsockmon.virtio.len", HFILL } },
		{ &hf_reserved, { "Reserved", "vsockmon.reserved", FT_UINT16, BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_cid, { "Source or destination CID", "vsockmon.cid", FT_UINT64, BASE_CUSTOM,
			     CF_FUNC(cid_fmt), 0, NULL, HFILL } },
		{ &hf_port, { "Source or destination port", "vsockmon.port", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_src_cid, { "Source CID", "vsockmon.virtio.src_cid", FT_UINT64, BASE_CUSTOM,
				   CF_FUNC(cid_fmt), 0, NULL, HFILL } },
		{ &hf_v_dst_cid, { "Destination CID", "vsockmon.virtio.dst_cid", FT_UINT64, BASE_CUSTOM,
				   CF_FUNC(cid_fmt), 0, NULL, HFILL } },
		{ &hf_v_src_port, { "Source port", "vsockmon.virtio.src_port", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_dst_port, { "Destination port", "vsockmon.virtio.dst_port", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_len, { "Payload length", "vsockmon.virtio.len", FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_type, { "Type", "vsockmon.virtio.type", FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_op, { "Op", "vsockmon.virtio.op", FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_v_flags, { "Flags", "vsockmon.virtio.flags", FT_UINT32, BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_v_flag_rcv, { "Shutdown receive", "vsockmon.virtio.flags.shutdown_rcv", FT_BOOLEAN, 32,
				    NULL, VSOCK_VIRTIO_SHUTDOWN_RCV, "No more data will be received", HFILL } },
		{ &hf_v_flag_send, { "Shutdown send", "vsockmon.virtio.flags.shutdown_send", FT_BOOLEAN, 32,
				     NULL, VSOCK_VIRTIO_SHUTDOWN_SEND, "No more data will be sent", HFILL } },
		{ &hf_v_flag_eom, { "End of message", "vsockmon.virtio.flags.eom", FT_BOOLEAN, 32,
				    NULL, VSOCK_VIRTIO_SEQ_EOM, NULL, HFILL } },
		{ &hf_v_flag_eor, { "End of record", "vsockmon.virtio.flags.eor", FT_BOOLEAN, 32,
				    NULL, VSOCK_VIRTIO_SEQ_EOR, "Sent with MSG_EOR", HFILL } },
		{ &hf_v_flag_reserved, { "Undefined flag bits", "vsockmon.virtio.flags.reserved", FT_UINT32, BASE_HEX,
					 NULL, 0, NULL, HFILL } },
		{ &hf_v_buf_alloc, { "Receive buffer", "vsockmon.virtio.buf_alloc", FT_UINT32, BASE_DEC, NULL, 0,
				     "Sender's receive buffer size (buf_alloc)", HFILL } },
		{ &hf_v_fwd_cnt, { "Forwarded count", "vsockmon.virtio.fwd_cnt", FT_UINT32, BASE_DEC, NULL, 0,
				   "Bytes the sender has consumed from its receive buffer (fwd_cnt)", HFILL } },
	};
	/* The value_strings are built above, so they are patched in here. */
	hf[4].hfinfo.strings = VALS(vs_mon_op);
	hf[5].hfinfo.strings = VALS(vs_transport);
	hf[15].hfinfo.strings = VALS(vs_type);
	hf[16].hfinfo.strings = VALS(vs_op);

	static int *ett[] = { &ett_vsockmon, &ett_virtio, &ett_flags, &ett_builtin };

	static ei_register_info ei[] = {
		{ &ei_hdr_len, { "vsockmon.transport_len.bad", PI_MALFORMED, PI_ERROR,
				 "Transport header length is not the transport's", EXPFILL } },
		{ &ei_op_mismatch, { "vsockmon.op.mismatch", PI_PROTOCOL, PI_WARN,
				     "Monitor op does not match the virtio op", EXPFILL } },
		{ &ei_payload_len, { "vsockmon.virtio.len.mismatch", PI_MALFORMED, PI_ERROR,
				     "virtio len differs from the payload length", EXPFILL } },
		{ &ei_addr_mismatch, { "vsockmon.addr.mismatch", PI_PROTOCOL, PI_WARN,
				       "Monitor and virtio addresses differ", EXPFILL } },
		{ &ei_unknown_transport, { "vsockmon.transport.unknown", PI_UNDECODED, PI_WARN,
					   "Unknown transport", EXPFILL } },
		{ &ei_unknown_mon_op, { "vsockmon.op.unknown", PI_PROTOCOL, PI_WARN,
					"Unknown monitor op", EXPFILL } },
		{ &ei_unknown_type, { "vsockmon.virtio.type.unknown", PI_PROTOCOL, PI_WARN,
				      "Unknown virtio type", EXPFILL } },
		{ &ei_unknown_op, { "vsockmon.virtio.op.unknown", PI_PROTOCOL, PI_WARN,
				    "Unknown virtio op", EXPFILL } },
		{ &ei_reserved, { "vsockmon.reserved.nonzero", PI_PROTOCOL, PI_WARN,
				  "Reserved bits set", EXPFILL } },
		{ &ei_truncated, { "vsockmon.truncated", PI_MALFORMED, PI_ERROR,
				   "Truncated frame", EXPFILL } },
	};

	proto_vsockmon = proto_register_protocol("vsock monitor", "VSOCKMON", "vsockmon");
	proto_register_field_array(proto_vsockmon, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_module_t *em = expert_register_protocol(proto_vsockmon);
	expert_register_field_array(em, ei, array_length(ei));

	module_t *m = prefs_register_protocol(proto_vsockmon, NULL);
	prefs_register_bool_preference(m, "analyze_connections", "Analyze connections",
				       "Track connections: stream index, relative sequence numbers, "
				       "handshake and credit analysis",
				       &vsmon_pref_analyze);
	prefs_register_bool_preference(m, "reassemble", "Reassemble payload",
				       "Reassemble stream payload for subdissectors that ask for more "
				       "bytes, and seqpacket payload into whole messages "
				       "(needs connection analysis)",
				       &vsmon_pref_reassemble);
	prefs_register_bool_preference(m, "try_heuristic_first", "Try heuristic sub-dissectors first",
				       "Try the \"vsockmon\" heuristic list before the port table",
				       &vsmon_pref_heur_first);
	prefs_register_bool_preference(m, "builtin_fields", "Fill the built-in vsock fields too",
				       "Also set the fields of Wireshark's own vsock dissector "
				       "(vsock.src_cid, vsock.virtio.op, ..., hidden) with the values it "
				       "would give, so filters, colouring rules and columns that use them "
				       "keep working",
				       &vsmon_pref_builtin_fields);
	prefs_register_uint_preference(m, "reassembly_limit", "Reassembly limit (bytes)",
				       "Largest PDU or message reassembled; longer ones are shown "
				       "as data with an expert note",
				       10, &vsmon_pref_reasm_limit);

	vsmon_at_cid = address_type_dissector_register("AT_VSOCKMON", "vsock CID:port", at_to_str, at_str_len,
						     NULL, at_col_filter, at_fixed_len, at_name, at_name_len);
	vsockmon_handle = register_dissector("vsockmon", dissect_vsockmon, proto_vsockmon);
	builtin_register(proto_vsockmon);

	vsmon_analysis_register();
	vsmon_payload_register();
	vsmon_apps_register();
	vsmon_stats_register();
}

void proto_reg_handoff_vsockmon(void)
{
	dissector_table_t encap = find_dissector_table("wtap_encap");
	dissector_handle_t builtin = encap ? dissector_get_uint_handle(encap, WTAP_ENCAP_VSOCK) : NULL;

	proto_vsock = proto_get_id_by_filter_name("vsock");
	builtin_add(BUILTIN_VSOCK, builtin ? builtin : find_dissector("vsock"));
	/* Replaces the built-in's entry for LINKTYPE_VSOCK (a description of
	 * its own, so Decode As tells the two apart). */
	dissector_add_uint("wtap_encap", WTAP_ENCAP_VSOCK,
			   create_dissector_handle_with_name_and_description(
				   dissect_linktype_vsock, proto_vsock, "vsockmon.linktype",
				   "vsock, by vsockmon"));
	vsmon_compat_handoff();
	vsmon_payload_handoff();
	vsmon_apps_handoff();
}
