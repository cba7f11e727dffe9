/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen: one-line messages on stderr ("sockgen: <ctx>: <text>"), the
 * version string, and the checks every subcommand makes of its outputs
 * and start time. Kept out of main.c so the libraries (tests, fuzz
 * harnesses) link without it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

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

void sg_remove_output(const char *path)
{
	struct stat st;

	if (path && strcmp(path, "-") && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		unlink(path);
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

/* Up to six decimals after a '.', as microseconds; *end past them. */
static int parse_usec(const char *s, long *usec, const char **end)
{
	long v = 0;
	int n = 0;

	if (*s != '.') {
		*usec = 0;
		*end = s;
		return 0;
	}
	for (s++; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == 6)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (n == 0)
		return -1;
	for (; n < 6; n++)
		v *= 10;
	*usec = v;
	*end = s;
	return 0;
}

int sg_parse_time(const char *s, struct timeval *tv)
{
	const char *end;
	long usec;
	long long secs;

	if (*s >= '0' && *s <= '9' && !strpbrk(s, "-: T")) {
		char *e;

		errno = 0;
		secs = strtoll(s, &e, 10);
		if (errno || parse_usec(e, &usec, &end) || *end)
			return -1;
	} else {
		struct tm tm = { 0 };
		int y, mo, d, h, mi, sec, n = 0;

		if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
		    n == 0 || parse_usec(s + n, &usec, &end))
			return -1;
		if (*end == 'Z')
			end++;
		if (*end || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
			return -1;
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		secs = (long long)timegm(&tm);
		/* timegm() normalises 2024-02-31 to March: refuse it */
		struct tm back;

		if (!gmtime_r(&(time_t){ (time_t)secs }, &back) || back.tm_mday != d ||
		    back.tm_mon != mo - 1)
			return -1;
	}
	if (secs < 0 || secs > 0xffffffffLL)
		return -1;
	tv->tv_sec = (time_t)secs;
	tv->tv_usec = usec;
	return 0;
}
