# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen ndp replay (issue 15 item 5): a capture replayed without edits is
# the same capture (every record's bytes and timestamp; pcap to pcap the
# whole file), from pcap, nanosecond pcap and pcapng, over Ethernet (VLAN
# tag, hop-by-hop header, padding trailer), Linux cooked SLL/SLL2 and raw
# IPv6; every capture under tests/ and captures/ that holds ND traffic is
# replayed too. Each kind of edit shows in the plugin's decode with a good
# checksum and IPv6 payload length, and sockgen verify passes on the
# manifest of what was sent.
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest as t  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)
if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at %s" % t.PLUGIN)

work = t.tmpdir()
os.chmod(work, 0o755)
ND_TYPES = {133, 134, 135, 136, 137, 141, 142, 148, 149}


def path(name):
    return os.path.join(work, name)


# ---- a small pcap reader and writer, apart from libpcap

def read_pcap(p):
    """(linktype, snaplen, nano, [(sec, frac, caplen, len, data)])."""
    with open(p, "rb") as f:
        b = f.read()
    magic = struct.unpack("<I", b[:4])[0]
    end = "<"
    if magic in (0xd4c3b2a1, 0x4d3cb2a1):
        end = ">"
        magic = struct.unpack(">I", b[:4])[0]
    nano = magic == 0xa1b23c4d
    _, _, _, _, snap, lt = struct.unpack(end + "HHiIII", b[4:24])
    recs, off = [], 24
    while off + 16 <= len(b):
        s, fr, cl, ln = struct.unpack(end + "IIII", b[off:off + 16])
        recs.append((s, fr, cl, ln, b[off + 16:off + 16 + cl]))
        off += 16 + cl
    return lt, snap, nano, recs


def write_pcap(p, linktype, recs, nano=False):
    with open(p, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b23c4d if nano else 0xa1b2c3d4, 2, 4, 0, 0,
                            262144, linktype))
        for s, fr, data in recs:
            f.write(struct.pack("<IIII", s, fr, len(data), len(data)) + data)


def l3_offset(lt, d):
    if lt == 1:
        off, et = 12, None
        while len(d) >= off + 2:
            et = struct.unpack(">H", d[off:off + 2])[0]
            if et not in (0x8100, 0x88a8):
                break
            off += 4
        return off + 2 if et == 0x86dd else None
    if lt == 113:
        return 16 if len(d) >= 16 and d[14:16] == b"\x86\xdd" else None
    if lt == 276:
        return 20 if len(d) >= 20 and d[0:2] == b"\x86\xdd" else None
    if lt in (101, 229, 12):
        return 0
    return None


def is_nd(lt, d):
    """An ICMPv6 ND message (after hop-by-hop, routing, destination options)."""
    o = l3_offset(lt, d)
    if o is None or len(d) < o + 40 or d[o] >> 4 != 6:
        return False
    nh, off = d[o + 6], o + 40
    while nh in (0, 43, 60) and off + 8 <= len(d):
        nh, off = d[off], off + (d[off + 1] + 1) * 8
    return nh == 58 and off < len(d) and d[off] in ND_TYPES


def replay(*args, rc=0):
    p = t.run([t.SOCKGEN, "ndp", "replay"] + list(args))
    t.check(p.returncode == rc, "sockgen ndp replay %s: exit %d" % (" ".join(args), rc),
            "exit %d: %s" % (p.returncode, p.stderr))
    return p


def verify(pcap, manifest, what):
    p = t.run([t.SOCKGEN, "verify", "--manifest", manifest, "--capture", pcap,
               "--plugin", t.PLUGIN])
    t.check(p.returncode == 0 and " 0 mismatches" in p.stdout,
            what + ": sockgen verify passes on the manifest", p.stdout[-800:] + p.stderr)


# ---- inputs: sockgen's fuzz captures, then other link layers made from them
gen = path("gen")
p = subprocess.run([os.path.join(t.SRC, "tests", "fuzz", "make_captures.sh"), t.SOCKGEN, gen],
                   capture_output=True, text=True)
if p.returncode != 0:
    t.check(False, "make_captures.sh", p.stderr)
    t.done()
inputs = [os.path.join(gen, f) for f in sorted(os.listdir(gen)) if f.startswith("ndp-")]
# every committed capture holding ND traffic
for root in ("tests", "captures"):
    for d, _, files in os.walk(os.path.join(t.SRC, root)):
        for f in sorted(files):
            if not f.endswith(".pcap"):
                continue
            try:
                lt, _, _, recs = read_pcap(os.path.join(d, f))
            except (struct.error, OSError):
                continue
            if any(is_nd(lt, r[4]) for r in recs):
                inputs.append(os.path.join(d, f))

_, _, _, basic = read_pcap(os.path.join(gen, "ndp-basic.pcap"))
frames = [r[4] for r in basic]
# Linux cooked v1 and v2, raw IPv6 (LINKTYPE_RAW), nanosecond Ethernet
sll = [(1700000000 + i, 1000 * i, struct.pack(">HHH", 4, 1, 6) + f[6:12] + b"\0\0" + b"\x86\xdd" + f[14:])
       for i, f in enumerate(frames)]
sll2 = [(1700000000 + i, 7 * i, b"\x86\xdd\0\0" + struct.pack(">I", 3) + struct.pack(">HBB", 1, 4, 6) +
         f[6:12] + b"\0\0" + f[14:]) for i, f in enumerate(frames)]
raw = [(1700000000 + i, 999999 - i, f[14:]) for i, f in enumerate(frames)]
nano = [(1700000000 + i, 123456789 + i, f) for i, f in enumerate(frames)]
# Ethernet oddities: an 802.1Q tag, a hop-by-hop header (PadN) before the
# ICMPv6 message, two octets of padding trailer, and traffic that is not ND
ns = frames[2]
vlan = ns[:12] + b"\x81\x00\x00\x05" + ns[12:]
plen = struct.unpack(">H", ns[18:20])[0] + 8
hbh = ns[:18] + struct.pack(">H", plen) + b"\x00" + ns[21:54] + b"\x3a\x00\x01\x04\x00\x00\x00\x00" + ns[54:]
trailer = ns + b"\xaa\xbb"
udp6 = ns[:20] + b"\x11" + ns[21:54] + struct.pack(">HHHH", 1000, 2000, 12, 0) + b"abcd"
arp = ns[:12] + b"\x08\x06" + b"\x00" * 28
mixed = [(1700000100 + i, i, f) for i, f in enumerate([vlan, hbh, trailer, udp6, arp, frames[1]])]
for name, lt, recs, is_nano in (("sll.pcap", 113, sll, False), ("sll2.pcap", 276, sll2, False),
                                ("raw.pcap", 101, raw, False), ("nano.pcap", 1, nano, True),
                                ("mixed.pcap", 1, mixed, False)):
    write_pcap(path(name), lt, recs, is_nano)
    inputs.append(path(name))

# ---- no edits: the same packets, the same times
for src in inputs:
    name = os.path.relpath(src, t.SRC) if src.startswith(t.SRC) else os.path.basename(src)
    lt, snap, is_nano, recs = read_pcap(src)
    replay("--from-pcap", src, "--pcap", path("same.pcap"), "--keep-other", "--quiet")
    olt, osnap, onano, orecs = read_pcap(path("same.pcap"))
    t.eq((olt, osnap, onano), (lt, snap, is_nano), name + ": link type, snapshot length, precision kept")
    t.check(orecs == recs, name + ": --keep-other: every record the same (bytes, times)",
            "%d records in, %d out" % (len(recs), len(orecs)))
    with open(src, "rb") as a, open(path("same.pcap"), "rb") as b:
        t.check(a.read() == b.read(), name + ": the output file is the input file, byte for byte")
    replay("--from-pcap", src, "--pcap", path("nd.pcap"), "--quiet")
    _, _, _, nrecs = read_pcap(path("nd.pcap"))
    t.check(nrecs == [r for r in recs if is_nd(lt, r[4])],
            name + ": without --keep-other, its ND records and no others")

p = replay("--from-pcap", path("mixed.pcap"), "--pcap", path("nd.pcap"))
t.check("4 ND messages sent (0 edited)" in p.stderr and "skipped: 2 other packets" in p.stderr,
        "mixed: the counts on stderr (4 ND with VLAN, hop-by-hop, trailer; UDP and ARP skipped)",
        p.stderr)

# pcapng in, pcap out: the packets and their times (editcap converts)
editcap = t.run(["editcap", "-F", "pcapng", os.path.join(gen, "ndp-analysis.pcap"), path("in.pcapng")])
if editcap.returncode == 0:
    _, _, _, recs = read_pcap(os.path.join(gen, "ndp-analysis.pcap"))
    replay("--from-pcap", path("in.pcapng"), "--pcap", path("ng.pcap"), "--quiet")
    olt, _, onano, orecs = read_pcap(path("ng.pcap"))
    t.check(onano and olt == 1, "pcapng: the output keeps nanoseconds and Ethernet")
    t.eq([(r[0], r[1] * 1000, r[4]) for r in recs], [(r[0], r[1], r[4]) for r in orecs],
         "pcapng: every packet's bytes and time as in the capture it was made from")
else:
    t.check(False, "editcap makes a pcapng", editcap.stderr)

# ---- edits
RICH = os.path.join(gen, "ndp-ra-rich.pcap")
BASIC = os.path.join(gen, "ndp-basic.pcap")
F = ["ndisc.type", "ndisc.checksum.status", "ipv6.plen", "frame.cap_len"]


def edited(name, src, args, names, filt=None):
    """Replay with args to name.pcap + a manifest; verify; the decoded fields."""
    out, man = path(name + ".pcap"), path(name + ".jsonl")
    replay("--from-pcap", src, "--pcap", out, "--manifest", man, "--quiet", *args)
    verify(out, man, name)
    rows = t.fields(out, F + names, filt=filt)
    for r in rows:
        t.eq(r[1], "1", name + ": ndisc.checksum.status good")
        frame_ip6 = 14
        t.eq(int(r[2]), int(r[3]) - frame_ip6 - 40, name + ": ipv6.plen is what follows the header")
    return [r[4:] for r in rows]


rows = edited("hdr", RICH, ["--set", "ndisc.ra.router_lifetime=0", "--set", "ndisc.ra.flag.m=0",
                            "--set", "ndisc.ra.prf=3", "--set", "ndisc.ra.cur_hop_limit=7",
                            "--set", "ndisc.ra.reachable=1000", "--set", "ipv6.hlim=254"],
              ["ndisc.ra.router_lifetime", "ndisc.ra.flag.m", "ndisc.ra.prf",
               "ndisc.ra.cur_hop_limit", "ndisc.ra.reachable", "ipv6.hlim", "ndisc.ra.flag.o"])
t.eq(rows, [["0", "0", "3", "7", "1000", "254", "1"]], "RA header fields set (O kept)")

rows = edited("opt", RICH, ["--set", "ndisc.opt.prefix.valid=60", "--set", "ndisc.opt.prefix[2].preferred=30",
                            "--set", "ndisc.opt.rdnss.addr=2001:db8::1,2001:db8::2,2001:db8::3",
                            "--set", "ndisc.opt.slla.addr=02:11:22:33:44:55", "--set", "ndisc.opt.mtu=1280",
                            "--set", "ndisc.opt.dnssl.name=a.example", "--set", "ndisc.opt.route.prf=3",
                            "--set", "ndisc.opt.prefix.flag.l=0"],
              ["ndisc.opt.prefix.valid", "ndisc.opt.prefix.preferred", "ndisc.opt.rdnss.addr",
               "ndisc.opt.slla.addr", "ndisc.opt.mtu", "ndisc.opt.dnssl.name", "ndisc.opt.route.prf",
               "ndisc.opt.prefix.flag.l", "ndisc.opt.rdnss.lifetime"])
want = t.fields(RICH, ["ndisc.opt.prefix.preferred"])[0][0].split(",")
t.eq(rows, [["60,60", want[0] + ",30", "2001:db8::1,2001:db8::2,2001:db8::3", "02:11:22:33:44:55",
             "1280", "a.example", "3,3", "0,0", "600"]],
     "option fields set: every prefix, the second prefix alone, a longer RDNSS, SLLA, MTU, DNSSL")

types_in = t.fields(RICH, ["ndisc.opt.type"])[0][0].split(",")
rows = edited("drop", RICH, ["--drop-opt", "rdnss", "--drop-opt", "5", "--drop-opt", "exp"],
              ["ndisc.opt.type"])
t.eq(rows[0][0].split(","), [x for x in types_in if x not in ("25", "5", "253", "254")],
     "--drop-opt by name, number and a stem of two types")

rows = edited("add", BASIC, ["--filter", "ra", "--add-opt", "mtu=1400",
                             "--add-opt", "prefix=2001:db8:5::/64,L,A,valid=100",
                             "--add-opt", "200:0102", "--add-opt", "rdnss:2001:db8::53,lifetime=60"],
              ["ndisc.opt.type", "ndisc.opt.mtu", "ndisc.opt.prefix.prefix", "ndisc.opt.prefix.valid",
               "ndisc.opt.rdnss.addr"])
t.eq(len(rows), 1, "--filter ra: the RA alone")
t.check(rows and rows[0][0].endswith("5,3,200,25") and rows[0][1].endswith("1400") and
        rows[0][2] == "2001:db8:5::" and rows[0][3] == "100" and rows[0][4] == "2001:db8::53",
        "--add-opt: MTU, prefix, a raw option and RDNSS appended", repr(rows))

rows = edited("na", BASIC, ["--filter", "na", "--set", "ndisc.na.flag.o=0", "--set", "ndisc.na.target=fe80::99",
                            "--set", "ndisc.code=0"],
              ["ndisc.na.flag.s", "ndisc.na.flag.o", "ndisc.na.target"])
t.eq(rows, [["1", "0", "fe80::99"]], "NA flags and target set")

rows = edited("bpf", BASIC, ["--filter", "icmp6 and ip6[40] == 135", "--set", "ipv6.src=fe80::77"],
              ["ipv6.src"])
t.eq(rows, [["fe80::77"]], "--filter as a pcap filter: the NS alone, its source set")

p = replay("--from-pcap", BASIC, "--filter", "ns,na", "--set", "ndisc.ra.router_lifetime=9",
           "--keep-other", "--pcap", path("keep.pcap"))
t.check("2 ND messages sent (0 edited)" in p.stderr and "kept in --pcap: 5 not selected" in p.stderr, "--filter ns,na --keep-other: counts", p.stderr)
_, _, _, a = read_pcap(BASIC)
_, _, _, b = read_pcap(path("keep.pcap"))
t.check(a == b, "an RA field set on NS and NA only changes nothing; the rest kept unchanged")

# a bad checksum stays bad unedited and is made good by an edit
t.sockgen("ndp", "ra", "--bad-checksum", "--pcap", path("bad.pcap"), "--quiet")
replay("--from-pcap", path("bad.pcap"), "--pcap", path("bad-same.pcap"), "--quiet")
t.eq(t.fields(path("bad-same.pcap"), ["ndisc.checksum.status"]), [["0"]], "unedited: the bad checksum kept")
replay("--from-pcap", path("bad.pcap"), "--pcap", path("bad-fixed.pcap"), "--quiet",
       "--set", "ndisc.ra.retrans=5")
t.eq(t.fields(path("bad-fixed.pcap"), ["ndisc.checksum.status", "ndisc.ra.retrans"]), [["1", "5"]],
     "edited: the checksum computed again")

# SLL2 and raw IPv6 edited: the link type kept, the payload length right
for name, lt in (("sll2.pcap", 276), ("raw.pcap", 101)):
    replay("--from-pcap", path(name), "--filter", "ra", "--add-opt", "mtu=1280", "--pcap",
           path("e-" + name), "--manifest", path("e-" + name + ".jsonl"), "--quiet")
    olt, _, _, orecs = read_pcap(path("e-" + name))
    t.eq(olt, lt, name + ": edited, link type kept")
    verify(path("e-" + name), path("e-" + name + ".jsonl"), name + " edited")
    t.eq(t.fields(path("e-" + name), ["ndisc.opt.mtu", "ndisc.checksum.status"]), [["1500,1280", "1"]],
         name + ": the MTU added, checksum good")

# --start-time: the first packet then, the others as far after it as they were
replay("--from-pcap", path("nano.pcap"), "--start-time", "1704067200.5", "--pcap", path("st.pcap"), "--quiet")
_, _, _, orecs = read_pcap(path("st.pcap"))
t.eq([(r[0], r[1]) for r in orecs],
     [(1704067200 + i, 500000000 + i) for i in range(len(nano))], "--start-time shifts every time alike")

# --iface needs Ethernet: a cooked capture is refused before any socket
p = replay("--from-pcap", path("sll.pcap"), "--iface", "lo", rc=2)
t.check("--iface" in p.stderr and "Ethernet" in p.stderr, "--iface with an SLL capture: exit 2", p.stderr)

# every settable name is a field the plugin registers
names = t.run([t.SOCKGEN, "ndp", "replay", "--list-fields"]).stdout.split()
g = t.tshark("-G", "fields")
registered = {line.split("\t")[2] for line in g.stdout.splitlines() if line.startswith("F\t")}
missing = [n for n in names if n not in registered]
t.check(len(names) > 100 and not missing, "--list-fields: every name is a registered field",
        " ".join(missing))

import shutil  # noqa: E402
shutil.rmtree(work)
t.done()
