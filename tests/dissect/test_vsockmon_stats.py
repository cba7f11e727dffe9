# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon statistics: `-z vsockmon,tree` counts packets by op and type,
connections with one outcome each (closed, reset, refused, still open),
bytes each way and window-full events;
`-z conv,vsockmon` / `-z endpoints,vsockmon` list the connections and
endpoints; `-z follow,vsockmon,ascii,N` follows a stream."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import Conn, write_pcap, REQUEST, RESPONSE, RW, CREDIT_UPDATE, SHUTDOWN, RST  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)
tmp = sstest.tmpdir()
A, B, R = (3, 1111), (2, 5000), (3, 2222)

k = Conn(A, B, buf=1000)
fr = [k.pkt(A, REQUEST), k.pkt(B, RESPONSE), k.pkt(A, RW, b"ping" * 250)]  # fills the window
k.consume(B, 1000)
fr += [k.pkt(B, CREDIT_UPDATE), k.pkt(B, RW, b"pong" * 30)]
k.consume(A, 120)
fr += [k.pkt(A, CREDIT_UPDATE), k.pkt(A, SHUTDOWN, flags=3), k.pkt(B, RST)]
k2 = Conn(R, (2, 6000))
fr += [k2.pkt(R, REQUEST), k2.pkt((2, 6000), RST)]                     # refused
path = os.path.join(tmp, "stats.pcap")
write_pcap(path, fr)


def node(text, name):
    m = re.search(r"^\s*" + re.escape(name) + r"\s+(\d+)\s", text, re.M)
    return int(m.group(1)) if m else None


p = sstest.tshark("-n", "-r", path, "-q", "-z", "vsockmon,tree")
t = p.stdout
sstest.eq(p.returncode, 0, "-z vsockmon,tree runs")
sstest.eq(node(t, "vsockmon packets"), len(fr), "tree: all packets counted")
sstest.eq(node(t, "RW"), 2, "tree: RW packets")
sstest.eq(node(t, "REQUEST"), 2, "tree: REQUEST packets")
sstest.eq(node(t, "RST"), 2, "tree: RST packets")
sstest.eq(node(t, "CREDIT_UPDATE"), 2, "tree: CREDIT_UPDATE packets")
sstest.eq(node(t, "STREAM"), len(fr), "tree: by type STREAM")
# one outcome per connection: the first ends with A's SHUTDOWN and B's RST
# (Linux's orderly close), the second is refused
sstest.eq(node(t, "Connections"), 2, "tree: connections")
sstest.eq(node(t, "closed (SHUTDOWN)"), 1, "tree: connections closed")
sstest.eq(node(t, "refused"), 1, "tree: connections refused")
sstest.eq(node(t, "reset (RST without SHUTDOWN)"), 0, "tree: no connection reset")
sstest.eq(node(t, "still open at the end of the capture"), 0, "tree: none still open")
sstest.eq(node(t, "window full"), 1, "tree: window-full events")
sstest.eq(node(t, "3:1111 \u2192 2:5000"), 1000, "tree: bytes client to server")
sstest.eq(node(t, "2:5000 \u2192 3:1111"), 120, "tree: bytes server to client")

p = sstest.tshark("-n", "-r", path, "-q", "-z", "conv,vsockmon")
rows = [l for l in p.stdout.splitlines() if "<->" in l]
sstest.eq(len(rows), 2, "conv: two connections")
sstest.check(any("3:1111" in l and "2:5000" in l and re.search(r"\b8 \d+ bytes", l) for l in rows),
             "conv: the full connection has 8 frames", "\n".join(rows))
p = sstest.tshark("-n", "-r", path, "-q", "-z", "endpoints,vsockmon")
eps = [l.split()[0] for l in p.stdout.splitlines() if re.match(r"^\d+:\d+\s", l)]
sstest.eq(sorted(eps), ["2:5000", "2:6000", "3:1111", "3:2222"], "endpoints: four CID:port endpoints")

p = sstest.tshark("-n", "-r", path, "-q", "-z", "follow,vsockmon,ascii,0")
sstest.check("Node 0: 3:1111" in p.stdout and "Node 1: 2:5000" in p.stdout, "follow: both nodes", p.stdout[:400])
sstest.check("ping" in p.stdout and "pong" in p.stdout, "follow: payload of both directions")
p = sstest.tshark("-n", "-r", path, "-q", "-z", "follow,vsockmon,ascii,1")
sstest.check("ping" not in p.stdout, "follow 1: the refused connection has no payload")
sstest.done()
