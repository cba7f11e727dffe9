/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of mobile IPv6 handovers (as codec/ndp_opt_mobility.c): packet-ndisc-opt-mobility.c. */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_MOBILITY_H
#define SOCKSCOPE_PACKET_NDISC_OPT_MOBILITY_H

#include "packet-ndisc-opt-helpers.h"

/* one row per option type, ended by a row with fn NULL */
extern const struct ndisc_opt_row ndisc_opt_mobility_rows[];
/* the group's fields, subtrees and expert infos */
void ndisc_opt_mobility_register(void);

#endif
