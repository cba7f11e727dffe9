/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector (packet-vsockmon.c): its registration entry points,
 * for plugin.c. The other vsockmon files share packet-vsockmon-common.h. */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_H
#define SOCKSCOPE_PACKET_VSOCKMON_H

void proto_register_vsockmon(void);
void proto_reg_handoff_vsockmon(void);

#endif
