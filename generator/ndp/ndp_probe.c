/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ask-and-wait loop of sockgen ndp solicit and resolve: the message of
 * each try built by the codec from a script-style line (ndp_link.c), sent
 * on a raw ICMPv6 socket (or as a frame with libnet when it must leave from
 * ::, RFC 4862 5.4.2), answers received on the packet socket of ndp_link.c,
 * validated as RFC 4861 says, shown as text or JSON Lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "manifest.h"
#include "ndp_probe.h"
#include "sockgen.h"

#define MAX_TRIES 100
#define MAX_WAIT_MS 3600000

void ndpg_probe_init(struct ndpg_probe *p, const char *ctx)
{
	p->ctx = ctx;
	p->retries = 3;                 /* rdisc6 and ndisc6's defaults */
	p->wait_ms = 1000;
	p->rx.fd = -1;
}

int ndpg_probe_opt(struct ndpg_probe *p, int c, const char *arg, char **argv)
{
	(void)argv;
	switch (c) {
	case 'r':
		if (ndpg_parse_uint(arg, MAX_TRIES, &p->retries) || !p->retries)
			return sg_usage(p->ctx, "--retries '%s': must be 1..%d", arg, MAX_TRIES);
		return 0;
	case 'w':
		if (ndpg_parse_uint(arg, MAX_WAIT_MS, &p->wait_ms) || !p->wait_ms)
			return sg_usage(p->ctx, "--wait '%s': must be 1..%d milliseconds", arg,
					MAX_WAIT_MS);
		return 0;
	case '1': p->single = true; return 0;
	case 'm': p->multiple = true; return 0;
	case 'j': p->json = true; return 0;
	case 's':
		if (ndpg_parse_ipv6(arg, p->src))
			return sg_usage(p->ctx, "--src '%s': not an IPv6 address", arg);
		p->have_src = true;
		return 0;
	default:
		return 1;
	}
}

int ndpg_probe_args(struct ndpg_probe *p, int argc, char **argv, const struct option *opts,
		    void (*usage)(FILE *),
		    int (*own)(struct ndpg_probe *p, int c, const char *arg))
{
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":" NDPG_PROBE_SHORT, opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return -1;
		}
		if (c == ':')
			return sg_usage(p->ctx, "%s: missing argument", argv[optind - 1]);
		rc = ndpg_probe_opt(p, c, optarg, argv);
		if (rc == 1 && own)
			rc = own(p, c, optarg);
		if (rc == 1)
			return sg_usage(p->ctx, "unknown option '%s' (see sockgen %s --help)",
					argv[optind - 1], p->ctx);
		if (rc)
			return rc;
	}
	if (p->single && p->multiple)
		return sg_usage(p->ctx, "--single with --multiple: give one of them");
	return 0;
}

/* Open what the tries need. 0 or the exit code. */
static int probe_setup(struct ndpg_probe *p)
{
	char err[256];
	int e;

	if ((e = netif_get(p->ifname, &p->ni)) < 0)
		return sg_fail(p->ctx, "%s: %s", p->ifname,
			       e == -ENODEV ? "no such interface" : strerror(-e));
	if (!(p->m = calloc(1, sizeof(*p->m))) || ndpg_msg_init(p->m, NULL) < 0)
		return sg_fail(p->ctx, "%s", strerror(ENOMEM));
	/* Listening first: an answer may come before the send returns. */
	if (ndpg_rx_open(&p->rx, p->ni.index, err, sizeof(err)) < 0)
		return sg_fail(p->ctx, "%s: %s", p->ifname, err);
	if (p->link_layer)
		p->link = link_out_open(p->ifname, &e, err, sizeof(err));
	else
		p->raw = raw_out_open(p->ifname, &e, err, sizeof(err));
	if (!p->link && !p->raw)
		return sg_fail(p->ctx, "%s: %s", p->ifname, err);
	if (p->json && !(p->mf = manifest_open("-")))
		return sg_fail(p->ctx, "stdout: %s", strerror(errno));
	return 0;
}

/* Build try n's message and send it. 0 or the exit code. */
static int send_try(struct ndpg_probe *p, unsigned n)
{
	uint8_t frame[NDPG_FRAME_CAP];
	char line[1024];
	size_t len, off;
	int r;

	if ((r = p->line(p, n, line, sizeof(line))))
		return r;
	if ((r = ndpg_line_msg(p->m, p->ctx, line, &p->ni)))
		return r;
	if ((r = ndpg_msg_frame(p->m, frame, sizeof(frame), &len, &off)) < 0)
		return sg_fail(p->ctx, "cannot build the message: %s", strerror(-r));
	if (p->link)
		r = link_out_send(p->link, frame, len);
	else
		r = raw_out_send(p->raw, frame + off, len - off, p->m->src, p->m->dst,
				 p->m->hop_limit);
	if (r < 0)
		return sg_fail(p->ctx, "%s: send: %s", p->ifname, strerror(-r));
	return 0;
}

static void show(struct ndpg_probe *p, const struct ndpg_pkt *pk)
{
	if (p->json) {
		memcpy(p->m->src, pk->src, 16);
		memcpy(p->m->dst, pk->dst, 16);
		p->m->hop_limit = pk->hlim;
		p->m->bad_checksum = false;
		ndpg_msg_spans_from_wire(p->m, pk->icmp);
		ndpg_manifest(p->mf, p->m, pk->icmp, pk->len);
	} else {
		p->show(p, &p->m->msg, pk);
	}
	fflush(stdout);
}

/* Wait out one try. 0, or the exit code of a receive failure. */
static int wait_try(struct ndpg_probe *p, bool *done)
{
	long long end = ndpg_now_ms() + (long long)p->wait_ms;
	uint8_t buf[NDP_MSG_MAX_LEN + FRAME_HDR_LEN];

	for (long long left; (left = end - ndpg_now_ms()) > 0; ) {
		struct ndpg_pkt pk;
		int got = ndpg_rx_recv(&p->rx, buf, sizeof(buf), (int)left, &pk), r;

		if (got < 0)
			return sg_fail(p->ctx, "%s: receive: %s", p->ifname, strerror(-got));
		if (!got)
			break;
		memset(&p->m->msg, 0, sizeof(p->m->msg));
		r = ndp_msg_parse(pk.icmp, pk.len, &p->m->msg);
		if (ndpg_nd_invalid(&p->m->msg, r, &pk) || !p->answers(p, &p->m->msg, &pk))
			continue;
		p->got++;
		show(p, &pk);
		if (p->single) {
			*done = true;
			return 0;
		}
	}
	/* without -m, a try that brought answers is the last */
	*done = p->got && !p->multiple;
	return 0;
}

int ndpg_probe_run(struct ndpg_probe *p)
{
	bool done = false;
	int rc = probe_setup(p);

	if (!rc && p->begin)
		p->begin(p);

	for (unsigned n = 0; !rc && !done && n < p->retries; n++) {
		if (!(rc = send_try(p, n)))
			rc = wait_try(p, &done);
	}
	ndpg_rx_close(&p->rx);
	raw_out_close(p->raw);
	link_out_close(p->link);
	if (p->mf)
		manifest_close(p->mf);
	if (p->m)
		ndpg_msg_free(p->m);
	free(p->m);
	return rc;
}
