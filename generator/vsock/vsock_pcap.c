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
		"usage: sockgen vsock pcap --out FILE --scenario NAME [--manifest FILE]\n"
		"          [--src-cid C] [--dst-cid C] [--src-port P] [--dst-port P]\n"
		"          [--bytes N] [--msg-size S] [--count N] [--buf-alloc N]\n"
		"Write the packets a Linux 6.1 guest's vsock_loopback carries for a\n"
		"scenario, as vsockmon0 captures them: LINKTYPE_VSOCK (271) frames of\n"
		"vsockmon header + virtio-vsock header + payload, timestamps from\n"
		"2024-01-01 00:00:00 UTC in 10 us steps. --manifest writes one JSON line\n"
		"per packet keyed by vsockmon.* display-filter fields. --pcap FILE is\n"
		"the same as --out FILE.\n"
		"  --src-cid C, --dst-cid C    client and server CID (default 1, 1)\n"
		"  --src-port P, --dst-port P  client port (49152) and server port\n"
		"  --bytes N, --msg-size S, --count N   sizes, as each scenario says\n"
		"  --buf-alloc N               both sockets' buffer (default 256K)\n"
		"Sizes take K/M/G suffixes (powers of 1024). Scenarios (defaults in ()):\n");
	for (const struct vsock_scenario *s = vsock_scenarios; s->name; s++)
		print_wrapped(f, s->name, s->summary);
	fprintf(f,
		"Examples:\n"
		"  sockgen vsock pcap --out echo.pcap --scenario stream-echo --manifest echo.jsonl\n"
		"  sockgen vsock pcap --out bulk.pcap --scenario bulk --bytes 4M\n"
		"  sockgen vsock pcap --out seq.pcap --scenario seqpacket --count 2 --bytes 100000\n"
		"  sockgen vsock pcap --out stall.pcap --scenario credit-stall --buf-alloc 64K --bytes 200K\n"
		"  sockgen vsock pcap --out ref.pcap --scenario refused --dst-cid 3 --dst-port 1234\n");
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
	manifest_fmt(m, "vsockmon.virtio.flags", "0x%08x", (unsigned)v->flags);
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
	ts.tv_sec = TS_BASE_SEC + (long)(e->n * TS_STEP_USEC / 1000000);
	ts.tv_usec = (long)(e->n * TS_STEP_USEC % 1000000);
	r = pcap_out_write(e->pcap, &ts, e->frame, len);
	if (r < 0)
		return r;
	if (e->mf) {
		vsockmon_hdr_for_virtio(v, &mon);
		manifest_packet(e->mf, &mon, v, payload);
	}
	e->n++;
	return 0;
}

/* A failed run removes what it wrote, but only a regular file it may
 * have created: never /dev/null or a FIFO someone passed as --out. */
static int removable(const char *path)
{
	struct stat st;

	if (!strcmp(path, "-"))
		return 0;
	if (lstat(path, &st) < 0)
		return errno == ENOENT;
	return S_ISREG(st.st_mode);
}

static void drop_pcap(struct pcap_out *p, int may_remove)
{
	if (may_remove)
		pcap_out_discard(p);
	else
		(void)pcap_out_close(p);
}

static void drop_manifest(struct manifest *m, int may_remove)
{
	if (!m)
		return;
	if (may_remove)
		manifest_discard(m);
	else
		(void)manifest_close(m);
}

enum {
	OPT_OUT = 'o', OPT_SCENARIO = 's', OPT_MANIFEST = 'm', OPT_HELP = 'h',
	OPT_SRC_CID = 256, OPT_DST_CID, OPT_SRC_PORT, OPT_DST_PORT,
	OPT_BYTES, OPT_MSG_SIZE, OPT_COUNT, OPT_BUF_ALLOC,
};

static const struct option long_opts[] = {
	{ "out", required_argument, NULL, OPT_OUT },
	{ "pcap", required_argument, NULL, OPT_OUT },
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

int cmd_vsock_pcap(int argc, char **argv)
{
	const char *out = NULL, *scn_name = NULL, *mf_path = NULL;
	const struct vsock_scenario *scn;
	struct vsock_scn_opts o = { 0 };
	struct emitter e = { 0 };
	char err[256];
	int opt, r, out_rm, mf_rm;

	optind = 0;     /* glibc: full re-initialisation, so the verb can run twice */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:s:m:h", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_OUT: out = optarg; break;
		case OPT_SCENARIO: scn_name = optarg; break;
		case OPT_MANIFEST: mf_path = optarg; break;
		case OPT_HELP: help(stdout); return SG_EXIT_OK;
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
		return sg_usage(CTX, "--out: missing (the capture file to write)");
	if (!scn_name)
		return sg_usage(CTX, "--scenario: missing (see --help for the list)");
	scn = vsock_scenario_find(scn_name);
	if (!scn)
		return sg_usage(CTX, "--scenario '%s': unknown scenario (see --help for the list)",
				scn_name);
	vsock_scenario_defaults(scn, &o);
	if (vsock_scenario_check(scn, &o, err, sizeof(err)) < 0)
		return sg_usage(CTX, "%s", err);

	if ((r = sg_check_out_path(CTX, "out", out)) ||
	    (mf_path && (r = sg_check_out_path(CTX, "manifest", mf_path))))
		return r;
	out_rm = removable(out);
	mf_rm = mf_path ? removable(mf_path) : 0;
	e.frame_cap = VSOCKMON_FRAME_MIN_LEN + VIRTIO_VSOCK_MAX_PKT_BUF_SIZE;
	e.frame = malloc(e.frame_cap);
	if (!e.frame)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	e.pcap = pcap_out_open(out, SG_LINKTYPE_VSOCK, err, sizeof(err));
	if (!e.pcap) {
		free(e.frame);
		return sg_fail(CTX, "--out '%s': %s", out, err);
	}
	if (mf_path) {
		e.mf = manifest_open(mf_path);
		if (!e.mf) {
			int en = errno;

			drop_pcap(e.pcap, out_rm);
			free(e.frame);
			return sg_fail(CTX, "--manifest '%s': %s", mf_path, strerror(en));
		}
	}
	r = vsock_scenario_run(scn, &o, emit_packet, &e);
	free(e.frame);
	if (r < 0) {
		drop_pcap(e.pcap, out_rm);
		drop_manifest(e.mf, mf_rm);
		if (r == -EFBIG)
			return sg_usage(CTX, "--bytes '%llu': the capture would exceed %lu packets "
					"(use fewer --bytes, a larger --msg-size or --buf-alloc)",
					(unsigned long long)o.bytes, MAX_PACKETS);
		if (r == -EPROTO)
			return sg_fail(CTX, "scenario %s: the model did not behave as the scenario "
				       "expects (internal error)", scn->name);
		return sg_fail(CTX, "scenario %s: %s", scn->name, strerror(-r));
	}
	r = pcap_out_close(e.pcap);
	if (r < 0) {
		drop_manifest(e.mf, mf_rm);
		if (out_rm)
			unlink(out);
		return sg_fail(CTX, "--out '%s': %s", out, strerror(-r));
	}
	if (e.mf) {
		r = manifest_close(e.mf);
		if (r < 0) {
			if (out_rm)
				unlink(out);
			if (mf_rm)
				unlink(mf_path);
			return sg_fail(CTX, "--manifest '%s': %s", mf_path, strerror(-r));
		}
	}
	printf("vsock pcap: scenario=%s packets=%lu out=%s\n", scn->name, e.n, out);
	return SG_EXIT_OK;
}
