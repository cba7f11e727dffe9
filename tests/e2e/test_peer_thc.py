# SPDX-License-Identifier: GPL-2.0-or-later
"""thc-ipv6 (Debian package thc-ipv6) as an independent, hostile ND packet
source: atk6-fake_router26, atk6-fake_advertise6 and atk6-fake_solicitate6
run briefly (bounded by timeout) inside a namespace; the peer's capture must
decode to the values given on their command lines (checked by `sockgen
verify` against a manifest written from those arguments), with no expert
error."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402


def runs(p):
    """(tool, arguments, count of packets it sends, expected record)."""
    ra = {"ipv6.src": p.lla, "ipv6.dst": "ff02::1", "ndisc.type": "134", "ndisc.code": "0",
          "ndisc.checksum.status": "1",
          "ndisc.ra.flag.m": "1", "ndisc.ra.flag.o": "1", "ndisc.ra.flag.h": "0", "ndisc.ra.prf": "1",
          "ndisc.ra.router_lifetime": "1000", "ndisc.ra.reachable": "20000", "ndisc.ra.retrans": "500",
          "ndisc.opt.prefix.prefix": "2001:db8:a::", "ndisc.opt.prefix.len": "64",
          "ndisc.opt.prefix.valid": "7200",
          "ndisc.opt.route.prefix": "2001:db8:b::", "ndisc.opt.route.len": "48",
          "ndisc.opt.route.lifetime": "600",
          "ndisc.opt.rdnss.addr": "2001:db8::53,2001:db8::54", "ndisc.opt.rdnss.lifetime": "300,300",  # one RDNSS option per -D
          "ndisc.opt.dnssl.name": "example.com,example.org",
          "ndisc.opt.mtu": "1400", "ndisc.opt.slla.addr": p.maca}
    na = {"ipv6.src": "2001:db8::42", "ipv6.dst": "ff02::1", "ndisc.type": "136", "ndisc.code": "0",
          "ndisc.checksum.status": "1", "ndisc.na.target": "2001:db8::42",
          "ndisc.na.flag.r": "1", "ndisc.na.flag.s": "1", "ndisc.na.flag.o": "1",
          "ndisc.opt.tlla.addr": "02:00:00:00:0a:42"}
    ns = {"ipv6.src": "fe80::43", "ipv6.dst": "ff02::1:ff00:44", "ndisc.type": "135", "ndisc.code": "0",
          "ndisc.checksum.status": "1", "ndisc.ns.target": "2001:db8::43",
          "ndisc.opt.slla.addr": "02:00:00:00:0a:43"}
    return [
        ("atk6-fake_router26", ["-A", "2001:db8:a::/64", "-a", "7200", "-R", "2001:db8:b::/48", "-r", "600",
                                "-D", "2001:db8::53", "-D", "2001:db8::54", "-d", "300",
                                "-L", "example.com,example.org", "-M", "1400", "-l", "1000",
                                "-T", "20000", "-t", "500", "-p", "high", "-F", "managed,other",
                                "-n", "2", "-i", "1", p.ifa], 2, ra),
        # the same RA behind a hop-by-hop header (RA guard evasion, RFC 7113)
        ("atk6-fake_router26", ["-E", "H", "-A", "2001:db8:a::/64", "-a", "7200", "-R", "2001:db8:b::/48",
                                "-r", "600", "-D", "2001:db8::53", "-D", "2001:db8::54", "-d", "300",
                                "-L", "example.com,example.org", "-M", "1400", "-l", "1000",
                                "-T", "20000", "-t", "500", "-p", "high", "-F", "managed,other",
                                "-n", "2", "-i", "1", p.ifa], 2, ra),
        ("atk6-fake_advertise6", ["-r", "-s", "-n", "2", "-w", "1", p.ifa, "2001:db8::42", "ff02::1",
                                  "02:00:00:00:0a:42"], 2, na),
        ("atk6-fake_solicitate6", [p.ifa, "2001:db8::43", "ff02::1:ff00:44", "02:00:00:00:0a:43",
                                   "fe80::43"], 1, ns),
    ]


def main():
    ndpnet.require()
    peers.need_tool("atk6-fake_router26", "thc-ipv6")
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    tot = [0, 0, 0]
    with ndpnet.Pair("th") as p:
        for run_no, (tool, args, count, rec) in enumerate(runs(p)):
            cap_path = os.path.join(d, "%d-%s.pcap" % (run_no, tool))
            # all IPv6: the RA behind a hop-by-hop header is not "icmp6" to tcpdump
            cap = peers.Capture(p.nsb, p.ifb, cap_path)
            try:
                r = subprocess.run(["ip", "netns", "exec", p.nsa, "timeout", "6", tool] + args,
                                   capture_output=True, text=True)
            finally:
                cap.stop()
            # timeout's 124: the tool was still sending when stopped (fake_solicitate6 never stops)
            sstest.check(r.returncode in (0, 124), "%s ran (exit %d)" % (tool, r.returncode),
                         r.stdout + r.stderr)
            # the destination too: fake_router26 also answers an RS it sees
            # with a unicast RA, which its command line does not describe
            filt = "ndisc.type == %s && ipv6.src == %s" % (rec["ndisc.type"], rec["ipv6.src"])
            if "ipv6.dst" in rec:
                filt += " && ipv6.dst == %s" % rec["ipv6.dst"]
            n = len(sstest.fields(cap_path, ["frame.number"], filt=filt))
            if not sstest.check(n >= count, "%s: %d packets captured" % (tool, n), "want >= %d" % count):
                continue
            man = cap_path[:-5] + ".jsonl"
            with open(man, "w") as f:
                for _ in range(n):
                    f.write(json.dumps(rec) + "\n")
            rep = cap_path[:-5] + ".json"
            tool = " ".join([tool] + args[:2]) if args[0] == "-E" else tool
            v = peers.verify(man, cap_path, rep)
            print(tool + ": " + v.stdout[-4000:] + v.stderr)
            sstest.eq(v.returncode, 0, "%s: every packet decodes to its command line's values" % tool)
            with open(rep) as f:
                rr = json.load(f)
            errs = [e for e in sstest.expert(cap_path, filt="ndisc.type == %s" % rec["ndisc.type"])
                    if e[1] == "Error"]
            sstest.eq(errs, [], "%s: no expert error" % tool)
            tot = [tot[0] + rr["packets"], tot[1] + rr["fields"], tot[2] + rr["mismatches"] + len(errs)]
    peers.peers_row("thc-ipv6 %s (fake_router26, fake_advertise6, fake_solicitate6)" % peers.pkg_version("thc-ipv6"), *tot,
                    note="values from the tools' command lines")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
