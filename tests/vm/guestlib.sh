# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the guest scripts (scenarios.sh, relay.sh, apps.sh; busybox sh),
# sourced as /guestlib.sh (guest.py puts it into every initramfs): vsockmon0
# up, and captures on it that hold exactly what vsockmon0 counted.
#   cap_start NAME [CAPTURE ARGS...]  capture into /out/vsock-NAME.pcap
#   cap_stop NAME WANT RC             stop it; one line in /out/scenarios.txt:
#     scenario NAME rc=RC want=WANT caprc=C rx_before=A rx_after=B iface=... packets=N ...
# rx_* are vsockmon0's rx_packets around the capture: the host checks that
# the capture holds exactly rx_after - rx_before packets.
SG=sockgen
RX=/sys/class/net/vsockmon0/statistics/rx_packets
O=/out

ip link add name vsockmon0 type vsockmon || echo "@@SOCKSCOPE-ERROR vsockmon0@@" > /dev/console
ip link set vsockmon0 up
ip link set lo up

# wait_line FILE PATTERN: until a background process says it is ready.
wait_line() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 400 ] && { echo "timeout waiting for '$2' in $1"; return 1; }
		sleep 0.05
	done
}

# The kernel finishes a close (SHUTDOWN, RST) after the programs exit:
# wait until vsockmon0 has seen nothing new for 0.3 s.
quiesce() {
	last=-1
	while :; do
		cur=$(cat $RX)
		[ "$cur" = "$last" ] && break
		last=$cur
		sleep 0.3
	done
}

cap_start() {
	name=$1
	shift
	quiesce
	RX0=$(cat $RX)
	$SG capture --iface vsockmon0 --pcap $O/vsock-$name.pcap "$@" \
		> $O/$name.capture 2> $O/$name.capture.err &
	CAP=$!
	wait_line $O/$name.capture.err capturing
}

cap_stop() {
	name=$1 want=$2 rc=$3
	quiesce
	kill -TERM $CAP
	wait $CAP
	caprc=$?
	RX1=$(cat $RX)
	# the capture's summary line is on its stderr
	echo "scenario $name rc=$rc want=$want caprc=$caprc rx_before=$RX0 rx_after=$RX1 $(sed -n 's/^sockgen: capture: iface=/iface=/p' $O/$name.capture.err)" >> $O/scenarios.txt
}
