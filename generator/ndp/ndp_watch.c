/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp listen --watch: the plugin's ND security analysis live on a
 * link, as NDPMon did. The link's ND frames (ndp_link.c's packet socket)
 * go as a pcap stream into tshark with sockscope.so (core/tshark.c: its
 * private plugin tree, unprivileged when root); each Warning or Error
 * expert item of the Security and Sequence groups tshark prints (rogue
 * router, spoofed lifetime 0, binding change, DAD DoS, Redirect, floods,
 * RA-Guard evasion; duplicate address, DAD conflict, inconsistent routers)
 * becomes one line. The analysis is the plugin's, not a copy. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fnv1a.h"
#include "json.h"
#include "ndpg.h"
#include "ndp_link.h"
#include "netif.h"
#include "sockgen.h"
#include "tshark.h"

#define CTX "ndp listen --watch"
#define MAX_PREFS 8
#define MAX_KNOWN 32            /* the plugin's MAX_KNOWN_ROUTERS */
#define SNAP 4080               /* record + header within PIPE_BUF: atomic writes */
#define SEEN_CAP 4096           /* distinct finding texts remembered */
#define AGG "\x1f"              /* between occurrences: no message holds it */

/* Expert severities and groups (epan/proto.h, the same in 4.0 to 4.6). */
#define PI_WARN 0x00600000u
#define PI_GROUP_SEQUENCE 0x02000000u
#define PI_GROUP_SECURITY 0x0a000000u

/* The plugin's analysis preferences --pref may set (plugin/packet-ndisc-security.c,
 * state_limit: packet-ndisc-analysis.c). */
static const char *const analysis_prefs[] = {
	"known_routers", "ra_flood_threshold", "ns_flood_threshold", "dad_dos_threshold",
	"state_limit",
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct watch {
	const char *ifname, *tshark, *plugin, *pcap_path;
	char *installed;
	FILE *pcap;                     /* --pcap: the frames tshark was given */
	bool json, promisc;
	uint64_t count, timeout;        /* --count findings, --timeout S; 0: none */
	size_t n_prefs;
	char prefs[MAX_PREFS][1200];    /* "ndisc.<name>:<value>" for tshark -o */
	struct ndpg_rx rx;
	struct sg_tshark_tree tree;
	pid_t pid;
	int to_ts, from_ts, err_fd;     /* tshark's stdin, stdout, stderr (a file) */
	char line[65536];
	size_t line_len;
	uint64_t frames, dropped, findings, repeats;
	int out_errno;                  /* stdout failed (a reader gone): stop */
	size_t n_seen;
	uint64_t seen[SEEN_CAP];
};

void ndpg_watch_usage(FILE *f)
{
	fprintf(f,
		"Watch (sockgen ndp listen IF --watch [--json] [--count N] [--timeout S]\n"
		"       [--known-routers LIST] [--pref NAME:VALUE]... [--promisc] [--pcap FILE]\n"
		"       [--tshark PATH] [--plugin PATH]):\n"
		"the plugin's ND security analysis live on IF: the link's ND frames (and\n"
		"IPv6 frames behind extension headers) go to tshark with sockscope.so, and\n"
		"each finding prints one line: time (UTC), interface, severity, text. Found:\n"
		"rogue routers, spoofed router lifetime 0 (kill_router6), address-to-MAC\n"
		"binding changes (parasite6, fake_advertise6), DAD denial of service,\n"
		"Redirects not from the router, RA and NS floods, ND behind extension\n"
		"headers or in fragments (RA-Guard evasion), duplicate addresses, DAD\n"
		"conflicts, routers advertising inconsistent prefixes or MTUs. A finding\n"
		"repeated with the same text (the next RA of the same rogue router) prints\n"
		"once.\n"
		"  --json         one JSON object per finding (time, interface, frame,\n"
		"                 severity, group, message)\n"
		"  --count N      exit after N findings\n"
		"  --timeout S    exit after S seconds (default: until SIGINT/SIGTERM)\n"
		"  --known-routers LIST  routers allowed on the link, ADDR[=MAC] separated\n"
		"                 by blanks or commas (preference ndisc.known_routers);\n"
		"                 default: the first router seen is trusted\n"
		"  --pref NAME:VALUE  an analysis preference of the plugin: known_routers,\n"
		"                 ra_flood_threshold, ns_flood_threshold, dad_dos_threshold,\n"
		"                 state_limit (addresses remembered: bounds memory)\n"
		"  --promisc      all unicast of the link too (a mirror port, a bridge)\n"
		"  --pcap FILE    also write the frames analysed: frame N of a finding's\n"
		"                 text is frame N of FILE\n"
		"  --tshark PATH  tshark binary (default: tshark from PATH)\n"
		"  --plugin PATH  sockscope.so (default: $SOCKSCOPE_PLUGIN, else the\n"
		"                 installed one from tshark -G folders)\n"
		"  As root tshark runs as nobody (uid 65534) with a private plugin tree.\n"
		"Examples:\n"
		"  sockgen ndp listen eth0 --watch\n"
		"  sockgen ndp listen br0 --watch --promisc --json --timeout 3600 --pcap watch.pcap\n"
		"  sockgen ndp listen eth0 --watch --known-routers fe80::1=02:00:00:00:01:01 --count 1\n"
		"Exit (--watch): 0 nothing found, 3 findings reported (as verify's 3: the\n"
		"link failed the check; apart from 1, so a script tells an attacked link\n"
		"from a broken watch), 1 runtime failure (tshark or the plugin missing,\n"
		"not loading or dying; the socket), 2 bad input.\n");
}

/* --known-routers: each token an IPv6 address with an optional =MAC. */
static int check_known(const char *flag, const char *list)
{
	char tok[128];
	uint8_t a[16], mac[6];
	size_t n = 0;

	for (const char *p = list + strspn(list, " ,;\t"); *p; p += strspn(p, " ,;\t")) {
		size_t len = strcspn(p, " ,;\t");
		char *eq;

		if (len >= sizeof(tok) || ++n > MAX_KNOWN)
			return sg_usage(CTX, "%s '%s': %s", flag, list, n > MAX_KNOWN ?
					"at most 32 routers" : "an entry is too long");
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		if ((eq = strchr(tok, '=')))
			*eq++ = '\0';
		if (ndpg_parse_ipv6(tok, a))
			return sg_usage(CTX, "%s '%s': '%s' is not an IPv6 address", flag, list, tok);
		if (eq && ndpg_parse_mac(eq, mac))
			return sg_usage(CTX, "%s '%s': '%s' is not a MAC address", flag, list, eq);
	}
	if (!n)
		return sg_usage(CTX, "%s '%s': no router given", flag, list);
	return 0;
}

/* --pref NAME:VALUE (and --known-routers, as NAME known_routers). */
static int add_pref(struct watch *w, const char *flag, const char *arg)
{
	const char *colon = strchr(arg, ':'), *val = colon ? colon + 1 : NULL;
	size_t nlen = colon ? (size_t)(colon - arg) : 0, k;
	uint64_t v;
	int rc;

	for (k = 0; k < sizeof(analysis_prefs) / sizeof(analysis_prefs[0]); k++)
		if (colon && strlen(analysis_prefs[k]) == nlen && !strncmp(arg, analysis_prefs[k], nlen))
			break;
	if (!colon || k == sizeof(analysis_prefs) / sizeof(analysis_prefs[0]))
		return sg_usage(CTX, "%s '%s': must be NAME:VALUE, NAME one of known_routers, "
				"ra_flood_threshold, ns_flood_threshold, dad_dos_threshold, state_limit",
				flag, arg);
	if (k == 0 && (rc = check_known(flag, val)))
		return rc;
	if (k > 0 && ndpg_parse_uint(val, UINT32_MAX, &v))
		return sg_usage(CTX, "%s '%s': the value must be a number 0..4294967295", flag, arg);
	if (w->n_prefs == MAX_PREFS || strlen(arg) > sizeof(w->prefs[0]) - 8)
		return sg_usage(CTX, "%s '%s': too many or too long preferences", flag, arg);
	snprintf(w->prefs[w->n_prefs++], sizeof(w->prefs[0]), "ndisc.%s", arg);
	return 0;
}

/* Options only --watch takes: given to listen, they bring it here, to be
 * told they need --watch. */
static const char *const watch_only[] = {
	"--watch", "--known-routers", "--pref", "--promisc", "--pcap", "--tshark", "--plugin",
};

bool ndpg_watch_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		for (size_t k = 0; k < sizeof(watch_only) / sizeof(watch_only[0]); k++) {
			size_t n = strlen(watch_only[k]);

			if (!strncmp(argv[i], watch_only[k], n) && (!argv[i][n] || argv[i][n] == '='))
				return true;
		}
	return false;
}

/* Options of listen that have no meaning here, named in the message. */
static int not_with_watch(const char *arg)
{
	return sg_usage(CTX, "--%s: not with --watch (see sockgen ndp listen --help)", arg);
}

/* Parse: 0, -1 after --help, or the exit code. */
static int watch_args(struct watch *w, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "watch", no_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "known-routers", required_argument, NULL, 'K' },
		{ "pref", required_argument, NULL, 'P' },
		{ "promisc", no_argument, NULL, 'p' },
		{ "pcap", required_argument, NULL, 'w' },
		{ "tshark", required_argument, NULL, 'T' },
		{ "plugin", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'X' },
		{ "respond", no_argument, NULL, 'X' },
		{ "router", no_argument, NULL, 'X' },
		{ "addr", required_argument, NULL, 'X' },
		{ "ra", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char known[1300];
	const char *only = NULL;        /* a watch-only option seen */
	bool watch = false;
	int c, rc, idx = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, &idx)) != -1) {
		rc = 0;
		if (c != 'W' && strchr("KPpwTL", c) && !only)
			only = opts[idx].name;
		switch (c) {
		case 'W': watch = true; break;
		case 'j': w->json = true; break;
		case 'p': w->promisc = true; break;
		case 'c':
			if (ndpg_parse_uint(optarg, UINT32_MAX, &w->count) || !w->count)
				return sg_usage(CTX, "--count '%s': must be 1..4294967295", optarg);
			break;
		case 't':
			if (ndpg_parse_uint(optarg, 86400 * 365, &w->timeout) || !w->timeout)
				return sg_usage(CTX, "--timeout '%s': must be a positive number of seconds",
						optarg);
			break;
		case 'K':
			snprintf(known, sizeof(known), "known_routers:%.1200s", optarg);
			if ((rc = check_known("--known-routers", optarg)) == 0)
				rc = add_pref(w, "--known-routers", known);
			break;
		case 'P': rc = add_pref(w, "--pref", optarg); break;
		case 'w':
			if (!*optarg)
				return sg_usage(CTX, "--pcap '': empty path");
			if ((rc = sg_check_out_path(CTX, "pcap", optarg)))
				return rc;
			w->pcap_path = optarg;
			break;
		case 'T':
			if (!*optarg)
				return sg_usage(CTX, "--tshark '': empty path");
			w->tshark = optarg;
			break;
		case 'L':
			if (!*optarg)
				return sg_usage(CTX, "--plugin '': empty path");
			w->plugin = optarg;
			break;
		case 'X': return not_with_watch(opts[idx].name);
		case 'h':
			return -1;
		case ':':
			return sg_usage(CTX, "%s: missing argument", argv[optind - 1]);
		default:
			return sg_usage(CTX, "unknown option '%s' (see sockgen ndp listen --help)",
					argv[optind - 1]);
		}
		if (rc)
			return rc;
	}
	if (!watch)
		return sg_usage("ndp listen", "--%s: only with --watch", only ? only : "watch");
	if (optind != argc - 1)
		return sg_usage(CTX, optind >= argc ? "give the interface (sockgen ndp listen IF --watch)"
				: "unexpected argument '%s'", argv[optind < argc - 1 ? optind + 1 : 0]);
	w->ifname = argv[optind];
	return 0;
}

static int start_fail(char *err, size_t errsz, const char *what)
{
	snprintf(err, errsz, "%s: %s", what, strerror(errno));
	return -1;
}

/* tshark -l -r - -T fields: frame number, time, ndisc.type (which tshark
 * refuses when the plugin did not load), and every expert item's message,
 * severity and group, occurrences joined by AGG. Its stdin and stdout are
 * pipes, its stderr a file of the tree. 0, or -1 with err. */
static int start_tshark(struct watch *w, char *err, size_t errsz)
{
	static const char *const fixed[] = {
		"-n", "-l", "-r", "-", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
		"-E", ("aggregator=" AGG), "-e", "frame.number", "-e", "frame.time_epoch",
		"-e", "ndisc.type", "-e", "_ws.expert.message", "-e", "_ws.expert.severity",
		"-e", "_ws.expert.group",
	};
	const char *argv[2 + sizeof(fixed) / sizeof(fixed[0]) + 2 * MAX_PREFS];
	int in[2], out[2];
	size_t n = 0;

	argv[n++] = w->tshark;
	for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++)
		argv[n++] = fixed[k];
	for (size_t k = 0; k < w->n_prefs; k++) {
		argv[n++] = "-o";
		argv[n++] = w->prefs[k];
	}
	argv[n] = NULL;
	if (sg_tshark_tree_make(&w->tree, "watch", w->tshark, w->plugin, err, errsz))
		return -1;
	w->err_fd = open(w->tree.dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (w->err_fd < 0)
		return start_fail(err, errsz, "temporary file");
	if (pipe2(in, O_CLOEXEC))
		return start_fail(err, errsz, "pipe");
	if (pipe2(out, O_CLOEXEC)) {
		close(in[0]);
		close(in[1]);
		return start_fail(err, errsz, "pipe");
	}
	/* room for bursts while tshark catches up (best effort) */
	fcntl(in[1], F_SETPIPE_SZ, 1 << 20);
	fflush(NULL);
	w->pid = fork();
	if (w->pid == 0) {
		/* its own process group: a terminal's ^C reaches only us, and
		 * tshark still reads what we queued before the end */
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(w->err_fd, 2) < 0)
			_exit(126);
		sg_tshark_exec(w->tshark, argv, &w->tree, CTX);
	}
	close(in[0]);
	close(out[1]);
	w->to_ts = in[1];
	w->from_ts = out[0];
	if (w->pid < 0)
		return start_fail(err, errsz, "fork");
	fcntl(w->to_ts, F_SETFL, O_NONBLOCK);
	return 0;
}

/* The pcap file header, host byte order: Ethernet, microseconds. */
static int put_header(struct watch *w)
{
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t zone;
		uint32_t sigfigs, snaplen, linktype;
	} h = { 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1 };

	if (w->pcap && fwrite(&h, sizeof(h), 1, w->pcap) != 1)
		return -EIO;
	return write(w->to_ts, &h, sizeof(h)) == (ssize_t)sizeof(h) ? 0 : -EPIPE;
}

/* One pcap record, written whole or not at all (under PIPE_BUF); a frame
 * tshark has no room for is counted as dropped. 0 or -errno. */
static int put_record(struct watch *w, const uint8_t *frame, size_t len, size_t wire_len)
{
	uint8_t rec[16 + SNAP];
	uint32_t h[4];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	len = len < SNAP ? len : SNAP;
	h[0] = (uint32_t)ts.tv_sec;
	h[1] = (uint32_t)(ts.tv_nsec / 1000);
	h[2] = (uint32_t)len;
	h[3] = (uint32_t)wire_len;
	memcpy(rec, h, 16);
	memcpy(rec + 16, frame, len);
	if (write(w->to_ts, rec, 16 + len) == (ssize_t)(16 + len)) {
		/* frame N of the file is frame N of the findings */
		if (w->pcap && (fwrite(rec, 16 + len, 1, w->pcap) != 1 || fflush(w->pcap)))
			return -EIO;
		return 0;
	}
	if (errno == EAGAIN) {
		w->dropped++;
		return 0;
	}
	return -errno;
}

/* The frames the socket holds now, on to tshark. 0 or the exit code. */
static int forward_frames(struct watch *w)
{
	uint8_t buf[SNAP];
	size_t len, wire;
	int r;

	for (int k = 0; k < 64; k++) {
		r = ndpg_rx_frame(&w->rx, buf, sizeof(buf), 0, &len, &wire);
		if (r == 0)
			return 0;
		if (r < 0)
			return sg_fail(CTX, "%s: receive: %s", w->ifname, strerror(-r));
		if ((r = put_record(w, buf, len, wire)) < 0)
			return r == -EIO ? sg_fail(CTX, "--pcap '%s': %s", w->pcap_path, strerror(errno))
					 : sg_fail(CTX, "writing to tshark: %s", strerror(-r));
		w->frames++;
	}
	return 0;
}

/* tshark's frame.time_epoch ("1796259527.310085000") as UTC ISO 8601 with
 * microseconds. */
static void utc_time(const char *epoch, char *out, size_t outsz)
{
	char *end;
	time_t sec = (time_t)strtoll(epoch, &end, 10);
	char frac[7] = "000000";
	struct tm tm;

	if (*end == '.')
		for (size_t k = 0; k < 6 && end[1 + k] >= '0' && end[1 + k] <= '9'; k++)
			frac[k] = end[1 + k];
	if (!gmtime_r(&sec, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d.%sZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

/* A finding not seen before: printed, unless --count is reached. */
static void finding(struct watch *w, const char *frame, const char *epoch, const char *msg,
		    unsigned long sev, unsigned long grp)
{
	uint64_t h = fnv1a(FNV1A_INIT, (const uint8_t *)msg, strlen(msg));
	const char *sev_name = sev >= 0x00800000u ? "error" : "warning";
	const char *grp_name = grp == PI_GROUP_SECURITY ? "security" : "sequence";
	char when[48];

	for (size_t k = 0; k < w->n_seen; k++)
		if (w->seen[k] == h) {
			w->repeats++;
			return;
		}
	if (w->n_seen < SEEN_CAP)
		w->seen[w->n_seen++] = h;
	if (w->count && w->findings >= w->count)
		return;
	w->findings++;
	utc_time(epoch, when, sizeof(when));
	if (!w->json) {
		printf("%s %s %s %s\n", when, w->ifname, sev_name, msg);
	} else {
		printf("{\"time\": \"%s\", \"interface\": ", when);
		sg_json_str(stdout, w->ifname);
		printf(", \"frame\": %lu, \"severity\": \"%s\", \"group\": \"%s\", \"message\": ",
		       strtoul(frame, NULL, 10), sev_name, grp_name);
		sg_json_str(stdout, msg);
		printf("}\n");
	}
	if ((fflush(stdout) || ferror(stdout)) && !w->out_errno) {
		w->out_errno = errno ? errno : EIO;
		stop = 1;
	}
}

/* One frame's line: frame, time, ndisc.type, then the expert items'
 * messages, severities and groups, each column's occurrences in the same
 * order. Warnings and errors of the Security and Sequence groups count. */
static void handle_line(struct watch *w, char *line)
{
	char *col[6], *p = line, *msg, *sev, *grp;

	for (size_t k = 0; k < 6; k++) {
		col[k] = p;
		p = p ? strchr(p, '\t') : NULL;
		if (p)
			*p++ = '\0';
		else if (k < 5)
			return;
	}
	msg = col[3];
	sev = col[4];
	grp = col[5];
	while (*msg && *sev && *grp) {
		size_t ml = strcspn(msg, AGG);
		unsigned long sv = strtoul(sev, &sev, 10), gv = strtoul(grp, &grp, 10);
		char save = msg[ml];

		msg[ml] = '\0';
		if (sv >= PI_WARN && (gv == PI_GROUP_SECURITY || gv == PI_GROUP_SEQUENCE))
			finding(w, col[0], col[1], msg, sv, gv);
		msg += ml + (save ? 1 : 0);
		sev += strspn(sev, AGG);
		grp += strspn(grp, AGG);
	}
}

/* What tshark printed so far, line by line: 1 more may come, 0 it ended
 * its output, -errno. */
static int read_output(struct watch *w)
{
	ssize_t n = read(w->from_ts, w->line + w->line_len, sizeof(w->line) - 1 - w->line_len);
	char *p = w->line, *e;
	size_t rest;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -errno;
	w->line_len += (size_t)n;
	while ((e = memchr(p, '\n', (size_t)(w->line + w->line_len - p)))) {
		*e = '\0';
		handle_line(w, p);
		p = e + 1;
	}
	rest = (size_t)(w->line + w->line_len - p);
	if (n == 0 || rest == sizeof(w->line) - 1) {
		/* the last line without its newline, or one too long: as it is */
		p[rest] = '\0';
		if (rest)
			handle_line(w, p);
		rest = 0;
	}
	memmove(w->line, p, rest);
	w->line_len = rest;
	return n == 0 ? 0 : 1;
}

/* The first line of tshark's stderr that is not the "Running as user" note. */
static void tshark_error(struct watch *w, char *buf, size_t bufsz)
{
	char text[4096];
	ssize_t n = pread(w->err_fd, text, sizeof(text) - 1, 0);
	char *p = text;

	snprintf(buf, bufsz, "(no message)");
	text[n > 0 ? n : 0] = '\0';
	while (*p) {
		size_t len = strcspn(p, "\n");

		if (len && strncmp(p, "Running as user", 15)) {
			snprintf(buf, bufsz, "%.*s", (int)len, p);
			return;
		}
		p += len + (p[len] ? 1 : 0);
	}
}

/* How tshark ended: 0 well, else the exit code after one message. */
static int tshark_status(struct watch *w, int status, bool killed)
{
	char line[600];

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (killed)
		return 0;               /* stopped by us: it was behind */
	tshark_error(w, line, sizeof(line));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return sg_fail(CTX, "tshark '%s' cannot run: %s", w->tshark, line);
	if (strstr(line, "load plugin") ||
	    (strstr(line, "ndisc") && (strstr(line, "aren't valid") || strstr(line, "preference"))))
		return sg_fail(CTX, "plugin '%s' did not load into tshark '%s': %s", w->plugin,
			       w->tshark, line);
	if (strstr(line, "aren't valid")) {
		/* the field names are on the lines after it */
		return sg_fail(CTX, "plugin '%s' did not load into tshark '%s' (it knows no ndisc fields)",
			       w->plugin, w->tshark);
	}
	if (WIFEXITED(status))
		return sg_fail(CTX, "tshark exited %d: %s", WEXITSTATUS(status), line);
	return sg_fail(CTX, "tshark killed by signal %d: %s", WTERMSIG(status), line);
}

#define TSHARK_ENDED (-2)

/* Receive and analyse until --count, --timeout, a signal or tshark's end.
 * 0, TSHARK_ENDED when tshark ended by itself (its status says why), or
 * the exit code of a failure. */
static int watch_loop(struct watch *w)
{
	long long end = w->timeout ? ndpg_now_ms() + (long long)w->timeout * 1000 : 0;
	struct pollfd pf[2] = { { .fd = w->rx.fd, .events = POLLIN },
				{ .fd = w->from_ts, .events = POLLIN } };
	int r;

	while (!stop && !(w->count && w->findings >= w->count)) {
		long long left = end ? end - ndpg_now_ms() : 500;

		if (left <= 0)
			break;
		if (poll(pf, 2, left < 500 ? (int)left : 500) < 0) {
			if (errno == EINTR)
				continue;
			return sg_fail(CTX, "poll: %s", strerror(errno));
		}
		if ((pf[0].revents & POLLIN) && (r = forward_frames(w)))
			return r;
		if (pf[1].revents) {
			r = read_output(w);
			if (r <= 0)
				return r < 0 ? sg_fail(CTX, "reading tshark: %s", strerror(-r)) : TSHARK_ENDED;
		}
	}
	return 0;
}

/* End of input for tshark; what it still prints is read (up to 10 s),
 * then its status. rc: the loop's. The exit code. */
static int watch_finish(struct watch *w, int rc)
{
	long long end = ndpg_now_ms() + 10000;
	struct pollfd pf = { .fd = w->from_ts, .events = POLLIN };
	bool killed = false, done = (w->count && w->findings >= w->count) || w->out_errno;
	int status = 0, st;

	close(w->to_ts);
	w->to_ts = -1;
	/* --count reached or stdout gone: nothing more to read, tshark may
	 * stop at once */
	while (rc == 0 && !done && !(killed = ndpg_now_ms() >= end)) {
		int p = poll(&pf, 1, 200);

		if (p < 0 && errno != EINTR)
			break;
		if (p > 0 && read_output(w) <= 0)
			break;
	}
	if (killed || done || rc > 0)
		kill(w->pid, SIGTERM);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	w->pid = -1;
	if (rc > 0)
		return rc;
	if (w->out_errno)
		return sg_fail(CTX, "stdout: %s", strerror(w->out_errno));
	if ((st = tshark_status(w, status, killed || done)))
		return st;
	if (rc == TSHARK_ENDED)
		return sg_fail(CTX, "tshark ended before the watch did");
	if (killed)
		sg_warn(CTX, "tshark was still busy after 10 s: stopped");
	fprintf(stderr, "sockgen: %s: %llu frames, %llu findings (%llu repeats not shown)\n", CTX,
		(unsigned long long)w->frames, (unsigned long long)w->findings,
		(unsigned long long)w->repeats);
	if (w->dropped)
		sg_warn(CTX, "%llu frames not analysed: tshark fell behind",
			(unsigned long long)w->dropped);
	return w->findings ? SG_EXIT_MISMATCH : SG_EXIT_OK;
}

/* tshark and the plugin, found before anything starts. 0 or 1. */
static int find_tools(struct watch *w)
{
	if (!strchr(w->tshark, '/')) {
		const char *path = getenv("PATH");
		char cand[4200];
		bool found = false;

		for (const char *p = path ? path : "/usr/bin:/bin"; *p && !found; ) {
			size_t len = strcspn(p, ":");

			snprintf(cand, sizeof(cand), "%.*s/%s", (int)len, p, w->tshark);
			found = access(cand, X_OK) == 0;
			p += len + (p[len] ? 1 : 0);
		}
		if (!found)
			return sg_fail(CTX, "tshark '%s' not found in PATH (install tshark or give --tshark)",
				       w->tshark);
	} else if (access(w->tshark, X_OK)) {
		return sg_fail(CTX, "tshark '%s': %s", w->tshark, strerror(errno));
	}
	if (!w->plugin && !(w->plugin = sg_tshark_default_plugin(w->tshark, &w->installed)))
		return sg_fail(CTX, "no plugin: set SOCKSCOPE_PLUGIN or --plugin (tshark '%s' names no plugin directory)",
			       w->tshark);
	if (access(w->plugin, R_OK))
		return sg_fail(CTX, "plugin '%s': %s", w->plugin, strerror(errno));
	return 0;
}

static int watch_setup(struct watch *w)
{
	struct netif ni;
	struct sigaction sa;
	char err[1024];
	int e, rc;

	if ((rc = find_tools(w)))
		return rc;
	if ((e = netif_get(w->ifname, &ni)) < 0)
		return sg_fail(CTX, "%s: %s", w->ifname,
			       e == -ENODEV ? "no such interface" : strerror(-e));
	if (ndpg_rx_open_watch(&w->rx, ni.index, w->promisc, err, sizeof(err)) < 0)
		return sg_fail(CTX, "%s: %s", w->ifname, err);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (w->pcap_path && !(w->pcap = fopen(w->pcap_path, "wb")))
		return sg_fail(CTX, "--pcap '%s': %s", w->pcap_path, strerror(errno));
	if (start_tshark(w, err, sizeof(err)))
		return sg_fail(CTX, "tshark: %s", err);
	if ((rc = put_header(w)) == -EIO)
		return sg_fail(CTX, "--pcap '%s': %s", w->pcap_path, strerror(errno));
	if (rc)
		return TSHARK_ENDED;    /* its status says why */
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return 0;
}

int cmd_ndp_watch(int argc, char **argv)
{
	struct watch *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	w->rx.fd = w->to_ts = w->from_ts = w->err_fd = -1;
	w->pid = -1;
	w->tshark = "tshark";
	rc = watch_args(w, argc, argv);
	if (rc < 0) {
		ndpg_watch_usage(stdout);
		rc = 0;
	} else if (!rc) {
		rc = watch_setup(w);
		if (!rc) {
			fprintf(stderr, "sockgen: %s: watching %s (tshark %s, plugin %s)\n", CTX,
				w->ifname, w->tshark, w->plugin);
			rc = watch_loop(w);
		}
		if (w->pid > 0)
			rc = watch_finish(w, rc);
	}
	ndpg_rx_close(&w->rx);
	if (w->to_ts >= 0)
		close(w->to_ts);
	if (w->from_ts >= 0)
		close(w->from_ts);
	if (w->err_fd >= 0)
		close(w->err_fd);
	sg_tshark_tree_remove(&w->tree);
	if (w->pcap && fclose(w->pcap) && rc != SG_EXIT_RUNTIME)
		rc = sg_fail(CTX, "--pcap '%s': %s", w->pcap_path, strerror(errno));
	/* a run that failed leaves no capture behind */
	if (w->pcap && rc == SG_EXIT_RUNTIME)
		sg_remove_output(w->pcap_path);
	free(w->installed);
	free(w);
	return rc;
}
