/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest: JSON Lines, one object per emitted packet. Keys are the plugin's
 * display-filter field names, values the text tshark prints for them with
 * -T fields (several occurrences of one field joined by ',', as tshark
 * does), so `sockgen verify` is a plain string comparison.
 *
 * Two forms, both one JSON object per line and per packet:
 *   full     every record whole: {"ipv6.src": "fe80::1", ...}
 *   compact  a record with the same keys, in the same order, as the record
 *            before it is written as the keys whose values changed, after
 *            the marker key "=": {"=":"","ndisc.checksum":"0x6d1e"}; any
 *            other record is written whole. Readers (sockgen verify,
 *            tests/lib/sstest.py) expand it. A run of identical packets
 *            costs a few octets each.
 * The writer keeps no allocation per field: keys go into one buffer per
 * record and values into another, a key given again chains its value to the
 * first, and the record before is kept for the comparison. */
#ifndef SOCKGEN_MANIFEST_H
#define SOCKGEN_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct manifest;

/* The marker key of a compact record ("same as the record before, but"). */
#define MANIFEST_SAME_KEY "="

/* NULL (errno set) on failure. path "-" writes to stdout. Full form. */
struct manifest *manifest_open(const char *path);
/* Switch to the compact form (before the first record). */
void manifest_set_compact(struct manifest *m, bool compact);
/* "full" or "compact" to *compact; -1 for any other word. */
int manifest_parse_format(const char *word, bool *compact);
/* Start a record; fields added until manifest_end() belong to it. */
void manifest_begin(struct manifest *m);
/* A key given twice in one record appends ",value" (tshark occurrences).
 * Keys are recognised by their address first: a key's text must not change
 * while the manifest is open (string literals, or names kept for the run). */
void manifest_str(struct manifest *m, const char *key, const char *value);
void manifest_mem(struct manifest *m, const char *key, const char *value, size_t len);
void manifest_fmt(struct manifest *m, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void manifest_uint(struct manifest *m, const char *key, uint64_t v);
/* "0x" and 2 * octets lowercase hex digits: a checksum, a flags word. */
void manifest_hexint(struct manifest *m, const char *key, uint64_t v, unsigned octets);
/* tshark's text for FT_BOOLEAN (1/0), FT_IPv6, FT_ETHER, FT_BYTES. */
void manifest_bool(struct manifest *m, const char *key, int v);
void manifest_ipv6(struct manifest *m, const char *key, const uint8_t addr[16]);
void manifest_ether(struct manifest *m, const char *key, const uint8_t mac[6]);
void manifest_hex(struct manifest *m, const char *key, const uint8_t *p, size_t n);
/* Fail the manifest with -errno err (a writer's own failure): close returns it. */
void manifest_set_error(struct manifest *m, int err);
/* Write the record as one JSON line. */
void manifest_end(struct manifest *m);

/* Segments: the fields a writer added from a mark on, saved to be added
 * again unchanged to a later record (the fields of an option whose octets
 * did not change since the packet before), without formatting them. */
struct manifest_seg;
struct manifest_seg *manifest_seg_new(void);
void manifest_seg_free(struct manifest_seg *s);
/* The record's position, for manifest_seg_save(). */
size_t manifest_mark(const struct manifest *m);
/* Save the fields added since mark into s (what s held is dropped). */
void manifest_seg_save(struct manifest *m, size_t mark, struct manifest_seg *s);
/* Add s's fields to the record, as if added one by one again. */
void manifest_seg_put(struct manifest *m, struct manifest_seg *s);
/* A writer's own state, kept with the manifest and freed with it. */
void *manifest_user(const struct manifest *m);
void manifest_set_user(struct manifest *m, void *user, void (*free_user)(void *));
/* Records written so far. */
uint64_t manifest_records(const struct manifest *m);
/* Flush and close; 0 or -errno of the first write error. After an error a
 * regular file it wrote is removed (nothing half-written is left); a
 * device or FIFO is never removed. */
int manifest_close(struct manifest *m);
/* Close and remove the file (a regular file only): a failed run leaves
 * nothing half-written. */
void manifest_discard(struct manifest *m);

#endif
