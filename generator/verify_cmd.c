/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen verify lands. */
#include "sockgen.h"

int cmd_verify(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("verify", "not built yet");
}
