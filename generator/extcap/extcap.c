/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen extcap / sockgen-extcap: the Wireshark extcap protocol (Wireshark
 * doc/extcap.adoc, extcap(4)): interface, DLT and config queries, capture
 * filter checks, and the capture itself as a pcap stream into a FIFO. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "pcap_out.h"
#include "extcap.h"
#include "manifest.h"
#include "sockgen.h"

/* The program name Wireshark's extcap directory holds (a symlink to
 * sockgen): invoked under this name sockgen speaks extcap directly. */
#define EXTCAP_PROG "sockgen-extcap"
#define EXTCAP_HELP_URL "man:sockgen(1)"
/* pcap_open_dead() snap length: the largest vsockmon frame is 64 KiB +
 * headers, so one value fits both interfaces. */
#define ECAP_SNAPLEN 262144

volatile sig_atomic_t ecap_stop;

static const struct ecap_iface *const ifaces[] = { &ecap_ndp, &ecap_vsock };
#define N_IFACES (sizeof(ifaces) / sizeof(ifaces[0]))

static const char *const opt_names[ECAP_N_OPTS] = {
	[ECAP_OPT_MIX] = "mix", [ECAP_OPT_OPTIONS] = "options", [ECAP_OPT_EXTRA] = "extra",
	[ECAP_OPT_SEED] = "seed", [ECAP_OPT_SCENARIO] = "scenario",
	[ECAP_OPT_REPEAT] = "repeat", [ECAP_OPT_RATE] = "rate", [ECAP_OPT_COUNT] = "count",
	[ECAP_OPT_MANIFEST] = "manifest",
};

enum {
	L_INTERFACES = 256, L_VERSION, L_DLTS, L_INTERFACE, L_CONFIG, L_CAPTURE,
	L_FIFO, L_FILTER, L_CONTROL_IN, L_CONTROL_OUT, L_LOG_LEVEL, L_LOG_FILE,
	L_HELP, L_IFOPT,        /* L_IFOPT + enum ecap_opt */
};

static const struct option long_opts[] = {
	{ "extcap-interfaces", no_argument, NULL, L_INTERFACES },
	{ "extcap-version", optional_argument, NULL, L_VERSION },
	{ "extcap-dlts", no_argument, NULL, L_DLTS },
	{ "extcap-interface", required_argument, NULL, L_INTERFACE },
	{ "extcap-config", no_argument, NULL, L_CONFIG },
	{ "capture", no_argument, NULL, L_CAPTURE },
	{ "fifo", required_argument, NULL, L_FIFO },
	{ "extcap-capture-filter", required_argument, NULL, L_FILTER },
	/* Passed by Wireshark for interface toolbars and logging: accepted
	 * and not used (no toolbar, messages go to stderr). */
	{ "extcap-control-in", required_argument, NULL, L_CONTROL_IN },
	{ "extcap-control-out", required_argument, NULL, L_CONTROL_OUT },
	{ "log-level", required_argument, NULL, L_LOG_LEVEL },
	{ "log-file", required_argument, NULL, L_LOG_FILE },
	{ "help", no_argument, NULL, L_HELP },
	{ "mix", required_argument, NULL, L_IFOPT + ECAP_OPT_MIX },
	{ "options", required_argument, NULL, L_IFOPT + ECAP_OPT_OPTIONS },
	{ "extra", required_argument, NULL, L_IFOPT + ECAP_OPT_EXTRA },
	{ "seed", required_argument, NULL, L_IFOPT + ECAP_OPT_SEED },
	{ "scenario", required_argument, NULL, L_IFOPT + ECAP_OPT_SCENARIO },
	{ "repeat", required_argument, NULL, L_IFOPT + ECAP_OPT_REPEAT },
	{ "rate", required_argument, NULL, L_IFOPT + ECAP_OPT_RATE },
	{ "count", required_argument, NULL, L_IFOPT + ECAP_OPT_COUNT },
	{ "manifest", required_argument, NULL, L_IFOPT + ECAP_OPT_MANIFEST },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen extcap --extcap-interfaces [--extcap-version[=V]]\n"
		"       sockgen extcap --extcap-version\n"
		"       sockgen extcap --extcap-interface IF --extcap-dlts\n"
		"       sockgen extcap --extcap-interface IF --extcap-config\n"
		"       sockgen extcap --extcap-interface IF --extcap-capture-filter FILTER\n"
		"       sockgen extcap --extcap-interface IF --capture --fifo PATH\n"
		"                      [--extcap-capture-filter FILTER] [interface options]\n"
		"Wireshark's extcap protocol (extcap(4)); invoked as %s (a link to\n"
		"sockgen in Wireshark's extcap directory) it takes the same arguments.\n"
		"Interfaces (synthetic traffic, nothing is sent on a network):\n", EXTCAP_PROG);
	for (size_t i = 0; i < N_IFACES; i++)
		fprintf(f, "  %-14s %s\n", ifaces[i]->name, ifaces[i]->display);
	fprintf(f,
		"Options of sockgen-ndp: --mix all|rs|ra|ns|na|redirect, --options\n"
		"  minimal|typical|rich|invalid (invalid: one RFC 4861 violation per\n"
		"  message; the others are valid traffic of a router and many hosts),\n"
		"  --extra 'FLAGS' (sockgen ndp flags added to every message), --seed N,\n"
		"  --rate PPS, --count N, --manifest FILE\n"
		"Options of sockgen-vsock: --scenario NAME (sockgen vsock pcap --help),\n"
		"  --repeat N, --rate PPS, --count N, --manifest FILE\n"
		"--rate 0 sends unpaced; --count 0 / --repeat 0 run until the reader stops.\n"
		"The capture filter is a libpcap filter for the interface's link type.\n"
		"Examples:\n"
		"  sockgen extcap --extcap-interfaces\n"
		"  sockgen extcap --extcap-interface sockgen-ndp --capture --fifo ndp.pcap \\\n"
		"      --mix ra --options rich --count 20 --manifest ndp.jsonl\n"
		"  tshark -i sockgen-vsock -o extcap.sockgen_vsock.scenario:http -c 20\n");
}

/* ---- shared config lines */

void ecap_config_rate(unsigned n, const char *def)
{
	printf("arg {number=%u}{call=--rate}{display=Rate (packets/s)}{type=double}"
	       "{default=%s}{range=0,1000000}"
	       "{tooltip=Generated packets per second; 0 sends as fast as the reader takes them}"
	       "{group=Traffic}\n", n, def);
}

void ecap_config_count(unsigned n, const char *display, const char *tooltip)
{
	printf("arg {number=%u}{call=--count}{display=%s}{type=unsigned}{default=0}"
	       "{range=0,1000000000}{tooltip=%s}{group=Traffic}\n", n, display, tooltip);
}

void ecap_config_manifest(unsigned n)
{
	printf("arg {number=%u}{call=--manifest}{display=Manifest file}{type=fileselect}"
	       "{mustexist=false}"
	       "{tooltip=JSON Lines record of every captured packet; check the saved capture "
	       "with: sockgen verify --manifest FILE --capture CAPTURE}{group=Verification}\n", n);
}

/* ---- the sink */

static void ts_add_ns(struct timespec *t, double ns)
{
	long long add = (long long)ns;

	t->tv_sec += (time_t)(add / 1000000000LL);
	t->tv_nsec += (long)(add % 1000000000LL);
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Sleep until the next packet's deadline; a signal ends the wait early. */
static int pace(struct ecap_sink *s)
{
	struct timespec now;

	if (s->gap_ns <= 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!s->generated) {
		s->next = now;
	} else {
		while (!ecap_stop) {
			int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &s->next, NULL);

			if (r == 0)
				break;
			if (r != EINTR)
				return -r;
		}
		if (ecap_stop)
			return -ECANCELED;
		/* A reader that stalled for over a second does not get the
		 * missed packets in one burst afterwards. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > s->next.tv_sec + 1)
			s->next = now;
	}
	ts_add_ns(&s->next, s->gap_ns);
	return 0;
}

int ecap_sink_put(struct ecap_sink *s, const uint8_t *frame, size_t len,
		  ecap_manifest_fn mfn, const void *mfarg)
{
	struct pcap_pkthdr h;
	int r;

	if (ecap_stop || (s->limit && s->written >= s->limit))
		return -ECANCELED;
	if ((r = pace(s)) < 0)
		return r;
	s->generated++;
	gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	if (s->filter && !pcap_offline_filter(s->filter, &h, frame))
		return 0;
	if ((r = pcap_out_write(s->out, &h.ts, frame, len)) < 0 ||
	    (r = pcap_out_flush(s->out)) < 0)
		/* a write blocked on a full FIFO ends with EINTR when the
		 * stop signal comes: that is the stop, not an error */
		return ecap_stop ? -ECANCELED : r;
	s->written++;
	if (s->mf && mfn)
		mfn(s->mf, mfarg);
	return 1;
}

/* ---- arguments */

struct ecap_args {
	bool list, version, dlts, config, capture;
	const char *iface, *fifo, *filter;
	struct ecap_opts o;
};

static const struct ecap_iface *find_iface(const char *name)
{
	for (size_t i = 0; i < N_IFACES; i++)
		if (!strcmp(ifaces[i]->name, name))
			return ifaces[i];
	return NULL;
}

static int parse_u64(const char *flag, const char *s, uint64_t max, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (*s < '0' || *s > '9' || (v = strtoull(s, &end, 10), errno) || *end || v > max)
		return sg_usage(EXTCAP_CTX, "--%s '%s': must be a whole number 0..%llu", flag, s,
				(unsigned long long)max);
	*ret = v;
	return 0;
}

/* The options every interface shares; the rest are the interface's. */
static int parse_common(const struct ecap_iface *ifc, struct ecap_opts *o)
{
	const char **v = o->val;
	int r;

	for (int i = 0; i < ECAP_N_OPTS; i++)
		if (v[i] && !ifc->opts[i])
			return sg_usage(EXTCAP_CTX, "--%s: not an option of %s (see --extcap-config)",
					opt_names[i], ifc->name);
	o->rate = ifc->def_rate;
	if (v[ECAP_OPT_RATE]) {
		char *end;

		errno = 0;
		o->rate = strtod(v[ECAP_OPT_RATE], &end);
		if (!*v[ECAP_OPT_RATE] || *end || errno || !isfinite(o->rate) ||
		    o->rate < 0 || o->rate > 1e6)
			return sg_usage(EXTCAP_CTX, "--rate '%s': must be 0..1000000 packets/s "
					"(0 = unpaced)", v[ECAP_OPT_RATE]);
	}
	if (v[ECAP_OPT_COUNT] &&
	    (r = parse_u64("count", v[ECAP_OPT_COUNT], 1000000000, &o->count)))
		return r;
	if (v[ECAP_OPT_REPEAT] &&
	    (r = parse_u64("repeat", v[ECAP_OPT_REPEAT], 1000000000, &o->repeat)))
		return r;
	if (v[ECAP_OPT_SEED] && (r = parse_u64("seed", v[ECAP_OPT_SEED], UINT64_MAX, &o->seed)))
		return r;
	if (v[ECAP_OPT_MANIFEST] && !*v[ECAP_OPT_MANIFEST])
		v[ECAP_OPT_MANIFEST] = NULL;    /* an empty file field: no manifest */
	if (v[ECAP_OPT_MANIFEST] &&
	    (r = sg_check_out_path(EXTCAP_CTX, "manifest", v[ECAP_OPT_MANIFEST])))
		return r;
	return ifc->check(o);
}

static int parse_args(int argc, char **argv, struct ecap_args *a)
{
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		switch (c) {
		case L_INTERFACES: a->list = true; break;
		case L_VERSION: a->version = true; break;
		case L_DLTS: a->dlts = true; break;
		case L_INTERFACE: a->iface = optarg; break;
		case L_CONFIG: a->config = true; break;
		case L_CAPTURE: a->capture = true; break;
		case L_FIFO: a->fifo = optarg; break;
		case L_FILTER: a->filter = optarg; break;
		case L_CONTROL_IN: case L_CONTROL_OUT: case L_LOG_LEVEL: case L_LOG_FILE:
			break;
		case 'h': case L_HELP:
			usage(stdout);
			return -1;
		case ':':
			return sg_usage(EXTCAP_CTX, "%s: needs a value", argv[optind - 1]);
		case '?':
			return sg_usage(EXTCAP_CTX, "%s: unknown option (see sockgen extcap --help)",
					argv[optind - 1]);
		default:
			a->o.val[c - L_IFOPT] = optarg;
		}
	}
	if (optind < argc)
		return sg_usage(EXTCAP_CTX, "'%s': unexpected argument", argv[optind]);
	return 0;
}

/* ---- the queries */

static void print_version_line(void)
{
	printf("extcap {version=%s}{help=%s}\n", sockgen_version, EXTCAP_HELP_URL);
}

static int list_interfaces(void)
{
	print_version_line();
	for (size_t i = 0; i < N_IFACES; i++)
		printf("interface {value=%s}{display=%s}\n", ifaces[i]->name, ifaces[i]->display);
	return SG_EXIT_OK;
}

/* A libpcap filter for the interface's link type; NULL + message on error. */
static struct bpf_program *compile_filter(const struct ecap_iface *ifc, const char *filter,
					  char *err, size_t errlen)
{
	pcap_t *dead = pcap_open_dead(ifc->dlt, ECAP_SNAPLEN);
	struct bpf_program *prog = calloc(1, sizeof(*prog));

	if (!dead || !prog) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		goto fail;
	}
	if (pcap_compile(dead, prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		snprintf(err, errlen, "%s", pcap_geterr(dead));
		goto fail;
	}
	pcap_close(dead);
	return prog;
fail:
	if (dead)
		pcap_close(dead);
	free(prog);
	return NULL;
}

static void free_filter(struct bpf_program *prog)
{
	if (prog) {
		pcap_freecode(prog);
		free(prog);
	}
}

static void on_stop(int sig)
{
	(void)sig;
	ecap_stop = 1;
}

/* A capture refused before it began: Wireshark's dumpcap may already wait
 * in a blocking open() of the FIFO for its writer, where neither its own
 * autostop nor tshark's reaction to our exit reliably reaches it. Open the
 * FIFO without blocking while a reader appears (up to 2 s) and close it:
 * the reader sees end of file and gives up at once. */
static void release_fifo(const char *path)
{
	for (int i = 0; i < 40; i++) {
		int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		struct timespec nap = { 0, 50 * 1000 * 1000 };

		if (fd >= 0) {
			close(fd);
			return;
		}
		if (errno != ENXIO)     /* not a FIFO with no reader yet */
			return;
		nanosleep(&nap, NULL);
	}
}

static int capture(const struct ecap_iface *ifc, struct ecap_args *a)
{
	struct ecap_sink s = { 0 };
	struct bpf_program *prog = NULL;
	struct sigaction sa;
	const char *mfp = a->o.val[ECAP_OPT_MANIFEST];
	char err[PCAP_ERRBUF_SIZE + 64];
	int r, rc = SG_EXIT_OK;

	if (!a->fifo || !*a->fifo)
		return sg_usage(EXTCAP_CTX, "--capture: needs --fifo PATH");
	if ((r = sg_check_out_path(EXTCAP_CTX, "fifo", a->fifo)))
		return r;
	if (a->filter && *a->filter) {
		prog = compile_filter(ifc, a->filter, err, sizeof(err));
		if (!prog) {
			r = sg_usage(EXTCAP_CTX, "--extcap-capture-filter '%s': %s", a->filter, err);
			release_fifo(a->fifo);
			return r;
		}
	}
	/* No SA_RESTART: a blocked FIFO open or a pacing sleep ends at once.
	 * SIGPIPE ignored: a reader that goes away shows up as EPIPE. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (mfp && !(s.mf = manifest_open(mfp))) {
		rc = sg_fail(EXTCAP_CTX, "--manifest '%s': %s", mfp, strerror(errno));
		goto out;
	}
	/* Opening a FIFO waits for its reader (Wireshark's dumpcap). */
	s.out = pcap_out_open(a->fifo, ifc->dlt, err, sizeof(err));
	if (!s.out) {
		if (!ecap_stop)
			rc = sg_fail(EXTCAP_CTX, "--fifo '%s': %s", a->fifo, err);
		goto out;
	}
	if ((r = pcap_out_flush(s.out)) < 0) {      /* the header, before any packet */
		if (r != -EPIPE)
			rc = sg_fail(EXTCAP_CTX, "--fifo '%s': %s", a->fifo, strerror(-r));
		goto out;
	}
	s.filter = prog;
	s.limit = a->o.count;
	s.gap_ns = a->o.rate > 0 ? 1e9 / a->o.rate : 0;
	r = ifc->run(&s, &a->o);
	if (r > 0)
		rc = r;
	else if (r < 0 && r != -ECANCELED && r != -EPIPE && !ecap_stop)
		rc = sg_fail(EXTCAP_CTX, "%s: --fifo '%s': %s", ifc->name, a->fifo, strerror(-r));
out:
	if (s.out) {
		/* Stopped: whatever is still buffered must not make the close
		 * wait for a reader that no longer reads. */
		if (ecap_stop)
			fcntl(pcap_out_fd(s.out), F_SETFL,
			      fcntl(pcap_out_fd(s.out), F_GETFL) | O_NONBLOCK);
		(void)pcap_out_close(s.out);    /* a reader that left: nothing to report */
	}
	if (s.mf && (r = manifest_close(s.mf)) < 0 && !rc)
		rc = sg_fail(EXTCAP_CTX, "--manifest '%s': %s", mfp, strerror(-r));
	free_filter(prog);
	return rc;
}

int cmd_extcap(int argc, char **argv)
{
	struct ecap_args a = { 0 };
	const struct ecap_iface *ifc = NULL;
	int r;

	if ((r = parse_args(argc, argv, &a)))
		return r < 0 ? SG_EXIT_OK : r;
	if (a.list)
		return list_interfaces();
	if (a.version && !a.iface)
		return print_version_line(), SG_EXIT_OK;
	if (!a.dlts && !a.config && !a.capture && !a.filter) {
		usage(stderr);
		return SG_EXIT_USAGE;
	}
	if (!a.iface)
		return sg_usage(EXTCAP_CTX, "--extcap-interface: missing (sockgen-ndp or sockgen-vsock)");
	if (!(ifc = find_iface(a.iface)))
		return sg_usage(EXTCAP_CTX, "--extcap-interface '%s': unknown interface "
				"(sockgen-ndp or sockgen-vsock)", a.iface);
	if ((r = parse_common(ifc, &a.o)))
		return r;
	if (a.dlts) {
		printf("dlt {number=%d}{name=%s}{display=%s}\n", ifc->dlt, ifc->dlt_name,
		       ifc->dlt_display);
		return SG_EXIT_OK;
	}
	if (a.config) {
		ifc->config();
		return SG_EXIT_OK;
	}
	if (!a.capture) {
		/* Wireshark's filter check: nothing on stdout = valid, else the
		 * reason on the first line. */
		char err[PCAP_ERRBUF_SIZE + 64];
		struct bpf_program *prog = compile_filter(ifc, a.filter, err, sizeof(err));

		if (!prog)
			printf("%s\n", err);
		free_filter(prog);
		return SG_EXIT_OK;
	}
	return capture(ifc, &a);
}
