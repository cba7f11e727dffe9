/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen ndp lands. */
#include "sockgen.h"

int cmd_ndp(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("ndp", "not built yet");
}
