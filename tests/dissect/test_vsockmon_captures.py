# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon on the live guest captures (captures/vsock-*.pcap, Linux 6.1
vsock_loopback + vsockmon, see captures/README.md): one stream per REQUEST, the
100000-byte seqpacket message reassembled, HTTP request and response
decoded, refused and window-full where the kernel produced them and no
state or credit complaint where it did not."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)
CAP = os.path.join(sstest.SRC, "captures")


def cap(name):
    return os.path.join(CAP, "vsock-%s.pcap" % name)


names = [n for n in ["stream-echo", "bulk", "bulk-filtered", "seqpacket", "seqpacket-burst", "refused", "reset",
                     "timeout", "http",
                     "socat-server", "socat-client"] if os.path.exists(cap(n))]
if not names:
    sstest.skip("no guest captures in captures/ yet")


def messages(path):
    return [m for _, _, _, m in sstest.expert(path)]


for n in names:
    rows = sstest.fields(cap(n), ["vsockmon.stream", "vsockmon.virtio.op", "vsockmon.virtio.len",
                                  "vsockmon.seq", "vsockmon.nxtseq"])
    nreq = max(1, sum(1 for r in rows if r[1] == "1"))
    sstest.eq({r[0] for r in rows}, {str(i) for i in range(nreq)},
              n + ": streams 0..%d, one per REQUEST" % (nreq - 1))
    # Relative sequence: each RW of a direction starts where the last ended.
    nxt = {}
    src = sstest.fields(cap(n), ["vsockmon.src_port"])
    ok = True
    for (st, op, ln, seq, nseq), (sp,) in zip(rows, src):
        if op == "5":
            ok &= seq == str(nxt.get((st, sp), 1)) and int(nseq) == int(seq) + int(ln)
            nxt[(st, sp)] = int(nseq)
    sstest.check(ok, n + ": seq/nxtseq continuous per direction")
    msgs = messages(cap(n))
    bad = [m for m in msgs if any(w in m for w in ("exceeded", "backwards", "unknown connection",
                                                     "after SHUTDOWN", "differ", "does not match",
                                                     "Unknown", "Reserved", "shorter than"))]
    sstest.eq(bad, [], n + ": no protocol violation reported on real kernel traffic")
    if n != "refused":
        sstest.check(not any("refused" in m for m in msgs), n + ": not refused")
    if n not in ("bulk", "reset"):
        sstest.check(not any("window full" in m for m in msgs), n + ": no window full")

if "refused" in names:
    sstest.check(any("refused" in m for m in messages(cap("refused"))), "refused: connection refused")
if "bulk" in names:
    msgs = messages(cap("bulk"))
    sstest.check(any("window full" in m for m in msgs), "bulk: 4M into a 256K buffer fills the window")
    sstest.check(any("reopened" in m for m in msgs), "bulk: CREDIT_UPDATE reopens it")
if "seqpacket" in names:
    rows = sstest.fields(cap("seqpacket"), ["vsockmon.reassembled.length", "vsockmon.fragment.count"],
                         filt="vsockmon.reassembled.length")
    sstest.check(["100000", "2"] in rows, "seqpacket: 100000-byte message reassembled from 2 packets", repr(rows))
if "http" in names:
    port = sstest.fields(cap("http"), ["vsockmon.dst_port"])[0][0]
    for extra in ([], ["-d", "vsockmon.port==%s,http" % port]):
        rows = sstest.fields(cap("http"), ["http.request.uri", "http.response.code"], filt="http", extra=extra)
        what = "Decode As" if extra else "heuristic"
        sstest.check(["/index.html", ""] in rows, "http (%s): request decoded" % what, repr(rows))
        sstest.check(any(r[1] == "200" for r in rows), "http (%s): response decoded" % what, repr(rows))
for n in ("socat-server", "socat-client"):
    if n in names:
        p = sstest.tshark("-n", "-r", cap(n), "-q", "-z", "follow,vsockmon,raw,0")
        data = "".join(l.strip() for l in p.stdout.splitlines()
                       if l.strip() and all(c in "0123456789abcdef" for c in l.strip()))
        sstest.check(len(data) // 2 >= 10000, n + ": follow stream returns the echoed bytes",
                     "%d bytes" % (len(data) // 2))
sstest.done()
