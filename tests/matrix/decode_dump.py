# SPDX-License-Identifier: GPL-2.0-or-later
"""What the plugin decodes from a set of captures, on the Wireshark at hand,
as JSON for tests/matrix/decode_compare.py (scripts/matrix holds every
supported series against 4.0 with it).

  decode_dump.py OUT.json CAPTURE_OR_DIR...

Per capture (keyed by the SHA-256 of its bytes, so the same file compares
across machines whatever its name): for every frame, each ndisc.* and
vsockmon.* field the plugin registered with all its occurrences, the Info
column, the expert items (severity, group, message) and the protocol stack
(context for the comparison: other dissectors' items differ by series). Also the plugin's
field list with each field's type. Values are stored as tshark prints them;
normalising versions' formatting is the comparer's job.

Runs tshark through tests/lib/tshark-plugin (SOCKSCOPE_PLUGIN, as the tests
do), two captures at a time."""
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest as t  # noqa: E402

OURS = ("ndisc", "vsockmon")
# Column and occurrence separators no decoded value holds; a line break
# inside a value (tshark 4.0 prints control characters raw) is put back
# by counting columns.
SEP, AGG = "\x1e", "\x1f"


def plugin_fields():
    """{name: ftype} of every field of our protocols, from tshark -G fields."""
    p = t.tshark("-G", "fields")
    if p.returncode != 0:
        raise SystemExit("decode_dump: tshark -G fields failed: " + p.stderr)
    out = {}
    for line in p.stdout.splitlines():
        c = line.split("\t")
        if len(c) >= 5 and c[0] == "F" and c[4] in OURS:
            out[c[2]] = c[3]
    return out


def info_field():
    """The Info column's field: _ws.col.Info up to 4.0, _ws.col.info later."""
    p = t.tshark("-G", "fields")
    names = {line.split("\t")[2] for line in p.stdout.splitlines() if line.startswith("F\t")}
    return "_ws.col.info" if "_ws.col.info" in names else "_ws.col.Info"


def version():
    p = t.tshark("--version")
    first = p.stdout.splitlines()[0] if p.stdout else ""
    return first.split("Wireshark) ")[-1].rstrip(".") if "Wireshark)" in first else first


def decode(path, names, info):
    extra = ["_ws.expert.severity", "_ws.expert.group", "_ws.expert.message", info, "frame.protocols"]
    args = ["-n", "-r", path, "-T", "fields", "-E", "separator=" + SEP,
            "-E", "occurrence=a", "-E", "aggregator=" + AGG, "-E", "quote=n"]
    for n in names + extra:
        args += ["-e", n]
    p = t.tshark(*args)
    ncols = len(names) + len(extra)
    lines, pending = [], None
    for line in p.stdout.split("\n"):
        pending = line if pending is None else pending + "\n" + line
        if pending.count(SEP) >= ncols - 1:
            lines.append(pending)
            pending = None
    frames = []
    for line in lines:
        cells = line.split(SEP)
        cells += [""] * (ncols - len(cells))
        f = {}
        for n, c in zip(names, cells):
            if c:
                f[n] = c.split(AGG)
        sev, grp, msg = (c.split(AGG) if c else [] for c in cells[len(names):len(names) + 3])
        f["_expert"] = [[sev[i] if i < len(sev) else "", grp[i] if i < len(grp) else "", m]
                        for i, m in enumerate(msg)]
        f["_info"] = cells[len(names) + 3]
        f["_protocols"] = cells[len(names) + 4]
        frames.append(f)
    return {"rc": p.returncode, "stderr": p.stderr.strip()[-2000:], "frames": frames}


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    paths = []
    for a in sys.argv[2:]:
        if os.path.isdir(a):
            paths += sorted(os.path.join(a, n) for n in os.listdir(a)
                            if n.endswith((".pcap", ".pcapng")))
        else:
            paths.append(a)
    fields = plugin_fields()
    names = sorted(fields)
    info = info_field()
    caps = {}
    for pth in paths:
        with open(pth, "rb") as f:
            caps.setdefault(hashlib.sha256(f.read()).hexdigest(), pth)
    out = {"version": version(), "fields": fields, "captures": {}}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        jobs = {ex.submit(decode, pth, names, info): (h, pth) for h, pth in caps.items()}
        for j in concurrent.futures.as_completed(jobs):
            h, pth = jobs[j]
            r = j.result()
            r["name"] = os.path.basename(pth)
            out["captures"][h] = r
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, sort_keys=True)
    nframes = sum(len(c["frames"]) for c in out["captures"].values())
    print("decode_dump: Wireshark %s: %d captures, %d frames, %d fields"
          % (out["version"], len(caps), nframes, len(names)))


if __name__ == "__main__":
    main()
