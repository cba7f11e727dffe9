# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc's security analysis on the captures of real thc-ipv6 attacks
(captures/ndp-attack-*.pcap, made by tests/e2e/test_ndp_attacks.py against
a radvd router and Linux hosts in network namespaces; captures/README.md):
each attack flagged on the attacker's frames with its own expert item, no
Warning at all on the healthy link, the Security branch of -z ndisc,tree,
and the preferences that tune it. Needs neither root nor namespaces."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

CAP = os.path.join(sstest.SRC, "captures")
R_MAC, A_MAC, A_LL = "02:00:00:00:01:01", "02:00:00:00:03:01", "fe80::ff:fe00:301"
# capture: (expert message start, field it sets, display filter for the
# attacker's frames), with no flagged frame outside them
ATTACKS = {
    "fake-router": ("Rogue router? fe80::ff:fe00:301 first advertises prefixes no router advertised and a default route",
                    "ndisc.analysis.rogue_router", "eth.src == %s" % A_MAC),
    "fake-router-hbh": ("ND message behind 1 extension header (hop-by-hop): RA-Guard evasion (RFC 7113)",
                        "ndisc.analysis.ext_headers", "eth.src == %s" % A_MAC),
    "fake-router-dsthdr": ("ND message in a fragmented packet (fragment, destination options): "
                           "hosts must ignore it (RFC 6980)",
                           "ndisc.analysis.fragmented", "eth.src == %s" % A_MAC),
    "fake-router-full": ("ND message in a fragmented packet (fragment, destination options, routing, "
                         "destination options, routing)", "ndisc.analysis.fragmented",
                         "eth.src == %s" % A_MAC),
    # -F: two one-shot fragment headers and an RA of 10 octets (up to
    # its router lifetime): malformed, and still the spoofed lifetime 0
    "kill-router-frag": ("Router lifetime 0 for fe80::ff:fe00:101 sent from 02:00:00:00:03:01, "
                         "not the router's 02:00:00:00:01:01", "ndisc.analysis.spoofed_lifetime0",
                         "eth.src == %s" % A_MAC),
    # -E 1: its answers to RSs behind two one-shot fragment headers
    "fake-router-frag1": ("ND message in a fragmented packet (fragment, fragment): hosts must ignore it "
                          "(RFC 6980)", "ndisc.analysis.fragmented",
                          "eth.src == %s && ipv6.fraghdr" % A_MAC),
    "kill-router": ("Router lifetime 0 for fe80::ff:fe00:101 sent from 02:00:00:00:03:01, "
                    "not the router's 02:00:00:00:01:01", "ndisc.analysis.spoofed_lifetime0",
                    "eth.src == %s" % A_MAC),
    "parasite": ("Address-to-MAC binding change: ", "ndisc.analysis.binding_change",
                 "eth.src == %s" % A_MAC),
    "fake-advertise": ("Address-to-MAC binding change: fe80::ff:fe00:101 was at 02:00:00:00:01:01",
                       "ndisc.analysis.binding_change", "eth.src == %s" % A_MAC),
    # dos-new-ip6 answers from random MACs: its NAs are the DAD conflicts
    "dos-new-ip": ("DAD denial of service: probes for 3 addresses answered within",
                   "ndisc.analysis.dad_dos", "ndisc.type == 136 && ndisc.analysis.dad_conflict"),
    # redir6 spoofs the router's address and MAC; the target gives it away
    "redirect": ("Redirect sends traffic for off-link 2001:db8:99::1 to fe80::ff:fe00:301",
                 "ndisc.analysis.redirect_not_router", "ndisc.redirect.target == %s" % A_LL),
    "ndp-exhaust": ("NS flood: ", "ndisc.analysis.ns_flood", "ndisc.type == 135 && eth.src == %s" % R_MAC),
    "flood-router": ("RA flood: ", "ndisc.analysis.ra_flood", "ndisc.type == 134 && eth.src != %s" % R_MAC),
}


def cap(name):
    return os.path.join(CAP, "ndp-attack-%s.pcap" % name)


def warnings(path, extra=()):
    args = ["-n", "-r", path, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=\x1f",
            "-e", "frame.number", "-e", "_ws.expert.severity", "-e", "_ws.expert.message"] + list(extra)
    out = []
    for line in sstest.tshark(*args).stdout.splitlines():
        f = line.split("\t")
        if len(f) < 3 or not f[2]:
            continue
        for sev, msg in zip(f[1].split("\x1f"), f[2].split("\x1f")):
            if int(sev) >= 6291456:
                out.append((int(f[0]), msg))
    return out


def frames(path, filt, extra=()):
    return {int(r[0]) for r in sstest.fields(path, ["frame.number"], filt=filt, extra=extra)}


sstest.eq(warnings(cap("healthy")), [], "healthy link (radvd, SLAAC, DAD, ndisc6, rdisc6, radvd restart): no Warning")
sstest.check(len(frames(cap("healthy"), "ndisc")) >= 15, "healthy capture has its ND traffic")
sstest.check(frames(cap("healthy"), "ndisc.ra.router_lifetime == 0 && eth.src == %s" % R_MAC),
             "healthy capture has the restarted router's final RA (lifetime 0)")

for name, (msg, field, filt) in ATTACKS.items():
    path = cap(name)
    own = frames(path, filt)
    hits = {n for n, m in warnings(path) if m.startswith(msg) or (", " + msg) in m or m.find(msg) >= 0}
    sstest.check(hits, "%s: '%s...' flagged" % (name, msg[:40]))
    if name == "parasite":
        # the real owners' next advertisements change the binding back:
        # flagged too (the flip count goes on), but the attacker's come first
        sstest.check(hits and min(hits) in own and len(hits & own) >= 2,
                     "%s: the attacker's frames flagged first" % name,
                     "flagged %s, attack frames %s" % (sorted(hits)[:8], sorted(own)[:8]))
    else:
        sstest.check(hits and hits <= own, "%s: flagged only on the attack's frames" % name,
                     "flagged %s, attack frames %s" % (sorted(hits)[:8], sorted(own)[:8]))
    sstest.eq(frames(path, field), hits, "%s: %s set on the flagged frames" % (name, field))

# how often it flipped: the router's address went to the attacker, back, again
sstest.eq(sstest.fields(cap("parasite"), ["ndisc.analysis.binding_change.count"],
                        filt="ndisc.analysis.binding_change == fe80::ff:fe00:101"),
          [["1"], ["2"], ["3"], ["4"]], "parasite: binding changes of the router's address counted")

# the rate and the threshold in the flood texts
m = [w for _, w in warnings(cap("flood-router")) if w.startswith("RA flood")]
sstest.check(m and re.search(r"\(\d+ routers/s; threshold 20/s, preference ndisc.ra_flood_threshold\)", m[0]),
             "RA flood text gives rate and threshold", m[0] if m else "")
# a rogue router flagged in a flood counts the default routers before it
# (the one radvd), not the flood's new routers
m = [w for _, w in warnings(cap("flood-router")) if w.startswith("Rogue router?")]
sstest.check(len(m) > 1 and all(", after 1 router (first " in w for w in m),
             "rogue routers in the flood: 'after 1 router'", m[-1] if m else "")
# the texts are only formatted when something reads them (ndisc_expert_text):
# a filter, -e or -z on them gets them all; a filter on other fields gets the
# same expert items
rogue = frames(cap("flood-router"), "ndisc.analysis.rogue_router.expert")
sstest.check(len(rogue) > 1, "rogue router expert items", repr(rogue))
sstest.eq(frames(cap("flood-router"), '_ws.expert.message contains ", after 1 router (first "'),
          rogue, "filter on the expert text finds every rogue router")
sstest.eq(frames(cap("flood-router"), "icmpv6.type == 134 && ndisc.analysis.rogue_router.expert "
                 "&& _ws.expert.severity == warning"), rogue,
          "filter on built-in fields and the expert items, no text read: the same frames")
z = sstest.tshark("-n", "-r", cap("flood-router"), "-q", "-z", "expert,warn").stdout
sstest.check(", after 1 router (first " in z, "-z expert shows the rogue router text", z[:400])
m = [w for _, w in warnings(cap("ndp-exhaust")) if w.startswith("NS flood")]
sstest.check(m and re.search(r"^NS flood: 5\d NS for unresolved addresses in [0-9.]+ s \(\d+/s; threshold 50/s", m[0]),
             "NS flood text gives count, time, rate and threshold", m[0] if m else "")

# thresholds tune it
sstest.eq(frames(cap("ndp-exhaust"), "ndisc.analysis.ns_flood", extra=("-o", "ndisc.ns_flood_threshold:100000")),
          set(), "ns_flood_threshold above the rate: no NS flood")
sstest.eq(frames(cap("flood-router"), "ndisc.analysis.ra_flood", extra=("-o", "ndisc.ra_flood_threshold:100000")),
          set(), "ra_flood_threshold above the rate: no RA flood")
sstest.eq(frames(cap("dos-new-ip"), "ndisc.analysis.dad_dos", extra=("-o", "ndisc.dad_dos_threshold:9")),
          set(), "dad_dos_threshold above the count (one MAC per address): no DAD DoS")

# known routers: the real router listed, the rogue one is flagged as unknown
known = ("-o", "ndisc.known_routers:fe80::ff:fe00:101=%s" % R_MAC)
sstest.eq(warnings(cap("healthy"), known), [], "healthy link with the router listed: no Warning")
unk = frames(cap("fake-router"), "ndisc.analysis.unknown_router", extra=known)
sstest.check(unk and unk == frames(cap("fake-router"), "eth.src == %s && ndisc.type == 134" % A_MAC),
             "known_routers: the rogue router's RAs are not known", repr(unk))
w = [m for _, m in warnings(cap("fake-router"), known) if "known router" in m]
sstest.check(w and w[0].startswith("Router fe80::ff:fe00:301 (02:00:00:00:03:01) is not a known router"),
             "known_routers expert text", repr(w[:1]))
wrong = ("-o", "ndisc.known_routers:fe80::ff:fe00:101=02:00:00:00:0f:0f")
sstest.check(frames(cap("healthy"), "ndisc.analysis.unknown_router", extra=wrong),
             "known_routers: the listed address at another MAC is flagged")

# a preference with nothing usable in it is no list; both routers listed:
# nothing to flag
bad = ("-o", "ndisc.known_routers:garbage,,fe80::1=zz")
sstest.eq(frames(cap("fake-router"), "ndisc.analysis.unknown_router", extra=bad), set(),
          "known_routers without a valid entry: no list")
sstest.eq(frames(cap("fake-router"), "ndisc.analysis.rogue_router", extra=bad),
          frames(cap("fake-router"), "ndisc.analysis.rogue_router"), "... and rogue routers as without it")
both = ("-o", "ndisc.known_routers:fe80::ff:fe00:101=%s;; fe80::ff:fe00:301" % R_MAC)
sstest.eq(frames(cap("fake-router"), "ndisc.analysis.unknown_router || ndisc.analysis.rogue_router",
                 extra=both), set(), "known_routers listing both routers: nothing flagged")

# the Security branch of -z ndisc,tree
p = sstest.tshark("-n", "-q", "-r", cap("parasite"), "-z", "ndisc,tree")
m = re.search(r"^Security\s+(\d+).*\n\s+Address-to-MAC binding changes\s+(\d+)", p.stdout, flags=re.M)
n = len(frames(cap("parasite"), "ndisc.analysis.binding_change"))
sstest.check(m and int(m.group(2)) == n and int(m.group(1)) >= n,
             "-z ndisc,tree: Security branch counts binding changes (%d)" % n, p.stdout[-800:])
p = sstest.tshark("-n", "-q", "-r", cap("fake-router-full"), "-z", "ndisc,tree")
sstest.check(re.search(r"^\s+ND in fragmented packets \(RFC 6980\)\s+1\b", p.stdout, flags=re.M),
             "-z ndisc,tree: fragmented ND counted", p.stdout[-800:])
p = sstest.tshark("-n", "-q", "-r", cap("healthy"), "-z", "ndisc,tree")
sstest.check(re.search(r"^Security\s+0\b", p.stdout, flags=re.M), "-z ndisc,tree: healthy Security 0",
             p.stdout[-800:])

# kill_router6 -F's RA stays malformed, with the fields it has
sstest.eq(sstest.fields(cap("kill-router-frag"), ["ndisc.ra.router_lifetime"],
                        filt="ndisc.short && eth.src == %s" % A_MAC), [["0"]],
          "kill-router-frag: short RA flagged malformed, its router lifetime decoded")


def frag_pcap(path):
    """RAs from the attacker whose fragments carry only part of the ICMPv6
    message: 1 an atomic fragment with 2 octets of it; 2 a first fragment
    with 8 octets whose rest never comes; 3+4 the same split, both parts."""
    import struct
    src = bytes.fromhex("fe80000000000000000000fffe000301")
    dst = bytes.fromhex("ff020000000000000000000000000001")
    ra = bytes([134, 0, 0, 0, 64, 0, 0x07, 0x08]) + bytes(8) + bytes([1, 1]) + bytes.fromhex(A_MAC.replace(":", ""))

    def frame(offset, more, ident, payload):
        fh = struct.pack("!BBHI", 58, 0, (offset << 3) | more, ident)
        ip = struct.pack("!IHBB", 0x60000000, len(fh) + len(payload), 44, 255) + src + dst
        return bytes.fromhex("333300000001" + A_MAC.replace(":", "") + "86dd") + ip + fh + payload
    frames_ = [frame(0, 0, 1, ra[:2]), frame(0, 1, 2, ra[:8]), frame(0, 1, 3, ra[:8]), frame(1, 0, 3, ra[8:])]
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames_):
            f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
    os.chmod(path, 0o644)


fp = os.path.join(sstest.tmpdir(), "ndp-frag-partial.pcap")
frag_pcap(fp)
sstest.eq(frames(fp, "ndisc.analysis.fragmented"), {1, 4},
          "partial ICMPv6 in fragments: the atomic one and the reassembled RA flagged")
sstest.eq(frames(fp, "ndisc.short"), {1}, "... the 2-octet message is malformed")
nodefrag = ("-o", "ipv6.defragment:FALSE")
sstest.eq(frames(fp, "ndisc.analysis.fragmented", extra=nodefrag), {1, 2, 3},
          "without reassembly: every fragment that carries part of the RA flagged")
sstest.eq(frames(fp, "ndisc.short", extra=nodefrag), {1},
          "... a first fragment is no short message")
sstest.eq(frames(fp, "ndisc.ra.router_lifetime == 1800", extra=nodefrag), {2, 3},
          "... its RA header's first octets decoded")

# two passes show what the first found
sstest.eq(frames(cap("kill-router"), "ndisc.analysis.spoofed_lifetime0", extra=("-2",)),
          frames(cap("kill-router"), "ndisc.analysis.spoofed_lifetime0"), "tshark -2 shows the same")
sstest.done()
