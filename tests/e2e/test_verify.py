# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen verify on synthetic captures: every `sockgen ndp` message type
with a rich option set and every `sockgen vsock pcap` scenario verify with
exit 0; a tampered manifest gives exit 3 and shows the difference; unrelated
packets are skipped; bad inputs give exit 2, an unusable tshark/plugin 1."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402

VSOCK_SCENARIOS = ["stream-echo", "bulk", "seqpacket", "refused", "reset-mid-stream",
                   "half-close", "credit-stall", "http"]

if not os.access(sstest.SOCKGEN, os.X_OK):
    sstest.skip("sockgen not built at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("plugin not built at " + sstest.PLUGIN)
if not shutil.which("tshark"):
    sstest.skip("tshark not installed")

d = sstest.tmpdir()
totals = {"ndp": [0, 0, 0], "vsock": [0, 0, 0]}


def add_totals(kind, report):
    with open(report) as f:
        r = json.load(f)
    t = totals[kind]
    t[0] += r["packets"]
    t[1] += r["fields"]
    t[2] += r["mismatches"]
    return r


def rewrite(src, dst, fn):
    recs = sstest.read_manifest(src)
    fn(recs)
    with open(dst, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")


# 1. every NDP message type, one pcap each
types = set()
for verb, args in peers.NDP_MESSAGES.items():
    pcap, man, rep = (os.path.join(d, "%s.%s" % (verb, e)) for e in ("pcap", "jsonl", "json"))
    g = sstest.run([sstest.SOCKGEN, "ndp", verb, "--pcap", pcap, "--manifest", man, "--quiet"] + args)
    if not sstest.eq(g.returncode, 0, "sockgen ndp %s builds (%s)" % (verb, g.stderr.strip())):
        continue
    for rec in sstest.read_manifest(man):
        types |= {int(t) for t in rec.get("ndisc.opt.type", "").split(",") if t}
    v = peers.verify(man, pcap, rep)
    sstest.check(v.returncode == 0, "verify ndp %s exits 0" % verb,
                 "exit %d\n%s%s" % (v.returncode, v.stdout, v.stderr))
    r = add_totals("ndp", rep)
    sstest.check(r["packets"] == 1 and r["fields"] >= 10, "verify ndp %s compared its fields" % verb, str(r))
sstest.eq(sorted(peers.ALL_OPTION_TYPES - types), [], "the message set carries every option type")

# 2. every vsock scenario
for sc in VSOCK_SCENARIOS:
    pcap, man, rep = (os.path.join(d, "vs-%s.%s" % (sc, e)) for e in ("pcap", "jsonl", "json"))
    g = sstest.run([sstest.SOCKGEN, "vsock", "pcap", "--out", pcap, "--scenario", sc, "--manifest", man])
    if not sstest.eq(g.returncode, 0, "sockgen vsock pcap %s (%s)" % (sc, g.stderr.strip())):
        continue
    v = peers.verify(man, pcap, rep)
    sstest.check(v.returncode == 0, "verify vsock %s exits 0" % sc,
                 "exit %d\n%s%s" % (v.returncode, v.stdout[-3000:], v.stderr))
    r = add_totals("vsock", rep)
    sstest.eq(r["packets"], len(sstest.read_manifest(man)), "verify vsock %s matched every record" % sc)

# 3. tampering: a plain field, an identifying field, a secondary one
# (on the Inverse ND solicitation, whose manifest verifies cleanly above)
ra_pcap, ra_man = os.path.join(d, "ind-sol.pcap"), os.path.join(d, "ind-sol.jsonl")
bad = os.path.join(d, "bad.jsonl")
rewrite(ra_man, bad, lambda rs: rs[0].update({"ndisc.opt.mtu": "1499"}))
v = peers.verify(bad, ra_pcap)
sstest.eq(v.returncode, 3, "tampered MTU: exit 3")
sstest.check("ndisc.opt.mtu" in v.stdout and "'1499'" in v.stdout and "'1400'" in v.stdout,
             "tampered MTU: the field, expected and decoded value are shown", v.stdout)
sstest.check("1 mismatches" in v.stdout, "tampered MTU: one mismatch counted", v.stdout)

rewrite(ra_man, bad, lambda rs: rs[0].update({"ndisc.type": "142"}))
v = peers.verify(bad, ra_pcap)
sstest.eq(v.returncode, 3, "tampered type: exit 3")
sstest.check("missing" in v.stdout and "manifest line 1" in v.stdout, "tampered type: reported missing", v.stdout)

echo_pcap, echo_man = os.path.join(d, "vs-stream-echo.pcap"), os.path.join(d, "vs-stream-echo.jsonl")
rewrite(echo_man, bad, lambda rs: rs[3].update({"vsockmon.virtio.buf_alloc": "4096"}))
v = peers.verify(bad, echo_pcap)
sstest.eq(v.returncode, 3, "tampered buf_alloc: exit 3")
sstest.check("packet 4 (manifest line 4): vsockmon.virtio.buf_alloc" in v.stdout,
             "tampered buf_alloc: shown on packet 4, not as a lost packet", v.stdout)

# 4. a capture shorter than the manifest: missing packets
rewrite(echo_man, bad, lambda rs: rs.extend([dict(rs[-1]), dict(rs[-1])]))
v = peers.verify(bad, echo_pcap, os.path.join(d, "short.json"))
sstest.eq(v.returncode, 3, "manifest longer than the capture: exit 3")
with open(os.path.join(d, "short.json")) as f:
    r = json.load(f)
sstest.eq((r["missing"], r["mismatches"]), (2, 2), "two missing packets in the JSON report")

# 4b. a capture cut short mid-packet: whole packets verified, the rest missing
cut = os.path.join(d, "cut.pcap")
with open(echo_pcap, "rb") as f, open(cut, "wb") as g:
    g.write(f.read()[:3000])
v = peers.verify(echo_man, cut, os.path.join(d, "cut.json"))
sstest.eq(v.returncode, 3, "capture cut short: exit 3")
sstest.check("cut short" in v.stderr, "capture cut short: said so", v.stderr)
with open(os.path.join(d, "cut.json")) as f:
    r = json.load(f)
sstest.check(r["packets"] > 0 and r["missing"] > 0 and r["packets"] + r["missing"] == r["records"],
             "capture cut short: whole packets verified, the rest missing", str(r))

# 5. unrelated traffic in the capture is skipped: drop records from the manifest
rewrite(echo_man, bad, lambda rs: [rs.pop(i) for i in (10, 5, 0)])
v = peers.verify(bad, echo_pcap, os.path.join(d, "skip.json"))
sstest.eq(v.returncode, 0, "records of a subset verify (%s)" % v.stdout.strip())
with open(os.path.join(d, "skip.json")) as f:
    r = json.load(f)
sstest.eq(r["skipped"], 3, "three captured packets skipped as unrelated")

# 5b. pcapng works as well as pcap
if shutil.which("editcap"):
    ng = os.path.join(d, "echo.pcapng")
    sstest.run(["editcap", "-F", "pcapng", echo_pcap, ng], check_rc=0)
    v = peers.verify(echo_man, ng)
    sstest.eq(v.returncode, 0, "pcapng capture verifies (%s)" % v.stdout.strip()[-200:])

# 5c. not root: tshark runs as the caller with WIRESHARK_PLUGIN_DIR (run as nobody here)
if sstest.is_root() and shutil.which("setpriv"):
    pub = os.path.join(d, "pub")
    os.mkdir(pub)
    for src in (echo_pcap, echo_man, sstest.PLUGIN):
        shutil.copy(src, pub)
    os.chmod(d, 0o755)
    for n in os.listdir(pub):
        os.chmod(os.path.join(pub, n), 0o644)
    os.chmod(pub, 0o755)
    p = sstest.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/nonexistent",
                    "SOCKSCOPE_PLUGIN=" + os.path.join(pub, os.path.basename(sstest.PLUGIN)),
                    sstest.SOCKGEN, "verify", "--manifest", os.path.join(pub, os.path.basename(echo_man)),
                    "--capture", os.path.join(pub, os.path.basename(echo_pcap))])
    sstest.check(p.returncode == 0 and "0 mismatches" in p.stdout, "verify as an unprivileged user",
                 p.stdout + p.stderr)

# 6. a field tshark does not know is a mismatch, not a crash
rewrite(ra_man, bad, lambda rs: rs[0].update({"ndisc.no_such_field": "1"}))
v = peers.verify(bad, ra_pcap)
sstest.eq(v.returncode, 3, "unknown field: exit 3")
sstest.check("ndisc.no_such_field" in v.stdout, "unknown field named", v.stdout)

# 6b. JSON values other than strings: numbers as written, true/false as
# tshark prints booleans (1/0); escapes decoded
na_pcap, na_man = os.path.join(d, "na.pcap"), os.path.join(d, "na.jsonl")


def typed(rs):
    r = rs[0]
    r["ndisc.type"] = int(r["ndisc.type"])
    r["ndisc.na.flag.r"] = r["ndisc.na.flag.r"] == "1"
    r["ndisc.na.flag.s"] = r["ndisc.na.flag.s"] == "1"


rewrite(na_man, bad, typed)
with open(bad) as f:
    line = f.read().replace('"ndisc.na.target"', '"ndisc.na.\\u0074arget"')
with open(bad, "w") as f:
    f.write(line)
v = peers.verify(bad, na_pcap)
sstest.check(v.returncode == 0 and "0 mismatches" in v.stdout, "numbers, booleans and \\u escapes read",
             v.stdout + v.stderr)

# 7. bad usage and bad input: exit 2 with one message naming the argument
notjson = os.path.join(d, "notjson.jsonl")
with open(notjson, "w") as f:
    f.write('{"ndisc.type": "134"}\n\n{"ndisc.type": 134, oops}\n')
nested = os.path.join(d, "nested.jsonl")
with open(nested, "w") as f:
    f.write('{"ndisc.type": {"a": "b"}}\n')
text = os.path.join(d, "text.pcap")
with open(text, "w") as f:
    f.write("this is not a capture\n")
empty = os.path.join(d, "empty.pcap")
open(empty, "w").close()
cases = [
    (["--manifest", os.path.join(d, "absent.jsonl"), "--capture", ra_pcap], "--manifest"),
    (["--manifest", ra_man, "--capture", os.path.join(d, "absent.pcap")], "--capture"),
    (["--manifest", ra_man, "--capture", text], "not a pcap or pcapng"),
    (["--manifest", ra_man, "--capture", empty], "--capture"),
    (["--manifest", notjson, "--capture", ra_pcap], "line 3"),
    (["--manifest", nested, "--capture", ra_pcap], "line 1"),
    (["--manifest", ra_man], "--capture"),
    (["--capture", ra_pcap], "--manifest"),
    (["--manifest", ra_man, "--capture", ra_pcap, "--frobnicate"], "--frobnicate"),
    (["--manifest", ra_man, "--capture", ra_pcap, "extra"], "extra"),
]
for args, word in cases:
    p = sstest.run([sstest.SOCKGEN, "verify"] + args)
    sstest.eq(p.returncode, 2, "verify %s: exit 2" % " ".join(args[-2:]))
    sstest.check(word in p.stderr and p.stderr.startswith("sockgen: verify:") and len(p.stderr.splitlines()) == 1,
                 "verify %s: one message naming %s" % (" ".join(args[-2:]), word), p.stderr)

# 8. tshark or the plugin cannot run: exit 1 with the reason
p = sstest.run([sstest.SOCKGEN, "verify", "--manifest", ra_man, "--capture", ra_pcap,
                "--plugin", sstest.PLUGIN, "--tshark", os.path.join(d, "no-tshark")])
sstest.eq(p.returncode, 1, "missing tshark: exit 1")
sstest.check("no-tshark" in p.stderr, "missing tshark named", p.stderr)
p = sstest.run([sstest.SOCKGEN, "verify", "--manifest", ra_man, "--capture", ra_pcap,
                "--plugin", os.path.join(d, "none.so")])
sstest.eq(p.returncode, 1, "missing plugin: exit 1")
sstest.check("none.so" in p.stderr, "missing plugin named", p.stderr)
p = sstest.run([sstest.SOCKGEN, "verify", "--manifest", ra_man, "--capture", ra_pcap, "--plugin", text])
sstest.eq(p.returncode, 1, "a plugin that is not one: exit 1 (%s)" % p.stderr.strip())

p = sstest.run([sstest.SOCKGEN, "verify", "--help"])
sstest.check(p.returncode == 0 and "Examples:" in p.stdout, "--help with examples")

for kind, (pk, fl, mm) in totals.items():
    peers.peers_row("sockgen %s (pcap)" % kind, pk, fl, mm, "synthetic captures, sockgen verify")
shutil.rmtree(d, ignore_errors=True)
sstest.done()
