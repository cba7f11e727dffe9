/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text of received ND messages in rdisc6's layout ("Label   :  value"):
 * the RA header, and every option with all its values, from the codec's
 * parse results and its field table (codec/ndp_fields.c). */
#ifndef SOCKGEN_NDP_SHOW_H
#define SOCKGEN_NDP_SHOW_H

#include <stdint.h>
#include <stdio.h>

#include "ndp.h"

/* RFC 4191 2.1: "medium", "high", "reserved", "low" for 0..3. */
const char *ndpg_prf_name(uint8_t prf);
/* The RA header fields, one line each (hop limit ... retransmit time). */
void ndpg_show_ra(FILE *f, const struct ndp_ra *ra);
/* The NA flags, one line each (router, solicited, override). */
void ndpg_show_na(FILE *f, const struct ndp_na *na);
/* Every option of msg, each with all its fields, in wire order: headings
 * indented by base blanks (1 under an RA header, as rdisc6; 0 for an NA,
 * as ndisc6), their fields by one more. */
void ndpg_show_opts(FILE *f, int base, const struct ndp_msg *msg);

#endif
