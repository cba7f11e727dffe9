/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A received Router Advertisement (RFC 4861 4.2) as a radvd.conf(5)
 * "interface IF { ... };" block that radvd --configtest accepts: header
 * fields, Prefix Information, Route Information (RFC 4191), RDNSS and DNSSL
 * (RFC 8106), MTU, source link-layer address, advertisement interval and
 * home agent information (RFC 6275), ABRO (RFC 6775); what radvd.conf
 * cannot say (or radvd would refuse) is kept as a comment with the reason. */
#include <string.h>

#include "ndp_radvd.h"
#include "ndp_show.h"

#define INFINITE32 0xffffffffu
/* radvd.conf(5) limits radvd --configtest holds the values to */
#define RADVD_MAX_INTERVAL_DEFAULT 600
#define RADVD_MAX_INTERVAL_MIN 4
#define RADVD_MAX_INTERVAL_MAX 1800
#define RADVD_MAX_DEFAULT_LIFETIME 9000
#define RADVD_MAX_REACHABLE 3600000
#define IPV6_MIN_MTU 1280               /* RFC 8200 5 */

static const char *on(bool v)
{
	return v ? "on" : "off";
}

static void lifetime(FILE *f, const char *key, uint32_t v)
{
	if (v == INFINITE32)
		fprintf(f, "\t\t%s infinity;\n", key);
	else
		fprintf(f, "\t\t%s %u;\n", key, v);
}

static const struct ndp_opt *find(const struct ndp_msg *msg, uint8_t type)
{
	for (size_t i = 0; i < msg->n_opts; i++)
		if (msg->opts[i].type == type && !msg->opts[i].err)
			return &msg->opts[i];
	return NULL;
}

/* MaxRtrAdvInterval: the advertised interval (RFC 6275 7.3) when there is
 * one, else radvd's default lowered to the router lifetime, which radvd
 * wants at least as long (RFC 4861 6.2.1); 0 when none fits. */
static double max_interval(const struct ndp_msg *msg)
{
	const struct ndp_opt *ai = find(msg, NDP_OPT_ADV_INTERVAL);
	unsigned lt = msg->h.ra.router_lifetime;
	double max = ai ? ai->u.adv_interval.interval / 1000.0 : RADVD_MAX_INTERVAL_DEFAULT;

	if (!ai && lt && lt < max)
		max = lt;
	if (max < RADVD_MAX_INTERVAL_MIN || max > RADVD_MAX_INTERVAL_MAX ||
	    (lt && lt < max))
		return 0;
	return max;
}

static void header(FILE *f, const struct ndp_msg *msg)
{
	const struct ndp_ra *ra = &msg->h.ra;
	const struct ndp_opt *mtu = find(msg, NDP_OPT_MTU);
	double max = max_interval(msg);

	fprintf(f, "\tAdvSendAdvert on;\n");
	if (max)
		fprintf(f, "\tMaxRtrAdvInterval %g;\n", max);
	else
		fprintf(f, "\t# MaxRtrAdvInterval: none of 4..1800 s fits the advertised interval "
			"and router lifetime %u\n", ra->router_lifetime);
	fprintf(f, "\tAdvManagedFlag %s;\n\tAdvOtherConfigFlag %s;\n\tAdvHomeAgentFlag %s;\n",
		on(ra->flag_m), on(ra->flag_o), on(ra->flag_h));
	if (ra->prf == 2)
		fprintf(f, "\t# AdvDefaultPreference: reserved value 2 (RFC 4191 2.2)\n");
	else
		fprintf(f, "\tAdvDefaultPreference %s;\n", ndpg_prf_name(ra->prf));
	fprintf(f, "\tAdvCurHopLimit %u;\n", ra->cur_hop_limit);
	if (max && ra->router_lifetime <= RADVD_MAX_DEFAULT_LIFETIME)
		fprintf(f, "\tAdvDefaultLifetime %u;\n", ra->router_lifetime);
	else
		fprintf(f, "\t# AdvDefaultLifetime %u: radvd takes 0 or MaxRtrAdvInterval..9000\n",
			ra->router_lifetime);
	if (ra->reachable <= RADVD_MAX_REACHABLE)
		fprintf(f, "\tAdvReachableTime %u;\n", ra->reachable);
	else
		fprintf(f, "\t# AdvReachableTime %u: radvd takes at most 3600000\n", ra->reachable);
	fprintf(f, "\tAdvRetransTimer %u;\n", ra->retrans);
	if (mtu && mtu->u.mtu.mtu >= IPV6_MIN_MTU)
		fprintf(f, "\tAdvLinkMTU %u;\n", mtu->u.mtu.mtu);
	else if (mtu)
		fprintf(f, "\t# AdvLinkMTU %u: below the IPv6 minimum of 1280\n", mtu->u.mtu.mtu);
	fprintf(f, "\tAdvSourceLLAddress %s;\n", on(find(msg, NDP_OPT_SLLA) != NULL));
	fprintf(f, "\tAdvIntervalOpt %s;\n", on(find(msg, NDP_OPT_ADV_INTERVAL) != NULL));
}

static void prefix(FILE *f, const struct ndp_opt_prefix *p)
{
	char a[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(p->prefix, a);
	if (p->preferred > p->valid) {
		fprintf(f, "\t# prefix %s/%u: preferred lifetime %u above the valid %u "
			"(RFC 4861 6.2.1; radvd refuses it)\n", a, p->len, p->preferred, p->valid);
		return;
	}
	fprintf(f, "\n\tprefix %s/%u\n\t{\n", a, p->len);
	fprintf(f, "\t\tAdvOnLink %s;\n\t\tAdvAutonomous %s;\n\t\tAdvRouterAddr %s;\n",
		on(p->flag_l), on(p->flag_a), on(p->flag_r));
	lifetime(f, "AdvValidLifetime", p->valid);
	lifetime(f, "AdvPreferredLifetime", p->preferred);
	if (p->flag_p)
		fprintf(f, "\t\t# P flag (RFC 9762): not in radvd.conf\n");
	fprintf(f, "\t};\n");
}

static void route(FILE *f, const struct ndp_opt_route *r)
{
	char a[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(r->prefix, a);
	if (r->prf == 2) {
		fprintf(f, "\t# route %s/%u: reserved preference 2 (RFC 4191 2.3)\n", a, r->len);
		return;
	}
	fprintf(f, "\n\troute %s/%u\n\t{\n\t\tAdvRoutePreference %s;\n", a, r->len,
		ndpg_prf_name(r->prf));
	lifetime(f, "AdvRouteLifetime", r->lifetime);
	fprintf(f, "\t};\n");
}

static void dns(FILE *f, const struct ndp_opt *o)
{
	char a[NDP_IP6_TEXT_LEN], name[300];
	size_t off = 0;

	if (o->type == NDP_OPT_RDNSS) {
		fprintf(f, "\n\tRDNSS");
		for (size_t i = 0; i < ndp_addr_count(o->u.rdnss.addrs); i++) {
			ndp_ip6_text(ndp_addr_at(o->u.rdnss.addrs, i), a);
			fprintf(f, " %s", a);
		}
		fprintf(f, "\n\t{\n");
		lifetime(f, "AdvRDNSSLifetime", o->u.rdnss.lifetime);
	} else {
		fprintf(f, "\n\tDNSSL");
		while (ndp_dns_name_decode(o->u.dnssl.names.data, o->u.dnssl.names.len, &off,
					   name, sizeof(name)) == 0)
			fprintf(f, " %s", name);
		fprintf(f, "\n\t{\n");
		lifetime(f, "AdvDNSSLLifetime", o->u.dnssl.lifetime);
	}
	fprintf(f, "\t};\n");
}

static void abro(FILE *f, const struct ndp_opt_abro *b)
{
	char a[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(b->addr, a);
	fprintf(f, "\n\tabro %s\n\t{\n\t\tAdvVersionLow %u;\n\t\tAdvVersionHigh %u;\n"
		"\t\tAdvValidLifeTime %u;\n\t};\n", a, b->version_low, b->version_high, b->lifetime);
}

/* The options in the order received; those that are header settings of
 * radvd.conf (MTU, SLLA, interval, home agent) were written already. */
static void options(FILE *f, const struct ndp_msg *msg)
{
	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_opt *o = &msg->opts[i];
		const struct ndp_opt_desc *d = ndp_opt_desc_get(o->type);

		if (o->err) {
			fprintf(f, "\t# option %u: malformed, left out\n", o->type);
			continue;
		}
		switch (o->type) {
		case NDP_OPT_PREFIX: prefix(f, &o->u.prefix); break;
		case NDP_OPT_ROUTE: route(f, &o->u.route); break;
		case NDP_OPT_RDNSS:
		case NDP_OPT_DNSSL: dns(f, o); break;
		case NDP_OPT_ABRO: abro(f, &o->u.abro); break;
		case NDP_OPT_SLLA: case NDP_OPT_MTU: case NDP_OPT_ADV_INTERVAL:
		case NDP_OPT_HA_INFO:
			break;
		default:
			fprintf(f, "\t# %s (option %u): not in radvd.conf\n",
				d ? d->name : "unknown option", o->type);
			break;
		}
	}
}

void ndpg_radvd_conf(FILE *f, const char *ifname, const struct ndp_msg *msg,
		     const uint8_t src[16])
{
	const struct ndp_opt *ha = find(msg, NDP_OPT_HA_INFO);
	char s[NDP_IP6_TEXT_LEN];

	ndp_ip6_text(src, s);
	fprintf(f, "#\n# radvd configuration from the Router Advertisement of %s\n"
		"# received on %s (sockgen ndp listen --format radvd)\n#\n\n"
		"interface %s\n{\n", s, ifname, ifname);
	header(f, msg);
	if (ha && ha->u.ha_info.lifetime)
		fprintf(f, "\tAdvHomeAgentInfo on;\n\tHomeAgentPreference %d;\n"
			"\tHomeAgentLifetime %u;\n", ha->u.ha_info.preference,
			ha->u.ha_info.lifetime);
	else if (ha)
		fprintf(f, "\t# AdvHomeAgentInfo: lifetime 0 (RFC 6275 7.4 forbids it)\n");
	options(f, msg);
	fprintf(f, "};\n");
}
