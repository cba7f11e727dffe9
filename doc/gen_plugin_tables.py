#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sockscope(7) assembly: fills the display-filter field lists and the
expert-info table of doc/sockscope.7.scd from what the plugin really
registers, so the page cannot drift from the code.

  fields   tests/dissect/{ndisc,vsockmon}_fields.txt (the field-list
           contract the dissector tests check against tshark -G fields),
           labels and descriptions from `tshark -G fields` with the plugin
           when it can be run (else names and types only)
  experts  the ei_register_info arrays of plugin/*.c (name, group,
           severity, summary), each with the hand-written explanation of
           when it fires from doc/sockscope-experts.txt
  options  the titles of the option groups from `sockgen ndp
           --list-options` (the codec's option table)

Markers in the template, each alone on a line: @FIELDS ndisc@,
@FIELDS vsockmon@, @EXPERTS ndisc@, @EXPERTS vsockmon@, and @BUILTIN@ (the
built-in field -> sockscope field table of doc/builtin-fields.tsv).

usage: gen_plugin_tables.py --src SRCDIR --template IN.scd --out OUT.scd
                            --sockgen SOCKGEN [--plugin sockscope.so]
                            [--fields-dump FILE]
"""
import argparse
import os
import re
import subprocess
import sys

def option_titles(sockgen):
    """Titles of the option groups (ndisc.opt.<stem>.*), from the codec's
    option table as `sockgen ndp --list-options` prints it: the IANA name
    with the type, "Prefix Information (3)"; a stem several types share
    gets what their names have in common and every type,
    "RFC3692-style Experiment (253, 254)"."""
    p = subprocess.run([sockgen, "ndp", "--list-options"], capture_output=True, text=True,
                       timeout=60)
    if p.returncode != 0:
        sys.exit("gen_plugin_tables: %s ndp --list-options failed (%d): %s" %
                 (sockgen, p.returncode, p.stderr.strip()[:300]))
    names, types = {}, {}
    for line in p.stdout.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        t, name, _rfc, _flag, stem = line.split("\t")[:5]
        names.setdefault(stem, [])
        if name not in names[stem]:
            names[stem].append(name)
        types.setdefault(stem, []).append(t)
    def title(n):
        return n[0] if len(n) == 1 else os.path.commonprefix(n).rstrip(" 0123456789")
    return {stem: "%s (%s)" % (title(names[stem]), ", ".join(types[stem])) for stem in names}


NDISC_GROUPS = [
    # (title, predicate on the name after "ndisc.")
    ("Message header", lambda r: r.split(".")[0] in ("type", "code", "checksum")),
    ("Router Solicitation", lambda r: r.startswith("rs.")),
    ("Router Advertisement", lambda r: r.startswith("ra.")),
    ("Neighbor Solicitation", lambda r: r.startswith("ns.")),
    ("Neighbor Advertisement", lambda r: r.startswith("na.")),
    ("Redirect", lambda r: r.startswith("redirect.")),
    ("Inverse ND Solicitation and Advertisement", lambda r: r.startswith("ind.")),
    ("Certification Path Solicitation", lambda r: r.startswith("cps.")),
    ("Certification Path Advertisement", lambda r: r.startswith("cpa.")),
    ("Every option", lambda r: r in ("opt", "opt.type", "opt.len", "opt.data")),
    # option groups are added per key below
    ("Analysis (generated)", lambda r: r.startswith("analysis.")),
]

VSOCKMON_GROUPS = [
    ("vsockmon header", lambda r: r in ("src_cid", "dst_cid", "src_port", "dst_port", "op",
                                        "transport", "len", "reserved")),
    ("Either direction (hidden, for filters)", lambda r: r in ("addr", "port")),
    ("virtio-vsock header", lambda r: r.startswith("virtio.")),
    ("Connection tracking (generated)", lambda r: r in ("stream", "seq", "nxtseq", "time_relative")),
    ("Connection analysis (generated)", lambda r: r.startswith("analysis.")),
    ("Payload and reassembly", lambda r: r == "payload" or r.startswith("fragment")
     or r.startswith("reassembled")),
]

TYPE_NAMES = {
    "FT_NONE": "label", "FT_PROTOCOL": "protocol", "FT_BOOLEAN": "boolean",
    "FT_UINT8": "unsigned, 8 bits", "FT_UINT16": "unsigned, 16 bits",
    "FT_UINT24": "unsigned, 24 bits", "FT_UINT32": "unsigned, 32 bits",
    "FT_UINT40": "unsigned, 40 bits", "FT_UINT48": "unsigned, 48 bits",
    "FT_UINT56": "unsigned, 56 bits", "FT_UINT64": "unsigned, 64 bits",
    "FT_INT8": "signed, 8 bits", "FT_INT16": "signed, 16 bits",
    "FT_INT32": "signed, 32 bits", "FT_INT64": "signed, 64 bits",
    "FT_IPv6": "IPv6 address", "FT_IPv4": "IPv4 address", "FT_ETHER": "Ethernet address",
    "FT_BYTES": "byte sequence", "FT_STRING": "character string",
    "FT_FRAMENUM": "frame number", "FT_RELATIVE_TIME": "time offset",
    "FT_ABSOLUTE_TIME": "date and time",
}

SEVERITY = {"PI_COMMENT": "Comment", "PI_CHAT": "Chat", "PI_NOTE": "Note",
            "PI_WARN": "Warning", "PI_ERROR": "Error"}
GROUP = {"PI_CHECKSUM": "Checksum", "PI_SEQUENCE": "Sequence",
         "PI_RESPONSE_CODE": "Response", "PI_REQUEST_CODE": "Request",
         "PI_UNDECODED": "Undecoded", "PI_REASSEMBLE": "Reassemble",
         "PI_MALFORMED": "Malformed", "PI_DEBUG": "Debug", "PI_PROTOCOL": "Protocol",
         "PI_SECURITY": "Security", "PI_COMMENTS_GROUP": "Comment",
         "PI_DECRYPTION": "Decryption", "PI_ASSUMPTION": "Assumption",
         "PI_DEPRECATED": "Deprecated"}


def esc(text):
    """Text for scdoc: no formatting characters, no roff surprises."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return text


def read_field_list(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            out.append((cols[0], cols[1] if len(cols) > 1 else ""))
    return out


_EI_RE = re.compile(
    r'\{\s*&(ei_\w+)\s*,\s*\{\s*"([^"]+)"\s*,\s*(PI_\w+)\s*,\s*(PI_\w+)\s*,\s*'
    r'((?:"(?:[^"\\]|\\.)*"\s*)+),\s*EXPFILL', re.S)


def read_experts(src):
    """[(name, group, severity, summary, file)] from plugin/*.c, in file order."""
    out = []
    pdir = os.path.join(src, "plugin")
    # message-level checks first, analysis last; other files after them
    first = ["packet-ndisc.c", "packet-ndisc-options.c", "packet-ndisc-opt-nd.c",
             "packet-ndisc-opt-send.c", "packet-ndisc-opt-mobility.c", "packet-ndisc-opt-6lo.c",
             "packet-ndisc-opt-dns.c",
             "packet-ndisc-analysis.c", "packet-vsockmon.c", "packet-vsockmon-analysis.c",
             "packet-vsockmon-payload.c"]
    files = sorted(os.listdir(pdir), key=lambda f: (first.index(f) if f in first else len(first), f))
    for fn in files:
        if not fn.endswith(".c"):
            continue
        with open(os.path.join(pdir, fn)) as f:
            text = f.read()
        for m in _EI_RE.finditer(text):
            summary = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(5)))
            out.append((m.group(2), GROUP.get(m.group(3), m.group(3)),
                        SEVERITY.get(m.group(4), m.group(4)), summary, fn))
    return out


def run_tshark(src, plugin, what):
    """stdout of tshark -G WHAT with the plugin, or None."""
    env = dict(os.environ, SOCKSCOPE_PLUGIN=plugin)
    try:
        p = subprocess.run([os.path.join(src, "tests", "lib", "tshark-plugin"), "-G", what],
                           capture_output=True, text=True, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        print("gen_plugin_tables: cannot run tshark: %s" % e, file=sys.stderr)
        return None
    if p.returncode != 0:
        print("gen_plugin_tables: tshark -G %s failed (%d): %s" %
              (what, p.returncode, p.stderr.strip()[:300]), file=sys.stderr)
        return None
    return p.stdout


def tshark_fields(src, plugin, dump):
    """abbrev -> (label, blurb, registration index, [value names]) from
    tshark -G fields and -G values with the plugin."""
    text = values = None
    if dump and os.path.exists(dump):
        with open(dump) as f:
            text = f.read()
    elif plugin:
        text = run_tshark(src, plugin, "fields")
        if text is not None:
            values = run_tshark(src, plugin, "values")
    info = {}
    if text is None:
        return info
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0] == "F":
            info[cols[2]] = (cols[1], cols[7] if len(cols) > 7 else "", len(info), [])
    for line in (values or "").splitlines():
        cols = line.split("\t")
        # value_string entries (V, V64); true/false strings (T) add nothing
        if len(cols) >= 4 and cols[0] in ("V", "V64") and cols[1] in info:
            info[cols[1]][3].append("%s %s" % (cols[2], cols[3]))
    return info


def field_entry(name, ftype, info):
    label, blurb, _, values = info.get(name, ("", "", 0, []))
    head = "*%s* (%s)" % (esc(name), TYPE_NAMES.get(ftype, ftype))
    desc = esc(label) if label else ""
    if blurb and blurb != label:
        desc += (". " if desc else "") + esc(blurb)
    if values:
        desc += (". " if desc else "") + "Values: " + esc(", ".join(values))
    lines = [head]
    if desc:
        lines.append("\t" + desc)
    return "\n".join(lines) + "\n"


def render_fields(proto, fields, experts, info, titles):
    expert_names = {e[0] for e in experts}
    fields = [f for f in fields if f[0] not in expert_names]
    # registration order (the order of the packet) where tshark told it
    fields.sort(key=lambda f: info[f[0]][2] if f[0] in info else len(info))
    if proto == "ndisc":
        groups = list(NDISC_GROUPS)
        keys = []
        for name, _ in fields:
            parts = name.split(".")
            if len(parts) >= 3 and parts[1] == "opt" and parts[2] not in ("type", "len", "data") \
                    and parts[2] not in keys:
                keys.append(parts[2])
        # option sections in type order (the codec table's), whichever file
        # registers them; a stem of no option (lladdr) stays after the one
        # before it
        order, pos = list(titles), []
        for k in keys:
            pos.append(order.index(k) if k in order else (pos[-1] + 0.5 if pos else -1))
        keys = [k for _, k in sorted(zip(pos, keys), key=lambda x: x[0])]
        opt_groups = [("Option: " + titles.get(k, k),
                       (lambda key: lambda r: r.split(".")[:2] == ["opt", key])(k)) for k in keys]
        groups = groups[:-1] + opt_groups + groups[-1:]
    else:
        groups = VSOCKMON_GROUPS
    placed = set()
    out = []
    for title, pred in groups:
        members = [(n, t) for n, t in fields
                   if n not in placed and pred(n[len(proto) + 1:] if n != proto else "")]
        if not members:
            continue
        out.append("## %s\n\n" % esc(title))
        for n, t in members:
            placed.add(n)
            out.append(field_entry(n, t, info) + "\n")
    rest = [(n, t) for n, t in fields if n not in placed]
    if rest:
        out.append("## Other\n\n")
        for n, t in rest:
            out.append(field_entry(n, t, info) + "\n")
    return "".join(out)


def read_meanings(path):
    """name -> meaning, from doc/sockscope-experts.txt (NAME<TAB>TEXT)."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, _, text = line.rstrip("\n").partition("\t")
            out[name.strip()] = text.strip()
    return out


def render_experts(proto, experts, meanings):
    out = []
    for name, group, sev, summary, _fn in experts:
        if not name.startswith(proto + "."):
            continue
        out.append("*%s* (%s, %s)\n" % (esc(name), sev, group))
        text = esc(summary) + "."
        if meanings.get(name):
            text += " " + esc(meanings[name])
        else:
            print("gen_plugin_tables: no meaning for expert info %s in sockscope-experts.txt"
                  % name, file=sys.stderr)
        out.append("\t" + text + "\n\n")
    return "".join(out)


def render_builtin(path):
    """The built-in field -> plugin field list (doc/builtin-fields.tsv),
    one pair a line (a table would not fit one man page)."""
    out = []
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                b, p = line.split("\t")[:2]
                out.append("*%s* -> *%s*++" % (esc(b), esc(p)))
    if out:
        out[-1] = out[-1][:-2]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--plugin")
    ap.add_argument("--fields-dump")
    ap.add_argument("--sockgen", required=True, help="sockgen, for the option titles")
    a = ap.parse_args()
    titles = option_titles(a.sockgen)

    experts = read_experts(a.src)
    if not experts:
        sys.exit("gen_plugin_tables: no ei_register_info entries found in %s/plugin" % a.src)
    info = tshark_fields(a.src, a.plugin, a.fields_dump)
    if not info:
        print("gen_plugin_tables: no field descriptions (tshark with the plugin not run); "
              "listing names and types only", file=sys.stderr)
    lists = {p: read_field_list(os.path.join(a.src, "tests", "dissect", p + "_fields.txt"))
             for p in ("ndisc", "vsockmon")}
    meanings = read_meanings(os.path.join(os.path.dirname(os.path.abspath(a.template)),
                                          "sockscope-experts.txt"))
    with open(a.template) as f:
        tmpl = f.read()
    done = set()

    def repl(m):
        kind, proto = m.group(1), m.group(2)
        done.add((kind, proto))
        if kind == "FIELDS":
            return render_fields(proto, lists[proto], experts, info, titles)
        return render_experts(proto, experts, meanings)

    text = re.sub(r"^@(FIELDS|EXPERTS) (ndisc|vsockmon)@\n", repl, tmpl, flags=re.M)
    text = text.replace("@BUILTIN@\n", render_builtin(os.path.join(a.src, "doc", "builtin-fields.tsv")))
    want = {(k, p) for k in ("FIELDS", "EXPERTS") for p in ("ndisc", "vsockmon")}
    if done != want:
        sys.exit("gen_plugin_tables: template lacks markers %s" % sorted(want - done))
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
