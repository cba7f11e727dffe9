/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc analysis across messages (packet-ndisc-analysis.c). */
#ifndef SOCKSCOPE_PACKET_NDISC_ANALYSIS_H
#define SOCKSCOPE_PACKET_NDISC_ANALYSIS_H

#include "packet-ndisc-common.h"

void ndisc_analysis_register(void);
void ndisc_analyze(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		   struct ndisc_pkt *pkt);

#endif
