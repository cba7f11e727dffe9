# SPDX-License-Identifier: GPL-2.0-or-later
# Guest script of bench/vsock_throughput (busybox sh): stream throughput over
# vsock_loopback, sockgen connect -> sockgen listen against socat -> socat,
# the same number of bytes in 64 KiB writes, alternating rounds in one boot.
# No vsockmon0: the tap would add its own cost to both.
# Writes /out/bench.txt lines: "tool=T round=R bytes=N start=S end=E" with
# S/E from /proc/uptime (10 ms), plus sockgen's own result lines.
set -u
[ -f /bench.env ] && . /bench.env
BYTES=${BENCH_BYTES:-67108864}
ROUNDS=${BENCH_ROUNDS:-3}
O=/out
up() { cut -d' ' -f1 /proc/uptime; }
wait_line() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 400 ] && return 1; sleep 0.05
	done
}
# socat reads the bytes from tmpfs; sockgen sends its pattern from memory.
head -c "$BYTES" /dev/zero > /tmp/bench.dat
n=$(wc -c < /tmp/bench.dat)
r=1
while [ $r -le "$ROUNDS" ]; do
	sockgen vsock listen --port 6000 --mode sink --timeout 60 > /tmp/l.out 2>&1 &
	L=$!
	wait_line /tmp/l.out listening
	s=$(up)
	sockgen vsock connect --cid 1 --port 6000 --bytes "$n" --msg-size 64K --timeout 60 >> $O/sockgen.results 2>&1
	rc=$?
	e=$(up)
	wait $L
	echo "tool=sockgen round=$r bytes=$n rc=$rc start=$s end=$e" >> $O/bench.txt

	socat -u -b 65536 VSOCK-LISTEN:6001 OPEN:/dev/null > /tmp/s.out 2>&1 &
	S=$!
	sleep 0.5
	s=$(up)
	socat -u -b 65536 OPEN:/tmp/bench.dat VSOCK-CONNECT:1:6001 2>> $O/socat.err
	rc=$?
	e=$(up)
	wait $S
	echo "tool=socat round=$r bytes=$n rc=$rc start=$s end=$e" >> $O/bench.txt
	r=$((r + 1))
done
echo "bench done" >> $O/bench.txt
