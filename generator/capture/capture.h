/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen capture: an interface (vsockmon0, Ethernet) into a pcap file. */
#ifndef SOCKGEN_CAPTURE_H
#define SOCKGEN_CAPTURE_H

/* argv[0] is "capture". Exit code. */
int cmd_capture(int argc, char **argv);

#endif
