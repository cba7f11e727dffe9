/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc analysis: NS/NA matching, DAD probes and conflicts (RFC 4862 5.4),
 * duplicate addresses, router consistency (RFC 4861 6.2.7). State is kept
 * per capture file and updated only on the first pass; later passes (tshark
 * -2, GUI re-dissection) show what the first pass recorded per frame. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "packet-ndisc-analysis.h"
#include "packet-ndisc-security.h"
#include "packet-ndisc-table.h"
#include "ndp.h"

/* a DAD probe makes the target tentative for this long (RFC 4862 5.4:
 * RetransTimer x DupAddrDetectTransmits is 1 s by default) */
#define DAD_WINDOW_SECS 5

static int hf_resp_in = -1;
static int hf_resp_to = -1;
static int hf_resp_time = -1;
static int hf_dad = -1;
static int hf_dad_conflict = -1;
static int hf_dup_addr = -1;
static int hf_dup_frame = -1;
static int hf_dup_first_mac = -1;
static int hf_dup_mac = -1;
static int hf_not_default_router = -1;
static int hf_inconsistent_prefix = -1;
static int hf_inconsistent_mtu = -1;
static int hf_other_router = -1;

static int ett_analysis = -1;

static expert_field ei_dad_probe = EI_INIT;
static expert_field ei_dad_conflict = EI_INIT;
static expert_field ei_dup_addr = EI_INIT;
static expert_field ei_not_default_router = EI_INIT;
static expert_field ei_inconsistent_prefix = EI_INIT;
static expert_field ei_inconsistent_mtu = EI_INIT;

/* per-file state: addresses in ndisc_hosts (packet-ndisc-table.h), shared
 * with the security analysis; prefixes + length -> first router */
static struct ndisc_table *prefixes;
static wmem_map_t *ns_answered;         /* NS frame -> NA frame */
static int expert_tap = -1;
static struct router_mtu {
	uint32_t frame, mtu;
	uint8_t router[16];
} *mtu_seen;

struct prefix_rec {                      /* key: prefix, then its length */
	struct ndisc_table_rec h;
	uint32_t frame, valid, preferred;
	uint8_t router[16];
};

/* What the first pass found for one frame: kept only for frames with a
 * result, so ordinary traffic costs no per-frame memory. */
struct resp_rec {                       /* proto data key 0 */
	uint32_t resp_to;
	nstime_t resp_time;
};

enum { DAD_NONE, DAD_NA, DAD_SECOND_PROBE };

struct anomaly_rec {                    /* proto data key 1 */
	uint8_t dad_kind;
	uint32_t dad_frame;
	uint8_t dad_mac[6];
	bool dup;
	uint32_t dup_frame;
	uint8_t dup_addr[16], dup_first_mac[6], dup_mac[6];
	uint32_t pfx_frame, pfx_valid, pfx_preferred;
	uint8_t pfx_router[16], pfx[16], pfx_len;
	uint32_t mtu_frame, mtu_other;
	uint8_t mtu_router[16];
};

static void
analysis_init(void)
{
	mtu_seen = NULL;
	ndisc_table_reset(ndisc_hosts, ndisc_state_limit);
	ndisc_table_reset(prefixes, ndisc_state_limit);
}

static bool
unspecified(const uint8_t *a)
{
	static const uint8_t zero[16];
	return memcmp(a, zero, 16) == 0;
}

static struct anomaly_rec *
anomaly(packet_info *pinfo, struct anomaly_rec **rec)
{
	if (!*rec) {
		*rec = wmem_new0(wmem_file_scope(), struct anomaly_rec);
		p_add_proto_data(wmem_file_scope(), pinfo, proto_ndisc, 1, *rec);
	}
	return *rec;
}

/* The MAC this packet binds to an address, if any: NA target + TLLA,
 * NS (not DAD) source + SLLA, RA source + SLLA. */
static bool
claimed(const struct ndisc_pkt *pkt, const uint8_t **addr, const uint8_t **mac)
{
	if (pkt->type == NDP_NA && pkt->has_target && pkt->has_tlla) {
		*addr = pkt->target;
		*mac = pkt->tlla;
		return true;
	}
	if ((pkt->type == NDP_NS || pkt->type == NDP_RA) && pkt->has_slla &&
	    pkt->has_src && !unspecified(pkt->src)) {
		*addr = pkt->src;
		*mac = pkt->slla;
		return true;
	}
	return false;
}

static const uint8_t *
link_src(packet_info *pinfo)
{
	return pinfo->dl_src.type == AT_ETHER && pinfo->dl_src.len == 6
	       ? (const uint8_t *)pinfo->dl_src.data : NULL;
}

/* First pass, NS: a DAD probe (from ::) or a solicitation waiting for its answer. */
static void
ns_pass(packet_info *pinfo, struct ndisc_pkt *pkt, struct anomaly_rec **an)
{
	uint32_t fnum = pinfo->num;
	struct ndisc_host *h;

	if (pkt->type != NDP_NS || !pkt->has_target)
		return;
	h = ndisc_table_add(ndisc_hosts, pkt->target, fnum);
	if (pkt->has_src && unspecified(pkt->src)) {
		const uint8_t *m = link_src(pinfo);

		if (h->has_dad && m && h->dad_has_mac && memcmp(h->dad_mac, m, 6) != 0) {
			anomaly(pinfo, an);
			(*an)->dad_kind = DAD_SECOND_PROBE;
			(*an)->dad_frame = h->dad_frame;
			memcpy((*an)->dad_mac, h->dad_mac, 6);
		}
		h->has_dad = 1;
		h->dad_frame = fnum;
		h->dad_secs = pinfo->abs_ts.secs;
		h->dad_has_mac = m != NULL;
		if (m)
			memcpy(h->dad_mac, m, 6);
	} else {
		h->has_ns = 1;
		h->ns_frame = fnum;
		h->ns_ts = pinfo->abs_ts;
		h->ns_answered = 0;
	}
}

/* First pass, NA: the answer to an NS, or a conflict with a DAD probe. */
static void
na_pass(packet_info *pinfo, struct ndisc_pkt *pkt, struct anomaly_rec **an,
	struct resp_rec **resp)
{
	uint32_t fnum = pinfo->num;
	struct ndisc_host *h;

	if (pkt->type != NDP_NA || !pkt->has_target ||
	    !(h = ndisc_table_find(ndisc_hosts, pkt->target)))
		return;
	if (h->has_ns && !h->ns_answered && (pkt->na_flags & 0x40000000) &&
	    h->ns_frame < fnum) {
		struct resp_rec *r = wmem_new(wmem_file_scope(), struct resp_rec);
		r->resp_to = h->ns_frame;
		nstime_delta(&r->resp_time, &pinfo->abs_ts, &h->ns_ts);
		p_add_proto_data(wmem_file_scope(), pinfo, proto_ndisc, 0, r);
		*resp = r;
		wmem_map_insert(ns_answered, GUINT_TO_POINTER(h->ns_frame),
				GUINT_TO_POINTER(fnum));
		h->ns_answered = 1;
	}
	if (h->has_dad && pinfo->abs_ts.secs - h->dad_secs <= DAD_WINDOW_SECS) {
		const uint8_t *m = pkt->has_tlla ? pkt->tlla : link_src(pinfo);
		/* the prober's own announcement is no conflict */
		if (!(m && h->dad_has_mac && memcmp(m, h->dad_mac, 6) == 0)) {
			anomaly(pinfo, an);
			(*an)->dad_kind = DAD_NA;
			(*an)->dad_frame = h->dad_frame;
			memcpy((*an)->dad_mac, h->dad_mac, 6);
		}
	}
}

/* First pass, an address claimed with a MAC that another MAC claimed before. */
static void
claim_pass(packet_info *pinfo, struct ndisc_pkt *pkt, struct anomaly_rec **an)
{
	const uint8_t *addr, *mac;
	struct ndisc_host *h;

	if (!claimed(pkt, &addr, &mac))
		return;
	h = ndisc_table_add(ndisc_hosts, addr, pinfo->num);
	if (!h->has_claim) {
		h->has_claim = 1;
		h->claim_frame = pinfo->num;
		memcpy(h->claim_mac, mac, 6);
	} else if (memcmp(h->claim_mac, mac, 6) != 0) {
		anomaly(pinfo, an);
		(*an)->dup = true;
		(*an)->dup_frame = h->claim_frame;
		memcpy((*an)->dup_addr, addr, 16);
		memcpy((*an)->dup_first_mac, h->claim_mac, 6);
		memcpy((*an)->dup_mac, mac, 6);
	}
}

/* First pass, RA: prefixes and MTU that another router advertised differently. */
static void
ra_pass(packet_info *pinfo, struct ndisc_pkt *pkt, struct anomaly_rec **an)
{
	uint32_t fnum = pinfo->num;
	unsigned i;

	if (pkt->type == NDP_RA && pkt->has_src) {
		for (i = 0; i < pkt->n_prefixes; i++) {
			const struct ndisc_prefix *p = &pkt->prefixes[i];
			uint8_t key[17];
			struct prefix_rec *pr;

			memcpy(key, p->addr, 16);
			key[16] = p->len;
			pr = ndisc_table_add(prefixes, key, fnum);
			if (!pr->frame) {
				pkt->new_prefixes++;    /* for the security analysis */
			} else if (memcmp(pr->router, pkt->src, 16) != 0) {
				if ((pr->valid != p->valid || pr->preferred != p->preferred) &&
				    (!*an || !(*an)->pfx_frame)) {
					anomaly(pinfo, an);
					(*an)->pfx_frame = pr->frame;
					(*an)->pfx_valid = pr->valid;
					(*an)->pfx_preferred = pr->preferred;
					memcpy((*an)->pfx_router, pr->router, 16);
					memcpy((*an)->pfx, p->addr, 16);
					(*an)->pfx_len = p->len;
				}
				continue;       /* keep the first router's values */
			}
			pr->frame = fnum;
			pr->valid = p->valid;
			pr->preferred = p->preferred;
			memcpy(pr->router, pkt->src, 16);
		}
		if (pkt->has_mtu) {
			if (!mtu_seen) {
				mtu_seen = wmem_new(wmem_file_scope(), struct router_mtu);
				memcpy(mtu_seen->router, pkt->src, 16);
				mtu_seen->mtu = pkt->mtu;
				mtu_seen->frame = fnum;
			} else if (memcmp(mtu_seen->router, pkt->src, 16) != 0) {
				if (mtu_seen->mtu != pkt->mtu) {
					anomaly(pinfo, an);
					(*an)->mtu_frame = mtu_seen->frame;
					(*an)->mtu_other = mtu_seen->mtu;
					memcpy((*an)->mtu_router, mtu_seen->router, 16);
				}
			} else {
				mtu_seen->mtu = pkt->mtu;
				mtu_seen->frame = fnum;
			}
		}
	}
}

/* First pass: update the state, record what this frame shows (and hand
 * it back: the first pass needs no proto data look-up). */
static void
first_pass(packet_info *pinfo, struct ndisc_pkt *pkt, struct anomaly_rec **an,
	   struct resp_rec **resp)
{
	ns_pass(pinfo, pkt, an);
	na_pass(pinfo, pkt, an, resp);
	claim_pass(pinfo, pkt, an);
	ra_pass(pinfo, pkt, an);
}

static proto_tree *
atree(tvbuff_t *tvb, proto_tree *tree, proto_tree **at)
{
	if (!*at)
		*at = proto_tree_add_subtree(tree, tvb, 0, 0, ett_analysis, NULL, "Analysis");
	return *at;
}

static void
analyze(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, struct ndisc_pkt *pkt)
{
	proto_tree *at = NULL;
	proto_item *ti;
	struct resp_rec *r = NULL;
	struct anomaly_rec *an = NULL;
	wmem_allocator_t *pool = pinfo->pool;
	bool visited = PINFO_FD_VISITED(pinfo);
	gpointer v;

	if (!visited) {
		first_pass(pinfo, pkt, &an, &r);
	} else {
		r = p_get_proto_data(wmem_file_scope(), pinfo, proto_ndisc, 0);
		an = p_get_proto_data(wmem_file_scope(), pinfo, proto_ndisc, 1);
	}

	if (pkt->type == NDP_NS && pkt->has_src && unspecified(pkt->src) && pkt->has_target)
		pkt->dad_probe = true;
	if (an) {
		pkt->dad_conflict = an->dad_kind != DAD_NONE;
		pkt->dup_addr = an->dup;
	}
	/* no tree and no expert tap (tshark without -V, -Y, -z expert): the
	 * flags above, for the security analysis and the stats, are all that
	 * is used */
	if (expert_tap < 0)
		expert_tap = find_tap_id("expert");
	if (!tree && !have_tap_listener(expert_tap))
		return;

	/* an NS is answered by a later frame: known on later passes only */
	if (visited && pkt->type == NDP_NS &&
	    (v = wmem_map_lookup(ns_answered, GUINT_TO_POINTER(pinfo->num))) != NULL) {
		ti = proto_tree_add_uint(atree(tvb, tree, &at), hf_resp_in, tvb, 0, 0,
					 GPOINTER_TO_UINT(v));
		proto_item_set_generated(ti);
	}
	if (r) {
		ti = proto_tree_add_uint(atree(tvb, tree, &at), hf_resp_to, tvb, 0, 0,
					 r->resp_to);
		proto_item_set_generated(ti);
		ti = proto_tree_add_time(at, hf_resp_time, tvb, 0, 0, &r->resp_time);
		proto_item_set_generated(ti);
	}

	if (pkt->dad_probe) {
		ti = proto_tree_add_boolean(atree(tvb, tree, &at), hf_dad, tvb, 0, 0, true);
		proto_item_set_generated(ti);
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_dad_probe, "DAD probe for %s",
				       ndisc_ip6_str(pool, pkt->target));
	}
	if (pkt->type == NDP_RA && pkt->router_lifetime == 0) {
		ti = proto_tree_add_boolean(atree(tvb, tree, &at), hf_not_default_router,
					    tvb, 0, 0, true);
		proto_item_set_generated(ti);
		expert_add_info(pinfo, ti, &ei_not_default_router);
	}

	if (!an)
		return;
	if (an->dad_kind != DAD_NONE) {
		ti = proto_tree_add_uint(atree(tvb, tree, &at), hf_dad_conflict, tvb, 0, 0,
					 an->dad_frame);
		proto_item_set_generated(ti);
		if (an->dad_kind == DAD_NA)
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_dad_conflict,
					       "DAD conflict: %s is already in use (probed in frame %u)",
					       ndisc_ip6_str(pool, pkt->target), an->dad_frame);
		else
			NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_dad_conflict,
					       "DAD conflict: %s probed by a second host (first probe from %s in frame %u)",
					       ndisc_ip6_str(pool, pkt->target),
					       ndisc_mac_str(pool, an->dad_mac), an->dad_frame);
	}
	if (an->dup) {
		proto_tree *dt;
		ti = proto_tree_add_ipv6(atree(tvb, tree, &at), hf_dup_addr, tvb, 0, 0,
					 (const ws_in6_addr *)an->dup_addr);
		proto_item_set_generated(ti);
		dt = proto_item_add_subtree(ti, ett_analysis);
		proto_item_set_generated(proto_tree_add_uint(dt, hf_dup_frame, tvb, 0, 0,
							     an->dup_frame));
		proto_item_set_generated(proto_tree_add_ether(dt, hf_dup_first_mac, tvb, 0, 0,
							      an->dup_first_mac));
		proto_item_set_generated(proto_tree_add_ether(dt, hf_dup_mac, tvb, 0, 0,
							      an->dup_mac));
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_dup_addr,
				       "Duplicate IPv6 address %s: claimed by %s, and by %s in frame %u",
				       ndisc_ip6_str(pool, an->dup_addr),
				       ndisc_mac_str(pool, an->dup_mac),
				       ndisc_mac_str(pool, an->dup_first_mac), an->dup_frame);
	}
	if (an->pfx_frame) {
		ti = proto_tree_add_uint(atree(tvb, tree, &at), hf_inconsistent_prefix, tvb,
					 0, 0, an->pfx_frame);
		proto_item_set_generated(ti);
		proto_item_set_generated(proto_tree_add_ipv6(at, hf_other_router, tvb, 0, 0,
							     (const ws_in6_addr *)an->pfx_router));
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_inconsistent_prefix,
				       "Prefix %s/%u: lifetimes differ from those %s advertised in frame %u (valid %u, preferred %u)",
				       ndisc_ip6_str(pool, an->pfx), an->pfx_len,
				       ndisc_ip6_str(pool, an->pfx_router), an->pfx_frame,
				       an->pfx_valid, an->pfx_preferred);
	}
	if (an->mtu_frame) {
		ti = proto_tree_add_uint(atree(tvb, tree, &at), hf_inconsistent_mtu, tvb, 0, 0,
					 an->mtu_frame);
		proto_item_set_generated(ti);
		proto_item_set_generated(proto_tree_add_ipv6(at, hf_other_router, tvb, 0, 0,
							     (const ws_in6_addr *)an->mtu_router));
		NDISC_EXPERT(pkt->expert_text, pinfo, ti, &ei_inconsistent_mtu,
				       "MTU %u differs from MTU %u advertised by %s in frame %u",
				       pkt->mtu, an->mtu_other,
				       ndisc_ip6_str(pool, an->mtu_router), an->mtu_frame);
	}
}

void
ndisc_analyze(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
	      struct ndisc_pkt *pkt)
{
	pkt->expert_text = ndisc_expert_text(tree);
	analyze(tvb, pinfo, tree, pkt);
	ndisc_security(tvb, pinfo, tree, pkt);
}

void
ndisc_analysis_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_resp_in, { "Response in", "ndisc.analysis.resp_in", FT_FRAMENUM,
				 BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0,
				 "The NA answering this NS", HFILL } },
		{ &hf_resp_to, { "Response to", "ndisc.analysis.resp_to", FT_FRAMENUM,
				 BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0,
				 "The NS this NA answers", HFILL } },
		{ &hf_resp_time, { "Response time", "ndisc.analysis.resp_time",
				   FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
				   "Time between the NS and this NA", HFILL } },
		{ &hf_dad, { "DAD probe", "ndisc.analysis.dad", FT_BOOLEAN, BASE_NONE,
			     NULL, 0, "NS from the unspecified address (RFC 4862 5.4)", HFILL } },
		{ &hf_dad_conflict, { "DAD conflict with probe in", "ndisc.analysis.dad_conflict",
				      FT_FRAMENUM, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_dup_addr, { "Duplicate address", "ndisc.analysis.duplicate_addr",
				  FT_IPv6, BASE_NONE, NULL, 0,
				  "Address claimed by two link-layer addresses", HFILL } },
		{ &hf_dup_frame, { "First claimed in", "ndisc.analysis.duplicate_addr.frame",
				   FT_FRAMENUM, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_dup_first_mac, { "First claimed by", "ndisc.analysis.duplicate_addr.first_mac",
				       FT_ETHER, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_dup_mac, { "Now claimed by", "ndisc.analysis.duplicate_addr.mac",
				 FT_ETHER, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_not_default_router, { "Not a default router",
					    "ndisc.analysis.not_default_router", FT_BOOLEAN,
					    BASE_NONE, NULL, 0, "Router lifetime 0", HFILL } },
		{ &hf_inconsistent_prefix, { "Prefix inconsistent with",
					     "ndisc.analysis.inconsistent_prefix", FT_FRAMENUM,
					     BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_inconsistent_mtu, { "MTU inconsistent with",
					  "ndisc.analysis.inconsistent_mtu", FT_FRAMENUM,
					  BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_other_router, { "Other router", "ndisc.analysis.other_router",
				      FT_IPv6, BASE_NONE, NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_analysis };
	static ei_register_info ei[] = {
		{ &ei_dad_probe, { "ndisc.analysis.dad.expert", PI_SEQUENCE, PI_CHAT,
				   "DAD probe", EXPFILL } },
		{ &ei_dad_conflict, { "ndisc.analysis.dad_conflict.expert", PI_SEQUENCE, PI_WARN,
				      "DAD conflict", EXPFILL } },
		{ &ei_dup_addr, { "ndisc.analysis.duplicate_addr.expert", PI_SEQUENCE, PI_WARN,
				  "Duplicate IPv6 address", EXPFILL } },
		{ &ei_not_default_router, { "ndisc.analysis.not_default_router.expert",
					    PI_SEQUENCE, PI_NOTE,
					    "Router lifetime 0: not a default router", EXPFILL } },
		{ &ei_inconsistent_prefix, { "ndisc.analysis.inconsistent_prefix.expert",
					     PI_SEQUENCE, PI_WARN,
					     "Routers advertise inconsistent prefix lifetimes",
					     EXPFILL } },
		{ &ei_inconsistent_mtu, { "ndisc.analysis.inconsistent_mtu.expert",
					  PI_SEQUENCE, PI_WARN,
					  "Routers advertise inconsistent MTUs", EXPFILL } },
	};
	expert_module_t *expert;

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));

	ndisc_hosts = ndisc_table_new(sizeof(struct ndisc_host), 16);
	prefixes = ndisc_table_new(sizeof(struct prefix_rec), 17);
	ns_answered = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
					     g_direct_hash, g_direct_equal);
	prefs_register_uint_preference(prefs_find_module("ndisc"), "state_limit",
				       "Addresses remembered per capture",
				       "Addresses, prefixes, routers and MACs the analysis keeps per "
				       "capture file (each; about 100 octets an address): at the "
				       "limit, the one seen longest ago among those sharing its "
				       "slot is forgotten, so a flood of new addresses costs bounded "
				       "memory and the hosts still talking stay known",
				       10, &ndisc_state_limit);
	register_init_routine(analysis_init);
	ndisc_security_register();
}
