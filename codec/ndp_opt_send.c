/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP options of SEcure Neighbor Discovery and its successors: CGA, RSA
 * signature, timestamp, nonce, trust anchor, certificate (RFC 3971 5, 6.4),
 * proxy signature (RFC 6496 4), CIPO and NDP signature (RFC 8928 4.3, 4.4). */
#include "ndp_internal.h"

/* Options "fields, data, pad_len zero octets": the pad length octet must
 * fit the room after the fixed part. */
static int ndp_padded_split(size_t len, size_t fixed, uint8_t pad_len,
			    size_t *ret_data)
{
	if (len < fixed || pad_len > len - fixed)
		return -EBADMSG;
	*ret_data = len - fixed - pad_len;
	return 0;
}

/* Pad length to write: the explicit one, else what reaches the unit. */
static uint8_t ndp_pad_len(uint8_t explicit_pad, size_t unpadded)
{
	return explicit_pad ? explicit_pad : (uint8_t)ndp_pad8(unpadded);
}

/* ---- 11: CGA (RFC 3971 5.1) ---- */

int ndp_opt_parse_cga(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_cga *c = &ret->u.cga;
	size_t n;

	if (ndp_padded_split(len, 4, opt[2], &n) < 0)
		return -EBADMSG;
	c->pad_len = opt[2];
	c->reserved = opt[3];
	c->params = ndp_view(opt + 4, n);
	c->padding = ndp_view(opt + 4 + n, c->pad_len);
	return 0;
}

int ndp_opt_check_cga(const struct ndp_opt *opt)
{
	const struct ndp_opt_cga *c = &opt->u.cga;

	/* RFC 3972 3: modifier 16, subnet prefix 8, collision count 1,
	 * then a DER public key: more than 25 octets. */
	if (c->params.len <= 25)
		return -EINVAL;
	if (c->padding.len && c->pad_len != c->padding.len)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_cga(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		      size_t *ret_len)
{
	const struct ndp_opt_cga *c = &opt->u.cga;
	size_t n;
	int r;

	if (!ndp_view_ok(c->params) || !ndp_view_ok(c->padding))
		return -EINVAL;
	if (c->params.len > NDP_OPT_MAX_LEN || c->padding.len > 255)
		return -EINVAL;
	n = 2 + c->params.len + c->padding.len;
	if ((r = ndp_body_room(cap, n)) < 0)
		return r;
	buf[2] = c->padding.len ? (c->pad_len ? c->pad_len :
				   (uint8_t)c->padding.len) :
				  ndp_pad_len(c->pad_len, 4 + c->params.len);
	buf[3] = c->reserved;
	n = 4 + ndp_put_bytes(buf + 4, c->params);
	n += ndp_put_bytes(buf + n, c->padding);
	*ret_len = n;
	return 0;
}

/* ---- 12: RSA signature (RFC 3971 5.2); 32: proxy signature (RFC 6496
 *         4.2), the same layout ---- */

int ndp_opt_parse_signature(const uint8_t *opt, size_t len,
			    struct ndp_opt *ret)
{
	if (len < 24)
		return -EBADMSG;
	ret->u.signature.reserved = ndp_get16(opt + 2);
	memcpy(ret->u.signature.key_hash, opt + 4, 16);
	ret->u.signature.signature = ndp_view(opt + 20, len - 20);
	return 0;
}

int ndp_opt_check_signature(const struct ndp_opt *opt)
{
	struct ndp_bytes s = opt->u.signature.signature;

	/* Padding zeros follow the signature; all zeros is no signature. */
	return s.len && !ndp_all_zero(s.data, s.len) ? 0 : -EINVAL;
}

int ndp_opt_build_signature(const struct ndp_opt *opt, uint8_t *buf,
			    size_t cap, size_t *ret_len)
{
	struct ndp_bytes s = opt->u.signature.signature;
	int r;

	if (!ndp_view_ok(s))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 18 + s.len)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.signature.reserved);
	memcpy(buf + 4, opt->u.signature.key_hash, 16);
	*ret_len = 20 + ndp_put_bytes(buf + 20, s);
	return 0;
}

/* ---- 13: timestamp (RFC 3971 5.3.1) ---- */

int ndp_opt_parse_timestamp(const uint8_t *opt, size_t len,
			    struct ndp_opt *ret)
{
	if (len != 16)
		return -EBADMSG;
	memcpy(ret->u.timestamp.reserved, opt + 2, 6);
	ret->u.timestamp.timestamp = (uint64_t)ndp_get32(opt + 8) << 32 |
				     ndp_get32(opt + 12);
	return 0;
}

int ndp_opt_check_timestamp(const struct ndp_opt *opt)
{
	(void)opt;      /* freshness is the receiver's clock's business */
	return 0;
}

int ndp_opt_build_timestamp(const struct ndp_opt *opt, uint8_t *buf,
			    size_t cap, size_t *ret_len)
{
	uint64_t t = opt->u.timestamp.timestamp;
	int r;

	if ((r = ndp_body_room(cap, 14)) < 0)
		return r;
	memcpy(buf + 2, opt->u.timestamp.reserved, 6);
	ndp_put32(buf + 8, (uint32_t)(t >> 32));
	ndp_put32(buf + 12, (uint32_t)t);
	*ret_len = 16;
	return 0;
}

/* ---- 14: nonce (RFC 3971 5.3.2) ---- */

int ndp_opt_parse_nonce(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	ret->u.nonce.nonce = ndp_view(opt + 2, len - 2);
	return 0;
}

int ndp_opt_check_nonce(const struct ndp_opt *opt)
{
	/* RFC 3971 5.3.2: at least 6 octets of random data. */
	return opt->u.nonce.nonce.len >= 6 ? 0 : -EINVAL;
}

int ndp_opt_build_nonce(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	struct ndp_bytes nv = opt->u.nonce.nonce;
	int r;

	if (!ndp_view_ok(nv))
		return -EINVAL;
	if ((r = ndp_body_room(cap, nv.len)) < 0)
		return r;
	*ret_len = 2 + ndp_put_bytes(buf + 2, nv);
	return 0;
}

/* ---- 15: trust anchor (RFC 3971 6.4.3) ---- */

int ndp_opt_parse_trust_anchor(const uint8_t *opt, size_t len,
			       struct ndp_opt *ret)
{
	size_t n;

	if (ndp_padded_split(len, 4, opt[3], &n) < 0)
		return -EBADMSG;
	if (!ndp_all_zero(opt + 4 + n, opt[3]))
		return -EBADMSG;        /* keep it raw so it round-trips */
	ret->u.trust_anchor.name_type = opt[2];
	ret->u.trust_anchor.pad_len = opt[3];
	ret->u.trust_anchor.name = ndp_view(opt + 4, n);
	return 0;
}

int ndp_opt_check_trust_anchor(const struct ndp_opt *opt)
{
	const struct ndp_opt_trust_anchor *t = &opt->u.trust_anchor;
	size_t n;

	if (!t->name.len)
		return -EINVAL;
	switch (t->name_type) {
	case 1:                 /* DER encoded X.501 name */
		return 0;
	case 2:                 /* FQDN, DNS wire form (RFC 3971 6.4.3) */
		if (ndp_dns_name_len(t->name.data, t->name.len, &n) < 0 ||
		    n != t->name.len)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

int ndp_opt_build_trust_anchor(const struct ndp_opt *opt, uint8_t *buf,
			       size_t cap, size_t *ret_len)
{
	const struct ndp_opt_trust_anchor *t = &opt->u.trust_anchor;
	uint8_t pad;
	int r;

	if (!ndp_view_ok(t->name))
		return -EINVAL;
	pad = ndp_pad_len(t->pad_len, 4 + t->name.len);
	if ((r = ndp_body_room(cap, 2 + t->name.len + pad)) < 0)
		return r;
	buf[2] = t->name_type;
	buf[3] = pad;
	ndp_put_bytes(buf + 4, t->name);
	memset(buf + 4 + t->name.len, 0, pad);
	*ret_len = 4 + t->name.len + pad;
	return 0;
}

/* ---- 16: certificate (RFC 3971 6.4.4) ---- */

int ndp_opt_parse_certificate(const uint8_t *opt, size_t len,
			      struct ndp_opt *ret)
{
	ret->u.certificate.cert_type = opt[2];
	ret->u.certificate.reserved = opt[3];
	ret->u.certificate.cert = ndp_view(opt + 4, len - 4);
	return 0;
}

int ndp_opt_check_certificate(const struct ndp_opt *opt)
{
	const struct ndp_opt_certificate *c = &opt->u.certificate;

	/* 1 = X.509v3, the only type defined. */
	return c->cert_type == 1 && c->cert.len ? 0 : -EINVAL;
}

int ndp_opt_build_certificate(const struct ndp_opt *opt, uint8_t *buf,
			      size_t cap, size_t *ret_len)
{
	struct ndp_bytes c = opt->u.certificate.cert;
	int r;

	if (!ndp_view_ok(c))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 2 + c.len)) < 0)
		return r;
	buf[2] = opt->u.certificate.cert_type;
	buf[3] = opt->u.certificate.reserved;
	*ret_len = 4 + ndp_put_bytes(buf + 4, c);
	return 0;
}

/* ---- 39: crypto-ID parameters (RFC 8928 4.3) ---- */

int ndp_opt_parse_cipo(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_cipo *c = &ret->u.cipo;
	uint16_t w;

	if (len < 8)
		return -EBADMSG;
	/* 5 reserved bits, then an 11-bit public key length. */
	w = ndp_get16(opt + 2);
	c->reserved1 = (uint8_t)(w >> 11);
	c->key_len = w & 0x7ff;
	c->crypto_type = opt[4];
	c->reserved2 = opt[5];
	if (c->key_len > len - 6)
		return -EBADMSG;
	c->key = ndp_view(opt + 6, c->key_len);
	c->padding = ndp_view(opt + 6 + c->key_len, len - 6 - c->key_len);
	return 0;
}

int ndp_opt_check_cipo(const struct ndp_opt *opt)
{
	const struct ndp_opt_cipo *c = &opt->u.cipo;

	/* RFC 8928 8.3: crypto-types 0 (ECDSA256), 1 (Ed25519),
	 * 2 (ECDSA25519); keys are never empty. */
	if (c->crypto_type > 2 || !c->key.len)
		return -EINVAL;
	if (c->key_len && c->key_len != c->key.len)
		return -EINVAL;
	if (c->padding.len >= NDP_OPT_UNIT ||
	    !ndp_all_zero(c->padding.data, c->padding.len))
		return -EINVAL;
	return 0;
}

int ndp_opt_build_cipo(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		       size_t *ret_len)
{
	const struct ndp_opt_cipo *c = &opt->u.cipo;
	uint16_t klen;
	size_t n;
	int r;

	if (!ndp_view_ok(c->key) || !ndp_view_ok(c->padding))
		return -EINVAL;
	if (c->key.len > 0x7ff || c->padding.len > NDP_OPT_MAX_LEN)
		return -EINVAL;
	klen = c->key_len ? c->key_len : (uint16_t)c->key.len;
	if ((r = ndp_body_room(cap, 4 + c->key.len + c->padding.len)) < 0)
		return r;
	ndp_put16(buf + 2, (uint16_t)((c->reserved1 & 0x1f) << 11 |
				      (klen & 0x7ff)));
	buf[4] = c->crypto_type;
	buf[5] = c->reserved2;
	n = 6 + ndp_put_bytes(buf + 6, c->key);
	n += ndp_put_bytes(buf + n, c->padding);
	*ret_len = n;
	return 0;
}

/* ---- 40: NDP signature (RFC 8928 4.4) ---- */

int ndp_opt_parse_ndp_sig(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	size_t n;

	if (ndp_padded_split(len, 8, opt[2], &n) < 0)
		return -EBADMSG;
	ret->u.ndp_sig.pad_len = opt[2];
	ret->u.ndp_sig.reserved1 = opt[3];
	ret->u.ndp_sig.reserved2 = ndp_get32(opt + 4);
	ret->u.ndp_sig.signature = ndp_view(opt + 8, n);
	if (!ndp_all_zero(opt + 8 + n, opt[2]))
		return -EBADMSG;
	return 0;
}

int ndp_opt_check_ndp_sig(const struct ndp_opt *opt)
{
	return opt->u.ndp_sig.signature.len ? 0 : -EINVAL;
}

int ndp_opt_build_ndp_sig(const struct ndp_opt *opt, uint8_t *buf,
			  size_t cap, size_t *ret_len)
{
	const struct ndp_opt_ndp_sig *s = &opt->u.ndp_sig;
	uint8_t pad;
	int r;

	if (!ndp_view_ok(s->signature))
		return -EINVAL;
	pad = ndp_pad_len(s->pad_len, 8 + s->signature.len);
	if ((r = ndp_body_room(cap, 6 + s->signature.len + pad)) < 0)
		return r;
	buf[2] = pad;
	buf[3] = s->reserved1;
	ndp_put32(buf + 4, s->reserved2);
	ndp_put_bytes(buf + 8, s->signature);
	memset(buf + 8 + s->signature.len, 0, pad);
	*ret_len = 8 + s->signature.len + pad;
	return 0;
}
