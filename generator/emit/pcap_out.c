/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcap file output through libpcap's dump API (any link type). */
#include <errno.h>
#include <stdbool.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcap_out.h"

struct pcap_out {
	pcap_t *dead;
	pcap_dumper_t *dumper;
	char *path;
	bool regular;            /* only a regular file is removed on discard */
};

struct pcap_out *pcap_out_open(const char *path, int linktype, char *err,
			       size_t errlen)
{
	return pcap_out_open_like(path, linktype, 262144, false, err, errlen);
}

struct pcap_out *pcap_out_open_like(const char *path, int linktype, int snaplen, bool nano,
				    char *err, size_t errlen)
{
	struct pcap_out *p = calloc(1, sizeof(*p));

	if (!p || !(p->path = strdup(path))) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		free(p);
		return NULL;
	}
	p->dead = pcap_open_dead_with_tstamp_precision(linktype, snaplen > 0 ? snaplen : 262144,
						       nano ? PCAP_TSTAMP_PRECISION_NANO :
						       PCAP_TSTAMP_PRECISION_MICRO);
	if (!p->dead) {
		snprintf(err, errlen, "cannot create a pcap handle for link type %d", linktype);
		goto fail;
	}
	p->dumper = pcap_dump_open(p->dead, path);
	if (!p->dumper) {
		snprintf(err, errlen, "%s", pcap_geterr(p->dead));
		goto fail;
	}
	{
		struct stat st;

		p->regular = fstat(fileno(pcap_dump_file(p->dumper)), &st) == 0 &&
			     S_ISREG(st.st_mode);
	}
	return p;
fail:
	if (p->dead)
		pcap_close(p->dead);
	free(p->path);
	free(p);
	return NULL;
}

int pcap_out_write(struct pcap_out *p, const struct timeval *ts,
		   const uint8_t *pkt, size_t len)
{
	struct pcap_pkthdr h;

	if (ts)
		h.ts = *ts;
	else
		gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	errno = 0;
	pcap_dump((u_char *)p->dumper, &h, pkt);
	/* the write's own errno (ENOSPC on a full disk), not a bare EIO */
	return ferror(pcap_dump_file(p->dumper)) ? -(errno ? errno : EIO) : 0;
}

int pcap_out_write_rec(struct pcap_out *p, const struct timeval *ts, const uint8_t *pkt,
		       size_t caplen, size_t len)
{
	struct pcap_pkthdr h;

	h.ts = *ts;
	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)len;
	errno = 0;
	pcap_dump((u_char *)p->dumper, &h, pkt);
	return ferror(pcap_dump_file(p->dumper)) ? -(errno ? errno : EIO) : 0;
}

int pcap_out_flush(struct pcap_out *p)
{
	errno = 0;
	if (pcap_dump_flush(p->dumper) != 0)
		return errno ? -errno : -EIO;
	return 0;
}

int pcap_out_fd(struct pcap_out *p)
{
	return fileno(pcap_dump_file(p->dumper));
}

int pcap_out_close(struct pcap_out *p)
{
	int err = 0;

	if (!p)
		return 0;
	errno = 0;
	if (pcap_dump_flush(p->dumper) != 0 || ferror(pcap_dump_file(p->dumper)))
		err = -(errno ? errno : EIO);
	pcap_dump_close(p->dumper);
	pcap_close(p->dead);
	if (err && p->regular)  /* nothing half-written; never a device or FIFO */
		unlink(p->path);
	free(p->path);
	free(p);
	return err;
}

void pcap_out_discard(struct pcap_out *p)
{
	if (!p)
		return;
	pcap_dump_close(p->dumper);
	pcap_close(p->dead);
	if (p->regular)         /* never unlink /dev/null or a FIFO */
		unlink(p->path);
	free(p->path);
	free(p);
}
