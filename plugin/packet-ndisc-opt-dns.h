/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of DNS and provisioning domains (as codec/ndp_opt_dns.c): packet-ndisc-opt-dns.c. */
#ifndef SOCKSCOPE_PACKET_NDISC_OPT_DNS_H
#define SOCKSCOPE_PACKET_NDISC_OPT_DNS_H

#include "packet-ndisc-opt-helpers.h"

/* one row per option type, ended by a row with fn NULL */
extern const struct ndisc_opt_row ndisc_opt_dns_rows[];
/* the group's fields, subtrees and expert infos */
void ndisc_opt_dns_register(void);

#endif
