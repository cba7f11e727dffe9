#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""docs/builtin-fields.md and the README's builtin-fields block from
doc/builtin-fields.tsv: Wireshark's built-in icmpv6 / vsock fields and the
plugin's field for the same value (scripts/coverage-table runs it)."""
import os
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(top, "tests", "lib"))
import readme_block  # noqa: E402


def main():
    rows = []
    with open(os.path.join(top, "doc", "builtin-fields.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t")[:2])
    table = ["| built-in field | sockscope field |", "|---|---|"]
    table += ["| `%s` | `%s` |" % (b, p) for b, p in rows]
    with open(os.path.join(top, "docs", "builtin-fields.md"), "w") as f:
        f.write("# Built-in fields and sockscope's\n\nGenerated from `doc/builtin-fields.tsv` "
                "by `doc/builtin_fields_md.py`. With the plugin loaded every built-in field "
                "still holds the value Wireshark's own dissector gives it (hidden items, "
                "`tests/dissect/test_builtin_compat.py`); these are the plugin's fields for "
                "the same values.\n\n" + "\n".join(table) + "\n")
    common = [r for r in rows if r[0] in (
        "icmpv6.type", "icmpv6.checksum.status", "icmpv6.nd.ns.target_address",
        "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.s", "icmpv6.nd.ra.router_lifetime",
        "icmpv6.opt.type", "icmpv6.opt.src_linkaddr", "icmpv6.opt.prefix.valid_lifetime",
        "icmpv6.opt.mtu", "icmpv6.opt.rdnss", "icmpv6.opt.dnssl", "vsock.src_cid",
        "vsock.dst_port", "vsock.virtio.op", "vsock.virtio.len", "vsock.payload")]
    body = ("| built-in field | sockscope field |\n|---|---|\n" +
            "\n".join("| `%s` | `%s` |" % (b, p) for b, p in common) +
            "\n\nAll %d pairs: [docs/builtin-fields.md](docs/builtin-fields.md) and "
            "`sockscope(7)`.\n" % len(rows))
    readme_block.splice(os.path.join(top, "README.md"), "builtin-fields", body)


if __name__ == "__main__":
    main()
