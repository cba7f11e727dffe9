/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen: shared declarations of the CLI (subcommands, exit codes, messages). */
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

/* Value of one hex digit (either case), or -1. */
int sg_hexval(int c);

/* Subcommands: argv[0] is the subcommand name. */
int cmd_ndp(int argc, char **argv);
int cmd_vsock(int argc, char **argv);
int cmd_capture(int argc, char **argv);
int cmd_verify(int argc, char **argv);
/* extcap.c: Wireshark's extcap protocol; also main() when invoked as
 * sockgen-extcap (argv[0] is then the program). */
int cmd_extcap(int argc, char **argv);

extern const char sockgen_version[];

#endif
