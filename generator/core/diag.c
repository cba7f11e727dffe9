/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen: one-line messages on stderr ("sockgen: <ctx>: <text>") and the
 * version string. Kept out of main.c so the libraries (tests, fuzz
 * harnesses) link without it. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sockgen.h"

const char sockgen_version[] = SOCKSCOPE_VERSION;

__attribute__((format(printf, 2, 0)))
static void vmsg(const char *ctx, const char *fmt, va_list ap)
{
	fputs("sockgen: ", stderr);
	if (ctx && *ctx)
		fprintf(stderr, "%s: ", ctx);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int sg_usage(const char *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, fmt, ap);
	va_end(ap);
	return SG_EXIT_USAGE;
}

int sg_fail(const char *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, fmt, ap);
	va_end(ap);
	return SG_EXIT_RUNTIME;
}

void sg_warn(const char *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(ctx, fmt, ap);
	va_end(ap);
}

int sg_check_out_path(const char *ctx, const char *flag, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return sg_usage(ctx, "--%s '%s': is a directory", flag, path);
	return 0;
}

int sg_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
