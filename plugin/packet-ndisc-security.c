/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc security analysis: what the Neighbor Discovery attacks of thc-ipv6
 * and their like leave in a capture (RFC 3756 lists the threats): ND behind
 * extension headers or in fragments (RFC 6980, RFC 7113), address-to-MAC
 * binding changes (NA spoofing), rogue routers and spoofed router lifetimes
 * of 0, DAD denial of service, Redirects not from the first-hop router
 * (RFC 4861 8.1), RA and NS floods. As packet-ndisc-analysis.c, state is
 * per capture file, updated on the first pass only; what a frame showed is
 * kept per frame, so later passes show the same. */
#include "ws_compat.h"
#include <arpa/inet.h>
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/tap.h>

#include "packet-ndisc-security.h"
#include "packet-ndisc-table.h"
#include "ndp.h"

/* the window the flood and DAD DoS counts are taken over */
#define FLOOD_WINDOW_NS 1000000000ll
#define DAD_DOS_WINDOW_SECS 10
#define MAX_KNOWN_ROUTERS 32

static int hf_sec_fragmented = -1;
static int hf_sec_ext_headers = -1;
static int hf_sec_binding = -1;
static int hf_sec_binding_frame = -1;
static int hf_sec_binding_old = -1;
static int hf_sec_binding_new = -1;
static int hf_sec_binding_flips = -1;
static int hf_sec_rogue_router = -1;
static int hf_sec_unknown_router = -1;
static int hf_sec_spoofed_lifetime0 = -1;
static int hf_sec_router_mac = -1;
static int hf_sec_dad_dos = -1;
static int hf_sec_redirect = -1;
static int hf_sec_ra_flood = -1;
static int hf_sec_ns_flood = -1;

static int ett_security = -1;

static expert_field ei_sec_fragmented = EI_INIT;
static expert_field ei_sec_ext_headers = EI_INIT;
static expert_field ei_sec_binding = EI_INIT;
static expert_field ei_sec_rogue_router = EI_INIT;
static expert_field ei_sec_unknown_router = EI_INIT;
static expert_field ei_sec_spoofed_lifetime0 = EI_INIT;
static expert_field ei_sec_dad_dos = EI_INIT;
static expert_field ei_sec_redirect = EI_INIT;
static expert_field ei_sec_ra_flood = EI_INIT;
static expert_field ei_sec_ns_flood = EI_INIT;

static const char *pref_known_routers = "";
static unsigned pref_ra_flood = 20;
static unsigned pref_ns_flood = 50;
static unsigned pref_dad_dos = 3;

/* protocol ids of the IPv6 layers, looked up on first use */
static int proto_ipv6 = -1, proto_icmpv6_id = -1, proto_fraghdr = -1,
	   proto_hopopts = -1, proto_dstopts = -1, proto_routing = -1;
static bool protos_known;
static int expert_tap = -1;

struct flood_win {
	nstime_t start;
	unsigned a, b;
};

/* per-file state */
/* addresses' bindings: in ndisc_hosts (packet-ndisc-table.h) */
static struct ndisc_table *routers;     /* address -> struct router */
static struct ndisc_table *macs;        /* MAC -> struct mac_rec */
static struct sec_state {
	unsigned n_routers;             /* default routers seen */
	uint8_t first_router[16];
	uint32_t first_router_frame;
	struct flood_win ra, ns;
	time_t dad_win;
	unsigned dad_n;
	uint8_t dad_addrs[8][16];
	uint8_t dad_macs[8][6];
} *st;

enum { REDIR_NOT_ROUTER = 1, REDIR_OTHER_MAC, REDIR_TARGET_NOT_ROUTER };

struct mac_rec {                        /* a MAC some address was bound to */
	struct ndisc_table_rec h;
	bool router;                    /* sent an RA with a default route */
};

struct router {                         /* kept: a default router, no rogue */
	struct ndisc_table_rec h;
	uint8_t mac[6];
	uint32_t frame;
	bool has_mac, default_seen, rogue;
};

static struct known_router {
	uint8_t addr[16], mac[6];
	bool has_mac;
} known[MAX_KNOWN_ROUTERS];
static unsigned n_known;
static const char *known_parsed;        /* the preference string parsed */

/* What the first pass found for one frame (in recs). What the packet
 * itself gives (the address and new MAC of a binding change, the sender's
 * MAC) and the first router (st) are read again when it is shown: a flood
 * flags most frames, so a record is kept small. */
struct sec_rec {
	uint32_t frame;
	uint16_t found;                 /* NDISC_SEC_* */
	uint8_t why;                    /* redirect: REDIR_* */
	bool known_mac_differs;
	uint32_t n_routers;             /* rogue: default routers before it */
	uint32_t count_a, count_b;      /* flood and DAD DoS counts */
	int64_t elapsed_ns;             /* over their window */
	uint32_t bind_frame, bind_flips;
	uint32_t other_frame;           /* the router's RA */
	uint8_t bind_old[6], other_mac[6];
};

static struct mac_rec *
mac_of(packet_info *pinfo, const uint8_t *mac)
{
	return ndisc_table_add(macs, mac, pinfo->num);
}

/* The frames' records in frame order, by value in chunks of REC_CHUNK:
 * the first pass appends (it sees the frames in order), later passes
 * search. Cheaper than proto data, which costs an allocation and a list
 * insertion per record and a list walk per frame. */
#define REC_CHUNK 4096
static struct sec_rec **rec_chunks;
static unsigned n_recs, cap_chunks;

static struct sec_rec *
rec_at(unsigned i)
{
	return &rec_chunks[i / REC_CHUNK][i % REC_CHUNK];
}

static void
security_init(void)
{
	st = NULL;
	ndisc_table_reset(routers, ndisc_state_limit);
	ndisc_table_reset(macs, ndisc_state_limit);
	rec_chunks = NULL;              /* file scope: freed with the file */
	n_recs = cap_chunks = 0;
}

/* A zeroed record for frame, in frame order. */
static struct sec_rec *
rec_add(uint32_t frame)
{
	unsigned i;

	if (n_recs == cap_chunks * REC_CHUNK) {
		rec_chunks = wmem_realloc(wmem_file_scope(), rec_chunks,
					  (cap_chunks + 1) * sizeof(*rec_chunks));
		rec_chunks[cap_chunks++] = wmem_alloc(wmem_file_scope(),
						      REC_CHUNK * sizeof(struct sec_rec));
	}
	/* in order but for a frame seen out of order */
	for (i = n_recs++; i > 0 && rec_at(i - 1)->frame > frame; i--)
		*rec_at(i) = *rec_at(i - 1);
	memset(rec_at(i), 0, sizeof(struct sec_rec));
	rec_at(i)->frame = frame;
	return rec_at(i);
}

static struct sec_rec *
rec_find(uint32_t frame)
{
	unsigned lo = 0, hi = n_recs;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (rec_at(mid)->frame < frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n_recs && rec_at(lo)->frame == frame ? rec_at(lo) : NULL;
}

static const uint8_t *
dl_mac(packet_info *pinfo)
{
	return pinfo->dl_src.type == AT_ETHER && pinfo->dl_src.len == 6
	       ? (const uint8_t *)pinfo->dl_src.data : NULL;
}

static bool
parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return false;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return true;
}

/* "fe80::1=02:00:00:00:01:01 fe80::2" (commas or blanks between entries):
 * parsed again whenever the preference string changes; bad entries are
 * left out. */
static void
known_routers_update(void)
{
	const char *p = pref_known_routers ? pref_known_routers : "";
	char tok[80];

	if (known_parsed && strcmp(known_parsed, p) == 0)
		return;
	/* epan scope: freed at exit (a preference seldom changes) */
	known_parsed = wmem_strdup(wmem_epan_scope(), p);
	n_known = 0;
	while (*p && n_known < MAX_KNOWN_ROUTERS) {
		size_t n = strcspn(p, " ,;\t");
		char *eq;

		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			eq = strchr(tok, '=');
			if (eq)
				*eq++ = '\0';
			if (inet_pton(AF_INET6, tok, known[n_known].addr) == 1) {
				known[n_known].has_mac = eq && parse_mac(eq, known[n_known].mac);
				if (!eq || known[n_known].has_mac)
					n_known++;
			}
		}
		p += n;
		p += strspn(p, " ,;\t");
	}
}

static struct sec_rec *
rec_of(packet_info *pinfo, struct sec_rec **rec)
{
	if (!*rec)
		*rec = rec_add(pinfo->num);
	return *rec;
}

static void
protos_lookup(void)
{
	proto_ipv6 = proto_get_id_by_filter_name("ipv6");
	proto_icmpv6_id = proto_get_id_by_filter_name("icmpv6");
	proto_fraghdr = proto_get_id_by_filter_name("ipv6.fraghdr");
	proto_hopopts = proto_get_id_by_filter_name("ipv6.hopopts");
	proto_dstopts = proto_get_id_by_filter_name("ipv6.dstopts");
	proto_routing = proto_get_id_by_filter_name("ipv6.routing");
	expert_tap = find_tap_id("expert");
	protos_known = true;
}

/* The layer below ICMPv6 when it is not the IPv6 header itself (walking
 * back from ndisc); NULL in the usual case, ICMPv6 right after IPv6. */
static wmem_list_frame_t *
below_icmpv6(packet_info *pinfo)
{
	wmem_list_frame_t *f;

	if (!protos_known)
		protos_lookup();
	if (!pinfo->layers)
		return NULL;
	for (f = wmem_list_tail(pinfo->layers); f; f = wmem_list_frame_prev(f)) {
		int id = GPOINTER_TO_INT(wmem_list_frame_data(f));

		if (id == proto_ipv6)
			return NULL;
		if (id != proto_ndisc && id != proto_icmpv6_id)
			return f;
	}
	return NULL;
}

/* Extension headers between the IPv6 header and ICMPv6, from the layer
 * below ICMPv6 (below_icmpv6()) back: RA-Guard implementations that
 * look only at the first next header miss what is behind them. */
static unsigned
ext_headers(wmem_list_frame_t *f, bool *fragmented, char *names, size_t size)
{
	const char *found[6];
	unsigned n = 0, i;
	size_t used = 0;

	*fragmented = false;
	names[0] = '\0';
	for (; f; f = wmem_list_frame_prev(f)) {
		int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
		const char *name;

		if (id == proto_fraghdr) {
			*fragmented = true;
			name = "fragment";
		} else if (id == proto_hopopts) {
			name = "hop-by-hop";
		} else if (id == proto_dstopts) {
			name = "destination options";
		} else if (id == proto_routing) {
			name = "routing";
		} else {
			break;                  /* ipv6 itself, or anything else */
		}
		if (n < G_N_ELEMENTS(found))
			found[n] = name;
		n++;
	}
	/* found backwards: name them in header order */
	for (i = n < G_N_ELEMENTS(found) ? n : G_N_ELEMENTS(found); i-- > 0 && used < size;)
		used += (size_t)snprintf(names + used, size - used, "%s%s",
					 used ? ", " : "", found[i]);
	return n;
}

/* The MAC this message binds its address to, as packet-ndisc-analysis.c's
 * claims plus an NA's link-layer source when it has no TLLA option. */
static bool
binding_of(packet_info *pinfo, const struct ndisc_pkt *pkt, const uint8_t **addr,
	   const uint8_t **mac)
{
	static const uint8_t zero[16];

	if (pkt->type == NDP_NA && pkt->has_target) {
		*addr = pkt->target;
		*mac = pkt->has_tlla ? pkt->tlla : dl_mac(pinfo);
		return *mac != NULL;
	}
	if ((pkt->type == NDP_NS || pkt->type == NDP_RA) && pkt->has_slla &&
	    pkt->has_src && memcmp(pkt->src, zero, 16) != 0) {
		*addr = pkt->src;
		*mac = pkt->slla;
		return true;
	}
	return false;
}

static void
check_binding(packet_info *pinfo, const struct ndisc_pkt *pkt, struct sec_rec **rec)
{
	const uint8_t *addr, *mac;
	struct ndisc_host *b;
	struct sec_rec *r;

	if (!binding_of(pinfo, pkt, &addr, &mac))
		return;
	b = ndisc_table_add(ndisc_hosts, addr, pinfo->num);
	if (!b->has_bind) {
		b->has_bind = 1;
		memcpy(b->bind_mac, mac, 6);
		b->bind_frame = pinfo->num;
		b->bind_router = pkt->type == NDP_NA && (pkt->na_flags & 0x80000000);
		mac_of(pinfo, mac);
		return;
	}
	if (pkt->type == NDP_NA && (pkt->na_flags & 0x80000000))
		b->bind_router = 1;
	if (memcmp(b->bind_mac, mac, 6) != 0) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_BINDING;
		r->bind_frame = b->bind_frame;
		r->bind_flips = ++b->bind_flips;
		memcpy(r->bind_old, b->bind_mac, 6);
		memcpy(b->bind_mac, mac, 6);
		mac_of(pinfo, mac);
	}
	b->bind_frame = pinfo->num;
}

static const struct known_router *
known_router(const uint8_t *addr)
{
	unsigned i;

	for (i = 0; i < n_known; i++)
		if (memcmp(known[i].addr, addr, 16) == 0)
			return &known[i];
	return NULL;
}

static int64_t
elapsed_ns(packet_info *pinfo, const nstime_t *since)
{
	nstime_t d;

	nstime_delta(&d, &pinfo->abs_ts, since);
	return (int64_t)d.secs * 1000000000 + d.nsecs;
}

/* Counts over a window of FLOOD_WINDOW_NS that starts with its first
 * event after the last window ended. */
static void
window_tick(packet_info *pinfo, struct flood_win *w, unsigned a, unsigned b)
{
	nstime_t d;

	nstime_delta(&d, &pinfo->abs_ts, &w->start);
	if (nstime_is_zero(&w->start) || d.secs < 0 ||
	    (int64_t)d.secs * 1000000000ll + d.nsecs >= FLOOD_WINDOW_NS) {
		w->start = pinfo->abs_ts;
		w->a = w->b = 0;
	}
	w->a += a;
	w->b += b;
}

/* The sender's MAC: the frame's, or its source link-layer address option */
static const uint8_t *
router_mac(packet_info *pinfo, const struct ndisc_pkt *pkt)
{
	const uint8_t *mac = dl_mac(pinfo);

	return mac ? mac : pkt->has_slla ? pkt->slla : NULL;
}

static void
check_router(packet_info *pinfo, const struct ndisc_pkt *pkt, struct sec_rec **rec)
{
	const uint8_t *mac = router_mac(pinfo, pkt);
	struct router *rt;
	struct sec_rec *r;
	unsigned new_pfx;
	bool is_new = false;

	known_routers_update();
	rt = ndisc_table_add(routers, pkt->src, pinfo->num);
	if (!rt->frame) {
		rt->frame = pinfo->num;
		if (mac) {
			memcpy(rt->mac, mac, 6);
			rt->has_mac = true;
		}
		is_new = true;
	}
	/* prefixes no RA advertised before: counted by the analysis, whose
	 * map of RA prefixes runs first (packet-ndisc-analysis.c) */
	new_pfx = pkt->new_prefixes;

	if (n_known) {
		const struct known_router *k = known_router(pkt->src);
		if (!k || (k->has_mac && mac && memcmp(k->mac, mac, 6) != 0)) {
			r = rec_of(pinfo, rec);
			r->found |= NDISC_SEC_UNKNOWN_ROUTER;
			r->known_mac_differs = k != NULL;
			if (k)
				memcpy(r->other_mac, k->mac, 6);
		}
	} else if (is_new && st->n_routers > 0 && new_pfx > 0) {
		/* routers that agree on the prefixes are no rogues */
		rt->rogue = true;
	}
	if (rt->rogue) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_ROGUE_ROUTER;
		r->n_routers = st->n_routers;
	}

	if (pkt->router_lifetime == 0 && rt->default_seen && rt->has_mac && mac &&
	    memcmp(rt->mac, mac, 6) != 0) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_SPOOFED_LIFETIME0;
		r->other_frame = rt->frame;
		memcpy(r->other_mac, rt->mac, 6);
	}
	if (pkt->router_lifetime > 0 && !rt->rogue && !(rec && *rec && ((*rec)->found &
							 NDISC_SEC_UNKNOWN_ROUTER))) {
		if (!rt->default_seen) {
			if (st->n_routers++ == 0) {
				memcpy(st->first_router, pkt->src, 16);
				st->first_router_frame = pinfo->num;
			}
		}
		rt->default_seen = true;
		if (rt->has_mac && mac && memcmp(rt->mac, mac, 6) == 0)
			rt->frame = pinfo->num;
		if (mac)
			mac_of(pinfo, mac)->router = true;
	}
	ndisc_table_keep(routers, rt, rt->default_seen && !rt->rogue);

	window_tick(pinfo, &st->ra, is_new, new_pfx);
	if (st->ra.a > pref_ra_flood || st->ra.b > pref_ra_flood * 4) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_RA_FLOOD;
		r->count_a = st->ra.a;
		r->count_b = st->ra.b;
		r->elapsed_ns = elapsed_ns(pinfo, &st->ra.start);
	}
}

/* The Redirect's target (or the MAC its TLLA option gives) is known on
 * the link, and never as a router: no better first hop for an off-link
 * destination. A target the capture knows nothing of is given the benefit
 * of the doubt (a router that sends no RAs). */
static bool
known_host(const struct ndisc_pkt *pkt)
{
	struct ndisc_host *b = ndisc_table_find(ndisc_hosts, pkt->target);
	struct mac_rec *m;

	if (b && b->has_bind && !b->bind_router) {
		m = ndisc_table_find(macs, b->bind_mac);
		if (!m || !m->router)
			return true;
	}
	if (pkt->has_tlla) {
		m = ndisc_table_find(macs, pkt->tlla);
		if (m && !m->router)
			return true;
	}
	return false;
}

/* RFC 4861 8.1: a Redirect comes from the current first-hop router, and
 * for an off-link destination (target != destination) its target is a
 * better router. redir6 sends it in the router's name, from the router's
 * MAC: what gives it away is a target known as a host (known_host()). */
static void
check_redirect(packet_info *pinfo, const struct ndisc_pkt *pkt, struct sec_rec **rec)
{
	const uint8_t *mac = dl_mac(pinfo);
	struct router *rt, *tr;
	struct sec_rec *r;
	unsigned why;

	if (!pkt->has_src || !pkt->has_target || st->n_routers == 0)
		return;                 /* no first-hop router known to compare */
	rt = ndisc_table_find(routers, pkt->src);
	tr = ndisc_table_find(routers, pkt->target);
	if (!rt || !rt->default_seen || rt->rogue)
		why = REDIR_NOT_ROUTER;
	else if (rt->has_mac && mac && memcmp(rt->mac, mac, 6) != 0)
		why = REDIR_OTHER_MAC;
	else if (memcmp(pkt->target, pkt->destination, 16) != 0 &&
		 (!tr || !tr->default_seen || tr->rogue) && known_host(pkt))
		why = REDIR_TARGET_NOT_ROUTER;
	else
		return;
	r = rec_of(pinfo, rec);
	r->found |= NDISC_SEC_REDIRECT;
	r->why = (uint8_t)why;
	if (rt) {
		memcpy(r->other_mac, rt->mac, 6);
		r->other_frame = rt->frame;
	}
}

/* DAD probes answered (packet-ndisc-analysis.c's DAD conflict on an NA)
 * for many addresses in a short time: something answers them all. */
static void
check_dad_dos(packet_info *pinfo, const struct ndisc_pkt *pkt, struct sec_rec **rec)
{
	const uint8_t *mac = pkt->has_tlla ? pkt->tlla : dl_mac(pinfo);
	struct sec_rec *r;
	unsigned i, same_mac = 0;
	bool seen = false;

	if (pinfo->abs_ts.secs - st->dad_win > DAD_DOS_WINDOW_SECS || st->dad_n == 0) {
		st->dad_win = pinfo->abs_ts.secs;
		st->dad_n = 0;
	}
	for (i = 0; i < st->dad_n; i++) {
		if (memcmp(st->dad_addrs[i], pkt->target, 16) == 0)
			seen = true;
		else if (mac && memcmp(st->dad_macs[i], mac, 6) == 0)
			same_mac++;
	}
	if (!seen && st->dad_n < G_N_ELEMENTS(st->dad_addrs)) {
		memcpy(st->dad_addrs[st->dad_n], pkt->target, 16);
		if (mac)
			memcpy(st->dad_macs[st->dad_n], mac, 6);
		st->dad_n++;
	}
	if (st->dad_n >= pref_dad_dos || same_mac > 0) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_DAD_DOS;
		r->count_a = st->dad_n;
		r->count_b = same_mac + 1;
		r->elapsed_ns = (int64_t)(pinfo->abs_ts.secs - st->dad_win) * 1000000000;
	}
}

static void
check_ns_flood(packet_info *pinfo, const struct ndisc_pkt *pkt, struct sec_rec **rec)
{
	const struct ndisc_host *h = ndisc_table_find(ndisc_hosts, pkt->target);
	struct sec_rec *r;

	/* an address advertised (NA) or used with its MAC (NS, RA) is no
	 * exhaustion target */
	if (h && h->has_bind)
		return;
	window_tick(pinfo, &st->ns, 1, 0);
	if (st->ns.a > pref_ns_flood) {
		r = rec_of(pinfo, rec);
		r->found |= NDISC_SEC_NS_FLOOD;
		r->count_a = st->ns.a;
		r->elapsed_ns = elapsed_ns(pinfo, &st->ns.start);
	}
}

static struct sec_rec *
first_pass(packet_info *pinfo, const struct ndisc_pkt *pkt)
{
	struct sec_rec *rec = NULL;

	if (!st)
		st = wmem_new0(wmem_file_scope(), struct sec_state);
	check_binding(pinfo, pkt, &rec);
	if (pkt->type == NDP_RA && pkt->has_src)
		check_router(pinfo, pkt, &rec);
	else if (pkt->type == NDP_REDIRECT)
		check_redirect(pinfo, pkt, &rec);
	else if (pkt->type == NDP_NA && pkt->has_target && pkt->dad_conflict)
		check_dad_dos(pinfo, pkt, &rec);
	else if (pkt->type == NDP_NS && pkt->has_target && !pkt->dad_probe)
		check_ns_flood(pinfo, pkt, &rec);
	return rec;
}

/* per second, from a count over an elapsed time (a whole window when
 * everything came at once) */
static double
rate(unsigned n, int64_t ns)
{
	double s = ns / 1e9;
	return n / (s > 0.001 ? s : 0.001);
}

/* A MAC or "unknown" (the frame had no Ethernet source) */
static const char *
mac_str(wmem_allocator_t *pool, const uint8_t *mac)
{
	return mac ? ndisc_mac_str(pool, mac) : "unknown";
}


static void
show_router(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t, const struct ndisc_pkt *pkt,
	    const struct sec_rec *r)
{
	wmem_allocator_t *pool = pinfo->pool;
	const uint8_t *mac = router_mac(pinfo, pkt);
	proto_item *ti;

	if (r->found & NDISC_SEC_UNKNOWN_ROUTER) {
		ti = proto_tree_add_boolean(t, hf_sec_unknown_router, tvb, 0, 0, true);
		proto_item_set_generated(ti);
		if (r->known_mac_differs)
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_unknown_router,
					       "Router %s advertises from %s, not from its known MAC %s "
					       "(preference ndisc.known_routers)",
					       ndisc_ip6_str(pool, pkt->src), mac_str(pool, mac),
					       ndisc_mac_str(pool, r->other_mac));
		else
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_unknown_router,
					       "Router %s (%s) is not a known router "
					       "(preference ndisc.known_routers)",
					       ndisc_ip6_str(pool, pkt->src), mac_str(pool, mac));
	}
	if (r->found & NDISC_SEC_ROGUE_ROUTER) {
		ti = proto_tree_add_uint(t, hf_sec_rogue_router, tvb, 0, 0, st->first_router_frame);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_rogue_router,
				       "Rogue router? %s first advertises prefixes no router advertised%s, "
				       "after %u router%s (first %s in frame %u) (RFC 6104)",
				       ndisc_ip6_str(pool, pkt->src),
				       pkt->router_lifetime ? " and a default route" : "",
				       r->n_routers, r->n_routers == 1 ? "" : "s",
				       ndisc_ip6_str(pool, st->first_router), st->first_router_frame);
	}
	if (r->found & NDISC_SEC_SPOOFED_LIFETIME0) {
		ti = proto_tree_add_uint(t, hf_sec_spoofed_lifetime0, tvb, 0, 0, r->other_frame);
		proto_item_set_generated(ti);
		proto_item_set_generated(proto_tree_add_ether(t, hf_sec_router_mac, tvb, 0, 0,
							      r->other_mac));
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_spoofed_lifetime0,
				       "Router lifetime 0 for %s sent from %s, not the router's %s "
				       "(its RA in frame %u): spoofed, removes the default router "
				       "(RFC 4861 6.3.4)",
				       ndisc_ip6_str(pool, pkt->src), mac_str(pool, mac),
				       ndisc_mac_str(pool, r->other_mac), r->other_frame);
	}
	if (r->found & NDISC_SEC_RA_FLOOD) {
		ti = proto_tree_add_uint(t, hf_sec_ra_flood, tvb, 0, 0, r->count_a);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_ra_flood,
				       "RA flood: %u new routers and %u new prefixes in %.3f s "
				       "(%.0f routers/s; threshold %u/s, preference ndisc.ra_flood_threshold)",
				       r->count_a, r->count_b, r->elapsed_ns / 1e9,
				       rate(r->count_a, r->elapsed_ns), pref_ra_flood);
	}
}

static void
show_other(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t, const struct ndisc_pkt *pkt,
	   const struct sec_rec *r)
{
	wmem_allocator_t *pool = pinfo->pool;
	const uint8_t *addr, *mac;
	proto_item *ti;

	/* the address and its new MAC as the first pass took them */
	if ((r->found & NDISC_SEC_BINDING) && binding_of(pinfo, pkt, &addr, &mac)) {
		proto_tree *bt;

		ti = proto_tree_add_ipv6(t, hf_sec_binding, tvb, 0, 0,
					 (const ws_in6_addr *)addr);
		proto_item_set_generated(ti);
		bt = proto_item_add_subtree(ti, ett_security);
		proto_item_set_generated(proto_tree_add_uint(bt, hf_sec_binding_frame, tvb, 0, 0,
							     r->bind_frame));
		proto_item_set_generated(proto_tree_add_ether(bt, hf_sec_binding_old, tvb, 0, 0,
							      r->bind_old));
		proto_item_set_generated(proto_tree_add_ether(bt, hf_sec_binding_new, tvb, 0, 0,
							      mac));
		proto_item_set_generated(proto_tree_add_uint(bt, hf_sec_binding_flips, tvb, 0, 0,
							     r->bind_flips));
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_binding,
				       "Address-to-MAC binding change: %s was at %s (frame %u), now %s "
				       "(change %u): spoofed advertisement? (RFC 3756 4.1.1)",
				       ndisc_ip6_str(pool, addr), ndisc_mac_str(pool, r->bind_old),
				       r->bind_frame, ndisc_mac_str(pool, mac), r->bind_flips);
	}
	if (r->found & NDISC_SEC_DAD_DOS) {
		ti = proto_tree_add_uint(t, hf_sec_dad_dos, tvb, 0, 0, r->count_a);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_dad_dos,
				       "DAD denial of service: probes for %u addresses answered within "
				       "%u s, %u by this MAC (threshold %u, preference "
				       "ndisc.dad_dos_threshold; RFC 3756 4.1.3)",
				       r->count_a, (unsigned)(r->elapsed_ns / 1000000000) + 1, r->count_b,
				       pref_dad_dos);
	}
	if (r->found & NDISC_SEC_REDIRECT) {
		ti = proto_tree_add_boolean(t, hf_sec_redirect, tvb, 0, 0, true);
		proto_item_set_generated(ti);
		if (r->why == REDIR_OTHER_MAC)
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_redirect,
					       "Redirect in router %s's name sent from %s, not the router's %s "
					       "(frame %u): not from the first-hop router (RFC 4861 8.1)",
					       ndisc_ip6_str(pool, pkt->src), mac_str(pool, dl_mac(pinfo)),
					       ndisc_mac_str(pool, r->other_mac), r->other_frame);
		else if (r->why == REDIR_TARGET_NOT_ROUTER)
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_redirect,
					       "Redirect sends traffic for off-link %s to %s, a host on this "
					       "link that never advertised itself as a router: spoofed "
					       "Redirect? "
					       "(RFC 4861 8.1, RFC 3756 4.1.5)",
					       ndisc_ip6_str(pool, pkt->destination),
					       ndisc_ip6_str(pool, pkt->target));
		else
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_redirect,
					       "Redirect from %s, which is not a router on this link: "
					       "not from the first-hop router (RFC 4861 8.1)",
					       ndisc_ip6_str(pool, pkt->src));
	}
	if (r->found & NDISC_SEC_NS_FLOOD) {
		ti = proto_tree_add_uint(t, hf_sec_ns_flood, tvb, 0, 0, r->count_a);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_ns_flood,
				       "NS flood: %u NS for unresolved addresses in %.3f s (%.0f/s; "
				       "threshold %u/s, preference ndisc.ns_flood_threshold): "
				       "neighbor cache exhaustion (RFC 6583)",
				       r->count_a, r->elapsed_ns / 1e9,
				       rate(r->count_a, r->elapsed_ns), pref_ns_flood);
	}
}

static proto_tree *
stree(tvbuff_t *tvb, proto_tree *tree, proto_tree **t)
{
	if (!*t)
		*t = proto_tree_add_subtree(tree, tvb, 0, 0, ett_security, NULL, "Security");
	return *t;
}

/* ND behind extension headers or in a fragment (RFC 6980, RFC 7113),
 * from the layer below ICMPv6: apart, so the usual message does not pay
 * for its buffers. */
static G_GNUC_NO_INLINE void
show_ext_headers(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, struct ndisc_pkt *pkt,
		 proto_tree **t, wmem_list_frame_t *f)
{
	proto_item *ti;
	bool frag;
	char names[96];
	unsigned n;

	n = ext_headers(f, &frag, names, sizeof(names));
	if (frag) {
		ti = proto_tree_add_boolean(stree(tvb, tree, t), hf_sec_fragmented, tvb, 0, 0, true);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_fragmented,
				       "ND message in a fragmented packet (%s): hosts must ignore it "
				       "(RFC 6980); RA-Guard evasion (RFC 7113)", names);
		pkt->sec |= NDISC_SEC_FRAGMENTED;
	}
	if (n > 0) {
		ti = proto_tree_add_uint(stree(tvb, tree, t), hf_sec_ext_headers, tvb, 0, 0, n);
		proto_item_set_generated(ti);
		if (!frag)
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_sec_ext_headers,
					       "ND message behind %u extension header%s (%s): "
					       "RA-Guard evasion (RFC 7113)", n, n == 1 ? "" : "s", names);
		pkt->sec |= NDISC_SEC_EXT_HEADERS;
	}
}

static void
show_headers(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, struct ndisc_pkt *pkt,
	     proto_tree **t)
{
	wmem_list_frame_t *f = below_icmpv6(pinfo);

	if (f)
		show_ext_headers(tvb, pinfo, tree, pkt, t, f);
}

void
ndisc_security_headers(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		       struct ndisc_pkt *pkt)
{
	proto_tree *t = NULL;

	pkt->expert_text = ndisc_expert_text(tree);
	show_headers(tvb, pinfo, tree, pkt, &t);
}

void
ndisc_security(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, struct ndisc_pkt *pkt)
{
	proto_tree *t = NULL;
	struct sec_rec *r;

	/* the first pass has its record at hand */
	if (!PINFO_FD_VISITED(pinfo))
		r = first_pass(pinfo, pkt);
	else
		r = rec_find(pinfo->num);

	show_headers(tvb, pinfo, tree, pkt, &t);
	if (!r)
		return;
	pkt->sec |= r->found;
	/* no tree and no expert tap (tshark without -V, -Y, -z expert): the
	 * tap's counts are all that is used */
	if (!tree && !have_tap_listener(expert_tap))
		return;
	if (pkt->type == NDP_RA)
		show_router(tvb, pinfo, stree(tvb, tree, &t), pkt, r);
	show_other(tvb, pinfo, stree(tvb, tree, &t), pkt, r);
}

static void
register_prefs(void)
{
	module_t *m = prefs_find_module("ndisc");

	if (!m)
		return;
	prefs_register_string_preference(m, "known_routers", "Known routers",
					 "Routers allowed on the link, blank-separated, each an "
					 "address with an optional =MAC (fe80::1=02:00:00:00:01:01): "
					 "an RA from any other router, or from a known router's "
					 "address at another MAC, is flagged. Empty: the first "
					 "router seen is trusted and later new ones are flagged",
					 &pref_known_routers);
	prefs_register_uint_preference(m, "ra_flood_threshold", "RA flood threshold (routers/s)",
				       "New routers per second above which RAs are flagged as a "
				       "flood (new prefixes: four times this)",
				       10, &pref_ra_flood);
	prefs_register_uint_preference(m, "ns_flood_threshold", "NS flood threshold (NS/s)",
				       "NS per second for addresses never advertised above which "
				       "they are flagged as neighbor cache exhaustion",
				       10, &pref_ns_flood);
	prefs_register_uint_preference(m, "dad_dos_threshold", "DAD DoS threshold (addresses)",
				       "Addresses whose DAD probes are answered within 10 s from "
				       "which the answers are flagged as DAD denial of service "
				       "(two answered by one MAC always are)",
				       10, &pref_dad_dos);
}

void
ndisc_security_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_sec_fragmented, { "ND in a fragmented packet", "ndisc.analysis.fragmented",
					FT_BOOLEAN, BASE_NONE, NULL, 0,
					"The message came in IPv6 fragments (RFC 6980)", HFILL } },
		{ &hf_sec_ext_headers, { "Extension headers before ICMPv6",
					 "ndisc.analysis.ext_headers", FT_UINT8, BASE_DEC, NULL, 0,
					 "IPv6 extension headers in front of the message (RFC 7113)",
					 HFILL } },
		{ &hf_sec_binding, { "Address-to-MAC binding change", "ndisc.analysis.binding_change",
				     FT_IPv6, BASE_NONE, NULL, 0,
				     "Address now advertised at another link-layer address", HFILL } },
		{ &hf_sec_binding_frame, { "Previous binding in", "ndisc.analysis.binding_change.frame",
					   FT_FRAMENUM, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_sec_binding_old, { "Previous MAC", "ndisc.analysis.binding_change.old_mac",
					 FT_ETHER, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_sec_binding_new, { "New MAC", "ndisc.analysis.binding_change.new_mac",
					 FT_ETHER, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_sec_binding_flips, { "Changes so far", "ndisc.analysis.binding_change.count",
					   FT_UINT32, BASE_DEC, NULL, 0,
					   "How often this address changed MAC in the capture", HFILL } },
		{ &hf_sec_rogue_router, { "Rogue router? First router in",
					  "ndisc.analysis.rogue_router", FT_FRAMENUM, BASE_NONE, NULL, 0,
					  "A router first seen after others advertises a default route "
					  "or new prefixes", HFILL } },
		{ &hf_sec_unknown_router, { "Not a known router", "ndisc.analysis.unknown_router",
					    FT_BOOLEAN, BASE_NONE, NULL, 0,
					    "RA from a router not in the known routers preference",
					    HFILL } },
		{ &hf_sec_spoofed_lifetime0, { "Spoofed router lifetime 0, router's RA in",
					       "ndisc.analysis.spoofed_lifetime0", FT_FRAMENUM,
					       BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_sec_router_mac, { "Router's MAC", "ndisc.analysis.router_mac", FT_ETHER,
					BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_sec_dad_dos, { "DAD answered for addresses", "ndisc.analysis.dad_dos",
				     FT_UINT32, BASE_DEC, NULL, 0,
				     "DAD denial of service: answered probes in the window", HFILL } },
		{ &hf_sec_redirect, { "Redirect not from the first-hop router",
				      "ndisc.analysis.redirect_not_router", FT_BOOLEAN, BASE_NONE,
				      NULL, 0, NULL, HFILL } },
		{ &hf_sec_ra_flood, { "RA flood: new routers in window", "ndisc.analysis.ra_flood",
				      FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
		{ &hf_sec_ns_flood, { "NS flood: unresolved NS in window", "ndisc.analysis.ns_flood",
				      FT_UINT32, BASE_DEC, NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_security };
	static ei_register_info ei[] = {
		{ &ei_sec_fragmented, { "ndisc.analysis.fragmented.expert", PI_SECURITY, PI_WARN,
					"ND message in a fragmented packet (RFC 6980)", EXPFILL } },
		{ &ei_sec_ext_headers, { "ndisc.analysis.ext_headers.expert", PI_SECURITY, PI_WARN,
					 "ND message behind extension headers (RFC 7113)", EXPFILL } },
		{ &ei_sec_binding, { "ndisc.analysis.binding_change.expert", PI_SECURITY, PI_WARN,
				     "Address-to-MAC binding change", EXPFILL } },
		{ &ei_sec_rogue_router, { "ndisc.analysis.rogue_router.expert", PI_SECURITY, PI_WARN,
					  "Rogue router", EXPFILL } },
		{ &ei_sec_unknown_router, { "ndisc.analysis.unknown_router.expert", PI_SECURITY,
					    PI_WARN, "Router not in the known routers list", EXPFILL } },
		{ &ei_sec_spoofed_lifetime0, { "ndisc.analysis.spoofed_lifetime0.expert", PI_SECURITY,
					       PI_WARN, "Spoofed router lifetime 0", EXPFILL } },
		{ &ei_sec_dad_dos, { "ndisc.analysis.dad_dos.expert", PI_SECURITY, PI_WARN,
				     "DAD denial of service", EXPFILL } },
		{ &ei_sec_redirect, { "ndisc.analysis.redirect_not_router.expert", PI_SECURITY,
				      PI_WARN, "Redirect not from the first-hop router", EXPFILL } },
		{ &ei_sec_ra_flood, { "ndisc.analysis.ra_flood.expert", PI_SECURITY, PI_WARN,
				      "RA flood", EXPFILL } },
		{ &ei_sec_ns_flood, { "ndisc.analysis.ns_flood.expert", PI_SECURITY, PI_WARN,
				      "NS flood", EXPFILL } },
	};

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_register_field_array(expert_register_protocol(proto_ndisc), ei, array_length(ei));
	register_prefs();

	routers = ndisc_table_new(sizeof(struct router), 16);
	macs = ndisc_table_new(sizeof(struct mac_rec), 6);
	register_init_routine(security_init);
}
