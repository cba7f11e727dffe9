# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc on broken input: frames cut short by `editcap -s`, sockgen's
negative knobs, bytes corrupted by `editcap -E` and random option bytes never
crash or hang tshark, and every truncated or malformed ND frame is marked
(Wireshark's short/malformed item or an ndisc expert error)."""
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)
for tool in ("editcap", "mergecap"):
    if not shutil.which(tool):
        sstest.skip(tool + " not installed")


# With a sanitizer build of the plugin (cmake -DSOCKSCOPE_SANITIZE=ON) set
# NDISC_TSHARK_PRELOAD to the sanitizer runtimes ("libasan.so libubsan.so"):
# only the tshark runs get them, not python or editcap.
PRELOAD = os.environ.get("NDISC_TSHARK_PRELOAD")
TSHARK_ENV = {"LD_PRELOAD": PRELOAD, "ASAN_OPTIONS": "detect_leaks=0"} if PRELOAD else None


def fields(pcap, names, extra=()):
    """sstest.fields, but with the sanitizer runtimes when asked for."""
    args = ["-n", "-r", pcap, "-T", "fields", "-E", "separator=\t"]
    for n in names:
        args += ["-e", n]
    p = sstest.tshark(*(args + list(extra)), env=TSHARK_ENV)
    sstest.eq(p.returncode, 0, "tshark -T fields: " + p.stderr[-300:])
    return [[sstest.bool_norm(c) for c in ln.split("\t")] for ln in p.stdout.splitlines()]


def survives(pcap, what):
    """tshark -V over the whole file: exit 0, no crash, within the timeout."""
    try:
        p = sstest.tshark("-n", "-r", pcap, "-V", env=TSHARK_ENV)
    except Exception as e:  # timeout or the like
        return sstest.check(False, what + ": tshark ran", str(e))
    ok = sstest.check(p.returncode == 0, what + ": tshark exit status 0",
                      "got %d: %s" % (p.returncode, p.stderr[-500:]))
    sstest.check("Segmentation" not in p.stderr and "Aborted" not in p.stderr and
                 "Sanitizer" not in p.stderr and "runtime error" not in p.stderr,
                 what + ": no crash", p.stderr[-500:])
    return ok


def main():
    g = ndisc_pkt.Gen()
    parts = []
    for name, verb, args, _w, _a in ndisc_pkt.OPTION_CASES:
        parts.append(g.ndp(name, verb, *args))
    for i, args in enumerate([["ra", "--opt-len", "1:0"], ["ra", "--prefix", "2001:db8::/64",
                                                           "--opt-len", "3:200"],
                              ["ra", "--prefix", "2001:db8::/64", "--opt-len", "3:1"],
                              ["ns", "--target", "fe80::2", "--opt-len", "1:255"],
                              ["ra", "--bad-checksum", "--hop-limit", "1", "--code", "9"],
                              # PvD ID whose nested MTU option has length 0
                              ["ra", "--opt", "21:" + "2000" "0001" "017000" + "00" * 7 +
                               "8600000040000708" + "00" * 8 + "0500000000000578"]]):
        parts.append(g.ndp("neg%d" % i, *args))
    allp = g.path("all.pcap")
    sstest.run(["mergecap", "-a", "-w", allp] + parts, check_rc=0)
    n = len(parts)
    sstest.check(survives(allp, "all option and negative captures"), "baseline")

    # negative knobs: marked with an ndisc error
    neg = fields(allp, ["frame.number", "_ws.expert.severity"],
                        extra=["-E", "occurrence=a"])[n - 6:]
    for row in neg:
        sstest.check("8388608" in row[1].split(","), "negative frame %s has an error" % row[0],
                     repr(row))

    # truncations: every cut ND frame is marked
    for snap in (14, 54, 58, 60, 62, 70, 78, 86, 100, 120):
        cut = g.path("snap%d.pcap" % snap)
        sstest.run(["editcap", "-s", str(snap), allp, cut], check_rc=0)
        if not survives(cut, "snaplen %d" % snap):
            continue
        rows = fields(cut, ["frame.number", "frame.len", "frame.cap_len", "ndisc.type",
                                   "_ws.short", "_ws.malformed", "_ws.expert.severity"],
                             extra=["-E", "occurrence=a"])
        unmarked = [r[0] for r in rows
                    if r[3] and int(r[2]) < int(r[1]) and not (r[4] or r[5] or "8388608" in r[6])]
        sstest.eq(unmarked, [], "snaplen %d: truncated ND frames are marked" % snap)
        # a cut message still shows its header as far as it goes, with the
        # built-in's fields asked for too (4.0: the built-in's truncation
        # once escaped its catch and hid ndisc's type and Info)
        rows = fields(cut, ["frame.number", "icmpv6.type", "ndisc.type", "icmpv6.code", "ndisc.code"],
                      extra=["-E", "occurrence=f"])
        lost = [r[0] for r in rows if r[1] and (r[1] != r[2] or r[3] != r[4])]
        sstest.eq(lost[:5], [], "snaplen %d: ndisc.type/code beside icmpv6.type/code on cut frames" % snap)

    # random corruption with fixed seeds (editcap -E)
    for seed in (1, 2, 3, 4, 5):
        bad = g.path("corrupt%d.pcap" % seed)
        sstest.run(["editcap", "--seed", str(seed), "-E", "0.05", allp, bad], check_rc=0)
        survives(bad, "editcap -E 0.05 seed %d" % seed)

    # random option bytes after a valid RA header
    from scapy.all import Ether, IPv6, Raw
    rnd = random.Random(4861)
    pkts = []
    for _ in range(400):
        body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 120)))
        if rnd.random() < 0.5 and len(body) > 2:      # plausible option headers
            body = bytes([rnd.choice([1, 3, 5, 21, 24, 25, 31, 33, 144]),
                          rnd.randrange(0, 4)]) + body[2:]
        hdr = bytes([134, 0, 0, 0, 64, 0, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0])
        pkts.append(Ether(src="02:00:00:00:00:01", dst="33:33:00:00:00:01") /
                    IPv6(src="fe80::1", dst="ff02::1", nh=58, hlim=255) / Raw(hdr + body))
    fuzz = g.scapy("random_opts", pkts)
    survives(fuzz, "400 RAs with random option bytes")
    rows = fields(fuzz, ["ndisc.type"])
    sstest.eq(len(rows), 400, "all random frames dissected")
    sstest.check(all(r[0] == "134" for r in rows), "all random frames reach ndisc")
    sstest.done()


main()
