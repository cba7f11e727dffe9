# SPDX-License-Identifier: GPL-2.0-or-later
"""Built-in dissectors against the plugin, field by field: on every capture
in captures/ and on synthetic ones (every `sockgen ndp` message type with
options covering the registry, every `sockgen vsock pcap` scenario), each
field that both Wireshark's built-in (icmpv6.*, vsock.*) and the plugin
(ndisc.*, vsockmon.*) decode must have the same value in the same frame.
One report across all captures; a field only one side decodes is counted,
not failed (the plugin decodes far more)."""
import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402


def same(v):
    return v


def first(v):
    """The outer message only: the built-in also dissects the packet inside
    a Redirected Header option, adding its ICMPv6 type, code, checksum, and
    from 4.4 on the RA header embedded in a PvD ID option (RFC 8801 3.1),
    adding RA header fields after the message's own."""
    return v.split(",")[0]


def as_numbers(v):
    """Integers compare by value: the two sides may print one field in
    different bases (e.g. PREF64 PLC 0x0000 and 0)."""
    try:
        return [int(x, 0) for x in v.split(",")]
    except ValueError:
        return None


def hexbytes(v):
    """FT_BYTES / FT_ETHER text without separators, lower case."""
    return v.replace(":", "").lower()


def signed16(v):
    """RFC 6275 7.4: the home agent preference is a signed 16-bit integer;
    Wireshark 4.0 declares it FT_UINT16, so its text is read as signed."""
    out = []
    for x in v.split(","):
        n = int(x)
        out.append(str(n - 0x10000 if n >= 0x8000 else n))
    return ",".join(out)


# (built-in field, plugin field, normaliser for the built-in's text), from
# doc/builtin-fields.tsv, the table sockscope(7) prints.
NORMALISERS = {"same": same, "first": first, "hexbytes": hexbytes, "signed16": signed16}


def pairs_of(proto):
    with open(os.path.join(sstest.SRC, "doc", "builtin-fields.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return [(b, p, NORMALISERS[n]) for b, p, n in rows if b.split(".")[0] == proto]


NDP = pairs_of("icmpv6")
VSOCK = pairs_of("vsock")
VSOCK_SCENARIOS = ["stream-echo", "bulk", "seqpacket", "refused", "reset-mid-stream",
                   "half-close", "credit-stall", "http"]


def table(capture, names, plugin):
    rows = sstest.fields(capture, ["frame.number"] + names, plugin=plugin,
                         extra=("-E", "occurrence=a", "-E", "aggregator=,"))
    return {r[0]: r[1:] for r in rows}


def compare(capture, pairs, report):
    """Compare one capture; returns (frames, fields compared, one-sided)."""
    bi = table(capture, [b for b, _, _ in pairs], plugin=False)
    pl = table(capture, [p for _, p, _ in pairs], plugin=True)
    compared = one_sided = 0
    itype = [b for b, _, _ in pairs].index("icmpv6.type") if pairs is NDP else None
    for frame, brow in bi.items():
        prow = pl.get(frame)
        if prow is None:
            report.append((capture, frame, "(frame)", "", "present", "missing"))
            continue
        # an ICMPv6 error quoting an ND message (a Linux host's Parameter
        # Problem for fake_router26 -E 1's RA): the built-in's fields
        # start with the error's own; test_ndisc_quoted.py covers these
        if itype is not None and itype < len(brow) and brow[itype] and int(brow[itype].split(",")[0]) < 128:
            continue
        for k, (b, p, norm) in enumerate(pairs):
            bv, pv = brow[k] if k < len(brow) else "", prow[k] if k < len(prow) else ""
            if not bv or not pv:
                one_sided += bool(bv or pv)
                continue
            compared += 1
            nb, np_ = norm(bv), (pv if norm is signed16 else norm(pv))
            if nb == np_ or (as_numbers(nb) is not None and as_numbers(nb) == as_numbers(np_)):
                continue
            report.append((capture, frame, b, p, bv, pv))
    return len(bi), compared, one_sided


def main():
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    if not shutil.which("tshark"):
        sstest.skip("tshark not installed")
    d = sstest.tmpdir()
    # synthetic NDP: every message type, all option types, one pcap
    script = os.path.join(d, "ndp.txt")
    with open(script, "w") as f:
        for verb, args in peers.NDP_MESSAGES.items():
            f.write(" ".join([verb] + args) + "\n")
    ndp = os.path.join(d, "sockgen-ndp.pcap")
    sstest.sockgen("ndp", "--script", script, "--pcap", ndp, "--quiet")
    # synthetic vsock: every scenario, concatenated
    parts = []
    for sc in VSOCK_SCENARIOS:
        parts.append(os.path.join(d, "vs-%s.pcap" % sc))
        sstest.sockgen("vsock", "pcap", "--out", parts[-1], "--scenario", sc)
    vs = os.path.join(d, "sockgen-vsock.pcap")
    subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", vs] + parts, check=True, capture_output=True)
    captures = [(ndp, NDP), (vs, VSOCK)]
    for c in sorted(glob.glob(os.path.join(sstest.SRC, "captures", "*.pcap*"))):
        link = sstest.fields(c, ["frame.protocols"], plugin=False)
        protos = link[0][0] if link else ""
        captures.append((c, VSOCK if protos.startswith("vsock") else NDP))
    report, totals = [], [0, 0, 0]
    for cap, pairs in captures:
        n, compared, one = compare(cap, pairs, report)
        totals = [totals[0] + n, totals[1] + compared, totals[2] + one]
        sstest.check(compared > 0, "%s: fields compared" % os.path.basename(cap), "%d frames" % n)
    print("built-in vs plugin: %d captures, %d frames, %d fields compared, %d decoded by one side only, "
          "%d disagreements" % (len(captures), totals[0], totals[1], totals[2], len(report)))
    for cap, frame, b, p, bv, pv in report[:200]:
        print("  %s frame %s: %s = %r, %s = %r" % (os.path.basename(cap), frame, b, bv, p, pv))
    sstest.eq(len(report), 0, "built-in and plugin agree on every field both decode")
    peers.peers_row("Wireshark %s built-in (icmpv6, vsock)" % peers.pkg_version("tshark"), totals[0],
                    totals[1], len(report), "every capture in captures/ plus synthetic ones")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
