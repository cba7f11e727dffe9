/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options (packet-ndisc-options.c): the walk over a message's
 * options, the checks against the codec's option table, and the dispatch
 * to the option groups' dissectors (packet-ndisc-opt-<group>.c). */
#ifndef SOCKSCOPE_PACKET_NDISC_OPTIONS_H
#define SOCKSCOPE_PACKET_NDISC_OPTIONS_H

#include "packet-ndisc-common.h"

void ndisc_options_register(void);
/* Dissects the options in tvb[offset, end of reported data) of message type
 * msg (0: inside a PvD ID, any option allowed). Never throws for a bad
 * option header; stops at length 0 or an option past the end. */
void ndisc_dissect_options(tvbuff_t *tvb, int offset, packet_info *pinfo,
			   proto_tree *tree, uint8_t msg, struct ndisc_pkt *pkt,
			   unsigned depth);

#endif
