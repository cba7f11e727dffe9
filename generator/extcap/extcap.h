/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen as a Wireshark extcap interface provider (Wireshark doc/extcap.adoc,
 * extcap(4)): shared state of the protocol front end (extcap.c) and the two
 * synthetic interfaces sockgen-ndp (extcap_ndp.c) and sockgen-vsock
 * (extcap_vsock.c). */
#ifndef SOCKGEN_EXTCAP_H
#define SOCKGEN_EXTCAP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define EXTCAP_CTX "extcap"

/* Interface options, as Wireshark passes them from the config dialog (or
 * tshark -o extcap.<iface>.<option>:VALUE). Which belong to which
 * interface is in each interface's table (ecap_iface.opts). */
enum ecap_opt {
	ECAP_OPT_MIX,           /* sockgen-ndp */
	ECAP_OPT_OPTIONS,
	ECAP_OPT_EXTRA,
	ECAP_OPT_SEED,
	ECAP_OPT_SCENARIO,      /* sockgen-vsock */
	ECAP_OPT_REPEAT,
	ECAP_OPT_RATE,          /* both */
	ECAP_OPT_COUNT,
	ECAP_OPT_MANIFEST,
	ECAP_N_OPTS,
};

struct ecap_opts {
	const char *val[ECAP_N_OPTS];   /* NULL: not given (default applies) */
	/* parsed */
	double rate;                    /* packets/s, 0 = unpaced */
	uint64_t count;                 /* packets written, 0 = unlimited */
	uint64_t repeat;                /* scenario runs, 0 = unlimited */
	uint64_t seed;
};

/* Where packets go: the FIFO (a pcap stream, header first, flushed per
 * packet), the capture filter, pacing and the manifest. */
struct pcap_out;
struct manifest;
struct ecap_sink {
	struct pcap_out *out;
	struct manifest *mf;
	void *filter;                   /* struct bpf_program *, NULL = none */
	double gap_ns;                  /* between generated packets, 0 = unpaced */
	struct timespec next;           /* CLOCK_MONOTONIC deadline of the next packet */
	uint64_t generated, written, limit;
};

/* Set by SIGINT/SIGTERM: the capture ends cleanly (exit 0). */
extern volatile sig_atomic_t ecap_stop;

/* Pace, filter and write one frame. 1 written, 0 dropped by the filter,
 * -ECANCELED stop asked for (signal or count reached), -EPIPE the FIFO's
 * reader went away, other -errno on a write error. The manifest callback
 * runs only for written frames, after the frame reached the FIFO. */
typedef void (*ecap_manifest_fn)(struct manifest *mf, const void *arg);
int ecap_sink_put(struct ecap_sink *s, const uint8_t *frame, size_t len,
		  ecap_manifest_fn mfn, const void *mfarg);

/* One interface. */
struct ecap_iface {
	const char *name;               /* "sockgen-ndp" */
	const char *display;
	int dlt;                        /* LINKTYPE_ / DLT_ value */
	const char *dlt_name;
	const char *dlt_display;
	double def_rate;                /* --rate when not given */
	bool opts[ECAP_N_OPTS];         /* options it takes */
	/* Print the arg/value lines of --extcap-config. */
	void (*config)(void);
	/* Check the options (after the shared ones are parsed): 0 or exit 2
	 * with a message. Runs before the FIFO is opened. */
	int (*check)(struct ecap_opts *o);
	/* Generate into s until s says stop: 0, or an exit code. */
	int (*run)(struct ecap_sink *s, const struct ecap_opts *o);
};

extern const struct ecap_iface ecap_ndp;
extern const struct ecap_iface ecap_vsock;

/* "arg {number=N}{call=--rate}..." helpers shared by both interfaces. */
void ecap_config_rate(unsigned n, const char *def);
void ecap_config_count(unsigned n, const char *display, const char *tooltip);
void ecap_config_manifest(unsigned n);

/* extcap.c: Wireshark's extcap protocol; also main() when invoked as
 * sockgen-extcap (argv[0] is then the program). Exit code. */
int cmd_extcap(int argc, char **argv);

#endif
