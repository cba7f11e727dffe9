/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vsockmon dissector: connection tracking, state/timing and credit analysis
 * of virtio-vsock (virtio spec 1.2 section 5.10.6.3, credit = buf_alloc -
 * (tx_cnt - fwd_cnt)). State changes only on the first pass; every later
 * pass reads the per-frame results stored then. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/wmem_scopes.h>

#include "packet-vsockmon-analysis.h"
#include "vsockmon.h"

static int hf_stream = -1, hf_seq = -1, hf_nxtseq = -1, hf_time_rel = -1;
static int hf_request_in = -1, hf_response_in = -1, hf_handshake = -1, hf_duration = -1;
static int hf_credit = -1, hf_in_flight = -1, hf_flags = -1, hf_outcome = -1;
static int ett_analysis = -1;

static expert_field ei_refused = EI_INIT;
static expert_field ei_data_after_shutdown = EI_INIT;
static expert_field ei_rst_unknown = EI_INIT;
static expert_field ei_credit_exceeded = EI_INIT;
static expert_field ei_window_full = EI_INIT;
static expert_field ei_window_reopened = EI_INIT;
static expert_field ei_fwd_cnt_backwards = EI_INIT;

/* Connections, by stream index, in chunks allocated as the file grows: a
 * frame names its connection by the 32-bit index, and pointers to them
 * stay valid. */
#define CONN_CHUNK 1024u
static GPtrArray *conn_chunks;
static uint32_t next_stream;

/* The newest connection of each unordered endpoint pair: an open-addressing
 * table of stream index + 1 (0 = free), at most half full. */
static uint32_t *conn_slots;
static uint32_t conn_mask;

/* A column of 32-bit per-frame values for one chunk of frames: 16-bit
 * offsets from the chunk's base while they fit (the frames of one chunk
 * mostly belong to a few neighbouring streams, and sequence numbers and
 * bytes in flight are mostly small), the full values once one does not. */
typedef struct {
	uint32_t base;
	uint16_t *narrow;
	uint32_t *wide;
} column_t;

/* Per-frame results of the first pass, in chunks indexed by frame number:
 * 7 to 13 bytes a frame. */
#define FRAME_CHUNK 4096u
#define FRAME_ANALYSED 0x80u            /* in flags: the frame has results */
typedef struct {
	column_t stream, seq, in_flight;
	uint8_t flags[FRAME_CHUNK];       /* VSMON_F_STORED bits, FRAME_ANALYSED */
} frame_chunk_t;
static GPtrArray *frame_chunks;

/* A side's buf_alloc, for the credit of the frames its peer sent, when it
 * changed during the connection (rare): from which frame on each value
 * held, per stream index; the entry of frame 0 is the first value. */
typedef struct {
	uint32_t frame, value;
} adv_entry_t;
static wmem_map_t *adv_logs;            /* stream + 1 -> wmem_array_t *[2] */

/* Seqpacket messages: the frames whose message began in an earlier frame
 * or ran over the reassembly limit, in frame order (all others are the
 * first of their own message). */
typedef struct {
	uint32_t frame;
	uint32_t msg_id;
	bool over_limit;
} msg_entry_t;
static GArray *msg_marks;

/* Streams seen so far (Follow Stream's upper bound on 4.4 and later). */
unsigned vsmon_stream_count(void)
{
	return next_stream;
}

static vsmon_conn_t *conn_at(uint32_t stream)
{
	vsmon_conn_t *chunk = (vsmon_conn_t *)g_ptr_array_index(conn_chunks, stream / CONN_CHUNK);
	return &chunk[stream % CONN_CHUNK];
}

static int ep_cmp(const vsmon_ep_t *x, const vsmon_ep_t *y)
{
	if (x->cid != y->cid)
		return x->cid < y->cid ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return 0;
}

static uint32_t ep_mix(const vsmon_ep_t *e)
{
	uint64_t h = (e->cid ^ ((uint64_t)e->port << 40 | e->port)) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

/* Independent of the order of the two endpoints. */
static uint32_t pair_hash(const vsmon_ep_t *x, const vsmon_ep_t *y)
{
	uint32_t a = ep_mix(x), b = ep_mix(y);
	uint64_t h = ((uint64_t)MIN(a, b) << 32 | MAX(a, b)) * 0xc2b2ae3d27d4eb4full;
	return (uint32_t)(h >> 32);
}

static bool conn_is_pair(const vsmon_conn_t *c, const vsmon_ep_t *x, const vsmon_ep_t *y)
{
	return (ep_cmp(&c->ep[0], x) == 0 && ep_cmp(&c->ep[1], y) == 0) ||
	       (ep_cmp(&c->ep[0], y) == 0 && ep_cmp(&c->ep[1], x) == 0);
}

/* The slot of the pair's connection, or the free slot where it goes. */
static uint32_t *conn_slot(const vsmon_ep_t *x, const vsmon_ep_t *y)
{
	for (uint32_t i = pair_hash(x, y);; i++) {
		uint32_t *slot = &conn_slots[i & conn_mask];
		if (!*slot || conn_is_pair(conn_at(*slot - 1), x, y))
			return slot;
	}
}

/* Doubles the table once it is half full. */
static void conn_slots_grow(void)
{
	uint32_t *old = conn_slots, old_size = conn_slots ? conn_mask + 1 : 0;

	if (old && (next_stream + 1) * 2 <= old_size)
		return;
	conn_mask = old ? old_size * 2 - 1 : 1023;
	conn_slots = wmem_alloc0_array(wmem_file_scope(), uint32_t, conn_mask + 1);
	for (uint32_t i = 0; i < old_size; i++) {
		if (old[i]) {
			const vsmon_conn_t *c = conn_at(old[i] - 1);
			*conn_slot(&c->ep[0], &c->ep[1]) = old[i];
		}
	}
	if (old)
		wmem_free(wmem_file_scope(), old);
}

static void column_set(column_t *col, unsigned i, uint32_t v)
{
	if (!col->wide) {
		if (!col->narrow) {
			col->base = v > 0x8000 ? v - 0x8000 : 0;
			col->narrow = wmem_alloc0_array(wmem_file_scope(), uint16_t, FRAME_CHUNK);
		}
		if (v - col->base <= 0xffff) {
			col->narrow[i] = (uint16_t)(v - col->base);
			return;
		}
		col->wide = wmem_alloc_array(wmem_file_scope(), uint32_t, FRAME_CHUNK);
		for (unsigned j = 0; j < FRAME_CHUNK; j++)
			col->wide[j] = col->base + col->narrow[j];
		wmem_free(wmem_file_scope(), col->narrow);
		col->narrow = NULL;
	}
	col->wide[i] = v;
}

static uint32_t column_get(const column_t *col, unsigned i)
{
	return col->wide ? col->wide[i] : col->narrow ? col->base + col->narrow[i] : 0;
}

static frame_chunk_t *frame_chunk(uint32_t num, bool create)
{
	unsigned idx = num / FRAME_CHUNK;
	if (idx >= frame_chunks->len) {
		if (!create)
			return NULL;
		g_ptr_array_set_size(frame_chunks, idx + 1);
	}
	frame_chunk_t *chunk = (frame_chunk_t *)g_ptr_array_index(frame_chunks, idx);
	if (!chunk && create) {
		chunk = wmem_new0(wmem_file_scope(), frame_chunk_t);
		g_ptr_array_index(frame_chunks, idx) = chunk;
	}
	return chunk;
}

bool vsmon_frame_stream(uint32_t num, uint32_t *stream)
{
	const frame_chunk_t *chunk = frame_chunk(num, false);
	if (!chunk || !(chunk->flags[num % FRAME_CHUNK] & FRAME_ANALYSED))
		return false;
	*stream = column_get(&chunk->stream, num % FRAME_CHUNK);
	return true;
}

/* Everything lived in the previous file's scope. */
static void analysis_init(void)
{
	next_stream = 0;
	g_ptr_array_set_size(conn_chunks, 0);
	g_ptr_array_set_size(frame_chunks, 0);
	conn_slots = NULL;
	conn_mask = 0;
	g_array_set_size(msg_marks, 0);
}

/* Wireshark unloads plugins at exit: what registration allocated with glib
 * is freed here, or valgrind counts it as lost with the module's statics. */
static void analysis_shutdown(void)
{
	g_ptr_array_free(conn_chunks, true);
	conn_chunks = NULL;
	g_ptr_array_free(frame_chunks, true);
	frame_chunks = NULL;
	g_array_free(msg_marks, true);
	msg_marks = NULL;
}

static vsmon_conn_t *conn_new(packet_info *pinfo, const vsmon_pkt_t *p, const vsmon_ep_t *src, const vsmon_ep_t *dst)
{
	conn_slots_grow();
	if (next_stream % CONN_CHUNK == 0)
		g_ptr_array_add(conn_chunks, wmem_alloc0_array(wmem_file_scope(), vsmon_conn_t, CONN_CHUNK));
	vsmon_conn_t *c = conn_at(next_stream);
	c->stream = next_stream++;
	c->ep[0] = *src;
	c->ep[1] = *dst;
	c->type = p->type;
	c->first_frame = pinfo->num;
	c->first_ts = pinfo->abs_ts;
	*conn_slot(src, dst) = c->stream + 1;
	return c;
}

/* Side dir of connection c advertises a new buf_alloc in frame num. */
static void adv_log(const vsmon_conn_t *c, unsigned dir, uint32_t num, uint32_t value)
{
	void *key = GUINT_TO_POINTER(c->stream + 1);
	wmem_array_t **logs = (wmem_array_t **)wmem_map_lookup(adv_logs, key);
	if (!logs) {
		logs = wmem_alloc0_array(wmem_file_scope(), wmem_array_t *, 2);
		wmem_map_insert(adv_logs, key, logs);
	}
	if (!logs[dir]) {
		logs[dir] = wmem_array_new(wmem_file_scope(), sizeof(adv_entry_t));
		adv_entry_t first = { 0, c->d[dir].buf_alloc };
		wmem_array_append_one(logs[dir], first);
	}
	adv_entry_t e = { num, value };
	wmem_array_append_one(logs[dir], e);
}

/* The buf_alloc side dir of c had advertised before frame num. */
static uint32_t adv_before(const vsmon_conn_t *c, unsigned dir, uint32_t num)
{
	if (!c->d[dir].adv_changed)
		return c->d[dir].buf_alloc;
	wmem_array_t **logs = (wmem_array_t **)wmem_map_lookup(adv_logs, GUINT_TO_POINTER(c->stream + 1));
	const adv_entry_t *e = (const adv_entry_t *)wmem_array_get_raw(logs[dir]);
	unsigned lo = 0, hi = wmem_array_get_count(logs[dir]);  /* e[lo].frame < num */
	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;
		if (e[mid].frame < num)
			lo = mid;
		else
			hi = mid;
	}
	return e[lo].value;
}

void vsmon_msg_mark(uint32_t num, uint32_t msg_id, bool over_limit)
{
	if (msg_id == num && !over_limit)
		return;
	msg_entry_t e = { num, msg_id, over_limit };
	if (msg_marks->len && g_array_index(msg_marks, msg_entry_t, msg_marks->len - 1).frame >= num)
		return;   /* a frame's first pass ran twice: the first one stands */
	g_array_append_val(msg_marks, e);
}

uint32_t vsmon_msg_of(uint32_t num, bool *over_limit)
{
	unsigned lo = 0, hi = msg_marks->len;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const msg_entry_t *e = &g_array_index(msg_marks, msg_entry_t, mid);
		if (e->frame == num) {
			*over_limit = e->over_limit;
			return e->msg_id;
		}
		if (e->frame < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	*over_limit = false;
	return num;
}

/* Free space the sender s may still fill in its peer r's buffer. */
static int64_t credit_of(const vsmon_dir_t *s, const vsmon_dir_t *r)
{
	return (int64_t)r->buf_alloc - (int64_t)(uint32_t)(s->tx - r->fwd_cnt);
}

/* What the packet's operation does to its connection: handshake, refusal,
 * close and outcome, shutdown flags of its direction dir. */
static void conn_op(packet_info *pinfo, const vsmon_pkt_t *p, vsmon_frame_t *f, vsmon_conn_t *c,
		    unsigned dir)
{
	vsmon_dir_t *d = &c->d[dir];

	switch (p->op) {
	case VSOCK_VIRTIO_OP_REQUEST:
		if (!c->req_frame) {
			c->req_frame = pinfo->num;
			c->req_ts = pinfo->abs_ts;
		}
		break;
	case VSOCK_VIRTIO_OP_RESPONSE:
		if (c->req_frame && !c->resp_frame) {
			c->resp_frame = pinfo->num;
		}
		break;
	case VSOCK_VIRTIO_OP_RST:
		if (f->flags & VSMON_F_RST_UNKNOWN) {
			c->closed = true;
			break;
		}
		if (c->closed)
			break;
		if (c->req_frame && !c->resp_frame && dir == 1) {
			c->refused = true;
			f->flags |= VSMON_F_REFUSED;
		}
		/* Linux answers a peer's full SHUTDOWN with an RST once its
		 * socket has nothing left to read: after a SHUTDOWN (SEND) the
		 * RST ends an orderly close; without one it aborts. */
		if (!c->outcome) {
			c->outcome = c->refused ? VSMON_OUTCOME_REFUSED :
				     c->d[0].shut_send || c->d[1].shut_send ? VSMON_OUTCOME_CLOSED :
				     VSMON_OUTCOME_RESET;
			f->flags |= VSMON_F_OUTCOME;
		}
		c->closed = true;
		c->rst_frame = pinfo->num;
		f->flags |= VSMON_F_CLOSE;
		break;
	case VSOCK_VIRTIO_OP_SHUTDOWN:
		if (p->flags & VSOCK_VIRTIO_SHUTDOWN_SEND)
			d->shut_send = true;
		if (p->flags & VSOCK_VIRTIO_SHUTDOWN_RCV)
			d->shut_rcv = true;
		/* both sides done sending: closed, whatever RST the kernel
		 * tears the socket down with afterwards */
		if (!c->outcome && !c->closed && c->d[0].shut_send && c->d[1].shut_send) {
			c->outcome = VSMON_OUTCOME_CLOSED;
			f->flags |= VSMON_F_OUTCOME;
		}
		break;
	default:
		break;
	}
}

/* The credit state of direction dir of c (the sender d) against the
 * other (the receiver r): its advertised buffer, the data it sent, the
 * window. */
static void credit_track(packet_info *pinfo, const vsmon_pkt_t *p, vsmon_frame_t *f, vsmon_conn_t *c,
			 unsigned dir, bool after_close)
{
	vsmon_dir_t *d = &c->d[dir], *r = &c->d[1 - dir];

	/* Every packet carries its sender's receive-buffer state; it moves
	 * the credit the peer has toward this sender. Not an RST, nor after
	 * the close: a socket-less kernel answers with zeros there. */
	if (p->op != VSOCK_VIRTIO_OP_RST && !after_close) {
		if (d->have_adv && (int32_t)(p->fwd_cnt - d->fwd_cnt) < 0)
			f->flags |= VSMON_F_FWD_CNT_BACKWARDS;
		if (d->have_adv && p->buf_alloc != d->buf_alloc) {
			adv_log(c, dir, pinfo->num, p->buf_alloc);
			d->adv_changed = true;
		}
		d->buf_alloc = p->buf_alloc;
		d->fwd_cnt = p->fwd_cnt;
		d->have_adv = true;
		if (r->window_full && credit_of(r, d) > 0) {
			r->window_full = false;
			f->flags |= VSMON_F_WINDOW_REOPENED;
		}
	}

	f->seq = d->tx + 1;
	if (p->op == VSOCK_VIRTIO_OP_RW) {
		uint32_t len = p->len;
		if (d->shut_send || r->shut_rcv || after_close)
			f->flags |= VSMON_F_DATA_AFTER_SHUTDOWN;
		if (r->have_adv && len > 0) {
			int64_t before = credit_of(d, r);
			if ((int64_t)len > before)
				f->flags |= VSMON_F_CREDIT_EXCEEDED;
			else if ((int64_t)len == before)
				f->flags |= VSMON_F_WINDOW_FULL;
			if ((int64_t)len >= before)
				d->window_full = true;
		}
		d->tx += len;
	}
	if (r->have_adv) {
		f->credit = credit_of(d, r);
		f->in_flight = (uint32_t)(d->tx - r->fwd_cnt);
		f->flags |= VSMON_F_HAVE_CREDIT;
	}
}

/* Which side of c sent the packet. */
static unsigned conn_dir(const vsmon_conn_t *c, const vsmon_ep_t *src)
{
	if (ep_cmp(&c->ep[0], &c->ep[1]) == 0)
		return 0;       /* a socket talking to itself: one direction */
	return ep_cmp(src, &c->ep[0]) == 0 ? 0 : 1;
}

/* A frame's results on a later pass: what was stored, the rest from its
 * connection. */
static vsmon_frame_t *frame_load(packet_info *pinfo, const vsmon_pkt_t *p, const frame_chunk_t *chunk)
{
	unsigned i = pinfo->num % FRAME_CHUNK;
	vsmon_frame_t *f = wmem_new0(pinfo->pool, vsmon_frame_t);
	vsmon_conn_t *c = conn_at(column_get(&chunk->stream, i));
	vsmon_ep_t src = { p->src_cid, p->src_port };

	f->conn = c;
	f->dir = (uint8_t)conn_dir(c, &src);
	f->seq = column_get(&chunk->seq, i);
	f->flags = chunk->flags[i] & VSMON_F_STORED;
	if (c->first_frame == pinfo->num) {
		f->flags |= VSMON_F_NEW_CONN;
		if (p->op == VSOCK_VIRTIO_OP_RST)
			f->flags |= VSMON_F_RST_UNKNOWN;
	}
	if (c->rst_frame == pinfo->num)
		f->flags |= c->refused ? VSMON_F_CLOSE | VSMON_F_REFUSED : VSMON_F_CLOSE;
	if (f->flags & VSMON_F_HAVE_CREDIT) {
		f->in_flight = column_get(&chunk->in_flight, i);
		f->credit = (int64_t)adv_before(c, 1u - f->dir, pinfo->num) - (int64_t)f->in_flight;
	}
	return f;
}

vsmon_frame_t *vsmon_analyze(packet_info *pinfo, const vsmon_pkt_t *p)
{
	frame_chunk_t *chunk = frame_chunk(pinfo->num, !PINFO_FD_VISITED(pinfo));
	unsigned i = pinfo->num % FRAME_CHUNK;
	if (chunk && (chunk->flags[i] & FRAME_ANALYSED))
		return frame_load(pinfo, p, chunk);
	if (!chunk || PINFO_FD_VISITED(pinfo))
		return NULL;

	vsmon_frame_t *f = wmem_new0(pinfo->pool, vsmon_frame_t);
	vsmon_ep_t src = { p->src_cid, p->src_port }, dst = { p->dst_cid, p->dst_port };
	uint32_t *slot = conn_slots ? conn_slot(&src, &dst) : NULL;
	vsmon_conn_t *c = slot && *slot ? conn_at(*slot - 1) : NULL;
	/* Only a REQUEST starts a new stream on a closed connection: the
	 * kernel's close chatter (a second RST, a late SHUTDOWN, the RST a
	 * socket-less side answers with) still belongs to the old one. */
	bool after_close = c && c->closed;
	if (!c || (c->closed && p->op == VSOCK_VIRTIO_OP_REQUEST)) {
		/* A first packet other than REQUEST: seen mid-way, or a lone RST. */
		if (p->op == VSOCK_VIRTIO_OP_RST)
			f->flags |= VSMON_F_RST_UNKNOWN;
		c = conn_new(pinfo, p, &src, &dst);
		f->flags |= VSMON_F_NEW_CONN;
		after_close = false;
	}
	f->conn = c;
	unsigned dir = conn_dir(c, &src);
	f->dir = (uint8_t)dir;

	conn_op(pinfo, p, f, c, dir);
	credit_track(pinfo, p, f, c, dir, after_close);

	column_set(&chunk->stream, i, c->stream);
	column_set(&chunk->seq, i, f->seq);
	if (f->flags & VSMON_F_HAVE_CREDIT)
		column_set(&chunk->in_flight, i, f->in_flight);
	chunk->flags[i] = (uint8_t)((f->flags & VSMON_F_STORED) | FRAME_ANALYSED);
	return f;
}

void vsmon_analysis_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *ti,
		       const vsmon_pkt_t *p, const vsmon_frame_t *f)
{
	const vsmon_conn_t *c = f->conn;
	proto_item *it;
	nstime_t rel;

	it = proto_tree_add_uint(tree, hf_stream, tvb, 0, 0, c->stream);
	proto_item_set_generated(it);
	proto_item_append_text(ti, ", stream %u", c->stream);
	nstime_delta(&rel, &pinfo->abs_ts, &c->first_ts);
	it = proto_tree_add_time(tree, hf_time_rel, tvb, 0, 0, &rel);
	proto_item_set_generated(it);
	if (p->op == VSOCK_VIRTIO_OP_RW) {
		it = proto_tree_add_uint(tree, hf_seq, tvb, 0, 0, f->seq);
		proto_item_set_generated(it);
		it = proto_tree_add_uint(tree, hf_nxtseq, tvb, 0, 0, f->seq + p->len);
		proto_item_set_generated(it);
	}

	proto_item *ai;
	proto_tree *at = proto_tree_add_subtree(tree, tvb, 0, 0, ett_analysis, &ai, "Connection analysis");
	proto_item_set_generated(ai);

	if (p->op == VSOCK_VIRTIO_OP_REQUEST && c->req_frame == pinfo->num && c->resp_frame) {
		it = proto_tree_add_uint(at, hf_response_in, tvb, 0, 0, c->resp_frame);
		proto_item_set_generated(it);
	}
	if ((p->op == VSOCK_VIRTIO_OP_RESPONSE && c->resp_frame == pinfo->num) || (f->flags & VSMON_F_REFUSED)) {
		it = proto_tree_add_uint(at, hf_request_in, tvb, 0, 0, c->req_frame);
		proto_item_set_generated(it);
	}
	if (p->op == VSOCK_VIRTIO_OP_RESPONSE && c->resp_frame == pinfo->num) {
		nstime_t handshake;
		nstime_delta(&handshake, &pinfo->abs_ts, &c->req_ts);
		it = proto_tree_add_time(at, hf_handshake, tvb, 0, 0, &handshake);
		proto_item_set_generated(it);
	}
	if (f->flags & VSMON_F_CLOSE) {
		nstime_t duration;
		nstime_delta(&duration, &pinfo->abs_ts, &c->first_ts);
		it = proto_tree_add_time(at, hf_duration, tvb, 0, 0, &duration);
		proto_item_set_generated(it);
	}
	if (f->flags & VSMON_F_HAVE_CREDIT) {
		it = proto_tree_add_int64(at, hf_credit, tvb, 0, 0, f->credit);
		proto_item_set_generated(it);
		it = proto_tree_add_uint(at, hf_in_flight, tvb, 0, 0, f->in_flight);
		proto_item_set_generated(it);
	}

	if (f->flags & VSMON_F_OUTCOME) {
		it = proto_tree_add_uint(at, hf_outcome, tvb, 0, 0, c->outcome);
		proto_item_set_generated(it);
	}
	/* Any finding: one field to filter on, like tcp.analysis.flags, with
	 * the findings' expert items below it. */
	if (f->flags & VSMON_F_FINDINGS) {
		ai = proto_tree_add_item(at, hf_flags, tvb, 0, 0, ENC_NA);
		proto_item_set_generated(ai);
	}
	if (f->flags & VSMON_F_REFUSED) {
		expert_add_info(pinfo, ai, &ei_refused);
		col_append_str(pinfo->cinfo, COL_INFO, "[refused] ");
	}
	if (f->flags & VSMON_F_RST_UNKNOWN) {
		expert_add_info(pinfo, ai, &ei_rst_unknown);
		col_append_str(pinfo->cinfo, COL_INFO, "[RST unknown connection] ");
	}
	if (f->flags & VSMON_F_DATA_AFTER_SHUTDOWN)
		expert_add_info(pinfo, ai, &ei_data_after_shutdown);
	if (f->flags & VSMON_F_CREDIT_EXCEEDED) {
		expert_add_info_format(pinfo, ai, &ei_credit_exceeded,
				       "Sent %u bytes with only %" G_GINT64_FORMAT " bytes of peer credit",
				       p->len, f->credit + p->len);
		col_append_str(pinfo->cinfo, COL_INFO, "[credit exceeded] ");
	}
	if (f->flags & VSMON_F_WINDOW_FULL) {
		expert_add_info(pinfo, ai, &ei_window_full);
		col_append_str(pinfo->cinfo, COL_INFO, "[window full] ");
	}
	if (f->flags & VSMON_F_WINDOW_REOPENED) {
		expert_add_info(pinfo, ai, &ei_window_reopened);
		col_append_str(pinfo->cinfo, COL_INFO, "[window reopened] ");
	}
	if (f->flags & VSMON_F_FWD_CNT_BACKWARDS)
		expert_add_info(pinfo, ai, &ei_fwd_cnt_backwards);
}

const value_string vsmon_outcome_vals[] = {
	{ VSMON_OUTCOME_CLOSED, "closed (SHUTDOWN)" },
	{ VSMON_OUTCOME_RESET, "reset (RST without SHUTDOWN)" },
	{ VSMON_OUTCOME_REFUSED, "refused" },
	{ 0, NULL },
};

void vsmon_analysis_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_stream, { "Stream index", "vsockmon.stream", FT_UINT32, BASE_DEC, NULL, 0,
				"Connection index (one per endpoint pair and REQUEST)", HFILL } },
		{ &hf_seq, { "Sequence number (relative)", "vsockmon.seq", FT_UINT32, BASE_DEC, NULL, 0,
			     "1 + payload bytes this side sent before this packet", HFILL } },
		{ &hf_nxtseq, { "Next sequence number (relative)", "vsockmon.nxtseq", FT_UINT32, BASE_DEC, NULL, 0,
				NULL, HFILL } },
		{ &hf_time_rel, { "Time since first frame of the connection", "vsockmon.time_relative",
				  FT_RELATIVE_TIME, BASE_NONE, NULL, 0, NULL, HFILL } },
		{ &hf_request_in, { "Request in", "vsockmon.analysis.request_in", FT_FRAMENUM, BASE_NONE,
				    FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0, NULL, HFILL } },
		{ &hf_response_in, { "Response in", "vsockmon.analysis.response_in", FT_FRAMENUM, BASE_NONE,
				     FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0, NULL, HFILL } },
		{ &hf_handshake, { "Handshake time", "vsockmon.analysis.handshake_time", FT_RELATIVE_TIME, BASE_NONE,
				   NULL, 0, "REQUEST to RESPONSE", HFILL } },
		{ &hf_duration, { "Connection duration", "vsockmon.analysis.duration", FT_RELATIVE_TIME, BASE_NONE,
				  NULL, 0, "First packet to the closing RST", HFILL } },
		{ &hf_credit, { "Peer credit", "vsockmon.analysis.credit", FT_INT64, BASE_DEC, NULL, 0,
				"Sender's view of the peer's free buffer space after this packet: "
				"peer buf_alloc - (bytes sent - peer fwd_cnt)", HFILL } },
		{ &hf_flags, { "Analysis findings", "vsockmon.analysis.flags", FT_NONE, BASE_NONE, NULL, 0,
			       "Set when the connection analysis found anything (the expert items below "
			       "it): one filter for all of them", HFILL } },
		{ &hf_outcome, { "Connection outcome", "vsockmon.analysis.outcome", FT_UINT8, BASE_DEC,
				 VALS(vsmon_outcome_vals), 0,
				 "How the connection ended, in the frame that decided it", HFILL } },
		{ &hf_in_flight, { "Bytes in flight", "vsockmon.analysis.bytes_in_flight", FT_UINT32, BASE_DEC,
				   NULL, 0, "Bytes sent and not yet consumed by the peer", HFILL } },
	};
	static int *ett[] = { &ett_analysis };
	static ei_register_info ei[] = {
		{ &ei_refused, { "vsockmon.analysis.refused", PI_SEQUENCE, PI_WARN,
				 "Connection refused (REQUEST answered by RST)", EXPFILL } },
		{ &ei_data_after_shutdown, { "vsockmon.analysis.data_after_shutdown", PI_PROTOCOL, PI_WARN,
					     "Data after SHUTDOWN", EXPFILL } },
		{ &ei_rst_unknown, { "vsockmon.analysis.rst_unknown", PI_SEQUENCE, PI_WARN,
				     "RST for an unknown connection", EXPFILL } },
		{ &ei_credit_exceeded, { "vsockmon.analysis.credit_exceeded", PI_PROTOCOL, PI_ERROR,
					 "Sent beyond the peer's credit", EXPFILL } },
		{ &ei_window_full, { "vsockmon.analysis.window_full", PI_SEQUENCE, PI_WARN,
				     "Peer credit exhausted (window full)", EXPFILL } },
		{ &ei_window_reopened, { "vsockmon.analysis.window_reopened", PI_SEQUENCE, PI_NOTE,
					 "Credit update reopened a full window", EXPFILL } },
		{ &ei_fwd_cnt_backwards, { "vsockmon.analysis.fwd_cnt_backwards", PI_PROTOCOL, PI_WARN,
					   "fwd_cnt went backwards", EXPFILL } },
	};

	proto_register_field_array(proto_vsockmon, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_module_t *em = expert_register_protocol(proto_vsockmon);
	expert_register_field_array(em, ei, array_length(ei));
	adv_logs = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
	conn_chunks = g_ptr_array_new();
	frame_chunks = g_ptr_array_new();
	msg_marks = g_array_new(false, false, sizeof(msg_entry_t));
	register_init_routine(analysis_init);
	register_shutdown_routine(analysis_shutdown);
}
