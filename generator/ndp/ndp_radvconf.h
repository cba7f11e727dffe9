/* SPDX-License-Identifier: GPL-2.0-or-later */
/* radvd.conf(5) for sockgen ndp router: the text of a configuration into
 * one struct per interface block, radvd's defaults and limits applied
 * (RFC 4861 6.2.1, RFC 4191, RFC 8106, RFC 8781, RFC 8910, RFC 6275, RFC
 * 6775). A pure function: no I/O, so it is unit-tested and fuzzed. */
#ifndef SOCKGEN_NDP_RADVCONF_H
#define SOCKGEN_NDP_RADVCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RADVCONF_MAX_IFACES 8
#define RADVCONF_MAX_BLOCKS 16          /* prefixes, routes, ... per interface */
#define RADVCONF_MAX_ADDRS 8            /* addresses of one RDNSS block */
#define RADVCONF_MAX_NAMES 8            /* names of one DNSSL block */
#define RADVCONF_NAME_LEN 254           /* a DNS name as text, NUL included */
#define RADVCONF_MAX_NOTES 16
#define RADVCONF_INFINITY 0xffffffffu

/* prefix P/LEN { ... }; (RFC 4861 4.6.2) */
struct radvconf_prefix {
	uint8_t addr[16], len;
	bool on_link, autonomous, router_addr;
	uint32_t valid, preferred;
	bool deprecate;                 /* DeprecatePrefix: preferred 0 when leaving */
};

/* route P/LEN { ... }; (RFC 4191 2.3) */
struct radvconf_route {
	uint8_t addr[16], len;
	uint8_t prf;                    /* wire value: 0 medium, 1 high, 3 low */
	uint32_t lifetime;
	bool lifetime_set, remove;      /* RemoveRoute: lifetime 0 when leaving */
};

/* RDNSS A [A...] { ... }; (RFC 8106 5.1) */
struct radvconf_rdnss {
	uint8_t addrs[RADVCONF_MAX_ADDRS][16];
	size_t n;
	uint32_t lifetime;
	bool lifetime_set, flush;
};

/* DNSSL N [N...] { ... }; (RFC 8106 5.2) */
struct radvconf_dnssl {
	char names[RADVCONF_MAX_NAMES][RADVCONF_NAME_LEN];
	size_t n;
	uint32_t lifetime;
	bool lifetime_set, flush;
};

/* nat64prefix P/LEN { AdvValidLifetime S; }; (RFC 8781 4) */
struct radvconf_nat64 {
	uint8_t addr[16], len;
	uint32_t lifetime;              /* seconds */
	bool lifetime_set;
};

/* abro A { ... }; (RFC 6775 4.3) */
struct radvconf_abro {
	uint8_t addr[16];
	uint32_t version_low, version_high, lifetime;
};

struct radvconf_iface {
	char name[64];
	unsigned line;                  /* of "interface" */
	bool send_advert, unicast_only, solicited_unicast;
	double min_interval, max_interval, min_delay;   /* seconds */
	bool min_interval_set;
	bool flag_m, flag_o, flag_h;
	uint8_t prf;                    /* AdvDefaultPreference, wire value */
	uint32_t default_lifetime;
	bool default_lifetime_set;
	uint32_t reachable, retrans, cur_hop_limit, mtu;
	bool source_lla, interval_opt;
	bool ha_info, mob_rtr;          /* AdvHomeAgentInfo, AdvMobRtrSupportFlag */
	int32_t ha_preference;
	uint32_t ha_lifetime;
	bool ha_lifetime_set;
	char captive_portal[512];       /* AdvCaptivePortalAPI, "" none */
	size_t n_prefix, n_route, n_rdnss, n_dnssl, n_nat64;
	struct radvconf_prefix prefix[RADVCONF_MAX_BLOCKS];
	struct radvconf_route route[RADVCONF_MAX_BLOCKS];
	struct radvconf_rdnss rdnss[RADVCONF_MAX_BLOCKS];
	struct radvconf_dnssl dnssl[RADVCONF_MAX_BLOCKS];
	struct radvconf_nat64 nat64[RADVCONF_MAX_BLOCKS];
	bool have_abro;
	struct radvconf_abro abro;
};

struct radvconf {
	size_t n_ifaces;
	struct radvconf_iface iface[RADVCONF_MAX_IFACES];
	/* Directives read but not honoured (harmless): "FILE:LINE: ..." */
	size_t n_notes;
	char notes[RADVCONF_MAX_NOTES][192];
	char err[320];                  /* "FILE:LINE: unknown directive 'X'" */
};

/* Parse text (len octets, need not be NUL-terminated) named file in
 * messages into *ret, with radvd's defaults and limit checks. 0, or
 * -EINVAL with ret->err set. Only what the counts (n_ifaces, n_notes, an
 * interface's n_prefix ..., have_abro, a block's n) cover is set: entries
 * past them are left as they were. */
int radvconf_parse(const char *text, size_t len, const char *file, struct radvconf *ret);

/* The block of interface name, or NULL. */
const struct radvconf_iface *radvconf_find(const struct radvconf *c, const char *name);

#endif
