# SPDX-License-Identifier: GPL-2.0-or-later
"""Two network namespaces joined by a veth pair, made and always removed by
the test that uses them, plus a tcpdump capture helper and a pcap reader.
Packets go only into these namespaces."""
import os
import shutil
import signal
import struct
import subprocess
import time

import sstest


def run(*cmd, check=True):
    p = subprocess.run(list(cmd), capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return p


def require():
    """Skip (exit 77) unless this can run: root, ip, tcpdump, sockgen."""
    if not sstest.is_root():
        sstest.skip("needs root (network namespaces, raw sockets)")
    for tool in ("ip", "tcpdump"):
        if not shutil.which(tool):
            sstest.skip("%s not installed" % tool)
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    p = run("ip", "netns", "add", "sockscope-probe-%d" % os.getpid(), check=False)
    if p.returncode != 0:
        sstest.skip("cannot create a network namespace: " + p.stderr.strip())
    run("ip", "netns", "del", "sockscope-probe-%d" % os.getpid(), check=False)


class Pair:
    """Namespaces a and b, interfaces ifa/ifb with fixed MACs."""

    def __init__(self, tag):
        uniq = "%s%d" % (tag, os.getpid() % 100000)
        self.nsa, self.nsb = "ss-%s-a" % uniq, "ss-%s-b" % uniq
        self.ifa, self.ifb = ("s%sa" % uniq)[:15], ("s%sb" % uniq)[:15]
        self.maca, self.macb = "02:00:00:00:0a:01", "02:00:00:00:0b:01"
        # EUI-64 link-locals of those MACs (RFC 4291 appendix A)
        self.lla, self.llb = "fe80::ff:fe00:a01", "fe80::ff:fe00:b01"
        self.made = []

    def __enter__(self):
        try:
            for ns in (self.nsa, self.nsb):
                run("ip", "netns", "add", ns)
                self.made.append(ns)
            run("ip", "link", "add", self.ifa, "netns", self.nsa, "type", "veth",
                "peer", "name", self.ifb, "netns", self.nsb)
            for ns, ifn, mac in ((self.nsa, self.ifa, self.maca), (self.nsb, self.ifb, self.macb)):
                # no DAD (addresses usable at once), no flow labels from the
                # kernel (so --raw frames equal the codec's bytes)
                self.sh(ns, "sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=0" % ifn,
                        "net.ipv6.conf.%s.dad_transmits=0" % ifn, "net.ipv6.auto_flowlabels=0")
                run("ip", "-n", ns, "link", "set", "lo", "up")
                run("ip", "-n", ns, "link", "set", ifn, "address", mac)
                run("ip", "-n", ns, "link", "set", ifn, "up")
            self.wait_ll()
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_ll(self):
        for _ in range(50):
            a = run("ip", "-n", self.nsa, "-6", "addr", "show", "dev", self.ifa).stdout
            b = run("ip", "-n", self.nsb, "-6", "addr", "show", "dev", self.ifb).stdout
            if self.lla in a and self.llb in b and "tentative" not in a + b:
                return
            time.sleep(0.1)
        raise RuntimeError("link-local addresses did not come up")

    def __exit__(self, *exc):
        for ns in self.made:
            run("ip", "netns", "del", ns, check=False)
        self.made = []
        return False

    def sh(self, ns, *cmd, check=True):
        return run("ip", "netns", "exec", ns, *cmd, check=check)

    def sockgen(self, ns, *args):
        return subprocess.run(["ip", "netns", "exec", ns, sstest.SOCKGEN] + list(args),
                              capture_output=True, text=True)


class Capture:
    """tcpdump in a namespace, writing ICMPv6 frames to a pcap."""

    def __init__(self, pair, ns, ifname, path):
        self.path = path
        self.p = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-Z", "root", "-n", "--immediate-mode",
                                   "-i", ifname, "-U", "-w", path, "icmp6"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # ready once it says so on stderr
        line = self.p.stderr.readline()
        if "listening on" not in line:
            self.stop()
            raise RuntimeError("tcpdump did not start: " + line)

    def stop(self, expect=0, deadline=10.0):
        """Stop once the file holds at least expect frames (or after the
        deadline: a loaded machine may be slow to hand frames over)."""
        end = time.monotonic() + deadline
        while expect and time.monotonic() < end and self.p.poll() is None:
            if len(read_pcap(self.path)) >= expect:
                break
            time.sleep(0.1)
        if self.p.poll() is None:
            time.sleep(0.3)           # let the last frames arrive
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(5)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        return read_pcap(self.path)


def read_pcap(path):
    """Frames of a classic pcap file (either byte order), as bytes."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    off, out = 24, []
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        off += 16
        out.append(data[off:off + incl])
        off += incl
    return out
