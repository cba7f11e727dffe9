/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp replay: ND messages of a capture, edited, sent again. */
#ifndef SOCKGEN_NDP_REPLAY_H
#define SOCKGEN_NDP_REPLAY_H

#include <stddef.h>
#include <stdint.h>

/* Where the IPv6 header starts in a frame of pcap link type dlt: its
 * offset, or -1 when the frame carries no IPv6 (another ethertype, a link
 * type not read). Ethernet (802.1Q/802.1ad tags skipped), Linux cooked
 * (SLL, SLL2), raw IP, IPv6, BSD loopback (NULL/LOOP). */
long ndpg_replay_l3(int dlt, const uint8_t *p, size_t len);

/* argv[0] is "replay". Exit code. */
int cmd_ndp_replay(int argc, char **argv);

#endif
