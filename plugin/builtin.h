/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in dissectors sockscope stands in for (Wireshark's icmpv6 for
 * ND messages, vsock for LINKTYPE_VSOCK): handed the frames sockscope does
 * not take, and the fields they would have set, looked up by name. */
#ifndef SOCKSCOPE_BUILTIN_H
#define SOCKSCOPE_BUILTIN_H

#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>

/* BUILTIN_HTTP and the other application keys: a protocol found by one of
 * vsockmon's heuristics, which runs under that protocol's name already. */
enum builtin_key {
	BUILTIN_ICMPV6 = 1, BUILTIN_VSOCK = 2, BUILTIN_HTTP = 3,
	/* the services vsockmon's other heuristics find (packet-vsockmon-apps.c) */
	BUILTIN_SSH = 4, BUILTIN_TLS = 5, BUILTIN_HTTP2 = 6, BUILTIN_JSON = 7,
};

/* Once, while protocols register (owner: a sockscope protocol). */
void builtin_register(int owner);
/* At handoff: the built-in's handle for key. */
void builtin_add(enum builtin_key key, dissector_handle_t handle);
/* Hand a frame to the built-in dissector whose protocol our own handle
 * (registered under the built-in's protocol) already put on the layer
 * list: it is called without adding that protocol a second time. */
int builtin_call(enum builtin_key key, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		 void *data);
/* A built-in field's id, or -1 where this Wireshark has no such field
 * (fields are looked up by name so each series' own definitions apply). */
int builtin_field(const char *name);
/* The same, of one field type: a dissector may register one name twice
 * (icmpv6.opt.linkaddr as FT_ETHER and as FT_BYTES), and the name alone
 * finds only the last. -1 if no field of that name has that type. */
int builtin_field_typed(const char *name, enum ftenum type);
/* The expert info a built-in dissector registered as name (its filter
 * field's name), so an item can carry the built-in's own expert info;
 * false (and *ei untouched) where this Wireshark has none. */
bool builtin_expert(const char *name, expert_field *ei);

#endif
