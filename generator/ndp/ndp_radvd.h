/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A received Router Advertisement as a radvd.conf(5) interface block. */
#ifndef SOCKGEN_NDP_RADVD_H
#define SOCKGEN_NDP_RADVD_H

#include <stdint.h>
#include <stdio.h>

#include "ndp.h"

/* msg must be an RA (NDP_RA) from src, received on ifname. */
void ndpg_radvd_conf(FILE *f, const char *ifname, const struct ndp_msg *msg,
		     const uint8_t src[16]);

#endif
