# SPDX-License-Identifier: GPL-2.0-or-later
# What sockgen writes and where (issue 15, item 7): --script - reads standard
# input; --start-time makes two runs write the same pcap; the compact
# manifest holds the same records as the full one and is small; summaries go
# to stderr and stdout stays empty. A full disk: test_full_disk.py.
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

work = t.tmpdir()


def path(name):
    return os.path.join(work, name)


def read(p):
    with open(p, "rb") as f:
        return f.read()


# ---- --script - : the script from standard input, as with a file
script = "rs\nra --mtu 1500 --count 2\nns --target fe80::2\n"
with open(path("s.txt"), "w") as f:
    f.write(script)
p = subprocess.run([t.SOCKGEN, "ndp", "--script", "-", "--pcap", path("stdin.pcap"),
                    "--start-time", "0", "--quiet"], input=script, capture_output=True, text=True)
t.eq(p.returncode, 0, "ndp --script - exits 0 (%s)" % p.stderr.strip())
t.sockgen("ndp", "--script", path("s.txt"), "--pcap", path("file.pcap"), "--start-time", "0", "--quiet")
t.check(os.path.exists(path("stdin.pcap")) and read(path("stdin.pcap")) == read(path("file.pcap")),
        "--script - writes what --script FILE writes")
p = subprocess.run([t.SOCKGEN, "ndp", "--script", "-", "--pcap", path("bad.pcap")],
                   input="ra\nra --mtu 5\n", capture_output=True, text=True)
t.eq(p.returncode, 2, "--script - with a bad line: exit 2")
t.check("-:2" in p.stderr and "--mtu" in p.stderr, "the error names standard input's line 2", p.stderr)
t.check(not os.path.exists(path("bad.pcap")), "nothing written for a bad script")

# ---- --start-time: reproducible captures
a = t.sockgen("ndp", "ra", "--count", "3", "--interval", "250", "--pcap", path("a.pcap"),
              "--start-time", "2024-01-01T00:00:00Z", "--prefix", "2001:db8::/64")
t.sockgen("ndp", "ra", "--count", "3", "--interval", "250", "--pcap", path("b.pcap"),
          "--start-time", "1704067200", "--prefix", "2001:db8::/64")
t.check(read(path("a.pcap")) == read(path("b.pcap")),
        "two runs with one --start-time (ISO 8601 and Unix seconds) write the same file")
times = [r[0] for r in t.fields(path("a.pcap"), ["frame.time_epoch"], plugin=False)]
t.eq([round(float(x), 3) for x in times], [1704067200.0, 1704067200.25, 1704067200.5],
     "timestamps start at --start-time, --interval apart")
t.sockgen("vsock", "pcap", "--pcap", path("v1.pcap"), "--scenario", "refused", "--start-time", "100.5")
times = [r[0] for r in t.fields(path("v1.pcap"), ["frame.time_epoch"], plugin=False)]
t.check(times and abs(float(times[0]) - 100.5) < 1e-6, "vsock pcap --start-time 100.5", str(times))

# ---- summaries on stderr, stdout empty
out = t.sockgen("ndp", "ra", "--count", "2", "--pcap", path("c.pcap"))
t.eq(out.stdout, "", "ndp: nothing on stdout")
t.check("sockgen: ndp ra: 2 packets" in out.stderr, "ndp: the summary on stderr", out.stderr)
out = t.sockgen("vsock", "pcap", "--pcap", path("v.pcap"), "--scenario", "stream-echo")
t.eq(out.stdout, "", "vsock pcap: nothing on stdout")
t.check("sockgen: vsock pcap: scenario stream-echo" in out.stderr and "packets" in out.stderr,
        "vsock pcap: the summary on stderr", out.stderr)
out = t.sockgen("vsock", "pcap", "--out", path("v-old.pcap"), "--scenario", "stream-echo")
t.check(read(path("v-old.pcap")) == read(path("v.pcap")), "--out, the old name of --pcap, writes the same file")

# ---- the compact manifest: the same records, much smaller
ARGS = ["ndp", "ra", "--count", "2000", "--pcap", path("m.pcap"), "--start-time", "0",
        "--prefix", "2001:db8::/64,L,A", "--rdnss", "2001:db8::53,2001:db8::54", "--mtu", "1500",
        "--dnssl", "example.com", "--quiet"]
t.sockgen(*ARGS, "--manifest", path("compact.jsonl"))
t.sockgen(*ARGS, "--manifest", path("full.jsonl"), "--manifest-format", "full")
full, compact = t.read_manifest(path("full.jsonl")), t.read_manifest(path("compact.jsonl"))
t.eq(len(full), 2000, "full manifest: one record per packet")
t.check(full == compact, "compact and full manifests hold the same records")
pc = os.path.getsize(path("m.pcap"))
t.check(os.path.getsize(path("compact.jsonl")) <= 2 * pc,
        "compact manifest of identical RAs is at most twice the pcap (%d vs %d octets)" %
        (os.path.getsize(path("compact.jsonl")), pc))
t.check(os.path.getsize(path("full.jsonl")) > os.path.getsize(path("compact.jsonl")),
        "the full form is the larger")
lines = read(path("compact.jsonl")).decode().splitlines()
t.check(len(lines) == 2000 and lines[1] == '{"=":""}', "an unchanged record is written as {\"=\":\"\"}",
        lines[1] if len(lines) > 1 else "")
# records that differ: a script of several messages; only changed values follow "="
t.sockgen("ndp", "--script", path("s.txt"), "--pcap", path("s.pcap"), "--manifest", path("s.jsonl"),
          "--quiet")
t.sockgen("ndp", "--script", path("s.txt"), "--pcap", path("s2.pcap"), "--manifest", path("s-full.jsonl"),
          "--manifest-format", "full", "--quiet")
t.eq(t.read_manifest(path("s.jsonl")), t.read_manifest(path("s-full.jsonl")),
     "a script's compact manifest expands to its full one")
# Random sequences: messages that share, lose and gain options and
# occurrences from one to the next (the writer follows the record before
# and re-adds saved option fields: a record that ends early, a key whose
# occurrences move, an option that comes back). Compact must expand to full.
import random  # noqa: E402
seed = int(os.environ.get("SOCKSCOPE_SEED", random.randrange(1 << 30)))
rng = random.Random(seed)
POOL = [["--mtu 1500", "--mtu 9000"], ["--prefix 2001:db8::/64,L,A", "--prefix 2001:db8:1::/64,L"],
        ["--rdnss 2001:db8::53", "--rdnss 2001:db8::53,2001:db8::54"],
        ["--dnssl example.com", "--dnssl example.com,example.net"],
        ["--route 2001:db8:100::/48,prf=high"], ["--nonce 0102030405a6"], ["--adv-interval 600000"],
        ["--router-lifetime 0"], ["--flags M,O"], ["--captive-portal https://p.example/"], ["--no-slla"]]
lines = []
for _ in range(300):
    verb = rng.choice(["ra", "ra", "ra", "rs", "ns --target fe80::2", "na --target fe80::2 --flags S"])
    opts = [rng.choice(g) for g in rng.sample(POOL, rng.randrange(0, 6))] if verb == "ra" else []
    if verb.startswith("rs") and rng.random() < 0.5:
        opts = ["--nonce 0102030405a6"]
    lines.append(" ".join([verb] + opts + ["--count", str(rng.choice([1, 1, 2, 3]))]))
with open(path("rand.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
for form in ("compact", "full"):
    t.sockgen("ndp", "--script", path("rand.txt"), "--pcap", path("rand.pcap"), "--manifest",
              path("rand-%s.jsonl" % form), "--manifest-format", form, "--quiet")
rc, rf = t.read_manifest(path("rand-compact.jsonl")), t.read_manifest(path("rand-full.jsonl"))
diff = [i + 1 for i, (a, b) in enumerate(zip(rc, rf)) if a != b]
t.check(len(rc) == len(rf) and not diff,
        "300 random messages (seed %d): the compact manifest expands to the full one" % seed,
        "first differing records: %s" % diff[:5])
v = t.run([t.SOCKGEN, "verify", "--manifest", path("rand-compact.jsonl"), "--capture", path("rand.pcap")],
          env=dict(os.environ, SOCKSCOPE_PLUGIN=t.PLUGIN))
t.check(v.returncode == 0 and " 0 mismatches" in v.stdout,
        "sockgen verify: the random capture matches its compact manifest (seed %d)" % seed,
        v.stdout[-800:] + v.stderr)
v = t.run([t.SOCKGEN, "verify", "--manifest", path("compact.jsonl"), "--capture", path("m.pcap")],
          env=dict(os.environ, SOCKSCOPE_PLUGIN=t.PLUGIN))
t.check(v.returncode == 0 and "verified 2000 packets" in v.stdout,
        "sockgen verify reads the compact manifest", v.stdout[-600:] + v.stderr)

shutil.rmtree(work, ignore_errors=True)
t.done()
