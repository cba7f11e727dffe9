# SPDX-License-Identifier: GPL-2.0-or-later
# Guest script of bench/vsock_throughput (busybox sh): stream throughput over
# vsock_loopback, sockgen connect -> sockgen listen against socat -> socat,
# the same number of bytes in 64 KiB writes, in one boot.
# No vsockmon0: the tap would add its own cost to both.
#
# Fairness and spread: one untimed warm-up transfer of each tool first;
# then ROUNDS rounds, the order alternating (odd rounds sockgen first, even
# rounds socat first) so a slow stretch of the TCG host hits both alike;
# each transfer is timed around the client process (so both pay their
# start-up) with the guest's monotonic clock in ns from /proc/timer_list
# (/proc/uptime, 10 ms steps, if that is missing). Both tools keep the
# kernel's default vsock buffer (256 KiB): socat 1.7.4 sets none.
# socat sends from /dev/zero (readbytes=N), sockgen from its pattern in
# memory; neither touches a file.
#
# Writes /out/bench.txt lines: "tool=T round=R bytes=N rc=C start=S end=E
# clock=ns|s", plus sockgen's own result lines in /out/sockgen.results.
set -u
[ -f /bench.env ] && . /bench.env
BYTES=${BENCH_BYTES:-134217728}
ROUNDS=${BENCH_ROUNDS:-7}
O=/out
if sed -n '/^now at /{p;q}' /proc/timer_list 2>/dev/null | grep -q nsecs; then
	CLOCK=ns
	now() { sed -n '/^now at /{s/^now at \([0-9]*\) nsecs.*/\1/p;q}' /proc/timer_list; }
else
	CLOCK=s
	now() { cut -d' ' -f1 /proc/uptime; }
fi
wait_line() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 400 ] && return 1; sleep 0.05
	done
}
# run_sockgen ROUND BYTES: one timed transfer, one line in bench.txt
run_sockgen() {
	sockgen vsock listen --port 6000 --mode sink --timeout 60 > /tmp/l.out 2>&1 &
	L=$!
	wait_line /tmp/l.out listening
	sleep 0.2
	s=$(now)
	sockgen vsock connect --cid 1 --port 6000 --bytes "$2" --msg-size 64K --timeout 60 >> $O/sockgen.results 2>&1
	rc=$?
	e=$(now)
	wait $L
	[ "$1" = warm ] && return
	# the sink's count: every byte arrived
	got=$(sed -n 's/.*rx_bytes=\([0-9]*\).*/\1/p' /tmp/l.out)
	[ "$got" = "$2" ] || rc=99
	echo "tool=sockgen round=$1 bytes=$2 rc=$rc start=$s end=$e clock=$CLOCK" >> $O/bench.txt
}
run_socat() {
	socat -u -b 65536 VSOCK-LISTEN:6001 OPEN:/dev/null > /tmp/s.out 2>&1 &
	S=$!
	sleep 0.5
	s=$(now)
	socat -u -b 65536 OPEN:/dev/zero,readbytes="$2" VSOCK-CONNECT:1:6001 2>> $O/socat.err
	rc=$?
	e=$(now)
	wait $S || rc=98
	[ "$1" = warm ] && return
	echo "tool=socat round=$1 bytes=$2 rc=$rc start=$s end=$e clock=$CLOCK" >> $O/bench.txt
}
run_sockgen warm 8388608
run_socat warm 8388608
: > $O/sockgen.results
r=1
while [ $r -le "$ROUNDS" ]; do
	if [ $((r % 2)) = 1 ]; then
		run_sockgen $r "$BYTES"
		run_socat $r "$BYTES"
	else
		run_socat $r "$BYTES"
		run_sockgen $r "$BYTES"
	fi
	r=$((r + 1))
done
echo "bench done" >> $O/bench.txt
