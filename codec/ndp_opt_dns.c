/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP options for DNS and provisioning domains: RDNSS and DNSSL (RFC 8106
 * 5.1, 5.2), PvD ID (RFC 8801 3.1), encrypted DNS (RFC 9463 6.1). */
#include "ndp_internal.h"

/* ---- 25: RDNSS (RFC 8106 5.1) ---- */

int ndp_opt_parse_rdnss(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	/* Length is 1 + 2n: whole addresses only. */
	if (len < 24 || (len - 8) % NDP_ADDR_LEN)
		return -EBADMSG;
	ret->u.rdnss.reserved = ndp_get16(opt + 2);
	ret->u.rdnss.lifetime = ndp_get32(opt + 4);
	ret->u.rdnss.addrs = ndp_view(opt + 8, len - 8);
	return 0;
}

int ndp_opt_check_rdnss(const struct ndp_opt *opt)
{
	struct ndp_bytes a = opt->u.rdnss.addrs;

	if (!a.len || a.len % NDP_ADDR_LEN)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_rdnss(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	struct ndp_bytes a = opt->u.rdnss.addrs;
	int r;

	if (!ndp_view_ok(a) || a.len % NDP_ADDR_LEN)
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + a.len)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.rdnss.reserved);
	ndp_put32(buf + 4, opt->u.rdnss.lifetime);
	*ret_len = 8 + ndp_put_bytes(buf + 8, a);
	return 0;
}

/* ---- 31: DNSSL (RFC 8106 5.2) ---- */

/* Length of a run of names, up to (not including) the zero padding. */
static int ndp_dns_names_span(const uint8_t *p, size_t len, size_t *ret_len)
{
	size_t off = 0;

	while (off < len && p[off] != 0) {
		size_t n;
		int r = ndp_dns_name_len(p + off, len - off, &n);

		if (r < 0)
			return r;
		off += n;
	}
	if (!ndp_all_zero(p + off, len - off))
		return -EBADMSG;
	*ret_len = off;
	return 0;
}

int ndp_opt_parse_dnssl(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	size_t n;
	int r;

	if (len < 16)
		return -EBADMSG;
	r = ndp_dns_names_span(opt + 8, len - 8, &n);
	if (r < 0)
		return r;
	ret->u.dnssl.reserved = ndp_get16(opt + 2);
	ret->u.dnssl.lifetime = ndp_get32(opt + 4);
	ret->u.dnssl.names = ndp_view(opt + 8, n);
	return 0;
}

int ndp_opt_check_dnssl(const struct ndp_opt *opt)
{
	struct ndp_bytes nm = opt->u.dnssl.names;
	size_t n;

	/* At least one name, each well formed, none the bare root. */
	if (!nm.len || nm.data[0] == 0)
		return -EINVAL;
	if (ndp_dns_names_span(nm.data, nm.len, &n) < 0 || n != nm.len)
		return -EINVAL;
	return 0;
}

int ndp_opt_build_dnssl(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			size_t *ret_len)
{
	struct ndp_bytes nm = opt->u.dnssl.names;
	int r;

	if (!ndp_view_ok(nm))
		return -EINVAL;
	if ((r = ndp_body_room(cap, 6 + nm.len)) < 0)
		return r;
	ndp_put16(buf + 2, opt->u.dnssl.reserved);
	ndp_put32(buf + 4, opt->u.dnssl.lifetime);
	*ret_len = 8 + ndp_put_bytes(buf + 8, nm);
	return 0;
}

/* ---- 21: PvD ID (RFC 8801 3.1) ---- */

/* Nested options must at least walk cleanly (no zero length, no overrun). */
static int ndp_opts_walk_ok(const uint8_t *p, size_t len)
{
	size_t off = 0, n = 0;

	while (off < len) {
		size_t olen;

		if (len - off < 2 || p[off + 1] == 0)
			return -EBADMSG;
		olen = (size_t)p[off + 1] * NDP_OPT_UNIT;
		if (olen > len - off || ++n > NDP_MAX_OPTS)
			return -EBADMSG;
		off += olen;
	}
	return 0;
}

int ndp_opt_parse_pvd_id(const uint8_t *opt, size_t len, struct ndp_opt *ret)
{
	struct ndp_opt_pvd_id *p = &ret->u.pvd_id;
	uint16_t w;
	size_t n, off;
	int r;

	if (len < 8)
		return -EBADMSG;
	w = ndp_get16(opt + 2);
	p->flag_h = w & 0x8000;
	p->flag_l = w & 0x4000;
	p->flag_r = w & 0x2000;
	p->reserved = (w >> 4) & 0x1ff;
	p->delay = w & 0xf;
	p->seq = ndp_get16(opt + 4);
	r = ndp_dns_name_len(opt + 6, len - 6, &n);
	if (r < 0)
		return r;
	p->fqdn = ndp_view(opt + 6, n);
	/* The FQDN is padded with zeros to the next 8-octet boundary. */
	off = 6 + n;
	off += ndp_pad8(off);
	if (off > len || !ndp_all_zero(opt + 6 + n, off - 6 - n))
		return -EBADMSG;
	if (p->flag_r) {
		/* An RA header (ICMPv6 header included, 16 octets). */
		if (len - off < 16)
			return -EBADMSG;
		p->ra_type = opt[off];
		p->ra_code = opt[off + 1];
		p->ra_checksum = ndp_get16(opt + off + 2);
		ndp_ra_hdr_parse(opt + off + 4, &p->ra);
		off += 16;
	}
	r = ndp_opts_walk_ok(opt + off, len - off);
	if (r < 0)
		return r;
	p->options = ndp_view(opt + off, len - off);
	return 0;
}

int ndp_opt_check_pvd_id(const struct ndp_opt *opt)
{
	const struct ndp_opt_pvd_id *p = &opt->u.pvd_id;
	struct ndp_opt nested[NDP_MAX_OPTS];
	size_t n, nn;

	if (!p->fqdn.len || p->fqdn.data[0] == 0)
		return -EINVAL;         /* RFC 8801 3.1: a non-root FQDN */
	if (ndp_dns_name_len(p->fqdn.data, p->fqdn.len, &n) < 0 ||
	    n != p->fqdn.len)
		return -EINVAL;
	if (p->delay > 15 || p->reserved > 0x1ff)
		return -EINVAL;
	if (p->flag_r && (p->ra_type != NDP_RA || p->ra_code != 0))
		return -EINVAL;
	if (ndp_opts_parse(p->options.data, p->options.len, nested,
			   NDP_MAX_OPTS, &nn) < 0)
		return -EINVAL;
	for (size_t i = 0; i < nn; i++) {
		const struct ndp_opt_desc *d = ndp_opt_desc_get(nested[i].type);

		/* RFC 8801 3.1: no PvD option inside a PvD option; the rest
		 * must be options an RA may carry. */
		if (nested[i].type == NDP_OPT_PVD_ID)
			return -EINVAL;
		if (d && !(d->msgs & NDP_M_RA))
			return -EINVAL;
		if (ndp_opt_check(&nested[i]) < 0)
			return -EINVAL;
	}
	return 0;
}

int ndp_opt_build_pvd_id(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
			 size_t *ret_len)
{
	const struct ndp_opt_pvd_id *p = &opt->u.pvd_id;
	size_t off, pad, body;
	int r;

	if (!ndp_view_ok(p->fqdn) || !ndp_view_ok(p->options))
		return -EINVAL;
	if (p->fqdn.len > NDP_OPT_MAX_LEN || p->options.len > NDP_OPT_MAX_LEN)
		return -EINVAL;
	off = 6 + p->fqdn.len;
	pad = ndp_pad8(off);
	body = off + pad - 2 + (p->flag_r ? 16 : 0) + p->options.len;
	if ((r = ndp_body_room(cap, body)) < 0)
		return r;
	ndp_put16(buf + 2, (uint16_t)((p->flag_h ? 0x8000 : 0) |
				      (p->flag_l ? 0x4000 : 0) |
				      (p->flag_r ? 0x2000 : 0) |
				      (p->reserved & 0x1ff) << 4 |
				      (p->delay & 0xf)));
	ndp_put16(buf + 4, p->seq);
	ndp_put_bytes(buf + 6, p->fqdn);
	memset(buf + off, 0, pad);
	off += pad;
	if (p->flag_r) {
		buf[off] = p->ra_type;
		buf[off + 1] = p->ra_code;
		ndp_put16(buf + off + 2, p->ra_checksum);
		ndp_ra_hdr_build(&p->ra, buf + off + 4);
		off += 16;
	}
	off += ndp_put_bytes(buf + off, p->options);
	*ret_len = off;
	return 0;
}

/* ---- 144: encrypted DNS (RFC 9463 6.1) ---- */

int ndp_opt_parse_encrypted_dns(const uint8_t *opt, size_t len,
				struct ndp_opt *ret)
{
	struct ndp_opt_encrypted_dns *e = &ret->u.encrypted_dns;
	size_t off = 10;

	if (len < 16)
		return -EBADMSG;
	e->priority = ndp_get16(opt + 2);
	e->lifetime = ndp_get32(opt + 4);
	e->adn_len = ndp_get16(opt + 8);
	if (len - off < (size_t)e->adn_len + 2)
		return -EBADMSG;
	e->adn = ndp_view(opt + off, e->adn_len);
	off += e->adn_len;
	e->addrs_len = ndp_get16(opt + off);
	off += 2;
	if (len - off < (size_t)e->addrs_len + 2 ||
	    e->addrs_len % NDP_ADDR_LEN)
		return -EBADMSG;
	e->addrs = ndp_view(opt + off, e->addrs_len);
	off += e->addrs_len;
	e->svcparams_len = ndp_get16(opt + off);
	off += 2;
	if (len - off < e->svcparams_len)
		return -EBADMSG;
	e->svcparams = ndp_view(opt + off, e->svcparams_len);
	off += e->svcparams_len;
	e->padding = ndp_view(opt + off, len - off);
	return 0;
}

int ndp_opt_check_encrypted_dns(const struct ndp_opt *opt)
{
	const struct ndp_opt_encrypted_dns *e = &opt->u.encrypted_dns;
	size_t n;

	/* RFC 9463 6.1: priority 0 (alias mode) is not allowed, the ADN is
	 * mandatory, at least one address, addresses whole. */
	if (e->priority == 0)
		return -EINVAL;
	if (!e->adn.len || e->adn.data[0] == 0 ||
	    ndp_dns_name_len(e->adn.data, e->adn.len, &n) < 0 ||
	    n != e->adn.len)
		return -EINVAL;
	if (!e->addrs.len || e->addrs.len % NDP_ADDR_LEN)
		return -EINVAL;
	if ((e->adn_len && e->adn_len != e->adn.len) ||
	    (e->addrs_len && e->addrs_len != e->addrs.len) ||
	    (e->svcparams_len && e->svcparams_len != e->svcparams.len))
		return -EINVAL;
	if (!ndp_all_zero(e->padding.data, e->padding.len))
		return -EINVAL;
	return 0;
}

int ndp_opt_build_encrypted_dns(const struct ndp_opt *opt, uint8_t *buf,
				size_t cap, size_t *ret_len)
{
	const struct ndp_opt_encrypted_dns *e = &opt->u.encrypted_dns;
	size_t off = 10, body;
	int r;

	if (!ndp_view_ok(e->adn) || !ndp_view_ok(e->addrs) ||
	    !ndp_view_ok(e->svcparams) || !ndp_view_ok(e->padding))
		return -EINVAL;
	if (e->adn.len > 0xffff || e->addrs.len > 0xffff ||
	    e->svcparams.len > 0xffff || e->padding.len > NDP_OPT_MAX_LEN)
		return -EINVAL;
	body = 8 + e->adn.len + 2 + e->addrs.len + 2 + e->svcparams.len +
	       e->padding.len;
	if ((r = ndp_body_room(cap, body)) < 0)
		return r;
	/* A length field of 0 means "the view's length"; any other value is
	 * written as given (negative tests). */
	ndp_put16(buf + 2, e->priority);
	ndp_put32(buf + 4, e->lifetime);
	ndp_put16(buf + 8, e->adn_len ? e->adn_len : (uint16_t)e->adn.len);
	off += ndp_put_bytes(buf + off, e->adn);
	ndp_put16(buf + off, e->addrs_len ? e->addrs_len :
					    (uint16_t)e->addrs.len);
	off += 2;
	off += ndp_put_bytes(buf + off, e->addrs);
	ndp_put16(buf + off, e->svcparams_len ? e->svcparams_len :
						(uint16_t)e->svcparams.len);
	off += 2;
	off += ndp_put_bytes(buf + off, e->svcparams);
	off += ndp_put_bytes(buf + off, e->padding);
	*ret_len = off;
	return 0;
}
