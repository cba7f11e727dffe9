#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/test --valgrind (issue 7): tshark -nVxr with the plugin over every
# capture in captures/ and every sockgen-made capture, under valgrind
# memcheck. Fails on an invalid read/write, a use of an uninitialised value
# or an invalid free whose stack has a plugin frame (sockscope.so), and on a
# definite leak allocated from plugin code. Errors wholly inside Wireshark
# or GLib are counted and shown, not failed: they are not ours to fix.
# Prints "N passed, N failed, N skipped" (one per capture) as its last line.
#   valgrind_captures.py BUILD_DIR [CAPTURE...]
import glob
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build"))
plugin = os.path.join(build, "plugin", "sockscope.so")
sockgen = os.path.join(build, "generator", "sockgen")
vg = shutil.which("valgrind")
if not vg:
    print("valgrind not installed")
    print("0 passed, 0 failed, 1 skipped")
    sys.exit(0)
for p in (plugin, sockgen):
    if not os.path.exists(p):
        print("missing %s (build first)" % p)
        print("0 passed, 1 failed, 0 skipped")
        sys.exit(1)

work = tempfile.mkdtemp(prefix="sockscope-valgrind-")
os.chmod(work, 0o777)          # tshark runs as nobody when we are root
caps = sys.argv[2:]
if not caps:
    gen = os.path.join(work, "gen")
    subprocess.run([os.path.join(SRC, "tests", "fuzz", "make_captures.sh"), sockgen, gen],
                   check=True, capture_output=True)
    caps = sorted(glob.glob(os.path.join(SRC, "captures", "*.pcap"))) + \
        sorted(glob.glob(os.path.join(gen, "*.pcap")))

# tests/lib/tshark-plugin runs "$TSHARK" as one word (with a cleared
# environment when root): a launcher per capture puts valgrind, with that
# capture's log file, in front of the real tshark.
logdir = os.path.join(work, "logs")
os.mkdir(logdir)
os.chmod(logdir, 0o777)
launcher = os.path.join(work, "vg-tshark")


# Wireshark's own leaks, each named with its series and reason
SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "valgrind-wireshark.supp")


def write_launcher(log):
    with open(launcher, "w") as f:
        f.write("#!/bin/sh\n"
                "export G_SLICE=always-malloc G_DEBUG=gc-friendly\n"
                "exec %s --tool=memcheck --leak-check=full --show-leak-kinds=definite "
                "--errors-for-leak-kinds=definite --num-callers=30 --error-limit=no --keep-debuginfo=yes "
                "--suppressions=%s --log-file=%s %s \"$@\"\n" % (vg, SUPP, log, shutil.which("tshark")))
    os.chmod(launcher, 0o755)


ERR = re.compile(r"^(Invalid (read|write|free)|Conditional jump or move depends on uninitialised"
                 r"|Use of uninitialised value|Syscall param .* uninitialised"
                 r"|Mismatched free|Source and destination overlap"
                 r"|[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are definitely lost)")
PLUGIN_FRAME = re.compile(r"sockscope\.so|packet-(ndisc|vsockmon)[-a-z]*\.c|codec/|ndp[_a-z]*\.c|vsockmon\.c")


def blocks(path):
    """Error blocks of a valgrind log: lists of lines without the ==pid== prefix."""
    cur = []
    with open(path, errors="replace") as f:
        for line in f:
            line = re.sub(r"^==\d+== ?", "", line.rstrip("\n"))
            if not line.strip():
                if cur:
                    yield cur
                cur = []
            else:
                cur.append(line)
    if cur:
        yield cur


passed = failed = 0
for cap in caps:
    name = os.path.basename(cap)
    if "/gen/" in cap:
        name = "sockgen-" + name
    log = os.path.join(logdir, name + ".vg")
    env = dict(os.environ, SOCKSCOPE_PLUGIN=plugin, TSHARK=launcher)
    write_launcher(log)
    try:
        p = subprocess.run([os.path.join(SRC, "tests", "lib", "tshark-plugin"), "-nVx", "-r", os.path.abspath(cap)],
                           env=env, capture_output=True, timeout=1800, cwd=work)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
    ours, theirs = [], 0
    if os.path.exists(log):
        for b in blocks(log):
            if not ERR.match(b[0]):
                continue
            if any(PLUGIN_FRAME.search(line) for line in b[1:]):
                ours.append(b)
            else:
                theirs += 1
    else:
        ours.append(["no valgrind log (tshark did not start?)"])
    if rc != 0 or ours:
        failed += 1
        print("FAIL %s: tshark exit %s, %d error(s) in plugin frames" % (name, rc, len(ours)))
        for b in ours[:5]:
            print("      " + "\n      ".join(b[:14]))
        keep = os.path.join(SRC, "tests", "fuzz", "valgrind-" + name + ".log")
        if os.path.exists(log):
            shutil.copy(log, keep)
            print("      full log: %s" % keep)
    else:
        passed += 1
        print("ok   %s (%d error(s) outside the plugin)" % (name, theirs))

shutil.rmtree(work, ignore_errors=True)
print("%d passed, %d failed, 0 skipped" % (passed, failed))
sys.exit(1 if failed else 0)
