# SPDX-License-Identifier: GPL-2.0-or-later
# Bounded capture mutation (issue 7), the scripts/test cut of scripts/fuzz:
# every capture in captures/ plus sockgen-made NDP and vsock captures, 20
# `editcap -E 0.02` mutations each (seeded, so a failure reproduces from the
# printed seed), decoded by `tshark -nVxr` with the plugin. The copies of
# one capture are concatenated (mergecap -a), mutated by one editcap run and
# decoded in one tshark run; on a failure each copy is cut out (editcap -r)
# and decoded alone to name it. Any crash, hang, sanitizer
# report or "Dissector bug" fails, and the failing file is kept under
# tests/fuzz/mutated-failures/.
import glob
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

PER_CAPTURE = int(os.environ.get("SOCKSCOPE_MUTATIONS", "20"))
HEAD = 60           # frames of each capture mutated
LIMIT = 120          # seconds per decode (a batch of PER_CAPTURE files)
for tool in ("editcap", "mergecap", "capinfos", "tshark"):
    if not shutil.which(tool):
        t.skip("%s not installed" % tool)
if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at %s" % t.PLUGIN)

seed = int(os.environ.get("SOCKSCOPE_MUTATE_SEED", random.randrange(1, 1 << 30)))
print("seed %d (SOCKSCOPE_MUTATE_SEED=%d reproduces this run)" % (seed, seed))
work = t.tmpdir()
os.chmod(work, 0o755)
gen = os.path.join(work, "gen")
p = subprocess.run([os.path.join(t.SRC, "tests", "fuzz", "make_captures.sh"), t.SOCKGEN, gen],
                   capture_output=True, text=True)
t.check(p.returncode == 0, "sockgen makes the NDP and vsock fuzz captures", p.stderr)
caps = sorted(glob.glob(os.path.join(t.SRC, "captures", "*.pcap"))) + \
    sorted(glob.glob(os.path.join(gen, "*.pcap")))
keep = os.path.join(t.SRC, "tests", "fuzz", "mutated-failures")


def decode(path):
    """None when clean, else why it is not."""
    try:
        # Randomly mutated files stay out of scripts/matrix's capture log:
        # what other dissectors make of garbage differs by series.
        env = dict(os.environ, SOCKSCOPE_PLUGIN=t.PLUGIN)
        env.pop("SOCKSCOPE_CAPTURE_LOG", None)
        r = t.run([t.WRAPPER, "-nVx", "-r", path], env=env, errors="replace", timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return "hang: no result after %d s" % LIMIT
    err = r.stderr
    if r.returncode != 0:
        return "exit %d: %s" % (r.returncode, err[-500:])
    for mark in ("AddressSanitizer", "runtime error:", "ERROR **", "CRITICAL"):
        if mark in err:
            return "%s: %s" % (mark, err[-500:])
    for line in r.stdout.splitlines():
        if "Dissector bug" in line:
            return line.strip()
    if not any(line.startswith(("IPv6 Neighbor Discovery", "vsock monitor"))
               for line in r.stdout.splitlines()):
        return "the plugin decoded nothing (not loaded?)"
    return None


def frame_count(path):
    r = t.run(["capinfos", "-Mc", path])
    for line in r.stdout.splitlines():
        if "Number of packets" in line:
            return int(line.split()[-1])
    return 0


total = 0
for n, cap in enumerate(caps):
    base = os.path.splitext(os.path.basename(cap))[0]
    # PER_CAPTURE copies back to back, mutated in one editcap run: the same
    # as PER_CAPTURE separate `editcap -E` files, at the cost of one start-up.
    # The first HEAD frames keep this quick (scripts/fuzz takes them all).
    head = os.path.join(work, base + "-head.pcap")
    t.run(["editcap", "-F", "pcap", "-r", cap, head, "1-%d" % HEAD], check_rc=0)
    cap = head
    frames = frame_count(cap)
    if not t.check(frames > 0, "%s: has packets" % base):
        continue
    copies = os.path.join(work, base + "-copies.pcap")
    t.run(["mergecap", "-a", "-F", "pcap", "-w", copies] + [cap] * PER_CAPTURE, check_rc=0)
    s = seed + n
    batch = os.path.join(work, base + "-mutated.pcap")
    t.run(["editcap", "--seed", str(s), "-E", "0.02", copies, batch], check_rc=0)
    t.eq(frame_count(batch), frames * PER_CAPTURE, "%s: %d mutated copies" % (base, PER_CAPTURE))
    total += PER_CAPTURE
    why = decode(batch)
    if why is None:
        t.check(True, base)
        continue
    culprits = []
    for i in range(PER_CAPTURE):
        one = os.path.join(work, "%s-%d.pcap" % (base, i))
        t.run(["editcap", "-r", batch, one, "%d-%d" % (i * frames + 1, (i + 1) * frames)])
        w = decode(one)
        if w is not None:
            os.makedirs(keep, exist_ok=True)
            dst = os.path.join(keep, "%s-seed%d-copy%d.pcap" % (base, s, i))
            shutil.copy(one, dst)
            culprits.append("%s: %s" % (dst, w))
    if not culprits:
        os.makedirs(keep, exist_ok=True)
        dst = os.path.join(keep, "%s-seed%d-all.pcap" % (base, s))
        shutil.copy(batch, dst)
        culprits.append("%s (only all copies together): %s" % (dst, why))
    t.check(False, "%s: mutated copies decode without crash, hang or sanitizer report" % base,
            "\n      ".join(culprits))

print("%d mutated files from %d captures" % (total, len(caps)))
shutil.rmtree(work)
t.done()
