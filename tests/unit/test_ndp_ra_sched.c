/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit suite for the Router Advertisement timing of sockgen ndp router
 * (generator/ndp/ndp_ra_sched.c), on a clock the test moves: RFC 4861
 * 6.2.4 (intervals uniform in [MinRtrAdvInterval, MaxRtrAdvInterval], the
 * first MAX_INITIAL_RTR_ADVERTISEMENTS at most MAX_INITIAL_RTR_ADVERT_INTERVAL
 * apart) and 6.2.6 (RS answers after 0..MAX_RA_DELAY_TIME, to all-nodes at
 * most once per MIN_DELAY_BETWEEN_RAS; unicast as radvd's
 * AdvRASolicitedUnicast and UnicastOnly). */
#include "fixtures.h"
#include "ndp_ra_sched.h"

static struct ndpg_ra_sched make(int64_t min_ms, int64_t max_ms, uint64_t seed)
{
	struct ndpg_ra_sched s = { .min_ms = min_ms, .max_ms = max_ms, .min_delay_ms = 3000 };

	ndpg_ra_sched_init(&s, seed, 0);
	return s;
}

/* Run the unsolicited RAs of n rounds; the intervals into iv. */
static void rounds(struct ndpg_ra_sched *s, int n, int64_t *iv)
{
	int64_t now = 0;

	for (int i = 0; i < n; i++) {
		CU_ASSERT_FATAL(ndpg_ra_sched_mcast_due(s, now));
		ndpg_ra_sched_mcast_sent(s, now);
		CU_ASSERT(!ndpg_ra_sched_mcast_due(s, now));
		iv[i] = s->next_unsol - now;
		now = s->next_unsol;
	}
}

static void test_intervals(void)
{
	int64_t iv[2000], lo = INT64_MAX, hi = 0;

	/* the first RA at once, then every interval in [min, max] */
	for (uint64_t seed = 0; seed < 4; seed++) {
		struct ndpg_ra_sched s = make(3000, 4000, seed);

		CU_ASSERT(ndpg_ra_sched_mcast_due(&s, 0));
		rounds(&s, 2000, iv);
		for (int i = 0; i < 2000; i++) {
			CU_ASSERT(iv[i] >= 3000 && iv[i] <= 4000);
			lo = iv[i] < lo ? iv[i] : lo;
			hi = iv[i] > hi ? iv[i] : hi;
		}
	}
	/* uniform: both ends of the range are reached closely */
	CU_ASSERT(lo < 3010);
	CU_ASSERT(hi > 3990);
}

static void test_initial(void)
{
	struct ndpg_ra_sched s = make(198000, 600000, 1);
	int64_t iv[6];

	rounds(&s, 6, iv);
	/* RFC 4861 6.2.4: at most 16 s after each of the first three */
	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(iv[i], NDPG_MAX_INITIAL_RTR_ADVERT_INTERVAL_MS);
	for (int i = 3; i < 6; i++)
		CU_ASSERT(iv[i] >= 198000 && iv[i] <= 600000);
}

static void test_seed(void)
{
	struct ndpg_ra_sched a = make(3000, 4000, 42), b = make(3000, 4000, 42), c = make(3000, 4000, 43);
	int64_t ia[20], ib[20], ic[20];

	rounds(&a, 20, ia);
	rounds(&b, 20, ib);
	rounds(&c, 20, ic);
	CU_ASSERT_EQUAL(memcmp(ia, ib, sizeof(ia)), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(ia, ic, sizeof(ia)), 0);
}

static void test_rs_multicast(void)
{
	struct ndpg_ra_sched s = make(30000, 40000, 7);
	int64_t at = -1;

	ndpg_ra_sched_mcast_sent(&s, 0);                /* the initial RA at 0 */
	/* RS at 1 s: within MIN_DELAY_BETWEEN_RAS of the last: 3 s + 0..0.5 s after it */
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, 1000, false, &at), NDPG_RS_MULTICAST);
	CU_ASSERT(s.next_mcast >= 3000 && s.next_mcast <= 3500);
	CU_ASSERT(!ndpg_ra_sched_mcast_due(&s, 2999));
	/* a second RS while one is pending: no second answer */
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, 1500, false, &at), NDPG_RS_IGNORE);
	ndpg_ra_sched_mcast_sent(&s, s.next_mcast);
	/* long after: answered within 0..0.5 s */
	for (int i = 0; i < 200; i++) {
		int64_t now = s.last_mcast + 3000 + i, last = s.last_mcast;

		s.next_unsol = now + 100000;
		CU_ASSERT_EQUAL_FATAL(ndpg_ra_sched_rs(&s, now, false, &at), NDPG_RS_MULTICAST);
		CU_ASSERT(s.next_mcast >= now && s.next_mcast <= now + NDPG_MAX_RA_DELAY_TIME_MS);
		ndpg_ra_sched_mcast_sent(&s, s.next_mcast);
		CU_ASSERT(s.last_mcast - last >= 3000);
	}
	/* the unsolicited RA comes before the answer would: ignored */
	s.next_unsol = s.last_mcast + 3000;
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, s.last_mcast + 2900, false, &at), NDPG_RS_IGNORE);
	CU_ASSERT_EQUAL(s.next_mcast, -1);
}

static void test_rs_unicast(void)
{
	struct ndpg_ra_sched s = make(3000, 4000, 9);
	int64_t at;

	s.solicited_unicast = true;
	ndpg_ra_sched_mcast_sent(&s, 0);
	/* to the solicitor within 0..0.5 s, whatever the last multicast RA */
	for (int i = 0; i < 500; i++) {
		CU_ASSERT_EQUAL_FATAL(ndpg_ra_sched_rs(&s, 100 + i, false, &at), NDPG_RS_UNICAST);
		CU_ASSERT(at >= 100 + i && at <= 100 + i + NDPG_MAX_RA_DELAY_TIME_MS);
	}
	CU_ASSERT_EQUAL(s.next_mcast, -1);
	/* from :: there is no address to answer: all-nodes */
	s.next_unsol = 100000;
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, 3000, true, &at), NDPG_RS_MULTICAST);
	CU_ASSERT(s.next_mcast >= 3000 && s.next_mcast <= 3500);

	/* UnicastOnly: never a multicast RA */
	s = (struct ndpg_ra_sched){ .min_ms = 3000, .max_ms = 4000, .min_delay_ms = 3000,
				    .unicast_only = true };
	ndpg_ra_sched_init(&s, 1, 0);
	CU_ASSERT(!ndpg_ra_sched_mcast_due(&s, 0));
	CU_ASSERT(!ndpg_ra_sched_mcast_due(&s, INT64_MAX - 1));
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, 10, false, &at), NDPG_RS_UNICAST);
	CU_ASSERT_EQUAL(ndpg_ra_sched_rs(&s, 10, true, &at), NDPG_RS_IGNORE);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "intervals uniform in [min, max], the first RA at once", test_intervals },
		{ "the first three at most 16 s apart", test_initial },
		{ "a seed replays the intervals", test_seed },
		{ "RS: all-nodes once per MIN_DELAY_BETWEEN_RAS", test_rs_multicast },
		{ "RS: unicast, UnicastOnly", test_rs_unicast },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS || fx_add_suite("RA timing", tests))
		return 1;
	return fx_run();
}
