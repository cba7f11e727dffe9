/* SPDX-License-Identifier: GPL-2.0-or-later */
/* FNV-1a 64 (Fowler-Noll-Vo): the hash live vsock manifests carry, shared by their writer and sockgen verify. */
#ifndef SOCKGEN_FNV1A_H
#define SOCKGEN_FNV1A_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_INIT 0xcbf29ce484222325ULL

/* Continues hash h over n bytes (start with FNV1A_INIT). */
static inline uint64_t fnv1a(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
