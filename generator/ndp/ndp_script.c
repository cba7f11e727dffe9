/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp --script: one message per line in the command-line syntax
 * ("ra --prefix 2001:db8::/64,L,A --mtu 1500"); # starts a comment. */
#include <stddef.h>

#include "ndp_script.h"

int ndpg_split_line(char *line, char **argv, int max, const char **why)
{
	int n = 0;
	char *r = line, *w = line;

	*why = NULL;
	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n')
			r++;
		if (!*r || *r == '#')
			break;
		if (n == max) {
			*why = "too many words";
			return -1;
		}
		argv[n++] = w;
		/* One word: quotes group blanks; no escapes beyond that. */
		while (*r && *r != ' ' && *r != '\t' && *r != '\r' && *r != '\n') {
			if (*r == '\'' || *r == '"') {
				char q = *r++;

				while (*r && *r != q)
					*w++ = *r++;
				if (*r != q) {
					*why = "unterminated quote";
					return -1;
				}
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (!*r) {
			*w = '\0';
			break;
		}
		/* w never passes r: the terminator lands on a consumed octet */
		r++;
		*w++ = '\0';
	}
	return n;
}
