/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until sockgen capture lands. */
#include "sockgen.h"

int cmd_capture(int argc, char **argv)
{
	(void)argc; (void)argv;
	return sg_fail("capture", "not built yet");
}
