/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness: a radvd.conf for sockgen ndp router (generator/ndp/
 * ndp_radvconf.c), then the RA of every interface block (ndp_router_ra.c),
 * advertising and final. A refused file says "FILE:LINE: " first; a taken
 * one keeps radvd's limits (MinRtrAdvInterval <= 0.75 * MaxRtrAdvInterval,
 * preferred <= valid) and its RAs encode and parse back with the codec,
 * unless they are too large for one message. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "ndp.h"
#include "ndp_radvconf.h"
#include "ndp_router.h"

static void check_iface(const struct radvconf_iface *f)
{
	static struct ndpg_msg m;
	static uint8_t icmp[NDP_MSG_MAX_LEN];
	static struct ndp_msg back;
	struct ndpg_link link = { .mac = { 2, 0, 0, 0, 0, 1 }, .have_ll = true };
	size_t len;
	int r;

	FUZZ_ASSERT(f->min_interval <= 0.75 * f->max_interval);
	for (size_t i = 0; i < f->n_prefix; i++)
		FUZZ_ASSERT(f->prefix[i].preferred <= f->prefix[i].valid);
	link.ll[0] = 0xfe;
	link.ll[1] = 0x80;
	link.ll[15] = 1;
	for (int final = 0; final <= 1; final++) {
		if (ndpg_router_ra(&m, "fuzz", f, &link, final) != 0)
			continue;
		FUZZ_ASSERT(!final || m.msg.h.ra.router_lifetime == 0);
		r = ndpg_msg_encode(&m, icmp, sizeof(icmp), &len, true);
		if (r == -E2BIG || r == -ENOSPC)
			continue;
		FUZZ_ASSERT(r == 0);
		memset(&back, 0, sizeof(back));
		FUZZ_ASSERT(ndp_msg_parse(icmp, len, &back) == 0);
		FUZZ_ASSERT(back.n_opts == m.msg.n_opts);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct radvconf c;

	if (size > 65536)
		return 0;
	if (radvconf_parse((const char *)data, size, "f.conf", &c) < 0) {
		FUZZ_ASSERT(!strncmp(c.err, "f.conf:", 7));
		return 0;
	}
	FUZZ_ASSERT(c.n_ifaces >= 1 && c.n_ifaces <= RADVCONF_MAX_IFACES);
	for (size_t i = 0; i < c.n_ifaces; i++) {
		FUZZ_ASSERT(radvconf_find(&c, c.iface[i].name) == &c.iface[i]);
		check_iface(&c.iface[i]);
	}
	return 0;
}
