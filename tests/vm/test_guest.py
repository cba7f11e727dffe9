# SPDX-License-Identifier: GPL-2.0-or-later
"""Guest test: live vsock scenarios in QEMU (tests/vm/guest.py + scenarios.sh),
captured on vsockmon0, checked packet by packet.

Checks: every scenario ran with the expected exit status; each capture holds
exactly the packets vsockmon0 counted (rx_packets) and the kernel dropped
none; all six virtio ops for stream and for seqpacket; seqpacket EOM/EOR;
payload bytes equal what sockgen (and socat) sent; Wireshark's built-in
vsock dissector decodes every capture without a malformed packet and agrees
with this file's own header parser; and the model's synthetic captures
(`sockgen vsock pcap`) match the live op/type/flags sequences for
stream-echo, seqpacket and refused. The http-bridge scenario (busybox
wget and httpd talking HTTP through two socat vsock bridges) is decoded
by the plugin as HTTP (http_bridge.py), and every sockgen manifest of the
run goes through `sockgen verify` against its capture (live_verify.py);
both give a row of the peers table. Skips (77) only without qemu or the
kernel package."""
import os
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sstest  # noqa: E402
from sstest import check, eq, done, skip  # noqa: E402
import guest  # noqa: E402
import http_bridge  # noqa: E402
import live_verify  # noqa: E402
import peers  # noqa: E402

OP = {"REQUEST": 1, "RESPONSE": 2, "RST": 3, "SHUTDOWN": 4, "RW": 5,
      "CREDIT_UPDATE": 6, "CREDIT_REQUEST": 7}
SCENARIOS = {  # name: (expected client exit, server port)
    "stream-echo": (0, 5000), "bulk": (0, 5001), "seqpacket": (0, 5002),
    "seqpacket-burst": (0, 5003), "refused": (1, 5999), "reset": (1, 5004),
    "http": (0, 8080), "socat-server": (0, 5005), "socat-client": (0, 5006),
    "timeout": (1, 5007), "http-bridge": (0, 8081),
}
STREAM = ["stream-echo", "bulk", "refused", "reset", "http", "socat-server", "socat-client", "timeout",
          "http-bridge"]
SEQPACKET = ["seqpacket", "seqpacket-burst"]
FNV = 0xcbf29ce484222325


def fnv1a(data, h=FNV):
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xffffffffffffffff
    return h


def pattern(off, n):
    return bytes((off + i) % 251 for i in range(n))


def read_pcap(path):
    """(linktype, [(caplen, origlen, bytes)]) of a classic little-endian pcap."""
    data = open(path, "rb").read()
    magic, _, _, _, _, _, linktype = struct.unpack_from("<IHHiIII", data, 0)
    if magic not in (0xa1b2c3d4, 0xa1b23c4d):
        raise AssertionError("%s: not a little-endian pcap (magic %#x)" % (path, magic))
    pos, pkts = 24, []
    while pos + 16 <= len(data):
        _, _, caplen, origlen = struct.unpack_from("<IIII", data, pos)
        pkts.append((caplen, origlen, data[pos + 16:pos + 16 + caplen]))
        pos += 16 + caplen
    if pos != len(data):
        raise AssertionError("%s: trailing %d bytes" % (path, len(data) - pos))
    return linktype, pkts


def parse(pkt):
    """vsockmon header (32 bytes) + virtio-vsock header (44 bytes) + payload."""
    (scid, dcid, sport, dport, mop, trans, hlen) = struct.unpack_from("<QQIIHHH", pkt, 0)
    (vscid, vdcid, vsport, vdport, vlen, vtype, vop, flags, buf_alloc,
     fwd_cnt) = struct.unpack_from("<QQIIIHHIII", pkt, 32)
    return {"src_cid": scid, "dst_cid": dcid, "src_port": sport, "dst_port": dport,
            "mon_op": mop, "transport": trans, "hdr_len": hlen,
            "v_src_port": vsport, "v_dst_port": vdport, "len": vlen, "type": vtype,
            "op": vop, "flags": flags, "buf_alloc": buf_alloc, "fwd_cnt": fwd_cnt,
            "payload": pkt[76:]}


def manifest(out, name):
    p = os.path.join(out, name)
    return sstest.read_manifest(p) if os.path.exists(p) else []


def stream_bytes(pkts, sport, dport):
    """Concatenated RW payload from sport to dport, and the sum of virtio len."""
    data, total = b"", 0
    for p in pkts:
        if p["op"] == OP["RW"] and p["src_port"] == sport and p["dst_port"] == dport:
            data += p["payload"]
            total += p["len"]
    return data, total


def client_port(out, name, tag="client"):
    for r in manifest(out, "%s.%s.jsonl" % (name, tag)):
        if r["sockgen.event"] == "connect":
            return int(r["vsockmon.src_port"])
    return None


def check_payload_against_manifest(out, name, pkts, sport, dport, tag="client"):
    """The send records' chunks are the captured byte stream, in order."""
    recs = [r for r in manifest(out, "%s.%s.jsonl" % (name, tag)) if r["sockgen.conn"] == "0"]
    res = [r for r in recs if r["sockgen.event"] == "result"]
    if not check(res, "%s: %s manifest has a result record" % (name, tag)):
        return
    tx, _ = stream_bytes(pkts, sport, dport)
    rx, _ = stream_bytes(pkts, dport, sport)
    eq(len(tx), int(res[0]["sockgen.tx_bytes"]), "%s: bytes captured client->server" % name)
    eq("%016x" % fnv1a(tx), res[0]["sockgen.tx_fnv1a"], "%s: client->server payload hash" % name)
    eq("%016x" % fnv1a(rx), res[0]["sockgen.rx_fnv1a"], "%s: server->client payload hash" % name)
    bad = 0
    for r in recs:
        if r["sockgen.event"] == "send":
            off, n = int(r["sockgen.offset"]), int(r["sockgen.len"])
            if "%016x" % fnv1a(tx[off:off + n]) != r["sockgen.fnv1a"]:
                bad += 1
    eq(bad, 0, "%s: every manifest send record matches the captured bytes" % name)
    return tx, rx


def model_sequence(pkts, server_port):
    return [(p["src_port"] != server_port, p["op"], p["type"], p["flags"]) for p in pkts]


def main():
    if not os.path.exists(sstest.SOCKGEN):
        skip("sockgen not built: " + sstest.SOCKGEN)
    out = os.path.join(sstest.BUILD, "vm", "test-guest-out")
    t0 = time.monotonic()
    try:
        summary = guest.run(os.path.join(guest.HERE, "scenarios.sh"), out, timeout=300)
    except guest.Unavailable as e:
        skip(str(e))
    except RuntimeError as e:
        check(False, "guest ran to its end marker", str(e))
        done()
    print("harness: prepare %.1f s, qemu %.1f s, guest booted at %.2f s" % (
        summary["prepare_s"], summary["qemu_s"], summary["guest_boot_s"] or -1))
    eq(summary["errors"], [], "no error markers from the guest (insmod, vsockmon0)")

    lines = open(os.path.join(out, "scenarios.txt")).read().splitlines()
    check("scenarios done" in lines, "scenario script reached its end",
          open(os.path.join(out, "scenario.log")).read()[-2000:])
    ran = {}
    for line in lines:
        w = line.split()
        if w and w[0] == "scenario":
            ran[w[1]] = dict(x.split("=", 1) for x in w[2:] if "=" in x)
    eq(sorted(ran), sorted(SCENARIOS), "every scenario ran")

    caps = {}
    for name, (want_rc, _) in sorted(SCENARIOS.items()):
        r = ran.get(name)
        if not r:
            continue
        eq(int(r["rc"]), want_rc, "%s: client exit status" % name)
        eq(r["caprc"], "0", "%s: capture exit status" % name)
        eq(r["dropped"], "0", "%s: kernel dropped no packet" % name)
        delta = int(r["rx_after"]) - int(r["rx_before"])
        eq(int(r["packets"]), delta, "%s: captured packets == vsockmon0 rx_packets delta" % name)
        path = os.path.join(out, "vsock-%s.pcap" % name)
        lt, raw = read_pcap(path)
        eq(lt, 271, "%s: LINKTYPE_VSOCK" % name)
        eq(len(raw), delta, "%s: pcap file packet count == rx_packets delta" % name)
        check(os.path.getsize(path) < 1 << 20, "%s: capture under 1 MiB" % name)
        pkts = [parse(p[2]) for p in raw]
        caps[name] = pkts
        eq(sum(1 for p in pkts if p["hdr_len"] != 44 or p["transport"] != 2), 0,
           "%s: every packet is virtio transport with a 44-byte header" % name)
        eq(sum(1 for p in pkts if (p["src_port"], p["dst_port"]) != (p["v_src_port"], p["v_dst_port"])), 0,
           "%s: vsockmon and virtio ports agree" % name)

    # Ops and types.
    def ops(names):
        return {p["op"] for n in names for p in caps.get(n, [])}

    for label, names, vtype in (("stream", STREAM, 1), ("seqpacket", SEQPACKET, 2)):
        got = ops(names)
        for op in ("REQUEST", "RESPONSE", "RW", "SHUTDOWN", "RST"):
            check(OP[op] in got, "%s captures hold %s" % (label, op), "ops seen: %s" % sorted(got))
        check(OP["CREDIT_UPDATE"] in got or OP["CREDIT_REQUEST"] in got,
              "%s captures hold CREDIT_UPDATE or CREDIT_REQUEST" % label)
        eq({p["type"] for n in names for p in caps.get(n, [])}, {vtype}, "%s captures: virtio type" % label)

    # Seqpacket EOM (1) / EOR (2): lockstep run 1000, 1000:eor, 100000:eor.
    if "seqpacket" in caps:
        sp = SCENARIOS["seqpacket"][1]
        cport = client_port(out, "seqpacket")
        want = [(1000, 1), (1000, 3), (65536, 0), (34464, 3)]
        for a, b, d in ((cport, sp, "client->server"), (sp, cport, "server->client")):
            got = [(p["len"], p["flags"]) for p in caps["seqpacket"]
                   if p["op"] == OP["RW"] and p["src_port"] == a and p["dst_port"] == b]
            eq(got, want, "seqpacket %s RW (len, EOM|EOR flags)" % d)
        check_payload_against_manifest(out, "seqpacket", caps["seqpacket"], cport, sp)
    if "seqpacket-burst" in caps:
        sp = SCENARIOS["seqpacket-burst"][1]
        cport = client_port(out, "seqpacket-burst")
        got = [(p["len"], p["flags"]) for p in caps["seqpacket-burst"]
               if p["op"] == OP["RW"] and p["src_port"] == cport]
        eq(got, [(1000, 3)] * 3, "seqpacket-burst: three messages with EOM|EOR")
        check_payload_against_manifest(out, "seqpacket-burst", caps["seqpacket-burst"], cport, sp)

    # Payloads.
    for name in ("stream-echo", "socat-server"):
        if name in caps:
            cport = client_port(out, name)
            r = check_payload_against_manifest(out, name, caps[name], cport, SCENARIOS[name][1])
            if r:
                eq(r[0], pattern(0, len(r[0])), "%s: client payload is the sockgen pattern" % name)
                eq(r[1], r[0], "%s: the echo equals what was sent" % name)
    if "bulk" in caps:
        cport = client_port(out, "bulk")
        bad, off = 0, 0
        for p in caps["bulk"]:
            if p["op"] == OP["RW"] and p["src_port"] == cport:
                if p["payload"] != pattern(off, len(p["payload"])):
                    bad += 1
                off += p["len"]
        eq(off, 4 << 20, "bulk: 4 MiB of RW payload (virtio len)")
        eq(bad, 0, "bulk: every snapped payload is the pattern at its offset")
        # The filtered capture ('len > 1000', snaplen 100) ran alongside.
        lt, filt = read_pcap(os.path.join(out, "vsock-bulk-filtered.pcap"))
        _, full = read_pcap(os.path.join(out, "vsock-bulk.pcap"))
        big = [p for p in full if p[1] > 1000]
        eq(len(filt), len(big), "bulk: --filter 'len > 1000' kept exactly the long packets")
        eq({(p[0], p[1]) for p in filt}, {(100, p[1]) for p in big}, "bulk: filtered capture snapped at 100")
        # The unsnapped capture alongside: every byte of the 4 MiB.
        _, fullcap = read_pcap(os.path.join(out, "vsock-bulk-full.pcap"))
        eq(len(fullcap), len(full), "bulk: unsnapped capture holds as many packets as the snapped one")
        eq({p[0] == p[1] for p in fullcap}, {True}, "bulk: unsnapped capture is whole")
        tx, _ = stream_bytes([parse(p[2]) for p in fullcap], cport, SCENARIOS["bulk"][1])
        eq(len(tx), 4 << 20, "bulk: 4 MiB of payload in the unsnapped capture")
        check(tx == pattern(0, len(tx)), "bulk: all 4 MiB on the wire are the sockgen pattern")
        cres = [r for r in manifest(out, "bulk.client.jsonl") if r["sockgen.event"] == "result"]
        check(cres and cres[0]["sockgen.tx_fnv1a"] == "%016x" % fnv1a(tx),
              "bulk: captured payload hash == client manifest's")
        res = [r for r in manifest(out, "bulk.server.jsonl") if r["sockgen.event"] == "result"]
        check(res and res[0]["sockgen.rx_bytes"] == str(4 << 20), "bulk: server received 4 MiB")
    if "http" in caps:
        cport = client_port(out, "http")
        r = check_payload_against_manifest(out, "http", caps["http"], cport, 8080)
        if r:
            check(r[0].startswith(b"GET /index.html HTTP/1.1\r\n"), "http: request line on the wire", repr(r[0][:60]))
            check(r[1].startswith(b"HTTP/1.1 200 OK\r\n"), "http: status line on the wire", repr(r[1][:60]))
        cli_out = open(os.path.join(out, "http.client.err")).read()     # summaries on stderr
        eq(cli_out.count("http status=200 "), 2, "http: sockgen connect --http --count 2 printed two 200s")
        check(" conns=2 " in cli_out, "http: result line counts two connections", cli_out)
        eq(sum(1 for p in caps["http"] if p["op"] == OP["REQUEST"]), 2, "http: two connections on the wire")
    if "socat-client" in caps:
        data = open(os.path.join(out, "socat-client.data"), "rb").read()
        sp = SCENARIOS["socat-client"][1]
        srv = manifest(out, "socat-client.server.jsonl")
        acc = [r for r in srv if r["sockgen.event"] == "accept"]
        if check(acc, "socat-client: server accepted"):
            cport = int(acc[0]["vsockmon.src_port"])
            tx, _ = stream_bytes(caps["socat-client"], cport, sp)
            rx, _ = stream_bytes(caps["socat-client"], sp, cport)
            eq(tx, data, "socat-client: socat's bytes on the wire")
            eq(rx, data, "socat-client: sockgen's echo on the wire")
        eq(open(os.path.join(out, "socat-client.cmp")).read().split()[-1], "0",
           "socat-client: socat got its data back")
    if "refused" in caps:
        eq([p["op"] for p in caps["refused"]], [1, 3], "refused: REQUEST answered by RST")
        err = open(os.path.join(out, "refused.client.err")).read()
        check("1:5999" in err and "reset" in err.lower(), "refused: message names the peer and errno", err)
    if "reset" in caps:
        err = open(os.path.join(out, "reset.client.err")).read()
        check("1:5004" in err and ("Broken pipe" in err or "reset" in err), "reset: message names the peer and errno", err)
        check(OP["RST"] in {p["op"] for p in caps["reset"]}, "reset: capture holds RST")
        cport = client_port(out, "reset")
        tx, _ = stream_bytes(caps["reset"], cport, 5004)
        check(0 < len(tx) < 1 << 20 and tx == pattern(0, len(tx)), "reset: partial transfer is the pattern",
              "%d bytes" % len(tx))

    if "timeout" in caps:
        err = open(os.path.join(out, "timeout.client.err")).read()
        check("1:5007" in err and "timed out" in err and "1 s" in err,
              "timeout: message names the peer, the deadline and ETIMEDOUT", err)
        cport = client_port(out, "timeout")
        tx, _ = stream_bytes(caps["timeout"], cport, 5007)
        eq(tx, pattern(0, 100), "timeout: the 100 bytes went out before the wait")

    # HTTP between busybox wget and httpd over socat's vsock bridge.
    if "http-bridge" in caps:
        if os.path.exists(sstest.PLUGIN):
            t1 = time.monotonic()
            row = http_bridge.check(out, caps["http-bridge"])
            peers.peers_row("busybox httpd/wget via socat (HTTP over vsock)", *row)
            print("http-bridge checks: %.1f s" % (time.monotonic() - t1))
        else:
            print("note: plugin not built, http-bridge decode not checked")

    # sockgen verify: every live manifest against its scenario's capture.
    if os.path.exists(sstest.PLUGIN):
        t1 = time.monotonic()
        live_verify.peers_row(live_verify.check(out, caps))
        print("sockgen verify of the live manifests: %.1f s" % (time.monotonic() - t1))

    # Server manifests tell the same story as the client's.
    for name in ("stream-echo", "seqpacket", "http", "bulk"):
        cli = [r for r in manifest(out, name + ".client.jsonl") if r["sockgen.event"] == "result"]
        srv = [r for r in manifest(out, name + ".server.jsonl") if r["sockgen.event"] == "result"]
        if check(cli and srv, "%s: client and server result records" % name):
            eq((srv[0]["sockgen.rx_bytes"], srv[0]["sockgen.rx_fnv1a"], srv[0]["sockgen.tx_fnv1a"]),
               (cli[0]["sockgen.tx_bytes"], cli[0]["sockgen.tx_fnv1a"], cli[0]["sockgen.rx_fnv1a"]),
               "%s: server received what the client sent and vice versa" % name)

    # Wireshark's built-in vsock dissector: no malformed packet, same ops.
    for name, pkts in sorted(caps.items()):
        path = os.path.join(out, "vsock-%s.pcap" % name)
        rows = sstest.fields(path, ["frame.number", "vsock.virtio.op", "vsock.virtio.len", "_ws.malformed"],
                             plugin=False)
        eq(len(rows), len(pkts), "%s: tshark decodes every frame" % name)
        eq([r for r in rows if len(r) > 3 and r[3]], [], "%s: no malformed packet (built-in tshark)" % name)
        eq([(int(r[1]), int(r[2])) for r in rows if len(r) > 2 and r[1]],
           [(p["op"], p["len"]) for p in pkts], "%s: tshark's op/len equal our parser's" % name)

    # Model against kernel.
    if sstest.run([sstest.SOCKGEN, "vsock", "pcap", "--help"]).returncode != 0:
        print("note: sockgen vsock pcap not available, model comparison not run")
    else:
        tmp = sstest.tmpdir()
        for name, args in (("stream-echo", ["--scenario", "stream-echo", "--bytes", "1000", "--msg-size", "300"]),
                           ("seqpacket", ["--scenario", "seqpacket", "--count", "2", "--msg-size", "1000",
                                          "--bytes", "100000"]),
                           ("refused", ["--scenario", "refused"])):
            if name not in caps:
                continue
            port = SCENARIOS[name][1]
            syn = os.path.join(tmp, name + ".pcap")
            p = sstest.run([sstest.SOCKGEN, "vsock", "pcap", "--out", syn, "--dst-port", str(port)] + args)
            if not eq(p.returncode, 0, "%s: sockgen vsock pcap ran" % name):
                print(p.stderr)
                continue
            _, raw = read_pcap(syn)
            live = caps[name]
            cport = client_port(out, name)
            if cport is not None:   # only this connection, should anything else show up
                live = [p for p in live if {p["src_port"], p["dst_port"]} == {cport, port}]
            eq(model_sequence([parse(x[2]) for x in raw], port), model_sequence(live, port),
               "%s: model's (direction, op, type, flags) sequence == live kernel's" % name)

    secs = time.monotonic() - t0
    print("guest test: %.1f s" % secs)
    # Designed for well under 3 minutes (about 50 s here even with the
    # machine busy); only a run far beyond that counts as a failure.
    if secs >= 180:
        print("note: guest test took %.1f s (over 3 minutes: machine overloaded?)" % secs)
    check(secs < 400, "whole guest test under 400 s", "%.1f s" % secs)
    done()


if __name__ == "__main__":
    main()
