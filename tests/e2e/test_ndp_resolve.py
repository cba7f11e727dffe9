# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp resolve beside ndisc6 (Debian ndisc6), both asking the peer
namespace's kernel: for a global and a link-local address of the peer the
MAC and the NA's source must be what ndisc6 prints, the NA's flags what
Wireshark's built-in dissector reads in a capture (the peer forwards, so
R is set); for an unused address neither gets an answer and sockgen exits
1. --dad: the probe leaves from :: to the solicited-node group with a
Nonce option and no source link-layer address (decoded by the built-in),
the peer kernel answers for its own address (NA to ff02::1) and sockgen
names the peer's MAC, exit 0; for an unused address nothing comes, exit 1."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import beside  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

PEER = "2001:db8:5::1"       # configured on the peer (namespace a)
MINE = "2001:db8:5::2"       # ours (namespace b)
UNUSED = "2001:db8:5::77"


def ns_run(ns, *cmd):
    return subprocess.run(["ip", "netns", "exec", ns] + list(cmd), capture_output=True, text=True,
                          timeout=60)


def yes(v):
    return "1" if v == "Yes" else "0"


def resolve_vs_ndisc6(p, ndisc6, target, d, totals):
    """One address: ndisc6's answer and sockgen's, and the NA's flags in
    the capture of sockgen's exchange."""
    n6 = ns_run(p.nsb, ndisc6, "-1", "-r", "3", "-w", "2000", target, p.ifb)
    cap_path = os.path.join(d, "resolve-%s.pcap" % target.replace(":", "_"))
    cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
    try:
        sg = ns_run(p.nsb, sstest.SOCKGEN, "ndp", "resolve", p.ifb, target, "-1", "-r", "3", "-w", "2000")
    finally:
        cap.stop(expect=2)
    print("ndisc6 %s:\n%s%s\nsockgen ndp resolve:\n%s%s" % (target, n6.stdout, n6.stderr, sg.stdout, sg.stderr))
    sstest.eq(n6.returncode, 0, "ndisc6 resolves %s" % target)
    sstest.eq(sg.returncode, 0, "sockgen ndp resolve %s: exit 0" % target)
    ref, got = beside.parse_nd_text(n6.stdout), beside.parse_nd_text(sg.stdout)
    if not (sstest.eq(len(ref), 1, "ndisc6: one answer for %s" % target) and
            sstest.eq(len(got), 1, "sockgen: one answer for %s" % target)):
        return
    n, ok, labels = beside.compare_nd(ref[0], got[0], "resolve %s vs ndisc6" % target)
    totals[0] += n
    totals[1] += ok
    totals[2] += [x for x in labels if x not in totals[2]]
    sstest.eq(got[0]["hdr"].get("Target link-layer address"), p.maca.upper(), "the MAC is the peer's (%s)" % target)
    rows = sstest.fields(cap_path, ["icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s", "icmpv6.nd.na.flag.o"],
                         filt="icmpv6.type == 136 && icmpv6.nd.na.target_address == %s" % target, plugin=False)
    if sstest.check(rows, "the NA for %s is in the capture" % target):
        flags = [yes(got[0]["hdr"].get(k)) for k in ("Router", "Solicited", "Override")]
        sstest.eq(flags, list(rows[0][:3]), "R, S, O as the built-in decodes them (%s)" % target)
        totals[0] += 3
        totals[1] += flags == list(rows[0][:3]) and 3 or 0
        sstest.eq(flags[0], "1", "R set: the peer forwards")


def dad(p, d):
    cap_path = os.path.join(d, "dad.pcap")
    cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
    try:
        used = ns_run(p.nsb, sstest.SOCKGEN, "ndp", "resolve", p.ifb, PEER, "--dad", "-1")
        free = ns_run(p.nsb, sstest.SOCKGEN, "ndp", "resolve", p.ifb, UNUSED, "--dad", "-r", "1", "-w", "800")
        js = ns_run(p.nsb, sstest.SOCKGEN, "ndp", "resolve", p.ifb, PEER, "--dad", "-1", "--json")
    finally:
        cap.stop(expect=4)
    print("dad:\n%s%s\n%s%s" % (used.stdout, used.stderr, free.stdout, free.stderr))
    sstest.eq(used.returncode, 0, "--dad %s (in use): exit 0" % PEER)
    sstest.check(re.search(r"%s is in use \(answered by %s\)" % (re.escape(PEER), p.maca), used.stdout),
                 "--dad names the peer's MAC", used.stdout)
    sstest.eq(free.returncode, 1, "--dad %s (free): exit 1" % UNUSED)
    sstest.check("not in use" in free.stderr, "--dad says the address is free", free.stderr)
    sstest.check(js.returncode == 0, "--dad --json %s (in use): exit 0" % PEER, js.stderr)
    recs = [json.loads(x) for x in js.stdout.splitlines() if x.strip()]
    if sstest.eq(len(recs), 1, "--dad --json: one record"):
        sstest.eq((recs[0].get("ndisc.na.target"), recs[0].get("ipv6.dst"), recs[0].get("ndisc.opt.tlla.addr")),
                  (PEER, "ff02::1", p.maca), "--dad --json: the peer's NA to all-nodes with its MAC")
    probes = sstest.fields(cap_path, ["ipv6.src", "ipv6.dst", "icmpv6.nd.ns.target_address", "icmpv6.opt.nonce",
                                      "icmpv6.opt.linkaddr", "eth.src"],
                           filt="icmpv6.type == 135 && eth.src == %s" % p.macb, plugin=False)
    mine = [r for r in probes if r[2] in (PEER, UNUSED)]
    if sstest.eq(len(mine), 3, "three DAD probes captured"):
        for r in mine:
            sol = "ff02::1:ff00:%s" % r[2].split(":")[-1]
            sstest.eq((r[0], r[1], r[4]), ("::", sol, ""), "probe for %s: from ::, to %s, no SLLA" % (r[2], sol))
            sstest.check(len(r[3].replace(":", "")) == 12, "probe for %s: a 6-octet nonce" % r[2], r[3])
        sstest.check(len({r[3] for r in mine}) == 3, "a nonce of its own per probe")
    nas = sstest.fields(cap_path, ["ipv6.src", "ipv6.dst", "icmpv6.nd.na.flag.s"],
                        filt="icmpv6.type == 136 && icmpv6.nd.na.target_address == %s" % PEER, plugin=False)
    sstest.eq(sorted(set(tuple(r) for r in nas)), [(PEER, "ff02::1", "0")],
              "the peer kernel answers the probes: NA to all-nodes without S")


def main():
    ndpnet.require()
    ndisc6 = peers.need_tool("ndisc6", "ndisc6")
    d = sstest.tmpdir()
    with ndpnet.Pair("re") as p:
        p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        p.sh(p.nsa, "ip", "addr", "add", PEER + "/64", "dev", p.ifa, "nodad")
        p.sh(p.nsb, "ip", "addr", "add", MINE + "/64", "dev", p.ifb, "nodad")
        totals = [0, 0, []]
        for target in (PEER, p.lla):
            resolve_vs_ndisc6(p, ndisc6, target, d, totals)
        n6 = ns_run(p.nsb, ndisc6, "-r", "2", "-w", "300", UNUSED, p.ifb)
        sg = ns_run(p.nsb, sstest.SOCKGEN, "ndp", "resolve", p.ifb, UNUSED, "-r", "2", "-w", "300")
        sstest.check(n6.returncode != 0, "ndisc6: no answer for an unused address", str(n6.returncode))
        sstest.eq(sg.returncode, 1, "sockgen ndp resolve: no answer for an unused address, exit 1")
        totals[0] += 1
        totals[1] += (n6.returncode != 0) == (sg.returncode == 1)
        beside.row("ndisc6 (ndisc6 %s) and the peer's kernel" % peers.pkg_version("ndisc6"),
                   "sockgen ndp resolve", totals[2] + ["R/S/O flags (built-in dissector)", "no answer"],
                   totals[0], totals[1], "tests/e2e/test_ndp_resolve.py")
        dad(p, d)
    sstest.done()


main()
