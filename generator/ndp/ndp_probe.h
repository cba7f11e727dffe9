/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ask and wait, as rdisc6 and ndisc6 do: send a solicitation, wait for the
 * answers, try again a few times. sockgen ndp solicit (RS -> RA) and
 * resolve (NS -> NA, DAD probes) share the options and the loop. */
#ifndef SOCKGEN_NDP_PROBE_H
#define SOCKGEN_NDP_PROBE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "live_out.h"
#include "ndp_link.h"

struct manifest;

struct ndpg_probe {
	const char *ctx;                /* "ndp solicit" */
	const char *ifname;
	struct netif ni;
	uint64_t retries, wait_ms;      /* -r, -w: 3 tries of 1000 ms each */
	bool single, multiple, json;    /* -1, -m, --json */
	uint8_t src[16];                /* -s / --src */
	bool have_src;
	bool link_layer;                /* send frames (libnet), e.g. from :: */
	/* Per subcommand: the line of the message of try number n (from 0),
	 * written into line (cap octets); whether a received message is an
	 * answer; the text of an answer. */
	int (*line)(struct ndpg_probe *p, unsigned n, char *line, size_t cap);
	bool (*answers)(struct ndpg_probe *p, const struct ndp_msg *msg,
			const struct ndpg_pkt *pk);
	void (*show)(struct ndpg_probe *p, const struct ndp_msg *msg,
		     const struct ndpg_pkt *pk);
	void (*begin)(struct ndpg_probe *p);    /* once set up; may be NULL */
	void *data;                     /* the subcommand's own state */
	/* set up by ndpg_probe_run */
	struct ndpg_rx rx;
	struct raw_out *raw;
	struct link_out *link;
	struct ndpg_msg *m;
	struct manifest *mf;
	uint64_t got;
};

/* The shared options, for a getopt_long table and its short string. */
#define NDPG_PROBE_SHORT "r:w:1ms:h"
#define NDPG_PROBE_LONG \
	{ "retries", required_argument, NULL, 'r' }, \
	{ "wait", required_argument, NULL, 'w' }, \
	{ "single", no_argument, NULL, '1' }, \
	{ "multiple", no_argument, NULL, 'm' }, \
	{ "src", required_argument, NULL, 's' }, \
	{ "json", no_argument, NULL, 'j' }, \
	{ "help", no_argument, NULL, 'h' }

/* Defaults of the shared options. */
void ndpg_probe_init(struct ndpg_probe *p, const char *ctx);
/* One shared option c with its argument: 0, 2 (message printed), or 1 when
 * c is not a shared option. */
int ndpg_probe_opt(struct ndpg_probe *p, int c, const char *arg, char **argv);
/* getopt_long over argv with opts (NDPG_PROBE_LONG and the subcommand's
 * own, which go to own()); leaves optind at the first positional argument.
 * 0, -1 after --help (usage printed), or the exit code. */
int ndpg_probe_args(struct ndpg_probe *p, int argc, char **argv, const struct option *opts,
		    void (*usage)(FILE *),
		    int (*own)(struct ndpg_probe *p, int c, const char *arg));
/* Open the sockets, send the tries, print the answers. Exit code: 0 (see
 * p->got for the answers), 1 runtime failure, 2 bad input. */
int ndpg_probe_run(struct ndpg_probe *p);

#endif
