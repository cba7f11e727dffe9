# SPDX-License-Identifier: GPL-2.0-or-later
# A full disk (issue 15, item 7): sockgen names the option and the file,
# says "No space left on device", exits 1 and leaves no half-written file,
# and never removes what is not a regular file it wrote. The disk is a
# 64 KiB tmpfs mounted in a mount namespace of this test's own (root and
# unshare(1) needed; skipped otherwise, saying why).
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

if os.geteuid() != 0 or not shutil.which("unshare"):
    t.skip("needs root and unshare(1) to mount a small tmpfs in a private mount namespace")

work = t.tmpdir()
mnt = os.path.join(work, "mnt")
os.makedirs(mnt)
keep = os.path.join(work, "kept.pcap")          # outside the full disk
SCRIPT = """
set -u
mount -t tmpfs -o size=64k none {d} || exit 99
{sg} ndp ra --count 5000 --pcap {d}/x.pcap --quiet; echo rc=$?
{sg} ndp ra --count 2000 --pcap {keep} --manifest {d}/y.jsonl --manifest-format full --quiet; echo rc=$?
{sg} vsock pcap --scenario bulk --bytes 4M --pcap {d}/v.pcap; echo rc=$?
{sg} vsock pcap --scenario bulk --bytes 4M --pcap {keep} --manifest {d}/v.jsonl --manifest-format full; echo rc=$?
mknod {d}/full c 1 7 && {sg} ndp ra --count 5000 --pcap {d}/full --quiet; echo rc=$?
ls -l {d} | grep -c '^c' | sed 's/^/devices=/'
ls {d} | grep -v '^full$' | sed 's/^/left=/'
"""
def run(propagation):
    return subprocess.run(["unshare", "-m", "--propagation", propagation, "sh", "-c",
                           SCRIPT.format(d=mnt, sg=t.SOCKGEN, keep=keep)],
                          capture_output=True, text=True, timeout=120)


p = run("private")
with open("/proc/self/mountinfo") as f:
    shared = any(" shared:" in line for line in f)
if p.returncode != 0 and "propagation" in p.stderr and not shared:
    # In a chroot (scripts/matrix) "/" is no mount point and cannot be made
    # private; but no mount here is shared with another namespace (the
    # chroot runs in a private one, scripts/chroot), so a mount made in a
    # copy of this namespace reaches nobody else.
    p = run("unchanged")
if p.returncode == 99:
    t.skip("cannot mount a tmpfs here: " + p.stderr.strip())
err, out = p.stderr, p.stdout.splitlines()
for what, flag, f in (("ndp", "--pcap", "x.pcap"), ("ndp", "--manifest", "y.jsonl"),
                      ("vsock pcap", "--pcap", "v.pcap"), ("vsock pcap", "--manifest", "v.jsonl"),
                      ("ndp", "--pcap", "full")):
    t.check("%s '%s/%s': No space left on device" % (flag, mnt, f) in err,
            "%s: %s %s on a full disk: named, with the reason" % (what, flag, f), err)
t.eq([x for x in out if x.startswith("rc=")], ["rc=1"] * 5, "every full-disk run is a runtime failure (exit 1)")
t.eq([x for x in out if x.startswith("left=")], [], "no half-written file is left on the full disk")
t.eq([x for x in out if x.startswith("devices=")], ["devices=1"], "a character device written to is never removed")
t.check(not os.path.exists(keep), "the complete pcap whose manifest failed is removed too")
shutil.rmtree(work, ignore_errors=True)
t.done()
