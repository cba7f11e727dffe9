/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of SEcure ND and its successors (as codec/ndp_opt_send.c): packet-ndisc-opt-send.c. */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_SEND_H
#define SOCKSCOPE_PACKET_NDISC_OPT_SEND_H

#include "packet-ndisc-opt-helpers.h"

/* one row per option type, ended by a row with fn NULL */
extern const struct ndisc_opt_row ndisc_opt_send_rows[];
/* the group's fields, subtrees and expert infos */
void ndisc_opt_send_register(void);

#endif
