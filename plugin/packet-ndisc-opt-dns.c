/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options that carry DNS names, URIs and nested ND data: PvD ID
 * (RFC 8801 3.1), DNSSL (RFC 8106 5.2), captive portal (RFC 8910 2.3),
 * encrypted DNS (RFC 9463 6.1, SvcParams of RFC 9460 2.2). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/to_str.h>

#include "ndisc.h"
#include "ndisc_opt.h"
#include "ndp.h"

static int hf_pvd_flags = -1, hf_pvd_flag_h = -1, hf_pvd_flag_l = -1,
	   hf_pvd_flag_r = -1, hf_pvd_reserved = -1, hf_pvd_delay = -1,
	   hf_pvd_seq = -1, hf_pvd_fqdn = -1, hf_pvd_padding = -1,
	   hf_pvd_ra_type = -1, hf_pvd_ra_code = -1, hf_pvd_ra_checksum = -1,
	   hf_pvd_ra_cur_hop_limit = -1, hf_pvd_ra_flags = -1,
	   hf_pvd_ra_flag_m = -1, hf_pvd_ra_flag_o = -1, hf_pvd_ra_flag_h = -1,
	   hf_pvd_ra_prf = -1, hf_pvd_ra_flag_p = -1, hf_pvd_ra_reserved = -1,
	   hf_pvd_ra_router_lifetime = -1, hf_pvd_ra_reachable = -1,
	   hf_pvd_ra_retrans = -1;
static int hf_dnssl_reserved = -1, hf_dnssl_lifetime = -1, hf_dnssl_name = -1,
	   hf_dnssl_padding = -1;
static int hf_captive_portal_uri = -1;
static int hf_edns_priority = -1, hf_edns_lifetime = -1, hf_edns_adn_len = -1,
	   hf_edns_adn = -1, hf_edns_addrs_len = -1, hf_edns_addr = -1,
	   hf_edns_svcparams_len = -1, hf_edns_svcparams = -1, hf_edns_padding = -1,
	   hf_edns_svcparam_key = -1, hf_edns_svcparam_length = -1,
	   hf_edns_svcparam_value = -1, hf_edns_svcparam_alpn = -1,
	   hf_edns_svcparam_port = -1, hf_edns_svcparam_dohpath = -1;

static int ett_pvd_ra = -1;
static int ett_pvd_ra_flags = -1;
static int ett_svcparam = -1;

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
	&hf_pvd_ra_cur_hop_limit, &hf_pvd_ra_flags, &hf_pvd_ra_flag_m,
	&hf_pvd_ra_flag_o, &hf_pvd_ra_flag_h, &hf_pvd_ra_prf, &hf_pvd_ra_flag_p,
	&hf_pvd_ra_reserved, &hf_pvd_ra_router_lifetime, &hf_pvd_ra_reachable,
	&hf_pvd_ra_retrans, &ett_pvd_ra_flags,
};

/* RFC 8801 3.1: flags, delay, sequence, FQDN, then (R) an RA header and
 * options of their own, dissected recursively up to NDISC_MAX_DEPTH. */
void
opt_pvd_id(struct optctx *c)
{
	uint32_t flags, seq;
	proto_tree *ft;
	proto_item *ti;
	char *fqdn = NULL;
	int end, next;

	ft = opt_add_flags(c, hf_pvd_flags, 2, 2, &flags);
	proto_tree_add_item(ft, hf_pvd_flag_h, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_pvd_flag_l, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	proto_tree_add_item(ft, hf_pvd_flag_r, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ti = proto_tree_add_item(ft, hf_pvd_reserved, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, (flags >> 4) & 0x1ff);
	proto_tree_add_item(ft, hf_pvd_delay, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	seq = opt_add_uint(c, hf_pvd_seq, 4, 2);

	end = opt_dns_name(c->tvb, 6, (int)c->len, c->pinfo->pool, &fqdn);
	if (end < 0) {
		ti = proto_tree_add_item(c->tree, hf_pvd_fqdn, c->tvb, 6, c->len - 6,
					 ENC_ASCII);
		expert_add_info(c->pinfo, ti, &ei_pvd_fqdn);
		opt_summary(c, "malformed FQDN, seq %u", seq);
		return;
	}
	proto_tree_add_string(c->tree, hf_pvd_fqdn, c->tvb, 6, end - 6, fqdn);
	next = (end + 7) & ~7;
	if (next > (int)c->len)
		next = (int)c->len;
	opt_add_bytes(c, hf_pvd_padding, end, next - end);
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
		proto_tree_add_item(rt, hf_pvd_ra_type, c->tvb, next, 1, ENC_BIG_ENDIAN);
		proto_tree_add_item(rt, hf_pvd_ra_code, c->tvb, next + 1, 1, ENC_BIG_ENDIAN);
		proto_tree_add_item(rt, hf_pvd_ra_checksum, c->tvb, next + 2, 2,
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
			ndisc_dissect_options(tvb_new_subset_length(c->tvb, next,
								    c->len - next),
					      0, c->pinfo, c->tree, NDP_RA, inner,
					      c->depth + 1);
		}
	}
}

void
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

void
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
		proto_tree_add_item(st, hf_edns_svcparam_key, c->tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(st, hf_edns_svcparam_length, c->tvb, off + 2, 2,
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
				proto_tree_add_item(st, hf_edns_svcparam_alpn, c->tvb, v + 1, l,
						    ENC_ASCII);
				v += 1 + l;
			}
			break;
		case 3:
			if (vlen == 2)
				proto_tree_add_item(st, hf_edns_svcparam_port, c->tvb, v, 2,
						    ENC_BIG_ENDIAN);
			else
				opt_body_error(c, "port SvcParam is not 2 octets");
			break;
		case 7:
			proto_tree_add_item(st, hf_edns_svcparam_dohpath, c->tvb, v, vlen,
					    ENC_UTF_8);
			break;
		default:
			if (vlen)
				proto_tree_add_item(st, hf_edns_svcparam_value, c->tvb, v, vlen,
						    ENC_NA);
			break;
		}
		off += 4 + (int)vlen;
	}
	if (off != end)
		opt_body_error(c, "trailing octets in SvcParams");
}

/* RFC 9463 6.1 */
void
opt_encrypted_dns(struct optctx *c)
{
	uint32_t prio, lt, adn_len, alen, slen;
	int off = 10, end = (int)c->len, a;
	char *adn = NULL;
	proto_item *ti;

	prio = opt_add_uint(c, hf_edns_priority, 2, 2);
	lt = opt_add_uint(c, hf_edns_lifetime, 4, 4);
	adn_len = opt_add_uint(c, hf_edns_adn_len, 8, 2);
	if (off + (int)adn_len > end) {
		opt_body_error(c, "ADN length exceeds the option");
		return;
	}
	if (opt_dns_name(c->tvb, off, off + (int)adn_len, c->pinfo->pool, &adn) !=
	    off + (int)adn_len) {
		ti = proto_tree_add_item(c->tree, hf_edns_adn, c->tvb, off, adn_len, ENC_ASCII);
		expert_add_info(c->pinfo, ti, &ei_adn_name);
		adn = NULL;
	} else {
		proto_tree_add_string(c->tree, hf_edns_adn, c->tvb, off, adn_len, adn);
	}
	off += (int)adn_len;
	opt_summary(c, "%s, priority %u, lifetime %s", adn ? adn : "(malformed ADN)", prio,
		ndisc_lifetime_str(c->pinfo->pool, lt));
	if (off + 2 > end)
		return;
	alen = opt_add_uint(c, hf_edns_addrs_len, off, 2);
	off += 2;
	if (off + (int)alen > end || alen % 16) {
		opt_body_error(c, "address length exceeds the option or is not a multiple of 16");
		return;
	}
	for (a = 0; a < (int)alen; a += 16)
		proto_tree_add_item(c->tree, hf_edns_addr, c->tvb, off + a, 16, ENC_NA);
	off += (int)alen;
	if (off + 2 > end)
		return;
	slen = opt_add_uint(c, hf_edns_svcparams_len, off, 2);
	off += 2;
	if (off + (int)slen > end) {
		opt_body_error(c, "SvcParams length exceeds the option");
		return;
	}
	opt_add_bytes(c, hf_edns_svcparams, off, (int)slen);
	svcparams(c, off, off + (int)slen);
	off += (int)slen;
	opt_add_bytes(c, hf_edns_padding, off, end - off);
}

#define HFI(id, name, abbrev, type, base, strings, mask) \
	{ &id, { name, abbrev, type, base, strings, mask, NULL, HFILL } }
#define OPT(stem) "ndisc.opt." stem

void
ndisc_opt_dns_register(void)
{
	static hf_register_info hf[] = {
		HFI(hf_pvd_flags, "Flags", OPT("pvd_id.flags"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_pvd_flag_h, "HTTP", OPT("pvd_id.flag.h"), FT_BOOLEAN, 16, NULL, 0x8000),
		HFI(hf_pvd_flag_l, "Legacy", OPT("pvd_id.flag.l"), FT_BOOLEAN, 16, NULL, 0x4000),
		HFI(hf_pvd_flag_r, "Router Advertisement header", OPT("pvd_id.flag.r"), FT_BOOLEAN, 16, NULL, 0x2000),
		HFI(hf_pvd_reserved, "Reserved", OPT("pvd_id.reserved"), FT_UINT16, BASE_HEX, NULL, 0x1ff0),
		HFI(hf_pvd_delay, "Delay", OPT("pvd_id.delay"), FT_UINT16, BASE_DEC, NULL, 0x000f),
		HFI(hf_pvd_seq, "Sequence number", OPT("pvd_id.seq"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_pvd_fqdn, "PvD ID FQDN", OPT("pvd_id.fqdn"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_pvd_padding, "Padding", OPT("pvd_id.padding"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_pvd_ra_type, "RA type", OPT("pvd_id.ra_type"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_pvd_ra_code, "RA code", OPT("pvd_id.ra_code"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_pvd_ra_checksum, "RA checksum", OPT("pvd_id.ra_checksum"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_pvd_ra_cur_hop_limit, "Cur hop limit", OPT("pvd_id.ra.cur_hop_limit"), FT_UINT8, BASE_DEC, NULL, 0),
		HFI(hf_pvd_ra_flags, "Flags", OPT("pvd_id.ra.flags"), FT_UINT8, BASE_HEX, NULL, 0),
		HFI(hf_pvd_ra_flag_m, "Managed address configuration", OPT("pvd_id.ra.flag.m"), FT_BOOLEAN, 8, NULL, 0x80),
		HFI(hf_pvd_ra_flag_o, "Other configuration", OPT("pvd_id.ra.flag.o"), FT_BOOLEAN, 8, NULL, 0x40),
		HFI(hf_pvd_ra_flag_h, "Home agent", OPT("pvd_id.ra.flag.h"), FT_BOOLEAN, 8, NULL, 0x20),
		HFI(hf_pvd_ra_prf, "Default router preference", OPT("pvd_id.ra.prf"), FT_UINT8, BASE_DEC, VALS(ndisc_prf_vals), 0x18),
		HFI(hf_pvd_ra_flag_p, "Proxy", OPT("pvd_id.ra.flag.p"), FT_BOOLEAN, 8, NULL, 0x04),
		HFI(hf_pvd_ra_reserved, "Reserved", OPT("pvd_id.ra.reserved"), FT_UINT8, BASE_HEX, NULL, 0x03),
		HFI(hf_pvd_ra_router_lifetime, "Router lifetime (s)", OPT("pvd_id.ra.router_lifetime"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_pvd_ra_reachable, "Reachable time (ms)", OPT("pvd_id.ra.reachable"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_pvd_ra_retrans, "Retrans timer (ms)", OPT("pvd_id.ra.retrans"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_dnssl_reserved, "Reserved", OPT("dnssl.reserved"), FT_UINT16, BASE_HEX, NULL, 0),
		HFI(hf_dnssl_lifetime, "Lifetime (s)", OPT("dnssl.lifetime"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_dnssl_name, "Domain name", OPT("dnssl.name"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_dnssl_padding, "Padding", OPT("dnssl.padding"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_captive_portal_uri, "URI", OPT("captive_portal.uri"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_edns_priority, "Service priority", OPT("encrypted_dns.priority"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_lifetime, "Lifetime (s)", OPT("encrypted_dns.lifetime"), FT_UINT32, BASE_DEC, NULL, 0),
		HFI(hf_edns_adn_len, "ADN length", OPT("encrypted_dns.adn_len"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_adn, "Authentication domain name", OPT("encrypted_dns.adn"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_edns_addrs_len, "Addresses length", OPT("encrypted_dns.addrs_len"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_addr, "Address", OPT("encrypted_dns.addr"), FT_IPv6, BASE_NONE, NULL, 0),
		HFI(hf_edns_svcparams_len, "SvcParams length", OPT("encrypted_dns.svcparams_len"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_svcparams, "SvcParams", OPT("encrypted_dns.svcparams"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_edns_padding, "Padding", OPT("encrypted_dns.padding"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_edns_svcparam_key, "SvcParamKey", OPT("encrypted_dns.svcparam.key"), FT_UINT16, BASE_DEC, VALS(svcparam_vals), 0),
		HFI(hf_edns_svcparam_length, "SvcParam length", OPT("encrypted_dns.svcparam.length"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_svcparam_value, "SvcParamValue", OPT("encrypted_dns.svcparam.value"), FT_BYTES, BASE_NONE, NULL, 0),
		HFI(hf_edns_svcparam_alpn, "ALPN", OPT("encrypted_dns.svcparam.alpn"), FT_STRING, BASE_NONE, NULL, 0),
		HFI(hf_edns_svcparam_port, "Port", OPT("encrypted_dns.svcparam.port"), FT_UINT16, BASE_DEC, NULL, 0),
		HFI(hf_edns_svcparam_dohpath, "DoH path", OPT("encrypted_dns.svcparam.dohpath"), FT_STRING, BASE_NONE, NULL, 0),
	};
	static int *ett[] = { &ett_pvd_ra, &ett_pvd_ra_flags, &ett_svcparam };
	static ei_register_info ei[] = {
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
