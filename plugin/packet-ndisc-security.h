/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc security analysis (packet-ndisc-security.c), called by the
 * analysis (packet-ndisc-analysis.c) after its own. */
#ifndef SOCKSCOPE_PACKET_NDISC_SECURITY_H
#define SOCKSCOPE_PACKET_NDISC_SECURITY_H

#include "packet-ndisc-common.h"

void ndisc_security_register(void);
void ndisc_security(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    struct ndisc_pkt *pkt);
/* Only the extension header and fragment finding, for a message too short
 * for the rest. */
void ndisc_security_headers(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
			    struct ndisc_pkt *pkt);

#endif
