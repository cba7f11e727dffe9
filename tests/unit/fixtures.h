/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared test fixtures: documentation addresses (RFC 3849), link-local and
 * MAC addresses used across the CUnit suites, and the runner boilerplate. */
#ifndef SOCKSCOPE_TEST_FIXTURES_H
#define SOCKSCOPE_TEST_FIXTURES_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

/* 2001:db8:: (the documentation prefix) */
#define FX_DOC_PREFIX_BYTES 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, \
			    0, 0, 0, 0, 0, 0, 0, 0
/* 2001:db8::1 */
#define FX_DOC_ADDR1_BYTES 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, \
			   0, 0, 0, 0, 0, 0, 0, 0x01
/* 2001:db8::2 */
#define FX_DOC_ADDR2_BYTES 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, \
			   0, 0, 0, 0, 0, 0, 0, 0x02
/* fe80::1 */
#define FX_LL1_BYTES 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
/* ff02::1 (all nodes) */
#define FX_ALL_NODES_BYTES 0xff, 0x02, 0, 0, 0, 0, 0, 0, \
			   0, 0, 0, 0, 0, 0, 0, 0x01
/* ff02::1:ff00:1 (solicited-node multicast of ...:1) */
#define FX_SOLNODE1_BYTES 0xff, 0x02, 0, 0, 0, 0, 0, 0, \
			  0, 0, 0, 0x01, 0xff, 0, 0, 0x01
/* de:ad:be:ef:de:ad and 02:00:00:00:00:01 (sockgen's pcap default) */
#define FX_MAC_DEAD_BYTES 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad
#define FX_MAC_DEF_BYTES 0x02, 0x00, 0x00, 0x00, 0x00, 0x01

static const uint8_t fx_doc_prefix[16] = { FX_DOC_PREFIX_BYTES };
static const uint8_t fx_doc_addr1[16] = { FX_DOC_ADDR1_BYTES };
static const uint8_t fx_doc_addr2[16] = { FX_DOC_ADDR2_BYTES };
static const uint8_t fx_ll1[16] = { FX_LL1_BYTES };
static const uint8_t fx_all_nodes[16] = { FX_ALL_NODES_BYTES };
static const uint8_t fx_solnode1[16] = { FX_SOLNODE1_BYTES };
static const uint8_t fx_mac_dead[6] = { FX_MAC_DEAD_BYTES };
static const uint8_t fx_mac_def[6] = { FX_MAC_DEF_BYTES };

/* Register one suite of { name, fn } pairs; 0 or -1. */
struct fx_test {
	const char *name;
	CU_TestFunc fn;
};

static inline int fx_add_suite(const char *name, const struct fx_test *t)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (!s)
		return -1;
	for (; t->name; t++)
		if (!CU_add_test(s, t->name, t->fn))
			return -1;
	return 0;
}

/* Run everything registered; the exit status is non-zero on any failure. */
static inline int fx_run(void)
{
	unsigned fails;

	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (CU_basic_run_tests() != CUE_SUCCESS) {
		CU_cleanup_registry();
		return 1;
	}
	fails = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return fails ? 1 : 0;
}

/* Silence unused warnings for fixtures a given suite does not use. */
static inline void fx_touch(void)
{
	(void)fx_doc_prefix; (void)fx_doc_addr1; (void)fx_doc_addr2;
	(void)fx_ll1; (void)fx_all_nodes; (void)fx_solnode1;
	(void)fx_mac_dead; (void)fx_mac_def;
}

#endif
