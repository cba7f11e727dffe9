/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp listen: an NDP endpoint on a raw ICMPv6 socket (RFC 4861 6.1,
 * 7.1 validity rules; RFC 3542 ancillary data). */
#include "sockgen.h"

int cmd_ndp_listen(int argc, char **argv);

int cmd_ndp_listen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sg_fail("ndp listen", "not built yet");
}
