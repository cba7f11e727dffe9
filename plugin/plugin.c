/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockscope.so: plugin entry points (plugin_register, plugin_describe). */
#include "ws_compat.h"
#include <epan/proto.h>

#include "packet-ndisc.h"
#include "packet-vsockmon.h"

WS_DLL_PUBLIC_DEF const char plugin_version[] = SOCKSCOPE_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
WS_DLL_PUBLIC uint32_t plugin_describe(void);

void plugin_register(void)
{
	static proto_plugin ndisc = {
		.register_protoinfo = proto_register_ndisc,
		.register_handoff = proto_reg_handoff_ndisc,
	};
	static proto_plugin vsockmon = {
		.register_protoinfo = proto_register_vsockmon,
		.register_handoff = proto_reg_handoff_vsockmon,
	};

	proto_register_plugin(&ndisc);
	proto_register_plugin(&vsockmon);
}

/* Wireshark 4.2 asks plugins what they are (WS_PLUGIN_DESC_DISSECTOR = 1);
 * 4.0 ignores the symbol, so one binary reads right on both. */
uint32_t plugin_describe(void)
{
	return 1u << 0;
}
