# SPDX-License-Identifier: GPL-2.0-or-later
"""Installing sockscope changes nothing a user relies on (issue 13, "Fit
in"): over every capture this test can make or find (captures/, the stored
live runs, sockgen's fuzz material, one capture per ND option type, the
third-party and link mixes of bench/ndisc_mix.py), with and without the
plugin on the Wireshark at hand:

- every field of the built-in icmpv6 and vsock dissectors (all of them, as
  tshark -G fields lists them) has the same values in the same frames;
- the default colouring rules colour every frame the same
  (frame.coloring_rule.name with --color);
- frame.protocols keeps icmpv6 / vsock, once, with ndisc / vsockmon after it;
- the filters users type match the same frames;
- --disable-protocol ndisc / vsockmon gives exactly the built-in decode;
- the compatibility fields go away with ndisc.builtin_fields /
  vsockmon.builtin_fields off, and the primary ndisc.* / vsockmon.* fields
  stay.
Every difference is listed by field with its first frame."""
import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import ndisc_pkt  # noqa: E402
import sstest as t  # noqa: E402

SEP, AGG = "\x1e", "\x1f"
FILTERS = [
    "icmpv6", "icmpv6.type == 134", "icmpv6.type == 135 || icmpv6.type == 136",
    "icmpv6.opt.prefix == 2001:db8::", "icmpv6.opt.mtu", "icmpv6.opt.linkaddr",
    "icmpv6.nd.ns.target_address", "icmpv6.nd.na.flag.s == 1", "icmpv6.opt.rdnss",
    "icmpv6.opt.type == 24", "icmp || icmpv6",
    "vsock", "vsock.src_cid == 3", "vsock.virtio.op == 5", "vsock.dst_port == 8080",
]

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen at " + t.SOCKGEN)
if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at " + t.PLUGIN)
for tool in ("tshark", "mergecap", "editcap"):
    if not shutil.which(tool):
        t.skip("%s not installed" % tool)
tmp = t.tmpdir()


def builtin_fields():
    """Every field of the built-in icmpv6 and vsock dissectors."""
    p = t.tshark("-G", "fields", plugin=False)
    out = {"icmpv6": [], "vsock": []}
    for line in p.stdout.splitlines():
        c = line.split("\t")
        if len(c) >= 5 and c[0] == "F" and c[4] in out and c[3] != "FT_PROTOCOL":
            out[c[4]].append(c[2])
    return out


def merged(name, paths):
    """Concatenated (mergecap -a) in the order given, one link type."""
    out = os.path.join(tmp, name + ".pcap")
    subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", out] + paths, check=True,
                   capture_output=True)
    return out


def rows(capture, names, plugin=True, extra=()):
    args = ["-n", "-r", capture, "-T", "fields", "-E", "separator=" + SEP, "-E", "occurrence=a",
            "-E", "aggregator=" + AGG, "-E", "quote=n"] + list(extra)
    for n in names:
        args += ["-e", n]
    p = t.tshark(*args, plugin=plugin)
    if p.returncode != 0:
        raise AssertionError("tshark failed: " + p.stderr[-500:])
    out, pending = [], None
    for line in p.stdout.split("\n"):
        pending = line if pending is None else pending + "\n" + line
        if pending.count(SEP) >= len(names) - 1:
            out.append(pending.split(SEP))
            pending = None
    return out


def compare(what, capture, names, extra_plugin=(), extra_base=(), base_plugin=False):
    """Per field: frames where the two decodes differ. Returns the count."""
    a = rows(capture, ["frame.number"] + names, plugin=base_plugin, extra=extra_base)
    b = rows(capture, ["frame.number"] + names, plugin=True, extra=extra_plugin)
    t.eq(len(b), len(a), "%s: same frames" % what)
    diffs = {}
    for ra, rb in zip(a, b):
        for k, n in enumerate(names, 1):
            if ra[k] != rb[k] and n not in diffs:
                diffs[n] = (ra[0], ra[k][:120], rb[k][:120])
    for n, (frame, va, vb) in sorted(diffs.items()):
        print("  %s: %s frame %s: built-in %r, with the plugin %r" % (what, n, frame, va, vb))
    t.eq(sorted(diffs), [], "%s: every built-in field identical" % what)
    return len(a)


def main():
    gen = os.path.join(tmp, "gen")
    subprocess.run([os.path.join(t.SRC, "tests", "fuzz", "make_captures.sh"), t.SOCKGEN, gen],
                   check=True, capture_output=True)
    g = ndisc_pkt.Gen()
    nd = sorted(glob.glob(os.path.join(gen, "ndp-*.pcap")))
    for name, verb, args, _want, _allowed in ndisc_pkt.OPTION_CASES:
        nd.append(g.ndp(name, verb, *args))
    for mix, n in (("thirdparty", 3000), ("link", 1000)):
        lines = subprocess.run(["/usr/bin/python3", os.path.join(t.SRC, "bench", "ndisc_mix.py"), mix, str(n)],
                               check=True, capture_output=True, text=True).stdout.splitlines()
        nd.append(g.script(mix, lines))
    vs = sorted(glob.glob(os.path.join(gen, "vsock-*.pcap")) +
                glob.glob(os.path.join(t.SRC, "captures", "*.pcap")) +
                glob.glob(os.path.join(t.SRC, "tests", "e2e", "live", "*.pcap")))
    ndp, vsock = merged("ndp", nd), merged("vsock", vs)
    fields = builtin_fields()
    t.check(len(fields["icmpv6"]) > 100 and len(fields["vsock"]) >= 19,
            "tshark -G fields lists the built-in icmpv6 and vsock fields",
            "%d icmpv6, %d vsock" % (len(fields["icmpv6"]), len(fields["vsock"])))

    # 1. every built-in field, with and without the plugin
    n1 = compare("icmpv6", ndp, fields["icmpv6"])
    n2 = compare("vsock", vsock, fields["vsock"])

    # 2. colouring, protocol stack
    for what, cap, base, ours in (("NDP", ndp, "icmpv6", "ndisc"), ("vsock", vsock, "vsock", "vsockmon")):
        a = rows(cap, ["frame.coloring_rule.name", "frame.protocols"], plugin=False, extra=["--color"])
        b = rows(cap, ["frame.coloring_rule.name", "frame.protocols"], extra=["--color"])
        # A frame may gain a rule only through a payload protocol the
        # built-in never decodes (HTTP over vsock coloured as HTTP); every
        # rule the built-in's decode gave stays.
        def payload_only(x, y):
            extra = [p for p in y[1].split(":") if p not in x[1].split(":")]
            return not x[0] and any(p not in (base, ours) for p in extra)
        bad = [(i + 1, x[0], y[0]) for i, (x, y) in enumerate(zip(a, b))
               if x[0] != y[0] and not payload_only(x, y)]
        t.eq(bad[:5], [], "%s: every frame coloured by the same rule" % what)
        stacks = [y[1].split(":") for x, y in zip(a, b) if base in x[1].split(":")]
        t.check(stacks and all(s.count(base) == 1 for s in stacks),
                "%s: frame.protocols keeps %s, once" % (what, base),
                str([":".join(s) for s in stacks if s.count(base) != 1][:3]))
        dup = [s for s in stacks if any(s[k] == s[k + 1] for k in range(len(s) - 1))]
        t.eq([":".join(s) for s in dup[:3]], [], "%s: no protocol twice in a row" % what)
        t.check(all(ours in s and s.index(ours) == s.index(base) + 1 for s in stacks if ours in s),
                "%s: %s follows %s" % (what, ours, base), str([":".join(s) for s in stacks[:3]]))

    # 3. the filters users type
    for f in FILTERS:
        cap = vsock if f.startswith("vsock") else ndp
        a = rows(cap, ["frame.number"], plugin=False, extra=["-Y", f])
        b = rows(cap, ["frame.number"], extra=["-Y", f])
        t.eq([r[0] for r in b], [r[0] for r in a], "-Y '%s' matches the same frames (%d)" % (f, len(a)))

    # 4. the plugin's protocols disabled: exactly the built-in decode
    off = ["--disable-protocol", "ndisc", "--disable-protocol", "vsockmon"]
    for what, cap, names in (("icmpv6", ndp, fields["icmpv6"]), ("vsock", vsock, fields["vsock"])):
        a = rows(cap, names + ["frame.protocols"], plugin=False)
        b = rows(cap, names + ["frame.protocols"], extra=off)
        t.check(a == b, "%s: --disable-protocol ndisc,vsockmon gives the built-in decode" % what)

    # 5. compatibility fields off: gone; the plugin's own fields stay
    for what, cap, pref, base, ours in (("NDP", ndp, "ndisc.builtin_fields", "icmpv6.type", "ndisc.type"),
                                        ("vsock", vsock, "vsockmon.builtin_fields", "vsock.op", "vsockmon.op")):
        r = rows(cap, [base, ours], extra=["-o", pref + ":FALSE"])
        t.check(r and not any(x[0] for x in r if x[1]), "%s: %s off drops %s" % (what, pref, base))
        t.check(r and all(x[1] for x in r[:10]), "%s: %s off keeps %s" % (what, pref, ours))
    print("compat: %d NDP frames, %d vsock frames, %d icmpv6 + %d vsock built-in fields"
          % (n1, n2, len(fields["icmpv6"]), len(fields["vsock"])))
    shutil.rmtree(tmp, ignore_errors=True)
    t.done()


main()
