# SPDX-License-Identifier: GPL-2.0-or-later
# Guest script of bench/vsock_throughput: the shortest boot-to-pcap path
# (vsockmon0, one capture of one stream echo), to time the harness itself.
set -u
ip link add name vsockmon0 type vsockmon && ip link set vsockmon0 up
sockgen capture --iface vsockmon0 --pcap /out/vsock-boot.pcap > /out/cap.out 2> /out/cap.err &
C=$!
i=0
while ! grep -q capturing /out/cap.err; do i=$((i + 1)); [ $i -gt 400 ] && break; sleep 0.05; done
sockgen vsock listen --port 5000 --mode echo > /tmp/l.out 2>&1 &
L=$!
while ! grep -q listening /tmp/l.out; do sleep 0.05; done
sockgen vsock connect --cid 1 --port 5000 --bytes 1000 > /out/client.out 2>&1
wait $L
kill -TERM $C
wait $C
cat /sys/class/net/vsockmon0/statistics/rx_packets > /out/rx_packets
