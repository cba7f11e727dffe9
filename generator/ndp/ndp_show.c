/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Received ND messages as text, in the layout rdisc6 and ndisc6 users know
 * ("Router lifetime           :         1800 (0x00000708) seconds"): the RA
 * header (RFC 4861 4.2, RFC 4191 2.2 preference, RFC 4389 proxy), NA flags
 * (4.4) and every option with every field, walking the codec's field table
 * (codec/ndp_fields.c) over the codec's parse results. rdisc6's labels
 * where it prints the option, the filter suffix of the field elsewhere. */
#include <string.h>

#include "ndp_fields.h"
#include "ndp_show.h"

#define COL 26                  /* label width before the colon, as rdisc6 */
#define INFINITE32 0xffffffffu  /* RFC 4861 4.6.2: all one bits = infinity */

/* How a field's value reads when the plain kind of its row is not enough. */
enum how {
	PLAIN,
	PRF,                    /* RFC 4191 2.1 preference: a name */
	PREF64_LIFETIME,        /* RFC 8781 4: units of 8 seconds */
	PREF64_PLC,             /* RFC 8781 4: the prefix length code */
	SKIP,                   /* shown on the option's heading line */
};

/* What an option's heading line shows: a link-layer address, a prefix
 * with its length, one line per value of a field, or the type alone. */
enum heading { H_TYPE, H_LLA, H_PREFIX, H_FIELD };

static const struct opt_text {
	uint8_t type;
	const char *label;
	enum heading heading;
	const char *field;      /* H_PREFIX: the address; H_FIELD: the field */
	const char *unit;       /* after an H_FIELD number */
} opt_texts[] = {
	{ .type = NDP_OPT_SLLA, .label = "Source link-layer address", .heading = H_LLA },
	{ .type = NDP_OPT_TLLA, .label = "Target link-layer address", .heading = H_LLA },
	{ .type = NDP_OPT_PREFIX, .label = "Prefix", .heading = H_PREFIX, .field = "prefix" },
	{ .type = NDP_OPT_MTU, .label = "MTU", .heading = H_FIELD, .field = "", .unit = "bytes" },
	{ .type = NDP_OPT_ROUTE, .label = "Route", .heading = H_PREFIX, .field = "prefix" },
	{ .type = NDP_OPT_RDNSS, .label = "Recursive DNS server", .heading = H_FIELD,
	  .field = "addr" },
	{ .type = NDP_OPT_DNSSL, .label = "DNS search list", .heading = H_FIELD, .field = "name" },
	{ .type = NDP_OPT_PREF64, .label = "NAT64 prefix", .heading = H_PREFIX, .field = "prefix" },
	{ .type = NDP_OPT_ADV_INTERVAL, .label = "Advertisement interval", .heading = H_FIELD,
	  .field = "interval", .unit = "milliseconds" },
	{ .type = NDP_OPT_CAPTIVE_PORTAL, .label = "Captive portal", .heading = H_FIELD,
	  .field = "uri" },
};

static const struct field_text {
	uint8_t type;
	const char *suffix;
	const char *label;
	enum how how;
} field_texts[] = {
	{ NDP_OPT_PREFIX, "len", NULL, SKIP },
	{ NDP_OPT_PREFIX, "flag.l", "On-link", PLAIN },
	{ NDP_OPT_PREFIX, "flag.a", "Autonomous address conf.", PLAIN },
	{ NDP_OPT_PREFIX, "flag.r", "Router address", PLAIN },
	{ NDP_OPT_PREFIX, "flag.p", "DHCPv6-PD preferred", PLAIN },
	{ NDP_OPT_PREFIX, "valid", "Valid time", PLAIN },
	{ NDP_OPT_PREFIX, "preferred", "Pref. time", PLAIN },
	{ NDP_OPT_ROUTE, "len", NULL, SKIP },
	{ NDP_OPT_ROUTE, "prf", "Route preference", PRF },
	{ NDP_OPT_ROUTE, "lifetime", "Route lifetime", PLAIN },
	{ NDP_OPT_RDNSS, "lifetime", "DNS servers lifetime", PLAIN },
	{ NDP_OPT_DNSSL, "lifetime", "DNS search list lifetime", PLAIN },
	{ NDP_OPT_PREF64, "lifetime", "NAT64 prefix lifetime", PREF64_LIFETIME },
	{ NDP_OPT_PREF64, "plc", NULL, SKIP },
	{ NDP_OPT_PVD_ID, "ra.prf", NULL, PRF },
};

const char *ndpg_prf_name(uint8_t prf)
{
	static const char *const names[4] = { "medium", "high", "reserved", "low" };

	return names[prf & 3];
}

/* "Label<pad>:" with depth leading blanks, as rdisc6 aligns them. */
static void label(FILE *f, int depth, const char *text)
{
	fprintf(f, "%*s%-*s:", depth, "", COL - depth, text);
}

static void yes_no(FILE *f, int depth, const char *text, bool v)
{
	label(f, depth, text);
	fprintf(f, " %12s\n", v ? "Yes" : "No");
}

/* A 32-bit time: "N (0xN) unit", "infinite" or "unspecified" for 0 where
 * 0 means that (RA reachable time and retransmit timer). */
static void time32(FILE *f, int depth, const char *text, uint64_t v, const char *unit,
		   bool zero_unspec)
{
	label(f, depth, text);
	if (v == INFINITE32 && !strcmp(unit, "seconds"))
		fprintf(f, " %12s (0x%08llx)\n", "infinite", (unsigned long long)v);
	else if (!v && zero_unspec)
		fprintf(f, " %12s (0x%08llx)\n", "unspecified", (unsigned long long)v);
	else
		fprintf(f, " %12llu (0x%08llx) %s\n", (unsigned long long)v,
			(unsigned long long)v, unit);
}

void ndpg_show_ra(FILE *f, const struct ndp_ra *ra)
{
	label(f, 0, "Hop limit");
	if (ra->cur_hop_limit)
		fprintf(f, " %12u (      0x%02x)\n", ra->cur_hop_limit, ra->cur_hop_limit);
	else
		fprintf(f, " %12s (      0x%02x)\n", "unspecified", 0);
	yes_no(f, 0, "Stateful address conf.", ra->flag_m);
	yes_no(f, 0, "Stateful other conf.", ra->flag_o);
	yes_no(f, 0, "Mobile home agent", ra->flag_h);
	label(f, 0, "Router preference");
	fprintf(f, " %12s\n", ndpg_prf_name(ra->prf));
	yes_no(f, 0, "Neighbor discovery proxy", ra->flag_p);
	time32(f, 0, "Router lifetime", ra->router_lifetime, "seconds", false);
	time32(f, 0, "Reachable time", ra->reachable, "milliseconds", true);
	time32(f, 0, "Retransmit time", ra->retrans, "milliseconds", true);
}

void ndpg_show_na(FILE *f, const struct ndp_na *na)
{
	yes_no(f, 0, "Router", na->flag_r);
	yes_no(f, 0, "Solicited", na->flag_s);
	yes_no(f, 0, "Override", na->flag_o);
}

static const struct opt_text *opt_text(uint8_t type)
{
	for (size_t i = 0; i < sizeof(opt_texts) / sizeof(opt_texts[0]); i++)
		if (opt_texts[i].type == type)
			return &opt_texts[i];
	return NULL;
}

static const struct field_text *field_text(uint8_t type, const char *suffix)
{
	for (size_t i = 0; i < sizeof(field_texts) / sizeof(field_texts[0]); i++)
		if (field_texts[i].type == type && !strcmp(field_texts[i].suffix, suffix))
			return &field_texts[i];
	return NULL;
}

static void hex(FILE *f, const uint8_t *p, size_t n)
{
	fputc(' ', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
}

/* DNS wire names, each followed by a blank as rdisc6 prints them. */
static void names(FILE *f, struct ndp_bytes v)
{
	char name[300];
	size_t off = 0;

	fputc(' ', f);
	while (ndp_dns_name_decode(v.data, v.len, &off, name, sizeof(name)) == 0)
		fprintf(f, "%s ", name);
	fputc('\n', f);
}

static void mac(FILE *f, struct ndp_bytes a)
{
	if (a.len != 6) {
		hex(f, a.data, a.len);
		return;
	}
	fprintf(f, " %02X:%02X:%02X:%02X:%02X:%02X\n", a.data[0], a.data[1], a.data[2],
		a.data[3], a.data[4], a.data[5]);
}

static const struct ndp_field *row(uint8_t type, const char *suffix)
{
	size_t n;
	const struct ndp_field *f = ndp_fields_of(type, &n);

	for (size_t i = 0; i < n; i++)
		if (f[i].suffix && !strcmp(f[i].suffix, suffix))
			return &f[i];
	return NULL;
}

/* RFC 8781 4: the prefix length of a Prefix Length Code, 0 if reserved. */
static unsigned plc_len(uint8_t plc)
{
	static const unsigned len[8] = { 96, 64, 56, 48, 40, 32, 0, 0 };

	return len[plc & 7];
}

static void special(FILE *f, int base, const struct ndp_opt *o, const struct ndp_field *r,
		    const char *lab)
{
	if (o->type == NDP_OPT_TRUST_ANCHOR && !strcmp(r->suffix, "fqdn") &&
	    o->u.trust_anchor.name_type == 2) {
		label(f, base + 1, lab);
		names(f, o->u.trust_anchor.name);
	} else if (o->type == NDP_OPT_CERTIFICATE && !strcmp(r->suffix, "cert")) {
		label(f, base + 1, lab);       /* the padding included: one value */
		hex(f, o->u.certificate.cert.data, o->u.certificate.cert.len);
	}
}

static void uint_field(FILE *f, int base, const struct ndp_field *r, const struct ndp_opt *o,
		       const char *lab, enum how how)
{
	uint64_t x = ndp_field_get_uint(r, o);

	if (how == PRF) {
		label(f, base + 1, lab);
		fprintf(f, " %12s\n", ndpg_prf_name((uint8_t)x));
	} else if (how == PREF64_LIFETIME) {
		time32(f, base + 1, lab, x * 8, "seconds", false);
	} else if (r->seconds) {
		time32(f, base + 1, lab, x, "seconds", false);
	} else {
		label(f, base + 1, lab);
		fprintf(f, " %12llu\n", (unsigned long long)x);
	}
}

/* One field of option o, labelled, by the kind of its table row. */
static void show_field(FILE *f, int base, const struct ndp_opt *o, const struct ndp_field *r)
{
	const struct field_text *ft = field_text(o->type, r->suffix);
	const char *lab = ft && ft->label ? ft->label : r->suffix;
	const void *p = ndp_field_cptr(r, o);
	const struct ndp_bytes *v = p;
	char a[NDP_IP6_TEXT_LEN];

	if (ft && ft->how == SKIP)
		return;
	switch (r->kind) {
	case NDP_FIELD_UINT: uint_field(f, base, r, o, lab, ft ? ft->how : PLAIN); break;
	case NDP_FIELD_INT:
		label(f, base + 1, lab);
		fprintf(f, " %12lld\n", (long long)ndp_field_get_int(r, o));
		break;
	case NDP_FIELD_BOOL: yes_no(f, base + 1, lab, ndp_field_get_uint(r, o) != 0); break;
	case NDP_FIELD_BIT: yes_no(f, base + 1, lab, (ndp_field_get_uint(r, o) & r->mask) != 0); break;
	case NDP_FIELD_IPV6:
		ndp_ip6_text(p, a);
		label(f, base + 1, lab);
		fprintf(f, " %s\n", a);
		break;
	case NDP_FIELD_OCTETS: label(f, base + 1, lab); hex(f, p, r->size); break;
	case NDP_FIELD_BYTES:
		if (v->len) {
			label(f, base + 1, lab);
			hex(f, v->data, v->len);
		}
		break;
	case NDP_FIELD_TEXT:
		label(f, base + 1, lab);
		fprintf(f, " %.*s\n", (int)v->len, (const char *)v->data);
		break;
	case NDP_FIELD_ADDRS:
		for (size_t i = 0; i < ndp_addr_count(*v); i++) {
			ndp_ip6_text(ndp_addr_at(*v, i), a);
			label(f, base + 1, lab);
			fprintf(f, " %s\n", a);
		}
		break;
	case NDP_FIELD_NAMES: label(f, base + 1, lab); names(f, *v); break;
	case NDP_FIELD_VIEW_LEN: label(f, base + 1, lab); fprintf(f, " %12zu\n", v->len); break;
	case NDP_FIELD_TAIL:
		if (o->wire.len > r->off) {
			label(f, base + 1, lab);
			hex(f, o->wire.data + r->off, o->wire.len - r->off);
		}
		break;
	case NDP_FIELD_SPECIAL: special(f, base, o, r, lab); break;
	}
}

/* The value of an option's heading line (H_FIELD): a number with its
 * unit, text, or one line per address or name list. */
static void heading_field(FILE *f, int base, const struct ndp_opt *o, const struct opt_text *t)
{
	const struct ndp_field *r = row(o->type, t->field);
	const struct ndp_bytes *v = r ? ndp_field_cptr(r, o) : NULL;
	char a[NDP_IP6_TEXT_LEN];
	uint64_t x;

	if (!r)
		return;
	switch (r->kind) {
	case NDP_FIELD_ADDRS:
		for (size_t i = 0; i < ndp_addr_count(*v); i++) {
			ndp_ip6_text(ndp_addr_at(*v, i), a);
			label(f, base, t->label);
			fprintf(f, " %s\n", a);
		}
		break;
	case NDP_FIELD_NAMES: label(f, base, t->label); names(f, *v); break;
	case NDP_FIELD_TEXT:
		label(f, base, t->label);
		fprintf(f, " %.*s\n", (int)v->len, (const char *)v->data);
		break;
	default:
		x = ndp_field_get_uint(r, o);
		label(f, base, t->label);
		/* RFC 8200 5: no IPv6 link has an MTU below 1280 */
		if (o->type == NDP_OPT_MTU)
			fprintf(f, " %12llu %s (%s)\n", (unsigned long long)x, t->unit,
				x >= 1280 ? "valid" : "invalid");
		else
			fprintf(f, " %12llu %s\n", (unsigned long long)x, t->unit);
		break;
	}
}

static void heading(FILE *f, int base, const struct ndp_opt *o, const struct opt_text *t,
		    const struct ndp_opt_desc *d)
{
	char a[NDP_IP6_TEXT_LEN];
	unsigned len;

	switch (t ? t->heading : H_TYPE) {
	case H_LLA:
		label(f, base, t->label);
		mac(f, o->u.lla.addr);
		break;
	case H_PREFIX:
		ndp_ip6_text(ndp_field_cptr(row(o->type, t->field), o), a);
		len = o->type == NDP_OPT_PREF64 ? plc_len(o->u.pref64.plc)
			: (unsigned)ndp_field_get_uint(row(o->type, "len"), o);
		label(f, base, t->label);
		fprintf(f, " %s/%u\n", a, len);
		break;
	case H_FIELD:
		heading_field(f, base, o, t);
		break;
	case H_TYPE:
		label(f, base, d->name);
		fprintf(f, " option %u, %zu octets\n", o->type, o->wire.len);
		break;
	}
}

static void show_opt(FILE *f, int base, const struct ndp_opt *o)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);
	const struct opt_text *t = opt_text(o->type);
	size_t n;
	const struct ndp_field *r = ndp_fields_of(o->type, &n);

	/* A type the table does not know, or a body the codec refused: its
	 * octets, so nothing received goes unshown. */
	if (!d || o->err || o->raw) {
		label(f, base, d ? d->name : "Unknown option");
		fprintf(f, " option %u%s", o->type, o->err ? ", malformed:" : ":");
		hex(f, o->wire.data + 2, o->wire.len > 2 ? o->wire.len - 2 : 0);
		return;
	}
	heading(f, base, o, t, d);
	for (size_t i = 0; i < n; i++) {
		if (!r[i].suffix || !ndp_field_present(&r[i], o))
			continue;
		if (t && (t->heading == H_LLA || (t->field && !strcmp(r[i].suffix, t->field))))
			continue;
		show_field(f, base, o, &r[i]);
	}
}

void ndpg_show_opts(FILE *f, int base, const struct ndp_msg *msg)
{
	for (size_t i = 0; i < msg->n_opts; i++)
		show_opt(f, base, &msg->opts[i]);
}
