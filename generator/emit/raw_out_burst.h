/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Batched sending on sockgen's raw ICMPv6 output (raw_out.c): one
 * sendmmsg(2) per batch of identical messages, for unpaced --count runs.
 * The single-message API stays in live_out.h. */
#ifndef SOCKGEN_RAW_OUT_BURST_H
#define SOCKGEN_RAW_OUT_BURST_H

#include <stddef.h>
#include <stdint.h>

#include "live_out.h"

/* Largest batch one raw_out_send_burst() call passes to the kernel. */
#define RAW_OUT_BURST 64

/* Send the same ICMPv6 message up to n times (at most RAW_OUT_BURST per
 * system call, as many calls as needed). Returns how many were sent (n
 * unless an error stopped it early after at least one was sent), or
 * -errno when the first one failed. */
long raw_out_send_burst(struct raw_out *r, const uint8_t *icmp, size_t len,
			const uint8_t src[16], const uint8_t dst[16], int hop_limit,
			unsigned long n);

#endif
