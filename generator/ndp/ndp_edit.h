/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp replay's edits of a captured ND message (RFC 4861 and the
 * option RFCs of codec/ndp_options.c), named by the plugin's display-filter
 * fields: --set FIELD=VALUE, --drop-opt TYPE. The names come from the
 * codec's tables (ndp_hdr_fields for the fixed part, ndp_fields for the
 * options) plus ipv6.src, ipv6.dst and ipv6.hlim of the IPv6 header.
 *
 * A pure API: text in, structs and a reason out; applying an edit touches
 * only the buffers given. Nothing prints, nothing exits. */
#ifndef SOCKGEN_NDP_EDIT_H
#define SOCKGEN_NDP_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ndp.h"
#include "ndp_fields.h"

enum ndpe_where {
	NDPE_IP6,               /* the IPv6 header (ipv6.src, ipv6.dst, ipv6.hlim) */
	NDPE_HDR,               /* the message's fixed part (ndp_hdr_fields) */
	NDPE_OPT,               /* a field of every option of one stem */
};

enum { NDPE_IP6_SRC, NDPE_IP6_DST, NDPE_IP6_HLIM };

/* One --set FIELD=VALUE. */
struct ndpe_set {
	enum ndpe_where where;
	int ip6;                        /* NDPE_IP6: NDPE_IP6_* */
	const struct ndp_hdr_field *hf; /* NDPE_HDR */
	const char *stem;               /* NDPE_OPT: the option's filter stem */
	uint8_t type;                   /* NDPE_OPT: a type of that stem */
	const struct ndp_field *f;      /* NDPE_OPT: its row */
	unsigned nth;                   /* NDPE_OPT: 0 every option, n the n-th */
	/* the value, by the field's kind */
	uint64_t u;                     /* integers, flags (int64 as two's complement) */
	uint8_t addr[16];
	uint8_t *bytes;                 /* owned: octets, text, addresses, names, MAC */
	size_t len;
	char name[128];                 /* the field as given, [n] included */
};

/* Parse "FIELD=VALUE". 0, or a negative errno with a reason in why:
 * -ENOENT unknown field (ndpe_near() suggests others), -EPERM a field
 * that follows from others (a length), -EINVAL a value that is not of
 * the field's kind, -ERANGE a value the field cannot hold, -ENOMEM. */
int ndpe_set_parse(const char *expr, struct ndpe_set *ret, char *why, size_t cap);
void ndpe_set_free(struct ndpe_set *s);

/* Up to max settable field names close to name (one edit or two away, or
 * beside it in the same family), comma separated, into out; how many. */
size_t ndpe_near(const char *name, char *out, size_t cap, size_t max);

/* Every settable field name, one per call: i = 0.. until NULL (a name
 * that stays valid; buf is not needed and may be NULL). */
const char *ndpe_field_name_at(size_t i, char *buf, size_t cap);

/* --drop-opt TYPE: a number 0..255 or a filter stem ("prefix", "rdnss";
 * "exp" names both 253 and 254). Marks types[]; 0 or -EINVAL with why. */
int ndpe_opt_types_parse(const char *s, bool types[256], char *why, size_t cap);

/* Apply s to one message: ip6 is its 40-octet IPv6 header, msg what
 * ndp_msg_parse() read from it. Options given a value are marked in
 * edited[]. Returns how many fields were set (0: the edit does not apply,
 * e.g. an RA field on an NS). */
size_t ndpe_set_apply(const struct ndpe_set *s, uint8_t *ip6, struct ndp_msg *msg,
		      bool edited[NDP_MAX_OPTS]);
/* Remove the options of the marked types; how many went. */
size_t ndpe_drop_apply(const bool types[256], struct ndp_msg *msg, bool edited[NDP_MAX_OPTS]);

/* An option with fields set: does it build, and do its integer fields read
 * back as set? 0, -ERANGE (*ret_row names the field that did not fit) or
 * the build's error. */
int ndpe_opt_fits(const struct ndp_opt *o, const struct ndp_field **ret_row);

/* The ICMPv6 message again after edits: options not in edited[] as they
 * were on the wire, edited ones built from their fields with their length
 * computed, then rest (octets the parse did not walk), then the checksum
 * over src and dst (RFC 8200 8.1). msg's options are rewritten. 0 or a
 * negative errno. */
int ndpe_encode(struct ndp_msg *msg, const bool edited[NDP_MAX_OPTS], const uint8_t *rest,
		size_t rest_len, const uint8_t src[16], const uint8_t dst[16], uint8_t *out,
		size_t cap, size_t *ret_len);

#endif
