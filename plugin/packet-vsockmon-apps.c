/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: the services vsock carries, found without Decode As.
 * Heuristics on the "vsockmon" list, each under its application protocol's
 * name (Enabled Protocols lists them with that protocol's heuristics, and
 * disabling one leaves the others):
 *   ssh_vsockmon     the identification string, RFC 4253 4.2
 *   tls_vsockmon     a TLS handshake record, RFC 8446 5.1 / RFC 5246 6.2.1
 *   http2_vsockmon   the client connection preface, RFC 9113 3.4
 *   json_vsockmon    the QEMU guest agent's JSON (and QMP's): one object per
 *                    line, each handed to Wireshark's json dissector
 * The first one that matches a connection keeps it (vsmon_conn_t.app);
 * Decode As on the port still comes first. */
#include "ws_compat.h"
#include <string.h>
#include <epan/packet.h>

#include "builtin.h"
#include "packet-vsockmon-apps.h"

static dissector_handle_t ssh_handle, tls_handle, http2_handle, json_handle;
static dissector_handle_t jsonl_handle;
static int proto_json = -1;
static int hf_app = -1;
/* Connections that have an application protocol, by stream index: the
 * conversation table names it beside the server's address, when it draws
 * (after the first pass). Emptied with the file. */
static wmem_map_t *app_conns;

/* The stream is the app's from here on: the connection remembers it, and
 * the app gets the desegmentation level the heuristic call used up. */
void vsmon_take_app(packet_info *pinfo, void *data, dissector_handle_t app)
{
	vsmon_conn_t *c = (vsmon_conn_t *)data;

	pinfo->can_desegment = pinfo->saved_can_desegment;
	if (c && !PINFO_FD_VISITED(pinfo) && !c->app) {
		c->app = app;
		c->app_frame = pinfo->num;
		wmem_map_insert(app_conns, GUINT_TO_POINTER(c->stream), c);
	}
}

const char *vsmon_app_of_stream(uint32_t stream)
{
	return app_conns ? vsmon_app_name((const vsmon_conn_t *)wmem_map_lookup(app_conns,
							GUINT_TO_POINTER(stream))) : NULL;
}

const char *vsmon_app_name(const vsmon_conn_t *c)
{
	int proto = c && c->app ? dissector_handle_get_protocol_index(c->app) : -1;

	return proto >= 0 ? proto_get_protocol_filter_name(proto) : NULL;
}

/* Which side listens: the peer that answered the REQUEST (ep[1]), so that
 * dissectors that tell the server by pinfo->match_uint (ssh) get it right. */
static void server_port(packet_info *pinfo, void *data)
{
	vsmon_conn_t *c = (vsmon_conn_t *)data;

	if (c)
		pinfo->match_uint = c->ep[1].port;
}

static bool starts_with(tvbuff_t *tvb, const char *s)
{
	int n = (int)strlen(s);

	return tvb_captured_length(tvb) >= (unsigned)n &&
	       tvb_memeql(tvb, 0, (const uint8_t *)s, n) == 0;
}

/* RFC 4253 4.2: "SSH-protoversion-softwareversion SP comments CR LF";
 * 1.99 is a server that also speaks version 1. */
static compat_bool heur_ssh(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	if (!ssh_handle || !(starts_with(tvb, "SSH-2.0-") || starts_with(tvb, "SSH-1.99-")))
		return false;
	vsmon_take_app(pinfo, data, ssh_handle);
	server_port(pinfo, data);
	builtin_call(BUILTIN_SSH, tvb, pinfo, tree, data);
	return true;
}

/* A handshake record (content type 22, version 3.1 to 3.4: TLS 1.3's
 * ClientHello says 3.1 or 3.3, RFC 8446 5.1), its length within the
 * record limit (2^14 plus the expansion TLS 1.2 allows), and a first
 * handshake message of a type that opens a connection: ClientHello (1) or
 * ServerHello (2). */
static compat_bool heur_tls(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	if (!tls_handle || tvb_captured_length(tvb) < 6)
		return false;
	uint8_t type = tvb_get_uint8(tvb, 0), major = tvb_get_uint8(tvb, 1), minor = tvb_get_uint8(tvb, 2);
	uint16_t len = tvb_get_ntohs(tvb, 3);
	uint8_t hs = tvb_get_uint8(tvb, 5);

	if (type != 22 || major != 3 || minor < 1 || minor > 4 || len < 4 || len > 16384 + 2048 ||
	    (hs != 1 && hs != 2))
		return false;
	vsmon_take_app(pinfo, data, tls_handle);
	server_port(pinfo, data);
	builtin_call(BUILTIN_TLS, tvb, pinfo, tree, data);
	return true;
}

/* RFC 9113 3.4: the server's preface is a SETTINGS frame (type 4, not an
 * ACK, stream 0), sent as soon as the connection opens, often before the
 * client's preface arrives: the whole frame must be there and every
 * setting one of 1..9 (RFC 9113 6.5.2, RFC 8441, RFC 9218) or GREASE. */
static bool server_preface(tvbuff_t *tvb)
{
	unsigned cap = tvb_captured_length(tvb);

	if (cap < 9)
		return false;
	uint32_t len = tvb_get_ntoh24(tvb, 0);

	if (len % 6 || len > 16384 || cap < 9 + len || tvb_get_uint8(tvb, 3) != 4 ||
	    tvb_get_uint8(tvb, 4) != 0 || (tvb_get_ntohl(tvb, 5) & 0x7fffffff) != 0)
		return false;
	for (uint32_t off = 9; off < 9 + len; off += 6) {
		uint16_t id = tvb_get_ntohs(tvb, off);

		if ((id < 1 || id > 9) && (id & 0x0f0f) != 0x0a0a)   /* or GREASE */
			return false;
	}
	return true;
}

/* RFC 9113 3.4: the client's preface, or the server's first SETTINGS. The
 * other side of the connection then follows it (vsmon_conn_t.app). */
static compat_bool heur_http2(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

	if (!http2_handle || !(starts_with(tvb, preface) || server_preface(tvb)))
		return false;
	vsmon_take_app(pinfo, data, http2_handle);
	server_port(pinfo, data);
	builtin_call(BUILTIN_HTTP2, tvb, pinfo, tree, data);
	return true;
}

/* The guest agent's protocol (and QMP's): JSON objects, one per line,
 * whose first key is one of the protocol's (qemu docs/interop/qmp-spec). */
static bool qmp_like(tvbuff_t *tvb)
{
	static const char *const keys[] = {
		"\"execute\"", "\"return\"", "\"error\"", "\"event\"", "\"QMP\"", "\"exec-oob\"",
	};
	int len = (int)tvb_captured_length(tvb), i = 0;

	while (i < len && strchr(" \t\r\n", tvb_get_uint8(tvb, i)))
		i++;
	if (i >= len || tvb_get_uint8(tvb, i) != '{')
		return false;
	i++;
	while (i < len && strchr(" \t\r\n", tvb_get_uint8(tvb, i)))
		i++;
	for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
		int n = (int)strlen(keys[k]);

		if (len - i >= n && tvb_memeql(tvb, i, (const uint8_t *)keys[k], n) == 0)
			return true;
	}
	return false;
}

/* Each line to the json dissector, which decodes one JSON text at a time;
 * a line not yet ended waits for the next segment. The 0xFF bytes of
 * guest-sync-delimited are skipped. */
static int dissect_jsonl(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	int len = (int)tvb_reported_length(tvb), off = 0, lines = 0;
	bool proto_w = col_get_writable(pinfo->cinfo, COL_PROTOCOL);
	bool info_w = col_get_writable(pinfo->cinfo, COL_INFO);

	while (off < len) {
		int eol = tvb_find_uint8(tvb, off, len - off, '\n');

		if (eol < 0) {
			if (pinfo->can_desegment) {
				pinfo->desegment_offset = off;
				pinfo->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
				break;
			}
			eol = len;
		}
		int start = off;

		while (start < eol && tvb_get_uint8(tvb, start) == 0xff)
			start++;
		if (eol > start) {
			/* json appends its name to the columns: once per packet */
			if (lines++ == 1) {
				col_set_writable(pinfo->cinfo, COL_PROTOCOL, false);
				col_set_writable(pinfo->cinfo, COL_INFO, false);
			}
			builtin_call(BUILTIN_JSON, tvb_new_subset_length(tvb, start, eol - start), pinfo, tree,
				     NULL);
		}
		off = eol + 1;
	}
	col_set_writable(pinfo->cinfo, COL_PROTOCOL, proto_w);
	col_set_writable(pinfo->cinfo, COL_INFO, info_w);
	return len;
}

static compat_bool heur_json(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	if (!json_handle || !qmp_like(tvb))
		return false;
	vsmon_take_app(pinfo, data, jsonl_handle);
	dissect_jsonl(tvb, pinfo, tree, data);
	return true;
}

/* vsockmon.app on every frame of a connection whose protocol is known. */
void vsmon_app_tree(tvbuff_t *tvb, proto_tree *tree, const vsmon_frame_t *f)
{
	const char *app = f ? vsmon_app_name(f->conn) : NULL;

	if (app) {
		proto_item *it = proto_tree_add_string(tree, hf_app, tvb, 0, 0, app);

		proto_item_set_generated(it);
	}
}

void vsmon_apps_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_app, { "Application protocol", "vsockmon.app", FT_STRING, BASE_NONE, NULL, 0,
			     "The protocol a heuristic found for this connection (its filter name)", HFILL } },
	};

	proto_register_field_array(proto_vsockmon, hf, array_length(hf));
	app_conns = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
					   g_direct_equal);
}

void vsmon_apps_handoff(void)
{
	ssh_handle = find_dissector("ssh");
	tls_handle = find_dissector("tls");
	http2_handle = find_dissector("http2");
	json_handle = find_dissector("json");
	proto_json = proto_get_id_by_filter_name("json");
	builtin_add(BUILTIN_SSH, ssh_handle);
	builtin_add(BUILTIN_TLS, tls_handle);
	builtin_add(BUILTIN_HTTP2, http2_handle);
	builtin_add(BUILTIN_JSON, json_handle);
	if (json_handle && proto_json >= 0 && !jsonl_handle)
		jsonl_handle = create_dissector_handle(dissect_jsonl, proto_json);

	if (ssh_handle)
		heur_dissector_add("vsockmon", heur_ssh, "SSH over vsock", "ssh_vsockmon",
				   proto_get_id_by_filter_name("ssh"), HEURISTIC_ENABLE);
	if (tls_handle)
		heur_dissector_add("vsockmon", heur_tls, "TLS over vsock", "tls_vsockmon",
				   proto_get_id_by_filter_name("tls"), HEURISTIC_ENABLE);
	if (http2_handle)
		heur_dissector_add("vsockmon", heur_http2, "HTTP/2 over vsock", "http2_vsockmon",
				   proto_get_id_by_filter_name("http2"), HEURISTIC_ENABLE);
	if (jsonl_handle)
		heur_dissector_add("vsockmon", heur_json, "QEMU guest agent JSON over vsock",
				   "json_vsockmon", proto_json, HEURISTIC_ENABLE);
}
