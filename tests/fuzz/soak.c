/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Soak driver: runs a harness over N synthetic inputs in one process, the
 * way a long libFuzzer campaign does, and samples resident memory and
 * executions per second along the way (issue 18: flat memory at depth).
 *
 *   soak_<harness> [--inputs N] [--from K] [--every M] [--seed S]
 *                  [--max-growth PCT] CORPUS...
 *
 * Inputs are the corpus files, each mutated by a small deterministic
 * mutator (bit flips, byte sets, cuts, repeats, splices of two files),
 * chosen by a xorshift generator seeded with S. Every M inputs a line:
 *   inputs, seconds, exec/s, RSS in KiB.
 * --max-growth PCT: exit 1 when the RSS at the end exceeds the RSS after
 * K inputs (the warm-up: corpus, caches, first sessions) by more than PCT
 * percent. The summary line says the growth either way. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define SOAK_MAX_INPUT 4096

struct seed {
	uint8_t *data;
	size_t len;
};

static struct seed *seeds;
static size_t nseeds, capseeds;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static void add_seed(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t buf[SOAK_MAX_INPUT];
	size_t len;

	if (!f) {
		fprintf(stderr, "soak: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (nseeds == capseeds) {
		capseeds = capseeds ? 2 * capseeds : 64;
		seeds = realloc(seeds, capseeds * sizeof(*seeds));
		if (!seeds)
			exit(1);
	}
	seeds[nseeds].data = malloc(len ? len : 1);
	if (!seeds[nseeds].data)
		exit(1);
	memcpy(seeds[nseeds].data, buf, len);
	seeds[nseeds++].len = len;
}

static void add_path(const char *path)
{
	struct stat st;
	struct dirent **ents;
	int n;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "soak: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		add_seed(path);
		return;
	}
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0)
		exit(2);
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			char sub[4096];

			snprintf(sub, sizeof(sub), "%s/%s", path, ents[i]->d_name);
			add_path(sub);
		}
		free(ents[i]);
	}
	free(ents);
}

/* One synthetic input: a seed with 0-4 mutations. The SSMP header and the
 * record lengths are mutated like everything else. */
static size_t make_input(uint8_t *out)
{
	const struct seed *s = &seeds[rng() % nseeds];
	size_t len = s->len;
	unsigned muts = (unsigned)(rng() % 5);

	memcpy(out, s->data, len);
	for (unsigned m = 0; m < muts && len > 0; m++) {
		size_t at = rng() % len;

		switch (rng() % 6) {
		case 0: out[at] ^= (uint8_t)(1u << (rng() % 8)); break;
		case 1: out[at] = (uint8_t)rng(); break;
		case 2: len = at + 1; break;                       /* cut */
		case 3: {                                          /* repeat a byte */
			size_t n = rng() % 16;

			if (len + n > SOAK_MAX_INPUT)
				n = SOAK_MAX_INPUT - len;
			memmove(out + at + n, out + at, len - at);
			memset(out + at, out[at + n], n);
			len += n;
			break;
		}
		case 4: {                                          /* splice */
			const struct seed *o = &seeds[rng() % nseeds];
			size_t n = o->len < SOAK_MAX_INPUT - at ? o->len : SOAK_MAX_INPUT - at;

			memcpy(out + at, o->data, n);
			if (at + n > len)
				len = at + n;
			break;
		}
		default: out[at] = (uint8_t)(out[at] + 1); break;
		}
	}
	return len;
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, rss = 0;

	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = -1;
	fclose(f);
	return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long number(const char *opt, const char *v)
{
	char *end;
	unsigned long n;

	if (!v || !*v)
		goto bad;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (*end || errno || *v == '-')
		goto bad;
	return n;
bad:
	fprintf(stderr, "soak: %s '%s' is not a number\n", opt, v ? v : "");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long inputs = 100000, from = 10000, every = 0, growth = 0;
	int have_growth = 0, i;
	uint8_t *buf = malloc(SOAK_MAX_INPUT);
	long rss_from = -1, rss_end;
	double t0, t_from = 0;

	if (!buf)
		return 1;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc && argv[i][0] == '-'; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--inputs"))
			inputs = number(argv[i], v);
		else if (!strcmp(argv[i], "--from"))
			from = number(argv[i], v);
		else if (!strcmp(argv[i], "--every"))
			every = number(argv[i], v);
		else if (!strcmp(argv[i], "--seed"))
			rng_state = number(argv[i], v) * 0x9e3779b97f4a7c15ull | 1;
		else if (!strcmp(argv[i], "--max-growth"))
			growth = number(argv[i], v), have_growth = 1;
		else {
			fprintf(stderr, "soak: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	for (; i < argc; i++)
		add_path(argv[i]);
	if (nseeds == 0 || from >= inputs) {
		fprintf(stderr, "soak: need a corpus and --from below --inputs\n");
		return 2;
	}
	if (!every)
		every = inputs / 10 ? inputs / 10 : 1;
	printf("%10s %8s %10s %10s\n", "inputs", "seconds", "exec/s", "rss_kib");
	t0 = now();
	for (unsigned long n = 1; n <= inputs; n++) {
		size_t len = make_input(buf);

		LLVMFuzzerTestOneInput(buf, len);
		if (n == from)
			rss_from = rss_kib(), t_from = now();
		if (n % every == 0 || n == inputs) {
			double t = now() - t0;

			printf("%10lu %8.1f %10.0f %10ld\n", n, t, n / (t > 0 ? t : 1e-9), rss_kib());
			fflush(stdout);
		}
	}
	rss_end = rss_kib();
	{
		double pct = rss_from > 0 ? 100.0 * (double)(rss_end - rss_from) / (double)rss_from : 0;
		double rate = (double)(inputs - from) / (now() - t_from);

		printf("soak: %zu seeds, rss %ld KiB after %lu inputs, %ld KiB after %lu: "
		       "growth %.2f%%, %.0f exec/s after the warm-up\n",
		       nseeds, rss_from, from, rss_end, inputs, pct, rate);
		free(buf);
		if (have_growth && pct > (double)growth) {
			printf("soak: FAIL: growth above %lu%%\n", growth);
			return 1;
		}
	}
	return 0;
}
