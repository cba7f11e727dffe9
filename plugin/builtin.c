/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The built-in dissectors sockscope stands in for: a private dissector
 * table of their handles, so a frame sockscope does not take reaches them
 * through dissector_try_uint_with_data() without its protocol being added
 * to the layer list twice (frame.protocols, -z io,phs). */
#include "builtin.h"

static dissector_table_t table;
/* The application protocols go through a string table: a uint table sets
 * pinfo->match_uint to its key for the call, and ssh tells the server's
 * side by match_uint (vsockmon sets it to the listener's port). */
static dissector_table_t app_table;
static const char *const app_names[] = {
	[BUILTIN_SSH] = "ssh", [BUILTIN_TLS] = "tls", [BUILTIN_HTTP2] = "http2", [BUILTIN_JSON] = "json",
};

void builtin_register(int owner)
{
	if (!table)
		table = register_dissector_table("sockscope.builtin",
						 "Built-in dissectors sockscope stands in for",
						 owner, FT_UINT8, BASE_DEC);
	if (!app_table)
		app_table = register_dissector_table("sockscope.builtin_app",
						     "Application dissectors vsockmon's heuristics hand to",
						     owner, FT_STRING, BASE_NONE);
}

void builtin_add(enum builtin_key key, dissector_handle_t handle)
{
	if (!handle)
		return;
	if (key >= BUILTIN_SSH && key < array_length(app_names)) {
		if (app_table)
			dissector_add_string("sockscope.builtin_app", app_names[key], handle);
	} else if (table) {
		dissector_add_uint("sockscope.builtin", key, handle);
	}
}

int builtin_call(enum builtin_key key, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		 void *data)
{
	if (key >= BUILTIN_SSH && key < array_length(app_names))
		return dissector_try_string_with_data(app_table, app_names[key], tvb, pinfo, tree, false, data);
	return dissector_try_uint_with_data(table, key, tvb, pinfo, tree, false, data);
}

int builtin_field(const char *name)
{
	header_field_info *hfi = proto_registrar_get_byname(name);

	return hfi ? hfi->id : -1;
}

int builtin_field_typed(const char *name, enum ftenum type)
{
	header_field_info *hfi = proto_registrar_get_byname(name);

	/* the name finds the last registered; the others are before it */
	while (hfi && hfi->type != type)
		hfi = hfi->same_name_prev_id >= 0 ? proto_registrar_get_nth(hfi->same_name_prev_id)
						  : NULL;
	return hfi ? hfi->id : -1;
}

/* Wireshark looks expert infos up by number only. Each one also registers
 * a filter field whose header_field_info lives inside its expert_field_info
 * (expert_register_field_array registers eiinfo.hf_info in place), so the
 * field found by name leads back to the expert info's number. The layout
 * is checked before it is trusted: the record must name the same field. */
bool builtin_expert(const char *name, expert_field *ei)
{
	header_field_info *hfi = proto_registrar_get_byname(name);
	const expert_field_info *info;

	if (!hfi || hfi->type != FT_NONE)
		return false;
	info = (const expert_field_info *)(const void *)
	       ((const char *)hfi - offsetof(expert_field_info, hf_info.hfinfo));
	if (info->name != hfi->abbrev || info->summary != hfi->name ||
	    !info->hf_info.p_id || *info->hf_info.p_id != hfi->id || info->id < 0)
		return false;
	ei->ei = info->id;
	ei->hf = hfi->id;
	return true;
}
