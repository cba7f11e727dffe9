/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen vsock listen/connect land. */
#include "sockgen.h"
#include "vsock.h"

int cmd_vsock_listen(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("vsock listen", "not built yet");
}

int cmd_vsock_connect(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("vsock connect", "not built yet");
}
