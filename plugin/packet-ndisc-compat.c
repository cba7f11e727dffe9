/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fields of Wireshark's built-in icmpv6 dissector for the ND messages
 * ndisc takes, hidden below icmpv6's protocol item: what users' filters,
 * colouring rules and columns on icmpv6.* find without sockscope. Field ids
 * are looked up by name at handoff, so each Wireshark series' own
 * definitions (types, bitmasks) apply; a field a series lacks is skipped.
 *
 * Each field goes on the octets the built-in puts it on, through the same
 * proto_tree_add_* calls, so it throws where the built-in throws: the
 * exception is caught here and the rest of that message gets no built-in
 * fields, as the built-in's dissection would have stopped there. Where the
 * built-in misreads an option against its RFC (listed with reasons in
 * tests/dissect/test_builtin_compat.py, BUILTIN_WRONG), the fields say
 * what the RFC says instead. Labels and columns are left alone: only the
 * fields count, and nothing is formatted. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/strutil.h>

#include "builtin.h"
#include "packet-ndisc-compat.h"
#include "packet-ndisc-opt-helpers.h"
#include "ndp.h"

/* (id, name, type): ANY takes the field of that name; a type picks one of
 * two fields registered under one name. */
#define ANY FT_NUM_TYPES
#define FIELDS(X) \
	X(TYPE, "icmpv6.type", ANY) X(CODE, "icmpv6.code", ANY) \
	X(CKSUM, "icmpv6.checksum", ANY) X(CKSUM_STATUS, "icmpv6.checksum.status", ANY) \
	X(RESERVED, "icmpv6.reserved", ANY) \
	X(RA_HOP, "icmpv6.nd.ra.cur_hop_limit", ANY) X(RA_FLAG, "icmpv6.nd.ra.flag", ANY) \
	X(RA_M, "icmpv6.nd.ra.flag.m", ANY) X(RA_O, "icmpv6.nd.ra.flag.o", ANY) \
	X(RA_H, "icmpv6.nd.ra.flag.h", ANY) X(RA_PRF, "icmpv6.nd.ra.flag.prf", ANY) \
	X(RA_P, "icmpv6.nd.ra.flag.p", ANY) X(RA_S, "icmpv6.nd.ra.flag.s", ANY) \
	X(RA_RSV, "icmpv6.nd.ra.flag.rsv", ANY) \
	X(RA_LIFETIME, "icmpv6.nd.ra.router_lifetime", ANY) \
	X(RA_REACHABLE, "icmpv6.nd.ra.reachable_time", ANY) \
	X(RA_RETRANS, "icmpv6.nd.ra.retrans_timer", ANY) \
	X(NS_TARGET, "icmpv6.nd.ns.target_address", ANY) \
	X(NA_FLAG, "icmpv6.nd.na.flag", ANY) X(NA_R, "icmpv6.nd.na.flag.r", ANY) \
	X(NA_S, "icmpv6.nd.na.flag.s", ANY) X(NA_O, "icmpv6.nd.na.flag.o", ANY) \
	X(NA_RSV, "icmpv6.nd.na.flag.rsv", ANY) X(NA_TARGET, "icmpv6.nd.na.target_address", ANY) \
	X(RD_TARGET, "icmpv6.nd.rd.target_address", ANY) \
	X(RD_DEST, "icmpv6.rd.na.destination_address", ANY) \
	X(SEND_ID, "icmpv6.send.identifier", ANY) X(SEND_ALL, "icmpv6.send.all_components", ANY) \
	X(SEND_COMP, "icmpv6.send.component", ANY) \
	X(OPT, "icmpv6.opt", ANY) X(OPT_TYPE, "icmpv6.opt.type", ANY) \
	X(DATA, "icmpv6.data", ANY) X(UNKNOWN, "icmpv6.unknown_data", ANY) \
	X(OPT_LEN, "icmpv6.opt.length", ANY) X(OPT_RESERVED, "icmpv6.opt.reserved", ANY) \
	X(OPT_PADDING, "icmpv6.opt.padding", ANY) \
	X(LL_MAC, "icmpv6.opt.linkaddr", FT_ETHER) X(LL_BYTES, "icmpv6.opt.linkaddr", FT_BYTES) \
	X(SLL_MAC, "icmpv6.opt.src_linkaddr", FT_ETHER) \
	X(SLL_BYTES, "icmpv6.opt.src_linkaddr", FT_BYTES) \
	X(TLL_MAC, "icmpv6.opt.target_linkaddr", FT_ETHER) \
	X(TLL_BYTES, "icmpv6.opt.target_linkaddr", FT_BYTES) \
	X(LL_EUI64, "icmpv6.opt.linkaddr_eui64", ANY) \
	X(SLL_EUI64, "icmpv6.opt.src_linkaddr_eui64", ANY) \
	X(TLL_EUI64, "icmpv6.opt.target_linkaddr_eui64", ANY) \
	X(PFX_LEN, "icmpv6.opt.prefix.length", ANY) X(PFX_FLAG, "icmpv6.opt.prefix.flag", ANY) \
	X(PFX_L, "icmpv6.opt.prefix.flag.l", ANY) X(PFX_A, "icmpv6.opt.prefix.flag.a", ANY) \
	X(PFX_R, "icmpv6.opt.prefix.flag.r", ANY) X(PFX_P, "icmpv6.opt.prefix.flag.p", ANY) \
	X(PFX_RSV, "icmpv6.opt.prefix.flag.reserved", ANY) \
	X(PFX_VALID, "icmpv6.opt.prefix.valid_lifetime", ANY) \
	X(PFX_PREFERRED, "icmpv6.opt.prefix.preferred_lifetime", ANY) \
	X(PREFIX, "icmpv6.opt.prefix", ANY) \
	X(REDIRECTED, "icmpv6.opt.redirected_packet", ANY) X(MTU, "icmpv6.opt.mtu", ANY) \
	X(NBMA, "icmpv6.opt.nbma.shortcut_limit", ANY) \
	X(ADV_INT, "icmpv6.opt.advertisement_interval", ANY) \
	X(HA_PREF, "icmpv6.opt.home_agent_preference", ANY) \
	X(HA_LIFE, "icmpv6.opt.home_agent_lifetime", ANY) \
	X(IPV6_ADDR, "icmpv6.opt.ipv6_address", ANY) \
	X(CGA_PAD, "icmpv6.opt.cga.pad_length", ANY) X(CGA, "icmpv6.opt.cga", ANY) \
	X(CGA_MOD, "icmpv6.opt.cga.modifier", ANY) X(CGA_PFX, "icmpv6.opt.cga.subnet_prefix", ANY) \
	X(CGA_COUNT, "icmpv6.opt.cga.count", ANY) \
	X(CGA_SPKI, "icmpv6.opt.cga.subject_public_key_info", ANY) \
	X(CGA_EXT_TYPE, "icmpv6.opt.cga.ext_type", ANY) \
	X(CGA_EXT_LEN, "icmpv6.opt.cga.ext_length", ANY) \
	X(CGA_EXT_DATA, "icmpv6.opt.cga.ext_data", ANY) \
	X(RSA_HASH, "icmpv6.opt.rsa.key_hash", ANY) \
	X(SIG_PAD, "icmpv6.opt.digital_signature_padding", ANY) \
	X(TIMESTAMP, "icmpv6.opt.timestamp", ANY) X(NONCE, "icmpv6.opt.nonce", ANY) \
	X(NAME_TYPE, "icmpv6.opt.name_type", FT_UINT8) X(NAME_X501, "icmpv6.opt.name_x501", ANY) \
	X(NAME_FQDN, "icmpv6.opt.name_type.fqdn", ANY) X(X509_NAME, "icmpv6.x509_Name", ANY) \
	X(CERT_TYPE, WS_ICMPV6_CERT_TYPE, FT_UINT8) X(X509_CERT, "icmpv6.x509_Certificate", ANY) \
	X(CERT_PAD, "icmpv6.opt.certificate_padding", ANY) \
	X(IPA_CODE, "icmpv6.opt.ipa.option_code", ANY) \
	X(IPA_PLEN, "icmpv6.opt.ipa.prefix_len", ANY) \
	X(IPA_ADDR, "icmpv6.opt.ipa.ipv6_address", ANY) \
	X(NRPI_CODE, "icmpv6.opt.nrpi.option_code", ANY) \
	X(NRPI_PLEN, "icmpv6.opt.nrpi.prefix_len", ANY) \
	X(NRPI_PREFIX, "icmpv6.opt.nrpi.prefix", ANY) \
	X(LLA_CODE, "icmpv6.opt.lla.option_code", ANY) X(LLA_BYTES, "icmpv6.opt.lla.bytes", ANY) \
	X(NAACK_CODE, "icmpv6.opt.naack.option_code", ANY) \
	X(NAACK_STATUS, "icmpv6.opt.naack.status", ANY) \
	X(NAACK_NCOA, "icmpv6.opt.naack.supplied_ncoa", ANY) \
	X(MAP_DIST, "icmpv6.opt.map.distance", ANY) X(MAP_PREF, "icmpv6.opt.map.preference", ANY) \
	X(MAP_FLAG, "icmpv6.opt.map.flag", ANY) X(MAP_R, "icmpv6.opt.map.flag.r", ANY) \
	X(MAP_RSV, "icmpv6.opt.map.flag.reserved", ANY) \
	X(MAP_VALID, "icmpv6.opt.map.valid_lifetime", ANY) \
	X(MAP_ADDR, "icmpv6.opt.map.global_address", ANY) \
	X(RT_FLAG, "icmpv6.opt.route_info.flag", ANY) \
	X(RT_PRF, "icmpv6.opt.route_info.flag.route_preference", ANY) \
	X(RT_RSV, "icmpv6.opt.route_info.flag.reserved", ANY) \
	X(RT_LIFE, "icmpv6.opt.route_lifetime", ANY) \
	X(RDNSS_LIFE, "icmpv6.opt.rdnss.lifetime", ANY) X(RDNSS, "icmpv6.opt.rdnss", ANY) \
	X(EFO, "icmpv6.opt.efo", ANY) X(EFO_RSV, "icmpv6.opt.efo.rsv", ANY) \
	X(EFO_PEX, "icmpv6.opt.efo.pex", ANY) \
	X(HKR_PAD, "icmpv6.opt.hkr.pad_length", ANY) X(HKR_AT, "icmpv6.opt.hkr.at", ANY) \
	X(HKR_RSV, "icmpv6.opt.hkr.reserved", ANY) \
	X(HKR_KEY, "icmpv6.opt.hkr.encryption_public_key", ANY) \
	X(HKR_PADDING, "icmpv6.opt.hkr.padding", ANY) X(HKR_LIFE, "icmpv6.opt.hkr.lifetime", ANY) \
	X(HKR_EKEY, "icmpv6.opt.hkr.encrypted_handover_key", ANY) \
	X(HAI_CODE, "icmpv6.opt.hai.option_code", ANY) X(HAI_LEN, "icmpv6.opt.hai.length", ANY) \
	X(HAI_VALUE, "icmpv6.opt.hai.value", ANY) \
	X(MN_CODE, "icmpv6.opt.mn.option_code", ANY) X(MN_LEN, "icmpv6.opt.mn.length", ANY) \
	X(MN_VALUE, "icmpv6.opt.mn.value", ANY) \
	X(DNSSL_LIFE, "icmpv6.opt.dnssl.lifetime", ANY) X(DNSSL, "icmpv6.opt.dnssl", ANY) \
	X(PS_HASH, "icmpv6.opt.ps.key_hash", ANY) \
	X(ARO_STATUS, "icmpv6.opt.aro.status", ANY) \
	X(ARO_LIFE, "icmpv6.opt.aro.registration_lifetime", ANY) \
	X(ARO_EUI64, "icmpv6.opt.aro.eui64", ANY) \
	X(EARO_OPAQUE, "icmpv6.opt.earo.opaque", ANY) X(EARO_FLAG, "icmpv6.opt.earo.flag", ANY) \
	X(EARO_C, "icmpv6.opt.earo.flag.c", ANY) X(EARO_P, "icmpv6.opt.earo.flag.p", ANY) \
	X(EARO_I, "icmpv6.opt.earo.flag.i", ANY) X(EARO_R, "icmpv6.opt.earo.flag.r", ANY) \
	X(EARO_T, "icmpv6.opt.earo.flag.t", ANY) X(EARO_TID, "icmpv6.opt.earo.tid", ANY) \
	X(CO_LEN, "icmpv6.opt.6co.context_length", ANY) X(CO_FLAG, "icmpv6.opt.6co.flag", ANY) \
	X(CO_C, "icmpv6.opt.6co.flag.c", ANY) X(CO_CID, "icmpv6.opt.6co.flag.cid", ANY) \
	X(CO_RSV, "icmpv6.opt.6co.flag.reserved", ANY) \
	X(CO_LIFE, "icmpv6.opt.6co.valid_lifetime", ANY) \
	X(CO_PREFIX, "icmpv6.opt.6co.context_prefix", ANY) \
	X(ABRO_LOW, "icmpv6.opt.abro.version_low", ANY) \
	X(ABRO_HIGH, "icmpv6.opt.abro.version_high", ANY) \
	X(ABRO_LIFE, "icmpv6.opt.abro.valid_lifetime", ANY) \
	X(ABRO_ADDR, "icmpv6.opt.abro.6lbr_address", ANY) \
	X(CIO_U1, "icmpv6.opt.6cio.unassigned1", ANY) X(CIO_G, "icmpv6.opt.6cio.flag_g", ANY) \
	X(CIO_U2, "icmpv6.opt.6cio.unassigned2", ANY) \
	X(CAPPORT, "icmpv6.opt.captive_portal", ANY) \
	X(P64_LIFE, "icmpv6.opt.pref64.scaled_lifetime", ANY) \
	X(P64_PLC, "icmpv6.opt.pref64.plc", ANY) X(P64_PREFIX, "icmpv6.opt.pref64.prefix", ANY) \
	X(PVD_FLAGS, "icmpv6.opt.pvd_id.flags", ANY) X(PVD_H, "icmpv6.opt.pvd_id.flags.h", ANY) \
	X(PVD_L, "icmpv6.opt.pvd_id.flags.l", ANY) X(PVD_R, "icmpv6.opt.pvd_id.flags.r", ANY) \
	X(PVD_RSV, "icmpv6.opt.pvd_id.flags.reserved", ANY) \
	X(PVD_DELAY, "icmpv6.opt.pvd_id.delay", ANY) \
	X(PVD_SEQ, "icmpv6.opt.pvd_id.sequence_number", ANY) \
	X(PVD_FQDN, "icmpv6.opt.pvd_id.fqdn", ANY)

#define AS_ENUM(id, name, type) F_##id,
enum field { FIELDS(AS_ENUM) F_COUNT };
#define AS_NAME(id, name, type) { name, type },
static const struct {
	const char *name;
	enum ftenum type;
} field_names[F_COUNT] = { FIELDS(AS_NAME) };
static int hf[F_COUNT];

/* Bitmasks: the flags field, then its bit fields (those a series lacks
 * stay -1 and are skipped, so each series' own list applies). */
static const enum field ra_flags[] = { F_RA_FLAG, F_RA_M, F_RA_O, F_RA_H, F_RA_PRF,
				       F_RA_P, F_RA_S, F_RA_RSV, F_COUNT };
static const enum field na_flags[] = { F_NA_FLAG, F_NA_R, F_NA_S, F_NA_O, F_NA_RSV, F_COUNT };
static const enum field prefix_flags[] = { F_PFX_FLAG, F_PFX_L, F_PFX_A, F_PFX_R, F_PFX_P,
					   F_PFX_RSV, F_COUNT };
static const enum field map_flags[] = { F_MAP_FLAG, F_MAP_R, F_MAP_RSV, F_COUNT };
static const enum field route_flags[] = { F_RT_FLAG, F_RT_PRF, F_RT_RSV, F_COUNT };
static const enum field co_flags[] = { F_CO_FLAG, F_CO_C, F_CO_CID, F_CO_RSV, F_COUNT };
static const enum field earo_flags[] = { F_EARO_FLAG, F_EARO_C, F_EARO_P, F_EARO_I,
					 F_EARO_R, F_EARO_T, F_COUNT };
static const enum field efo_flags[] = { F_EFO, F_EFO_RSV, F_EFO_PEX, F_COUNT };
static const enum field pvd_flags[] = { F_PVD_FLAGS, F_PVD_H, F_PVD_L, F_PVD_R, F_PVD_RSV,
					F_COUNT };

/* The built-in's own expert infos, for the errors it reports rightly. */
static expert_field ei_checksum = EI_INIT, ei_opt_len = EI_INIT, ei_unknown = EI_INIT;
static bool have_ei_checksum, have_ei_opt_len, have_ei_unknown;
static int proto_icmpv6 = -1;

/* Per message (a quoted ND message in a Redirected Header is dissected
 * while the outer one is still open, hence a few): whether the built-in's
 * dissection would have stopped on an exception, and whether its option
 * fields are worth setting. */
static struct msg_state {
	proto_tree *bt;
	bool stopped, opts_known, opts;
} states[4];
static unsigned n_states;

static struct msg_state *
state_of(proto_tree *bt)
{
	unsigned i;

	for (i = 0; i < G_N_ELEMENTS(states); i++)
		if (states[i].bt == bt)
			return &states[i];
	return NULL;
}

static struct msg_state *
state_new(proto_tree *bt)
{
	struct msg_state *st = state_of(bt);

	if (!st)
		st = &states[n_states++ % G_N_ELEMENTS(states)];
	st->bt = bt;
	st->stopped = false;
	st->opts_known = false;
	return st;
}

static bool
referenced(const header_field_info *hfi)
{
	return hfi && hfi->ref_type != HF_REF_TYPE_NONE;
}

/* The fields of options (from F_OPT on in the table, and the built-in's
 * expert infos on them), each series' own: in a tree that is not shown
 * (tshark -Y, -T fields from 4.4 on, the packet list) they are set only
 * if a filter, column or tap asks for one of them. Asked-for fields are
 * marked on the field itself only (the tree lists them once added). */
static header_field_info *opt_hfi[F_COUNT + 2];
static unsigned n_opt_hfi;
/* the same for link-layer address options alone, most ND messages' only
 * option: the fields every option has, and theirs */
static header_field_info *lla_hfi[F_COUNT + 2];
static unsigned n_lla_hfi;

static bool
any_referenced(header_field_info *const *hfi, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (hfi[i]->ref_type != HF_REF_TYPE_NONE)
			return true;
	return false;
}

/* A header field in a tree not shown and asked for by nothing: skipped.
 * The header's fields lie one after the other, so skipping one never
 * changes where the built-in would stop (that is checked at the end). */
static bool
hdr_wanted(proto_tree *bt, enum field f)
{
	return hf[f] >= 0 && (PTREE_DATA(bt)->visible || referenced(proto_registrar_get_nth(hf[f])));
}

/* Nothing of icmpv6 is asked for (no filter, column or colouring rule
 * names it, no tree is shown): the fields could not be seen. */
static bool
wanted(proto_tree *bt)
{
	return bt && proto_field_is_referenced(bt, proto_icmpv6);
}

void
ndisc_compat_handoff(void)
{
	int ids[F_COUNT + 2];
	size_t i, n = 0;

	proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
	for (i = 0; i < F_COUNT; i++)
		hf[i] = field_names[i].type == ANY ? builtin_field(field_names[i].name)
			: builtin_field_typed(field_names[i].name, field_names[i].type);
	have_ei_checksum = builtin_expert("icmpv6.checksum_bad.expert", &ei_checksum);
	have_ei_opt_len = builtin_expert("icmpv6.invalid_option_length", &ei_opt_len);
	have_ei_unknown = builtin_expert("icmpv6.unknown_data.expert", &ei_unknown);
	ids[n++] = have_ei_opt_len ? ei_opt_len.hf : -1;
	ids[n++] = have_ei_unknown ? ei_unknown.hf : -1;
	for (i = F_OPT; i < F_COUNT; i++)
		ids[n++] = hf[i];
	for (i = 0, n_opt_hfi = 0, n_lla_hfi = 0; i < n; i++) {
		size_t f = i < 2 ? F_OPT : F_OPT + i - 2;

		if (ids[i] < 0)
			continue;
		opt_hfi[n_opt_hfi++] = proto_registrar_get_nth(ids[i]);
		if (f <= F_OPT_PADDING || (f >= F_LL_MAC && f <= F_TLL_EUI64))
			lla_hfi[n_lla_hfi++] = opt_hfi[n_opt_hfi - 1];
	}
}

/* ---- helpers: one built-in field on octets [at, at + n) ---- */

struct cc {
	tvbuff_t *tvb;
	packet_info *pinfo;
	proto_tree *t;
	int off;                /* option's first octet */
	int len;                /* as its length octet says (octets) */
	proto_item *len_item;   /* icmpv6.opt.length, for the built-in's expert */
};

static proto_item *
add(proto_tree *t, tvbuff_t *tvb, enum field f, int at, int n, unsigned enc)
{
	return hf[f] >= 0 ? proto_tree_add_item(t, hf[f], tvb, at, n, enc) : NULL;
}

static proto_item *
cadd(struct cc *c, enum field f, int at, int n, unsigned enc)
{
	return add(c->t, c->tvb, f, c->off + at, n, enc);
}

/* A flags field and its bit fields, all on the same octets. */
static void
add_bits(proto_tree *t, tvbuff_t *tvb, const enum field *fl, int at, int n)
{
	for (; *fl != F_COUNT; fl++)
		add(t, tvb, *fl, at, n, ENC_BIG_ENDIAN);
}

/* An address field of n < 16 octets, the rest of it zero. */
static void
add_ipv6_part(struct cc *c, enum field f, int at, int n)
{
	ws_in6_addr a;

	memset(&a, 0, sizeof a);
	tvb_memcpy(c->tvb, a.bytes, c->off + at, n);
	if (hf[f] >= 0)
		proto_tree_add_ipv6(c->t, hf[f], c->tvb, c->off + at, n, &a);
}

/* The built-in's expert infos only where a filter, column or tap names
 * them: ndisc says the same in its own words, and a shown tree (the GUI,
 * tshark -V) would list both. Wireshark 4.0 marks no field that tshark -T
 * fields -e asks for (its tree is a shown one): there a shown tree keeps
 * the built-in's. */
static bool
ei_wanted(proto_tree *bt, const expert_field *ei)
{
	if (referenced(proto_registrar_get_nth(ei->hf)))
		return true;
#if !WS_AT_LEAST(4, 4)
	return bt && PTREE_DATA(bt)->visible;
#else
	(void)bt;
	return false;
#endif
}

static void
opt_length_error(struct cc *c)
{
	if (have_ei_opt_len && c->len_item && ei_wanted(c->t, &ei_opt_len))
		expert_add_info(c->pinfo, c->len_item, &ei_opt_len);
}

/* ---- names and BER, read as the built-in reads them ---- */

static int
put_piece(char **np, int room, const char *t, int w)
{
	if (room <= 0 || w > room)
		return 0;
	memcpy(*np, t, (size_t)w);
	*np += w;
	return room - w;
}

/* A DNS name at off as Wireshark's DNS code expands it for the built-in
 * (RFC 1035 3.1 labels; 4.1.4 pointers, counted from the name's first
 * octet as the built-in passes it; RFC 2673 bit-string labels): returns
 * the octets it takes and throws where that code throws. The text (at
 * most 254 characters, as there) is built only if out is set. */
static int
dns_name(tvbuff_t *tvb, int off, wmem_allocator_t *pool, const char **out, int *out_len)
{
	char buf[256], *np = buf;
	int start = off, len = -1, pointers = 0, room = 255, n = 0;
	const char *special = NULL;

	for (;;) {
		uint8_t c = tvb_get_uint8(tvb, off++);

		if (c == 0)
			break;
		switch (c & 0xc0) {
		case 0x00:
			if (np != buf) {
				if (room > 0) {
					*np++ = '.';
					n++;
					room--;
				}
			} else {
				room--;
			}
			for (; c > 0; c--, off++) {
				uint8_t ch = tvb_get_uint8(tvb, off);

				if (room > 0) {
					*np++ = (char)ch;
					n++;
					room--;
				}
			}
			break;
		case 0x40:
			if ((c & 0x3f) == 1) {
				/* "\[x", the label's octets in hex, "/bits]"; the
				 * DNS code writes these without counting them in
				 * the name's length */
				int bits = tvb_get_uint8(tvb, off++), k = (bits - 1) / 8 + 1;
				char t[16];

				room = put_piece(&np, room, t, snprintf(t, sizeof t, "\\[x"));
				for (; k > 0; k--)
					room = put_piece(&np, room, t, snprintf(t, sizeof t, "%02x",
										 tvb_get_uint8(tvb, off++)));
				room = put_piece(&np, room, t, snprintf(t, sizeof t, "/%d]", bits));
				break;
			}
			len = off - start;
			special = "<Unknown extended label>";
			goto done;
		case 0x80:
			THROW(ReportedBoundsError);
			break;
		default: {
			int to = ((c & 0x3f) << 8) | tvb_get_uint8(tvb, off);

			off++;
			pointers++;
			if (len < 0)
				len = off - start;
			to += start;
			if (to == off + 2 || pointers > 255) {
				special = "<Name contains a pointer that loops>";
				goto done;
			}
			off = to;
			break;
		}
		}
	}
	if (room <= 0)
		special = "<Name too long>";
	if (len < 0)
		len = off - start;
	if (!special && n == 0 && len <= 1) {
		special = "<Root>";
	} else if (!special && len > 1 && n == 0) {
		THROW(ReportedBoundsError);
	}
done:
	if (len < 1)
		THROW(ReportedBoundsError);
	if (out) {
		if (special) {
			*out = special;
			*out_len = (int)strlen(special);
		} else {
			*out = (const char *)wmem_memdup(pool, buf, (size_t)n);
			*out_len = n;
		}
	}
	return len;
}

/* A DNS name field: the name as the field shows it (non-printing octets
 * escaped), built only when the field is asked for. */
static int
dns_field(proto_tree *t, tvbuff_t *tvb, enum field f, int at, packet_info *pinfo)
{
	const char *name = NULL;
	int name_len = 0;
	bool want = hf[f] >= 0 && proto_field_is_referenced(t, hf[f]);
	int used = dns_name(tvb, at, pinfo->pool, want ? &name : NULL, &name_len);

	if (want)
		proto_tree_add_string(t, hf[f], tvb, at, used,
				      format_text(pinfo->pool, (const void *)name, (size_t)name_len));
	else
		add(t, tvb, f, at, used, ENC_ASCII);
	return used;
}

/* Identifier and length octets of a BER TLV (X.690 8.1.2, 8.1.3) as
 * Wireshark's BER code reads them; *len gets the value's length (an
 * indefinite one measured to its end-of-contents, which it counts). */
static int
ber_header(tvbuff_t *tvb, int off, uint32_t *len, int depth)
{
	uint8_t o;
	uint64_t l = 0;

	if (depth > 100)
		THROW(ReportedBoundsError);
	if ((tvb_get_uint8(tvb, off++) & 0x1f) == 0x1f)
		while (tvb_reported_length_remaining(tvb, off) > 0 &&
		       (tvb_get_uint8(tvb, off++) & 0x80))
			;
	o = tvb_get_uint8(tvb, off++);
	if (!(o & 0x80)) {
		l = o;
	} else if (o & 0x7f) {
		for (o &= 0x7f; o; o--)
			l = ((l << 8) + tvb_get_uint8(tvb, off++)) & 0xffffffff;
	} else {
		int p = off;

		while (tvb_get_uint8(tvb, p) || tvb_get_uint8(tvb, p + 1)) {
			int s = p;
			uint32_t inner;

			int64_t next;

			p = ber_header(tvb, p, &inner, depth + 1);
			l += inner + (uint64_t)(p - s);
			/* an inner length that runs past any tvb ends the walk */
			next = (int64_t)p + inner;
			if (next <= s || next > G_MAXINT32)
				THROW(ReportedBoundsError);
			p = (int)next;
		}
		l += 2;
	}
	*len = l > G_MAXINT32 ? G_MAXINT32 : (uint32_t)l;
	return off;
}

/* A BER SEQUENCE the built-in hands to its X.509 code, seen as a whole:
 * the item over it, and the offset after it. A value past the captured
 * octets stops the built-in's dissection there, and so it does here. */
static int
ber_whole(proto_tree *t, tvbuff_t *tvb, enum field f, int at, bool choice)
{
	uint32_t l;
	int v = ber_header(tvb, at, &l, 0);
	int64_t end = (int64_t)v + l;

	if (end > G_MAXINT32)
		THROW(ReportedBoundsError);
	if (choice) {
		/* X.501 Name: a CHOICE whose one alternative is an RDNSequence */
		if (tvb_get_uint8(tvb, at) == 0x30 && hf[f] >= 0)
			proto_tree_add_uint(t, hf[f], tvb, at, (int)(end - at), 0);
	} else {
		add(t, tvb, f, at, (int)(end - at), ENC_NA);
	}
	tvb_ensure_bytes_exist(tvb, at, (int)(end - at));
	return (int)end;
}

/* ---- one function per option: fields, and the octet after the last
 * one read (relative to the option); the rest is unknown data ---- */

static int
o_lla(struct cc *c, enum field mac, enum field bytes, enum field eui64, bool eui_bytes)
{
	if (c->len == 8) {
		cadd(c, F_LL_MAC, 2, 6, ENC_NA);
		cadd(c, mac, 2, 6, ENC_NA);
	} else if (c->len == 16 && tvb_get_ntohl(c->tvb, c->off + 10) == 0 &&
		   tvb_get_ntohs(c->tvb, c->off + 14) == 0) {
		/* an EUI-64 and 6 octets of padding (RFC 4944 8) */
		cadd(c, F_LL_EUI64, 2, 8, ENC_BIG_ENDIAN);
		cadd(c, eui64, 2, 8, ENC_BIG_ENDIAN);
		if (eui_bytes) {
			cadd(c, F_LL_BYTES, 2, 8, ENC_NA);
			cadd(c, bytes, 2, 8, ENC_NA);
		}
		cadd(c, F_OPT_PADDING, 10, 6, ENC_NA);
	} else {
		cadd(c, F_LL_BYTES, 2, c->len - 2, ENC_NA);
		cadd(c, bytes, 2, c->len - 2, ENC_NA);
	}
	return c->len;
}

static int
o_slla(struct cc *c)
{
	return o_lla(c, F_SLL_MAC, F_SLL_BYTES, F_SLL_EUI64, true);
}

static int
o_tlla(struct cc *c)
{
	return o_lla(c, F_TLL_MAC, F_TLL_BYTES, F_TLL_EUI64, false);
}

/* RFC 4861 4.6.2 */
static int
o_prefix(struct cc *c)
{
	cadd(c, F_PFX_LEN, 2, 1, ENC_BIG_ENDIAN);
	add_bits(c->t, c->tvb, prefix_flags, c->off + 3, 1);
	cadd(c, F_PFX_VALID, 4, 4, ENC_BIG_ENDIAN);
	cadd(c, F_PFX_PREFERRED, 8, 4, ENC_BIG_ENDIAN);
	cadd(c, F_OPT_RESERVED, 12, 4, ENC_NA);
	cadd(c, F_PREFIX, 16, 16, ENC_NA);
	return 32;
}

/* RFC 4861 4.6.3: the quoted packet itself is dissected by ndisc */
static int
o_redirected(struct cc *c)
{
	cadd(c, F_OPT_RESERVED, 2, 6, ENC_NA);
	if (c->len > 8)
		cadd(c, F_REDIRECTED, 8, c->len - 8, ENC_NA);
	return c->len;
}

/* RFC 4861 4.6.4 */
static int
o_mtu(struct cc *c)
{
	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, F_MTU, 4, 4, ENC_BIG_ENDIAN);
	return 8;
}

/* RFC 2491 5.2: limit, a reserved octet, 4 reserved octets */
static int
o_nbma(struct cc *c)
{
	cadd(c, F_NBMA, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_OPT_RESERVED, 3, 1, ENC_NA);
	cadd(c, F_OPT_RESERVED, 4, 4, ENC_NA);
	return 8;
}

/* RFC 6275 7.3 */
static int
o_adv_interval(struct cc *c)
{
	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, F_ADV_INT, 4, 4, ENC_BIG_ENDIAN);
	return 8;
}

/* RFC 6275 7.4 */
static int
o_ha_info(struct cc *c)
{
	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, F_HA_PREF, 4, 2, ENC_BIG_ENDIAN);
	cadd(c, F_HA_LIFE, 6, 2, ENC_BIG_ENDIAN);
	return 8;
}

/* RFC 3122 3.1, 3.2: addresses while the option has octets left */
static int
o_addr_list(struct cc *c)
{
	int p;

	cadd(c, F_OPT_RESERVED, 2, 6, ENC_NA);
	for (p = 8; p < c->len; p += 16)
		cadd(c, F_IPV6_ADDR, p, 16, ENC_NA);
	return p;
}

/* RFC 3971 5.1 with RFC 3972 4 parameters and RFC 4581 extensions */
static int
o_cga(struct cc *c)
{
	int pad = tvb_get_uint8(c->tvb, c->off + 2), plen = c->len - 4 - pad, p;

	cadd(c, F_CGA_PAD, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_OPT_RESERVED, 3, 1, ENC_NA);
	cadd(c, F_CGA, 4, plen, ENC_NA);
	cadd(c, F_CGA_MOD, 4, 16, ENC_NA);
	cadd(c, F_CGA_PFX, 20, 8, ENC_NA);
	cadd(c, F_CGA_COUNT, 28, 1, ENC_NA);
	p = ber_whole(c->t, c->tvb, F_CGA_SPKI, c->off + 29, false) - c->off;
	while (p < 4 + plen) {
		int elen;

		cadd(c, F_CGA_EXT_TYPE, p, 2, ENC_BIG_ENDIAN);
		elen = tvb_get_ntohs(c->tvb, c->off + p + 2);
		cadd(c, F_CGA_EXT_LEN, p + 2, 2, ENC_BIG_ENDIAN);
		cadd(c, F_CGA_EXT_DATA, p + 4, elen, ENC_NA);
		p += 4 + elen;
	}
	cadd(c, F_OPT_PADDING, p, pad, ENC_NA);
	return p + pad;
}

/* RFC 3971 5.2, RFC 6496 4: reserved, key hash, signature and padding */
static int
o_signature(struct cc *c, enum field hash)
{
	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, hash, 4, 16, ENC_NA);
	cadd(c, F_SIG_PAD, 20, c->len - 20, ENC_NA);
	return c->len;
}

static int
o_rsa_sig(struct cc *c)
{
	return o_signature(c, F_RSA_HASH);
}

static int
o_proxy_sig(struct cc *c)
{
	return o_signature(c, F_PS_HASH);
}

/* RFC 3971 5.3.1 */
static int
o_timestamp(struct cc *c)
{
	cadd(c, F_OPT_RESERVED, 2, 6, ENC_NA);
	cadd(c, F_TIMESTAMP, 8, 8, ENC_TIME_RFC_3971 | ENC_BIG_ENDIAN);
	return 16;
}

/* RFC 3971 5.3.2 */
static int
o_nonce(struct cc *c)
{
	cadd(c, F_NONCE, 2, c->len - 2, ENC_NA);
	return c->len;
}

/* RFC 3971 6.4.3: name type, pad length, name, padding. An FQDN is a
 * DNS wire-format name (RFC 1035 3.1), shown dotted; the built-in shows
 * its length octets as text. */
static int
o_trust_anchor(struct cc *c)
{
	int type = tvb_get_uint8(c->tvb, c->off + 2);
	int pad = tvb_get_uint8(c->tvb, c->off + 3), nlen = c->len - 4 - pad;

	cadd(c, F_NAME_TYPE, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_CGA_PAD, 3, 1, ENC_BIG_ENDIAN);
	if (type == 1) {
		cadd(c, F_NAME_X501, 4, nlen, ENC_NA);
		ber_whole(c->t, c->tvb, F_X509_NAME, c->off + 4, true);
	} else if (type == 2) {
		char *name = NULL;
		int at = c->off + 4;

		tvb_ensure_bytes_exist(c->tvb, at, nlen);
		if (hf[F_NAME_FQDN] >= 0 &&
		    opt_dns_name(c->tvb, at, at + nlen, c->pinfo->pool, &name) >= 0)
			proto_tree_add_string(c->t, hf[F_NAME_FQDN], c->tvb, at, nlen, name);
		else
			cadd(c, F_NAME_FQDN, 4, nlen, ENC_ASCII);
	}
	cadd(c, F_OPT_PADDING, 4 + nlen, pad, ENC_NA);
	return 4 + nlen + pad;
}

/* RFC 3971 6.4.4: an X.509v3 certificate (type 1), then padding */
static int
o_certificate(struct cc *c)
{
	int type = tvb_get_uint8(c->tvb, c->off + 2), p;
	uint8_t pad;

	cadd(c, F_CERT_TYPE, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_OPT_RESERVED, 3, 1, ENC_NA);
	if (type != 1) {
		cadd(c, F_CERT_PAD, 4, c->len - 4, ENC_NA);
		return c->len;
	}
	p = ber_whole(c->t, c->tvb, F_X509_CERT, c->off + 4, false) - c->off;
	pad = (uint8_t)(c->len - p);   /* the built-in's octet-wide count */
	cadd(c, F_OPT_PADDING, p, pad, ENC_NA);
	return p + pad;
}

/* RFC 5568 6.4.1, RFC 4068 6.4.2: code, prefix length, reserved, address */
static int
o_ip_addr(struct cc *c, enum field code, enum field plen, enum field addr)
{
	cadd(c, code, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, plen, 3, 1, ENC_BIG_ENDIAN);
	cadd(c, F_OPT_RESERVED, 4, 4, ENC_NA);
	cadd(c, addr, 8, 16, ENC_NA);
	return 24;
}

static int
o_ipa(struct cc *c)
{
	return o_ip_addr(c, F_IPA_CODE, F_IPA_PLEN, F_IPA_ADDR);
}

static int
o_nrpi(struct cc *c)
{
	return o_ip_addr(c, F_NRPI_CODE, F_NRPI_PLEN, F_NRPI_PREFIX);
}

/* RFC 5568 6.4.3 */
static int
o_lla_fmip(struct cc *c)
{
	cadd(c, F_LLA_CODE, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_LLA_BYTES, 3, c->len - 3, ENC_NA);
	return c->len;
}

/* RFC 5568 6.4.4: status 2 carries the NCoA to use */
static int
o_naack(struct cc *c)
{
	cadd(c, F_NAACK_CODE, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_NAACK_STATUS, 3, 1, ENC_BIG_ENDIAN);
	if (tvb_get_uint8(c->tvb, c->off + 3) == 2) {
		cadd(c, F_NAACK_NCOA, 4, 16, ENC_NA);
		return 20;
	}
	cadd(c, F_OPT_RESERVED, 4, c->len - 4, ENC_NA);
	return c->len;
}

/* RFC 5380 6.2 */
static int
o_map(struct cc *c)
{
	cadd(c, F_MAP_DIST, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_MAP_PREF, 2, 1, ENC_BIG_ENDIAN);
	add_bits(c->t, c->tvb, map_flags, c->off + 3, 1);
	cadd(c, F_MAP_VALID, 4, 4, ENC_BIG_ENDIAN);
	cadd(c, F_MAP_ADDR, 8, 16, ENC_NA);
	return 24;
}

/* A prefix of 0, 8 or 16 octets as the option's length (1, 2, 3 units)
 * says (RFC 4191 2.3, RFC 6775 4.2); another length is an error. */
static int
prefix_by_len(struct cc *c, enum field f)
{
	switch (c->len) {
	case 8:
		return 8;
	case 16:
		add_ipv6_part(c, f, 8, 8);
		return 16;
	case 24:
		cadd(c, f, 8, 16, ENC_NA);
		return 24;
	default:
		opt_length_error(c);
		return 8;
	}
}

/* RFC 4191 2.3 */
static int
o_route(struct cc *c)
{
	cadd(c, F_PFX_LEN, 2, 1, ENC_BIG_ENDIAN);
	add_bits(c->t, c->tvb, route_flags, c->off + 3, 1);
	cadd(c, F_RT_LIFE, 4, 4, ENC_BIG_ENDIAN);
	return prefix_by_len(c, F_PREFIX);
}

/* RFC 8106 5.1 */
static int
o_rdnss(struct cc *c)
{
	int p;

	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, F_RDNSS_LIFE, 4, 4, ENC_BIG_ENDIAN);
	for (p = 8; p < c->len; p += 16)
		cadd(c, F_RDNSS, p, 16, ENC_NA);
	return p;
}

/* RFC 5175 4: the option's 48 bits are flag bits 8-55, none of them the
 * RA header's M O H Prf P; the series that reads it as 16 bits gets the
 * 16-bit field and the 32 bits after it as reserved. */
static int
o_flags_ext(struct cc *c)
{
	if (WS_ICMPV6_EFO_48) {
		add_bits(c->t, c->tvb, efo_flags, c->off + 2, 6);
	} else {
		cadd(c, F_EFO, 2, 2, ENC_BIG_ENDIAN);
		cadd(c, F_OPT_RESERVED, 4, 4, ENC_NA);
	}
	return 8;
}

/* RFC 5269 5.1, 5.2: pad length, AT, reserved, [lifetime,] key, padding
 * of pad length octets */
static int
o_handover_key(struct cc *c, bool reply)
{
	int pad = tvb_get_uint8(c->tvb, c->off + 2), p = reply ? 6 : 4, klen;

	cadd(c, F_HKR_PAD, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, F_HKR_AT, 3, 1, ENC_BIG_ENDIAN);
	cadd(c, F_HKR_RSV, 3, 1, ENC_BIG_ENDIAN);
	if (reply)
		cadd(c, F_HKR_LIFE, 4, 2, ENC_BIG_ENDIAN);
	klen = c->len - p - pad;
	cadd(c, reply ? F_HKR_EKEY : F_HKR_KEY, p, klen, ENC_NA);
	cadd(c, F_HKR_PADDING, p + klen, pad, ENC_NA);
	return p + klen + pad;
}

static int
o_hkr(struct cc *c)
{
	return o_handover_key(c, false);
}

static int
o_hkrep(struct cc *c)
{
	return o_handover_key(c, true);
}

/* RFC 5271 4.1, 4.2: code, value length, value, padding to the end */
static int
o_code_value(struct cc *c, enum field code, enum field vlen, enum field value)
{
	int n = tvb_get_uint8(c->tvb, c->off + 3);

	cadd(c, code, 2, 1, ENC_BIG_ENDIAN);
	cadd(c, vlen, 3, 1, ENC_BIG_ENDIAN);
	cadd(c, value, 4, n, ENC_NA);
	cadd(c, F_OPT_PADDING, 4 + n, c->len - 4 - n, ENC_NA);
	return MAX(4 + n, c->len);
}

static int
o_hai(struct cc *c)
{
	return o_code_value(c, F_HAI_CODE, F_HAI_LEN, F_HAI_VALUE);
}

static int
o_mn_id(struct cc *c)
{
	return o_code_value(c, F_MN_CODE, F_MN_LEN, F_MN_VALUE);
}

/* RFC 8106 5.2: names, then zero padding to the option's end */
static int
o_dnssl(struct cc *c)
{
	int p;

	cadd(c, F_OPT_RESERVED, 2, 2, ENC_NA);
	cadd(c, F_DNSSL_LIFE, 4, 4, ENC_BIG_ENDIAN);
	for (p = 8; p < c->len; ) {
		if (tvb_get_uint8(c->tvb, c->off + p) == 0) {
			cadd(c, F_OPT_PADDING, p, c->len - p, ENC_NA);
			return c->len;
		}
		p += dns_field(c->t, c->tvb, F_DNSSL, c->off + p, c->pinfo);
	}
	return p;
}

/* RFC 6775 4.1 ARO, RFC 8505 4.1 EARO: the ROVR (64 to 256 bits) runs to
 * the option's end; its first 64 bits are the ARO's EUI-64. */
static int
o_aro(struct cc *c)
{
	cadd(c, F_ARO_STATUS, 2, 1, ENC_BIG_ENDIAN);
	if (WS_ICMPV6_EARO) {
		cadd(c, F_EARO_OPAQUE, 3, 1, ENC_BIG_ENDIAN);
		add_bits(c->t, c->tvb, earo_flags, c->off + 4, 1);
		cadd(c, F_EARO_TID, 5, 1, ENC_BIG_ENDIAN);
	} else {
		cadd(c, F_OPT_RESERVED, 3, 3, ENC_NA);
	}
	cadd(c, F_ARO_LIFE, 6, 2, ENC_BIG_ENDIAN);
	cadd(c, F_ARO_EUI64, 8, 8, ENC_BIG_ENDIAN);
	return MAX(16, c->len);
}

/* RFC 6775 4.2 */
static int
o_6co(struct cc *c)
{
	cadd(c, F_CO_LEN, 2, 1, ENC_BIG_ENDIAN);
	add_bits(c->t, c->tvb, co_flags, c->off + 3, 1);
	cadd(c, F_OPT_RESERVED, 4, 2, ENC_NA);
	cadd(c, F_CO_LIFE, 6, 2, ENC_BIG_ENDIAN);
	return prefix_by_len(c, F_CO_PREFIX);
}

/* RFC 6775 4.3 */
static int
o_abro(struct cc *c)
{
	cadd(c, F_ABRO_LOW, 2, 2, ENC_BIG_ENDIAN);
	cadd(c, F_ABRO_HIGH, 4, 2, ENC_BIG_ENDIAN);
	cadd(c, F_ABRO_LIFE, 6, 2, ENC_BIG_ENDIAN);
	cadd(c, F_ABRO_ADDR, 8, 16, ENC_NA);
	return 24;
}

/* RFC 7400 3.3 */
static int
o_6cio(struct cc *c)
{
	cadd(c, F_CIO_U1, 2, 2, ENC_BIG_ENDIAN);
	cadd(c, F_CIO_G, 2, 2, ENC_BIG_ENDIAN);
	cadd(c, F_CIO_U2, 4, 4, ENC_BIG_ENDIAN);
	return 8;
}

/* RFC 8910 2.3 */
static int
o_captive_portal(struct cc *c)
{
	cadd(c, F_CAPPORT, 2, c->len - 2, ENC_ASCII);
	return c->len;
}

/* RFC 8781 4: as many prefix octets as the PLC says */
static int
o_pref64(struct cc *c)
{
	static const uint8_t octets[] = { 12, 8, 7, 6, 5, 4 };
	unsigned plc = tvb_get_ntohs(c->tvb, c->off + 2) & 7;

	cadd(c, F_P64_LIFE, 2, 2, ENC_BIG_ENDIAN);
	cadd(c, F_P64_PLC, 2, 2, ENC_BIG_ENDIAN);
	if (plc < G_N_ELEMENTS(octets))
		add_ipv6_part(c, F_P64_PREFIX, 4, octets[plc]);
	else
		opt_length_error(c);
	return 16;
}

static void one_option(tvbuff_t *tvb, int off, packet_info *pinfo, proto_tree *bt, bool *end);

/* RFC 8801 3.1: flags and delay, sequence, FQDN, padding to 8 octets;
 * with R an RA header (whose checksum is set to 0 and ignored: it is
 * shown, not verified) and options of its own to the option's end. */
static int
o_pvd_id(struct cc *c)
{
	int p, next;

	add_bits(c->t, c->tvb, pvd_flags, c->off + 2, 2);
	cadd(c, F_PVD_DELAY, 2, 2, ENC_BIG_ENDIAN);
	cadd(c, F_PVD_SEQ, 4, 2, ENC_BIG_ENDIAN);
	p = 6 + dns_field(c->t, c->tvb, F_PVD_FQDN, c->off + 6, c->pinfo);
	next = (p + 7) & ~7;
	cadd(c, F_OPT_PADDING, p, next - p, ENC_NA);
	if (!(tvb_get_ntohs(c->tvb, c->off + 2) & 0x2000) || next + 16 > c->len)
		return MAX(next, c->len);
	p = c->off + next;
	add(c->t, c->tvb, F_TYPE, p, 1, ENC_BIG_ENDIAN);
	add(c->t, c->tvb, F_CODE, p + 1, 1, ENC_BIG_ENDIAN);
	if (hf[F_CKSUM] >= 0)
		proto_tree_add_checksum(c->t, c->tvb, p + 2, hf[F_CKSUM], hf[F_CKSUM_STATUS],
					&ei_checksum, c->pinfo, 0, ENC_BIG_ENDIAN,
					PROTO_CHECKSUM_NO_FLAGS);
	add(c->t, c->tvb, F_RA_HOP, p + 4, 1, ENC_BIG_ENDIAN);
	add_bits(c->t, c->tvb, ra_flags, p + 5, 1);
	add(c->t, c->tvb, F_RA_LIFETIME, p + 6, 2, ENC_BIG_ENDIAN);
	add(c->t, c->tvb, F_RA_REACHABLE, p + 8, 4, ENC_BIG_ENDIAN);
	add(c->t, c->tvb, F_RA_RETRANS, p + 12, 4, ENC_BIG_ENDIAN);
	{
		tvbuff_t *inner = tvb_new_subset_length(c->tvb, 0, c->off + c->len);
		bool end = false;

		for (p += 16; p < c->off + c->len && !end;
		     p += tvb_get_uint8(inner, p + 1) * 8)
			one_option(inner, p, c->pinfo, c->t, &end);
	}
	return c->len;
}

/* The options the built-in decodes; others are icmpv6.data (the
 * built-in's "not implemented" note is its own limit, not the packet's). */
typedef int (*compat_fn)(struct cc *c);

static compat_fn
handler(uint8_t type)
{
	switch (type) {
	case NDP_OPT_SLLA: return o_slla;
	case NDP_OPT_TLLA: return o_tlla;
	case NDP_OPT_PREFIX: return o_prefix;
	case NDP_OPT_REDIRECTED: return o_redirected;
	case NDP_OPT_MTU: return o_mtu;
	case NDP_OPT_NBMA: return o_nbma;
	case NDP_OPT_ADV_INTERVAL: return o_adv_interval;
	case NDP_OPT_HA_INFO: return o_ha_info;
	case NDP_OPT_SRC_ADDR_LIST: return o_addr_list;
	case NDP_OPT_TGT_ADDR_LIST: return o_addr_list;
	case NDP_OPT_CGA: return o_cga;
	case NDP_OPT_RSA_SIG: return o_rsa_sig;
	case NDP_OPT_TIMESTAMP: return o_timestamp;
	case NDP_OPT_NONCE: return o_nonce;
	case NDP_OPT_TRUST_ANCHOR: return o_trust_anchor;
	case NDP_OPT_CERTIFICATE: return o_certificate;
	case NDP_OPT_IP_ADDR: return o_ipa;
	case NDP_OPT_NEW_ROUTER_PREFIX: return o_nrpi;
	case NDP_OPT_LLA: return o_lla_fmip;
	case NDP_OPT_NAACK: return o_naack;
	case NDP_OPT_PVD_ID: return WS_ICMPV6_PVD_ID ? o_pvd_id : NULL;
	case NDP_OPT_MAP: return o_map;
	case NDP_OPT_ROUTE: return o_route;
	case NDP_OPT_RDNSS: return o_rdnss;
	case NDP_OPT_RA_FLAGS_EXT: return o_flags_ext;
	case NDP_OPT_HKR: return o_hkr;
	case NDP_OPT_HKREP: return o_hkrep;
	case NDP_OPT_HAI: return o_hai;
	case NDP_OPT_MN_ID: return o_mn_id;
	case NDP_OPT_DNSSL: return o_dnssl;
	case NDP_OPT_PROXY_SIG: return o_proxy_sig;
	case NDP_OPT_EARO: return o_aro;
	case NDP_OPT_6LOWPAN_CTX: return o_6co;
	case NDP_OPT_ABRO: return o_abro;
	case NDP_OPT_6CIO: return o_6cio;
	case NDP_OPT_CAPTIVE_PORTAL: return o_captive_portal;
	case NDP_OPT_PREF64: return o_pref64;
	default: return NULL;
	}
}

/* One option: its header, its fields, unknown data after them. *end is
 * set at a zero length, which ends the built-in's option list. */
static void
one_option(tvbuff_t *tvb, int off, packet_info *pinfo, proto_tree *bt, bool *end)
{
	struct cc c = { tvb, pinfo, bt, off, tvb_get_uint8(tvb, off + 1) * 8, NULL };
	compat_fn fn;
	int used;

	add(bt, tvb, F_OPT, off, c.len, ENC_NA);
	add(bt, tvb, F_OPT_TYPE, off, 1, ENC_BIG_ENDIAN);
	c.len_item = add(bt, tvb, F_OPT_LEN, off + 1, 1, ENC_BIG_ENDIAN);
	if (c.len == 0) {
		opt_length_error(&c);
		*end = true;
		return;
	}
	fn = handler(tvb_get_uint8(tvb, off));
	if (fn) {
		used = fn(&c);
	} else {
		cadd(&c, F_DATA, 2, c.len - 2, ENC_NA);
		used = c.len;
	}
	if (used < c.len) {
		proto_item *ti = cadd(&c, F_UNKNOWN, used, c.len - used, ENC_NA);

		if (have_ei_unknown && ti && ei_wanted(bt, &ei_unknown))
			expert_add_info(pinfo, ti, &ei_unknown);
	}
}

/* ---- the message ---- */

/* Type, code, checksum, then the fixed part (RFC 4861 4.1-4.5, RFC 3122
 * 2, RFC 3971 6.4.1, 6.4.2); fixed is its length. */
static void
hdr(proto_tree *bt, tvbuff_t *tvb, enum field f, int at, int n, unsigned enc)
{
	if (hdr_wanted(bt, f))
		proto_tree_add_item(bt, hf[f], tvb, at, n, enc);
}

static void
hdr_bits(proto_tree *bt, tvbuff_t *tvb, const enum field *fl, int at, int n)
{
	for (; *fl != F_COUNT; fl++)
		hdr(bt, tvb, *fl, at, n, ENC_BIG_ENDIAN);
}

static unsigned
fixed_len(uint8_t type)
{
	size_t n = ndp_msg_fixed_len(type);

	return n ? (unsigned)n : 8;
}

static void
message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt)
{
	uint8_t type = tvb_get_uint8(tvb, 0);

	hdr(bt, tvb, F_TYPE, 0, 1, ENC_BIG_ENDIAN);
	hdr(bt, tvb, F_CODE, 1, 1, ENC_BIG_ENDIAN);
	tvb_get_ntohs(tvb, 2);
	/* verified only if asked for: ndisc verifies it for its own field (its
	 * own "Bad checksum" too; the built-in's as ei_wanted says) */
	bool want_ei = have_ei_checksum && ei_wanted(bt, &ei_checksum);

	if (have_ei_checksum && (want_ei || hdr_wanted(bt, F_CKSUM) || hdr_wanted(bt, F_CKSUM_STATUS)))
		ndisc_add_checksum(tvb, pinfo, bt, hf[F_CKSUM], hf[F_CKSUM_STATUS],
				   want_ei ? &ei_checksum : NULL);
	switch (type) {
	case NDP_RS: case NDP_IND_SOL: case NDP_IND_ADV:
		hdr(bt, tvb, F_RESERVED, 4, 4, ENC_NA);
		break;
	case NDP_RA:
		hdr(bt, tvb, F_RA_HOP, 4, 1, ENC_BIG_ENDIAN);
		hdr_bits(bt, tvb, ra_flags, 5, 1);
		hdr(bt, tvb, F_RA_LIFETIME, 6, 2, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_RA_REACHABLE, 8, 4, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_RA_RETRANS, 12, 4, ENC_BIG_ENDIAN);
		break;
	case NDP_NS:
		hdr(bt, tvb, F_RESERVED, 4, 4, ENC_NA);
		hdr(bt, tvb, F_NS_TARGET, 8, 16, ENC_NA);
		break;
	case NDP_NA:
		hdr_bits(bt, tvb, na_flags, 4, 4);
		hdr(bt, tvb, F_NA_TARGET, 8, 16, ENC_NA);
		break;
	case NDP_REDIRECT:
		hdr(bt, tvb, F_RESERVED, 4, 4, ENC_NA);
		hdr(bt, tvb, F_RD_TARGET, 8, 16, ENC_NA);
		hdr(bt, tvb, F_RD_DEST, 24, 16, ENC_NA);
		break;
	case NDP_CPS:
		hdr(bt, tvb, F_SEND_ID, 4, 2, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_SEND_COMP, 6, 2, ENC_BIG_ENDIAN);
		break;
	case NDP_CPA:
		hdr(bt, tvb, F_SEND_ID, 4, 2, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_SEND_ALL, 6, 2, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_SEND_COMP, 8, 2, ENC_BIG_ENDIAN);
		hdr(bt, tvb, F_RESERVED, 10, 2, ENC_NA);
		break;
	default:
		break;
	}
	/* where a skipped field would have thrown */
	tvb_ensure_bytes_exist(tvb, 0, (int)fixed_len(type));
}

/* The message's header fields, or an option's: false where the built-in
 * would have thrown (the rest of the message then gets none), and at a
 * zero option length, which ends its option list. */
static bool
header_caught(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt)
{
	volatile bool ok = true;

	/* the fixed part all there: nothing can throw */
	if (tvb_captured_length(tvb) >= fixed_len(tvb_get_uint8(tvb, 0))) {
		message(tvb, pinfo, bt);
		return true;
	}
	TRY {
		message(tvb, pinfo, bt);
	}
	CATCH_BOUNDS_ERRORS {
		ok = false;
	}
	ENDTRY;
	return ok;
}

static bool
option_caught(tvbuff_t *tvb, int off, packet_info *pinfo, proto_tree *bt)
{
	volatile bool ok = true;

	TRY {
		bool end = false;

		one_option(tvb, off, pinfo, bt, &end);
		ok = !end;
	}
	CATCH_BOUNDS_ERRORS {
		ok = false;
	}
	ENDTRY;
	return ok;
}

void
ndisc_compat_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *bt,
		     const struct ndisc_pkt *pkt _U_)
{
	struct msg_state *st;

	if (!bt)
		return;
	st = state_new(bt);
	st->stopped = !wanted(bt) || !header_caught(tvb, pinfo, bt);
	st->opts_known = false;
}

void
ndisc_compat_option(tvbuff_t *tvb, int off, unsigned len _U_, packet_info *pinfo,
		    proto_tree *bt, uint8_t msg _U_, unsigned depth _U_)
{
	struct msg_state *st = bt ? state_of(bt) : NULL;

	if (!st || st->stopped)
		return;
	if (!PTREE_DATA(bt)->visible) {
		uint8_t type = tvb_get_uint8(tvb, off);

		if (type == NDP_OPT_SLLA || type == NDP_OPT_TLLA) {
			if (!any_referenced(lla_hfi, n_lla_hfi))
				return;
		} else {
			if (!st->opts_known) {
				st->opts = any_referenced(opt_hfi, n_opt_hfi);
				st->opts_known = true;
			}
			/* no option field asked for: only a PvD ID option, whose
			 * embedded RA header sets header fields again, is worth
			 * its fields */
			if (!st->opts && !(WS_ICMPV6_PVD_ID && type == NDP_OPT_PVD_ID))
				return;
		}
	}
	if (!option_caught(tvb, off, pinfo, bt))
		st->stopped = true;
}
