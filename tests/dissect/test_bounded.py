# SPDX-License-Identifier: GPL-2.0-or-later
# Bounded resources (issue 7): inputs built to make a dissector allocate
# without end must finish in time with bounded memory, and say so by expert
# info where a limit was hit:
#  - an RA carrying the most 8-octet options an IPv6 payload can hold (8189):
#    ndisc stops after its option cap with "More than N options" (error);
#  - one vsock stream connection of 200,000 RW packets (with credit updates):
#    peak RSS, and its growth per packet against a 20,000-packet run;
#  - a seqpacket message that never gets EOM (48 x 64 KiB) under
#    vsockmon.reassembly_limit 1 MiB: "exceeds the reassembly limit" expert.
import os
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402
import vsock_pkt as v  # noqa: E402

if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at %s" % t.PLUGIN)

work = t.tmpdir()
os.chmod(work, 0o755)
MiB = 1024 * 1024


def tshark_rss(args, limit_s=600):
    """Run tshark (through the wrapper) with args; return (rc, stdout, max RSS
    in bytes, seconds). wait4() folds the reaped tshark's peak into the
    wrapper's."""
    out = os.path.join(work, "out.txt")
    env = dict(os.environ, SOCKSCOPE_PLUGIN=t.PLUGIN)
    start = time.monotonic()
    with open(out, "wb") as f:
        p = subprocess.Popen([t.WRAPPER] + args, stdout=f, stderr=subprocess.STDOUT, env=env)
        deadline = start + limit_s
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.05)
    took = time.monotonic() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    with open(out, errors="replace") as f:
        text = f.read()
    return p.returncode, text, ru.ru_maxrss * 1024, took


def csum(src, dst, payload):
    pseudo = src + dst + struct.pack("!I", len(payload)) + b"\0\0\0\x3a"
    data = pseudo + payload + (b"\0" if len(payload) % 2 else b"")
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def write_eth_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
            f.write(fr)


# --- 1. NDP: the maximum number of options ---
src = bytes.fromhex("fe800000000000000000000000000001")
dst = bytes.fromhex("ff020000000000000000000000000001")
n_opts = (65535 - 16) // 8
ra = bytearray(struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0))
for i in range(n_opts):
    ra += struct.pack("!BBHI", 5, 1, 0, 1280 + i)          # MTU options
c = csum(src, dst, bytes(ra))
ra[2:4] = struct.pack("!H", c)
ip6 = struct.pack("!IHBB", 0x60000000, len(ra), 58, 255) + src + dst
eth = bytes.fromhex("333300000001" "020000000001" "86dd")
ndp_cap = os.path.join(work, "ndp-max-options.pcap")
write_eth_pcap(ndp_cap, [eth + ip6 + bytes(ra)] * 3)
rc, out, rss, took = tshark_rss(["-n", "-r", ndp_cap, "-V", "-T", "text"], 300)
t.eq(rc, 0, "ndp %d options: tshark exits 0" % n_opts)
t.check("IPv6 Neighbor Discovery" in out, "ndp max options: decoded by ndisc", out[:500])
t.check("More than" in out and "options" in out,
        "ndp max options: the option cap is reported by expert info", out[-1500:])
t.check(out.count("\n") < 100000, "ndp max options: the tree stays bounded (%d lines)" % out.count("\n"))
t.check(rss < 400 * MiB, "ndp max options: peak RSS %.0f MiB < 400 MiB" % (rss / MiB))
print("ndp %d options x3: %.1f s, %.0f MiB" % (n_opts, took, rss / MiB))


# --- 2. vsock: a connection with very many RWs ---
def stream_capture(path, n_rw):
    cl, sv = (3, 49152), (2, 5000)
    conn = v.Conn(cl, sv)
    frames = [conn.pkt(cl, v.REQUEST), conn.pkt(sv, v.RESPONSE)]
    payload = b"0123456789abcdef"
    for i in range(n_rw):
        frames.append(conn.pkt(cl, v.RW, payload))
        if i % 1000 == 999:
            conn.consume(sv, 1000 * len(payload))
            frames.append(conn.pkt(sv, v.CREDIT_UPDATE))
    frames += [conn.pkt(cl, v.SHUTDOWN, flags=v.SHUT_RCV | v.SHUT_SEND), conn.pkt(sv, v.RST)]
    v.write_pcap(path, frames, step=0.00001)
    return len(frames)


small = os.path.join(work, "vsock-20k.pcap")
big = os.path.join(work, "vsock-200k.pcap")
n_small = stream_capture(small, 20000)
n_big = stream_capture(big, 200000)
rc1, out1, rss1, took1 = tshark_rss(["-n", "-q", "-r", small, "-z", "conv,vsockmon"])
rc2, out2, rss2, took2 = tshark_rss(["-n", "-q", "-r", big, "-z", "conv,vsockmon"], 900)
t.eq((rc1, rc2), (0, 0), "vsock 20k/200k RWs: tshark exits 0")
t.check("3:49152" in out2 or "49152" in out2, "vsock 200k RWs: the connection is in conv,vsockmon",
        out2[-800:])
per_pkt = (rss2 - rss1) / float(n_big - n_small)
print("vsock %d packets: %.1f s, %.0f MiB; %d packets: %.1f s, %.0f MiB; %.0f bytes/packet" % (
    n_small, took1, rss1 / MiB, n_big, took2, rss2 / MiB, per_pkt))
t.check(rss2 < 1024 * MiB, "vsock 200k RWs: peak RSS %.0f MiB < 1 GiB" % (rss2 / MiB))
# Wireshark itself keeps a frame_data (~150 bytes) per packet; a dissector
# that kept payload or unbounded per-packet state would show far more.
t.check(per_pkt < 2048, "vsock RWs: %.0f bytes of RSS per extra packet < 2048" % per_pkt)

# --- 3. seqpacket: a message that never gets EOM ---
cl, sv = (3, 49153), (2, 5001)
conn = v.Conn(cl, sv, vtype=v.SEQPACKET, buf=64 * MiB)
chunk = bytes(range(256)) * 256                       # 64 KiB
frames = [conn.pkt(cl, v.REQUEST), conn.pkt(sv, v.RESPONSE)]
frames += [conn.pkt(cl, v.RW, chunk) for _ in range(48)]   # no EOM, ever
seq_cap = os.path.join(work, "vsock-no-eom.pcap")
v.write_pcap(seq_cap, frames)
rc, out, rss, took = tshark_rss(["-n", "-r", seq_cap, "-o", "vsockmon.reassembly_limit:1048576",
                                 "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message",
                                 "-E", "occurrence=a", "-E", "aggregator=|"])
t.eq(rc, 0, "seqpacket without EOM: tshark exits 0")
over = [line for line in out.splitlines() if "reassembly limit" in line]
t.check(len(over) > 0, "seqpacket without EOM: the reassembly limit expert appears", out[-1500:])
t.check(len(over) <= 48 - 15, "seqpacket without EOM: frames under the 1 MiB limit are not flagged "
        "(%d flagged)" % len(over))
t.check(rss < 400 * MiB, "seqpacket without EOM: peak RSS %.0f MiB < 400 MiB" % (rss / MiB))
print("seqpacket 48 x 64 KiB without EOM: %.1f s, %.0f MiB, %d frames over the limit" % (
    took, rss / MiB, len(over)))

t.done()
