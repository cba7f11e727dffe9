# SPDX-License-Identifier: GPL-2.0-or-later
"""Built-in dissectors against the plugin, field by field: on every capture
in captures/ and on synthetic ones (every `sockgen ndp` message type with
options covering the registry, every `sockgen vsock pcap` scenario), each
field that both Wireshark's built-in (icmpv6.*, vsock.*) and the plugin
(ndisc.*, vsockmon.*) decode must have the same value in the same frame.
One report across all captures; a field only one side decodes is counted,
not failed (the plugin decodes far more)."""
import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402


def same(v):
    return v


def first(v):
    """The outer message only: the built-in also dissects the packet inside
    a Redirected Header option, adding its ICMPv6 type, code, checksum, and
    from 4.4 on the RA header embedded in a PvD ID option (RFC 8801 3.1),
    adding RA header fields after the message's own."""
    return v.split(",")[0]


def as_numbers(v):
    """Integers compare by value: the two sides may print one field in
    different bases (e.g. PREF64 PLC 0x0000 and 0)."""
    try:
        return [int(x, 0) for x in v.split(",")]
    except ValueError:
        return None


def hexbytes(v):
    """FT_BYTES / FT_ETHER text without separators, lower case."""
    return v.replace(":", "").lower()


def signed16(v):
    """RFC 6275 7.4: the home agent preference is a signed 16-bit integer;
    Wireshark 4.0 declares it FT_UINT16, so its text is read as signed."""
    out = []
    for x in v.split(","):
        n = int(x)
        out.append(str(n - 0x10000 if n >= 0x8000 else n))
    return ",".join(out)


# (built-in field, plugin field, normaliser for the built-in's text).
# Built-in fields shared by several option types (icmpv6.opt.prefix and
# icmpv6.opt.prefix.length are set by prefix information, route information
# and PREF64, icmpv6.opt.hkr.at by both
# handover key options, ...) are left out: their aggregate cannot be lined
# up with one plugin field.
NDP = [
    ("icmpv6.type", "ndisc.type", first), ("icmpv6.code", "ndisc.code", first),
    ("icmpv6.checksum", "ndisc.checksum", first), ("icmpv6.checksum.status", "ndisc.checksum.status", first),
    ("icmpv6.nd.ra.cur_hop_limit", "ndisc.ra.cur_hop_limit", first),
    ("icmpv6.nd.ra.flag.m", "ndisc.ra.flag.m", first), ("icmpv6.nd.ra.flag.o", "ndisc.ra.flag.o", first),
    ("icmpv6.nd.ra.flag.h", "ndisc.ra.flag.h", first), ("icmpv6.nd.ra.flag.prf", "ndisc.ra.prf", first),
    ("icmpv6.nd.ra.flag.p", "ndisc.ra.flag.p", first),
    ("icmpv6.nd.ra.router_lifetime", "ndisc.ra.router_lifetime", first),
    ("icmpv6.nd.ra.reachable_time", "ndisc.ra.reachable", first),
    ("icmpv6.nd.ra.retrans_timer", "ndisc.ra.retrans", first),
    ("icmpv6.nd.ns.target_address", "ndisc.ns.target", same),
    ("icmpv6.nd.na.target_address", "ndisc.na.target", same),
    ("icmpv6.nd.na.flag.r", "ndisc.na.flag.r", same), ("icmpv6.nd.na.flag.s", "ndisc.na.flag.s", same),
    ("icmpv6.nd.na.flag.o", "ndisc.na.flag.o", same),
    ("icmpv6.nd.rd.target_address", "ndisc.redirect.target", same),
    ("icmpv6.opt.type", "ndisc.opt.type", same), ("icmpv6.opt.length", "ndisc.opt.len", same),
    ("icmpv6.opt.src_linkaddr", "ndisc.opt.slla.addr", hexbytes),
    ("icmpv6.opt.target_linkaddr", "ndisc.opt.tlla.addr", hexbytes),
    ("icmpv6.opt.prefix.flag.l", "ndisc.opt.prefix.flag.l", same),
    ("icmpv6.opt.prefix.flag.a", "ndisc.opt.prefix.flag.a", same),
    ("icmpv6.opt.prefix.flag.r", "ndisc.opt.prefix.flag.r", same),
    ("icmpv6.opt.prefix.valid_lifetime", "ndisc.opt.prefix.valid", same),
    ("icmpv6.opt.prefix.preferred_lifetime", "ndisc.opt.prefix.preferred", same),
    ("icmpv6.opt.nonce", "ndisc.opt.nonce.nonce", hexbytes),
    ("icmpv6.opt.nrpi.option_code", "ndisc.opt.new_router_prefix.code", same),
    ("icmpv6.opt.nrpi.prefix_len", "ndisc.opt.new_router_prefix.prefix_len", same),
    ("icmpv6.opt.nrpi.prefix", "ndisc.opt.new_router_prefix.addr", same),
    ("icmpv6.opt.lla.option_code", "ndisc.opt.fmip_lla.code", same),
    ("icmpv6.opt.lla.bytes", "ndisc.opt.fmip_lla.lla", hexbytes),
    ("icmpv6.opt.naack.option_code", "ndisc.opt.naack.code", same),
    ("icmpv6.opt.naack.status", "ndisc.opt.naack.status", same),
    ("icmpv6.opt.map.distance", "ndisc.opt.map.dist", same),
    ("icmpv6.opt.map.preference", "ndisc.opt.map.pref", same),
    ("icmpv6.opt.map.flag.r", "ndisc.opt.map.flag.r", same),
    ("icmpv6.opt.map.valid_lifetime", "ndisc.opt.map.valid", same),
    ("icmpv6.opt.map.global_address", "ndisc.opt.map.addr", same),
    ("icmpv6.opt.route_info.flag.route_preference", "ndisc.opt.route.prf", same),
    ("icmpv6.opt.route_lifetime", "ndisc.opt.route.lifetime", same),
    ("icmpv6.opt.mtu", "ndisc.opt.mtu", same),
    ("icmpv6.opt.nbma.shortcut_limit", "ndisc.opt.nbma.limit", same),
    ("icmpv6.opt.advertisement_interval", "ndisc.opt.adv_interval.interval", same),
    ("icmpv6.opt.home_agent_preference", "ndisc.opt.ha_info.preference", signed16),
    ("icmpv6.opt.home_agent_lifetime", "ndisc.opt.ha_info.lifetime", same),
    ("icmpv6.opt.rdnss.lifetime", "ndisc.opt.rdnss.lifetime", same),
    ("icmpv6.opt.rdnss", "ndisc.opt.rdnss.addr", same),
    ("icmpv6.opt.hkr.lifetime", "ndisc.opt.hkrep.lifetime", same),
    ("icmpv6.opt.hai.option_code", "ndisc.opt.hai.code", same),
    ("icmpv6.opt.hai.length", "ndisc.opt.hai.value_len", same),
    ("icmpv6.opt.hai.value", "ndisc.opt.hai.value", hexbytes),
    ("icmpv6.opt.mn.option_code", "ndisc.opt.mn_id.code", same),
    ("icmpv6.opt.mn.length", "ndisc.opt.mn_id.value_len", same),
    ("icmpv6.opt.mn.value", "ndisc.opt.mn_id.value", hexbytes),
    ("icmpv6.opt.dnssl.lifetime", "ndisc.opt.dnssl.lifetime", same),
    ("icmpv6.opt.dnssl", "ndisc.opt.dnssl.name", same),
    ("icmpv6.opt.abro.version_low", "ndisc.opt.abro.version_low", same),
    ("icmpv6.opt.abro.version_high", "ndisc.opt.abro.version_high", same),
    ("icmpv6.opt.abro.valid_lifetime", "ndisc.opt.abro.lifetime", same),
    ("icmpv6.opt.abro.6lbr_address", "ndisc.opt.abro.addr", same),
    ("icmpv6.opt.captive_portal", "ndisc.opt.captive_portal.uri", same),
    ("icmpv6.opt.pref64.scaled_lifetime", "ndisc.opt.pref64.lifetime", same),
    ("icmpv6.opt.pref64.plc", "ndisc.opt.pref64.plc", same),
    ("icmpv6.opt.pref64.prefix", "ndisc.opt.pref64.prefix", same),
    ("icmpv6.opt.ps.key_hash", "ndisc.opt.proxy_sig.key_hash", hexbytes),
]
VSOCK = [
    ("vsock.src_cid", "vsockmon.src_cid", same), ("vsock.dst_cid", "vsockmon.dst_cid", same),
    ("vsock.src_port", "vsockmon.src_port", same), ("vsock.dst_port", "vsockmon.dst_port", same),
    ("vsock.op", "vsockmon.op", same), ("vsock.trans", "vsockmon.transport", same),
    ("vsock.trans_len", "vsockmon.len", same),
    ("vsock.virtio.src_cid", "vsockmon.virtio.src_cid", same),
    ("vsock.virtio.dst_cid", "vsockmon.virtio.dst_cid", same),
    ("vsock.virtio.src_prot", "vsockmon.virtio.src_port", same),     # sic: the built-in's name
    ("vsock.virtio.dst_prot", "vsockmon.virtio.dst_port", same),
    ("vsock.virtio.len", "vsockmon.virtio.len", same), ("vsock.virtio.type", "vsockmon.virtio.type", same),
    ("vsock.virtio.op", "vsockmon.virtio.op", same), ("vsock.virtio.flags", "vsockmon.virtio.flags", same),
    ("vsock.virtio.buf_alloc", "vsockmon.virtio.buf_alloc", same),
    ("vsock.virtio.fwd_cnt", "vsockmon.virtio.fwd_cnt", same),
    ("vsock.payload", "vsockmon.payload", hexbytes),
]
VSOCK_SCENARIOS = ["stream-echo", "bulk", "seqpacket", "refused", "reset-mid-stream",
                   "half-close", "credit-stall", "http"]


def table(capture, names, plugin):
    rows = sstest.fields(capture, ["frame.number"] + names, plugin=plugin,
                         extra=("-E", "occurrence=a", "-E", "aggregator=,"))
    return {r[0]: r[1:] for r in rows}


def compare(capture, pairs, report):
    """Compare one capture; returns (frames, fields compared, one-sided)."""
    bi = table(capture, [b for b, _, _ in pairs], plugin=False)
    pl = table(capture, [p for _, p, _ in pairs], plugin=True)
    compared = one_sided = 0
    for frame, brow in bi.items():
        prow = pl.get(frame)
        if prow is None:
            report.append((capture, frame, "(frame)", "", "present", "missing"))
            continue
        for k, (b, p, norm) in enumerate(pairs):
            bv, pv = brow[k] if k < len(brow) else "", prow[k] if k < len(prow) else ""
            if not bv or not pv:
                one_sided += bool(bv or pv)
                continue
            compared += 1
            nb, np_ = norm(bv), (pv if norm is signed16 else norm(pv))
            if nb == np_ or (as_numbers(nb) is not None and as_numbers(nb) == as_numbers(np_)):
                continue
            report.append((capture, frame, b, p, bv, pv))
    return len(bi), compared, one_sided


def main():
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    if not shutil.which("tshark"):
        sstest.skip("tshark not installed")
    d = sstest.tmpdir()
    # synthetic NDP: every message type, all option types, one pcap
    script = os.path.join(d, "ndp.txt")
    with open(script, "w") as f:
        for verb, args in peers.NDP_MESSAGES.items():
            f.write(" ".join([verb] + args) + "\n")
    ndp = os.path.join(d, "sockgen-ndp.pcap")
    sstest.sockgen("ndp", "--script", script, "--pcap", ndp, "--quiet")
    # synthetic vsock: every scenario, concatenated
    parts = []
    for sc in VSOCK_SCENARIOS:
        parts.append(os.path.join(d, "vs-%s.pcap" % sc))
        sstest.sockgen("vsock", "pcap", "--out", parts[-1], "--scenario", sc)
    vs = os.path.join(d, "sockgen-vsock.pcap")
    subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", vs] + parts, check=True, capture_output=True)
    captures = [(ndp, NDP), (vs, VSOCK)]
    for c in sorted(glob.glob(os.path.join(sstest.SRC, "captures", "*.pcap*"))):
        link = sstest.fields(c, ["frame.protocols"], plugin=False)
        protos = link[0][0] if link else ""
        captures.append((c, VSOCK if protos.startswith("vsock") else NDP))
    report, totals = [], [0, 0, 0]
    for cap, pairs in captures:
        n, compared, one = compare(cap, pairs, report)
        totals = [totals[0] + n, totals[1] + compared, totals[2] + one]
        sstest.check(compared > 0, "%s: fields compared" % os.path.basename(cap), "%d frames" % n)
    print("built-in vs plugin: %d captures, %d frames, %d fields compared, %d decoded by one side only, "
          "%d disagreements" % (len(captures), totals[0], totals[1], totals[2], len(report)))
    for cap, frame, b, p, bv, pv in report[:200]:
        print("  %s frame %s: %s = %r, %s = %r" % (os.path.basename(cap), frame, b, bv, p, pv))
    sstest.eq(len(report), 0, "built-in and plugin agree on every field both decode")
    peers.peers_row("Wireshark %s built-in (icmpv6, vsock)" % peers.pkg_version("tshark"), totals[0],
                    totals[1], len(report), "every capture in captures/ plus synthetic ones")
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
