/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector: what its files share (packet-ndisc-common.h): the
 * protocol id, names, address text, the reserved-field check, the checksum
 * and the RA header a PvD ID option embeds. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/ipproto.h>
#include <epan/in_cksum.h>
#include <epan/tap.h>

#include "packet-ndisc-common.h"
#include "ndp.h"

int proto_ndisc = -1;
expert_field ei_ndisc_reserved = EI_INIT;

/* RFC 4191 2.1 */
const value_string ndisc_prf_vals[] = {
	{ 0, "Medium" }, { 1, "High" }, { 2, "Reserved" }, { 3, "Low" },
	{ 0, NULL }
};

const char *
ndisc_opt_name(uint8_t type)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(type);
	return d && d->name ? d->name : "Unknown";
}

char *
ndisc_lifetime_str(wmem_allocator_t *scope, uint32_t secs)
{
	wmem_strbuf_t *b;
	uint32_t d = secs / 86400, h = secs / 3600 % 24, m = secs / 60 % 60,
		s = secs % 60;

	if (secs == 0xffffffff)
		return wmem_strdup(scope, "infinity");
	if (secs == 0)
		return wmem_strdup(scope, "0s");
	b = wmem_strbuf_new(scope, "");
	if (d)
		wmem_strbuf_append_printf(b, "%ud", d);
	if (h)
		wmem_strbuf_append_printf(b, "%uh", h);
	if (m)
		wmem_strbuf_append_printf(b, "%um", m);
	if (s)
		wmem_strbuf_append_printf(b, "%us", s);
	return wmem_strbuf_finalize(b);
}

void
ndisc_check_reserved(packet_info *pinfo, proto_item *ti, uint64_t value)
{
	if (value != 0)
		expert_add_info_format(pinfo, ti, &ei_ndisc_reserved,
				       "Reserved field is not zero (0x%" PRIx64 ")", value);
}

const char *
ndisc_ip6_str(wmem_allocator_t *scope, const uint8_t *a)
{
	char t[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(a, t);
	return wmem_strdup(scope, t);
}

const char *
ndisc_mac_str(wmem_allocator_t *scope, const uint8_t *m)
{
	char t[NDP_MAC_TEXT_LEN];

	ndp_mac_text(m, t);
	return wmem_strdup(scope, t);
}

const uint8_t *
ndisc_ipv6_of(const address *a)
{
	return (a->type == AT_IPv6 && a->len == 16) ? (const uint8_t *)a->data : NULL;
}

/* The message's checksum into hf and hf_status (ndisc's own fields, or the
 * built-in icmpv6's), verified over the pseudo-header where it can be:
 * not a fragment, all of the message captured, not a quoted message. */
void
ndisc_add_checksum(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf,
		   int hf_status, expert_field *ei)
{
	unsigned len = tvb_reported_length(tvb);
	const uint8_t *src = ndisc_ipv6_of(&pinfo->src), *dst = ndisc_ipv6_of(&pinfo->dst);
	vec_t vec[4];
	uint32_t phdr[2];

	if (!src || !dst || tvb_captured_length(tvb) < len ||
	    pinfo->flags.in_error_pkt || pinfo->fragmented) {
		proto_tree_add_checksum(tree, tvb, 2, hf, hf_status, ei, pinfo, 0,
					ENC_BIG_ENDIAN, PROTO_CHECKSUM_NO_FLAGS);
		return;
	}
	phdr[0] = g_htonl(len);
	phdr[1] = g_htonl(IP_PROTO_ICMPV6);
	SET_CKSUM_VEC_PTR(vec[0], src, 16);
	SET_CKSUM_VEC_PTR(vec[1], dst, 16);
	SET_CKSUM_VEC_PTR(vec[2], (const uint8_t *)phdr, 8);
	SET_CKSUM_VEC_TVB(vec[3], tvb, 0, len);
	proto_tree_add_checksum(tree, tvb, 2, hf, hf_status, ei, pinfo, in_cksum(vec, 4),
				ENC_BIG_ENDIAN, PROTO_CHECKSUM_VERIFY | PROTO_CHECKSUM_IN_CKSUM);
}

/* The 12 octets after type, code, checksum of an RA (also inside PvD ID). */
int
ndisc_dissect_ra_head(tvbuff_t *tvb, int offset, proto_tree *tree,
		      const struct ndisc_ra_hf *hf, struct ndisc_pkt *pkt)
{
	uint32_t v;
	proto_item *ti;
	proto_tree *ft;

	proto_tree_add_item_ret_uint(tree, *hf->cur_hop_limit, tvb, offset, 1,
				     ENC_BIG_ENDIAN, &v);
	if (pkt)
		pkt->cur_hop_limit = (uint8_t)v;
	ti = proto_tree_add_item_ret_uint(tree, *hf->flags, tvb, offset + 1, 1,
					  ENC_BIG_ENDIAN, &v);
	if (pkt)
		pkt->ra_flags = (uint8_t)v;
	ft = proto_item_add_subtree(ti, *hf->ett_flags);
	proto_tree_add_item(ft, *hf->flag_m, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, *hf->flag_o, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, *hf->flag_h, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, *hf->prf, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, *hf->flag_p, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, *hf->reserved, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
	proto_item_append_text(ti, " (%s%s%s%s%sPrf %s)",
			       v & 0x80 ? "M, " : "", v & 0x40 ? "O, " : "",
			       v & 0x20 ? "H, " : "", v & 0x04 ? "P, " : "",
			       v & 0x03 ? "reserved bits, " : "",
			       val_to_str_const((v >> 3) & 3, ndisc_prf_vals, "?"));
	proto_tree_add_item_ret_uint(tree, *hf->router_lifetime, tvb, offset + 2, 2,
				     ENC_BIG_ENDIAN, &v);
	if (pkt)
		pkt->router_lifetime = (uint16_t)v;
	return offset + 4;
}

int
ndisc_dissect_ra_fixed(tvbuff_t *tvb, int offset, proto_tree *tree,
		       const struct ndisc_ra_hf *hf, struct ndisc_pkt *pkt)
{
	uint32_t v;

	offset = ndisc_dissect_ra_head(tvb, offset, tree, hf, pkt);
	proto_tree_add_item_ret_uint(tree, *hf->reachable, tvb, offset, 4,
				     ENC_BIG_ENDIAN, &v);
	if (pkt)
		pkt->reachable = v;
	proto_tree_add_item_ret_uint(tree, *hf->retrans, tvb, offset + 4, 4,
				     ENC_BIG_ENDIAN, &v);
	if (pkt)
		pkt->retrans = v;
	return offset + 8;
}

bool
ndisc_expert_text(proto_tree *tree)
{
	static int tap = -1, hf_msg = -1, hf_expert = -1;

	if (tap < 0) {
		tap = find_tap_id("expert");
		hf_msg = proto_registrar_get_id_byname("_ws.expert.message");
		hf_expert = proto_registrar_get_id_byname("_ws.expert");
	}
	if (tap >= 0 && have_tap_listener(tap))
		return true;
	if (!tree)
		return false;
	/* -e _ws.expert prints the texts too */
	return hf_msg < 0 || hf_expert < 0 || proto_field_is_referenced(tree, hf_msg) ||
	       proto_field_is_referenced(tree, hf_expert);
}
