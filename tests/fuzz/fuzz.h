/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer entry point shared by the harnesses and the corpus replayer. */
#ifndef SOCKSCOPE_FUZZ_H
#define SOCKSCOPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional one-time setup (libFuzzer calls it when a harness defines it;
 * the replayer too, through a weak reference). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* A harness found a bug: say what and abort, so both libFuzzer and the
 * replayer report the input. */
#define FUZZ_ASSERT(cond)                                                     \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);                   \
			abort();                                              \
		}                                                             \
	} while (0)

#endif
