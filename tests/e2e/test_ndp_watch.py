# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp listen --watch on a live link: the plugin's security
analysis through tshark, one line per finding, exit 0 for none and 3 for
findings.

One bridged link in network namespaces made here (names watch-<pid>-*): a
radvd router, a Linux host doing SLAAC, an attacker (thc-ipv6, its egress
paced by tc tbf as in test_ndp_attacks: the kernel's neighbour table is
shared by every namespace). The watcher runs on the bridge (br0, --promisc,
so it sees the unicast between the nodes too). Each case is its own watch
run: the router's RA and a neighbour resolution first (what the analysis
then knows), the attack, then SIGTERM; the watch reads what is still queued
and exits. Cases: a healthy link (exit 0, no line), fake_advertise6
(binding change), kill_router6 (--json, --pcap), fake_router26 (rogue
router; --known-routers with --count 1), fake_router26 -E H (behind a
hop-by-hop header), tshark or the plugin missing (exit 1)."""
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndplink  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

TAG = "watch-%d" % (os.getpid() % 100000)
BR = TAG + "-br"
NODES = {  # name: (MAC, EUI-64 link-local)
    "r": ("02:00:00:00:01:01", "fe80::ff:fe00:101"),
    "h": ("02:00:00:00:02:01", "fe80::ff:fe00:201"),
    "a": ("02:00:00:00:03:01", "fe80::ff:fe00:301"),
}
R_MAC, R_LL = NODES["r"]
A_MAC, A_LL = NODES["a"]
PREFIX = "2001:db8:3a7::"


def ns(n):
    return "%s-%s" % (TAG, n)


def ifn(n):
    return ("wt%d%s" % (os.getpid() % 100000, n))[:15]


def sh(n, *cmd, check=True):
    return ndpnet.run("ip", "netns", "exec", ns(n), *cmd, check=check)


class Link(ndplink.RadvdLink):
    """br0 in its own namespace (no learning: every frame flooded), r, h, a."""

    def __init__(self, tmp):
        super().__init__(tmp, BR, NODES, ns, ifn, PREFIX, lambda n: 2 if n == "h" else 0)


class Watch:
    """sockgen ndp listen br0 --watch in the bridge's namespace."""

    def __init__(self, *args):
        self.p = subprocess.Popen(["ip", "netns", "exec", BR, sstest.SOCKGEN, "ndp", "listen", "br0",
                                   "--watch", "--promisc", "--timeout", "60"] + list(args),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err = self.p.stderr.readline()    # "watching br0 ..." once ready
        if "watching br0" not in self.err:
            self.finish()
            raise RuntimeError("watch did not start: " + self.err)

    def finish(self, wait_first=None):
        """Stop (SIGTERM) unless it ends by itself within wait_first s:
        (exit code, stdout lines, stderr)."""
        try:
            self.p.wait(wait_first or 0.01)
        except subprocess.TimeoutExpired:
            time.sleep(1.0)              # the last frames reach tshark
            self.p.send_signal(signal.SIGTERM)
        out, err = self.p.communicate(timeout=30)
        return self.p.returncode, out.splitlines(), self.err + err


def known_first():
    """What the analysis should know: the router's RA (h solicits) and its
    binding (h resolves the router's link-local)."""
    sh("h", "rdisc6", "-1", "-w", "800", ifn("h"), check=False)
    sh("h", "ndisc6", "-1", "-w", "500", R_LL, ifn("h"), check=False)


def attack(tool, args, secs):
    subprocess.run(["ip", "netns", "exec", ns("a"), "timeout", str(secs), "atk6-" + tool] + args,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def case_healthy():
    w = Watch()
    sh("h", "ip", "link", "set", ifn("h"), "up")   # RS, RA, SLAAC with DAD
    time.sleep(3)
    known_first()
    sh("h", "ndisc6", "-1", "-w", "500", PREFIX + "1", ifn("h"), check=False)
    rc, lines, err = w.finish()
    sstest.eq(lines, [], "healthy link: no finding")
    sstest.eq(rc, 0, "healthy link: exit 0")
    n = int(err.split(" frames,")[0].rsplit(" ", 1)[-1]) if " frames," in err else 0
    sstest.check(n >= 6, "healthy link: the ND frames reached the analysis (%d)" % n, err)


def expect(name, rc, lines, want):
    """Exit 3 and a line holding every fragment of want."""
    sstest.eq(rc, 3, "%s: exit 3 (findings)" % name)
    hit = [ln for ln in lines if all(w in ln for w in want)]
    sstest.check(hit, "%s: a line with %s" % (name, want), "\n".join(lines[:10]))
    for ln in lines:
        parts = ln.split(" ", 3)
        sstest.check(len(parts) == 4 and parts[0].endswith("Z") and parts[1] == "br0"
                     and parts[2] in ("warning", "error"),
                     "%s: line is 'TIME br0 SEVERITY TEXT'" % name, ln)
    return hit


def case_fake_advertise():
    w = Watch()
    known_first()
    attack("fake_advertise6", ["-n", "2", "-w", "1", ifn("a"), R_LL], 4)
    rc, lines, _ = w.finish()
    expect("fake_advertise6", rc, lines,
           ["warning Address-to-MAC binding change: %s was at %s" % (R_LL, R_MAC), "now " + A_MAC])


def case_kill_router(tmp):
    """--json and --pcap: the finding's frame is the attacker's RA in the file."""
    pcap = os.path.join(tmp, "kill.pcap")
    w = Watch("--json", "--pcap", pcap)
    known_first()
    attack("kill_router6", [ifn("a"), R_LL], 3)
    rc, lines, _ = w.finish()
    sstest.eq(rc, 3, "kill_router6 --json: exit 3")
    objs = []
    for ln in lines:
        try:
            objs.append(json.loads(ln))
        except ValueError:
            sstest.check(False, "kill_router6 --json: the line parses", ln)
    want = "Router lifetime 0 for %s sent from %s, not the router's %s" % (R_LL, A_MAC, R_MAC)
    hit = [o for o in objs if want in o.get("message", "")]
    if not sstest.check(hit, "kill_router6 --json: '%s'" % want, "\n".join(lines[:10])):
        return
    o = hit[0]
    sstest.eq((o["interface"], o["severity"], o["group"]), ("br0", "warning", "security"),
              "kill_router6 --json: interface, severity, group")
    sstest.check(o["time"].endswith("Z") and isinstance(o["frame"], int), "kill_router6 --json: time, frame",
                 repr(o))
    row = sstest.fields(pcap, ["eth.src", "ndisc.type", "ndisc.ra.router_lifetime"],
                        filt="frame.number == %d" % o["frame"])
    sstest.eq(row, [[A_MAC, "134", "0"]], "--pcap: frame %d is the attacker's RA" % o["frame"])


def case_fake_router():
    """A rogue router; then --known-routers with --count 1 (ends by itself
    at the first finding)."""
    w = Watch()
    known_first()
    attack("fake_router26", ["-A", "2001:db8:bad::/64", "-n", "2", "-i", "1", ifn("a")], 4)
    rc, lines, _ = w.finish()
    expect("fake_router26", rc, lines, ["warning Rogue router? %s first advertises" % A_LL])
    sstest.eq(len([ln for ln in lines if "Rogue router?" in ln]), 1,
              "fake_router26: its RAs' same finding printed once")

    w = Watch("--known-routers", "%s=%s" % (R_LL, R_MAC), "--count", "1")
    known_first()
    t0 = time.monotonic()
    attack("fake_router26", ["-A", "2001:db8:bad::/64", "-n", "1", ifn("a")], 3)
    rc, lines, _ = w.finish(wait_first=15)
    expect("fake_router26 --known-routers", rc, lines,
           ["Router %s (%s) is not a known router" % (A_LL, A_MAC)])
    sstest.eq(len(lines), 1, "--count 1: one line")
    sstest.check(time.monotonic() - t0 < 15, "--count 1: ended by itself")


def case_ext_header():
    """An RA behind a hop-by-hop header: the watch's socket takes IPv6
    frames whose first next header is an extension header too."""
    w = Watch()
    known_first()
    attack("fake_router26", ["-E", "H", "-A", "2001:db8:bad::/64", "-n", "1", ifn("a")], 3)
    rc, lines, _ = w.finish()
    expect("fake_router26 -E H", rc, lines,
           ["warning ND message behind 1 extension header (hop-by-hop): RA-Guard evasion"])


def case_no_plugin():
    p = subprocess.run(["ip", "netns", "exec", BR, sstest.SOCKGEN, "ndp", "listen", "br0", "--watch",
                        "--timeout", "1", "--plugin", "/nonexistent/sockscope.so"],
                       capture_output=True, text=True)
    sstest.eq(p.returncode, 1, "missing plugin: exit 1")
    sstest.check("/nonexistent/sockscope.so" in p.stderr and p.stdout == "",
                 "missing plugin: named, nothing on stdout", p.stderr)
    p = subprocess.run(["ip", "netns", "exec", BR, sstest.SOCKGEN, "ndp", "listen", "br0", "--watch",
                        "--timeout", "1", "--tshark", "/nonexistent/tshark"], capture_output=True, text=True)
    sstest.eq(p.returncode, 1, "missing tshark: exit 1")
    sstest.check("/nonexistent/tshark" in p.stderr, "missing tshark: named", p.stderr)


def main():
    ndpnet.require()
    for t in ("atk6-fake_router26", "atk6-kill_router6", "atk6-fake_advertise6", "radvd", "rdisc6", "tshark"):
        peers.need_tool(t, {"radvd": "radvd", "rdisc6": "ndisc6", "tshark": "tshark"}.get(t, "thc-ipv6"))
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    os.environ["SOCKSCOPE_PLUGIN"] = sstest.PLUGIN
    tmp = sstest.tmpdir()
    with Link(tmp):
        case_healthy()
        case_fake_advertise()
        case_kill_router(tmp)
        case_fake_router()
        case_ext_header()
        case_no_plugin()
    sstest.done()


main()
