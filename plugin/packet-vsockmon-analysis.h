/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon analysis (packet-vsockmon-analysis.c): the first pass over
 * each connection, its findings and outcomes. */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_ANALYSIS_H
#define SOCKSCOPE_PACKET_VSOCKMON_ANALYSIS_H

#include "packet-vsockmon-common.h"

/* How a connection ended: one outcome each (-z vsockmon,tree). */
enum { VSMON_OUTCOME_CLOSED = 1, VSMON_OUTCOME_RESET = 2, VSMON_OUTCOME_REFUSED = 3 };
extern const value_string vsmon_outcome_vals[];

void vsmon_analysis_register(void);
vsmon_frame_t *vsmon_analyze(packet_info *pinfo, const vsmon_pkt_t *p);
/* The stream index of frame num, if it was analysed. */
bool vsmon_frame_stream(uint32_t num, uint32_t *stream);
/* Seqpacket messages (packet-vsockmon-payload.c): on the first pass the
 * message each RW frame belongs to (the number of its first frame) and
 * whether it ran over the reassembly limit; on later passes both again. */
void vsmon_msg_mark(uint32_t num, uint32_t msg_id, bool over_limit);
uint32_t vsmon_msg_of(uint32_t num, bool *over_limit);
unsigned vsmon_stream_count(void);
void vsmon_analysis_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		       proto_item *ti, const vsmon_pkt_t *p, const vsmon_frame_t *f);

#endif
