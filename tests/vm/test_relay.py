# SPDX-License-Identifier: GPL-2.0-or-later
"""Guest test of sockgen's socat-like relays (tests/vm/relay.sh in the QEMU
guest, live vsock_loopback, captured on vsockmon0):

- relay-stdio: `vsock connect 1:P --stdio < a` and `vsock listen P --stdio < b`
  at once; each side's stdout is the other's file (cmp in the guest), the
  captured streams are the files, and each side's stdin EOF became its
  SHUTDOWN SEND.
- relay-file: `listen --file F --once` to a `connect --stdio < /dev/null`.
- exec-http: busybox httpd in inetd mode (`httpd -i`) behind
  `listen --exec`, fetched by busybox wget through `bridge --tcp-listen
  --vsock 1:P`; decoded as HTTP by tshark with the plugin (status 200 and
  the served files as http.file_data), no zombie left.
- bridge-back: `bridge --vsock-listen P --tcp 127.0.0.1:8000` (busybox
  httpd) with the request from `connect --stdio`; no --once, stopped by
  SIGTERM (exit 0, its manifest complete).
- peer-close: `connect --stdio` whose stdin never ends exits when socat
  (SYSTEM) has answered and closed.
- exec-parallel: three clients at once to `listen --exec`, whose commands
  each wait until three are running, are served side by side; the server manifest interleaves them and still
  verifies (per-connection matching).

Every manifest goes through `sockgen verify` against its capture
(live_verify.check), including the two-connection ones. Skips (77) only
without qemu or the kernel package."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sstest  # noqa: E402
from sstest import check, eq, done, skip  # noqa: E402
import guest  # noqa: E402
import http_bridge  # noqa: E402
import live_verify  # noqa: E402
import peers  # noqa: E402
from test_guest import OP, read_pcap, parse, stream_bytes  # noqa: E402

SCENARIOS = {"relay-stdio": 5100, "relay-file": 5101, "exec-http": 8090, "bridge-back": 8093,
             "peer-close": 5102, "exec-parallel": 5103}
SHUT_SEND = 2           # VIRTIO_VSOCK_SHUTDOWN_SEND


def kv(path):
    """'key words value' lines -> {key words: value}."""
    return dict(l.rsplit(" ", 1) for l in open(path).read().splitlines() if " " in l)


def read(out, name, mode="r"):
    with open(os.path.join(out, name), mode) as f:
        return f.read()


def conns(pkts, port):
    """Client ports of the connections to port, in REQUEST order."""
    return [p["src_port"] for p in pkts if p["op"] == OP["REQUEST"] and p["dst_port"] == port]


def shutdowns(pkts, sport, dport):
    return [p["flags"] for p in pkts if p["op"] == OP["SHUTDOWN"] and p["src_port"] == sport
            and p["dst_port"] == dport]


def check_captures(out):
    lines = read(out, "scenarios.txt").splitlines()
    check("scenarios done" in lines, "relay script reached its end", read(out, "scenario.log")[-2000:])
    ran = {}
    for line in lines:
        w = line.split()
        if w and w[0] == "scenario":
            ran[w[1]] = dict(x.split("=", 1) for x in w[2:] if "=" in x)
    eq(sorted(ran), sorted(SCENARIOS), "every relay scenario ran")
    caps = {}
    for name in sorted(ran):
        r = ran[name]
        eq(r["rc"], r["want"], "%s: client exit status" % name)
        eq((r["caprc"], r["dropped"]), ("0", "0"), "%s: capture exit 0, nothing dropped" % name)
        delta = int(r["rx_after"]) - int(r["rx_before"])
        path = os.path.join(out, "vsock-%s.pcap" % name)
        lt, raw = read_pcap(path)
        eq((lt, len(raw)), (271, delta), "%s: LINKTYPE_VSOCK, packets == vsockmon0 rx_packets delta" % name)
        check(os.path.getsize(path) < 1 << 20, "%s: capture under 1 MiB" % name)
        caps[name] = [parse(p[2]) for p in raw]
    return caps


def check_stdio(out, pkts):
    res = kv(os.path.join(out, "relay-stdio.result"))
    eq((res.get("cmp a"), res.get("cmp b")), ("0", "0"),
       "relay-stdio: listen's stdout is connect's stdin and back (cmp in the guest)")
    eq(read(out, "relay-stdio.server.rc").strip(), "0", "relay-stdio: listen --stdio exit 0")
    a, b = read(out, "relay-stdio.a.bin", "rb"), read(out, "relay-stdio.b.bin", "rb")
    cl = conns(pkts, 5100)
    if not eq(len(cl), 1, "relay-stdio: one connection"):
        return
    eq(stream_bytes(pkts, cl[0], 5100)[0] == a, True, "relay-stdio: captured client->server stream is a.bin")
    eq(stream_bytes(pkts, 5100, cl[0])[0] == b, True, "relay-stdio: captured server->client stream is b.bin")
    # stdin's EOF became shutdown(SHUT_WR) on both sides: SHUTDOWN with SEND
    for s, d, who in ((cl[0], 5100, "connect"), (5100, cl[0], "listen")):
        sh = shutdowns(pkts, s, d)
        check(sh and sh[0] & SHUT_SEND, "relay-stdio: %s's first SHUTDOWN has SEND (half-close)" % who, repr(sh))
    for side in ("client", "server"):
        err = read(out, "relay-stdio.%s.err" % side)
        check("tx_bytes=%d rx_bytes=%d" % ((len(a), len(b)) if side == "client" else (len(b), len(a))) in err,
              "relay-stdio: %s's summary on stderr counts both directions" % side, err)


def check_file(out, pkts):
    res = kv(os.path.join(out, "relay-file.result"))
    eq(res.get("cmp file"), "0", "relay-file: the client's stdout is listen's --file")
    eq(res.get("server stdout bytes"), "0", "relay-file: listen --file printed nothing on stdout")
    data = read(out, "relay-file.bin", "rb")
    cl = conns(pkts, 5101)
    if eq(len(cl), 1, "relay-file: one connection"):
        eq(stream_bytes(pkts, 5101, cl[0])[0] == data, True, "relay-file: captured server->client stream is the file")
        eq(stream_bytes(pkts, cl[0], 5101)[0], b"", "relay-file: the client sent nothing")


def http_rows(path, port):
    names = ["frame.number", "vsockmon.src_port", "http.request.uri", "http.response.code", "http.file_data"]
    rows = sstest.fields(path, names, filt="http", extra=["-d", "vsockmon.port==%d,http" % port])
    return [dict(zip(names, r + [""] * (len(names) - len(r)))) for r in rows]


def check_exec_http(out, pkts):
    res = kv(os.path.join(out, "exec-http.result"))
    eq([res.get(k) for k in ("wget index.html", "wget big.txt", "cmp index.html", "cmp big.txt")],
       ["0"] * 4, "exec-http: wget fetched both files through bridge and --exec, byte for byte")
    eq(res.get("zombies"), "0", "exec-http: no zombie process left")
    eq((read(out, "exec-http.server.rc").strip(), read(out, "exec-http.bridge.rc").strip()), ("0", "0"),
       "exec-http: listen --exec and bridge --max-conns 2 exit 0 after two connections")
    srv = read(out, "exec-http.server.err")
    eq(srv.count("command=exit 0"), 2, "exec-http: httpd -i ran once per connection and exited 0")
    eq(len(conns(pkts, 8090)), 2, "exec-http: two vsock connections (one per wget)")
    rows = http_rows(os.path.join(out, "vsock-exec-http.pcap"), 8090)
    reqs = [r["http.request.uri"] for r in rows if r["http.request.uri"]]
    eq(reqs, ["/index.html", "/big.txt"], "exec-http: tshark+plugin decodes both requests")
    resp = [r for r in rows if r["http.response.code"]]
    eq([r["http.response.code"] for r in resp], ["200", "200"], "exec-http: http.response.code == 200 twice")
    # the plugin's HTTP heuristic finds the same without Decode As
    heur = sstest.fields(os.path.join(out, "vsock-exec-http.pcap"),
                         ["frame.number", "http.request.uri", "http.response.code"], filt="http")
    eq([r[:3] for r in heur], [[r["frame.number"], r["http.request.uri"], r["http.response.code"]] for r in rows],
       "exec-http: the same HTTP frames by the plugin's heuristic (no -d)")
    bad = [e for e in sstest.expert(os.path.join(out, "vsock-exec-http.pcap")) if e[1] in ("Warning", "Error")]
    eq(bad, [], "exec-http: no expert warning or error")
    for r, f in zip(resp, ("index.html", "big.txt")):
        want = read(out, os.path.join("exec-http.www", f), "rb")
        # a string field prints escaped (http_bridge.shown), a bytes one in hex
        got = sstest.text_of(r["http.file_data"])
        eq(got in (want.decode(), http_bridge.shown(want)), True,
           "exec-http: decoded body (http.file_data) of %s is the served file" % f)


def check_bridge_back(out, pkts):
    eq(read(out, "bridge-back.bridge.rc").strip(), "0", "bridge-back: bridge --vsock-listen stopped by SIGTERM: exit 0")
    err = read(out, "bridge-back.bridge.err")
    check("stopped by SIGTERM after 1 connections" in err and "conn 0 " in err,
          "bridge-back: the bridge says it was stopped, after its connection's summary", err)
    resp = read(out, "bridge-back.response", "rb")
    check(resp.startswith(b"HTTP/1.") and b" 200 " in resp.split(b"\r\n")[0],
          "bridge-back: connect --stdio got httpd's 200 through the bridge", repr(resp[:80]))
    page = read(out, os.path.join("exec-http.www", "index.html"), "rb")
    eq(resp.endswith(page), True, "bridge-back: the response body is the page")
    rows = http_rows(os.path.join(out, "vsock-bridge-back.pcap"), 8093)
    eq([r["http.response.code"] for r in rows if r["http.response.code"]], ["200"],
       "bridge-back: tshark+plugin decodes the 200")


def check_peer_close(out, pkts):
    res = kv(os.path.join(out, "peer-close.result"))
    eq(read(out, "peer-close.out"), "hello from socat\n", "peer-close: connect --stdio printed socat's answer")
    check(int(res.get("seconds", "99")) <= 10, "peer-close: exited when socat closed, stdin still open",
          repr(res))
    cl = conns(pkts, 5102)
    if eq(len(cl), 1, "peer-close: one connection"):
        eq(shutdowns(pkts, cl[0], 5102)[:1] != [SHUT_SEND], True,
           "peer-close: the client never half-closed on its own (stdin never ended)")


def check_parallel(out, pkts):
    res = kv(os.path.join(out, "exec-parallel.result"))
    eq(res.get("server"), "0", "exec-parallel: listen --exec --max-conns 3 exit 0")
    for k in (1, 2, 3):
        eq(read(out, "exec-parallel.out%d" % k), "got client %d\n" % k,
           "exec-parallel: client %d got its own command's answer" % k)
    # each command waited until three were running: served in turn, each saw one
    seen = [read(out, "exec-parallel.seen%d" % k).strip() for k in (1, 2, 3)]
    eq(seen, ["3", "3", "3"], "exec-parallel: the three connections were served side by side")
    eq(read(out, "exec-parallel.server.err").count("command=exit 0"), 3,
       "exec-parallel: three commands, each reaped with exit 0")
    eq(len(conns(pkts, 5103)), 3, "exec-parallel: three vsock connections")
    recs = sstest.read_manifest(os.path.join(out, "exec-parallel.server.jsonl"))
    order = [r["sockgen.conn"] for r in recs]
    firsts = sorted(set(order), key=order.index)
    last0 = max(i for i, x in enumerate(order) if x == firsts[0])
    first2 = order.index(firsts[-1])
    check(first2 < last0, "exec-parallel: the server's manifest interleaves its connections "
          "(verify matches them per connection)", repr(order))


def check_refused(out):
    """Runtime failures: exit 1 with one message naming the peer."""
    res = kv(os.path.join(out, "refused.result"))
    eq(res.get("connect"), "1", "refused: connect 1:5999 --stdio exits 1")
    err = read(out, "refused.connect.err")
    check("1:5999" in err and "refused" in err.lower(),
          "refused: connect's message names the peer and the refusal", err)
    check(res.get("wget") not in (None, "0"), "refused: wget through a bridge to a refused vsock port fails", repr(res))
    eq(res.get("bridge"), "1", "refused: bridge --once exits 1 after the refused connection")
    check("1:5999" in read(out, "refused.bridge.err"), "refused: the bridge names the vsock peer",
          read(out, "refused.bridge.err"))


def main():
    if not os.path.exists(sstest.SOCKGEN):
        skip("sockgen not built: " + sstest.SOCKGEN)
    out = os.path.join(sstest.BUILD, "vm", "test-relay-out")
    try:
        summary = guest.run(os.path.join(guest.HERE, "relay.sh"), out, timeout=300)
    except guest.Unavailable as e:
        skip(str(e))
    except RuntimeError as e:
        check(False, "guest ran to its end marker", str(e))
        done()
    eq(summary["errors"], [], "no error markers from the guest")
    applets = read(out, "applets").split()
    check("httpd" in applets and "wget" in applets, "guest busybox has httpd and wget")
    caps = check_captures(out)
    for name, fn in (("relay-stdio", check_stdio), ("relay-file", check_file),
                     ("exec-http", check_exec_http), ("bridge-back", check_bridge_back),
                     ("peer-close", check_peer_close), ("exec-parallel", check_parallel)):
        if name in caps:
            fn(out, caps[name])
    check_refused(out)
    # every manifest (two per scenario, two connections in exec-http's)
    # against its capture; and one against another scenario's must fail
    tot = live_verify.check(out, caps)
    eq(tot[0], 13, "sockgen verify ran over all 13 relay manifests")
    peers.peers_row("Linux 6.1 vsock_loopback relays (sockgen vsock --stdio/--exec/--file/bridge, sockgen verify)",
                    tot[1], tot[2], tot[3],
                    "%d live relay manifests (busybox httpd -i behind listen --exec, wget through bridge, socat, "
                    "connections side by side) against their vsockmon0 captures" % tot[0])
    rc, rep, text = live_verify.run(os.path.join(out, "relay-stdio.client.jsonl"),
                                    os.path.join(out, "vsock-relay-file.pcap"),
                                    os.path.join(sstest.tmpdir(), "wrong.json"))
    eq(rc, 3, "sockgen verify: relay-stdio's manifest against relay-file's capture exits 3")
    done()


if __name__ == "__main__":
    main()
