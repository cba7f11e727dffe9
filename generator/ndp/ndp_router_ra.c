/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp router: a radvd.conf interface block as a Router
 * Advertisement (RFC 4861 4.2) with Prefix Information (4.6.2), Route
 * Information (RFC 4191 2.3), RDNSS and DNSSL (RFC 8106 5), MTU (4.6.4),
 * source LLA (4.6.1), advertisement interval and home agent information
 * (RFC 6275 7.3, 7.4), ABRO (RFC 6775 4.3), PREF64 (RFC 8781 4) and the
 * captive portal URI (RFC 8910 2.3), built by the codec. */
#include <errno.h>
#include <string.h>

#include "ndp_router.h"
#include "sockgen.h"

#define HA_FLAG_MOBILE_ROUTER 0x8000    /* RFC 3963 7.1: R bit of the reserved field */
#define DEPRECATED_VALID 7200           /* s, RFC 4862 5.5.3 e): two hours */

static struct ndp_opt *add(struct ndpg_msg *m, uint8_t type)
{
	struct ndp_opt *o;

	if (m->msg.n_opts >= NDP_MAX_OPTS)
		return NULL;
	o = &m->msg.opts[m->msg.n_opts++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	return o;
}

/* Bytes copied into the message's arena, or NULL when it is full. */
static const uint8_t *keep(struct ndpg_msg *m, const void *p, size_t n)
{
	uint8_t *d = ndpg_alloc(m, n);

	if (d)
		memcpy(d, p, n);
	return d;
}

static int add_prefixes(struct ndpg_msg *m, const struct radvconf_iface *f, bool final)
{
	for (size_t i = 0; i < f->n_prefix; i++) {
		const struct radvconf_prefix *p = &f->prefix[i];
		struct ndp_opt *o = add(m, NDP_OPT_PREFIX);

		if (!o)
			return -E2BIG;
		o->u.prefix.len = p->len;
		o->u.prefix.flag_l = p->on_link;
		o->u.prefix.flag_a = p->autonomous;
		o->u.prefix.flag_r = p->router_addr;
		o->u.prefix.valid = p->valid;
		o->u.prefix.preferred = p->preferred;
		if (final && p->deprecate) {
			/* radvd's DeprecatePrefix: preferred 0, valid at most
			 * the 2 hours hosts keep anyway (RFC 4862 5.5.3 e) */
			o->u.prefix.preferred = 0;
			if (p->valid > DEPRECATED_VALID)
				o->u.prefix.valid = DEPRECATED_VALID;
		}
		memcpy(o->u.prefix.prefix, p->addr, 16);
	}
	for (size_t i = 0; i < f->n_route; i++) {
		const struct radvconf_route *r = &f->route[i];
		struct ndp_opt *o = add(m, NDP_OPT_ROUTE);

		if (!o)
			return -E2BIG;
		/* the whole prefix field whatever the length, as radvd sends
		 * it (RFC 4191 2.3 allows 3 units for any prefix length) */
		o->len = 3;
		o->u.route.len = r->len;
		o->u.route.prf = r->prf;
		o->u.route.lifetime = final && r->remove ? 0 : r->lifetime;
		memcpy(o->u.route.prefix, r->addr, 16);
	}
	return 0;
}

static int add_dns(struct ndpg_msg *m, const struct radvconf_iface *f, bool final)
{
	uint8_t wire[RADVCONF_MAX_NAMES * 256];

	for (size_t i = 0; i < f->n_rdnss; i++) {
		const struct radvconf_rdnss *r = &f->rdnss[i];
		struct ndp_opt *o = add(m, NDP_OPT_RDNSS);

		if (!o || !(o->u.rdnss.addrs.data = keep(m, r->addrs, r->n * 16)))
			return -E2BIG;
		o->u.rdnss.addrs.len = r->n * 16;
		o->u.rdnss.lifetime = final && r->flush ? 0 : r->lifetime;
	}
	for (size_t i = 0; i < f->n_dnssl; i++) {
		const struct radvconf_dnssl *d = &f->dnssl[i];
		struct ndp_opt *o = add(m, NDP_OPT_DNSSL);
		size_t len = 0, n;

		if (!o)
			return -E2BIG;
		for (size_t k = 0; k < d->n; k++) {
			if (ndp_dns_name_encode(d->names[k], wire + len, sizeof(wire) - len, &n) < 0)
				return -EINVAL;
			len += n;
		}
		if (!(o->u.dnssl.names.data = keep(m, wire, len)))
			return -E2BIG;
		o->u.dnssl.names.len = len;
		o->u.dnssl.lifetime = final && d->flush ? 0 : d->lifetime;
	}
	return 0;
}

static uint8_t pref64_plc(uint8_t len)
{
	static const uint8_t lens[] = { 96, 64, 56, 48, 40, 32 };   /* RFC 8781 4 */

	for (uint8_t i = 0; i < sizeof(lens); i++)
		if (lens[i] == len)
			return i;
	return 0;
}

/* MTU, source LLA, interval, home agent, ABRO, PREF64, captive portal. */
static int add_link(struct ndpg_msg *m, const struct radvconf_iface *f, const uint8_t mac[6])
{
	struct ndp_opt *o;

	if (f->mtu && (o = add(m, NDP_OPT_MTU)))
		o->u.mtu.mtu = f->mtu;
	if (f->source_lla && (o = add(m, NDP_OPT_SLLA))) {
		if (!(o->u.lla.addr.data = keep(m, mac, 6)))
			return -E2BIG;
		o->u.lla.addr.len = 6;
		m->have_slla = true;
	}
	if (f->interval_opt && (o = add(m, NDP_OPT_ADV_INTERVAL)))
		o->u.adv_interval.interval = (uint32_t)(f->max_interval * 1000 + 0.5);
	if (f->ha_info && (o = add(m, NDP_OPT_HA_INFO))) {
		o->u.ha_info.reserved = f->mob_rtr ? HA_FLAG_MOBILE_ROUTER : 0;
		o->u.ha_info.preference = (int16_t)f->ha_preference;
		o->u.ha_info.lifetime = (uint16_t)f->ha_lifetime;
	}
	if (f->have_abro && (o = add(m, NDP_OPT_ABRO))) {
		o->u.abro.version_low = (uint16_t)f->abro.version_low;
		o->u.abro.version_high = (uint16_t)f->abro.version_high;
		o->u.abro.lifetime = (uint16_t)f->abro.lifetime;
		memcpy(o->u.abro.addr, f->abro.addr, 16);
	}
	for (size_t i = 0; i < f->n_nat64; i++) {
		if (!(o = add(m, NDP_OPT_PREF64)))
			return -E2BIG;
		o->u.pref64.lifetime = (uint16_t)((f->nat64[i].lifetime + 7) / 8);
		o->u.pref64.plc = pref64_plc(f->nat64[i].len);
		memcpy(o->u.pref64.prefix, f->nat64[i].addr, 16);
	}
	if (*f->captive_portal && (o = add(m, NDP_OPT_CAPTIVE_PORTAL))) {
		size_t n = strlen(f->captive_portal);

		if (!(o->u.captive_portal.uri.data = keep(m, f->captive_portal, n)))
			return -E2BIG;
		o->u.captive_portal.uri.len = n;
	}
	return m->msg.n_opts >= NDP_MAX_OPTS ? -E2BIG : 0;
}

int ndpg_router_ra(struct ndpg_msg *m, const char *ctx, const struct radvconf_iface *f,
		   const struct ndpg_link *link, bool final)
{
	struct ndp_ra *ra;
	int r;

	if (ndpg_msg_init(m, ndpg_verb_find("ra")) < 0)
		return sg_fail(ctx, "%s", strerror(ENOMEM));
	snprintf(m->ctx, sizeof(m->ctx), "%s", ctx);
	ra = &m->msg.h.ra;
	ra->cur_hop_limit = (uint8_t)f->cur_hop_limit;
	ra->flag_m = f->flag_m;
	ra->flag_o = f->flag_o;
	ra->flag_h = f->flag_h;
	ra->prf = f->prf;
	ra->router_lifetime = final ? 0 : (uint16_t)f->default_lifetime;
	ra->reachable = f->reachable;
	ra->retrans = f->retrans;
	m->no_slla = !f->source_lla;
	if ((r = add_prefixes(m, f, final)) || (r = add_dns(m, f, final)) ||
	    (r = add_link(m, f, link->mac)))
		return sg_usage(ctx, "interface %s: %s", f->name, r == -E2BIG ?
				"too many options for one Router Advertisement" : strerror(-r));
	return ndpg_msg_finish(m, link);
}
