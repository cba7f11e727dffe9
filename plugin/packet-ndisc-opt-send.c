/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ndisc options of SEcure Neighbor Discovery and its successors: CGA, RSA
 * signature, timestamp, nonce, trust anchor, certificate (RFC 3971 5, 6.4),
 * proxy signature (RFC 6496 4), CIPO and NDP signature (RFC 8928 4.3,
 * 4.4), as codec/ndp_opt_send.c. */
#include "ws_compat.h"
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/to_str.h>
#include <epan/dissectors/packet-ber.h>

#include "packet-ndisc-opt-send.h"
#include "ndp.h"

static int hf_cga_pad_len = -1;
static int hf_cga_reserved = -1;
static int hf_cga_params = -1;
static int hf_cga_padding = -1;
static int hf_cga_modifier = -1;
static int hf_cga_subnet_prefix = -1;
static int hf_cga_collision_count = -1;
static int hf_cga_public_key = -1;
static int hf_cga_ext_type = -1;
static int hf_cga_ext_len = -1;
static int hf_cga_ext_data = -1;
static int hf_rsa_sig_reserved = -1;
static int hf_rsa_sig_key_hash = -1;
static int hf_rsa_sig_signature = -1;
static int hf_timestamp_reserved = -1;
static int hf_timestamp_timestamp = -1;
static int hf_nonce_nonce = -1;
static int hf_trust_anchor_name_type = -1;
static int hf_trust_anchor_pad_len = -1;
static int hf_trust_anchor_name = -1;
static int hf_trust_anchor_fqdn = -1;
static int hf_trust_anchor_padding = -1;
static int hf_certificate_cert_type = -1;
static int hf_certificate_reserved = -1;
static int hf_certificate_cert = -1;
static int hf_certificate_padding = -1;
static int hf_proxy_sig_reserved = -1;
static int hf_proxy_sig_key_hash = -1;
static int hf_proxy_sig_signature = -1;
static int hf_cipo_reserved1 = -1;
static int hf_cipo_key_len = -1;
static int hf_cipo_crypto_type = -1;
static int hf_cipo_reserved2 = -1;
static int hf_cipo_key = -1;
static int hf_cipo_padding = -1;
static int hf_ndp_sig_pad_len = -1;
static int hf_ndp_sig_reserved1 = -1;
static int hf_ndp_sig_reserved2 = -1;
static int hf_ndp_sig_signature = -1;
static int hf_ndp_sig_padding = -1;

static int ett_cga_params = -1;
static int ett_cga_key = -1;
static int ett_cga_ext = -1;
static int ett_cert = -1;

/* The length of the DER element at off (X.690 8.1.3: short or long form,
 * at most 4 length octets), header included; -1 if it does not fit in
 * [off, end) or is not a definite-length SEQUENCE. */
static int
der_sequence_len(tvbuff_t *tvb, int off, int end)
{
	uint32_t len = 0;
	int hdr = 2;

	if (end - off < 2 || tvb_get_uint8(tvb, off) != 0x30)
		return -1;
	uint8_t l = tvb_get_uint8(tvb, off + 1);

	if (l & 0x80) {
		unsigned n = l & 0x7f;

		if (n == 0 || n > 4 || end - off < 2 + (int)n)
			return -1;
		for (unsigned i = 0; i < n; i++)
			len = len << 8 | tvb_get_uint8(tvb, off + 2 + (int)i);
		hdr += (int)n;
	} else {
		len = l;
	}
	if (len > (uint32_t)(end - off - hdr))
		return -1;
	return hdr + (int)len;
}

/* DER handed to Wireshark's own BER dissection; what it finds wrong stays
 * its expert info, and an exception it throws ends only this part. */
static void
dissect_der(struct optctx *c, tvbuff_t *der, proto_tree *tree, dissector_handle_t h)
{
	TRY {
		if (h)
			call_dissector(h, der, c->pinfo, tree);
		else
			dissect_unknown_ber(c->pinfo, der, 0, tree);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(der, c->pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
}

/* RFC 3972 3: modifier, subnet prefix, collision count, the public key (a
 * DER SubjectPublicKeyInfo), then extension fields (type, length, data). */
static void
cga_params(struct optctx *c, int off, int end)
{
	proto_item *ti;
	proto_tree *pt, *kt;
	int klen;

	ti = proto_tree_add_item(c->tree, hf_cga_params, c->tvb, off, end - off, ENC_NA);
	pt = proto_item_add_subtree(ti, ett_cga_params);
	if (end - off < 25) {
		opt_body_error(c, "CGA parameters shorter than modifier, prefix and count (25 octets)");
		return;
	}
	proto_tree_add_item(pt, hf_cga_modifier, c->tvb, off, 16, ENC_NA);
	proto_tree_add_item(pt, hf_cga_subnet_prefix, c->tvb, off + 16, 8, ENC_NA);
	proto_tree_add_item(pt, hf_cga_collision_count, c->tvb, off + 24, 1, ENC_BIG_ENDIAN);
	off += 25;
	klen = der_sequence_len(c->tvb, off, end);
	if (klen < 0) {
		proto_tree_add_item(pt, hf_cga_public_key, c->tvb, off, end - off, ENC_NA);
		opt_body_error(c, "the public key is not a DER SubjectPublicKeyInfo (RFC 3972 3)");
		return;
	}
	ti = proto_tree_add_item(pt, hf_cga_public_key, c->tvb, off, klen, ENC_NA);
	kt = proto_item_add_subtree(ti, ett_cga_key);
	dissect_der(c, tvb_new_subset_length(c->tvb, off, klen), kt, NULL);
	off += klen;
	while (off < end) {
		proto_tree *et;
		uint32_t elen;

		if (end - off < 4) {
			opt_body_error(c, "an extension field shorter than its type and length");
			return;
		}
		elen = tvb_get_ntohs(c->tvb, off + 2);
		et = proto_tree_add_subtree_format(pt, c->tvb, off, (int)MIN(4 + elen, (unsigned)(end - off)),
						   ett_cga_ext, NULL, "Extension field");
		proto_tree_add_item(et, hf_cga_ext_type, c->tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(et, hf_cga_ext_len, c->tvb, off + 2, 2, ENC_BIG_ENDIAN);
		if ((int)elen > end - off - 4) {
			opt_body_error(c, "an extension field runs past the CGA parameters");
			return;
		}
		if (elen)
			proto_tree_add_item(et, hf_cga_ext_data, c->tvb, off + 4, (int)elen, ENC_NA);
		off += 4 + (int)elen;
	}
}

static void
opt_cga(struct optctx *c)
{
	uint32_t pad = opt_add_uint(c, hf_cga_pad_len, 2, 1);
	int plen;

	opt_add_reserved(c, hf_cga_reserved, 3, 1);
	plen = (int)c->len - 4 - (int)pad;
	if (plen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		plen = (int)c->len - 4;
		pad = 0;
	}
	cga_params(c, 4, 4 + plen);
	opt_add_bytes(c, hf_cga_padding, 4 + plen, (int)pad);
	opt_summary(c, "%d octets of CGA parameters", plen);
}

static void
signature(struct optctx *c, int hf_res, int hf_hash, int hf_sig)
{
	opt_add_reserved(c, hf_res, 2, 2);
	proto_tree_add_item(c->tree, hf_hash, c->tvb, 4, 16, ENC_NA);
	opt_add_bytes(c, hf_sig, 20, c->len - 20);
	opt_summary(c, "key hash %s", tvb_bytes_to_str(c->pinfo->pool, c->tvb, 4, 16));
}

static void
opt_rsa_sig(struct optctx *c)
{
	signature(c, hf_rsa_sig_reserved, hf_rsa_sig_key_hash, hf_rsa_sig_signature);
}

static void
opt_proxy_sig(struct optctx *c)
{
	signature(c, hf_proxy_sig_reserved, hf_proxy_sig_key_hash, hf_proxy_sig_signature);
}

static void
opt_timestamp(struct optctx *c)
{
	uint64_t ts;
	time_t secs;

	opt_add_reserved(c, hf_timestamp_reserved, 2, 6);
	proto_tree_add_item_ret_uint64(c->tree, hf_timestamp_timestamp, c->tvb, 8, 8,
				       ENC_BIG_ENDIAN, &ts);
	/* 48 bits of seconds since 1970, 16 bits of 1/64K s (RFC 3971 5.3.1) */
	secs = (time_t)(ts >> 16);
	opt_summary(c, "%s", abs_time_secs_to_str(c->pinfo->pool, secs,
					      ABSOLUTE_TIME_UTC, true));
}

static void
opt_nonce(struct optctx *c)
{
	opt_add_bytes(c, hf_nonce_nonce, 2, c->len - 2);
	opt_summary(c, "%s", tvb_bytes_to_str(c->pinfo->pool, c->tvb, 2, c->len - 2));
}

static void
opt_trust_anchor(struct optctx *c)
{
	uint32_t nt = opt_add_uint(c, hf_trust_anchor_name_type, 2, 1);
	uint32_t pad = opt_add_uint(c, hf_trust_anchor_pad_len, 3, 1);
	int nlen = (int)c->len - 4 - (int)pad;

	if (nlen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		nlen = (int)c->len - 4;
		pad = 0;
	}
	opt_add_bytes(c, hf_trust_anchor_name, 4, nlen);
	/* RFC 3971 6.4.3: name type 2 is an FQDN in DNS wire format */
	if (nt == 2 && nlen > 0) {
		char *fqdn = NULL;
		int end = opt_dns_name(c->tvb, 4, 4 + nlen, c->pinfo->pool, &fqdn);

		if (end < 0) {
			opt_body_error(c, "FQDN is not a valid uncompressed DNS name");
		} else {
			proto_tree_add_string(c->tree, hf_trust_anchor_fqdn, c->tvb, 4, end - 4, fqdn);
			opt_add_bytes(c, hf_trust_anchor_padding, 4 + nlen, (int)pad);
			opt_summary(c, "FQDN %s", fqdn);
			return;
		}
	}
	opt_add_bytes(c, hf_trust_anchor_padding, 4 + nlen, (int)pad);
	opt_summary(c, "%s name, %d octets", nt == 1 ? "DER X.501" : nt == 2 ? "FQDN" : "unknown",
		nlen);
}

/* Wireshark's X.509 Certificate dissector, reached through a table it
 * registers itself in (the function is not exported to plugins). */
static dissector_handle_t
x509_certificate_handle(void)
{
	static dissector_handle_t h;
	static bool looked;

	if (!looked) {
		dissector_table_t t = find_dissector_table("ldap.name");

		h = t ? dissector_get_string_handle(t, "userCertificate") : NULL;
		looked = true;
	}
	return h;
}

/* RFC 3971 6.4.2: type (1 = X.509v3), reserved, the certificate (one DER
 * element), then padding to the option's end. */
static void
opt_certificate(struct optctx *c)
{
	uint32_t ct = opt_add_uint(c, hf_certificate_cert_type, 2, 1);
	int clen = der_sequence_len(c->tvb, 4, (int)c->len);
	proto_item *ti;

	opt_add_reserved(c, hf_certificate_reserved, 3, 1);
	if (clen < 0) {
		opt_add_bytes(c, hf_certificate_cert, 4, c->len - 4);
		if (ct == 1)
			opt_body_error(c, "the certificate is not one DER element (RFC 3971 6.4.2)");
		opt_summary(c, "%s, %u octets", ct == 1 ? "X.509v3" : "unknown type", c->len - 4);
		return;
	}
	ti = proto_tree_add_item(c->tree, hf_certificate_cert, c->tvb, 4, clen, ENC_NA);
	if (ct == 1)
		dissect_der(c, tvb_new_subset_length(c->tvb, 4, clen),
			    proto_item_add_subtree(ti, ett_cert), x509_certificate_handle());
	opt_add_bytes(c, hf_certificate_padding, 4 + clen, (int)c->len - 4 - clen);
	opt_summary(c, "%s, %d octets", ct == 1 ? "X.509v3" : "unknown type", clen);
}

/* RFC 8928 4.3: 5 reserved bits, 11-bit key length, crypto-type,
 * a reserved octet, the key, padding */
static void
opt_cipo(struct optctx *c)
{
	uint32_t w = tvb_get_ntohs(c->tvb, 2), klen = w & 0x07ff, ct;
	proto_item *ti;

	ti = proto_tree_add_item(c->tree, hf_cipo_reserved1, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ndisc_check_reserved(c->pinfo, ti, w >> 11);
	proto_tree_add_item(c->tree, hf_cipo_key_len, c->tvb, 2, 2, ENC_BIG_ENDIAN);
	ct = opt_add_uint(c, hf_cipo_crypto_type, 4, 1);
	opt_add_reserved(c, hf_cipo_reserved2, 5, 1);
	if (6 + klen > c->len) {
		opt_body_error(c, "public key length exceeds the option");
		klen = c->len - 6;
	}
	opt_add_bytes(c, hf_cipo_key, 6, (int)klen);
	opt_add_bytes(c, hf_cipo_padding, 6 + (int)klen, (int)(c->len - 6 - klen));
	opt_summary(c, "crypto-type %u, %u octets of public key", ct, klen);
}

/* RFC 8928 4.4 */
static void
opt_ndp_sig(struct optctx *c)
{
	uint32_t pad = opt_add_uint(c, hf_ndp_sig_pad_len, 2, 1);
	int slen;

	opt_add_reserved(c, hf_ndp_sig_reserved1, 3, 1);
	opt_add_reserved(c, hf_ndp_sig_reserved2, 4, 4);
	slen = (int)c->len - 8 - (int)pad;
	if (slen < 0) {
		opt_body_error(c, "pad length exceeds the option");
		slen = (int)c->len - 8;
		pad = 0;
	}
	opt_add_bytes(c, hf_ndp_sig_signature, 8, slen);
	opt_add_bytes(c, hf_ndp_sig_padding, 8 + slen, (int)pad);
	opt_summary(c, "%d octets of signature", slen);
}

const struct ndisc_opt_row ndisc_opt_send_rows[] = {
	{ .type = NDP_OPT_CGA, .fn = opt_cga, .min_len = 8 },
	{ .type = NDP_OPT_RSA_SIG, .fn = opt_rsa_sig, .min_len = 24 },
	{ .type = NDP_OPT_TIMESTAMP, .fn = opt_timestamp, .min_len = 16 },
	{ .type = NDP_OPT_NONCE, .fn = opt_nonce, .min_len = 8 },
	{ .type = NDP_OPT_TRUST_ANCHOR, .fn = opt_trust_anchor, .min_len = 8 },
	{ .type = NDP_OPT_CERTIFICATE, .fn = opt_certificate, .min_len = 8 },
	{ .type = NDP_OPT_PROXY_SIG, .fn = opt_proxy_sig, .min_len = 24 },
	{ .type = NDP_OPT_CIPO, .fn = opt_cipo, .min_len = 8 },
	{ .type = NDP_OPT_NDP_SIG, .fn = opt_ndp_sig, .min_len = 8 },
	{ .fn = NULL },
};

void
ndisc_opt_send_register(void)
{
	static hf_register_info hf[] = {
		{ &hf_cga_pad_len, { "Pad length", "ndisc.opt.cga.pad_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_reserved, { "Reserved", "ndisc.opt.cga.reserved", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_params, { "CGA parameters", "ndisc.opt.cga.params", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_padding, { "Padding", "ndisc.opt.cga.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_modifier, { "Modifier", "ndisc.opt.cga.modifier", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_subnet_prefix, { "Subnet prefix", "ndisc.opt.cga.subnet_prefix", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_collision_count, { "Collision count", "ndisc.opt.cga.collision_count", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_public_key, { "Public key (SubjectPublicKeyInfo)", "ndisc.opt.cga.public_key", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_ext_type, { "Extension type", "ndisc.opt.cga.ext.type", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_ext_len, { "Extension data length", "ndisc.opt.cga.ext.len", FT_UINT16, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cga_ext_data, { "Extension data", "ndisc.opt.cga.ext.data", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_rsa_sig_reserved, { "Reserved", "ndisc.opt.rsa_sig.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_rsa_sig_key_hash, { "Key hash", "ndisc.opt.rsa_sig.key_hash", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_rsa_sig_signature, { "Digital signature", "ndisc.opt.rsa_sig.signature", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_timestamp_reserved, { "Reserved", "ndisc.opt.timestamp.reserved", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_timestamp_timestamp, { "Timestamp", "ndisc.opt.timestamp.timestamp", FT_UINT64, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_nonce_nonce, { "Nonce", "ndisc.opt.nonce.nonce", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_trust_anchor_name_type, { "Name type", "ndisc.opt.trust_anchor.name_type", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_trust_anchor_pad_len, { "Pad length", "ndisc.opt.trust_anchor.pad_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_trust_anchor_name, { "Name", "ndisc.opt.trust_anchor.name", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_trust_anchor_fqdn, { "FQDN", "ndisc.opt.trust_anchor.fqdn", FT_STRING, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_trust_anchor_padding, { "Padding", "ndisc.opt.trust_anchor.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_certificate_cert_type, { "Certificate type", "ndisc.opt.certificate.cert_type", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_certificate_reserved, { "Reserved", "ndisc.opt.certificate.reserved", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_certificate_cert, { "Certificate", "ndisc.opt.certificate.cert", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_certificate_padding, { "Padding", "ndisc.opt.certificate.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_proxy_sig_reserved, { "Reserved", "ndisc.opt.proxy_sig.reserved", FT_UINT16, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_proxy_sig_key_hash, { "Key hash", "ndisc.opt.proxy_sig.key_hash", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_proxy_sig_signature, { "Digital signature", "ndisc.opt.proxy_sig.signature", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cipo_reserved1, { "Reserved", "ndisc.opt.cipo.reserved1", FT_UINT16, BASE_HEX,
			NULL, 0xf800, NULL, HFILL } },
		{ &hf_cipo_key_len, { "Public key length", "ndisc.opt.cipo.key_len", FT_UINT16, BASE_DEC,
			NULL, 0x07ff, NULL, HFILL } },
		{ &hf_cipo_crypto_type, { "Crypto-type", "ndisc.opt.cipo.crypto_type", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_cipo_reserved2, { "Reserved", "ndisc.opt.cipo.reserved2", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_cipo_key, { "Public key", "ndisc.opt.cipo.key", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_cipo_padding, { "Padding", "ndisc.opt.cipo.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_ndp_sig_pad_len, { "Pad length", "ndisc.opt.ndp_sig.pad_len", FT_UINT8, BASE_DEC,
			NULL, 0, NULL, HFILL } },
		{ &hf_ndp_sig_reserved1, { "Reserved", "ndisc.opt.ndp_sig.reserved1", FT_UINT8, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_ndp_sig_reserved2, { "Reserved", "ndisc.opt.ndp_sig.reserved2", FT_UINT32, BASE_HEX,
			NULL, 0, NULL, HFILL } },
		{ &hf_ndp_sig_signature, { "Signature", "ndisc.opt.ndp_sig.signature", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
		{ &hf_ndp_sig_padding, { "Padding", "ndisc.opt.ndp_sig.padding", FT_BYTES, BASE_NONE,
			NULL, 0, NULL, HFILL } },
	};
	static int *ett[] = { &ett_cga_params, &ett_cga_key, &ett_cga_ext, &ett_cert };

	proto_register_field_array(proto_ndisc, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
}
