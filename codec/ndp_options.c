/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one NDP option descriptor table: type, IANA name, filter stem, RFC,
 * allowed lengths and messages, and the parse/check/build functions of every
 * type in IANA's "IPv6 Neighbor Discovery Option Formats" registry. */
#include "ndp_internal.h"

#define ND5 (NDP_M_RS | NDP_M_RA | NDP_M_NS | NDP_M_NA | NDP_M_REDIRECT)
#define IND (NDP_M_IND_SOL | NDP_M_IND_ADV)

#define FNS(x) .parse = ndp_opt_parse_##x, .check = ndp_opt_check_##x, \
	       .build = ndp_opt_build_##x

/* Indexed by type so a lookup is one load. The .msgs sets follow the
 * message definitions of each RFC; options defined only for messages
 * outside ND proper (FMIPv6 ICMPv6 type 154, CARD, experiments) are allowed
 * everywhere (NDP_M_ANY) rather than nowhere. */
static const struct ndp_opt_desc ndp_opt_table[256] = {
	[NDP_OPT_SLLA] = { NDP_OPT_SLLA, "Source Link-Layer Address", "slla",
		"RFC 4861 4.6.1", 1, 255,
		/* RFC 4861 4.1-4.3, RFC 3122 2.1/2.2; never in NA/Redirect */
		NDP_M_RS | NDP_M_RA | NDP_M_NS | IND, true, FNS(lla) },
	[NDP_OPT_TLLA] = { NDP_OPT_TLLA, "Target Link-Layer Address", "tlla",
		"RFC 4861 4.6.1", 1, 255,
		NDP_M_NA | NDP_M_REDIRECT | IND, true, FNS(lla) },
	[NDP_OPT_PREFIX] = { NDP_OPT_PREFIX, "Prefix Information", "prefix",
		"RFC 4861 4.6.2", 4, 4, NDP_M_RA, false, FNS(prefix) },
	[NDP_OPT_REDIRECTED] = { NDP_OPT_REDIRECTED, "Redirected Header",
		"redirected", "RFC 4861 4.6.3", 1, 255, NDP_M_REDIRECT, true,
		FNS(redirected) },
	[NDP_OPT_MTU] = { NDP_OPT_MTU, "MTU", "mtu", "RFC 4861 4.6.4", 1, 1,
		/* RFC 3122 2.1/2.2 carries it in inverse ND too */
		NDP_M_RA | IND, true, FNS(mtu) },
	[NDP_OPT_NBMA] = { NDP_OPT_NBMA, "NBMA Shortcut Limit", "nbma",
		"RFC 2491 6.2", 1, 1, NDP_M_NS, true, FNS(nbma) },
	[NDP_OPT_ADV_INTERVAL] = { NDP_OPT_ADV_INTERVAL,
		"Advertisement Interval", "adv_interval", "RFC 6275 7.3", 1, 1,
		NDP_M_RA, true, FNS(adv_interval) },
	[NDP_OPT_HA_INFO] = { NDP_OPT_HA_INFO, "Home Agent Information",
		"ha_info", "RFC 6275 7.4", 1, 1, NDP_M_RA, true, FNS(ha_info) },
	[NDP_OPT_SRC_ADDR_LIST] = { NDP_OPT_SRC_ADDR_LIST,
		"Source Address List", "src_addr_list", "RFC 3122 3.1", 3, 255,
		IND, true, FNS(addr_list) },
	[NDP_OPT_TGT_ADDR_LIST] = { NDP_OPT_TGT_ADDR_LIST,
		"Target Address List", "tgt_addr_list", "RFC 3122 3.2", 3, 255,
		NDP_M_IND_ADV, true, FNS(addr_list) },
	[NDP_OPT_CGA] = { NDP_OPT_CGA, "CGA", "cga", "RFC 3971 5.1", 1, 255,
		ND5, true, FNS(cga) },
	[NDP_OPT_RSA_SIG] = { NDP_OPT_RSA_SIG, "RSA Signature", "rsa_sig",
		"RFC 3971 5.2", 3, 255, ND5, true, FNS(signature) },
	[NDP_OPT_TIMESTAMP] = { NDP_OPT_TIMESTAMP, "Timestamp", "timestamp",
		"RFC 3971 5.3.1", 2, 2, ND5, true, FNS(timestamp) },
	[NDP_OPT_NONCE] = { NDP_OPT_NONCE, "Nonce", "nonce", "RFC 3971 5.3.2",
		1, 255, ND5, true, FNS(nonce) },
	[NDP_OPT_TRUST_ANCHOR] = { NDP_OPT_TRUST_ANCHOR, "Trust Anchor",
		"trust_anchor", "RFC 3971 6.4.3", 1, 255,
		NDP_M_CPS | NDP_M_CPA, false, FNS(trust_anchor) },
	[NDP_OPT_CERTIFICATE] = { NDP_OPT_CERTIFICATE, "Certificate",
		"certificate", "RFC 3971 6.4.4", 1, 255, NDP_M_CPA, true,
		FNS(certificate) },
	[NDP_OPT_IP_ADDR] = { NDP_OPT_IP_ADDR, "IP Address/Prefix", "ip_addr",
		"RFC 5568 6.4.1", 3, 3, NDP_M_ANY, false, FNS(ip_addr) },
	[NDP_OPT_NEW_ROUTER_PREFIX] = { NDP_OPT_NEW_ROUTER_PREFIX,
		"New Router Prefix Information", "new_router_prefix",
		"RFC 4068 6.4.2", 3, 3, NDP_M_ANY, false, FNS(ip_addr) },
	[NDP_OPT_LLA] = { NDP_OPT_LLA, "Link-layer Address", "fmip_lla",
		"RFC 5568 6.4.3", 1, 255, NDP_M_ANY, false, FNS(fmip_lla) },
	[NDP_OPT_NAACK] = { NDP_OPT_NAACK,
		"Neighbor Advertisement Acknowledgment", "naack",
		"RFC 5568 6.4.4", 1, 255, NDP_M_ANY, true, FNS(naack) },
	[NDP_OPT_PVD_ID] = { NDP_OPT_PVD_ID, "PvD ID Router Advertisement",
		"pvd_id", "RFC 8801 3.1", 1, 255, NDP_M_RA, true, FNS(pvd_id) },
	[NDP_OPT_MAP] = { NDP_OPT_MAP, "MAP", "map", "RFC 5380 6.3", 3, 3,
		NDP_M_RA, false, FNS(map) },
	[NDP_OPT_ROUTE] = { NDP_OPT_ROUTE, "Route Information", "route",
		"RFC 4191 2.3", 1, 3, NDP_M_RA, false, FNS(route) },
	[NDP_OPT_RDNSS] = { NDP_OPT_RDNSS, "Recursive DNS Server", "rdnss",
		"RFC 8106 5.1", 3, 255, NDP_M_RA, false, FNS(rdnss) },
	[NDP_OPT_RA_FLAGS_EXT] = { NDP_OPT_RA_FLAGS_EXT,
		"RA Flags Extension", "ra_flags_ext", "RFC 5175 4", 1, 1,
		NDP_M_RA, true, FNS(ra_flags_ext) },
	[NDP_OPT_HKR] = { NDP_OPT_HKR, "Handover Key Request", "hkr",
		"RFC 5269 5.1", 1, 255, NDP_M_ANY, true, FNS(hkr) },
	[NDP_OPT_HKREP] = { NDP_OPT_HKREP, "Handover Key Reply", "hkrep",
		"RFC 5269 5.2", 1, 255, NDP_M_ANY, true, FNS(hkrep) },
	[NDP_OPT_HAI] = { NDP_OPT_HAI, "Handover Assist Information", "hai",
		"RFC 5271 4.1", 1, 255, NDP_M_ANY, true, FNS(hai) },
	[NDP_OPT_MN_ID] = { NDP_OPT_MN_ID, "Mobile Node Identifier", "mn_id",
		"RFC 5271 4.2", 1, 255, NDP_M_ANY, true, FNS(hai) },
	[NDP_OPT_DNSSL] = { NDP_OPT_DNSSL, "DNS Search List", "dnssl",
		"RFC 8106 5.2", 2, 255, NDP_M_RA, false, FNS(dnssl) },
	[NDP_OPT_PROXY_SIG] = { NDP_OPT_PROXY_SIG, "Proxy Signature",
		"proxy_sig", "RFC 6496 4.2", 3, 255, ND5, true,
		FNS(signature) },
	[NDP_OPT_EARO] = { NDP_OPT_EARO, "Address Registration", "earo",
		"RFC 8505 4.1", 2, 5, NDP_M_NS | NDP_M_NA, true, FNS(earo) },
	[NDP_OPT_6LOWPAN_CTX] = { NDP_OPT_6LOWPAN_CTX, "6LoWPAN Context",
		"lowpan_ctx", "RFC 6775 4.2", 2, 3, NDP_M_RA, false,
		FNS(lowpan_ctx) },
	[NDP_OPT_ABRO] = { NDP_OPT_ABRO, "Authoritative Border Router", "abro",
		"RFC 6775 4.3", 3, 3, NDP_M_RA, true, FNS(abro) },
	[NDP_OPT_6CIO] = { NDP_OPT_6CIO, "6LoWPAN Capability Indication",
		"cio", "RFC 7400 3.3", 1, 1, NDP_M_RS | NDP_M_RA, true,
		FNS(cio) },
	[NDP_OPT_CAPTIVE_PORTAL] = { NDP_OPT_CAPTIVE_PORTAL, "Captive Portal",
		"captive_portal", "RFC 8910 2.3", 1, 255, NDP_M_RA, true,
		FNS(captive_portal) },
	[NDP_OPT_PREF64] = { NDP_OPT_PREF64, "PREF64", "pref64", "RFC 8781 4",
		2, 2, NDP_M_RA, false, FNS(pref64) },
	[NDP_OPT_CIPO] = { NDP_OPT_CIPO, "Crypto-ID Parameters", "cipo",
		"RFC 8928 4.3", 1, 255, NDP_M_NS | NDP_M_RA, true, FNS(cipo) },
	[NDP_OPT_NDP_SIG] = { NDP_OPT_NDP_SIG, "NDP Signature", "ndp_sig",
		"RFC 8928 4.4", 1, 255, NDP_M_NS, true, FNS(ndp_sig) },
	[NDP_OPT_RD_ADDR] = { NDP_OPT_RD_ADDR, "Resource Directory Address",
		"rd_addr", "RFC 9176 4.1", 3, 3, NDP_M_RA, false,
		FNS(rd_addr) },
	[NDP_OPT_UPTIME] = { NDP_OPT_UPTIME, "Consistent Uptime", "uptime",
		"RFC 9685", 1, 255, NDP_M_RA | NDP_M_NS | NDP_M_NA, true,
		FNS(uptime) },
	[NDP_OPT_CARD_REQ] = { NDP_OPT_CARD_REQ, "CARD Request", "card_req",
		"RFC 4065 4", 1, 255, NDP_M_ANY, false, FNS(card) },
	[NDP_OPT_CARD_REP] = { NDP_OPT_CARD_REP, "CARD Reply", "card_rep",
		"RFC 4065 4", 1, 255, NDP_M_ANY, false, FNS(card) },
	[NDP_OPT_ENCRYPTED_DNS] = { NDP_OPT_ENCRYPTED_DNS, "Encrypted DNS",
		"encrypted_dns", "RFC 9463 6.1", 2, 255, NDP_M_RA, false,
		FNS(encrypted_dns) },
	[NDP_OPT_EXP1] = { NDP_OPT_EXP1, "RFC3692-style Experiment 1", "exp",
		"RFC 4727 5.1.3", 1, 255, NDP_M_ANY, false, FNS(raw) },
	[NDP_OPT_EXP2] = { NDP_OPT_EXP2, "RFC3692-style Experiment 2", "exp",
		"RFC 4727 5.1.3", 1, 255, NDP_M_ANY, false, FNS(raw) },
};

const struct ndp_opt_desc *ndp_opt_desc_get(uint8_t type)
{
	const struct ndp_opt_desc *d = &ndp_opt_table[type];

	return d->name ? d : NULL;
}

const struct ndp_opt_desc *ndp_opt_desc_at(size_t i)
{
	for (size_t t = 0; t < 256; t++) {
		if (!ndp_opt_table[t].name)
			continue;
		if (i-- == 0)
			return &ndp_opt_table[t];
	}
	return NULL;
}
