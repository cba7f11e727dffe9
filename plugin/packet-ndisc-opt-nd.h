/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of core ND and router configuration (as codec/ndp_opt_nd.c): packet-ndisc-opt-nd.c. */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_ND_H
#define SOCKSCOPE_PACKET_NDISC_OPT_ND_H

#include "packet-ndisc-opt-helpers.h"

/* one row per option type, ended by a row with fn NULL */
extern const struct ndisc_opt_row ndisc_opt_nd_rows[];
/* the group's fields, subtrees and expert infos */
void ndisc_opt_nd_register(void);

#endif
