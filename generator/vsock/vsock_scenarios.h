/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scenarios of `sockgen vsock pcap`: application call sequences run through
 * the virtio-vsock connection model (codec/vsock_model.h). */
#ifndef SOCKGEN_VSOCK_SCENARIOS_H
#define SOCKGEN_VSOCK_SCENARIOS_H

#include <stddef.h>
#include <stdint.h>

#include "vsock_model.h"

/* 0 in a size field = the scenario's default. */
struct vsock_scn_opts {
	uint64_t src_cid, dst_cid;      /* client, server */
	uint32_t src_port, dst_port;
	uint64_t bytes;
	uint32_t msg_size;
	uint32_t count;
	uint32_t buf_alloc;             /* both sockets' buffer size */
};

struct vsock_scenario {
	const char *name;
	const char *summary;
	uint16_t type;                  /* socket type */
	uint32_t def_dst_port;
	uint64_t def_bytes;
	uint32_t def_msg_size;
	uint32_t def_count;
	int (*run)(struct vsm_conn *c, const struct vsock_scn_opts *o);
};

/* Ends with an entry whose name is NULL. */
extern const struct vsock_scenario vsock_scenarios[];

const struct vsock_scenario *vsock_scenario_find(const char *name);

/* o with every 0 replaced by the scenario's default (ports, CIDs too). */
void vsock_scenario_defaults(const struct vsock_scenario *s, struct vsock_scn_opts *o);

/* Check o (after defaults) against what the scenario can do. 0, or
 * -EINVAL with a message "<--option> '<value>': <reason>" in err. */
int vsock_scenario_check(const struct vsock_scenario *s, const struct vsock_scn_opts *o,
			 char *err, size_t errlen);

/* Run the scenario (o after defaults and check): every packet goes to emit
 * in capture order. 0 or a negative errno (emit's, or -EPROTO when the
 * model did not behave as the scenario expects). */
int vsock_scenario_run(const struct vsock_scenario *s, const struct vsock_scn_opts *o,
		       vsm_emit_fn emit, void *ctx);

/* The manifest record of one packet (vsock_pcap.c): vsockmon.* fields as
 * tshark prints them, so `sockgen verify` can check the capture. Shared by
 * `sockgen vsock pcap` and the extcap interface sockgen-vsock. */
struct manifest;
void vsock_manifest_packet(struct manifest *m, const struct virtio_vsock_hdr *v,
			   const uint8_t *payload);

/* The payload pattern sockgen vsock connect sends too: byte k of a
 * connection's stream is k % 251. */
void vsock_pattern_fill(uint8_t *buf, size_t len, uint64_t offset);

#endif
