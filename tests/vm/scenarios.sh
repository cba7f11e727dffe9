# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario script (busybox sh, run by tests/vm/guest.py's /init): live
# vsock traffic over vsock_loopback, each scenario captured on vsockmon0 into
# /out/vsock-NAME.pcap, with sockgen's manifests and results next to it.
# /out/scenarios.txt gets one line per scenario:
#   scenario NAME rc=R want=W caprc=C rx_before=A rx_after=B capture iface=... packets=N ...
# rx_* are vsockmon0's rx_packets around the capture: the host checks that
# the capture holds exactly rx_after - rx_before packets.
set -u
. /guestlib.sh

srv_start() {
	sname=$1
	shift
	$SG vsock listen "$@" --manifest $O/$sname.server.jsonl > $O/$sname.server.out 2> $O/$sname.server.err &
	SRV=$!
	wait_line $O/$sname.server.err listening
}

srv_wait() {
	wait $SRV
	echo $? > $O/$1.server.rc
}

# cli NAME TAG ARGS...: sockgen connect with manifest NAME.TAG.jsonl
cli() {
	cname=$1 tag=$2
	shift 2
	$SG vsock connect "$@" --manifest $O/$cname.$tag.jsonl > $O/$cname.$tag.out 2> $O/$cname.$tag.err
	crc=$?
	echo $crc > $O/$cname.$tag.rc
	return $crc
}

# 1. stream echo, lockstep (each write echoed before the next) so the
#    packet order is repeatable and comparable with the model
cap_start stream-echo
srv_start stream-echo --port 5000 --mode echo
cli stream-echo client --cid 1 --port 5000 --bytes 1000 --msg-size 300 --pingpong
rc=$?
srv_wait stream-echo
cap_stop stream-echo 0 $rc

# 2. bulk 4 MiB into a sink; payload snapped to keep the capture small
#    A second capture runs alongside with a classic BPF filter.
cap_start bulk --snaplen 192
$SG capture --iface vsockmon0 --pcap $O/vsock-bulk-filtered.pcap --filter 'len > 1000' --snaplen 100 \
	> $O/bulk-filtered.capture 2> $O/bulk-filtered.capture.err &
CAPF=$!
wait_line $O/bulk-filtered.capture.err capturing
# and one unsnapped (over 4 MiB: it leaves through the output disk and is
# never committed), so every payload byte can be compared
$SG capture --iface vsockmon0 --pcap $O/vsock-bulk-full.pcap > $O/bulk-full.capture 2> $O/bulk-full.capture.err &
CAPB=$!
wait_line $O/bulk-full.capture.err capturing
srv_start bulk --port 5001 --mode sink
cli bulk client --cid 1 --port 5001 --bytes 4M --msg-size 64K
rc=$?
srv_wait bulk
cap_stop bulk 0 $rc
kill -TERM $CAPF $CAPB
wait $CAPF
echo $? >> $O/bulk-filtered.capture
wait $CAPB
echo $? >> $O/bulk-full.capture

# 3. seqpacket, lockstep: 1000 bytes without EOR, 1000 with EOR, then one
#    100000-byte message with EOR (two virtio packets, EOM on the last)
cap_start seqpacket
srv_start seqpacket --port 5002 --type seqpacket --mode echo
cli seqpacket client --cid 1 --port 5002 --type seqpacket --messages 1000,1000:eor,100000:eor --pingpong
rc=$?
srv_wait seqpacket
cap_stop seqpacket 0 $rc

# 3b. seqpacket, streamed: three messages sent back to back (no lockstep)
cap_start seqpacket-burst
srv_start seqpacket-burst --port 5003 --type seqpacket --mode echo
cli seqpacket-burst client --cid 1 --port 5003 --type seqpacket --bytes 3000 --msg-size 1000 --eor
rc=$?
srv_wait seqpacket-burst
cap_stop seqpacket-burst 0 $rc

# 4. refused: nothing listens on 5999, REQUEST is answered by RST
cap_start refused
cli refused client --cid 1 --port 5999 --bytes 100
rc=$?
cap_stop refused 1 $rc

# 5. reset mid-stream: the server closes after its first read while the
#    client still has most of 1 MiB to send
cap_start reset
srv_start reset --port 5004 --mode reset
cli reset client --cid 1 --port 5004 --bytes 1M --msg-size 64K
rc=$?
srv_wait reset
cap_stop reset 1 $rc

# 6. HTTP/1.1 over vsock, two requests (two connections, one after the other)
cap_start http
srv_start http --port 8080 --mode http --count 2
cli http client --cid 1 --port 8080 --http /index.html --count 2
rc=$?
srv_wait http
cap_stop http 0 $rc

# 7. socat as the server (echo through cat), sockgen as the client
socat VSOCK-LISTEN:5005 EXEC:cat > $O/socat-server.socat.out 2>&1 &
SOC=$!
sleep 1
cap_start socat-server
cli socat-server client --cid 1 --port 5005 --bytes 10000 --msg-size 4096
rc=$?
wait $SOC
echo $? > $O/socat-server.socat.rc
cap_stop socat-server 0 $rc

# 8. sockgen as the server (echo), socat as the client
head -c 20000 /dev/urandom > $O/socat-client.data
cap_start socat-client
srv_start socat-client --port 5006 --mode echo
socat -t 5 - VSOCK-CONNECT:1:5006 < $O/socat-client.data > /tmp/socat-client.echo 2> $O/socat-client.socat.err
rc=$?
srv_wait socat-client
cmp $O/socat-client.data /tmp/socat-client.echo > $O/socat-client.cmp 2>&1
echo $? >> $O/socat-client.cmp
cap_stop socat-client 0 $rc

# 9. timeout: the peer accepts but never answers; --pingpong waits for an
#    echo that never comes, and --timeout 1 ends it (exit 1, ETIMEDOUT)
socat VSOCK-LISTEN:5007 EXEC:"sleep 30" > /dev/null 2>&1 &
SOC=$!
sleep 1
cap_start timeout
cli timeout client --cid 1 --port 5007 --bytes 100 --msg-size 100 --pingpong --timeout 1
rc=$?
kill $SOC
wait $SOC
cap_stop timeout 1 $rc

# 10. HTTP over vsock between third-party programs: busybox httpd serves
#     /www on 127.0.0.1:8000 (TCP); socat bridges vsock port 8081 to it, a
#     second socat bridges TCP 127.0.0.1:8082 to vsock 1:8081, and busybox
#     wget fetches through that chain: wget -TCP- socat -vsock- socat -TCP-
#     httpd. Only the middle hop is vsock, and that is what is captured.
#     Three connections: a small page (200), a missing one (404), and a
#     72894-byte file (seq 1 14000) whose response spans many RW packets.
busybox --list > $O/http-bridge.applets
ip link set lo up
mkdir -p /www $O/http-bridge.www
printf '<html><body>sockscope http-bridge: busybox httpd over vsock</body></html>\n' > /www/index.html
seq 1 14000 > /www/big.txt
cp /www/index.html /www/big.txt $O/http-bridge.www/
httpd -f -p 127.0.0.1:8000 -h /www > $O/http-bridge.httpd.err 2>&1 &
HTTPD=$!
socat -d -d VSOCK-LISTEN:8081,fork TCP:127.0.0.1:8000 > /dev/null 2> $O/http-bridge.socat-server.err &
SOCS=$!
socat -d -d TCP-LISTEN:8082,bind=127.0.0.1,reuseaddr,fork VSOCK-CONNECT:1:8081 > /dev/null 2> $O/http-bridge.socat-client.err &
SOCC=$!
wait_line $O/http-bridge.socat-server.err "listening on"
wait_line $O/http-bridge.socat-client.err "listening on"
# httpd says nothing when ready: ask it directly over TCP (no vsock yet)
i=0
while ! wget -q -O /dev/null http://127.0.0.1:8000/index.html 2> /dev/null; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "httpd did not answer on 127.0.0.1:8000"; break; }
	sleep 0.05
done
# (timeout: a broken bridge must not hold the guest until the harness gives up)
cap_start http-bridge
timeout 30 wget -O /tmp/index.html http://127.0.0.1:8082/index.html > $O/http-bridge.wget-index.out 2>&1
w1=$?
timeout 30 wget -O /tmp/missing.html http://127.0.0.1:8082/missing.html > $O/http-bridge.wget-missing.out 2>&1
w2=$?
timeout 30 wget -O /tmp/big.txt http://127.0.0.1:8082/big.txt > $O/http-bridge.wget-big.out 2>&1
w3=$?
# scenario rc 0 only when the two files came and the missing one did not
[ $w1 = 0 ] && [ $w2 != 0 ] && [ $w3 = 0 ]
rc=$?
cap_stop http-bridge 0 $rc
{
	echo "wget index.html rc=$w1"
	echo "wget missing.html rc=$w2"
	echo "wget big.txt rc=$w3"
	cmp /www/index.html /tmp/index.html > /dev/null 2>&1; echo "cmp index.html $?"
	cmp /www/big.txt /tmp/big.txt > /dev/null 2>&1; echo "cmp big.txt $?"
	[ -e /tmp/missing.html ] && echo "missing.html saved" || echo "missing.html not saved"
	cd /www && sha256sum index.html big.txt | sed 's/^/served /'
	cd /tmp && sha256sum index.html big.txt | sed 's/^/fetched /'
} > $O/http-bridge.result 2>&1
cd /tmp
kill $SOCC $SOCS $HTTPD
wait $SOCC $SOCS $HTTPD 2> /dev/null

echo "scenarios done" >> $O/scenarios.txt
