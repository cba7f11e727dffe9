/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until the ndisc dissector lands. */
#include <wireshark.h>
#include "sockscope.h"

void proto_register_ndisc(void) { }
void proto_reg_handoff_ndisc(void) { }
