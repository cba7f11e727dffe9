/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock pcap: synthetic LINKTYPE_VSOCK (271) captures of the
 * virtio-vsock model's scenarios, with a manifest in vsockmon.* fields
 * (Linux include/uapi/linux/vsockmon.h frame layout). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "pcap_out.h"
#include "manifest.h"
#include "sockgen.h"
#include "vsock.h"
#include "vsock_scenarios.h"
#include "vsockmon.h"

#define CTX "vsock pcap"

/* Deterministic time: the first packet at 2024-01-01 00:00:00 UTC, then
 * one every 10 microseconds. */
#define TS_BASE_SEC 1704067200L
#define TS_STEP_USEC 10L
/* Captures stay something one can open: sizes that would need more
 * packets are refused as bad input. */
#define MAX_PACKETS 2000000ul

/* "  name              text..." wrapped at 78 columns under the text. */
static void print_wrapped(FILE *f, const char *name, const char *text)
{
	enum { INDENT = 20, WIDTH = 78 };
	int col = fprintf(f, "  %-17s ", name);

	while (*text) {
		size_t w = strcspn(text, " ");

		if (col > INDENT && col + 1 + (int)w > WIDTH) {
			fprintf(f, "\n%*s", INDENT, "");
			col = INDENT;
		} else if (col > INDENT) {
			fputc(' ', f);
			col++;
		}
		col += fprintf(f, "%.*s", (int)w, text);
		text += w;
		while (*text == ' ')
			text++;
	}
	fputc('\n', f);
}

static void help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock pcap --pcap FILE --scenario NAME [--manifest FILE]\n"
		"          [--manifest-format full|compact] [--start-time T]\n"
		"          [--src-cid C] [--dst-cid C] [--src-port P] [--dst-port P]\n"
		"          [--bytes N] [--msg-size S] [--count N] [--buf-alloc N]\n"
		"Write the packets a Linux 6.1 guest's vsock_loopback carries for a\n"
		"scenario, as vsockmon0 captures them: LINKTYPE_VSOCK (271) frames of\n"
		"vsockmon header + virtio-vsock header + payload, timestamps from\n"
		"2024-01-01 00:00:00 UTC (or --start-time: Unix seconds or ISO 8601 UTC)\n"
		"in 10 us steps. --manifest writes one JSON line per packet keyed by\n"
		"vsockmon.* display-filter fields, compact (unchanged values left out)\n"
		"unless --manifest-format full. --out FILE is the old name of --pcap FILE.\n"
		"A summary line goes to stderr.\n"
		"  --src-cid C, --dst-cid C    client and server CID (default 1, 1)\n"
		"  --src-port P, --dst-port P  client port (49152) and server port\n"
		"  --bytes N, --msg-size S, --count N   sizes, as each scenario says\n"
		"  --buf-alloc N               both sockets' buffer (default 256K)\n"
		"Sizes take K/M/G suffixes (powers of 1024). Scenarios (defaults in ()):\n");
	for (const struct vsock_scenario *s = vsock_scenarios; s->name; s++)
		print_wrapped(f, s->name, s->summary);
	fprintf(f,
		"Examples:\n"
		"  sockgen vsock pcap --pcap echo.pcap --scenario stream-echo --manifest echo.jsonl\n"
		"  sockgen vsock pcap --pcap bulk.pcap --scenario bulk --bytes 4M\n"
		"  sockgen vsock pcap --pcap seq.pcap --scenario seqpacket --count 2 --bytes 100000\n"
		"  sockgen vsock pcap --pcap stall.pcap --scenario credit-stall --buf-alloc 64K --bytes 200K\n"
		"  sockgen vsock pcap --pcap ref.pcap --scenario refused --dst-cid 3 --dst-port 1234\n");
}

/* Decimal with an optional K/M/G (1024-based) suffix, within [min, max]. */
static int parse_num(const char *s, int suffix, uint64_t min, uint64_t max, uint64_t *ret)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	if (*end && suffix) {
		switch (*end) {
		case 'k': case 'K': mul = 1024; break;
		case 'm': case 'M': mul = 1024 * 1024; break;
		case 'g': case 'G': mul = 1024 * 1024 * 1024; break;
		default: return -EINVAL;
		}
		end++;
	}
	if (*end)
		return -EINVAL;
	if (v > max / mul || v * mul < min || v * mul > max)
		return -ERANGE;
	*ret = v * mul;
	return 0;
}

struct emitter {
	struct pcap_out *pcap;
	struct manifest *mf;
	uint8_t *frame;
	size_t frame_cap;
	unsigned long n;
	struct timeval start;           /* the first packet's timestamp */
	int err;
};

/* What tshark -T fields prints for the plugin's fields: integers in
 * decimal, flags (BASE_HEX) as 0x%08x, booleans 1/0, bytes as hex. */
static void manifest_packet(struct manifest *m, const struct af_vsockmon_hdr *mon,
			    const struct virtio_vsock_hdr *v, const uint8_t *payload)
{
	manifest_begin(m);
	manifest_uint(m, "vsockmon.src_cid", mon->src_cid);
	manifest_uint(m, "vsockmon.dst_cid", mon->dst_cid);
	manifest_uint(m, "vsockmon.src_port", mon->src_port);
	manifest_uint(m, "vsockmon.dst_port", mon->dst_port);
	manifest_uint(m, "vsockmon.op", mon->op);
	manifest_uint(m, "vsockmon.transport", mon->transport);
	manifest_uint(m, "vsockmon.transport_len", mon->len);
	manifest_uint(m, "vsockmon.virtio.src_cid", v->src_cid);
	manifest_uint(m, "vsockmon.virtio.dst_cid", v->dst_cid);
	manifest_uint(m, "vsockmon.virtio.src_port", v->src_port);
	manifest_uint(m, "vsockmon.virtio.dst_port", v->dst_port);
	manifest_uint(m, "vsockmon.virtio.len", v->len);
	manifest_uint(m, "vsockmon.virtio.type", v->type);
	manifest_uint(m, "vsockmon.virtio.op", v->op);
	manifest_hexint(m, "vsockmon.virtio.flags", v->flags, 4);
	if (v->op == VSOCK_VIRTIO_OP_SHUTDOWN) {
		manifest_bool(m, "vsockmon.virtio.flags.shutdown_rcv", !!(v->flags & VSOCK_VIRTIO_SHUTDOWN_RCV));
		manifest_bool(m, "vsockmon.virtio.flags.shutdown_send", !!(v->flags & VSOCK_VIRTIO_SHUTDOWN_SEND));
	} else if (v->op == VSOCK_VIRTIO_OP_RW && v->type == VSOCK_VIRTIO_TYPE_SEQPACKET) {
		manifest_bool(m, "vsockmon.virtio.flags.eom", !!(v->flags & VSOCK_VIRTIO_SEQ_EOM));
		manifest_bool(m, "vsockmon.virtio.flags.eor", !!(v->flags & VSOCK_VIRTIO_SEQ_EOR));
	}
	manifest_uint(m, "vsockmon.virtio.buf_alloc", v->buf_alloc);
	manifest_uint(m, "vsockmon.virtio.fwd_cnt", v->fwd_cnt);
	if (v->len)
		manifest_hex(m, "vsockmon.payload", payload, v->len);
	manifest_end(m);
}

void vsock_manifest_packet(struct manifest *m, const struct virtio_vsock_hdr *v,
			   const uint8_t *payload)
{
	struct af_vsockmon_hdr mon;

	vsockmon_hdr_for_virtio(v, &mon);
	manifest_packet(m, &mon, v, payload);
}

static int emit_packet(void *ctx, const struct virtio_vsock_hdr *v, const uint8_t *payload)
{
	struct emitter *e = ctx;
	struct af_vsockmon_hdr mon;
	struct timeval ts;
	size_t len;
	int r;

	if (e->n >= MAX_PACKETS)
		return -EFBIG;
	if (VSOCKMON_FRAME_MIN_LEN + (size_t)v->len > e->frame_cap)
		return -EMSGSIZE;
	r = vsockmon_frame_build(v, payload, v->len, e->frame, e->frame_cap, &len);
	if (r < 0)
		return r;
	{
		long long us = (long long)e->start.tv_usec + (long long)e->n * TS_STEP_USEC;

		ts.tv_sec = e->start.tv_sec + (time_t)(us / 1000000);
		ts.tv_usec = (suseconds_t)(us % 1000000);
	}
	r = pcap_out_write(e->pcap, &ts, e->frame, len);
	if (r < 0)
		return e->err = r;      /* the file's error, not the scenario's */
	if (e->mf) {
		vsockmon_hdr_for_virtio(v, &mon);
		manifest_packet(e->mf, &mon, v, payload);
	}
	e->n++;
	return 0;
}

enum {
	OPT_OUT = 'o', OPT_SCENARIO = 's', OPT_MANIFEST = 'm', OPT_HELP = 'h',
	OPT_SRC_CID = 256, OPT_DST_CID, OPT_SRC_PORT, OPT_DST_PORT,
	OPT_BYTES, OPT_MSG_SIZE, OPT_COUNT, OPT_BUF_ALLOC, OPT_START_TIME, OPT_MANIFEST_FORMAT,
};

static const struct option long_opts[] = {
	{ "pcap", required_argument, NULL, OPT_OUT },
	{ "out", required_argument, NULL, OPT_OUT },    /* the old name */
	{ "start-time", required_argument, NULL, OPT_START_TIME },
	{ "manifest-format", required_argument, NULL, OPT_MANIFEST_FORMAT },
	{ "scenario", required_argument, NULL, OPT_SCENARIO },
	{ "manifest", required_argument, NULL, OPT_MANIFEST },
	{ "src-cid", required_argument, NULL, OPT_SRC_CID },
	{ "dst-cid", required_argument, NULL, OPT_DST_CID },
	{ "src-port", required_argument, NULL, OPT_SRC_PORT },
	{ "dst-port", required_argument, NULL, OPT_DST_PORT },
	{ "bytes", required_argument, NULL, OPT_BYTES },
	{ "msg-size", required_argument, NULL, OPT_MSG_SIZE },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "buf-alloc", required_argument, NULL, OPT_BUF_ALLOC },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* Option limits: CIDs and ports are 32-bit in sockaddr_vm and -1 means
 * "any"; sizes bounded so a capture stays a file one can open. */
static int parse_opt(int opt, const char *arg, struct vsock_scn_opts *o)
{
	const char *name = NULL, *why = NULL;
	uint64_t v;
	int r = 0;

	switch (opt) {
	case OPT_SRC_CID: case OPT_DST_CID:
		name = opt == OPT_SRC_CID ? "--src-cid" : "--dst-cid";
		/* 0 (the hypervisor) is no loopback peer, and 0 means "default"
		 * in struct vsock_scn_opts. */
		why = "CID must be 1..4294967294 (0 is the hypervisor, 4294967295 VMADDR_CID_ANY)";
		r = parse_num(arg, 0, 1, 0xfffffffeu, &v);
		if (!r && opt == OPT_SRC_CID)
			o->src_cid = v;
		else if (!r)
			o->dst_cid = v;
		break;
	case OPT_SRC_PORT: case OPT_DST_PORT:
		name = opt == OPT_SRC_PORT ? "--src-port" : "--dst-port";
		why = "port must be 1..4294967294 (4294967295 is VMADDR_PORT_ANY)";
		r = parse_num(arg, 0, 1, 0xfffffffeu, &v);
		if (!r && opt == OPT_SRC_PORT)
			o->src_port = (uint32_t)v;
		else if (!r)
			o->dst_port = (uint32_t)v;
		break;
	case OPT_BYTES:
		name = "--bytes";
		why = "size must be 1..1G";
		r = parse_num(arg, 1, 1, 1024u * 1024 * 1024, &v);
		if (!r)
			o->bytes = v;
		break;
	case OPT_MSG_SIZE:
		name = "--msg-size";
		why = "size must be 1..1M";
		r = parse_num(arg, 1, 1, 1024u * 1024, &v);
		if (!r)
			o->msg_size = (uint32_t)v;
		break;
	case OPT_COUNT:
		name = "--count";
		why = "count must be 1..100000";
		r = parse_num(arg, 0, 1, 100000, &v);
		if (!r)
			o->count = (uint32_t)v;
		break;
	case OPT_BUF_ALLOC:
		name = "--buf-alloc";
		why = "size must be 1..1G";
		r = parse_num(arg, 1, 1, 1024u * 1024 * 1024, &v);
		if (!r)
			o->buf_alloc = (uint32_t)v;
		break;
	default:
		return 0;
	}
	if (r < 0)
		return sg_usage(CTX, "%s '%s': %s", name, arg, why);
	return 0;
}

/* Open, run the scenario, close. A failed run leaves neither file
 * (pcap_out and manifest remove a regular file they wrote, never a
 * device or FIFO). */
static int write_capture(const struct vsock_scenario *scn, const struct vsock_scn_opts *o,
			 struct emitter *e, const char *out, const char *mf_path, bool compact)
{
	char err[256];
	int r;

	e->frame_cap = VSOCKMON_FRAME_MIN_LEN + VIRTIO_VSOCK_MAX_PKT_BUF_SIZE;
	e->frame = malloc(e->frame_cap);
	if (!e->frame)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	e->pcap = pcap_out_open(out, SG_LINKTYPE_VSOCK, err, sizeof(err));
	if (!e->pcap) {
		free(e->frame);
		return sg_fail(CTX, "--pcap '%s': %s", out, err);
	}
	if (mf_path) {
		e->mf = manifest_open(mf_path);
		if (!e->mf) {
			int en = errno;

			pcap_out_discard(e->pcap);
			free(e->frame);
			return sg_fail(CTX, "--manifest '%s': %s", mf_path, strerror(en));
		}
		manifest_set_compact(e->mf, compact);
	}
	r = vsock_scenario_run(scn, o, emit_packet, e);
	free(e->frame);
	if (r < 0) {
		pcap_out_discard(e->pcap);
		manifest_discard(e->mf);
		if (r == -EFBIG)
			return sg_usage(CTX, "--bytes '%llu': the capture would exceed %lu packets "
					"(use fewer --bytes, a larger --msg-size or --buf-alloc)",
					(unsigned long long)o->bytes, MAX_PACKETS);
		if (r == -EPROTO)
			return sg_fail(CTX, "scenario %s: the model did not behave as the scenario "
				       "expects (internal error)", scn->name);
		if (e->err)
			return sg_fail(CTX, "--pcap '%s': %s", out, strerror(-e->err));
		return sg_fail(CTX, "scenario %s: %s", scn->name, strerror(-r));
	}
	r = pcap_out_close(e->pcap);
	if (r < 0) {
		manifest_discard(e->mf);
		return sg_fail(CTX, "--pcap '%s': %s", out, strerror(-r));
	}
	if (e->mf && (r = manifest_close(e->mf)) < 0) {
		sg_remove_output(out);
		return sg_fail(CTX, "--manifest '%s': %s", mf_path, strerror(-r));
	}
	fprintf(stderr, "sockgen: vsock pcap: scenario %s, %lu packets to %s\n", scn->name, e->n, out);
	return SG_EXIT_OK;
}

int cmd_vsock_pcap(int argc, char **argv)
{
	const char *out = NULL, *scn_name = NULL, *mf_path = NULL;
	const struct vsock_scenario *scn;
	struct vsock_scn_opts o = { 0 };
	struct emitter e = { .start = { .tv_sec = TS_BASE_SEC } };
	bool compact = true, format_set = false;
	char err[256];
	int opt, r;

	optind = 0;     /* glibc: full re-initialisation, so the verb can run twice */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:s:m:h", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_OUT: out = optarg; break;
		case OPT_SCENARIO: scn_name = optarg; break;
		case OPT_MANIFEST: mf_path = optarg; break;
		case OPT_HELP: help(stdout); return SG_EXIT_OK;
		case OPT_START_TIME:
			if (sg_parse_time(optarg, &e.start))
				return sg_usage(CTX, "--start-time '%s': not a time (Unix seconds such as "
						"1704067200.5, or UTC such as 2024-01-01T00:00:00Z)", optarg);
			break;
		case OPT_MANIFEST_FORMAT:
			if (manifest_parse_format(optarg, &compact))
				return sg_usage(CTX, "--manifest-format '%s': full or compact", optarg);
			format_set = true;
			break;
		case ':':
			return sg_usage(CTX, "%s: needs a value", argv[optind - 1]);
		case '?':
			return sg_usage(CTX, "%s: unknown option (see --help)", argv[optind - 1]);
		default:
			r = parse_opt(opt, optarg, &o);
			if (r)
				return r;
		}
	}
	if (optind < argc)
		return sg_usage(CTX, "'%s': unexpected argument", argv[optind]);
	if (!out)
		return sg_usage(CTX, "--pcap: missing (the capture file to write)");
	if (!scn_name)
		return sg_usage(CTX, "--scenario: missing (see --help for the list)");
	if (format_set && !mf_path)
		return sg_usage(CTX, "--manifest-format: give --manifest FILE too");
	scn = vsock_scenario_find(scn_name);
	if (!scn)
		return sg_usage(CTX, "--scenario '%s': unknown scenario (see --help for the list)",
				scn_name);
	vsock_scenario_defaults(scn, &o);
	if (vsock_scenario_check(scn, &o, err, sizeof(err)) < 0)
		return sg_usage(CTX, "%s", err);

	if ((r = sg_check_out_path(CTX, "pcap", out)) ||
	    (mf_path && (r = sg_check_out_path(CTX, "manifest", mf_path))))
		return r;
	return write_capture(scn, &o, &e, out, mf_path, compact);
}
