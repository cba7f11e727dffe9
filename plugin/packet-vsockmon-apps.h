/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon application heuristics (packet-vsockmon-apps.c): SSH, TLS,
 * HTTP/2 and the QEMU guest agent found without Decode As. */
#ifndef SOCKSCOPE_PACKET_VSOCKMON_APPS_H
#define SOCKSCOPE_PACKET_VSOCKMON_APPS_H

#include "packet-vsockmon-common.h"

void vsmon_apps_register(void);
void vsmon_apps_handoff(void);
void vsmon_app_tree(tvbuff_t *tvb, proto_tree *tree, const vsmon_frame_t *f);
/* A heuristic takes the connection for app (data: its vsmon_conn_t, or NULL). */
void vsmon_take_app(packet_info *pinfo, void *data, dissector_handle_t app);
/* The filter name of the connection's application protocol, or NULL. */
const char *vsmon_app_name(const vsmon_conn_t *c);
/* The same by stream index, for as long as the file is open. */
const char *vsmon_app_of_stream(uint32_t stream);

#endif
