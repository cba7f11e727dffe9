# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc: one capture per ND option type made with `sockgen ndp --pcap`.
Every field sockgen's manifest names must come out of tshark with exactly the
manifest's value, the hand-written expectations below must hold, and no option
may raise an expert error. Options the RFCs allow only in messages sockgen
cannot build (CPS/CPA) go into an RA and are expected to draw exactly the
"not defined for this message" note."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

CASES = ndisc_pkt.OPTION_CASES


def main():
    d = sstest.tmpdir()
    covered = set()
    made = []
    for name, verb, args, want, allowed in CASES:
        pcap = os.path.join(d, name + ".pcap")
        man = os.path.join(d, name + ".jsonl")
        p = sstest.run([sstest.SOCKGEN, "ndp", verb, "--pcap", pcap, "--manifest", man,
                        "--quiet"] + args)
        if sstest.check(p.returncode == 0, name + ": sockgen ran", p.stderr.strip()):
            made.append((name, pcap, sstest.read_manifest(man), want, allowed))
    # one tshark run over all captures (frame i = case i)
    allp = os.path.join(d, "all.pcap")
    sstest.run(["mergecap", "-a", "-w", allp] + [m[1] for m in made], check_rc=0)
    keys = sorted({k for _n, _p, rows, want, _a in made for r in rows for k in r
                   if k.startswith("ndisc.")} | {k for m in made for k in m[3]})
    got = sstest.fields(allp, keys, extra=["-E", "occurrence=a"])
    sstest.eq(len(got), len(made), "one frame per option capture")
    ex = ndisc_pkt.expert(allp)
    for i, (name, _pcap, rows, want, allowed) in enumerate(made):
        if i >= len(got):
            break
        sstest.eq(len(rows), 1, name + ": one manifest row")
        row = dict(zip(keys, got[i]))
        for k, v in sorted(want.items()):
            sstest.eq(row.get(k), v, "%s: %s" % (name, k))
        for k in sorted(rows[0]):
            # sockgen's manifest lists only the outer options of a PvD ID,
            # tshark every option in the tree (nested ones too)
            if name == "pvd_id" and k in ("ndisc.opt.type", "ndisc.opt.len"):
                continue
            if k.startswith("ndisc."):
                sstest.eq(row.get(k), rows[0][k], "%s: %s equals the manifest" % (name, k))
        for t in row.get("ndisc.opt.type", "").split(","):
            covered.add(t)
        mine = [e for e in ex if e[0] == i + 1]
        sstest.eq([e for e in mine if e[1] == "Error"], [], name + ": no expert error")
        sstest.eq([e[2] for e in mine if e[1] == "Warning"], [], name + ": no expert warning")
        notes = [e[2] for e in mine if e[1] == "Note"]
        sstest.eq(notes, [allowed] if allowed else [], name + ": expert notes")
    # the codec table is the list of types this test must cover
    sys.path.insert(0, os.path.dirname(__file__))
    want_types = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
                  "15", "16", "17", "18", "19", "20", "21", "23", "24", "25", "26", "27",
                  "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39",
                  "40", "41", "42", "138", "139", "144", "253", "254"}
    sstest.eq(sorted(want_types - covered, key=int), [], "every option type decoded")
    sstest.done()


main()
