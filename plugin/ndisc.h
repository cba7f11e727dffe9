/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector (RFC 4861 and the ND option RFCs): what its files share. */
#ifndef SOCKSCOPE_NDISC_H
#define SOCKSCOPE_NDISC_H

#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>

extern int proto_ndisc;

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
	unsigned sec;                    /* NDISC_SEC_* found */
};

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

/* Options (packet-ndisc-options.c). */
void ndisc_options_register(void);
/* Dissects the options in tvb[offset, end of reported data) of message type
 * msg (0: inside a PvD ID, any option allowed). Never throws for a bad
 * option header; stops at length 0 or an option past the end. */
void ndisc_dissect_options(tvbuff_t *tvb, int offset, packet_info *pinfo,
			   proto_tree *tree, uint8_t msg, struct ndisc_pkt *pkt,
			   unsigned depth);
const char *ndisc_opt_name(uint8_t type);
/* "1d", "4h30m", "infinity" for 0xffffffff */
char *ndisc_lifetime_str(wmem_allocator_t *scope, uint32_t secs);

/* Embedded RA header of a PvD ID option uses the message's layout. */
struct ndisc_ra_hf {
	int *cur_hop_limit, *flags, *flag_m, *flag_o, *flag_h, *prf, *flag_p,
	    *reserved, *router_lifetime, *reachable, *retrans;
	int *ett_flags;
};
int ndisc_dissect_ra_fixed(tvbuff_t *tvb, int offset, proto_tree *tree,
			   const struct ndisc_ra_hf *hf, struct ndisc_pkt *pkt);
const char *ndisc_ip6_str(wmem_allocator_t *scope, const uint8_t *a);
const char *ndisc_mac_str(wmem_allocator_t *scope, const uint8_t *m);
void ndisc_check_reserved(packet_info *pinfo, proto_item *ti, uint64_t value);
/* The message's checksum (offset 2) into hf and hf_status, verified where
 * the pseudo-header and the whole message are at hand; ei if it is bad. */
void ndisc_add_checksum(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf,
			int hf_status, expert_field *ei);

/* The built-in icmpv6 fields (packet-ndisc-compat.c): the message's
 * header, then each option, into the hidden icmpv6 item's tree. */
extern compat_bool ndisc_pref_builtin_fields;
void ndisc_compat_handoff(void);
void ndisc_compat_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt,
			  const struct ndisc_pkt *pkt);
/* One option at tvb[off, off + len) of message type msg (0 inside a PvD
 * ID option), depth as ndisc_dissect_options has it. */
void ndisc_compat_option(tvbuff_t *tvb, int off, unsigned len, packet_info *pinfo,
			 proto_tree *bt, uint8_t msg, unsigned depth);

/* Analysis and statistics (packet-ndisc-analysis.c, packet-ndisc-stats.c). */
void ndisc_analysis_register(void);
void ndisc_analyze(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		   struct ndisc_pkt *pkt);
/* Called by the two above: security analysis after the analysis's own. */
void ndisc_security_register(void);
void ndisc_security(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    struct ndisc_pkt *pkt);
void ndisc_stats_register(void);
void ndisc_stats_tap(packet_info *pinfo, struct ndisc_pkt *pkt);

#endif
