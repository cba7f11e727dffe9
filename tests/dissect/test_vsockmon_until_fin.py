# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon stream reassembly: a PDU that lasts until the connection
closes (an HTTP response without Content-Length, busybox httpd's 404 in
captures/vsock-http-bridge.pcap) is handed to its dissector whole at the
sender's SHUTDOWN, in one pass and in two, and not before."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

CAP = os.path.join(sstest.SRC, "captures", "vsock-http-bridge.pcap")
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)
if not os.path.exists(CAP):
    sstest.skip("no capture " + CAP)


def responses(extra=()):
    rows = sstest.fields(CAP, ["frame.number", "vsockmon.virtio.op", "http.response.code",
                               "http.content_length", "http.file_data"], filt="http.response", extra=extra)
    return {r[2]: r for r in rows}


def main():
    for passes in ([], ["-2"]):
        r = responses(passes)
        name = "two passes" if passes else "one pass"
        sstest.eq(sorted(r), ["200", "404"], "%s: both status codes decoded" % name)
        if "404" not in r:
            continue
        sstest.eq(r["404"][1], "4", "%s: the 404 completes at its sender's SHUTDOWN" % name)
        sstest.eq(r["404"][3], "", "%s: the 404 has no Content-Length (read until close)" % name)
        body = sstest.text_of(r["404"][4])    # text in 4.0, bytes (hex) in 4.6
        sstest.check("404" in body, "%s: its body reached HTTP (%d chars)" % (name, len(body)))
    # without reassembly the same bytes stay a partial response: the fix is the FIN
    r = responses(["-o", "vsockmon.reassemble:FALSE"])
    sstest.check("404" in r and r["404"][1] == "5", "without reassembly the 404 is decoded from its RW packet")
    sstest.eq([e for e in sstest.expert(CAP) if e[1] in ("Warning", "Error")], [], "no warning or error")
    sstest.done()


main()
