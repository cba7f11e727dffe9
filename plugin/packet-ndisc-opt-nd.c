/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of core ND and router configuration, as
 * codec/ndp_opt_nd.c: link-layer addresses, prefix information, redirected
 * header, MTU (RFC 4861 4.6), NBMA shortcut limit (RFC 2491), advertisement
 * interval and home agent information (RFC 6275 7.3, 7.4), address lists
 * (RFC 3122 3), MAP (RFC 5380 6.3), route information (RFC 4191 2.3), RA
 * flags extension (RFC 5175 4), captive portal (RFC 8910 2.3), PREF64
 * (RFC 8781 4) and the experiment types (RFC 4727). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>

#include "packet-ndisc-opt-nd.h"
#include "ndp.h"

static int hf_slla_addr = -1;
static int hf_slla_addr_raw = -1;
static int hf_tlla_addr = -1;
static int hf_tlla_addr_raw = -1;
static int hf_lladdr = -1;
static int hf_prefix_len = -1;
static int hf_prefix_flags = -1;
static int hf_prefix_flag_l = -1;
static int hf_prefix_flag_a = -1;
static int hf_prefix_flag_r = -1;
static int hf_prefix_flag_p = -1;
static int hf_prefix_reserved1 = -1;
static int hf_prefix_valid = -1;
static int hf_prefix_preferred = -1;
static int hf_prefix_reserved2 = -1;
static int hf_prefix_prefix = -1;
static int hf_redirected_reserved = -1;
static int hf_redirected_data = -1;
static int hf_mtu_reserved = -1;
static int hf_mtu_value = -1;
static int hf_nbma_limit = -1;
static int hf_nbma_reserved1 = -1;
static int hf_nbma_reserved2 = -1;
static int hf_adv_interval_reserved = -1;
static int hf_adv_interval_interval = -1;
static int hf_ha_info_reserved = -1;
static int hf_ha_info_preference = -1;
static int hf_ha_info_lifetime = -1;
static int hf_src_addr_list_reserved = -1;
static int hf_src_addr_list_addr = -1;
static int hf_tgt_addr_list_reserved = -1;
static int hf_tgt_addr_list_addr = -1;
static int hf_map_dist = -1;
static int hf_map_pref = -1;
static int hf_map_flag_r = -1;
static int hf_map_reserved = -1;
static int hf_map_valid = -1;
static int hf_map_addr = -1;
static int hf_route_len = -1;
static int hf_route_reserved1 = -1;
static int hf_route_prf = -1;
static int hf_route_reserved2 = -1;
static int hf_route_lifetime = -1;
static int hf_route_prefix = -1;
static int hf_ra_flags_ext_flags = -1;
static int hf_pref64_lifetime = -1;
static int hf_pref64_plc = -1;
static int hf_pref64_prefix = -1;
static int hf_exp_data = -1;
static int hf_captive_portal_uri = -1;

static expert_field ei_prefix_lifetimes = EI_INIT;
static expert_field ei_prefix_len = EI_INIT;
static expert_field ei_route_len = EI_INIT;
static expert_field ei_mtu_small = EI_INIT;
static expert_field ei_route_len_opt = EI_INIT;
static expert_field ei_pref64_plc = EI_INIT;
static expert_field ei_prefix_link_local = EI_INIT;
static expert_field ei_prefix_slaac_len = EI_INIT;
static expert_field ei_prefix_bits = EI_INIT;

/* RFC 8781 4: prefix length code */
static const value_string plc_vals[] = {
	{ 0, "/96" }, { 1, "/64" }, { 2, "/56" }, { 3, "/48" }, { 4, "/40" },
	{ 5, "/32" }, { 0, NULL }
};
static const uint8_t plc_len[] = { 96, 64, 56, 48, 40, 32 };

/* RFC 4861 4.6.2, RFC 4191 2.3, RFC 8781 4: the bits of a prefix after
 * its length are reserved; senders MUST zero them, receivers ignore them. */
static void
check_prefix_bits(struct optctx *c, proto_item *ti, const uint8_t *a, unsigned plen)
{
	unsigned i;

	if (plen >= 128)
		return;
	for (i = plen / 8; i < 16; i++) {
		uint8_t keep = i == plen / 8 ? (uint8_t)(0xff00u >> (plen % 8)) : 0;

		if (a[i] & ~keep) {
			expert_add_info_format(c->pinfo, ti, &ei_prefix_bits,
					       "Prefix %s has bits set beyond its length /%u: senders "
					       "MUST zero them, receivers ignore them (RFC 4861 4.6.2)",
					       ndisc_ip6_str(c->pinfo->pool, a), plen);
			return;
		}
	}
}

static void
lla_common(struct optctx *c, int hf_ether, int hf_raw, bool *has, uint8_t *mac)
{
	/* Ethernet: 6 octets fill a 1-unit option (RFC 2464 8) */
	if (c->len == 8) {
		proto_tree_add_item(c->tree, hf_ether, c->tvb, 2, 6, ENC_NA);
		/* either direction's address, the field people guess */
		proto_item_set_hidden(proto_tree_add_item(c->tree, hf_lladdr, c->tvb, 2, 6, ENC_NA));
		opt_summary(c, "%s", tvb_ether_to_str(c->pinfo->pool, c->tvb, 2));
		if (c->pkt && !*has) {
			tvb_memcpy(c->tvb, mac, 2, 6);
			*has = true;
		}
	} else {
		opt_add_bytes(c, hf_raw, 2, c->len - 2);
		opt_summary(c, "%s", tvb_bytes_to_str(c->pinfo->pool, c->tvb, 2, c->len - 2));
	}
}

static void
opt_slla(struct optctx *c)
{
	lla_common(c, hf_slla_addr, hf_slla_addr_raw, &c->pkt->has_slla, c->pkt->slla);
}

static void
opt_tlla(struct optctx *c)
{
	lla_common(c, hf_tlla_addr, hf_tlla_addr_raw, &c->pkt->has_tlla, c->pkt->tlla);
}

static void
opt_prefix(struct optctx *c)
{
	uint32_t plen, flags, valid, preferred, r2;
	proto_tree *ft;
	proto_item *ti;
	struct ndisc_pkt *p = c->pkt;

	ti = proto_tree_add_item_ret_uint(c->tree, hf_prefix_len, c->tvb, 2, 1,
					  ENC_BIG_ENDIAN, &plen);
	if (plen > 128)
		expert_add_info_format(c->pinfo, ti, &ei_prefix_len,
				       "Prefix length %u exceeds 128", plen);
	ft = opt_add_flags(c, hf_prefix_flags, 3, 1, &flags);
	proto_tree_add_item(ft, hf_prefix_flag_l, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_prefix_flag_a, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_prefix_flag_r, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_prefix_flag_p, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	ti = proto_tree_add_item(ft, hf_prefix_reserved1, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, flags & 0x0f);
	valid = opt_add_uint(c, hf_prefix_valid, 4, 4);
	ti = proto_tree_add_item_ret_uint(c->tree, hf_prefix_preferred, c->tvb, 8, 4,
					  ENC_BIG_ENDIAN, &preferred);
	if (preferred > valid)
		expert_add_info_format(c->pinfo, ti, &ei_prefix_lifetimes,
				       "Preferred lifetime (%u s) exceeds valid lifetime (%u s)",
				       preferred, valid);
	ti = proto_tree_add_item_ret_uint(c->tree, hf_prefix_reserved2, c->tvb, 12, 4,
					  ENC_BIG_ENDIAN, &r2);
	ndisc_check_reserved(c->pinfo, ti, r2);
	ti = proto_tree_add_item(c->tree, hf_prefix_prefix, c->tvb, 16, 16, ENC_NA);
	{
		uint8_t a[16];

		tvb_memcpy(c->tvb, a, 16, 16);
		if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
			expert_add_info_format(c->pinfo, c->item, &ei_prefix_link_local,
					       "Prefix Information for the link-local prefix %s/%u: "
					       "hosts ignore the option (RFC 4861 6.3.4, RFC 4862 5.5.3 b)",
					       ndisc_ip6_str(c->pinfo->pool, a), plen);
		else if ((flags & 0x40) && plen <= 128 && plen != 64)
			expert_add_info_format(c->pinfo, c->item, &ei_prefix_slaac_len,
					       "Autonomous flag on a /%u prefix: a host forms addresses only "
					       "where prefix length + interface identifier length = 128, so "
					       "with 64-bit identifiers it ignores this one (RFC 4862 5.5.3 d)",
					       plen);
		if (plen <= 128)
			check_prefix_bits(c, ti, a, plen);
	}
	opt_summary(c, "%s/%u%s%s%s%s%s, valid %s, preferred %s", opt_ip6_at(c, 16), plen,
		flags & 0xf0 ? "," : "",
		flags & 0x80 ? " L" : "", flags & 0x40 ? " A" : "",
		flags & 0x20 ? " R" : "", flags & 0x10 ? " P" : "",
		ndisc_lifetime_str(c->pinfo->pool, valid),
		ndisc_lifetime_str(c->pinfo->pool, preferred));
	if (p && p->n_prefixes < NDISC_MAX_PREFIXES) {
		struct ndisc_prefix *np = &p->prefixes[p->n_prefixes++];
		tvb_memcpy(c->tvb, np->addr, 16, 16);
		np->len = (uint8_t)plen;
		np->flags = (uint8_t)flags;
		np->valid = valid;
		np->preferred = preferred;
	}
}

/* The quoted packet goes to Wireshark's ipv6 dissector as a quote
 * (in_error_pkt: no conversations, no analysis state, no checksum
 * verdicts, ndisc itself records nothing for a quoted ND message), with
 * the columns and this packet's addresses and ports left as they were. */
static void
dissect_quoted_ipv6(struct optctx *c, int off, int len)
{
	static dissector_handle_t ipv6_handle;
	packet_info *pinfo = c->pinfo;
	address src = pinfo->src, dst = pinfo->dst;
	address net_src = pinfo->net_src, net_dst = pinfo->net_dst;
	port_type ptype = pinfo->ptype;
	uint32_t srcport = pinfo->srcport, destport = pinfo->destport;
	bool in_error = pinfo->flags.in_error_pkt;
	bool writable = col_get_writable(pinfo->cinfo, -1);
	tvbuff_t *inner;

	if (!ipv6_handle)
		ipv6_handle = find_dissector("ipv6");
	/* a quote of a quote adds nothing and could nest without end */
	if (!ipv6_handle || len < 40 || c->depth > 0 || in_error ||
	    (tvb_get_uint8(c->tvb, off) >> 4) != 6)
		return;
	inner = tvb_new_subset_length(c->tvb, off, len);
	col_set_writable(pinfo->cinfo, -1, false);
	pinfo->flags.in_error_pkt = true;
	TRY {
		call_dissector(ipv6_handle, inner, pinfo, c->tree);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(inner, pinfo, c->tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
	pinfo->flags.in_error_pkt = in_error;
	col_set_writable(pinfo->cinfo, -1, writable);
	pinfo->src = src;
	pinfo->dst = dst;
	pinfo->net_src = net_src;
	pinfo->net_dst = net_dst;
	pinfo->ptype = ptype;
	pinfo->srcport = srcport;
	pinfo->destport = destport;
}

static void
opt_redirected(struct optctx *c)
{
	opt_add_reserved(c, hf_redirected_reserved, 2, 6);
	opt_add_bytes(c, hf_redirected_data, 8, c->len - 8);
	if (c->len >= 8 + 40 && (tvb_get_uint8(c->tvb, 8) >> 4) == 6)
		opt_summary(c, "%u octets of %s -> %s", c->len - 8, opt_ip6_at(c, 8 + 8),
			    opt_ip6_at(c, 8 + 24));
	else
		opt_summary(c, "%u octets of the redirected packet", c->len - 8);
	dissect_quoted_ipv6(c, 8, (int)c->len - 8);
}

static void
opt_mtu(struct optctx *c)
{
	uint32_t mtu;

	opt_add_reserved(c, hf_mtu_reserved, 2, 2);
	mtu = opt_add_uint(c, hf_mtu_value, 4, 4);
	opt_summary(c, "%u", mtu);
	if (mtu < 1280)
		expert_add_info_format(c->pinfo, c->item, &ei_mtu_small,
				       "MTU %u is below IPv6's minimum link MTU of 1280 (RFC 8200 5): "
				       "hosts ignore it (RFC 4861 6.3.4)", mtu);
	if (c->pkt && !c->pkt->has_mtu) {
		c->pkt->has_mtu = true;
		c->pkt->mtu = mtu;
	}
}

static void
opt_nbma(struct optctx *c)
{
	uint32_t limit = opt_add_uint(c, hf_nbma_limit, 2, 1);

	opt_summary(c, "%u", limit);
	opt_add_reserved(c, hf_nbma_reserved1, 3, 1);
	opt_add_reserved(c, hf_nbma_reserved2, 4, 4);
}

static void
opt_adv_interval(struct optctx *c)
{
	uint32_t interval;

	opt_add_reserved(c, hf_adv_interval_reserved, 2, 2);
	interval = opt_add_uint(c, hf_adv_interval_interval, 4, 4);
	opt_summary(c, "%u ms", interval);
}

static void
opt_ha_info(struct optctx *c)
{
	int32_t pref;
	uint32_t lt;

	opt_add_reserved(c, hf_ha_info_reserved, 2, 2);
	proto_tree_add_item_ret_int(c->tree, hf_ha_info_preference, c->tvb, 4, 2,
				    ENC_BIG_ENDIAN, &pref);
	lt = opt_add_uint(c, hf_ha_info_lifetime, 6, 2);
	opt_summary(c, "preference %d, lifetime %s", pref,
		ndisc_lifetime_str(c->pinfo->pool, lt));
}

static void
addr_list(struct optctx *c, int hf_res, int hf_addr)
{
	int off;
	unsigned n = 0;

	opt_add_reserved(c, hf_res, 2, 6);
	if ((c->len - 8) % 16)
		opt_body_error(c, "address list is not a multiple of 16 octets");
	for (off = 8; off + 16 <= (int)c->len; off += 16, n++)
		proto_tree_add_item(c->tree, hf_addr, c->tvb, off, 16, ENC_NA);
	opt_summary(c, "%u address%s%s%s", n, n == 1 ? "" : "es", n ? ", " : "",
		n ? opt_ip6_at(c, 8) : "");
}

static void
opt_src_addr_list(struct optctx *c)
{
	addr_list(c, hf_src_addr_list_reserved, hf_src_addr_list_addr);
}

static void
opt_tgt_addr_list(struct optctx *c)
{
	addr_list(c, hf_tgt_addr_list_reserved, hf_tgt_addr_list_addr);
}

static void
opt_map(struct optctx *c)
{
	uint32_t dist, pref, valid, r;
	proto_item *ti;

	dist = opt_add_uint(c, hf_map_dist, 2, 1);
	pref = opt_add_uint(c, hf_map_pref, 2, 1);
	proto_tree_add_item(c->tree, hf_map_flag_r, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	ti = proto_tree_add_item_ret_uint(c->tree, hf_map_reserved, c->tvb, 3, 1,
					  ENC_BIG_ENDIAN, &r);
	ndisc_check_reserved(c->pinfo, ti, r);
	valid = opt_add_uint(c, hf_map_valid, 4, 4);
	proto_tree_add_item(c->tree, hf_map_addr, c->tvb, 8, 16, ENC_NA);
	opt_summary(c, "%s, dist %u, pref %u, valid %s", opt_ip6_at(c, 8), dist, pref,
		ndisc_lifetime_str(c->pinfo->pool, valid));
}

/* RFC 4191 2.3: the prefix field is 0, 8 or 16 octets. */
static void
opt_route(struct optctx *c)
{
	uint32_t plen, prf, lt, r;
	proto_item *ti;
	ws_in6_addr a;
	unsigned units = c->len / 8;
	int n = (int)c->len - 8;

	ti = proto_tree_add_item_ret_uint(c->tree, hf_route_len, c->tvb, 2, 1,
					  ENC_BIG_ENDIAN, &plen);
	if (plen > 128)
		expert_add_info_format(c->pinfo, ti, &ei_route_len,
				       "Route prefix length %u exceeds 128", plen);
	else if ((plen > 64 && units < 3) || (plen > 0 && units < 2))
		expert_add_info_format(c->pinfo, ti, &ei_route_len_opt,
				       "Route prefix length %u does not fit option length %u",
				       plen, units);
	ti = proto_tree_add_item_ret_uint(c->tree, hf_route_reserved1, c->tvb, 3, 1,
					  ENC_BIG_ENDIAN, &r);
	ndisc_check_reserved(c->pinfo, ti, r);
	prf = opt_add_uint(c, hf_route_prf, 3, 1);
	ti = proto_tree_add_item_ret_uint(c->tree, hf_route_reserved2, c->tvb, 3, 1,
					  ENC_BIG_ENDIAN, &r);
	ndisc_check_reserved(c->pinfo, ti, r);
	lt = opt_add_uint(c, hf_route_lifetime, 4, 4);
	memset(&a, 0, sizeof a);
	if (n > 16)
		n = 16;
	if (n > 0)
		tvb_memcpy(c->tvb, a.bytes, 8, n);
	ti = proto_tree_add_ipv6(c->tree, hf_route_prefix, c->tvb, 8, n, &a);
	if (plen <= 128)
		check_prefix_bits(c, ti, a.bytes, plen);
	opt_summary(c, "%s/%u, %s, lifetime %s",
		ndisc_ip6_str(c->pinfo->pool, a.bytes), plen,
		val_to_str_const(prf, ndisc_prf_vals, "?"),
		ndisc_lifetime_str(c->pinfo->pool, lt));
}

static void
opt_ra_flags_ext(struct optctx *c)
{
	uint64_t v;

	proto_tree_add_item_ret_uint64(c->tree, hf_ra_flags_ext_flags, c->tvb, 2, 6,
				       ENC_BIG_ENDIAN, &v);
	opt_summary(c, "0x%012" PRIx64, v);
}

static void
opt_pref64(struct optctx *c)
{
	uint32_t v = tvb_get_ntohs(c->tvb, 2);
	ws_in6_addr a;
	unsigned plc = v & 7;
	proto_item *ti, *pi;

	proto_tree_add_item(c->tree, hf_pref64_lifetime, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ti = proto_tree_add_item(c->tree, hf_pref64_plc, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	if (plc >= G_N_ELEMENTS(plc_len))
		expert_add_info_format(c->pinfo, ti, &ei_pref64_plc,
				       "PREF64 Prefix Length Code %u is not one of 0..5: receivers "
				       "MUST ignore the option (RFC 8781 4)", plc);
	memset(&a, 0, sizeof a);
	tvb_memcpy(c->tvb, a.bytes, 4, 12);
	pi = proto_tree_add_ipv6(c->tree, hf_pref64_prefix, c->tvb, 4, 12, &a);
	if (plc < G_N_ELEMENTS(plc_len))
		check_prefix_bits(c, pi, a.bytes, plc_len[plc]);
	if (plc < G_N_ELEMENTS(plc_len))
		opt_summary(c, "%s/%u, lifetime %s", ndisc_ip6_str(c->pinfo->pool, a.bytes),
			plc_len[plc], ndisc_lifetime_str(c->pinfo->pool, (v >> 3) * 8));
	else
		opt_summary(c, "%s, invalid PLC %u", ndisc_ip6_str(c->pinfo->pool, a.bytes), plc);
}

/* RFC 4727: experiments share one layout, opaque data */
static void
opt_exp(struct optctx *c)
{
	opt_add_bytes(c, hf_exp_data, 2, c->len - 2);
}

static void
opt_captive_portal(struct optctx *c)
{
	int end = (int)c->len;
	const uint8_t *uri;

	/* the URI is padded with NULs to the option's end (RFC 8910 2.3) */
	while (end > 2 && tvb_get_uint8(c->tvb, end - 1) == 0)
		end--;
	proto_tree_add_item_ret_string(c->tree, hf_captive_portal_uri, c->tvb, 2,
				       end - 2, ENC_ASCII, c->pinfo->pool, &uri);
	opt_summary(c, "%s", uri);
}

const struct ndisc_opt_row ndisc_opt_nd_rows[] = {
	{ .type = NDP_OPT_SLLA, .fn = opt_slla, .min_len = 8 },
	{ .type = NDP_OPT_TLLA, .fn = opt_tlla, .min_len = 8 },
	{ .type = NDP_OPT_PREFIX, .fn = opt_prefix, .min_len = 32 },
	{ .type = NDP_OPT_REDIRECTED, .fn = opt_redirected, .min_len = 8 },
	{ .type = NDP_OPT_MTU, .fn = opt_mtu, .min_len = 8 },
	{ .type = NDP_OPT_NBMA, .fn = opt_nbma, .min_len = 8 },
	{ .type = NDP_OPT_ADV_INTERVAL, .fn = opt_adv_interval, .min_len = 8 },
	{ .type = NDP_OPT_HA_INFO, .fn = opt_ha_info, .min_len = 8 },
	{ .type = NDP_OPT_SRC_ADDR_LIST, .fn = opt_src_addr_list, .min_len = 8 },
	{ .type = NDP_OPT_TGT_ADDR_LIST, .fn = opt_tgt_addr_list, .min_len = 8 },
	{ .type = NDP_OPT_MAP, .fn = opt_map, .min_len = 24 },
	{ .type = NDP_OPT_ROUTE, .fn = opt_route, .min_len = 8 },
	{ .type = NDP_OPT_RA_FLAGS_EXT, .fn = opt_ra_flags_ext, .min_len = 8 },
	{ .type = NDP_OPT_CAPTIVE_PORTAL, .fn = opt_captive_portal, .min_len = 8 },
	{ .type = NDP_OPT_PREF64, .fn = opt_pref64, .min_len = 16 },
	{ .type = NDP_OPT_EXP1, .fn = opt_exp, .min_len = 8 },
	{ .type = NDP_OPT_EXP2, .fn = opt_exp, .min_len = 8 },
	{ .fn = NULL },
};

void
ndisc_opt_nd_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_slla_addr, { "Source link-layer address", "ndisc.opt.slla.addr", FT_ETHER, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_slla_addr_raw, { "Source link-layer address (non-Ethernet)", "ndisc.opt.slla.addr.raw", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_tlla_addr, { "Target link-layer address", "ndisc.opt.tlla.addr", FT_ETHER, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_tlla_addr_raw, { "Target link-layer address (non-Ethernet)", "ndisc.opt.tlla.addr.raw", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_lladdr, { "Link-layer address (source or target)", "ndisc.opt.lladdr", FT_ETHER, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_len, { "Prefix length", "ndisc.opt.prefix.len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_flags, { "Flags", "ndisc.opt.prefix.flags", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_flag_l, { "On-link", "ndisc.opt.prefix.flag.l", FT_BOOLEAN, 8,
			NULL, 0x80, NULL, HFILL } },
		{ &hf_prefix_flag_a, { "Autonomous address configuration", "ndisc.opt.prefix.flag.a", FT_BOOLEAN, 8,
			NULL, 0x40, NULL, HFILL } },
		{ &hf_prefix_flag_r, { "Router address", "ndisc.opt.prefix.flag.r", FT_BOOLEAN, 8,
			NULL, 0x20, NULL, HFILL } },
		{ &hf_prefix_flag_p, { "DHCPv6-PD preferred", "ndisc.opt.prefix.flag.p", FT_BOOLEAN, 8,
			NULL, 0x10, NULL, HFILL } },
		{ &hf_prefix_reserved1, { "Reserved", "ndisc.opt.prefix.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0x0f, NULL, HFILL } },
		{ &hf_prefix_valid, { "Valid lifetime (s)", "ndisc.opt.prefix.valid", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_preferred, { "Preferred lifetime (s)", "ndisc.opt.prefix.preferred", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_reserved2, { "Reserved", "ndisc.opt.prefix.reserved2", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_prefix_prefix, { "Prefix", "ndisc.opt.prefix.prefix", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_redirected_reserved, { "Reserved", "ndisc.opt.redirected.reserved", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_redirected_data, { "Redirected packet", "ndisc.opt.redirected.data", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_mtu_reserved, { "Reserved", "ndisc.opt.mtu.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_mtu_value, { "MTU", "ndisc.opt.mtu", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_nbma_limit, { "Shortcut limit", "ndisc.opt.nbma.limit", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_nbma_reserved1, { "Reserved", "ndisc.opt.nbma.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_nbma_reserved2, { "Reserved", "ndisc.opt.nbma.reserved2", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_adv_interval_reserved, { "Reserved", "ndisc.opt.adv_interval.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_adv_interval_interval, { "Advertisement interval (ms)", "ndisc.opt.adv_interval.interval", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_ha_info_reserved, { "Reserved", "ndisc.opt.ha_info.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_ha_info_preference, { "Home agent preference", "ndisc.opt.ha_info.preference", FT_INT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_ha_info_lifetime, { "Home agent lifetime (s)", "ndisc.opt.ha_info.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_src_addr_list_reserved, { "Reserved", "ndisc.opt.src_addr_list.reserved", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_src_addr_list_addr, { "Address", "ndisc.opt.src_addr_list.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_tgt_addr_list_reserved, { "Reserved", "ndisc.opt.tgt_addr_list.reserved", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_tgt_addr_list_addr, { "Address", "ndisc.opt.tgt_addr_list.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_map_dist, { "Distance", "ndisc.opt.map.dist", FT_UINT8, BASE_DEC,
			NULL, 0xf0, NULL, HFILL } },
		{ &hf_map_pref, { "Preference", "ndisc.opt.map.pref", FT_UINT8, BASE_DEC,
			NULL, 0x0f, NULL, HFILL } },
		{ &hf_map_flag_r, { "RCoA", "ndisc.opt.map.flag.r", FT_BOOLEAN, 8,
			NULL, 0x80, NULL, HFILL } },
		{ &hf_map_reserved, { "Reserved", "ndisc.opt.map.reserved", FT_UINT8, BASE_HEX,
			NULL, 0x7f, NULL, HFILL } },
		{ &hf_map_valid, { "Valid lifetime (s)", "ndisc.opt.map.valid", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_map_addr, { "Global address of the MAP", "ndisc.opt.map.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_route_len, { "Prefix length", "ndisc.opt.route.len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_route_reserved1, { "Reserved", "ndisc.opt.route.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0xe0, NULL, HFILL } },
		{ &hf_route_prf, { "Route preference", "ndisc.opt.route.prf", FT_UINT8, BASE_DEC,
			VALS(ndisc_prf_vals), 0x18, NULL, HFILL } },
		{ &hf_route_reserved2, { "Reserved", "ndisc.opt.route.reserved2", FT_UINT8, BASE_HEX,
			NULL, 0x07, NULL, HFILL } },
		{ &hf_route_lifetime, { "Route lifetime (s)", "ndisc.opt.route.lifetime", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_route_prefix, { "Prefix", "ndisc.opt.route.prefix", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_ra_flags_ext_flags, { "Flags", "ndisc.opt.ra_flags_ext.flags", FT_UINT48, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pref64_lifetime, { "Scaled lifetime (units of 8 s)", "ndisc.opt.pref64.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0xfff8, NULL, HFILL } },
		{ &hf_pref64_plc, { "Prefix length code", "ndisc.opt.pref64.plc", FT_UINT16, BASE_DEC,
			VALS(plc_vals), 0x0007, NULL, HFILL } },
		{ &hf_pref64_prefix, { "Prefix", "ndisc.opt.pref64.prefix", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_exp_data, { "Data", "ndisc.opt.exp.data", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_captive_portal_uri, { "URI", "ndisc.opt.captive_portal.uri", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};
	static ei_register_info ei[] = {
		{ &ei_prefix_lifetimes, { "ndisc.opt.prefix.lifetimes", PI_PROTOCOL, PI_WARN,
					  "Preferred lifetime exceeds valid lifetime", EXPFILL } },
		{ &ei_prefix_len, { "ndisc.opt.prefix.len.bad", PI_PROTOCOL, PI_WARN,
				    "Prefix length exceeds 128", EXPFILL } },
		{ &ei_route_len, { "ndisc.opt.route.len.bad", PI_PROTOCOL, PI_WARN,
				   "Route prefix length exceeds 128", EXPFILL } },
		{ &ei_mtu_small, { "ndisc.opt.mtu.small", PI_PROTOCOL, PI_WARN,
				   "MTU below the IPv6 minimum of 1280", EXPFILL } },
		{ &ei_route_len_opt, { "ndisc.opt.route.len.inconsistent", PI_PROTOCOL, PI_WARN,
				       "Route prefix length does not fit the option length", EXPFILL } },
		{ &ei_pref64_plc, { "ndisc.opt.pref64.plc.bad", PI_PROTOCOL, PI_WARN,
				    "PREF64 Prefix Length Code not 0..5: receivers ignore the option",
				    EXPFILL } },
		{ &ei_prefix_link_local, { "ndisc.opt.prefix.link_local", PI_PROTOCOL, PI_WARN,
					   "Prefix Information for the link-local prefix: ignored",
					   EXPFILL } },
		{ &ei_prefix_slaac_len, { "ndisc.opt.prefix.slaac_len", PI_PROTOCOL, PI_NOTE,
					  "Autonomous flag on a prefix that is not /64", EXPFILL } },
		{ &ei_prefix_bits, { "ndisc.opt.bits_beyond_prefix", PI_PROTOCOL, PI_WARN,
				     "Prefix has bits set beyond its length", EXPFILL } },
	};
	expert_module_t *expert;

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));
}
