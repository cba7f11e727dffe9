# SPDX-License-Identifier: GPL-2.0-or-later
"""rdisc6 and ndisc6 (Debian package ndisc6) as independent ND clients
against `sockgen ndp listen IF --respond` in the peer namespace: they get
their answers (exit 0, the printed values are the configured ones), and the
captures of both sides verify field by field (RS, RA, NS, NA)."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

ADDR = "2001:db8::99"
RA_SPEC = ("ra --cur-hop-limit 48 --flags M --router-lifetime 900 --reachable 20000 --retrans 500 "
           "--prefix 2001:db8:1::/64,L,A,valid=7200,preferred=3600 --mtu 1480 "
           "--rdnss 2001:db8::53,lifetime=300 --dnssl example.com,lifetime=300")


def records(p):
    """What each side's capture must hold, in order."""
    rs = {"ipv6.src": p.lla, "ipv6.dst": "ff02::2", "ipv6.hlim": "255", "ndisc.type": "133",
          "ndisc.code": "0", "ndisc.checksum.status": "1"}
    ra = {"ipv6.src": p.llb, "ipv6.hlim": "255", "ndisc.type": "134", "ndisc.code": "0",
          "ndisc.checksum.status": "1", "ndisc.ra.cur_hop_limit": "48", "ndisc.ra.flag.m": "1",
          "ndisc.ra.flag.o": "0", "ndisc.ra.router_lifetime": "900", "ndisc.ra.reachable": "20000",
          "ndisc.ra.retrans": "500", "ndisc.opt.prefix.prefix": "2001:db8:1::",
          "ndisc.opt.prefix.len": "64", "ndisc.opt.prefix.flag.l": "1", "ndisc.opt.prefix.flag.a": "1",
          "ndisc.opt.prefix.valid": "7200", "ndisc.opt.prefix.preferred": "3600",
          "ndisc.opt.mtu": "1480", "ndisc.opt.rdnss.addr": "2001:db8::53",
          "ndisc.opt.rdnss.lifetime": "300", "ndisc.opt.dnssl.name": "example.com",
          "ndisc.opt.slla.addr": p.macb}
    ns = {"ipv6.src": p.lla, "ipv6.hlim": "255", "ndisc.type": "135", "ndisc.code": "0",
          "ndisc.checksum.status": "1", "ndisc.ns.target": ADDR, "ndisc.opt.slla.addr": p.maca}
    # the responder answers from the address it speaks for
    na = {"ipv6.src": ADDR, "ipv6.dst": p.lla, "ipv6.hlim": "255", "ndisc.type": "136",
          "ndisc.code": "0", "ndisc.checksum.status": "1", "ndisc.na.target": ADDR,
          "ndisc.na.flag.s": "1", "ndisc.na.flag.r": "0", "ndisc.opt.tlla.addr": p.macb}
    return [rs, ra, ns, na]


def main():
    ndpnet.require()
    rdisc6 = peers.need_tool("rdisc6", "ndisc6")
    ndisc6 = peers.need_tool("ndisc6", "ndisc6")
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    with ndpnet.Pair("n6") as p:
        caps = {"client": (os.path.join(d, "client.pcap"), p.nsa, p.ifa),
                "server": (os.path.join(d, "server.pcap"), p.nsb, p.ifb)}
        running = {k: ndpnet.Capture(p, ns, ifn, path) for k, (path, ns, ifn) in caps.items()}
        lst = subprocess.Popen(["ip", "netns", "exec", p.nsb, sstest.SOCKGEN, "ndp", "listen", p.ifb,
                                "--respond", "--addr", ADDR, "--ra", RA_SPEC, "--timeout", "60"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1)
            r6 = subprocess.run(["ip", "netns", "exec", p.nsa, rdisc6, "-1", "-r", "3", "-w", "2000", p.ifa],
                                capture_output=True, text=True, timeout=30)
            n6 = subprocess.run(["ip", "netns", "exec", p.nsa, ndisc6, "-1", "-r", "3", "-w", "2000",
                                 ADDR, p.ifa], capture_output=True, text=True, timeout=30)
        finally:
            for c in running.values():
                c.stop()
            lst.send_signal(signal.SIGTERM)
            try:
                lout, lerr = lst.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                lst.kill()
                lout, lerr = lst.communicate()
        print("rdisc6:\n" + r6.stdout + r6.stderr + "ndisc6:\n" + n6.stdout + n6.stderr)
        sstest.eq(r6.returncode, 0, "rdisc6 got an RA")
        want = [(r"Hop limit\s*:\s*48\b", "hop limit 48"),
                (r"Stateful address conf\.\s*:\s*Yes", "M flag"),
                (r"Stateful other conf\.\s*:\s*No", "O flag"),
                (r"Router lifetime\s*:\s*900\b", "router lifetime"),
                (r"Reachable time\s*:\s*20000\b", "reachable time"),
                (r"Retransmit time\s*:\s*500\b", "retrans timer"),
                (r"Prefix\s*:\s*2001:db8:1::/64", "prefix"),
                (r"Valid time\s*:\s*7200\b", "valid lifetime"),
                (r"Pref\. time\s*:\s*3600\b", "preferred lifetime"),
                (r"MTU\s*:\s*1480\b", "MTU"),
                (r"Recursive DNS server\s*:\s*2001:db8::53", "RDNSS"),
                (r"DNS search list\s*:\s*example\.com", "DNSSL"),
                (r"Source link-layer address\s*:\s*%s" % re.escape(p.macb.upper()), "source LLA"),
                (r"from %s" % re.escape(p.llb), "RA source")]
        for rx, what in want:
            sstest.check(re.search(rx, r6.stdout, re.I), "rdisc6 prints the configured %s" % what, rx)
        sstest.eq(n6.returncode, 0, "ndisc6 got an NA for %s" % ADDR)
        sstest.check(re.search(r"Target link-layer address:\s*%s" % re.escape(p.macb.upper()), n6.stdout, re.I),
                     "ndisc6 prints the responder's MAC", n6.stdout)
        sstest.check(re.search(r"from %s" % re.escape(ADDR), n6.stdout), "ndisc6: NA from the solicited address")
        man = os.path.join(d, "expected.jsonl")
        with open(man, "w") as f:
            for rec in records(p):
                f.write(json.dumps(rec) + "\n")
        tot = [0, 0, 0]
        for side, (path, _, _) in caps.items():
            rep = os.path.join(d, side + ".json")
            v = peers.verify(man, path, rep)
            print(side + ": " + v.stdout[-3000:] + v.stderr)
            sstest.eq(v.returncode, 0, "%s side capture verifies (RS, RA, NS, NA)" % side)
            with open(rep) as f:
                r = json.load(f)
            tot = [tot[0] + r["packets"], tot[1] + r["fields"], tot[2] + r["mismatches"]]
            errs = [e for e in sstest.expert(path, filt="ndisc") if e[1] == "Error"]
            sstest.eq(errs, [], "%s side: no expert error" % side)
            tot[2] += len(errs)
        peers.peers_row("rdisc6/ndisc6 (ndisc6 %s)" % peers.pkg_version("ndisc6"), tot[0], tot[1], tot[2],
                        "against sockgen ndp listen --respond, both sides captured")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
