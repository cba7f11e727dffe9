/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock listen/connect: live AF_VSOCK client and server (vsock(7), virtio-vsock spec 1.2 5.10). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sockgen.h"
#include "vsock.h"
#include "vsock_live.h"

static void listen_help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock listen (--port P | P) [--type stream|seqpacket]\n"
		"          [--mode echo|sink|http|reset] [--count N] [--timeout S]\n"
		"          [--manifest FILE] [--allow-remote-cid]\n"
		"       sockgen vsock listen P (--stdio | --exec CMD | --file F)\n"
		"          [--max-conns N | --once] [--timeout S] [--manifest FILE]\n"
		"Serve N connections (default 1) one after the other on vsock port P\n"
		"(bound to VMADDR_CID_ANY), then print a result line and exit.\n"
		"  echo   send back everything received (seqpacket: each message with its EOR)\n"
		"  sink   read to EOF and discard\n"
		"  http   read one HTTP/1.1 request, answer 200 with a short text body\n"
		"  reset  read one chunk, then close with data still in flight (the peer\n"
		"         sees its connection reset mid-stream)\n"
		"After the peer's half-close the server half-closes too (shutdown SHUT_WR),\n"
		"reads to EOF and closes. --timeout S (default 10, 0 = none) bounds every\n"
		"wait: accept, read and write. A line 'sockgen: vsock listen: listening\n"
		"port=P type=T mode=M' on stderr says the socket is ready; the result\n"
		"line follows there at the end (stdout stays empty).\n"
		"Only where /sys/module/vsock_loopback exists (the test guest), unless\n"
		"--allow-remote-cid: without vsock_loopback the socket would serve the\n"
		"machine's own hypervisor transport.\n"
		"Relays (socat's VSOCK-LISTEN with STDIO, EXEC or a file; stream only):\n"
		"  --stdio       accept one connection: stdin to the peer, the peer to stdout;\n"
		"                stdin's EOF becomes shutdown(SHUT_WR); ends when both\n"
		"                directions ended (or the peer closed after its half-close)\n"
		"  --exec CMD    per connection run /bin/sh -c CMD with the connection as\n"
		"                its stdin and stdout (a socketpair relayed to the peer, as\n"
		"                socat EXEC; stderr is ours), like an inetd nowait service;\n"
		"                the command's EOF half-closes, the peer's EOF reaches its\n"
		"                stdin;\n"
		"                a command still running 5 s after its connection ended gets\n"
		"                SIGTERM (SIGKILL a second later); children are reaped\n"
		"  --file F      send F's bytes to every peer, then half-close; what the\n"
		"                peer sends is counted and dropped\n"
		"  --max-conns N accept N connections, then exit once they are done\n"
		"                (side by side, up to 32 at once; --exec/--file default:\n"
		"                no limit; --count N is the same)\n"
		"  --once        --max-conns 1\n"
		"  Relays have no --timeout unless given (then S seconds without progress\n"
		"  end a connection, and S seconds without a connection end the server);\n"
		"  stdout is the data (--stdio):\n"
		"  'sockgen: vsock listen: listening port=P io=...' and one line per\n"
		"  connection go to stderr. SIGTERM or SIGINT stops a relay server:\n"
		"  open connections ended, manifest completed, exit 0.\n"
		"%s"
		"Examples:\n"
		"  sockgen vsock listen 5000 --stdio > received.bin\n"
		"  sockgen vsock listen 8080 --exec 'httpd -i -h /www' --max-conns 3\n"
		"  sockgen vsock listen 6000 --file reply.bin --once\n"
		"  sockgen vsock listen --port 5000 --mode echo --manifest srv.jsonl\n"
		"  sockgen vsock listen --port 5001 --type seqpacket --count 2\n"
		"  sockgen vsock listen --port 80 --mode http\n",
		vsl_manifest_help);
}

static void connect_help(FILE *f)
{
	fprintf(f,
		"usage: sockgen vsock connect (--cid C --port P | C:P) [--type stream|seqpacket]\n"
		"          [--bytes N] [--msg-size S] [--messages L] [--count N] [--eor]\n"
		"          [--pingpong] [--http PATH]\n"
		"          [--timeout S] [--allow-remote-cid] [--manifest FILE]\n"
		"       sockgen vsock connect C:P (--stdio | --file F [--count N])\n"
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
		"  --http PATH   send 'GET PATH HTTP/1.1' instead; the status line is\n"
		"                summarised on stderr ('sockgen: vsock connect: http status=')\n"
		"  --timeout S   deadline for connect and for every read/write wait\n"
		"                (default 10 s, 0 = none)\n"
		"Result on stderr: 'sockgen: vsock connect: result verb=connect type=...\n"
		"peer=C:P conns=N tx_bytes= tx_msgs= rx_bytes= rx_msgs= seconds= mib_per_s='.\n"
		"Refused, reset or timed out: exit 1 with the errno text and the peer.\n"
		"Safety: CID 1 is used only when /sys/module/vsock_loopback exists (else\n"
		"local traffic would go to the hypervisor's transport); any other CID\n"
		"needs --allow-remote-cid. Both checks happen before any socket exists.\n"
		"Relays (socat's VSOCK-CONNECT:C:P with STDIO or a file; stream only):\n"
		"  --stdio       stdin to the peer, the peer to stdout; stdin's EOF becomes\n"
		"                shutdown(SHUT_WR); exits when the peer has closed (its EOF\n"
		"                and, unless it only half-closed, before stdin ends)\n"
		"  --file F      send F's bytes instead of the pattern, half-close, read to\n"
		"                EOF (counted, dropped)\n"
		"  Relays have no --timeout unless given; the summary goes to stderr\n"
		"  ('sockgen: vsock connect: conn 0 peer=C:P tx_bytes= rx_bytes=').\n"
		"%s"
		"Examples:\n"
		"  sockgen vsock connect 1:5000 --stdio < request.bin > reply.bin\n"
		"  sockgen vsock connect 1:6000 --file payload.bin --manifest cli.jsonl\n"
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

int vsl_parse_seconds(const char *s, double *ret)
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

/* A CID or port: decimal 0..4294967294 (-1, 0xffffffff, is the ANY
 * wildcard and names no peer). */
static int parse_u32_addr(const char *arg, uint32_t *ret)
{
	uint64_t v;

	/* digits only: strtoull would skip blanks and take a sign */
	if (!*arg || arg[strspn(arg, "0123456789")] || parse_size(arg, UINT32_MAX, &v) ||
	    v == VMADDR_CID_ANY_U32)
		return -EINVAL;
	*ret = (uint32_t)v;
	return 0;
}

static int parse_cid(const char *ctx, const char *opt, const char *arg, uint32_t *cid)
{
	if (parse_u32_addr(arg, cid))
		return sg_usage(ctx, "%s '%s': not a CID (0..4294967294; -1 is VMADDR_CID_ANY, not a peer)",
				opt, arg);
	return 0;
}

int vsl_parse_port(const char *ctx, const char *opt, const char *arg, uint32_t *port)
{
	if (parse_u32_addr(arg, port))
		return sg_usage(ctx, "%s '%s': not a port (0..4294967294; -1 is VMADDR_PORT_ANY)", opt, arg);
	return 0;
}

/* "CID:PORT", as socat's VSOCK-CONNECT:CID:PORT. */
int vsl_parse_cid_port(const char *ctx, const char *opt, const char *arg, uint32_t *cid,
		       uint32_t *port)
{
	const char *colon = strchr(arg, ':');
	char buf[16];

	if (!colon || colon == arg || (size_t)(colon - arg) >= sizeof(buf) ||
	    strchr(colon + 1, ':') || !colon[1])
		return sg_usage(ctx, "%s '%s': must be CID:PORT (e.g. 1:5000)", opt, arg);
	memcpy(buf, arg, (size_t)(colon - arg));
	buf[colon - arg] = '\0';
	if (parse_u32_addr(buf, cid))
		return sg_usage(ctx, "%s '%s': CID '%s': must be 0..4294967294", opt, arg, buf);
	if (parse_u32_addr(colon + 1, port))
		return sg_usage(ctx, "%s '%s': port '%s': must be 0..4294967294", opt, arg, colon + 1);
	return 0;
}

enum {
	OPT_EOR = 256,
	OPT_HTTP,
	OPT_ALLOW_REMOTE,
	OPT_MSG_SIZE,
	OPT_MESSAGES,
	OPT_PINGPONG,
	OPT_STDIO,
	OPT_EXEC,
	OPT_FILE,
	OPT_MAX_CONNS,
	OPT_ONCE,
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
	{ "stdio", no_argument, NULL, OPT_STDIO },
	{ "exec", required_argument, NULL, OPT_EXEC },
	{ "file", required_argument, NULL, OPT_FILE },
	{ "max-conns", required_argument, NULL, OPT_MAX_CONNS },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* --file: opened now, so a missing or unreadable file is bad input. */
static int open_file(struct vsl_opts *o, const char *arg)
{
	struct stat st;
	int fd;

	if (o->file_fd >= 0)
		return sg_usage(o->ctx, "--file '%s': given twice", arg);
	fd = open(arg, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sg_usage(o->ctx, "--file '%s': %s", arg, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return sg_usage(o->ctx, "--file '%s': is a directory", arg);
	}
	o->file_fd = fd;
	o->file_path = arg;
	return 0;
}

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
		if ((r = parse_cid(ctx, "--cid", arg, &o->cid)))
			return r;
		o->have_cid = 1;
		break;
	case 'p':
		if ((r = vsl_parse_port(ctx, "--port", arg, &o->port)))
			return r;
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
	case OPT_MAX_CONNS:
		if (parse_size(arg, 1000000, &v) || v == 0 || strpbrk(arg, "kKmMgG"))
			return sg_usage(ctx, "--%s '%s': must be 1..1000000",
					c == 'n' ? "count" : "max-conns", arg);
		o->count = (unsigned)v;
		o->have_count = 1;
		break;
	case OPT_EXEC:
		if (!*arg)
			return sg_usage(ctx, "--exec '': needs a command");
		o->exec_cmd = arg;
		break;
	case OPT_FILE:
		return open_file(o, arg);
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
		if (vsl_parse_seconds(arg, &o->timeout))
			return sg_usage(ctx, "--timeout '%s': must be seconds 0..86400 (0 = none)", arg);
		o->have_timeout = 1;
		break;
	default:
		return -2;
	}
	return 0;
}

/* --stdio, --exec, --file: what they exclude and the defaults they change. */
static int relay_check(struct vsl_opts *o, int have_bytes, int have_msg, int have_mode)
{
	const char *ctx = o->ctx;
	int n = !!o->exec_cmd + (o->file_fd >= 0) + (o->io == VSL_IO_STDIO);

	if (n > 1)
		return sg_usage(ctx, "--stdio, --exec and --file: pick one");
	if (o->exec_cmd)
		o->io = VSL_IO_EXEC;
	else if (o->file_fd >= 0)
		o->io = VSL_IO_FILE;
	if (o->io == VSL_IO_PATTERN)
		return 0;
	if (have_mode || have_bytes || have_msg || o->nmsgs || o->eor || o->pingpong || o->http_path)
		return sg_usage(ctx, "--%s: cannot be combined with --mode, --bytes, --msg-size, "
				"--messages, --eor, --pingpong or --http (those shape the built-in pattern)",
				o->io == VSL_IO_STDIO ? "stdio" : o->io == VSL_IO_EXEC ? "exec" : "file");
	if (o->type != VSL_STREAM)
		return sg_usage(ctx, "--type seqpacket: --stdio, --exec and --file relay a byte stream (--type stream)");
	if (o->io == VSL_IO_STDIO && o->have_count && o->count != 1)
		return sg_usage(ctx, "--stdio: one connection only (not with --count/--max-conns above 1)");
	/* a relay waits as long as its peer (socat has no timeout either) */
	if (!o->have_timeout)
		o->timeout = 0;
	/* a server that runs a command or serves a file goes on until stopped */
	if (!o->connect && !o->have_count && o->io != VSL_IO_STDIO)
		o->count = 0;
	return 0;
}

/* What the options say together: 0 or the exit code. */
static int live_check(struct vsl_opts *o, int have_bytes, int have_msg, int have_mode)
{
	const char *ctx = o->ctx;

	if (o->connect && !o->have_cid)
		return sg_usage(ctx, "--cid: missing (the peer's context id, 1 = local loopback; or CID:PORT)");
	if (!o->have_port)
		return sg_usage(ctx, o->connect ? "--port: missing (or CID:PORT)" : "--port: missing (or PORT)");
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
	return relay_check(o, have_bytes, have_msg, have_mode);
}

/* The one operand: connect CID:PORT, listen PORT (socat's VSOCK-CONNECT:CID:PORT
 * and VSOCK-LISTEN:PORT). */
static int live_operand(struct vsl_opts *o, const char *arg)
{
	int r;

	if (o->connect) {
		if (o->have_cid || o->have_port)
			return sg_usage(o->ctx, "'%s': CID:PORT given with --cid/--port", arg);
		r = vsl_parse_cid_port(o->ctx, "CID:PORT", arg, &o->cid, &o->port);
		o->have_cid = 1;
	} else {
		if (o->have_port)
			return sg_usage(o->ctx, "'%s': PORT given with --port", arg);
		r = vsl_parse_port(o->ctx, "PORT", arg, &o->port);
	}
	o->have_port = 1;
	return r;
}

static int parse_live(struct vsl_opts *o, int argc, char **argv)
{
	const char *ctx = o->ctx;
	int c, r, have_bytes = 0, have_msg = 0, have_mode = 0;

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
			int for_listen = c == 'm' || c == OPT_EXEC || c == OPT_MAX_CONNS || c == OPT_ONCE;

			if ((for_listen && o->connect) || (for_connect && !o->connect))
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
		case OPT_STDIO:
			o->io = VSL_IO_STDIO;
			break;
		case OPT_ONCE:
			o->count = 1;
			o->have_count = 1;
			break;
		case 'M':
			o->manifest_path = optarg;
			break;
		case ':':
			return sg_usage(ctx, "%s: needs an argument", argv[optind - 1]);
		default:
			have_mode |= c == 'm';
			r = live_value(o, c, optarg, &have_bytes, &have_msg);
			if (r == -2)
				return sg_usage(ctx, "unknown option '%s' (see --help)", argv[optind - 1]);
			if (r)
				return r;
			break;
		}
	}
	if (optind < argc && (r = live_operand(o, argv[optind++])))
		return r;
	if (optind < argc)
		return sg_usage(ctx, "unexpected argument '%s'", argv[optind]);
	return live_check(o, have_bytes, have_msg, have_mode);
}

/* The two refusals come before socket(): on a machine without
 * vsock_loopback, CID 1 (and any socket at all) goes through the guest-to-host
 * transport to a hypervisor we do not own. */
int vsl_safety_checks(const struct vsl_opts *o)
{
	const char *ctx = o->ctx;
	int loopback = access("/sys/module/vsock_loopback", F_OK) == 0;

	if (o->connect && o->cid != VMADDR_CID_LOCAL_U32 && !o->allow_remote)
		return sg_usage(ctx, "%s %u: refusing CID %u without --allow-remote-cid: "
				"only CID 1 (local loopback) stays inside this machine%s",
				o->io == VSL_IO_TCP ? "--vsock" : "--cid", o->cid, o->cid,
				o->cid == 2 ? " (CID 2 is the host)" :
				o->cid == 0 ? " (CID 0 is the hypervisor)" : "");
	if (o->connect && o->cid == VMADDR_CID_LOCAL_U32 && !loopback)
		return sg_fail(ctx, "%s 1: refusing: /sys/module/vsock_loopback is absent, so "
			       "CID 1 would not stay local (it would go through the hypervisor's "
			       "transport); load vsock_loopback or run in the test guest (tests/vm)",
			       o->io == VSL_IO_TCP ? "--vsock" : "--cid");
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
	o.file_fd = -1;
	o.ctx = connect ? "vsock connect" : "vsock listen";
	r = parse_live(&o, argc, argv);
	if (!r)
		r = vsl_safety_checks(&o);
	if (!r && o.io != VSL_IO_PATTERN)
		r = connect ? vsl_relay_connect(&o) : vsl_relay_listen(&o);
	else if (!r)
		r = connect ? vsl_run_connect(&o) : vsl_run_listen(&o);
	if (o.file_fd >= 0)
		close(o.file_fd);
	free(o.msg_len);
	free(o.msg_eor);
	return r < 0 ? SG_EXIT_OK : r;  /* < 0: --help */
}

int cmd_vsock_listen(int argc, char **argv)
{
	return live_main(argc, argv, 0);
}

int cmd_vsock_connect(int argc, char **argv)
{
	return live_main(argc, argv, 1);
}
