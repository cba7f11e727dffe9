# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen verify on the guest's live vsock runs: every manifest that
`sockgen vsock connect/listen --manifest` wrote in scenarios.sh, against the
capture of its scenario (connect/accept/shutdown/eof against their packets,
send/recv/result records against the reassembled byte streams).

Used by test_guest.py; the totals become the peers row
"Linux 6.1 vsock_loopback live (sockgen verify)"."""
import concurrent.futures
import glob
import json
import os
import shutil

import peers
import sstest

PEER = "Linux 6.1 vsock_loopback live (sockgen verify)"
# The bulk capture is snapped (--snaplen 192); its unsnapped twin, taken
# alongside, holds every byte the stream check needs.
CAPTURE = {"bulk": "vsock-bulk-full.pcap"}


def run(manifest, capture, report):
    """(exit status, parsed JSON report or None, output)."""
    if os.path.exists(report):
        os.unlink(report)
    p = peers.verify(manifest, capture, report)
    rep = None
    if os.path.exists(report):
        with open(report) as f:
            rep = json.load(f)
    return p.returncode, rep, p.stdout + p.stderr


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % h


def unread_at_close(rep, pkts):
    """The diffs a receiver that closed with unread data explains, or None.

    sockgen's result record counts the bytes the program read; when it
    resets the connection with more already delivered to its socket (the
    reset scenario: the server closes after its first 64 KiB read while the
    client keeps sending), the wire carries more than that. Such a record
    is still right if what it read is a prefix of the wire stream: checked
    here from this test's own parse of the capture (pkts)."""
    diffs = rep.get("diffs", [])
    if not diffs or {d["field"] for d in diffs} - {"sockgen.rx_bytes", "sockgen.rx_fnv1a"}:
        return None
    want = {d["field"]: d["expected"] for d in diffs}
    got = {d["field"]: d["decoded"] for d in diffs}
    try:
        src, _, dst = diffs[0]["stream"].split()[:3]
        sp, dp = int(src.split(":")[1]), int(dst.split(":")[1])
        n = int(want.get("sockgen.rx_bytes") or got["sockgen.rx_bytes"])
    except (KeyError, ValueError, IndexError):
        return None
    wire = b"".join(p["payload"] for p in pkts if p["op"] == 5 and (p["src_port"], p["dst_port"]) == (sp, dp))
    # the receiver ended the connection (SHUTDOWN or RST towards the sender)
    closed = any(p["op"] in (3, 4) and (p["src_port"], p["dst_port"]) == (dp, sp) for p in pkts)
    if "sockgen.rx_bytes" in got and int(got["sockgen.rx_bytes"]) != len(wire):
        return None
    if not (closed and n < len(wire)):
        return None
    if "sockgen.rx_fnv1a" in want and fnv1a(wire[:n]) != want["sockgen.rx_fnv1a"]:
        return None
    return diffs


def check(out, caps):
    """Verifies every NAME.SIDE.jsonl of the scenarios captured (caps: name
    -> test_guest.parse() of each frame); returns (manifests, packets,
    fields, mismatches, explained), explained being the mismatches that
    unread_at_close() accounts for."""
    tot = [0, 0, 0, 0, 0]
    tmp = sstest.tmpdir()
    jobs = []
    for m in sorted(glob.glob(os.path.join(out, "*.jsonl"))):
        base = os.path.basename(m)
        name = base.split(".")[0]
        if name not in caps:
            continue
        cap = os.path.join(out, CAPTURE.get(name, "vsock-%s.pcap" % name))
        if sstest.check(os.path.exists(cap), "verify %s: capture %s exists" % (base, os.path.basename(cap))):
            jobs.append((m, cap, os.path.join(tmp, base + ".json")))
    # One tshark start (about 2 s) per manifest: run a few side by side.
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda j: run(*j), jobs))
    ran = []
    for (m, cap, _), (rc, rep, text) in zip(jobs, results):
        base = os.path.basename(m)
        what = "sockgen verify %s (live)" % base[:-len(".jsonl")]
        if not sstest.check(rep is not None, what + ": JSON report written", text[-500:]):
            continue
        explained = unread_at_close(rep, caps[base.split(".")[0]]) if rc == 3 else None
        if explained:
            print("note: %s: %d result field(s) differ because the receiver closed with unread data; "
                  "what it read is a prefix of the wire stream (checked)" % (what, len(explained)))
            sstest.eq((rep["mismatches"], rep["missing"]), (len(explained), 0),
                      what + ": mismatches only in the result of a receiver that closed with unread data")
            tot[4] += len(explained)
        else:
            if not sstest.eq(rc, 0, what + ": exit 0"):
                print(text[-3000:])
            sstest.eq((rep["mismatches"], rep["missing"]), (0, 0), what + ": no mismatch, no missing packet")
        # Something was checked (a packet or a byte-stream record), unless
        # the manifest holds only records verify finds nothing on the wire
        # to check against (refused: one error record).
        events = {r.get("sockgen.event") for r in sstest.read_manifest(m)}
        only_errors = not events - {"error", "close"}
        sstest.check(rep["packets"] + rep["streams"] > 0 or only_errors and rep["unchecked"] == rep["records"],
                     what + ": checked packets or streams", "packets %d streams %d unchecked %d of %d" % (
                         rep["packets"], rep["streams"], rep["unchecked"], rep["records"]))
        ran.append(base)
        tot[0] += 1
        tot[1] += rep["packets"]
        tot[2] += rep["fields"]
        tot[3] += rep["mismatches"]       # missing packets are counted there too
    # sockgen's clients and servers both wrote manifests.
    sstest.check(any(".client." in b for b in ran) and any(".server." in b for b in ran),
                 "verify ran over client and server manifests", repr(ran))
    # The check can fail: a manifest against another scenario's capture.
    se = os.path.join(out, "stream-echo.client.jsonl")
    other = os.path.join(out, "vsock-socat-server.pcap")
    if os.path.exists(se) and os.path.exists(other):
        rc, rep, text = run(se, other, os.path.join(tmp, "wrong.json"))
        sstest.eq(rc, 3, "sockgen verify: stream-echo's manifest against socat-server's capture exits 3")
        sstest.check(rep is not None and rep["mismatches"] > 0,
                     "sockgen verify: ... and reports mismatches", text[-500:])
    shutil.rmtree(tmp, ignore_errors=True)
    return tuple(tot)


def peers_row(tot):
    note = ("%d live manifests (sockgen vsock connect/listen in the QEMU guest) against their "
            "vsockmon0 captures" % tot[0])
    if tot[4]:
        note += ("; %d result fields of a receiver that closed with unread data checked as a prefix "
                 "of the wire stream instead" % tot[4])
    peers.peers_row(PEER, tot[1], tot[2], tot[3] - tot[4], note)
