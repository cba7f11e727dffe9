/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc statistics tree (packet-ndisc-stats.c). */
#ifndef SOCKSCOPE_PACKET_NDISC_STATS_H
#define SOCKSCOPE_PACKET_NDISC_STATS_H

#include "packet-ndisc-common.h"

void ndisc_stats_register(void);
void ndisc_stats_tap(packet_info *pinfo, struct ndisc_pkt *pkt);

#endif
