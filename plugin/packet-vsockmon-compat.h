/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in vsock fields of one frame, into the hidden vsock item's
 * tree bt (packet-vsockmon-compat.c). */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_COMPAT_H
#define SOCKSCOPE_PACKET_VSOCKMON_COMPAT_H

#include "packet-vsockmon-common.h"

void vsmon_compat_handoff(void);
void vsmon_compat(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt);

#endif
