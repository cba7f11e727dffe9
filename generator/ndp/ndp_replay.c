/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp replay: read the ND messages (RFC 4861 and the option RFCs)
 * of a pcap or pcapng capture, apply --set / --drop-opt / --add-opt edits,
 * and send them to sockgen ndp's outputs (pcap, raw ICMPv6 socket, link
 * layer) with a manifest, like scapy's rdpcap, modify, sendp. The file is
 * gone through twice: every packet is checked and edited without output
 * first, so bad input is found before anything is created or sent. */
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "live_out.h"
#include "manifest.h"
#include "ndp_edit.h"
#include "ndp_replay.h"
#include "ndpg.h"
#include "pcap_out.h"
#include "sockgen.h"

#define CTX "ndp replay"
#define OUT_CAP (262144 + NDP_MSG_MAX_LEN + 64)

int ndpg_add_raw_opt(struct ndpg_msg *m, const char *arg);

struct replay {
	const char *in;
	const char *filter;
	uint32_t kinds;                 /* --filter as message names: NDP_M_* */
	struct ndpe_set *sets;
	size_t n_sets;
	bool drop[256], any_drop;
	struct ndpg_msg *add;           /* --add-opt: the options to append */
	bool keep_other;
	struct ndpg_run run;
	/* input */
	pcap_t *pc;
	struct bpf_program bpf;
	bool have_bpf;
	int dlt;
	bool nano;
	/* outputs (the sending pass) */
	bool send;
	struct pcap_out *pcap;
	struct manifest *mf;
	struct raw_out *raw;
	struct link_out *link;
	bool have_t0;
	struct timeval t0;              /* the first packet's time (--start-time) */
	/* counts of a pass */
	uint64_t frames, nd, edited, other, unselected, unparsed;
	/* work space */
	struct ndpg_msg *m;
	uint8_t *out;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sockgen ndp replay --from-pcap FILE [edits] [--filter EXPR] [--keep-other]\n"
		"                          outputs (--pcap FILE, --raw IF, --iface IF; --manifest FILE)\n"
		"       sockgen ndp replay --list-fields\n"
		"Read the ND messages of a pcap or pcapng capture (Ethernet, Linux cooked\n"
		"SLL/SLL2, raw IPv6, BSD loopback), edit them, and send them again: IPv6\n"
		"payload length, option lengths and the ICMPv6 checksum are recomputed for\n"
		"every edited message; a message no edit touches goes out byte for byte.\n"
		"  --from-pcap FILE   the capture to read\n"
		"  --set FIELD=VALUE  set a field named as the plugin's display filter:\n"
		"                     ipv6.src/dst/hlim, the message's (ndisc.code,\n"
		"                     ndisc.ra.router_lifetime, ndisc.na.flag.o, ...) or an\n"
		"                     option's (ndisc.opt.prefix.valid: in every prefix option;\n"
		"                     ndisc.opt.prefix[2].valid: in the second); --list-fields\n"
		"  --drop-opt TYPE    remove every option of a type: a number or its name\n"
		"                     (slla, prefix, mtu, rdnss, ...: sockgen ndp --list-options)\n"
		"  --add-opt SPEC     append an option: NAME=ARG with a sockgen ndp option flag\n"
		"                     and its argument (mtu=1280, prefix=2001:db8::/64,L,A,\n"
		"                     rdnss=2001:db8::53,lifetime=60), or TYPE:HEX as --opt\n"
		"  --filter EXPR      only these messages: ND message names (ra, ns,na), or a\n"
		"                     pcap-filter(7) expression as tcpdump takes it\n"
		"                     ('icmp6 and ip6 src fe80::1'); the others count as other\n"
		"  --keep-other       other packets (not ND, or not selected) go to --pcap\n"
		"                     unchanged; skipped otherwise (counted on stderr)\n"
		"  --pcap FILE        keeps the capture's link type, snapshot length and\n"
		"                     timestamp precision\n"
		"  --raw IF           the ICMPv6 message on a raw socket (the kernel writes\n"
		"                     the IPv6 header and the checksum)\n"
		"  --iface IF         whole frames on the link layer (Ethernet captures)\n"
		"  --manifest FILE    one record per ND message sent (sockgen verify)\n"
		"  --manifest-format full|compact, --start-time TIME (first packet's time;\n"
		"                     otherwise the capture's own), --quiet\n"
		"Packets are sent as fast as they are read, not at the capture's pace.\n\n"
		"Examples:\n"
		"  sockgen ndp replay --from-pcap in.pcapng --pcap out.pcap     # same packets\n"
		"  sockgen ndp replay --from-pcap ra.pcap --set ndisc.ra.router_lifetime=0 \\\n"
		"      --set ndisc.opt.prefix.valid=60 --pcap out.pcap --manifest out.jsonl\n"
		"  sockgen ndp replay --from-pcap in.pcap --filter ra --drop-opt rdnss \\\n"
		"      --add-opt mtu=1280 --iface veth0\n"
		"  sockgen ndp replay --from-pcap in.pcap --filter 'icmp6 and ip6 src fe80::1' \\\n"
		"      --set ipv6.hlim=64 --keep-other --pcap out.pcap\n");
}

/* ---- link layers */

static bool is_ip6(const uint8_t *p, size_t len, size_t off)
{
	return len >= off + 40 && (p[off] >> 4) == 6;
}

long ndpg_replay_l3(int dlt, const uint8_t *p, size_t len)
{
	size_t off;
	unsigned et;

	switch (dlt) {
	case DLT_EN10MB:
		if (len < 14)
			return -1;
		off = 12;
		et = (unsigned)p[off] << 8 | p[off + 1];
		while ((et == 0x8100 || et == 0x88a8) && len >= off + 6) {
			off += 4;
			et = (unsigned)p[off] << 8 | p[off + 1];
		}
		off += 2;
		return et == 0x86dd && is_ip6(p, len, off) ? (long)off : -1;
	case DLT_LINUX_SLL:             /* protocol at 14, header 16 */
		return len >= 16 && ((unsigned)p[14] << 8 | p[15]) == 0x86dd &&
		       is_ip6(p, len, 16) ? 16 : -1;
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:            /* protocol at 0, header 20 */
		return len >= 20 && ((unsigned)p[0] << 8 | p[1]) == 0x86dd &&
		       is_ip6(p, len, 20) ? 20 : -1;
#endif
	case DLT_RAW:
#ifdef DLT_IPV6
	case DLT_IPV6:
#endif
		return is_ip6(p, len, 0) ? 0 : -1;
	case DLT_NULL:
	case DLT_LOOP:                  /* 4 octets of address family */
		return is_ip6(p, len, 4) ? 4 : -1;
	default:
		return -1;
	}
}

static bool dlt_known(int dlt)
{
	return dlt == DLT_EN10MB || dlt == DLT_LINUX_SLL || dlt == DLT_RAW || dlt == DLT_NULL ||
#ifdef DLT_LINUX_SLL2
	       dlt == DLT_LINUX_SLL2 ||
#endif
#ifdef DLT_IPV6
	       dlt == DLT_IPV6 ||
#endif
	       dlt == DLT_LOOP;
}

/* ---- one packet */

struct pkt {
	const struct pcap_pkthdr *h;
	const uint8_t *data;
	size_t l3, icmp, end;           /* IPv6 header, ICMPv6, end of the IPv6 packet */
};

/* An ICMPv6 ND message in the frame: true with its offsets. */
static bool find_nd(const struct replay *r, struct pkt *k)
{
	const uint8_t *p = k->data;
	size_t len = k->h->caplen, off;
	long l3 = ndpg_replay_l3(r->dlt, p, len);
	uint8_t nh;

	if (l3 < 0 || len > OUT_CAP - NDP_MSG_MAX_LEN - 64)
		return false;   /* no IPv6, or larger than the work space */
	k->l3 = (size_t)l3;
	k->end = k->l3 + 40 + ((size_t)p[k->l3 + 4] << 8 | p[k->l3 + 5]);
	if (k->end > len)
		return false;   /* cut short by the snapshot length: not editable */
	nh = p[k->l3 + 6];
	off = k->l3 + 40;
	/* RFC 8200 4: hop-by-hop, routing and destination options may come first */
	while ((nh == 0 || nh == 43 || nh == 60) && off + 8 <= k->end) {
		nh = p[off];
		off += ((size_t)p[off + 1] + 1) * 8;
	}
	if (nh != 58 || off + 4 > k->end)
		return false;
	k->icmp = off;
	return ndp_msg_desc_get(p[off]) != NULL;
}

static bool selected(struct replay *r, const struct pkt *k)
{
	if (r->kinds)
		return (ndp_msg_bit(k->data[k->icmp]) & r->kinds) != 0;
	return !r->have_bpf || pcap_offline_filter(&r->bpf, k->h, k->data);
}

/* Apply every edit to msg (parsed from the copy of the frame at out);
 * how many fields, options changed. */
static size_t apply_edits(struct replay *r, uint8_t *ip6, struct ndp_msg *msg,
			  bool edited[NDP_MAX_OPTS])
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_sets; i++)
		n += ndpe_set_apply(&r->sets[i], ip6, msg, edited);
	if (r->any_drop)
		n += ndpe_drop_apply(r->drop, msg, edited);
	for (size_t i = 0; r->add && i < r->add->msg.n_opts && msg->n_opts < NDP_MAX_OPTS; i++) {
		msg->opts[msg->n_opts] = r->add->msg.opts[i];
		edited[msg->n_opts++] = true;
		n++;
	}
	return n;
}

/* The edited message into r->out after the copied headers; *ret_len is
 * the new frame's length. 0 or the exit code. */
static int rebuild(struct replay *r, const struct pkt *k, struct ndp_msg *msg,
		   const bool edited[NDP_MAX_OPTS], size_t walked, size_t *ret_len)
{
	const uint8_t *icmp = k->data + k->icmp;
	size_t icmp_len = k->end - k->icmp, n, plen, trailer = k->h->caplen - k->end;
	uint8_t *ip6 = r->out + k->l3;
	int e;

	for (size_t i = 0; i < msg->n_opts; i++) {
		const struct ndp_field *bad;

		if (edited[i] && (e = ndpe_opt_fits(&msg->opts[i], &bad)) < 0) {
			char name[128] = "";

			if (bad)
				ndp_field_name(msg->opts[i].type, bad, name, sizeof(name));
			return sg_usage(CTX, "--from-pcap '%s': packet %llu: %s%s%s", r->in,
					(unsigned long long)r->frames, name, *name ? ": " : "",
					e == -ERANGE ? "the value set does not fit the field" :
					"the edited option cannot be built");
		}
	}
	e = ndpe_encode(msg, edited, icmp + walked, icmp_len - walked, ip6 + 8, ip6 + 24,
			r->out + k->icmp, OUT_CAP - k->icmp - trailer, &n);
	plen = k->icmp - k->l3 - 40 + n;
	if (e < 0 || plen > 65535)
		return sg_usage(CTX, "--from-pcap '%s': packet %llu: the edited message is too "
				"long for one IPv6 packet", r->in, (unsigned long long)r->frames);
	ip6[4] = (uint8_t)(plen >> 8);
	ip6[5] = (uint8_t)plen;
	memcpy(r->out + k->icmp + n, k->data + k->end, trailer);
	*ret_len = k->icmp + n + trailer;
	return 0;
}

/* The manifest record of the message as it goes out (parsed again). */
static void record(struct replay *r, const uint8_t *frame, const struct pkt *k, size_t len)
{
	struct ndpg_msg *m = r->m;
	const uint8_t *ip6 = frame + k->l3, *icmp = frame + k->icmp;

	if (!r->mf)
		return;
	memcpy(m->src, ip6 + 8, 16);
	memcpy(m->dst, ip6 + 24, 16);
	m->hop_limit = ip6[7];
	if (ndp_msg_parse(icmp, len, &m->msg) < 0) {
		r->unparsed++;  /* no record: verify takes it for other traffic */
		return;
	}
	m->bad_checksum = !r->raw && ndp_checksum(m->src, m->dst, icmp, len) != 0;
	ndpg_msg_spans_from_wire(m, icmp);
	ndpg_manifest(r->mf, m, icmp, len);
}

static int write_pcap(struct replay *r, const struct pkt *k, const uint8_t *frame, size_t len)
{
	struct timeval ts = k->h->ts;
	long long div = r->nano ? 1000000000LL : 1000000LL, sub;
	int e;

	if (!r->pcap)
		return 0;
	if (r->run.have_start) {
		/* the first packet at --start-time, the others as far after it */
		if (!r->have_t0) {
			r->t0 = ts;
			r->have_t0 = true;
		}
		sub = (long long)r->run.start.tv_usec * (r->nano ? 1000 : 1) +
		      (long long)(ts.tv_usec - r->t0.tv_usec);
		ts.tv_sec = r->run.start.tv_sec + (ts.tv_sec - r->t0.tv_sec) + (time_t)(sub / div);
		sub %= div;
		if (sub < 0) {
			sub += div;
			ts.tv_sec--;
		}
		ts.tv_usec = (suseconds_t)sub;
	}
	e = pcap_out_write_rec(r->pcap, &ts, frame, len, len + k->h->len - k->h->caplen);
	return e < 0 ? sg_fail(CTX, "--pcap '%s': %s", r->run.pcap, strerror(-e)) : 0;
}

/* Send one ND message (edited or not) to every output. */
static int emit_nd(struct replay *r, const struct pkt *k, const uint8_t *frame, size_t len)
{
	const uint8_t *ip6 = frame + k->l3;
	size_t icmp_len = len - k->icmp - (k->h->caplen - k->end);
	int e;

	if (r->run.raw_if && !memcmp(ip6 + 8, (const uint8_t[16]){ 0 }, 16))
		return sg_usage(CTX, "--raw %s: packet %llu of '%s' is from '::', which a raw "
				"socket cannot send from; use --iface, or --filter it out",
				r->run.raw_if, (unsigned long long)r->frames, r->in);
	if (!r->send)
		return 0;
	if (r->raw) {
		/* the kernel writes the checksum: record the one it sends */
		uint8_t *icmp = r->out + k->icmp;
		uint16_t c;

		if (frame != r->out)
			memcpy(r->out, frame, len);
		frame = r->out;
		ip6 = frame + k->l3;
		icmp[2] = icmp[3] = 0;
		c = ndp_checksum(ip6 + 8, ip6 + 24, icmp, icmp_len);
		icmp[2] = (uint8_t)(c >> 8);
		icmp[3] = (uint8_t)c;
	}
	if ((e = write_pcap(r, k, frame, len)))
		return e;
	if (r->raw && (e = raw_out_send(r->raw, frame + k->icmp, icmp_len, ip6 + 8, ip6 + 24,
					ip6[7])) < 0)
		return sg_fail(CTX, "--raw %s: send: %s", r->run.raw_if, strerror(-e));
	if (r->link && (e = link_out_send(r->link, frame, len)) < 0)
		return sg_fail(CTX, "--iface %s: send: %s", r->run.iface, strerror(-e));
	record(r, frame, k, icmp_len);
	return 0;
}

static int one_packet(struct replay *r, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct pkt k = { .h = h, .data = data };
	struct ndp_msg *msg = &r->m->msg;
	bool edited[NDP_MAX_OPTS] = { false };
	size_t walked, len = 0;
	int e;

	r->frames++;
	if (!find_nd(r, &k) || !selected(r, &k)) {
		if (find_nd(r, &k))
			r->unselected++;
		else
			r->other++;
		return r->send && r->keep_other ? write_pcap(r, &k, data, h->caplen) : 0;
	}
	r->nd++;
	e = ndp_msg_parse(data + k.icmp, k.end - k.icmp, msg);
	if (e < 0 && k.end - k.icmp < ndp_msg_fixed_len(data[k.icmp]))
		return emit_nd(r, &k, data, h->caplen);    /* too short to edit */
	walked = ndp_msg_fixed_len(msg->type);
	for (size_t i = 0; i < msg->n_opts; i++)
		walked = (size_t)(msg->opts[i].wire.data - (data + k.icmp)) + msg->opts[i].wire.len;
	memcpy(r->out, data, k.icmp);
	if (!apply_edits(r, r->out + k.l3, msg, edited))
		return emit_nd(r, &k, data, h->caplen);
	r->edited++;
	if ((e = rebuild(r, &k, msg, edited, walked, &len)))
		return e;
	return emit_nd(r, &k, r->out, len);
}

/* ---- the input */

static int open_input(struct replay *r)
{
	char err[PCAP_ERRBUF_SIZE];
	unsigned char magic[4] = { 0 };
	struct stat st;
	FILE *f = fopen(r->in, "rb");

	/* the precision the file has: a pcapng or nanosecond pcap keeps it */
	if (!f)
		return sg_usage(CTX, "--from-pcap '%s': %s", r->in, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return sg_usage(CTX, "--from-pcap '%s': is a directory", r->in);
	}
	if (fread(magic, 1, 4, f) != 4)
		memset(magic, 0, 4);
	fclose(f);
	r->nano = (magic[0] == 0x0a && magic[1] == 0x0d) || (magic[0] == 0xa1 && magic[3] == 0x4d) ||
		  (magic[0] == 0x4d && magic[3] == 0xa1);
	r->pc = pcap_open_offline_with_tstamp_precision(r->in, r->nano ?
			PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, err);
	if (!r->pc)
		return sg_usage(CTX, "--from-pcap '%s': not a pcap or pcapng capture (%s)", r->in,
				err);
	r->dlt = pcap_datalink(r->pc);
	if (!dlt_known(r->dlt))
		return sg_usage(CTX, "--from-pcap '%s': link type %s: not read (Ethernet, Linux "
				"cooked, raw IP, loopback)", r->in,
				pcap_datalink_val_to_name(r->dlt) ? pcap_datalink_val_to_name(r->dlt) : "?");
	if (r->run.iface && r->dlt != DLT_EN10MB)
		return sg_usage(CTX, "--iface %s: needs an Ethernet capture ('%s' is %s); use "
				"--raw", r->run.iface, r->in, pcap_datalink_val_to_name(r->dlt));
	if (r->filter && !r->kinds) {
		if (pcap_compile(r->pc, &r->bpf, r->filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
			return sg_usage(CTX, "--filter '%s': %s", r->filter, pcap_geterr(r->pc));
		r->have_bpf = true;
	}
	return 0;
}

/* One pass over the capture. Exit code. */
static int pass(struct replay *r)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int e, rc = 0;

	r->frames = r->nd = r->edited = r->other = r->unselected = r->unparsed = 0;
	while (!rc && (e = pcap_next_ex(r->pc, &h, &data)) == 1)
		rc = one_packet(r, h, data);
	/* bad input when checking; the file changed under us when sending */
	if (!rc && e == PCAP_ERROR && !r->send)
		rc = sg_usage(CTX, "--from-pcap '%s': after %llu packets: %s", r->in,
			      (unsigned long long)r->frames, pcap_geterr(r->pc));
	else if (!rc && e == PCAP_ERROR)
		rc = sg_fail(CTX, "--from-pcap '%s': after %llu packets: %s", r->in,
			     (unsigned long long)r->frames, pcap_geterr(r->pc));
	return rc;
}

/* ---- arguments */

enum {
	F_FROM = 1000, F_SET, F_DROP, F_ADD, F_FILTER, F_KEEP, F_PCAP, F_RAW, F_IFACE,
	F_MANIFEST, F_MANIFEST_FORMAT, F_START, F_QUIET, F_LIST, F_HELP,
};

static const struct option long_opts[] = {
	{ "from-pcap", required_argument, NULL, F_FROM },
	{ "set", required_argument, NULL, F_SET },
	{ "drop-opt", required_argument, NULL, F_DROP },
	{ "add-opt", required_argument, NULL, F_ADD },
	{ "filter", required_argument, NULL, F_FILTER },
	{ "keep-other", no_argument, NULL, F_KEEP },
	{ "pcap", required_argument, NULL, F_PCAP },
	{ "raw", required_argument, NULL, F_RAW },
	{ "iface", required_argument, NULL, F_IFACE },
	{ "manifest", required_argument, NULL, F_MANIFEST },
	{ "manifest-format", required_argument, NULL, F_MANIFEST_FORMAT },
	{ "start-time", required_argument, NULL, F_START },
	{ "quiet", no_argument, NULL, F_QUIET },
	{ "list-fields", no_argument, NULL, F_LIST },
	{ "help", no_argument, NULL, F_HELP },
	{ NULL, 0, NULL, 0 },
};

static int arg_set(struct replay *r, const char *arg)
{
	struct ndpe_set *t = realloc(r->sets, (r->n_sets + 1) * sizeof(*t));
	char why[256], near[512];
	int e;

	if (!t)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	r->sets = t;
	e = ndpe_set_parse(arg, &r->sets[r->n_sets], why, sizeof(why));
	if (e == -ENOMEM)
		return sg_fail(CTX, "%s", strerror(ENOMEM));
	if (e == -ENOENT) {
		ndpe_near(r->sets[r->n_sets].name, near, sizeof(near), 8);
		ndpe_set_free(&r->sets[r->n_sets]);
		return sg_usage(CTX, "--set '%s': %s%s%s (sockgen ndp replay --list-fields "
				"lists them all)", arg, why, *near ? "; did you mean " : "", near);
	}
	if (e) {
		ndpe_set_free(&r->sets[r->n_sets]);
		return sg_usage(CTX, "--set '%s': %s", arg, why);
	}
	r->n_sets++;
	return 0;
}

/* --add-opt NAME=ARG (a sockgen ndp option flag or an option's stem) or
 * TYPE:HEX (as --opt). */
static int arg_add(struct replay *r, const char *arg)
{
	size_t cut = strcspn(arg, "=:");
	char name[64];

	if (!r->add) {
		if (!(r->add = calloc(1, sizeof(*r->add))) || ndpg_msg_init(r->add, NULL) < 0)
			return sg_fail(CTX, "%s", strerror(ENOMEM));
		snprintf(r->add->ctx, sizeof(r->add->ctx), "%s: --add-opt", CTX);
	}
	if (!arg[cut] || cut == 0 || cut >= sizeof(name))
		return sg_usage(CTX, "--add-opt '%s': expected NAME=ARG (mtu=1280) or TYPE:HEX", arg);
	memcpy(name, arg, cut);
	name[cut] = '\0';
	if (strspn(name, "0123456789") == cut) {
		char spec[4096];

		snprintf(spec, sizeof(spec), "%s:%s", name, arg + cut + 1);
		return ndpg_add_raw_opt(r->add, spec);
	}
	for (size_t i = 0; i < ndpg_n_optflags; i++) {
		const struct ndpg_optflag *f = &ndpg_optflags[i];
		const struct ndp_opt_desc *d = ndp_opt_desc_get(f->type);

		if (!strcmp(f->name, name) || (d && !strcmp(d->stem, name) && strcmp(name, "exp")))
			return ndpg_add_opt(r->add, f, arg + cut + 1);
	}
	return sg_usage(CTX, "--add-opt '%s': '%s' is not an option (sockgen ndp ra --help "
			"lists the option flags: mtu, prefix, rdnss, ...)", arg, name);
}

/* --filter: ND message names ("ra", "ns,na") or a pcap filter. */
static void arg_filter(struct replay *r, const char *arg)
{
	char copy[256], *save = NULL;
	uint32_t kinds = 0;

	r->filter = arg;
	r->kinds = 0;
	if (strlen(arg) >= sizeof(copy))
		return;
	strcpy(copy, arg);
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const struct ndp_msg_desc *v = ndp_msg_desc_find_verb(w);

		if (!v)
			return;
		kinds |= v->bit;
	}
	r->kinds = kinds;
}

static int list_fields(void)
{
	char buf[128];
	const char *n;

	for (size_t i = 0; (n = ndpe_field_name_at(i, buf, sizeof(buf))); i++)
		printf("%s\n", n);
	return fflush(stdout) ? sg_fail(CTX, "--list-fields: write error") : SG_EXIT_OK;
}

static int out_path(const char *flag, const char *arg, const char **slot)
{
	int rc;

	if (!*arg)
		return sg_usage(CTX, "--%s: empty argument", flag);
	if (strcmp(flag, "raw") && strcmp(flag, "iface") && (rc = sg_check_out_path(CTX, flag, arg)))
		return rc;
	*slot = arg;
	return 0;
}

static int one_arg(struct replay *r, int c, const char *arg)
{
	char why[256];

	switch (c) {
	case F_FROM: r->in = arg; return 0;
	case F_SET: return arg_set(r, arg);
	case F_DROP:
		if (ndpe_opt_types_parse(arg, r->drop, why, sizeof(why)))
			return sg_usage(CTX, "--drop-opt %s", why);
		r->any_drop = true;
		return 0;
	case F_ADD: return arg_add(r, arg);
	case F_FILTER: arg_filter(r, arg); return 0;
	case F_KEEP: r->keep_other = true; return 0;
	case F_PCAP: return out_path("pcap", arg, &r->run.pcap);
	case F_RAW: return out_path("raw", arg, &r->run.raw_if);
	case F_IFACE: return out_path("iface", arg, &r->run.iface);
	case F_MANIFEST: return out_path("manifest", arg, &r->run.manifest);
	case F_MANIFEST_FORMAT:
		if (manifest_parse_format(arg, &r->run.manifest_compact))
			return sg_usage(CTX, "--manifest-format '%s': full or compact", arg);
		r->run.manifest_format_set = true;
		return 0;
	case F_START:
		if (sg_parse_time(arg, &r->run.start))
			return sg_usage(CTX, "--start-time '%s': not a time (Unix seconds such as "
					"1704067200.5, or UTC such as 2024-01-01T00:00:00Z)", arg);
		r->run.have_start = true;
		return 0;
	case F_QUIET: r->run.quiet = true; return 0;
	default: return sg_usage(CTX, "unknown option (sockgen ndp replay --help)");
	}
}

/* Exit code; -1 when --help or --list-fields was answered. */
static int parse_args(struct replay *r, int argc, char **argv)
{
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", long_opts, NULL)) != -1) {
		if (c == F_HELP) {
			usage(stdout);
			return -1;
		}
		if (c == F_LIST)
			return list_fields() ? SG_EXIT_RUNTIME : -1;
		if (c == '?' || c == ':')
			return sg_usage(CTX, "%s '%s' (sockgen ndp replay --help)",
					c == ':' ? "missing argument to" : "unknown option",
					argv[optind - 1]);
		if ((rc = one_arg(r, c, optarg)))
			return rc;
	}
	if (optind < argc)
		return sg_usage(CTX, "unexpected argument '%s'", argv[optind]);
	if (!r->in)
		return sg_usage(CTX, "give --from-pcap FILE");
	if (!r->run.pcap && !r->run.raw_if && !r->run.iface && !r->run.manifest)
		return sg_usage(CTX, "no output: give --pcap FILE, --raw IF or --iface IF");
	if (r->run.raw_if && r->run.iface)
		return sg_usage(CTX, "--raw %s and --iface %s: one at a time", r->run.raw_if,
				r->run.iface);
	if (r->run.have_start && !r->run.pcap)
		return sg_usage(CTX, "--start-time: for --pcap output");
	if (r->run.manifest_format_set && !r->run.manifest)
		return sg_usage(CTX, "--manifest-format: give --manifest FILE too");
	return 0;
}

/* ---- outputs */

static int open_outputs(struct replay *r)
{
	char err[256];
	int e;

	if (r->run.raw_if && !(r->raw = raw_out_open(r->run.raw_if, &e, err, sizeof(err))))
		return sg_fail(CTX, "--raw %s: %s", r->run.raw_if, err);
	if (r->run.iface && !(r->link = link_out_open(r->run.iface, &e, err, sizeof(err))))
		return sg_fail(CTX, "--iface %s: %s", r->run.iface, err);
	if (r->run.pcap && !(r->pcap = pcap_out_open_like(r->run.pcap, r->dlt, pcap_snapshot(r->pc),
							   r->nano, err, sizeof(err))))
		return sg_fail(CTX, "--pcap '%s': %s", r->run.pcap, err);
	if (r->run.manifest) {
		if (!(r->mf = manifest_open(r->run.manifest)))
			return sg_fail(CTX, "--manifest '%s': %s", r->run.manifest, strerror(errno));
		manifest_set_compact(r->mf, r->run.manifest_format_set ? r->run.manifest_compact : true);
	}
	return 0;
}

static int close_outputs(struct replay *r, int rc)
{
	int e;

	raw_out_close(r->raw);
	link_out_close(r->link);
	if (rc) {
		pcap_out_discard(r->pcap);
		manifest_discard(r->mf);
		return rc;
	}
	if (r->pcap && (e = pcap_out_close(r->pcap)) < 0) {
		rc = sg_fail(CTX, "--pcap '%s': %s", r->run.pcap, strerror(-e));
		manifest_discard(r->mf);
		r->mf = NULL;
	}
	if (r->mf && (e = manifest_close(r->mf)) < 0) {
		rc = sg_fail(CTX, "--manifest '%s': %s", r->run.manifest, strerror(-e));
		sg_remove_output(r->run.pcap);
	}
	return rc;
}

static void summary(const struct replay *r)
{
	if (r->run.quiet)
		return;
	fprintf(stderr, "sockgen: %s: %llu ND messages sent (%llu edited)", CTX,
		(unsigned long long)r->nd, (unsigned long long)r->edited);
	if (r->unselected || r->other)
		fprintf(stderr, "; %s:", r->keep_other && r->pcap ? "kept in --pcap" : "skipped");
	if (r->unselected)
		fprintf(stderr, " %llu not selected by --filter%s", (unsigned long long)r->unselected,
			r->other ? "," : "");
	if (r->other)
		fprintf(stderr, " %llu other packets", (unsigned long long)r->other);
	if (r->unparsed)
		fprintf(stderr, "; %llu malformed (sent, not in the manifest)",
			(unsigned long long)r->unparsed);
	fprintf(stderr, "\n");
}

static void free_replay(struct replay *r)
{
	for (size_t i = 0; i < r->n_sets; i++)
		ndpe_set_free(&r->sets[i]);
	free(r->sets);
	if (r->add)
		ndpg_msg_free(r->add);
	free(r->add);
	if (r->have_bpf)
		pcap_freecode(&r->bpf);
	if (r->pc)
		pcap_close(r->pc);
	free(r->m);
	free(r->out);
}

int cmd_ndp_replay(int argc, char **argv)
{
	struct replay r = { 0 };
	int rc;

	rc = parse_args(&r, argc, argv);
	if (rc == -1) {
		free_replay(&r);
		return SG_EXIT_OK;
	}
	if (!rc && (!(r.m = calloc(1, sizeof(*r.m))) || !(r.out = malloc(OUT_CAP))))
		rc = sg_fail(CTX, "%s", strerror(ENOMEM));
	/* check every packet before creating or sending anything */
	if (!rc && !(rc = open_input(&r)))
		rc = pass(&r);
	if (!rc) {
		pcap_close(r.pc);
		r.pc = NULL;
		if (r.have_bpf) {
			pcap_freecode(&r.bpf);
			r.have_bpf = false;
		}
		if (!(rc = open_input(&r))) {
			r.send = true;
			if (!(rc = open_outputs(&r)))
				rc = pass(&r);
			rc = close_outputs(&r, rc);
		}
	}
	if (!rc)
		summary(&r);
	free_replay(&r);
	return rc;
}
