/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen: subcommand dispatch, --help and --version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "extcap.h"
#include "ndpg.h"
#include "sockgen.h"
#include "verify.h"
#include "vsock.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} subcommands[] = {
	{ "ndp", cmd_ndp, "build and send IPv6 Neighbor Discovery messages" },
	{ "vsock", cmd_vsock, "vsock traffic: synthetic vsockmon captures, live client/server" },
	{ "capture", cmd_capture, "capture an interface (vsockmon0, Ethernet) into a pcap file" },
	{ "verify", cmd_verify, "check a capture against a manifest, field by field, with tshark + the plugin" },
	{ "extcap", cmd_extcap, "Wireshark extcap interfaces sockgen-ndp and sockgen-vsock" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: sockgen [--help] [--version] SUBCOMMAND [ARGS]\n\n"
		   "Subcommands (sockgen SUBCOMMAND --help for each):\n");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(f, "\nExamples:\n"
		   "  sockgen ndp ra --pcap ra.pcap --prefix 2001:db8::/64,L,A --mtu 1500 --manifest ra.jsonl\n"
		   "  sockgen vsock pcap --pcap echo.pcap --scenario stream-echo\n"
		   "  sockgen capture --iface vsockmon0 --pcap vsock.pcap --count 100\n"
		   "  sockgen verify --manifest ra.jsonl --capture ra.pcap\n"
		   "  sockgen extcap --extcap-interfaces\n"
		   "\nExit codes: 0 success, 1 runtime failure, 2 bad usage or input, 3 verification mismatch.\n");
}

int main(int argc, char **argv)
{
	const char *prog = argv[0] ? strrchr(argv[0], '/') : NULL;

	/* Wireshark runs the extcap directory's sockgen-extcap (a link to
	 * sockgen) with extcap arguments only. */
	prog = prog ? prog + 1 : argv[0];
	if (prog && !strcmp(prog, "sockgen-extcap"))
		return cmd_extcap(argc, argv);
	if (argc < 2) {
		usage(stderr);
		return SG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return SG_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("sockgen %s\n", sockgen_version);
		return SG_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	return sg_usage(NULL, "unknown subcommand '%s' (see sockgen --help)", argv[1]);
}
