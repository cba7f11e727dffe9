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
	[NDP_OPT_SLLA] = {
		.type = NDP_OPT_SLLA, .name = "Source Link-Layer Address", .stem = "slla",
		.ref = "RFC 4861 4.6.1", .min_units = 1, .max_units = 255,
		/* RFC 4861 4.1-4.3, RFC 3122 2.1/2.2; never in NA/Redirect */
		.msgs = NDP_M_RS | NDP_M_RA | NDP_M_NS | IND, .once = true, FNS(lla),
	},
	[NDP_OPT_TLLA] = {
		.type = NDP_OPT_TLLA, .name = "Target Link-Layer Address", .stem = "tlla",
		.ref = "RFC 4861 4.6.1", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_NA | NDP_M_REDIRECT | IND, .once = true, FNS(lla),
	},
	[NDP_OPT_PREFIX] = {
		.type = NDP_OPT_PREFIX, .name = "Prefix Information", .stem = "prefix",
		.ref = "RFC 4861 4.6.2", .min_units = 4, .max_units = 4,
		.msgs = NDP_M_RA, .once = false, FNS(prefix),
	},
	[NDP_OPT_REDIRECTED] = {
		.type = NDP_OPT_REDIRECTED, .name = "Redirected Header", .stem = "redirected",
		.ref = "RFC 4861 4.6.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_REDIRECT, .once = true, FNS(redirected),
	},
	[NDP_OPT_MTU] = {
		.type = NDP_OPT_MTU, .name = "MTU", .stem = "mtu",
		.ref = "RFC 4861 4.6.4", .min_units = 1, .max_units = 1,
		/* RFC 3122 2.1/2.2 carries it in inverse ND too */
		.msgs = NDP_M_RA | IND, .once = true, FNS(mtu),
	},
	[NDP_OPT_NBMA] = {
		.type = NDP_OPT_NBMA, .name = "NBMA Shortcut Limit", .stem = "nbma",
		.ref = "RFC 2491 6.2", .min_units = 1, .max_units = 1,
		.msgs = NDP_M_NS, .once = true, FNS(nbma),
	},
	[NDP_OPT_ADV_INTERVAL] = {
		.type = NDP_OPT_ADV_INTERVAL, .name = "Advertisement Interval", .stem = "adv_interval",
		.ref = "RFC 6275 7.3", .min_units = 1, .max_units = 1,
		.msgs = NDP_M_RA, .once = true, FNS(adv_interval),
	},
	[NDP_OPT_HA_INFO] = {
		.type = NDP_OPT_HA_INFO, .name = "Home Agent Information", .stem = "ha_info",
		.ref = "RFC 6275 7.4", .min_units = 1, .max_units = 1,
		.msgs = NDP_M_RA, .once = true, FNS(ha_info),
	},
	[NDP_OPT_SRC_ADDR_LIST] = {
		.type = NDP_OPT_SRC_ADDR_LIST, .name = "Source Address List", .stem = "src_addr_list",
		.ref = "RFC 3122 3.1", .min_units = 3, .max_units = 255,
		.msgs = IND, .once = true, FNS(addr_list),
	},
	[NDP_OPT_TGT_ADDR_LIST] = {
		.type = NDP_OPT_TGT_ADDR_LIST, .name = "Target Address List", .stem = "tgt_addr_list",
		.ref = "RFC 3122 3.2", .min_units = 3, .max_units = 255,
		.msgs = NDP_M_IND_ADV, .once = true, FNS(addr_list),
	},
	[NDP_OPT_CGA] = {
		.type = NDP_OPT_CGA, .name = "CGA", .stem = "cga",
		.ref = "RFC 3971 5.1", .min_units = 1, .max_units = 255,
		.msgs = ND5, .once = true, FNS(cga),
	},
	[NDP_OPT_RSA_SIG] = {
		.type = NDP_OPT_RSA_SIG, .name = "RSA Signature", .stem = "rsa_sig",
		.ref = "RFC 3971 5.2", .min_units = 3, .max_units = 255,
		.msgs = ND5, .once = true, FNS(signature),
	},
	[NDP_OPT_TIMESTAMP] = {
		.type = NDP_OPT_TIMESTAMP, .name = "Timestamp", .stem = "timestamp",
		.ref = "RFC 3971 5.3.1", .min_units = 2, .max_units = 2,
		.msgs = ND5, .once = true, FNS(timestamp),
	},
	[NDP_OPT_NONCE] = {
		.type = NDP_OPT_NONCE, .name = "Nonce", .stem = "nonce",
		.ref = "RFC 3971 5.3.2", .min_units = 1, .max_units = 255,
		.msgs = ND5, .once = true, FNS(nonce),
	},
	[NDP_OPT_TRUST_ANCHOR] = {
		.type = NDP_OPT_TRUST_ANCHOR, .name = "Trust Anchor", .stem = "trust_anchor",
		.ref = "RFC 3971 6.4.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_CPS | NDP_M_CPA, .once = false, FNS(trust_anchor),
	},
	[NDP_OPT_CERTIFICATE] = {
		.type = NDP_OPT_CERTIFICATE, .name = "Certificate", .stem = "certificate",
		.ref = "RFC 3971 6.4.4", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_CPA, .once = true, FNS(certificate),
	},
	[NDP_OPT_IP_ADDR] = {
		.type = NDP_OPT_IP_ADDR, .name = "IP Address/Prefix", .stem = "ip_addr",
		.ref = "RFC 5568 6.4.1", .min_units = 3, .max_units = 3,
		.msgs = NDP_M_ANY, .once = false, FNS(ip_addr),
	},
	[NDP_OPT_NEW_ROUTER_PREFIX] = {
		.type = NDP_OPT_NEW_ROUTER_PREFIX, .name = "New Router Prefix Information", .stem = "new_router_prefix",
		.ref = "RFC 4068 6.4.2", .min_units = 3, .max_units = 3,
		.msgs = NDP_M_ANY, .once = false, FNS(ip_addr),
	},
	[NDP_OPT_LLA] = {
		.type = NDP_OPT_LLA, .name = "Link-layer Address", .stem = "fmip_lla",
		.ref = "RFC 5568 6.4.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = false, FNS(fmip_lla),
	},
	[NDP_OPT_NAACK] = {
		.type = NDP_OPT_NAACK, .name = "Neighbor Advertisement Acknowledgment", .stem = "naack",
		.ref = "RFC 5568 6.4.4", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = true, FNS(naack),
	},
	[NDP_OPT_PVD_ID] = {
		.type = NDP_OPT_PVD_ID, .name = "PvD ID Router Advertisement", .stem = "pvd_id",
		.ref = "RFC 8801 3.1", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_RA, .once = true, FNS(pvd_id),
	},
	[NDP_OPT_MAP] = {
		.type = NDP_OPT_MAP, .name = "MAP", .stem = "map",
		.ref = "RFC 5380 6.3", .min_units = 3, .max_units = 3,
		.msgs = NDP_M_RA, .once = false, FNS(map),
	},
	[NDP_OPT_ROUTE] = {
		.type = NDP_OPT_ROUTE, .name = "Route Information", .stem = "route",
		.ref = "RFC 4191 2.3", .min_units = 1, .max_units = 3,
		.msgs = NDP_M_RA, .once = false, FNS(route),
	},
	[NDP_OPT_RDNSS] = {
		.type = NDP_OPT_RDNSS, .name = "Recursive DNS Server", .stem = "rdnss",
		.ref = "RFC 8106 5.1", .min_units = 3, .max_units = 255,
		.msgs = NDP_M_RA, .once = false, FNS(rdnss),
	},
	[NDP_OPT_RA_FLAGS_EXT] = {
		.type = NDP_OPT_RA_FLAGS_EXT, .name = "RA Flags Extension", .stem = "ra_flags_ext",
		.ref = "RFC 5175 4", .min_units = 1, .max_units = 1,
		.msgs = NDP_M_RA, .once = true, FNS(ra_flags_ext),
	},
	[NDP_OPT_HKR] = {
		.type = NDP_OPT_HKR, .name = "Handover Key Request", .stem = "hkr",
		.ref = "RFC 5269 5.1", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = true, FNS(hkr),
	},
	[NDP_OPT_HKREP] = {
		.type = NDP_OPT_HKREP, .name = "Handover Key Reply", .stem = "hkrep",
		.ref = "RFC 5269 5.2", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = true, FNS(hkrep),
	},
	[NDP_OPT_HAI] = {
		.type = NDP_OPT_HAI, .name = "Handover Assist Information", .stem = "hai",
		.ref = "RFC 5271 4.1", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = true, FNS(hai),
	},
	[NDP_OPT_MN_ID] = {
		.type = NDP_OPT_MN_ID, .name = "Mobile Node Identifier", .stem = "mn_id",
		.ref = "RFC 5271 4.2", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = true, FNS(hai),
	},
	[NDP_OPT_DNSSL] = {
		.type = NDP_OPT_DNSSL, .name = "DNS Search List", .stem = "dnssl",
		.ref = "RFC 8106 5.2", .min_units = 2, .max_units = 255,
		.msgs = NDP_M_RA, .once = false, FNS(dnssl),
	},
	[NDP_OPT_PROXY_SIG] = {
		.type = NDP_OPT_PROXY_SIG, .name = "Proxy Signature", .stem = "proxy_sig",
		.ref = "RFC 6496 4.2", .min_units = 3, .max_units = 255,
		.msgs = ND5, .once = true, FNS(signature),
	},
	[NDP_OPT_EARO] = {
		.type = NDP_OPT_EARO, .name = "Address Registration", .stem = "earo",
		.ref = "RFC 8505 4.1", .min_units = 2, .max_units = 5,
		.msgs = NDP_M_NS | NDP_M_NA, .once = true, FNS(earo),
	},
	[NDP_OPT_6LOWPAN_CTX] = {
		.type = NDP_OPT_6LOWPAN_CTX, .name = "6LoWPAN Context", .stem = "lowpan_ctx",
		.ref = "RFC 6775 4.2", .min_units = 2, .max_units = 3,
		.msgs = NDP_M_RA, .once = false, FNS(lowpan_ctx),
	},
	[NDP_OPT_ABRO] = {
		.type = NDP_OPT_ABRO, .name = "Authoritative Border Router", .stem = "abro",
		.ref = "RFC 6775 4.3", .min_units = 3, .max_units = 3,
		.msgs = NDP_M_RA, .once = true, FNS(abro),
	},
	[NDP_OPT_6CIO] = {
		.type = NDP_OPT_6CIO, .name = "6LoWPAN Capability Indication", .stem = "cio",
		.ref = "RFC 7400 3.3", .min_units = 1, .max_units = 1,
		.msgs = NDP_M_RS | NDP_M_RA, .once = true, FNS(cio),
	},
	[NDP_OPT_CAPTIVE_PORTAL] = {
		.type = NDP_OPT_CAPTIVE_PORTAL, .name = "Captive Portal", .stem = "captive_portal",
		.ref = "RFC 8910 2.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_RA, .once = true, FNS(captive_portal),
	},
	[NDP_OPT_PREF64] = {
		.type = NDP_OPT_PREF64, .name = "PREF64", .stem = "pref64",
		.ref = "RFC 8781 4", .min_units = 2, .max_units = 2,
		.msgs = NDP_M_RA, .once = false, FNS(pref64),
	},
	[NDP_OPT_CIPO] = {
		.type = NDP_OPT_CIPO, .name = "Crypto-ID Parameters", .stem = "cipo",
		.ref = "RFC 8928 4.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_NS | NDP_M_RA, .once = true, FNS(cipo),
	},
	[NDP_OPT_NDP_SIG] = {
		.type = NDP_OPT_NDP_SIG, .name = "NDP Signature", .stem = "ndp_sig",
		.ref = "RFC 8928 4.4", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_NS, .once = true, FNS(ndp_sig),
	},
	[NDP_OPT_RD_ADDR] = {
		.type = NDP_OPT_RD_ADDR, .name = "Resource Directory Address", .stem = "rd_addr",
		.ref = "RFC 9176 4.1", .min_units = 3, .max_units = 3,
		.msgs = NDP_M_RA, .once = false, FNS(rd_addr),
	},
	[NDP_OPT_UPTIME] = {
		.type = NDP_OPT_UPTIME, .name = "Consistent Uptime", .stem = "uptime",
		.ref = "RFC 9685", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_RA | NDP_M_NS | NDP_M_NA, .once = true, FNS(uptime),
	},
	[NDP_OPT_CARD_REQ] = {
		.type = NDP_OPT_CARD_REQ, .name = "CARD Request", .stem = "card_req",
		.ref = "RFC 4065 4", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = false, FNS(card),
	},
	[NDP_OPT_CARD_REP] = {
		.type = NDP_OPT_CARD_REP, .name = "CARD Reply", .stem = "card_rep",
		.ref = "RFC 4065 4", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = false, FNS(card),
	},
	[NDP_OPT_ENCRYPTED_DNS] = {
		.type = NDP_OPT_ENCRYPTED_DNS, .name = "Encrypted DNS", .stem = "encrypted_dns",
		.ref = "RFC 9463 6.1", .min_units = 2, .max_units = 255,
		.msgs = NDP_M_RA, .once = false, FNS(encrypted_dns),
	},
	[NDP_OPT_EXP1] = {
		.type = NDP_OPT_EXP1, .name = "RFC3692-style Experiment 1", .stem = "exp",
		.ref = "RFC 4727 5.1.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = false, FNS(raw),
	},
	[NDP_OPT_EXP2] = {
		.type = NDP_OPT_EXP2, .name = "RFC3692-style Experiment 2", .stem = "exp",
		.ref = "RFC 4727 5.1.3", .min_units = 1, .max_units = 255,
		.msgs = NDP_M_ANY, .once = false, FNS(raw),
	},
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
