# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen beside the tools people know (rdisc6, ndisc6, radvdump, the
Linux kernel): a parser of rdisc6/ndisc6's "Label : value" layout, which
sockgen ndp solicit/resolve/listen print too, a parser of radvd.conf
blocks (radvdump's and sockgen ndp listen --format radvd's), and the
comparison rows the tests leave in build/beside.tsv for
tests/e2e/beside_table.py to put in the README."""
import fcntl
import os
import re
import subprocess

import sstest

LINE = re.compile(r"^( *)([^:]+?)\s*:\s?(.*)$")


def norm(v):
    """A value with its blanks collapsed, as both tools align them."""
    return " ".join(v.split())


def parse_nd_text(text):
    """Answers of rdisc6/ndisc6's layout: a list of dicts, one per answer,
    ending at its " from ADDR" line: "hdr" (label -> value at depth 0),
    "opts" (a list of [label, value, {sub-label: value}] at depths 1 and 2),
    "from" (the source address)."""
    out, cur = [], None
    for line in text.splitlines():
        m = re.match(r"^ from (\S+)", line)
        if m and cur is not None:
            cur["from"] = m.group(1)
            out.append(cur)
            cur = None
            continue
        m = LINE.match(line)
        if not m or line.startswith(("Soliciting", "Probing")):
            continue
        depth, label, value = len(m.group(1)), m.group(2).strip(), norm(m.group(3))
        if cur is None:
            cur = {"hdr": {}, "opts": [], "from": None}
        if depth == 0:
            cur["hdr"][label] = value
        elif depth == 1 or not cur["opts"]:
            cur["opts"].append([label, value, {}])
        else:
            cur["opts"][-1][2][label] = value
    return out


def compare_nd(ref, got, what):
    """Every field ref (rdisc6's or ndisc6's answer) prints, compared with
    got's (sockgen's): the header fields, then each option ref shows with
    its sub-fields, in order, among got's options of the labels ref knows.
    Checks each; returns (fields compared, equal, labels compared)."""
    n = ok = 0
    labels = []

    def one(label, a, b):
        nonlocal n, ok
        n += 1
        ok += a == b
        if label not in labels:
            labels.append(label)
        sstest.eq(b, a, "%s: %s" % (what, label))

    for label, v in ref["hdr"].items():
        one(label, v, got["hdr"].get(label))
    known = {o[0] for o in ref["opts"]}
    mine = [o for o in got["opts"] if o[0] in known]
    sstest.eq([o[0] for o in mine], [o[0] for o in ref["opts"]], "%s: the same options in order" % what)
    for r, g in zip(ref["opts"], mine):
        one(r[0], r[1], g[1])
        for label, v in r[2].items():
            one(label, v, g[2].get(label))
    one("from", ref["from"], got["from"])
    return n, ok, labels


def parse_radvd_conf(text):
    """Settings of the interface blocks of a radvd.conf, one dict per block:
    (section, key) -> value, section "" for the interface's own settings and
    e.g. "prefix 2001:db8::/64" or "RDNSS 2001:db8::53 2001:db8::54" for
    the nested ones. Comments dropped."""
    blocks, cur, section = [], None, ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("interface "):
            cur, section = {}, ""
            blocks.append(cur)
            continue
        if cur is None or line == "{":
            continue
        if line.startswith("};"):
            if section:
                section = ""
            continue
        if line.endswith(";"):
            k, _, v = line[:-1].partition(" ")
            cur[(section, k)] = norm(v)
        else:
            section = norm(line)
    return blocks


def row(tool, sockgen_cmd, fields, compared, equal, test):
    """Set the row of (tool, sockgen_cmd) in build/beside.tsv; locked, as
    ctest -j runs the tests side by side."""
    path = os.path.join(sstest.BUILD, "beside.tsv")
    key = tool + "\t" + sockgen_cmd + "\t"
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        rows = []
        if os.path.exists(path):
            with open(path) as f:
                rows = [r for r in f.read().splitlines() if r and not r.startswith(key)]
        rows.append("\t".join([tool, sockgen_cmd, ", ".join(fields), str(compared), str(equal), test]))
        with open(path + ".tmp", "w") as f:
            f.write("\n".join(sorted(rows)) + "\n")
        os.replace(path + ".tmp", path)
    subprocess.run(["/usr/bin/python3", os.path.join(sstest.SRC, "tests", "e2e", "beside_table.py"), path,
                    os.path.join(sstest.BUILD, "beside.md")], capture_output=True)
