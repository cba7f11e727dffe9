/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One descriptor per ND option field (codec/ndp_fields.c): where its value
 * lives in the codec's struct, what kind of value it is, where it starts in
 * the option, its limits on the command line and its display-filter name
 * (ndisc.opt.<stem>.<suffix>, the naming contract of ndp.h). The generator's
 * sub-field parser and manifest writer read this table; a test holds its
 * filter names against the plugin's registered fields. */
#ifndef SOCKSCOPE_NDP_FIELDS_H
#define SOCKSCOPE_NDP_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ndp.h"

enum ndp_field_kind {
	NDP_FIELD_UINT,         /* unsigned integer member of .size octets */
	NDP_FIELD_INT,          /* signed integer member of .size octets */
	NDP_FIELD_BOOL,         /* bool member: a one-bit flag */
	NDP_FIELD_BIT,          /* bit .mask of an unsigned member (a flags word) */
	NDP_FIELD_IPV6,         /* uint8_t[16] member */
	NDP_FIELD_OCTETS,       /* uint8_t[.size] member (a key hash) */
	NDP_FIELD_BYTES,        /* struct ndp_bytes member; absent when empty */
	NDP_FIELD_TEXT,         /* struct ndp_bytes member holding text (a URI) */
	NDP_FIELD_ADDRS,        /* struct ndp_bytes of n * 16: one value per address */
	NDP_FIELD_NAMES,        /* struct ndp_bytes of DNS wire names: one per name */
	NDP_FIELD_VIEW_LEN,     /* derived: the length of a struct ndp_bytes member */
	NDP_FIELD_TAIL,         /* derived: the option's octets from .off to its
				 * end on the wire, padding included */
	NDP_FIELD_SPECIAL,      /* depends on other fields (a link-layer address
				 * that is a MAC only when 6 octets long): a
				 * named function of the table's user */
};

#define NDP_FIELD_OFF_VAR 0xffff        /* .off: after a variable-length part */

struct ndp_field {
	uint8_t type;           /* option type; types sharing a layout share rows */
	/* ndisc.opt.<stem>.<suffix>; "" for the stem alone (ndisc.opt.mtu);
	 * NULL for a command-line sub-field with no field of its own. */
	const char *suffix;
	enum ndp_field_kind kind;
	size_t member;          /* offsetof(struct ndp_opt, u.<option>.<member>) */
	uint8_t size;           /* octets of the member (integers, arrays) */
	uint64_t mask;          /* NDP_FIELD_BIT: the bit */
	uint16_t off;           /* octet of the option it starts at (type = 0) */
	/* Present only while the bool member at .when is true (the PvD ID's
	 * embedded RA header exists only with its R flag). */
	bool conditional;
	size_t when;
	/* Command line: the sub-field key ("valid" for valid=S) or, for a
	 * flag, its letter ("L"); NULL when the option's own parser sets it. */
	const char *cli;
	int64_t min;            /* NDP_FIELD_INT */
	uint64_t max;           /* largest value the command line takes */
	bool seconds;           /* a lifetime: N, Ns, Nm, Nh, Nd or infinity */
	const char *zero_why;   /* why 0 is refused, when it is */
};

/* The rows of option type t, contiguous and in the order of the packet
 * (and of the manifest): *ret_n of them, NULL when t has none. */
const struct ndp_field *ndp_fields_of(uint8_t type, size_t *ret_n);
/* The row of type t whose .cli is key, or NULL. */
const struct ndp_field *ndp_field_cli(uint8_t type, const char *key);
/* The display-filter name of row f of option type t (rows are shared by
 * types of one layout, the stem is t's): "ndisc.opt.prefix.flag.l".
 * Returns what snprintf returns. */
int ndp_field_name(uint8_t type, const struct ndp_field *f, char *out, size_t cap);

/* Members through a row (the struct is struct ndp_opt). */
static inline void *ndp_field_ptr(const struct ndp_field *f, struct ndp_opt *o)
{
	return (char *)o + f->member;
}

static inline const void *ndp_field_cptr(const struct ndp_field *f,
					 const struct ndp_opt *o)
{
	return (const char *)o + f->member;
}

uint64_t ndp_field_get_uint(const struct ndp_field *f, const struct ndp_opt *o);
int64_t ndp_field_get_int(const struct ndp_field *f, const struct ndp_opt *o);
/* Store v into an integer or bool member of f->size octets. */
void ndp_field_set_uint(const struct ndp_field *f, struct ndp_opt *o, uint64_t v);
void ndp_field_set_int(const struct ndp_field *f, struct ndp_opt *o, int64_t v);
/* True when the row applies to o (its condition, if any, holds). */
bool ndp_field_present(const struct ndp_field *f, const struct ndp_opt *o);

/* One descriptor per field of an ND message's fixed part (RFC 4861 4.1-4.5,
 * RFC 3122 2, RFC 3971 6.4.1-6.4.2) after type and checksum: the plugin's
 * display-filter name and where the value lives in struct ndp_msg. Kinds:
 * NDP_FIELD_UINT, NDP_FIELD_BOOL, NDP_FIELD_IPV6. Type 0: every ND message
 * (ndisc.code). */
struct ndp_hdr_field {
	uint8_t type;
	const char *name;
	enum ndp_field_kind kind;
	size_t member;          /* offsetof(struct ndp_msg, ...) */
	uint8_t size;
	uint64_t max;           /* largest value the field holds */
};

/* Iterate: i = 0.. until NULL. */
const struct ndp_hdr_field *ndp_hdr_field_at(size_t i);
/* By display-filter name ("ndisc.ra.router_lifetime"), or NULL. */
const struct ndp_hdr_field *ndp_hdr_field_find(const char *name);

#endif
