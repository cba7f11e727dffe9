/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon payload (packet-vsockmon-payload.c): reassembly and the
 * dissectors of what the connection carries. */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_PAYLOAD_H
#define SOCKSCOPE_PACKET_VSOCKMON_PAYLOAD_H

#include "packet-vsockmon-common.h"

void vsmon_payload_register(void);
void vsmon_payload_handoff(void);
void vsmon_payload(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		 proto_tree *vtree, const vsmon_pkt_t *p, vsmon_frame_t *f);

#endif
