/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in icmpv6 fields (packet-ndisc-compat.c): the message's
 * header, then each option, into the hidden icmpv6 item's tree. */
#ifndef SOCKSCOPE_PACKET_NDISC_COMPAT_H
#define SOCKSCOPE_PACKET_NDISC_COMPAT_H

#include "packet-ndisc-common.h"

void ndisc_compat_handoff(void);
void ndisc_compat_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt,
			  const struct ndisc_pkt *pkt);
/* One option at tvb[off, off + len) of message type msg (0 inside a PvD
 * ID option), depth as ndisc_dissect_options has it. */
void ndisc_compat_option(tvbuff_t *tvb, int off, unsigned len, packet_info *pinfo,
			 proto_tree *bt, uint8_t msg, unsigned depth);

#endif
