# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc: what an option quotes is decoded, not shown as bytes. The
Redirected Header's packet goes to Wireshark's ipv6 dissector (and on to
UDP, ICMPv6, ...) as a quote: the packet's columns and addresses stay the
Redirect's, and a quoted ND message leaves no trace in the analysis or the
statistics. A trust anchor of name type 2 shows its FQDN."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

A = "20010db8" + "00" * 11 + "01"       # 2001:db8::1
B = "20010db8" + "00" * 11 + "09"       # 2001:db8::9
# IPv6 + UDP 1234 -> 53, 8 bytes of payload, quoted whole (56 octets)
UDP = "6000000000101140" + A + B + "04d2003500100000" + "6162636465666768"
# IPv6 + a DAD probe: NS from :: for 2001:db8::9 to its solicited-node group
# (hop limit 255); on its own it draws ndisc's "DAD probe" note
NS = "6000000000183aff" + "00" * 16 + "ff0200000000000000000001ff000009" + "8700000000000000" + B


def redirect(d, name, quoted, extra=()):
    pcap = os.path.join(d, name + ".pcap")
    p = sstest.run([sstest.SOCKGEN, "ndp", "redirect", "--pcap", pcap, "--quiet", "--src", "fe80::1",
                    "--target", "fe80::2", "--destination", "2001:db8::9",
                    "--redirected-header", quoted] + list(extra))
    sstest.check(p.returncode == 0, name + ": sockgen ran", p.stderr.strip())
    return pcap


def main():
    d = sstest.tmpdir()
    occ = ["-E", "occurrence=a", "-E", "aggregator=,"]

    pcap = redirect(d, "udp", UDP)
    row = sstest.fields(pcap, ["ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "ndisc.opt.type",
                               "_ws.col.Source", "_ws.col.Destination", "_ws.col.Protocol",
                               "ndisc.opt.redirected.data"], extra=occ)[0]
    sstest.eq(row[0:2], ["fe80::1,2001:db8::1", "ff02::1,2001:db8::9"],
              "outer and quoted IPv6 headers both decoded")
    sstest.eq(row[2:4], ["1234", "53"], "the quoted UDP header decoded")
    sstest.eq(row[5:8], ["fe80::1", "ff02::1", "NDISC"], "columns stay the Redirect's")
    sstest.eq(row[8], UDP.lower(), "the quoted bytes are still a field of their own")
    info = sstest.tshark("-n", "-r", pcap, "-V").stdout
    sstest.check("Redirected Header: 56 octets of 2001:db8::1 -> 2001:db8::9" in info,
                 "the option's summary names the quoted packet's addresses")
    sstest.eq([e for e in sstest.expert(pcap) if e[1] in ("Warning", "Error")], [],
              "a quoted packet cut short draws no warning")

    # a quoted ND message: decoded, but neither analysed nor counted
    pcap = redirect(d, "ns", NS)
    row = sstest.fields(pcap, ["ndisc.type", "ndisc.ns.target"], extra=occ)[0]
    sstest.eq(row, ["137,135", "2001:db8::9"], "the quoted NS decoded by ndisc")
    tree = sstest.tshark("-n", "-q", "-r", pcap, "-z", "ndisc,tree").stdout
    sstest.check("Redirect" in tree and "Neighbor Solicitation" not in tree,
                 "statistics count the Redirect, not the NS it quotes", tree)
    sstest.eq([e for e in sstest.expert(pcap) if "DAD" in e[3]], [], "no DAD analysis for a quoted probe")
    # the same probe on its own is analysed: the check above can fail
    alone = os.path.join(d, "probe.pcap")
    sstest.run([sstest.SOCKGEN, "ndp", "ns", "--pcap", alone, "--quiet", "--src", "::",
                "--target", "2001:db8::9", "--no-slla"], check_rc=0)
    sstest.check(any("DAD probe" in e[3] for e in sstest.expert(alone)), "an unquoted probe draws the DAD note")

    # trust anchor, name type 2: the FQDN
    pcap = os.path.join(d, "ta.pcap")
    sstest.run([sstest.SOCKGEN, "ndp", "cps", "--pcap", pcap, "--quiet",
                "--trust-anchor", "fqdn=ca.example.net", "--trust-anchor", "der=300a3108"], check_rc=0)
    row = sstest.fields(pcap, ["ndisc.opt.trust_anchor.name_type", "ndisc.opt.trust_anchor.fqdn"], extra=occ)[0]
    sstest.eq(row, ["2,1", "ca.example.net"], "FQDN shown for name type 2 only")
    sstest.done()


main()
