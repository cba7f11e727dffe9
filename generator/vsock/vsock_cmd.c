/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock: verb dispatch (pcap, listen, connect). */
#include <stdio.h>
#include <string.h>

#include "sockgen.h"
#include "vsock.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: sockgen vsock {pcap|listen|connect} [options]\n"
		   "  pcap     write a synthetic LINKTYPE_VSOCK capture of a scenario\n"
		   "  listen   serve a vsock port (guest only)\n"
		   "  connect  connect to a vsock port (guest only; CID 1 needs vsock_loopback)\n"
		   "sockgen vsock VERB --help shows each verb's options and examples.\n"
		   "Examples:\n"
		   "  sockgen vsock pcap --pcap echo.pcap --scenario stream-echo --manifest echo.jsonl\n"
		   "  sockgen vsock listen --port 5000 --mode echo\n"
		   "  sockgen vsock connect --cid 1 --port 5000 --bytes 65536\n");
}

int cmd_vsock(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return SG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return SG_EXIT_OK;
	}
	if (!strcmp(argv[1], "pcap"))
		return cmd_vsock_pcap(argc - 1, argv + 1);
	if (!strcmp(argv[1], "listen"))
		return cmd_vsock_listen(argc - 1, argv + 1);
	if (!strcmp(argv[1], "connect"))
		return cmd_vsock_connect(argc - 1, argv + 1);
	return sg_usage("vsock", "unknown verb '%s' (pcap, listen or connect)", argv[1]);
}
