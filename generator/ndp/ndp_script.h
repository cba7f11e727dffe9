/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockgen ndp --script: splitting a script line into words. */
#ifndef SOCKGEN_NDP_SCRIPT_H
#define SOCKGEN_NDP_SCRIPT_H

/* Split line in place into at most max words (blanks separate, '...' and
 * "..." group, # starts a comment). Number of words, or -1 with *why. */
int ndpg_split_line(char *line, char **argv, int max, const char **why);

#endif
