# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen ndp listen --respond in a namespace: it prints (JSON Lines) what
# it receives, drops what RFC 4861 says to drop (hop limit not 255, code not
# 0), answers NS for its addresses with NA (RFC 4861 7.2.4) and RS with the
# configured RA (6.2.6). The answers are captured on the other side and
# decoded by Wireshark's built-in icmpv6 dissector.
import atexit
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import sstest  # noqa: E402
import ndpnet  # noqa: E402

OWN = "2001:db8::99"        # an address only the listener answers for


def main():
    ndpnet.require()
    d = sstest.tmpdir()
    atexit.register(shutil.rmtree, d, True)   # scratch files go with the test
    with ndpnet.Pair("l") as p:
        cap_path = os.path.join(d, "a.pcap")
        cap = ndpnet.Capture(p, p.nsa, p.ifa, cap_path)
        lst = subprocess.Popen(["ip", "netns", "exec", p.nsb, sstest.SOCKGEN, "ndp", "listen",
                                p.ifb, "--json", "--respond", "--addr", OWN,
                                "--ra", "ra --prefix 2001:db8::/64,L,A --mtu 1500",
                                "--timeout", "30"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = lst.stderr.readline()
            if not sstest.check("listening on" in line, "listener started", line):
                lst.kill()
                sstest.done()
            sends = [
                ("rs", ["rs", "--raw", p.ifa]),
                ("ns", ["ns", "--raw", p.ifa, "--target", OWN]),
                ("ns hop limit 64", ["ns", "--iface", p.ifa, "--target", OWN, "--hop-limit", "64"]),
                ("na code 1", ["na", "--iface", p.ifa, "--code", "1"]),
                ("ra", ["ra", "--raw", p.ifa, "--router-lifetime", "0"]),
                ("ns dad", ["ns", "--iface", p.ifa, "--src", "::", "--target", OWN]),
            ]
            for what, args in sends:
                r = p.sockgen(p.nsa, "ndp", *args, "--quiet")
                sstest.eq(r.returncode, 0, "send %s: exit status\n%s" % (what, r.stderr))
                time.sleep(0.1)
            time.sleep(1.0)
            lst.terminate()         # SIGTERM: a clean exit 0 (after draining)
            try:
                out, err = lst.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                lst.kill()
                out, err = lst.communicate()
            sstest.eq(lst.returncode, 0, "listener exit status\n" + err)
        finally:
            if lst.poll() is None:
                lst.kill()
                lst.wait()
            got = cap.stop(expect=8)

        recs = [json.loads(x) for x in out.splitlines() if x.strip()]
        drops = [r["drop"] for r in recs if "drop" in r]
        # The kernels talk too (neighbor resolution for the unicast
        # answers): keep what we sent.
        msgs = [r for r in recs if "drop" not in r and (
            r.get("ndisc.type") in ("133", "134") or
            (r.get("ndisc.type") == "135" and r.get("ndisc.ns.target") == OWN))]
        sstest.eq([m.get("ndisc.type") for m in msgs], ["133", "135", "134", "135"],
                  "listener accepted RS, NS, RA, DAD NS in order")
        sstest.eq(drops, ["hop limit is not 255", "code is not 0"],
                  "listener dropped the bad hop limit and the bad code")
        if len(msgs) == 4:
            sstest.eq(msgs[0].get("ipv6.src"), p.lla, "RS source as received")
            sstest.eq(msgs[0].get("ipv6.hlim"), "255", "hop limit from IPV6_RECVHOPLIMIT")
            sstest.eq(msgs[0].get("ndisc.opt.slla.addr"), p.maca, "RS SLLA decoded")
            sstest.eq(msgs[1].get("ndisc.ns.target"), OWN, "NS target decoded")
            sstest.eq(msgs[1].get("ipv6.dst"), "ff02::1:ff00:99",
                      "NS destination from IPV6_RECVPKTINFO (solicited-node)")
            sstest.eq(msgs[2].get("ndisc.ra.router_lifetime"), "0", "RA header decoded")
            sstest.eq(msgs[3].get("ipv6.src"), "::", "DAD NS from ::")

        # Answers, decoded by the built-in from the capture on the sender's side.
        rows = sstest.fields(cap_path, ["icmpv6.type", "ipv6.src", "ipv6.dst",
                                        "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.s",
                                        "icmpv6.nd.na.flag.o", "icmpv6.opt.prefix",
                                        "icmpv6.opt.mtu", "icmpv6.opt.linkaddr",
                                        "icmpv6.checksum.status"],
                             filt="eth.src == %s" % p.macb, plugin=False)
        ras = [r for r in rows if r[0] == "134"]
        nas = [r for r in rows if r[0] == "136" and r[3] == OWN]
        if sstest.eq(len(ras), 1, "one RA answered the RS"):
            ra = ras[0]
            sstest.eq((ra[1], ra[2]), (p.llb, p.lla), "RA from the listener's link-local to the solicitor")
            sstest.eq((ra[6], ra[7]), ("2001:db8::", "1500"), "RA carries the configured options")
            sstest.eq(ra[8], p.macb, "RA source link-layer address")
            sstest.eq(ra[9], "1", "RA checksum good")
        solicited = [r for r in nas if r[2] == p.lla]
        dad = [r for r in nas if r[2] == "ff02::1"]
        if sstest.eq(len(solicited), 1, "one NA answered the NS"):
            na = solicited[0]
            sstest.eq((na[1], na[4], na[5]), (OWN, "1", "1"), "NA from the target, S and O set")
            sstest.eq(na[8], p.macb, "NA target link-layer address")
            sstest.eq(na[9], "1", "NA checksum good")
        if sstest.eq(len(dad), 1, "one NA to all-nodes answered the DAD probe"):
            sstest.eq(dad[0][4], "0", "DAD answer without S (RFC 4861 7.2.4)")
        sstest.eq(len(nas), 2, "no answer to the dropped NS")
        sstest.check(len(got) > 0, "capture holds frames")
    sstest.done()


main()
