# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers for the ndisc dissector tests: expert infos with readable
severities, sockgen captures in a temp dir, scapy captures for what sockgen
does not build (several messages from several hosts in one file)."""
import os

import sstest

# epan/proto.h PI_* severity values as tshark -T fields prints them
SEVERITY = {"1048576": "Comment", "2097152": "Chat", "4194304": "Note",
            "6291456": "Warning", "8388608": "Error"}


def expert(capture, plugin=True, filt=None):
    """[(frame, severity name, message)] of every expert info."""
    return [(f, SEVERITY.get(s, s), m)
            for f, s, _g, m in sstest.expert(capture, plugin=plugin, filt=filt)]


def messages(capture, severity=None, plugin=True):
    return [m for _f, s, m in expert(capture, plugin=plugin)
            if severity is None or s == severity]


class Gen:
    """sockgen ndp into pcaps under one temp dir."""

    def __init__(self):
        self.dir = sstest.tmpdir()

    def path(self, name):
        return os.path.join(self.dir, name)

    def ndp(self, name, verb, *args, manifest=False):
        pcap = self.path(name + ".pcap")
        cmd = [sstest.SOCKGEN, "ndp", verb, "--pcap", pcap, "--quiet"] + list(args)
        if manifest:
            cmd += ["--manifest", self.path(name + ".jsonl")]
        p = sstest.run(cmd)
        if p.returncode != 0:
            raise AssertionError("sockgen %s failed: %s" % (" ".join(cmd), p.stderr))
        return pcap

    def script(self, name, lines):
        """One pcap from several sockgen command lines (sockgen --script)."""
        sc = self.path(name + ".txt")
        with open(sc, "w") as f:
            f.write("\n".join(lines) + "\n")
        pcap = self.path(name + ".pcap")
        p = sstest.run([sstest.SOCKGEN, "ndp", "--script", sc, "--pcap", pcap, "--quiet"])
        if p.returncode != 0:
            raise AssertionError("sockgen --script failed: %s\n%s" % (p.stderr, "\n".join(lines)))
        return pcap

    def scapy(self, name, pkts):
        from scapy.all import wrpcap  # /usr/bin/python3 has Debian's scapy
        pcap = self.path(name + ".pcap")
        wrpcap(pcap, pkts)
        return pcap
