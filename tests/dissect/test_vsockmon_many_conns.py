# SPDX-License-Identifier: GPL-2.0-or-later
"""vsockmon's memory per connection stays bounded (issue 18): 300k
connections of one REQUEST each, each between a new CID:port pair. The
plugin's extra peak RSS over the built-in's is under 700 bytes a connection
(~415 measured; 1.06 KB, growing faster than linearly, while every CID:port
was interned as its resolved name), and addresses still read CID:port, or
host:port with name resolution on."""
import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
from vsock_pkt import frame, REQUEST, LINKTYPE_VSOCK  # noqa: E402

N = 300000
LIMIT = 700
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)
if not os.path.exists("/usr/bin/time"):
    sstest.skip("no /usr/bin/time (Debian package time)")


def make(path):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, LINKTYPE_VSOCK))
        for i in range(N):
            fr = frame((3 + i // 60000, 1024 + i % 60000), (2, 5000), REQUEST)
            f.write(struct.pack("<IIII", 1700000000, i % 1000000, len(fr), len(fr)))
            f.write(fr)


def peak_kib(path, plugin):
    env = dict(os.environ, SOCKSCOPE_PLUGIN=sstest.PLUGIN)
    if not plugin:
        env["SOCKSCOPE_NO_PLUGIN"] = "1"
    p = sstest.run(["/usr/bin/time", "-v", sstest.WRAPPER, "-n", "-r", path], env=env)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    sstest.check(p.returncode == 0 and m, "tshark over %d connections (plugin %s)" % (N, plugin),
                 p.stderr[-300:])
    return int(m.group(1)) if m else 0


def main():
    d = sstest.tmpdir()
    os.chmod(d, 0o755)
    cap = os.path.join(d, "conns.pcap")
    make(cap)
    os.chmod(cap, 0o644)
    with_plugin, builtin = peak_kib(cap, True), peak_kib(cap, False)
    per = (with_plugin - builtin) * 1024.0 / N
    print("peak RSS %d KiB with the plugin, %d KiB without: %.0f bytes per connection"
          % (with_plugin, builtin, per))
    sstest.check(per < LIMIT, "under %d bytes per connection" % LIMIT, "%.0f" % per)
    first = sstest.tshark("-n", "-r", cap, "-c", "2").stdout
    sstest.check("3:1024 → 2:5000" in first and "3:1025 → 2:5000" in first,
                 "addresses read CID:port", first)
    named = sstest.tshark("-N", "n", "-r", cap, "-c", "1").stdout
    sstest.check("3:1024 → host:5000" in named, "CID 2 named host with -N n", named)
    os.unlink(cap)
    os.rmdir(d)
    sstest.done()


main()
