/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockscope.so: registration entry points of the plugin's dissectors. */
#ifndef SOCKSCOPE_PLUGIN_H
#define SOCKSCOPE_PLUGIN_H

void proto_register_ndisc(void);
void proto_reg_handoff_ndisc(void);
void proto_register_vsockmon(void);
void proto_reg_handoff_vsockmon(void);

#endif
