/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options: the helpers every option group uses over the option's
 * tvb (struct optctx), and the names, flags and DNS names they share. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/to_str.h>

#include "packet-ndisc-opt-helpers.h"

static int ett_opt_flags = -1;

expert_field ei_ndisc_opt_body = EI_INIT;

uint32_t
opt_add_uint(struct optctx *c, int hf, int off, int size)
{
	uint32_t v;

	proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size, ENC_BIG_ENDIAN, &v);
	return v;
}

void
opt_add_reserved(struct optctx *c, int hf, int off, int size)
{
	proto_item *ti;
	uint64_t v = 0;
	int i;

	if (size > 4) {
		ti = proto_tree_add_item(c->tree, hf, c->tvb, off, size, ENC_NA);
		for (i = 0; i < size; i++)
			v |= tvb_get_uint8(c->tvb, off + i);
	} else {
		uint32_t u;
		ti = proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size,
						  ENC_BIG_ENDIAN, &u);
		v = u;
	}
	ndisc_check_reserved(c->pinfo, ti, v);
}

void
opt_add_bytes(struct optctx *c, int hf, int off, int len)
{
	if (len > 0)
		proto_tree_add_item(c->tree, hf, c->tvb, off, len, ENC_NA);
}

void
opt_summary_fmt(struct optctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = wmem_strdup_vprintf(c->pinfo->pool, fmt, ap);
	va_end(ap);
	proto_item_append_text(c->item, ": %s", s);
}

const char *
opt_ip6_at(struct optctx *c, int off)
{
	return tvb_ip6_to_str(c->pinfo->pool, c->tvb, off);
}

void
opt_body_error(struct optctx *c, const char *why)
{
	expert_add_info_format(c->pinfo, c->item, &ei_ndisc_opt_body,
			       "%s option body malformed: %s",
			       ndisc_opt_name(c->type), why);
}

/* RFC 1035 3.1 names without compression. Returns the offset after the
 * name, or -1 if it is malformed; *out gets the dotted name. */
int
opt_dns_name(tvbuff_t *tvb, int off, int end, wmem_allocator_t *scope, char **out)
{
	wmem_strbuf_t *b = wmem_strbuf_new(scope, "");
	unsigned total = 0;

	while (off < end) {
		uint8_t l = tvb_get_uint8(tvb, off++);
		if (l == 0) {
			*out = wmem_strbuf_get_len(b) ? wmem_strbuf_finalize(b)
						      : wmem_strdup(scope, ".");
			return off;
		}
		if (l > 63 || off + l > end || (total += l + 1) > 255)
			return -1;
		if (wmem_strbuf_get_len(b))
			wmem_strbuf_append_c(b, '.');
		wmem_strbuf_append(b, (const char *)tvb_get_string_enc(scope, tvb, off, l,
								       ENC_ASCII));
		off += l;
	}
	return -1;
}

bool
opt_all_zero(tvbuff_t *tvb, int off, int end)
{
	for (; off < end; off++)
		if (tvb_get_uint8(tvb, off))
			return false;
	return true;
}

proto_tree *
opt_add_flags(struct optctx *c, int hf, int off, int size, uint32_t *v)
{
	proto_item *ti = proto_tree_add_item_ret_uint(c->tree, hf, c->tvb, off, size,
						      ENC_BIG_ENDIAN, v);
	return proto_item_add_subtree(ti, ett_opt_flags);
}

void
ndisc_opt_helpers_register(void)
{
	static int *ett[] = { &ett_opt_flags };

	proto_register_subtree_array(ett, array_length(ett));
}
