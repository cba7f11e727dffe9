/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of mobile IPv6 handovers: FMIPv6 (RFC 5568 6.4, RFC 4068 6.4.2),
 * handover keys (RFC 5269 5), handover assist information and mobile node
 * identifier (RFC 5271 4), CARD (RFC 4065 4), as codec/ndp_opt_mobility.c. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>

#include "packet-ndisc-opt-mobility.h"
#include "ndp.h"

static int hf_ip_addr_code = -1;
static int hf_ip_addr_prefix_len = -1;
static int hf_ip_addr_reserved = -1;
static int hf_ip_addr_addr = -1;
static int hf_new_router_prefix_code = -1;
static int hf_new_router_prefix_prefix_len = -1;
static int hf_new_router_prefix_reserved = -1;
static int hf_new_router_prefix_addr = -1;
static int hf_fmip_lla_code = -1;
static int hf_fmip_lla_lla = -1;
static int hf_naack_code = -1;
static int hf_naack_status = -1;
static int hf_naack_reserved = -1;
static int hf_naack_rest = -1;
static int hf_hkr_pad_len = -1;
static int hf_hkr_at = -1;
static int hf_hkr_reserved = -1;
static int hf_hkr_key = -1;
static int hf_hkr_padding = -1;
static int hf_hkrep_pad_len = -1;
static int hf_hkrep_at = -1;
static int hf_hkrep_reserved = -1;
static int hf_hkrep_lifetime = -1;
static int hf_hkrep_key = -1;
static int hf_hkrep_padding = -1;
static int hf_hai_code = -1;
static int hf_hai_value_len = -1;
static int hf_hai_value = -1;
static int hf_mn_id_code = -1;
static int hf_mn_id_value_len = -1;
static int hf_mn_id_value = -1;
static int hf_card_req_reserved = -1;
static int hf_card_req_body = -1;
static int hf_card_rep_reserved = -1;
static int hf_card_rep_body = -1;

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
	ip_addr_common(c, hf_new_router_prefix_code, hf_new_router_prefix_prefix_len, hf_new_router_prefix_reserved, hf_new_router_prefix_addr);
}

static void
opt_lla(struct optctx *c)
{
	uint32_t code = opt_add_uint(c, hf_fmip_lla_code, 2, 1);

	opt_add_bytes(c, hf_fmip_lla_lla, 3, c->len - 3);
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

const struct ndisc_opt_row ndisc_opt_mobility_rows[] = {
	{ .type = NDP_OPT_IP_ADDR, .fn = opt_ip_addr, .min_len = 24 },
	{ .type = NDP_OPT_NEW_ROUTER_PREFIX, .fn = opt_new_router_prefix, .min_len = 24 },
	{ .type = NDP_OPT_LLA, .fn = opt_lla, .min_len = 8 },
	{ .type = NDP_OPT_NAACK, .fn = opt_naack, .min_len = 8 },
	{ .type = NDP_OPT_HKR, .fn = opt_hkr, .min_len = 8 },
	{ .type = NDP_OPT_HKREP, .fn = opt_hkrep, .min_len = 8 },
	{ .type = NDP_OPT_HAI, .fn = opt_hai, .min_len = 8 },
	{ .type = NDP_OPT_MN_ID, .fn = opt_mn_id, .min_len = 8 },
	{ .type = NDP_OPT_CARD_REQ, .fn = opt_card_req, .min_len = 8 },
	{ .type = NDP_OPT_CARD_REP, .fn = opt_card_rep, .min_len = 8 },
	{ .fn = NULL },
};

void
ndisc_opt_mobility_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_ip_addr_code, { "Option-code", "ndisc.opt.ip_addr.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_ip_addr_prefix_len, { "Prefix length", "ndisc.opt.ip_addr.prefix_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_ip_addr_reserved, { "Reserved", "ndisc.opt.ip_addr.reserved", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_ip_addr_addr, { "IPv6 address", "ndisc.opt.ip_addr.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_new_router_prefix_code, { "Option-code", "ndisc.opt.new_router_prefix.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_new_router_prefix_prefix_len, { "Prefix length", "ndisc.opt.new_router_prefix.prefix_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_new_router_prefix_reserved, { "Reserved", "ndisc.opt.new_router_prefix.reserved", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_new_router_prefix_addr, { "Prefix", "ndisc.opt.new_router_prefix.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_fmip_lla_code, { "Option-code", "ndisc.opt.fmip_lla.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_fmip_lla_lla, { "Link-layer address", "ndisc.opt.fmip_lla.lla", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_naack_code, { "Option-code", "ndisc.opt.naack.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_naack_status, { "Status", "ndisc.opt.naack.status", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_naack_reserved, { "Reserved", "ndisc.opt.naack.reserved", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_naack_rest, { "Rest", "ndisc.opt.naack.rest", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkr_pad_len, { "Pad length", "ndisc.opt.hkr.pad_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkr_at, { "Algorithm type", "ndisc.opt.hkr.at", FT_UINT8, BASE_DEC,
			NULL, 0xf0, NULL, HFILL } },
		{ &hf_hkr_reserved, { "Reserved", "ndisc.opt.hkr.reserved", FT_UINT8, BASE_HEX,
			NULL, 0x0f, NULL, HFILL } },
		{ &hf_hkr_key, { "Handover key encryption public key", "ndisc.opt.hkr.key", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkr_padding, { "Padding", "ndisc.opt.hkr.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkrep_pad_len, { "Pad length", "ndisc.opt.hkrep.pad_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkrep_at, { "Algorithm type", "ndisc.opt.hkrep.at", FT_UINT8, BASE_DEC,
			NULL, 0xf0, NULL, HFILL } },
		{ &hf_hkrep_reserved, { "Reserved", "ndisc.opt.hkrep.reserved", FT_UINT8, BASE_HEX,
			NULL, 0x0f, NULL, HFILL } },
		{ &hf_hkrep_lifetime, { "Key lifetime (s)", "ndisc.opt.hkrep.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkrep_key, { "Encrypted handover key", "ndisc.opt.hkrep.key", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_hkrep_padding, { "Padding", "ndisc.opt.hkrep.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_hai_code, { "Option-code", "ndisc.opt.hai.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_hai_value_len, { "HAI length", "ndisc.opt.hai.value_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_hai_value, { "HAI value", "ndisc.opt.hai.value", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_mn_id_code, { "Option-code", "ndisc.opt.mn_id.code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_mn_id_value_len, { "ID length", "ndisc.opt.mn_id.value_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_mn_id_value, { "Identifier", "ndisc.opt.mn_id.value", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_card_req_reserved, { "Reserved", "ndisc.opt.card_req.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_card_req_body, { "Body", "ndisc.opt.card_req.body", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_card_rep_reserved, { "Reserved", "ndisc.opt.card_rep.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_card_rep_body, { "Body", "ndisc.opt.card_rep.body", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
}
