# SPDX-License-Identifier: GPL-2.0-or-later
# The scapy side of bench/ndp_gen: the same RA with ten options (RFC 4861
# and friends) rebuilt for every packet (new nonce, router lifetime) and
# written to a pcap. Run with /usr/bin/python3 (Debian's python3-scapy).
import sys
import time

from scapy.all import Ether, IPv6, PcapWriter, raw
from scapy.layers.inet6 import (ICMPv6ND_RA, ICMPv6NDOptAdvInterval, ICMPv6NDOptDNSSL,
                                ICMPv6NDOptHAInfo, ICMPv6NDOptMAP, ICMPv6NDOptMTU,
                                ICMPv6NDOptPrefixInfo, ICMPv6NDOptRDNSS,
                                ICMPv6NDOptRouteInfo, ICMPv6NDOptSrcLLAddr, ICMPv6NDOptUnknown)


def packet(i):
    nonce = bytes(6) + i.to_bytes(8, "big")          # RFC 3971 5.3.2, 14 octets
    return (Ether(src="02:00:00:00:00:01", dst="33:33:00:00:00:01") /
            IPv6(src="fe80::1", dst="ff02::1", hlim=255) /
            ICMPv6ND_RA(chlim=64, M=1, O=1, prf=0, routerlifetime=1800 + (i & 0xff)) /
            ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01") /
            ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, validlifetime=86400,
                                  preferredlifetime=14400, prefix="2001:db8::") /
            ICMPv6NDOptMTU(mtu=1500) /
            ICMPv6NDOptRDNSS(lifetime=600, dns=["2001:db8::53", "2001:db8::54"]) /
            ICMPv6NDOptDNSSL(lifetime=600, searchlist=["example.com"]) /
            ICMPv6NDOptRouteInfo(len=2, plen=48, prf=1, rtlifetime=1800, prefix="2001:db8:100::") /
            ICMPv6NDOptAdvInterval(advint=600000) /
            ICMPv6NDOptHAInfo(pref=0, lifetime=1800) /
            ICMPv6NDOptMAP(dist=1, pref=0, R=0, validlifetime=1800, addr="2001:db8::1") /
            ICMPv6NDOptUnknown(type=14, len=2, data=nonce))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/bench_ndp_gen_scapy.pcap"
    print("first " + raw(packet(0)).hex())
    w = PcapWriter(out, linktype=1, sync=False)
    t0 = time.monotonic()
    c0 = time.process_time()
    for i in range(n):
        w.write(packet(i))
    w.close()
    t = time.monotonic() - t0
    c = time.process_time() - c0
    print("pcap %d packets %.3f s %.0f packets/s (cpu %.3f s = %.0f packets/s)" % (n, t, n / t, c, n / c))


main()
