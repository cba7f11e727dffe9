/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of DNS and provisioning domains: RDNSS and DNSSL (RFC 8106 5.1,
 * 5.2), PvD ID with its nested RA header and options (RFC 8801 3.1),
 * encrypted DNS (RFC 9463 6.1, SvcParams of RFC 9460 2.2), as
 * codec/ndp_opt_dns.c. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>

#include "packet-ndisc-opt-dns.h"
#include "ndp.h"

static int hf_rdnss_reserved = -1;
static int hf_rdnss_lifetime = -1;
static int hf_rdnss_addr = -1;
static int hf_pvd_id_flags = -1;
static int hf_pvd_id_flag_h = -1;
static int hf_pvd_id_flag_l = -1;
static int hf_pvd_id_flag_r = -1;
static int hf_pvd_id_reserved = -1;
static int hf_pvd_id_delay = -1;
static int hf_pvd_id_seq = -1;
static int hf_pvd_id_fqdn = -1;
static int hf_pvd_id_padding = -1;
static int hf_pvd_id_ra_type = -1;
static int hf_pvd_id_ra_code = -1;
static int hf_pvd_id_ra_checksum = -1;
static int hf_pvd_id_ra_cur_hop_limit = -1;
static int hf_pvd_id_ra_flags = -1;
static int hf_pvd_id_ra_flag_m = -1;
static int hf_pvd_id_ra_flag_o = -1;
static int hf_pvd_id_ra_flag_h = -1;
static int hf_pvd_id_ra_prf = -1;
static int hf_pvd_id_ra_flag_p = -1;
static int hf_pvd_id_ra_reserved = -1;
static int hf_pvd_id_ra_router_lifetime = -1;
static int hf_pvd_id_ra_reachable = -1;
static int hf_pvd_id_ra_retrans = -1;
static int hf_dnssl_reserved = -1;
static int hf_dnssl_lifetime = -1;
static int hf_dnssl_name = -1;
static int hf_dnssl_padding = -1;
static int hf_encrypted_dns_priority = -1;
static int hf_encrypted_dns_lifetime = -1;
static int hf_encrypted_dns_adn_len = -1;
static int hf_encrypted_dns_adn = -1;
static int hf_encrypted_dns_addrs_len = -1;
static int hf_encrypted_dns_addr = -1;
static int hf_encrypted_dns_svcparams_len = -1;
static int hf_encrypted_dns_svcparams = -1;
static int hf_encrypted_dns_padding = -1;
static int hf_encrypted_dns_svcparam_key = -1;
static int hf_encrypted_dns_svcparam_length = -1;
static int hf_encrypted_dns_svcparam_value = -1;
static int hf_encrypted_dns_svcparam_alpn = -1;
static int hf_encrypted_dns_svcparam_port = -1;
static int hf_encrypted_dns_svcparam_dohpath = -1;

static int ett_pvd_ra = -1;
static int ett_pvd_ra_flags = -1;
static int ett_svcparam = -1;

static expert_field ei_rdnss_addr = EI_INIT;
static expert_field ei_dnssl_name = EI_INIT;
static expert_field ei_adn_name = EI_INIT;
static expert_field ei_pvd_fqdn = EI_INIT;
static expert_field ei_pvd_depth = EI_INIT;

/* RFC 9460 14.3.2 */
static const value_string svcparam_vals[] = {
	{ 0, "mandatory" }, { 1, "alpn" }, { 2, "no-default-alpn" }, { 3, "port" },
	{ 4, "ipv4hint" }, { 5, "ech" }, { 6, "ipv6hint" }, { 7, "dohpath" },
	{ 0, NULL }
};

static const struct ndisc_ra_hf pvd_ra_hf = {
	&hf_pvd_id_ra_cur_hop_limit, &hf_pvd_id_ra_flags, &hf_pvd_id_ra_flag_m,
	&hf_pvd_id_ra_flag_o, &hf_pvd_id_ra_flag_h, &hf_pvd_id_ra_prf, &hf_pvd_id_ra_flag_p,
	&hf_pvd_id_ra_reserved, &hf_pvd_id_ra_router_lifetime, &hf_pvd_id_ra_reachable,
	&hf_pvd_id_ra_retrans, &ett_pvd_ra_flags,
};

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

/* RFC 8801 3.1: flags, delay, sequence, FQDN, then (R) an RA header and
 * options of their own, dissected recursively up to NDISC_MAX_DEPTH. */
static void
opt_pvd_id(struct optctx *c)
{
	uint32_t flags, seq;
	proto_tree *ft;
	proto_item *ti;
	char *fqdn = NULL;
	int end, next;

	ft = opt_add_flags(c, hf_pvd_id_flags, 2, 2, &flags);
	proto_tree_add_item(ft, hf_pvd_id_flag_h, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_pvd_id_flag_l, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_pvd_id_flag_r, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ti = proto_tree_add_item(ft, hf_pvd_id_reserved, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, (flags >> 4) & 0x1ff);
	proto_tree_add_item(ft, hf_pvd_id_delay, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	seq = opt_add_uint(c, hf_pvd_id_seq, 4, 2);

	end = opt_dns_name(c->tvb, 6, (int)c->len, c->pinfo->pool, &fqdn);
	if (end < 0) {
		ti = proto_tree_add_item(c->tree, hf_pvd_id_fqdn, c->tvb, 6, c->len - 6,
					 ENC_ASCII);
		expert_add_info(c->pinfo, ti, &ei_pvd_fqdn);
		opt_summary(c, "malformed FQDN, seq %u", seq);
		return;
	}
	proto_tree_add_string(c->tree, hf_pvd_id_fqdn, c->tvb, 6, end - 6, fqdn);
	next = (end + 7) & ~7;
	if (next > (int)c->len)
		next = (int)c->len;
	opt_add_bytes(c, hf_pvd_id_padding, end, next - end);
	opt_summary(c, "%s, seq %u%s%s%s", fqdn, seq, flags & 0x8000 ? ", H" : "",
		flags & 0x4000 ? ", L" : "", flags & 0x2000 ? ", R" : "");

	if (!(flags & 0x2000))
		return;
	if (next + 16 > (int)c->len) {
		opt_body_error(c, "R flag set but no room for the RA header");
		return;
	}
	{
		proto_tree *rt;
		struct ndisc_pkt *inner = wmem_new0(c->pinfo->pool, struct ndisc_pkt);

		/* Only as much as was captured: a subtree past the snapshot
		 * length throws on 4.0 before any field (4.4 defers it to the
		 * first field past the end), so both show what is there. */
		int avail = tvb_captured_length_remaining(c->tvb, next);

		rt = proto_tree_add_subtree(c->tree, c->tvb, next, MIN(16, avail), ett_pvd_ra, NULL,
					    "Embedded Router Advertisement header");
		proto_tree_add_item(rt, hf_pvd_id_ra_type, c->tvb, next, 1, ENC_BIG_ENDIAN);
		proto_tree_add_item(rt, hf_pvd_id_ra_code, c->tvb, next + 1, 1, ENC_BIG_ENDIAN);
		proto_tree_add_item(rt, hf_pvd_id_ra_checksum, c->tvb, next + 2, 2,
				    ENC_BIG_ENDIAN);
		ndisc_dissect_ra_fixed(c->tvb, next + 4, rt, &pvd_ra_hf, inner);
		next += 16;
		if (next < (int)c->len) {
			if (c->depth + 1 >= NDISC_MAX_DEPTH) {
				expert_add_info_format(c->pinfo, c->item, &ei_pvd_depth,
						       "PvD ID options nested deeper than %u levels; not dissected",
						       NDISC_MAX_DEPTH);
				return;
			}
			c->dissect_options(tvb_new_subset_length(c->tvb, next,
								    c->len - next),
					      0, c->pinfo, c->tree, NDP_RA, inner,
					      c->depth + 1);
		}
	}
}

static void
opt_dnssl(struct optctx *c)
{
	uint32_t lt;
	int off = 8, next;
	char *name;
	wmem_strbuf_t *b = wmem_strbuf_new(c->pinfo->pool, "");

	opt_add_reserved(c, hf_dnssl_reserved, 2, 2);
	lt = opt_add_uint(c, hf_dnssl_lifetime, 4, 4);
	while (off < (int)c->len) {
		if (tvb_get_uint8(c->tvb, off) == 0) {
			/* padding: zeros up to the end (RFC 8106 5.2) */
			proto_item *ti = proto_tree_add_item(c->tree, hf_dnssl_padding, c->tvb,
							     off, c->len - off, ENC_NA);
			if (!opt_all_zero(c->tvb, off, (int)c->len))
				expert_add_info_format(c->pinfo, ti, &ei_dnssl_name,
						       "Malformed domain name in DNSSL option (non-zero padding)");
			break;
		}
		next = opt_dns_name(c->tvb, off, (int)c->len, c->pinfo->pool, &name);
		if (next < 0) {
			proto_item *ti = proto_tree_add_item(c->tree, hf_dnssl_name, c->tvb, off,
							     c->len - off, ENC_ASCII);
			expert_add_info(c->pinfo, ti, &ei_dnssl_name);
			break;
		}
		proto_tree_add_string(c->tree, hf_dnssl_name, c->tvb, off, next - off, name);
		if (opt_labels(c))
			wmem_strbuf_append_printf(b, "%s%s", wmem_strbuf_get_len(b) ? " " : "", name);
		off = next;
	}
	opt_summary(c, "%s, lifetime %s", wmem_strbuf_get_str(b),
		ndisc_lifetime_str(c->pinfo->pool, lt));
}

/* RFC 9460 2.2 SvcParams: key, length, value */
static void
svcparams(struct optctx *c, int off, int end)
{
	while (off + 4 <= end) {
		uint32_t key = tvb_get_ntohs(c->tvb, off), vlen = tvb_get_ntohs(c->tvb, off + 2);
		proto_tree *st;
		int v = off + 4;

		st = proto_tree_add_subtree_format(c->tree, c->tvb, off,
						   (int)MIN(4 + vlen, (unsigned)(end - off)),
						   ett_svcparam, NULL, "SvcParam %s",
						   val_to_str_const(key, svcparam_vals, "key"));
		proto_tree_add_item(st, hf_encrypted_dns_svcparam_key, c->tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(st, hf_encrypted_dns_svcparam_length, c->tvb, off + 2, 2,
				    ENC_BIG_ENDIAN);
		if (v + (int)vlen > end) {
			opt_body_error(c, "SvcParam runs past SvcParams");
			return;
		}
		switch (key) {
		case 1: /* alpn: length-prefixed ids */
			while (v < off + 4 + (int)vlen) {
				uint8_t l = tvb_get_uint8(c->tvb, v);
				if (v + 1 + l > off + 4 + (int)vlen) {
					opt_body_error(c, "alpn id runs past its SvcParam");
					break;
				}
				proto_tree_add_item(st, hf_encrypted_dns_svcparam_alpn, c->tvb, v + 1, l,
						    ENC_ASCII);
				v += 1 + l;
			}
			break;
		case 3:
			if (vlen == 2)
				proto_tree_add_item(st, hf_encrypted_dns_svcparam_port, c->tvb, v, 2,
						    ENC_BIG_ENDIAN);
			else
				opt_body_error(c, "port SvcParam is not 2 octets");
			break;
		case 7:
			proto_tree_add_item(st, hf_encrypted_dns_svcparam_dohpath, c->tvb, v, vlen,
					    ENC_UTF_8);
			break;
		default:
			if (vlen)
				proto_tree_add_item(st, hf_encrypted_dns_svcparam_value, c->tvb, v, vlen,
						    ENC_NA);
			break;
		}
		off += 4 + (int)vlen;
	}
	if (off != end)
		opt_body_error(c, "trailing octets in SvcParams");
}

/* RFC 9463 6.1 */
static void
opt_encrypted_dns(struct optctx *c)
{
	uint32_t prio, lt, adn_len, alen, slen;
	int off = 10, end = (int)c->len, a;
	char *adn = NULL;
	proto_item *ti;

	prio = opt_add_uint(c, hf_encrypted_dns_priority, 2, 2);
	lt = opt_add_uint(c, hf_encrypted_dns_lifetime, 4, 4);
	adn_len = opt_add_uint(c, hf_encrypted_dns_adn_len, 8, 2);
	if (off + (int)adn_len > end) {
		opt_body_error(c, "ADN length exceeds the option");
		return;
	}
	if (opt_dns_name(c->tvb, off, off + (int)adn_len, c->pinfo->pool, &adn) !=
	    off + (int)adn_len) {
		ti = proto_tree_add_item(c->tree, hf_encrypted_dns_adn, c->tvb, off, adn_len, ENC_ASCII);
		expert_add_info(c->pinfo, ti, &ei_adn_name);
		adn = NULL;
	} else {
		proto_tree_add_string(c->tree, hf_encrypted_dns_adn, c->tvb, off, adn_len, adn);
	}
	off += (int)adn_len;
	opt_summary(c, "%s, priority %u, lifetime %s", adn ? adn : "(malformed ADN)", prio,
		ndisc_lifetime_str(c->pinfo->pool, lt));
	if (off + 2 > end)
		return;
	alen = opt_add_uint(c, hf_encrypted_dns_addrs_len, off, 2);
	off += 2;
	if (off + (int)alen > end || alen % 16) {
		opt_body_error(c, "address length exceeds the option or is not a multiple of 16");
		return;
	}
	for (a = 0; a < (int)alen; a += 16)
		proto_tree_add_item(c->tree, hf_encrypted_dns_addr, c->tvb, off + a, 16, ENC_NA);
	off += (int)alen;
	if (off + 2 > end)
		return;
	slen = opt_add_uint(c, hf_encrypted_dns_svcparams_len, off, 2);
	off += 2;
	if (off + (int)slen > end) {
		opt_body_error(c, "SvcParams length exceeds the option");
		return;
	}
	opt_add_bytes(c, hf_encrypted_dns_svcparams, off, (int)slen);
	svcparams(c, off, off + (int)slen);
	off += (int)slen;
	opt_add_bytes(c, hf_encrypted_dns_padding, off, end - off);
}

const struct ndisc_opt_row ndisc_opt_dns_rows[] = {
	{ .type = NDP_OPT_RDNSS, .fn = opt_rdnss, .min_len = 8 },
	{ .type = NDP_OPT_DNSSL, .fn = opt_dnssl, .min_len = 8 },
	{ .type = NDP_OPT_PVD_ID, .fn = opt_pvd_id, .min_len = 8 },
	{ .type = NDP_OPT_ENCRYPTED_DNS, .fn = opt_encrypted_dns, .min_len = 16 },
	{ .fn = NULL },
};

void
ndisc_opt_dns_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_rdnss_reserved, { "Reserved", "ndisc.opt.rdnss.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_rdnss_lifetime, { "Lifetime (s)", "ndisc.opt.rdnss.lifetime", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_rdnss_addr, { "Recursive DNS server", "ndisc.opt.rdnss.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_flags, { "Flags", "ndisc.opt.pvd_id.flags", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_flag_h, { "HTTP", "ndisc.opt.pvd_id.flag.h", FT_BOOLEAN, 16,
			NULL, 0x8000, NULL, HFILL } },
		{ &hf_pvd_id_flag_l, { "Legacy", "ndisc.opt.pvd_id.flag.l", FT_BOOLEAN, 16,
			NULL, 0x4000, NULL, HFILL } },
		{ &hf_pvd_id_flag_r, { "Router Advertisement header", "ndisc.opt.pvd_id.flag.r", FT_BOOLEAN, 16,
			NULL, 0x2000, NULL, HFILL } },
		{ &hf_pvd_id_reserved, { "Reserved", "ndisc.opt.pvd_id.reserved", FT_UINT16, BASE_HEX,
			NULL, 0x1ff0, NULL, HFILL } },
		{ &hf_pvd_id_delay, { "Delay", "ndisc.opt.pvd_id.delay", FT_UINT16, BASE_DEC,
			NULL, 0x000f, NULL, HFILL } },
		{ &hf_pvd_id_seq, { "Sequence number", "ndisc.opt.pvd_id.seq", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_fqdn, { "PvD ID FQDN", "ndisc.opt.pvd_id.fqdn", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_padding, { "Padding", "ndisc.opt.pvd_id.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_type, { "RA type", "ndisc.opt.pvd_id.ra_type", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_code, { "RA code", "ndisc.opt.pvd_id.ra_code", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_checksum, { "RA checksum", "ndisc.opt.pvd_id.ra_checksum", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_cur_hop_limit, { "Cur hop limit", "ndisc.opt.pvd_id.ra.cur_hop_limit", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_flags, { "Flags", "ndisc.opt.pvd_id.ra.flags", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_flag_m, { "Managed address configuration", "ndisc.opt.pvd_id.ra.flag.m", FT_BOOLEAN, 8,
			NULL, 0x80, NULL, HFILL } },
		{ &hf_pvd_id_ra_flag_o, { "Other configuration", "ndisc.opt.pvd_id.ra.flag.o", FT_BOOLEAN, 8,
			NULL, 0x40, NULL, HFILL } },
		{ &hf_pvd_id_ra_flag_h, { "Home agent", "ndisc.opt.pvd_id.ra.flag.h", FT_BOOLEAN, 8,
			NULL, 0x20, NULL, HFILL } },
		{ &hf_pvd_id_ra_prf, { "Default router preference", "ndisc.opt.pvd_id.ra.prf", FT_UINT8, BASE_DEC,
			VALS(ndisc_prf_vals), 0x18, NULL, HFILL } },
		{ &hf_pvd_id_ra_flag_p, { "Proxy", "ndisc.opt.pvd_id.ra.flag.p", FT_BOOLEAN, 8,
			NULL, 0x04, NULL, HFILL } },
		{ &hf_pvd_id_ra_reserved, { "Reserved", "ndisc.opt.pvd_id.ra.reserved", FT_UINT8, BASE_HEX,
			NULL, 0x03, NULL, HFILL } },
		{ &hf_pvd_id_ra_router_lifetime, { "Router lifetime (s)", "ndisc.opt.pvd_id.ra.router_lifetime", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_reachable, { "Reachable time (ms)", "ndisc.opt.pvd_id.ra.reachable", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_pvd_id_ra_retrans, { "Retrans timer (ms)", "ndisc.opt.pvd_id.ra.retrans", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_dnssl_reserved, { "Reserved", "ndisc.opt.dnssl.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_dnssl_lifetime, { "Lifetime (s)", "ndisc.opt.dnssl.lifetime", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_dnssl_name, { "Domain name", "ndisc.opt.dnssl.name", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_dnssl_padding, { "Padding", "ndisc.opt.dnssl.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_priority, { "Service priority", "ndisc.opt.encrypted_dns.priority", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_lifetime, { "Lifetime (s)", "ndisc.opt.encrypted_dns.lifetime", FT_UINT32, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_adn_len, { "ADN length", "ndisc.opt.encrypted_dns.adn_len", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_adn, { "Authentication domain name", "ndisc.opt.encrypted_dns.adn", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_addrs_len, { "Addresses length", "ndisc.opt.encrypted_dns.addrs_len", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_addr, { "Address", "ndisc.opt.encrypted_dns.addr", FT_IPv6, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparams_len, { "SvcParams length", "ndisc.opt.encrypted_dns.svcparams_len", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparams, { "SvcParams", "ndisc.opt.encrypted_dns.svcparams", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_padding, { "Padding", "ndisc.opt.encrypted_dns.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_key, { "SvcParamKey", "ndisc.opt.encrypted_dns.svcparam.key", FT_UINT16, BASE_DEC,
			VALS(svcparam_vals), 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_length, { "SvcParam length", "ndisc.opt.encrypted_dns.svcparam.length", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_value, { "SvcParamValue", "ndisc.opt.encrypted_dns.svcparam.value", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_alpn, { "ALPN", "ndisc.opt.encrypted_dns.svcparam.alpn", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_port, { "Port", "ndisc.opt.encrypted_dns.svcparam.port", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_encrypted_dns_svcparam_dohpath, { "DoH path", "ndisc.opt.encrypted_dns.svcparam.dohpath", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_pvd_ra, &ett_pvd_ra_flags, &ett_svcparam };
	static ei_register_info ei[] = {
		{ &ei_rdnss_addr, { "ndisc.opt.rdnss.addr.bad", PI_PROTOCOL, PI_WARN,
				    "RDNSS address is not unicast", EXPFILL } },
		{ &ei_dnssl_name, { "ndisc.opt.dnssl.name.bad", PI_MALFORMED, PI_ERROR,
				    "Malformed domain name in DNSSL option", EXPFILL } },
		{ &ei_adn_name, { "ndisc.opt.encrypted_dns.adn.bad", PI_MALFORMED, PI_ERROR,
				  "Malformed authentication domain name in encrypted DNS option",
				  EXPFILL } },
		{ &ei_pvd_fqdn, { "ndisc.opt.pvd_id.fqdn.bad", PI_MALFORMED, PI_ERROR,
				  "Malformed PvD ID FQDN", EXPFILL } },
		{ &ei_pvd_depth, { "ndisc.opt.pvd_id.depth", PI_MALFORMED, PI_WARN,
				   "PvD ID options nested too deep", EXPFILL } },
	};
	expert_module_t *expert;

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));
}
