# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen ndp replay on a real link: two network namespaces joined by veth
# (made and removed here, named after ndprp). A capture of RA, NS and NA
# (and a DAD probe from ::) is replayed, edited, into --iface on one end;
# tcpdump on the peer must hold every frame the replay recorded in its own
# --pcap, byte for byte, and sockgen verify passes on the peer's capture
# against the manifest. --raw sends the ICMPv6 messages with the kernel's
# IPv6 header: the peer sees the same ICMPv6 octets.
import atexit
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import sstest  # noqa: E402
import ndpnet  # noqa: E402


def main():
    ndpnet.require()
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("no plugin at %s" % sstest.PLUGIN)
    d = sstest.tmpdir()
    atexit.register(shutil.rmtree, d, True)
    with ndpnet.Pair("ndprp") as p:
        script = os.path.join(d, "msgs.txt")
        with open(script, "w") as f:
            f.write("ra --src %s --src-mac %s --prefix 2001:db8::/64,L,A --mtu 1500 "
                    "--rdnss 2001:db8::53\n" % (p.lla, p.maca))
            f.write("ns --src %s --src-mac %s --dst %s --dst-mac %s --target %s\n"
                    % (p.lla, p.maca, p.llb, p.macb, p.llb))
            f.write("na --src %s --src-mac %s --flags S,O --dst %s --dst-mac %s\n"
                    % (p.lla, p.maca, p.llb, p.macb))
            f.write("ns --src :: --src-mac %s --target 2001:db8::1234\n" % p.maca)
        src = os.path.join(d, "in.pcap")
        r = sstest.run([sstest.SOCKGEN, "ndp", "--script", script, "--pcap", src, "--quiet"])
        if not sstest.check(r.returncode == 0, "the input capture is made", r.stderr):
            sstest.done()

        # --iface: whole frames, edited
        peer = os.path.join(d, "peer.pcap")
        sent, man = os.path.join(d, "sent.pcap"), os.path.join(d, "sent.jsonl")
        cap = ndpnet.Capture(p, p.nsb, p.ifb, peer)
        try:
            r = p.sockgen(p.nsa, "ndp", "replay", "--from-pcap", src, "--iface", p.ifa,
                          "--pcap", sent, "--manifest", man,
                          "--set", "ndisc.ra.router_lifetime=0", "--set", "ndisc.opt.prefix.valid=60",
                          "--drop-opt", "rdnss", "--add-opt", "mtu=1280",
                          "--set", "ndisc.na.flag.o=0")
            sstest.check(r.returncode == 0, "replay --iface runs", r.stderr)
            sstest.check("4 ND messages sent (4 edited)" in r.stderr, "replay --iface: the counts",
                         r.stderr)
        finally:
            got = cap.stop(expect=4)
        want = ndpnet.read_pcap(sent)
        sstest.eq(len(want), 4, "--pcap beside --iface records the 4 messages")
        for i, w in enumerate(want):
            sstest.check(w in got, "--iface: message %d captured on the peer byte for byte" % (i + 1),
                         "sent %s\n      %d frames captured" % (w.hex(), len(got)))
        v = sstest.run([sstest.SOCKGEN, "verify", "--manifest", man, "--capture", peer,
                        "--plugin", sstest.PLUGIN])
        sstest.check(v.returncode == 0 and " 0 mismatches" in v.stdout,
                     "--iface: sockgen verify passes on the peer's capture", v.stdout[-800:] + v.stderr)
        rows = sstest.fields(peer, ["ndisc.ra.router_lifetime", "ndisc.opt.prefix.valid",
                                    "ndisc.opt.mtu", "ndisc.checksum.status"], filt="ndisc.type == 134")
        sstest.eq(rows[:1], [["0", "60", "1500,1280", "1"]], "--iface: the edited RA as the peer decodes it")

        # --raw: the ICMPv6 messages, the kernel's IPv6 header; not the DAD probe
        peer2, man2 = os.path.join(d, "peer2.pcap"), os.path.join(d, "raw.jsonl")
        cap = ndpnet.Capture(p, p.nsb, p.ifb, peer2)
        try:
            r = p.sockgen(p.nsa, "ndp", "replay", "--from-pcap", src, "--raw", p.ifa,
                          "--filter", "ip6 src %s" % p.lla, "--set", "ndisc.ra.retrans=77",
                          "--manifest", man2, "--quiet")
            sstest.check(r.returncode == 0, "replay --raw runs", r.stderr)
        finally:
            got = cap.stop(expect=3)
        inp = [f for f in ndpnet.read_pcap(src) if f[22:38] != bytes(16)]
        got_icmp = [f[54:] for f in got]
        sstest.check(any(g[0] == 134 and g[12:16] == (77).to_bytes(4, "big") for g in got_icmp),
                     "--raw: the RA with its retrans timer set reached the peer")
        for f in inp[1:]:
            sstest.check(f[54:] in got_icmp, "--raw: ICMPv6 type %d unchanged on the peer" % f[54])
        v = sstest.run([sstest.SOCKGEN, "verify", "--manifest", man2, "--capture", peer2,
                        "--plugin", sstest.PLUGIN])
        sstest.check(v.returncode == 0 and "verified 3 packets" in v.stdout and " 0 mismatches" in v.stdout,
                     "--raw: sockgen verify passes on the peer's capture", v.stdout[-800:] + v.stderr)
        rows = sstest.fields(peer2, ["ndisc.checksum.status"])
        sstest.check(rows and all(r == ["1"] for r in rows), "--raw: every checksum good", repr(rows))
    sstest.done()


main()
