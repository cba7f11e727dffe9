/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DNS names in wire form for ND options (RFC 1035 3.1, uncompressed, as
 * required by RFC 8106 5.2, RFC 8801 3.1 and RFC 9463 6.1). */
#include <stdio.h>

#include "ndp_internal.h"

#define DNS_LABEL_MAX 63
#define DNS_NAME_MAX 255

int ndp_dns_name_encode(const char *name, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	size_t n = 0, in_len;
	const char *p;

	if (!name || (!buf && cap))
		return -EINVAL;
	in_len = strlen(name);
	/* "" and "." are the root; one trailing dot is allowed. */
	if (in_len && name[in_len - 1] == '.')
		in_len--;
	p = name;
	while (p < name + in_len) {
		const char *dot = memchr(p, '.', (size_t)(name + in_len - p));
		size_t l = dot ? (size_t)(dot - p) : (size_t)(name + in_len - p);

		if (l == 0 || l > DNS_LABEL_MAX)
			return -EINVAL;
		if (n + 1 + l + 1 > DNS_NAME_MAX)
			return -EINVAL;
		if (cap < n + 1 + l)
			return -ENOSPC;
		buf[n++] = (uint8_t)l;
		memcpy(buf + n, p, l);
		n += l;
		p += l + (dot ? 1 : 0);
		if (dot && p == name + in_len)
			return -EINVAL;     /* "a..": empty last label */
	}
	if (cap < n + 1)
		return -ENOSPC;
	buf[n++] = 0;
	if (ret_len)
		*ret_len = n;
	return 0;
}

int ndp_dns_name_len(const uint8_t *p, size_t len, size_t *ret_len)
{
	size_t off = 0;

	for (;;) {
		uint8_t l;

		if (off >= len)
			return -EBADMSG;        /* no root label */
		l = p[off];
		if (l == 0)
			break;
		if (l > DNS_LABEL_MAX)
			return -EBADMSG;        /* compression or bad label */
		if (len - off - 1 < l)
			return -EBADMSG;
		off += 1 + (size_t)l;
		if (off + 1 > DNS_NAME_MAX)
			return -EBADMSG;
	}
	*ret_len = off + 1;
	return 0;
}

int ndp_dns_name_decode(const uint8_t *buf, size_t len, size_t *off,
			char *out, size_t out_cap)
{
	size_t o, w = 0, n;
	int r;

	if (!off || !out || !out_cap || (!buf && len))
		return -EINVAL;
	o = *off;
	if (o >= len || (buf[o] == 0 && ndp_all_zero(buf + o, len - o)))
		return -ENOENT;
	if (buf[o] == 0)
		return -EBADMSG;        /* an empty name in the middle */
	r = ndp_dns_name_len(buf + o, len - o, &n);
	if (r < 0)
		return r;
	while (buf[o]) {
		uint8_t l = buf[o++];

		if (w) {
			if (w + 1 >= out_cap)
				return -ENOSPC;
			out[w++] = '.';
		}
		for (uint8_t i = 0; i < l; i++, o++) {
			uint8_t c = buf[o];

			/* Keep the text unambiguous: escape dots, backslashes
			 * and non-printables as \DDD (RFC 4343 2.1 style). */
			if (c == '.' || c == '\\' || c <= 0x20 || c >= 0x7f) {
				if (w + 4 >= out_cap)
					return -ENOSPC;
				snprintf(out + w, 5, "\\%03u", c);
				w += 4;
			} else {
				if (w + 1 >= out_cap)
					return -ENOSPC;
				out[w++] = (char)c;
			}
		}
	}
	out[w] = 0;
	*off = o + 1;
	return 0;
}
