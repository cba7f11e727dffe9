# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon never crashes or reports a dissector bug on malformed input:
frames cut short at every length, snapped captures, inconsistent lengths,
and seeded random corruption of whole captures. Short frames are marked."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import (Conn, frame, write_pcap, REQUEST, RESPONSE, RW, CREDIT_UPDATE, SHUTDOWN, RST,  # noqa: E402
                       SEQPACKET, EOM)

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)
tmp = sstest.tmpdir()
C, S = (3, 1234), (2, 80)


def survive(path, what, extra=()):
    p = sstest.tshark("-n", "-r", path, "-V", *extra)
    ok = sstest.check(p.returncode == 0 and p.stdout, what + ": tshark exits 0",
                      "rc %d stderr %s" % (p.returncode, p.stderr[-300:]))
    sstest.check("Dissector bug" not in p.stdout and "Dissector bug" not in p.stderr,
                 what + ": no dissector bug", p.stdout[-500:])
    return ok


k = Conn(C, S)
base = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
        k.pkt(S, RW, b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b"z" * 100)]

# Every truncation length of a full RW frame, as separate one-frame files
# merged into one capture (one tshark run).
full = base[2]
cut = [full[:n] for n in range(0, len(full))]
path = os.path.join(tmp, "cut.pcap")
write_pcap(path, cut)
survive(path, "frames cut at every length")
ex = sstest.expert(path)
marked = {fr for fr, sev, grp, msg in ex if "shorter than" in msg or "payload bytes follow" in msg}
sstest.eq(sorted(set(range(1, len(cut) + 1)) - marked - {1}), [],
          "every cut frame is marked (truncated header or short payload)")

# Snapped capture: caplen < len (a short snaplen on vsockmon0).
path = os.path.join(tmp, "snapped.pcap")
write_pcap(path, [(f, 1700000000 + i / 1000.0, min(len(f), 90)) for i, f in enumerate(base)])
survive(path, "snapped payloads", ["-d", "vsockmon.port==80,http"])

# Lengths that lie: header len huge, virtio len huge, NO_INFO with payload.
lies = [frame(C, S, RW, b"abc", vlen=0xffffffff), frame(C, S, RW, b"abc", hlen=0xffff),
        frame(C, S, RW, b"abc", hlen=0), frame(C, S, RW, b"abc", transport=1, hlen=0),
        frame(C, S, RW, b"abc", transport=1, hlen=500), frame(C, S, RW, b"", vlen=100),
        frame(C, S, RW, b"x" * 10, vtype=SEQPACKET, flags=EOM | 0xff00)]
path = os.path.join(tmp, "lies.pcap")
write_pcap(path, lies)
survive(path, "lying length fields")
msgs = [m for _, _, _, m in sstest.expert(path)]
sstest.check(any("4294967295" in m for m in msgs), "huge virtio len flagged", repr(msgs))

# Seeded random corruption of a realistic capture, 30 rounds.
rng = random.Random(5)
k = Conn(C, S, vtype=SEQPACKET)
seqc = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"m" * 3000), k.pkt(C, RW, b"n" * 10, flags=EOM)]
k2 = Conn((3, 7), (2, 80))
streamc = [k2.pkt((3, 7), REQUEST), k2.pkt((2, 80), RESPONSE), k2.pkt((3, 7), RW, b"GET / HTTP/1.1\r\n"),
           k2.pkt((3, 7), RW, b"Host: a\r\n\r\n"), k2.pkt((2, 80), CREDIT_UPDATE), k2.pkt((3, 7), SHUTDOWN, flags=3),
           k2.pkt((2, 80), RST)]
frames = []
for r in range(30):
    for f in base + seqc + streamc:
        b = bytearray(f)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(b))
            b[pos] = rng.randrange(256)
        if rng.random() < 0.2:
            b = b[:rng.randrange(len(b) + 1)]
        frames.append(bytes(b))
path = os.path.join(tmp, "fuzz.pcap")
write_pcap(path, frames)
survive(path, "randomly corrupted frames", ["-d", "vsockmon.port==80,http"])
p = sstest.tshark("-n", "-r", path, "-q", "-z", "vsockmon,tree", "-z", "conv,vsockmon", "-z", "endpoints,vsockmon",
                  "-z", "follow,vsockmon,ascii,0")
sstest.eq(p.returncode, 0, "statistics over corrupted frames: tshark exits 0")
sstest.done()
