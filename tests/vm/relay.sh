# SPDX-License-Identifier: GPL-2.0-or-later
# Guest script of test_relay.py (busybox sh, run by guest.py's /init):
# sockgen's socat-like relays over vsock_loopback, each scenario captured on
# vsockmon0 into /out/vsock-NAME.pcap with the manifests next to it.
# /out/scenarios.txt: one line per scenario, as scenarios.sh writes them.
#   relay-stdio   connect 1:P --stdio < a.bin > b.out, listen P --stdio < b.bin > a.out
#   relay-file    listen P --file f.bin --once; connect --stdio < /dev/null
#   exec-http     busybox wget -> 127.0.0.1:8092 -> sockgen vsock bridge
#                 -> vsock 1:8090 -> sockgen vsock listen --exec 'httpd -i -h /www'
#   bridge-back   sockgen vsock connect --stdio -> vsock 1:8093 -> sockgen
#                 vsock bridge --vsock-listen -> TCP 127.0.0.1:8000 (busybox httpd)
#   peer-close    connect --stdio with a stdin that never ends exits when
#                 socat (SYSTEM:'echo ...') has answered and closed
#   exec-parallel three clients at once to listen --exec: served side by side
set -u
. /guestlib.sh
busybox --list > $O/applets

# 1. --stdio both ways at once: each side sends its file and saves the other's
head -c 100000 /dev/urandom > $O/relay-stdio.a.bin
head -c 70000 /dev/urandom > $O/relay-stdio.b.bin
cap_start relay-stdio
timeout 60 $SG vsock listen 5100 --stdio --manifest $O/relay-stdio.server.jsonl \
	< $O/relay-stdio.b.bin > /tmp/a.out 2> $O/relay-stdio.server.err &
SRV=$!
wait_line $O/relay-stdio.server.err listening
timeout 60 $SG vsock connect 1:5100 --stdio --manifest $O/relay-stdio.client.jsonl \
	< $O/relay-stdio.a.bin > /tmp/b.out 2> $O/relay-stdio.client.err
rc=$?
wait $SRV
echo $? > $O/relay-stdio.server.rc
cap_stop relay-stdio 0 $rc
{
	cmp $O/relay-stdio.a.bin /tmp/a.out > /dev/null 2>&1; echo "cmp a $?"
	cmp $O/relay-stdio.b.bin /tmp/b.out > /dev/null 2>&1; echo "cmp b $?"
	echo "stdout bytes $(wc -c < /tmp/b.out)"
} > $O/relay-stdio.result

# 2. --file on listen: every peer gets the file; the client sends nothing
seq 1 3000 > $O/relay-file.bin
cap_start relay-file
timeout 60 $SG vsock listen 5101 --file $O/relay-file.bin --once --manifest $O/relay-file.server.jsonl \
	> $O/relay-file.server.out 2> $O/relay-file.server.err &
SRV=$!
wait_line $O/relay-file.server.err listening
timeout 60 $SG vsock connect 1:5101 --stdio --manifest $O/relay-file.client.jsonl \
	< /dev/null > /tmp/file.out 2> $O/relay-file.client.err
rc=$?
wait $SRV
echo $? > $O/relay-file.server.rc
cap_stop relay-file 0 $rc
{
	cmp $O/relay-file.bin /tmp/file.out > /dev/null 2>&1; echo "cmp file $?"
	echo "server stdout bytes $(wc -c < $O/relay-file.server.out)"
} > $O/relay-file.result

# 3. busybox httpd in inetd mode behind listen --exec, fetched by busybox
#    wget through bridge --tcp-listen: two connections, each one vsock
#    connection and one httpd process
mkdir -p /www $O/exec-http.www
printf '<html><body>sockscope exec-http: busybox httpd -i behind sockgen vsock listen --exec</body></html>\n' > /www/index.html
seq 1 9000 > /www/big.txt
cp /www/index.html /www/big.txt $O/exec-http.www/
cap_start exec-http
timeout 90 $SG vsock listen 8090 --exec 'httpd -i -h /www' --max-conns 2 \
	--manifest $O/exec-http.server.jsonl > $O/exec-http.server.out 2> $O/exec-http.server.err &
SRV=$!
timeout 90 $SG vsock bridge --tcp-listen 8092 --vsock 1:8090 --max-conns 2 \
	--manifest $O/exec-http.bridge.jsonl > $O/exec-http.bridge.out 2> $O/exec-http.bridge.err &
BR=$!
wait_line $O/exec-http.server.err listening
wait_line $O/exec-http.bridge.err listening
timeout 30 wget -O /tmp/index.html http://127.0.0.1:8092/index.html > $O/exec-http.wget-index.out 2>&1
w1=$?
timeout 30 wget -O /tmp/big.txt http://127.0.0.1:8092/big.txt > $O/exec-http.wget-big.out 2>&1
w2=$?
wait $SRV
echo $? > $O/exec-http.server.rc
wait $BR
echo $? > $O/exec-http.bridge.rc
[ $w1 = 0 ] && [ $w2 = 0 ]
rc=$?
cap_stop exec-http 0 $rc
{
	echo "wget index.html $w1"
	echo "wget big.txt $w2"
	cmp /www/index.html /tmp/index.html > /dev/null 2>&1; echo "cmp index.html $?"
	cmp /www/big.txt /tmp/big.txt > /dev/null 2>&1; echo "cmp big.txt $?"
	echo "zombies $(grep -l '^State:.*Z' /proc/[0-9]*/status 2> /dev/null | wc -l)"
} > $O/exec-http.result

# 4. the other direction: vsock to TCP; the request comes from --stdio
httpd -f -p 127.0.0.1:8000 -h /www > $O/bridge-back.httpd.err 2>&1 &
HTTPD=$!
i=0
while ! wget -q -O /dev/null http://127.0.0.1:8000/index.html 2> /dev/null; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "httpd did not answer on 127.0.0.1:8000"; break; }
	sleep 0.05
done
cap_start bridge-back
timeout 60 $SG vsock bridge --vsock-listen 8093 --tcp 127.0.0.1:8000 \
	--manifest $O/bridge-back.bridge.jsonl > $O/bridge-back.bridge.out 2> $O/bridge-back.bridge.err &
BR=$!
wait_line $O/bridge-back.bridge.err listening
printf 'GET /index.html HTTP/1.0\r\nHost: vsock\r\n\r\n' > $O/bridge-back.request
timeout 60 $SG vsock connect 1:8093 --stdio --manifest $O/bridge-back.client.jsonl \
	< $O/bridge-back.request > $O/bridge-back.response 2> $O/bridge-back.client.err
rc=$?
# no --once: it serves until stopped; SIGTERM ends it cleanly (exit 0)
kill -TERM $BR
wait $BR
echo $? > $O/bridge-back.bridge.rc
cap_stop bridge-back 0 $rc
kill $HTTPD
wait $HTTPD 2> /dev/null

# 5. exit when the peer closes: socat answers one line and closes for good
#    while connect --stdio's stdin (a FIFO held open by sleep) never ends
socat VSOCK-LISTEN:5102 SYSTEM:'echo hello from socat' > $O/peer-close.socat.out 2>&1 &
SOC=$!
sleep 1
mkfifo /tmp/never
sleep 60 > /tmp/never &
HOLD=$!
cap_start peer-close
t0=$(date +%s)
timeout 30 $SG vsock connect 1:5102 --stdio --manifest $O/peer-close.client.jsonl \
	< /tmp/never > $O/peer-close.out 2> $O/peer-close.client.err
rc=$?
t1=$(date +%s)
wait $SOC
echo "socat $?" > $O/peer-close.result
echo "seconds $((t1 - t0))" >> $O/peer-close.result
kill $HOLD
cap_stop peer-close 0 $rc

# 6. connections side by side: three clients at once; each command marks
#    itself running and waits (10 s at most) until three are: served one
#    after the other, each sees only itself. No clock decides it.
rm -f /tmp/par.*
cap_start exec-parallel
timeout 60 $SG vsock listen 5103 --exec 'read l; n=${l#client }; touch /tmp/par.$n; i=0;
	while [ $(ls /tmp/par.* | wc -l) -lt 3 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done;
	ls /tmp/par.* | wc -l > /out/exec-parallel.seen$n; echo "got $l"' --max-conns 3 \
	--manifest $O/exec-parallel.server.jsonl > /dev/null 2> $O/exec-parallel.server.err &
SRV=$!
wait_line $O/exec-parallel.server.err listening
t0=$(date +%s)
echo "client 1" | timeout 30 $SG vsock connect 1:5103 --stdio --manifest $O/exec-parallel.client1.jsonl \
	> $O/exec-parallel.out1 2> $O/exec-parallel.client1.err &
C1=$!
echo "client 2" | timeout 30 $SG vsock connect 1:5103 --stdio --manifest $O/exec-parallel.client2.jsonl \
	> $O/exec-parallel.out2 2> $O/exec-parallel.client2.err &
C2=$!
echo "client 3" | timeout 30 $SG vsock connect 1:5103 --stdio --manifest $O/exec-parallel.client3.jsonl \
	> $O/exec-parallel.out3 2> $O/exec-parallel.client3.err &
C3=$!
rc=0
for p in $C1 $C2 $C3; do
	wait $p || rc=1
done
t1=$(date +%s)
wait $SRV
echo "server $?" > $O/exec-parallel.result
echo "seconds $((t1 - t0))" >> $O/exec-parallel.result
cap_stop exec-parallel 0 $rc

# 7. runtime failures (not captured): nothing listens on 5999
timeout 30 $SG vsock connect 1:5999 --stdio < /dev/null > /dev/null 2> $O/refused.connect.err
echo "connect $?" > $O/refused.result
timeout 30 $SG vsock bridge --tcp-listen 8094 --vsock 1:5999 --once > /dev/null 2> $O/refused.bridge.err &
BR=$!
wait_line $O/refused.bridge.err listening
timeout 30 wget -O /tmp/refused.html http://127.0.0.1:8094/ > /dev/null 2>&1
echo "wget $?" >> $O/refused.result
wait $BR
echo "bridge $?" >> $O/refused.result

echo "scenarios done" >> $O/scenarios.txt
