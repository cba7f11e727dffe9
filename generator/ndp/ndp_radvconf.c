/* SPDX-License-Identifier: GPL-2.0-or-later */
/* radvd.conf(5) reader for sockgen ndp router: "interface IF { ... };"
 * blocks with header directives (RFC 4861 6.2.1, RFC 4191 2.2, RFC 6275
 * 7.1-7.4), prefix, route (RFC 4191), RDNSS, DNSSL (RFC 8106), nat64prefix
 * (RFC 8781) and abro (RFC 6775) blocks; # comments, "quoted" strings.
 * radvd's defaults (MinRtrAdvInterval from MaxRtrAdvInterval, lifetimes
 * from it) and its limit checks, so a file radvd takes is taken unchanged
 * and one radvd refuses is refused here too. One table of directives: the
 * scope it belongs to, the kind of value and where it goes. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndp_radvconf.h"
#include "ndpg.h"

/* radvd.conf(5) limits */
#define MAX_INTERVAL_DEFAULT 600.0
#define MAX_INTERVAL_MIN 4.0
#define MAX_INTERVAL_MAX 1800.0
#define MIN_INTERVAL_MIN 3.0
#define MIPV6_MAX_INTERVAL_MIN 0.07     /* RFC 6275 7.5 */
#define MIPV6_MIN_INTERVAL_MIN 0.03
#define MIN_DELAY_DEFAULT 3.0           /* RFC 4861 10: MIN_DELAY_BETWEEN_RAS */
#define MAX_DEFAULT_LIFETIME 9000       /* RFC 4861 6.2.1 */
#define MAX_REACHABLE 3600000           /* RFC 4861 6.2.1 */
#define IPV6_MIN_MTU 1280               /* RFC 8200 5 */
#define MAX_HA_LIFETIME 65520           /* RFC 6275 7.4: 18.2 hours */
#define PREF64_MAX_LIFETIME 65528       /* RFC 8781 4: 13 bits of 8 s */

enum tok { T_EOF, T_WORD, T_STR, T_OPEN = '{', T_CLOSE = '}', T_SEMI = ';' };

struct lex {
	const char *p, *end, *file;
	unsigned line, tok_line;
	enum tok kind;
	char tok[600];
	struct radvconf *c;
};

enum scope { S_IFACE, S_PREFIX, S_ROUTE, S_RDNSS, S_DNSSL, S_NAT64, S_ABRO };
enum kind {
	K_BOOL,         /* on | off (1 | 0) */
	K_UINT,         /* 0..max */
	K_INT,          /* min..max, signed */
	K_SECS,         /* seconds with decimals */
	K_LIFE,         /* seconds or infinity */
	K_PRF,          /* low | medium | high */
	K_STR,          /* a word or "quoted string" */
	K_NOTE,         /* read, not honoured: a note */
	K_UNSUP,        /* radvd has it, sockgen cannot honour it: refused */
};


struct directive {
	const char *name;
	enum scope scope;
	enum kind kind;
	size_t off;             /* of the value in the scope's struct */
	size_t set_off;         /* of its "given" flag, or 0 (none is at 0) */
	int64_t min, max;
	const char *why;        /* K_NOTE, K_UNSUP: the reason */
};

#define I(f) offsetof(struct radvconf_iface, f)
#define P(f) offsetof(struct radvconf_prefix, f)
#define R(f) offsetof(struct radvconf_route, f)
#define RD(f) offsetof(struct radvconf_rdnss, f)
#define DL(f) offsetof(struct radvconf_dnssl, f)
#define N64(f) offsetof(struct radvconf_nat64, f)
#define AB(f) offsetof(struct radvconf_abro, f)

static const struct directive directives[] = {
	{ .name = "AdvSendAdvert", .scope = S_IFACE, .kind = K_BOOL, .off = I(send_advert) },
	{ .name = "UnicastOnly", .scope = S_IFACE, .kind = K_BOOL, .off = I(unicast_only) },
	{ .name = "AdvRASolicitedUnicast", .scope = S_IFACE, .kind = K_BOOL, .off = I(solicited_unicast) },
	{ .name = "MaxRtrAdvInterval", .scope = S_IFACE, .kind = K_SECS, .off = I(max_interval) },
	{ .name = "MinRtrAdvInterval", .scope = S_IFACE, .kind = K_SECS, .off = I(min_interval), .set_off = I(min_interval_set) },
	{ .name = "MinDelayBetweenRAs", .scope = S_IFACE, .kind = K_SECS, .off = I(min_delay) },
	{ .name = "AdvManagedFlag", .scope = S_IFACE, .kind = K_BOOL, .off = I(flag_m) },
	{ .name = "AdvOtherConfigFlag", .scope = S_IFACE, .kind = K_BOOL, .off = I(flag_o) },
	{ .name = "AdvHomeAgentFlag", .scope = S_IFACE, .kind = K_BOOL, .off = I(flag_h) },
	{ .name = "AdvDefaultPreference", .scope = S_IFACE, .kind = K_PRF, .off = I(prf) },
	{ .name = "AdvDefaultLifetime", .scope = S_IFACE, .kind = K_UINT, .off = I(default_lifetime), .set_off = I(default_lifetime_set), .max = MAX_DEFAULT_LIFETIME },
	{ .name = "AdvReachableTime", .scope = S_IFACE, .kind = K_UINT, .off = I(reachable), .max = MAX_REACHABLE },
	{ .name = "AdvRetransTimer", .scope = S_IFACE, .kind = K_UINT, .off = I(retrans), .max = UINT32_MAX },
	{ .name = "AdvCurHopLimit", .scope = S_IFACE, .kind = K_UINT, .off = I(cur_hop_limit), .max = 255 },
	{ .name = "AdvLinkMTU", .scope = S_IFACE, .kind = K_UINT, .off = I(mtu), .max = UINT32_MAX },
	{ .name = "AdvSourceLLAddress", .scope = S_IFACE, .kind = K_BOOL, .off = I(source_lla) },
	{ .name = "AdvIntervalOpt", .scope = S_IFACE, .kind = K_BOOL, .off = I(interval_opt) },
	{ .name = "AdvHomeAgentInfo", .scope = S_IFACE, .kind = K_BOOL, .off = I(ha_info) },
	{ .name = "HomeAgentPreference", .scope = S_IFACE, .kind = K_INT, .off = I(ha_preference), .min = -32768, .max = 32767 },
	{ .name = "HomeAgentLifetime", .scope = S_IFACE, .kind = K_UINT, .off = I(ha_lifetime), .set_off = I(ha_lifetime_set), .min = 1, .max = MAX_HA_LIFETIME },
	{ .name = "AdvMobRtrSupportFlag", .scope = S_IFACE, .kind = K_BOOL, .off = I(mob_rtr) },
	{ .name = "AdvCaptivePortalAPI", .scope = S_IFACE, .kind = K_STR, .off = I(captive_portal) },
	{ .name = "IgnoreIfMissing", .scope = S_IFACE, .kind = K_NOTE, .why = "the interface must exist when sockgen starts" },
	{ .name = "AdvRDNSSPreference", .scope = S_RDNSS, .kind = K_NOTE, .why = "not in RFC 8106 (an old draft's field)" },
	{ .name = "AdvRDNSSOpen", .scope = S_RDNSS, .kind = K_NOTE, .why = "not in RFC 8106 (an old draft's field)" },
	{ .name = "DecrementLifetimes", .scope = S_PREFIX, .kind = K_NOTE, .why = "lifetimes are sent as configured" },
	{ .name = "Base6Interface", .scope = S_PREFIX, .kind = K_UNSUP, .why = "the prefix must be written out" },
	{ .name = "Base6to4Interface", .scope = S_PREFIX, .kind = K_UNSUP, .why = "the prefix must be written out" },
	{ .name = "AdvOnLink", .scope = S_PREFIX, .kind = K_BOOL, .off = P(on_link) },
	{ .name = "AdvAutonomous", .scope = S_PREFIX, .kind = K_BOOL, .off = P(autonomous) },
	{ .name = "AdvRouterAddr", .scope = S_PREFIX, .kind = K_BOOL, .off = P(router_addr) },
	{ .name = "AdvValidLifetime", .scope = S_PREFIX, .kind = K_LIFE, .off = P(valid) },
	{ .name = "AdvPreferredLifetime", .scope = S_PREFIX, .kind = K_LIFE, .off = P(preferred) },
	{ .name = "DeprecatePrefix", .scope = S_PREFIX, .kind = K_BOOL, .off = P(deprecate) },
	{ .name = "AdvRoutePreference", .scope = S_ROUTE, .kind = K_PRF, .off = R(prf) },
	{ .name = "AdvRouteLifetime", .scope = S_ROUTE, .kind = K_LIFE, .off = R(lifetime), .set_off = R(lifetime_set) },
	{ .name = "RemoveRoute", .scope = S_ROUTE, .kind = K_BOOL, .off = R(remove) },
	{ .name = "AdvRDNSSLifetime", .scope = S_RDNSS, .kind = K_LIFE, .off = RD(lifetime), .set_off = RD(lifetime_set) },
	{ .name = "FlushRDNSS", .scope = S_RDNSS, .kind = K_BOOL, .off = RD(flush) },
	{ .name = "AdvDNSSLLifetime", .scope = S_DNSSL, .kind = K_LIFE, .off = DL(lifetime), .set_off = DL(lifetime_set) },
	{ .name = "FlushDNSSL", .scope = S_DNSSL, .kind = K_BOOL, .off = DL(flush) },
	{ .name = "AdvValidLifetime", .scope = S_NAT64, .kind = K_UINT, .off = N64(lifetime), .set_off = N64(lifetime_set), .max = PREF64_MAX_LIFETIME },
	{ .name = "AdvVersionLow", .scope = S_ABRO, .kind = K_UINT, .off = AB(version_low), .max = 65535 },
	{ .name = "AdvVersionHigh", .scope = S_ABRO, .kind = K_UINT, .off = AB(version_high), .max = 65535 },
	{ .name = "AdvValidLifeTime", .scope = S_ABRO, .kind = K_UINT, .off = AB(lifetime), .max = 65535 },
};
#define N_DIRECTIVES (sizeof(directives) / sizeof(directives[0]))

/* Blocks radvd has whose meaning sockgen does not send. */
static const struct {
	const char *name, *why;
} unsup_blocks[] = {
	{ "clients", "RAs go to all-nodes or to the soliciting host" },
	{ "AdvRASrcAddress", "RAs leave from the interface's link-local address" },
	{ "lowpanco", "no 6LoWPAN context option from a configuration" },
};

static int fail(struct lex *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct lex *lx, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(lx->c->err, sizeof(lx->c->err), "%s:%u: %s", lx->file, lx->tok_line, msg);
	return -EINVAL;
}

static void note(struct lex *lx, const char *name, const char *why)
{
	struct radvconf *c = lx->c;

	if (c->n_notes < RADVCONF_MAX_NOTES)
		snprintf(c->notes[c->n_notes++], sizeof(c->notes[0]), "%s:%u: '%s' ignored: %s",
			 lx->file, lx->tok_line, name, why);
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

static bool is_delim(char ch)
{
	return is_space(ch) || ch == '{' || ch == '}' || ch == ';' || ch == '#' || ch == '"';
}

static void skip_blank(struct lex *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (is_space(*lx->p)) {
			lx->line += *lx->p == '\n';
			lx->p++;
		} else {
			return;
		}
	}
}

/* The next token into lx->kind and lx->tok. 0 or -EINVAL. */
static int next(struct lex *lx)
{
	size_t n = 0;

	skip_blank(lx);
	lx->tok_line = lx->line;
	lx->tok[0] = '\0';
	if (lx->p >= lx->end) {
		lx->kind = T_EOF;
		return 0;
	}
	if (*lx->p == '{' || *lx->p == '}' || *lx->p == ';') {
		lx->kind = (enum tok)*lx->p++;
		return 0;
	}
	if (*lx->p == '"') {
		for (lx->p++; lx->p < lx->end && *lx->p != '"'; lx->p++) {
			if (*lx->p == '\n' || *lx->p == '\0')
				return fail(lx, "unterminated string");
			if (n + 1 >= sizeof(lx->tok))
				return fail(lx, "string too long");
			lx->tok[n++] = *lx->p;
		}
		if (lx->p >= lx->end)
			return fail(lx, "unterminated string");
		lx->p++;
		lx->tok[n] = '\0';
		lx->kind = T_STR;
		return 0;
	}
	while (lx->p < lx->end && !is_delim(*lx->p)) {
		if (*lx->p == '\0' || (unsigned char)*lx->p < 0x20)
			return fail(lx, "control character in the text");
		if (n + 1 >= sizeof(lx->tok))
			return fail(lx, "word too long");
		lx->tok[n++] = *lx->p++;
	}
	lx->tok[n] = '\0';
	lx->kind = T_WORD;
	return 0;
}

static const char *tok_text(const struct lex *lx)
{
	switch (lx->kind) {
	case T_EOF: return "end of file";
	case T_OPEN: return "'{'";
	case T_CLOSE: return "'}'";
	case T_SEMI: return "';'";
	default: return lx->tok;
	}
}

static int expect(struct lex *lx, enum tok kind)
{
	int r = next(lx);

	if (r)
		return r;
	if (lx->kind != kind)
		return fail(lx, "expected '%c' before %s%s%s", (char)kind,
			    lx->kind == T_WORD ? "'" : "", tok_text(lx), lx->kind == T_WORD ? "'" : "");
	return 0;
}

/* A value word (or string) for directive name: 0 or -EINVAL. */
static int value(struct lex *lx, const char *name)
{
	int r = next(lx);

	if (r)
		return r;
	if (lx->kind != T_WORD && lx->kind != T_STR)
		return fail(lx, "'%s': missing value", name);
	return 0;
}

/* Convert lx->tok by kind into dst. 0 or -EINVAL. */
static int set_value(struct lex *lx, const struct directive *d, void *base)
{
	uint8_t *dst = (uint8_t *)base + d->off;
	const char *s = lx->tok;
	uint64_t u;
	int64_t i;
	char *e;

	switch (d->kind) {
	case K_BOOL:
		if (!strcmp(s, "on") || !strcmp(s, "1"))
			*(bool *)dst = true;
		else if (!strcmp(s, "off") || !strcmp(s, "0"))
			*(bool *)dst = false;
		else
			return fail(lx, "%s '%s': expected on or off", d->name, s);
		return 0;
	case K_UINT:
		if (ndpg_parse_uint(s, (uint64_t)d->max, &u) || (int64_t)u < d->min)
			return fail(lx, "%s '%s': must be %lld..%lld", d->name, s,
				    (long long)d->min, (long long)d->max);
		*(uint32_t *)dst = (uint32_t)u;
		return 0;
	case K_INT:
		if (ndpg_parse_int(s, d->min, d->max, &i))
			return fail(lx, "%s '%s': must be %lld..%lld", d->name, s,
				    (long long)d->min, (long long)d->max);
		*(int32_t *)dst = (int32_t)i;
		return 0;
	case K_SECS:
		*(double *)dst = strtod(s, &e);
		if (!*s || *e || !(*(double *)dst >= 0) || *(double *)dst > 1e6)
			return fail(lx, "%s '%s': expected seconds", d->name, s);
		return 0;
	case K_LIFE:
		if (!strcmp(s, "infinity")) {
			*(uint32_t *)dst = RADVCONF_INFINITY;
			return 0;
		}
		if (ndpg_parse_uint(s, UINT32_MAX, &u))
			return fail(lx, "%s '%s': expected seconds or infinity", d->name, s);
		*(uint32_t *)dst = (uint32_t)u;
		return 0;
	case K_PRF:
		if (!strcmp(s, "low")) *dst = 3;
		else if (!strcmp(s, "medium")) *dst = 0;
		else if (!strcmp(s, "high")) *dst = 1;
		else
			return fail(lx, "%s '%s': expected low, medium or high", d->name, s);
		return 0;
	case K_STR:
		if (!*s || strlen(s) >= sizeof(((struct radvconf_iface *)0)->captive_portal))
			return fail(lx, "%s: empty or too long", d->name);
		strcpy((char *)dst, s);
		return 0;
	default:
		return 0;
	}
}

static const struct directive *find_directive(const char *name, enum scope scope, bool *other)
{
	*other = false;
	for (size_t i = 0; i < N_DIRECTIVES; i++) {
		if (strcmp(directives[i].name, name))
			continue;
		if (directives[i].scope == scope)
			return &directives[i];
		*other = true;
	}
	return NULL;
}

/* "NAME VALUE ;" in scope, NAME in lx->tok already. 0 or -EINVAL. */
static int directive(struct lex *lx, enum scope scope, void *base)
{
	const struct directive *d = NULL;
	const char *name;
	bool other = false;
	int r;

	if (strlen(lx->tok) < 64)
		d = find_directive(lx->tok, scope, &other);
	if (!d)
		return other ? fail(lx, "'%s' does not belong in this block", lx->tok)
			     : fail(lx, "unknown directive '%.64s'", lx->tok);
	name = d->name;
	if (d->kind == K_UNSUP)
		return fail(lx, "'%s' is not supported by sockgen ndp router: %s", name, d->why);
	if ((r = value(lx, name)))
		return r;
	if (d->kind == K_NOTE)
		note(lx, name, d->why);
	else if ((r = set_value(lx, d, base)))
		return r;
	if (d->set_off)
		*((bool *)((uint8_t *)base + d->set_off)) = true;
	return expect(lx, T_SEMI);
}

/* "{ directives } ;" of a block in scope. 0 or -EINVAL. */
static int block_body(struct lex *lx, enum scope scope, void *base)
{
	int r;

	if ((r = expect(lx, T_OPEN)))
		return r;
	for (;;) {
		if ((r = next(lx)))
			return r;
		if (lx->kind == T_CLOSE)
			return expect(lx, T_SEMI);
		if (lx->kind != T_WORD)
			return fail(lx, "expected a directive or '}' before %s", tok_text(lx));
		if ((r = directive(lx, scope, base)))
			return r;
	}
}

/* Room for one more block of a kind; the count is bumped by the caller. */
static int room(struct lex *lx, size_t n, const char *what)
{
	if (n >= RADVCONF_MAX_BLOCKS)
		return fail(lx, "more than %d %s blocks", RADVCONF_MAX_BLOCKS, what);
	return 0;
}

static int prefix_word(struct lex *lx, const char *what, uint8_t addr[16], uint8_t *len)
{
	int r = value(lx, what);
	const char *why;

	if (r)
		return r;
	if ((why = ndpg_parse_prefix(lx->tok, addr, len)))
		return fail(lx, "%s '%s': %s", what, lx->tok, why);
	return 0;
}

static int block_prefix(struct lex *lx, struct radvconf_iface *f)
{
	struct radvconf_prefix *p = &f->prefix[f->n_prefix];
	int r;

	if ((r = room(lx, f->n_prefix, "prefix")))
		return r;
	memset(p, 0, sizeof(*p));
	if ((r = prefix_word(lx, "prefix", p->addr, &p->len)))
		return r;
	p->on_link = p->autonomous = true;
	p->valid = 86400;               /* radvd.conf(5) defaults */
	p->preferred = 14400;
	if ((r = block_body(lx, S_PREFIX, p)))
		return r;
	if (p->preferred > p->valid)
		return fail(lx, "prefix: AdvPreferredLifetime above AdvValidLifetime (RFC 4861 6.2.1)");
	f->n_prefix++;
	return 0;
}

static int block_route(struct lex *lx, struct radvconf_iface *f)
{
	struct radvconf_route *rt = &f->route[f->n_route];
	int r;

	if ((r = room(lx, f->n_route, "route")))
		return r;
	memset(rt, 0, sizeof(*rt));
	if ((r = prefix_word(lx, "route", rt->addr, &rt->len)))
		return r;
	rt->remove = true;
	if ((r = block_body(lx, S_ROUTE, rt)))
		return r;
	f->n_route++;
	return 0;
}

static int block_nat64(struct lex *lx, struct radvconf_iface *f)
{
	struct radvconf_nat64 *n = &f->nat64[f->n_nat64];
	int r;

	if ((r = room(lx, f->n_nat64, "nat64prefix")))
		return r;
	memset(n, 0, sizeof(*n));
	if ((r = prefix_word(lx, "nat64prefix", n->addr, &n->len)))
		return r;
	if (n->len != 96 && n->len != 64 && n->len != 56 && n->len != 48 && n->len != 40 &&
	    n->len != 32)
		return fail(lx, "nat64prefix: length /%u: must be 32, 40, 48, 56, 64 or 96 "
			    "(RFC 8781 4)", n->len);
	if ((r = block_body(lx, S_NAT64, n)))
		return r;
	f->n_nat64++;
	return 0;
}

/* "RDNSS A A ... {" or "DNSSL N N ... {": the words up to the brace. */
static int block_list(struct lex *lx, struct radvconf_iface *f, bool rdnss)
{
	struct radvconf_rdnss *rd = &f->rdnss[f->n_rdnss];
	struct radvconf_dnssl *dl = &f->dnssl[f->n_dnssl];
	const char *what = rdnss ? "RDNSS" : "DNSSL";
	size_t *n = rdnss ? &rd->n : &dl->n;
	uint8_t enc[256];
	size_t el;
	int r;

	if ((r = room(lx, rdnss ? f->n_rdnss : f->n_dnssl, what)))
		return r;
	if (rdnss)
		memset(rd, 0, sizeof(*rd));
	else
		memset(dl, 0, sizeof(*dl));
	for (;;) {
		if ((r = next(lx)))
			return r;
		if (lx->kind == T_OPEN)
			break;
		if (lx->kind != T_WORD && lx->kind != T_STR)
			return fail(lx, "%s: expected an %s or '{' before %s", what,
				    rdnss ? "address" : "name", tok_text(lx));
		if (*n >= (rdnss ? RADVCONF_MAX_ADDRS : RADVCONF_MAX_NAMES))
			return fail(lx, "%s: more than %d entries", what,
				    rdnss ? RADVCONF_MAX_ADDRS : RADVCONF_MAX_NAMES);
		if (rdnss && ndpg_parse_ipv6(lx->tok, rd->addrs[*n]))
			return fail(lx, "RDNSS '%s': not an IPv6 address", lx->tok);
		if (!rdnss && (strlen(lx->tok) >= RADVCONF_NAME_LEN ||
			       ndp_dns_name_encode(lx->tok, enc, sizeof(enc), &el) < 0))
			return fail(lx, "DNSSL '%s': not a domain name", lx->tok);
		if (!rdnss)
			strcpy(dl->names[*n], lx->tok);
		(*n)++;
	}
	if (!*n)
		return fail(lx, "%s: no %s before '{'", what, rdnss ? "address" : "name");
	lx->p--;                        /* block_body wants the brace */
	if (rdnss) {
		rd->flush = true;
		if ((r = block_body(lx, S_RDNSS, rd)))
			return r;
		f->n_rdnss++;
	} else {
		dl->flush = true;
		if ((r = block_body(lx, S_DNSSL, dl)))
			return r;
		f->n_dnssl++;
	}
	return 0;
}

static int block_abro(struct lex *lx, struct radvconf_iface *f)
{
	int r = value(lx, "abro");

	if (r)
		return r;
	if (f->have_abro)
		return fail(lx, "abro: given twice (RFC 6775 4.3: one per RA)");
	memset(&f->abro, 0, sizeof(f->abro));
	if (ndpg_parse_ipv6(lx->tok, f->abro.addr))
		return fail(lx, "abro '%s': not an IPv6 address", lx->tok);
	f->have_abro = true;
	return block_body(lx, S_ABRO, &f->abro);
}

/* A block keyword inside an interface (lx->tok); 1 when it is none. */
static int iface_block(struct lex *lx, struct radvconf_iface *f)
{
	const char *w = lx->tok;

	if (!strcmp(w, "prefix")) return block_prefix(lx, f);
	if (!strcmp(w, "route")) return block_route(lx, f);
	if (!strcmp(w, "RDNSS")) return block_list(lx, f, true);
	if (!strcmp(w, "DNSSL")) return block_list(lx, f, false);
	if (!strcmp(w, "nat64prefix")) return block_nat64(lx, f);
	if (!strcmp(w, "abro")) return block_abro(lx, f);
	for (size_t i = 0; i < sizeof(unsup_blocks) / sizeof(unsup_blocks[0]); i++)
		if (!strcmp(w, unsup_blocks[i].name))
			return fail(lx, "'%s' is not supported by sockgen ndp router: %s", w,
				    unsup_blocks[i].why);
	return 1;
}

static void iface_init(struct radvconf_iface *f)
{
	/* the fields before the block arrays; an entry of those is zeroed
	 * when its block starts */
	memset(f, 0, offsetof(struct radvconf_iface, prefix));
	f->have_abro = false;
	/* radvd.conf(5) defaults; the ones that follow MaxRtrAdvInterval are
	 * filled in by iface_finish() */
	f->solicited_unicast = true;
	f->max_interval = MAX_INTERVAL_DEFAULT;
	f->min_delay = MIN_DELAY_DEFAULT;
	f->cur_hop_limit = 64;          /* RFC 4861 6.2.1, from the IANA value */
	f->source_lla = true;
}

/* Defaults that depend on MaxRtrAdvInterval, and radvd's checks of the
 * interface. 0 or -EINVAL (lx->tok_line: the interface's line). */
static int iface_finish(struct lex *lx, struct radvconf_iface *f)
{
	bool mipv6 = f->flag_h || f->ha_info || f->interval_opt;
	double max = f->max_interval, max_lo = mipv6 ? MIPV6_MAX_INTERVAL_MIN : MAX_INTERVAL_MIN;
	double min_lo = mipv6 ? MIPV6_MIN_INTERVAL_MIN : MIN_INTERVAL_MIN;
	/* 3 * MaxRtrAdvInterval in whole seconds, at least 1: a default of 0
	 * would say "not a default router" (Mobile IPv6 intervals are short) */
	uint32_t three = 3 * max < 1 ? 1 : (uint32_t)(3 * max);

	lx->tok_line = f->line;
	if (max < max_lo || max > MAX_INTERVAL_MAX)
		return fail(lx, "interface %s: MaxRtrAdvInterval %g: must be %g..%g", f->name, max,
			    max_lo, MAX_INTERVAL_MAX);
	if (!f->min_interval_set)       /* RFC 4861 6.2.1, radvd below 9 s */
		f->min_interval = max >= 9 ? max * 0.33 : max * 0.75;
	if (f->min_interval < min_lo || f->min_interval > 0.75 * max)
		return fail(lx, "interface %s: MinRtrAdvInterval %g: must be %g..%g "
			    "(0.75 * MaxRtrAdvInterval)", f->name, f->min_interval, min_lo, 0.75 * max);
	if (!f->default_lifetime_set)
		f->default_lifetime = three < MAX_DEFAULT_LIFETIME ? three : MAX_DEFAULT_LIFETIME;
	if (f->default_lifetime && f->default_lifetime < max)
		return fail(lx, "interface %s: AdvDefaultLifetime %u: must be 0 or "
			    "MaxRtrAdvInterval..%d", f->name, f->default_lifetime, MAX_DEFAULT_LIFETIME);
	if (f->mtu && f->mtu < IPV6_MIN_MTU)
		return fail(lx, "interface %s: AdvLinkMTU %u: must be 0 or at least %d", f->name,
			    f->mtu, IPV6_MIN_MTU);
	if (!f->ha_lifetime_set)
		f->ha_lifetime = f->default_lifetime;
	if (f->ha_info && (!f->ha_lifetime || f->ha_lifetime > MAX_HA_LIFETIME))
		return fail(lx, "interface %s: HomeAgentLifetime %u: must be 1..%d", f->name,
			    f->ha_lifetime, MAX_HA_LIFETIME);
	for (size_t i = 0; i < f->n_route; i++)
		if (!f->route[i].lifetime_set)
			f->route[i].lifetime = three;
	for (size_t i = 0; i < f->n_rdnss; i++)
		if (!f->rdnss[i].lifetime_set)
			f->rdnss[i].lifetime = (uint32_t)max;
	for (size_t i = 0; i < f->n_dnssl; i++)
		if (!f->dnssl[i].lifetime_set)
			f->dnssl[i].lifetime = (uint32_t)max;
	for (size_t i = 0; i < f->n_nat64; i++)
		if (!f->nat64[i].lifetime_set)
			f->nat64[i].lifetime = three < PREF64_MAX_LIFETIME ? three : PREF64_MAX_LIFETIME;
	return 0;
}

/* "interface NAME { ... };", "interface" read. 0 or -EINVAL. */
static int interface(struct lex *lx)
{
	struct radvconf *c = lx->c;
	struct radvconf_iface *f;
	int r;

	if (c->n_ifaces >= RADVCONF_MAX_IFACES)
		return fail(lx, "more than %d interface blocks", RADVCONF_MAX_IFACES);
	f = &c->iface[c->n_ifaces];
	iface_init(f);
	f->line = lx->tok_line;
	if ((r = value(lx, "interface")))
		return r;
	if (strlen(lx->tok) >= 16)      /* IFNAMSIZ */
		return fail(lx, "interface '%s': name too long", lx->tok);
	snprintf(f->name, sizeof(f->name), "%s", lx->tok);
	for (size_t i = 0; i < c->n_ifaces; i++)
		if (!strcmp(c->iface[i].name, f->name))
			return fail(lx, "interface %s: given twice (first on line %u)", f->name,
				    c->iface[i].line);
	if ((r = expect(lx, T_OPEN)))
		return r;
	for (;;) {
		if ((r = next(lx)))
			return r;
		if (lx->kind == T_CLOSE)
			break;
		if (lx->kind != T_WORD)
			return fail(lx, "expected a directive or '}' before %s", tok_text(lx));
		r = iface_block(lx, f);
		if (r == 1)
			r = directive(lx, S_IFACE, f);
		if (r)
			return r;
	}
	if ((r = expect(lx, T_SEMI)) || (r = iface_finish(lx, f)))
		return r;
	c->n_ifaces++;
	return 0;
}

int radvconf_parse(const char *text, size_t len, const char *file, struct radvconf *ret)
{
	struct lex lx = { .p = text, .end = text + len, .file = file, .line = 1, .c = ret };
	int r;

	/* Not memset(ret): *ret is ~300 KB (DNSSL names), almost all of it
	 * unused by a real file, and zeroing it was a third of the time of
	 * fuzz_radvconf. What the counts cover is set as it is filled. */
	ret->n_ifaces = 0;
	ret->n_notes = 0;
	ret->err[0] = '\0';
	for (;;) {
		if ((r = next(&lx)))
			return r;
		if (lx.kind == T_EOF)
			break;
		if (lx.kind != T_WORD || strcmp(lx.tok, "interface"))
			return lx.kind == T_WORD ? fail(&lx, "unknown directive '%s' (expected "
							"'interface')", lx.tok)
						 : fail(&lx, "expected 'interface' before %s",
							tok_text(&lx));
		if ((r = interface(&lx)))
			return r;
	}
	if (!ret->n_ifaces) {
		lx.tok_line = lx.line;
		return fail(&lx, "no interface block");
	}
	return 0;
}

const struct radvconf_iface *radvconf_find(const struct radvconf *c, const char *name)
{
	for (size_t i = 0; i < c->n_ifaces; i++)
		if (!strcmp(c->iface[i].name, name))
			return &c->iface[i];
	return NULL;
}
