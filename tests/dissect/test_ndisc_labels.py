# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc presentation: the Info column of every message type and the
summary label of option subtrees, as exact text."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

INFO = [
    ("rs", "Router Solicitation from 02:00:00:00:00:01"),
    ("ra --prefix 2001:db8::/64,L,A,valid=1d,preferred=4h --mtu 1500",
     "Router Advertisement from 02:00:00:00:00:01, prefix 2001:db8::/64, MTU 1500"),
    ("ns --target fe80::2", "Neighbor Solicitation for fe80::2 from 02:00:00:00:00:01"),
    ("ns --src :: --no-slla --target fe80::3", "Neighbor Solicitation for fe80::3 (DAD probe)"),
    ("na --target fe80::2 --src fe80::2 --dst fe80::1 --flags R,S,O --tlla 02:00:00:00:00:02",
     "Neighbor Advertisement fe80::2 (rtr, sol, ovr) is at 02:00:00:00:00:02"),
    ("na --target fe80::2 --src fe80::2 --flags O --no-tlla", "Neighbor Advertisement fe80::2 (ovr)"),
    ("redirect --target fe80::2 --destination 2001:db8::9",
     "Redirect for 2001:db8::9 via fe80::2"),
    ("ind-sol", "Inverse Neighbor Discovery Solicitation from 02:00:00:00:00:01"),
    ("ra --router-lifetime 0 --no-slla", "Router Advertisement, not a default router"),
]

LABELS = [
    (["ra", "--prefix", "2001:db8::/64,L,A,valid=1d,preferred=4h"],
     "Prefix Information: 2001:db8::/64, L A, valid 1d, preferred 4h"),
    (["ra", "--mtu", "1500"], "MTU: 1500"),
    (["ra", "--rdnss", "2001:db8::53,2001:db8::54,lifetime=600"],
     "Recursive DNS Server: 2001:db8::53 2001:db8::54, lifetime 10m"),
    (["ra", "--dnssl", "example.com,lifetime=3600"], "DNS Search List: example.com, lifetime 1h"),
    (["ra", "--route", "2001:db8:100::/48,prf=high,lifetime=90"],
     "Route Information: 2001:db8:100::/48, High, lifetime 1m30s"),
    (["ra", "--pref64", "64:ff9b::/96,lifetime=600"], "PREF64: 64:ff9b::/96, lifetime 10m"),
    (["rs", "--slla", "02:00:00:00:00:0a"], "Source Link-Layer Address: 02:00:00:00:00:0a"),
    (["ra", "--captive-portal", "https://portal.example/"],
     "Captive Portal: https://portal.example/"),
    (["ra", "--prefix", "2001:db8::/64,valid=infinity,preferred=infinity"],
     "Prefix Information: 2001:db8::/64, valid infinity, preferred infinity"),
]


def main():
    g = ndisc_pkt.Gen()
    pcap = g.script("info", [line for line, _i in INFO])
    got = [r[0] for r in sstest.fields(pcap, ["_ws.col.Info"])]
    for (line, want), have in zip(INFO, got):
        sstest.eq(have, want, "Info of: " + line)
    sstest.eq(len(got), len(INFO), "one frame per line")
    for i, (args, label) in enumerate(LABELS):
        v = sstest.tshark("-n", "-r", g.ndp("label%d" % i, *args), "-V").stdout
        sstest.check(("    " + label + "\n") in v, "label " + label,
                     "\n".join(ln for ln in v.splitlines() if ln.startswith("    ") and
                               not ln.startswith("     "))[-800:])
    sstest.done()


main()
