/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit property test of the NDP codec (RFC 4861 4.6 option rules): random
 * and mutated messages never crash the parser, whatever parses rebuilds to
 * the very same bytes, and parse(build(parse(x))) agrees with parse(x). */
#include <errno.h>
#include <stdlib.h>

#include "fixtures.h"
#include "ndp.h"

#define ROUNDS 20000

static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

static uint32_t rnd(void)
{
	/* xorshift64*: deterministic, so a failure replays. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * UINT64_C(0x2545f4914f6cdd1d)) >> 32);
}

static const uint8_t msg_types[] = { 133, 134, 135, 136, 137, 141, 142,
				     148, 149 };

static struct ndp_msg m1, m2;
static uint8_t in[4096], out[8192];

/* A message of fixed part + options whose lengths are mostly right. */
static size_t gen(void)
{
	uint8_t type = msg_types[rnd() % sizeof(msg_types)];
	size_t len = ndp_msg_fixed_len(type), nopt = rnd() % 8;

	for (size_t i = 0; i < len; i++)
		in[i] = (uint8_t)rnd();
	in[0] = type;
	in[1] = rnd() % 8 ? 0 : (uint8_t)rnd();
	for (size_t k = 0; k < nopt; k++) {
		const struct ndp_opt_desc *d = NULL;
		uint8_t units;

		if (rnd() % 8)
			d = ndp_opt_desc_at(rnd() % 46);
		units = d ? (uint8_t)(d->min_units +
				      rnd() % (d->max_units - d->min_units + 1 > 4 ?
					       4 : d->max_units - d->min_units + 1))
			  : (uint8_t)(1 + rnd() % 4);
		if (len + (size_t)units * 8 > sizeof(in))
			break;
		in[len] = d ? d->type : (uint8_t)rnd();
		in[len + 1] = units;
		for (size_t i = 2; i < (size_t)units * 8; i++)
			/* Mostly zeros, so names, pads and lengths often
			 * come out valid and deeper paths run. */
			in[len + i] = rnd() % 3 ? 0 : (uint8_t)(rnd() % 24);
		len += (size_t)units * 8;
	}
	/* Sometimes break it: flip a byte or cut the tail. */
	switch (rnd() % 4) {
	case 0:
		in[rnd() % len] ^= (uint8_t)(1u << (rnd() % 8));
		break;
	case 1:
		len -= rnd() % (len < 8 ? len : 8);
		break;
	}
	return len;
}

static void test_property(void)
{
	unsigned parsed_ok = 0, rebuilt_same = 0, bad_bodies = 0;

	for (int r = 0; r < ROUNDS; r++) {
		size_t len = gen(), n = 0;
		int e = ndp_msg_parse(in, len, &m1);

		CU_ASSERT(e == 0 || e == -EBADMSG || e == -E2BIG);
		CU_ASSERT(m1.n_opts <= NDP_MAX_OPTS);
		for (size_t i = 0; i < m1.n_opts; i++) {
			const struct ndp_opt *o = &m1.opts[i];

			CU_ASSERT(o->wire.data >= in &&
				  o->wire.data + o->wire.len <= in + len);
			if (o->err)
				bad_bodies++;
		}
		(void)ndp_msg_check(&m1);
		if (e)
			continue;
		parsed_ok++;
		CU_ASSERT_EQUAL_FATAL(ndp_msg_build(&m1, out, sizeof(out), &n), 0);
		if (n == len && memcmp(out, in, len) == 0)
			rebuilt_same++;
		else
			CU_FAIL("rebuild differs from the parsed bytes");
		CU_ASSERT_EQUAL(ndp_msg_parse(out, n, &m2), 0);
		CU_ASSERT_EQUAL(m2.n_opts, m1.n_opts);
		for (size_t i = 0; i < m1.n_opts && i < m2.n_opts; i++) {
			CU_ASSERT_EQUAL(m2.opts[i].type, m1.opts[i].type);
			CU_ASSERT_EQUAL(m2.opts[i].err, m1.opts[i].err);
		}
	}
	/* The generator must exercise both sides to mean anything. */
	CU_ASSERT(parsed_ok > ROUNDS / 4);
	CU_ASSERT(bad_bodies > 100);
	CU_ASSERT_EQUAL(rebuilt_same, parsed_ok);
}

static void test_single_options(void)
{
	/* Every table type at every length 1..8 with random bodies: the
	 * single-option parser either accepts and rebuilds exactly, or keeps
	 * the body raw with an error, and rebuilds exactly too. */
	const struct ndp_opt_desc *d;
	struct ndp_opt o;

	for (size_t t = 0; (d = ndp_opt_desc_at(t)); t++) {
		for (uint8_t units = 1; units <= 8; units++) {
			for (int k = 0; k < 50; k++) {
				size_t len = (size_t)units * 8, n = 0;
				int e;

				in[0] = d->type;
				in[1] = units;
				for (size_t i = 2; i < len; i++)
					in[i] = rnd() % 2 ? 0 : (uint8_t)(rnd() % 20);
				e = ndp_opt_parse(in, len, &o);
				CU_ASSERT(e == 0 || e == -EBADMSG);
				CU_ASSERT_EQUAL(o.err, e);
				(void)ndp_opt_check(&o);
				CU_ASSERT_EQUAL_FATAL(ndp_opt_build(&o, out,
								    sizeof(out),
								    &n), 0);
				CU_ASSERT_EQUAL(n, len);
				CU_ASSERT_EQUAL(memcmp(out, in, len), 0);
			}
		}
	}
}

int main(void)
{
	static const struct fx_test t[] = {
		{ "random messages: no crash, exact rebuild", test_property },
		{ "every type x length 1..8", test_single_options },
		{ NULL, NULL },
	};

	fx_touch();
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (fx_add_suite("ndp property", t)) {
		CU_cleanup_registry();
		return 1;
	}
	return fx_run();
}
