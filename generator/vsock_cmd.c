/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen vsock lands. */
#include "sockgen.h"

int cmd_vsock(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("vsock", "not built yet");
}
