/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp VERB --help: every flag of a message (RFC 4861 header fields,
 * the IANA ND option registry), defaults and examples. */
#include <stdio.h>
#include <string.h>

#include "ndpg.h"

struct example {
	uint8_t type;
	const char *text;
};

static const struct example examples[] = {
	{ NDP_RS, "sockgen ndp rs --pcap rs.pcap" },
	{ NDP_RS, "sockgen ndp rs --raw eth0 --count 3 --interval 4000" },
	{ NDP_RA, "sockgen ndp ra --pcap ra.pcap --manifest ra.jsonl --flags M,O --prf high \\\n"
		  "      --prefix 2001:db8::/64,L,A,valid=1d,preferred=4h --mtu 1500 \\\n"
		  "      --rdnss 2001:db8::53,lifetime=600 --dnssl example.com,lifetime=600 \\\n"
		  "      --route 2001:db8:100::/48,prf=high --pref64 64:ff9b::/96 --nonce 0102030405060708090a0b0c0d0e" },
	{ NDP_RA, "sockgen ndp ra --iface veth0 --router-lifetime 0      # router going away" },
	{ NDP_RA, "sockgen ndp ra --pcap bad.pcap --bad-checksum --opt-len 3:0 --hop-limit 64   # negative test" },
	{ NDP_NS, "sockgen ndp ns --pcap ns.pcap --target fe80::2" },
	{ NDP_NS, "sockgen ndp ns --iface veth0 --src :: --target 2001:db8::1234 --nonce 010203040506   # DAD" },
	{ NDP_NA, "sockgen ndp na --pcap na.pcap --src fe80::2 --dst fe80::1 --flags S,O --target fe80::2" },
	{ NDP_NA, "sockgen ndp na --raw eth0 --flags O --target 2001:db8::2     # unsolicited, to all-nodes" },
	{ NDP_REDIRECT, "sockgen ndp redirect --pcap r.pcap --dst fe80::5 --target fe80::2 \\\n"
			"      --destination 2001:db8:1::9 --tlla 02:00:00:00:00:02 \\\n"
			"      --redirected-header \\\n"
			"      6000000000083a4020010db800000000000000000000000520010db80001000000000000000000098000f7ff00010001   # IPv6 header + 8 octets" },
	{ NDP_IND_SOL, "sockgen ndp ind-sol --pcap is.pcap --tlla 02:00:00:00:00:02" },
	{ NDP_CPS, "sockgen ndp cps --pcap cps.pcap --identifier 7 --trust-anchor fqdn=ca.example.com" },
	{ NDP_CPA, "sockgen ndp cpa --pcap cpa.pcap --identifier 7 --all-components 1 \\\n"
		"      --certificate \"$(xxd -p cert.der | tr -d '\\n')\"   # the DER bytes, in hex" },
	{ NDP_IND_ADV, "sockgen ndp ind-adv --pcap ia.pcap --dst fe80::1 --tlla 02:00:00:00:00:01 \\\n"
		       "      --tgt-addr-list 2001:db8::1,2001:db8::2" },
};

static void line(const char *flag, const char *syntax, const char *text)
{
	char left[96];

	snprintf(left, sizeof(left), "--%s%s%s", flag, syntax ? " " : "", syntax ? syntax : "");
	if (strlen(left) > 30)
		printf("  %s\n  %-30s %s\n", left, "", text);
	else
		printf("  %-30s %s\n", left, text);
}

void ndpg_help(const struct ndp_msg_desc *v)
{
	uint32_t bit = ndp_msg_bit(v->type);
	int pass;

	printf("usage: sockgen ndp %s [options]\n%s (%s), ICMPv6 type %u.\n\n", v->verb, v->name, v->ref,
	       v->type);
	printf("Addresses and link layer:\n");
	line("src", "ADDR", "IPv6 source (default: the interface's link-local, fe80::1 with --pcap alone)");
	line("dst", "ADDR", v->type == NDP_RS || v->type == NDP_CPS ?
	     "IPv6 destination (default ff02::2, all-routers)" :
	     v->type == NDP_NS ? "IPv6 destination (default: solicited-node multicast of --target)" :
	     "IPv6 destination (default ff02::1, all-nodes)");
	line("src-mac", "MAC", "Ethernet source (default: the interface's MAC, 02:00:00:00:00:01 with --pcap alone)");
	line("dst-mac", "MAC", "Ethernet destination (default: 33:33 + the low 32 bits of a multicast --dst;\n"
	     "                                 for unicast the EUI-64 MAC, else 02:00:00:00:00:02)");
	line("hop-limit", "N", "IPv6 hop limit (default 255; anything else is dropped by receivers)");
	printf("\nHeader fields:\n");
	line("code", "N", "ICMPv6 code (default 0)");
	line("reserved", "N", "value of the reserved bits (default 0; negative tests)");
	switch (v->type) {
	case NDP_RA:
		line("cur-hop-limit", "N", "Cur Hop Limit (default 64)");
		line("flags", "M,O,H,P", "M managed, O other config, H home agent (RFC 6275), P proxy (RFC 4389); none clears");
		line("prf", "high|medium|low", "default router preference (RFC 4191; default medium)");
		line("router-lifetime", "S", "router lifetime in s (default 1800; 0 = not a default router)");
		line("reachable", "MS", "reachable time in ms (default 0 = unspecified)");
		line("retrans", "MS", "retrans timer in ms (default 0 = unspecified)");
		break;
	case NDP_NS:
		line("target", "ADDR", "target address (required)");
		break;
	case NDP_NA:
		line("flags", "R,S,O", "R router, S solicited, O override; none clears");
		line("target", "ADDR", "target address (default: the source address)");
		break;
	case NDP_REDIRECT:
		line("target", "ADDR", "target: the better first hop (required)");
		line("destination", "ADDR", "destination being redirected (required)");
		break;
	case NDP_CPS:
		line("identifier", "N", "identifier the answer repeats (default 1)");
		line("component", "N", "certificate wanted, 65535 = all (default 0)");
		break;
	case NDP_CPA:
		line("identifier", "N", "identifier of the solicitation (default 0, unsolicited)");
		line("all-components", "N", "number of certificates in the path (default 1)");
		line("component", "N", "index of this one (default 0)");
		break;
	default:
		break;
	}
	printf("\nOptions (each flag adds one option; values after commas are sub-fields;\n"
	       "lifetimes take seconds, Ns/m/h/d or infinity):\n");
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			printf("\n  Not expected in a %s by the RFCs (for negative tests):\n", v->verb);
		for (size_t i = 0; i < ndpg_n_optflags; i++) {
			const struct ndpg_optflag *f = &ndpg_optflags[i];
			const struct ndp_opt_desc *d = ndp_opt_desc_get(f->type);
			bool allowed = !d || (d->msgs & bit) || f->type >= NDP_OPT_EXP1;
			char text[160];

			if (allowed != (pass == 0))
				continue;
			snprintf(text, sizeof(text), "%s [type %u%s]", f->help, f->type,
				 d && d->once ? ", once" : "");
			line(f->name, f->syntax, text);
		}
	}
	printf("\n");
	line("no-slla", NULL, v->type == NDP_NA ? "(NA carries a TLLA by default instead)" :
	     "do not add the default source link-layer address option");
	line("no-tlla", NULL, "do not add the default target link-layer address option (NA)");
	line("opt", "TYPE:HEX", "any option, body given in hex, zero-padded to 8 octets");
	printf("\nNegative tests:\n");
	line("bad-checksum", NULL, "write a checksum that does not verify (not with --raw)");
	line("opt-len", "TYPE:N", "write length N (8-octet units, 0..255) into every option TYPE");
	printf("\nOutputs and timing:\n");
	line("pcap", "FILE", "write Ethernet frames to a pcap file (no privileges needed)");
	line("raw", "IF", "send on a raw ICMPv6 socket bound to IF (the kernel writes the Ethernet\n"
	     "                                 and IPv6 headers and the checksum; no :: source, no MACs)");
	line("iface", "IF", "send whole frames on IF with libnet (any source MAC/IPv6, e.g. :: for DAD)");
	line("manifest", "FILE", "JSON Lines, one object per packet, keyed by ndisc display-filter fields");
	line("manifest-format", "F", "compact (default: a record like the one before it lists only the\n"
	     "                                 values that changed, after \"=\") or full (every record whole)");
	line("count", "N", "packets to send (default 1)");
	line("interval", "MS", "gap between packets (pcap alone: in the timestamps only)");
	line("rate", "PPS", "packets per second instead of --interval");
	line("script", "FILE", "one message per line in this syntax (sockgen ndp --script FILE [outputs]);\n"
	     "                                 - reads standard input");
	line("start-time", "T", "pcap timestamps from T (Unix seconds or 2024-01-01T00:00:00Z), not\n"
	     "                                 the clock: two runs write the same file (--pcap alone)");
	line("quiet", NULL, "no progress or summary line on stderr");
	printf("\nExamples:\n");
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
		if (examples[i].type == v->type)
			printf("  %s\n", examples[i].text);
	printf("\nExit codes: 0 success, 1 runtime failure (privileges, interface, I/O), 2 bad input.\n");
}
