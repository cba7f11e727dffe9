# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc validity checks: each one has a capture that triggers it, asserted
by its exact expert message and severity, and a clean counterpart that must
raise no warning or error at all. Captures come from `sockgen ndp --pcap`
(negative knobs, raw --opt bodies) and scapy for a truncated message."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

PFX = "20010db8" + "00" * 12
# raw option bodies (after type and length)
PIO_PREF_GT_VALID = "40c0" + "00000064" + "000000c8" + "00000000" + PFX
PIO_LEN_129 = "81c0" + "00000064" + "00000032" + "00000000" + PFX
RIO_LEN_129 = "8100" + "00000064" + "20010db800000000"
RIO_LEN_65_IN_2 = "4100" + "00000064" + "20010db800000000"
DNSSL_LABEL_74 = "0000" + "00000258" + "4a" + "65" * 8
EDNS_ADN_LABEL_64 = "0001" + "00000258" + "0008" + "03666f6f40626172" + "0000" + "0000"

# name, bad sockgen args, clean sockgen args, severity, exact message
CASES = [
    ("hop_limit", ["ra", "--hop-limit", "64"], ["ra"], "Warning",
     "IPv6 hop limit is 64, not 255: not from an on-link neighbor, hosts discard it (RFC 4861 6.1)"),
    ("code", ["rs", "--code", "1"], ["rs"], "Warning",
     "Code is 1, not 0: hosts discard the message (RFC 4861 6.1)"),
    ("opt_len_zero", ["ra", "--opt-len", "1:0"], ["ra"], "Error",
     "Invalid option length (zero)"),
    ("opt_past_end", ["ra", "--no-slla", "--prefix", "2001:db8::/64", "--opt-len", "3:9"],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64"], "Error",
     "Option runs past the end of the message (72 octets declared, 32 left)"),
    ("opt_len_range", ["ra", "--no-slla", "--mtu", "1500", "--opt-len", "5:2",
                       "--opt", "200:0000000000000000"],
     ["ra", "--no-slla", "--mtu", "1500"], "Error",
     "MTU option length 2 outside 1..1 (units of 8 octets)"),
    ("not_allowed_prefix", ["ns", "--target", "fe80::2", "--prefix", "2001:db8::/64"],
     ["ns", "--target", "fe80::2"], "Note",
     "Prefix Information option is not defined for a Neighbor Solicitation: receivers ignore it (RFC 4861 4.6)"),
    ("not_allowed_redirected", ["ra", "--redirected-header",
                                "6000000000083a40" + "fe80" + "00" * 13 + "01" + "fe80" + "00" * 13 + "02"],
     ["ra"], "Note",
     "Redirected Header option is not defined for a Router Advertisement: receivers ignore it (RFC 4861 4.6)"),
    ("mtu_small", ["ra", "--no-slla", "--opt", "5:0000000004ff"], ["ra", "--no-slla", "--mtu", "1280"],
     "Warning", "MTU 1279 is below IPv6's minimum link MTU of 1280 (RFC 8200 5): hosts ignore it (RFC 4861 6.3.4)"),
    ("duplicate", ["ra", "--mtu", "1500", "--opt", "5:000000000578"], ["ra", "--mtu", "1500"],
     "Warning", "MTU option may appear only once; this is copy 2"),
    ("ns_unspec_slla", ["ns", "--src", "::", "--target", "fe80::2", "--slla", "02:00:00:00:00:01"],
     ["ns", "--src", "::", "--no-slla", "--target", "fe80::2"], "Warning",
     "NS from the unspecified address carries a source link-layer address option: hosts discard it "
     "(RFC 4861 7.1.1)"),
    ("ns_mcast_target", ["ns", "--target", "ff02::1"], ["ns", "--target", "fe80::2"], "Warning",
     "NS target is a multicast address: hosts discard it (RFC 4861 7.1.1)"),
    ("na_s_mcast", ["na", "--flags", "S", "--target", "fe80::1"],
     ["na", "--flags", "S", "--target", "fe80::1", "--dst", "fe80::2"], "Warning",
     "NA with the Solicited flag sent to a multicast destination: hosts discard it (RFC 4861 7.1.2)"),
    ("ra_src", ["ra", "--src", "2001:db8::1"], ["ra", "--src", "fe80::9"], "Warning",
     "RA source is not a link-local address: hosts discard it (RFC 4861 6.1.2)"),
    ("na_mcast_target", ["na", "--target", "ff02::1"], ["na", "--target", "fe80::1"], "Warning",
     "NA target is a multicast address: hosts discard it (RFC 4861 7.1.2)"),
    ("redirect_src", ["redirect", "--src", "2001:db8::1", "--target", "fe80::2", "--destination", "2001:db8::9"],
     ["redirect", "--target", "fe80::2", "--destination", "2001:db8::9"], "Warning",
     "Redirect source is not a link-local address: hosts discard it (RFC 4861 8.1)"),
    ("dad_dst", ["ns", "--src", "::", "--no-slla", "--target", "2001:db8::1234", "--dst", "ff02::1"],
     ["ns", "--src", "::", "--no-slla", "--target", "2001:db8::1234"], "Warning",
     "DAD probe sent to ff02::1, not to the target's solicited-node group ff02::1:ff00:1234: the "
     "address's owner does not hear it (RFC 4862 5.4.2, RFC 4861 7.1.1)"),
    ("pref64_plc", ["ra", "--no-slla", "--opt", "38:0006" + "0064ff9b" + "00" * 8],
     ["ra", "--no-slla", "--pref64", "64:ff9b::/96"], "Warning",
     "PREF64 Prefix Length Code 6 is not one of 0..5: receivers MUST ignore the option (RFC 8781 4)"),
    ("prefix_link_local", ["ra", "--no-slla", "--prefix", "fe80::/64,L,A"],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64,L,A"], "Warning",
     "Prefix Information for the link-local prefix fe80::/64: hosts ignore the option "
     "(RFC 4861 6.3.4, RFC 4862 5.5.3 b)"),
    ("prefix_slaac_len", ["ra", "--no-slla", "--prefix", "2001:db8::/48,L,A"],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64,L,A"], "Note",
     "Autonomous flag on a /48 prefix: a host forms addresses only where prefix length + interface "
     "identifier length = 128, so with 64-bit identifiers it ignores this one (RFC 4862 5.5.3 d)"),
    ("prefix_bits", ["ra", "--no-slla", "--prefix", "2001:db8::1/64,L"],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64,L"], "Warning",
     "Prefix 2001:db8::1 has bits set beyond its length /64: senders MUST zero them, receivers "
     "ignore them (RFC 4861 4.6.2)"),
    ("route_bits", ["ra", "--no-slla", "--route", "2001:db8:1:1::/48"],
     ["ra", "--no-slla", "--route", "2001:db8:1::/48"], "Warning",
     "Prefix 2001:db8:1:1:: has bits set beyond its length /48: senders MUST zero them, receivers "
     "ignore them (RFC 4861 4.6.2)"),
    ("rdnss_mcast", ["ra", "--no-slla", "--rdnss", "ff02::1"], ["ra", "--no-slla", "--rdnss", "2001:db8::53"],
     "Warning", "RDNSS address ff02::1 is multicast, not the unicast address of a DNS server: hosts "
     "cannot use it (RFC 8106 5.1)"),
    ("rdnss_unspec", ["ra", "--no-slla", "--rdnss", "::"], ["ra", "--no-slla", "--rdnss", "2001:db8::53"],
     "Warning", "RDNSS address :: is unspecified, not the unicast address of a DNS server: hosts "
     "cannot use it (RFC 8106 5.1)"),
    ("preferred_gt_valid", ["ra", "--no-slla", "--opt", "3:" + PIO_PREF_GT_VALID],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64,valid=200,preferred=100"], "Warning",
     "Preferred lifetime (200 s) exceeds valid lifetime (100 s)"),
    ("prefix_len", ["ra", "--no-slla", "--opt", "3:" + PIO_LEN_129],
     ["ra", "--no-slla", "--prefix", "2001:db8::/64"], "Warning",
     "Prefix length 129 exceeds 128"),
    ("route_len", ["ra", "--no-slla", "--opt", "24:" + RIO_LEN_129],
     ["ra", "--no-slla", "--route", "2001:db8::/64"], "Warning",
     "Route prefix length 129 exceeds 128"),
    ("route_len_opt", ["ra", "--no-slla", "--opt", "24:" + RIO_LEN_65_IN_2],
     ["ra", "--no-slla", "--route", "2001:db8::/65"], "Warning",
     "Route prefix length 65 does not fit option length 2"),
    ("dnssl_name", ["ra", "--no-slla", "--opt", "31:" + DNSSL_LABEL_74],
     ["ra", "--no-slla", "--dnssl", "example.com"], "Error",
     "Malformed domain name in DNSSL option"),
    ("adn_name", ["ra", "--no-slla", "--opt", "144:" + EDNS_ADN_LABEL_64],
     ["ra", "--no-slla", "--encrypted-dns", "foo.bar,addr=2001:db8::53"], "Error",
     "Malformed authentication domain name in encrypted DNS option"),
    ("reserved", ["rs", "--reserved", "5"], ["rs"], "Note", "Reserved field is not zero (0x5)"),
]


def main():
    g = ndisc_pkt.Gen()
    for name, bad, clean, sev, msg in CASES:
        try:
            b = g.ndp(name + "_bad", *bad)
            c = g.ndp(name + "_clean", *clean)
        except AssertionError as e:
            sstest.check(False, name + ": captures made", str(e))
            continue
        got = ndisc_pkt.expert(b)
        sstest.check((1, sev, msg) in got, "%s: %s %r" % (name, sev, msg), "got %r" % got)
        cg = ndisc_pkt.expert(c)
        sstest.check(all(m != msg for _f, _s, m in cg), name + ": clean capture does not trigger it",
                     "got %r" % cg)
        sstest.eq([e for e in cg if e[1] in ("Warning", "Error")], [],
                  name + ": clean capture has no warning or error")

    # bad checksum: the message names the value the good capture carries
    b = g.ndp("cksum_bad", "rs", "--bad-checksum")
    c = g.ndp("cksum_clean", "rs")
    good = sstest.fields(c, ["ndisc.checksum", "ndisc.checksum.status"])
    sstest.eq(good[0][1], "1", "checksum: clean capture verifies (status good)")
    bad = sstest.fields(b, ["ndisc.checksum.status"])
    sstest.eq(bad[0][0], "0", "checksum: bad capture has status bad")
    sstest.check((1, "Error", "Bad checksum [should be %s]" % good[0][0]) in ndisc_pkt.expert(b),
                 "checksum: exact expert message", repr(ndisc_pkt.expert(b)))

    # PvD IDs nested inside PvD IDs: dissected down to a bound, then marked
    def pvd(inner):
        body = bytes.fromhex("2000" "0001" "017000" + "00" * 7 +
                             "8600000040000708" + "00" * 8) + inner
        return bytes([21, (len(body) + 2) // 8]) + body
    opts = bytes.fromhex("0501000000000578")
    for _ in range(6):
        opts = pvd(opts)
    deep = g.ndp("pvd_deep", "ra", "--no-slla", "--opt", "21:" + opts[2:].hex())
    ex = ndisc_pkt.expert(deep)
    sstest.check((1, "Warning", "PvD ID options nested deeper than 4 levels; not dissected") in ex,
                 "deep PvD nesting bounded", repr(ex))
    sstest.eq(sstest.fields(deep, ["ndisc.opt.type"], extra=["-E", "occurrence=a"])[0],
              ["21,21,21,21"], "four PvD levels dissected")
    shallow = g.ndp("pvd_shallow", "ra", "--no-slla", "--opt", "21:" + pvd(pvd(
        bytes.fromhex("0501000000000578")))[2:].hex())
    sstest.eq(sstest.fields(shallow, ["ndisc.opt.type", "ndisc.opt.mtu"],
                            extra=["-E", "occurrence=a"])[0], ["21,21,5", "1400"],
              "two PvD levels and the MTU inside")
    sstest.eq([e for e in ndisc_pkt.expert(shallow) if "nested" in e[2]], [],
              "shallow PvD nesting not flagged")

    # a message shorter than its fixed part (sockgen never builds one)
    from scapy.all import Ether, IPv6, Raw
    short = g.scapy("short", [Ether(src="02:00:00:00:00:01", dst="33:33:00:00:00:01") /
                              IPv6(src="fe80::1", dst="ff02::1", nh=58, hlim=255) /
                              Raw(bytes([135, 0, 0, 0, 0, 0, 0, 0]))])
    sstest.check((1, "Error", "Neighbor Solicitation shorter than its fixed part (8 of 24 octets)")
                 in ndisc_pkt.expert(short), "short NS flagged", repr(ndisc_pkt.expert(short)))
    sstest.done()


main()
