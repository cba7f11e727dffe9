/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp: build IPv6 Neighbor Discovery messages (RFC 4861, RFC 3122)
 * with the codec and send them to a pcap file, a raw ICMPv6 socket or the
 * link layer, with a manifest; --script runs a sequence. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "pcap_out.h"
#include "raw_out_burst.h"
#include "frame.h"
#include "manifest.h"
#include "live_out.h"
#include "ndpg.h"
#include "ndp_router.h"
#include "ndp_replay.h"
#include "ndp_script.h"
#include "netif.h"
#include "sockgen.h"


static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp {rs|ra|ns|na|redirect|ind-sol|ind-adv|cps|cpa} [options]\n"
		"       sockgen ndp --script FILE [outputs]\n"
		"       sockgen ndp listen IF [--json] [--respond]\n"
		"       sockgen ndp solicit IF [-1] [--json]\n"
		"       sockgen ndp resolve IF ADDR [--dad] [--json]\n"
		"       sockgen ndp router IF --config FILE [--once]\n"
		"       sockgen ndp replay --from-pcap FILE [--set FIELD=VALUE]... [outputs]\n"
		"       sockgen ndp --list-options [--json]\n\n");
	for (size_t i = 0; ndp_msg_desc_at(i); i++) {
		const struct ndp_msg_desc *v = ndp_msg_desc_at(i);

		fprintf(f, "  %-9s %s (%s)\n", v->verb, v->name, v->ref);
	}
	fprintf(f, "  %-9s %s\n", "listen", "receive (and answer) ND messages; --watch: find attacks");
	fprintf(f, "  %-9s %s\n", "solicit", "send RS, print every RA with all its options (rdisc6)");
	fprintf(f, "  %-9s %s\n", "resolve", "NS for an address, print the NA's MAC; --dad (ndisc6)");
	fprintf(f, "  %-9s %s\n", "router", "advertise from a radvd.conf, answer RS (radvd)");
	fprintf(f, "  %-9s %s\n", "replay", "ND messages of a capture, edited, sent again (scapy's rdpcap, sendp)");
	fprintf(f,
		"\nOutputs (at least one): --pcap FILE, --raw IF, --iface IF; --manifest FILE.\n"
		"sockgen ndp VERB --help lists every flag of a message, with examples.\n\n"
		"Examples:\n"
		"  sockgen ndp ra --pcap ra.pcap --prefix 2001:db8::/64,L,A --mtu 1500 --manifest ra.jsonl\n"
		"  sockgen ndp ns --iface veth0 --src :: --target fe80::2 --no-slla     # DAD probe\n"
		"  sockgen ndp rs --raw eth0 --count 3 --interval 4000\n"
		"  sockgen ndp --script msgs.txt --pcap all.pcap\n");
}

struct outputs {
	struct pcap_out *pcap;
	struct manifest *mf;
	struct raw_out *raw;
	struct link_out *link;
	struct ndpg_link link_defaults;
	uint64_t sent;
	struct timespec t0;             /* monotonic start */
	struct timeval ts;              /* synthetic pcap time when not live */
	struct timespec next;           /* next send deadline (live) */
	struct timespec last_progress;
	bool live;
	uint8_t frame[NDPG_FRAME_CAP];
};

static double ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) + (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

static void ts_add_ms(struct timespec *t, double ms)
{
	long long ns = (long long)(ms * 1e6);

	t->tv_sec += (time_t)(ns / 1000000000LL);
	t->tv_nsec += (long)(ns % 1000000000LL);
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static void tv_add_ms(struct timeval *t, double ms)
{
	long long us = (long long)(ms * 1e3);

	t->tv_sec += (time_t)(us / 1000000LL);
	t->tv_usec += (suseconds_t)(us % 1000000LL);
	if (t->tv_usec >= 1000000) {
		t->tv_sec++;
		t->tv_usec -= 1000000;
	}
}

static void progress(struct outputs *o, const char *ctx, uint64_t total, bool quiet)
{
	struct timespec now;

	if (quiet)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ts_diff(&now, &o->last_progress) < 1.0)
		return;
	o->last_progress = now;
	fprintf(stderr, "sockgen: %s: %llu/%llu packets, %.0f packets/s\n", ctx,
		(unsigned long long)o->sent, (unsigned long long)total,
		(double)o->sent / ts_diff(&now, &o->t0));
}

/* Send every packet of one message. Exit code. */
static int emit_msg(const struct ndpg_run *run, struct outputs *o, struct ndpg_msg *m,
		    uint64_t total)
{
	size_t len, icmp_off;
	double gap = m->rate > 0 ? 1000.0 / m->rate : m->interval_ms > 0 ? m->interval_ms : 0;
	int r;

	r = ndpg_msg_frame(m, o->frame, sizeof(o->frame), &len, &icmp_off);
	if (r < 0)
		return sg_usage(m->ctx, "cannot build the message: %s", strerror(-r));
	/* Unpaced runs to the raw socket alone: the same message in
	 * sendmmsg() batches, looking for a signal and at the clock between
	 * them. */
	if (o->raw && !o->pcap && !o->link && !o->mf && gap <= 0) {
		unsigned long left = m->count;

		while (left) {
			long got;

			if (stop_requested)
				return sg_fail(m->ctx, "interrupted after %llu packets",
					       (unsigned long long)o->sent);
			got = raw_out_send_burst(o->raw, o->frame + icmp_off, len - icmp_off,
						 m->src, m->dst, m->hop_limit,
						 left < 4096 ? left : 4096);
			if (got < 0)
				return sg_fail(m->ctx, "--raw %s: send: %s", run->raw_if,
					       strerror((int)-got));
			left -= (unsigned long)got;
			o->sent += (uint64_t)got;
			if (total > 1)
				progress(o, m->ctx, total, run->quiet);
		}
		return 0;
	}
	for (unsigned long i = 0; i < m->count; i++) {
		if (stop_requested)
			return sg_fail(m->ctx, "interrupted after %llu packets",
				       (unsigned long long)o->sent);
		if (o->live && gap > 0 && o->sent) {
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &o->next, NULL);
		}
		if (o->pcap) {
			struct timeval now;

			if (o->live)
				gettimeofday(&now, NULL);
			else
				now = o->ts;
			if ((r = pcap_out_write(o->pcap, &now, o->frame, len)) < 0)
				return sg_fail(m->ctx, "--pcap '%s': %s", run->pcap, strerror(-r));
		}
		if (o->raw && (r = raw_out_send(o->raw, o->frame + icmp_off, len - icmp_off,
						m->src, m->dst, m->hop_limit)) < 0)
			return sg_fail(m->ctx, "--raw %s: send: %s", run->raw_if, strerror(-r));
		if (o->link && (r = link_out_send(o->link, o->frame, len)) < 0)
			return sg_fail(m->ctx, "--iface %s: send: %s", run->iface, strerror(-r));
		if (o->mf)
			ndpg_manifest(o->mf, m, o->frame + icmp_off, len - icmp_off);
		o->sent++;
		if (gap > 0) {
			if (o->live) {
				if (o->sent == 1)
					clock_gettime(CLOCK_MONOTONIC, &o->next);
				ts_add_ms(&o->next, gap);
			}
			tv_add_ms(&o->ts, gap);
		}
		/* paced runs are slow: look at the clock every packet */
		if (total > 1 && (gap > 0 || (o->sent & 0xff) == 0))
			progress(o, m->ctx, total, run->quiet);
	}
	return 0;
}

static int open_outputs(struct ndpg_run *run, struct outputs *o, const char *ctx)
{
	char err[256];
	int e;

	if (run->raw_if && run->iface && strcmp(run->raw_if, run->iface))
		return sg_usage(ctx, "--raw %s and --iface %s: one interface per run",
				run->raw_if, run->iface);
	/* Defaults: the interface's own addresses, else the documented ones. */
	ndpg_parse_ipv6(NDPG_DEFAULT_SRC, o->link_defaults.ll);
	ndpg_parse_mac(NDPG_DEFAULT_MAC, o->link_defaults.mac);
	o->link_defaults.have_ll = true;
	if (run->raw_if || run->iface) {
		const char *ifn = run->raw_if ? run->raw_if : run->iface;
		struct netif ni;

		if ((e = netif_get(ifn, &ni)) < 0)
			return sg_fail(ctx, "%s %s: %s", run->raw_if ? "--raw" : "--iface", ifn,
				       e == -ENODEV ? "no such interface" : strerror(-e));
		if (ni.have_mac)
			memcpy(o->link_defaults.mac, ni.mac, 6);
		if (ni.have_ll)
			memcpy(o->link_defaults.ll, ni.ll, 16);
		else
			o->link_defaults.have_ll = false;
	}
	if (run->raw_if) {
		o->raw = raw_out_open(run->raw_if, &e, err, sizeof(err));
		if (!o->raw)
			return sg_fail(ctx, "--raw %s: %s", run->raw_if, err);
		o->live = true;
	}
	if (run->iface) {
		o->link = link_out_open(run->iface, &e, err, sizeof(err));
		if (!o->link)
			return sg_fail(ctx, "--iface %s: %s", run->iface, err);
		o->live = true;
	}
	if (run->pcap) {
		o->pcap = pcap_out_open(run->pcap, SG_LINKTYPE_ETHERNET, err, sizeof(err));
		if (!o->pcap)
			return sg_fail(ctx, "--pcap '%s': %s", run->pcap, err);
	}
	if (run->manifest) {
		o->mf = manifest_open(run->manifest);
		if (!o->mf)
			return sg_fail(ctx, "--manifest '%s': %s", run->manifest, strerror(errno));
		manifest_set_compact(o->mf, run->manifest_format_set ? run->manifest_compact : true);
	}
	return 0;
}

/* Close; on failure remove what was written (nothing half-written). */
static int close_outputs(const struct ndpg_run *run, struct outputs *o, int rc, const char *ctx)
{
	int e;

	raw_out_close(o->raw);
	link_out_close(o->link);
	if (rc) {
		pcap_out_discard(o->pcap);
		manifest_discard(o->mf);
		return rc;
	}
	/* each close removes its own file after a write error; the other,
	 * complete but now without its partner, goes too */
	if (o->pcap && (e = pcap_out_close(o->pcap)) < 0) {
		rc = sg_fail(ctx, "--pcap '%s': %s", run->pcap, strerror(-e));
		manifest_discard(o->mf);
		o->mf = NULL;
	}
	if (o->mf && (e = manifest_close(o->mf)) < 0) {
		rc = sg_fail(ctx, "--manifest '%s': %s", run->manifest, strerror(-e));
		sg_remove_output(run->pcap);
	}
	return rc;
}

/* Checks that need both the message and the outputs. */
static int check_msg_outputs(const struct ndpg_run *run, const struct outputs *o,
			     struct ndpg_msg *m)
{
	static const uint8_t zero[16];

	if (!m->have_src && !o->link_defaults.have_ll)
		return sg_fail(m->ctx, "%s has no link-local address: give --src",
			       run->raw_if ? run->raw_if : run->iface);
	if (run->raw_if && m->bad_checksum)
		return sg_usage(m->ctx, "--bad-checksum: the kernel computes the checksum on "
				"--raw; use --iface or --pcap");
	if (run->raw_if && m->have_src && !memcmp(m->src, zero, 16))
		return sg_usage(m->ctx, "--src '::': a raw socket cannot send from the "
				"unspecified address; use --iface");
	if (run->iface && m->dst_mac_guessed) {
		char d[64];

		inet_ntop(AF_INET6, m->dst, d, sizeof(d));
		return sg_usage(m->ctx, "--dst '%s': unicast without an EUI-64 interface id; "
				"give --dst-mac for --iface", d);
	}
	if (run->raw_if && (m->have_src_mac || m->have_dst_mac))
		return sg_usage(m->ctx, "--src-mac/--dst-mac: the kernel writes the Ethernet "
				"header on --raw; use --iface");
	return 0;
}

/* The script is read once, from its file or from standard input ("-"),
 * since it is gone through twice: checked, then sent. */
static int load_script(struct ndpg_run *run)
{
	bool in = !strcmp(run->script, "-");
	FILE *f = in ? stdin : fopen(run->script, "r");
	struct stat st;
	size_t cap = 0;
	int rc = 0;

	if (!f)
		return sg_usage("ndp", "--script '%s': %s", run->script, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = sg_usage("ndp", "--script '%s': is a directory", run->script);
		goto out;
	}
	for (;;) {
		if (run->script_len + 4096 + 1 > cap) {
			char *t = realloc(run->script_text, cap = cap ? cap * 2 : 65536);

			if (!t) {
				rc = sg_fail("ndp", "--script '%s': %s", run->script, strerror(ENOMEM));
				goto out;
			}
			run->script_text = t;
		}
		size_t n = fread(run->script_text + run->script_len, 1, cap - run->script_len - 1, f);

		run->script_len += n;
		if (n == 0)
			break;
	}
	run->script_text[run->script_len] = '\0';
	if (ferror(f))
		rc = sg_fail("ndp", "--script '%s': read error", run->script);
out:
	if (!in)
		fclose(f);
	return rc;
}

/* A script: every line is checked before anything is sent. */
static int run_script(struct ndpg_run *run, struct outputs *o, bool send, uint64_t *total)
{
	FILE *f = run->script_len ? fmemopen(run->script_text, run->script_len, "r") : NULL;
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0, n_msgs = 0;
	struct ndpg_msg *m = calloc(1, sizeof(*m));

	if (!m) {
		rc = sg_fail("ndp", "%s", strerror(ENOMEM));
		goto out;
	}
	if (!f) {
		rc = run->script_len ? sg_fail("ndp", "--script '%s': %s", run->script, strerror(errno))
				     : sg_usage("ndp", "--script '%s': no message in the script", run->script);
		goto out;
	}
	while (getline(&line, &cap, f) >= 0) {
		char *words[512], ctx[sizeof(m->ctx)];
		const struct ndp_msg_desc *v;
		const char *why;
		int n;

		lineno++;
		n = ndpg_split_line(line, words, 512, &why);
		if (n < 0) {
			rc = sg_usage("ndp", "%s:%u: %s", run->script, lineno, why);
			break;
		}
		if (n == 0)
			continue;
		if (!(v = ndpg_verb_find(words[0]))) {
			rc = sg_usage("ndp", "%s:%u: '%s': unknown message (rs, ra, ns, na, "
				      "redirect, ind-sol, ind-adv, cps, cpa)", run->script, lineno, words[0]);
			break;
		}
		if (ndpg_msg_init(m, v) < 0) {
			rc = sg_fail("ndp", "%s", strerror(ENOMEM));
			break;
		}
		/* errors name the file and the line */
		snprintf(ctx, sizeof(ctx), "ndp %s:%u: %s", run->script, lineno, v->verb);
		snprintf(m->ctx, sizeof(m->ctx), "%s", ctx);
		rc = ndpg_msg_args(m, run, n, words, true);
		if (rc == -1)
			rc = sg_usage(m->ctx, "--help: not allowed in a script line");
		if (!rc)
			rc = ndpg_msg_finish(m, &o->link_defaults);
		if (!rc)
			rc = check_msg_outputs(run, o, m);
		if (rc)
			break;
		n_msgs++;
		if (!send) {
			*total += m->count;
			continue;
		}
		if ((rc = emit_msg(run, o, m, *total)))
			break;
	}
	if (!rc && ferror(f))
		rc = sg_fail("ndp", "--script '%s': read error", run->script);
	if (!rc && !n_msgs)
		rc = sg_usage("ndp", "--script '%s': no message in the script", run->script);
out:
	if (f)
		fclose(f);
	free(line);
	if (m)
		ndpg_msg_free(m);
	free(m);
	return rc;
}

/* Every message finished against the documented defaults and checked
 * against the outputs, before any output is opened (and created). */
static int check_before_open(struct ndpg_run *run, const struct ndp_msg_desc *v,
			     struct ndpg_msg *m, uint64_t *total)
{
	struct outputs probe = { 0 };
	struct ndpg_msg *tmp;
	int rc;

	ndpg_parse_ipv6(NDPG_DEFAULT_SRC, probe.link_defaults.ll);
	probe.link_defaults.have_ll = true;
	if (!v)
		return run_script(run, &probe, false, total);
	/* finish() again after the outputs know the interface */
	if (!(tmp = malloc(sizeof(*tmp))))
		return sg_fail("ndp", "%s", strerror(ENOMEM));
	memcpy(tmp, m, sizeof(*tmp));
	tmp->store = malloc(NDPG_STORE_CAP);
	if (!tmp->store) {
		free(tmp);
		return sg_fail("ndp", "%s", strerror(ENOMEM));
	}
	/* views point into m's arena, which stays alive */
	rc = ndpg_msg_finish(tmp, &probe.link_defaults);
	if (!rc)
		rc = check_msg_outputs(run, &probe, tmp);
	ndpg_msg_free(tmp);
	free(tmp);
	return rc;
}

/* Send the message (or the script) on the open outputs, then the summary. */
static int run_ndp(struct ndpg_run *run, struct outputs *o, const struct ndp_msg_desc *v,
		   struct ndpg_msg *m)
{
	struct sigaction sa;
	struct timespec t1;
	uint64_t total = 0;
	double secs;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &o->t0);
	o->last_progress = o->t0;
	if (run->have_start)
		o->ts = run->start;     /* reproducible: two runs, one capture */
	else
		gettimeofday(&o->ts, NULL);
	if (v) {
		if ((rc = ndpg_msg_finish(m, &o->link_defaults)))
			return rc;
		if ((rc = check_msg_outputs(run, o, m)))
			return rc;
		total = m->count;
		rc = emit_msg(run, o, m, total);
	} else {
		rc = run_script(run, o, true, &total);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = ts_diff(&t1, &o->t0);
	if (!rc && !run->quiet && (o->sent > 1 || secs >= 1.0))
		fprintf(stderr, "sockgen: %s: %llu packets in %.3f s (%.0f packets/s)\n",
			m->ctx, (unsigned long long)o->sent, secs,
			secs > 0 ? (double)o->sent / secs : 0.0);
	return rc;
}

/* sockgen ndp --list-options [--json] */
static int list_options(int argc, char **argv)
{
	bool json = argc == 3 && !strcmp(argv[2], "--json");

	if (argc > 3 || (argc == 3 && !json))
		return sg_usage("ndp", "--list-options: unexpected argument '%s' (only --json)",
				argv[2]);
	if (ndpg_list_options(stdout, json) < 0 || fflush(stdout))
		return sg_fail("ndp", "--list-options: write error");
	return SG_EXIT_OK;
}

int cmd_ndp(int argc, char **argv)
{
	struct ndpg_run run = { 0 };
	const struct ndp_msg_desc *v = NULL;
	struct ndpg_msg *m = NULL;
	struct outputs *o = NULL;
	uint64_t total = 0;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return SG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return SG_EXIT_OK;
	}
	if (!strcmp(argv[1], "listen"))
		return cmd_ndp_listen(argc - 1, argv + 1);
	/* rdisc6 and ndisc6 in sockgen: solicit and resolve */
	if (!strcmp(argv[1], "solicit"))
		return cmd_ndp_solicit(argc - 1, argv + 1);
	if (!strcmp(argv[1], "resolve"))
		return cmd_ndp_resolve(argc - 1, argv + 1);
	/* radvd in sockgen */
	if (!strcmp(argv[1], "router"))
		return cmd_ndp_router(argc - 1, argv + 1);
	if (!strcmp(argv[1], "replay"))
		return cmd_ndp_replay(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--list-options"))
		return list_options(argc, argv);
	if (argv[1][0] != '-' && !(v = ndpg_verb_find(argv[1])))
		return sg_usage("ndp", "unknown message '%s' (rs, ra, ns, na, redirect, "
				"ind-sol, ind-adv, cps, cpa, listen, solicit, resolve, router, replay)", argv[1]);
	m = calloc(1, sizeof(*m));
	o = calloc(1, sizeof(*o));
	if (!m || !o || ndpg_msg_init(m, v) < 0) {
		rc = sg_fail("ndp", "%s", strerror(ENOMEM));
		goto out;
	}
	/* With no verb, argv[0] ("ndp") stands in as getopt's program name. */
	rc = v ? ndpg_msg_args(m, &run, argc - 1, argv + 1, false)
	       : ndpg_msg_args(m, &run, argc, argv, false);
	if (rc == -1) {
		if (v)
			ndpg_help(v);
		else
			usage(stdout);
		rc = 0;
		goto out;
	}
	if (rc)
		goto out;
	if (!v && !run.script) {
		rc = sg_usage("ndp", "give a message type or --script FILE");
		goto out;
	}
	if (v && run.script) {
		rc = sg_usage(m->ctx, "--script: give either a message or a script");
		goto out;
	}
	if (!run.pcap && !run.raw_if && !run.iface && !run.manifest) {
		rc = sg_usage(m->ctx, "no output: give --pcap FILE, --raw IF or --iface IF");
		goto out;
	}
	if (run.have_start && (run.raw_if || run.iface || !run.pcap)) {
		rc = sg_usage(m->ctx, "--start-time: for a --pcap run alone (a live run stamps "
			      "each packet with the time it is sent)");
		goto out;
	}
	if (run.manifest_format_set && !run.manifest) {
		rc = sg_usage(m->ctx, "--manifest-format: give --manifest FILE too");
		goto out;
	}
	if (run.script && (rc = load_script(&run)))
		goto out;
	/* Check the messages before opening (and creating) anything. */
	if ((rc = check_before_open(&run, v, m, &total)))
		goto out;
	if ((rc = open_outputs(&run, o, m->ctx)))
		goto close;
	rc = run_ndp(&run, o, v, m);
close:
	rc = close_outputs(&run, o, rc, m->ctx);
out:
	if (m)
		ndpg_msg_free(m);
	free(m);
	free(o);
	free(run.script_text);
	return rc;
}
