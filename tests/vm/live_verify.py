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


def check(out, caps):
    """Verifies every NAME.SIDE.jsonl of the scenarios captured (caps: name
    -> test_guest.parse() of each frame); returns (manifests, packets,
    fields, mismatches). A receiver that closed with unread data (the reset
    scenario) needs no exception: verify takes what it read as a prefix of
    the wire stream."""
    tot = [0, 0, 0, 0]
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
    peers.peers_row(PEER, tot[1], tot[2], tot[3], note)
