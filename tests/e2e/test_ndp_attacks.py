# SPDX-License-Identifier: GPL-2.0-or-later
"""thc-ipv6's Neighbor Discovery attacks against a real link, each one
flagged by ndisc's security analysis on its own frames with its own expert
item, and a healthy link with no Warning at all.

One bridged link in network namespaces made here (names ndpsec-<pid>-*):
a radvd router, two Linux hosts doing SLAAC, an attacker; the bridge never
learns (ageing 0), so tcpdump on it sees every frame. Each attack runs
bounded by timeout (and its own count options) into its own capture.
NDPSEC_SAVE=dir keeps the captures (trimmed to their first 400 frames):
that is how captures/ndp-attack-*.pcap were made. NDPSEC_ONLY=a,b runs
only those attacks (and the healthy link); NDPSEC_KEEP=1 keeps the full
captures in the temporary directory it prints."""
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndplink  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

TAG = "ndpsec-%d" % (os.getpid() % 100000)
BR = TAG + "-br"
NODES = {  # name: (MAC, EUI-64 link-local)
    "r": ("02:00:00:00:01:01", "fe80::ff:fe00:101"),
    "h": ("02:00:00:00:02:01", "fe80::ff:fe00:201"),
    "g": ("02:00:00:00:04:01", "fe80::ff:fe00:401"),
    "a": ("02:00:00:00:03:01", "fe80::ff:fe00:301"),
}
PREFIX = "2001:db8:5ec::"
HOST_GUA = PREFIX + "ff:fe00:201"   # the host's SLAAC address
EXHAUST = "2001:db8:5ed::"           # on the router's link, not advertised


def ns(n):
    return "%s-%s" % (TAG, n)


def ifn(n):
    return ("%s%s" % (TAG.replace("ndpsec-", "nds"), n))[:15]


def sh(n, *cmd, check=True):
    return ndpnet.run("ip", "netns", "exec", ns(n), *cmd, check=check)


class Link(ndplink.RadvdLink):
    """radvd (r), two SLAAC hosts (h, g), the attacker (a)."""

    def __init__(self, tmp):
        super().__init__(tmp, BR, NODES, ns, ifn, PREFIX, lambda n: 0 if n in "ra" else 2)

    def setup(self):
        sh("r", "ip", "addr", "add", EXHAUST + "1/64", "dev", ifn("r"))
        sh("a", "ip", "addr", "add", PREFIX + "bad/64", "dev", ifn("a"), "nodad")

    def ready(self):
        sh("a", "ip", "-6", "route", "add", EXHAUST + "/64", "via", NODES["r"][1], "dev", ifn("a"))


def attack(name, tool, args, secs):
    """The tool in the attacker's namespace, stopped after secs."""
    return subprocess.run(["ip", "netns", "exec", ns("a"), "timeout", str(secs), "atk6-" + tool] + args,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def pace(rate="2mbit", burst="16kb"):
    """The attacker's egress, paced (ndplink.pace): when ndpexhaust26 at
    full speed fills the kernel's neighbour table, which every namespace
    shares, other namespaces can no longer resolve anyone."""
    ndplink.pace(ns("a"), ifn("a"), rate, burst)


def exhaust():
    """ndpexhaust26 paced to some 250 new addresses a second for 1 s: the
    router keeps each one's incomplete entry for 3 s, so the table holds a
    few hundred of them at most."""
    pace("256kbit", "2kb")
    try:
        return attack("", "ndpexhaust26", [ifn("a"), EXHAUST + "/64"], 1)
    finally:
        pace()


def table_fulls():
    """How often the kernel found its neighbour table full (every
    namespace's, summed over the CPUs), or None where it does not say."""
    try:
        with open("/proc/net/stat/ndisc_cache") as f:
            rows = f.read().split("\n")
    except OSError:
        return None
    col = rows[0].split().index("table_fulls")
    return sum(int(r.split()[col], 16) for r in rows[1:] if r.strip())


def host_up(n):
    sh(n, "ip", "link", "set", ifn(n), "up")


def healthy(link):
    """Hosts come up (RS, RA, SLAAC with DAD), talk (NS/NA, NUD), rdisc6,
    ndisc6, then the router restarts (its final RA has lifetime 0)."""
    host_up("h")
    host_up("g")
    time.sleep(3)
    sh("h", "ndisc6", "-1", "-w", "500", PREFIX + "ff:fe00:401", ifn("h"), check=False)
    sh("g", "ndisc6", "-1", "-w", "500", HOST_GUA, ifn("g"), check=False)
    sh("h", "rdisc6", "-1", "-w", "500", ifn("h"), check=False)
    sh("h", "ndisc6", "-1", "-w", "500", PREFIX + "1", ifn("h"), check=False)
    link.stop_radvd()
    time.sleep(0.3)
    link.start_radvd()
    sh("g", "rdisc6", "-1", "-w", "800", ifn("g"), check=False)


def traffic():
    """Neighbor resolutions for an attacker to answer."""
    sh("h", "ndisc6", "-1", "-w", "400", R_LL, ifn("h"), check=False)
    sh("g", "ndisc6", "-1", "-w", "400", HOST_GUA, ifn("g"), check=False)


def run_parasite():
    p = subprocess.Popen(["ip", "netns", "exec", ns("a"), "timeout", "4", "atk6-parasite6", ifn("a")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    traffic()
    time.sleep(0.5)
    traffic()
    p.wait()


def run_dos_new_ip():
    p = subprocess.Popen(["ip", "netns", "exec", ns("a"), "timeout", "4", "atk6-dos-new-ip6", ifn("a")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    sh("h", "sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=1" % ifn("h"))
    for i in (0x71, 0x72, 0x73):
        sh("h", "ip", "addr", "add", "%s%x/64" % (PREFIX, i), "dev", ifn("h"))
        time.sleep(0.4)
    p.wait()


def run_fake_router_oneshot():
    """fake_router26 -E 1 puts its one-shot fragment headers (two: "1"
    counts one more than it adds) only in its answers to Router
    Solicitations; its periodic RAs go out without them (thc-ipv6 3.8's
    loop for those never runs). So a host solicits while it runs."""
    p = subprocess.Popen(["ip", "netns", "exec", ns("a"), "timeout", "5", "atk6-fake_router26", "-E", "1",
                          "-A", "2001:db8:bad::/64", "-n", "3", "-i", "1", ifn("a")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    for _ in range(2):
        sh("h", "rdisc6", "-1", "-w", "400", ifn("h"), check=False)
        time.sleep(0.6)
    p.wait()


# name: (what to run, expert message fragment that must be on its frames,
# display filter for the attack's own frames)
R_LL, A_LL, A_MAC, R_MAC = NODES["r"][1], NODES["a"][1], NODES["a"][0], NODES["r"][0]
ATTACKS = [
    ("fake-router", lambda: attack("fake-router", "fake_router26",
                                   ["-A", "2001:db8:bad::/64", "-n", "2", "-i", "1", ifn("a")], 5),
     "Rogue router", "eth.src == %s && ndisc.type == 134" % A_MAC),
    ("fake-router-hbh", lambda: attack("", "fake_router26", ["-E", "H", "-A", "2001:db8:bad::/64",
                                                            "-n", "1", ifn("a")], 4),
     "RFC 7113", "eth.src == %s && ndisc.type == 134" % A_MAC),
    ("fake-router-dsthdr", lambda: attack("", "fake_router26", ["-E", "D", "-A", "2001:db8:bad::/64",
                                                               "-n", "1", ifn("a")], 4),
     "RFC 6980", "eth.src == %s && ndisc.type == 134" % A_MAC),
    ("fake-router-full", lambda: attack("", "fake_router26", ["-E", "F", "-A", "2001:db8:bad::/64",
                                                             "-n", "1", ifn("a")], 4),
     "RFC 6980", "eth.src == %s && ndisc.type == 134" % A_MAC),
    # -E 1: one-shot (atomic) fragment headers, on its answers to RSs
    ("fake-router-frag1", run_fake_router_oneshot,
     "RFC 6980", "eth.src == %s && ndisc.type == 134 && ipv6.fraghdr" % A_MAC),
    ("kill-router", lambda: attack("", "kill_router6", [ifn("a"), R_LL], 3),
     "Router lifetime 0 for", "eth.src == %s && ndisc.type == 134" % A_MAC),
    # -F: the RA behind two one-shot fragment headers, and cut short: 10
    # octets, up to its router lifetime of 0
    ("kill-router-frag", lambda: attack("", "kill_router6", ["-F", ifn("a"), R_LL], 3),
     "Router lifetime 0 for", "eth.src == %s && ndisc.type == 134" % A_MAC),
    ("parasite", run_parasite, "binding", "eth.src == %s && ndisc.type == 136" % A_MAC),
    ("fake-advertise", lambda: attack("", "fake_advertise6", ["-n", "2", "-w", "1", ifn("a"), R_LL], 4),
     "binding", "eth.src == %s && ndisc.type == 136" % A_MAC),
    # dos-new-ip6 answers from random MACs
    ("dos-new-ip", run_dos_new_ip, "DAD denial of service",
     "ndisc.type == 136 && ndisc.analysis.dad_conflict"),
    # redir6 sends it in the router's name and from the router's MAC
    ("redirect", lambda: attack("", "redir6", [ifn("a"), HOST_GUA, "2001:db8:99::1", R_LL, A_LL,
                                               A_MAC], 3),
     "Redirect", "ndisc.type == 137 && ndisc.redirect.target == %s" % A_LL),
    # to a prefix on the router's link that the attacker routes through it:
    # the router solicits every address
    ("ndp-exhaust", exhaust,
     "NS flood", "ndisc.type == 135"),
    # last: the link needs a while to recover from it
    ("flood-router", lambda: attack("", "flood_router26", [ifn("a")], 0.4),
     "RA flood", "ndisc.type == 134 && eth.src != %s" % R_MAC),
]


def capture(tmp, name, fn, count=3000):
    path = os.path.join(tmp, "ndp-attack-%s.pcap" % name)
    cap = peers.Capture(BR, "br0", path, filt="ip6")
    try:
        if name != "healthy":        # the router's RA first: what is known
            sh("h", "rdisc6", "-1", "-w", "400", ifn("h"), check=False)
        fn()
    finally:
        cap.stop()
    return path


def warnings(path, filt=None):
    return [e for e in sstest.expert(path, filt=filt) if e[1] in ("Warning", "Error")]


def main():
    ndpnet.require()
    for t in ("atk6-fake_router26", "radvd", "rdisc6"):
        peers.need_tool(t, "thc-ipv6" if t.startswith("atk6") else t.replace("rdisc6", "ndisc6"))
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    tmp = sstest.tmpdir()
    caps = {}
    fulls = table_fulls()
    with Link(tmp) as link:
        caps["healthy"] = capture(tmp, "healthy", lambda: healthy(link))
        for name, fn, _, _ in ATTACKS:
            if os.environ.get("NDPSEC_ONLY") and name not in os.environ["NDPSEC_ONLY"].split(","):
                continue
            # the hosts ignore RAs during floods (the machine is shared)
            flood = name.startswith("flood")
            for n in ("h", "g"):
                sh(n, "sysctl", "-qw", "net.ipv6.conf.%s.accept_ra=%d" % (ifn(n), 0 if flood else 2))
            caps[name] = capture(tmp, name, fn)
    if fulls is not None:
        sstest.eq(table_fulls() - fulls, 0, "the attacks never filled the kernel's neighbour table, "
                  "which other namespaces share")
    w = warnings(caps["healthy"])
    sstest.eq(w, [], "healthy link: no Warning")
    n = len(sstest.fields(caps["healthy"], ["frame.number"], filt="ndisc"))
    sstest.check(n >= 10, "healthy link: %d ND messages captured" % n)
    for name, _, msg, filt in ATTACKS:
        if name not in caps:
            continue
        path = caps[name]
        own = [r[0] for r in sstest.fields(path, ["frame.number"], filt=filt)]
        if not sstest.check(own, "%s: the attack's frames captured" % name, filt):
            continue
        hits = [e for e in warnings(path) if msg in e[3]]
        flagged = sorted({e[0] for e in hits})
        sstest.check(set(str(f) for f in flagged) & set(own),
                     "%s: '%s' Warning on its own frames" % (name, msg),
                     "flagged %s, attack frames %s" % (flagged[:10], own[:10]))
        print("%s: %d attack frames, %d flagged: %s" % (name, len(own), len(flagged),
                                                     hits[0][3] if hits else "-"))
    save = os.environ.get("NDPSEC_SAVE")
    if save:
        for name, path in caps.items():
            out = os.path.join(save, os.path.basename(path))
            if name.startswith(("flood", "ndp-exhaust")):
                # ND only (ndpexhaust26's own packets are not ND), 400 frames
                nd = path + ".nd"
                subprocess.run(["tshark", "-r", path, "-Y", "icmpv6.type >= 133 && icmpv6.type <= 137",
                                "-w", nd], check=True, capture_output=True)
                path = nd
            subprocess.run(["editcap", "-r", path, out, "1-150" if name.startswith("flood") else "1-400"],
                           check=True)
    if not os.environ.get("NDPSEC_KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("captures kept in " + tmp)
    sstest.done()


main()
