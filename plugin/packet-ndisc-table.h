/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded per-file tables of the ndisc analysis (packet-ndisc-table.c):
 * fixed-size records in one flat array, found by a key of up to 17 octets
 * (an address, a prefix and its length, a MAC). Set-associative: a key
 * hashes to a bucket of NDISC_TABLE_WAYS records. The table doubles while
 * it holds fewer records than its limit; at the limit, a new key takes the
 * place of the bucket's record seen longest ago (a kept record only when
 * the whole bucket is kept), so a flood of new addresses costs bounded
 * memory and ages out instead of the hosts that are still talking. */
#ifndef SOCKSCOPE_PACKET_NDISC_TABLE_H
#define SOCKSCOPE_PACKET_NDISC_TABLE_H
#include "ws_compat.h"
#include <epan/packet.h>

#define NDISC_TABLE_WAYS 8

/* Every record starts with this header. */
struct ndisc_table_rec {
	uint8_t key[17];
};

struct ndisc_table;

/* A table of records of rec_size octets (a struct starting with struct
 * ndisc_table_rec) keyed by key_len octets, holding at most about limit
 * records (rounded up to a power of two), allocated in file scope on first
 * use. Call ndisc_table_reset() from an init routine. */
struct ndisc_table *ndisc_table_new(size_t rec_size, unsigned key_len);
void ndisc_table_reset(struct ndisc_table *t, unsigned limit);

/* The record for key, or NULL. */
void *ndisc_table_find(struct ndisc_table *t, const uint8_t *key);
/* The record for key, added zeroed (but for its key) when absent; frame is
 * when it was last seen either way. Invalidates every record pointer taken
 * from the table before. */
void *ndisc_table_add(struct ndisc_table *t, const uint8_t *key, uint32_t frame);
/* A kept record is forgotten only when its whole set is kept. */
void ndisc_table_keep(struct ndisc_table *t, const void *rec, bool keep);

/* What the analysis (packet-ndisc-analysis.c) and the security analysis
 * (packet-ndisc-security.c) remember of one address: one record and one
 * look-up for both, in the table ndisc_hosts (keyed by the address). */
struct ndisc_host {
	struct ndisc_table_rec h;
	/* analysis: the last NS for it (not DAD), answered yet */
	uint32_t ns_frame;
	nstime_t ns_ts;
	/* analysis: the last DAD probe for it, and who sent it */
	uint32_t dad_frame;
	time_t dad_secs;
	uint8_t dad_mac[6];
	/* analysis: the first link-layer address claimed for it */
	uint8_t claim_mac[6];
	uint32_t claim_frame;
	/* security: the link-layer address it is bound to now */
	uint32_t bind_frame, bind_flips;
	uint8_t bind_mac[6];
	unsigned has_ns : 1, ns_answered : 1, has_dad : 1, dad_has_mac : 1,
		 has_claim : 1, has_bind : 1, bind_router : 1;
};
extern struct ndisc_table *ndisc_hosts;

/* Records each table may hold (preference ndisc.state_limit). */
extern unsigned ndisc_state_limit;

#endif
