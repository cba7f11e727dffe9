#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Render the README's "sockgen beside rdisc6/ndisc6/radvdump/radvd" table from
build/beside.tsv, the rows tests/e2e/test_ndp_solicit.py, test_ndp_resolve.py,
test_ndp_listen_tools.py and test_ndp_router.py write as they compare sockgen with the real
tools on the same packets (tests/lib/beside.py row): tool, sockgen command,
fields compared, how many, how many equal, the test.

usage: tests/e2e/beside_table.py [BESIDE_TSV [OUT_MD [README]]]
  defaults: $SOCKSCOPE_BUILD/beside.tsv and build/beside.md; with README,
  the table also replaces the lines between <!-- beside:begin --> and
  <!-- beside:end -->."""
import os
import sys

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "lib"))
import readme_block  # noqa: E402


def render(rows):
    out = ["| real tool | sockgen | fields compared | compared | equal | test |",
           "|---|---|---|---:|---:|---|"]
    for r in rows:
        out.append("| %s | `%s` | %s | %s | %s | `%s` |" % tuple(c.replace("|", "\\|") for c in r))
    return "\n".join(out) + "\n"


def main(argv):
    build = os.environ.get("SOCKSCOPE_BUILD", os.path.join(SRC, "build"))
    tsv = argv[1] if len(argv) > 1 else os.path.join(build, "beside.tsv")
    md = argv[2] if len(argv) > 2 else os.path.join(build, "beside.md")
    try:
        with open(tsv) as f:
            rows = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    except OSError as e:
        print("beside_table: %s: %s (run the tests first)" % (tsv, e.strerror), file=sys.stderr)
        return 1
    bad = [r for r in rows if len(r) != 6 or not (r[3].isdigit() and r[4].isdigit())]
    if bad:
        print("beside_table: %s: malformed row %r" % (tsv, bad[0]), file=sys.stderr)
        return 2
    table = render(rows)
    with open(md + ".tmp", "w") as f:
        f.write(table)
    os.replace(md + ".tmp", md)
    if len(argv) > 3 and not readme_block.splice(argv[3], "beside", table):
        print("beside_table: %s has no <!-- beside:begin/end --> markers" % argv[3], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
