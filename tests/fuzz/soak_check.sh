#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# soak_check.sh SOAK_BINARY CORPUS: resident memory flat at depth (issue 18).
# Runs the soak driver over 200k synthetic inputs with the plugin, then the
# same inputs with the plugin not loaded (SOCKSCOPE_FUZZ_CONTROL=1:
# Wireshark's built-in dissects them). Passes when the growth between input
# 20k and 200k is under 10%, or, where Wireshark itself grows that much
# (4.0 keeps ~100 B per ICMPv6 input in its epan scope, plugin or not), when
# the plugin adds at most 2 points to the control's growth.
set -u
bin=$1 corpus=$2
args="--inputs ${SOAK_INPUTS:-200000} --from ${SOAK_FROM:-20000} --every 20000 --seed 7"
out=$("$bin" $args "$corpus") || { echo "$out"; exit 1; }
echo "$out"
g=$(echo "$out" | sed -n 's/.*growth \([0-9.-]*\)%.*/\1/p')
[ -n "$g" ] || { echo "soak_check: no growth figure"; exit 1; }
if awk -v g="$g" 'BEGIN { exit !(g < 10) }'; then
	echo "soak_check: growth ${g}% < 10%: pass"
	exit 0
fi
ctl=$(SOCKSCOPE_FUZZ_CONTROL=1 "$bin" $args "$corpus" 2>/dev/null) || { echo "$ctl"; exit 1; }
c=$(echo "$ctl" | sed -n 's/.*growth \([0-9.-]*\)%.*/\1/p')
echo "control (plugin not loaded): $(echo "$ctl" | tail -1)"
if awk -v g="$g" -v c="$c" 'BEGIN { exit !(g <= c + 2) }'; then
	echo "soak_check: growth ${g}% with the plugin, ${c}% without: Wireshark's own, pass"
	exit 0
fi
echo "soak_check: FAIL: growth ${g}% with the plugin, ${c}% without it"
exit 1
