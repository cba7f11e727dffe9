/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen vsock: the subcommands behind "sockgen vsock <verb>". */
#ifndef SOCKGEN_VSOCK_H
#define SOCKGEN_VSOCK_H

/* vsock_cmd.c: the subcommand, argv[0] "vsock". Exit code. */
int cmd_vsock(int argc, char **argv);
/* argv[0] is the verb ("pcap", "listen", "connect"). */
int cmd_vsock_pcap(int argc, char **argv);      /* vsock_pcap.c: synthetic captures */
int cmd_vsock_listen(int argc, char **argv);    /* vsock_live.c: live server */
int cmd_vsock_connect(int argc, char **argv);   /* vsock_live.c: live client */

#endif
