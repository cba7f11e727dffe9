/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Dissector fuzz harness: libwireshark (4.0, 4.4, 4.6) epan with sockscope.so, each input
 * dissected as one packet (or a short packet sequence) by `ndisc` or
 * `vsockmon`, the way tshark would see it off a capture file.
 *
 * Target: compile-time FUZZ_DISSECT_TARGET, else $SOCKSCOPE_FUZZ_TARGET, else
 * the program name (…ndisc… / …vsockmon…). Plugin: $SOCKSCOPE_PLUGIN, else
 * the compile-time FUZZ_PLUGIN_PATH. The plugin is dlopen()ed and its
 * plugin_register() called before epan_init(), so neither root's refusal of
 * personal plugin directories nor the installed plugin set matters.
 *
 * Input formats:
 *   ndisc     an ICMPv6 message, wrapped in an IPv6 header (fe80::1 ->
 *             ff02::1, hop limit 255) and decoded from WTAP_ENCAP_RAW_IP6, so
 *             ndisc gets its ws_ip6 data from the real ipv6 dissector; a
 *             packet that already starts with an IPv6 header (version 6,
 *             next header 58, at least 40 octets; ICMPv6 types 96..111 are
 *             unassigned, so no ND message looks like that) is used as is.
 *   vsockmon  a LINKTYPE_VSOCK frame (vsockmon header + transport header +
 *             payload), decoded from WTAP_ENCAP_VSOCK.
 *   either    "SSMP" then records of [u16 little-endian length][packet]:
 *             several packets in one session, for the connection, NS/NA and
 *             reassembly state. A short last record is cut to what is left.
 * The replayer gives each input a fresh epan session, so a finding replays
 * alone (the libFuzzer build: see SESSION_INPUTS). */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOCKSCOPE_EMBED_EPAN
#include "ws_compat.h"
#include <epan/column.h>
#include <epan/column-info.h>
#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/frame_data.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/timestamp.h>
#include <epan/tvbuff.h>
#include <wiretap/wtap.h>
#include <wsutil/filesystem.h>
#include <wsutil/privileges.h>
#include <wsutil/report_message.h>
#include <wsutil/wslog.h>

#include "fuzz.h"

#define MAX_PACKETS 256


struct packet_provider_data {
	GPtrArray *frames;      /* frame_data *, frame number - 1 */
	GPtrArray *bufs;        /* packet bytes, alive until the session ends */
	uint32_t cum_bytes;
	uint32_t next_num;      /* frame numbers go on across inputs */
	const frame_data *ref, *prev_dis;
	nstime_t elapsed;
};

static const char *target;
static int target_encap;
/* $SOCKSCOPE_FUZZ_CONTROL=1: the plugin is not loaded, Wireshark's built-in
 * icmpv6 / vsock dissect the same inputs (the control for memory figures). */
static int control;
static column_info cinfo;

static const nstime_t *get_frame_ts(struct packet_provider_data *prov, uint32_t num)
{
	/* The frames alive (see drop_frames) are in increasing number order:
	 * a binary search, since Wireshark asks for the time reference and the
	 * previous frame on every packet of an input of up to MAX_PACKETS. */
	unsigned lo = 0, hi = prov->frames->len;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const frame_data *fd = g_ptr_array_index(prov->frames, mid);

		if (fd->num == num)
			return &fd->abs_ts;
		if (fd->num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct packet_provider_funcs provider_funcs = {
	.get_frame_ts = get_frame_ts,
};

static void vfail(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
static void vfail(const char *fmt, va_list ap)
{
	fputs("fuzz_dissect: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void open_fail(const char *name, int err, compat_bool for_writing)
{
	fprintf(stderr, "fuzz_dissect: cannot open %s%s: %s\n", name,
		for_writing ? " for writing" : "", g_strerror(err));
}

static void rw_fail(const char *name, int err)
{
	fprintf(stderr, "fuzz_dissect: %s: %s\n", name, g_strerror(err));
}

static const struct report_message_routines report_funcs = {
	.vreport_failure = vfail,
	.vreport_warning = vfail,
	.report_open_failure = open_fail,
	.report_read_failure = rw_fail,
	.report_write_failure = rw_fail,
};

static const char *pick_target(const char *argv0)
{
#ifdef FUZZ_DISSECT_TARGET
	(void)argv0;
	return FUZZ_DISSECT_TARGET;
#else
	const char *env = getenv("SOCKSCOPE_FUZZ_TARGET");

	if (env && *env)
		return env;
	if (argv0 && strstr(argv0, "vsockmon"))
		return "vsockmon";
	if (argv0 && strstr(argv0, "ndisc"))
		return "ndisc";
	return NULL;
#endif
}

#ifdef FUZZ_PERSISTENT
/* Wireshark 4.0's epan_new() re-reads its name-resolution files (manuf,
 * wka, services, hosts, ...) into tables of the epan scope, which only
 * epan_cleanup() gives back: every session costs about 11 MB for good
 * (measured with the plugin not loaded too, SOCKSCOPE_FUZZ_CONTROL=1,
 * soak_dissect_*). The harness resolves no names, so these files are
 * hidden from the process: a session then costs a few hash tables.
 * enterprises.tsv (SMI enterprise numbers, ~60k lines) is given back, but
 * reading it again was 90% of a session's start: 8% of all the time of
 * fuzz_dissect_vsockmon at 1024 inputs per session (perf). */
static int hidden_file(const char *path)
{
	static const char *const names[] = {
		"manuf", "wka", "services", "ethers", "hosts", "ipxnets",
		"vlans", "subnets", "ss7pcs", "enterprises.tsv",
	};
	const char *base = path ? strrchr(path, '/') : NULL;

	base = base ? base + 1 : path;
	for (size_t i = 0; base && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(base, names[i]))
			return 1;
	return 0;
}

FILE *fopen(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);

	if (hidden_file(path)) {
		errno = ENOENT;
		return NULL;
	}
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "fopen");
	return real ? real(path, mode) : NULL;
}
#endif

/* Load sockscope.so by hand: its plugin_register() queues the two
 * proto_plugin structs that epan_init() then registers and hands off. */
static void load_plugin(void)
{
	const char *path = getenv("SOCKSCOPE_PLUGIN");
	void *h;
	void (*reg)(void);

#ifdef FUZZ_PLUGIN_PATH
	if (!path || !*path)
		path = FUZZ_PLUGIN_PATH;
#endif
	if (!path || !*path) {
		fprintf(stderr, "fuzz_dissect: set SOCKSCOPE_PLUGIN to sockscope.so\n");
		exit(2);
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "fuzz_dissect: %s\n", dlerror());
		exit(2);
	}
	*(void **)&reg = dlsym(h, "plugin_register");
	if (!reg) {
		fprintf(stderr, "fuzz_dissect: %s: no plugin_register\n", path);
		exit(2);
	}
	reg();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *argv0 = (argc && *argc > 0 && argv) ? (*argv)[0] : NULL;
	int proto;

	target = pick_target(argv0);
	if (!target || (strcmp(target, "ndisc") && strcmp(target, "vsockmon"))) {
		fprintf(stderr, "fuzz_dissect: target must be ndisc or vsockmon "
				"(SOCKSCOPE_FUZZ_TARGET or the program name)\n");
		exit(2);
	}
	target_encap = strcmp(target, "ndisc") ? WTAP_ENCAP_VSOCK : WTAP_ENCAP_RAW_IP6;

	ws_log_init(NULL);
	ws_log_set_level(LOG_LEVEL_CRITICAL);
	init_process_policies();
	relinquish_special_privs_perm();
	{
		char *err = configuration_init(argv0 ? argv0 : "fuzz_dissect");

		g_free(err);
	}
	init_report_message("fuzz_dissect", &report_funcs);
	wtap_init(false);
	control = getenv("SOCKSCOPE_FUZZ_CONTROL") && !strcmp(getenv("SOCKSCOPE_FUZZ_CONTROL"), "1");
	if (!control)
		load_plugin();
	if (!epan_init(NULL, NULL, false)) {
		fprintf(stderr, "fuzz_dissect: epan_init failed\n");
		exit(2);
	}
	epan_load_settings();
	prefs_apply_all();

	/* The plugin must really be there and enabled: a harness that
	 * silently fell back to the built-ins would fuzz nothing of ours. */
	if (control) {
		fprintf(stderr, "fuzz_dissect: control run, plugin not loaded\n");
	} else if (!find_dissector(target)) {
		fprintf(stderr, "fuzz_dissect: no dissector '%s' (plugin not loaded?)\n", target);
		exit(2);
	}
	proto = proto_get_id_by_filter_name(control ? (strcmp(target, "ndisc") ? "vsock" : "icmpv6") : target);
	if (proto < 0 || !proto_is_protocol_enabled(find_protocol_by_id(proto))) {
		fprintf(stderr, "fuzz_dissect: protocol '%s' missing or disabled\n", target);
		exit(2);
	}
	/* Columns as tshark fills them, so Info-column code runs too. */
	timestamp_set_type(TS_RELATIVE);
	timestamp_set_precision(TS_PREC_AUTO);
	timestamp_set_seconds_type(TS_SECONDS_DEFAULT);
	build_column_format_array(&cinfo, prefs.num_cols, true);
	return 0;
}

/* ndisc: an ICMPv6 message gets an IPv6 header; returns a malloc'd packet
 * of exactly the right size (so ASan sees any over-read). */
static uint8_t *make_packet(const uint8_t *p, size_t len, size_t *out_len)
{
	uint8_t *buf;

	if (target_encap == WTAP_ENCAP_RAW_IP6 &&
	    !(len >= 40 && (p[0] >> 4) == 6 && p[6] == 58)) {
		size_t plen = len > 65535 ? 65535 : len;

		buf = g_malloc(40 + plen);
		memset(buf, 0, 40);
		buf[0] = 0x60;
		buf[4] = (uint8_t)(plen >> 8);
		buf[5] = (uint8_t)plen;
		buf[6] = 58;
		buf[7] = 255;
		buf[8] = 0xfe, buf[9] = 0x80, buf[23] = 1;   /* fe80::1 */
		buf[24] = 0xff, buf[25] = 0x02, buf[39] = 1; /* ff02::1 */
		memcpy(buf + 40, p, plen);
		*out_len = 40 + plen;
		return buf;
	}
	buf = g_malloc(len ? len : 1);
	if (len)
		memcpy(buf, p, len);
	*out_len = len;
	return buf;
}

/* One epan session (file scope: conversations, reassembly tables). The
 * replayer starts a fresh one per input so every finding replays alone;
 * the libFuzzer and soak builds (FUZZ_PERSISTENT) keep it for
 * SESSION_INPUTS inputs, giving back the frames and packet bytes after
 * each input (drop_frames), so a session holds only the dissectors'
 * file-scope state, and a new session bounds that. With Wireshark 4.0's
 * name files hidden (fopen below) a session costs ~10 KB for good and a
 * few milliseconds; 1024 inputs per session: ~23k exec/s without
 * sanitizers (tests/fuzz/soak.c). */
#define SESSION_INPUTS 1024
static struct packet_provider_data prov;
static epan_t *session;
/* One dissection context per session, reset after every packet, as tshark
 * keeps one for a whole file (process_packet_single_pass). */
static epan_dissect_t *edt;
static unsigned session_inputs;

static void end_session(void)
{
	if (!session)
		return;
	epan_dissect_free(edt);
	edt = NULL;
	epan_free(session);
	session = NULL;
	for (unsigned i = 0; i < prov.frames->len; i++) {
		frame_data_destroy(g_ptr_array_index(prov.frames, i));
		g_free(g_ptr_array_index(prov.frames, i));
	}
	g_ptr_array_free(prov.frames, true);
	g_ptr_array_free(prov.bufs, true);
}

#ifdef FUZZ_PERSISTENT
/* Between inputs of a long session: the frames and packet bytes the
 * harness holds are given back, all but the session's first frame (the
 * time reference) and the last (the previous one displayed), so what a
 * session keeps is only the dissectors' own file-scope state. */
static void drop_frames(void)
{
	unsigned n = prov.frames->len;

	if (n <= 2)
		return;
	for (unsigned i = 1; i + 1 < n; i++) {
		frame_data_destroy(g_ptr_array_index(prov.frames, i));
		g_free(g_ptr_array_index(prov.frames, i));
	}
	g_ptr_array_remove_range(prov.frames, 1, n - 2);
	g_ptr_array_remove_range(prov.bufs, 1, n - 2); /* frees the bytes */
}

#endif

static void begin_session(void)
{
	memset(&prov, 0, sizeof(prov));
	prov.frames = g_ptr_array_new();
	prov.bufs = g_ptr_array_new_with_free_func(g_free);
	session = epan_new(&prov, &provider_funcs);
	edt = epan_dissect_new(session, true, true);
	session_inputs = 0;
}

#ifdef FUZZ_PERSISTENT
/* $SOCKSCOPE_FUZZ_SESSION_INPUTS overrides SESSION_INPUTS (0: one session
 * for the whole run). */
static unsigned session_limit(void)
{
	static unsigned limit;
	static int known;

	if (!known) {
		const char *e = getenv("SOCKSCOPE_FUZZ_SESSION_INPUTS");

		limit = e && *e ? (unsigned)strtoul(e, NULL, 10) : SESSION_INPUTS;
		if (limit == 0)
			limit = UINT_MAX;
		known = 1;
	}
	return limit;
}

#endif

static void dissect_one(const uint8_t *pkt, size_t plen)
{
	frame_data *fd = g_new0(frame_data, 1);
	uint32_t num = ++prov.next_num;
	uint8_t *buf;
	size_t len;
	wtap_rec rec;

	buf = make_packet(pkt, plen, &len);
	g_ptr_array_add(prov.bufs, buf);
	g_ptr_array_add(prov.frames, fd);
	compat_record_init(&rec, target_encap, buf, (unsigned)len);
	rec.ts.secs = 1700000000 + (time_t)num;
	rec.ts.nsecs = 0;
	frame_data_init(fd, num, &rec, (int64_t)num * 65536, prov.cum_bytes);
	frame_data_set_before_dissect(fd, &prov.elapsed, &prov.ref, prov.prev_dis);
	compat_dissect_record(edt, &rec, buf, (unsigned)len, fd, &cinfo);
	epan_dissect_fill_in_columns(edt, false, true);
	frame_data_set_after_dissect(fd, &prov.cum_bytes);
	prov.prev_dis = fd;
	epan_dissect_reset(edt);        /* still needs rec (its block) */
	wtap_rec_cleanup(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pkts[MAX_PACKETS];
	size_t lens[MAX_PACKETS];
	uint32_t n = 0;

	if (!target)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size >= 4 && !memcmp(data, "SSMP", 4)) {
		size_t off = 4;

		while (off + 2 <= size && n < MAX_PACKETS) {
			size_t len = (size_t)data[off] | (size_t)data[off + 1] << 8;

			off += 2;
			if (len > size - off)
				len = size - off;
			pkts[n] = data + off;
			lens[n++] = len;
			off += len;
		}
		if (n == 0)
			return 0;
	} else {
		pkts[0] = data;
		lens[0] = size;
		n = 1;
	}
#ifdef FUZZ_PERSISTENT
	if (session && session_inputs >= session_limit())
		end_session();
#else
	end_session();
#endif
	if (!session)
		begin_session();
	session_inputs++;
	for (uint32_t i = 0; i < n; i++)
		dissect_one(pkts[i], lens[i]);
#ifdef FUZZ_PERSISTENT
	drop_frames();
#else
	end_session();
#endif
	return 0;
}
