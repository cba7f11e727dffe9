# SPDX-License-Identifier: GPL-2.0-or-later
"""radvd (Debian radvd 2.19) as an independent RA source: a rich
configuration (prefixes with flags and lifetimes, routes with preferences,
RDNSS, DNSSL, MTU, source LLA, advertisement interval, home agent info,
6LoWPAN ABRO) in one namespace; every RA captured on the peer (periodic
and solicited by an RS) must decode with no expert error and exactly the
configured values, checked by `sockgen verify` against a manifest written
here from the configuration."""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

CONF = """interface %(ifname)s {
    AdvSendAdvert on;
    MinRtrAdvInterval 3;
    MaxRtrAdvInterval 4;
    AdvManagedFlag on;
    AdvOtherConfigFlag on;
    AdvHomeAgentFlag on;
    AdvHomeAgentInfo on;
    HomeAgentPreference 5;
    HomeAgentLifetime 1000;
    AdvIntervalOpt on;
    AdvLinkMTU 1400;
    AdvCurHopLimit 42;
    AdvDefaultLifetime 1200;
    AdvReachableTime 30000;
    AdvRetransTimer 1000;
    AdvDefaultPreference high;
    AdvSourceLLAddress on;
    prefix 2001:db8:1::/64 {
        AdvOnLink on;
        AdvAutonomous on;
        AdvRouterAddr on;
        AdvValidLifetime 86400;
        AdvPreferredLifetime 14400;
    };
    prefix 2001:db8:2::/64 {
        AdvOnLink off;
        AdvAutonomous off;
        AdvValidLifetime 7200;
        AdvPreferredLifetime 3600;
    };
    route 2001:db8:100::/48 {
        AdvRoutePreference high;
        AdvRouteLifetime 600;
    };
    route 2001:db8:200::/56 {
        AdvRoutePreference low;
        AdvRouteLifetime 300;
    };
    RDNSS 2001:db8::53 2001:db8::54 {
        AdvRDNSSLifetime 600;
    };
    DNSSL example.com corp.example.org {
        AdvDNSSLLifetime 600;
    };
    abro 2001:db8::1 {
        AdvVersionLow 10;
        AdvVersionHigh 2;
        AdvValidLifeTime 100;
    };
};
"""


def expected(p):
    """The RA the configuration describes, as -T fields values. Option order
    is radvd's (send.c): prefixes, routes, RDNSS, DNSSL, MTU, source LLA,
    advertisement interval, home agent information, ABRO."""
    return {
        "ipv6.src": p.lla, "ipv6.hlim": "255",
        "ndisc.type": "134", "ndisc.code": "0", "ndisc.checksum.status": "1",
        "ndisc.ra.cur_hop_limit": "42", "ndisc.ra.flag.m": "1", "ndisc.ra.flag.o": "1",
        "ndisc.ra.flag.h": "1", "ndisc.ra.prf": "1", "ndisc.ra.router_lifetime": "1200",
        "ndisc.ra.reachable": "30000", "ndisc.ra.retrans": "1000",
        "ndisc.opt.type": "3,3,24,24,25,31,5,1,7,8,35",
        # AdvRouterAddr sets R, but radvd 2.19 keeps the prefix in the
        # Prefix field (RFC 6275 7.2 asks for the router's address there)
        "ndisc.opt.prefix.prefix": "2001:db8:1::,2001:db8:2::", "ndisc.opt.prefix.len": "64,64",
        "ndisc.opt.prefix.flag.l": "1,0", "ndisc.opt.prefix.flag.a": "1,0",
        "ndisc.opt.prefix.flag.r": "1,0",
        "ndisc.opt.prefix.valid": "86400,7200", "ndisc.opt.prefix.preferred": "14400,3600",
        "ndisc.opt.route.prefix": "2001:db8:100::,2001:db8:200::", "ndisc.opt.route.len": "48,56",
        "ndisc.opt.route.prf": "1,3", "ndisc.opt.route.lifetime": "600,300",
        "ndisc.opt.rdnss.addr": "2001:db8::53,2001:db8::54", "ndisc.opt.rdnss.lifetime": "600",
        "ndisc.opt.dnssl.name": "example.com,corp.example.org", "ndisc.opt.dnssl.lifetime": "600",
        "ndisc.opt.mtu": "1400", "ndisc.opt.slla.addr": p.maca,
        "ndisc.opt.adv_interval.interval": "4000",
        "ndisc.opt.ha_info.preference": "5", "ndisc.opt.ha_info.lifetime": "1000",
        "ndisc.opt.abro.addr": "2001:db8::1", "ndisc.opt.abro.version_low": "10",
        "ndisc.opt.abro.version_high": "2", "ndisc.opt.abro.lifetime": "100",
    }


def main():
    ndpnet.require()
    radvd = peers.need_tool("radvd", "radvd")
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    with ndpnet.Pair("rv") as p:
        conf = os.path.join(d, "radvd.conf")
        with open(conf, "w") as f:
            f.write(CONF % {"ifname": p.ifa})
        os.chmod(conf, 0o644)
        p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        p.sh(p.nsa, "ip", "addr", "add", "2001:db8:1::1/64", "dev", p.ifa, "nodad")
        cap_path = os.path.join(d, "radvd.pcap")
        cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
        proc = subprocess.Popen(["ip", "netns", "exec", p.nsa, radvd, "-n", "-m", "stderr", "-d", "1",
                                 "-C", conf, "-p", os.path.join(d, "radvd.pid")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            time.sleep(1.5)
            # two solicited RAs besides the periodic ones
            for _ in range(2):
                r = p.sockgen(p.nsb, "ndp", "rs", "--raw", p.ifb, "--quiet")
                sstest.eq(r.returncode, 0, "RS sent from the peer (%s)" % r.stderr.strip())
                time.sleep(1)
            time.sleep(3)
        finally:
            # stop the capture first: radvd's goodbye RA (lifetime 0) is not the configured one
            cap.stop()
            proc.terminate()
            try:
                out = proc.communicate(timeout=10)[0]
            except subprocess.TimeoutExpired:
                proc.kill()
                out = proc.communicate()[0]
        rows = sstest.fields(cap_path, ["frame.number"], filt="ndisc.type == 134")
        n = len(rows)
        if not sstest.check(n >= 3, "radvd sent RAs (periodic and solicited)", "%d RAs\nradvd: %s" % (n, out)):
            sstest.done()
        man = os.path.join(d, "expected.jsonl")
        with open(man, "w") as f:
            for _ in range(n):
                f.write(json.dumps(expected(p)) + "\n")
        rep = os.path.join(d, "report.json")
        v = peers.verify(man, cap_path, rep)
        print(v.stdout[-5000:], v.stderr, end="")
        sstest.eq(v.returncode, 0, "every radvd RA decodes to the configured values")
        with open(rep) as f:
            r = json.load(f)
        sstest.eq(r["packets"], n, "every RA compared")
        errs = [e for e in sstest.expert(cap_path, filt="ndisc.type == 134") if e[1] == "Error"]
        sstest.eq(errs, [], "no expert error on radvd's RAs")
        peers.peers_row("radvd %s" % peers.pkg_version("radvd"), r["packets"], r["fields"], r["mismatches"] + len(errs),
                        "RAs with 11 options (periodic + solicited), expert errors: %d" % len(errs))
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
