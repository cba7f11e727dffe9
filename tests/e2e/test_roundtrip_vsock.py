# SPDX-License-Identifier: GPL-2.0-or-later
"""vsock model against the kernel, through `sockgen verify`: the manifest of
a synthetic scenario (`sockgen vsock pcap`, the virtio-vsock model) is
checked field by field against the live Linux 6.1 capture of the same
exchange in captures/ (made in the QEMU guest, see captures/README.md),
decoded by the plugin. Only the client's ephemeral port is taken from the
live capture; every other value (ops, types, flags, lengths, buf_alloc,
fwd_cnt, payload bytes) must come out of the model exactly as the kernel
sent it."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402

# live capture, scenario, the model's parameters for the guest's commands
CASES = [
    ("vsock-refused.pcap", "refused", []),
    ("vsock-stream-echo.pcap", "stream-echo", ["--bytes", "1000", "--msg-size", "300"]),
    ("vsock-seqpacket.pcap", "seqpacket", ["--count", "2", "--msg-size", "1000", "--bytes", "100000"]),
    ("vsock-reset.pcap", "reset-mid-stream", ["--bytes", "1M", "--msg-size", "64K"]),
]


def main():
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    tot = [0, 0, 0]
    for live, scenario, args in CASES:
        cap = os.path.join(sstest.SRC, "captures", live)
        if not sstest.check(os.path.exists(cap), "%s present" % live):
            continue
        # the first packet is the client's REQUEST: its ports name the connection
        first = sstest.fields(cap, ["vsock.src_cid", "vsock.dst_cid", "vsock.src_port", "vsock.dst_port",
                                    "vsock.virtio.op"], plugin=False)[0]
        if not sstest.eq(first[4], "1", "%s starts with a REQUEST" % live):
            continue
        man, pcap, rep = (os.path.join(d, "%s.%s" % (scenario, e)) for e in ("jsonl", "pcap", "json"))
        sstest.sockgen("vsock", "pcap", "--out", pcap, "--scenario", scenario, "--manifest", man,
                       "--src-cid", first[0], "--dst-cid", first[1], "--src-port", first[2],
                       "--dst-port", first[3], *args)
        v = peers.verify(man, cap, rep)
        print("%s vs model %s: %s%s" % (live, scenario, v.stdout[-3000:], v.stderr))
        sstest.eq(v.returncode, 0, "%s: the model's %s manifest matches the kernel's packets" % (live, scenario))
        with open(rep) as f:
            r = json.load(f)
        live_n = len(sstest.fields(cap, ["frame.number"], plugin=False))
        sstest.eq((r["packets"], r["skipped"]), (live_n, 0), "%s: every live packet accounted for" % live)
        tot = [tot[0] + r["packets"], tot[1] + r["fields"], tot[2] + r["mismatches"]]
    peers.peers_row("Linux 6.1 vsock_loopback (captures/ vs the model)", *tot,
                    note="live guest captures verified against sockgen vsock pcap manifests")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
