/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of 6LoWPAN ND (as codec/ndp_opt_6lo.c): packet-ndisc-opt-6lo.c. */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_6LO_H
#define SOCKSCOPE_PACKET_NDISC_OPT_6LO_H

#include "packet-ndisc-opt-helpers.h"

/* one row per option type, ended by a row with fn NULL */
extern const struct ndisc_opt_row ndisc_opt_6lo_rows[];
/* the group's fields, subtrees and expert infos */
void ndisc_opt_6lo_register(void);

#endif
