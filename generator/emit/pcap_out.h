/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet outputs shared by the subcommands. */
#ifndef SOCKGEN_PCAP_OUT_H
#define SOCKGEN_PCAP_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#define SG_LINKTYPE_ETHERNET 1
#define SG_LINKTYPE_VSOCK 271

/* pcap file output (pcap_out.c). */
struct pcap_out;

/* NULL on failure with a reason in err. */
struct pcap_out *pcap_out_open(const char *path, int linktype, char *err,
			       size_t errlen);
/* The same with a capture's snapshot length and timestamp precision (nano:
 * tv_usec of every ts holds nanoseconds), so a replay can keep them. */
struct pcap_out *pcap_out_open_like(const char *path, int linktype, int snaplen, bool nano,
				    char *err, size_t errlen);
/* ts NULL = now. 0 or -errno. */
int pcap_out_write(struct pcap_out *p, const struct timeval *ts,
		   const uint8_t *pkt, size_t len);
/* A record as read: captured and original length apart. 0 or -errno. */
int pcap_out_write_rec(struct pcap_out *p, const struct timeval *ts, const uint8_t *pkt,
		       size_t caplen, size_t len);
/* Push what is buffered to the file or FIFO (a live reader sees every
 * packet at once): 0 or -errno (-EPIPE when a FIFO's reader is gone). */
int pcap_out_flush(struct pcap_out *p);
/* The descriptor written to (e.g. to make a FIFO non-blocking before the
 * close of a stopped capture, so the final flush cannot wait on it). */
int pcap_out_fd(struct pcap_out *p);
/* Flush and close: 0 or -errno. After an error a regular file it wrote
 * is removed (nothing half-written is left); a device or FIFO never is. */
int pcap_out_close(struct pcap_out *p);
/* Close and unlink: a failed run leaves no partial file. */
void pcap_out_discard(struct pcap_out *p);

#endif
