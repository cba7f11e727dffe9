/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Router Advertisement timing of RFC 4861 6.2.4 (unsolicited RAs at
 * uniformly random intervals, shorter at first) and 6.2.6 (an RS answered
 * after a random delay of at most MAX_RA_DELAY_TIME, to all-nodes at most
 * once per MIN_DELAY_BETWEEN_RAS, or to the solicitor as radvd's
 * AdvRASolicitedUnicast does). */
#include "ndp_ra_sched.h"

void ndpg_ra_sched_init(struct ndpg_ra_sched *s, uint64_t seed, int64_t now)
{
	s->rng = seed * 0x9e3779b97f4a7c15ull + 1;      /* never 0 (xorshift) */
	if (!s->rng)
		s->rng = 1;
	s->next_unsol = s->unicast_only ? NDPG_SCHED_NEVER : now;
	s->next_mcast = -1;
	s->last_mcast = -1;
	s->n_mcast = 0;
}

/* xorshift64*: not for secrets; a seed replays a run */
double ndpg_ra_sched_uniform(struct ndpg_ra_sched *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (double)((s->rng * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

bool ndpg_ra_sched_mcast_due(const struct ndpg_ra_sched *s, int64_t now)
{
	return (s->next_mcast >= 0 && s->next_mcast <= now) || s->next_unsol <= now;
}

void ndpg_ra_sched_mcast_sent(struct ndpg_ra_sched *s, int64_t now)
{
	int64_t iv = s->min_ms + (int64_t)(ndpg_ra_sched_uniform(s) * (double)(s->max_ms - s->min_ms + 1));

	if (iv > s->max_ms)
		iv = s->max_ms;
	if (++s->n_mcast <= NDPG_MAX_INITIAL_RTR_ADVERTISEMENTS &&
	    iv > NDPG_MAX_INITIAL_RTR_ADVERT_INTERVAL_MS)
		iv = NDPG_MAX_INITIAL_RTR_ADVERT_INTERVAL_MS;
	s->last_mcast = now;
	s->next_mcast = -1;
	s->next_unsol = s->unicast_only ? NDPG_SCHED_NEVER : now + iv;
}

enum ndpg_rs_answer ndpg_ra_sched_rs(struct ndpg_ra_sched *s, int64_t now, bool from_unspec,
				     int64_t *ret_at)
{
	int64_t delay = (int64_t)(ndpg_ra_sched_uniform(s) * (NDPG_MAX_RA_DELAY_TIME_MS + 1));
	int64_t t;

	if (delay > NDPG_MAX_RA_DELAY_TIME_MS)
		delay = NDPG_MAX_RA_DELAY_TIME_MS;
	/* an RS from :: has no address to answer to (RFC 4861 6.2.6) */
	if ((s->solicited_unicast || s->unicast_only) && !from_unspec) {
		*ret_at = now + delay;
		return NDPG_RS_UNICAST;
	}
	if (s->unicast_only || s->next_mcast >= 0)
		return NDPG_RS_IGNORE;          /* nowhere to answer / one is due */
	t = now + delay;
	if (s->last_mcast >= 0 && now - s->last_mcast < s->min_delay_ms)
		t = s->last_mcast + s->min_delay_ms + delay;
	if (t >= s->next_unsol)
		return NDPG_RS_IGNORE;          /* the unsolicited one comes first */
	s->next_mcast = t;
	return NDPG_RS_MULTICAST;
}
