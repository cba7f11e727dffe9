/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp --manifest: one JSON object per packet whose keys are the
 * ndisc dissector's display-filter fields (naming rules in codec/ndp.h) and
 * whose values are printed the way tshark -T fields prints them. */
#include <stdio.h>
#include <string.h>

#include "manifest.h"
#include "ndp_gen.h"

struct mfk {
	struct manifest *mf;
	char key[96];
	const char *stem;
	const uint8_t *wire;            /* the option as written */
	size_t wire_len;
};

static const char *K(struct mfk *k, const char *member)
{
	snprintf(k->key, sizeof(k->key), "ndisc.opt.%s.%s", k->stem, member);
	return k->key;
}

static void u(struct mfk *k, const char *member, uint64_t v)
{
	manifest_uint(k->mf, K(k, member), v);
}

static void b(struct mfk *k, const char *member, int v)
{
	manifest_bool(k->mf, K(k, member), v);
}

static void a6(struct mfk *k, const char *member, const uint8_t *a)
{
	manifest_ipv6(k->mf, K(k, member), a);
}

static void hx(struct mfk *k, const char *member, struct ndp_bytes v)
{
	if (v.len)
		manifest_hex(k->mf, K(k, member), v.data, v.len);
}

/* The rest of the option from octet off (padding included), as bytes. */
static void tail(struct mfk *k, const char *member, size_t off)
{
	if (k->wire_len > off)
		manifest_hex(k->mf, K(k, member), k->wire + off, k->wire_len - off);
}

/* Length of the DER SEQUENCE at p (X.690 8.1.3, definite form, at most 4
 * length octets), header included, or 0 when it is not one or overruns. */
static size_t der_len(const uint8_t *p, size_t n)
{
	size_t len = 0, hdr = 2;

	if (n < 2 || p[0] != 0x30)
		return 0;
	if (p[1] & 0x80) {
		size_t m = p[1] & 0x7f;

		if (m == 0 || m > 4 || n < 2 + m)
			return 0;
		for (size_t i = 0; i < m; i++)
			len = len << 8 | p[2 + i];
		hdr += m;
	} else {
		len = p[1];
	}
	return len <= n - hdr ? hdr + len : 0;
}

static void addrs(struct mfk *k, const char *member, struct ndp_bytes v)
{
	for (size_t i = 0; i < ndp_addr_count(v); i++)
		a6(k, member, ndp_addr_at(v, i));
}

/* DNS wire names as dotted text, one occurrence each. */
static void names(struct mfk *k, const char *member, struct ndp_bytes v)
{
	size_t off = 0;
	char name[300];

	while (ndp_dns_name_decode(v.data, v.len, &off, name, sizeof(name)) == 0)
		manifest_str(k->mf, K(k, member), name);
}

static void opt_fields(struct mfk *k, const struct ndp_opt *o)
{
	switch (o->type) {
	case NDP_OPT_SLLA:
	case NDP_OPT_TLLA:
		if (o->u.lla.addr.len == 6)
			manifest_ether(k->mf, K(k, "addr"), o->u.lla.addr.data);
		else
			tail(k, "addr.raw", 2);
		break;
	case NDP_OPT_PREFIX: {
		const struct ndp_opt_prefix *p = &o->u.prefix;

		u(k, "len", p->len);
		b(k, "flag.l", p->flag_l);
		b(k, "flag.a", p->flag_a);
		b(k, "flag.r", p->flag_r);
		b(k, "flag.p", p->flag_p);
		u(k, "valid", p->valid);
		u(k, "preferred", p->preferred);
		a6(k, "prefix", p->prefix);
		break;
	}
	case NDP_OPT_REDIRECTED:
		hx(k, "data", o->u.redirected.data);
		break;
	case NDP_OPT_MTU:
		manifest_uint(k->mf, "ndisc.opt.mtu", o->u.mtu.mtu);
		break;
	case NDP_OPT_NBMA:
		u(k, "limit", o->u.nbma.limit);
		break;
	case NDP_OPT_ADV_INTERVAL:
		u(k, "interval", o->u.adv_interval.interval);
		break;
	case NDP_OPT_HA_INFO:
		manifest_fmt(k->mf, K(k, "preference"), "%d", o->u.ha_info.preference);
		u(k, "lifetime", o->u.ha_info.lifetime);
		break;
	case NDP_OPT_SRC_ADDR_LIST:
	case NDP_OPT_TGT_ADDR_LIST:
		addrs(k, "addr", o->u.addr_list.addrs);
		break;
	case NDP_OPT_CGA:
		u(k, "pad_len", o->u.cga.pad_len);
		hx(k, "params", o->u.cga.params);
		break;
	case NDP_OPT_RSA_SIG:
	case NDP_OPT_PROXY_SIG: {
		struct ndp_bytes kh = { o->u.signature.key_hash, 16 };

		hx(k, "key_hash", kh);
		tail(k, "signature", 20);
		break;
	}
	case NDP_OPT_TIMESTAMP:
		u(k, "timestamp", o->u.timestamp.timestamp);
		break;
	case NDP_OPT_NONCE:
		hx(k, "nonce", o->u.nonce.nonce);
		break;
	case NDP_OPT_TRUST_ANCHOR:
		u(k, "name_type", o->u.trust_anchor.name_type);
		u(k, "pad_len", o->u.trust_anchor.pad_len);
		hx(k, "name", o->u.trust_anchor.name);
		if (o->u.trust_anchor.name_type == 2) {       /* FQDN (RFC 3971 6.4.3) */
			size_t off = 0;
			char name[300];

			if (ndp_dns_name_decode(o->u.trust_anchor.name.data, o->u.trust_anchor.name.len,
						&off, name, sizeof(name)) == 0)
				manifest_str(k->mf, K(k, "fqdn"), name);
		}
		break;
	case NDP_OPT_CERTIFICATE: {
		/* the certificate is one DER element; what follows is padding */
		size_t n = k->wire_len > 4 ? der_len(k->wire + 4, k->wire_len - 4) : 0;

		u(k, "cert_type", o->u.certificate.cert_type);
		if (!n) {
			tail(k, "cert", 4);
			break;
		}
		manifest_hex(k->mf, K(k, "cert"), k->wire + 4, n);
		if (k->wire_len > 4 + n)
			manifest_hex(k->mf, K(k, "padding"), k->wire + 4 + n, k->wire_len - 4 - n);
		break;
	}
	case NDP_OPT_IP_ADDR:
	case NDP_OPT_NEW_ROUTER_PREFIX:
		u(k, "code", o->u.ip_addr.code);
		u(k, "prefix_len", o->u.ip_addr.prefix_len);
		a6(k, "addr", o->u.ip_addr.addr);
		break;
	case NDP_OPT_LLA:
		u(k, "code", o->u.fmip_lla.code);
		tail(k, "lla", 3);
		break;
	case NDP_OPT_NAACK:
		u(k, "code", o->u.naack.code);
		u(k, "status", o->u.naack.status);
		hx(k, "rest", o->u.naack.rest);
		break;
	case NDP_OPT_PVD_ID: {
		const struct ndp_opt_pvd_id *p = &o->u.pvd_id;

		b(k, "flag.h", p->flag_h);
		b(k, "flag.l", p->flag_l);
		b(k, "flag.r", p->flag_r);
		u(k, "delay", p->delay);
		u(k, "seq", p->seq);
		names(k, "fqdn", p->fqdn);
		if (p->flag_r) {
			u(k, "ra_type", p->ra_type);
			u(k, "ra_code", p->ra_code);
			u(k, "ra.cur_hop_limit", p->ra.cur_hop_limit);
			b(k, "ra.flag.m", p->ra.flag_m);
			b(k, "ra.flag.o", p->ra.flag_o);
			b(k, "ra.flag.h", p->ra.flag_h);
			u(k, "ra.prf", p->ra.prf);
			b(k, "ra.flag.p", p->ra.flag_p);
			u(k, "ra.router_lifetime", p->ra.router_lifetime);
			u(k, "ra.reachable", p->ra.reachable);
			u(k, "ra.retrans", p->ra.retrans);
		}
		break;
	}
	case NDP_OPT_MAP:
		u(k, "dist", o->u.map.dist);
		u(k, "pref", o->u.map.pref);
		b(k, "flag.r", o->u.map.flag_r);
		u(k, "valid", o->u.map.valid);
		a6(k, "addr", o->u.map.addr);
		break;
	case NDP_OPT_ROUTE:
		u(k, "len", o->u.route.len);
		u(k, "prf", o->u.route.prf);
		u(k, "lifetime", o->u.route.lifetime);
		a6(k, "prefix", o->u.route.prefix);
		break;
	case NDP_OPT_RDNSS:
		u(k, "lifetime", o->u.rdnss.lifetime);
		addrs(k, "addr", o->u.rdnss.addrs);
		break;
	case NDP_OPT_RA_FLAGS_EXT:
		u(k, "flags", o->u.ra_flags_ext.flags);
		break;
	case NDP_OPT_HKR:
		u(k, "pad_len", o->u.hkr.pad_len);
		u(k, "at", o->u.hkr.at);
		hx(k, "key", o->u.hkr.key);
		break;
	case NDP_OPT_HKREP:
		u(k, "pad_len", o->u.hkrep.pad_len);
		u(k, "at", o->u.hkrep.at);
		u(k, "lifetime", o->u.hkrep.lifetime);
		hx(k, "key", o->u.hkrep.key);
		break;
	case NDP_OPT_HAI:
	case NDP_OPT_MN_ID:
		u(k, "code", o->u.hai.code);
		u(k, "value_len", o->u.hai.value.len);
		hx(k, "value", o->u.hai.value);
		break;
	case NDP_OPT_DNSSL:
		u(k, "lifetime", o->u.dnssl.lifetime);
		names(k, "name", o->u.dnssl.names);
		break;
	case NDP_OPT_EARO:
		u(k, "status", o->u.earo.status);
		u(k, "opaque", o->u.earo.opaque);
		u(k, "i", o->u.earo.i);
		b(k, "flag.c", o->u.earo.flag_c);
		u(k, "p", o->u.earo.p);
		b(k, "flag.r", o->u.earo.flag_r);
		b(k, "flag.t", o->u.earo.flag_t);
		u(k, "tid", o->u.earo.tid);
		u(k, "lifetime", o->u.earo.lifetime);
		hx(k, "rovr", o->u.earo.rovr);
		break;
	case NDP_OPT_6LOWPAN_CTX:
		u(k, "context_len", o->u.lowpan_ctx.context_len);
		b(k, "flag.c", o->u.lowpan_ctx.flag_c);
		u(k, "cid", o->u.lowpan_ctx.cid);
		u(k, "lifetime", o->u.lowpan_ctx.lifetime);
		a6(k, "prefix", o->u.lowpan_ctx.prefix);
		break;
	case NDP_OPT_ABRO:
		u(k, "version_low", o->u.abro.version_low);
		u(k, "version_high", o->u.abro.version_high);
		u(k, "lifetime", o->u.abro.lifetime);
		a6(k, "addr", o->u.abro.addr);
		break;
	case NDP_OPT_6CIO:
		u(k, "flags", o->u.cio.flags);
		b(k, "flag.g", !!(o->u.cio.flags & NDP_6CIO_G));
		b(k, "flag.e", !!(o->u.cio.flags & NDP_6CIO_E));
		b(k, "flag.p", !!(o->u.cio.flags & NDP_6CIO_P));
		b(k, "flag.b", !!(o->u.cio.flags & NDP_6CIO_B));
		b(k, "flag.l", !!(o->u.cio.flags & NDP_6CIO_L));
		b(k, "flag.d", !!(o->u.cio.flags & NDP_6CIO_D));
		break;
	case NDP_OPT_CAPTIVE_PORTAL: {
		char uri[2048];
		size_t n = o->u.captive_portal.uri.len < sizeof(uri) - 1 ?
			   o->u.captive_portal.uri.len : sizeof(uri) - 1;

		memcpy(uri, o->u.captive_portal.uri.data, n);
		uri[n] = '\0';
		manifest_str(k->mf, K(k, "uri"), uri);
		break;
	}
	case NDP_OPT_PREF64:
		u(k, "lifetime", o->u.pref64.lifetime);
		u(k, "plc", o->u.pref64.plc);
		a6(k, "prefix", o->u.pref64.prefix);
		break;
	case NDP_OPT_CIPO:
		u(k, "key_len", o->u.cipo.key_len);
		u(k, "crypto_type", o->u.cipo.crypto_type);
		hx(k, "key", o->u.cipo.key);
		break;
	case NDP_OPT_NDP_SIG:
		u(k, "pad_len", o->u.ndp_sig.pad_len);
		hx(k, "signature", o->u.ndp_sig.signature);
		break;
	case NDP_OPT_RD_ADDR:
		u(k, "lifetime", o->u.rd_addr.lifetime);
		a6(k, "addr", o->u.rd_addr.addr);
		break;
	case NDP_OPT_UPTIME:
		u(k, "exponent", o->u.uptime.exponent);
		u(k, "uptime", o->u.uptime.uptime);
		break;
	case NDP_OPT_CARD_REQ:
	case NDP_OPT_CARD_REP:
		/* the body runs to the end of the option, padding included */
		if (k->wire_len > 4)
			manifest_hex(k->mf, K(k, "body"), k->wire + 4, k->wire_len - 4);
		break;
	case NDP_OPT_ENCRYPTED_DNS: {
		const struct ndp_opt_encrypted_dns *e = &o->u.encrypted_dns;

		u(k, "priority", e->priority);
		u(k, "lifetime", e->lifetime);
		u(k, "adn_len", e->adn_len);
		names(k, "adn", e->adn);
		u(k, "addrs_len", e->addrs_len);
		addrs(k, "addr", e->addrs);
		u(k, "svcparams_len", e->svcparams_len);
		hx(k, "svcparams", e->svcparams);
		break;
	}
	case NDP_OPT_EXP1:
	case NDP_OPT_EXP2:
		tail(k, "data", 2);
		break;
	default:
		break;
	}
}

static void header_fields(struct manifest *mf, const struct ndp_msg *msg)
{
	switch (msg->type) {
	case NDP_RA: {
		const struct ndp_ra *ra = &msg->h.ra;

		manifest_uint(mf, "ndisc.ra.cur_hop_limit", ra->cur_hop_limit);
		manifest_bool(mf, "ndisc.ra.flag.m", ra->flag_m);
		manifest_bool(mf, "ndisc.ra.flag.o", ra->flag_o);
		manifest_bool(mf, "ndisc.ra.flag.h", ra->flag_h);
		manifest_uint(mf, "ndisc.ra.prf", ra->prf);
		manifest_bool(mf, "ndisc.ra.flag.p", ra->flag_p);
		manifest_uint(mf, "ndisc.ra.router_lifetime", ra->router_lifetime);
		manifest_uint(mf, "ndisc.ra.reachable", ra->reachable);
		manifest_uint(mf, "ndisc.ra.retrans", ra->retrans);
		break;
	}
	case NDP_NS:
		manifest_ipv6(mf, "ndisc.ns.target", msg->h.ns.target);
		break;
	case NDP_NA:
		manifest_bool(mf, "ndisc.na.flag.r", msg->h.na.flag_r);
		manifest_bool(mf, "ndisc.na.flag.s", msg->h.na.flag_s);
		manifest_bool(mf, "ndisc.na.flag.o", msg->h.na.flag_o);
		manifest_ipv6(mf, "ndisc.na.target", msg->h.na.target);
		break;
	case NDP_REDIRECT:
		manifest_ipv6(mf, "ndisc.redirect.target", msg->h.redirect.target);
		manifest_ipv6(mf, "ndisc.redirect.destination", msg->h.redirect.destination);
		break;
	case NDP_CPS:
		manifest_uint(mf, "ndisc.cps.identifier", msg->h.cps.identifier);
		manifest_uint(mf, "ndisc.cps.component", msg->h.cps.component);
		break;
	case NDP_CPA:
		manifest_uint(mf, "ndisc.cpa.identifier", msg->h.cpa.identifier);
		manifest_uint(mf, "ndisc.cpa.all_components", msg->h.cpa.all_components);
		manifest_uint(mf, "ndisc.cpa.component", msg->h.cpa.component);
		break;
	default:
		break;
	}
}

void ndpg_manifest(struct manifest *mf, const struct ndpg_msg *m,
		   const uint8_t *icmp, size_t len)
{
	struct mfk k = { .mf = mf };

	manifest_begin(mf);
	manifest_ipv6(mf, "ipv6.src", m->src);
	manifest_ipv6(mf, "ipv6.dst", m->dst);
	manifest_uint(mf, "ipv6.hlim", (uint64_t)m->hop_limit);
	manifest_uint(mf, "ndisc.type", m->msg.type);
	manifest_uint(mf, "ndisc.code", m->msg.code);
	if (len >= 4) {
		manifest_fmt(mf, "ndisc.checksum", "0x%02x%02x", icmp[2], icmp[3]);
		/* tshark's checksum status: 1 good, 0 bad */
		manifest_uint(mf, "ndisc.checksum.status", m->bad_checksum ? 0 : 1);
	}
	header_fields(mf, &m->msg);
	/* Type and length as on the wire (after --opt-len), at the spans the
	 * encoder recorded; a patched length may not be walkable, so the
	 * spans, not the length octets, say where each option is. */
	for (size_t i = 0; i < m->msg.n_opts; i++) {
		const struct ndp_opt *o = &m->msg.opts[i];
		const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);
		size_t off = m->span[i].off, ol = m->span[i].len;

		if (off + 2 > len)
			break;
		manifest_uint(mf, "ndisc.opt.type", icmp[off]);
		manifest_uint(mf, "ndisc.opt.len", icmp[off + 1]);
		k.wire = icmp + off;
		k.wire_len = off + ol <= len ? ol : len - off;
		if (d && !o->err && !o->raw) {
			k.stem = d->stem;
			opt_fields(&k, o);
		} else if (!d && k.wire_len > 2) {
			/* a type the table does not know: its body as data */
			manifest_hex(mf, "ndisc.opt.data", k.wire + 2, k.wire_len - 2);
		}
	}
	manifest_end(mf);
}
