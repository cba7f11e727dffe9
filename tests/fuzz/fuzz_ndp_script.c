/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness: one `sockgen ndp --script` line (generator/ndp/ndp_script.h word
 * splitting, then the message flags of ndpg.h as a script line is parsed)
 * through encoding. Bad lines must end in an exit-2 style return, never a
 * crash; a line that parses must encode, and what it encodes must parse
 * back with the codec unless a negative-test knob asked for a broken one.
 * Which knobs a line set is read from the parsed message, not from its
 * words: getopt_long takes unambiguous abbreviations ("--opt-le" is
 * --opt-len), so matching option spellings misses them (seed
 * regress-opt-len-abbreviated). */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "ndp.h"
#include "ndpg.h"
#include "ndp_script.h"

#define MAX_WORDS 512

/* The knobs that ask for a message the codec may refuse on parse: a
 * checksum that does not verify, option lengths written as given
 * (--opt-len), raw option bodies (--opt, marked raw by its parser) and a
 * nonzero code. */
static bool negative_test(const struct ndpg_msg *m)
{
	if (m->bad_checksum || m->n_optlen > 0 || m->msg.code != 0)
		return true;
	for (size_t i = 0; i < m->msg.n_opts; i++)
		if (m->msg.opts[i].raw || m->msg.opts[i].err)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ndpg_msg m;
	static uint8_t icmp[NDP_MSG_MAX_LEN];
	static struct ndp_msg back;
	static struct ndpg_link link;   /* parsed once: finishing reads it only */
	struct ndpg_run run;
	char *line, *words[MAX_WORDS];
	const struct ndp_msg_desc *v;
	const char *why;
	bool negative = false;
	size_t len;
	int n;

	if (size > 4096)        /* a script line, not a file */
		return 0;
	line = malloc(size + 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	line[strcspn(line, "\n")] = '\0';
	n = ndpg_split_line(line, words, MAX_WORDS, &why);
	FUZZ_ASSERT(n <= MAX_WORDS);
	if (n < 0)
		FUZZ_ASSERT(why != NULL);
	if (n <= 0 || !(v = ndpg_verb_find(words[0])))
		goto out;
	if (ndpg_msg_init(&m, v) < 0)
		goto out;
	memset(&run, 0, sizeof(run));
	if (!link.have_ll) {
		FUZZ_ASSERT(!ndpg_parse_ipv6("fe80::1", link.ll));
		FUZZ_ASSERT(!ndpg_parse_mac("02:00:00:00:00:01", link.mac));
		link.have_ll = true;
	}
	if (ndpg_msg_args(&m, &run, n, words, true) != 0)
		goto out;
	if (ndpg_msg_finish(&m, &link) != 0)
		goto out;
	negative = negative_test(&m);
	if (ndpg_msg_encode(&m, icmp, sizeof(icmp), &len, true) < 0)
		goto out;
	FUZZ_ASSERT(len <= sizeof(icmp));
	if (!negative)
		FUZZ_ASSERT(ndp_msg_parse(icmp, len, &back) == 0);
out:
	free(line);
	return 0;
}
