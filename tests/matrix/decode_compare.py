# SPDX-License-Identifier: GPL-2.0-or-later
"""Holds what the plugin decodes on one Wireshark series against another
(scripts/matrix: each series against 4.0), from two decode_dump.py files.

  decode_compare.py BASE.json OTHER.json [--known FILE]

Compared: the plugin's registered fields (name and type), and for every
capture both decoded, frame by frame, every ndisc.*/vsockmon.* value, the
Info column and the expert items. Formatting that differs by design is
normalised first (booleans print 1/0 up to 4.0 and True/False from 4.4).
Every remaining difference is listed; it passes only when a line of the
known-differences file explains it:

  <field or _info/_expert/_fields><TAB><regex over the values><TAB><reason>

Prints one summary line and exits 0 when every difference is explained."""
import json
import re
import sys

BOOL = {"True": "1", "False": "0"}
# -T fields prints C escapes for some control characters in text, and
# which ones changed: 4.0 writes \b \f \n \r \t \v but a BEL raw and a
# backslash unescaped, 4.4 and later also \a and \\ (format_text's "\001"
# in an Info column reads "\\001"). Both sides are read back to the raw
# characters.
ESCAPES = {"\\": "\\", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def escapes_columns(version):
    """4.0 prints the Info column and expert messages raw; later series
    escape them like field text."""
    m = re.match(r"(\d+)\.(\d+)", version)
    return bool(m) and (int(m.group(1)), int(m.group(2))) >= (4, 4)


def unescape(v):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), v)


def load(path):
    with open(path) as f:
        return json.load(f)


def norm(field, vals, ftypes):
    if ftypes.get(field) == "FT_BOOLEAN":
        return [BOOL.get(v, v) for v in vals]
    return vals


def load_known(path):
    known = []
    if not path:
        return known
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[2].strip():
                raise SystemExit("%s:%d: want FIELD<TAB>REGEX<TAB>REASON" % (path, n))
            known.append((parts[0], re.compile(parts[1]), parts[2], [0]))
    return known


def explain(known, field, text):
    for k in known:
        if k[0] == field and k[1].search(text):
            k[3][0] += 1
            return k[2]
    return None


def main():
    args = sys.argv[1:]
    known_path = None
    if "--known" in args:
        i = args.index("--known")
        known_path = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        raise SystemExit(__doc__)
    base, other = load(args[0]), load(args[1])
    for d in (base, other):
        cols = escapes_columns(d["version"])
        for c in d["captures"].values():
            for f in c["frames"]:
                for k, v in f.items():
                    if k == "_protocols":
                        continue
                    if k == "_info":
                        f[k] = unescape(v) if cols else v
                    elif k == "_expert":
                        f[k] = [[a, b, unescape(m) if cols else m] for a, b, m in v]
                    else:
                        f[k] = [unescape(x) for x in v]
    known = load_known(known_path)
    ftypes = dict(base["fields"])
    diffs = []   # (field, text, reason)

    for name in sorted(set(base["fields"]) | set(other["fields"])):
        a, b = base["fields"].get(name), other["fields"].get(name)
        if a != b:
            text = "%s: %s -> %s" % (name, a, b)
            diffs.append(("_fields", text, explain(known, "_fields", text)))

    frames = values = 0
    for h, bc in sorted(base["captures"].items(), key=lambda kv: kv[1]["name"]):
        oc = other["captures"].get(h)
        if oc is None:
            continue
        name = bc["name"]
        if len(bc["frames"]) != len(oc["frames"]):
            text = "%s: %d frames -> %d" % (name, len(bc["frames"]), len(oc["frames"]))
            diffs.append(("_frames", text, explain(known, "_frames", text)))
            continue
        for i, (fa, fb) in enumerate(zip(bc["frames"], oc["frames"]), 1):
            frames += 1
            where = "%s frame %d [%s]" % (name, i, fa.get("_protocols", ""))
            for field in sorted(set(fa) | set(fb)):
                if field == "_protocols":
                    continue
                va, vb = fa.get(field, []), fb.get(field, [])
                values += 1
                if field == "_expert":
                    # item by item: one side's extra items are differences
                    # of their own (another dissector's item is not ours)
                    for side, xs, ys in (("only on " + base["version"], va, vb),
                                         ("only on " + other["version"], vb, va)):
                        rest = list(ys)
                        for x in xs:
                            if x in rest:
                                rest.remove(x)
                                continue
                            text = "%s: %s: %s" % (where, side, " / ".join(x))
                            diffs.append((field, text, explain(known, field, text)))
                    continue
                if field != "_info":
                    va, vb = norm(field, va, ftypes), norm(field, vb, ftypes)
                if va != vb:
                    text = "%s: %r -> %r" % (where, va, vb)
                    diffs.append((field, text, explain(known, field, text)))

    unexplained = [d for d in diffs if not d[2]]
    by_reason = {}
    for d in diffs:
        if d[2]:
            by_reason.setdefault(d[2], []).append(d)
    for reason, ds in sorted(by_reason.items()):
        print("known (%d): %s\n    e.g. %s: %s" % (len(ds), reason, ds[0][0], ds[0][1]))
    for d in unexplained[:200]:
        print("DIFF %s: %s" % (d[0], d[1]))
    if len(unexplained) > 200:
        print("... %d more unexplained differences" % (len(unexplained) - 200))
    for k in known:
        if not k[3][0]:
            print("note: known difference not seen: %s %s (%s)" % (k[0], k[1].pattern, k[2]))
    ncap = len(set(base["captures"]) & set(other["captures"]))
    print("decode-compare: %s vs %s: %d captures, %d frames, %d values, %d differences, %d unexplained"
          % (other["version"], base["version"], ncap, frames, values, len(diffs), len(unexplained)))
    if ncap == 0:
        print("decode-compare: no capture in common")
        return 1
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
