/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc dissector: ND options. The walk over a message's options, their
 * headers and the checks against the codec's option table (names, sizes,
 * placement); each type's body is dissected by its group's function
 * (packet-ndisc-opt-<group>.c, the groups of codec/ndp_opt_<group>.c). */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>

#include "packet-ndisc-options.h"
#include "packet-ndisc-compat.h"
#include "packet-ndisc-opt-6lo.h"
#include "packet-ndisc-opt-dns.h"
#include "packet-ndisc-opt-mobility.h"
#include "packet-ndisc-opt-nd.h"
#include "packet-ndisc-opt-send.h"
#include "ndp.h"

static int hf_opt = -1;
static int hf_opt_type = -1;
static int hf_opt_len = -1;
static int hf_opt_data = -1;

static int ett_opt = -1;

static expert_field ei_opt_len_zero = EI_INIT;
static expert_field ei_opt_past_end = EI_INIT;
static expert_field ei_opt_not_allowed = EI_INIT;
static expert_field ei_opt_duplicate = EI_INIT;
static expert_field ei_opt_len_range = EI_INIT;
static expert_field ei_too_many = EI_INIT;

/* Built from the codec table; static, since the type octet bounds it. */
static value_string opt_type_vals[256 + 1];

/* The option groups' rows by type, filled at registration. */
static struct ndisc_opt_row handlers[256];
static const struct ndisc_opt_row *const groups[] = {
	ndisc_opt_nd_rows, ndisc_opt_send_rows, ndisc_opt_mobility_rows,
	ndisc_opt_6lo_rows, ndisc_opt_dns_rows,
};

/* "a Router Solicitation", "an Inverse ND Solicitation", from the codec's
 * message table */
static const char *
msg_short(wmem_allocator_t *scope, uint8_t msg)
{
	const struct ndp_msg_desc *d = ndp_msg_desc_get(msg);

	if (!d)
		return "this message";
	return wmem_strdup_printf(scope, "%s %s", strchr("AEIOU", d->short_name[0]) ? "an" : "a",
				  d->short_name);
}

/* Table checks of one option: its length range and where it may appear. */
static bool
check_against_table(struct optctx *c, unsigned units, uint8_t *seen)
{
	const struct ndp_opt_desc *d = ndp_opt_desc_get(c->type);
	uint32_t bit = ndp_msg_bit(c->msg);
	bool ok = true;

	if (!d)
		return true;
	if ((d->min_units && units < d->min_units) || (d->max_units && units > d->max_units)) {
		expert_add_info_format(c->pinfo, c->item, &ei_opt_len_range,
				       "%s option length %u outside %u..%u (units of 8 octets)",
				       d->name, units, d->min_units, d->max_units);
		ok = units >= d->min_units;
	}
	if (bit && !(d->msgs & bit))
		expert_add_info_format(c->pinfo, c->item, &ei_opt_not_allowed,
				       "%s option is not defined for %s: receivers ignore it "
				       "(RFC 4861 4.6)", d->name, msg_short(c->pinfo->pool, c->msg));
	if (d->once && seen[c->type] > 1)
		expert_add_info_format(c->pinfo, c->item, &ei_opt_duplicate,
				       "%s option may appear only once; this is copy %u",
				       d->name, seen[c->type]);
	return ok;
}

/* The built-in icmpv6 has no cap on options: its fields go on past ours,
 * as far as the captured octets hold option headers. */
static void
compat_rest(tvbuff_t *tvb, int offset, packet_info *pinfo, proto_tree *bt, uint8_t msg,
	    unsigned depth)
{
	int end = (int)tvb_captured_length(tvb);

	while (offset + 2 <= end) {
		unsigned units = tvb_get_uint8(tvb, offset + 1);

		ndisc_compat_option(tvb, offset, units * 8u, pinfo, bt, msg, depth);
		if (units == 0)
			return;
		offset += (int)units * 8;
	}
}

void
ndisc_dissect_options(tvbuff_t *tvb, int offset, packet_info *pinfo,
		      proto_tree *tree, uint8_t msg, struct ndisc_pkt *pkt,
		      unsigned depth)
{
	uint8_t seen[256];
	unsigned count = 0;
	int end = (int)tvb_reported_length(tvb);

	memset(seen, 0, sizeof seen);
	while (offset < end) {
		struct optctx c;
		uint8_t units;
		unsigned len, left = (unsigned)(end - offset);
		proto_item *ti;
		const struct ndisc_opt_row *h;

		if (++count > NDISC_MAX_OPTS) {
			proto_tree_add_expert_format(tree, pinfo, &ei_too_many, tvb, offset, -1,
						     "More than %u options; the rest is not dissected",
						     NDISC_MAX_OPTS);
			if (pkt && pkt->builtin)
				compat_rest(tvb, offset, pinfo, pkt->builtin, msg, depth);
			return;
		}
		memset(&c, 0, sizeof c);
		c.type = tvb_get_uint8(tvb, offset);
		units = left >= 2 ? tvb_get_uint8(tvb, offset + 1) : 0;
		len = units * 8u;
		c.item = proto_tree_add_item(tree, hf_opt, tvb, offset,
					     len && len <= left ? (int)len : (int)left, ENC_NA);
		proto_item_set_text(c.item, "%s", ndisc_opt_name(c.type));
		c.tree = proto_item_add_subtree(c.item, ett_opt);
		proto_tree_add_item(c.tree, hf_opt_type, tvb, offset, 1, ENC_BIG_ENDIAN);
		if (left < 2) {
			expert_add_info_format(pinfo, c.item, &ei_opt_past_end,
					       "Option runs past the end of the message (%u octets declared, %u left)",
					       8u, left);
			return;
		}
		/* the built-in's fields for every option it would see, the
		 * zero-length one that ends the list included */
		if (pkt && pkt->builtin)
			ndisc_compat_option(tvb, offset, MIN(len, left), pinfo, pkt->builtin, msg, depth);
		ti = proto_tree_add_item(c.tree, hf_opt_len, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
		proto_item_append_text(ti, " (%u octets)", len);
		if (units == 0) {
			expert_add_info(pinfo, ti, &ei_opt_len_zero);
			return;
		}
		if (pkt && pkt->n_opts < NDISC_MAX_OPTS)
			pkt->opt_types[pkt->n_opts++] = c.type;
		if (seen[c.type] < 255)
			seen[c.type]++;
		c.tvb = tvb_new_subset_length(tvb, offset, MIN(len, left));
		c.len = MIN(len, left);
		c.pinfo = pinfo;
		c.msg = msg;
		c.pkt = pkt;
		c.depth = depth;
		c.dissect_options = ndisc_dissect_options;
		if (len > left)
			expert_add_info_format(pinfo, c.item, &ei_opt_past_end,
					       "Option runs past the end of the message (%u octets declared, %u left)",
					       len, left);
		h = &handlers[c.type];
		if (check_against_table(&c, units, seen) && h->fn && c.len >= h->min_len) {
			h->fn(&c);
		} else if (c.len > 2) {
			proto_tree_add_item(c.tree, hf_opt_data, c.tvb, 2, c.len - 2, ENC_NA);
			if (h->fn && c.len < h->min_len)
				opt_body_error(&c, "too short for its fields");
		}
		if (len > left)
			return;
		offset += (int)len;
	}
}

void
ndisc_options_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_opt, { "Option", "ndisc.opt", FT_NONE, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_opt_type, { "Type", "ndisc.opt.type", FT_UINT8, BASE_DEC,
			VALS(opt_type_vals), 0, NULL, HFILL } },
		{ &hf_opt_len, { "Length (units of 8 octets)", "ndisc.opt.len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_opt_data, { "Data", "ndisc.opt.data", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_opt };
	static ei_register_info ei[] = {
		{ &ei_opt_len_zero, { "ndisc.opt.len.zero", PI_MALFORMED, PI_ERROR,
				      "Invalid option length (zero)", EXPFILL } },
		{ &ei_opt_past_end, { "ndisc.opt.past_end", PI_MALFORMED, PI_ERROR,
				      "Option runs past the end of the message", EXPFILL } },
		{ &ei_opt_not_allowed, { "ndisc.opt.not_allowed", PI_PROTOCOL, PI_NOTE,
					 "Option not defined for this message type: receivers ignore it",
					 EXPFILL } },
		{ &ei_opt_duplicate, { "ndisc.opt.duplicate", PI_PROTOCOL, PI_WARN,
				       "Option may appear only once", EXPFILL } },
		{ &ei_opt_len_range, { "ndisc.opt.len.range", PI_MALFORMED, PI_ERROR,
				       "Option length outside the range its RFC allows", EXPFILL } },
		{ &ei_ndisc_opt_body, { "ndisc.opt.body", PI_MALFORMED, PI_ERROR,
					"Option body malformed", EXPFILL } },
		{ &ei_too_many, { "ndisc.opt.too_many", PI_MALFORMED, PI_ERROR,
				  "Too many options", EXPFILL } },
	};
	expert_module_t *expert;
	const struct ndisc_opt_row *r;
	size_t i, n = 0;

	/* option names from the codec's table, so both sides say the same */
	while (ndp_opt_desc_at(n) && n < array_length(opt_type_vals) - 1)
		n++;
	for (i = 0; i < n; i++) {
		const struct ndp_opt_desc *d = ndp_opt_desc_at(i);
		opt_type_vals[i].value = d->type;
		opt_type_vals[i].strptr = d->name;
	}

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert = expert_register_protocol(proto_ndisc);
	expert_register_field_array(expert, ei, array_length(ei));
	ndisc_opt_helpers_register();
	for (i = 0; i < array_length(groups); i++)
		for (r = groups[i]; r->fn; r++)
			handlers[r->type] = *r;
	ndisc_opt_nd_register();
	ndisc_opt_send_register();
	ndisc_opt_mobility_register();
	ndisc_opt_6lo_register();
	ndisc_opt_dns_register();
}
