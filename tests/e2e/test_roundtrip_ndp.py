# SPDX-License-Identifier: GPL-2.0-or-later
"""NDP round trip through a real link, checked by `sockgen verify`: every
message type with options covering every option type of the registry goes
out of one namespace through --raw (kernel raw socket) and --iface (libnet),
is captured on the peer with tcpdump, and the plugin's decode of the
capture must equal the manifests field by field. The kernel's own traffic
(neighbour resolution, MLD reports) is in the capture and is skipped."""
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402


KERNEL_DAD = "2001:db8::abcd"


def message_set(p):
    """peers.NDP_MESSAGES, unicast ones addressed to the peer's link-local
    (the kernel routes nothing else out of the namespace)."""
    out = []
    for verb, args in peers.NDP_MESSAGES.items():
        args = list(args)
        if "--dst" in args:
            args[args.index("--dst") + 1] = p.llb
        elif verb in ("redirect", "ind-adv"):
            args += ["--dst", p.llb]
        out.append((verb, args))
    # a DAD probe: source ::, no source LLA (link layer only)
    out.append(("ns-dad", ["ns", "--src", "::", "--target", "2001:db8::1234", "--no-slla"]))
    return out


def main():
    ndpnet.require()
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    manifest = os.path.join(d, "all.jsonl")
    types, verbs = set(), set()
    with ndpnet.Pair("rt") as p:
        cap_path = os.path.join(d, "peer.pcap")
        cap = ndpnet.Capture(p, p.nsb, p.ifb, cap_path)
        try:
            # the kernel's own traffic in the capture, for verify to skip: DAD
            # for a new address (NS from ::) and its MLD report
            p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=1" % p.ifa,
                 "net.ipv6.conf.%s.dad_transmits=1" % p.ifa)
            p.sh(p.nsa, "ip", "addr", "add", KERNEL_DAD + "/64", "dev", p.ifa)
            time.sleep(1.5)
            with open(manifest, "w") as allf:
                for mode in ("raw", "iface"):
                    for name, args in message_set(p):
                        if name == "ns-dad" and mode == "raw":
                            continue        # the kernel will not send from ::
                        m = os.path.join(d, "%s-%s.jsonl" % (mode, name))
                        r = p.sockgen(p.nsa, "ndp", args[0] if name == "ns-dad" else name,
                                      *(args[1:] if name == "ns-dad" else args),
                                      "--" + mode, p.ifa, "--manifest", m, "--quiet")
                        if not sstest.eq(r.returncode, 0, "%s via --%s sent (%s)" % (
                                name, mode, r.stderr.strip())):
                            continue
                        for rec in sstest.read_manifest(m):
                            types |= {int(t) for t in rec.get("ndisc.opt.type", "").split(",") if t}
                            verbs.add(rec.get("ndisc.type"))
                            allf.write(json.dumps(rec) + "\n")
        finally:
            cap.stop()
        sstest.eq(sorted(peers.ALL_OPTION_TYPES - types), [], "every option type sent")
        sstest.eq(sorted(verbs), ["133", "134", "135", "136", "137", "141", "142", "148", "149"], "every message type sent")
        rep = os.path.join(d, "report.json")
        v = peers.verify(manifest, cap_path, rep)
        print(v.stdout[-6000:], v.stderr, end="")
        sstest.eq(v.returncode, 0, "sockgen verify of the peer's capture exits 0")
        with open(rep) as f:
            r = json.load(f)
        n = len(sstest.read_manifest(manifest))
        sstest.eq((r["packets"], r["missing"]), (n, 0), "every sent packet found in the capture")
        sstest.check(r["fields"] > 20 * n, "many fields compared", str(r["fields"]))
        dad = sstest.fields(cap_path, ["frame.number"],
                            filt="ndisc.type == 135 && ipv6.src == :: && ndisc.ns.target == " + KERNEL_DAD)
        sstest.check(len(dad) >= 1, "the kernel's DAD probe is in the capture (and was skipped)")
        sstest.check(r["skipped"] >= len(dad) + 1, "kernel DAD and MLD packets skipped", str(r["skipped"]))
        peers.peers_row("sockgen ndp (netns --raw/--iface)", r["packets"], r["fields"], r["mismatches"],
                        "veth capture on the peer, kernel DAD/MLD skipped (%d packets)" % r["skipped"])
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
