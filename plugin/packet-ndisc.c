/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector: IPv6 Neighbor Discovery message headers, checksum and
 * message-level checks (RFC 4861 4.1-4.5 and 6.1, RFC 3122, RFC 3971 6.4). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/ipproto.h>
#include <epan/in_cksum.h>
#include <epan/to_str.h>
#include <epan/dissectors/packet-ip.h>

#include "builtin.h"
#include "packet-ndisc.h"
#include "packet-ndisc-common.h"
#include "packet-ndisc-analysis.h"
#include "packet-ndisc-compat.h"
#include "packet-ndisc-options.h"
#include "packet-ndisc-security.h"
#include "packet-ndisc-stats.h"
#include "ndp.h"


static int hf_type = -1;
static int hf_code = -1;
static int hf_checksum = -1;
static int hf_checksum_status = -1;
static int hf_rs_reserved = -1;
static int hf_ra_cur_hop_limit = -1;
static int hf_ra_flags = -1;
static int hf_ra_flag_m = -1;
static int hf_ra_flag_o = -1;
static int hf_ra_flag_h = -1;
static int hf_ra_prf = -1;
static int hf_ra_flag_p = -1;
static int hf_ra_reserved = -1;
static int hf_ra_router_lifetime = -1;
static int hf_ra_reachable = -1;
static int hf_ra_retrans = -1;
static int hf_ns_reserved = -1;
static int hf_ns_target = -1;
static int hf_target = -1;
static int hf_na_flags = -1;
static int hf_na_flag_r = -1;
static int hf_na_flag_s = -1;
static int hf_na_flag_o = -1;
static int hf_na_reserved = -1;
static int hf_na_target = -1;
static int hf_redirect_reserved = -1;
static int hf_redirect_target = -1;
static int hf_redirect_destination = -1;
static int hf_ind_reserved = -1;
static int hf_cps_identifier = -1;
static int hf_cps_component = -1;
static int hf_cpa_identifier = -1;
static int hf_cpa_all_components = -1;
static int hf_cpa_component = -1;
static int hf_cpa_reserved = -1;

static int ett_ndisc = -1;
static int ett_ra_flags = -1;
static int ett_na_flags = -1;

static expert_field ei_checksum_bad = EI_INIT;
static expert_field ei_hop_limit = EI_INIT;
static expert_field ei_code = EI_INIT;
static expert_field ei_short = EI_INIT;
static expert_field ei_ns_unspec_slla = EI_INIT;
static expert_field ei_ns_mcast_target = EI_INIT;
static expert_field ei_na_s_mcast = EI_INIT;
static expert_field ei_ra_src = EI_INIT;
static expert_field ei_na_mcast_target = EI_INIT;
static expert_field ei_redirect_src = EI_INIT;
static expert_field ei_dad_dst = EI_INIT;

static compat_bool pref_takeover = true;
static compat_bool ndisc_pref_builtin_fields = true;
static int proto_icmpv6 = -1;
static int ett_builtin = -1;
static dissector_handle_t ndisc_handle;
/* The hidden built-in icmpv6 item the dispatcher made for the message
 * ndisc is about to dissect (compatibility fields go below it). */
static proto_tree *dispatch_builtin_tree;

/* Message names for the type field, filled from the codec's table
 * (ndp_msg_desc_at) at registration. */
static value_string ndisc_type_vals[16];

static void
fill_type_vals(void)
{
	const struct ndp_msg_desc *d;
	size_t n;

	for (n = 0; (d = ndp_msg_desc_at(n)) && n < array_length(ndisc_type_vals) - 1; n++) {
		ndisc_type_vals[n].value = d->type;
		ndisc_type_vals[n].strptr = d->name;
	}
}

static const struct ndisc_ra_hf msg_ra_hf = {
	&hf_ra_cur_hop_limit, &hf_ra_flags, &hf_ra_flag_m, &hf_ra_flag_o,
	&hf_ra_flag_h, &hf_ra_prf, &hf_ra_flag_p, &hf_ra_reserved,
	&hf_ra_router_lifetime, &hf_ra_reachable, &hf_ra_retrans, &ett_ra_flags,
};

static void
add_reserved32(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf,
	       int offset)
{
	uint32_t v;
	proto_item *ti = proto_tree_add_item_ret_uint(tree, hf, tvb, offset, 4,
						      ENC_BIG_ENDIAN, &v);
	ndisc_check_reserved(pinfo, ti, v);
}

static void
add_target(tvbuff_t *tvb, proto_tree *tree, int hf, int offset,
	   struct ndisc_pkt *pkt)
{
	proto_tree_add_item(tree, hf, tvb, offset, 16, ENC_NA);
	/* the target of any message, the field people guess */
	proto_item_set_hidden(proto_tree_add_item(tree, hf_target, tvb, offset, 16, ENC_NA));
	tvb_memcpy(tvb, pkt->target, offset, 16);
	pkt->has_target = true;
}

/* Message header after type/code/checksum; returns the options' offset. */
static int
dissect_fixed(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
	      struct ndisc_pkt *pkt)
{
	uint32_t v;
	proto_item *ti;
	proto_tree *ft;

	switch (pkt->type) {
	case NDP_RS:
		add_reserved32(tvb, pinfo, tree, hf_rs_reserved, 4);
		return 8;
	case NDP_RA:
		ndisc_dissect_ra_fixed(tvb, 4, tree, &msg_ra_hf, pkt);
		return 16;
	case NDP_NS:
		add_reserved32(tvb, pinfo, tree, hf_ns_reserved, 4);
		add_target(tvb, tree, hf_ns_target, 8, pkt);
		return 24;
	case NDP_NA:
		ti = proto_tree_add_item_ret_uint(tree, hf_na_flags, tvb, 4, 4,
						  ENC_BIG_ENDIAN, &v);
		pkt->na_flags = v;
		ft = proto_item_add_subtree(ti, ett_na_flags);
		proto_tree_add_item(ft, hf_na_flag_r, tvb, 4, 4, ENC_BIG_ENDIAN);
		proto_tree_add_item(ft, hf_na_flag_s, tvb, 4, 4, ENC_BIG_ENDIAN);
		proto_tree_add_item(ft, hf_na_flag_o, tvb, 4, 4, ENC_BIG_ENDIAN);
		ti = proto_tree_add_item(ft, hf_na_reserved, tvb, 4, 4, ENC_BIG_ENDIAN);
		ndisc_check_reserved(pinfo, ti, v & 0x1fffffff);
		add_target(tvb, tree, hf_na_target, 8, pkt);
		return 24;
	case NDP_REDIRECT:
		add_reserved32(tvb, pinfo, tree, hf_redirect_reserved, 4);
		add_target(tvb, tree, hf_redirect_target, 8, pkt);
		proto_tree_add_item(tree, hf_redirect_destination, tvb, 24, 16, ENC_NA);
		tvb_memcpy(tvb, pkt->destination, 24, 16);
		return 40;
	case NDP_IND_SOL:
	case NDP_IND_ADV:
		add_reserved32(tvb, pinfo, tree, hf_ind_reserved, 4);
		return 8;
	case NDP_CPS:
		proto_tree_add_item(tree, hf_cps_identifier, tvb, 4, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(tree, hf_cps_component, tvb, 6, 2, ENC_BIG_ENDIAN);
		return 8;
	case NDP_CPA:
		proto_tree_add_item(tree, hf_cpa_identifier, tvb, 4, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(tree, hf_cpa_all_components, tvb, 6, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(tree, hf_cpa_component, tvb, 8, 2, ENC_BIG_ENDIAN);
		ti = proto_tree_add_item_ret_uint(tree, hf_cpa_reserved, tvb, 10, 2,
						  ENC_BIG_ENDIAN, &v);
		ndisc_check_reserved(pinfo, ti, v);
		return 12;
	default:
		return 4;
	}
}

static bool
is_unspecified(const uint8_t *a)
{
	static const uint8_t zero[16];
	return memcmp(a, zero, 16) == 0;
}

/* RFC 4291 2.7.1: ff02::1:ffXX:XXXX with the address's low 24 bits. */
static bool
is_solicited_node_of(const uint8_t *grp, const uint8_t *addr)
{
	static const uint8_t head[13] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };

	return memcmp(grp, head, 13) == 0 && memcmp(grp + 13, addr + 13, 3) == 0;
}

/* RFC 4861 6.1, 7.1, 8.1: the checks a node applies before accepting a
 * message (a failed one makes it drop the message: a Warning). */
static void
check_message(packet_info *pinfo, proto_item *ti, struct ndisc_pkt *pkt,
	      bool had_slla)
{
	switch (pkt->type) {
	case NDP_NS:
		if (pkt->has_src && is_unspecified(pkt->src) && had_slla)
			expert_add_info(pinfo, ti, &ei_ns_unspec_slla);
		if (pkt->has_target && pkt->target[0] == 0xff)
			expert_add_info(pinfo, ti, &ei_ns_mcast_target);
		if (pkt->has_src && is_unspecified(pkt->src) && pkt->has_dst && pkt->has_target &&
		    pkt->target[0] != 0xff && !is_solicited_node_of(pkt->dst, pkt->target)) {
			uint8_t sn[16] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };

			memcpy(sn + 13, pkt->target + 13, 3);
			expert_add_info_format(pinfo, ti, &ei_dad_dst,
					       "DAD probe sent to %s, not to the target's solicited-node "
					       "group %s: the address's owner does not hear it "
					       "(RFC 4862 5.4.2, RFC 4861 7.1.1)",
					       ndisc_ip6_str(pinfo->pool, pkt->dst),
					       ndisc_ip6_str(pinfo->pool, sn));
		}
		break;
	case NDP_NA:
		if ((pkt->na_flags & 0x40000000) && pkt->has_dst && pkt->dst[0] == 0xff)
			expert_add_info(pinfo, ti, &ei_na_s_mcast);
		if (pkt->has_target && pkt->target[0] == 0xff)
			expert_add_info(pinfo, ti, &ei_na_mcast_target);
		break;
	case NDP_REDIRECT:
		if (pkt->has_src && !(pkt->src[0] == 0xfe && (pkt->src[1] & 0xc0) == 0x80))
			expert_add_info(pinfo, ti, &ei_redirect_src);
		break;
	case NDP_RA:
		if (pkt->has_src && !(pkt->src[0] == 0xfe && (pkt->src[1] & 0xc0) == 0x80))
			expert_add_info(pinfo, ti, &ei_ra_src);
		break;
	default:
		break;
	}
}

/* The Info column, built in one buffer and set once: it runs for every
 * message, so no printf and no address_to_str here. */
struct info_buf {
	char s[512];
	size_t n;
};

static void
info_put(struct info_buf *b, const char *t)
{
	size_t l = strlen(t);

	if (l > sizeof(b->s) - 1 - b->n)
		l = sizeof(b->s) - 1 - b->n;
	memcpy(b->s + b->n, t, l);
	b->n += l;
	b->s[b->n] = '\0';
}

static void
info_ip6(struct info_buf *b, const uint8_t *a)
{
	char t[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(a, t);
	info_put(b, t);
}

static void
info_mac(struct info_buf *b, const uint8_t *m)
{
	char t[NDP_MAC_TEXT_LEN];

	ndp_mac_text(m, t);
	info_put(b, t);
}

static void
info_uint(struct info_buf *b, uint32_t v)
{
	char t[11];
	int i = (int)sizeof(t) - 1;

	t[i] = '\0';
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	info_put(b, t + i);
}

static void
set_info(packet_info *pinfo, struct ndisc_pkt *pkt)
{
	struct info_buf b = { .n = 0 };
	unsigned i;

	b.s[0] = '\0';
	info_put(&b, val_to_str_const(pkt->type, ndisc_type_vals, "ND"));
	switch (pkt->type) {
	case NDP_NS:
		if (pkt->has_target) {
			info_put(&b, " for ");
			info_ip6(&b, pkt->target);
		}
		if (pkt->has_src && is_unspecified(pkt->src))
			info_put(&b, " (DAD probe)");
		break;
	case NDP_NA:
		if (pkt->has_target) {
			info_put(&b, " ");
			info_ip6(&b, pkt->target);
		}
		if (pkt->na_flags & 0xe0000000) {
			info_put(&b, " (");
			if (pkt->na_flags & 0x80000000)
				info_put(&b, (pkt->na_flags & 0x60000000) ? "rtr, " : "rtr");
			if ((pkt->na_flags & 0x60000000) == 0x60000000)
				info_put(&b, "sol, ovr");
			else if (pkt->na_flags & 0x40000000)
				info_put(&b, "sol");
			else if (pkt->na_flags & 0x20000000)
				info_put(&b, "ovr");
			info_put(&b, ")");
		}
		if (pkt->has_tlla) {
			info_put(&b, " is at ");
			info_mac(&b, pkt->tlla);
		}
		break;
	case NDP_REDIRECT:
		if (pkt->has_target) {
			info_put(&b, " for ");
			info_ip6(&b, pkt->destination);
			info_put(&b, " via ");
			info_ip6(&b, pkt->target);
		}
		break;
	default:
		break;
	}
	if (pkt->type != NDP_NA && pkt->has_slla) {
		info_put(&b, " from ");
		info_mac(&b, pkt->slla);
	}
	if (pkt->type == NDP_RA) {
		for (i = 0; i < pkt->n_prefixes; i++) {
			info_put(&b, ", prefix ");
			info_ip6(&b, pkt->prefixes[i].addr);
			info_put(&b, "/");
			info_uint(&b, pkt->prefixes[i].len);
		}
		if (pkt->has_mtu) {
			info_put(&b, ", MTU ");
			info_uint(&b, pkt->mtu);
		}
		if (pkt->router_lifetime == 0)
			info_put(&b, ", not a default router");
	}
	col_add_str(pinfo->cinfo, COL_INFO, b.s);
}

/* A message without its whole fixed part: cut short (kill_router6 -F
 * sends an RA of 10 octets), or a fragment that carries only part of it.
 * What is there still goes to the analysis: an RA's router lifetime (its
 * first 8 octets) is enough for the router checks, and the extension
 * header and fragment finding needs nothing of the message. The rest
 * stays malformed: the short message's expert item, or, when only the
 * capture (snap length, missing fragments) lacks the octets, the bounds
 * exception the full dissection would have raised. */
static void
dissect_short(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *nt,
	      struct ndisc_pkt *pkt, unsigned avail, unsigned fixed)
{
	unsigned len = tvb_reported_length(tvb);
	bool ra_head = pkt->type == NDP_RA && avail >= 8;
	/* only the capture lacks octets (a fragment's tvb ends where the
	 * fragment does) */
	bool cut = len >= fixed || pinfo->fragmented;

	if (!cut)
		expert_add_info_format(pinfo, ti, &ei_short,
				       "%s shorter than its fixed part (%u of %u octets)",
				       val_to_str_const(pkt->type, ndisc_type_vals, "ND"),
				       len, fixed);
	if (ra_head)
		ndisc_dissect_ra_head(tvb, 4, nt, &msg_ra_hf, pkt);
	if (!pinfo->flags.in_error_pkt) {
		if (ra_head) {
			check_message(pinfo, ti, pkt, false);
			ndisc_analyze(tvb, pinfo, nt, pkt);
			set_info(pinfo, pkt);
			ndisc_stats_tap(pinfo, pkt);
		} else {
			ndisc_security_headers(tvb, pinfo, nt, pkt);
		}
	}
	if (cut)
		tvb_ensure_bytes_exist(tvb, 0, (int)fixed);
}

static int
dissect_nd(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	struct ndisc_pkt *pkt = wmem_new0(pinfo->pool, struct ndisc_pkt);

	pkt->builtin = dispatch_builtin_tree;
	dispatch_builtin_tree = NULL;
	unsigned len = tvb_reported_length(tvb);
	unsigned fixed, avail;
	proto_item *ti, *item;
	proto_tree *nt;
	uint32_t v;
	ws_ip6 *iph = WS_IP6_PTR(data);
	const uint8_t *a;
	int off;

	pkt->type = tvb_get_uint8(tvb, 0);
	if ((a = ndisc_ipv6_of(&pinfo->src)) != NULL) {
		memcpy(pkt->src, a, 16);
		pkt->has_src = true;
	}
	if ((a = ndisc_ipv6_of(&pinfo->dst)) != NULL) {
		memcpy(pkt->dst, a, 16);
		pkt->has_dst = true;
	}

	/* first, so the built-in's fields are there as far as the built-in
	 * would have got, however short the message (they catch their own
	 * exceptions and never stop ndisc) */
	if (pkt->builtin)
		ndisc_compat_message(tvb, pinfo, pkt->builtin, pkt);

	col_set_str(pinfo->cinfo, COL_PROTOCOL, "NDISC");
	col_add_str(pinfo->cinfo, COL_INFO,
		    val_to_str_const(pkt->type, ndisc_type_vals, "ND"));

	ti = proto_tree_add_item(tree, proto_ndisc, tvb, 0, -1, ENC_NA);
	nt = proto_item_add_subtree(ti, ett_ndisc);
	proto_item_append_text(ti, ", %s",
			       val_to_str_const(pkt->type, ndisc_type_vals, "ND"));

	proto_tree_add_item(nt, hf_type, tvb, 0, 1, ENC_BIG_ENDIAN);
	/* what is here: a message may be cut short, or be the first part of
	 * a fragmented packet that was not reassembled */
	avail = tvb_captured_length(tvb) < len ? tvb_captured_length(tvb) : len;
	if (avail >= 2) {
		item = proto_tree_add_item_ret_uint(nt, hf_code, tvb, 1, 1, ENC_BIG_ENDIAN, &v);
		pkt->code = (uint8_t)v;
		if (v != 0)
			expert_add_info_format(pinfo, item, &ei_code,
					       "Code is %u, not 0: hosts discard the message "
					       "(RFC 4861 6.1)", v);
	}
	if (avail >= 4)
		ndisc_add_checksum(tvb, pinfo, nt, hf_checksum, hf_checksum_status,
				   &ei_checksum_bad);

	/* inside an ICMPv6 error the quoted packet's hop limit has been
	 * decremented on its way: only the message itself is checked */
	if (iph && iph->ip6_hop != 255 && !pinfo->flags.in_error_pkt)
		expert_add_info_format(pinfo, ti, &ei_hop_limit,
				       "IPv6 hop limit is %u, not 255: not from an on-link neighbor, "
				       "hosts discard it (RFC 4861 6.1)",
				       iph->ip6_hop);

	fixed = (unsigned)ndp_msg_fixed_len(pkt->type);
	if (avail < fixed) {
		dissect_short(tvb, pinfo, ti, nt, pkt, avail, fixed);
		return tvb_captured_length(tvb);
	}
	off = dissect_fixed(tvb, pinfo, nt, pkt);
	if (pkt->type == NDP_RA && (pkt->ra_flags & 0x03))
		expert_add_info_format(pinfo, ti, &ei_ndisc_reserved,
				       "Reserved field is not zero (0x%x)", pkt->ra_flags & 0x03);

	ndisc_dissect_options(tvb, off, pinfo, nt, pkt->type, pkt, 0);
	check_message(pinfo, ti, pkt, pkt->has_slla);
	if (pinfo->flags.in_error_pkt)
		return tvb_captured_length(tvb);  /* a quote: no state, no stats */
	ndisc_analyze(tvb, pinfo, nt, pkt);
	set_info(pinfo, pkt);
	ndisc_stats_tap(pinfo, pkt);
	return tvb_captured_length(tvb);
}

static bool
is_nd_type(uint8_t type)
{
	return ndp_msg_fixed_len(type) != 0;
}

/* ip.proto 58 under the built-in icmpv6 protocol's name: ICMPv6 stays a
 * layer of its own (frame.protocols "...:ipv6:icmpv6:ndisc", the default
 * "icmp || icmpv6" colouring rule, -z io,phs), disabling icmpv6 disables
 * it, and per message it picks ndisc (ND types, ndisc enabled, the
 * preference on) or hands the message to the built-in icmpv6. For ndisc it
 * adds icmpv6's protocol item, hidden, and below it the built-in's fields
 * (packet-ndisc-compat.c), so filters on icmpv6.* match as before. */
static int
dissect_icmpv6_dispatch(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
			void *data)
{
	if (pref_takeover && tvb_captured_length(tvb) >= 1 &&
	    is_nd_type(tvb_get_uint8(tvb, 0)) &&
	    proto_is_protocol_enabled(find_protocol_by_id(proto_ndisc))) {
		proto_tree *saved = dispatch_builtin_tree;
		proto_item *ti = proto_tree_add_item(tree, proto_icmpv6, tvb, 0, -1, ENC_NA);
		int ret;

		proto_item_set_hidden(ti);
		dispatch_builtin_tree = ndisc_pref_builtin_fields && ti ?
					proto_item_add_subtree(ti, ett_builtin) : NULL;
		ret = call_dissector_only(ndisc_handle, tvb, pinfo, tree, data);
		dispatch_builtin_tree = saved;
		if (ret > 0)
			return ret;
	}
	return builtin_call(BUILTIN_ICMPV6, tvb, pinfo, tree, data);
}

static int
dissect_ndisc(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	if (tvb_captured_length(tvb) < 1 || !is_nd_type(tvb_get_uint8(tvb, 0)))
		return 0;
	return dissect_nd(tvb, pinfo, tree, data);
}

void
proto_register_ndisc(void)
{
	static hf_register_info hf[] = {
		{ &hf_type, { "Type", "ndisc.type", FT_UINT8, BASE_DEC,
			      VALS(ndisc_type_vals), 0, NULL, HFILL } },
		{ &hf_code, { "Code", "ndisc.code", FT_UINT8, BASE_DEC,
			      NULL, 0, NULL, HFILL } },
		{ &hf_checksum, { "Checksum", "ndisc.checksum", FT_UINT16, BASE_HEX,
				  NULL, 0, NULL, HFILL } },
		{ &hf_checksum_status, { "Checksum Status", "ndisc.checksum.status",
					 FT_UINT8, BASE_NONE, VALS(proto_checksum_vals),
					 0, NULL, HFILL } },
		{ &hf_rs_reserved, { "Reserved", "ndisc.rs.reserved", FT_UINT32,
				     BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_ra_cur_hop_limit, { "Cur hop limit", "ndisc.ra.cur_hop_limit",
					  FT_UINT8, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_ra_flags, { "Flags", "ndisc.ra.flags", FT_UINT8, BASE_HEX,
				  NULL, 0, NULL, HFILL } },
		{ &hf_ra_flag_m, { "Managed address configuration", "ndisc.ra.flag.m",
				   FT_BOOLEAN, 8, TFS(&tfs_set_notset), 0x80,
				   "M: addresses from DHCPv6 (RFC 4861)", HFILL } },
		{ &hf_ra_flag_o, { "Other configuration", "ndisc.ra.flag.o",
				   FT_BOOLEAN, 8, TFS(&tfs_set_notset), 0x40,
				   "O: other configuration from DHCPv6 (RFC 4861)", HFILL } },
		{ &hf_ra_flag_h, { "Home agent", "ndisc.ra.flag.h",
				   FT_BOOLEAN, 8, TFS(&tfs_set_notset), 0x20,
				   "H: the router is a Mobile IPv6 home agent (RFC 6275)", HFILL } },
		{ &hf_ra_prf, { "Default router preference", "ndisc.ra.prf",
				FT_UINT8, BASE_DEC, VALS(ndisc_prf_vals), 0x18,
				"Prf (RFC 4191)", HFILL } },
		{ &hf_ra_flag_p, { "Proxy", "ndisc.ra.flag.p",
				   FT_BOOLEAN, 8, TFS(&tfs_set_notset), 0x04,
				   "P: ND proxy (RFC 4389)", HFILL } },
		{ &hf_ra_reserved, { "Reserved", "ndisc.ra.reserved",
				     FT_UINT8, BASE_HEX, NULL, 0x03, NULL, HFILL } },
		{ &hf_ra_router_lifetime, { "Router lifetime (s)", "ndisc.ra.router_lifetime",
					    FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_ra_reachable, { "Reachable time (ms)", "ndisc.ra.reachable",
				      FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_ra_retrans, { "Retrans timer (ms)", "ndisc.ra.retrans",
				    FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_ns_reserved, { "Reserved", "ndisc.ns.reserved", FT_UINT32,
				     BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_ns_target, { "Target address", "ndisc.ns.target", FT_IPv6,
				   BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_target, { "Target address", "ndisc.target", FT_IPv6, BASE_NONE, NULL, 0,
				"The target of an NS, NA or Redirect", HFILL } },
		{ &hf_na_flags, { "Flags", "ndisc.na.flags", FT_UINT32, BASE_HEX,
				  NULL, 0, NULL, HFILL } },
		{ &hf_na_flag_r, { "Router", "ndisc.na.flag.r", FT_BOOLEAN, 32,
				   TFS(&tfs_set_notset), 0x80000000, NULL, HFILL } },
		{ &hf_na_flag_s, { "Solicited", "ndisc.na.flag.s", FT_BOOLEAN, 32,
				   TFS(&tfs_set_notset), 0x40000000, NULL, HFILL } },
		{ &hf_na_flag_o, { "Override", "ndisc.na.flag.o", FT_BOOLEAN, 32,
				   TFS(&tfs_set_notset), 0x20000000, NULL, HFILL } },
		{ &hf_na_reserved, { "Reserved", "ndisc.na.reserved", FT_UINT32,
				     BASE_HEX, NULL, 0x1fffffff, NULL, HFILL } },
		{ &hf_na_target, { "Target address", "ndisc.na.target", FT_IPv6,
				   BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_redirect_reserved, { "Reserved", "ndisc.redirect.reserved",
					   FT_UINT32, BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_redirect_target, { "Target address", "ndisc.redirect.target",
					 FT_IPv6, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_redirect_destination, { "Destination address",
					      "ndisc.redirect.destination", FT_IPv6,
					      BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_ind_reserved, { "Reserved", "ndisc.ind.reserved", FT_UINT32,
				      BASE_HEX, NULL, 0, NULL, HFILL } },
		{ &hf_cps_identifier, { "Identifier", "ndisc.cps.identifier", FT_UINT16,
					BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_cps_component, { "Component", "ndisc.cps.component", FT_UINT16,
				       BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_cpa_identifier, { "Identifier", "ndisc.cpa.identifier", FT_UINT16,
					BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_cpa_all_components, { "All components", "ndisc.cpa.all_components",
					    FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_cpa_component, { "Component", "ndisc.cpa.component", FT_UINT16,
				       BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_cpa_reserved, { "Reserved", "ndisc.cpa.reserved", FT_UINT16,
				      BASE_HEX, NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_ndisc, &ett_ra_flags, &ett_na_flags, &ett_builtin };
	static ei_register_info ei[] = {
		{ &ei_checksum_bad, { "ndisc.checksum.bad", PI_CHECKSUM, PI_ERROR,
				      "Bad checksum", EXPFILL } },
		{ &ei_hop_limit, { "ndisc.hop_limit.bad", PI_PROTOCOL, PI_WARN,
				   "IPv6 hop limit is not 255", EXPFILL } },
		{ &ei_code, { "ndisc.code.nonzero", PI_PROTOCOL, PI_WARN,
			      "Code is not 0", EXPFILL } },
		{ &ei_short, { "ndisc.short", PI_MALFORMED, PI_ERROR,
			       "Message shorter than its fixed part", EXPFILL } },
		{ &ei_ndisc_reserved, { "ndisc.reserved.nonzero", PI_PROTOCOL, PI_NOTE,
				  "Reserved field is not zero", EXPFILL } },
		{ &ei_ns_unspec_slla, { "ndisc.ns.unspec_slla", PI_PROTOCOL, PI_WARN,
					"NS from the unspecified address carries a source link-layer "
					"address option: hosts discard it (RFC 4861 7.1.1)",
					EXPFILL } },
		{ &ei_ns_mcast_target, { "ndisc.ns.mcast_target", PI_PROTOCOL, PI_WARN,
					 "NS target is a multicast address: hosts discard it (RFC 4861 7.1.1)", EXPFILL } },
		{ &ei_na_s_mcast, { "ndisc.na.s_mcast", PI_PROTOCOL, PI_WARN,
				    "NA with the Solicited flag sent to a multicast destination: "
				    "hosts discard it (RFC 4861 7.1.2)",
				    EXPFILL } },
		{ &ei_ra_src, { "ndisc.ra.src_not_link_local", PI_PROTOCOL, PI_WARN,
				"RA source is not a link-local address: hosts discard it (RFC 4861 6.1.2)", EXPFILL } },
		{ &ei_na_mcast_target, { "ndisc.na.mcast_target", PI_PROTOCOL, PI_WARN,
					 "NA target is a multicast address: hosts discard it (RFC 4861 7.1.2)",
					 EXPFILL } },
		{ &ei_redirect_src, { "ndisc.redirect.src_not_link_local", PI_PROTOCOL, PI_WARN,
				      "Redirect source is not a link-local address: hosts discard it "
				      "(RFC 4861 8.1)", EXPFILL } },
		{ &ei_dad_dst, { "ndisc.ns.dad_dst", PI_PROTOCOL, PI_WARN,
				 "DAD probe not sent to the target's solicited-node group", EXPFILL } },
	};
	module_t *module;
	expert_module_t *expert;

	proto_ndisc = proto_register_protocol("IPv6 Neighbor Discovery", "NDISC", "ndisc");
	fill_type_vals();
	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));
	ndisc_handle = register_dissector("ndisc", dissect_ndisc, proto_ndisc);
	builtin_register(proto_ndisc);

	module = prefs_register_protocol(proto_ndisc, NULL);
	prefs_register_bool_preference(module, "takeover",
				       "Dissect Neighbor Discovery messages",
				       "Take ND messages (types 133-137, 141, 142, 148, 149) "
				       "from the built-in ICMPv6 dissector; off gives all of "
				       "ICMPv6 back to it",
				       &pref_takeover);
	prefs_register_bool_preference(module, "builtin_fields",
				       "Fill the built-in icmpv6 fields too",
				       "Also set the fields of Wireshark's own icmpv6 dissector "
				       "(icmpv6.type, icmpv6.opt.prefix, ..., hidden) with the values "
				       "it would give, so filters, colouring rules and columns that use "
				       "them keep working",
				       &ndisc_pref_builtin_fields);

	ndisc_options_register();
	ndisc_analysis_register();
	ndisc_stats_register();
}

void
proto_reg_handoff_ndisc(void)
{
	dissector_table_t ip_proto = find_dissector_table("ip.proto");
	dissector_handle_t builtin = ip_proto ? dissector_get_uint_handle(ip_proto, IP_PROTO_ICMPV6) : NULL;

	proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
	builtin_add(BUILTIN_ICMPV6, builtin ? builtin : find_dissector("icmpv6"));
	/* a description of its own: Decode As lists it beside the built-in */
	dissector_add_uint("ip.proto", IP_PROTO_ICMPV6,
			   create_dissector_handle_with_name_and_description(
				   dissect_icmpv6_dispatch, proto_icmpv6, "ndisc.dispatch",
				   "ICMPv6, Neighbor Discovery by ndisc"));
	ndisc_compat_handoff();
}
