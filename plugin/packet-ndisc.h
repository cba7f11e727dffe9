/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector (packet-ndisc.c): its registration entry points, for
 * plugin.c. The other ndisc files share packet-ndisc-common.h. */
#ifndef SOCKSCOPE_PACKET_NDISC_H
#define SOCKSCOPE_PACKET_NDISC_H

void proto_register_ndisc(void);
void proto_reg_handoff_ndisc(void);

#endif
