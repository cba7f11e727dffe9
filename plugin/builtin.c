/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in dissectors sockscope stands in for: a private dissector
 * table of their handles, so a frame sockscope does not take reaches them
 * through dissector_try_uint_with_data() without its protocol being added
 * to the layer list twice (frame.protocols, -z io,phs). */
#include "builtin.h"

static dissector_table_t table;

void builtin_register(int owner)
{
	if (!table)
		table = register_dissector_table("sockscope.builtin",
						 "Built-in dissectors sockscope stands in for",
						 owner, FT_UINT8, BASE_DEC);
}

void builtin_add(enum builtin_key key, dissector_handle_t handle)
{
	if (table && handle)
		dissector_add_uint("sockscope.builtin", key, handle);
}

int builtin_call(enum builtin_key key, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		 void *data)
{
	return dissector_try_uint_with_data(table, key, tvb, pinfo, tree, false, data);
}

int builtin_field(const char *name)
{
	header_field_info *hfi = proto_registrar_get_byname(name);

	return hfi ? hfi->id : -1;
}
