/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDP codec: IPv6 Neighbor Discovery messages and options as typed structs,
 * parsed from and built to wire bytes (RFC 4861, RFC 3122, RFC 3971 and the
 * RFCs of IANA's "IPv6 Neighbor Discovery Option Formats" registry).
 *
 * Conventions, relied on by the plugin and the generator's manifest:
 *  - Every option has a stem (ndp_opt_desc.stem). The display-filter field of
 *    struct member M of that option is "ndisc.opt.<stem>.<M>", where a member
 *    named flag_x becomes "flag.x" (ndisc.opt.prefix.flag.l). The only
 *    exception is the MTU value itself, "ndisc.opt.mtu".
 *  - Message header fields are "ndisc.<msg>.<M>" with msg one of rs, ra, ns,
 *    na, redirect, ind, cps, cpa (ndisc.ra.cur_hop_limit, ndisc.na.flag.s,
 *    ndisc.ns.target).
 *  - Variable parts (addresses lists, names, signatures, nested options)
 *    are (pointer, length) views: after parse they point into the parsed
 *    buffer, which must outlive the struct; for build they point to caller
 *    memory. Names (DNSSL, PvD ID, encrypted DNS ADN) are kept in DNS wire
 *    form; ndp_dns_name_encode()/ndp_dns_names_decode() convert.
 *  - All functions return 0 or a negative errno: -EBADMSG malformed wire
 *    data, -EINVAL bad builder input, -ENOSPC output buffer too small,
 *    -E2BIG more than NDP_MAX_OPTS options.
 */
#ifndef SOCKSCOPE_NDP_H
#define SOCKSCOPE_NDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NDP_MAX_OPTS 128        /* cap against pathological input */
#define NDP_ADDR_LEN 16
#define NDP_MAC_LEN 6
#define NDP_OPT_UNIT 8          /* option length is counted in 8 octets */
#define NDP_OPT_MAX_LEN (255 * NDP_OPT_UNIT)
#define NDP_MSG_MAX_LEN 65535

/* ICMPv6 message types that carry ND options. */
enum ndp_msg_type {
	NDP_RS = 133,           /* RFC 4861 4.1 */
	NDP_RA = 134,           /* RFC 4861 4.2 */
	NDP_NS = 135,           /* RFC 4861 4.3 */
	NDP_NA = 136,           /* RFC 4861 4.4 */
	NDP_REDIRECT = 137,     /* RFC 4861 4.5 */
	NDP_IND_SOL = 141,      /* RFC 3122 2.1 */
	NDP_IND_ADV = 142,      /* RFC 3122 2.2 */
	NDP_CPS = 148,          /* RFC 3971 6.4.1 */
	NDP_CPA = 149,          /* RFC 3971 6.4.2 */
};

/* Option type codes, IANA "IPv6 Neighbor Discovery Option Formats". */
enum ndp_opt_type {
	NDP_OPT_SLLA = 1,               /* RFC 4861 4.6.1 */
	NDP_OPT_TLLA = 2,               /* RFC 4861 4.6.1 */
	NDP_OPT_PREFIX = 3,             /* RFC 4861 4.6.2, RFC 6275, RFC 9762 */
	NDP_OPT_REDIRECTED = 4,         /* RFC 4861 4.6.3 */
	NDP_OPT_MTU = 5,                /* RFC 4861 4.6.4 */
	NDP_OPT_NBMA = 6,               /* RFC 2491 */
	NDP_OPT_ADV_INTERVAL = 7,       /* RFC 6275 7.3 */
	NDP_OPT_HA_INFO = 8,            /* RFC 6275 7.4 */
	NDP_OPT_SRC_ADDR_LIST = 9,      /* RFC 3122 3.1 */
	NDP_OPT_TGT_ADDR_LIST = 10,     /* RFC 3122 3.2 */
	NDP_OPT_CGA = 11,               /* RFC 3971 5.1 */
	NDP_OPT_RSA_SIG = 12,           /* RFC 3971 5.2 */
	NDP_OPT_TIMESTAMP = 13,         /* RFC 3971 5.3.1 */
	NDP_OPT_NONCE = 14,             /* RFC 3971 5.3.2 */
	NDP_OPT_TRUST_ANCHOR = 15,      /* RFC 3971 6.4.3 */
	NDP_OPT_CERTIFICATE = 16,       /* RFC 3971 6.4.4 */
	NDP_OPT_IP_ADDR = 17,           /* RFC 5568 6.4.1 */
	NDP_OPT_NEW_ROUTER_PREFIX = 18, /* RFC 4068 6.4.2 */
	NDP_OPT_LLA = 19,               /* RFC 5568 6.4.3 */
	NDP_OPT_NAACK = 20,             /* RFC 5568 6.4.4 */
	NDP_OPT_PVD_ID = 21,            /* RFC 8801 3.1 */
	NDP_OPT_MAP = 23,               /* RFC 5380 */
	NDP_OPT_ROUTE = 24,             /* RFC 4191 2.3 */
	NDP_OPT_RDNSS = 25,             /* RFC 8106 5.1 */
	NDP_OPT_RA_FLAGS_EXT = 26,      /* RFC 5175 4 */
	NDP_OPT_HKR = 27,               /* RFC 5269 5.1 */
	NDP_OPT_HKREP = 28,             /* RFC 5269 5.2 */
	NDP_OPT_HAI = 29,               /* RFC 5271 4.1 */
	NDP_OPT_MN_ID = 30,             /* RFC 5271 4.2 */
	NDP_OPT_DNSSL = 31,             /* RFC 8106 5.2 */
	NDP_OPT_PROXY_SIG = 32,         /* RFC 6496 4 */
	NDP_OPT_EARO = 33,              /* RFC 6775 4.1, RFC 8505 4.1 */
	NDP_OPT_6LOWPAN_CTX = 34,       /* RFC 6775 4.2 */
	NDP_OPT_ABRO = 35,              /* RFC 6775 4.3 */
	NDP_OPT_6CIO = 36,              /* RFC 7400 3.3, RFC 8505 4.3 */
	NDP_OPT_CAPTIVE_PORTAL = 37,    /* RFC 8910 2.3 */
	NDP_OPT_PREF64 = 38,            /* RFC 8781 4 */
	NDP_OPT_CIPO = 39,              /* RFC 8928 4.3 */
	NDP_OPT_NDP_SIG = 40,           /* RFC 8928 4.4 */
	NDP_OPT_RD_ADDR = 41,           /* RFC 9176 4.1 */
	NDP_OPT_UPTIME = 42,            /* RFC 9685 */
	NDP_OPT_CARD_REQ = 138,         /* RFC 4065 5.1 */
	NDP_OPT_CARD_REP = 139,         /* RFC 4065 5.2 */
	NDP_OPT_ENCRYPTED_DNS = 144,    /* RFC 9463 6.1 */
	NDP_OPT_EXP1 = 253,             /* RFC 4727 */
	NDP_OPT_EXP2 = 254,             /* RFC 4727 */
};

/* A (pointer, length) view of bytes; see the header comment for lifetime. */
struct ndp_bytes {
	const uint8_t *data;
	size_t len;
};

/* ---- message headers (the part after type, code, checksum) ---- */

struct ndp_rs { uint32_t reserved; };

struct ndp_ra {
	uint8_t cur_hop_limit;
	bool flag_m, flag_o, flag_h;    /* RFC 4861, RFC 6275 (H) */
	uint8_t prf;                    /* RFC 4191: 0 medium, 1 high, 3 low, 2 reserved */
	bool flag_p;                    /* RFC 4389 proxy */
	uint8_t reserved;               /* the 2 remaining bits of the flags octet */
	uint16_t router_lifetime;       /* seconds */
	uint32_t reachable;             /* ms */
	uint32_t retrans;               /* ms */
};

struct ndp_ns {
	uint32_t reserved;
	uint8_t target[NDP_ADDR_LEN];
};

struct ndp_na {
	bool flag_r, flag_s, flag_o;
	uint32_t reserved;              /* the 29 bits after R, S, O */
	uint8_t target[NDP_ADDR_LEN];
};

struct ndp_redirect {
	uint32_t reserved;
	uint8_t target[NDP_ADDR_LEN];
	uint8_t destination[NDP_ADDR_LEN];
};

/* Inverse ND solicitation and advertisement (141, 142). */
struct ndp_ind { uint32_t reserved; };

/* SEND certification path solicitation (148) / advertisement (149). */
struct ndp_cps { uint16_t identifier; uint16_t component; };
struct ndp_cpa {
	uint16_t identifier;
	uint16_t all_components;
	uint16_t component;
	uint16_t reserved;
};

/* ---- options ---- */

/* 1, 2: source/target link-layer address (RFC 4861 4.6.1). Ethernet: a 1-unit option whose
 * 6 octets are the MAC (field type ether); other link layers give len*8-2
 * octets, kept whole (the field is then bytes). */
struct ndp_opt_lla {
	struct ndp_bytes addr;
};

/* 3: prefix information (RFC 4861 4.6.2): 4 units. Flags octet L A R P +
 * 4 reserved bits: L, A (RFC 4861), R (RFC 6275 7.2), P (RFC 9762 4). */
struct ndp_opt_prefix {
	uint8_t len;                    /* prefix length, 0..128 */
	bool flag_l, flag_a, flag_r, flag_p;
	uint8_t reserved1;              /* the 4 low bits of the flags octet */
	uint32_t valid;                 /* seconds, 0xffffffff = infinity */
	uint32_t preferred;
	uint32_t reserved2;
	uint8_t prefix[NDP_ADDR_LEN];
};

/* 4: redirected header (RFC 4861 4.6.3): 6 reserved octets, then the start
 * of the redirected packet. */
struct ndp_opt_redirected {
	uint8_t reserved[6];
	struct ndp_bytes data;          /* IP header + data, incl. padding */
};

/* 5: MTU (RFC 4861 4.6.4): 1 unit. Field of the value is "ndisc.opt.mtu". */
struct ndp_opt_mtu {
	uint16_t reserved;
	uint32_t mtu;
};

/* 6: NBMA shortcut limit (RFC 2491 6.2). One unit: limit, 1 + 4 reserved. */
struct ndp_opt_nbma {
	uint8_t limit;
	uint8_t reserved1;
	uint32_t reserved2;
};

/* 7: advertisement interval (RFC 6275 7.3): 1 unit, milliseconds. */
struct ndp_opt_adv_interval {
	uint16_t reserved;
	uint32_t interval;
};

/* 8: home agent information (RFC 6275 7.4): 1 unit. */
struct ndp_opt_ha_info {
	uint16_t reserved;
	int16_t preference;             /* signed, RFC 6275 7.4 */
	uint16_t lifetime;              /* seconds */
};

/* 9, 10: source/target address list (RFC 3122 3.1, 3.2): 1 + 2n units. */
struct ndp_opt_addr_list {
	uint8_t reserved[6];
	struct ndp_bytes addrs;         /* n * 16 octets */
};

/* 11: CGA (RFC 3971 5.1): pad length, reserved, CGA parameters (kept
 * opaque; RFC 3972 3 structure), padding. */
struct ndp_opt_cga {
	uint8_t pad_len;
	uint8_t reserved;
	struct ndp_bytes params;        /* CGA parameters, without the padding */
	struct ndp_bytes padding;
};

/* 12: RSA signature (RFC 3971 5.2); 32: proxy signature (RFC 6496 4.2),
 * the same layout: reserved, 128-bit key hash, signature + padding. */
struct ndp_opt_signature {
	uint16_t reserved;
	uint8_t key_hash[16];
	struct ndp_bytes signature;     /* digital signature + padding */
};

/* 13: timestamp (RFC 3971 5.3.1): 2 units; 48-bit seconds + 16-bit 1/64K
 * fraction since 1970. */
struct ndp_opt_timestamp {
	uint8_t reserved[6];
	uint64_t timestamp;
};

/* 14: nonce (RFC 3971 5.3.2), at least 6 octets. */
struct ndp_opt_nonce {
	struct ndp_bytes nonce;
};

/* 15: trust anchor (RFC 3971 6.4.3): name type, pad length, name, padding. */
struct ndp_opt_trust_anchor {
	uint8_t name_type;              /* 1 DER X.501 name, 2 FQDN */
	uint8_t pad_len;
	struct ndp_bytes name;          /* without the padding */
};

/* 16: certificate (RFC 3971 6.4.4): cert type, reserved, cert + padding. */
struct ndp_opt_certificate {
	uint8_t cert_type;              /* 1 X.509v3 */
	uint8_t reserved;
	struct ndp_bytes cert;          /* certificate + padding */
};

/* 17: IP address/prefix (RFC 5568 6.4.1); 18: new router prefix information
 * (RFC 4068 6.4.2): 3 units each, the same layout. */
struct ndp_opt_ip_addr {
	uint8_t code;                   /* option-code */
	uint8_t prefix_len;
	uint32_t reserved;
	uint8_t addr[NDP_ADDR_LEN];
};

/* 19: link-layer address (RFC 5568 6.4.3): option-code, LLA + padding. */
struct ndp_opt_fmip_lla {
	uint8_t code;
	struct ndp_bytes lla;           /* incl. padding */
};

/* 20: neighbor advertisement acknowledgment (RFC 5568 6.4.4): option-code,
 * status, 4 reserved octets, then (status 2) the supplied new CoA. */
struct ndp_opt_naack {
	uint8_t code;
	uint8_t status;
	uint32_t reserved;
	struct ndp_bytes rest;          /* e.g. a new CoA in a 3-unit option */
};

/* 21: PvD ID (RFC 8801 3.1): H, L, R flags, delay, sequence, FQDN, and when R
 * is set an embedded RA header followed by nested options. */
struct ndp_opt_pvd_id {
	bool flag_h, flag_l, flag_r;
	uint16_t reserved;              /* 9 bits */
	uint8_t delay;                  /* 4 bits */
	uint16_t seq;
	struct ndp_bytes fqdn;          /* DNS wire form */
	uint8_t ra_type, ra_code;       /* of the embedded RA header (R set) */
	uint16_t ra_checksum;
	struct ndp_ra ra;               /* embedded RA header (R set) */
	struct ndp_bytes options;       /* nested options; ndp_opts_parse() them */
};

/* 23: MAP (RFC 5380 6.3). */
struct ndp_opt_map {
	uint8_t dist;                   /* 4 bits */
	uint8_t pref;                   /* 4 bits */
	bool flag_r;
	uint8_t reserved;               /* 7 bits */
	uint32_t valid;
	uint8_t addr[NDP_ADDR_LEN];
};

/* 24: route information (RFC 4191 2.3): 1, 2 or 3 units; the prefix holds
 * 0, 8 or 16 octets on the wire (zero-filled here). */
struct ndp_opt_route {
	uint8_t len;                    /* prefix length */
	uint8_t prf;
	uint8_t reserved1, reserved2;   /* 3 bits each side of prf */
	uint32_t lifetime;
	uint8_t prefix[NDP_ADDR_LEN];
};

/* 25: RDNSS (RFC 8106 5.1): 1 + 2n units. */
struct ndp_opt_rdnss {
	uint16_t reserved;
	uint32_t lifetime;
	struct ndp_bytes addrs;         /* n * 16 octets; field "addr" per address */
};

/* 26: RA flags extension (RFC 5175 4): 1 unit, 48 bits of flags. */
struct ndp_opt_ra_flags_ext {
	uint64_t flags;                 /* low 48 bits */
};

/* 27: handover key request (RFC 5269 5.1): pad length, AT(4) reserved(4),
 * public key, padding. */
struct ndp_opt_hkr {
	uint8_t pad_len;
	uint8_t at;                     /* algorithm type, 4 bits */
	uint8_t reserved;               /* 4 bits */
	struct ndp_bytes key;           /* public key, without padding */
};

/* 28: handover key reply (RFC 5269 5.2): pad length, AT(4) reserved(4),
 * key lifetime, encrypted handover key, padding. */
struct ndp_opt_hkrep {
	uint8_t pad_len;
	uint8_t at;
	uint8_t reserved;
	uint16_t lifetime;
	struct ndp_bytes key;           /* encrypted handover key, without padding */
};

/* 29: handover assist information (RFC 5271 4.1); 30: mobile node
 * identifier (RFC 5271 4.2): option-code, inner length, value, padding. */
struct ndp_opt_hai {
	uint8_t code;
	struct ndp_bytes value;         /* the id/HAI of the inner length octet */
};

/* 31: DNSSL (RFC 8106 5.2): names in DNS wire form, zero padding. */
struct ndp_opt_dnssl {
	uint16_t reserved;
	uint32_t lifetime;
	struct ndp_bytes names;         /* DNS wire form, padding excluded */
};

/* 33: ARO / EARO (RFC 6775 4.1, RFC 8505 4.1). The flags octet is
 * Rsvd(1) C(1, RFC 8928 4.2) P(2, RFC 9685) I(2) R(1) T(1); an ARO of
 * RFC 6775 is the same with all flags zero and an EUI-64 as ROVR. */
struct ndp_opt_earo {
	uint8_t status;
	uint8_t opaque;
	uint8_t reserved;               /* 1 bit (the top one) */
	bool flag_c;                    /* ROVR is a crypto-ID (RFC 8928) */
	uint8_t p;                      /* 2 bits: 0 unicast, 1 multicast, 2 anycast (RFC 9685) */
	uint8_t i;                      /* 2 bits */
	bool flag_r, flag_t;
	uint8_t tid;
	uint16_t lifetime;              /* units of 60 s */
	struct ndp_bytes rovr;          /* 8, 16, 24 or 32 octets */
};

/* 34: 6LoWPAN context (RFC 6775 4.2): 2 or 3 units; octet 3 is
 * reserved(3) C(1) CID(4). */
struct ndp_opt_6lowpan_ctx {
	uint8_t context_len;
	bool flag_c;
	uint8_t cid;                    /* 4 bits */
	uint8_t reserved1;              /* 3 bits */
	uint16_t reserved2;
	uint16_t lifetime;              /* units of 60 s */
	uint8_t prefix[NDP_ADDR_LEN];
};

/* 35: authoritative border router (RFC 6775 4.3): 3 units. */
struct ndp_opt_abro {
	uint16_t version_low, version_high;
	uint16_t lifetime;              /* units of 60 s, 0 = 10000 */
	uint8_t addr[NDP_ADDR_LEN];
};

/* 36: 6LoWPAN capability indication: 48 bits of flags, named per IANA
 * ("6LoWPAN Capability Bits"); bit 15 of the first 16 (G) is the least
 * significant of the first two octets. Values below are in .flags. */
struct ndp_opt_6cio {
	uint64_t flags;                 /* low 48 bits */
};
#define NDP_6CIO_G (UINT64_C(1) << 32)  /* RFC 7400 3.3: GHC capable */
#define NDP_6CIO_E (UINT64_C(1) << 33)  /* RFC 8505 4.3: EARO support */
#define NDP_6CIO_P (UINT64_C(1) << 34)  /* RFC 8505 4.3: routing registrar */
#define NDP_6CIO_B (UINT64_C(1) << 35)  /* RFC 8505 4.3: 6LBR */
#define NDP_6CIO_L (UINT64_C(1) << 36)  /* RFC 8505 4.3: 6LR */
#define NDP_6CIO_D (UINT64_C(1) << 37)  /* RFC 9010 8: RPL-unaware leaf support */

/* 37: captive portal (RFC 8910 2.3): URI, padded with NULs. */
struct ndp_opt_captive_portal {
	struct ndp_bytes uri;           /* without the NUL padding */
};

/* 38: PREF64 (RFC 8781 4): 2 units; scaled lifetime(13) PLC(3), the
 * highest 96 bits of the prefix. */
struct ndp_opt_pref64 {
	uint16_t lifetime;              /* scaled: units of 8 s, 13 bits */
	uint8_t plc;                    /* 3 bits: 0=/96 1=/64 2=/56 3=/48 4=/40 5=/32 */
	uint8_t prefix[NDP_ADDR_LEN];   /* first 12 octets on the wire */
};

/* 39: crypto-ID parameters (RFC 8928 4.3): reserved1(5) public key
 * length(11), crypto-type, reserved2, key, padding. */
struct ndp_opt_cipo {
	uint8_t reserved1;
	uint16_t key_len;               /* public key length */
	uint8_t crypto_type;
	uint8_t reserved2;
	struct ndp_bytes key;
	struct ndp_bytes padding;
};

/* 40: NDP signature (RFC 8928 4.4): pad length, reserved, 4 reserved octets,
 * signature, zero padding. The leading octets follow the original contract
 * of this header; NOT verified against the RFC text (not reachable here). */
struct ndp_opt_ndp_sig {
	uint8_t pad_len;
	uint8_t reserved1;
	uint32_t reserved2;
	struct ndp_bytes signature;
};

/* 41: resource directory address (RFC 9176 4.1): 3 units; a 16-bit
 * lifetime right after the length octet, 32 reserved bits, the address. */
struct ndp_opt_rd_addr {
	uint16_t lifetime;              /* units of 60 s, 0 = withdrawn */
	uint32_t reserved;
	uint8_t addr[NDP_ADDR_LEN];
};

/* 42: consistent uptime (RFC 9685). NOT verified against the RFC text (not
 * reachable from here): the first 6 octets of the body as below, the rest
 * kept as bytes, so any layout still round-trips. */
struct ndp_opt_uptime {
	uint8_t exponent;
	uint8_t reserved1;
	uint32_t uptime;
	struct ndp_bytes rest;
};

/* 138, 139: CARD request/reply (RFC 4065 4, experimental, RFC 4066): a
 * 16-bit reserved field, the rest kept as bytes. */
struct ndp_opt_card {
	uint16_t reserved;
	struct ndp_bytes body;
};

/* 144: encrypted DNS (RFC 9463 6.1). */
struct ndp_opt_encrypted_dns {
	uint16_t priority;
	uint32_t lifetime;
	uint16_t adn_len;
	struct ndp_bytes adn;           /* DNS wire form */
	uint16_t addrs_len;
	struct ndp_bytes addrs;         /* n * 16 */
	uint16_t svcparams_len;
	struct ndp_bytes svcparams;
	struct ndp_bytes padding;
};

/* Any other type (and 253, 254): body bytes after type and length. */
struct ndp_opt_raw {
	struct ndp_bytes data;
};

struct ndp_opt {
	uint8_t type;
	/* Length in 8-octet units as on the wire. On build, 0 means "compute"
	 * and any other value is written as is (negative tests). */
	uint8_t len;
	/* Parse: 0, or the negative errno of a bad body (the option is kept,
	 * u.raw holds its body, and parsing goes on). Always 0 or -errno. */
	int err;
	/* Build: the body is u.raw.data as given, whatever the type (sockgen's
	 * --opt TYPE:HEX, negative tests): no typed builder, no check; the
	 * option is padded with zeros to 8 octets like any other. */
	bool raw;
	/* parse: the whole option on the wire. While set, a rebuild pads the
	 * option back to this size if its body came out shorter (normalised
	 * padding); clear it for the natural size. */
	struct ndp_bytes wire;
	union {
		struct ndp_opt_lla lla;
		struct ndp_opt_prefix prefix;
		struct ndp_opt_redirected redirected;
		struct ndp_opt_mtu mtu;
		struct ndp_opt_nbma nbma;
		struct ndp_opt_adv_interval adv_interval;
		struct ndp_opt_ha_info ha_info;
		struct ndp_opt_addr_list addr_list;
		struct ndp_opt_cga cga;
		struct ndp_opt_signature signature;
		struct ndp_opt_timestamp timestamp;
		struct ndp_opt_nonce nonce;
		struct ndp_opt_trust_anchor trust_anchor;
		struct ndp_opt_certificate certificate;
		struct ndp_opt_ip_addr ip_addr;
		struct ndp_opt_fmip_lla fmip_lla;
		struct ndp_opt_naack naack;
		struct ndp_opt_pvd_id pvd_id;
		struct ndp_opt_map map;
		struct ndp_opt_route route;
		struct ndp_opt_rdnss rdnss;
		struct ndp_opt_ra_flags_ext ra_flags_ext;
		struct ndp_opt_hkr hkr;
		struct ndp_opt_hkrep hkrep;
		struct ndp_opt_hai hai;
		struct ndp_opt_dnssl dnssl;
		struct ndp_opt_earo earo;
		struct ndp_opt_6lowpan_ctx lowpan_ctx;
		struct ndp_opt_abro abro;
		struct ndp_opt_6cio cio;
		struct ndp_opt_captive_portal captive_portal;
		struct ndp_opt_pref64 pref64;
		struct ndp_opt_cipo cipo;
		struct ndp_opt_ndp_sig ndp_sig;
		struct ndp_opt_rd_addr rd_addr;
		struct ndp_opt_uptime uptime;
		struct ndp_opt_card card;
		struct ndp_opt_encrypted_dns encrypted_dns;
		struct ndp_opt_raw raw;
	} u;
};

struct ndp_msg {
	uint8_t type;
	uint8_t code;
	uint16_t checksum;              /* as on the wire / to be written */
	union {
		struct ndp_rs rs;
		struct ndp_ra ra;
		struct ndp_ns ns;
		struct ndp_na na;
		struct ndp_redirect redirect;
		struct ndp_ind ind;
		struct ndp_cps cps;
		struct ndp_cpa cpa;
	} h;
	size_t n_opts;
	struct ndp_opt opts[NDP_MAX_OPTS];
};

/* Bit per message kind, for ndp_opt_desc.msgs. */
enum {
	NDP_M_RS = 1u << 0, NDP_M_RA = 1u << 1, NDP_M_NS = 1u << 2,
	NDP_M_NA = 1u << 3, NDP_M_REDIRECT = 1u << 4, NDP_M_IND_SOL = 1u << 5,
	NDP_M_IND_ADV = 1u << 6, NDP_M_CPS = 1u << 7, NDP_M_CPA = 1u << 8,
	NDP_M_ANY = 0x1ffu,
};

/* The one option descriptor table (codec/ndp_options.c) drives parse, check
 * and build here and the option names, sizes and placement checks in the
 * plugin. */
struct ndp_opt_desc {
	uint8_t type;
	const char *name;               /* IANA name, "Prefix Information" */
	const char *stem;               /* filter-field stem, "prefix" */
	const char *ref;                /* "RFC 4861 4.6.2" */
	uint8_t min_units, max_units;   /* allowed length range, in 8 octets */
	uint32_t msgs;                  /* NDP_M_* where the RFCs allow it */
	bool once;                      /* may appear at most once per message */
	/* parse: opt is the whole option (type and length octets included)
	 * and len exactly its length * 8; wire checks only, -EBADMSG.
	 * check: meaning checks, -EINVAL.
	 * build: writes the body at buf + 2 (cap counted from buf) and sets
	 * *ret_len to the unpadded option length; ndp_opt_build() adds the
	 * type, the length octet and the zero padding. Call ndp_opt_parse/
	 * check/build rather than these directly. */
	int (*parse)(const uint8_t *opt, size_t len, struct ndp_opt *ret);
	int (*check)(const struct ndp_opt *opt);
	int (*build)(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		     size_t *ret_len);
};

/* NULL for a type the table does not describe (kept raw). */
const struct ndp_opt_desc *ndp_opt_desc_get(uint8_t type);
/* Iterate the table: i = 0.. until NULL. */
const struct ndp_opt_desc *ndp_opt_desc_at(size_t i);

/* Address text, as inet_ntop and Wireshark print it (ndp_text.c): returns
 * the length written, the text NUL-terminated. */
#define NDP_IP6_TEXT_LEN 46
#define NDP_MAC_TEXT_LEN 18
size_t ndp_ip6_text(const uint8_t a[16], char out[NDP_IP6_TEXT_LEN]);
size_t ndp_mac_text(const uint8_t m[6], char out[NDP_MAC_TEXT_LEN]);

/* ND message kinds (codec/ndp.c), the one table the generator's verbs,
 * help and the codec's checks read. */
struct ndp_msg_desc {
	uint8_t type;                   /* NDP_RA */
	uint32_t bit;                   /* NDP_M_RA */
	size_t fixed_len;               /* ICMPv6 header included */
	const char *name;               /* "Router Advertisement" */
	const char *short_name;         /* "Inverse ND Solicitation" for 141 */
	const char *verb;               /* "ra": sockgen ndp's subcommand */
	const char *ref;                /* "RFC 4861 4.2" */
};
/* NULL for a type that is not ND. */
const struct ndp_msg_desc *ndp_msg_desc_get(uint8_t type);
/* Iterate: i = 0.. until NULL. */
const struct ndp_msg_desc *ndp_msg_desc_at(size_t i);
/* By sockgen verb ("ind-sol"), or NULL. */
const struct ndp_msg_desc *ndp_msg_desc_find_verb(const char *verb);

/* "Router Advertisement", or NULL. */
const char *ndp_msg_name(uint8_t type);
/* Length of the fixed part, the 4-octet ICMPv6 header included: 8 for RS,
 * 16 for RA, 24 for NS/NA, 40 for redirect, 8 for 141/142/148, 12 for 149
 * (RFC 3971 6.4.2: identifier, all components, component, reserved); 0 if
 * the type is not ND. */
size_t ndp_msg_fixed_len(uint8_t type);
/* NDP_M_* bit of a message type, 0 if not ND. */
uint32_t ndp_msg_bit(uint8_t type);

/* Parse an ICMPv6 ND message (starting at the ICMPv6 type octet). Option
 * views point into buf. Malformed option headers end option parsing with
 * -EBADMSG; a bad option body is recorded in opt->err and skipped. */
int ndp_msg_parse(const uint8_t *buf, size_t len, struct ndp_msg *ret);
/* Meaning checks (ranges, consistency) of the message and its options:
 * -EINVAL, or an option's recorded parse error. */
int ndp_msg_check(const struct ndp_msg *msg);
/* The same; *ret_idx is the index of the offending option, or SIZE_MAX when
 * the header (or nothing) is at fault. */
int ndp_msg_check_detail(const struct ndp_msg *msg, size_t *ret_idx);
/* Build into buf; the checksum field is written as msg->checksum. */
int ndp_msg_build(const struct ndp_msg *msg, uint8_t *buf, size_t cap,
		  size_t *ret_len);

/* Options alone (also used for PvD ID nested options). */
int ndp_opts_parse(const uint8_t *buf, size_t len, struct ndp_opt *opts,
		   size_t cap, size_t *ret_n);
int ndp_opts_build(const struct ndp_opt *opts, size_t n, uint8_t *buf,
		   size_t cap, size_t *ret_len);
int ndp_opt_parse(const uint8_t *buf, size_t len, struct ndp_opt *ret);
int ndp_opt_check(const struct ndp_opt *opt);
int ndp_opt_build(const struct ndp_opt *opt, uint8_t *buf, size_t cap,
		  size_t *ret_len);

/* ICMPv6 checksum over the IPv6 pseudo-header (RFC 8200 8.1) and the
 * message; the message's own checksum octets are taken as they are, so pass
 * them zeroed to compute, or as received to verify (result 0 = good). */
uint16_t ndp_checksum(const uint8_t src[NDP_ADDR_LEN],
		      const uint8_t dst[NDP_ADDR_LEN],
		      const uint8_t *icmp, size_t len);

/* DNS names (RFC 1035 3.1, no compression). encode: "example.com" appended
 * as labels + root. decode: one dotted name per call at *off, advancing it;
 * -EBADMSG for a malformed name, -ENOENT at the end (only zero padding). */
int ndp_dns_name_encode(const char *name, uint8_t *buf, size_t cap,
			size_t *ret_len);
int ndp_dns_name_decode(const uint8_t *buf, size_t len, size_t *off,
			char *out, size_t out_cap);

/* Helpers for 16-octet address lists (RDNSS, address lists, encrypted DNS). */
static inline size_t ndp_addr_count(struct ndp_bytes b) { return b.len / NDP_ADDR_LEN; }
static inline const uint8_t *ndp_addr_at(struct ndp_bytes b, size_t i) { return b.data + i * NDP_ADDR_LEN; }

#endif
