# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon against Wireshark's built-in vsock dissector: every field both
decode (CIDs, ports, ops, transport, lengths, type, flags, buf_alloc,
fwd_cnt, payload) agrees on every capture: the committed guest captures
(captures/vsock-*.pcap), every `sockgen vsock pcap` scenario and a
hand-built one."""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import Conn, write_pcap, REQUEST, RESPONSE, RW, CREDIT_UPDATE, SHUTDOWN, RST  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)

# built-in name -> ours (the built-in spells the virtio ports "prot")
PAIRS = [
    ("vsock.src_cid", "vsockmon.src_cid"), ("vsock.dst_cid", "vsockmon.dst_cid"),
    ("vsock.src_port", "vsockmon.src_port"), ("vsock.dst_port", "vsockmon.dst_port"),
    ("vsock.op", "vsockmon.op"), ("vsock.trans", "vsockmon.transport"), ("vsock.trans_len", "vsockmon.transport_len"),
    ("vsock.virtio.src_cid", "vsockmon.virtio.src_cid"), ("vsock.virtio.dst_cid", "vsockmon.virtio.dst_cid"),
    ("vsock.virtio.src_prot", "vsockmon.virtio.src_port"), ("vsock.virtio.dst_prot", "vsockmon.virtio.dst_port"),
    ("vsock.virtio.len", "vsockmon.virtio.len"), ("vsock.virtio.type", "vsockmon.virtio.type"),
    ("vsock.virtio.op", "vsockmon.virtio.op"), ("vsock.virtio.flags", "vsockmon.virtio.flags"),
    ("vsock.virtio.buf_alloc", "vsockmon.virtio.buf_alloc"), ("vsock.virtio.fwd_cnt", "vsockmon.virtio.fwd_cnt"),
]

tmp = sstest.tmpdir()
captures = sorted(glob.glob(os.path.join(sstest.SRC, "captures", "vsock-*.pcap")))
if os.path.exists(sstest.SOCKGEN):
    for name in ["stream-echo", "bulk", "seqpacket", "refused", "reset-mid-stream", "half-close",
                 "credit-stall", "http"]:
        out = os.path.join(tmp, name + ".pcap")
        p = sstest.run([sstest.SOCKGEN, "vsock", "pcap", "--out", out, "--scenario", name])
        if p.returncode == 0:
            captures.append(out)
C, S = (3, 1234), (2, 5000)
k = Conn(C, S)
fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"hello" * 100)]
k.consume(S, 500)
fr += [k.pkt(S, CREDIT_UPDATE), k.pkt(C, SHUTDOWN, flags=3), k.pkt(S, RST)]
hand = os.path.join(tmp, "hand.pcap")
write_pcap(hand, fr)
captures.append(hand)

for path in captures:
    name = os.path.basename(path)
    theirs = sstest.fields(path, [a for a, _ in PAIRS] + ["vsock.payload"], plugin=False)
    ours = sstest.fields(path, [b for _, b in PAIRS] + ["vsockmon.payload"])
    sstest.eq(len(ours), len(theirs), name + ": same number of frames")
    sstest.check(all(any(c for c in r) for r in theirs), name + ": the built-in decoded every frame")
    diffs = []
    for i, (t, o) in enumerate(zip(theirs, ours)):
        for j, (a, b) in enumerate(PAIRS):
            if t[j] != o[j]:
                diffs.append("frame %d: %s=%r %s=%r" % (i + 1, a, t[j], b, o[j]))
        # The built-in shows payload bytes of any frame, ours only of RW;
        # the built-in shows none of a snapped payload, ours what is there.
        if o[-1] and t[-1] and t[-1] != o[-1]:
            diffs.append("frame %d: payload differs" % (i + 1))
    sstest.eq(diffs[:5], [], name + ": built-in vsock and vsockmon agree")
sstest.check(len(captures) >= 1, "at least one capture compared")

# With vsockmon disabled, the built-in takes LINKTYPE_VSOCK back.
names = [a for a, _ in PAIRS]
off = sstest.fields(hand, names, extra=["--disable-protocol", "vsockmon"])
sstest.eq(off, sstest.fields(hand, names, plugin=False), "vsockmon disabled: the built-in vsock decodes")
sstest.eq(sstest.fields(hand, ["vsockmon.op"], extra=["--disable-protocol", "vsockmon"]), [[""]] * len(fr),
          "vsockmon disabled: no vsockmon fields")
sstest.done()
