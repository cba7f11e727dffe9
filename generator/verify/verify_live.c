/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen verify for live vsock manifests: socket-call records (sockgen vsock connect/listen --manifest) checked against the captured packets and byte streams. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv1a.h"
#include "sockgen.h"
#include "verify.h"

/* A live run cannot know how the kernel cut its bytes into packets (that
 * depends on credit and timing), so its manifest records socket calls.
 * Calls that put exactly one known packet on the wire become packet
 * records (connect and accept: the client's REQUEST; shutdown: our
 * SHUTDOWN with the SEND bit; eof: the peer's SHUTDOWN or RST). Data calls
 * are checked against the byte stream of their direction, rebuilt from the
 * RW payloads in capture order: every send or recv names its offset,
 * length and FNV-1a hash, and the result record the totals. Everything the
 * kernel adds on its own (RESPONSE, CREDIT_UPDATE/REQUEST, the close
 * handshake) is unrelated traffic to the matcher. */

const char *const vf_stream_fields[VF_SF_COUNT] = {
	[VF_SF_OP] = "vsockmon.virtio.op",
	[VF_SF_TYPE] = "vsockmon.virtio.type",
	[VF_SF_SRC_CID] = "vsockmon.src_cid",
	[VF_SF_SRC_PORT] = "vsockmon.src_port",
	[VF_SF_DST_CID] = "vsockmon.dst_cid",
	[VF_SF_DST_PORT] = "vsockmon.dst_port",
	[VF_SF_LEN] = "vsockmon.virtio.len",
	[VF_SF_FLAGS] = "vsockmon.virtio.flags",
	[VF_SF_PAYLOAD] = "vsockmon.payload",
};

#define OP_REQUEST "1"
#define OP_RST "3"
#define OP_SHUTDOWN "4"
#define OP_RW 5
#define FLAG_EOM 1u             /* VIRTIO_VSOCK_SEQ_EOM */

/* An error the peer caused with a RST: a refused connect, a reset. */
static int is_reset(const struct vf_record *rec)
{
	const char *ev = vf_record_get(rec, "sockgen.event");
	const char *err = vf_record_get(rec, "sockgen.errno");

	return ev && err && !strcmp(ev, "error") && !strcmp(err, "Connection reset by peer");
}

enum vf_event vf_event_kind(const struct vf_record *rec)
{
	const char *ev = vf_record_get(rec, "sockgen.event");

	if (!ev)
		return VF_EV_NONE;
	if (!strcmp(ev, "connect") || !strcmp(ev, "accept") || !strcmp(ev, "shutdown") ||
	    !strcmp(ev, "eof") || is_reset(rec))
		return VF_EV_PACKET;
	if (!strcmp(ev, "send") || !strcmp(ev, "recv"))
		return VF_EV_STREAM;
	if (!strcmp(ev, "result"))
		return VF_EV_RESULT;
	return VF_EV_OTHER;
}

static const char *const addr_keys[] = {
	"vsockmon.src_cid", "vsockmon.src_port", "vsockmon.dst_cid", "vsockmon.dst_port",
	"vsockmon.virtio.type",
};

#define NADDR (sizeof(addr_keys) / sizeof(addr_keys[0]))

static int put(struct vf_record *out, size_t cap, const char *k, const char *v)
{
	if (out->n == cap)
		return -1;
	out->pairs[out->n].key = (char *)k;
	out->pairs[out->n].value = (char *)v;
	out->n++;
	return 0;
}

int vf_event_packet(const struct vf_record *ev, int alt, struct vf_record *out,
		    struct vf_pair *pairs, size_t cap)
{
	const char *e = vf_record_get(ev, "sockgen.event");

	out->line = ev->line;
	out->n = 0;
	out->pairs = pairs;
	if (!e)
		return -1;
	if (alt && strcmp(e, "eof"))
		return -1;
	if (is_reset(ev)) {
		/* the peer's RST, towards us; a failed connect never learnt
		 * our own address (0:0 in the record), so the peer's names it */
		const char *pc = vf_record_get(ev, "vsockmon.dst_cid"), *pp = vf_record_get(ev, "vsockmon.dst_port");
		const char *lc = vf_record_get(ev, "vsockmon.src_cid"), *lp = vf_record_get(ev, "vsockmon.src_port");

		if (!pc || !pp)
			return -1;
		if (put(out, cap, "vsockmon.src_cid", pc) || put(out, cap, "vsockmon.src_port", pp))
			return -1;
		if (lc && lp && strcmp(lp, "0") && (put(out, cap, "vsockmon.dst_cid", lc) ||
						    put(out, cap, "vsockmon.dst_port", lp)))
			return -1;
		return put(out, cap, "vsockmon.virtio.op", OP_RST);
	}
	for (size_t k = 0; k < NADDR; k++) {
		const char *v = vf_record_get(ev, addr_keys[k]);

		/* a RST answering the close carries no type the peer chose */
		if (v && put(out, cap, addr_keys[k], v))
			return -1;
	}
	if (!strcmp(e, "connect") || !strcmp(e, "accept"))
		return put(out, cap, "vsockmon.virtio.op", OP_REQUEST);
	if (!strcmp(e, "shutdown"))
		return put(out, cap, "vsockmon.virtio.op", OP_SHUTDOWN) ||
		       put(out, cap, "vsockmon.virtio.flags.shutdown_send", "1");
	if (!strcmp(e, "eof"))
		return put(out, cap, "vsockmon.virtio.op", alt ? OP_RST : OP_SHUTDOWN);
	return -1;
}

/* One direction of one connection: bytes in capture order. */
struct vf_stream {
	char key[160];
	uint8_t *data;
	size_t len, cap;
	size_t gaps;            /* RW packets whose payload was not all captured */
	size_t gap_at;          /* stream offset of the first gap */
	size_t eom;             /* packets with EOM: seqpacket messages */
};

static void stream_key(char *buf, size_t sz, const char *sc, const char *sp, const char *dc,
		       const char *dp, const char *type)
{
	snprintf(buf, sz, "%s:%s -> %s:%s type %s", sc, sp, dc, dp, type);
}

static struct vf_stream *stream_find(struct vf_streams *s, const char *key, int create)
{
	for (size_t k = 0; k < s->n; k++)
		if (!strcmp(s->v[k].key, key))
			return &s->v[k];
	if (!create)
		return NULL;
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 8;
		struct vf_stream *p = realloc(s->v, ncap * sizeof(*p));

		if (!p)
			return NULL;
		s->v = p;
		s->cap = ncap;
	}
	struct vf_stream *n = &s->v[s->n++];

	memset(n, 0, sizeof(*n));
	snprintf(n->key, sizeof(n->key), "%s", key);
	return n;
}

/* Appends tshark's hex (optionally ':'-separated) to the stream. */
static int append_hex(struct vf_stream *st, const char *hex, size_t *added)
{
	size_t want = strlen(hex) / 2;

	*added = 0;
	if (st->len + want > st->cap) {
		size_t ncap = st->cap ? st->cap : 4096;

		while (ncap < st->len + want)
			ncap *= 2;
		uint8_t *p = realloc(st->data, ncap);

		if (!p)
			return -1;
		st->data = p;
		st->cap = ncap;
	}
	for (const char *h = hex; h[0]; ) {
		if (h[0] == ':') {
			h++;
			continue;
		}
		int hi = sg_hexval((unsigned char)h[0]), lo = h[1] ? sg_hexval((unsigned char)h[1]) : -1;

		if (hi < 0 || lo < 0)
			return -1;
		st->data[st->len++] = (uint8_t)(hi << 4 | lo);
		(*added)++;
		h += 2;
	}
	return 0;
}

int vf_streams_build(struct vf_streams *s, const struct vf_rows *rows, const int *col)
{
	memset(s, 0, sizeof(*s));
	for (size_t r = 0; r < rows->nrows; r++) {
		char *const *row = rows->cells + r * rows->ncols;
		const char *f[VF_SF_COUNT];

		for (int k = 0; k < VF_SF_COUNT; k++)
			f[k] = col[k] >= 0 ? row[1 + col[k]] : "";
		if (atoi(f[VF_SF_OP]) != OP_RW)
			continue;

		char key[160];

		stream_key(key, sizeof(key), f[VF_SF_SRC_CID], f[VF_SF_SRC_PORT], f[VF_SF_DST_CID],
			   f[VF_SF_DST_PORT], f[VF_SF_TYPE]);

		struct vf_stream *st = stream_find(s, key, 1);
		size_t added;

		if (!st || append_hex(st, f[VF_SF_PAYLOAD], &added))
			return -1;
		/* a snapped payload leaves a hole the byte checks must not paper over */
		if (added < strtoul(f[VF_SF_LEN], NULL, 0) && !st->gaps++)
			st->gap_at = st->len;
		if (strtoul(f[VF_SF_FLAGS], NULL, 0) & FLAG_EOM)
			st->eom++;
	}
	return 0;
}

void vf_streams_free(struct vf_streams *s)
{
	for (size_t k = 0; k < s->n; k++)
		free(s->v[k].data);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static void hex_of(char *buf, size_t sz, const uint8_t *p, size_t n)
{
	size_t k;

	for (k = 0; k < n && 2 * k + 2 < sz; k++)
		snprintf(buf + 2 * k, 3, "%02x", p[k]);
	buf[2 * k] = 0;
}

/* The stream a record's bytes went through: send and recv records name
 * the direction the bytes went (recv: peer -> us); a result record names
 * us -> peer, so its rx totals are the reverse direction. */
static const struct vf_stream *rec_stream(const struct vf_streams *s, const struct vf_record *rec,
					  int reverse, char *key, size_t keysz)
{
	const char *sc = vf_record_get(rec, "vsockmon.src_cid"), *sp = vf_record_get(rec, "vsockmon.src_port");
	const char *dc = vf_record_get(rec, "vsockmon.dst_cid"), *dp = vf_record_get(rec, "vsockmon.dst_port");
	const char *type = vf_record_get(rec, "vsockmon.virtio.type");

	if (!sc || !sp || !dc || !dp || !type) {
		snprintf(key, keysz, "(record names no addresses)");
		return NULL;
	}
	if (reverse)
		stream_key(key, keysz, dc, dp, sc, sp, type);
	else
		stream_key(key, keysz, sc, sp, dc, dp, type);
	return stream_find((struct vf_streams *)s, key, 0);
}

static void check_one(const char *key, const char *want, const char *got, vf_report_fn report,
		      void *ctx)
{
	if (want)
		report(ctx, key, want, got);
}

/* Decoded text for a range the stream does not (fully) hold. */
static int range_missing(const struct vf_stream *st, size_t off, size_t len, char *buf, size_t sz)
{
	if (!st) {
		snprintf(buf, sz, "(no payload captured in this direction)");
		return 1;
	}
	if (off + len > st->len) {
		snprintf(buf, sz, "(capture holds %zu bytes of this direction)", st->len);
		return 1;
	}
	if (st->gaps && off + len > st->gap_at) {
		snprintf(buf, sz, "(payload snapped in the capture from byte %zu)", st->gap_at);
		return 1;
	}
	return 0;
}

void vf_event_check_stream(const struct vf_streams *s, const struct vf_record *rec,
			   vf_report_fn report, void *ctx, char *label, size_t labelsz)
{
	const struct vf_stream *st = rec_stream(s, rec, 0, label, labelsz);
	const char *ev = vf_record_get(rec, "sockgen.event");
	char got[160];

	if (ev && !strcmp(ev, "result")) {
		/* totals of both directions; result names us -> peer */
		for (int rx = 0; rx < 2; rx++) {
			char k2[160];
			const struct vf_stream *d = rec_stream(s, rec, rx, k2, sizeof(k2));
			const char *bytes = vf_record_get(rec, rx ? "sockgen.rx_bytes" : "sockgen.tx_bytes");
			const char *hash = vf_record_get(rec, rx ? "sockgen.rx_fnv1a" : "sockgen.tx_fnv1a");
			const char *msgs = vf_record_get(rec, rx ? "sockgen.rx_msgs" : "sockgen.tx_msgs");
			const char *type = vf_record_get(rec, "vsockmon.virtio.type");
			size_t len = d ? d->len : 0;

			size_t eom = d ? d->eom : 0;

			snprintf(label, labelsz, "%s", k2);
			/* What we sent is all on the wire; what we read is a
			 * prefix of what arrived: a reset, or a close with data
			 * unread, leaves bytes the application never saw. */
			if (rx && bytes && strtoull(bytes, NULL, 10) <= len)
				len = strtoull(bytes, NULL, 10);
			if (rx && msgs && strtoull(msgs, NULL, 10) <= eom)
				eom = strtoull(msgs, NULL, 10);
			snprintf(got, sizeof(got), "%zu", len);
			check_one(rx ? "sockgen.rx_bytes" : "sockgen.tx_bytes", bytes, got, report, ctx);
			if (hash) {
				if (d && d->gaps && d->gap_at < len)
					snprintf(got, sizeof(got), "(payload snapped in the capture from byte %zu)",
						 d->gap_at);
				else
					snprintf(got, sizeof(got), "%016llx",
						 (unsigned long long)fnv1a(FNV1A_INIT, d ? d->data : NULL, len));
				check_one(rx ? "sockgen.rx_fnv1a" : "sockgen.tx_fnv1a", hash, got, report, ctx);
			}
			/* stream sends are not packets; seqpacket messages end in EOM */
			if (msgs && type && !strcmp(type, "2")) {
				snprintf(got, sizeof(got), "%zu", eom);
				check_one(rx ? "sockgen.rx_msgs" : "sockgen.tx_msgs", msgs, got, report, ctx);
			}
		}
		return;
	}

	const char *soff = vf_record_get(rec, "sockgen.offset"), *slen = vf_record_get(rec, "sockgen.len");
	const char *hash = vf_record_get(rec, "sockgen.fnv1a"), *data = vf_record_get(rec, "sockgen.data");

	if (!soff || !slen) {
		report(ctx, "sockgen.offset", "(an offset and a length)", "(record has neither)");
		return;
	}

	size_t off = strtoull(soff, NULL, 10), len = strtoull(slen, NULL, 10);

	if (range_missing(st, off, len, got, sizeof(got))) {
		report(ctx, "sockgen.len", slen, got);
		return;
	}
	report(ctx, "sockgen.len", slen, slen);   /* the bytes are there */
	if (hash) {
		snprintf(got, sizeof(got), "%016llx", (unsigned long long)fnv1a(FNV1A_INIT, st->data + off, len));
		check_one("sockgen.fnv1a", hash, got, report, ctx);
	}
	if (data) {
		char *buf = malloc(2 * len + 1);

		if (!buf) {
			report(ctx, "sockgen.data", data, "(out of memory)");
			return;
		}
		hex_of(buf, 2 * len + 1, st->data + off, len);
		check_one("sockgen.data", data, buf, report, ctx);
		free(buf);
	}
}
