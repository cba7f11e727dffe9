/* SPDX-License-Identifier: GPL-2.0-or-later */
/* When an advertising interface sends its Router Advertisements (RFC 4861
 * 6.2.4, 6.2.6): the clock is the caller's (milliseconds), so the rules are
 * tested without waiting. */
#ifndef SOCKGEN_NDP_RA_SCHED_H
#define SOCKGEN_NDP_RA_SCHED_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 4861 10, router constants */
#define NDPG_MAX_INITIAL_RTR_ADVERT_INTERVAL_MS 16000
#define NDPG_MAX_INITIAL_RTR_ADVERTISEMENTS 3
#define NDPG_MAX_RA_DELAY_TIME_MS 500
#define NDPG_SCHED_NEVER INT64_MAX

struct ndpg_ra_sched {
	/* configuration (milliseconds) */
	int64_t min_ms, max_ms, min_delay_ms;
	bool unicast_only;              /* no multicast RA at all */
	bool solicited_unicast;         /* answer an RS to its source */
	/* state */
	uint64_t rng;
	int64_t next_unsol;             /* next unsolicited multicast RA */
	int64_t next_mcast;             /* a solicited multicast RA, or -1 */
	int64_t last_mcast;             /* the last multicast RA, or -1 */
	unsigned n_mcast;               /* multicast RAs sent */
};

/* What to do about a Router Solicitation. */
enum ndpg_rs_answer {
	NDPG_RS_IGNORE,                 /* an RA to all-nodes comes in time anyway */
	NDPG_RS_MULTICAST,              /* sched->next_mcast set */
	NDPG_RS_UNICAST,                /* to the solicitor at *ret_at */
};

/* Start advertising at now: the first RA is due at once (unless
 * unicast_only). seed: any value (the same seed, the same intervals). */
void ndpg_ra_sched_init(struct ndpg_ra_sched *s, uint64_t seed, int64_t now);
/* Uniform in [0, 1) from the schedule's generator. */
double ndpg_ra_sched_uniform(struct ndpg_ra_sched *s);
/* A multicast RA is due at now. */
bool ndpg_ra_sched_mcast_due(const struct ndpg_ra_sched *s, int64_t now);
/* A multicast RA went out at now: the next unsolicited one is a uniform
 * [min, max] later, at most MAX_INITIAL_RTR_ADVERT_INTERVAL for the first
 * MAX_INITIAL_RTR_ADVERTISEMENTS. */
void ndpg_ra_sched_mcast_sent(struct ndpg_ra_sched *s, int64_t now);
/* A valid RS arrived at now (from :: or not); a unicast answer's time in
 * *ret_at. */
enum ndpg_rs_answer ndpg_ra_sched_rs(struct ndpg_ra_sched *s, int64_t now, bool from_unspec,
				     int64_t *ret_at);

#endif
