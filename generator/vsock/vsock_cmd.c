/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock: verb dispatch (pcap, listen, connect, bridge). */
#include <stdio.h>
#include <string.h>

#include "sockgen.h"
#include "vsock.h"
#include "vsock_live.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: sockgen vsock {pcap|listen|connect|bridge} [options]\n"
		   "  pcap     write a synthetic LINKTYPE_VSOCK capture of a scenario\n"
		   "  listen   serve a vsock port (guest only)\n"
		   "  connect  connect to a vsock port (guest only; CID 1 needs vsock_loopback)\n"
		   "  bridge   forward TCP to vsock or back (guest only)\n"
		   "sockgen vsock VERB --help shows each verb's options and examples.\n"
		   "Examples:\n"
		   "  sockgen vsock pcap --pcap echo.pcap --scenario stream-echo --manifest echo.jsonl\n"
		   "  sockgen vsock listen --port 5000 --mode echo\n"
		   "  sockgen vsock connect --cid 1 --port 5000 --bytes 65536\n"
		   "  sockgen vsock connect 1:5000 --stdio < request.bin > reply.bin\n"
		   "  sockgen vsock listen 8080 --exec 'httpd -i -h /www'\n"
		   "  sockgen vsock bridge --tcp-listen 8082 --vsock 1:8080\n");
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
	if (!strcmp(argv[1], "bridge"))
		return cmd_vsock_bridge(argc - 1, argv + 1);
	return sg_usage("vsock", "unknown verb '%s' (pcap, listen, connect or bridge)", argv[1]);
}
