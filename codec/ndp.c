/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder until the NDP codec lands. */
#include "ndp.h"
