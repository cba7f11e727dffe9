/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen verify: a capture decoded by tshark + sockscope.so compared field by field with a sockgen manifest (DESIGN.md contract). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "sockgen.h"
#include "tshark.h"
#include "verify.h"

#define CTX "verify"

/* Fields that say which packet a record describes. Primary ones must
 * agree for a captured packet to be taken as the record's; the others
 * narrow the choice when unrelated traffic of the same kind is captured
 * (the kernel's DAD probes, neighbour resolution, other vsock flows), and
 * are dropped when nothing matches them all, so that a wrong decode of
 * one of them is reported as a field difference, not as a lost packet. */
static const char *const id_primary[] = {
	"ndisc.type", "icmpv6.type", "ipv6.src", "ipv6.dst",
	"vsockmon.op", "vsockmon.virtio.op", "vsockmon.virtio.type",
	"vsockmon.src_cid", "vsockmon.dst_cid", "vsockmon.src_port", "vsockmon.dst_port",
};
static const char *const id_secondary[] = {
	"ndisc.code", "ndisc.opt.type", "ndisc.ns.target", "ndisc.na.target",
	"ndisc.redirect.target", "ndisc.redirect.destination", "eth.src",
	"vsockmon.virtio.len", "vsockmon.virtio.flags", "vsockmon.virtio.fwd_cnt",
	"vsockmon.virtio.buf_alloc",
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen verify --manifest FILE --capture FILE [--tshark PATH]\n"
		"                      [--plugin PATH | --no-plugin] [--json REPORT] [--quiet]\n"
		"Decode a capture with tshark and the sockscope plugin and compare every\n"
		"field of every manifest record (JSON Lines, keys = display-filter field\n"
		"names, values as tshark -T fields prints them) with the decoded packet.\n"
		"Records are matched to captured packets in order; captured packets that\n"
		"do not match the next record's identifying fields (ndisc.type,\n"
		"vsockmon.virtio.op, addresses, ports, option types) are skipped as\n"
		"unrelated traffic, e.g. the kernel's own DAD probes and MLD reports.\n"
		"Live vsock manifests (sockgen vsock connect/listen --manifest) record\n"
		"socket calls: connect/accept are checked against the REQUEST, shutdown\n"
		"against our SHUTDOWN, eof against the peer's SHUTDOWN or RST, and every\n"
		"send/recv (offset, length, FNV-1a, bytes) and the totals against the byte\n"
		"stream of its direction rebuilt from the captured RW payloads.\n"
		"  --manifest FILE  manifest written by sockgen ndp/vsock --manifest\n"
		"  --capture FILE   pcap or pcapng capture\n"
		"  --tshark PATH    tshark binary (default: tshark from PATH)\n"
		"  --plugin PATH    sockscope.so (default: $SOCKSCOPE_PLUGIN, else the\n"
		"                   installed one from tshark -G folders)\n"
		"  --no-plugin      Wireshark's built-in dissectors only\n"
		"  --json REPORT    also write the result as JSON to REPORT\n"
		"  --quiet          only the summary line, no per-field differences\n"
		"As root tshark runs as nobody (uid 65534) with a private plugin\n"
		"directory and HOME, reading the capture on stdin.\n"
		"SOCKSCOPE_TSHARK_PRELOAD (or LD_PRELOAD) is preloaded into tshark, with\n"
		"ASAN_OPTIONS/UBSAN_OPTIONS, for a sanitizer-built plugin.\n"
		"Exit: 0 all fields agree, 3 any mismatch or missing packet, 1 tshark or\n"
		"the plugin cannot run, 2 bad usage or unreadable/invalid input.\n"
		"Examples:\n"
		"  sockgen ndp ra --pcap ra.pcap --prefix 2001:db8::/64,L,A --manifest ra.jsonl\n"
		"  sockgen verify --manifest ra.jsonl --capture ra.pcap\n"
		"  sockgen vsock pcap --pcap echo.pcap --scenario stream-echo --manifest echo.jsonl\n"
		"  sockgen verify --manifest echo.jsonl --capture echo.pcap --json report.json\n"
		"  sockgen verify --manifest client.jsonl --capture vsockmon0.pcap   (live, in the guest)\n"
		"  SOCKSCOPE_PLUGIN=build/plugin/sockscope.so sockgen verify --manifest m.jsonl --capture live.pcapng\n");
}

/* pcap (either byte order, micro- or nanosecond) or pcapng. */
static int check_capture(const char *path)
{
	unsigned char m[4];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return sg_usage(CTX, "--capture '%s': %s", path, strerror(errno));
	n = fread(m, 1, sizeof(m), f);
	fclose(f);
	if (n < sizeof(m))
		return sg_usage(CTX, "--capture '%s': too short for a pcap or pcapng header", path);
	unsigned long v = (unsigned long)m[0] << 24 | (unsigned long)m[1] << 16 | (unsigned long)m[2] << 8 | m[3];

	switch (v) {
	case 0xa1b2c3d4: case 0xd4c3b2a1:       /* pcap, microseconds */
	case 0xa1b23c4d: case 0x4d3cb2a1:       /* pcap, nanoseconds */
	case 0x0a0d0d0a:                        /* pcapng section header block */
		return 0;
	}
	return sg_usage(CTX, "--capture '%s': not a pcap or pcapng file (magic %02x%02x%02x%02x)",
			path, m[0], m[1], m[2], m[3]);
}

struct cols {
	size_t n, cap;
	const char **names;
	unsigned char *unknown;         /* per column: tshark does not know it */
};

static int col_index(const struct cols *c, const char *name)
{
	for (size_t k = 0; k < c->n; k++)
		if (!strcmp(c->names[k], name))
			return (int)k;
	return -1;
}

static int col_add(struct cols *c, const char *name)
{
	if (col_index(c, name) >= 0)
		return 0;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 64;
		const char **p = realloc(c->names, ncap * sizeof(*p));

		if (!p)
			return -1;
		c->names = p;
		c->cap = ncap;
	}
	c->names[c->n++] = name;
	return 0;
}

static int in_list(const char *const *list, size_t n, const char *key)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(list[k], key))
			return 1;
	return 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A manifest names the packet's own Ethernet and IPv6 headers; a packet
 * quoted inside it (the Redirected Header's, an ICMPv6 error's) adds more
 * occurrences of the same fields after them. tshark lists occurrences in
 * tree order, so the first one is the outer header's. */
static int outer_only(const char *key)
{
	return !strncmp(key, "ipv6.", 5) || !strncmp(key, "eth.", 4);
}

/* Does the decoded cell equal want? Outer-header fields: first occurrence. */
static int cell_equal(const char *key, const char *cell, const char *want)
{
	if (!outer_only(key))
		return !strcmp(cell, want);
	size_t n = strcspn(cell, ",");

	return strlen(want) == n && !strncmp(cell, want, n);
}

/* Does captured row r agree with rec on its identifying fields? */
static int row_matches(const struct vf_record *rec, const struct cols *c, const struct vf_rows *rows,
		       size_t r, int strict)
{
	char *const *row = rows->cells + r * rows->ncols;

	for (size_t k = 0; k < rec->n; k++) {
		const char *key = rec->pairs[k].key;
		int id = in_list(id_primary, NELEM(id_primary), key) ||
			 (strict && in_list(id_secondary, NELEM(id_secondary), key));

		int col = col_index(c, key);

		/* an unknown field cannot identify anything; compare() reports it */
		if (!id || c->unknown[col])
			continue;
		if (!cell_equal(key, row[1 + col], rec->pairs[k].value))
			return 0;
	}
	return 1;
}

static int has_id(const struct vf_record *rec)
{
	for (size_t k = 0; k < rec->n; k++)
		if (in_list(id_primary, NELEM(id_primary), rec->pairs[k].key))
			return 1;
	return 0;
}

/* A value for the terminal: long ones (payload hex) cut around the
 * first difference. */
static void show_value(const char *label, const char *v, size_t diff_at)
{
	size_t len = strlen(v);

	if (len <= 160) {
		printf("      %-9s'%s'\n", label, v);
		return;
	}
	size_t from = diff_at > 40 ? diff_at - 40 : 0;

	printf("      %-9s(%zu chars) %s'%.120s'%s\n", label, len, from ? "..." : "", v + from,
	       from + 120 < len ? "..." : "");
}

static size_t first_diff(const char *a, const char *b)
{
	size_t k = 0;

	while (a[k] && a[k] == b[k])
		k++;
	return k;
}

struct opts {
	const char *manifest, *capture, *tshark, *plugin, *json;
	int no_plugin, quiet;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "manifest", required_argument, NULL, 'm' },
		{ "capture", required_argument, NULL, 'c' },
		{ "tshark", required_argument, NULL, 't' },
		{ "plugin", required_argument, NULL, 'p' },
		{ "no-plugin", no_argument, NULL, 'N' },
		{ "json", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->tshark = "tshark";
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "m:c:t:p:j:qh", lo, NULL)) != -1) {
		switch (ch) {
		case 'm': o->manifest = optarg; break;
		case 'c': o->capture = optarg; break;
		case 't': o->tshark = optarg; break;
		case 'p': o->plugin = optarg; break;
		case 'N': o->no_plugin = 1; break;
		case 'j': o->json = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); return -1;
		default:
			if (optopt && optopt != '?')
				return sg_usage(CTX, "option -%c needs a value (see sockgen verify --help)", optopt);
			return sg_usage(CTX, "unknown or incomplete option '%s' (see sockgen verify --help)",
					argv[optind - 1]);
		}
	}
	if (optind < argc)
		return sg_usage(CTX, "unexpected argument '%s'", argv[optind]);
	if (!o->manifest)
		return sg_usage(CTX, "--manifest FILE is required");
	if (!o->capture)
		return sg_usage(CTX, "--capture FILE is required");
	if (o->plugin && o->no_plugin)
		return sg_usage(CTX, "--plugin and --no-plugin exclude each other");
	if (!o->tshark[0])
		return sg_usage(CTX, "--tshark '': empty path");
	return 0;
}

struct result {
	size_t packets, fields, mismatches, missing, skipped;
	size_t streams;                 /* live records checked against byte streams */
	size_t unchecked;               /* live records with nothing to check (close, error) */
	int quiet;
	FILE *json;
	int first_diff_written;
};

static void json_diff_begin(struct result *res)
{
	if (!res->json)
		return;
	fputs(res->first_diff_written ? ",\n    " : "\n    ", res->json);
	res->first_diff_written = 1;
}

static void report_missing(struct result *res, const struct vf_record *rec, const struct cols *c)
{
	res->mismatches++;
	res->missing++;
	printf("  manifest line %zu: no captured packet matches (missing):", rec->line);
	for (size_t k = 0; k < rec->n; k++)
		if (in_list(id_primary, NELEM(id_primary), rec->pairs[k].key))
			printf(" %s=%s", rec->pairs[k].key, rec->pairs[k].value);
	printf("\n");
	(void)c;
	if (res->json) {
		json_diff_begin(res);
		fprintf(res->json, "{\"line\": %zu, \"missing\": true}", rec->line);
	}
}

/* One compared value: counted, and shown and written to the JSON report
 * when it differs. where is the frame number (packet records) or NULL;
 * stream names the byte stream (live records) or NULL. */
static void report_field(struct result *res, const char *where, const char *stream, size_t line,
			 const char *key, const char *want, const char *got, int unk)
{
	res->fields++;
	/* an unknown field is a difference even where "" is expected */
	if (!unk && cell_equal(key, got, want))
		return;
	res->mismatches++;
	if (!res->quiet) {
		if (stream)
			printf("  stream %s (manifest line %zu): %s\n", stream, line, key);
		else
			printf("  packet %s (manifest line %zu): %s%s\n", where ? where : "?", line, key,
			       unk ? " (field unknown to tshark)" : "");
		size_t d = first_diff(want, got);

		show_value("expected", want, d);
		show_value("decoded", unk ? "(no such field)" : got, d);
	}
	if (res->json) {
		json_diff_begin(res);
		fprintf(res->json, "{\"frame\": %s, \"line\": %zu, ",
			where && where[0] ? where : "null", line);
		if (stream) {
			fputs("\"stream\": ", res->json);
			sg_json_str(res->json, stream);
			fputs(", ", res->json);
		}
		fputs("\"field\": ", res->json);
		sg_json_str(res->json, key);
		fputs(", \"expected\": ", res->json);
		sg_json_str(res->json, want);
		fputs(", \"decoded\": ", res->json);
		if (unk)
			fputs("null", res->json);
		else
			sg_json_str(res->json, got);
		fputc('}', res->json);
	}
}

static void compare(struct result *res, const struct vf_record *rec, const struct cols *c,
		    char *const *row)
{
	res->packets++;
	for (size_t k = 0; k < rec->n; k++) {
		int col = col_index(c, rec->pairs[k].key);

		report_field(res, row[0], NULL, rec->line, rec->pairs[k].key, rec->pairs[k].value,
			     row[1 + col], c->unknown[col]);
	}
}

/* First captured row at or after *cur that rec identifies, or rows->nrows. */
static size_t find_row(const struct vf_record *rec, const struct cols *c, const struct vf_rows *rows,
		       size_t cur)
{
	if (!has_id(rec))
		return cur < rows->nrows ? cur : rows->nrows;
	for (int strict = 1; strict >= 0; strict--)
		for (size_t i = cur; i < rows->nrows; i++)
			if (row_matches(rec, c, rows, i, strict))
				return i;
	return rows->nrows;
}

struct stream_ctx {
	struct result *res;
	const char *label;
	size_t line;
};

static void stream_report(void *ctx, const char *key, const char *want, const char *got)
{
	struct stream_ctx *sc = ctx;

	report_field(sc->res, NULL, sc->label, sc->line, key, want, got, 0);
}

/* Columns a record needs: its own keys, or for a live record those of the
 * packets it implies and the stream columns. */
#define EV_PAIRS 16

static int add_columns(struct cols *c, const struct vf_record *rec, int *need_streams)
{
	enum vf_event kind = vf_event_kind(rec);
	struct vf_pair pairs[EV_PAIRS];
	struct vf_record pkt;

	if (kind == VF_EV_NONE) {
		for (size_t k = 0; k < rec->n; k++)
			if (col_add(c, rec->pairs[k].key))
				return -1;
		return 0;
	}
	*need_streams |= kind == VF_EV_STREAM || kind == VF_EV_RESULT;
	for (int alt = 0; alt < 2; alt++)
		if (!vf_event_packet(rec, alt, &pkt, pairs, EV_PAIRS))
			for (size_t k = 0; k < pkt.n; k++)
				if (col_add(c, pkt.pairs[k].key))
					return -1;
	return 0;
}

/* A live record that puts one packet on the wire: the earliest captured
 * packet it may be (an eof is the peer's SHUTDOWN or its RST) after the
 * last one its connection matched. Returns 1 when found. */
static int check_event_packet(struct result *res, const struct vf_record *rec, const struct cols *c,
			      const struct vf_rows *rows, size_t *cur)
{
	struct vf_pair pairs[2][EV_PAIRS];
	struct vf_record pkt[2];
	size_t best = rows->nrows;
	int which = 0;

	for (int alt = 0; alt < 2; alt++) {
		if (vf_event_packet(rec, alt, &pkt[alt], pairs[alt], EV_PAIRS))
			continue;
		size_t hit = find_row(&pkt[alt], c, rows, *cur);

		if (hit < best) {
			best = hit;
			which = alt;
		}
	}
	if (best == rows->nrows) {
		report_missing(res, &pkt[0], c);
		return 0;
	}
	compare(res, &pkt[which], c, rows->cells + best * rows->ncols);
	*cur = best + 1;
	return 1;
}

/* Live records are matched per connection (sockgen.conn): a server that
 * serves several side by side writes one connection's events between
 * another's, in the order it saw them, which need not be the order the
 * kernel put their packets on the wire. Each connection keeps its own
 * cursor into the capture. */
struct conn_cursor {
	char conn[24];
	size_t cur;
};

struct conn_cursors {
	struct conn_cursor *v;
	size_t n, cap;
};

static size_t *conn_cursor(struct conn_cursors *cc, const char *conn)
{
	if (!conn)
		conn = "";
	for (size_t k = 0; k < cc->n; k++)
		if (!strcmp(cc->v[k].conn, conn))
			return &cc->v[k].cur;
	if (cc->n == cc->cap) {
		size_t ncap = cc->cap ? cc->cap * 2 : 16;
		struct conn_cursor *p = realloc(cc->v, ncap * sizeof(*p));

		if (!p)
			return NULL;
		cc->v = p;
		cc->cap = ncap;
	}
	snprintf(cc->v[cc->n].conn, sizeof(cc->v[cc->n].conn), "%s", conn);
	cc->v[cc->n].cur = 0;
	return &cc->v[cc->n++].cur;
}

/* All plugin fields unknown while the plugin was asked for: it did not load. */
static int plugin_missing(const struct cols *c)
{
	size_t plugin_fields = 0, plugin_unknown = 0;

	for (size_t k = 0; k < c->n; k++) {
		const char *n = c->names[k];

		if (strncmp(n, "ndisc.", 6) && strncmp(n, "vsockmon.", 9))
			continue;
		plugin_fields++;
		plugin_unknown += c->unknown[k];
	}
	return plugin_fields && plugin_fields == plugin_unknown;
}

/* The manifest's records in order against the decoded rows: packets
 * field by field, socket calls against the rebuilt byte streams. */
static void compare_records(struct result *res, const struct vf_manifest *m,
			    const struct cols *c, const struct vf_rows *rows,
			    struct vf_streams *streams)
{
	struct conn_cursors cc = { 0 };
	size_t cur = 0, live_matched = 0;

	for (size_t r = 0; r < m->n; r++) {
		const struct vf_record *rec = &m->recs[r];
		char label[160];
		struct stream_ctx sc = { res, label, rec->line };

		switch (vf_event_kind(rec)) {
		case VF_EV_NONE: {
			size_t hit = find_row(rec, c, rows, cur);

			if (hit == rows->nrows) {
				report_missing(res, rec, c);
				break;
			}
			res->skipped += hit - cur;
			compare(res, rec, c, rows->cells + hit * rows->ncols);
			cur = hit + 1;
			break;
		}
		case VF_EV_PACKET: {
			size_t *pc = conn_cursor(&cc, vf_record_get(rec, "sockgen.conn"));

			if (!pc)
				pc = &cur;      /* out of memory: one cursor for all */
			live_matched += (size_t)check_event_packet(res, rec, c, rows, pc);
			break;
		}
		case VF_EV_STREAM:
		case VF_EV_RESULT:
			res->streams++;
			vf_event_check_stream(streams, rec, stream_report, &sc, label, sizeof(label));
			break;
		case VF_EV_OTHER:
			res->unchecked++;
			break;
		}
	}
	/* captured packets no record claimed */
	if (cc.n)
		res->skipped += rows->nrows - live_matched;
	else
		res->skipped += rows->nrows - cur;
	free(cc.v);
}

/* The summary lines, and the --json report's trailer: the exit code. */
static int summary(struct result *res, const struct opts *o, const struct vf_manifest *m,
		   const struct vf_rows *rows, const char *plugin, const char *unknown)
{
	printf("verified %zu packets, %zu fields, %zu mismatches\n", res->packets, res->fields, res->mismatches);
	if (res->missing || res->skipped)
		printf("(%zu manifest records without a captured packet, %zu captured packets not in the manifest)\n",
		       res->missing, res->skipped);
	if (res->streams || res->unchecked)
		printf("(%zu socket-call records checked against the captured byte streams, %zu with nothing on the wire to check)\n",
		       res->streams, res->unchecked);
	if (res->json) {
		fprintf(res->json, "%s],\n \"manifest\": ", res->first_diff_written ? "\n  " : "");
		sg_json_str(res->json, o->manifest);
		fputs(", \"capture\": ", res->json);
		sg_json_str(res->json, o->capture);
		fputs(", \"plugin\": ", res->json);
		if (plugin)
			sg_json_str(res->json, plugin);
		else
			fputs("null", res->json);
		fprintf(res->json, ",\n \"records\": %zu, \"captured\": %zu, \"packets\": %zu, \"fields\": %zu,"
			" \"mismatches\": %zu, \"missing\": %zu, \"skipped\": %zu, \"streams\": %zu,"
			" \"unchecked\": %zu, \"unknown_fields\": ",
			m->n, rows->nrows, res->packets, res->fields, res->mismatches, res->missing, res->skipped,
			res->streams, res->unchecked);
		sg_json_str(res->json, unknown ? unknown : "");
		fputs("}\n", res->json);
		if (fclose(res->json))
			return sg_fail(CTX, "--json '%s': %s", o->json, strerror(errno));
	}
	fflush(stdout);
	return res->mismatches ? SG_EXIT_MISMATCH : SG_EXIT_OK;
}

/* Mark the columns tshark named in its "unknown fields" list (a,b,c). */
static void mark_unknown(struct cols *c, const char *unknown)
{
	for (const char *u = unknown; u && *u; u = strchr(u, ',') ? strchr(u, ',') + 1 : NULL) {
		size_t ul = strcspn(u, ",");

		for (size_t k = 0; k < c->n; k++)
			if (strlen(c->names[k]) == ul && !strncmp(c->names[k], u, ul))
				c->unknown[k] = 1;
	}
}

int cmd_verify(int argc, char **argv)
{
	struct opts o;
	struct vf_manifest m = { 0 };
	struct vf_rows rows = { 0 };
	struct cols c = { 0 };
	struct result res = { 0 };
	struct vf_streams streams = { 0 };
	char err[1024], *unknown = NULL, *installed = NULL;
	int rc;

	rc = parse_opts(argc, argv, &o);
	if (rc)
		return rc < 0 ? SG_EXIT_OK : rc;
	if (access(o.manifest, R_OK))
		return sg_usage(CTX, "--manifest '%s': %s", o.manifest, strerror(errno));
	rc = check_capture(o.capture);
	if (rc)
		return rc;
	/* a report path that cannot be written is bad input, found before any work */
	if (o.json && (rc = sg_check_out_path(CTX, "json", o.json)))
		return rc;
	rc = vf_manifest_read(o.manifest, &m, err, sizeof(err));
	if (rc)
		return sg_usage(CTX, "--manifest '%s': %s", o.manifest, err);
	if (m.n == 0) {
		vf_manifest_free(&m);
		return sg_usage(CTX, "--manifest '%s': no records: an empty manifest verifies nothing",
				o.manifest);
	}
	if (!o.no_plugin && !o.plugin && !(o.plugin = sg_tshark_default_plugin(o.tshark, &installed))) {
		vf_manifest_free(&m);
		return sg_fail(CTX, "no plugin: set SOCKSCOPE_PLUGIN or --plugin (tshark '%s' names no plugin directory)",
			       o.tshark);
	}
	if (o.plugin && access(o.plugin, R_OK)) {
		rc = sg_fail(CTX, "plugin '%s': %s", o.plugin, strerror(errno));
		goto out;
	}
	int need_streams = 0;

	for (size_t r = 0; r < m.n; r++)
		if (add_columns(&c, &m.recs[r], &need_streams)) {
			rc = sg_fail(CTX, "out of memory");
			goto out;
		}
	for (int k = 0; need_streams && k < VF_SF_COUNT; k++)
		if (col_add(&c, vf_stream_fields[k])) {
			rc = sg_fail(CTX, "out of memory");
			goto out;
		}

	struct vf_tshark t = {
		.tshark = o.tshark, .plugin = o.no_plugin ? NULL : o.plugin,
		.capture = o.capture, .fields = c.names, .nfields = c.n,
	};

	if (vf_tshark_run(&t, &rows, &unknown, err, sizeof(err))) {
		rc = sg_fail(CTX, "%s", err);
		goto out;
	}
	c.unknown = calloc(c.n + 1, 1);
	if (!c.unknown) {
		rc = sg_fail(CTX, "out of memory");
		goto out;
	}
	mark_unknown(&c, unknown);
	if (unknown && t.plugin && plugin_missing(&c)) {
		rc = sg_fail(CTX, "plugin '%s' did not load: tshark knows none of its fields (%.200s)",
			     t.plugin, unknown);
		goto out;
	}
	if (o.json) {
		res.json = fopen(o.json, "w");
		if (!res.json) {
			rc = sg_fail(CTX, "--json '%s': %s", o.json, strerror(errno));
			goto out;
		}
		fputs("{\"diffs\": [", res.json);
	}
	if (unknown)
		printf("  fields tshark does not know: %s\n", unknown);

	if (need_streams) {
		int scol[VF_SF_COUNT];

		for (int k = 0; k < VF_SF_COUNT; k++)
			scol[k] = c.unknown[col_index(&c, vf_stream_fields[k])] ? -1
										 : col_index(&c, vf_stream_fields[k]);
		if (vf_streams_build(&streams, &rows, scol)) {
			rc = sg_fail(CTX, "cannot rebuild the vsock byte streams (out of memory or bad payload hex)");
			goto out;
		}
	}
	res.quiet = o.quiet;

	compare_records(&res, &m, &c, &rows, &streams);
	rc = summary(&res, &o, &m, &rows, t.plugin, unknown);
out:
	free(unknown);
	free(installed);
	free(c.names);
	free(c.unknown);
	vf_rows_free(&rows);
	vf_streams_free(&streams);
	vf_manifest_free(&m);
	return rc;
}
