# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp solicit beside rdisc6 (Debian ndisc6), both against the same
radvd in a namespace pair: every field rdisc6 prints (hop limit, M/O/H/P
flags, router preference, router lifetime, reachable and retransmit times,
prefixes with L/A flags and lifetimes, routes with preference names and
lifetimes, RDNSS, DNSSL, MTU, source link-layer address, the RA's source)
must be printed by sockgen the same; the options rdisc6 does not print
(advertisement interval, home agent information, ABRO) must still be there
with the configured values; --json carries the same values; with no router
both give up and sockgen exits 1."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import beside  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402
from radvd_rich import CONF  # noqa: E402

def ns_run(p, ns, *cmd):
    return subprocess.run(["ip", "netns", "exec", ns] + list(cmd), capture_output=True, text=True,
                          timeout=60)


def json_checks(p, rec, ref):
    """The JSON record holds what rdisc6 printed (its text turned into the
    ndisc fields' values)."""
    hdr = ref["hdr"]
    want = {"ipv6.src": ref["from"],
            "ndisc.ra.cur_hop_limit": hdr["Hop limit"].split()[0],
            "ndisc.ra.flag.m": "1" if hdr["Stateful address conf."] == "Yes" else "0",
            "ndisc.ra.flag.o": "1" if hdr["Stateful other conf."] == "Yes" else "0",
            "ndisc.ra.router_lifetime": hdr["Router lifetime"].split()[0],
            "ndisc.ra.retrans": hdr["Retransmit time"].split()[0],
            "ndisc.opt.prefix.prefix": ",".join(o[1].split("/")[0] for o in ref["opts"] if o[0] == "Prefix"),
            "ndisc.opt.mtu": [o[1].split()[0] for o in ref["opts"] if o[0] == "MTU"][0],
            "ndisc.opt.rdnss.addr": ",".join(o[1] for o in ref["opts"] if o[0] == "Recursive DNS server"),
            "ndisc.opt.slla.addr": [o[1] for o in ref["opts"] if o[0] == "Source link-layer address"][0].lower()}
    for k, v in want.items():
        sstest.eq(rec.get(k), v, "solicit --json: %s as rdisc6 printed it" % k)


def main():
    ndpnet.require()
    radvd = peers.need_tool("radvd", "radvd")
    rdisc6 = peers.need_tool("rdisc6", "ndisc6")
    d = sstest.tmpdir()
    with ndpnet.Pair("so") as p:
        conf = os.path.join(d, "radvd.conf")
        with open(conf, "w") as f:
            f.write(CONF % {"ifname": p.ifa})
        os.chmod(conf, 0o644)
        p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        proc = subprocess.Popen(["ip", "netns", "exec", p.nsa, radvd, "-n", "-m", "stderr", "-d", "1",
                                 "-C", conf, "-p", os.path.join(d, "radvd.pid")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            time.sleep(1.5)
            r6 = ns_run(p, p.nsb, rdisc6, "-1", "-r", "3", "-w", "2000", p.ifb)
            sg = ns_run(p, p.nsb, sstest.SOCKGEN, "ndp", "solicit", p.ifb, "-1", "-r", "3", "-w", "2000")
            sj = ns_run(p, p.nsb, sstest.SOCKGEN, "ndp", "solicit", p.ifb, "--single", "--json")
        finally:
            proc.terminate()
            try:
                rout = proc.communicate(timeout=10)[0]
            except subprocess.TimeoutExpired:
                proc.kill()
                rout = proc.communicate()[0]
        print("rdisc6:\n%s%s\nsockgen ndp solicit:\n%s%s" % (r6.stdout, r6.stderr, sg.stdout, sg.stderr))
        if not sstest.eq(r6.returncode, 0, "rdisc6 got an RA from radvd (radvd: %s)" % rout[-500:]):
            sstest.done()
        sstest.eq(sg.returncode, 0, "sockgen ndp solicit got an RA (exit 0)")
        ref, got = beside.parse_nd_text(r6.stdout), beside.parse_nd_text(sg.stdout)
        if not (sstest.eq(len(ref), 1, "rdisc6 printed one RA") and
                sstest.eq(len(got), 1, "sockgen ndp solicit -1 printed one RA")):
            sstest.done()
        n, ok, labels = beside.compare_nd(ref[0], got[0], "solicit vs rdisc6")
        sstest.check(n >= 30, "at least 30 fields compared with rdisc6", str(n))
        # what rdisc6 leaves out, with the configured values
        opts = {o[0]: o for o in got[0]["opts"]}
        sstest.eq(opts.get("Advertisement interval", [0, ""])[1].split()[:1], ["100000"],
                  "advertisement interval (MaxRtrAdvInterval 100 s)")
        ha = opts.get("Home Agent Information", [0, 0, {}])[2]
        sstest.eq((ha.get("preference"), ha.get("lifetime", "").split()[:1]), ("7", ["900"]),
                  "home agent preference and lifetime")
        ab = opts.get("Authoritative Border Router", [0, 0, {}])[2]
        sstest.eq((ab.get("version_low"), ab.get("version_high"), ab.get("addr")), ("10", "2", "2001:db8::1"),
                  "ABRO version and address")
        sstest.eq(sj.returncode, 0, "solicit --json: exit 0")
        recs = [json.loads(x) for x in sj.stdout.splitlines() if x.strip()]
        if sstest.eq(len(recs), 1, "solicit --json --single: one record"):
            json_checks(p, recs[0], ref[0])
        beside.row("rdisc6 (ndisc6 %s)" % peers.pkg_version("ndisc6"), "sockgen ndp solicit", labels, n, ok,
                   "tests/e2e/test_ndp_solicit.py")
        # radvd gone: nobody answers
        t0 = time.monotonic()
        none = ns_run(p, p.nsb, sstest.SOCKGEN, "ndp", "solicit", p.ifb, "-r", "2", "-w", "300")
        r6n = ns_run(p, p.nsb, rdisc6, "-r", "2", "-w", "300", p.ifb)
        sstest.eq(none.returncode, 1, "no router: sockgen ndp solicit exits 1")
        sstest.check(r6n.returncode != 0, "no router: rdisc6 fails too", str(r6n.returncode))
        sstest.check("no Router Advertisement" in none.stderr, "no router: says so", none.stderr)
        sstest.check(time.monotonic() - t0 < 30, "gives up after its tries")
    sstest.done()


main()
