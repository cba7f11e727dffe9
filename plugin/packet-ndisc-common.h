/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector (RFC 4861 and the ND option RFCs): what every ndisc file
 * shares (packet-ndisc-common.c), below all of them: it includes none of
 * the other packet-ndisc-*.h. */
#ifndef SOCKSCOPE_PACKET_NDISC_COMMON_H
#define SOCKSCOPE_PACKET_NDISC_COMMON_H

#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>

/* registered by packet-ndisc.c */
extern int proto_ndisc;
/* "ndisc.reserved.nonzero", registered by packet-ndisc.c */
extern expert_field ei_ndisc_reserved;

/* Router/route preference names (RFC 4191 2.1), for the RA header, the
 * route information option and the PvD ID's embedded RA header. */
extern const value_string ndisc_prf_vals[];

/* Caps against pathological input: options per message (as the codec's
 * NDP_MAX_OPTS), PvD ID nesting, prefixes remembered per message. */
#define NDISC_MAX_OPTS 128
#define NDISC_MAX_DEPTH 4
#define NDISC_MAX_PREFIXES 8

struct ndisc_prefix {
	uint8_t addr[16];
	uint8_t len;
	uint8_t flags;                   /* L A R P as on the wire */
	uint32_t valid, preferred;
};

/* What one message says, collected while dissecting; read by the Info
 * column, the analysis and the stats tap. Lives in pinfo->pool. */
struct ndisc_pkt {
	/* hidden built-in icmpv6 item to put its fields under, or NULL */
	proto_tree *builtin;
	uint8_t type, code;
	bool has_src, has_dst;
	uint8_t src[16], dst[16];
	bool has_target;
	uint8_t target[16];
	uint8_t destination[16];         /* redirect */
	uint8_t ra_flags;
	uint16_t router_lifetime;
	uint8_t cur_hop_limit;
	uint32_t reachable, retrans;
	uint32_t na_flags;
	bool has_slla, has_tlla;
	uint8_t slla[6], tlla[6];
	bool has_mtu;
	uint32_t mtu;
	unsigned n_prefixes;
	struct ndisc_prefix prefixes[NDISC_MAX_PREFIXES];
	unsigned n_opts;
	uint8_t opt_types[NDISC_MAX_OPTS];
	/* analysis results, for the tap */
	bool dad_probe, dad_conflict, dup_addr;
	unsigned new_prefixes;           /* RA prefixes no RA advertised before */
	unsigned sec;                    /* NDISC_SEC_* found */
	bool expert_text;                /* ndisc_expert_text() of this packet */
};

/* Whether anyone reads the text of this packet's expert infos: a visible
 * tree (-V, -T json, the GUI's details), the expert tap (-z expert, the
 * GUI's Expert Information) or _ws.expert or _ws.expert.message in a
 * filter, column or -e. Otherwise the analysis adds the same expert infos (severity, group,
 * the filterable item) with their short summary, and saves formatting a
 * text nobody sees: with -Y on a flooded link that was 4 % of the run. */
bool ndisc_expert_text(proto_tree *tree);
#define NDISC_EXPERT(want, pinfo, pi, ei, ...)                          \
	((want) ? expert_add_info_format(pinfo, pi, ei, __VA_ARGS__)    \
		: (void)expert_add_info(pinfo, pi, ei))

/* Security findings (packet-ndisc-security.c), for the tap. */
#define NDISC_SEC_FRAGMENTED        0x001
#define NDISC_SEC_EXT_HEADERS       0x002
#define NDISC_SEC_BINDING           0x004
#define NDISC_SEC_ROGUE_ROUTER      0x008
#define NDISC_SEC_UNKNOWN_ROUTER    0x010
#define NDISC_SEC_SPOOFED_LIFETIME0 0x020
#define NDISC_SEC_DAD_DOS           0x040
#define NDISC_SEC_REDIRECT          0x080
#define NDISC_SEC_RA_FLOOD          0x100
#define NDISC_SEC_NS_FLOOD          0x200
#define NDISC_SEC_KINDS             10

/* Option names from the codec table ("Unknown" for others). */
const char *ndisc_opt_name(uint8_t type);
/* "1d", "4h30m", "infinity" for 0xffffffff */
char *ndisc_lifetime_str(wmem_allocator_t *scope, uint32_t secs);

/* Embedded RA header of a PvD ID option uses the message's layout. */
struct ndisc_ra_hf {
	int *cur_hop_limit, *flags, *flag_m, *flag_o, *flag_h, *prf, *flag_p,
	    *reserved, *router_lifetime, *reachable, *retrans;
	int *ett_flags;
};
/* The RA header's first four octets after the checksum (cur hop limit,
 * flags, router lifetime): all a short RA may have. */
int ndisc_dissect_ra_head(tvbuff_t *tvb, int offset, proto_tree *tree,
			  const struct ndisc_ra_hf *hf, struct ndisc_pkt *pkt);
int ndisc_dissect_ra_fixed(tvbuff_t *tvb, int offset, proto_tree *tree,
			   const struct ndisc_ra_hf *hf, struct ndisc_pkt *pkt);
/* The IPv6 address of a (pinfo->src, ->dst), or NULL. */
const uint8_t *ndisc_ipv6_of(const address *a);
const char *ndisc_ip6_str(wmem_allocator_t *scope, const uint8_t *a);
const char *ndisc_mac_str(wmem_allocator_t *scope, const uint8_t *m);
void ndisc_check_reserved(packet_info *pinfo, proto_item *ti, uint64_t value);
/* The message's checksum (offset 2) into hf and hf_status, verified where
 * the pseudo-header and the whole message are at hand; ei if it is bad. */
void ndisc_add_checksum(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf,
			int hf_status, expert_field *ei);

#endif
