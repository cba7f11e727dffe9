/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of 6LoWPAN ND: EARO (RFC 8505 4.1), 6LoWPAN context and ABRO (RFC
 * 6775 4.2, 4.3), 6CIO (RFC 7400 3.3), RD address (RFC 9176 4.1), consistent
 * uptime (RFC 9685), as codec/ndp_opt_6lo.c. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>

#include "packet-ndisc-opt-6lo.h"
#include "ndp.h"

static int hf_earo_status = -1;
static int hf_earo_opaque = -1;
static int hf_earo_flags = -1;
static int hf_earo_reserved = -1;
static int hf_earo_flag_c = -1;
static int hf_earo_p = -1;
static int hf_earo_i = -1;
static int hf_earo_flag_r = -1;
static int hf_earo_flag_t = -1;
static int hf_earo_tid = -1;
static int hf_earo_lifetime = -1;
static int hf_earo_rovr = -1;
static int hf_lowpan_ctx_context_len = -1;
static int hf_lowpan_ctx_flags = -1;
static int hf_lowpan_ctx_reserved1 = -1;
static int hf_lowpan_ctx_flag_c = -1;
static int hf_lowpan_ctx_cid = -1;
static int hf_lowpan_ctx_reserved2 = -1;
static int hf_lowpan_ctx_lifetime = -1;
static int hf_lowpan_ctx_prefix = -1;
static int hf_abro_version_low = -1;
static int hf_abro_version_high = -1;
static int hf_abro_lifetime = -1;
static int hf_abro_addr = -1;
static int hf_cio_flags = -1;
static int hf_cio_flag_g = -1;
static int hf_cio_flag_e = -1;
static int hf_cio_flag_p = -1;
static int hf_cio_flag_b = -1;
static int hf_cio_flag_l = -1;
static int hf_cio_flag_d = -1;
static int hf_rd_addr_lifetime = -1;
static int hf_rd_addr_reserved = -1;
static int hf_rd_addr_addr = -1;
static int hf_uptime_exponent = -1;
static int hf_uptime_reserved1 = -1;
static int hf_uptime_uptime = -1;
static int hf_uptime_rest = -1;

static int ett_cio_flags = -1;

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

	clen = opt_add_uint(c, hf_lowpan_ctx_context_len, 2, 1);
	ft = opt_add_flags(c, hf_lowpan_ctx_flags, 3, 1, &flags);
	ti = proto_tree_add_item(ft, hf_lowpan_ctx_reserved1, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, flags >> 5);
	proto_tree_add_item(ft, hf_lowpan_ctx_flag_c, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_lowpan_ctx_cid, c->tvb, 3, 1, ENC_BIG_ENDIAN);
	opt_add_reserved(c, hf_lowpan_ctx_reserved2, 4, 2);
	lt = opt_add_uint(c, hf_lowpan_ctx_lifetime, 6, 2);
	memset(&a, 0, sizeof a);
	if (n > 16)
		n = 16;
	if (n > 0)
		tvb_memcpy(c->tvb, a.bytes, 8, n);
	proto_tree_add_ipv6(c->tree, hf_lowpan_ctx_prefix, c->tvb, 8, n, &a);
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
		{ &hf_cio_flag_g, UINT64_C(1) << 32, "G" },
		{ &hf_cio_flag_e, UINT64_C(1) << 33, "E" },
		{ &hf_cio_flag_p, UINT64_C(1) << 34, "P" },
		{ &hf_cio_flag_b, UINT64_C(1) << 35, "B" },
		{ &hf_cio_flag_l, UINT64_C(1) << 36, "L" },
		{ &hf_cio_flag_d, UINT64_C(1) << 37, "D" },
	};
	wmem_strbuf_t *b = wmem_strbuf_new(c->pinfo->pool, "");
	size_t i;

	ti = proto_tree_add_item_ret_uint64(c->tree, hf_cio_flags, c->tvb, 2, 6,
					    ENC_BIG_ENDIAN, &v);
	ft = proto_item_add_subtree(ti, ett_cio_flags);
	for (i = 0; i < G_N_ELEMENTS(bits); i++) {
		proto_tree_add_item(ft, *bits[i].hf, c->tvb, 2, 6, ENC_BIG_ENDIAN);
		if (v & bits[i].bit)
			wmem_strbuf_append_printf(b, " %s", bits[i].name);
	}
	opt_summary(c, "0x%012" PRIx64 "%s", v, wmem_strbuf_get_str(b));
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

const struct ndisc_opt_row ndisc_opt_6lo_rows[] = {
	{ .type = NDP_OPT_EARO, .fn = opt_earo, .min_len = 8 },
	{ .type = NDP_OPT_6LOWPAN_CTX, .fn = opt_6lowpan_ctx, .min_len = 8 },
	{ .type = NDP_OPT_ABRO, .fn = opt_abro, .min_len = 24 },
	{ .type = NDP_OPT_6CIO, .fn = opt_6cio, .min_len = 8 },
	{ .type = NDP_OPT_RD_ADDR, .fn = opt_rd_addr, .min_len = 24 },
	{ .type = NDP_OPT_UPTIME, .fn = opt_uptime, .min_len = 8 },
	{ .fn = NULL },
};

void
ndisc_opt_6lo_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_earo_status, { "Status", "ndisc.opt.earo.status", FT_UINT8, BASE_DEC,
			VALS(earo_status_vals), 0, NULL, HFILL } },
		{ &hf_earo_opaque, { "Opaque", "ndisc.opt.earo.opaque", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_earo_flags, { "Flags", "ndisc.opt.earo.flags", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_earo_reserved, { "Reserved", "ndisc.opt.earo.reserved", FT_UINT8, BASE_HEX,
			NULL, 0x80, NULL, HFILL } },
		{ &hf_earo_flag_c, { "Crypto-ID ROVR", "ndisc.opt.earo.flag.c", FT_BOOLEAN, 8,
			NULL, 0x40, NULL, HFILL } },
		{ &hf_earo_p, { "P (registered address type)", "ndisc.opt.earo.p", FT_UINT8, BASE_DEC,
			VALS(earo_p_vals), 0x30, NULL, HFILL } },
		{ &hf_earo_i, { "I (opaque field hint)", "ndisc.opt.earo.i", FT_UINT8, BASE_DEC,
			NULL, 0x0c, NULL, HFILL } },
		{ &hf_earo_flag_r, { "Router", "ndisc.opt.earo.flag.r", FT_BOOLEAN, 8,
			NULL, 0x02, NULL, HFILL } },
		{ &hf_earo_flag_t, { "TID present", "ndisc.opt.earo.flag.t", FT_BOOLEAN, 8,
			NULL, 0x01, NULL, HFILL } },
		{ &hf_earo_tid, { "Transaction ID", "ndisc.opt.earo.tid", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_earo_lifetime, { "Registration lifetime (min)", "ndisc.opt.earo.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_earo_rovr, { "ROVR", "ndisc.opt.earo.rovr", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_lowpan_ctx_context_len, { "Context length", "ndisc.opt.lowpan_ctx.context_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_lowpan_ctx_flags, { "Flags", "ndisc.opt.lowpan_ctx.flags", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_lowpan_ctx_reserved1, { "Reserved", "ndisc.opt.lowpan_ctx.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0xe0, NULL, HFILL } },
		{ &hf_lowpan_ctx_flag_c, { "Compression", "ndisc.opt.lowpan_ctx.flag.c", FT_BOOLEAN, 8,
			NULL, 0x10, NULL, HFILL } },
		{ &hf_lowpan_ctx_cid, { "Context ID", "ndisc.opt.lowpan_ctx.cid", FT_UINT8, BASE_DEC,
			NULL, 0x0f, NULL, HFILL } },
		{ &hf_lowpan_ctx_reserved2, { "Reserved", "ndisc.opt.lowpan_ctx.reserved2", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_lowpan_ctx_lifetime, { "Valid lifetime (min)", "ndisc.opt.lowpan_ctx.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_lowpan_ctx_prefix, { "Context prefix", "ndisc.opt.lowpan_ctx.prefix", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_abro_version_low, { "Version low", "ndisc.opt.abro.version_low", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_abro_version_high, { "Version high", "ndisc.opt.abro.version_high", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_abro_lifetime, { "Valid lifetime (min)", "ndisc.opt.abro.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_abro_addr, { "6LBR address", "ndisc.opt.abro.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cio_flags, { "Capability flags", "ndisc.opt.cio.flags", FT_UINT48, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cio_flag_g, { "GHC capable", "ndisc.opt.cio.flag.g", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 32, NULL, HFILL } },
		{ &hf_cio_flag_e, { "EARO support", "ndisc.opt.cio.flag.e", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 33, NULL, HFILL } },
		{ &hf_cio_flag_p, { "Routing registrar", "ndisc.opt.cio.flag.p", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 34, NULL, HFILL } },
		{ &hf_cio_flag_b, { "6LBR", "ndisc.opt.cio.flag.b", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 35, NULL, HFILL } },
		{ &hf_cio_flag_l, { "6LR", "ndisc.opt.cio.flag.l", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 36, NULL, HFILL } },
		{ &hf_cio_flag_d, { "RPL-unaware leaf support", "ndisc.opt.cio.flag.d", FT_BOOLEAN, 48,
			NULL, UINT64_C(1) << 37, NULL, HFILL } },
		{ &hf_rd_addr_lifetime, { "Valid lifetime (min)", "ndisc.opt.rd_addr.lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_rd_addr_reserved, { "Reserved", "ndisc.opt.rd_addr.reserved", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_rd_addr_addr, { "RD address", "ndisc.opt.rd_addr.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_uptime_exponent, { "Exponent", "ndisc.opt.uptime.exponent", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_uptime_reserved1, { "Reserved", "ndisc.opt.uptime.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_uptime_uptime, { "Uptime", "ndisc.opt.uptime.uptime", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_uptime_rest, { "Rest", "ndisc.opt.uptime.rest", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_cio_flags };

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
}
