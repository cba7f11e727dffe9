# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon on hand-built captures (tests/lib/vsock_pkt.py, independent of
the C codec): header consistency checks, connection state and credit
expert infos each triggered by its own packet sequence and absent from a
clean one, relative sequence numbers, stream desegmentation into HTTP,
SSH by Decode As, and the Info/Source/Destination columns."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import (Conn, frame, write_pcap, REQUEST, RESPONSE, RST, SHUTDOWN, RW,  # noqa: E402
                       CREDIT_UPDATE, CREDIT_REQUEST, SHUT_RCV, SHUT_SEND, SEQPACKET, EOM, MON_PAYLOAD,
                       MON_CONTROL)

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)
tmp = sstest.tmpdir()
C, S = (3, 1234), (2, 5000)


def cap(name, frames):
    path = os.path.join(tmp, name + ".pcap")
    write_pcap(path, frames)
    return path


def experts(path):
    """{frame: [messages]} of warnings/errors/notes from vsockmon."""
    out = {}
    for fr, sev, grp, msg in sstest.expert(path):
        out.setdefault(fr, []).append(msg)
    return out


def has(ex, frame_no, text):
    return any(text in m for m in ex.get(frame_no, []))


def clean_conn():
    k = Conn(C, S)
    fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"a" * 100)]
    k.consume(S, 100)
    fr += [k.pkt(S, CREDIT_UPDATE), k.pkt(S, RW, b"b" * 50)]
    k.consume(C, 50)
    fr += [k.pkt(C, CREDIT_UPDATE), k.pkt(C, SHUTDOWN, flags=SHUT_RCV | SHUT_SEND), k.pkt(S, RST)]
    return fr


# ---- a clean connection: no expert info, exact fields ----
clean = cap("clean", clean_conn())
sstest.eq(experts(clean), {}, "clean connection: no expert info at all")
rows = sstest.fields(clean, ["vsockmon.stream", "vsockmon.virtio.op", "vsockmon.seq", "vsockmon.nxtseq",
                             "vsockmon.analysis.credit", "vsockmon.analysis.bytes_in_flight"])
sstest.eq(rows[2], ["0", "5", "1", "101", str(262144 - 100), "100"], "client RW: seq 1..101, credit, in flight")
sstest.eq(rows[4], ["0", "5", "1", "51", str(262144 - 50), "50"], "server RW: its own seq from 1")
rows = sstest.fields(clean, ["vsockmon.analysis.flags", "vsockmon.analysis.outcome"])
sstest.eq([r for r in rows if r[0]], [], "clean connection: no analysis finding (vsockmon.analysis.flags)")
sstest.eq([r[1] for r in rows if r[1]], ["1"], "clean connection: one outcome, closed")
rows = sstest.fields(clean, ["_ws.col.Info", "_ws.col.Source", "_ws.col.Destination"])
sstest.check(rows[2][0].startswith("RW len=100 seq=1"), "Info column of an RW", rows[2][0])
sstest.eq(rows[2][1:], ["3:1234", "2:5000"], "Source and Destination carry CID:port (Info does not repeat them)")
sstest.eq(rows[2][1:], ["3:1234", "2:5000"], "Source/Destination columns are CID:port")
rows = sstest.fields(clean, ["frame.number"], filt="vsockmon.cid == 2 && vsockmon.port == 1234")
sstest.eq(len(rows), 8, "vsockmon.cid / vsockmon.port match either direction")
rows = sstest.fields(clean, ["vsockmon.analysis.request_in", "vsockmon.analysis.handshake_time"],
                     filt="vsockmon.virtio.op == 2")
sstest.check(rows and rows[0][0] == "1" and rows[0][1].startswith("0.001"), "RESPONSE: request_in 1, handshake 1 ms",
             repr(rows))
rows = sstest.fields(clean, ["vsockmon.analysis.duration"], filt="vsockmon.analysis.duration")
sstest.check(rows and rows[0][0].startswith("0.007"), "duration on the closing RST", repr(rows))

# ---- header consistency checks, one bad frame each ----
good = Conn(C, S).pkt(C, REQUEST)
bad_frames = [
    ("hdr_len", frame(C, S, REQUEST, hlen=40), "Transport header length 40"),
    ("op_mismatch", frame(C, S, REQUEST, mon_op=MON_PAYLOAD), "does not match virtio op"),
    ("len_mismatch", frame(C, S, RW, b"xyz", vlen=10), "virtio len 10 but 3 payload bytes"),
    ("addr_mismatch", frame(C, S, REQUEST, mon_src=(3, 999)), "differ from the monitor header"),
    ("unknown_transport", frame(C, S, REQUEST, transport=7), "Unknown transport 7"),
    ("unknown_type", frame(C, S, REQUEST, vtype=9), "Unknown virtio type 9"),
    ("unknown_op", frame(C, S, 12, mon_op=MON_CONTROL), "Unknown virtio op 12"),
    ("reserved", frame(C, S, REQUEST, reserved=0x1234), "Reserved bytes are 0x1234"),
    ("flag_bits", frame(C, S, SHUTDOWN, flags=SHUT_RCV | 0x10), "Flag bits 0x00000010"),
]
for name, fr, text in bad_frames:
    path = cap("bad-" + name, [fr])
    ex = experts(path)
    sstest.check(has(ex, 1, text), "check %s: expert '%s'" % (name, text), repr(ex))
path = cap("good-one", [good])
sstest.eq(experts(path), {}, "a single well-formed REQUEST has no expert info")

# ---- state experts ----
k = Conn(C, S)
ex = experts(cap("refused", [k.pkt(C, REQUEST), k.pkt(S, RST)]))
sstest.check(has(ex, 2, "refused"), "REQUEST answered by RST: refused", repr(ex))

ex = experts(cap("rst-unknown", [frame(C, S, RST)]))
sstest.check(has(ex, 1, "unknown connection"), "lone RST: RST for an unknown connection", repr(ex))

k = Conn(C, S)
fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, SHUTDOWN, flags=SHUT_SEND), k.pkt(C, RW, b"late")]
ex = experts(cap("after-shutdown", fr))
sstest.check(has(ex, 4, "after SHUTDOWN"), "RW after SHUTDOWN SEND: data after shutdown", repr(ex))
sstest.check(not has(ex, 3, "after SHUTDOWN"), "the SHUTDOWN itself is not flagged")

# ---- credit experts ----
k = Conn(C, S, buf=1000)
fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"x" * 600), k.pkt(C, RW, b"y" * 400)]
k.consume(S, 1000)
fr += [k.pkt(S, CREDIT_UPDATE), k.pkt(C, RW, b"z" * 1200)]
ex = experts(cap("credit", fr))
sstest.check(has(ex, 4, "window full"), "send filling the peer buffer: window full", repr(ex))
sstest.check(not has(ex, 3, "window full"), "a send leaving credit is not window full")
sstest.check(has(ex, 5, "reopened"), "CREDIT_UPDATE after window full: reopened", repr(ex))
sstest.check(has(ex, 6, "only 1000 bytes of peer credit"), "send beyond credit: exceeded", repr(ex))
rows = sstest.fields(os.path.join(tmp, "credit.pcap"), ["vsockmon.analysis.credit"])
sstest.eq([r[0] for r in rows], ["", "1000", "400", "0", "1000", "-200"],
          "vsockmon.analysis.credit: sender's view of peer free space")
rows = sstest.fields(os.path.join(tmp, "credit.pcap"), ["frame.number"], filt="vsockmon.analysis.flags")
sstest.eq([r[0] for r in rows], ["4", "5", "6"], "vsockmon.analysis.flags: every frame with a finding")

k = Conn(C, S)
fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, b"x" * 100)]
k.consume(S, 100)
fr += [k.pkt(S, CREDIT_UPDATE), k.pkt(S, CREDIT_UPDATE, fwd_cnt=40)]
ex = experts(cap("fwd-back", fr))
sstest.check(has(ex, 5, "fwd_cnt went backwards"), "fwd_cnt going backwards flagged", repr(ex))
sstest.check(not has(ex, 4, "fwd_cnt"), "fwd_cnt moving forward not flagged")

# ---- stream desegmentation: HTTP split over RW packets ----
k = Conn((3, 40000), (2, 80))
A, B = (3, 40000), (2, 80)
req = b"GET /index.html HTTP/1.1\r\nHost: vsock\r\n\r\n"
body = b"<html>" + b"a" * 3000 + b"</html>\n"
resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
fr = [k.pkt(A, REQUEST), k.pkt(B, RESPONSE), k.pkt(A, RW, req[:20]), k.pkt(A, RW, req[20:])]
k.consume(B, len(req))
fr += [k.pkt(B, RW, resp[:1000]), k.pkt(B, RW, resp[1000:2000]), k.pkt(B, RW, resp[2000:])]
k.consume(A, len(resp))
fr += [k.pkt(A, CREDIT_UPDATE), k.pkt(A, SHUTDOWN, flags=3), k.pkt(B, RST)]
http = cap("http", fr)
for extra in ([], ["-d", "vsockmon.port==80,http"]):
    rows = sstest.fields(http, ["frame.number", "http.request.uri", "http.response.code",
                                "http.content_length"], filt="http", extra=extra)
    what = "Decode As" if extra else "heuristic"
    # From 4.4 on a response also carries its request's http.request.uri.
    rows = [[r[0], "" if r[2] else r[1]] + r[2:] for r in rows]
    sstest.eq(rows, [["4", "/index.html", "", ""], ["7", "", "200", str(len(body))]],
              "HTTP (%s): request reassembled in frame 4, response in frame 7" % what)
rows = sstest.fields(http, ["frame.number", "_ws.col.Info"])
sstest.eq([r[0] for r in rows if "segment of a reassembled PDU" in r[1]], ["3", "5", "6"],
          "the other segments are marked as parts of a PDU")
p = sstest.tshark("-n", "-r", http, "-q", "-z", "follow,vsockmon,ascii,0")
sstest.check("GET /index.html" in p.stdout and "</html>" in p.stdout, "Follow Stream shows both directions",
             p.stdout[-300:])

# ---- SSH banner by Decode As, by the heuristic, data with it disabled ----
k = Conn((3, 50000), (2, 22))
fr = [k.pkt((3, 50000), REQUEST), k.pkt((2, 22), RESPONSE), k.pkt((2, 22), RW, b"SSH-2.0-OpenSSH_9.2\r\n")]
ssh = cap("ssh", fr)
rows = sstest.fields(ssh, ["ssh.protocol"], filt="ssh", extra=["-d", "vsockmon.port==22,ssh"])
sstest.eq(rows, [["SSH-2.0-OpenSSH_9.2"]], "SSH banner decoded with Decode As")
rows = sstest.fields(ssh, ["ssh.protocol", "vsockmon.app"], filt="ssh")
sstest.eq(rows, [["SSH-2.0-OpenSSH_9.2", "ssh"]], "without Decode As: the ssh_vsockmon heuristic finds it")
rows = sstest.fields(ssh, ["vsockmon.payload", "data.data"], filt="vsockmon.virtio.op == 5",
                     extra=["--disable-heuristic", "ssh_vsockmon"])
sstest.eq(rows, [[b"SSH-2.0-OpenSSH_9.2\r\n".hex()] * 2], "heuristic disabled: data, vsockmon.payload")

# ---- the heuristics look at how a stream begins: with the connection's
# start in the capture, a direction whose first payload matched none is not
# tried again; without it, every payload is
k = Conn((3, 50001), (2, 2222))
fr = [k.pkt((3, 50001), REQUEST), k.pkt((2, 2222), RESPONSE), k.pkt((3, 50001), RW, b"\x00junk\r\n"),
      k.pkt((3, 50001), RW, b"SSH-2.0-OpenSSH_9.2\r\n")]
late = cap("late-ssh", fr)
rows = sstest.fields(late, ["frame.number", "ssh.protocol"], filt="vsockmon.virtio.op == 5")
sstest.eq(rows, [["3", ""], ["4", ""]], "start captured, first payload unknown: the later banner stays data")
midway = cap("midway-ssh", fr[2:])
rows = sstest.fields(midway, ["frame.number", "ssh.protocol"], filt="vsockmon.virtio.op == 5")
sstest.eq(rows, [["1", ""], ["2", "SSH-2.0-OpenSSH_9.2"]], "start not captured: every payload is tried")

# ---- seqpacket message over three packets ----
k = Conn(C, S, vtype=SEQPACKET)
msg = bytes(range(256)) * 400
fr = [k.pkt(C, REQUEST), k.pkt(S, RESPONSE), k.pkt(C, RW, msg[:40000]), k.pkt(C, RW, msg[40000:80000]),
      k.pkt(C, RW, msg[80000:], flags=EOM)]
seq = cap("seqpacket", fr)
rows = sstest.fields(seq, ["frame.number", "vsockmon.reassembled.length", "vsockmon.fragment.count"],
                     filt="vsockmon.reassembled.length")
sstest.eq(rows, [["5", str(len(msg)), "3"]], "seqpacket message of 3 packets reassembled at EOM")
rows = sstest.fields(seq, ["vsockmon.reassembled.length"], filt="vsockmon.reassembled.length",
                     extra=["-o", "vsockmon.reassembly_limit:50000"])
sstest.eq(rows, [], "reassembly limit preference stops seqpacket reassembly")
p = sstest.tshark("-n", "-r", seq, "-o", "vsockmon.reassembly_limit:50000", "-T", "fields",
                  "-e", "_ws.expert.message", "-Y", "vsockmon.reassembly_limit")
sstest.check("reassembly limit" in p.stdout, "reassembly limit expert info", p.stdout + p.stderr)

# ---- analysis off: no stream fields, no experts from analysis ----
rows = sstest.fields(os.path.join(tmp, "credit.pcap"), ["vsockmon.stream", "vsockmon.analysis.credit"],
                     extra=["-o", "vsockmon.analyze_connections:FALSE"])
sstest.eq({tuple(r) for r in rows}, {("", "")}, "analysis preference off: no stream or credit fields")
sstest.done()
