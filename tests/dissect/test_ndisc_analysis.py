# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc analysis: NS/NA matching (one pass and tshark -2), DAD probes and
conflicts, duplicate addresses, routers that are not default routers and
routers that disagree on a prefix or the MTU; each case with the exact expert
message and a clean capture that does not trigger it; the same results on the
second pass; the ndisc,tree statistics."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

M1, M2, M3, M4, M5 = ("02:00:00:00:00:0%d" % i for i in range(1, 6))


def host(ip, mac):
    return ["--src", ip, "--src-mac", mac]


def line(args):
    return " ".join(args)


NS = line(["ns"] + host("fe80::1", M1) + ["--slla", M1, "--target", "fe80::2"])
NA_SOL = line(["na"] + host("fe80::2", M2) + ["--dst", "fe80::1", "--target", "fe80::2",
                                              "--flags", "S,O", "--tlla", M2])
NA_UNSOL = line(["na"] + host("fe80::2", M2) + ["--target", "fe80::2", "--flags", "O",
                                                "--tlla", M2])
PROBE3 = line(["ns"] + host("::", M3) + ["--no-slla", "--target", "fe80::3"])
PROBE4 = line(["ns"] + host("::", M4) + ["--no-slla", "--target", "fe80::3"])
NA3_OTHER = line(["na"] + host("fe80::3", M5) + ["--target", "fe80::3", "--flags", "O",
                                                 "--tlla", M5])
NA3_SELF = line(["na"] + host("fe80::3", M3) + ["--target", "fe80::3", "--flags", "O",
                                                "--tlla", M3])
NA2_OTHER_MAC = line(["na"] + host("fe80::2", M5) + ["--target", "fe80::2", "--flags", "O",
                                                     "--tlla", M5])
RA_A = line(["ra"] + host("fe80::a", M1) + ["--slla", M1, "--prefix", "2001:db8::/64,L,A",
                                            "--mtu", "1500"])
RA_B_SAME = line(["ra"] + host("fe80::b", M2) + ["--slla", M2, "--prefix", "2001:db8::/64,L,A",
                                                 "--mtu", "1500"])
RA_B_DIFF = line(["ra"] + host("fe80::b", M2) + ["--slla", M2, "--prefix",
                                                 "2001:db8::/64,L,A,valid=100,preferred=50",
                                                 "--mtu", "1400"])
RA_LT0 = line(["ra"] + host("fe80::a", M1) + ["--slla", M1, "--router-lifetime", "0"])


def tshark2(pcap, *args):
    """Two passes (tshark -2) need a seekable file, not the wrapper's stdin:
    hand tshark the path itself ("-rPATH"), readable by the sandbox user."""
    os.chmod(os.path.dirname(pcap), 0o755)
    os.chmod(pcap, 0o644)
    return sstest.tshark("-2", "-n", "-r" + pcap, *args)


def fields2(pcap, names, agg=","):
    args = ["-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
            "-E", "aggregator=" + agg]
    for n in names:
        args += ["-e", n]
    p = tshark2(pcap, *args)
    sstest.eq(p.returncode, 0, "tshark -2 runs: " + p.stderr.strip())
    return [[sstest.bool_norm(c) for c in ln.split("\t")] for ln in p.stdout.splitlines()]


def expert2(pcap):
    rows = fields2(pcap, ["frame.number", "_ws.expert.severity", "_ws.expert.message"],
                   agg="\x1f")
    out = []
    for r in rows:
        if len(r) < 3 or not r[2]:
            continue
        for s, m in zip(r[1].split("\x1f"), r[2].split("\x1f")):
            out.append((int(r[0]), sstest.SEVERITY.get(s, s), m))
    return out


def main():
    g = ndisc_pkt.Gen()

    # NS/NA matching
    p = g.script("match", [NS, NA_SOL])
    one = sstest.fields(p, ["frame.number", "ndisc.analysis.resp_in", "ndisc.analysis.resp_to",
                            "ndisc.analysis.resp_time"])
    sstest.eq(one[1][2], "1", "NA answers the NS of frame 1 (one pass)")
    sstest.check(one[1][3].startswith("0.0"), "resp_time present", repr(one[1]))
    two = fields2(p, ["frame.number", "ndisc.analysis.resp_in", "ndisc.analysis.resp_to"])
    sstest.eq([r[1:] for r in two], [["2", ""], ["", "1"]], "two passes: resp_in and resp_to")
    p = g.script("nomatch", [NS, NA_UNSOL])
    two = fields2(p, ["ndisc.analysis.resp_in", "ndisc.analysis.resp_to"])
    sstest.eq(two, [["", ""], ["", ""]], "an unsolicited NA answers nothing")

    # DAD
    p = g.script("dad", [PROBE3, PROBE4, NA3_OTHER])
    ex = ndisc_pkt.expert(p)
    sstest.check((1, "Chat", "DAD probe for fe80::3") in ex, "DAD probe marked", repr(ex))
    sstest.eq(sstest.fields(p, ["ndisc.analysis.dad"])[0], ["1"], "ndisc.analysis.dad set")
    sstest.check((2, "Warning", "DAD conflict: fe80::3 probed by a second host "
                  "(first probe from %s in frame 1)" % M3) in ex, "second prober flagged", repr(ex))
    sstest.check((3, "Warning", "DAD conflict: fe80::3 is already in use (probed in frame 2)")
                 in ex, "NA for a tentative address flagged", repr(ex))
    sstest.eq(sstest.fields(p, ["ndisc.analysis.dad_conflict"]), [[""], ["1"], ["2"]],
              "dad_conflict names the probe's frame")
    p = g.script("dad_clean", [PROBE3, PROBE3, NA3_SELF, NS])
    ex = ndisc_pkt.expert(p)
    sstest.eq([e for e in ex if "DAD conflict" in e[2]], [],
              "retransmitted probe and the prober's own NA are no conflict")
    sstest.eq(sum(1 for e in ex if e[2].startswith("DAD probe")), 2, "two probes, no more")

    # duplicate address
    p = g.script("dup", [NA_SOL, NA2_OTHER_MAC])
    ex = ndisc_pkt.expert(p)
    msg = "Duplicate IPv6 address fe80::2: claimed by %s, and by %s in frame 1" % (M5, M2)
    sstest.check((2, "Warning", msg) in ex, "duplicate address flagged", repr(ex))
    sstest.eq(sstest.fields(p, ["ndisc.analysis.duplicate_addr",
                                "ndisc.analysis.duplicate_addr.frame",
                                "ndisc.analysis.duplicate_addr.first_mac",
                                "ndisc.analysis.duplicate_addr.mac"])[1],
              ["fe80::2", "1", M2, M5], "duplicate address fields")
    p = g.script("dup_clean", [NA_SOL, NA_UNSOL, NS])
    sstest.eq([e for e in ndisc_pkt.expert(p) if "Duplicate" in e[2]], [],
              "same MAC claiming again is no duplicate")

    # routers
    p = g.script("lt0", [RA_LT0])
    sstest.check((1, "Note", "Router lifetime 0: not a default router") in ndisc_pkt.expert(p),
                 "router lifetime 0 flagged")
    p = g.script("lt_clean", [RA_A])
    sstest.eq([e for e in ndisc_pkt.expert(p) if "default router" in e[2]], [],
              "router lifetime 1800 not flagged")
    p = g.script("inconsistent", [RA_A, RA_B_DIFF])
    ex = ndisc_pkt.expert(p)
    sstest.check((2, "Warning", "Prefix 2001:db8::/64: lifetimes differ from those fe80::a "
                  "advertised in frame 1 (valid 2592000, preferred 604800)") in ex,
                 "inconsistent prefix flagged", repr(ex))
    sstest.check((2, "Warning", "MTU 1400 differs from MTU 1500 advertised by fe80::a in frame 1")
                 in ex, "inconsistent MTU flagged", repr(ex))
    p = g.script("consistent", [RA_A, RA_B_SAME, RA_A])
    sstest.eq([e for e in ndisc_pkt.expert(p) if e[1] in ("Warning", "Error")], [],
              "routers that agree are not flagged")

    # everything at once, one pass against two passes
    p = g.script("all", [NS, NA_SOL, PROBE3, PROBE4, NA3_OTHER, NA2_OTHER_MAC, RA_A, RA_B_DIFF,
                         RA_LT0])
    one = sorted(ndisc_pkt.expert(p))
    two = sorted(expert2(p))
    sstest.eq(two, one, "two passes show the same analysis as one")
    # the ninth: NA2_OTHER_MAC moves fe80::2 to another MAC, a binding
    # change to the security analysis as well as a duplicate address
    sstest.eq(len(one), 9, "nine analysis expert infos in the combined capture")

    # ndisc.state_limit bounds what is remembered per address: a flood of
    # 3,000 new addresses makes the analysis forget fe80::2 at a limit of
    # 128 (its later move to another MAC goes unseen), not at the default;
    # fe80::2 still talking during the flood stays known, limit or not
    flood = [line(["na"] + host("2001:db8::%x" % (i + 1), M3) +
                  ["--target", "2001:db8::%x" % (i + 1), "--flags", "O", "--tlla", M3])
             for i in range(3000)]
    talking = []
    for i, f in enumerate(flood):
        talking.append(f)
        if i % 40 == 0:
            talking.append(NA_UNSOL)
    for name, body in [("forgotten", flood), ("talking", talking)]:
        p = g.script("limit_" + name, [NA_SOL] + body + [NA2_OTHER_MAC])
        last = str(len(body) + 2)
        for opts, want in [((), [last]), (("-o", "ndisc.state_limit:128"),
                                          [last] if name == "talking" else [])]:
            r = tshark2(p, *opts, "-Y", "ndisc.analysis.duplicate_addr == fe80::2",
                        "-T", "fields", "-e", "frame.number")
            sstest.eq(r.returncode, 0, "tshark runs: " + r.stderr.strip())
            sstest.eq(r.stdout.split(), want, "state limit %s, %s: fe80::2's move flagged in"
                      % (opts[1] if opts else "default", name))

    # statistics
    p = g.script("all", [NS, NA_SOL, PROBE3, PROBE4, NA3_OTHER, NA2_OTHER_MAC, RA_A, RA_B_DIFF,
                         RA_LT0])
    st = tshark2(p, "-q", "-z", "ndisc,tree").stdout
    rows = {}
    for ln in st.splitlines():
        # "Topic / Item    Count   ...": columns are separated by 2+ blanks
        cols = ln.rstrip().split("  ")
        cols = [c.strip() for c in cols if c.strip()]
        if len(cols) >= 2 and cols[1].isdigit():
            rows.setdefault(cols[0], cols[1])
    for name, want in [("Messages by type", "9"), ("Neighbor Solicitation", "3"),
                       ("Neighbor Advertisement", "3"), ("Router Advertisement", "3"),
                       ("Routers", "3"), ("fe80::a", "2"), ("fe80::b", "1"),
                       ("2001:db8::/64", "1"), ("Probes", "2"), ("Conflicts", "2"),
                       ("Duplicate addresses", "1"), ("fe80::2", "1"),
                       ("Prefix Information (3)", "2"), ("MTU (5)", "2")]:
        sstest.eq(rows.get(name), want, "stats: " + name)
    sstest.done()


main()
