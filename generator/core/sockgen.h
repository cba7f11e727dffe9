/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen: what every subcommand shares (exit codes, messages, version). */
#ifndef SOCKGEN_H
#define SOCKGEN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit codes (DESIGN.md contract). */
enum {
	SG_EXIT_OK = 0,
	SG_EXIT_RUNTIME = 1,    /* I/O, permission, peer */
	SG_EXIT_USAGE = 2,      /* bad usage or bad input */
	SG_EXIT_MISMATCH = 3,   /* verification mismatch */
};

/* One message on stderr: "sockgen: <ctx>: <text>". ctx names the
 * subcommand and, where there is one, the argument ("ndp ra: --prefix
 * '2001:db8::/129'"). Return the exit code, so callers write
 * `return sg_usage("ndp ra", "--mtu '%s': not a number", arg);`. */
int sg_usage(const char *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sg_fail(const char *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sg_warn(const char *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* An output path that is a directory is bad input (exit 2), found before
 * anything is opened: returns 0, or sg_usage()'s code after saying
 * "--<flag> '<path>': is a directory". "-" (stdout) is always fine. */
int sg_check_out_path(const char *ctx, const char *flag, const char *path);
/* Remove an output that a failed run wrote completely (the other output
 * failed): a regular file only, never "-", a device or a FIFO. */
void sg_remove_output(const char *path);

/* Value of one hex digit (either case), or -1. */
int sg_hexval(int c);
/* A capture's start time: Unix seconds with up to six decimals
 * ("1704067200", "1704067200.25") or UTC as ISO 8601
 * ("2024-01-01T00:00:00Z", "2024-01-01 00:00:00.5"; the Z may go).
 * 0, or -1 for any other text or a time before 1970 or after 2106
 * (pcap's 32-bit seconds). */
struct timeval;
int sg_parse_time(const char *s, struct timeval *tv);

/* The version, for --version and the banners of extcap and vsock's HTTP. */
extern const char sockgen_version[];

#endif
