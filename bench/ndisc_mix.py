# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp --script lines for bench/ndisc_decode's two NDP mixes.

  ndisc_mix.py link|thirdparty N [SEED]

link        the bench's own mixed link: 1000 hosts resolving each other
            (NS/NA pairs), DAD probes, RS, two routers (prefix, MTU, RDNSS)
thirdparty  the message shapes of the tools people capture, as seen from
            them on a real link (sockgen rebuilds each shape):
  radvd       periodic RA to ff02::1: SLLA, MTU, two prefixes, RDNSS,
              DNSSL, a route, advertisement interval
  rdisc6      RS from a host with SLLA; ndisc6: NS to the target's
              solicited-node group with SLLA, the NA back (S, O, TLLA)
  kernel      DAD probes (NS from ::, no options, to the solicited-node
              group), the unsolicited NA after it (O, TLLA, to ff02::1),
              NUD probes (unicast NS, no options) and their NA (S)
  thc-ipv6    flood_router26 (RA from random routers, 17 prefixes, a
              route, MTU, SLLA), fake_advertise6 / parasite6 (NA with O
              and TLLA), ndpexhaust26 (NS for random targets)
  scapy       RA/NS/NA/Redirect with assorted options (nonce, timestamp,
              PREF64, captive portal, RDNSS, route)
Deterministic for a seed (default 1)."""
import random
import sys


def mac(n):
    return "02:00:%02x:%02x:%02x:%02x" % ((n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255)


def ll(n):
    return "fe80::%x:%x" % ((n >> 16) & 0xffff, n & 0xffff)


def gua(n):
    return "2001:db8:1::%x:%x" % ((n >> 16) & 0xffff, n & 0xffff)


def snm(addr_n):
    """Solicited-node group of an address whose low 24 bits are addr_n's."""
    return "ff02::1:ff%02x:%04x" % ((addr_n >> 16) & 255, addr_n & 0xffff)


def link_mix(n, out):
    for i in range(n):
        h, k = i % 1000, i % 10
        t = (h + 1) % 1000
        m, tm = mac(h), mac(t)
        if k < 3:
            out.append("ns --src fe80::%x --src-mac %s --slla %s --target fe80::%x" % (h + 1, m, m, t + 1))
        elif k < 6:
            out.append("na --src fe80::%x --src-mac %s --dst fe80::%x --target fe80::%x --flags S,O --tlla %s"
                       % (t + 1, tm, h + 1, t + 1, tm))
        elif k == 6:
            out.append("ns --src :: --src-mac %s --no-slla --target fe80::%x" % (m, h + 1))
        elif k == 7:
            out.append("rs --src fe80::%x --src-mac %s --slla %s" % (h + 1, m, m))
        else:
            r = "a" if k == 8 else "b"
            out.append("ra --src fe80::%s --src-mac 02:00:00:00:ff:0%s --prefix 2001:db8::/64,L,A --mtu 1500 "
                       "--rdnss 2001:db8::53" % (r, r))


def thirdparty_mix(n, out, rnd):
    hosts = 500
    radvd = ("ra --src fe80::1 --src-mac 02:00:00:00:00:01 --slla 02:00:00:00:00:01 --flags O "
             "--router-lifetime 1800 --mtu 1500 --prefix 2001:db8:1::/64,L,A,valid=86400,preferred=14400 "
             "--prefix 2001:db8:2::/64,L,A,valid=86400,preferred=14400 --rdnss 2001:db8::53,2001:db8::54,lifetime=600 "
             "--dnssl example.com,corp.example,lifetime=600 --route 2001:db8:100::/48,prf=high,lifetime=1800 "
             "--adv-interval 600000")
    shapes = [  # (weight, maker)
        (8, lambda: radvd),
        (4, lambda: (lambda h: "rs --src %s --src-mac %s --slla %s" % (ll(h), mac(h), mac(h)))(rnd.randrange(hosts))),
        (10, lambda: (lambda h, t: "ns --src %s --src-mac %s --dst %s --slla %s --target %s"
                      % (ll(h), mac(h), snm(t), mac(h), ll(t)))(rnd.randrange(hosts), rnd.randrange(hosts))),
        (10, lambda: (lambda h, t: "na --src %s --src-mac %s --dst %s --target %s --flags S,O --tlla %s"
                      % (ll(t), mac(t), ll(h), ll(t), mac(t)))(rnd.randrange(hosts), rnd.randrange(hosts))),
        (12, lambda: (lambda h: "ns --src :: --src-mac %s --dst %s --target %s --no-slla"
                      % (mac(h), snm(h), gua(h)))(rnd.randrange(hosts))),
        (6, lambda: (lambda h: "na --src %s --src-mac %s --dst ff02::1 --target %s --flags O --tlla %s"
                     % (gua(h), mac(h), gua(h), mac(h)))(rnd.randrange(hosts))),
        (10, lambda: (lambda h, t: "ns --src %s --src-mac %s --dst %s --target %s --no-slla"
                      % (ll(h), mac(h), ll(t), ll(t)))(rnd.randrange(hosts), rnd.randrange(hosts))),
        (10, lambda: (lambda h, t: "na --src %s --src-mac %s --dst %s --target %s --flags S"
                      % (ll(t), mac(t), ll(h), ll(t)))(rnd.randrange(hosts), rnd.randrange(hosts))),
        (10, lambda: flood_router(rnd)),
        (6, lambda: (lambda h, v: "na --src %s --src-mac %s --dst ff02::1 --target %s --flags O --tlla %s"
                     % (gua(v), mac(h), gua(v), mac(h)))(rnd.randrange(1 << 24), rnd.randrange(hosts))),
        (6, lambda: (lambda t: "ns --src fe80::666 --src-mac 02:00:00:00:06:66 --dst %s --slla 02:00:00:00:06:66 "
                     "--target %s" % (snm(t), gua(t)))(rnd.randrange(1 << 24))),
        (8, lambda: scapy_msg(rnd)),
    ]
    total = sum(w for w, _ in shapes)
    for _ in range(n):
        x = rnd.randrange(total)
        for w, make in shapes:
            if x < w:
                out.append(make())
                break
            x -= w


def flood_router(rnd):
    r = rnd.randrange(1 << 24)
    pfx = " ".join("--prefix 2001:db8:%x:%x::/64,L,A" % (rnd.randrange(65536), i) for i in range(17))
    return ("ra --src %s --src-mac %s --slla %s --router-lifetime 65535 --prf high --mtu 1500 %s "
            "--route ::/0,prf=high" % (ll(r), mac(r), mac(r), pfx))


def scapy_msg(rnd):
    k = rnd.randrange(4)
    if k == 0:
        return ("ra --src fe80::2 --src-mac 02:00:00:00:00:02 --nonce %012x --timestamp 1700000000 "
                "--pref64 64:ff9b::/96 --captive-portal https://portal.example/ --rdnss 2001:db8::53"
                % rnd.randrange(1 << 48))
    if k == 1:
        return "ns --src fe80::3 --src-mac 02:00:00:00:00:03 --target fe80::4 --slla 02:00:00:00:00:03 --nonce 010203040506"
    if k == 2:
        return "na --src fe80::4 --src-mac 02:00:00:00:00:04 --dst fe80::3 --target fe80::4 --flags R,S,O --tlla 02:00:00:00:00:04"
    return ("redirect --src fe80::1 --src-mac 02:00:00:00:00:01 --dst fe80::3 --target fe80::9 "
            "--destination 2001:db8::99 --tlla 02:00:00:00:00:09")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("link", "thirdparty"):
        raise SystemExit(__doc__)
    n = int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    out = []
    if sys.argv[1] == "link":
        link_mix(n, out)
    else:
        thirdparty_mix(n, out, rnd)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
