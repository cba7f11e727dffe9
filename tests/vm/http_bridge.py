# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks of the guest's http-bridge scenario (scenarios.sh, 10): HTTP/1.1
(RFC 9112 message syntax) between busybox wget and busybox httpd, bridged
over vsock by two socat processes, decoded by the plugin as HTTP.

Used by test_guest.py. Three kinds of truth meet here: what the peers say
(the files httpd served, what wget saved and printed), the bytes on the wire
(the vsockmon header and the reassembled byte streams, parsed by this file),
and the plugin's decode (tshark -T fields and --export-objects). Every
comparison of a decoded value against one of the other two is counted for
the peers table."""
import hashlib
import os

import sstest

VPORT = 8081            # socat VSOCK-LISTEN (server side)
TPORT = 8082            # socat TCP-LISTEN (client side): wget's Host header
OP_REQUEST, OP_RW = 1, 5
# path asked for, expected status, served file (None: not there)
FETCHES = [("/index.html", 200, "index.html"), ("/missing.html", 404, None), ("/big.txt", 200, "big.txt")]
SEP = "\x1f"
HDR_FIELDS = [  # plugin field, key of test_guest.parse()
    ("vsockmon.src_cid", "src_cid"), ("vsockmon.dst_cid", "dst_cid"),
    ("vsockmon.src_port", "src_port"), ("vsockmon.dst_port", "dst_port"),
    ("vsockmon.op", "mon_op"), ("vsockmon.transport", "transport"), ("vsockmon.transport_len", "hdr_len"),
    ("vsockmon.virtio.src_port", "v_src_port"), ("vsockmon.virtio.dst_port", "v_dst_port"),
    ("vsockmon.virtio.len", "len"), ("vsockmon.virtio.type", "type"), ("vsockmon.virtio.op", "op"),
    ("vsockmon.virtio.flags", "flags"), ("vsockmon.virtio.buf_alloc", "buf_alloc"),
    ("vsockmon.virtio.fwd_cnt", "fwd_cnt"),
]
HTTP_FIELDS = ["frame.number", "vsockmon.stream", "http.request.method", "http.request.uri",
               "http.request.version", "http.request.line", "http.response.version", "http.response.code",
               "http.response.phrase", "http.response.line", "http.content_length", "http.request_in",
               "http.response_for.uri", "http.file_data", "_ws.expert.message",
               "vsockmon.reassembled.length", "vsockmon.fragment"]


class Tally:
    """eq() that also counts compared fields and mismatches (peers row)."""

    def __init__(self):
        self.fields = 0
        self.mismatches = 0

    def eq(self, got, want, what):
        self.fields += 1
        if not sstest.eq(got, want, what):
            self.mismatches += 1
            return False
        return True


def shown(b):
    """A byte string as tshark -T fields prints an FT_STRING (ASCII text)."""
    return b.decode("latin-1").replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def split_http(data):
    """(first line, [header lines with CRLF], body) of one HTTP/1.1 message."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    return lines[0], [l + b"\r\n" for l in lines[1:]], body


def connections(pkts):
    """Per REQUEST in capture order: client port, request bytes, response
    bytes, frame numbers of the server's RW packets."""
    conns = []
    for i, p in enumerate(pkts):
        if p["op"] == OP_REQUEST and p["dst_port"] == VPORT:
            conns.append({"cport": p["src_port"], "req": b"", "resp": b"", "resp_frames": [], "req_frames": [],
                          "first": i + 1})
    byport = {c["cport"]: c for c in conns}
    for i, p in enumerate(pkts):
        if p["op"] != OP_RW:
            continue
        if p["dst_port"] == VPORT and p["src_port"] in byport:
            byport[p["src_port"]]["req"] += p["payload"]
            byport[p["src_port"]]["req_frames"].append(i + 1)
        elif p["src_port"] == VPORT and p["dst_port"] in byport:
            byport[p["dst_port"]]["resp"] += p["payload"]
            byport[p["dst_port"]]["resp_frames"].append(i + 1)
    return conns


def rows_by_frame(path, extra=()):
    rows = sstest.fields(path, HTTP_FIELDS, filt="http", extra=["-E", "aggregator=" + SEP] + list(extra))
    return {int(r[0]): dict(zip(HTTP_FIELDS, r + [""] * (len(HTTP_FIELDS) - len(r)))) for r in rows}


def check_decode(t, path, conns, served, how, extra=(), whole_body=True):
    """The plugin's HTTP decode of every request and response against the
    wire bytes and the peers' truth. whole_body: the body is desegmented
    (default preferences), so the response sits in the last RW frame."""
    rows = rows_by_frame(path, extra)
    t.eq(len(conns), len(FETCHES), "http-bridge (%s): one vsock connection per wget" % how)
    for (upath, status, fname), c in zip(FETCHES, conns):
        what = "http-bridge %s (%s)" % (upath, how)
        rline, rhdrs, _ = split_http(c["req"])
        sline, shdrs, body = split_http(c["resp"])
        # the request: decoded in the client RW packet that completes it
        # (wget writes it at once, so normally there is only one)
        rq = next((rows[f] for f in c["req_frames"] if f in rows and rows[f]["http.request.method"]), None)
        if not t.eq(rq is not None, True, what + ": request decoded as HTTP"):
            continue
        t.eq(rq["http.request.method"], "GET", what + ": method")
        t.eq(rq["http.request.uri"], upath, what + ": URI is the path wget was given")
        t.eq(rq["http.request.version"], "HTTP/1.1", what + ": request version")
        t.eq(rline, b"GET %s HTTP/1.1" % upath.encode(), what + ": request line on the wire")
        t.eq(shown(rline + b"\r\n") in rq["_ws.expert.message"].split(SEP), True,
             what + ": request line as decoded (%r)" % rq["_ws.expert.message"])
        # http.request.line: Wireshark 4.0 puts each header line there
        t.eq(rq["http.request.line"].split(SEP), [shown(h) for h in rhdrs], what + ": request header lines")
        t.eq("Host: 127.0.0.1:%d\\r\\n" % TPORT in rq["http.request.line"].split(SEP), True,
             what + ": Host header is the client-side socat's address")
        # the response: found by the request it answers, then its frame
        # checked (the last RW of a desegmented body, else the first)
        req = rq["frame.number"]
        rs = next((r for r in rows.values() if r["http.request_in"] == req), None)
        if not t.eq(rs is not None, True, what + ": response decoded as HTTP"):
            continue
        if status == 200:
            want_frame = c["resp_frames"][-1 if whole_body else 0]
            t.eq(int(rs["frame.number"]), want_frame, what + ": response decoded in frame %d" % want_frame)
        t.eq(rs["http.response.code"], str(status), what + ": status")
        t.eq(sline, b"HTTP/1.1 %d %s" % (status, b"OK" if status == 200 else b"Not Found"),
             what + ": status line on the wire")
        t.eq(rs["http.response.version"], "HTTP/1.1", what + ": response version")
        t.eq(rs["http.response.phrase"], sline.split(b" ", 2)[2].decode(), what + ": reason phrase")
        t.eq(shown(sline + b"\r\n") in rs["_ws.expert.message"].split(SEP), True,
             what + ": status line as decoded (%r)" % rs["_ws.expert.message"])
        t.eq(rs["http.response.line"].split(SEP), [shown(h) for h in shdrs], what + ": response header lines")
        t.eq(rs["http.response_for.uri"], "http://127.0.0.1:%d%s" % (TPORT, upath), what + ": response for URI")
        if fname:
            data = served[fname]
            t.eq(rs["http.content_length"], str(len(data)), what + ": Content-Length is the served file's size")
            if whole_body:
                t.eq(body, data, what + ": body on the wire is the served file")
                fd = rs["http.file_data"]
                t.eq(hashlib.sha256(fd.encode()).hexdigest(), hashlib.sha256(shown(data).encode()).hexdigest(),
                     what + ": decoded body (http.file_data, %d chars) hashes to the served file" % len(fd))
                if len(c["resp_frames"]) > 1:
                    t.eq(rs["vsockmon.reassembled.length"], str(len(c["resp"])),
                         what + ": reassembled length = header + body")
                    t.eq(rs["vsockmon.fragment"].replace(SEP, ","), ",".join(map(str, c["resp_frames"])),
                         what + ": reassembled from every server RW packet of the connection")
        else:
            t.eq("Content-Length" in c["resp"].decode("latin-1"), False, what + ": no Content-Length (httpd's 404)")
            if whole_body:      # the body up to the close: completed at httpd's SHUTDOWN
                t.eq(rs["http.file_data"], shown(body), what + ": decoded body is the page up to the close")
    return rows


def check(out, pkts):
    """All checks of the http-bridge scenario; returns (packets, fields,
    mismatches, note) for the peers row. pkts: test_guest.parse() of every
    frame of vsock-http-bridge.pcap."""
    t = Tally()
    path = os.path.join(out, "vsock-http-bridge.pcap")
    applets = open(os.path.join(out, "http-bridge.applets")).read().split()
    sstest.check("httpd" in applets and "wget" in applets, "busybox in the guest has httpd and wget")
    res = dict(l.rsplit(" ", 1) for l in open(os.path.join(out, "http-bridge.result")).read().splitlines()
               if l.startswith(("wget ", "cmp ")))
    sums = [l.split() for l in open(os.path.join(out, "http-bridge.result")).read().splitlines()
            if l.startswith(("served ", "fetched "))]
    # The truth the peers give: what httpd served (regenerated here the way
    # the guest made it) and what wget saved.
    want = {"index.html": b"<html><body>sockscope http-bridge: busybox httpd over vsock</body></html>\n",
            "big.txt": b"".join(b"%d\n" % i for i in range(1, 14001))}
    served = {}
    for f, data in want.items():
        served[f] = open(os.path.join(out, "http-bridge.www", f), "rb").read()
        sstest.eq(served[f], data, "http-bridge: guest served %s as the test expects" % f)
    sstest.check(len(served["big.txt"]) > 65536, "http-bridge: big.txt is over 64 KiB")
    sstest.eq([res.get("wget index.html"), res.get("wget missing.html"), res.get("wget big.txt")],
              ["rc=0", "rc=1", "rc=0"], "http-bridge: wget exit statuses (the 404 is an error to wget)")
    sstest.eq([res.get("cmp index.html"), res.get("cmp big.txt")], ["0", "0"],
              "http-bridge: wget saved exactly what httpd served (cmp in the guest)")
    sstest.eq(sorted((l[2], l[1]) for l in sums if l[0] == "fetched"),
              sorted((f, hashlib.sha256(d).hexdigest()) for f, d in served.items()),
              "http-bridge: sha256 of the fetched files == the served files")
    check_missing = open(os.path.join(out, "http-bridge.wget-missing.out")).read()
    sstest.check("404 Not Found" in check_missing, "http-bridge: wget reports 404 for the missing page",
                 check_missing)

    # The vsockmon header of every packet: plugin against this test's parser.
    names = [f for f, _ in HDR_FIELDS]
    hrows = sstest.fields(path, names)
    t.eq(len(hrows), len(pkts), "http-bridge: plugin decodes every frame")
    bad = []
    for i, (r, p) in enumerate(zip(hrows, pkts)):
        for j, (f, k) in enumerate(HDR_FIELDS):
            t.fields += 1
            if j >= len(r) or not r[j] or int(r[j], 0) != p[k]:
                t.mismatches += 1
                bad.append("frame %d %s: %r, bytes say %d" % (i + 1, f, r[j] if j < len(r) else None, p[k]))
    sstest.eq(bad[:10], [], "http-bridge: every vsockmon header field == the bytes")

    conns = connections(pkts)
    for c in conns:
        t.eq(c["req"].endswith(b"\r\n\r\n"), True, "http-bridge: whole request from client port %d" % c["cport"])
    big = [c for c in conns if c["req"].startswith(b"GET /big.txt ")]
    if big:
        sstest.check(len(big[0]["resp_frames"]) > 2, "http-bridge: big.txt response spans several RW packets",
                     repr(big[0]["resp_frames"]))

    check_decode(t, path, conns, served, "heuristic")
    check_decode(t, path, conns, served, "Decode As vsockmon.port==%d" % VPORT,
                 extra=["-d", "vsockmon.port==%d,http" % VPORT])
    # Without body desegmentation every response's head is decoded in its
    # first packet, the 404 included.
    check_decode(t, path, conns, served, "http.desegment_body off",
                 extra=["-o", "http.desegment_body:FALSE"], whole_body=False)

    # HTTP's own export of the reassembled bodies: byte for byte the files.
    exp = sstest.tmpdir()
    os.chmod(exp, 0o777)        # tshark may run as nobody (tests/lib/tshark-plugin)
    p = sstest.tshark("-n", "-r", path, "-q", "--export-objects", "http," + exp)
    sstest.eq(p.returncode, 0, "http-bridge: tshark --export-objects http ran")
    for f, data in served.items():
        got = os.path.join(exp, f)
        got = open(got, "rb").read() if os.path.exists(got) else None
        t.eq(hashlib.sha256(got or b"").hexdigest(), hashlib.sha256(data).hexdigest(),
             "http-bridge: exported object %s == the served file (%d bytes)" % (f, len(data)))

    # No complaint from any dissector on this real traffic.
    bad = [e for e in sstest.expert(path) if e[1] in ("Error", "Warning")]
    t.eq(bad, [], "http-bridge: no expert error or warning")
    note = "busybox httpd + wget, socat VSOCK bridges, in the guest; heuristic, Decode As and body-less decodes"
    return len(pkts), t.fields, t.mismatches, note
