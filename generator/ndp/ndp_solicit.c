/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp solicit: what rdisc6 does. A Router Solicitation to
 * all-routers (RFC 4861 6.3.7) with retries, and every Router Advertisement
 * that comes back (4.2, validated as 6.1.2 says) printed with every option
 * and all its values, in rdisc6's layout or as JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "ndp_probe.h"
#include "ndp_show.h"
#include "sockgen.h"

#define CTX "ndp solicit"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp solicit IF [-r N] [-w MS] [-1 | -m] [-s ADDR] [--json]\n"
		"Send a Router Solicitation to ff02::2 on IF (as rdisc6 does) and print\n"
		"every Router Advertisement received: header fields, then every option\n"
		"with all its values (rdisc6's layout; --json: JSON Lines keyed by ndisc\n"
		"display-filter fields). Without -1 or -m, the first try that brings an\n"
		"RA is the last.\n"
		"  -r, --retries N  send at most N solicitations (default 3)\n"
		"  -w, --wait MS    wait MS milliseconds after each (default 1000)\n"
		"  -1, --single     exit after the first RA\n"
		"  -m, --multiple   wait out every try, printing every RA\n"
		"  -s, --src ADDR   IPv6 source (default: IF's link-local address)\n"
		"  --json           JSON Lines instead of text\n"
		"Examples:\n"
		"  sockgen ndp solicit eth0\n"
		"  sockgen ndp solicit veth0 -1 --json\n"
		"  sockgen ndp solicit veth0 --retries 5 --wait 2000 --multiple\n"
		"Exit: 0 an RA came, 1 none came (or a runtime failure), 2 bad input.\n");
}

static int rs_line(struct ndpg_probe *p, unsigned n, char *line, size_t cap)
{
	char s[NDP_IP6_TEXT_LEN];

	(void)n;
	if (!p->have_src && !p->ni.have_ll)
		return sg_fail(p->ctx, "%s has no link-local address: give --src", p->ifname);
	if (p->have_src) {
		ndp_ip6_text(p->src, s);
		snprintf(line, cap, "rs --src %s", s);
	} else {
		snprintf(line, cap, "rs");
	}
	return 0;
}

static bool is_ra(struct ndpg_probe *p, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	(void)p;
	(void)pk;
	return msg->type == NDP_RA;
}

static void show_ra(struct ndpg_probe *p, const struct ndp_msg *msg, const struct ndpg_pkt *pk)
{
	char s[NDP_IP6_TEXT_LEN];

	(void)p;
	ndp_ip6_text(pk->src, s);
	printf("\n");
	ndpg_show_ra(stdout, &msg->h.ra);
	ndpg_show_opts(stdout, 1, msg);
	printf(" from %s\n", s);
}

static void begin(struct ndpg_probe *p)
{
	if (!p->json)
		printf("Soliciting ff02::2 (ff02::2) on %s...\n", p->ifname);
}

/* Parse: 0, -1 after --help, or the exit code. */
static int solicit_args(struct ndpg_probe *p, int argc, char **argv)
{
	static const struct option opts[] = { NDPG_PROBE_LONG, { NULL, 0, NULL, 0 } };
	int rc = ndpg_probe_args(p, argc, argv, opts, usage, NULL);

	if (rc)
		return rc;
	if (optind != argc - 1)
		return sg_usage(CTX, optind >= argc ? "give the interface (sockgen ndp solicit IF)"
				: "unexpected argument '%s'", argv[optind < argc - 1 ? optind + 1 : 0]);
	p->ifname = argv[optind];
	return 0;
}

int cmd_ndp_solicit(int argc, char **argv)
{
	struct ndpg_probe p = { .line = rs_line, .answers = is_ra, .show = show_ra,
				  .begin = begin };
	int rc;

	ndpg_probe_init(&p, CTX);
	if ((rc = solicit_args(&p, argc, argv)))
		return rc < 0 ? 0 : rc;
	if ((rc = ndpg_probe_run(&p)))
		return rc;
	if (!p.got)
		return sg_fail(CTX, "%s: no Router Advertisement after %llu solicitations "
			       "(%llu ms each)", p.ifname, (unsigned long long)p.retries,
			       (unsigned long long)p.wait_ms);
	return 0;
}
