/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Corpus replayer: runs every file of the given directories (or files)
 * through a harness once, without libFuzzer, so every kept crasher is
 * re-checked by each scripts/test run (under ASan in the sanitizer build). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *n = realloc(buf, cap = cap ? 2 * cap : 4096);

			if (!n) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = n;
		}
		size_t r = fread(buf + len, 1, cap - len, f);

		if (r == 0)
			break;
		len += r;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	(*count)++;
	return 0;
}

static int run_path(const char *path, size_t *count)
{
	struct stat st;
	struct dirent **ents;
	int n, rc = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, count);
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			char sub[4096];

			snprintf(sub, sizeof(sub), "%s/%s", path, ents[i]->d_name);
			if (run_path(sub, count) < 0)
				rc = -1;
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &count) < 0)
			rc = 1;
	printf("replayed %zu inputs\n", count);
	return rc || count == 0;
}
