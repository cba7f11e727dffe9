/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc option dissection: the per-option context and the helpers shared by
 * packet-ndisc-options.c, the option groups (packet-ndisc-opt-<group>.c)
 * and packet-ndisc-compat.c (packet-ndisc-opt-helpers.c). */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_HELPERS_H
#define SOCKSCOPE_PACKET_NDISC_OPT_HELPERS_H

#include "packet-ndisc-common.h"

/* one context per option: tvb holds the option from its type octet */
struct optctx {
	tvbuff_t *tvb;
	packet_info *pinfo;
	proto_tree *tree;
	proto_item *item;
	unsigned len;                      /* octets of the option in tvb */
	uint8_t type;
	uint8_t msg;
	struct ndisc_pkt *pkt;
	unsigned depth;
	/* the options walk, for options that carry options (PvD ID) */
	void (*dissect_options)(tvbuff_t *tvb, int offset, packet_info *pinfo,
				proto_tree *tree, uint8_t msg, struct ndisc_pkt *pkt,
				unsigned depth);
};

typedef void (*opt_fn)(struct optctx *c);

/* Dissection side of one option type: the function and the octets it
 * reads without further checks (the codec table's min_units is checked
 * too). Each group file has a table of them. */
struct ndisc_opt_row {
	uint8_t type;
	opt_fn fn;
	uint8_t min_len;
};

uint32_t opt_add_uint(struct optctx *c, int hf, int off, int size);
void opt_add_reserved(struct optctx *c, int hf, int off, int size);
void opt_add_bytes(struct optctx *c, int hf, int off, int len);
/* Labels are for a tree that is shown: without a tree, or with the fake
 * tree of a filter or -T fields run, nothing is formatted. */
static inline bool opt_labels(const struct optctx *c)
{
	return c->tree && PTREE_DATA(c->tree)->visible;
}
void opt_summary_fmt(struct optctx *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The option's one-line summary; its arguments are evaluated only when
 * the label is shown. */
#define opt_summary(c, ...) \
	do { \
		if (opt_labels(c)) \
			opt_summary_fmt((c), __VA_ARGS__); \
	} while (0)
const char *opt_ip6_at(struct optctx *c, int off);
void opt_body_error(struct optctx *c, const char *why);
proto_tree *opt_add_flags(struct optctx *c, int hf, int off, int size, uint32_t *v);
/* RFC 1035 3.1 name without compression in tvb[off, end): the offset after
 * it, or -1 if malformed; *out gets the dotted name. */
int opt_dns_name(tvbuff_t *tvb, int off, int end, wmem_allocator_t *scope, char **out);
bool opt_all_zero(tvbuff_t *tvb, int off, int end);

/* "ndisc.opt.body" of opt_body_error, registered by packet-ndisc-options.c */
extern expert_field ei_ndisc_opt_body;
/* The helpers' own subtree. */
void ndisc_opt_helpers_register(void);

#endif
