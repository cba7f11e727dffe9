# SPDX-License-Identifier: GPL-2.0-or-later
# Guest script (busybox sh, run by tests/vm/apps.py through guest.py's
# /init): real services over vsock, made by third-party programs from
# Debian, each captured on vsockmon0 into /out/vsock-app-NAME.pcap (one line
# each in /out/scenarios.txt, as guestlib.sh writes them). What the
# programs print goes to /out/NAME.*.log: the tests' truth.
#   ssh   dropbear -i (inetd mode) behind socat VSOCK-LISTEN, dbclient
#         through a ProxyCommand (socat - VSOCK-CONNECT): public-key login,
#         one command run
#   tls   openssl s_server / s_client, TLS 1.3 then TLS 1.2, with an SNI,
#         through socat TCP<->vsock bridges (only the vsock hop is captured)
#   h2    nghttpd --no-tls (h2c) and nghttp with prior knowledge: three
#         streams on one connection, a POST body, extra headers
#   qga   qemu-ga -m vsock-listen, a client sending guest-ping, guest-info,
#         guest-get-osinfo
#   mix   ssh, tls, h2 and qga at the same time, packets interleaved
# Every connection is to CID 1 (vsock_loopback) only.
set -u
export HOME=/root PATH=$PATH:/usr/sbin
. /guestlib.sh

# wait_port PORT: until something listens on TCP PORT (loopback)
wait_port() {
	i=0
	while ! netstat -ltn 2>/dev/null | grep -q "[:.]$1 "; do
		i=$((i + 1))
		[ $i -gt 200 ] && { echo "timeout waiting for TCP port $1"; return 1; }
		sleep 0.05
	done
}

mkdir -p /root/.ssh /www /var/run /tmp/qga
chmod 700 /root/.ssh
chmod 600 /root/.ssh/id /etc/dropbear/hostkey

# --- the services, started once -------------------------------------------
# The versions, for the tests: dropbear's banner carries its own.
{ dropbear -V; dbclient -V; openssl version; nghttpd --version; qemu-ga -V; } > $O/versions.log 2>&1
# SSH on vsock port 22: one dropbear per connection, in inetd mode.
socat VSOCK-LISTEN:22,fork,reuseaddr EXEC:"dropbear -i -s -r /etc/dropbear/hostkey" \
	2> $O/ssh.server.log &
# TLS on vsock port 443, bridged to openssl s_server on loopback TCP 4433.
openssl s_server -accept 127.0.0.1:4433 -cert /etc/tls/cert.pem -key /etc/tls/key.pem \
	-servername vsock.example -cert2 /etc/tls/cert.pem -key2 /etc/tls/key.pem -www \
	> $O/tls.server.log 2>&1 &
socat VSOCK-LISTEN:443,fork,reuseaddr TCP:127.0.0.1:4433 2>> $O/tls.bridge.log &
socat TCP-LISTEN:8443,bind=127.0.0.1,fork,reuseaddr VSOCK-CONNECT:1:443 2>> $O/tls.bridge.log &
# HTTP/2 cleartext on vsock port 80, bridged to nghttpd on loopback TCP 8080.
printf 'hello over h2c\n' > /www/index.html
seq 1 3000 > /www/numbers.txt
printf '{"app":"sockscope","n":1}\n' > /www/data.json
nghttpd --no-tls -d /www -a 127.0.0.1 -v 8080 > $O/h2.server.log 2>&1 &
socat VSOCK-LISTEN:80,fork,reuseaddr TCP:127.0.0.1:8080 2>> $O/h2.bridge.log &
socat TCP-LISTEN:8082,bind=127.0.0.1,fork,reuseaddr VSOCK-CONNECT:1:80 2>> $O/h2.bridge.log &
# The QEMU guest agent on vsock port 5100 of CID 1 itself.
qemu-ga -m vsock-listen -p 1:5100 -t /tmp/qga -v > $O/qga.server.log 2>&1 &
wait_port 4433
wait_port 8443
wait_port 8080
wait_port 8082
sleep 1

# --- the clients -----------------------------------------------------------
run_ssh() {
	dbclient -y -i /root/.ssh/id -J "socat - VSOCK-CONNECT:1:22" root@vsock-guest \
		'echo ssh-command-ran; uname -s' > $O/ssh$1.client.out 2> $O/ssh$1.client.log
	echo "rc=$?" >> $O/ssh$1.client.out
}

run_tls() {
	for v in 1_3 1_2; do
		printf 'GET / HTTP/1.0\r\n\r\n' |
			openssl s_client -connect 127.0.0.1:8443 -servername vsock.example -tls$v \
				-ign_eof > $O/tls$1.client.$v.out 2>&1
		echo "rc=$?" >> $O/tls$1.client.$v.out
	done
}

run_h2() {
	printf 'name=sockscope&body=posted' > /tmp/post.txt
	nghttp -v -n -H 'x-sockscope: h2c-test' http://127.0.0.1:8082/index.html \
		http://127.0.0.1:8082/numbers.txt http://127.0.0.1:8082/data.json \
		> $O/h2$1.client.log 2>&1
	echo "rc=$?" >> $O/h2$1.client.log
	nghttp -v -n -d /tmp/post.txt -H 'x-sockscope: h2c-post' http://127.0.0.1:8082/index.html \
		>> $O/h2$1.client.log 2>&1
	echo "rc=$?" >> $O/h2$1.client.log
}

run_qga() {
	{
		printf '{"execute":"guest-ping"}\n'
		sleep 0.3
		printf '{"execute":"guest-info"}\n'
		sleep 0.3
		printf '{"execute":"guest-get-osinfo"}\n'
		sleep 0.5
	} | socat -t 2 - VSOCK-CONNECT:1:5100 > $O/qga$1.client.out 2> $O/qga$1.client.log
	echo "rc=$?" >> $O/qga$1.client.log
}

for a in ssh tls h2 qga; do
	cap_start app-$a
	run_$a ""
	cap_stop app-$a 0 0
done

cap_start app-mix
run_ssh .mix &
p1=$!
run_tls .mix &
p2=$!
run_h2 .mix &
p3=$!
run_qga .mix &
p4=$!
wait $p1 $p2 $p3 $p4
cap_stop app-mix 0 0
