# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon analysis, first pass against later ones: the first pass keeps
per frame only what the connection does not imply (stream index, seq,
bytes in flight, a few flag bits, in columns that are 16 bits wide while
the values fit) and a later pass rebuilds the rest (the credit from the
receiver's buf_alloc history, the flags from the connection, the
seqpacket message from the frames that continue one). So:
- a buf_alloc that changes mid-connection gives each frame the credit of
  its own time, in one pass and in two;
- a seqpacket message of three fragments is reassembled in two passes as
  in one, and over a small reassembly limit its fragments say so in both;
- sequence numbers past 16 bits in a chunk that began below them;
- a seeded random capture (reused endpoint pairs, interleaving, buf_alloc
  changes, fwd_cnt backwards, late packets, a socket talking to itself)
  decodes every analysis field and expert item alike in one and two
  passes."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import (Conn, frame, write_pcap, REQUEST, RESPONSE, RST, SHUTDOWN, RW,  # noqa: E402
                       CREDIT_UPDATE, CREDIT_REQUEST, STREAM, SEQPACKET, EOM)

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

CLI, SRV = (3, 1234), (2, 5000)
ANALYSIS = ["frame.number", "vsockmon.stream", "vsockmon.seq", "vsockmon.nxtseq",
            "vsockmon.time_relative", "vsockmon.analysis.bytes_in_flight",
            "vsockmon.analysis.credit", "vsockmon.analysis.duration",
            "vsockmon.analysis.handshake_time", "vsockmon.analysis.outcome",
            "vsockmon.analysis.request_in", "vsockmon.analysis.flags",
            "vsockmon.fragment.count", "vsockmon.reassembled.length", "_ws.expert.message"]


def credit_capture(path):
    """The server's buf_alloc goes 262144 -> 4096 -> 8192 while the client
    sends 100, 50 and 10 bytes (the server consumed 100 before the first
    change). Frames 3, 5, 7 are the client's RWs."""
    k = Conn(CLI, SRV)
    fr = [k.pkt(CLI, REQUEST), k.pkt(SRV, RESPONSE), k.pkt(CLI, RW, b"a" * 100)]
    k.consume(SRV, 100)
    k.buf[SRV] = 4096
    fr += [k.pkt(SRV, CREDIT_UPDATE), k.pkt(CLI, RW, b"b" * 50)]
    k.buf[SRV] = 8192
    fr += [k.pkt(SRV, CREDIT_UPDATE), k.pkt(CLI, RW, b"c" * 10)]
    # past 16 bits: 70000 bytes, then one more
    fr += [k.pkt(CLI, RW, b"d" * 70000), k.pkt(CLI, RW, b"e")]
    write_pcap(path, fr)


def seqpacket_capture(path):
    """A message of three fragments (frames 3-5), then one of one (6)."""
    k = Conn(CLI, SRV, vtype=SEQPACKET)
    fr = [k.pkt(CLI, REQUEST), k.pkt(SRV, RESPONSE),
          k.pkt(CLI, RW, b"1" * 3000), k.pkt(CLI, RW, b"2" * 3000), k.pkt(CLI, RW, b"3" * 100, flags=EOM),
          k.pkt(CLI, RW, b"4" * 20, flags=EOM)]
    write_pcap(path, fr)


def random_capture(path, seed, n):
    rnd = random.Random(seed)
    pairs = [((3, 1000 + i), (2, 5000 + i % 3)) for i in range(10)] + [((3, 77), (3, 77))]
    st = {}
    fr = []
    while len(fr) < n:
        c, s = rnd.choice(pairs)
        vt = SEQPACKET if c[1] % 3 == 0 else STREAM
        k = st.setdefault((c, s), Conn(c, s, vtype=vt))
        frm = c if rnd.random() < 0.5 else s
        to = s if frm == c else c
        r = rnd.random()
        if r < 0.04:
            fr.append(k.pkt(frm, REQUEST))
        elif r < 0.07:
            fr.append(k.pkt(frm, RESPONSE))
        elif r < 0.10:
            fr.append(k.pkt(frm, RST))
        elif r < 0.13:
            fr.append(k.pkt(frm, SHUTDOWN, flags=rnd.choice([1, 2, 3])))
        elif r < 0.17:
            k.buf[frm] = rnd.choice([262144, 4096, 300, 0xffffffff])
            fr.append(k.pkt(frm, CREDIT_UPDATE))
        elif r < 0.19:
            fr.append(k.pkt(frm, CREDIT_UPDATE, fwd_cnt=(k.fwd[frm] - 100) & 0xffffffff))
        elif r < 0.20:
            fr.append(k.pkt(frm, CREDIT_REQUEST))
        else:
            ln = rnd.choice([0, 1, 64, 1500, 5000])
            flags = EOM if vt == SEQPACKET and rnd.random() < 0.4 else 0
            fr.append(k.pkt(frm, RW, bytes([rnd.randrange(256)]) * ln, flags=flags))
            k.fwd[to] = (k.fwd[to] + rnd.choice([0, ln, ln // 2])) & 0xffffffff
    fr.append(frame((9, 9), (8, 8), RST))
    write_pcap(path, fr)


def both(cap, names, extra=()):
    """Rows in one pass and in two."""
    return sstest.fields(cap, names, extra=extra), sstest.fields(cap, names, extra=["-2"] + list(extra))


def main():
    d = sstest.tmpdir()
    cap = os.path.join(d, "credit.pcap")
    credit_capture(cap)
    names = ["frame.number", "vsockmon.seq", "vsockmon.analysis.credit", "vsockmon.analysis.bytes_in_flight"]
    for rows, name in zip(both(cap, names, ["-Y", "vsockmon.virtio.op == 5"]), ("one pass", "two passes")):
        sstest.eq([r[2] for r in rows], ["262044", "4046", "8132", "-61868", "-61869"],
                  "%s: each RW's credit is against the buf_alloc of its time" % name)
        sstest.eq([r[3] for r in rows], ["100", "50", "60", "70060", "70061"], "%s: bytes in flight" % name)
        sstest.eq([r[1] for r in rows], ["1", "101", "151", "161", "70161"], "%s: seq past 16 bits" % name)

    cap = os.path.join(d, "seqpacket.pcap")
    seqpacket_capture(cap)
    names = ["frame.number", "vsockmon.reassembled_in", "vsockmon.fragment.count", "vsockmon.reassembled.length"]
    one, two = both(cap, names)
    sstest.eq([r[3] for r in two], ["", "", "", "", "6100", ""], "two passes: the message reassembled in frame 5")
    sstest.eq([r[1] for r in two], ["", "", "5", "5", "", ""], "two passes: its fragments say where")
    sstest.eq([r[2:] for r in one], [r[2:] for r in two], "the reassembly alike in one pass and two")
    lim = ["-o", "vsockmon.reassembly_limit:4000"]
    for rows, name in zip(both(cap, ["frame.number", "_ws.expert.message"], lim), ("one pass", "two passes")):
        over = [r[0] for r in rows if "exceeds the reassembly limit" in r[1]]
        sstest.eq(over, ["4", "5"], "%s: the fragments past a 4000-byte limit" % name)

    for seed in (1, 2):
        cap = os.path.join(d, "random%d.pcap" % seed)
        random_capture(cap, seed, 3000)
        for extra in ([], ["-o", "vsockmon.reassembly_limit:3000"]):
            one, two = both(cap, ANALYSIS, ["-E", "occurrence=a"] + extra)
            diff = [(a, b) for a, b in zip(one, two) if a != b]
            sstest.check(len(one) == 3001 and not diff, "seed %d %s: every analysis field alike in one pass "
                         "and two (%d frames)" % (seed, " ".join(extra), len(one)), repr(diff[:3]))
    sstest.done()


main()
