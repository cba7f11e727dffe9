# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp router (radvd from a radvd.conf) in a namespace pair:
(a) the peer kernel (accept_ra=1, autoconf, accept_ra_rt_info_max_plen)
    configures its SLAAC address from the autonomous prefix, the on-link
    prefix, the route of the route information option, the default route,
    the link MTU and hop limit, and drops the default route again after the
    final RA (router lifetime 0);
(b) rdisc6 in the peer prints what the configuration says;
(c) one radvd.conf through radvd and through sockgen: the same RAs
    (initial, answer to an RS, final), every ndisc field decoded by the
    plugin equal apart from the checksum;
(d) timing read from the peer's capture: unsolicited RAs within
    [MinRtrAdvInterval, MaxRtrAdvInterval] of each other, every RS answered
    within MAX_RA_DELAY_TIME (0.5 s), the final RA after SIGTERM with router
    lifetime 0, exit 0."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import beside  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

# radvd 2.19 takes all of this (part c); comments and a quoted name too
CONF = """# sockgen ndp router test
interface %(ifname)s
{
    AdvSendAdvert on;
    MinRtrAdvInterval 3;        # radvd's smallest
    MaxRtrAdvInterval 4;
    AdvManagedFlag off;
    AdvOtherConfigFlag on;
    AdvCurHopLimit 42;
    AdvDefaultLifetime 600;
    AdvReachableTime 30000;
    AdvRetransTimer 1000;
    AdvDefaultPreference high;
    AdvLinkMTU 1400;
    AdvSourceLLAddress on;
    prefix 2001:db8:1::/64 {
        AdvOnLink on;
        AdvAutonomous on;
        AdvValidLifetime 86400;
        AdvPreferredLifetime 14400;
    };
    prefix 2001:db8:2::/64 {
        AdvOnLink on;
        AdvAutonomous off;
        AdvValidLifetime infinity;
        AdvPreferredLifetime infinity;
    };
    route 2001:db8:100::/48 {
        AdvRoutePreference high;
        AdvRouteLifetime 600;
    };
    RDNSS 2001:db8::53 2001:db8::54 {
        AdvRDNSSLifetime 600;
    };
    DNSSL example.com corp.example.org {
        AdvDNSSLLifetime 600;
    };
};
"""
# sockgen only (radvd 2.20 directives): PREF64 and captive portal
EXTRA = """    nat64prefix 64:ff9b::/96 { AdvValidLifetime 1800; };
    AdvCaptivePortalAPI "https://portal.example/api";
"""

# rdisc6's lines for CONF, in its order
RDISC6 = [
    ("Hop limit", "42"), ("Stateful address conf.", "No"), ("Stateful other conf.", "Yes"),
    ("Mobile home agent", "No"), ("Router preference", "high"),
    ("Neighbor discovery proxy", "No"), ("Router lifetime", "600"),
    ("Reachable time", "30000"), ("Retransmit time", "1000"),
    ("Prefix", "2001:db8:1::/64"), ("On-link", "Yes"), ("Autonomous address conf.", "Yes"),
    ("Valid time", "86400"), ("Pref. time", "14400"),
    ("Prefix", "2001:db8:2::/64"), ("On-link", "Yes"), ("Autonomous address conf.", "No"),
    ("Valid time", "infinite"), ("Pref. time", "infinite"),
    ("Route", "2001:db8:100::/48"), ("Route preference", "high"), ("Route lifetime", "600"),
    ("Recursive DNS server", "2001:db8::53"), ("Recursive DNS server", "2001:db8::54"),
    ("DNS servers lifetime", "600"),
    ("DNS search list", "example.com corp.example.org"), ("DNS search list lifetime", "600"),
    ("MTU", "1400"), ("Source link-layer address", "02:00:00:00:0A:01"),
]

# the ndisc fields compared between radvd and sockgen (part c)
FIELDS = ["ipv6.src", "ipv6.dst", "ipv6.hlim", "eth.src", "eth.dst", "ndisc.type", "ndisc.code",
          "ndisc.ra.cur_hop_limit", "ndisc.ra.flag.m", "ndisc.ra.flag.o", "ndisc.ra.flag.h",
          "ndisc.ra.prf", "ndisc.ra.router_lifetime", "ndisc.ra.reachable", "ndisc.ra.retrans",
          "ndisc.opt.type", "ndisc.opt.len", "ndisc.opt.prefix.prefix", "ndisc.opt.prefix.len",
          "ndisc.opt.prefix.flag.l", "ndisc.opt.prefix.flag.a", "ndisc.opt.prefix.flag.r",
          "ndisc.opt.prefix.valid", "ndisc.opt.prefix.preferred", "ndisc.opt.route.prefix",
          "ndisc.opt.route.len", "ndisc.opt.route.prf", "ndisc.opt.route.lifetime",
          "ndisc.opt.rdnss.addr", "ndisc.opt.rdnss.lifetime", "ndisc.opt.dnssl.name",
          "ndisc.opt.dnssl.lifetime", "ndisc.opt.mtu", "ndisc.opt.slla.addr"]


def write(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o644)
    return path


def stop(proc, timeout=10):
    proc.send_signal(signal.SIGTERM)
    try:
        out = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out = proc.communicate()
    return proc.returncode, out[0] or "", out[1] or ""


def peer_kernel(p):
    ifb = p.ifb
    p.sh(p.nsb, "sysctl", "-qw", "net.ipv6.conf.%s.forwarding=0" % ifb,
         "net.ipv6.conf.%s.accept_ra=1" % ifb, "net.ipv6.conf.%s.autoconf=1" % ifb,
         "net.ipv6.conf.%s.accept_ra_defrtr=1" % ifb, "net.ipv6.conf.%s.accept_ra_pinfo=1" % ifb,
         "net.ipv6.conf.%s.accept_ra_rt_info_max_plen=64" % ifb,
         "net.ipv6.conf.%s.accept_ra_mtu=1" % ifb)


def rdisc6_lines(out):
    got = []
    for line in out.splitlines():
        m = re.match(r"\s*([^:]+?)\s*:\s*(.*?)\s*$", line)
        if not m or line.startswith("Soliciting") or line.lstrip().startswith("from"):
            continue
        v = m.group(2)
        v = re.sub(r"\s*\(\s*0x[0-9a-f]+\)", "", v)
        v = re.sub(r"\s+(seconds|milliseconds|bytes \(valid\))$", "", v)
        got.append((m.group(1), v.strip()))
    return got


def check_kernel(p, lla):
    addr = p.sh(p.nsb, "ip", "-6", "addr", "show", "dev", p.ifb).stdout
    route = p.sh(p.nsb, "ip", "-6", "route", "show", "dev", p.ifb).stdout
    sstest.check("2001:db8:1::ff:fe00:b01/64" in addr, "SLAAC address from the autonomous prefix", addr)
    sstest.check("2001:db8:2:" not in addr, "no address from the prefix with AdvAutonomous off", addr)
    sstest.check(re.search(r"^2001:db8:2::/64 ", route, re.M) is not None,
                 "on-link route of the second prefix", route)
    sstest.check(re.search(r"^2001:db8:100::/48 via %s .*proto ra.*pref high" % lla, route, re.M)
                 is not None, "route from the route information option (pref high)", route)
    sstest.check(re.search(r"^default via %s .*proto ra.*pref high" % lla, route, re.M) is not None,
                 "default route via the router (pref high)", route)
    mtu = p.sh(p.nsb, "sysctl", "-n", "net.ipv6.conf.%s.mtu" % p.ifb).stdout.strip()
    hop = p.sh(p.nsb, "sysctl", "-n", "net.ipv6.conf.%s.hop_limit" % p.ifb).stdout.strip()
    sstest.eq(mtu, "1400", "link MTU from AdvLinkMTU")
    sstest.eq(hop, "42", "hop limit from AdvCurHopLimit")


def ra_times(cap_path, lla):
    """(time, dst, router lifetime) of every RA, (time, src) of every RS."""
    rows = sstest.fields(cap_path, ["frame.time_relative", "ndisc.type", "ipv6.src", "ipv6.dst",
                                    "ndisc.ra.router_lifetime"], filt="ndisc.type == 133 || ndisc.type == 134")
    ras = [(float(r[0]), r[3], r[4]) for r in rows if r[1] == "134" and r[2] == lla]
    # the peer's RSs (the router namespace's own kernel solicits too)
    rss = [(float(r[0]), r[2]) for r in rows if r[1] == "133" and r[2] != lla]
    return ras, rss


def check_timing(ras, rss, t_term):
    mc = [r for r in ras if r[1] == "ff02::1"]
    sstest.check(len(mc) >= 4, "an initial RA, unsolicited ones and the final one", repr(ras))
    final, unsol = mc[-1], mc[:-1]
    sstest.eq(final[2], "0", "the last RA has router lifetime 0")
    sstest.check(final[0] >= t_term - 0.05, "the final RA comes after SIGTERM", "%r vs %r" % (final, t_term))
    sstest.check(all(r[2] == "600" for r in unsol), "the others have router lifetime 600", repr(unsol))
    gaps = [b[0] - a[0] for a, b in zip(unsol, unsol[1:])]
    sstest.check(len(gaps) >= 2 and all(2.95 <= g <= 4.3 for g in gaps),
                 "unsolicited RAs 3..4 s apart (MinRtrAdvInterval..MaxRtrAdvInterval)", repr(gaps))
    first = unsol[0][0]
    answered = [s for s in rss if s[0] > first]
    sstest.check(len(answered) >= 1, "an RS came after the router started", repr(rss))
    for t, src in answered:
        ans = [r for r in ras if r[1] == src and r[0] >= t]
        sstest.check(ans and ans[0][0] - t <= 0.5 + 0.15,
                     "RS from %s at %.3f answered (unicast) within 0.5 s" % (src, t), repr(ans[:1]))


def part_live(p, d):
    """(a), (b), (d) from one run."""
    conf = write(d, "router.conf", CONF.replace("    AdvSourceLLAddress on;\n", "    AdvSourceLLAddress on;\n" +
                                                EXTRA) % {"ifname": p.ifa})
    peer_kernel(p)
    cap_path = os.path.join(d, "peer.pcap")
    own = os.path.join(d, "own.pcap")
    cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
    # the peer writes the RA it gets as a radvd.conf (sockgen ndp listen --format radvd)
    lst = subprocess.Popen(["ip", "netns", "exec", p.nsb, sstest.SOCKGEN, "ndp", "listen", p.ifb, "--format",
                            "radvd", "--count", "1", "--timeout", "15"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    t0 = time.monotonic()
    man = os.path.join(d, "own.jsonl")
    proc = subprocess.Popen(["ip", "netns", "exec", p.nsa, sstest.SOCKGEN, "ndp", "router", p.ifa,
                             "--config", conf, "--pcap", own, "--manifest", man, "--seed", "7"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.2)
        r = p.sh(p.nsb, "rdisc6", "-1", p.ifb, check=False)
        sstest.eq(r.returncode, 0, "rdisc6 got an RA (%s)" % r.stderr.strip())
        got = rdisc6_lines(r.stdout)
        sstest.eq(got, RDISC6, "rdisc6 prints what the configuration says")
        labels = sorted(set(k for k, _ in RDISC6), key=[k for k, _ in RDISC6].index)
        beside.row("rdisc6 (ndisc6 %s)" % peers.pkg_version("ndisc6"), "sockgen ndp router", labels,
                   len(RDISC6), sum(1 for a, b in zip(got, RDISC6) if a == b), "tests/e2e/test_ndp_router.py")
        time.sleep(max(0, 11.5 - (time.monotonic() - t0)))
        check_kernel(p, p.lla)
        t_term = time.monotonic()
    finally:
        rc, out, err = stop(proc)
    sstest.eq(rc, 0, "exit 0 after SIGTERM (%s)" % err.strip())
    time.sleep(0.5)
    route = p.sh(p.nsb, "ip", "-6", "route", "show", "dev", p.ifb).stdout
    sstest.check("default via" not in route, "the peer dropped the default route after the final RA", route)
    cap.stop()
    # capture clock: tcpdump's first frame is the initial RA, near t0
    ras, rss = ra_times(cap_path, p.lla)
    first_t = ras[0][0] if ras else 0.0
    check_timing(ras, rss, first_t + (t_term - t0) - 0.3)
    own_n = len(ndpnet.read_pcap(own))
    sstest.eq(own_n, len(ras), "--pcap holds every RA sent (%d)" % len(ras))
    v = peers.verify(man, own)
    sstest.check(v.returncode == 0 and ("verified %d packets" % len(ras)) in v.stdout + v.stderr,
                 "--manifest describes every RA of --pcap (sockgen verify)", v.stdout[-800:] + v.stderr)
    opt = sstest.fields(own, ["ndisc.opt.pref64.prefix", "ndisc.opt.captive_portal.uri"])
    sstest.check(opt and opt[0][0].startswith("64:ff9b::") and "portal.example" in sstest.text_of(opt[0][1]),
                 "PREF64 and captive portal options sent", repr(opt[:1]))
    listened, lerr = lst.communicate(timeout=20)
    sstest.eq(lst.returncode, 0, "listen --format radvd got an RA (%s)" % lerr.strip())
    part_relisten(p, d, listened, own)


def part_relisten(p, d, listened, own):
    """What sockgen ndp listen --format radvd wrote of our RA, read back by
    sockgen ndp router --once: the same RA (radvd.conf has no words for
    PREF64 and the captive portal, so those two options are not compared)."""
    conf = write(d, "listened.conf", listened.replace("interface %s" % p.ifb, "interface %s" % p.ifa))
    once = os.path.join(d, "once.pcap")
    r = p.sockgen(p.nsa, "ndp", "router", p.ifa, "--config", conf, "--once", "--pcap", once, "--quiet")
    sstest.eq(r.returncode, 0, "router --once reads listen's radvd.conf (%s)" % r.stderr.strip())
    names = [f for f in FIELDS if f not in ("ndisc.opt.type", "ndisc.opt.len")]
    a = sstest.fields(own, names, filt="ndisc.type == 134")[:1]
    b = sstest.fields(once, names, filt="ndisc.type == 134") if os.path.exists(once) else []
    sstest.eq(b, a, "the RA from listen's radvd.conf equals the RA it was written from")


def part_multicast(p, d):
    """(d) with AdvRASolicitedUnicast off: answers go to all-nodes, at most
    one per MinDelayBetweenRAs (3 s) and within 0.5 s of that bound; an RS
    while an answer is pending gets no second one."""
    conf = write(d, "mcast.conf", "interface %s {\n AdvSendAdvert on;\n MaxRtrAdvInterval 60;\n"
                 " AdvRASolicitedUnicast off;\n prefix 2001:db8:7::/64 { };\n};\n" % p.ifa)
    cap_path = os.path.join(d, "mcast.pcap")
    cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
    proc = subprocess.Popen(["ip", "netns", "exec", p.nsa, sstest.SOCKGEN, "ndp", "router", p.ifa,
                             "--config", conf, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for pause in (1.0, 0.6, 3.0):      # RSs at about 1.0, 1.6 and 4.6 s
            time.sleep(pause)
            r = p.sockgen(p.nsb, "ndp", "rs", "--raw", p.ifb, "--quiet")
            sstest.eq(r.returncode, 0, "RS sent (%s)" % r.stderr.strip())
        time.sleep(3.0)
    finally:
        rc, out, err = stop(proc)
    sstest.eq(rc, 0, "exit 0 (%s)" % err.strip())
    time.sleep(0.3)
    cap.stop()
    ras, rss = ra_times(cap_path, p.lla)
    mc = [r for r in ras if r[1] == "ff02::1" and r[2] != "0"]
    sstest.check(all(r[1] == "ff02::1" for r in ras), "every RA to all-nodes", repr(ras))
    # initial at 0, RS at ~1.0 -> answer at 3..3.5 s, RS at ~1.6 ignored, RS at ~4.6 -> ~6..6.5 s
    sstest.eq(len(mc), 3, "the initial RA and one answer per MinDelayBetweenRAs (%r, RS %r)" % (mc, rss))
    gaps = [b[0] - a[0] for a, b in zip(mc, mc[1:])]
    sstest.check(all(2.99 <= g <= 3.5 + 0.15 for g in gaps),
                 "answers MinDelayBetweenRAs (3 s) .. + MAX_RA_DELAY_TIME after the RA before", repr(gaps))


def one_daemon(p, d, name, cmd):
    cap_path = os.path.join(d, name + ".pcap")
    cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
    proc = subprocess.Popen(["ip", "netns", "exec", p.nsa] + cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.2)
        r = p.sockgen(p.nsb, "ndp", "rs", "--raw", p.ifb, "--quiet")
        sstest.eq(r.returncode, 0, "RS sent (%s)" % r.stderr.strip())
        time.sleep(1.2)
    finally:
        rc, out, err = stop(proc)
    time.sleep(0.3)
    cap.stop()
    rows = sstest.fields(cap_path, FIELDS, filt="ndisc.type == 134")
    return rc, rows, err


def part_radvd(p, d, radvd):
    """(c) radvd and sockgen from one file."""
    conf = write(d, "radvd.conf", CONF % {"ifname": p.ifa})
    p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
    rc, theirs, err = one_daemon(p, d, "radvd", [radvd, "-n", "-m", "stderr", "-C", conf,
                                                 "-p", os.path.join(d, "radvd.pid")])
    rc2, ours, err2 = one_daemon(p, d, "sockgen", [sstest.SOCKGEN, "ndp", "router", p.ifa, "--config", conf])
    sstest.eq(rc2, 0, "sockgen exit 0 (%s)" % err2.strip())
    # initial (multicast), the answer to the RS (unicast), final (lifetime 0)
    sstest.eq(len(theirs), 3, "radvd: three RAs (%s)" % err[-400:])
    sstest.eq(len(ours), 3, "sockgen: three RAs")
    compared = equal = 0
    for i, what in enumerate(("initial", "solicited", "final")):
        if i < len(theirs) and i < len(ours):
            diff = {FIELDS[k]: (ours[i][k], theirs[i][k]) for k in range(len(FIELDS))
                    if ours[i][k] != theirs[i][k]}
            sstest.eq(diff, {}, "%s RA: every ndisc field as radvd's (sockgen, radvd)" % what)
            compared += len(FIELDS)
            equal += len(FIELDS) - len(diff)
    beside.row("radvd (radvd %s), one radvd.conf" % peers.pkg_version("radvd"), "sockgen ndp router",
               FIELDS + ["initial, solicited and final RA"], compared, equal, "tests/e2e/test_ndp_router.py")


def main():
    ndpnet.require()
    peers.need_tool("rdisc6", "ndisc6")
    radvd = peers.need_tool("radvd", "radvd")
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    with ndpnet.Pair("ndpr") as p:
        part_live(p, d)
        part_multicast(p, d)
    with ndpnet.Pair("ndpc") as p:
        part_radvd(p, d, radvd)
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
