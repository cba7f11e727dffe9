# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen ndp replay beside scapy (issue 15 item 5: "held against the real
# tool"): the same edits made the scapy way (rdpcap, set the field, delete
# the checksum, wrpcap) and with sockgen ndp replay --set / --drop-opt give
# the same bytes, packet for packet. The edits: an RA's router lifetime and
# hop limit, every prefix option's valid lifetime, an NA's flags, and an
# option dropped (scapy rebuilds the IPv6 payload length). Leaves a row for
# the README's comparison table.
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest as t  # noqa: E402
import beside  # noqa: E402
import peers  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)
PY = "/usr/bin/python3"
if subprocess.run([PY, "-c", "import scapy.all"], capture_output=True).returncode != 0:
    t.skip("no scapy for /usr/bin/python3 (Debian's python3-scapy)")

work = t.tmpdir()
src = os.path.join(work, "in.pcap")
for args in (["ra", "--router-lifetime", "1800", "--cur-hop-limit", "64",
              "--prefix", "2001:db8:1::/64,L,A,valid=86400,preferred=14400",
              "--prefix", "2001:db8:2::/64,L,valid=3600,preferred=1800", "--mtu", "1500",
              "--rdnss", "2001:db8::53,lifetime=600"],
             ["ns", "--target", "fe80::2", "--slla", "02:00:00:00:00:01"],
             ["na", "--target", "fe80::2", "--flags", "S,O", "--tlla", "02:00:00:00:00:02",
              "--dst", "fe80::1"]):
    part = os.path.join(work, "p%d.pcap" % len(os.listdir(work)))
    t.sockgen("ndp", *args, "--pcap", part, "--start-time", "1700000000", "--quiet")
parts = sorted(p for p in os.listdir(work) if p.startswith("p"))
subprocess.run(["mergecap", "-F", "pcap", "-w", src] + [os.path.join(work, p) for p in parts], check=True)

CASES = [  # name, sockgen replay arguments, the scapy edit of one packet (pkt -> pkt)
    ("router lifetime 0", ["--set", "ndisc.ra.router_lifetime=0"],
     "if p.haslayer(ICMPv6ND_RA): p[ICMPv6ND_RA].routerlifetime = 0"),
    ("cur hop limit 64 -> 7", ["--set", "ndisc.ra.cur_hop_limit=7"],
     "if p.haslayer(ICMPv6ND_RA): p[ICMPv6ND_RA].chlim = 7"),
    ("every prefix valid 60", ["--set", "ndisc.opt.prefix.valid=60"],
     "for o in p.iterpayloads():\n"
     "    if isinstance(o, ICMPv6NDOptPrefixInfo): o.validlifetime = 60"),
    ("NA override off", ["--set", "ndisc.na.flag.o=0"],
     "if p.haslayer(ICMPv6ND_NA): p[ICMPv6ND_NA].O = 0"),
    ("MTU option dropped", ["--drop-opt", "mtu"],
     "if p.haslayer(ICMPv6NDOptMTU):\n"
     "    q = icmp\n"
     "    while not isinstance(q.payload, ICMPv6NDOptMTU):\n"
     "        q = q.payload\n"
     "    rest = q.payload.payload\n"
     "    q.remove_payload()\n"
     "    if len(bytes(rest)):\n"
     "        q.add_payload(rest)\n"
     "    del p[IPv6].plen"),
]
SCAPY = r"""
import sys
from scapy.all import rdpcap, wrpcap, IPv6, ICMPv6ND_RA, ICMPv6ND_NA, ICMPv6NDOptPrefixInfo, ICMPv6NDOptMTU
pkts = rdpcap(sys.argv[1])
out = []
for p in pkts:
    icmp = p[IPv6].payload
%s
    del icmp.cksum
    out.append(p.__class__(bytes(p)))
wrpcap(sys.argv[2], out)
"""

def records(path):
    """The packets of a pcap file (either byte order), without libpcap."""
    with open(path, "rb") as f:
        b = f.read()
    end = "<" if b[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    out, off = [], 24
    while off + 16 <= len(b):
        cl = struct.unpack(end + "I", b[off + 8:off + 12])[0]
        out.append(b[off + 16:off + 16 + cl])
        off += 16 + cl
    return out


equal = 0
for name, args, edit in CASES:
    ours = os.path.join(work, "ours.pcap")
    theirs = os.path.join(work, "scapy.pcap")
    t.sockgen("ndp", "replay", "--from-pcap", src, *args, "--pcap", ours, "--quiet")
    code = SCAPY % "\n".join("    " + line for line in edit.splitlines())
    p = subprocess.run([PY, "-c", code, src, theirs], capture_output=True, text=True)
    if not t.check(p.returncode == 0, "%s: scapy ran" % name, p.stderr[-800:]):
        continue
    a, b = records(ours), records(theirs)
    same = t.eq([x.hex() for x in a], [x.hex() for x in b], "%s: sockgen replay and scapy give the same bytes" % name)
    equal += bool(same)

beside.row("scapy %s (rdpcap, edit, del cksum, wrpcap)" % peers.pkg_version("python3-scapy"),
           "sockgen ndp replay", [c[0] for c in CASES], len(CASES), equal,
           "tests/dissect/test_ndp_replay_scapy.py")
t.done()
