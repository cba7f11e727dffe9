/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: what its files share (packet-vsockmon-common.h): the
 * protocol and address type ids, the preferences other files read, and the
 * CID addresses. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/address.h>
#include <wsutil/pint.h>

#include "packet-vsockmon-common.h"

int proto_vsockmon = -1;
int vsmon_at_cid = -1;
compat_bool vsmon_pref_reassemble = true;
compat_bool vsmon_pref_heur_first = false;
unsigned vsmon_pref_reasm_limit = 16u * 1024u * 1024u;

void vsmon_set_address(address *a, wmem_allocator_t *scope, uint64_t cid, bool with_port, uint32_t port)
{
	uint8_t *b = (uint8_t *)wmem_alloc(scope, 12);
	phtoleu64(b, cid);
	phtoleu32(b + 8, port);
	set_address(a, vsmon_at_cid, with_port ? 12 : 8, b);
}

void vsmon_set_server_address(address *a, wmem_allocator_t *scope, uint64_t cid, uint32_t port,
			      uint32_t stream)
{
	uint8_t *b = (uint8_t *)wmem_alloc(scope, 16);
	phtoleu64(b, cid);
	phtoleu32(b + 8, port);
	phtoleu32(b + 12, stream);
	set_address(a, vsmon_at_cid, 16, b);
}
