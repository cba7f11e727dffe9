# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen vsock listen/connect and sockgen capture on the build machine.

Only exec()s sockgen: this file never opens a vsock socket itself, and every
vsock command it runs must be refused before socket() (checked with strace
when it is installed). Covers: the CID-1-without-vsock_loopback refusal,
the remote-CID refusal, bad arguments (exit 2 naming the argument), and
sockgen capture on a veth pair inside a network namespace this test
creates and removes (filter, snaplen, SIGINT flush, missing interface)."""
import os
import shutil
import signal
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest  # noqa: E402
from sstest import check, eq, done, skip  # noqa: E402

SG = sstest.SOCKGEN
LOOPBACK = os.path.exists("/sys/module/vsock_loopback")
STRACE = shutil.which("strace")


def sockgen(args, trace=None):
    cmd, env = [SG] + args, None
    if trace and STRACE:
        cmd = [STRACE, "-f", "-qq", "-e", "trace=socket", "-e", "raw=socket", "-o", trace] + cmd
        # LeakSanitizer cannot run under ptrace (sanitizer builds).
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, env=env)


def no_vsock_socket(trace, what):
    if not STRACE:
        return
    # raw=socket: the address family in hex; 0x28 (40) is the vsock family.
    text = open(trace).read()
    check("socket(0x28," not in text, "%s: no vsock socket was created" % what, text)


def refusals(tmp):
    trace = os.path.join(tmp, "strace.txt")
    if LOOPBACK:
        print("note: vsock_loopback is loaded here: the CID 1 refusal cannot be shown, and is not tried")
    else:
        p = sockgen(["vsock", "connect", "--cid", "1", "--port", "1"], trace)
        eq(p.returncode, 1, "connect --cid 1 without vsock_loopback: exit 1")
        check("vsock_loopback" in p.stderr and "--cid 1" in p.stderr,
              "connect --cid 1: the message says why (vsock_loopback)", p.stderr)
        no_vsock_socket(trace, "connect --cid 1")
        p = sockgen(["vsock", "listen", "--port", "5000"], trace)
        eq(p.returncode, 1, "listen without vsock_loopback: exit 1")
        check("vsock_loopback" in p.stderr, "listen: the message says why", p.stderr)
        no_vsock_socket(trace, "listen")
    for cid in ("2", "0", "3"):
        p = sockgen(["vsock", "connect", "--cid", cid, "--port", "1"], trace)
        eq(p.returncode, 2, "connect --cid %s without --allow-remote-cid: exit 2" % cid)
        check("--allow-remote-cid" in p.stderr and ("--cid " + cid) in p.stderr,
              "connect --cid %s: message names the CID and the flag" % cid, p.stderr)
        no_vsock_socket(trace, "connect --cid " + cid)


BAD = [  # (args, text the message must contain)
    (["connect", "--cid", "x", "--port", "1"], "--cid 'x'"),
    (["connect", "--cid", "4294967295", "--port", "1"], "--cid '4294967295'"),
    (["connect", "--cid", "1", "--port", "p"], "--port 'p'"),
    (["connect", "--cid", "1", "--port", "4294967295"], "--port '4294967295'"),
    (["connect", "--cid", "1"], "--port"),
    (["connect", "--port", "1"], "--cid"),
    (["connect", "--cid", "1", "--port", "1", "--type", "dgram"], "--type 'dgram'"),
    (["connect", "--cid", "1", "--port", "1", "--msg-size", "0"], "--msg-size '0'"),
    (["connect", "--cid", "1", "--port", "1", "--msg-size", "2M"], "--msg-size '2M'"),
    (["connect", "--cid", "1", "--port", "1", "--bytes", "-1"], "--bytes '-1'"),
    (["connect", "--cid", "1", "--port", "1", "--bytes", "3X"], "--bytes '3X'"),
    (["connect", "--cid", "1", "--port", "1", "--count", "0"], "--count '0'"),
    (["connect", "--cid", "1", "--port", "1", "--timeout", "-1"], "--timeout '-1'"),
    (["connect", "--cid", "1", "--port", "1", "--eor"], "--eor"),
    (["connect", "--cid", "1", "--port", "1", "--http", "index.html"], "--http 'index.html'"),
    (["connect", "--cid", "1", "--port", "1", "--http", "/", "--type", "seqpacket"], "--http"),
    (["connect", "--cid", "1", "--port", "1", "--type", "seqpacket", "--messages", "1,,2"], "--messages"),
    (["connect", "--cid", "1", "--port", "1", "--type", "seqpacket", "--messages", "10:eom"], "':eom'"),
    (["connect", "--cid", "1", "--port", "1", "--messages", "10:eor"], "--messages"),
    (["connect", "--cid", "1", "--port", "1", "--mode", "echo"], "--mode"),
    (["connect", "--cid", "1", "--port", "1", "--frobnicate"], "--frobnicate"),
    (["listen", "--port", "1", "--mode", "bogus"], "--mode 'bogus'"),
    (["listen", "--port", "1", "--bytes", "10"], "--bytes"),
    (["listen", "--port", "1", "--type", "seqpacket", "--mode", "http"], "--mode http"),
    (["listen"], "--port"),
]


def bad_arguments(tmp):
    trace = os.path.join(tmp, "strace-bad.txt")
    for args, text in BAD:
        what = "vsock " + " ".join(args)
        p = sockgen(["vsock"] + args, trace)
        eq(p.returncode, 2, what + ": exit 2")
        check(text in p.stderr and p.stderr.count("\n") == 1,
              what + ": one message naming " + text, p.stderr)
        no_vsock_socket(trace, what)
    for verb in ("listen", "connect"):
        p = sockgen(["vsock", verb, "--help"])
        eq(p.returncode, 0, "vsock %s --help" % verb)
        check("Examples:" in p.stdout and "sockgen.event" in p.stdout,
              "vsock %s --help has examples and the manifest fields" % verb)
    for args, text in ((["--pcap", "x.pcap"], "--iface"), (["--iface", "lo"], "--pcap"),
                       (["--iface", "lo", "--pcap", "x", "--count", "0"], "--count '0'"),
                       (["--iface", "lo", "--pcap", "x", "--duration", "-2"], "--duration '-2'"),
                       (["--iface", "lo", "--pcap", "x", "--snaplen", "5"], "--snaplen '5'")):
        p = sockgen(["capture"] + args)
        eq(p.returncode, 2, "capture %s: exit 2" % " ".join(args))
        check(text in p.stderr, "capture %s: message names %s" % (" ".join(args), text), p.stderr)


def read_pcap(path):
    data = open(path, "rb").read()
    linktype = struct.unpack_from("<I", data, 20)[0]
    pos, pkts = 24, []
    while pos + 16 <= len(data):
        caplen, origlen = struct.unpack_from("<II", data, pos + 8)
        pkts.append((caplen, origlen, data[pos + 16:pos + 16 + caplen]))
        pos += 16 + caplen
    return linktype, pkts


def send_udp(ns, port, count, size):
    code = ("import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
            "for i in range(%d): s.sendto(b'u'*%d, ('10.77.0.2', %d))\n" % (count, size, port))
    subprocess.run(["ip", "netns", "exec", ns, "/usr/bin/python3", "-c", code], check=True)


def wait_ready(p):
    line = p.stderr.readline()
    return "capturing on" in line


def capture_netns(tmp):
    if not sstest.is_root():
        print("note: not root, netns capture part skipped")
        return
    ns = "sockscope-h6cap-%d" % os.getpid()
    if subprocess.run(["ip", "netns", "add", ns]).returncode != 0:
        check(False, "ip netns add")
        return
    try:
        for cmd in (["link", "add", "va", "type", "veth", "peer", "name", "vb"],
                    ["link", "set", "va", "up"], ["link", "set", "vb", "up"],
                    ["addr", "add", "10.77.0.1/24", "dev", "va"],
                    ["neigh", "add", "10.77.0.2", "lladdr", "02:00:00:00:00:02", "dev", "va"]):
            subprocess.run(["ip", "-n", ns] + cmd, check=True)
        nsx = ["ip", "netns", "exec", ns]

        # --filter and --count: only the five datagrams to port 9999.
        pc = os.path.join(tmp, "filter.pcap")
        p = subprocess.Popen(nsx + [SG, "capture", "--iface", "va", "--pcap", pc, "--count", "5",
                                    "--filter", "udp dst port 9999"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        check(wait_ready(p), "capture says it is ready")
        send_udp(ns, 9998, 3, 10)
        send_udp(ns, 9999, 5, 20)
        out, err = p.communicate(timeout=20)
        eq(p.returncode, 0, "capture --count 5: exit 0")
        lt, pkts = read_pcap(pc)
        eq(lt, 1, "veth capture is LINKTYPE_ETHERNET")
        eq(len(pkts), 5, "--count 5 --filter 'udp dst port 9999': five packets")
        eq({struct.unpack_from(">H", x[2], 36)[0] for x in pkts}, {9999}, "only the filtered port")
        check("sockgen: capture: iface=va linktype=1 packets=5 " in err, "summary line on stderr counts 5", err)
        eq(out, "", "nothing on stdout but the capture itself")

        # SIGINT flushes what was captured; --snaplen keeps the original length.
        pc = os.path.join(tmp, "sigint.pcap")
        p = subprocess.Popen(nsx + [SG, "capture", "--iface", "va", "--pcap", pc, "--snaplen", "60",
                                    "--filter", "udp"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        check(wait_ready(p), "capture (SIGINT run) says it is ready")
        send_udp(ns, 7000, 4, 500)
        time.sleep(0.3)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=20)
        eq(p.returncode, 0, "capture stopped by SIGINT: exit 0")
        check("stopped_by=SIGINT" in err, "summary (on stderr) says SIGINT", err)
        lt, pkts = read_pcap(pc)
        eq(len(pkts), 4, "SIGINT: the four datagrams are in the file")
        eq({(x[0], x[1]) for x in pkts}, {(60, 542)}, "--snaplen 60: caplen 60, original length 542")

        # --pcap - streams the file on stdout; the summary is on stderr as always.
        pc = os.path.join(tmp, "stdout.pcap")
        with open(pc, "wb") as f:
            p = subprocess.Popen(nsx + [SG, "capture", "--iface", "va", "--pcap", "-", "--count", "2",
                                        "--filter", "udp dst port 9997"],
                                 stdout=f, stderr=subprocess.PIPE, text=True)
            check(wait_ready(p), "capture --pcap - says it is ready")
            send_udp(ns, 9997, 2, 30)
            _, err = p.communicate(timeout=20)
        eq(p.returncode, 0, "capture --pcap -: exit 0")
        check("packets=2" in err, "capture --pcap -: summary on stderr", err)
        lt, pkts = read_pcap(pc)
        eq((lt, len(pkts)), (1, 2), "capture --pcap -: a clean pcap on stdout")

        # --duration stops on its own.
        pc = os.path.join(tmp, "duration.pcap")
        t0 = time.monotonic()
        p = sockgen_ns(nsx, ["capture", "--iface", "va", "--pcap", pc, "--duration", "0.5"])
        eq(p.returncode, 0, "capture --duration 0.5: exit 0")
        check(time.monotonic() - t0 < 5, "--duration stops the capture")

        p = sockgen_ns(nsx, ["capture", "--iface", "nosuch0", "--pcap", os.path.join(tmp, "n.pcap")])
        eq(p.returncode, 1, "capture on a missing interface: exit 1")
        check("nosuch0" in p.stderr, "the message names the interface", p.stderr)
        check(not os.path.exists(os.path.join(tmp, "n.pcap")), "no file left for a missing interface")
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def sockgen_ns(nsx, args):
    return subprocess.run(nsx + [SG] + args, capture_output=True, text=True, timeout=30)


def main():
    if not os.path.exists(SG):
        skip("sockgen not built: " + SG)
    tmp = sstest.tmpdir()
    refusals(tmp)
    bad_arguments(tmp)
    capture_netns(tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    done()


if __name__ == "__main__":
    main()
