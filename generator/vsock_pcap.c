/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen vsock pcap lands. */
#include "sockgen.h"
#include "vsock.h"

int cmd_vsock_pcap(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("vsock pcap", "not built yet");
}
