# SPDX-License-Identifier: GPL-2.0-or-later
"""plugin/ source layout (issue 14), read from the C source, no tshark:
- every header is named after the .c it declares (packet-ndisc-opt-nd.h
  for packet-ndisc-opt-nd.c), ws_compat.h (Wireshark version wrappers,
  header only) aside; every function a header declares is defined in its
  own .c (no header shared by several files' functions);
- no include circle: with "A uses B" when A.c or A.h includes B.h, the
  files form no cycle (the five ndisc files used to include each other
  through one shared ndisc.h, the vsockmon ones through vsockmon-int.h);
- each ndisc option field's hf variable is named after its display filter:
  ndisc.opt.<stem>.<rest> is hf_<stem>_<rest>, so `grep hf_<stem>_` finds
  every field of an option (ndisc.opt.mtu itself is hf_mtu_value);
- every option type of the codec's table that has fields (sockgen ndp
  --list-options) has a row in exactly one group file."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

PDIR = os.path.join(sstest.SRC, "plugin")
HEADER_ONLY = {"ws_compat.h"}
files = sorted(os.listdir(PDIR))
units = {f[:-2] for f in files if f.endswith(".c")}
text = {}
for f in files:
    if f.endswith((".c", ".h")):
        with open(os.path.join(PDIR, f)) as fh:
            text[f] = fh.read()

# 1. header names
for f in text:
    if f.endswith(".h") and f not in HEADER_ONLY:
        sstest.check(f[:-2] in units, "%s is named after its .c (plugin/%s.c exists)" % (f, f[:-2]))


def strip_comments(s):
    return re.sub(r"/\*.*?\*/", "", s, flags=re.S)


# ... and declares only functions that .c defines
for f in sorted(text):
    if not f.endswith(".h") or f in HEADER_ONLY:
        continue
    src = strip_comments(text[f])
    declared = set(re.findall(r"^[a-z][\w \t*]*?\b(\w+)\(", src, re.M)) - {"static"}
    declared = {d for d in declared if not re.search(r"static inline[^;{]*\b%s\(" % d, src)}
    c = text.get(f[:-2] + ".c", "")
    # defined at the start of a line, after its return type or below it
    missing = sorted(d for d in declared
                     if not re.search(r"^(?:[A-Za-z_][\w \t*]*[ \t*])?%s\([^;]*$" % d, c, re.M))
    sstest.eq(missing, [], "%s declares only functions %s.c defines" % (f, f[:-2]))

# 2. no include circle among the plugin's files
uses = {u: set() for u in units}
for f, s in text.items():
    u = f[:-2]
    if u not in uses:
        continue
    for inc in re.findall(r'^#include "([\w.-]+)\.h"', s, re.M):
        if inc != u and inc in units:
            uses[u].add(inc)
cycle = []


def visit(u, path, state):
    state[u] = 1
    for v in sorted(uses[u]):
        if state.get(v) == 1:
            cycle.extend(path[path.index(v):] + [v] if v in path else [u, v])
            return True
        if not state.get(v) and visit(v, path + [v], state):
            return True
    state[u] = 2
    return False


state = {}
for u in sorted(uses):
    if not state.get(u) and visit(u, [u], state):
        break
sstest.eq(cycle, [], "no include circle among plugin/*.c (A -> B: A.c/A.h includes B.h)")

# 3. hf names follow the filter names
bad = []
for f in sorted(text):
    if not f.startswith("packet-ndisc-opt"):
        continue
    for hf, abbrev in re.findall(r'\{ &(hf_\w+), \{ "[^"]*", "(ndisc\.opt\.[\w.]+)"', text[f]):
        rest = abbrev[len("ndisc.opt."):]
        want = "hf_mtu_value" if rest == "mtu" else \
            ("hf_opt_" + rest if rest in ("type", "len", "data") else "hf_" + rest.replace(".", "_"))
        if abbrev == "ndisc.opt":
            want = "hf_opt"
        if hf != want:
            bad.append("%s: %s for %s (want %s)" % (f, hf, abbrev, want))
sstest.eq(bad, [], "each ndisc.opt.<stem>.* field's hf variable starts hf_<stem>_")
n_hf = sum(len(re.findall(r'"ndisc\.opt\.[\w.]+", FT_', text[f])) for f in text)
sstest.check(n_hf > 200, "the check saw the option fields (%d)" % n_hf)

# 4. every option type with fields has one row in one group file
rows = {}
for f in sorted(text):
    if re.match(r"packet-ndisc-opt-\w+\.c$", f):
        for t in re.findall(r"^\t\{ \.type = (NDP_OPT_\w+), \.fn = opt_\w+, \.min_len = \d+ \},", text[f], re.M):
            rows.setdefault(t, []).append(f)
sstest.eq(sorted(t for t, fs in rows.items() if len(fs) > 1), [], "no option type in two group files")
if os.path.exists(sstest.SOCKGEN):
    p = subprocess.run([sstest.SOCKGEN, "ndp", "--list-options"], capture_output=True, text=True)
    sstest.eq(p.returncode, 0, "sockgen ndp --list-options")
    with open(os.path.join(sstest.SRC, "codec", "ndp.h")) as fh:
        enum = dict((int(v, 0), k) for k, v in re.findall(r"\b(NDP_OPT_\w+)\s*=\s*(\w+)", fh.read()))
    want = sorted(enum.get(int(line.split("\t")[0]), line.split("\t")[0])
                  for line in p.stdout.splitlines() if line and not line.startswith("#"))
    sstest.eq(sorted(rows), want, "a dissector row for every option type of the codec table")
sstest.done()
