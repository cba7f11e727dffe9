# SPDX-License-Identifier: GPL-2.0-or-later
"""`sockgen verify` over live vsock manifests (tests/e2e/live: socket-call
records written by sockgen vsock connect/listen in the guest, with the
vsockmon0 capture of the same run). Every stored pair must verify with no
mismatch, and each kind of damage must be caught: a changed byte hash, a
capture that lost its last data packets, a connect in the wrong
direction, a refused connect without the peer's RST."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402

LIVE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "live")


def records(path):
    return sstest.read_manifest(path)


def write(path, recs):
    with open(path, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")


def report(rep):
    with open(rep) as f:
        return json.load(f)


def main():
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    rep = os.path.join(d, "r.json")

    # every stored pair verifies, and its records were really checked
    for man in sorted(f for f in os.listdir(LIVE) if f.endswith(".jsonl")):
        scen = man.split(".")[0]
        cap = os.path.join(LIVE, scen + ".pcap")
        v = peers.verify(os.path.join(LIVE, man), cap, rep)
        r = report(rep)
        sstest.eq((v.returncode, r["mismatches"], r["missing"]), (0, 0, 0),
                  "%s verifies against %s.pcap" % (man, scen))
        sstest.check(r["packets"] >= 1, "%s: at least one packet record matched (%d)" % (man, r["packets"]))
        if scen != "refused":
            sstest.check(r["streams"] >= 2, "%s: data and totals checked against the streams (%d)" % (man, r["streams"]))
        if v.returncode:
            print(v.stdout[-2000:], v.stderr)

    # a byte hash that does not match what was captured
    recs = records(os.path.join(LIVE, "stream-echo.client.jsonl"))
    k = next(i for i, r in enumerate(recs) if r["sockgen.event"] == "recv")
    recs[k]["sockgen.fnv1a"] = "%016x" % (int(recs[k]["sockgen.fnv1a"], 16) ^ 1)
    bad = os.path.join(d, "hash.jsonl")
    write(bad, recs)
    v = peers.verify(bad, os.path.join(LIVE, "stream-echo.pcap"), rep)
    r = report(rep)
    sstest.eq((v.returncode, r["mismatches"]), (3, 1), "a changed recv hash is one mismatch, exit 3")
    diff = r["diffs"][0] if r["diffs"] else {}
    sstest.eq((diff.get("field"), diff.get("line")), ("sockgen.fnv1a", k + 1),
              "the diff names the field and the manifest line")
    sstest.check("stream" in diff and "->" in diff.get("stream", ""), "the diff names the stream: %s" % diff.get("stream"))
    sstest.check("stream" in v.stdout and "sockgen.fnv1a" in v.stdout, "the terminal diff shows the stream and field")

    # the capture lost its last data packet of the server's echo
    cap = os.path.join(LIVE, "stream-echo.pcap")
    rows = sstest.fields(cap, ["frame.number", "vsockmon.virtio.op", "vsockmon.src_port"])
    srv_port = records(os.path.join(LIVE, "stream-echo.server.jsonl"))[0]["vsockmon.dst_port"]
    last_rw = max(int(f[0]) for f in rows if f[1] == "5" and f[2] == srv_port)
    short = os.path.join(d, "short.pcap")
    subprocess.run(["editcap", cap, short, str(last_rw)], check=True)
    v = peers.verify(os.path.join(LIVE, "stream-echo.client.jsonl"), short, rep)
    r = report(rep)
    sstest.eq(v.returncode, 3, "a capture without the last echoed bytes fails (exit 3)")
    fields = sorted({x["field"] for x in r["diffs"]})
    sstest.check("sockgen.rx_bytes" in fields and "sockgen.len" in fields,
                 "the lost bytes show as a short recv and short totals: %s" % fields)
    sstest.check(any("capture holds" in (x.get("decoded") or "") for x in r["diffs"]),
                 "the diff says how many bytes the capture holds")

    # a connect the other way round has no REQUEST: a missing packet
    recs = records(os.path.join(LIVE, "stream-echo.client.jsonl"))
    c = recs[0]
    c["vsockmon.src_port"], c["vsockmon.dst_port"] = c["vsockmon.dst_port"], c["vsockmon.src_port"]
    bad = os.path.join(d, "dir.jsonl")
    write(bad, [c])
    v = peers.verify(bad, cap, rep)
    r = report(rep)
    sstest.eq((v.returncode, r["missing"]), (3, 1), "a REQUEST in the wrong direction is reported missing")

    # a refused connect needs the peer's RST: a capture of the REQUEST alone fails
    req_only = os.path.join(d, "req.pcap")
    subprocess.run(["editcap", "-r", os.path.join(LIVE, "refused.pcap"), req_only, "1"], check=True)
    v = peers.verify(os.path.join(LIVE, "refused.client.jsonl"), req_only, rep)
    sstest.eq((v.returncode, report(rep)["missing"]), (3, 1), "a refused connect without the RST is missing a packet")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
