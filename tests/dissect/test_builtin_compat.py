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

# Where Wireshark's built-in icmpv6 decode is wrong by the RFC, or reports a
# limit of its own, the plugin's compatibility fields say what the RFC says
# (or nothing, for an error-only field): field -> (the frames where it may
# differ, as a display filter on the built-in decode; None: any frame,
# reason). Every other icmpv6.* field must match exactly.
_UNKNOWN_IN = " || ".join("icmpv6.opt.type == %d" % n for n in (6, 27, 28, 29, 30, 33))
_UNKNOWN_WHY = (
    "bogus 'Unknown Data' after options the built-in reads short: NBMA Shortcut Limit "
    "(RFC 2491 5.2: limit, then 1 + 4 reserved octets; it reads the limit octet as "
    "reserved and leaves the last octet over), Handover Key Request/Reply (RFC 5269 "
    "5.1, 5.2: it consumes 1 octet of Pad Length octets of padding), Handover Assist "
    "Information and Mobile Node Identifier (RFC 5271 4.1, 4.2, Wireshark 4.0: "
    "padding counted from the message's start, the whole option reported again), "
    "EARO (RFC 8505 4.1: the ROVR is 64 to 256 bits; it takes 64)")
_EFO_WHY = (
    "Wireshark 4.0 reads the RA Flags Extension option's first 16 bits as the RA "
    "header's M O H Prf P flags; RFC 5175 4 makes the option's 48 bits flag bits "
    "8-55 (4.4 reads them so): the 16-bit icmpv6.opt.efo stays, its bit fields do not")
_PVD_WHY = (
    "Wireshark 4.4+ verifies the checksum of a PvD ID option's embedded RA header "
    "and flags it bad; RFC 8801 3.1: the sender sets it to 0 and receivers ignore it "
    "(shown unverified)")
BUILTIN_WRONG = {
    "icmpv6.unknown_data": (_UNKNOWN_IN, _UNKNOWN_WHY),
    "icmpv6.unknown_data.expert": (_UNKNOWN_IN, _UNKNOWN_WHY),
    "icmpv6.opt.efo.m": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.efo.o": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.efo.h": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.efo.prf": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.efo.p": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.efo.rsv": ("icmpv6.opt.type == 26", _EFO_WHY),
    "icmpv6.opt.name_type.fqdn": (
        "icmpv6.opt.type == 15",
        "RFC 3971 6.4.3: a Trust Anchor's FQDN is a DNS wire-format name (RFC 1035 3.1); "
        "the built-in shows its length octets as text ('\\x02ca\\x07example'), the "
        "plugin the name ('ca.example')"),
    "icmpv6.checksum.status": ("icmpv6.opt.type == 21", _PVD_WHY),
    "icmpv6.checksum_bad.expert": ("icmpv6.opt.type == 21", _PVD_WHY),
    "icmpv6.undecoded.option": (
        None,
        "the built-in's note that it has no decoder for an option (PvD ID on 4.0, "
        "CIPO, NDP signature, RD address, uptime, CARD, encrypted DNS, experiments): its "
        "limit, not the packet's; the option's octets stay in icmpv6.data"),
}

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


def excused(capture, wrong):
    """field -> the frames (numbers as text) where it may differ, None: all."""
    out, frames = {}, {}
    for n, (where, _why) in wrong.items():
        if where is not None and where not in frames:
            frames[where] = {r[0] for r in rows(capture, ["frame.number"], plugin=False,
                                                extra=["-Y", where])}
        out[n] = None if where is None else frames[where]
    return out


def compare(what, capture, names, extra_plugin=(), extra_base=(), base_plugin=False, wrong=None):
    """Per field: frames where the two decodes differ (but for the built-in's
    known errors in the frames they concern). Returns the count."""
    a = rows(capture, ["frame.number"] + names, plugin=base_plugin, extra=extra_base)
    b = rows(capture, ["frame.number"] + names, plugin=True, extra=extra_plugin)
    t.eq(len(b), len(a), "%s: same frames" % what)
    skip = excused(capture, wrong or {})
    diffs, shown = {}, {}
    for ra, rb in zip(a, b):
        for k, n in enumerate(names, 1):
            if ra[k] == rb[k]:
                continue
            if n in skip and (skip[n] is None or ra[0] in skip[n]):
                shown.setdefault(n, ra[0])
            elif n not in diffs:
                diffs[n] = (ra[0], ra[k][:120], rb[k][:120])
    for n, frame in sorted(shown.items()):
        print("  %s: %s differs from frame %s on, as known: %s" % (what, n, frame, wrong[n][1][:100]))
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
                glob.glob(os.path.join(t.SRC, "captures", "vsock-*.pcap")) +
                glob.glob(os.path.join(t.SRC, "tests", "e2e", "live", "*.pcap")))
    ndp, vsock = merged("ndp", nd), merged("vsock", vs)
    fields = builtin_fields()
    t.check(len(fields["icmpv6"]) > 100 and len(fields["vsock"]) >= 19,
            "tshark -G fields lists the built-in icmpv6 and vsock fields",
            "%d icmpv6, %d vsock" % (len(fields["icmpv6"]), len(fields["vsock"])))

    # 1. every built-in field, with and without the plugin
    n1 = compare("icmpv6", ndp, fields["icmpv6"], wrong=BUILTIN_WRONG)
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
        # Only the layers the plugin adds can repeat because of it: a
        # certificate's x509sat:x509sat is Wireshark's own nesting.
        ours_layers = (base, ours)
        dup = [s for s in stacks if any(s[k] == s[k + 1] and s[k] in ours_layers
                                        for k in range(len(s) - 1))]
        t.eq([":".join(s) for s in dup[:3]], [], "%s: %s and %s never twice in a row" % (what, base, ours))
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
