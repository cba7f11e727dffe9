/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON text for sockgen's own outputs (the manifest writer has its own,
 * buffered one). */
#ifndef SOCKGEN_JSON_H
#define SOCKGEN_JSON_H

#include <stdio.h>

/* s as a JSON string (RFC 8259 7: quote, backslash and control characters
 * escaped), or null for NULL. */
void sg_json_str(FILE *f, const char *s);

#endif
