/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp: parsers of argument values (IPv6 addresses and prefixes
 * (RFC 4291 2.2/2.3), MACs, numbers, lifetimes, hex strings). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndpg.h"
#include "sockgen.h"

uint8_t *ndpg_alloc(struct ndpg_msg *m, size_t n)
{
	uint8_t *p;

	if (n > NDPG_STORE_CAP - m->store_len)
		return NULL;
	p = m->store + m->store_len;
	memset(p, 0, n);
	m->store_len += n;
	return p;
}

const char *ndpg_parse_ipv6(const char *s, uint8_t out[16])
{
	if (!*s)
		return "empty address";
	if (inet_pton(AF_INET6, s, out) != 1)
		return "not an IPv6 address";
	return NULL;
}

const char *ndpg_parse_prefix(const char *s, uint8_t out[16], uint8_t *len)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	uint64_t l;
	size_t n;

	if (!slash)
		return "expected PREFIX/LEN";
	n = (size_t)(slash - s);
	if (n == 0 || n >= sizeof(buf))
		return "not an IPv6 prefix";
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, out) != 1)
		return "not an IPv6 prefix";
	if (ndpg_parse_uint(slash + 1, UINT64_MAX, &l) || l > 128)
		return "prefix length must be 0..128";
	*len = (uint8_t)l;
	return NULL;
}

const char *ndpg_parse_mac(const char *s, uint8_t out[6])
{
	unsigned v[6];
	char tail;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4],
		   &v[5], &tail) != 6 && sscanf(s, "%x-%x-%x-%x-%x-%x%c", &v[0], &v[1],
		   &v[2], &v[3], &v[4], &v[5], &tail) != 6)
		return "not a MAC address (xx:xx:xx:xx:xx:xx)";
	for (int i = 0; i < 6; i++) {
		if (v[i] > 0xff)
			return "not a MAC address (xx:xx:xx:xx:xx:xx)";
		out[i] = (uint8_t)v[i];
	}
	/* sscanf's %x accepts signs and spaces: accept only hex digits. */
	for (const char *p = s; *p; p++)
		if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '-')
			return "not a MAC address (xx:xx:xx:xx:xx:xx)";
	return NULL;
}

const char *ndpg_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || !(isdigit((unsigned char)*s)))
		return "not a number";
	errno = 0;
	v = strtoull(s, &end, 0);
	if (*end)
		return "not a number";
	if (errno == ERANGE || v > max)
		return "out of range";
	*out = v;
	return NULL;
}

const char *ndpg_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	long long v;
	char *end;

	if (!*s || !(isdigit((unsigned char)*s) || *s == '-' || *s == '+'))
		return "not a number";
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*end)
		return "not a number";
	if (errno == ERANGE || v < min || v > max)
		return "out of range";
	*out = v;
	return NULL;
}

const char *ndpg_parse_lifetime(const char *s, uint64_t max, uint64_t *out)
{
	char num[32];
	size_t n = strlen(s);
	uint64_t mult = 1, v;

	if (!strcmp(s, "infinity") || !strcmp(s, "inf")) {
		*out = max;
		return NULL;
	}
	if (n == 0 || n >= sizeof(num))
		return "not a lifetime (seconds, Ns/m/h/d or infinity)";
	memcpy(num, s, n + 1);
	switch (num[n - 1]) {
	case 's': mult = 1; num[n - 1] = '\0'; break;
	case 'm': mult = 60; num[n - 1] = '\0'; break;
	case 'h': mult = 3600; num[n - 1] = '\0'; break;
	case 'd': mult = 86400; num[n - 1] = '\0'; break;
	default: break;
	}
	if (ndpg_parse_uint(num, UINT32_MAX, &v))
		return "not a lifetime (seconds, Ns/m/h/d or infinity)";
	if (v * mult > max)
		return "lifetime out of range";
	*out = v * mult;
	return NULL;
}

const char *ndpg_parse_hex(struct ndpg_msg *m, const char *s, const uint8_t **ret,
			   size_t *ret_len)
{
	size_t digits = 0;
	uint8_t *p;
	size_t n = 0;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		s += 2;
	for (const char *c = s; *c; c++) {
		if (sg_hexval((unsigned char)*c) >= 0)
			digits++;
		else if (*c != ':' && *c != '-' && *c != ' ' && *c != '.')
			return "not a hex string";
	}
	if (digits % 2)
		return "odd number of hex digits";
	p = ndpg_alloc(m, digits / 2);
	if (!p)
		return "too long for one message";
	for (const char *c = s; *c; c++) {
		int hi = sg_hexval((unsigned char)*c), lo;

		if (hi < 0)
			continue;
		/* a separator may only sit between octets */
		lo = sg_hexval((unsigned char)c[1]);
		if (lo < 0)
			return "not a hex string (separators go between octets)";
		p[n++] = (uint8_t)(hi << 4 | lo);
		c++;
	}
	*ret = p;
	*ret_len = n;
	return NULL;
}
