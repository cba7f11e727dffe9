/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp internals: a message described on a command line (RFC 4861
 * header fields, ND options of the IANA registry), its defaults and its
 * encoding into an Ethernet + IPv6 + ICMPv6 frame. */
#ifndef SOCKGEN_NDPG_H
#define SOCKGEN_NDPG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>

#include "ndp.h"

#define NDPG_STORE_CAP 65536    /* option bodies of one message */
#define NDPG_MAX_OPTLEN 16      /* --opt-len overrides per message */
#define NDPG_FRAME_CAP (14 + 40 + NDP_MSG_MAX_LEN)

/* Documented defaults when no interface is given (--pcap alone). */
#define NDPG_DEFAULT_SRC "fe80::1"
#define NDPG_DEFAULT_MAC "02:00:00:00:00:01"

struct ndpg_optlen {
	uint8_t type;
	uint8_t len;
};

/* One message: what a command line (or one script line) asked for. */
struct ndpg_msg {
	char ctx[320];                  /* "ndp ra": the prefix of messages */
	const char *verb;
	struct ndp_msg msg;             /* header fields + options in order */
	uint8_t src[16], dst[16];
	bool have_src, have_dst, have_target, have_destination;
	uint8_t src_mac[6], dst_mac[6];
	bool have_src_mac, have_dst_mac;
	bool dst_mac_guessed;           /* unicast, no EUI-64: the documented peer */
	bool have_slla, have_tlla;      /* given explicitly */
	bool no_slla, no_tlla;          /* default LLA option suppressed */
	int hop_limit;                  /* -1: 255 */
	bool bad_checksum;
	size_t n_optlen;
	struct ndpg_optlen optlen[NDPG_MAX_OPTLEN];
	/* Repetition (command line or per script line). */
	unsigned long count;            /* 0: not given (1) */
	double interval_ms;             /* between packets; -1 not given */
	double rate;                    /* packets/s; 0 not given */
	/* Arena for the option bodies the ndp_bytes views point into. */
	uint8_t *store;
	size_t store_len;
	char why[192];                  /* reason text built by a parser */
	/* Where each option of msg sits in the ICMPv6 message, as the
	 * encoder wrote it (or the parser found it): the manifest writer's
	 * view of the wire, so no option is built twice. */
	struct ndpg_span {
		size_t off, len;
	} span[NDP_MAX_OPTS];
};
/* Record the spans of a parsed message (options point into icmp). */
void ndpg_msg_spans_from_wire(struct ndpg_msg *m, const uint8_t *icmp);

/* Where defaults come from: the interface, or the documented constants. */
struct ndpg_link {
	uint8_t mac[6];
	uint8_t ll[16];                 /* link-local address */
	bool have_ll;
};

/* ---- ndp_args.c: value parsers. Return NULL on success or the reason. */
const char *ndpg_parse_ipv6(const char *s, uint8_t out[16]);
const char *ndpg_parse_prefix(const char *s, uint8_t out[16], uint8_t *len);
const char *ndpg_parse_mac(const char *s, uint8_t out[6]);
const char *ndpg_parse_uint(const char *s, uint64_t max, uint64_t *out);
const char *ndpg_parse_int(const char *s, int64_t min, int64_t max, int64_t *out);
/* Seconds: N, Ns, Nm, Nh, Nd or "infinity" (= max). */
const char *ndpg_parse_lifetime(const char *s, uint64_t max, uint64_t *out);
/* Hex octets into the arena ("0a0b", "0a:0b", "0x0a0b"); *ret points to them. */
const char *ndpg_parse_hex(struct ndpg_msg *m, const char *s, const uint8_t **ret,
			   size_t *ret_len);
/* n zeroed octets of the message's arena, NULL when it is full. */
uint8_t *ndpg_alloc(struct ndpg_msg *m, size_t n);

/* ---- ndp_opts_args.c: one flag per option type. */
struct ndpg_optflag {
	const char *name;               /* long option name, without "--" */
	uint8_t type;                   /* ND option type it builds */
	const char *syntax;             /* for --help */
	const char *help;
	/* NULL or the reason the argument is bad (m->why may hold it). */
	const char *(*parse)(struct ndpg_msg *m, const char *arg, struct ndp_opt *o);
};
extern const struct ndpg_optflag ndpg_optflags[];
extern const size_t ndpg_n_optflags;
/* ndp_list.c: the option and field tables as TSV or JSON (--list-options);
 * 0 or -1 on a write error. */
int ndpg_list_options(FILE *f, bool json);
/* Add an option built by flag f from arg; exit code style: 0 or 2 (message
 * printed, naming the flag). */
int ndpg_add_opt(struct ndpg_msg *m, const struct ndpg_optflag *f, const char *arg);

/* ---- ndp_msg.c: header flags, defaults and encoding. */
/* sockgen ndp's verbs are the codec's message kinds (ndp_msg_desc.verb). */
const struct ndp_msg_desc *ndpg_verb_find(const char *name);

/* Set defaults for verb v (NULL: no message yet, run options only). The
 * arena is allocated on first use and reused after: m->store must be NULL
 * (a zeroed struct) or the arena of an earlier init. 0 or -1 (no memory). */
int ndpg_msg_init(struct ndpg_msg *m, const struct ndp_msg_desc *v);
void ndpg_msg_free(struct ndpg_msg *m);
/* Parse argv (argv[0] is the verb) into m; run options go to run. Exit
 * code: 0, 2 after printing the message, or -1 when --help was printed. */
struct ndpg_run;
int ndpg_msg_args(struct ndpg_msg *m, struct ndpg_run *run, int argc, char **argv,
		  bool script_line);
/* Fill in what was not given (addresses, MACs, default LLA option) from
 * the link. 0 or 2 (message printed). */
int ndpg_msg_finish(struct ndpg_msg *m, const struct ndpg_link *link);
/* Encode the ICMPv6 message (options, --opt-len, checksum unless the kernel
 * does it) into icmp; 0 or a negative errno. */
int ndpg_msg_encode(struct ndpg_msg *m, uint8_t *icmp, size_t cap, size_t *ret_len,
		    bool checksum);
/* Ethernet + IPv6 + ICMPv6 frame. 0 or negative errno. */
int ndpg_msg_frame(struct ndpg_msg *m, uint8_t *frame, size_t cap, size_t *ret_len,
		   size_t *ret_icmp_off);
void ndpg_help(const struct ndp_msg_desc *v);

/* ---- ndp_manifest.c */
struct manifest;
void ndpg_manifest(struct manifest *mf, const struct ndpg_msg *m,
		   const uint8_t *icmp, size_t len);

/* ndp_cmd.c, ndp_listen.c: the subcommand (argv[0] "ndp") and its listen
 * verb (argv[0] "listen"). Exit code. */
int cmd_ndp(int argc, char **argv);
int cmd_ndp_listen(int argc, char **argv);
/* ndp_watch.c: listen --watch (cmd_ndp_listen hands over when argv has
 * --watch or an option only it takes) and its part of listen's --help. */
bool ndpg_watch_wanted(int argc, char **argv);
int cmd_ndp_watch(int argc, char **argv);
void ndpg_watch_usage(FILE *f);
/* ndp_solicit.c, ndp_resolve.c: rdisc6's and ndisc6's work (argv[0] is
 * "solicit" / "resolve"). Exit code. */
int cmd_ndp_solicit(int argc, char **argv);
int cmd_ndp_resolve(int argc, char **argv);

/* Run-wide options (outputs). */
struct ndpg_run {
	const char *pcap;
	const char *manifest;
	const char *raw_if;
	const char *iface;
	const char *script;             /* a path, or "-" for standard input */
	char *script_text;              /* read once: checked, then sent */
	size_t script_len;
	bool quiet;
	bool progress;
	bool have_start;                /* --start-time: pcap timestamps from it */
	struct timeval start;
	bool manifest_compact;          /* --manifest-format (compact unless full) */
	bool manifest_format_set;
};

#endif
