# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen extcap (Wireshark extcap(4) protocol) without Wireshark: the
# interface, DLT and config answers line by line; every config argument's
# default fed back to a capture; the vsock scenario selector equals the
# scenario list of `sockgen vsock pcap --help`; bad arguments exit 2 naming
# the argument; captures into a file and into a FIFO (count, seed, filter,
# pacing, the reader going away, SIGTERM while the FIFO has no reader).
import os
import re
import signal
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)

work = t.tmpdir()
# The build tree's extcap entry (generator/CMakeLists.txt), else a link of our own.
ENTRY = os.path.join(t.BUILD, "extcap", "sockgen-extcap")
if t.check(os.path.islink(ENTRY), "build tree has extcap/sockgen-extcap", ENTRY):
    t.eq(os.path.realpath(ENTRY), os.path.realpath(t.SOCKGEN), "extcap/sockgen-extcap links to sockgen")
else:
    ENTRY = os.path.join(work, "sockgen-extcap")
    os.symlink(os.path.realpath(t.SOCKGEN), ENTRY)


def ext(*args, via="entry", **kw):
    cmd = [ENTRY] if via == "entry" else [t.SOCKGEN, "extcap"]
    return t.run(cmd + list(args), **kw)


ELEM = re.compile(r"\{([a-z]+)=([^{}]*)\}")
LINE = re.compile(r"^(extcap|interface|dlt|arg|value) ((\{[a-z]+=[^{}\n]*\})+)$")


def parse(out, what):
    """extcap lines -> list of (kind, {key: value}); every line well formed."""
    rows = []
    for line in out.splitlines():
        m = LINE.match(line)
        if not t.check(m is not None, "%s: well-formed extcap line" % what, line):
            continue
        rows.append((m.group(1), dict(ELEM.findall(m.group(2)))))
    return rows


version = t.sockgen("--version").stdout.split()[-1]

# ---- interfaces / version, both entry points, with Wireshark's --extcap-version=4.0
for via in ("entry", "subcommand"):
    p = ext("--extcap-interfaces", "--extcap-version=4.0", via=via)
    t.eq(p.returncode, 0, "--extcap-interfaces exits 0 (%s)" % via)
    t.eq(p.stderr, "", "--extcap-interfaces says nothing on stderr (%s)" % via)
    rows = parse(p.stdout, "interfaces")
    t.eq([k for k, _ in rows], ["extcap", "interface", "interface"], "interfaces: one extcap line, two interfaces (%s)" % via)
    if rows:
        t.eq(rows[0][1].get("version"), version, "extcap {version=} is sockgen --version")
        t.check(rows[0][1].get("help", "") != "", "extcap line has a {help=}")
    t.eq([r.get("value") for k, r in rows if k == "interface"], ["sockgen-ndp", "sockgen-vsock"], "interface values (%s)" % via)
    t.check(all(r.get("display", "").startswith("sockgen: ") for k, r in rows if k == "interface"),
            "interface displays say sockgen (%s)" % via)
p = ext("--extcap-version")
t.eq(p.stdout.splitlines(), ["extcap {version=%s}{help=%s}" % (version, rows[0][1].get("help"))],
     "--extcap-version alone prints the extcap line")

# ---- DLTs
DLT = {"sockgen-ndp": ("1", "EN10MB"), "sockgen-vsock": ("271", "VSOCK")}
for ifc, (num, name) in DLT.items():
    p = ext("--extcap-interface", ifc, "--extcap-dlts")
    rows = parse(p.stdout, "dlts " + ifc)
    t.eq(p.returncode, 0, "--extcap-dlts %s exits 0" % ifc)
    t.eq([(k, r.get("number"), r.get("name")) for k, r in rows], [("dlt", num, name)], "dlt line of %s" % ifc)

# ---- config
SCEN_HELP = t.sockgen("vsock", "pcap", "--help").stdout
sec = SCEN_HELP.split("Scenarios", 1)[1].split("Examples:", 1)[0]
SCENARIOS = re.findall(r"^  ([a-z0-9][a-z0-9-]*) +\S", sec, re.M)
t.check(len(SCENARIOS) >= 8, "sockgen vsock pcap --help lists the scenarios", str(SCENARIOS))

WANT = {
    "sockgen-ndp": [("--mix", "selector"), ("--rate", "double"), ("--count", "unsigned"),
                    ("--options", "selector"), ("--extra", "string"), ("--seed", "unsigned"),
                    ("--manifest", "fileselect")],
    "sockgen-vsock": [("--scenario", "selector"), ("--rate", "double"), ("--repeat", "unsigned"),
                      ("--count", "unsigned"), ("--manifest", "fileselect")],
}
SELECT = {
    ("sockgen-ndp", "--mix"): ["all", "rs", "ra", "ns", "na", "redirect"],
    ("sockgen-ndp", "--options"): ["minimal", "typical", "rich", "invalid"],
    ("sockgen-vsock", "--scenario"): SCENARIOS,
}
defaults = {}
for ifc, want in WANT.items():
    p = ext("--extcap-interface", ifc, "--extcap-config")
    t.eq(p.returncode, 0, "--extcap-config %s exits 0" % ifc)
    rows = parse(p.stdout, "config " + ifc)
    args = [r for k, r in rows if k == "arg"]
    t.eq([(a.get("call"), a.get("type")) for a in args], want, "config %s: calls and types in order" % ifc)
    t.eq([a.get("number") for a in args], [str(i) for i in range(len(args))], "config %s: args numbered 0.." % ifc)
    t.check(all(a.get("display") and a.get("tooltip") for a in args), "config %s: every arg has display and tooltip" % ifc)
    # a value line refers to a selector arg defined before it
    kinds = {a.get("number"): a for a in args}
    vals = [r for k, r in rows if k == "value"]
    t.check(all(kinds.get(v.get("arg"), {}).get("type") == "selector" for v in vals),
            "config %s: value lines belong to selectors" % ifc)
    argv = []
    for a in args:
        call = a.get("call")
        opts = [v for v in vals if v.get("arg") == a.get("number")]
        if (ifc, call) in SELECT:
            t.eq([v.get("value") for v in opts], SELECT[(ifc, call)], "config %s %s: the choices" % (ifc, call))
            dflt = [v.get("value") for v in opts if v.get("default") == "true"]
            t.eq(len(dflt), 1, "config %s %s: one default choice" % (ifc, call))
            argv += [call, dflt[0] if dflt else ""]
        elif a.get("type") in ("double", "unsigned"):
            t.check(re.match(r"^\d+(\.\d+)?$", a.get("default", "")) is not None, "config %s %s: numeric default" % (ifc, call), str(a))
            lo, hi = (float(x) for x in a.get("range", "x,x").replace("x", "nan").split(","))
            t.check(lo <= float(a.get("default", "nan")) <= hi, "config %s %s: default within range" % (ifc, call), str(a))
            argv += [call, a.get("default", "")]
        elif call == "--manifest":
            t.eq(a.get("mustexist"), "false", "config %s: manifest need not exist" % ifc)
            argv += [call, os.path.join(work, "dflt-%s.jsonl" % ifc)]
    defaults[ifc] = argv

# The defaults the dialog offers are accepted by a capture (count bounded by us).
for ifc, argv in defaults.items():
    out = os.path.join(work, "dflt-%s.pcap" % ifc)
    argv = [a for a in argv]
    i = argv.index("--count")
    argv[i + 1] = "12"
    if "--rate" in argv:
        argv[argv.index("--rate") + 1] = "0"
    p = ext("--extcap-interface", ifc, "--capture", "--fifo", out, *argv, timeout=60)
    t.eq(p.returncode, 0, "capture %s with the config defaults exits 0 (%s)" % (ifc, p.stderr.strip()))
    t.eq(len(t.read_manifest(os.path.join(work, "dflt-%s.jsonl" % ifc))), 12, "capture %s: 12 manifest records" % ifc)


# ---- a pcap written by the capture
def pcap_records(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return None, []
    magic, _, _, _, _, snap, dlt = struct.unpack("<IHHiIII", data[:24])
    recs, off = [], 24
    while off + 16 <= len(data):
        sec_, usec, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        recs.append((sec_ + usec / 1e6, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return dlt, recs


def capture(ifc, name, *opts, timeout=60):
    out = os.path.join(work, name + ".pcap")
    man = os.path.join(work, name + ".jsonl")
    p = ext("--extcap-interface", ifc, "--capture", "--fifo", out, "--manifest", man, *opts, timeout=timeout)
    dlt, recs = pcap_records(out)
    return p, dlt, recs, (t.read_manifest(man) if os.path.exists(man) else [])


p, dlt, recs, man = capture("sockgen-ndp", "ndp30", "--count", "30", "--rate", "0", "--seed", "5")
t.eq(p.returncode, 0, "ndp capture to a file exits 0")
t.eq(dlt, 1, "ndp capture is Ethernet")
t.eq(len(recs), 30, "ndp --count 30 writes 30 packets")
t.eq(len(man), 30, "ndp manifest has 30 records")
t.check(all(r[1][12:14] == b"\x86\xdd" and r[1][20] == 58 for r in recs), "every ndp frame is IPv6 + ICMPv6")
types = [r[1][54] for r in recs]
t.eq(sorted(set(types)), [133, 134, 135, 136, 137], "mix all carries every RFC 4861 message")
t.eq([int(m["ndisc.type"]) for m in man], types, "manifest types follow the frames")
_, _, recs2, man2 = capture("sockgen-ndp", "ndp30b", "--count", "30", "--rate", "0", "--seed", "5")
t.eq([r[1] for r in recs2], [r[1] for r in recs], "same seed, same frames")
_, _, recs3, _ = capture("sockgen-ndp", "ndp30c", "--count", "30", "--rate", "0", "--seed", "6")
t.check([r[1] for r in recs3] != [r[1] for r in recs], "another seed, other frames")
for mix, typ in (("rs", 133), ("ra", 134), ("ns", 135), ("na", 136), ("redirect", 137)):
    _, _, r, _ = capture("sockgen-ndp", "mix-" + mix, "--count", "5", "--rate", "0", "--mix", mix, "--options", "rich")
    t.eq([x[1][54] for x in r], [typ] * 5, "--mix %s gives only type %d" % (mix, typ))
_, _, r_min, _ = capture("sockgen-ndp", "ra-min", "--count", "1", "--rate", "0", "--mix", "ra", "--options", "minimal")
_, _, r_rich, m_rich = capture("sockgen-ndp", "ra-rich", "--count", "1", "--rate", "0", "--mix", "ra", "--options", "rich")
t.check(r_min and r_rich and len(r_rich[0][1]) > len(r_min[0][1]) + 100, "rich RA carries more options than minimal")
t.check(m_rich and {"3", "5", "24", "25", "31", "37", "38"} <= set(m_rich[0].get("ndisc.opt.type", "").split(",")),
        "rich RA has prefix, MTU, route, RDNSS, DNSSL, captive portal, PREF64", str(m_rich[:1]))
_, _, r_x, m_x = capture("sockgen-ndp", "extra", "--count", "3", "--rate", "0", "--mix", "ns", "--extra", "--hop-limit 7 --mtu 1280")
t.check(r_x and all(x[1][21] == 7 for x in r_x), "--extra '--hop-limit 7' reaches every frame")
t.check(m_x and all("5" in m.get("ndisc.opt.type", "").split(",") for m in m_x), "--extra '--mtu 1280' adds the option")

# The mixes are valid RFC 4861/4862 traffic from several hosts: the plugin's
# checks find nothing above a Chat (DAD probes are Chats) in any preset but
# "invalid", which breaks one rule in every message.
SEV_WARN = 0x00600000   # PI_WARN, epan/proto.h
for preset in ("minimal", "typical", "rich", "invalid"):
    name = "valid-" + preset
    p, _, r, _ = capture("sockgen-ndp", name, "--count", "200", "--rate", "0", "--seed", "3",
                         "--options", preset)
    pc = os.path.join(work, name + ".pcap")
    rows = t.fields(pc, ["ndisc.type", "ipv6.src", "_ws.expert.severity"])
    worst = [max([int(x) for x in row[2].split(",") if x] or [0]) for row in rows]
    if preset != "invalid":
        bad = [i + 1 for i, w in enumerate(worst) if w >= SEV_WARN]
        t.eq(bad[:5], [], "--options %s: no frame with a warning or error from the plugin" % preset)
    else:
        t.eq([i + 1 for i, w in enumerate(worst) if w < SEV_WARN][:5], [],
             "--options invalid: every frame has a warning")
    t.check(len({row[1] for row in rows}) >= 20, "--options %s: many sources on the link" % preset,
            str(len({row[1] for row in rows})))
    t.eq(sorted({row[0] for row in rows}), ["133", "134", "135", "136", "137"],
         "--options %s: every RFC 4861 message" % preset)

# capture filter: only RAs pass, the manifest lists only what was written
p, _, recs, man = capture("sockgen-ndp", "filt", "--count", "10", "--rate", "0", "--extcap-capture-filter", "icmp6 and ip6[40] == 134")
t.eq(p.returncode, 0, "ndp with a capture filter exits 0")
t.eq([x[1][54] for x in recs], [134] * 10, "filter 'ip6[40] == 134' keeps only RAs, count counts written packets")
t.eq([m.get("ndisc.type") for m in man], ["134"] * 10, "manifest of a filtered capture lists the written packets")

# vsock: one scenario, twice; filter by length
p, dlt, recs, man = capture("sockgen-vsock", "http2", "--scenario", "http", "--repeat", "2", "--rate", "0")
t.eq(p.returncode, 0, "vsock capture exits 0")
t.eq(dlt, 271, "vsock capture is LINKTYPE_VSOCK")
one = t.run([t.SOCKGEN, "vsock", "pcap", "--scenario", "http", "--out", os.path.join(work, "ref.pcap")])
_, ref = pcap_records(os.path.join(work, "ref.pcap"))
t.eq(len(recs), 2 * len(ref), "--repeat 2 = twice the scenario's packets")
t.eq(len(man), len(recs), "vsock manifest has a record per packet")
conns = {frozenset((m["vsockmon.src_port"], m["vsockmon.dst_port"])) for m in man}
t.eq(len(conns), 2, "each round is a connection from another client port")
p, _, recs, man = capture("sockgen-vsock", "vfilt", "--scenario", "http", "--repeat", "1", "--rate", "0",
                          "--extcap-capture-filter", "len > 100")
t.check(recs and all(len(x[1]) > 100 for x in recs) and len(recs) < len(ref), "vsock filter 'len > 100' drops short frames",
        "%d of %d" % (len(recs), len(ref)))
p, _, recs, _ = capture("sockgen-vsock", "vcount", "--scenario", "bulk", "--count", "7", "--rate", "0")
t.eq(len(recs), 7, "vsock --count 7 stops mid-scenario after 7 packets")

# pacing: 20 packets at 100/s take about 0.19 s
t0 = time.monotonic()
p, _, recs, _ = capture("sockgen-ndp", "paced", "--count", "20", "--rate", "100")
dt = time.monotonic() - t0
t.check(0.17 <= dt < 5, "--rate 100 paces 20 packets over ~0.19 s", "%.3f s" % dt)
if len(recs) == 20:
    span = recs[-1][0] - recs[0][0]
    t.check(0.17 <= span < 3.0, "timestamps span the paced time", "%.3f s" % span)

# filter check mode (Wireshark's capture filter validation): reason on stdout
p = ext("--extcap-interface", "sockgen-ndp", "--extcap-capture-filter", "icmp6")
t.eq((p.returncode, p.stdout), (0, ""), "a good filter: empty answer")
p = ext("--extcap-interface", "sockgen-ndp", "--extcap-capture-filter", "icmp6 and")
t.check(p.returncode == 0 and p.stdout.strip() != "", "a bad filter: the reason on stdout", repr(p.stdout))
p = ext("--extcap-interface", "sockgen-vsock", "--extcap-capture-filter", "icmp6")
t.check(p.stdout.strip() != "", "a protocol filter on the vsock link type is refused", repr(p.stdout))

# ---- bad arguments: exit 2, one message naming the argument
BAD = [
    (["--extcap-interface", "sockgen-nope", "--extcap-dlts"], "--extcap-interface 'sockgen-nope'"),
    (["--extcap-dlts"], "--extcap-interface"),
    (["--extcap-interface", "sockgen-ndp", "--capture"], "--fifo"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", work], "--fifo"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--rate", "-1"], "--rate '-1'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--rate", "fast"], "--rate 'fast'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--count", "many"], "--count 'many'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--seed", "-3"], "--seed '-3'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--mix", "dhcp"], "--mix 'dhcp'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--options", "all"], "--options 'all'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--mix", "rs", "--extra", "--flags M"], "--extra '--flags M'"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--extra", "--prefix 2001:db8::/129"], "--prefix"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--extra", "--pcap y.pcap"], "--pcap"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--extra", "--count 3"], "--count"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--scenario", "http"], "--scenario"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--manifest", work], "--manifest"),
    (["--extcap-interface", "sockgen-ndp", "--capture", "--fifo", "x.pcap", "--extcap-capture-filter", "ip6[40] =="], "--extcap-capture-filter 'ip6[40] =='"),
    (["--extcap-interface", "sockgen-vsock", "--capture", "--fifo", "x.pcap", "--extcap-capture-filter", "tcp"], "--extcap-capture-filter 'tcp'"),
    (["--extcap-interface", "sockgen-vsock", "--capture", "--fifo", "x.pcap", "--scenario", "ftp"], "--scenario 'ftp'"),
    (["--extcap-interface", "sockgen-vsock", "--capture", "--fifo", "x.pcap", "--repeat", "1e3"], "--repeat '1e3'"),
    (["--extcap-interface", "sockgen-vsock", "--capture", "--fifo", "x.pcap", "--mix", "ra"], "--mix"),
    (["--extcap-interface", "sockgen-vsock", "--extcap-config", "--bogus"], "--bogus"),
    (["--extcap-interface", "sockgen-vsock", "--capture", "--fifo"], "--fifo"),
    (["stray"], "'stray'"),
]
for args, name in BAD:
    for via in ("entry", "subcommand"):
        p = ext(*args, via=via, cwd=work)
        lines = p.stderr.strip().splitlines()
        ok = (p.returncode == 2 and len(lines) == 1 and lines[0].startswith("sockgen: extcap") and name in lines[0])
        t.check(ok, "bad %s -> exit 2 naming %s (%s)" % (args, name, via),
                "exit %d, stderr %r" % (p.returncode, p.stderr))
t.check(not os.path.exists(os.path.join(work, "x.pcap")), "no capture file left by bad arguments")
p = ext(via="subcommand")
t.eq(p.returncode, 2, "sockgen extcap with no request exits 2")
p = ext("--help")
t.check(p.returncode == 0 and "sockgen-ndp" in p.stdout and "Examples:" in p.stdout, "--help lists interfaces and examples")


# ---- FIFOs: the reader going away, SIGTERM, SIGTERM before a reader came
def start(ifc, fifo, *opts):
    return subprocess.Popen([ENTRY, "--extcap-interface", ifc, "--capture", "--fifo", fifo] + list(opts),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


fifo = os.path.join(work, "fifo")
os.mkfifo(fifo)
man = os.path.join(work, "fifo-gone.jsonl")
pr = start("sockgen-ndp", fifo, "--rate", "2000", "--manifest", man)
with open(fifo, "rb") as f:
    head = f.read(24)
    first = f.read(16)
# reader gone: the next write fails with EPIPE, the capture ends cleanly
try:
    rc = pr.wait(timeout=10)
except subprocess.TimeoutExpired:
    pr.kill()
    rc = "hung"
err = pr.stderr.read()
t.eq((rc, err), (0, ""), "reader gone (EPIPE) -> exit 0, silent")
t.eq(struct.unpack("<IHHiIII", head)[6] if len(head) == 24 else None, 1, "the pcap header comes first (Ethernet)")
t.check(len(first) == 16, "a packet follows the header at once (flushed)")
t.check(len(t.read_manifest(man)) >= 1, "the manifest is complete after the reader left")

man = os.path.join(work, "fifo-term.jsonl")
pr = start("sockgen-vsock", fifo, "--scenario", "stream-echo", "--rate", "200", "--manifest", man)
with open(fifo, "rb") as f:
    data = f.read(24)
    time.sleep(0.5)
    pr.send_signal(signal.SIGTERM)
    data += f.read()
try:
    rc = pr.wait(timeout=10)
except subprocess.TimeoutExpired:
    pr.kill()
    rc = "hung"
t.eq((rc, pr.stderr.read()), (0, ""), "SIGTERM during a capture -> exit 0, silent")
path = os.path.join(work, "term.pcap")
with open(path, "wb") as f:
    f.write(data)
_, recs = pcap_records(path)
t.check(len(recs) >= 20, "packets paced at 200/s arrived before SIGTERM", str(len(recs)))
t.eq(len(t.read_manifest(man)), len(recs), "after SIGTERM the manifest lists exactly the packets read")

# a reader that opened the FIFO and stopped reading: the unpaced writer
# blocks on the full pipe; SIGTERM must still end it at once
man = os.path.join(work, "fifo-full.jsonl")
pr = start("sockgen-ndp", fifo, "--rate", "0", "--manifest", man)
fd = os.open(fifo, os.O_RDONLY)
time.sleep(1)
pr.send_signal(signal.SIGTERM)
try:
    rc = pr.wait(timeout=10)
except subprocess.TimeoutExpired:
    pr.kill()
    rc = "hung"
os.close(fd)
t.eq((rc, pr.stderr.read()), (0, ""), "SIGTERM while blocked on a full FIFO -> exit 0 at once, silent")
t.check(len(t.read_manifest(man)) > 100, "the full pipe took many packets before the stop")

pr = start("sockgen-ndp", fifo)          # nobody opens the FIFO
time.sleep(0.3)
pr.send_signal(signal.SIGTERM)
try:
    rc = pr.wait(timeout=10)
except subprocess.TimeoutExpired:
    pr.kill()
    rc = "hung"
t.eq(rc, 0, "SIGTERM while waiting for the FIFO's reader -> exit 0")

t.done()
