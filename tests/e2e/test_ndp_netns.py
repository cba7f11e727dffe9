# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen ndp on a real link: two network namespaces joined by veth (made
# and removed here). Every ND message type goes out through --raw (kernel
# raw ICMPv6 socket) and --iface (libnet link layer); a tcpdump capture on
# the peer must hold exactly the bytes the codec built, as recorded by
# --pcap in the same run (for --raw the kernel writes the Ethernet header,
# so the IPv6 packet is compared; for --iface the whole frame).
import atexit
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import sstest  # noqa: E402
import ndpnet  # noqa: E402


def messages(p):
    """(name, sockgen args) for every message type; unicast to the peer."""
    hdr = "6000000000103a40" + "fe80000000000000000000fffe000a01" + \
          "20010db8000000000000000000000009"
    return [
        ("rs", ["rs"]),
        ("ra", ["ra", "--flags", "M,O", "--prefix", "2001:db8::/64,L,A", "--mtu", "1500",
                "--rdnss", "2001:db8::53", "--dnssl", "example.com", "--route",
                "2001:db8:100::/48,prf=high", "--pref64", "64:ff9b::/96",
                "--nonce", "0102030405060708090a0b0c0d0e"]),
        ("ns", ["ns", "--target", p.llb]),
        ("ns-unicast", ["ns", "--dst", p.llb, "--target", p.llb]),
        ("na", ["na", "--flags", "O"]),
        ("na-solicited", ["na", "--dst", p.llb, "--flags", "S,O"]),
        ("redirect", ["redirect", "--dst", p.llb, "--target", "fe80::99",
                      "--destination", "2001:db8::9", "--redirected-header", hdr]),
        ("ind-sol", ["ind-sol", "--tlla", p.macb]),
        ("ind-adv", ["ind-adv", "--dst", p.llb, "--tlla", p.maca,
                     "--tgt-addr-list", "2001:db8::1,2001:db8::2", "--mtu", "1500"]),
        ("cps", ["cps", "--identifier", "9", "--trust-anchor", "fqdn=ca.example.com"]),
        ("cpa", ["cpa", "--dst", p.llb, "--identifier", "9", "--certificate", "3082000130"]),
    ]


def main():
    ndpnet.require()
    d = sstest.tmpdir()
    atexit.register(shutil.rmtree, d, True)   # scratch files go with the test
    with ndpnet.Pair("n") as p:
        msgs = messages(p)
        # DAD probes need a source of :: and so the link layer
        iface_only = [("ns-dad", ["ns", "--src", "::", "--target", "2001:db8::1234"])]
        cap_path = os.path.join(d, "peer.pcap")
        cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
        sent = []   # (what, bytes to find, compare from offset)
        try:
            for mode in ("raw", "iface"):
                for name, args in msgs + (iface_only if mode == "iface" else []):
                    out = os.path.join(d, "%s-%s.pcap" % (mode, name))
                    r = p.sockgen(p.nsa, "ndp", *args, "--" + mode, p.ifa, "--pcap", out,
                                  "--quiet")
                    what = "%s via --%s" % (name, mode)
                    if not sstest.eq(r.returncode, 0, what + " exit status\n" + r.stderr):
                        continue
                    frames = ndpnet.read_pcap(out)
                    if sstest.eq(len(frames), 1, what + ": one frame recorded"):
                        sent.append((what, frames[0], 14 if mode == "raw" else 0))
            # Pacing: 20 packets at 50/s take about 0.38 s and all arrive.
            t0 = time.monotonic()
            r = p.sockgen(p.nsa, "ndp", "na", "--raw", p.ifa, "--target", "2001:db8::77",
                          "--count", "20", "--rate", "50")
            took = time.monotonic() - t0
            sstest.eq(r.returncode, 0, "--count 20 --rate 50: exit status\n" + r.stderr)
            sstest.check(0.35 <= took < 5, "--rate 50 paces 20 packets", "took %.3f s" % took)
            sstest.check("20 packets in" in r.stderr, "summary line on stderr", r.stderr)
            # Unpaced, raw socket only: sent in sendmmsg() batches. Every
            # one, the last partial batch included, must reach the peer's
            # interface (its counter: tcpdump on a loaded machine drops
            # frames of a burst, the kernel does not).
            def rx():
                return int(ndpnet.run("ip", "netns", "exec", p.nsb, "cat",
                                      "/sys/class/net/%s/statistics/rx_packets" % p.ifb).stdout)
            before = rx()
            r = p.sockgen(p.nsa, "ndp", "na", "--raw", p.ifa, "--target", "2001:db8::78",
                          "--count", "300")
            sstest.eq(r.returncode, 0, "--count 300 unpaced (batched): exit status\n" + r.stderr)
            sstest.check("300 packets in" in r.stderr, "summary counts 300", r.stderr)
            delta = rx() - before
            sstest.check(300 <= delta < 310, "the peer's interface received the 300 batched packets",
                         "rx_packets grew by %d" % delta)
        finally:
            got = cap.stop(expect=len(sent) + 20)
        paced = [g for g in got if len(g) > 62 + 16 and g[54] == 136 and
                 g[62:78] == bytes.fromhex("20010db8000000000000000000000077")]
        sstest.eq(len(paced), 20, "all 20 paced packets captured")
        sstest.check(len(got) >= len(sent), "peer captured at least what was sent",
                     "%d frames for %d sent" % (len(got), len(sent)))
        for what, frame, start in sent:
            # the codec's defaults: interface MAC and link-local, hop limit 255
            sstest.eq(frame[6:12].hex(":"), p.maca, what + ": source MAC is the interface's")
            sstest.eq(frame[21], 255, what + ": hop limit 255")
            want = frame[start:]
            matches = [g for g in got if g[start:] == want]
            # --raw and --iface may send identical packets: every copy sent
            # must be there once
            n_sent = sum(1 for _, f, _ in sent if f[14:] == frame[14:])
            n_got = sum(1 for g in got if g[14:] == frame[14:])
            sstest.check(matches and n_got >= n_sent,
                         what + ": captured on the peer byte for byte",
                         "built %s\n      %d copies sent, %d captured" % (want.hex(), n_sent, n_got))
            if start and matches:
                # --raw: the kernel's Ethernet header has the same source
                sstest.eq(matches[0][6:12].hex(":"), p.maca, what + ": kernel Ethernet source")

        # The same captures decode with Wireshark's built-in icmpv6: good
        # checksums, every type present.
        rows = sstest.fields(cap_path, ["icmpv6.type", "icmpv6.checksum.status"],
                             filt="eth.src == %s" % p.maca, plugin=False)
        types = sorted(set(int(r[0].split(",")[0]) for r in rows))
        sstest.eq(types, [133, 134, 135, 136, 137, 141, 142, 148, 149],
                  "every ND type on the wire")
        sstest.check(all(r[1].split(",")[0] == "1" for r in rows),
                     "every captured checksum good (built-in)")

        # Runtime failures on a real system: a missing interface (exit 1)
        r = p.sockgen(p.nsa, "ndp", "rs", "--raw", "nosuch0", "--pcap", os.path.join(d, "x.pcap"))
        sstest.eq(r.returncode, 1, "missing interface: exit 1")
        sstest.check("nosuch0" in r.stderr, "missing interface named", r.stderr)
        sstest.check(not os.path.exists(os.path.join(d, "x.pcap")), "no pcap left behind")
    sstest.done()


main()
