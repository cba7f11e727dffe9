/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manifest: JSON Lines, one object per emitted packet. Keys are the plugin's
 * display-filter field names, values the text tshark prints for them with
 * -T fields (several occurrences of one field joined by ',', as tshark
 * does), so `sockgen verify` is a plain string comparison. */
#ifndef SOCKGEN_MANIFEST_H
#define SOCKGEN_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

struct manifest;

/* NULL (errno set) on failure. path "-" writes to stdout. */
struct manifest *manifest_open(const char *path);
/* Start a record; fields added until manifest_end() belong to it. */
void manifest_begin(struct manifest *m);
/* A key given twice in one record appends ",value" (tshark occurrences). */
void manifest_str(struct manifest *m, const char *key, const char *value);
void manifest_fmt(struct manifest *m, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void manifest_uint(struct manifest *m, const char *key, uint64_t v);
/* tshark's text for FT_BOOLEAN (1/0), FT_IPv6, FT_ETHER, FT_BYTES. */
void manifest_bool(struct manifest *m, const char *key, int v);
void manifest_ipv6(struct manifest *m, const char *key, const uint8_t addr[16]);
void manifest_ether(struct manifest *m, const char *key, const uint8_t mac[6]);
void manifest_hex(struct manifest *m, const char *key, const uint8_t *p, size_t n);
/* Write the record as one JSON line. */
void manifest_end(struct manifest *m);
/* Flush and close; 0 or -errno of the first write error. */
int manifest_close(struct manifest *m);
/* Close and remove the file: a failed run leaves nothing half-written. */
void manifest_discard(struct manifest *m);

#endif
