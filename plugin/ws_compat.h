/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every difference between the Wireshark series sockscope builds for (4.0,
 * 4.4 and 4.6), and nowhere else. The code is written against the newest
 * API; this header maps those names onto the older series, keyed on
 * ws_version.h of the Wireshark being built against. Each #if names what
 * changed; add a series here, not in the dissectors. */
#ifndef SOCKSCOPE_WS_COMPAT_H
#define SOCKSCOPE_WS_COMPAT_H

#include <wireshark.h>
#include <ws_version.h>
#include <epan/tfs.h>           /* 4.6 no longer includes it from proto.h */
#include <wsutil/pint.h>

#define WS_AT_LEAST(maj, min) \
	(WIRESHARK_VERSION_MAJOR > (maj) || \
	 (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* ---- 4.4: C99 types in the API */
#if WS_AT_LEAST(4, 4)
/* The boolean of Wireshark's callback types and boolean preferences. */
typedef bool compat_bool;
#else
typedef gboolean compat_bool;
#include <epan/follow.h>        /* declared before the macro below */
#define tvb_get_uint8 tvb_get_guint8
#define tvb_find_uint8 tvb_find_guint8
/* 4.4 gives Follow Stream a stream count and sub-stream ids: 4.0 knows
 * neither and never asks. */
#define register_follow_stream(proto, tap, conv, index, addr, port, cb, count, sub) \
	register_follow_stream(proto, tap, conv, index, addr, port, cb)
#endif

/* ---- 4.6: byte-order helpers renamed, dissector_try_uint_new renamed */
#if !WS_AT_LEAST(4, 6)
#define pletohu32 pletoh32
#define pletohu64 pletoh64
#define phtoleu32 phtole32
#define phtoleu64 phtole64
#define dissector_try_uint_with_data dissector_try_uint_new
#define dissector_try_string_with_data dissector_try_string_new
#endif

/* ---- The built-in icmpv6 dissector's ND decode (packet-ndisc-compat.c
 * sets the same fields on the same octets). 4.4 decodes the PvD ID option
 * (RFC 8801) with its embedded RA header (icmpv6.nd.ra.* a second time)
 * and the options after it; reads the RA Flags Extension option as one
 * 48-bit field (RFC 5175: option bits 8-55), where 4.0 reads 16 bits as
 * if they were the RA header's M O H Prf P and 32 reserved bits; reads
 * the EARO's opaque, flags and TID (RFC 8505) where 4.0 has the ARO's
 * reserved octets (RFC 6775); and names the certificate option's cert
 * type icmpv6.opt.cert_type, where 4.0 registers it as a second
 * icmpv6.opt.name_type. */
#if WS_AT_LEAST(4, 4)
#define WS_ICMPV6_PVD_ID 1
#define WS_ICMPV6_EFO_48 1
#define WS_ICMPV6_EARO 1
#define WS_ICMPV6_CERT_TYPE "icmpv6.opt.cert_type"
#else
#define WS_ICMPV6_PVD_ID 0
#define WS_ICMPV6_EFO_48 0
#define WS_ICMPV6_EARO 0
#define WS_ICMPV6_CERT_TYPE "icmpv6.opt.name_type"
#endif

/* ---- Embedding libwireshark (tests/fuzz/fuzz_dissect.c), not the plugin.
 * 4.6: ws_log_init() and configuration_init() lose their program-name and
 * namespace arguments, and a record carries its own bytes (rec->data, from
 * which epan_dissect_run() makes the tvb); earlier series take the tvb. */
#ifdef SOCKSCOPE_EMBED_EPAN
#include <epan/column-info.h>
#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/frame_data.h>
#include <wiretap/wtap.h>
#include <wsutil/filesystem.h>   /* declared before the macros below */
#include <wsutil/wslog.h>

#if !WS_AT_LEAST(4, 6)
#define ws_log_init(vcmdarg_err) ws_log_init("sockscope", (vcmdarg_err))
#define configuration_init(arg0) configuration_init((arg0), NULL)
#endif

/* A packet record of len octets of encapsulation encap; the bytes stay the
 * caller's until compat_record_cleanup(). */
static inline void compat_record_init(wtap_rec *rec, int encap, const uint8_t *data, unsigned len)
{
#if WS_AT_LEAST(4, 6)
	wtap_rec_init(rec, len);
	wtap_setup_packet_rec(rec, encap);
	ws_buffer_append(&rec->data, data, len);
#else
	(void)data;
	wtap_rec_init(rec);
	rec->rec_type = REC_TYPE_PACKET;
	rec->rec_header.packet_header.pkt_encap = encap;
#endif
	rec->presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
	rec->rec_header.packet_header.caplen = len;
	rec->rec_header.packet_header.len = len;
}

static inline void compat_dissect_record(epan_dissect_t *edt, wtap_rec *rec, const uint8_t *data,
					 unsigned len, frame_data *fd, struct epan_column_info *cinfo)
{
#if WS_AT_LEAST(4, 6)
	(void)data;
	(void)len;
	epan_dissect_run(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, rec, fd, cinfo);
#else
	epan_dissect_run(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, rec,
			 tvb_new_real_data(data, len, (int)len), fd, cinfo);
#endif
}
#endif /* SOCKSCOPE_EMBED_EPAN */

#endif
