# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon on synthetic `sockgen vsock pcap` captures: every manifest field
equals what the dissector prints, one stream per scenario, the 100000-byte
seqpacket message reassembled, HTTP decoded, and each scenario's expert
infos present where the scenario causes them and absent elsewhere."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built: " + sstest.PLUGIN)
if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("sockgen not built: " + sstest.SOCKGEN)
p = sstest.run([sstest.SOCKGEN, "vsock", "pcap", "--help"])
if "--scenario" not in p.stdout + p.stderr:
    sstest.skip("sockgen vsock pcap has no --scenario yet")

SCENARIOS = ["stream-echo", "bulk", "seqpacket", "refused", "reset-mid-stream",
             "half-close", "credit-stall", "http"]
tmp = sstest.tmpdir()


def make(name, *extra, out=None):
    pcap = os.path.join(tmp, (out or name) + ".pcap")
    man = os.path.join(tmp, (out or name) + ".jsonl")
    sstest.sockgen("vsock", "pcap", "--out", pcap, "--scenario", name, "--manifest", man, *extra)
    return pcap, sstest.read_manifest(man)


def analysis_experts(pcap):
    """Expert messages of the connection analysis, by frame."""
    out = {}
    for fr, sev, grp, msg in sstest.expert(pcap):
        out.setdefault(fr, []).append(msg)
    return out


caps = {}
for name in SCENARIOS:
    pcap, man = make(name)
    caps[name] = pcap
    keys = sorted({k for m in man for k in m})
    rows = sstest.fields(pcap, keys)
    sstest.eq(len(rows), len(man), name + ": one decoded frame per manifest line")
    bad = []
    for i, (m, r) in enumerate(zip(man, rows)):
        for k, v in zip(keys, r):
            if k in m and m[k] != v:
                bad.append("frame %d %s: manifest %r, tshark %r" % (i + 1, k, m[k][:40], v[:40]))
    sstest.eq(bad[:5], [], name + ": manifest fields equal the decoded fields")
    streams = {r[0] for r in sstest.fields(pcap, ["vsockmon.stream"])}
    sstest.eq(streams, {"0"}, name + ": one connection, stream 0")
    # Nothing malformed in any generated capture.
    mal = [e for e in sstest.expert(pcap) if e[2] in ("117440512",) or "Malformed" in e[3]]
    sstest.eq(mal, [], name + ": no malformed expert info")

# Several connections in one file: streams numbered in order of appearance,
# and the same pair of ports reused after the RST is a new stream.
pa, _ = make("stream-echo", "--src-port", "50000", out="echo-b")
pb, _ = make("refused", "--src-port", "50001", "--dst-port", "6000", out="refused-b")
merged = os.path.join(tmp, "merged.pcap")
p = sstest.run(["mergecap", "-a", "-w", merged, caps["stream-echo"], pa, pb, caps["stream-echo"]])
if sstest.check(p.returncode == 0, "mergecap", p.stderr):
    rows = sstest.fields(merged, ["vsockmon.src_port", "vsockmon.dst_port", "vsockmon.stream"])
    order = []
    for sp, dp, st in rows:
        key = (tuple(sorted((sp, dp))), st)
        if key not in order:
            order.append(key)
    sstest.eq([st for _, st in order], ["0", "1", "2", "3"], "four connections: streams 0..3 in order")
    sstest.eq(order[0][0], order[3][0], "first and last connection share the port pair")

# Seqpacket: the 100000-byte message is reassembled in each direction.
rows = sstest.fields(caps["seqpacket"], ["frame.number", "vsockmon.reassembled.length",
                                         "vsockmon.fragment.count"],
                     filt="vsockmon.reassembled.length")
sstest.eq([r[1:] for r in rows], [["100000", "2"], ["100000", "2"]],
          "seqpacket: 100000-byte message reassembled from 2 packets, both ways")
rows = sstest.fields(caps["seqpacket"], ["vsockmon.virtio.flags.eom"], filt="vsockmon.virtio.op == 5")
sstest.check(all(r[0] in ("0", "1", "True", "False") for r in rows) and rows, "seqpacket: EOM flag decoded")

# HTTP: request and response decoded, by heuristic and by Decode As.
for extra in ([], ["-d", "vsockmon.port==80,http"]):
    port = sstest.fields(caps["http"], ["vsockmon.dst_port"])[0][0]
    if extra:
        extra = ["-d", "vsockmon.port==%s,http" % port]
    rows = sstest.fields(caps["http"], ["http.request.method", "http.request.uri", "http.response.code"],
                         filt="http", extra=extra)
    what = "Decode As" if extra else "heuristic"
    sstest.check(["GET", "/", ""] in rows, "http (%s): GET / request decoded" % what, repr(rows))
    sstest.check(any(r[2] == "200" for r in rows), "http (%s): 200 response decoded" % what, repr(rows))

# Expert infos each caused by their scenario, absent from the clean ones.
ex = {n: analysis_experts(c) for n, c in caps.items()}
flat = {n: [m for ms in e.values() for m in ms] for n, e in ex.items()}
sstest.check(any("refused" in m for m in flat["refused"]), "refused: connection refused expert")
sstest.check(any("window full" in m for m in flat["credit-stall"]), "credit-stall: window full expert")
sstest.check(any("reopened" in m for m in flat["credit-stall"]), "credit-stall: window reopened expert")
for n in ["stream-echo", "bulk", "seqpacket", "half-close", "http"]:
    bad = [m for m in flat[n] if not m.startswith(("GET ", "HTTP/1.1 "))]
    sstest.eq(bad, [], n + ": clean capture has no vsockmon expert info")
for n in SCENARIOS:
    if n != "refused":
        sstest.check(not any("refused" in m for m in flat[n]), n + ": no refused expert")
    if n != "credit-stall":
        sstest.check(not any("window" in m for m in flat[n]), n + ": no window expert")
sstest.check(not any("credit" in m.lower() and "exceeded" in m for n in flat for m in flat[n]),
             "no generated scenario sends beyond credit")

# Handshake time and duration present on a complete connection.
rows = sstest.fields(caps["stream-echo"], ["vsockmon.analysis.handshake_time"],
                     filt="vsockmon.analysis.handshake_time")
sstest.eq(len(rows), 1, "stream-echo: one handshake time (on the RESPONSE)")
rows = sstest.fields(caps["stream-echo"], ["vsockmon.analysis.duration"], filt="vsockmon.analysis.duration")
sstest.eq(len(rows), 1, "stream-echo: one duration (on the closing RST)")
sstest.done()
