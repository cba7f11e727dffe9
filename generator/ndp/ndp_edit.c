/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp replay: --set FIELD=VALUE and --drop-opt TYPE on a parsed ND
 * message (see ndp_edit.h). Field names and kinds come from the codec's
 * tables; the option builders of the codec write the edited options. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndp_edit.h"
#include "ndpg.h"
#include "sockgen.h"

static const char *const ip6_names[] = { "ipv6.src", "ipv6.dst", "ipv6.hlim" };

/* The first option type of each filter stem (253 and 254 share "exp"),
 * worked out once: names are looked up type by type. */
static bool first_of_stem(uint8_t t)
{
	static bool first[256], done;

	if (!done) {
		for (unsigned u = 0; u < 256; u++) {
			const struct ndp_opt_desc *d = ndp_opt_desc_get((uint8_t)u);

			first[u] = d != NULL;
			for (unsigned v = 0; d && v < u; v++) {
				const struct ndp_opt_desc *e = ndp_opt_desc_get((uint8_t)v);

				if (e && !strcmp(e->stem, d->stem))
					first[u] = false;
			}
		}
		done = true;
	}
	return first[t];
}

/* Rows a value can be given to: not a length that follows from other
 * fields. A TAIL row's member is the octets to the option's end. */
static bool settable(const struct ndp_field *f)
{
	if (!f->suffix)
		return false;
	switch (f->kind) {
	case NDP_FIELD_VIEW_LEN:
		return false;
	case NDP_FIELD_SPECIAL:
		return f->type == NDP_OPT_SLLA;
	default:
		return true;
	}
}

/* Every settable name, listed once (the table does not change). */
#define MAX_NAMES 512
#define NAME_CAP 96
static char name_list[MAX_NAMES][NAME_CAP];
static size_t n_names;
/* For ndpe_near(): the length of each, and the names' numbers by length
 * (list order kept within a length): those of length L are
 * by_len[len_at[L]] up to by_len[len_at[L + 1] - 1]. */
static size_t name_len[MAX_NAMES];
static uint16_t by_len[MAX_NAMES], len_at[NAME_CAP + 1];

static void index_lengths(void)
{
	uint16_t at[NAME_CAP + 1];

	for (size_t i = 0; i < n_names; i++) {
		name_len[i] = strlen(name_list[i]);
		len_at[name_len[i] + 1]++;
	}
	for (size_t l = 1; l <= NAME_CAP; l++)
		len_at[l] += len_at[l - 1];
	memcpy(at, len_at, sizeof(at));
	for (size_t i = 0; i < n_names; i++)
		by_len[at[name_len[i]]++] = (uint16_t)i;
}

static void list_names(void)
{
	const struct ndp_hdr_field *h;

	if (n_names)
		return;
	for (size_t i = 0; i < 3; i++)
		snprintf(name_list[n_names++], sizeof(name_list[0]), "%s", ip6_names[i]);
	for (size_t k = 0; (h = ndp_hdr_field_at(k)) && n_names < MAX_NAMES; k++)
		snprintf(name_list[n_names++], sizeof(name_list[0]), "%s", h->name);
	for (unsigned t = 0; t < 256; t++) {
		size_t n;
		const struct ndp_field *f;

		if (!first_of_stem((uint8_t)t) || !(f = ndp_fields_of((uint8_t)t, &n)))
			continue;
		for (size_t r = 0; r < n && n_names < MAX_NAMES; r++)
			if (settable(&f[r]))
				ndp_field_name((uint8_t)t, &f[r], name_list[n_names++], sizeof(name_list[0]));
	}
	index_lengths();
}

const char *ndpe_field_name_at(size_t i, char *buf, size_t cap)
{
	(void)buf;      /* the list lives as long as the process */
	(void)cap;
	list_names();
	return i < n_names ? name_list[i] : NULL;
}

/* "ndisc.opt.prefix[2].valid" -> "ndisc.opt.prefix.valid", *nth = 2. */
static int strip_index(const char *in, char *out, size_t cap, unsigned *nth)
{
	const char *lb = strchr(in, '['), *rb;
	unsigned long n;
	char *end;

	*nth = 0;
	if (strlen(in) >= cap)
		return -ENOENT;
	if (!lb) {
		strcpy(out, in);
		return 0;
	}
	if (strncmp(in, "ndisc.opt.", 10) || !(rb = strchr(lb, ']')))
		return -ENOENT;
	n = strtoul(lb + 1, &end, 10);
	if (end != rb || lb[1] < '1' || lb[1] > '9' || n > NDP_MAX_OPTS)
		return -EINVAL;
	*nth = (unsigned)n;
	memcpy(out, in, (size_t)(lb - in));
	strcpy(out + (lb - in), rb + 1);
	return strchr(out, '[') ? -ENOENT : 0;
}

/* Find name among the option rows: 0, -EPERM for a derived row, -ENOENT. */
static int find_opt_field(const char *name, struct ndpe_set *s)
{
	char buf[128];
	int rc = -ENOENT;

	if (strncmp(name, "ndisc.opt.", 10))
		return -ENOENT;
	for (unsigned t = 0; t < 256; t++) {
		size_t n;
		const struct ndp_field *f;

		if (!first_of_stem((uint8_t)t) || !(f = ndp_fields_of((uint8_t)t, &n)))
			continue;
		for (size_t r = 0; r < n; r++) {
			if (!f[r].suffix)
				continue;
			ndp_field_name((uint8_t)t, &f[r], buf, sizeof(buf));
			if (strcmp(buf, name))
				continue;
			if (!settable(&f[r])) {
				rc = -EPERM;
				continue;
			}
			s->where = NDPE_OPT;
			s->type = (uint8_t)t;
			s->stem = ndp_opt_desc_get((uint8_t)t)->stem;
			s->f = &f[r];
			return 0;
		}
	}
	return rc;
}

static int set_why(char *why, size_t cap, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int set_why(char *why, size_t cap, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
	return err;
}

/* Hex octets: "0a0b", "0a:0b", "0x0a0b"; "" is no octets. */
static int parse_hex(const char *s, uint8_t **ret, size_t *ret_len)
{
	size_t n = 0;
	uint8_t *p = malloc(strlen(s) / 2 + 1);

	if (!p)
		return -ENOMEM;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	while (*s) {
		int hi, lo;

		if (*s == ':' || *s == '-' || *s == ' ') {
			s++;
			continue;
		}
		hi = sg_hexval(s[0]);
		lo = hi < 0 ? -1 : sg_hexval(s[1]);
		if (lo < 0) {
			free(p);
			return -EINVAL;
		}
		p[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	*ret = p;
	*ret_len = n;
	return 0;
}

/* A comma-separated list into *ret: addresses (16 octets each) or DNS
 * names in wire form. */
static int parse_list(const char *s, bool names, uint8_t **ret, size_t *ret_len)
{
	size_t cap = strlen(s) + 2 + 16 * (strlen(s) / 2 + 1), n = 0;
	uint8_t *p = malloc(cap);
	char *copy = strdup(s), *save = NULL;
	int rc = 0;

	if (!p || !copy) {
		free(p);
		free(copy);
		return -ENOMEM;
	}
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t got = 0;

		if (names ? ndp_dns_name_encode(w, p + n, cap - n, &got) < 0
			  : ndpg_parse_ipv6(w, p + n) != NULL) {
			rc = -EINVAL;
			break;
		}
		n += names ? got : 16;
	}
	free(copy);
	if (rc) {
		free(p);
		return rc;
	}
	*ret = p;
	*ret_len = n;
	return 0;
}

static int parse_bool(const char *v, uint64_t *u)
{
	if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "True"))
		*u = 1;
	else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "False"))
		*u = 0;
	else
		return -EINVAL;
	return 0;
}

/* The largest value an integer row's member holds. */
static uint64_t row_max(const struct ndp_field *f)
{
	if (f->cli && f->max)
		return f->max;
	return f->size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * f->size)) - 1;
}

static int parse_int_value(const struct ndpe_set *s, const char *v, uint64_t max,
			   bool seconds, uint64_t *u, char *why, size_t cap)
{
	const char *r = seconds ? ndpg_parse_lifetime(v, max, u) : ndpg_parse_uint(v, max, u);

	if (!r)
		return 0;
	/* a number too large is out of range; anything else is not a number */
	if (ndpg_parse_uint(v, UINT64_MAX, u) == NULL ||
	    (seconds && *v && strchr("smhd", v[strlen(v) - 1]) && isdigit((unsigned char)v[0])))
		return set_why(why, cap, -ERANGE, "%s: '%s' out of range (0..%llu)", s->name, v,
			       (unsigned long long)max);
	return set_why(why, cap, -EINVAL, "%s: '%s': %s", s->name, v, r);
}

/* An option row's value, by the row's kind. */
static int parse_opt_value(struct ndpe_set *s, const char *v, char *why, size_t cap)
{
	const struct ndp_field *f = s->f;
	int64_t i;
	int rc;

	switch (f->kind) {
	case NDP_FIELD_UINT:
		return parse_int_value(s, v, row_max(f), f->seconds, &s->u, why, cap);
	case NDP_FIELD_INT: {
		int64_t lo = f->min, hi = (int64_t)f->max;

		if (!f->cli) {
			hi = (int64_t)(row_max(f) >> 1);
			lo = -hi - 1;
		}
		if (ndpg_parse_int(v, lo, hi, &i))
			return set_why(why, cap, ndpg_parse_int(v, INT64_MIN, INT64_MAX, &i) ? -EINVAL : -ERANGE,
				       "%s: '%s': a number %lld..%lld", s->name, v, (long long)lo,
				       (long long)hi);
		s->u = (uint64_t)i;
		return 0;
	}
	case NDP_FIELD_BOOL:
	case NDP_FIELD_BIT:
		if (parse_bool(v, &s->u))
			return set_why(why, cap, ndpg_parse_uint(v, UINT64_MAX, &s->u) ? -EINVAL : -ERANGE,
				       "%s: '%s': a flag is 0 or 1 (true, false)", s->name, v);
		return 0;
	case NDP_FIELD_IPV6:
		if (ndpg_parse_ipv6(v, s->addr))
			return set_why(why, cap, -EINVAL, "%s: '%s': not an IPv6 address", s->name, v);
		return 0;
	case NDP_FIELD_SPECIAL:         /* SLLA/TLLA: a MAC, or hex octets (addr.raw) */
		if (!strcmp(f->suffix, "addr")) {
			if (!(s->bytes = malloc(6)))
				return -ENOMEM;
			s->len = 6;
			if (ndpg_parse_mac(v, s->bytes))
				return set_why(why, cap, -EINVAL, "%s: '%s': not a MAC address",
					       s->name, v);
			return 0;
		}
		/* fall through */
	case NDP_FIELD_OCTETS:
	case NDP_FIELD_BYTES:
	case NDP_FIELD_TAIL:
		if ((rc = parse_hex(v, &s->bytes, &s->len)))
			return rc == -ENOMEM ? rc : set_why(why, cap, -EINVAL, "%s: '%s': not hex octets",
							    s->name, v);
		if (f->kind == NDP_FIELD_OCTETS && s->len != f->size)
			return set_why(why, cap, -ERANGE, "%s: '%s': exactly %u octets", s->name, v,
				       f->size);
		return 0;
	case NDP_FIELD_TEXT:
		if (!(s->bytes = (uint8_t *)strdup(v)))
			return -ENOMEM;
		s->len = strlen(v);
		return 0;
	case NDP_FIELD_ADDRS:
	case NDP_FIELD_NAMES:
		if ((rc = parse_list(v, f->kind == NDP_FIELD_NAMES, &s->bytes, &s->len)))
			return rc == -ENOMEM ? rc : set_why(why, cap, -EINVAL, "%s: '%s': not a list of %s",
							    s->name, v, f->kind == NDP_FIELD_NAMES ?
							    "DNS names" : "IPv6 addresses");
		return 0;
	default:
		return set_why(why, cap, -EPERM, "%s: follows from other fields", s->name);
	}
}

/* The option as set, built and read back: a value too wide for its bits
 * (route.prf, pvd_id.delay) is refused now rather than per packet. */
static int probe_opt(struct ndpe_set *s, char *why, size_t cap)
{
	/* One option in an RA: only the head and opts[0] are used, so one
	 * kept message is reset for each probe instead of a new 16 KB one
	 * (under ASan every calloc took fresh pages: ~10% of fuzz_ndp_edit). */
	static struct ndp_msg probe;
	struct ndp_msg *m = &probe;
	const struct ndp_field *bad = NULL;
	uint8_t ip6[40] = { 0 };
	bool edited[NDP_MAX_OPTS] = { false };
	int rc;

	memset(m, 0, offsetof(struct ndp_msg, opts) + sizeof(m->opts[0]));
	m->type = NDP_RA;
	m->opts[0].type = s->type;
	m->n_opts = 1;
	ndpe_set_apply(s, ip6, m, edited);
	rc = ndpe_opt_fits(&m->opts[0], &bad);
	if (rc == -ERANGE && bad == s->f)
		return set_why(why, cap, -ERANGE, "%s: '%llu' out of range for the field's bits",
			       s->name, (unsigned long long)s->u);
	return 0;       /* another field of an empty option may not build: per packet */
}

int ndpe_set_parse(const char *expr, struct ndpe_set *s, char *why, size_t cap)
{
	const char *eq = strchr(expr, '='), *v;
	char name[sizeof(s->name)], plain[sizeof(s->name)];
	int rc;

	memset(s, 0, sizeof(*s));
	if (!eq || eq == expr)
		return set_why(why, cap, -EINVAL, "'%s': expected FIELD=VALUE", expr);
	if ((size_t)(eq - expr) >= sizeof(name))
		return set_why(why, cap, -ENOENT, "'%.40s...': no such field", expr);
	memcpy(name, expr, (size_t)(eq - expr));
	name[eq - expr] = '\0';
	snprintf(s->name, sizeof(s->name), "%s", name);
	v = eq + 1;
	if ((rc = strip_index(name, plain, sizeof(plain), &s->nth)) == -EINVAL)
		return set_why(why, cap, rc, "%s: the index in [] counts from 1 to %d", name,
			       NDP_MAX_OPTS);
	if (rc)
		return set_why(why, cap, rc, "%s: no such field", name);
	for (int i = 0; i < 3; i++) {
		if (strcmp(plain, ip6_names[i]))
			continue;
		s->where = NDPE_IP6;
		s->ip6 = i;
		if (i == NDPE_IP6_HLIM)
			return parse_int_value(s, v, UINT8_MAX, false, &s->u, why, cap);
		if (ndpg_parse_ipv6(v, s->addr))
			return set_why(why, cap, -EINVAL, "%s: '%s': not an IPv6 address", name, v);
		return 0;
	}
	if ((s->hf = ndp_hdr_field_find(plain))) {
		s->where = NDPE_HDR;
		if (s->nth)
			return set_why(why, cap, -ENOENT, "%s: an index is for option fields", name);
		if (s->hf->kind == NDP_FIELD_IPV6)
			return ndpg_parse_ipv6(v, s->addr) ?
			       set_why(why, cap, -EINVAL, "%s: '%s': not an IPv6 address", name, v) : 0;
		if (s->hf->kind == NDP_FIELD_BOOL)
			return parse_bool(v, &s->u) ?
			       set_why(why, cap, -EINVAL, "%s: '%s': a flag is 0 or 1", name, v) : 0;
		return parse_int_value(s, v, s->hf->max, false, &s->u, why, cap);
	}
	if ((rc = find_opt_field(plain, s)) == -EPERM)
		return set_why(why, cap, rc, "%s: follows from other fields (a length or "
			       "padding): not settable", name);
	if (rc)
		return set_why(why, cap, rc, "%s: no such field", name);
	if ((rc = parse_opt_value(s, v, why, cap)))
		return rc;
	return probe_opt(s, why, cap);
}

void ndpe_set_free(struct ndpe_set *s)
{
	free(s->bytes);
	s->bytes = NULL;
}

/* Levenshtein distance when it is at most NEAR, else 99: only distances
 * up to NEAR are asked for. A shared head and tail do not change the
 * distance and are skipped (most names begin "ndisc.opt."); of the rest
 * only the band of cells within NEAR of the diagonal is filled, as a cell
 * further out is above NEAR, and cells are capped at NEAR + 1. A row whose
 * least is above NEAR ends it: no later row gets below that. (The full
 * table for every field name was most of the fuzz_ndp_edit harness's
 * time, and the unbanded one still most of it.) */
#define NEAR 2
#define FAR (NEAR + 1)
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[160];

	if (la >= 159 || lb >= 159 || la > lb + NEAR || lb > la + NEAR)
		return 99;
	for (; la && lb && *a == *b; a++, b++, la--, lb--)
		;
	for (; la && lb && a[la - 1] == b[lb - 1]; la--, lb--)
		;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j < FAR ? j : FAR;
	for (size_t i = 1; i <= la; i++) {
		size_t lo = i > NEAR ? i - NEAR : 1, hi = i + NEAR < lb ? i + NEAR : lb;
		size_t diag = row[lo - 1], low;

		/* column lo - 1: row 0's cell in band, else just out of it */
		row[lo - 1] = lo == 1 && i < FAR ? i : FAR;
		low = row[lo - 1];
		for (size_t j = lo; j <= hi; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (best > FAR)
				best = FAR;
			diag = up;
			row[j] = best;
			if (best < low)
				low = best;
		}
		if (low > NEAR)
			return 99;
	}
	return row[lb] <= NEAR ? row[lb] : 99;
}

static size_t add_name(char *out, size_t cap, size_t n, const char *name)
{
	size_t used = strlen(out);

	if (strstr(out, name))
		return n;
	snprintf(out + used, cap - used, "%s%s", n ? ", " : "", name);
	return n + 1;
}

size_t ndpe_near(const char *name, char *out, size_t cap, size_t max)
{
	char plain[128];
	const char *dot;
	uint16_t hits[MAX_NAMES];
	size_t n = 0, n_hits = 0, fam, len, lo, hi;
	unsigned nth;

	if (!cap)
		return 0;
	out[0] = '\0';
	if (strip_index(name, plain, sizeof(plain), &nth))
		snprintf(plain, sizeof(plain), "%s", name);
	/* a spelling slip first, in list order; only the names of a length
	 * within NEAR of this one's can be (most are further) */
	list_names();
	len = strlen(plain);
	lo = len > NEAR ? len - NEAR : 0;
	hi = len + NEAR + 1 < NAME_CAP ? len + NEAR + 1 : NAME_CAP;
	for (size_t k = lo < hi ? len_at[lo] : 0; lo < hi && k < len_at[hi]; k++) {
		size_t i = by_len[k], j = n_hits;

		if (distance(plain, len, name_list[i], name_len[i]) > NEAR)
			continue;
		for (; j > 0 && hits[j - 1] > i; j--)
			hits[j] = hits[j - 1];
		hits[j] = (uint16_t)i;
		n_hits++;
	}
	for (size_t j = 0; n < max && j < n_hits; j++)
		n = add_name(out, cap, n, name_list[hits[j]]);
	/* then the family: the same prefix up to the last dot */
	dot = strrchr(plain, '.');
	fam = dot ? (size_t)(dot - plain) + 1 : 0;
	if (fam > 10 || (fam && strncmp(plain, "ndisc.opt.", 10)))
		for (size_t i = 0; n < max && i < n_names; i++)
			if (name_len[i] >= fam && !strncmp(plain, name_list[i], fam))
				n = add_name(out, cap, n, name_list[i]);
	return n;
}

int ndpe_opt_types_parse(const char *s, bool types[256], char *why, size_t cap)
{
	uint64_t t;
	bool any = false;

	if (!ndpg_parse_uint(s, 255, &t)) {
		types[t] = true;
		return 0;
	}
	for (unsigned u = 0; u < 256; u++) {
		const struct ndp_opt_desc *d = ndp_opt_desc_get((uint8_t)u);

		if (d && !strcmp(d->stem, s))
			any = types[u] = true;
	}
	if (!any)
		return set_why(why, cap, -EINVAL, "'%s': not an option type (0..255) or name "
			       "(slla, prefix, mtu, rdnss, ...: sockgen ndp --list-options)", s);
	return 0;
}

static void put_uint(void *p, size_t size, bool is_bool, uint64_t v)
{
	uint8_t v8 = (uint8_t)v;
	uint16_t v16 = (uint16_t)v;
	uint32_t v32 = (uint32_t)v;

	if (is_bool)
		*(bool *)p = v != 0;
	else if (size == 1)
		memcpy(p, &v8, 1);
	else if (size == 2)
		memcpy(p, &v16, 2);
	else if (size == 4)
		memcpy(p, &v32, 4);
	else
		memcpy(p, &v, 8);
}

static void set_opt_field(const struct ndpe_set *s, struct ndp_opt *o)
{
	const struct ndp_field *f = s->f;
	struct ndp_bytes *b = ndp_field_ptr(f, o);

	switch (f->kind) {
	case NDP_FIELD_UINT:
	case NDP_FIELD_INT:
	case NDP_FIELD_BOOL:
		ndp_field_set_uint(f, o, s->u);
		break;
	case NDP_FIELD_BIT: {
		uint64_t v = ndp_field_get_uint(f, o);

		ndp_field_set_uint(f, o, s->u ? v | f->mask : v & ~f->mask);
		break;
	}
	case NDP_FIELD_IPV6:
		memcpy(ndp_field_ptr(f, o), s->addr, 16);
		break;
	case NDP_FIELD_OCTETS:
		memcpy(ndp_field_ptr(f, o), s->bytes, f->size);
		break;
	default:                /* views: the bytes live as long as the edit */
		b->data = s->bytes;
		b->len = s->len;
		break;
	}
}

size_t ndpe_set_apply(const struct ndpe_set *s, uint8_t *ip6, struct ndp_msg *msg,
		      bool edited[NDP_MAX_OPTS])
{
	size_t n = 0;
	unsigned k = 0;

	switch (s->where) {
	case NDPE_IP6:
		if (s->ip6 == NDPE_IP6_HLIM)
			ip6[7] = (uint8_t)s->u;
		else
			memcpy(ip6 + (s->ip6 == NDPE_IP6_SRC ? 8 : 24), s->addr, 16);
		return 1;
	case NDPE_HDR:
		if (s->hf->type && s->hf->type != msg->type)
			return 0;
		if (s->hf->kind == NDP_FIELD_IPV6)
			memcpy((char *)msg + s->hf->member, s->addr, 16);
		else
			put_uint((char *)msg + s->hf->member, s->hf->size,
				 s->hf->kind == NDP_FIELD_BOOL, s->u);
		return 1;
	case NDPE_OPT:
		break;
	}
	for (size_t i = 0; i < msg->n_opts; i++) {
		struct ndp_opt *o = &msg->opts[i];
		const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);

		if (!d || strcmp(d->stem, s->stem))
			continue;
		k++;
		/* an option that did not parse has no fields to set */
		if ((s->nth && k != s->nth) || o->err || o->raw)
			continue;
		set_opt_field(s, o);
		edited[i] = true;
		n++;
	}
	return n;
}

size_t ndpe_drop_apply(const bool types[256], struct ndp_msg *msg, bool edited[NDP_MAX_OPTS])
{
	size_t w = 0, n = msg->n_opts;

	for (size_t i = 0; i < n; i++) {
		if (types[msg->opts[i].type])
			continue;
		if (w != i) {
			msg->opts[w] = msg->opts[i];
			edited[w] = edited[i];
		}
		w++;
	}
	msg->n_opts = w;
	return n - w;
}

int ndpe_opt_fits(const struct ndp_opt *o, const struct ndp_field **ret_row)
{
	static uint8_t buf[NDP_OPT_MAX_LEN + NDP_OPT_UNIT];
	struct ndp_opt b = *o, back;
	const struct ndp_field *f;
	size_t len, n;
	int r;

	*ret_row = NULL;
	if (o->raw || o->err)
		return 0;       /* octets as given: no fields to read back */
	b.len = 0;
	b.wire.data = NULL;
	b.wire.len = 0;
	if ((r = ndp_opt_build(&b, buf, sizeof(buf), &len)) < 0)
		return r;
	if ((r = ndp_opt_parse(buf, len, &back)) < 0)
		return r;
	f = ndp_fields_of(o->type, &n);
	for (size_t i = 0; f && i < n; i++) {
		if (f[i].kind != NDP_FIELD_UINT && f[i].kind != NDP_FIELD_INT &&
		    f[i].kind != NDP_FIELD_BOOL && f[i].kind != NDP_FIELD_BIT)
			continue;
		if (!ndp_field_present(&f[i], o) || !ndp_field_present(&f[i], &back))
			continue;
		if (ndp_field_get_uint(&f[i], o) != ndp_field_get_uint(&f[i], &back)) {
			*ret_row = &f[i];
			return -ERANGE;
		}
	}
	return 0;
}

int ndpe_encode(struct ndp_msg *msg, const bool edited[NDP_MAX_OPTS], const uint8_t *rest,
		size_t rest_len, const uint8_t src[16], const uint8_t dst[16], uint8_t *out,
		size_t cap, size_t *ret_len)
{
	size_t n;
	int r;

	for (size_t i = 0; i < msg->n_opts; i++) {
		struct ndp_opt *o = &msg->opts[i];

		if (edited[i]) {
			o->len = 0;     /* computed from what the builder writes */
		} else if (o->wire.data && o->wire.len >= 2) {
			/* as it was: its octets, whatever they were */
			memset(&o->u, 0, sizeof(o->u));
			o->u.raw.data.data = o->wire.data + 2;
			o->u.raw.data.len = o->wire.len - 2;
			o->raw = true;
			o->err = 0;
			o->len = (uint8_t)(o->wire.len / NDP_OPT_UNIT);
		}
	}
	msg->checksum = 0;
	if ((r = ndp_msg_build(msg, out, cap, &n)) < 0)
		return r;
	if (rest_len > cap - n || n + rest_len > NDP_MSG_MAX_LEN)
		return -E2BIG;
	if (rest_len)
		memcpy(out + n, rest, rest_len);
	n += rest_len;
	{
		uint16_t c = ndp_checksum(src, dst, out, n);

		out[2] = (uint8_t)(c >> 8);
		out[3] = (uint8_t)c;
	}
	*ret_len = n;
	return 0;
}
