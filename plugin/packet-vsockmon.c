/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until the vsockmon dissector lands. */
#include <wireshark.h>
#include "sockscope.h"

void proto_register_vsockmon(void) { }
void proto_reg_handoff_vsockmon(void) { }
