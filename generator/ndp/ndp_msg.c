/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp: message kinds, header-field flags, defaults (RFC 4861 4.1-4.5,
 * 6.2.1, 7.2.4; RFC 3122 2) and encoding with the codec. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frame.h"
#include "manifest.h"
#include "ndpg.h"
#include "sockgen.h"

const struct ndp_msg_desc *ndpg_verb_find(const char *name)
{
	return ndp_msg_desc_find_verb(name);
}

int ndpg_msg_init(struct ndpg_msg *m, const struct ndp_msg_desc *v)
{
	uint8_t *store = m->store;

	memset(m, 0, sizeof(*m));
	m->store = store ? store : malloc(NDPG_STORE_CAP);
	if (!m->store)
		return -1;
	m->verb = v ? v->verb : NULL;
	snprintf(m->ctx, sizeof(m->ctx), "ndp%s%s", v ? " " : "", v ? v->verb : "");
	m->hop_limit = -1;
	m->interval_ms = -1;
	if (v) {
		m->msg.type = v->type;
		if (v->type == NDP_RA) {
			/* RFC 4861 6.2.1 suggested values: AdvCurHopLimit 64,
			 * AdvDefaultLifetime 3 * MaxRtrAdvInterval = 1800 s. */
			m->msg.h.ra.cur_hop_limit = 64;
			m->msg.h.ra.router_lifetime = 1800;
		}
	}
	return 0;
}

void ndpg_msg_free(struct ndpg_msg *m)
{
	free(m->store);
	m->store = NULL;
}

/* ---- header flags */

enum {
	F_SRC = 256, F_DST, F_SRC_MAC, F_DST_MAC, F_HOP_LIMIT, F_CODE, F_TARGET,
	F_DESTINATION, F_FLAGS, F_ROUTER_LIFETIME, F_REACHABLE, F_RETRANS,
	F_CUR_HOP_LIMIT, F_PRF, F_RESERVED, F_NO_SLLA, F_NO_TLLA, F_BAD_CHECKSUM,
	F_OPT, F_OPT_LEN, F_COUNT, F_INTERVAL, F_RATE,
	F_IDENTIFIER, F_COMPONENT, F_ALL_COMPONENTS,
	/* run-wide: not in script lines */
	F_PCAP, F_MANIFEST, F_RAW, F_IFACE, F_SCRIPT, F_QUIET, F_START_TIME, F_MANIFEST_FORMAT,
	F_HELP,
	F_OPTFLAG = 1000,
};

static const struct option header_opts[] = {
	{ "src", required_argument, NULL, F_SRC },
	{ "dst", required_argument, NULL, F_DST },
	{ "src-mac", required_argument, NULL, F_SRC_MAC },
	{ "dst-mac", required_argument, NULL, F_DST_MAC },
	{ "hop-limit", required_argument, NULL, F_HOP_LIMIT },
	{ "code", required_argument, NULL, F_CODE },
	{ "target", required_argument, NULL, F_TARGET },
	{ "destination", required_argument, NULL, F_DESTINATION },
	{ "flags", required_argument, NULL, F_FLAGS },
	{ "router-lifetime", required_argument, NULL, F_ROUTER_LIFETIME },
	{ "reachable", required_argument, NULL, F_REACHABLE },
	{ "retrans", required_argument, NULL, F_RETRANS },
	{ "cur-hop-limit", required_argument, NULL, F_CUR_HOP_LIMIT },
	{ "prf", required_argument, NULL, F_PRF },
	{ "reserved", required_argument, NULL, F_RESERVED },
	{ "no-slla", no_argument, NULL, F_NO_SLLA },
	{ "no-tlla", no_argument, NULL, F_NO_TLLA },
	{ "bad-checksum", no_argument, NULL, F_BAD_CHECKSUM },
	{ "opt", required_argument, NULL, F_OPT },
	{ "opt-len", required_argument, NULL, F_OPT_LEN },
	{ "count", required_argument, NULL, F_COUNT },
	{ "interval", required_argument, NULL, F_INTERVAL },
	{ "rate", required_argument, NULL, F_RATE },
	{ "identifier", required_argument, NULL, F_IDENTIFIER },
	{ "component", required_argument, NULL, F_COMPONENT },
	{ "all-components", required_argument, NULL, F_ALL_COMPONENTS },
	{ "pcap", required_argument, NULL, F_PCAP },
	{ "manifest", required_argument, NULL, F_MANIFEST },
	{ "raw", required_argument, NULL, F_RAW },
	{ "iface", required_argument, NULL, F_IFACE },
	{ "script", required_argument, NULL, F_SCRIPT },
	{ "quiet", no_argument, NULL, F_QUIET },
	{ "start-time", required_argument, NULL, F_START_TIME },
	{ "manifest-format", required_argument, NULL, F_MANIFEST_FORMAT },
	{ "help", no_argument, NULL, F_HELP },
};
#define N_HEADER_OPTS (sizeof(header_opts) / sizeof(header_opts[0]))

static struct option all_opts[N_HEADER_OPTS + 64 + 1];

static void build_opt_table(void)
{
	size_t n = 0;

	if (all_opts[0].name)
		return;
	for (size_t i = 0; i < N_HEADER_OPTS; i++)
		all_opts[n++] = header_opts[i];
	for (size_t i = 0; i < ndpg_n_optflags && n < N_HEADER_OPTS + 64; i++) {
		all_opts[n].name = ndpg_optflags[i].name;
		all_opts[n].has_arg = required_argument;
		all_opts[n].flag = NULL;
		all_opts[n].val = F_OPTFLAG + (int)i;
		n++;
	}
}

/* Which verbs a header field belongs to. */
static bool field_ok(const struct ndpg_msg *m, int f)
{
	uint8_t t = m->msg.type;

	switch (f) {
	case F_TARGET: return t == NDP_NS || t == NDP_NA || t == NDP_REDIRECT;
	case F_DESTINATION: return t == NDP_REDIRECT;
	case F_FLAGS: return t == NDP_RA || t == NDP_NA;
	case F_ROUTER_LIFETIME: case F_REACHABLE: case F_RETRANS:
	case F_CUR_HOP_LIMIT: case F_PRF:
		return t == NDP_RA;
	case F_IDENTIFIER: case F_COMPONENT: return t == NDP_CPS || t == NDP_CPA;
	case F_ALL_COMPONENTS: return t == NDP_CPA;
	default: return true;
	}
}

static int parse_flags(struct ndpg_msg *m, const char *arg)
{
	char buf[64], *cur = buf, *t;
	struct ndp_ra *ra = &m->msg.h.ra;
	struct ndp_na *na = &m->msg.h.na;

	if (strlen(arg) >= sizeof(buf))
		return sg_usage(m->ctx, "--flags '%s': too long", arg);
	strcpy(buf, arg);
	if (m->msg.type == NDP_RA)
		ra->flag_m = ra->flag_o = ra->flag_h = ra->flag_p = false;
	else
		na->flag_r = na->flag_s = na->flag_o = false;
	/* "none" or "" clears them all */
	if (!strcmp(arg, "none") || !*arg)
		return 0;
	while ((t = strsep(&cur, ","))) {
		if (m->msg.type == NDP_RA) {
			if (!strcmp(t, "M")) ra->flag_m = true;
			else if (!strcmp(t, "O")) ra->flag_o = true;
			else if (!strcmp(t, "H")) ra->flag_h = true;
			else if (!strcmp(t, "P")) ra->flag_p = true;
			else
				return sg_usage(m->ctx, "--flags '%s': unknown flag '%s' "
						"(ra: M, O, H, P; preference with --prf)", arg, t);
		} else {
			if (!strcmp(t, "R")) na->flag_r = true;
			else if (!strcmp(t, "S")) na->flag_s = true;
			else if (!strcmp(t, "O")) na->flag_o = true;
			else
				return sg_usage(m->ctx, "--flags '%s': unknown flag '%s' (na: R, S, O)",
						arg, t);
		}
	}
	return 0;
}

static int set_reserved(struct ndpg_msg *m, const char *arg)
{
	uint64_t max, v;

	switch (m->msg.type) {
	case NDP_RA: max = 3; break;                    /* 2 bits after Prf, P */
	case NDP_NA: max = 0x1fffffff; break;           /* 29 bits */
	case NDP_CPS: return sg_usage(m->ctx, "--reserved: a cps has no reserved field");
	case NDP_CPA: max = 0xffff; break;
	default: max = UINT32_MAX; break;
	}
	if (ndpg_parse_uint(arg, max, &v))
		return sg_usage(m->ctx, "--reserved '%s': must be 0..%llu for %s", arg,
				(unsigned long long)max, m->verb);
	switch (m->msg.type) {
	case NDP_RA: m->msg.h.ra.reserved = (uint8_t)v; break;
	case NDP_NA: m->msg.h.na.reserved = (uint32_t)v; break;
	case NDP_NS: m->msg.h.ns.reserved = (uint32_t)v; break;
	case NDP_REDIRECT: m->msg.h.redirect.reserved = (uint32_t)v; break;
	case NDP_RS: m->msg.h.rs.reserved = (uint32_t)v; break;
	case NDP_CPA: m->msg.h.cpa.reserved = (uint16_t)v; break;
	default: m->msg.h.ind.reserved = (uint32_t)v; break;
	}
	return 0;
}

static int set_opt_len(struct ndpg_msg *m, const char *arg)
{
	char buf[32], *colon;
	uint64_t t, n;

	if (strlen(arg) >= sizeof(buf) || !(colon = strchr(strcpy(buf, arg), ':')))
		return sg_usage(m->ctx, "--opt-len '%s': expected TYPE:N", arg);
	*colon = '\0';
	if (ndpg_parse_uint(buf, 255, &t))
		return sg_usage(m->ctx, "--opt-len '%s': type must be 0..255", arg);
	if (ndpg_parse_uint(colon + 1, 255, &n))
		return sg_usage(m->ctx, "--opt-len '%s': length must be 0..255 (8-octet units)", arg);
	if (m->n_optlen == NDPG_MAX_OPTLEN)
		return sg_usage(m->ctx, "--opt-len '%s': more than %d overrides", arg, NDPG_MAX_OPTLEN);
	m->optlen[m->n_optlen].type = (uint8_t)t;
	m->optlen[m->n_optlen].len = (uint8_t)n;
	m->n_optlen++;
	return 0;
}

int ndpg_add_raw_opt(struct ndpg_msg *m, const char *arg);

static int addr_arg(struct ndpg_msg *m, const char *flag, const char *arg, uint8_t out[16])
{
	const char *r = ndpg_parse_ipv6(arg, out);

	return r ? sg_usage(m->ctx, "--%s '%s': %s", flag, arg, r) : 0;
}

static int uint_arg(struct ndpg_msg *m, const char *flag, const char *arg, uint64_t max,
		    uint64_t *out)
{
	const char *r = ndpg_parse_uint(arg, max, out);

	return r ? sg_usage(m->ctx, "--%s '%s': %s (0..%llu)", flag, arg, r,
			    (unsigned long long)max) : 0;
}

static int run_path(struct ndpg_msg *m, bool script_line, const char *flag,
		    const char *arg, const char **slot)
{
	if (script_line)
		return sg_usage(m->ctx, "--%s: not allowed in a script line (give it on "
				"the command line)", flag);
	int rc;

	if (!*arg)
		return sg_usage(m->ctx, "--%s: empty argument", flag);
	/* Interface names never are paths. */
	if (strcmp(flag, "raw") && strcmp(flag, "iface") &&
	    (rc = sg_check_out_path(m->ctx, flag, arg)))
		return rc;
	*slot = arg;
	return 0;
}

/* The RA, CPS and CPA numbers of the header: 0 or the exit code. */
static int message_field(struct ndpg_msg *m, int c, const char *arg)
{
	const char *r;
	uint64_t v = 0;
	int rc = 0;

	switch (c) {
	case F_ROUTER_LIFETIME:
		if ((r = ndpg_parse_lifetime(arg, 0xffff, &v)))
			return sg_usage(m->ctx, "--router-lifetime '%s': %s (0..65535 s)", arg, r);
		m->msg.h.ra.router_lifetime = (uint16_t)v;
		break;
	case F_REACHABLE:
		rc = uint_arg(m, "reachable", arg, UINT32_MAX, &v);
		m->msg.h.ra.reachable = (uint32_t)v;
		break;
	case F_RETRANS:
		rc = uint_arg(m, "retrans", arg, UINT32_MAX, &v);
		m->msg.h.ra.retrans = (uint32_t)v;
		break;
	case F_CUR_HOP_LIMIT:
		rc = uint_arg(m, "cur-hop-limit", arg, 255, &v);
		m->msg.h.ra.cur_hop_limit = (uint8_t)v;
		break;
	case F_PRF:
		/* RFC 4191 2.2: 01 high, 00 medium, 11 low, 10 reserved */
		if (!strcmp(arg, "high")) m->msg.h.ra.prf = 1;
		else if (!strcmp(arg, "medium")) m->msg.h.ra.prf = 0;
		else if (!strcmp(arg, "low")) m->msg.h.ra.prf = 3;
		else if (!strcmp(arg, "reserved")) m->msg.h.ra.prf = 2;
		else
			return sg_usage(m->ctx, "--prf '%s': must be high, medium, low or reserved",
					arg);
		break;
	case F_IDENTIFIER:
		rc = uint_arg(m, "identifier", arg, 0xffff, &v);
		if (m->msg.type == NDP_CPS)
			m->msg.h.cps.identifier = (uint16_t)v;
		else
			m->msg.h.cpa.identifier = (uint16_t)v;
		break;
	case F_COMPONENT:
		rc = uint_arg(m, "component", arg, 0xffff, &v);
		if (m->msg.type == NDP_CPS)
			m->msg.h.cps.component = (uint16_t)v;
		else
			m->msg.h.cpa.component = (uint16_t)v;
		break;
	case F_ALL_COMPONENTS:
		rc = uint_arg(m, "all-components", arg, 0xffff, &v);
		m->msg.h.cpa.all_components = (uint16_t)v;
		break;
	default:
		return -2;      /* not a header field */
	}
	return rc;
}

/* Addresses and header fields of the message: 0 or the exit code. */
static int header_flag(struct ndpg_msg *m, int c, const char *arg)
{
	const char *r;
	uint64_t v;

	switch (c) {
	case F_SRC:
		m->have_src = true;
		return addr_arg(m, "src", arg, m->src);
	case F_DST:
		m->have_dst = true;
		return addr_arg(m, "dst", arg, m->dst);
	case F_SRC_MAC: case F_DST_MAC:
		r = ndpg_parse_mac(arg, c == F_SRC_MAC ? m->src_mac : m->dst_mac);
		if (r)
			return sg_usage(m->ctx, "%s '%s': %s",
					c == F_SRC_MAC ? "--src-mac" : "--dst-mac", arg, r);
		if (c == F_SRC_MAC)
			m->have_src_mac = true;
		else
			m->have_dst_mac = true;
		return 0;
	case F_HOP_LIMIT: {
		int rc = uint_arg(m, "hop-limit", arg, 255, &v);

		m->hop_limit = (int)v;
		return rc;
	}
	case F_CODE: {
		int rc = uint_arg(m, "code", arg, 255, &v);

		m->msg.code = (uint8_t)v;
		return rc;
	}
	case F_TARGET: {
		uint8_t *t = m->msg.type == NDP_NS ? m->msg.h.ns.target :
			     m->msg.type == NDP_NA ? m->msg.h.na.target :
			     m->msg.h.redirect.target;

		m->have_target = true;
		return addr_arg(m, "target", arg, t);
	}
	case F_DESTINATION:
		m->have_destination = true;
		return addr_arg(m, "destination", arg, m->msg.h.redirect.destination);
	case F_FLAGS:
		return parse_flags(m, arg);
	case F_RESERVED:
		return set_reserved(m, arg);
	default:
		return message_field(m, c, arg);
	}
}

/* Knobs, repetition and run-wide outputs: 0 or the exit code. */
static int run_flag(struct ndpg_msg *m, struct ndpg_run *run, int c, const char *arg,
		    bool script_line, const char *flag)
{
	uint64_t v;
	char *end;
	double d;

	switch (c) {
	case F_NO_SLLA: m->no_slla = true; return 0;
	case F_NO_TLLA: m->no_tlla = true; return 0;
	case F_BAD_CHECKSUM: m->bad_checksum = true; return 0;
	case F_OPT: return ndpg_add_raw_opt(m, arg);
	case F_OPT_LEN: return set_opt_len(m, arg);
	case F_COUNT:
		if (ndpg_parse_uint(arg, UINT32_MAX, &v) || v == 0)
			return sg_usage(m->ctx, "--count '%s': must be 1..4294967295", arg);
		m->count = (unsigned long)v;
		return 0;
	case F_INTERVAL:
		d = strtod(arg, &end);
		if (!*arg || *end || !(d >= 0 && d <= 86400000))
			return sg_usage(m->ctx, "--interval '%s': must be 0..86400000 ms", arg);
		m->interval_ms = d;
		return 0;
	case F_RATE:
		d = strtod(arg, &end);
		if (!*arg || *end || !(d > 0 && d <= 1e9))
			return sg_usage(m->ctx, "--rate '%s': must be a positive number of packets/s",
					arg);
		m->rate = d;
		return 0;
	case F_PCAP: return run_path(m, script_line, "pcap", arg, &run->pcap);
	case F_MANIFEST: return run_path(m, script_line, "manifest", arg, &run->manifest);
	case F_RAW: return run_path(m, script_line, "raw", arg, &run->raw_if);
	case F_IFACE: return run_path(m, script_line, "iface", arg, &run->iface);
	case F_SCRIPT: return run_path(m, script_line, "script", arg, &run->script);
	case F_QUIET:
		if (script_line)
			return sg_usage(m->ctx, "--quiet: not allowed in a script line");
		run->quiet = true;
		return 0;
	case F_START_TIME:
		if (script_line)
			return sg_usage(m->ctx, "--start-time: not allowed in a script line");
		if (sg_parse_time(arg, &run->start))
			return sg_usage(m->ctx, "--start-time '%s': not a time (Unix seconds such as "
					"1704067200.5, or UTC such as 2024-01-01T00:00:00Z)", arg);
		run->have_start = true;
		return 0;
	case F_MANIFEST_FORMAT:
		if (script_line)
			return sg_usage(m->ctx, "--manifest-format: not allowed in a script line");
		if (manifest_parse_format(arg, &run->manifest_compact))
			return sg_usage(m->ctx, "--manifest-format '%s': full or compact", arg);
		run->manifest_format_set = true;
		return 0;
	default:
		return sg_usage(m->ctx, "%s: unhandled option", flag);
	}
}

int ndpg_msg_args(struct ndpg_msg *m, struct ndpg_run *run, int argc, char **argv,
		  bool script_line)
{
	int c, rc = 0, li;
	char flag[64];

	build_opt_table();
	optind = 0;             /* glibc: full re-initialisation (script lines) */
	opterr = 0;
	while ((li = -1, c = getopt_long(argc, argv, "+:h", all_opts, &li)) != -1) {
		/* The option's own name, even when its value was a separate word. */
		if (li >= 0)
			snprintf(flag, sizeof(flag), "--%s", all_opts[li].name);
		else
			snprintf(flag, sizeof(flag), "%s", argv[optind - 1]);
		if (c == '?')
			return sg_usage(m->ctx, "unknown option '%s' (see sockgen ndp %s --help)",
					argv[optind - 1], m->verb ? m->verb : "VERB");
		if (c == ':')
			return sg_usage(m->ctx, "%s: missing argument", argv[optind - 1]);
		if (c == 'h' || c == F_HELP)
			return -1;
		if (!m->verb && c < F_PCAP)
			return sg_usage(m->ctx, "%s: give a message type first "
					"(sockgen ndp {rs|ra|ns|na|redirect|ind-sol|ind-adv|cps|cpa})", flag);
		if (!field_ok(m, c))
			return sg_usage(m->ctx, "%s: not a field of %s", flag, m->verb);
		if (c >= F_OPTFLAG)
			rc = ndpg_add_opt(m, &ndpg_optflags[c - F_OPTFLAG], optarg);
		else if ((rc = header_flag(m, c, optarg)) == -2)
			rc = run_flag(m, run, c, optarg, script_line, flag);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return sg_usage(m->ctx, "unexpected argument '%s'", argv[optind]);
	if (m->interval_ms >= 0 && m->rate > 0)
		return sg_usage(m->ctx, "--rate and --interval: give one of them");
	return 0;
}

/* ---- defaults */

static bool is_unspec(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return !memcmp(a, zero, 16);
}

static int prepend_lla(struct ndpg_msg *m, uint8_t type)
{
	uint8_t *mac;
	struct ndp_opt *o;

	if (m->msg.n_opts == NDP_MAX_OPTS)
		return sg_usage(m->ctx, "more than %d options", NDP_MAX_OPTS);
	if (!(mac = ndpg_alloc(m, 6)))
		return sg_usage(m->ctx, "message too large");
	memcpy(mac, m->src_mac, 6);
	memmove(&m->msg.opts[1], &m->msg.opts[0], m->msg.n_opts * sizeof(m->msg.opts[0]));
	o = &m->msg.opts[0];
	memset(o, 0, sizeof(*o));
	o->type = type;
	o->u.lla.addr.data = mac;
	o->u.lla.addr.len = 6;
	m->msg.n_opts++;
	return 0;
}

/* The MAC of an address whose interface id is a modified EUI-64 built from
 * a 48-bit MAC (RFC 4291 2.5.1, appendix A): ff:fe in the middle. */
static bool mac_from_eui64(const uint8_t a[16], uint8_t mac[6])
{
	if (a[11] != 0xff || a[12] != 0xfe)
		return false;
	mac[0] = a[8] ^ 0x02;
	mac[1] = a[9];
	mac[2] = a[10];
	mac[3] = a[13];
	mac[4] = a[14];
	mac[5] = a[15];
	return true;
}

int ndpg_msg_finish(struct ndpg_msg *m, const struct ndpg_link *link)
{
	static const uint8_t all_nodes[16] = { 0xff, 2, [15] = 1 };
	static const uint8_t all_routers[16] = { 0xff, 2, [15] = 2 };
	static const uint8_t peer_mac[6] = { 2, 0, 0, 0, 0, 2 };
	uint8_t t = m->msg.type;
	int rc;

	if (!m->have_src)
		memcpy(m->src, link->ll, 16);
	if (!m->have_src_mac)
		memcpy(m->src_mac, link->mac, 6);
	if (m->hop_limit < 0)
		m->hop_limit = 255;             /* RFC 4861: 255 on every ND message */
	/* RFC 3971 6.4.1: the identifier matches solicitation and answer;
	 * 0 is allowed only for unsolicited CPAs, so a CPS gets one. */
	if (t == NDP_CPS && !m->msg.h.cps.identifier)
		m->msg.h.cps.identifier = 1;
	if (t == NDP_CPA && !m->msg.h.cpa.all_components)
		m->msg.h.cpa.all_components = 1;
	if (t == NDP_NS && !m->have_target)
		return sg_usage(m->ctx, "--target is required (the address being resolved)");
	if (t == NDP_REDIRECT && !m->have_target)
		return sg_usage(m->ctx, "--target is required (the better first hop)");
	if (t == NDP_REDIRECT && !m->have_destination)
		return sg_usage(m->ctx, "--destination is required (the redirected destination)");
	/* An unsolicited NA advertises the sender's own address. */
	if (t == NDP_NA && !m->have_target)
		memcpy(m->msg.h.na.target, m->src, 16);
	if (!m->have_dst) {
		switch (t) {
		case NDP_RS:
		case NDP_CPS:           /* RFC 3971 6.4.1: all-routers (or unicast) */
			memcpy(m->dst, all_routers, 16);
			break;
		case NDP_NS: frame_solicited_node(m->msg.h.ns.target, m->dst); break;
		default: memcpy(m->dst, all_nodes, 16); break;
		}
	}
	/* Source LLA by default where RFC 4861 / 3122 put one, never from :: 
	 * (RFC 4861 4.3: MUST NOT be included when the source is unspecified). */
	if (!m->have_slla && !m->no_slla && !is_unspec(m->src) &&
	    (t == NDP_RS || t == NDP_RA || t == NDP_NS || t == NDP_IND_SOL || t == NDP_IND_ADV))
		if ((rc = prepend_lla(m, NDP_OPT_SLLA)))
			return rc;
	if (!m->have_tlla && !m->no_tlla && t == NDP_NA)
		if ((rc = prepend_lla(m, NDP_OPT_TLLA)))
			return rc;
	if (!m->have_dst_mac) {
		if (frame_is_mcast(m->dst)) {
			frame_mcast_mac(m->dst, m->dst_mac);
		} else if (t == NDP_IND_SOL && m->have_tlla) {
			/* RFC 3122 2.1: sent to the known link-layer address. */
			for (size_t i = 0; i < m->msg.n_opts; i++)
				if (m->msg.opts[i].type == NDP_OPT_TLLA &&
				    m->msg.opts[i].u.lla.addr.len == 6) {
					memcpy(m->dst_mac, m->msg.opts[i].u.lla.addr.data, 6);
					break;
				}
		} else if (!mac_from_eui64(m->dst, m->dst_mac)) {
			memcpy(m->dst_mac, peer_mac, 6);
			m->dst_mac_guessed = true;
		}
	}
	if (!m->count)
		m->count = 1;
	return 0;
}

/* ---- encoding */

int ndpg_msg_encode(struct ndpg_msg *m, uint8_t *icmp, size_t cap, size_t *ret_len,
		    bool checksum)
{
	size_t n = m->msg.n_opts, off, ol;
	int r;

	/* Header alone through the codec, then the options one by one:
	 * --opt-len patches each option's length octet, and the manifest
	 * writer reads where each option went (m->span) instead of building
	 * it again. */
	m->msg.n_opts = 0;
	m->msg.checksum = 0;
	r = ndp_msg_build(&m->msg, icmp, cap, &off);
	m->msg.n_opts = n;
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		const struct ndp_opt *o = &m->msg.opts[i];

		r = ndp_opt_build(o, icmp + off, cap - off, &ol);
		if (r < 0)
			return r;
		m->span[i].off = off;
		m->span[i].len = ol;
		for (size_t k = 0; k < m->n_optlen; k++)
			if (m->optlen[k].type == o->type)
				icmp[off + 1] = m->optlen[k].len;
		off += ol;
		if (off > NDP_MSG_MAX_LEN - FRAME_IP6_LEN)
			return -E2BIG;
	}
	if (checksum)
		frame_icmp6_checksum(icmp, off, m->src, m->dst, m->bad_checksum);
	*ret_len = off;
	return 0;
}

void ndpg_msg_spans_from_wire(struct ndpg_msg *m, const uint8_t *icmp)
{
	for (size_t i = 0; i < m->msg.n_opts; i++) {
		m->span[i].off = (size_t)(m->msg.opts[i].wire.data - icmp);
		m->span[i].len = m->msg.opts[i].wire.len;
	}
}

int ndpg_msg_frame(struct ndpg_msg *m, uint8_t *frame, size_t cap, size_t *ret_len,
		   size_t *ret_icmp_off)
{
	size_t len;
	int r;

	if (cap < FRAME_HDR_LEN)
		return -ENOSPC;
	r = ndpg_msg_encode(m, frame + FRAME_HDR_LEN, cap - FRAME_HDR_LEN, &len, true);
	if (r < 0)
		return r;
	frame_headers(frame, m->dst_mac, m->src_mac, m->src, m->dst, (uint8_t)m->hop_limit, len);
	*ret_len = FRAME_HDR_LEN + len;
	if (ret_icmp_off)
		*ret_icmp_off = FRAME_HDR_LEN;
	return 0;
}
