/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon tap, conversation tables, Follow and statistics
 * (packet-vsockmon-stats.c). */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_STATS_H
#define SOCKSCOPE_PACKET_VSOCKMON_STATS_H

#include "packet-vsockmon-common.h"

void vsmon_stats_register(void);
void vsmon_tap(packet_info *pinfo, const vsmon_pkt_t *p, const vsmon_frame_t *f);

#endif
