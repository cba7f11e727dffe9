/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector: ND options, one small function per type of IANA's
 * "IPv6 Neighbor Discovery Option Formats" registry (RFC 4861 4.6 and the
 * RFCs cited per option); names, sizes and placement from the codec table. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>
#include <epan/dissectors/packet-ber.h>

#include "ndisc.h"
#include "ndisc_opt.h"
#include "ndp.h"

static int hf_opt = -1;
static int hf_opt_type = -1;
static int hf_opt_len = -1;
static int hf_opt_data = -1;

static int hf_slla_addr = -1, hf_slla_addr_raw = -1;
static int hf_tlla_addr = -1, hf_tlla_addr_raw = -1;
static int hf_lladdr = -1;
static int hf_prefix_len = -1, hf_prefix_flags = -1, hf_prefix_flag_l = -1,
	   hf_prefix_flag_a = -1, hf_prefix_flag_r = -1, hf_prefix_flag_p = -1,
	   hf_prefix_reserved1 = -1, hf_prefix_valid = -1, hf_prefix_preferred = -1,
	   hf_prefix_reserved2 = -1, hf_prefix_prefix = -1;
static int hf_redirected_reserved = -1, hf_redirected_data = -1;
static int hf_mtu_reserved = -1, hf_mtu = -1;
static int hf_nbma_limit = -1, hf_nbma_reserved1 = -1, hf_nbma_reserved2 = -1;
static int hf_adv_interval_reserved = -1, hf_adv_interval_interval = -1;
static int hf_ha_info_reserved = -1, hf_ha_info_preference = -1, hf_ha_info_lifetime = -1;
static int hf_src_addr_list_reserved = -1, hf_src_addr_list_addr = -1;
static int hf_tgt_addr_list_reserved = -1, hf_tgt_addr_list_addr = -1;
static int hf_cga_pad_len = -1, hf_cga_reserved = -1, hf_cga_params = -1, hf_cga_padding = -1;
static int hf_cga_modifier = -1, hf_cga_subnet_prefix = -1, hf_cga_collision_count = -1,
	   hf_cga_public_key = -1, hf_cga_ext_type = -1, hf_cga_ext_len = -1, hf_cga_ext_data = -1;
static int hf_rsa_sig_reserved = -1, hf_rsa_sig_key_hash = -1, hf_rsa_sig_signature = -1;
static int hf_timestamp_reserved = -1, hf_timestamp_timestamp = -1;
static int hf_nonce_nonce = -1;
static int hf_trust_anchor_name_type = -1, hf_trust_anchor_pad_len = -1,
	   hf_trust_anchor_name = -1, hf_trust_anchor_padding = -1, hf_trust_anchor_fqdn = -1;
static int hf_certificate_cert_type = -1, hf_certificate_reserved = -1,
	   hf_certificate_cert = -1, hf_certificate_padding = -1;
static int hf_ip_addr_code = -1, hf_ip_addr_prefix_len = -1,
	   hf_ip_addr_reserved = -1, hf_ip_addr_addr = -1;
static int hf_nrp_code = -1, hf_nrp_prefix_len = -1, hf_nrp_reserved = -1,
	   hf_nrp_addr = -1;
static int hf_lla_code = -1, hf_lla_lla = -1;
static int hf_naack_code = -1, hf_naack_status = -1, hf_naack_reserved = -1,
	   hf_naack_rest = -1;
static int hf_map_dist = -1, hf_map_pref = -1, hf_map_flag_r = -1,
	   hf_map_reserved = -1, hf_map_valid = -1, hf_map_addr = -1;
static int hf_route_len = -1, hf_route_reserved1 = -1, hf_route_prf = -1,
	   hf_route_reserved2 = -1, hf_route_lifetime = -1, hf_route_prefix = -1;
static int hf_rdnss_reserved = -1, hf_rdnss_lifetime = -1, hf_rdnss_addr = -1;
static int hf_ra_flags_ext_flags = -1;
static int hf_hkr_pad_len = -1, hf_hkr_at = -1, hf_hkr_reserved = -1,
	   hf_hkr_key = -1, hf_hkr_padding = -1;
static int hf_hkrep_pad_len = -1, hf_hkrep_at = -1, hf_hkrep_reserved = -1,
	   hf_hkrep_lifetime = -1, hf_hkrep_key = -1, hf_hkrep_padding = -1;
static int hf_hai_code = -1, hf_hai_value_len = -1, hf_hai_value = -1;
static int hf_mn_id_code = -1, hf_mn_id_value_len = -1, hf_mn_id_value = -1;
static int hf_proxy_sig_reserved = -1, hf_proxy_sig_key_hash = -1,
	   hf_proxy_sig_signature = -1;
static int hf_earo_status = -1, hf_earo_opaque = -1, hf_earo_flags = -1,
	   hf_earo_reserved = -1, hf_earo_flag_c = -1, hf_earo_p = -1, hf_earo_i = -1, hf_earo_flag_r = -1,
	   hf_earo_flag_t = -1, hf_earo_tid = -1, hf_earo_lifetime = -1,
	   hf_earo_rovr = -1;
static int hf_ctx_context_len = -1, hf_ctx_flags = -1, hf_ctx_reserved1 = -1,
	   hf_ctx_flag_c = -1, hf_ctx_cid = -1, hf_ctx_reserved2 = -1,
	   hf_ctx_lifetime = -1, hf_ctx_prefix = -1;
static int hf_abro_version_low = -1, hf_abro_version_high = -1,
	   hf_abro_lifetime = -1, hf_abro_addr = -1;
static int hf_6cio_flags = -1, hf_6cio_flag_g = -1, hf_6cio_flag_e = -1,
	   hf_6cio_flag_p = -1, hf_6cio_flag_b = -1, hf_6cio_flag_l = -1,
	   hf_6cio_flag_d = -1;
static int hf_pref64_lifetime = -1, hf_pref64_plc = -1, hf_pref64_prefix = -1;
static int hf_cipo_reserved1 = -1, hf_cipo_key_len = -1, hf_cipo_crypto_type = -1,
	   hf_cipo_reserved2 = -1, hf_cipo_key = -1, hf_cipo_padding = -1;
static int hf_ndp_sig_pad_len = -1, hf_ndp_sig_reserved1 = -1,
	   hf_ndp_sig_reserved2 = -1, hf_ndp_sig_signature = -1, hf_ndp_sig_padding = -1;
static int hf_rd_addr_lifetime = -1, hf_rd_addr_reserved = -1, hf_rd_addr_addr = -1;
static int hf_uptime_exponent = -1, hf_uptime_reserved1 = -1,
	   hf_uptime_uptime = -1, hf_uptime_rest = -1;
static int hf_card_req_reserved = -1, hf_card_req_body = -1;
static int hf_card_rep_reserved = -1, hf_card_rep_body = -1;
static int hf_exp_data = -1;

static int ett_opt = -1;
static int ett_opt_flags = -1;
static int ett_cga_params = -1, ett_cga_key = -1, ett_cga_ext = -1, ett_cert = -1;

static expert_field ei_opt_len_zero = EI_INIT;
static expert_field ei_opt_past_end = EI_INIT;
static expert_field ei_opt_not_allowed = EI_INIT;
static expert_field ei_opt_duplicate = EI_INIT;
static expert_field ei_opt_len_range = EI_INIT;
static expert_field ei_opt_body = EI_INIT;
static expert_field ei_too_many = EI_INIT;
static expert_field ei_prefix_lifetimes = EI_INIT;
static expert_field ei_prefix_len = EI_INIT;
static expert_field ei_route_len = EI_INIT;
static expert_field ei_route_len_opt = EI_INIT;
static expert_field ei_mtu_small = EI_INIT;
static expert_field ei_pref64_plc = EI_INIT;
static expert_field ei_prefix_link_local = EI_INIT;
static expert_field ei_prefix_slaac_len = EI_INIT;
static expert_field ei_prefix_bits = EI_INIT;
static expert_field ei_rdnss_addr = EI_INIT;

/* RFC 8781 4: prefix length code */
static const value_string plc_vals[] = {
	{ 0, "/96" }, { 1, "/64" }, { 2, "/56" }, { 3, "/48" }, { 4, "/40" },
	{ 5, "/32" }, { 0, NULL }
};
static const uint8_t plc_len[] = { 96, 64, 56, 48, 40, 32 };

/* RFC 8505 4.1 / RFC 6775 4.1 */
static const value_string earo_status_vals[] = {
	{ 0, "Success" }, { 1, "Duplicate Address" }, { 2, "Neighbor Cache Full" },
	{ 3, "Moved" }, { 4, "Removed" }, { 5, "Validation Requested" },
	{ 6, "Duplicate Source Address" }, { 7, "Invalid Source Address" },
	{ 8, "Registered Address Topologically Incorrect" },
	{ 9, "6LBR Registry Saturated" }, { 10, "Validation Failed" },
	{ 11, "Index Unavailable" }, { 0, NULL }
};

/* RFC 9685: what the registered address is */
static const value_string earo_p_vals[] = {
	{ 0, "Unicast" }, { 1, "Multicast" }, { 2, "Anycast" }, { 3, "Reserved" },
	{ 0, NULL }
};

/* Built from the codec table; static, since the type octet bounds it. */
static value_string opt_type_vals[256 + 1];

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

/* ---- small helpers over the option's tvb ---- */

uint32_t
opt_add_uint(struct optctx *c, int hf, int off, int size)
{
	uint32_t v;

	proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size, ENC_BIG_ENDIAN, &v);
	return v;
}

void
opt_add_reserved(struct optctx *c, int hf, int off, int size)
{
	proto_item *ti;
	uint64_t v = 0;
	int i;

	if (size > 4) {
		ti = proto_tree_add_item(c->tree, hf, c->tvb, off, size, ENC_NA);
		for (i = 0; i < size; i++)
			v |= tvb_get_uint8(c->tvb, off + i);
	} else {
		uint32_t u;
		ti = proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size,
						  ENC_BIG_ENDIAN, &u);
		v = u;
	}
	ndisc_check_reserved(c->pinfo, ti, v);
}

void
opt_add_bytes(struct optctx *c, int hf, int off, int len)
{
	if (len > 0)
		proto_tree_add_item(c->tree, hf, c->tvb, off, len, ENC_NA);
}

void
opt_summary_fmt(struct optctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = wmem_strdup_vprintf(c->pinfo->pool, fmt, ap);
	va_end(ap);
	proto_item_append_text(c->item, ": %s", s);
}

const char *
opt_ip6_at(struct optctx *c, int off)
{
	return tvb_ip6_to_str(c->pinfo->pool, c->tvb, off);
}

void
opt_body_error(struct optctx *c, const char *why)
{
	expert_add_info_format(c->pinfo, c->item, &ei_opt_body,
			       "%s option body malformed: %s",
			       ndisc_opt_name(c->type), why);
}

/* RFC 1035 3.1 names without compression. Returns the offset after the
 * name, or -1 if it is malformed; *out gets the dotted name. */
int
opt_dns_name(tvbuff_t *tvb, int off, int end, wmem_allocator_t *scope, char **out)
{
	wmem_strbuf_t *b = wmem_strbuf_new(scope, "");
	unsigned total = 0;

	while (off < end) {
		uint8_t l = tvb_get_uint8(tvb, off++);
		if (l == 0) {
			*out = wmem_strbuf_get_len(b) ? wmem_strbuf_finalize(b)
						      : wmem_strdup(scope, ".");
			return off;
		}
		if (l > 63 || off + l > end || (total += l + 1) > 255)
			return -1;
		if (wmem_strbuf_get_len(b))
			wmem_strbuf_append_c(b, '.');
		wmem_strbuf_append(b, (const char *)tvb_get_string_enc(scope, tvb, off, l,
								       ENC_ASCII));
		off += l;
	}
	return -1;
}

bool
opt_all_zero(tvbuff_t *tvb, int off, int end)
{
	for (; off < end; off++)
		if (tvb_get_uint8(tvb, off))
			return false;
	return true;
}

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

/* ---- one function per option ---- */

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

proto_tree *
opt_add_flags(struct optctx *c, int hf, int off, int size, uint32_t *v)
{
	proto_item *ti = proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size,
						      ENC_BIG_ENDIAN, v);
	return proto_item_add_subtree(ti, ett_opt_flags);
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
	mtu = opt_add_uint(c, hf_mtu, 4, 4);
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

/* The length of the DER element at off (X.690 8.1.3: short or long form,
 * at most 4 length octets), header included; -1 if it does not fit in
 * [off, end) or is not a definite-length SEQUENCE. */
static int
der_sequence_len(tvbuff_t *tvb, int off, int end)
{
	uint32_t len = 0;
	int hdr = 2;

	if (end - off < 2 || tvb_get_uint8(tvb, off) != 0x30)
		return -1;
	uint8_t l = tvb_get_uint8(tvb, off + 1);

	if (l & 0x80) {
		unsigned n = l & 0x7f;

		if (n == 0 || n > 4 || end - off < 2 + (int)n)
			return -1;
		for (unsigned i = 0; i < n; i++)
			len = len << 8 | tvb_get_uint8(tvb, off + 2 + (int)i);
		hdr += (int)n;
	} else {
		len = l;
	}
	if (len > (uint32_t)(end - off - hdr))
		return -1;
	return hdr + (int)len;
}

/* DER handed to Wireshark's own BER dissection; what it finds wrong stays
 * its expert info, and an exception it throws ends only this part. */
static void
dissect_der(struct optctx *c, tvbuff_t *der, proto_tree *tree, dissector_handle_t h)
{
	TRY {
		if (h)
			call_dissector(h, der, c->pinfo, tree);
		else
			dissect_unknown_ber(c->pinfo, der, 0, tree);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(der, c->pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
}

/* RFC 3972 3: modifier, subnet prefix, collision count, the public key (a
 * DER SubjectPublicKeyInfo), then extension fields (type, length, data). */
static void
cga_params(struct optctx *c, int off, int end)
{
	proto_item *ti;
	proto_tree *pt, *kt;
	int klen;

	ti = proto_tree_add_item(c->tree, hf_cga_params, c->tvb, off, end - off, ENC_NA);
	pt = proto_item_add_subtree(ti, ett_cga_params);
	if (end - off < 25) {
		opt_body_error(c, "CGA parameters shorter than modifier, prefix and count (25 octets)");
		return;
	}
	proto_tree_add_item(pt, hf_cga_modifier, c->tvb, off, 16, ENC_NA);
	proto_tree_add_item(pt, hf_cga_subnet_prefix, c->tvb, off + 16, 8, ENC_NA);
	proto_tree_add_item(pt, hf_cga_collision_count, c->tvb, off + 24, 1, ENC_BIG_ENDIAN);
	off += 25;
	klen = der_sequence_len(c->tvb, off, end);
	if (klen < 0) {
		proto_tree_add_item(pt, hf_cga_public_key, c->tvb, off, end - off, ENC_NA);
		opt_body_error(c, "the public key is not a DER SubjectPublicKeyInfo (RFC 3972 3)");
		return;
	}
	ti = proto_tree_add_item(pt, hf_cga_public_key, c->tvb, off, klen, ENC_NA);
	kt = proto_item_add_subtree(ti, ett_cga_key);
	dissect_der(c, tvb_new_subset_length(c->tvb, off, klen), kt, NULL);
	off += klen;
	while (off < end) {
		proto_tree *et;
		uint32_t elen;

		if (end - off < 4) {
			opt_body_error(c, "an extension field shorter than its type and length");
			return;
		}
		elen = tvb_get_ntohs(c->tvb, off + 2);
		et = proto_tree_add_subtree_format(pt, c->tvb, off, (int)MIN(4 + elen, (unsigned)(end - off)),
						   ett_cga_ext, NULL, "Extension field");
		proto_tree_add_item(et, hf_cga_ext_type, c->tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(et, hf_cga_ext_len, c->tvb, off + 2, 2, ENC_BIG_ENDIAN);
		if ((int)elen > end - off - 4) {
			opt_body_error(c, "an extension field runs past the CGA parameters");
			return;
		}
		if (elen)
			proto_tree_add_item(et, hf_cga_ext_data, c->tvb, off + 4, (int)elen, ENC_NA);
		off += 4 + (int)elen;
	}
}

static void
opt_cga(struct optctx *c)
{
	uint32_t pad = opt_add_uint(c, hf_cga_pad_len, 2, 1);
	int plen;

	opt_add_reserved(c, hf_cga_reserved, 3, 1);
	plen = (int)c->len - 4 - (int)pad;
	if (plen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		plen = (int)c->len - 4;
		pad = 0;
	}
	cga_params(c, 4, 4 + plen);
	opt_add_bytes(c, hf_cga_padding, 4 + plen, (int)pad);
	opt_summary(c, "%d octets of CGA parameters", plen);
}

static void
signature(struct optctx *c, int hf_res, int hf_hash, int hf_sig)
{
	opt_add_reserved(c, hf_res, 2, 2);
	proto_tree_add_item(c->tree, hf_hash, c->tvb, 4, 16, ENC_NA);
	opt_add_bytes(c, hf_sig, 20, c->len - 20);
	opt_summary(c, "key hash %s", tvb_bytes_to_str(c->pinfo->pool, c->tvb, 4, 16));
}

static void
opt_rsa_sig(struct optctx *c)
{
	signature(c, hf_rsa_sig_reserved, hf_rsa_sig_key_hash, hf_rsa_sig_signature);
}

static void
opt_proxy_sig(struct optctx *c)
{
	signature(c, hf_proxy_sig_reserved, hf_proxy_sig_key_hash, hf_proxy_sig_signature);
}

static void
opt_timestamp(struct optctx *c)
{
	uint64_t ts;
	time_t secs;

	opt_add_reserved(c, hf_timestamp_reserved, 2, 6);
	proto_tree_add_item_ret_uint64(c->tree, hf_timestamp_timestamp, c->tvb, 8, 8,
				       ENC_BIG_ENDIAN, &ts);
	/* 48 bits of seconds since 1970, 16 bits of 1/64K s (RFC 3971 5.3.1) */
	secs = (time_t)(ts >> 16);
	opt_summary(c, "%s", abs_time_secs_to_str(c->pinfo->pool, secs,
					      ABSOLUTE_TIME_UTC, true));
}

static void
opt_nonce(struct optctx *c)
{
	opt_add_bytes(c, hf_nonce_nonce, 2, c->len - 2);
	opt_summary(c, "%s", tvb_bytes_to_str(c->pinfo->pool, c->tvb, 2, c->len - 2));
}

static void
opt_trust_anchor(struct optctx *c)
{
	uint32_t nt = opt_add_uint(c, hf_trust_anchor_name_type, 2, 1);
	uint32_t pad = opt_add_uint(c, hf_trust_anchor_pad_len, 3, 1);
	int nlen = (int)c->len - 4 - (int)pad;

	if (nlen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		nlen = (int)c->len - 4;
		pad = 0;
	}
	opt_add_bytes(c, hf_trust_anchor_name, 4, nlen);
	/* RFC 3971 6.4.3: name type 2 is an FQDN in DNS wire format */
	if (nt == 2 && nlen > 0) {
		char *fqdn = NULL;
		int end = opt_dns_name(c->tvb, 4, 4 + nlen, c->pinfo->pool, &fqdn);

		if (end < 0) {
			opt_body_error(c, "FQDN is not a valid uncompressed DNS name");
		} else {
			proto_tree_add_string(c->tree, hf_trust_anchor_fqdn, c->tvb, 4, end - 4, fqdn);
			opt_add_bytes(c, hf_trust_anchor_padding, 4 + nlen, (int)pad);
			opt_summary(c, "FQDN %s", fqdn);
			return;
		}
	}
	opt_add_bytes(c, hf_trust_anchor_padding, 4 + nlen, (int)pad);
	opt_summary(c, "%s name, %d octets", nt == 1 ? "DER X.501" : nt == 2 ? "FQDN" : "unknown",
		nlen);
}

/* Wireshark's X.509 Certificate dissector, reached through a table it
 * registers itself in (the function is not exported to plugins). */
static dissector_handle_t
x509_certificate_handle(void)
{
	static dissector_handle_t h;
	static bool looked;

	if (!looked) {
		dissector_table_t t = find_dissector_table("ldap.name");

		h = t ? dissector_get_string_handle(t, "userCertificate") : NULL;
		looked = true;
	}
	return h;
}

/* RFC 3971 6.4.2: type (1 = X.509v3), reserved, the certificate (one DER
 * element), then padding to the option's end. */
static void
opt_certificate(struct optctx *c)
{
	uint32_t ct = opt_add_uint(c, hf_certificate_cert_type, 2, 1);
	int clen = der_sequence_len(c->tvb, 4, (int)c->len);
	proto_item *ti;

	opt_add_reserved(c, hf_certificate_reserved, 3, 1);
	if (clen < 0) {
		opt_add_bytes(c, hf_certificate_cert, 4, c->len - 4);
		if (ct == 1)
			opt_body_error(c, "the certificate is not one DER element (RFC 3971 6.4.2)");
		opt_summary(c, "%s, %u octets", ct == 1 ? "X.509v3" : "unknown type", c->len - 4);
		return;
	}
	ti = proto_tree_add_item(c->tree, hf_certificate_cert, c->tvb, 4, clen, ENC_NA);
	if (ct == 1)
		dissect_der(c, tvb_new_subset_length(c->tvb, 4, clen),
			    proto_item_add_subtree(ti, ett_cert), x509_certificate_handle());
	opt_add_bytes(c, hf_certificate_padding, 4 + clen, (int)c->len - 4 - clen);
	opt_summary(c, "%s, %d octets", ct == 1 ? "X.509v3" : "unknown type", clen);
}

static void
ip_addr_common(struct optctx *c, int hcode, int hplen, int hres, int haddr)
{
	uint32_t code = opt_add_uint(c, hcode, 2, 1);
	uint32_t plen = opt_add_uint(c, hplen, 3, 1);

	opt_add_reserved(c, hres, 4, 4);
	proto_tree_add_item(c->tree, haddr, c->tvb, 8, 16, ENC_NA);
	opt_summary(c, "%s/%u, code %u", opt_ip6_at(c, 8), plen, code);
}

static void
opt_ip_addr(struct optctx *c)
{
	ip_addr_common(c, hf_ip_addr_code, hf_ip_addr_prefix_len, hf_ip_addr_reserved,
		       hf_ip_addr_addr);
}

static void
opt_new_router_prefix(struct optctx *c)
{
	ip_addr_common(c, hf_nrp_code, hf_nrp_prefix_len, hf_nrp_reserved, hf_nrp_addr);
}

static void
opt_lla(struct optctx *c)
{
	uint32_t code = opt_add_uint(c, hf_lla_code, 2, 1);

	opt_add_bytes(c, hf_lla_lla, 3, c->len - 3);
	opt_summary(c, "code %u, %s", code,
		tvb_bytes_to_str(c->pinfo->pool, c->tvb, 3, MIN(c->len - 3, 6)));
}

static void
opt_naack(struct optctx *c)
{
	uint32_t code = opt_add_uint(c, hf_naack_code, 2, 1);
	uint32_t st = opt_add_uint(c, hf_naack_status, 3, 1);

	opt_add_reserved(c, hf_naack_reserved, 4, 4);
	opt_add_bytes(c, hf_naack_rest, 8, c->len - 8);
	opt_summary(c, "code %u, status %u", code, st);
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
opt_rdnss(struct optctx *c)
{
	uint32_t lt;
	int off;
	wmem_strbuf_t *b = wmem_strbuf_new(c->pinfo->pool, "");

	opt_add_reserved(c, hf_rdnss_reserved, 2, 2);
	lt = opt_add_uint(c, hf_rdnss_lifetime, 4, 4);
	if ((c->len - 8) % 16)
		opt_body_error(c, "addresses are not a multiple of 16 octets");
	for (off = 8; off + 16 <= (int)c->len; off += 16) {
		proto_item *ai = proto_tree_add_item(c->tree, hf_rdnss_addr, c->tvb, off, 16, ENC_NA);
		uint8_t a[16];
		static const uint8_t zero[16];

		tvb_memcpy(c->tvb, a, off, 16);
		if (a[0] == 0xff || !memcmp(a, zero, 16))
			expert_add_info_format(c->pinfo, ai, &ei_rdnss_addr,
					       "RDNSS address %s is %s, not the unicast address of a "
					       "DNS server: hosts cannot use it (RFC 8106 5.1)",
					       opt_ip6_at(c, off), a[0] == 0xff ? "multicast" : "unspecified");
		if (opt_labels(c))
			wmem_strbuf_append_printf(b, "%s%s", off > 8 ? " " : "", opt_ip6_at(c, off));
	}
	opt_summary(c, "%s, lifetime %s", wmem_strbuf_get_str(b),
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
handover_key(struct optctx *c, int hpad, int hat, int hres, int hlt, int hkey,
	     int hpadding)
{
	uint32_t pad = opt_add_uint(c, hpad, 2, 1), at, r;
	proto_item *ti;
	int off = 4, klen;

	at = opt_add_uint(c, hat, 3, 1);
	ti = proto_tree_add_item_ret_uint(c->tree, hres, c->tvb, 3, 1, ENC_BIG_ENDIAN, &r);
	ndisc_check_reserved(c->pinfo, ti, r);
	if (hlt >= 0) {
		opt_add_uint(c, hlt, 4, 2);
		off = 6;
	}
	klen = (int)c->len - off - (int)pad;
	if (klen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		klen = (int)c->len - off;
		pad = 0;
	}
	opt_add_bytes(c, hkey, off, klen);
	opt_add_bytes(c, hpadding, off + klen, (int)pad);
	opt_summary(c, "AT %u, %d octets of key", at, klen);
}

static void
opt_hkr(struct optctx *c)
{
	handover_key(c, hf_hkr_pad_len, hf_hkr_at, hf_hkr_reserved, -1, hf_hkr_key,
		     hf_hkr_padding);
}

static void
opt_hkrep(struct optctx *c)
{
	handover_key(c, hf_hkrep_pad_len, hf_hkrep_at, hf_hkrep_reserved,
		     hf_hkrep_lifetime, hf_hkrep_key, hf_hkrep_padding);
}

static void
code_value(struct optctx *c, int hcode, int hvlen, int hvalue)
{
	uint32_t code = opt_add_uint(c, hcode, 2, 1);
	uint32_t vlen = opt_add_uint(c, hvlen, 3, 1);

	if (4 + vlen > c->len) {
		opt_body_error(c, "value length exceeds the option");
		vlen = c->len - 4;
	}
	opt_add_bytes(c, hvalue, 4, (int)vlen);
	opt_summary(c, "code %u, %u octets", code, vlen);
}

static void
opt_hai(struct optctx *c)
{
	code_value(c, hf_hai_code, hf_hai_value_len, hf_hai_value);
}

static void
opt_mn_id(struct optctx *c)
{
	code_value(c, hf_mn_id_code, hf_mn_id_value_len, hf_mn_id_value);
}

/* RFC 8505 4.1 (EARO) / RFC 6775 4.1 (ARO) */
static void
opt_earo(struct optctx *c)
{
	uint32_t st, flags, tid, lt;
	proto_tree *ft;
	proto_item *ti;

	st = opt_add_uint(c, hf_earo_status, 2, 1);
	opt_add_uint(c, hf_earo_opaque, 3, 1);
	ft = opt_add_flags(c, hf_earo_flags, 4, 1, &flags);
	ti = proto_tree_add_item(ft, hf_earo_reserved, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, flags >> 7);
	proto_tree_add_item(ft, hf_earo_flag_c, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_earo_p, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_earo_i, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_earo_flag_r, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_earo_flag_t, c->tvb, 4, 1, ENC_BIG_ENDIAN);
	tid = opt_add_uint(c, hf_earo_tid, 5, 1);
	lt = opt_add_uint(c, hf_earo_lifetime, 6, 2);
	opt_add_bytes(c, hf_earo_rovr, 8, c->len - 8);
	opt_summary(c, "%s, TID %u, lifetime %u min%s%s",
		val_to_str_const(st, earo_status_vals, "Unknown status"), tid, lt,
		flags & 0x02 ? ", R" : "", flags & 0x01 ? ", T" : "");
}

static void
opt_6lowpan_ctx(struct optctx *c)
{
	uint32_t clen, flags, lt;
	proto_tree *ft;
	proto_item *ti;
	ws_in6_addr a;
	int n = (int)c->len - 8;

	clen = opt_add_uint(c, hf_ctx_context_len, 2, 1);
	ft = opt_add_flags(c, hf_ctx_flags, 3, 1, &flags);
	ti = proto_tree_add_item(ft, hf_ctx_reserved1, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, flags >> 5);
	proto_tree_add_item(ft, hf_ctx_flag_c, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_ctx_cid, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	opt_add_reserved(c, hf_ctx_reserved2, 4, 2);
	lt = opt_add_uint(c, hf_ctx_lifetime, 6, 2);
	memset(&a, 0, sizeof a);
	if (n > 16)
		n = 16;
	if (n > 0)
		tvb_memcpy(c->tvb, a.bytes, 8, n);
	proto_tree_add_ipv6(c->tree, hf_ctx_prefix, c->tvb, 8, n, &a);
	opt_summary(c, "CID %u, %s/%u%s, lifetime %u min", flags & 0x0f,
		ndisc_ip6_str(c->pinfo->pool, a.bytes), clen,
		flags & 0x10 ? ", C" : "", lt);
}

static void
opt_abro(struct optctx *c)
{
	uint32_t lo = opt_add_uint(c, hf_abro_version_low, 2, 2);
	uint32_t hi = opt_add_uint(c, hf_abro_version_high, 4, 2);
	uint32_t lt = opt_add_uint(c, hf_abro_lifetime, 6, 2);

	proto_tree_add_item(c->tree, hf_abro_addr, c->tvb, 8, 16, ENC_NA);
	opt_summary(c, "%s, version %u, lifetime %u min", opt_ip6_at(c, 8),
		(hi << 16) | lo, lt);
}

static void
opt_6cio(struct optctx *c)
{
	uint64_t v;

	proto_item *ti;
	proto_tree *ft;
	static const struct { int *hf; uint64_t bit; const char *name; } bits[] = {
		{ &hf_6cio_flag_g, UINT64_C(1) << 32, "G" },
		{ &hf_6cio_flag_e, UINT64_C(1) << 33, "E" },
		{ &hf_6cio_flag_p, UINT64_C(1) << 34, "P" },
		{ &hf_6cio_flag_b, UINT64_C(1) << 35, "B" },
		{ &hf_6cio_flag_l, UINT64_C(1) << 36, "L" },
		{ &hf_6cio_flag_d, UINT64_C(1) << 37, "D" },
	};
	wmem_strbuf_t *b = wmem_strbuf_new(c->pinfo->pool, "");
	size_t i;

	ti = proto_tree_add_item_ret_uint64(c->tree, hf_6cio_flags, c->tvb, 2, 6,
					    ENC_BIG_ENDIAN, &v);
	ft = proto_item_add_subtree(ti, ett_opt_flags);
	for (i = 0; i < G_N_ELEMENTS(bits); i++) {
		proto_tree_add_item(ft, *bits[i].hf, c->tvb, 2, 6, ENC_BIG_ENDIAN);
		if (v & bits[i].bit)
			wmem_strbuf_append_printf(b, " %s", bits[i].name);
	}
	opt_summary(c, "0x%012" PRIx64 "%s", v, wmem_strbuf_get_str(b));
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

/* RFC 8928 4.3: 5 reserved bits, 11-bit key length, crypto-type,
 * a reserved octet, the key, padding */
static void
opt_cipo(struct optctx *c)
{
	uint32_t w = tvb_get_ntohs(c->tvb, 2), klen = w & 0x07ff, ct;
	proto_item *ti;

	ti = proto_tree_add_item(c->tree, hf_cipo_reserved1, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, w >> 11);
	proto_tree_add_item(c->tree, hf_cipo_key_len, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ct = opt_add_uint(c, hf_cipo_crypto_type, 4, 1);
	opt_add_reserved(c, hf_cipo_reserved2, 5, 1);
	if (6 + klen > c->len) {
		opt_body_error(c, "public key length exceeds the option");
		klen = c->len - 6;
	}
	opt_add_bytes(c, hf_cipo_key, 6, (int)klen);
	opt_add_bytes(c, hf_cipo_padding, 6 + (int)klen, (int)(c->len - 6 - klen));
	opt_summary(c, "crypto-type %u, %u octets of public key", ct, klen);
}

/* RFC 8928 4.4 */
static void
opt_ndp_sig(struct optctx *c)
{
	uint32_t pad = opt_add_uint(c, hf_ndp_sig_pad_len, 2, 1);
	int slen;

	opt_add_reserved(c, hf_ndp_sig_reserved1, 3, 1);
	opt_add_reserved(c, hf_ndp_sig_reserved2, 4, 4);
	slen = (int)c->len - 8 - (int)pad;
	if (slen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		slen = (int)c->len - 8;
		pad = 0;
	}
	opt_add_bytes(c, hf_ndp_sig_signature, 8, slen);
	opt_add_bytes(c, hf_ndp_sig_padding, 8 + slen, (int)pad);
	opt_summary(c, "%d octets of signature", slen);
}

static void
opt_rd_addr(struct optctx *c)
{
	uint32_t lt;

	lt = opt_add_uint(c, hf_rd_addr_lifetime, 2, 2);
	opt_add_reserved(c, hf_rd_addr_reserved, 4, 4);
	proto_tree_add_item(c->tree, hf_rd_addr_addr, c->tvb, 8, 16, ENC_NA);
	opt_summary(c, "%s, lifetime %u min", opt_ip6_at(c, 8), lt);
}

static void
opt_uptime(struct optctx *c)
{
	uint32_t e = opt_add_uint(c, hf_uptime_exponent, 2, 1), up;

	opt_add_reserved(c, hf_uptime_reserved1, 3, 1);
	up = opt_add_uint(c, hf_uptime_uptime, 4, 4);
	opt_add_bytes(c, hf_uptime_rest, 8, c->len - 8);
	opt_summary(c, "uptime %u, exponent %u", up, e);
}

static void
opt_card(struct optctx *c, int hres, int hbody)
{
	opt_add_reserved(c, hres, 2, 2);
	opt_add_bytes(c, hbody, 4, c->len - 4);
	opt_summary(c, "%u octets", c->len - 4);
}

static void
opt_card_req(struct optctx *c)
{
	opt_card(c, hf_card_req_reserved, hf_card_req_body);
}

static void
opt_card_rep(struct optctx *c)
{
	opt_card(c, hf_card_rep_reserved, hf_card_rep_body);
}

/* RFC 4727: experiments share one layout, opaque data */
static void
opt_exp(struct optctx *c)
{
	opt_add_bytes(c, hf_exp_data, 2, c->len - 2);
}

/* Dissection side of each type: the function and the octets it reads
 * without further checks (the codec table's min_units is checked too). */
struct opt_handler {
	opt_fn fn;
	uint8_t min_len;
};

static const struct opt_handler handlers[256] = {
	[NDP_OPT_SLLA] = { opt_slla, 8 },
	[NDP_OPT_TLLA] = { opt_tlla, 8 },
	[NDP_OPT_PREFIX] = { opt_prefix, 32 },
	[NDP_OPT_REDIRECTED] = { opt_redirected, 8 },
	[NDP_OPT_MTU] = { opt_mtu, 8 },
	[NDP_OPT_NBMA] = { opt_nbma, 8 },
	[NDP_OPT_ADV_INTERVAL] = { opt_adv_interval, 8 },
	[NDP_OPT_HA_INFO] = { opt_ha_info, 8 },
	[NDP_OPT_SRC_ADDR_LIST] = { opt_src_addr_list, 8 },
	[NDP_OPT_TGT_ADDR_LIST] = { opt_tgt_addr_list, 8 },
	[NDP_OPT_CGA] = { opt_cga, 8 },
	[NDP_OPT_RSA_SIG] = { opt_rsa_sig, 24 },
	[NDP_OPT_TIMESTAMP] = { opt_timestamp, 16 },
	[NDP_OPT_NONCE] = { opt_nonce, 8 },
	[NDP_OPT_TRUST_ANCHOR] = { opt_trust_anchor, 8 },
	[NDP_OPT_CERTIFICATE] = { opt_certificate, 8 },
	[NDP_OPT_IP_ADDR] = { opt_ip_addr, 24 },
	[NDP_OPT_NEW_ROUTER_PREFIX] = { opt_new_router_prefix, 24 },
	[NDP_OPT_LLA] = { opt_lla, 8 },
	[NDP_OPT_NAACK] = { opt_naack, 8 },
	[NDP_OPT_PVD_ID] = { opt_pvd_id, 8 },
	[NDP_OPT_MAP] = { opt_map, 24 },
	[NDP_OPT_ROUTE] = { opt_route, 8 },
	[NDP_OPT_RDNSS] = { opt_rdnss, 8 },
	[NDP_OPT_RA_FLAGS_EXT] = { opt_ra_flags_ext, 8 },
	[NDP_OPT_HKR] = { opt_hkr, 8 },
	[NDP_OPT_HKREP] = { opt_hkrep, 8 },
	[NDP_OPT_HAI] = { opt_hai, 8 },
	[NDP_OPT_MN_ID] = { opt_mn_id, 8 },
	[NDP_OPT_DNSSL] = { opt_dnssl, 8 },
	[NDP_OPT_PROXY_SIG] = { opt_proxy_sig, 24 },
	[NDP_OPT_EARO] = { opt_earo, 8 },
	[NDP_OPT_6LOWPAN_CTX] = { opt_6lowpan_ctx, 8 },
	[NDP_OPT_ABRO] = { opt_abro, 24 },
	[NDP_OPT_6CIO] = { opt_6cio, 8 },
	[NDP_OPT_CAPTIVE_PORTAL] = { opt_captive_portal, 8 },
	[NDP_OPT_PREF64] = { opt_pref64, 16 },
	[NDP_OPT_CIPO] = { opt_cipo, 8 },
	[NDP_OPT_NDP_SIG] = { opt_ndp_sig, 8 },
	[NDP_OPT_RD_ADDR] = { opt_rd_addr, 24 },
	[NDP_OPT_UPTIME] = { opt_uptime, 8 },
	[NDP_OPT_CARD_REQ] = { opt_card_req, 8 },
	[NDP_OPT_CARD_REP] = { opt_card_rep, 8 },
	[NDP_OPT_ENCRYPTED_DNS] = { opt_encrypted_dns, 16 },
	[NDP_OPT_EXP1] = { opt_exp, 8 },
	[NDP_OPT_EXP2] = { opt_exp, 8 },
};

static uint32_t
msg_bit(uint8_t msg)
{
	switch (msg) {
	case NDP_RS: return NDP_M_RS;
	case NDP_RA: return NDP_M_RA;
	case NDP_NS: return NDP_M_NS;
	case NDP_NA: return NDP_M_NA;
	case NDP_REDIRECT: return NDP_M_REDIRECT;
	case NDP_IND_SOL: return NDP_M_IND_SOL;
	case NDP_IND_ADV: return NDP_M_IND_ADV;
	case NDP_CPS: return NDP_M_CPS;
	case NDP_CPA: return NDP_M_CPA;
	default: return 0;
	}
}

static const char *
msg_short(uint8_t msg)
{
	switch (msg) {
	case NDP_RS: return "a Router Solicitation";
	case NDP_RA: return "a Router Advertisement";
	case NDP_NS: return "a Neighbor Solicitation";
	case NDP_NA: return "a Neighbor Advertisement";
	case NDP_REDIRECT: return "a Redirect";
	case NDP_IND_SOL: return "an Inverse ND Solicitation";
	case NDP_IND_ADV: return "an Inverse ND Advertisement";
	case NDP_CPS: return "a Certification Path Solicitation";
	case NDP_CPA: return "a Certification Path Advertisement";
	default: return "this message";
	}
}

/* Table checks of one option: its length range and where it may appear. */
static bool
check_against_table(struct optctx *c, unsigned units, uint8_t *seen)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(c->type);
	uint32_t bit = msg_bit(c->msg);
	bool ok = true;

	if (!d)
		return true;
	if ((d->min_units && units < d->min_units) || (d->max_units && units > d->max_units)) {
		expert_add_info_format(c->pinfo, c->item, &ei_opt_len_range,
				       "%s option length %u outside %u..%u (units of 8 octets)",
				       d->name, units, d->min_units, d->max_units);
		ok = units >= d->min_units;
	}
	if (bit && !(d->msgs & bit))
		expert_add_info_format(c->pinfo, c->item, &ei_opt_not_allowed,
				       "%s option is not defined for %s: receivers ignore it "
				       "(RFC 4861 4.6)", d->name, msg_short(c->msg));
	if (d->once && seen[c->type] > 1)
		expert_add_info_format(c->pinfo, c->item, &ei_opt_duplicate,
				       "%s option may appear only once; this is copy %u",
				       d->name, seen[c->type]);
	return ok;
}

/* The built-in icmpv6 has no cap on options: its fields go on past ours,
 * as far as the captured octets hold option headers. */
static void
compat_rest(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *bt, uint8_t msg,
	    unsigned depth)
{
	int end = (int)tvb_captured_length(tvb);

	while (offset + 2 <= end) {
		unsigned units = tvb_get_uint8(tvb, offset + 1);

		ndisc_compat_option(tvb, offset, units * 8u, pinfo, bt, msg, depth);
		if (units == 0)
			return;
		offset += (int)units * 8;
	}
}

void
ndisc_dissect_options(tvbuff_t *tvb, int offset, packet_info *pinfo,
		      proto_tree *tree, uint8_t msg, struct ndisc_pkt *pkt,
		      unsigned depth)
{
	uint8_t seen[256];
	unsigned count = 0;
	int end = (int)tvb_reported_length(tvb);

	memset(seen, 0, sizeof seen);
	while (offset < end) {
		struct optctx c;
		uint8_t units;
		unsigned len, left = (unsigned)(end - offset);
		proto_item *ti;
		const struct opt_handler *h;

		if (++count > NDISC_MAX_OPTS) {
			proto_tree_add_expert_format(tree, pinfo, &ei_too_many, tvb, offset, -1,
						     "More than %u options; the rest is not dissected",
						     NDISC_MAX_OPTS);
			if (pkt && pkt->builtin)
				compat_rest(tvb, offset, pinfo, pkt->builtin, msg, depth);
			return;
		}
		memset(&c, 0, sizeof c);
		c.type = tvb_get_uint8(tvb, offset);
		units = left >= 2 ? tvb_get_uint8(tvb, offset + 1) : 0;
		len = units * 8u;
		c.item = proto_tree_add_item(tree, hf_opt, tvb, offset,
					     len && len <= left ? (int)len : (int)left, ENC_NA);
		proto_item_set_text(c.item, "%s", ndisc_opt_name(c.type));
		c.tree = proto_item_add_subtree(c.item, ett_opt);
		proto_tree_add_item(c.tree, hf_opt_type, tvb, offset, 1, ENC_BIG_ENDIAN);
		if (left < 2) {
			expert_add_info_format(pinfo, c.item, &ei_opt_past_end,
					       "Option runs past the end of the message (%u octets declared, %u left)",
					       8u, left);
			return;
		}
		/* the built-in's fields for every option it would see, the
		 * zero-length one that ends the list included */
		if (pkt && pkt->builtin)
			ndisc_compat_option(tvb, offset, MIN(len, left), pinfo, pkt->builtin, msg, depth);
		ti = proto_tree_add_item(c.tree, hf_opt_len, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
		proto_item_append_text(ti, " (%u octets)", len);
		if (units == 0) {
			expert_add_info(pinfo, ti, &ei_opt_len_zero);
			return;
		}
		if (pkt && pkt->n_opts < NDISC_MAX_OPTS)
			pkt->opt_types[pkt->n_opts++] = c.type;
		if (seen[c.type] < 255)
			seen[c.type]++;
		c.tvb = tvb_new_subset_length(tvb, offset, MIN(len, left));
		c.len = MIN(len, left);
		c.pinfo = pinfo;
		c.msg = msg;
		c.pkt = pkt;
		c.depth = depth;
		if (len > left)
			expert_add_info_format(pinfo, c.item, &ei_opt_past_end,
					       "Option runs past the end of the message (%u octets declared, %u left)",
					       len, left);
		h = &handlers[c.type];
		if (check_against_table(&c, units, seen) && h->fn && c.len >= h->min_len) {
			h->fn(&c);
		} else if (c.len > 2) {
			proto_tree_add_item(c.tree, hf_opt_data, c.tvb, 2, c.len - 2, ENC_NA);
			if (h->fn && c.len < h->min_len)
				opt_body_error(&c, "too short for its fields");
		}
		if (len > left)
			return;
		offset += (int)len;
	}
}

#define HFI(id, name, abbrev, type, base, strings, mask) \
	{ &id, { name, abbrev, type, base, strings, mask, NULL, HFILL } }
#define OPT(stem) "ndisc.opt." stem

void
ndisc_options_register(void)
{
	static hf_register_info hf[] = {
		HFI(hf_opt, "Option", "ndisc.opt", FT_NONE, BASE_NONE, NULL, 0),
		HFI(hf_opt_type, "Type", "ndisc.opt.type", FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_opt_len, "Length (units of 8 octets)", "ndisc.opt.len", FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_opt_data, "Data", "ndisc.opt.data", FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_slla_addr, "Source link-layer address", OPT("slla.addr"), FT_ETHER, BASE_NONE, NULL, 0),
		HFI(hf_slla_addr_raw, "Source link-layer address (non-Ethernet)", OPT("slla.addr.raw"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_tlla_addr, "Target link-layer address", OPT("tlla.addr"), FT_ETHER, BASE_NONE, NULL, 0),
		HFI(hf_tlla_addr_raw, "Target link-layer address (non-Ethernet)", OPT("tlla.addr.raw"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_lladdr, "Link-layer address (source or target)", OPT("lladdr"), FT_ETHER, BASE_NONE, NULL, 0),

		HFI(hf_prefix_len, "Prefix length", OPT("prefix.len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_prefix_flags, "Flags", OPT("prefix.flags"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_prefix_flag_l, "On-link", OPT("prefix.flag.l"), FT_BOOLEAN, 8, NULL, 0x80),
		HFI(hf_prefix_flag_a, "Autonomous address configuration", OPT("prefix.flag.a"), FT_BOOLEAN, 8, NULL, 0x40),
		HFI(hf_prefix_flag_r, "Router address", OPT("prefix.flag.r"), FT_BOOLEAN, 8, NULL, 0x20),
		HFI(hf_prefix_flag_p, "DHCPv6-PD preferred", OPT("prefix.flag.p"), FT_BOOLEAN, 8, NULL, 0x10),
		HFI(hf_prefix_reserved1, "Reserved", OPT("prefix.reserved1"), FT_UINT8, BASE_HEX, NULL, 0x0f),
		HFI(hf_prefix_valid, "Valid lifetime (s)", OPT("prefix.valid"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_prefix_preferred, "Preferred lifetime (s)", OPT("prefix.preferred"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_prefix_reserved2, "Reserved", OPT("prefix.reserved2"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_prefix_prefix, "Prefix", OPT("prefix.prefix"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_redirected_reserved, "Reserved", OPT("redirected.reserved"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_redirected_data, "Redirected packet", OPT("redirected.data"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_mtu_reserved, "Reserved", OPT("mtu.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_mtu, "MTU", OPT("mtu"), FT_UINT32, BASE_DEC, NULL, 0),

		HFI(hf_nbma_limit, "Shortcut limit", OPT("nbma.limit"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_nbma_reserved1, "Reserved", OPT("nbma.reserved1"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_nbma_reserved2, "Reserved", OPT("nbma.reserved2"), FT_UINT32, BASE_HEX, NULL, 0),

		HFI(hf_adv_interval_reserved, "Reserved", OPT("adv_interval.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_adv_interval_interval, "Advertisement interval (ms)", OPT("adv_interval.interval"), FT_UINT32, BASE_DEC, NULL, 0),

		HFI(hf_ha_info_reserved, "Reserved", OPT("ha_info.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_ha_info_preference, "Home agent preference", OPT("ha_info.preference"), FT_INT16, BASE_DEC, NULL, 0),
		HFI(hf_ha_info_lifetime, "Home agent lifetime (s)", OPT("ha_info.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),

		HFI(hf_src_addr_list_reserved, "Reserved", OPT("src_addr_list.reserved"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_src_addr_list_addr, "Address", OPT("src_addr_list.addr"), FT_IPv6, BASE_NONE, NULL, 0),
		HFI(hf_tgt_addr_list_reserved, "Reserved", OPT("tgt_addr_list.reserved"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_tgt_addr_list_addr, "Address", OPT("tgt_addr_list.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_cga_pad_len, "Pad length", OPT("cga.pad_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_cga_reserved, "Reserved", OPT("cga.reserved"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_cga_params, "CGA parameters", OPT("cga.params"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cga_padding, "Padding", OPT("cga.padding"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cga_modifier, "Modifier", OPT("cga.modifier"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cga_subnet_prefix, "Subnet prefix", OPT("cga.subnet_prefix"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cga_collision_count, "Collision count", OPT("cga.collision_count"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_cga_public_key, "Public key (SubjectPublicKeyInfo)", OPT("cga.public_key"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cga_ext_type, "Extension type", OPT("cga.ext.type"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_cga_ext_len, "Extension data length", OPT("cga.ext.len"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_cga_ext_data, "Extension data", OPT("cga.ext.data"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_rsa_sig_reserved, "Reserved", OPT("rsa_sig.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_rsa_sig_key_hash, "Key hash", OPT("rsa_sig.key_hash"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_rsa_sig_signature, "Digital signature", OPT("rsa_sig.signature"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_timestamp_reserved, "Reserved", OPT("timestamp.reserved"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_timestamp_timestamp, "Timestamp", OPT("timestamp.timestamp"), FT_UINT64, BASE_DEC, NULL, 0),

		HFI(hf_nonce_nonce, "Nonce", OPT("nonce.nonce"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_trust_anchor_name_type, "Name type", OPT("trust_anchor.name_type"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_trust_anchor_pad_len, "Pad length", OPT("trust_anchor.pad_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_trust_anchor_name, "Name", OPT("trust_anchor.name"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_trust_anchor_fqdn, "FQDN", OPT("trust_anchor.fqdn"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_trust_anchor_padding, "Padding", OPT("trust_anchor.padding"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_certificate_cert_type, "Certificate type", OPT("certificate.cert_type"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_certificate_reserved, "Reserved", OPT("certificate.reserved"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_certificate_cert, "Certificate", OPT("certificate.cert"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_certificate_padding, "Padding", OPT("certificate.padding"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_ip_addr_code, "Option-code", OPT("ip_addr.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_ip_addr_prefix_len, "Prefix length", OPT("ip_addr.prefix_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_ip_addr_reserved, "Reserved", OPT("ip_addr.reserved"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_ip_addr_addr, "IPv6 address", OPT("ip_addr.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_nrp_code, "Option-code", OPT("new_router_prefix.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_nrp_prefix_len, "Prefix length", OPT("new_router_prefix.prefix_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_nrp_reserved, "Reserved", OPT("new_router_prefix.reserved"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_nrp_addr, "Prefix", OPT("new_router_prefix.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_lla_code, "Option-code", OPT("fmip_lla.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_lla_lla, "Link-layer address", OPT("fmip_lla.lla"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_naack_code, "Option-code", OPT("naack.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_naack_status, "Status", OPT("naack.status"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_naack_reserved, "Reserved", OPT("naack.reserved"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_naack_rest, "Rest", OPT("naack.rest"), FT_BYTES, BASE_NONE, NULL, 0),


		HFI(hf_map_dist, "Distance", OPT("map.dist"), FT_UINT8, BASE_DEC, NULL, 0xf0),
		HFI(hf_map_pref, "Preference", OPT("map.pref"), FT_UINT8, BASE_DEC, NULL, 0x0f),
		HFI(hf_map_flag_r, "RCoA", OPT("map.flag.r"), FT_BOOLEAN, 8, NULL, 0x80),
		HFI(hf_map_reserved, "Reserved", OPT("map.reserved"), FT_UINT8, BASE_HEX, NULL, 0x7f),
		HFI(hf_map_valid, "Valid lifetime (s)", OPT("map.valid"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_map_addr, "Global address of the MAP", OPT("map.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_route_len, "Prefix length", OPT("route.len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_route_reserved1, "Reserved", OPT("route.reserved1"), FT_UINT8, BASE_HEX, NULL, 0xe0),
		HFI(hf_route_prf, "Route preference", OPT("route.prf"), FT_UINT8, BASE_DEC, VALS(ndisc_prf_vals), 0x18),
		HFI(hf_route_reserved2, "Reserved", OPT("route.reserved2"), FT_UINT8, BASE_HEX, NULL, 0x07),
		HFI(hf_route_lifetime, "Route lifetime (s)", OPT("route.lifetime"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_route_prefix, "Prefix", OPT("route.prefix"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_rdnss_reserved, "Reserved", OPT("rdnss.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_rdnss_lifetime, "Lifetime (s)", OPT("rdnss.lifetime"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_rdnss_addr, "Recursive DNS server", OPT("rdnss.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_ra_flags_ext_flags, "Flags", OPT("ra_flags_ext.flags"), FT_UINT48, BASE_DEC, NULL, 0),

		HFI(hf_hkr_pad_len, "Pad length", OPT("hkr.pad_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_hkr_at, "Algorithm type", OPT("hkr.at"), FT_UINT8, BASE_DEC, NULL, 0xf0),
		HFI(hf_hkr_reserved, "Reserved", OPT("hkr.reserved"), FT_UINT8, BASE_HEX, NULL, 0x0f),
		HFI(hf_hkr_key, "Handover key encryption public key", OPT("hkr.key"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_hkr_padding, "Padding", OPT("hkr.padding"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_hkrep_pad_len, "Pad length", OPT("hkrep.pad_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_hkrep_at, "Algorithm type", OPT("hkrep.at"), FT_UINT8, BASE_DEC, NULL, 0xf0),
		HFI(hf_hkrep_reserved, "Reserved", OPT("hkrep.reserved"), FT_UINT8, BASE_HEX, NULL, 0x0f),
		HFI(hf_hkrep_lifetime, "Key lifetime (s)", OPT("hkrep.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_hkrep_key, "Encrypted handover key", OPT("hkrep.key"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_hkrep_padding, "Padding", OPT("hkrep.padding"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_hai_code, "Option-code", OPT("hai.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_hai_value_len, "HAI length", OPT("hai.value_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_hai_value, "HAI value", OPT("hai.value"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_mn_id_code, "Option-code", OPT("mn_id.code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_mn_id_value_len, "ID length", OPT("mn_id.value_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_mn_id_value, "Identifier", OPT("mn_id.value"), FT_BYTES, BASE_NONE, NULL, 0),


		HFI(hf_proxy_sig_reserved, "Reserved", OPT("proxy_sig.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_proxy_sig_key_hash, "Key hash", OPT("proxy_sig.key_hash"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_proxy_sig_signature, "Digital signature", OPT("proxy_sig.signature"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_earo_status, "Status", OPT("earo.status"), FT_UINT8, BASE_DEC, VALS(earo_status_vals), 0),
		HFI(hf_earo_opaque, "Opaque", OPT("earo.opaque"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_earo_flags, "Flags", OPT("earo.flags"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_earo_reserved, "Reserved", OPT("earo.reserved"), FT_UINT8, BASE_HEX, NULL, 0x80),
		HFI(hf_earo_flag_c, "Crypto-ID ROVR", OPT("earo.flag.c"), FT_BOOLEAN, 8, NULL, 0x40),
		HFI(hf_earo_p, "P (registered address type)", OPT("earo.p"), FT_UINT8, BASE_DEC, VALS(earo_p_vals), 0x30),
		HFI(hf_earo_i, "I (opaque field hint)", OPT("earo.i"), FT_UINT8, BASE_DEC, NULL, 0x0c),
		HFI(hf_earo_flag_r, "Router", OPT("earo.flag.r"), FT_BOOLEAN, 8, NULL, 0x02),
		HFI(hf_earo_flag_t, "TID present", OPT("earo.flag.t"), FT_BOOLEAN, 8, NULL, 0x01),
		HFI(hf_earo_tid, "Transaction ID", OPT("earo.tid"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_earo_lifetime, "Registration lifetime (min)", OPT("earo.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_earo_rovr, "ROVR", OPT("earo.rovr"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_ctx_context_len, "Context length", OPT("lowpan_ctx.context_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_ctx_flags, "Flags", OPT("lowpan_ctx.flags"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_ctx_reserved1, "Reserved", OPT("lowpan_ctx.reserved1"), FT_UINT8, BASE_HEX, NULL, 0xe0),
		HFI(hf_ctx_flag_c, "Compression", OPT("lowpan_ctx.flag.c"), FT_BOOLEAN, 8, NULL, 0x10),
		HFI(hf_ctx_cid, "Context ID", OPT("lowpan_ctx.cid"), FT_UINT8, BASE_DEC, NULL, 0x0f),
		HFI(hf_ctx_reserved2, "Reserved", OPT("lowpan_ctx.reserved2"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_ctx_lifetime, "Valid lifetime (min)", OPT("lowpan_ctx.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_ctx_prefix, "Context prefix", OPT("lowpan_ctx.prefix"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_abro_version_low, "Version low", OPT("abro.version_low"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_abro_version_high, "Version high", OPT("abro.version_high"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_abro_lifetime, "Valid lifetime (min)", OPT("abro.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_abro_addr, "6LBR address", OPT("abro.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_6cio_flags, "Capability flags", OPT("cio.flags"), FT_UINT48, BASE_DEC, NULL, 0),
		HFI(hf_6cio_flag_g, "GHC capable", OPT("cio.flag.g"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 32),
		HFI(hf_6cio_flag_e, "EARO support", OPT("cio.flag.e"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 33),
		HFI(hf_6cio_flag_p, "Routing registrar", OPT("cio.flag.p"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 34),
		HFI(hf_6cio_flag_b, "6LBR", OPT("cio.flag.b"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 35),
		HFI(hf_6cio_flag_l, "6LR", OPT("cio.flag.l"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 36),
		HFI(hf_6cio_flag_d, "RPL-unaware leaf support", OPT("cio.flag.d"), FT_BOOLEAN, 48, NULL, UINT64_C(1) << 37),


		HFI(hf_pref64_lifetime, "Scaled lifetime (units of 8 s)", OPT("pref64.lifetime"), FT_UINT16, BASE_DEC, NULL, 0xfff8),
		HFI(hf_pref64_plc, "Prefix length code", OPT("pref64.plc"), FT_UINT16, BASE_DEC, VALS(plc_vals), 0x0007),
		HFI(hf_pref64_prefix, "Prefix", OPT("pref64.prefix"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_cipo_reserved1, "Reserved", OPT("cipo.reserved1"), FT_UINT16, BASE_HEX, NULL, 0xf800),
		HFI(hf_cipo_key_len, "Public key length", OPT("cipo.key_len"), FT_UINT16, BASE_DEC, NULL, 0x07ff),
		HFI(hf_cipo_crypto_type, "Crypto-type", OPT("cipo.crypto_type"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_cipo_reserved2, "Reserved", OPT("cipo.reserved2"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_cipo_key, "Public key", OPT("cipo.key"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_cipo_padding, "Padding", OPT("cipo.padding"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_ndp_sig_pad_len, "Pad length", OPT("ndp_sig.pad_len"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_ndp_sig_reserved1, "Reserved", OPT("ndp_sig.reserved1"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_ndp_sig_reserved2, "Reserved", OPT("ndp_sig.reserved2"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_ndp_sig_signature, "Signature", OPT("ndp_sig.signature"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_ndp_sig_padding, "Padding", OPT("ndp_sig.padding"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_rd_addr_lifetime, "Valid lifetime (min)", OPT("rd_addr.lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_rd_addr_reserved, "Reserved", OPT("rd_addr.reserved"), FT_UINT32, BASE_HEX, NULL, 0),
		HFI(hf_rd_addr_addr, "RD address", OPT("rd_addr.addr"), FT_IPv6, BASE_NONE, NULL, 0),

		HFI(hf_uptime_exponent, "Exponent", OPT("uptime.exponent"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_uptime_reserved1, "Reserved", OPT("uptime.reserved1"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_uptime_uptime, "Uptime", OPT("uptime.uptime"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_uptime_rest, "Rest", OPT("uptime.rest"), FT_BYTES, BASE_NONE, NULL, 0),

		HFI(hf_card_req_reserved, "Reserved", OPT("card_req.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_card_req_body, "Body", OPT("card_req.body"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_card_rep_reserved, "Reserved", OPT("card_rep.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_card_rep_body, "Body", OPT("card_rep.body"), FT_BYTES, BASE_NONE, NULL, 0),


		HFI(hf_exp_data, "Data", OPT("exp.data"), FT_BYTES, BASE_NONE, NULL, 0),
	};
	static int *ett[] = { &ett_opt, &ett_opt_flags, &ett_cga_params, &ett_cga_key, &ett_cga_ext, &ett_cert };
	static ei_register_info ei[] = {
		{ &ei_opt_len_zero, { "ndisc.opt.len.zero", PI_MALFORMED, PI_ERROR,
				      "Invalid option length (zero)", EXPFILL } },
		{ &ei_opt_past_end, { "ndisc.opt.past_end", PI_MALFORMED, PI_ERROR,
				      "Option runs past the end of the message", EXPFILL } },
		{ &ei_opt_not_allowed, { "ndisc.opt.not_allowed", PI_PROTOCOL, PI_NOTE,
					 "Option not defined for this message type: receivers ignore it",
					 EXPFILL } },
		{ &ei_opt_duplicate, { "ndisc.opt.duplicate", PI_PROTOCOL, PI_WARN,
				       "Option may appear only once", EXPFILL } },
		{ &ei_opt_len_range, { "ndisc.opt.len.range", PI_MALFORMED, PI_ERROR,
				       "Option length outside the range its RFC allows", EXPFILL } },
		{ &ei_opt_body, { "ndisc.opt.body", PI_MALFORMED, PI_ERROR,
				  "Option body malformed", EXPFILL } },
		{ &ei_too_many, { "ndisc.opt.too_many", PI_MALFORMED, PI_ERROR,
				  "Too many options", EXPFILL } },
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
		{ &ei_rdnss_addr, { "ndisc.opt.rdnss.addr.bad", PI_PROTOCOL, PI_WARN,
				    "RDNSS address is not unicast", EXPFILL } },
	};
	expert_module_t *expert;
	size_t i, n = 0;

	/* option names from the codec's table, so both sides say the same */
	while (ndp_opt_desc_at(n) && n < array_length(opt_type_vals) - 1)
		n++;
	for (i = 0; i < n; i++) {
		const struct ndp_opt_desc *d = ndp_opt_desc_at(i);
		opt_type_vals[i].value = d->type;
		opt_type_vals[i].strptr = d->name;
	}
	for (i = 0; i < array_length(hf); i++)
		if (hf[i].p_id == &hf_opt_type)
			hf[i].hfinfo.strings = VALS(opt_type_vals);

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));
	ndisc_opt_dns_register();
}
