/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen verify internals: manifest reader (JSON Lines, RFC 8259 subset) and tshark runner. */
#ifndef SOCKGEN_VERIFY_H
#define SOCKGEN_VERIFY_H

#include <stddef.h>

/* One manifest record: a flat JSON object of string values. */
struct vf_pair {
	char *key;
	char *value;
};

struct vf_record {
	size_t line;            /* 1-based line in the manifest file */
	size_t n;
	struct vf_pair *pairs;
};

struct vf_manifest {
	size_t n;
	struct vf_record *recs;
};

/* Parse one line holding a flat JSON object. Values may be strings,
 * numbers (kept as written), true/false (1/0, as tshark prints FT_BOOLEAN)
 * or null (empty). 0, or -1 with a reason in err (errsz bytes). */
int vf_json_parse_line(const char *line, struct vf_record *rec, char *err, size_t errsz);
/* Read a whole JSON Lines file; blank lines are skipped. 0 on success;
 * -1 with "line N: reason" in err for bad JSON; -2 with the errno text
 * for an unreadable file. */
int vf_manifest_read(const char *path, struct vf_manifest *m, char *err, size_t errsz);
void vf_record_free(struct vf_record *rec);
void vf_manifest_free(struct vf_manifest *m);
const char *vf_record_get(const struct vf_record *rec, const char *key);

/* Decoded packets: one row per captured frame, one cell per field asked. */
struct vf_rows {
	size_t nrows, ncols;
	char **cells;           /* nrows * ncols, row-major */
	char *buf;              /* storage the cells point into */
};

struct vf_tshark {
	const char *tshark;     /* binary, PATH lookup when no '/' */
	const char *plugin;     /* sockscope.so; NULL = built-ins only */
	const char *capture;
	const char *const *fields;
	size_t nfields;
};

/* Run tshark -T fields over the capture with the plugin. 0 on success;
 * -1 with the reason in err when tshark or the plugin cannot run. Fields
 * tshark does not know are left out of the run and listed in *unknown
 * (a ','-joined malloc'd string, NULL when none); their cells are "". */
int vf_tshark_run(const struct vf_tshark *t, struct vf_rows *rows, char **unknown,
		  char *err, size_t errsz);
void vf_rows_free(struct vf_rows *rows);

/* Live vsock manifests (sockgen vsock connect/listen --manifest): records
 * with a sockgen.event key describe socket calls, not packets. */
enum vf_event {
	VF_EV_NONE,             /* a packet record (sockgen ndp, vsock pcap) */
	VF_EV_PACKET,           /* connect, accept, shutdown, eof: one packet */
	VF_EV_STREAM,           /* send, recv: bytes of a direction */
	VF_EV_RESULT,           /* totals of both directions */
	VF_EV_OTHER,            /* close, error: nothing on the wire to check */
};
enum vf_event vf_event_kind(const struct vf_record *rec);
/* The packet an event puts on the wire, as a packet record in out (pairs:
 * cap entries, values borrowed from ev). alt = 1 asks for the other packet
 * an eof may be (RST instead of SHUTDOWN). 0, or -1 when there is none. */
int vf_event_packet(const struct vf_record *ev, int alt, struct vf_record *out,
		    struct vf_pair *pairs, size_t cap);

/* Columns the byte streams are rebuilt from. */
enum { VF_SF_OP, VF_SF_TYPE, VF_SF_SRC_CID, VF_SF_SRC_PORT, VF_SF_DST_CID, VF_SF_DST_PORT,
       VF_SF_LEN, VF_SF_FLAGS, VF_SF_PAYLOAD, VF_SF_COUNT };
extern const char *const vf_stream_fields[VF_SF_COUNT];

struct vf_stream;
struct vf_streams {
	size_t n, cap;
	struct vf_stream *v;
};
/* One stream per direction (addresses and type) from the RW packets'
 * payloads, in capture order; col[k] = column of vf_stream_fields[k] in
 * rows (-1 if absent). 0, or -1 out of memory / bad hex. */
int vf_streams_build(struct vf_streams *s, const struct vf_rows *rows, const int *col);
void vf_streams_free(struct vf_streams *s);

/* Called once per compared value; the callback counts and reports. */
typedef void (*vf_report_fn)(void *ctx, const char *key, const char *want, const char *got);
/* Checks a send/recv/result record against the streams; label gets the
 * direction's name for messages. */
void vf_event_check_stream(const struct vf_streams *s, const struct vf_record *rec,
			   vf_report_fn report, void *ctx, char *label, size_t labelsz);

/* verify_cmd.c: the subcommand, argv[0] "verify". Exit code. */
int cmd_verify(int argc, char **argv);

#endif
