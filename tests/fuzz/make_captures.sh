#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzz material from sockgen (issue 7): small NDP and vsock captures covering
# every ND message, the option families, the analysis cases (NS/NA, DAD,
# duplicate address, router consistency) and negative knobs, plus every
# synthetic vsock scenario. Used by scripts/fuzz (mutation, seeds) and
# tests/dissect/test_mutate.py.
#   make_captures.sh SOCKGEN OUTDIR
set -eu
sg=$1
out=$2
mkdir -p "$out"
ndp() { name=$1; shift; "$sg" ndp "$@" --pcap "$out/ndp-$name.pcap" --quiet; }
script() { name=$1; shift; printf '%s\n' "$@" >"$out/.script"; "$sg" ndp --script "$out/.script" --pcap "$out/ndp-$name.pcap" --quiet; rm -f "$out/.script"; }

ndp ra-rich ra --flags M,O,H,P --prf high --reachable 30000 --retrans 1000 \
	--prefix 2001:db8::/64,L,A,valid=1d,preferred=4h --prefix 2001:db8:1::/48,R \
	--mtu 1500 --adv-interval 600 --home-agent pref=1,lifetime=60 \
	--rdnss 2001:db8::53,2001:db8::54,lifetime=600 --dnssl example.com,lab.example.org,lifetime=600 \
	--route 2001:db8:100::/48,prf=high --route ::/0,prf=low --pref64 64:ff9b::/96 \
	--nonce 0102030405060708090a0b0c0d0e --timestamp 1700000000.5 \
	--captive-portal https://portal.example/ --ra-flags-ext 010000000000 \
	--pvd-id pvd.example.com,seq=3,H,L \
	--encrypted-dns resolver.example,priority=1,lifetime=600,addr=2001:db8::53 \
	--6lowpan-ctx 2001:db8::/64,cid=1,C,lifetime=60 --abro 2001:db8::1,version=2,lifetime=10 \
	--uptime 12345 --rd-addr 2001:db8::7 --map 2001:db8::8,dist=1,pref=2,R \
	--exp1 0102 --exp2 0304 --opt 200:deadbeef
script basic 'rs' 'ra --mtu 1500' 'ns --target fe80::2' 'na --target fe80::2 --flags S,O --dst fe80::1' \
	'redirect --target fe80::2 --destination 2001:db8::9 --redirected-header 6000000000083a400000000000000000000000000000000000000000000000000000000000000000' \
	'ind-sol --tgt-addr-list 2001:db8::1' 'ind-adv --tgt-addr-list 2001:db8::1,2001:db8::2'
script analysis 'ns --src :: --target 2001:db8::5 --no-slla' 'ns --src :: --target 2001:db8::5 --no-slla --src-mac 02:00:00:00:00:09' \
	'na --target 2001:db8::5 --src 2001:db8::5 --src-mac 02:00:00:00:00:07 --tlla 02:00:00:00:00:07' \
	'ns --target fe80::2 --src fe80::1' 'na --target fe80::2 --src fe80::2 --dst fe80::1 --flags S --src-mac 02:00:00:00:00:02' \
	'ra --prefix 2001:db8::/64,valid=100 --mtu 1500' 'ra --src fe80::9 --src-mac 02:00:00:00:00:09 --prefix 2001:db8::/64,valid=200 --mtu 1400' \
	'ra --router-lifetime 0'
script negative 'ra --bad-checksum' 'ra --hop-limit 64 --code 3' 'ra --prefix 2001:db8::/64 --opt-len 3:0' \
	'ra --mtu 1500 --opt-len 5:9' 'ns --target ff02::1 --prefix 2001:db8::/64' \
	'na --target fe80::2 --flags S --dst ff02::1' 'ra --src 2001:db8::1' \
	'ra --opt 3:40c00000000a000000640000000020010db8000000000000000000000000' 'ra --opt 3:ff' 'ra --dnssl bad.example --opt-len 31:1'

for s in stream-echo bulk seqpacket refused reset-mid-stream half-close credit-stall http; do
	"$sg" vsock pcap --out "$out/vsock-$s.pcap" --scenario "$s" --bytes 20000 --msg-size 4096 >/dev/null 2>&1 ||
		"$sg" vsock pcap --out "$out/vsock-$s.pcap" --scenario "$s" >/dev/null
done
