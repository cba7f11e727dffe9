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
/* The first pass's results for frame num (NULL if none; create makes an
 * empty one). */
vsmon_frame_t *vsmon_frame_get(uint32_t num, bool create);
unsigned vsmon_stream_count(void);
void vsmon_analysis_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		       proto_item *ti, const vsmon_pkt_t *p, const vsmon_frame_t *f);

#endif
