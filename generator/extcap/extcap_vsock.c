/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Extcap interface sockgen-vsock: the `sockgen vsock pcap` scenarios (Linux
 * 6.1 virtio-vsock model) as a live LINKTYPE_VSOCK (271) stream, one
 * connection per round, each round from the next client port. Synthetic
 * only: no vsock socket is opened. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_out.h"
#include "extcap.h"
#include "manifest.h"
#include "sockgen.h"
#include "vsock_scenarios.h"
#include "vsockmon.h"

/* Client ports of successive rounds: 49152 + round, wrapping in the
 * dynamic range so every round is a new connection to the dissector. */
#define PORT_BASE 49152u
#define PORT_SPAN 16384u

struct vsock_gen {
	struct ecap_sink *sink;
	uint8_t *frame;
	size_t frame_cap;
	const struct virtio_vsock_hdr *hdr;     /* the packet being written */
	const uint8_t *payload;
	int sink_err;                           /* why the sink stopped the model */
};

static const struct vsock_scenario *scenario_of(const struct ecap_opts *o)
{
	return o->val[ECAP_OPT_SCENARIO] ? vsock_scenario_find(o->val[ECAP_OPT_SCENARIO])
					 : &vsock_scenarios[0];
}

static int vsock_check(struct ecap_opts *o)
{
	if (!scenario_of(o))
		return sg_usage(EXTCAP_CTX, "--scenario '%s': unknown scenario (see sockgen vsock "
				"pcap --help for the list)", o->val[ECAP_OPT_SCENARIO]);
	return 0;
}

static void vsock_manifest(struct manifest *mf, const void *arg)
{
	const struct vsock_gen *g = arg;

	vsock_manifest_packet(mf, g->hdr, g->payload);
}

static int emit(void *ctx, const struct virtio_vsock_hdr *v, const uint8_t *payload)
{
	struct vsock_gen *g = ctx;
	size_t len;
	int r;

	r = vsockmon_frame_build(v, payload, v->len, g->frame, g->frame_cap, &len);
	if (r < 0)
		return r;
	g->hdr = v;
	g->payload = payload;
	r = ecap_sink_put(g->sink, g->frame, len, vsock_manifest, g);
	if (r < 0)
		g->sink_err = r;
	return r < 0 ? r : 0;
}

static int vsock_run(struct ecap_sink *s, const struct ecap_opts *o)
{
	const struct vsock_scenario *scn = scenario_of(o);
	struct vsock_gen g = { .sink = s };
	char err[256];
	int r = 0;

	g.frame_cap = VSOCKMON_FRAME_MIN_LEN + VIRTIO_VSOCK_MAX_PKT_BUF_SIZE;
	g.frame = malloc(g.frame_cap);
	if (!g.frame)
		return sg_fail(EXTCAP_CTX, "%s", strerror(ENOMEM));
	for (uint64_t round = 0; !o->repeat || round < o->repeat; round++) {
		struct vsock_scn_opts so = { 0 };

		so.src_port = PORT_BASE + (uint32_t)(round % PORT_SPAN);
		vsock_scenario_defaults(scn, &so);
		if (vsock_scenario_check(scn, &so, err, sizeof(err)) < 0) {
			r = sg_usage(EXTCAP_CTX, "sockgen-vsock %s: %s", scn->name, err);
			break;
		}
		r = vsock_scenario_run(scn, &so, emit, &g);
		if (g.sink_err) {       /* stopped, reader gone or write error */
			r = g.sink_err;
			break;
		}
		if (r < 0) {
			r = sg_fail(EXTCAP_CTX, "sockgen-vsock scenario %s: %s", scn->name,
				    r == -EPROTO ? "the model did not behave as the scenario "
						   "expects (internal error)" : strerror(-r));
			break;
		}
	}
	free(g.frame);
	return r;
}

static void vsock_config(void)
{
	printf("arg {number=0}{call=--scenario}{display=Scenario}{type=selector}"
	       "{tooltip=What the two applications do on the connection (sockgen vsock pcap)}"
	       "{group=Traffic}\n");
	for (const struct vsock_scenario *s = vsock_scenarios; s->name; s++)
		printf("value {arg=0}{value=%s}{display=%s: %s}{default=%s}\n", s->name, s->name,
		       s->summary, s == vsock_scenarios ? "true" : "false");
	ecap_config_rate(1, "100");
	printf("arg {number=2}{call=--repeat}{display=Connections}{type=unsigned}{default=0}"
	       "{range=0,1000000000}"
	       "{tooltip=How many times the scenario runs, each from the next client port; "
	       "0 runs until stopped}{group=Traffic}\n");
	ecap_config_count(3, "Packet count", "Stop after this many packets; 0 = no limit");
	ecap_config_manifest(4);
}

const struct ecap_iface ecap_vsock = {
	.name = "sockgen-vsock",
	.display = "sockgen: synthetic vsock monitor (vsockmon) traffic",
	.dlt = SG_LINKTYPE_VSOCK,
	.dlt_name = "VSOCK",
	.dlt_display = "Linux vsock monitor (vsockmon)",
	.def_rate = 100,
	.opts = {
		[ECAP_OPT_SCENARIO] = true, [ECAP_OPT_REPEAT] = true, [ECAP_OPT_RATE] = true,
		[ECAP_OPT_COUNT] = true, [ECAP_OPT_MANIFEST] = true,
	},
	.config = vsock_config,
	.check = vsock_check,
	.run = vsock_run,
};
