/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect: live AF_VSOCK client and server (vsock(7), virtio-vsock spec 1.2 5.10). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sockgen.h"
#include "vsock.h"
#include "vsock_live.h"

static void listen_help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock listen --port P [--type stream|seqpacket]\n"
		"          [--mode echo|sink|http|reset] [--count N] [--timeout S]\n"
		"          [--manifest FILE] [--allow-remote-cid]\n"
		"Serve N connections (default 1) one after the other on vsock port P\n"
		"(bound to VMADDR_CID_ANY), then print a result line and exit.\n"
		"  echo   send back everything received (seqpacket: each message with its EOR)\n"
		"  sink   read to EOF and discard\n"
		"  http   read one HTTP/1.1 request, answer 200 with a short text body\n"
		"  reset  read one chunk, then close with data still in flight (the peer\n"
		"         sees its connection reset mid-stream)\n"
		"After the peer's half-close the server half-closes too (shutdown SHUT_WR),\n"
		"reads to EOF and closes. --timeout S (default 10, 0 = none) bounds every\n"
		"wait: accept, read and write. A line 'listening port=P type=T mode=M' on\n"
		"stdout says the socket is ready.\n"
		"Only where /sys/module/vsock_loopback exists (the test guest), unless\n"
		"--allow-remote-cid: without vsock_loopback the socket would serve the\n"
		"machine's own hypervisor transport.\n"
		"%s"
		"Examples:\n"
		"  sockgen vsock listen --port 5000 --mode echo --manifest srv.jsonl\n"
		"  sockgen vsock listen --port 5001 --type seqpacket --count 2\n"
		"  sockgen vsock listen --port 80 --mode http\n",
		vsl_manifest_help);
}

static void connect_help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock connect --cid C --port P [--type stream|seqpacket]\n"
		"          [--bytes N] [--msg-size S] [--messages L] [--count N] [--eor]\n"
		"          [--pingpong] [--http PATH]\n"
		"          [--timeout S] [--allow-remote-cid] [--manifest FILE]\n"
		"Connect --count times (default 1) to C:P; each connection sends --bytes\n"
		"(default 4096) of the pattern byte[k] = k %% 251 (k from the first byte) in\n"
		"writes (stream) or messages (seqpacket) of --msg-size bytes (default 4096,\n"
		"at most 1M), half-closes (shutdown SHUT_WR), reads what the peer sends to\n"
		"EOF, and closes. Sizes take K/M/G suffixes (powers of 1024).\n"
		"  --eor         seqpacket: send every message with MSG_EOR\n"
		"  --messages L  explicit message/write sizes instead of --bytes/--msg-size,\n"
		"                e.g. 1000,1000:eor,100000:eor (':eor' = MSG_EOR, seqpacket)\n"
		"  --pingpong    wait for each message's echo before sending the next\n"
		"                (needs an echoing peer; makes the packet order repeatable:\n"
		"                after EOF it also waits 250 ms so the peer closes first)\n"
		"  --http PATH   send 'GET PATH HTTP/1.1' instead and print the status line\n"
		"  --timeout S   deadline for connect and for every read/write wait\n"
		"                (default 10 s, 0 = none)\n"
		"Result on stdout: 'result verb=connect type=... peer=C:P conns=N\n"
		"tx_bytes= tx_msgs= rx_bytes= rx_msgs= seconds= mib_per_s='.\n"
		"Refused, reset or timed out: exit 1 with the errno text and the peer.\n"
		"Safety: CID 1 is used only when /sys/module/vsock_loopback exists (else\n"
		"local traffic would go to the hypervisor's transport); any other CID\n"
		"needs --allow-remote-cid. Both checks happen before any socket exists.\n"
		"%s"
		"Examples:\n"
		"  sockgen vsock connect --cid 1 --port 5000 --bytes 4M --msg-size 64K\n"
		"  sockgen vsock connect --cid 1 --port 5001 --type seqpacket --bytes 100000 --msg-size 100000 --eor\n"
		"  sockgen vsock connect --cid 1 --port 80 --http /\n",
		vsl_manifest_help);
}

/* Sizes: decimal with an optional K/M/G (1024-based) suffix. */
static int parse_size(const char *s, uint64_t max, uint64_t *ret)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	if (*end) {
		switch (*end) {
		case 'k': case 'K': mul = 1ULL << 10; break;
		case 'm': case 'M': mul = 1ULL << 20; break;
		case 'g': case 'G': mul = 1ULL << 30; break;
		default: return -EINVAL;
		}
		if (end[1] && strcmp(end + 1, "iB") && strcmp(end + 1, "B"))
			return -EINVAL;
	}
	if (v > max / mul)
		return -ERANGE;
	*ret = v * mul;
	return 0;
}

static int parse_seconds(const char *s, double *ret)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0) || v > 86400)
		return -EINVAL;
	*ret = v;
	return 0;
}

/* "1000,1000:eor,100000:eor": sizes with K/M suffixes, ':eor' per message. */
static int parse_messages(struct vsl_opts *o, const char *arg)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	size_t n = 1;
	uint64_t sum = 0;

	if (!copy)
		return sg_fail(o->ctx, "%s", strerror(ENOMEM));
	for (const char *p = arg; *p; p++)
		n += *p == ',';
	if (n > VSL_MAX_MSGS) {
		free(copy);
		return sg_usage(o->ctx, "--messages: at most %d messages", VSL_MAX_MSGS);
	}
	free(o->msg_len);
	free(o->msg_eor);
	o->msg_len = calloc(n, sizeof(*o->msg_len));
	o->msg_eor = calloc(n, sizeof(*o->msg_eor));
	if (!o->msg_len || !o->msg_eor) {
		free(copy);
		return sg_fail(o->ctx, "%s", strerror(ENOMEM));
	}
	o->nmsgs = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		uint64_t v;

		if (colon) {
			if (strcmp(colon, ":eor")) {
				int r = sg_usage(o->ctx, "--messages '%s': '%s': only ':eor' may follow a size",
						 arg, colon);

				free(copy);
				return r;
			}
			*colon = '\0';
		}
		if (parse_size(tok, VSL_MAX_MSG, &v) || v == 0) {
			int r = sg_usage(o->ctx, "--messages '%s': '%s': sizes must be 1..%u bytes",
					 arg, tok, VSL_MAX_MSG);

			free(copy);
			return r;
		}
		o->msg_len[o->nmsgs] = (uint32_t)v;
		o->msg_eor[o->nmsgs++] = colon != NULL;
		sum += v;
	}
	free(copy);
	if (!o->nmsgs || o->nmsgs != n)
		return sg_usage(o->ctx, "--messages '%s': empty entry", arg);
	o->bytes = sum;
	return 0;
}

enum {
	OPT_EOR = 256,
	OPT_HTTP,
	OPT_ALLOW_REMOTE,
	OPT_MSG_SIZE,
	OPT_MESSAGES,
	OPT_PINGPONG,
};

static const struct option live_long[] = {
	{ "cid", required_argument, NULL, 'c' },
	{ "port", required_argument, NULL, 'p' },
	{ "type", required_argument, NULL, 't' },
	{ "mode", required_argument, NULL, 'm' },
	{ "bytes", required_argument, NULL, 'b' },
	{ "msg-size", required_argument, NULL, OPT_MSG_SIZE },
	{ "count", required_argument, NULL, 'n' },
	{ "eor", no_argument, NULL, OPT_EOR },
	{ "messages", required_argument, NULL, OPT_MESSAGES },
	{ "pingpong", no_argument, NULL, OPT_PINGPONG },
	{ "http", required_argument, NULL, OPT_HTTP },
	{ "timeout", required_argument, NULL, 'T' },
	{ "allow-remote-cid", no_argument, NULL, OPT_ALLOW_REMOTE },
	{ "manifest", required_argument, NULL, 'M' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options that belong to the other verb are rejected by name. */
/* The options that take a value: 0, the exit code, or -2 for none of them. */
static int live_value(struct vsl_opts *o, int c, const char *arg, int *have_bytes,
		      int *have_msg)
{
	const char *ctx = o->ctx;
	uint64_t v;
	int r;

	switch (c) {
	case 'c':
		if (parse_size(arg, UINT32_MAX, &v) || strpbrk(arg, "kKmMgG"))
			return sg_usage(ctx, "--cid '%s': not a CID (0..4294967294)", arg);
		if (v == VMADDR_CID_ANY_U32)
			return sg_usage(ctx, "--cid '%s': -1 (VMADDR_CID_ANY) is not a peer", arg);
		o->cid = (uint32_t)v;
		o->have_cid = 1;
		break;
	case 'p':
		if (parse_size(arg, UINT32_MAX, &v) || strpbrk(arg, "kKmMgG"))
			return sg_usage(ctx, "--port '%s': not a port (0..4294967294)", arg);
		if (v == VMADDR_CID_ANY_U32)
			return sg_usage(ctx, "--port '%s': -1 (VMADDR_PORT_ANY) is not a port", arg);
		o->port = (uint32_t)v;
		o->have_port = 1;
		break;
	case 't':
		if (!strcmp(arg, "stream"))
			o->type = VSL_STREAM;
		else if (!strcmp(arg, "seqpacket"))
			o->type = VSL_SEQPACKET;
		else
			return sg_usage(ctx, "--type '%s': must be stream or seqpacket", arg);
		break;
	case 'm':
		if (!strcmp(arg, "echo"))
			o->mode = VSL_ECHO;
		else if (!strcmp(arg, "sink"))
			o->mode = VSL_SINK;
		else if (!strcmp(arg, "http"))
			o->mode = VSL_HTTP;
		else if (!strcmp(arg, "reset"))
			o->mode = VSL_RESET;
		else
			return sg_usage(ctx, "--mode '%s': must be echo, sink, http or reset", arg);
		break;
	case 'b':
		if (parse_size(arg, VSL_MAX_BYTES, &v))
			return sg_usage(ctx, "--bytes '%s': not a size (0..%llu, K/M/G suffixes)",
					arg, (unsigned long long)VSL_MAX_BYTES);
		o->bytes = v;
		*have_bytes = 1;
		break;
	case OPT_MSG_SIZE:
		if (parse_size(arg, VSL_MAX_MSG, &v) || v == 0)
			return sg_usage(ctx, "--msg-size '%s': must be 1..%u bytes", arg, VSL_MAX_MSG);
		o->msg_size = (size_t)v;
		*have_msg = 1;
		break;
	case 'n':
		if (parse_size(arg, 1000000, &v) || v == 0 || strpbrk(arg, "kKmMgG"))
			return sg_usage(ctx, "--count '%s': must be 1..1000000", arg);
		o->count = (unsigned)v;
		break;
	case OPT_MESSAGES:
		if ((r = parse_messages(o, arg)))
			return r;
		break;
	case OPT_HTTP:
		if (arg[0] != '/' || strpbrk(arg, " \r\n\t") || strlen(arg) > 1024)
			return sg_usage(ctx, "--http '%s': must be a path starting with '/', without spaces, at most 1024 bytes", arg);
		o->http_path = arg;
		break;
	case 'T':
		if (parse_seconds(arg, &o->timeout))
			return sg_usage(ctx, "--timeout '%s': must be seconds 0..86400 (0 = none)", arg);
		break;
	default:
		return -2;
	}
	return 0;
}

/* What the options say together: 0 or the exit code. */
static int live_check(const struct vsl_opts *o, int have_bytes, int have_msg)
{
	const char *ctx = o->ctx;

	if (o->connect && !o->have_cid)
		return sg_usage(ctx, "--cid: missing (the peer's context id, 1 = local loopback)");
	if (!o->have_port)
		return sg_usage(ctx, "--port: missing");
	if (o->http_path) {
		if (o->type != VSL_STREAM)
			return sg_usage(ctx, "--http: needs --type stream");
		if (have_bytes || have_msg || o->eor)
			return sg_usage(ctx, "--http: cannot be combined with --bytes, --msg-size or --eor");
	}
	if (o->nmsgs && (have_bytes || have_msg || o->eor || o->http_path))
		return sg_usage(ctx, "--messages: cannot be combined with --bytes, --msg-size, --eor or --http");
	if (o->nmsgs && o->type != VSL_SEQPACKET)
		for (size_t i = 0; i < o->nmsgs; i++)
			if (o->msg_eor[i])
				return sg_usage(ctx, "--messages: ':eor' only for --type seqpacket");
	if (o->pingpong && o->http_path)
		return sg_usage(ctx, "--pingpong: not with --http");
	if (o->eor && o->type != VSL_SEQPACKET)
		return sg_usage(ctx, "--eor: only for --type seqpacket (stream has no message boundaries)");
	if (!o->connect && o->mode == VSL_HTTP && o->type != VSL_STREAM)
		return sg_usage(ctx, "--mode http: needs --type stream");
	return 0;
}

static int parse_live(struct vsl_opts *o, int argc, char **argv)
{
	const char *ctx = o->ctx;
	int c, r, have_bytes = 0, have_msg = 0;

	o->type = VSL_STREAM;
	o->mode = VSL_ECHO;
	o->bytes = 4096;
	o->msg_size = 4096;
	o->count = 1;
	o->timeout = 10;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", live_long, NULL)) != -1) {
		const char *name = live_long[0].name;

		for (const struct option *lo = live_long; lo->name; lo++)
			if (lo->val == c)
				name = lo->name;
		if (c != 'h' && c != '?' && c != ':') {
			int for_connect = c == 'c' || c == 'b' || c == OPT_MSG_SIZE ||
					  c == OPT_EOR || c == OPT_HTTP || c == OPT_MESSAGES ||
					  c == OPT_PINGPONG;
			if ((c == 'm' && o->connect) || (for_connect && !o->connect))
				return sg_usage(ctx, "--%s: not an option of %s (see --help)",
						name, o->connect ? "connect" : "listen");
		}
		switch (c) {
		case 'h':
			(o->connect ? connect_help : listen_help)(stdout);
			return -1;
		case OPT_EOR:
			o->eor = 1;
			break;
		case OPT_PINGPONG:
			o->pingpong = 1;
			break;
		case OPT_ALLOW_REMOTE:
			o->allow_remote = 1;
			break;
		case 'M':
			o->manifest_path = optarg;
			break;
		case ':':
			return sg_usage(ctx, "%s: needs an argument", argv[optind - 1]);
		default:
			r = live_value(o, c, optarg, &have_bytes, &have_msg);
			if (r == -2)
				return sg_usage(ctx, "unknown option '%s' (see --help)", argv[optind - 1]);
			if (r)
				return r;
			break;
		}
	}
	if (optind < argc)
		return sg_usage(ctx, "unexpected argument '%s'", argv[optind]);
	return live_check(o, have_bytes, have_msg);
}

/* The two refusals come before socket(): on a machine without
 * vsock_loopback, CID 1 (and any socket at all) goes through the guest-to-host
 * transport to a hypervisor we do not own. */
static int safety_checks(const struct vsl_opts *o)
{
	const char *ctx = o->ctx;
	int loopback = access("/sys/module/vsock_loopback", F_OK) == 0;

	if (o->connect && o->cid != VMADDR_CID_LOCAL_U32 && !o->allow_remote)
		return sg_usage(ctx, "--cid %u: refusing CID %u without --allow-remote-cid: "
				"only CID 1 (local loopback) stays inside this machine%s",
				o->cid, o->cid,
				o->cid == 2 ? " (CID 2 is the host)" :
				o->cid == 0 ? " (CID 0 is the hypervisor)" : "");
	if (o->connect && o->cid == VMADDR_CID_LOCAL_U32 && !loopback)
		return sg_fail(ctx, "--cid 1: refusing: /sys/module/vsock_loopback is absent, so "
			       "CID 1 would not stay local (it would go through the hypervisor's "
			       "transport); load vsock_loopback or run in the test guest (tests/vm)");
	if (!o->connect && !loopback && !o->allow_remote)
		return sg_fail(ctx, "refusing to listen: /sys/module/vsock_loopback is absent, so "
			       "the socket would serve the hypervisor's transport; load "
			       "vsock_loopback, run in the test guest (tests/vm), or pass --allow-remote-cid");
	return 0;
}

static int live_main(int argc, char **argv, int connect)
{
	struct vsl_opts o;
	int r;

	memset(&o, 0, sizeof(o));
	o.connect = connect;
	o.ctx = connect ? "vsock connect" : "vsock listen";
	r = parse_live(&o, argc, argv);
	if (!r)
		r = safety_checks(&o);
	if (r) {
		free(o.msg_len);
		free(o.msg_eor);
		return r < 0 ? SG_EXIT_OK : r;  /* < 0: --help */
	}
	r = connect ? vsl_run_connect(&o) : vsl_run_listen(&o);
	free(o.msg_len);
	free(o.msg_eor);
	return r;
}

int cmd_vsock_listen(int argc, char **argv)
{
	return live_main(argc, argv, 0);
}

int cmd_vsock_connect(int argc, char **argv)
{
	return live_main(argc, argv, 1);
}
