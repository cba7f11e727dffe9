# SPDX-License-Identifier: GPL-2.0-or-later
"""Small test library for the script tests (dissect/, e2e/, vm/).

A test file calls check()/eq() any number of times and ends with done(),
which prints a summary and exits 0 (all passed), 1 (any failed) or 77
(skipped via skip()). Paths come from the environment ctest sets."""
import json
import os
import re
import subprocess
import sys
import tempfile

SRC = os.environ.get("SOCKSCOPE_SRC", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD = os.environ.get("SOCKSCOPE_BUILD", os.path.join(SRC, "build"))
SOCKGEN = os.environ.get("SOCKGEN", os.path.join(BUILD, "generator", "sockgen"))
PLUGIN = os.environ.get("SOCKSCOPE_PLUGIN", os.path.join(BUILD, "plugin", "sockscope.so"))
WRAPPER = os.path.join(SRC, "tests", "lib", "tshark-plugin")


def _ws_abi():
    """The plugin's Wireshark series (major.minor): ctest's environment, else
    the wireshark-abi file the build wrote beside the plugin."""
    abi = os.environ.get("SOCKSCOPE_WS_ABI", "")
    if not abi:
        try:
            with open(os.path.join(os.path.dirname(PLUGIN), "wireshark-abi")) as f:
                abi = f.read().strip()
        except OSError:
            pass
    return abi


WS_ABI = _ws_abi()

_passed = 0
_failed = 0


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(77)


def check(cond, what, detail=""):
    global _passed, _failed
    if cond:
        _passed += 1
    else:
        _failed += 1
        print("FAIL: " + what + (("\n      " + detail) if detail else ""))
    return cond


def eq(got, want, what):
    return check(got == want, what, "got  %r\n      want %r" % (got, want))


def done():
    print("%d checks passed, %d failed" % (_passed, _failed))
    sys.exit(1 if _failed or not _passed else 0)


def tmpdir():
    d = tempfile.mkdtemp(prefix="sockscope-test-")
    return d


def run(cmd, check_rc=None, **kw):
    """Run cmd (list); return CompletedProcess with text stdout/stderr (bytes
    that are not UTF-8, e.g. a dissected payload, replaced)."""
    kw.setdefault("errors", "replace")
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError("%s exited %d (want %d)\nstdout: %s\nstderr: %s" % (
            " ".join(cmd), p.returncode, check_rc, p.stdout, p.stderr))
    return p


def sockgen(*args, rc=0):
    return run([SOCKGEN] + list(args), check_rc=rc)


def tshark(*args, plugin=True, env=None):
    """tshark through the wrapper (fresh plugin, unprivileged when root)."""
    e = dict(os.environ)
    e["SOCKSCOPE_PLUGIN"] = PLUGIN
    if not plugin:
        e["SOCKSCOPE_NO_PLUGIN"] = "1"
    if env:
        e.update(env)
    return run([WRAPPER] + list(args), env=e)


def bool_norm(cell):
    """Booleans as 4.0 prints them: 4.4 and later print True/False where 4.0
    prints 1/0 (each comma-separated occurrence)."""
    if "True" not in cell and "False" not in cell:
        return cell
    return ",".join({"True": "1", "False": "0"}.get(x, x) for x in cell.split(","))


def text_of(cell):
    """A text field's value on every series: some fields Wireshark 4.0
    declares as strings later ones declare as bytes, which -T fields prints
    in hex (http.file_data on 4.6)."""
    if re.fullmatch(r"(?:[0-9a-f]{2}:?)+", cell) and len(cell.replace(":", "")) % 2 == 0:
        return bytes.fromhex(cell.replace(":", "")).decode("utf-8", "replace")
    return cell


def fields(capture, names, filt=None, plugin=True, extra=()):
    """-T fields for the given names: list of rows (lists of strings),
    booleans as 1/0 on every Wireshark series (bool_norm)."""
    args = ["-n", "-r", capture, "-T", "fields", "-E", "separator=\t"]
    for n in names:
        args += ["-e", n]
    if filt:
        args += ["-Y", filt]
    args += list(extra)
    p = tshark(*args, plugin=plugin)
    if p.returncode != 0:
        raise AssertionError("tshark failed (%d): %s" % (p.returncode, p.stderr))
    return [[bool_norm(c) for c in line.split("\t")] for line in p.stdout.splitlines()]


# epan/proto.h PI_* severities, as tshark -T fields prints them (numbers).
SEVERITY = {"1048576": "Comment", "2097152": "Chat", "4194304": "Note",
            "6291456": "Warning", "8388608": "Error"}


def expert(capture, plugin=True, filt=None):
    """Expert infos per frame: list of (frame, severity, group, message);
    severity by name ("Note", "Warning", "Error"), group as tshark prints it."""
    args = ["-n", "-r", capture, "-T", "fields", "-E", "separator=\t",
            "-E", "occurrence=a", "-E", "aggregator=\x1f",
            "-e", "frame.number", "-e", "_ws.expert.severity",
            "-e", "_ws.expert.group", "-e", "_ws.expert.message"]
    if filt:
        args += ["-Y", filt]
    p = tshark(*args, plugin=plugin)
    out = []
    for line in p.stdout.splitlines():
        cols = line.split("\t")
        if len(cols) < 4 or not cols[3]:
            continue
        sev, grp, msg = (c.split("\x1f") for c in cols[1:4])
        for i in range(len(msg)):
            s = sev[i] if i < len(sev) else ""
            out.append((int(cols[0]), SEVERITY.get(s, s),
                        grp[i] if i < len(grp) else "", msg[i]))
    return out


def read_manifest(path):
    """The records of a manifest, full or compact: a compact record
    {"=": "", key: value...} is the record before it with those values."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if "=" in rec:
                if not out:
                    raise ValueError("%s:%d: '=' record with no record before it" % (path, n))
                full = dict(out[-1])
                for k, v in rec.items():
                    if k == "=":
                        continue
                    if k not in full:
                        raise ValueError("%s:%d: %r is not a key of the record before" % (path, n, k))
                    full[k] = v
                rec = full
            out.append(rec)
    return out


def is_root():
    return os.geteuid() == 0
