# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc: the display-filter fields the plugin registers (tshark -G fields)
are exactly tests/dissect/ndisc_fields.txt (name and type), so a renamed or
misspelled field fails here; every option stem of the codec's descriptor
table (sockgen ndp --list-options) has fields named after it (the naming
contract of codec/ndp.h); the
names people guess exist and no two names differ only by '.' and '_'."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

p = sstest.tshark("-G", "fields")
sstest.eq(p.returncode, 0, "tshark -G fields runs with the plugin")
got = set()
protos = set()
for line in p.stdout.splitlines():
    c = line.split("\t")
    if c[0] == "F" and len(c) > 4 and c[4] == "ndisc":
        got.add((c[2], c[3]))
    if c[0] == "P":
        protos.add(c[2])
with open(os.path.join(sstest.SRC, "tests", "dissect", "ndisc_fields.txt")) as f:
    want = set(tuple(line.rstrip("\n").split("\t")) for line in f if line.strip())

sstest.eq(sorted(got - want), [], "registered but not in ndisc_fields.txt")
sstest.eq(sorted(want - got), [], "in ndisc_fields.txt but not registered")
sstest.check("ndisc" in protos, "protocol ndisc registered")
names = {n for n, _t in got}
for n in ("ndisc.type", "ndisc.code", "ndisc.checksum", "ndisc.checksum.status",
          "ndisc.ra.cur_hop_limit", "ndisc.ra.flag.m", "ndisc.ns.target", "ndisc.na.target",
          "ndisc.na.flag.s", "ndisc.opt.type", "ndisc.opt.len", "ndisc.opt.prefix.prefix",
          "ndisc.opt.prefix.len", "ndisc.opt.rdnss.addr", "ndisc.opt.mtu",
          "ndisc.analysis.resp_in", "ndisc.analysis.dad", "ndisc.analysis.duplicate_addr"):
    sstest.check(n in names, "DESIGN.md contract field " + n)
for n in sorted(names):
    sstest.check(re.fullmatch(r"ndisc(\.[a-z0-9_]+)+", n) is not None, "well-formed name " + n)
# the names people guess
for n in ("ndisc.target", "ndisc.opt.lladdr"):
    sstest.check(n in names, "guessable field " + n)
# No two names that differ only in '.' against '_' (the old
# ndisc.analysis.dad_conflict / ndisc.analysis.dad.conflict pair), across
# both protocols of the plugin.
allnames = [c.split("\t")[2] for c in p.stdout.splitlines()
            if c.startswith("F\t") and c.split("\t")[4] in ("ndisc", "vsockmon")]
seen = {}
clash = []
for n in allnames:
    k = n.replace("_", ".")
    if k in seen and seen[k] != n:
        clash.append((seen[k], n))
    seen[k] = n
sstest.eq(clash, [], "no two field names differ only by '.' and '_'")

# stems from the codec's one descriptor table, as sockgen lists it
import json  # noqa: E402
opts = json.loads(sstest.sockgen("ndp", "--list-options", "--json").stdout)
stems = {o["stem"] for o in opts}
sstest.check(len(stems) > 40, "found the codec table's stems (%d)" % len(stems))
for stem in sorted(stems):
    sstest.check(any(n.startswith("ndisc.opt.%s." % stem) or n == "ndisc.opt.%s" % stem
                     for n in names), "fields for option stem " + stem)
sstest.done()
