# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon: `tshark -G fields` lists exactly the fields (and types) of
tests/dissect/vsockmon_fields.txt, and none of the built-in vsock names."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)

p = sstest.tshark("-G", "fields")
sstest.eq(p.returncode, 0, "tshark -G fields exit status")
sstest.check("Couldn't load plugin" not in p.stderr, "plugin loads", p.stderr.strip())

got = set()
protos = set()
for line in p.stdout.splitlines():
    cols = line.split("\t")
    if cols[0] == "P" and len(cols) > 2:
        protos.add(cols[2])
    if cols[0] == "F" and len(cols) > 4 and cols[4] == "vsockmon":
        got.add((cols[2], cols[3]))

want = set()
with open(os.path.join(os.path.dirname(__file__), "vsockmon_fields.txt")) as f:
    for line in f:
        if line.strip():
            name, ftype = line.rstrip("\n").split("\t")
            want.add((name, ftype))

sstest.check("vsockmon" in protos, "protocol vsockmon registered")
sstest.check("vsock" in protos, "built-in vsock still registered beside it")
sstest.eq(sorted(got - want), [], "fields registered but not in vsockmon_fields.txt")
sstest.eq(sorted(want - got), [], "fields in vsockmon_fields.txt but not registered")
for name, _ in sorted(got):
    sstest.check(name.startswith("vsockmon.") and not name.endswith("_prot"),
                 "field name spelled right: " + name)

# The contract names from DESIGN.md are all present.
for name in ["vsockmon.src_cid", "vsockmon.dst_cid", "vsockmon.src_port", "vsockmon.dst_port",
             "vsockmon.op", "vsockmon.transport", "vsockmon.virtio.type", "vsockmon.virtio.op",
             "vsockmon.virtio.len", "vsockmon.virtio.buf_alloc", "vsockmon.virtio.fwd_cnt",
             "vsockmon.payload", "vsockmon.stream", "vsockmon.cid", "vsockmon.port",
             "vsockmon.seq", "vsockmon.nxtseq", "vsockmon.analysis.credit",
             "vsockmon.analysis.window_full"]:
    sstest.check(name in {n for n, _ in got}, "contract field present: " + name)

# Dissector table and heuristic list exist under their contract names.
p = sstest.tshark("-G", "dissector-tables")
sstest.check(any(l.split("\t")[0] == "vsockmon.port" for l in p.stdout.splitlines()),
             "dissector table vsockmon.port registered")
p = sstest.tshark("-G", "heuristic-decodes")
sstest.check(any(l.split("\t")[0] == "vsockmon" for l in p.stdout.splitlines()),
             "heuristic list vsockmon has entries")
sstest.done()
