# SPDX-License-Identifier: GPL-2.0-or-later
"""scapy (Debian python3-scapy) as an independent ND implementation, both
ways, from one seed (printed; SOCKSCOPE_SEED=N replays a run):
 1. scapy builds >= 10,000 random ND messages (every ND message class and
    every ND option class scapy has) into one pcap; the plugin's decode of
    each packet must equal scapy's own field values, mapped to ndisc.*
    names (one manifest, one `sockgen verify`, so one tshark run).
 2. sockgen builds random messages (--script) with a manifest; scapy parses
    sockgen's bytes, and its field values must equal the manifest's.
Run with /usr/bin/python3 (Debian's scapy)."""
import ipaddress
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import peers  # noqa: E402
import sstest  # noqa: E402

try:
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    from scapy.all import Ether, IPv6, rdpcap, wrpcap  # noqa: E402
    import scapy.layers.inet6 as i6  # noqa: E402
    import scapy
except ImportError as e:
    sstest.skip("scapy not importable with %s (Debian python3-scapy): %s" % (sys.executable, e))

N_SCAPY = int(os.environ.get("SOCKSCOPE_SCAPY_COUNT", "10000"))
N_SOCKGEN = int(os.environ.get("SOCKSCOPE_SCAPY_SOCKGEN_COUNT", "2000"))
MESSAGES = [i6.ICMPv6ND_RS, i6.ICMPv6ND_RA, i6.ICMPv6ND_NS, i6.ICMPv6ND_NA, i6.ICMPv6ND_Redirect,
            i6.ICMPv6ND_INDSol, i6.ICMPv6ND_INDAdv]
# ICMPv6NDOptLLA (RFC 5568 type 19) is left out: scapy 2.5 gives it a
# length of 1 (8 octets) for a 9-octet body, so its packets are malformed.
OPTIONS = ["SrcLLAddr", "DstLLAddr", "PrefixInfo", "RedirectedHdr", "MTU", "ShortcutLimit",
           "AdvInterval", "HAInfo", "SrcAddrList", "TgtAddrList", "IPAddr", "NewRtrPrefix",
           "MAP", "RouteInfo", "RDNSS", "EFA", "DNSSL", "Unknown"]


# -------------------------------------------------------------- formatting
def a6(x):
    """tshark's FT_IPv6 text (RFC 5952, as Python's ipaddress for these)."""
    return ipaddress.IPv6Address(x).compressed


def mac(x):
    return x.lower()


BASES = {}


def num(field, v):
    """An integer field as tshark prints it: per the field's display base."""
    base, digits = BASES.get(field, ("BASE_DEC", 0))
    if base == "BASE_HEX":
        return "0x%0*x" % (digits, v)
    return str(v)


def load_bases():
    p = sstest.tshark("-G", "fields")
    width = {"FT_UINT8": 2, "FT_UINT16": 4, "FT_UINT24": 6, "FT_UINT32": 8, "FT_UINT40": 10,
             "FT_UINT48": 12, "FT_UINT56": 14, "FT_UINT64": 16}
    for line in p.stdout.splitlines():
        c = line.split("\t")
        if len(c) >= 6 and c[0] == "F" and c[2].startswith("ndisc."):
            BASES[c[2]] = (c[5], width.get(c[3], 0))


def u2s16(v):
    """RFC 6275 7.4: the home agent preference is signed; scapy keeps it unsigned."""
    return v - 0x10000 if v & 0x8000 else v


# ------------------------------------------------------ scapy -> ndisc.*
class Rec(dict):
    def add(self, key, value):
        self[key] = self[key] + "," + value if key in self else value


def fields_of(pkt):
    """ndisc.* (and ipv6.*) values of a parsed scapy packet, as tshark
    prints them. Lists of one option kind join like -E occurrence=a."""
    ip = pkt[IPv6]
    m = ip.payload
    r = Rec()
    r["ipv6.src"], r["ipv6.dst"], r["ipv6.hlim"] = a6(ip.src), a6(ip.dst), str(ip.hlim)
    r["ndisc.type"], r["ndisc.code"] = str(m.type), str(m.code)
    r["ndisc.checksum"] = num("ndisc.checksum", m.cksum)
    if isinstance(m, i6.ICMPv6ND_RA):
        r["ndisc.ra.cur_hop_limit"] = str(m.chlim)
        for f, k in (("M", "m"), ("O", "o"), ("H", "h"), ("P", "p")):
            r["ndisc.ra.flag." + k] = str(getattr(m, f))
        r["ndisc.ra.prf"] = num("ndisc.ra.prf", m.prf)
        r["ndisc.ra.router_lifetime"] = str(m.routerlifetime)
        r["ndisc.ra.reachable"] = str(m.reachabletime)
        r["ndisc.ra.retrans"] = str(m.retranstimer)
    elif isinstance(m, i6.ICMPv6ND_NS):
        r["ndisc.ns.target"] = a6(m.tgt)
    elif isinstance(m, i6.ICMPv6ND_NA):
        r["ndisc.na.target"] = a6(m.tgt)
        for f in "RSO":
            r["ndisc.na.flag." + f.lower()] = str(getattr(m, f))
    elif isinstance(m, i6.ICMPv6ND_Redirect):
        r["ndisc.redirect.target"] = a6(m.tgt)
        r["ndisc.redirect.destination"] = a6(m.dst)
    o = m.payload
    while o and not isinstance(o, scapy.packet.NoPayload):
        name = type(o).__name__
        if isinstance(o, scapy.packet.Raw):
            # scapy 2.5 leaves options of unknown types as Raw (and
            # everything after them): the generator puts them last
            raw = bytes(o.load)
            while len(raw) >= 2 and raw[1]:
                n = 8 * raw[1]
                r.add("ndisc.opt.type", str(raw[0]))
                r.add("ndisc.opt.len", str(raw[1]))
                r.add("ndisc.opt.data", raw[2:n].hex())
                raw = raw[n:]
            break
        if not name.startswith("ICMPv6NDOpt"):
            break
        r.add("ndisc.opt.type", str(o.type))
        r.add("ndisc.opt.len", str(o.len))
        kind = name[len("ICMPv6NDOpt"):]
        if kind == "SrcLLAddr":
            r.add("ndisc.opt.slla.addr", mac(o.lladdr))
        elif kind == "DstLLAddr":
            r.add("ndisc.opt.tlla.addr", mac(o.lladdr))
        elif kind == "PrefixInfo":
            r.add("ndisc.opt.prefix.len", str(o.prefixlen))
            for f in "LAR":
                r.add("ndisc.opt.prefix.flag." + f.lower(), str(getattr(o, f)))
            r.add("ndisc.opt.prefix.valid", str(o.validlifetime))
            r.add("ndisc.opt.prefix.preferred", str(o.preferredlifetime))
            r.add("ndisc.opt.prefix.prefix", a6(o.prefix))
        elif kind == "RedirectedHdr":
            r.add("ndisc.opt.redirected.data", bytes(o.pkt).hex())
        elif kind == "MTU":
            r.add("ndisc.opt.mtu", str(o.mtu))
        elif kind == "ShortcutLimit":
            r.add("ndisc.opt.nbma.limit", str(o.shortcutlim))
        elif kind == "AdvInterval":
            r.add("ndisc.opt.adv_interval.interval", str(o.advint))
        elif kind == "HAInfo":
            r.add("ndisc.opt.ha_info.preference", str(u2s16(o.pref)))
            r.add("ndisc.opt.ha_info.lifetime", str(o.lifetime))
        elif kind in ("SrcAddrList", "TgtAddrList"):
            key = "ndisc.opt.%s_addr_list.addr" % ("src" if kind[0] == "S" else "tgt")
            for a in o.addrlist:
                r.add(key, a6(a))
        elif kind in ("IPAddr", "NewRtrPrefix"):
            key = "ndisc.opt." + ("ip_addr" if kind == "IPAddr" else "new_router_prefix")
            r.add(key + ".code", num(key + ".code", o.optcode))
            r.add(key + ".prefix_len", str(o.plen))
            r.add(key + ".addr", a6(o.addr if kind == "IPAddr" else o.prefix))
        elif kind == "MAP":
            r.add("ndisc.opt.map.dist", str(o.dist))
            r.add("ndisc.opt.map.pref", str(o.pref))
            r.add("ndisc.opt.map.flag.r", str(o.R))
            r.add("ndisc.opt.map.valid", str(o.validlifetime))
            r.add("ndisc.opt.map.addr", a6(o.addr))
        elif kind == "RouteInfo":
            r.add("ndisc.opt.route.len", str(o.plen))
            r.add("ndisc.opt.route.prf", num("ndisc.opt.route.prf", o.prf))
            r.add("ndisc.opt.route.lifetime", str(o.rtlifetime))
            # the prefix field holds len-1 8-octet units; the rest is zero
            raw = ipaddress.IPv6Address(o.prefix or "::").packed[:8 * (o.len - 1)]
            r.add("ndisc.opt.route.prefix", a6(raw.ljust(16, b"\0")))
        elif kind == "RDNSS":
            r.add("ndisc.opt.rdnss.lifetime", str(o.lifetime))
            for a in o.dns:
                r.add("ndisc.opt.rdnss.addr", a6(a))
        elif kind == "EFA":
            r.add("ndisc.opt.ra_flags_ext.flags", num("ndisc.opt.ra_flags_ext.flags", o.res))
        elif kind == "DNSSL":
            r.add("ndisc.opt.dnssl.lifetime", str(o.lifetime))
            for n in o.searchlist:
                n = n.decode() if isinstance(n, bytes) else n
                r.add("ndisc.opt.dnssl.name", n.rstrip("."))
        elif kind == "Unknown":
            r.add("ndisc.opt.data", bytes(o.data).hex())
        o = o.payload
    return r


# -------------------------------------------------- random scapy messages
def rnd_addr(rng):
    """2001:db8::/32 or fe80::/64 with random zero runs (exercises '::')."""
    head = rng.choice([b"\x20\x01\x0d\xb8", b"\xfe\x80\x00\x00"])
    groups = b"".join(b"\0\0" if rng.random() < 0.4 else rng.getrandbits(16).to_bytes(2, "big")
                      for _ in range(6))
    return a6(head + groups)


def rnd_mac(rng):
    return ":".join("%02x" % b for b in [rng.randrange(256) & 0xfe] + [rng.randrange(256) for _ in range(5)])


def rnd_prefix(rng, plen):
    a = int(ipaddress.IPv6Address(rnd_addr(rng)))
    mask = ((1 << 128) - 1) ^ ((1 << (128 - plen)) - 1) if plen else 0
    return a6(a & mask)


def rnd_label(rng):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(1, 12)))


def rnd_lifetime(rng):
    return rng.choice([0, 0xffffffff, rng.randrange(1 << 32), rng.randrange(1, 100000)])


def rnd_option(rng, kind):
    o = i6
    if kind == "SrcLLAddr":
        return o.ICMPv6NDOptSrcLLAddr(lladdr=rnd_mac(rng))
    if kind == "DstLLAddr":
        return o.ICMPv6NDOptDstLLAddr(lladdr=rnd_mac(rng))
    if kind == "PrefixInfo":
        plen = rng.randint(0, 128)
        return o.ICMPv6NDOptPrefixInfo(prefixlen=plen, L=rng.randint(0, 1), A=rng.randint(0, 1),
                                       R=rng.randint(0, 1), validlifetime=rnd_lifetime(rng),
                                       preferredlifetime=rnd_lifetime(rng), prefix=rnd_prefix(rng, plen))
    if kind == "RedirectedHdr":
        return o.ICMPv6NDOptRedirectedHdr(pkt=bytes(rng.randrange(256) for _ in range(8 * rng.randint(1, 8))))
    if kind == "MTU":
        return o.ICMPv6NDOptMTU(mtu=rng.choice([1280, 1500, 9000, rng.randrange(1 << 32)]))
    if kind == "ShortcutLimit":
        return o.ICMPv6NDOptShortcutLimit(shortcutlim=rng.randrange(256))
    if kind == "AdvInterval":
        return o.ICMPv6NDOptAdvInterval(advint=rng.randrange(1 << 32))
    if kind == "HAInfo":
        return o.ICMPv6NDOptHAInfo(pref=rng.randrange(1 << 16), lifetime=rng.randrange(1 << 16))
    if kind in ("SrcAddrList", "TgtAddrList"):
        cls = o.ICMPv6NDOptSrcAddrList if kind[0] == "S" else o.ICMPv6NDOptTgtAddrList
        return cls(addrlist=[rnd_addr(rng) for _ in range(rng.randint(1, 4))])
    if kind == "IPAddr":
        plen = rng.randint(0, 128)
        return o.ICMPv6NDOptIPAddr(optcode=rng.randint(1, 2), plen=plen, addr=rnd_addr(rng))
    if kind == "NewRtrPrefix":
        plen = rng.randint(0, 128)
        return o.ICMPv6NDOptNewRtrPrefix(optcode=0, plen=plen, prefix=rnd_prefix(rng, plen))
    if kind == "MAP":
        return o.ICMPv6NDOptMAP(dist=rng.randrange(16), pref=rng.randrange(16), R=rng.randint(0, 1),
                                validlifetime=rnd_lifetime(rng), addr=rnd_addr(rng))
    if kind == "RouteInfo":
        plen = rng.choice([0, 48, 56, 64, 96, 128, rng.randint(0, 128)])
        return o.ICMPv6NDOptRouteInfo(plen=plen, prf=rng.choice([0, 1, 3]), rtlifetime=rnd_lifetime(rng),
                                      prefix=rnd_prefix(rng, plen))
    if kind == "RDNSS":
        return o.ICMPv6NDOptRDNSS(lifetime=rnd_lifetime(rng), dns=[rnd_addr(rng) for _ in range(rng.randint(1, 3))])
    if kind == "EFA":
        return o.ICMPv6NDOptEFA(res=rng.randrange(1 << 48))
    if kind == "DNSSL":
        names = [".".join(rnd_label(rng) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        return o.ICMPv6NDOptDNSSL(lifetime=rnd_lifetime(rng), searchlist=names)
    # unassigned types, bodies padded to 8-octet units; the length is set
    # here because scapy 2.5 computes it in octets (RFC 4861 4.6: units
    # of 8 octets)
    data = bytes(rng.randrange(256) for _ in range(6 + 8 * rng.randint(0, 3)))
    return o.ICMPv6NDOptUnknown(type=rng.choice([22, 43, 100, 150, 200, 250]), len=(len(data) + 2) // 8,
                                data=data)


def rnd_message(rng):
    cls = rng.choice(MESSAGES)
    kw = {}
    if cls is i6.ICMPv6ND_RA:
        kw = dict(chlim=rng.randrange(256), M=rng.randint(0, 1), O=rng.randint(0, 1), H=rng.randint(0, 1),
                  prf=rng.randrange(4), P=rng.randint(0, 1), routerlifetime=rng.randrange(1 << 16),
                  reachabletime=rng.randrange(1 << 32), retranstimer=rng.randrange(1 << 32))
    elif cls in (i6.ICMPv6ND_NS,):
        kw = dict(tgt=rnd_addr(rng))
    elif cls is i6.ICMPv6ND_NA:
        kw = dict(tgt=rnd_addr(rng), R=rng.randint(0, 1), S=rng.randint(0, 1), O=rng.randint(0, 1))
    elif cls is i6.ICMPv6ND_Redirect:
        kw = dict(tgt=rnd_addr(rng), dst=rnd_addr(rng))
    m = cls(**kw)
    kinds = [rng.choice(OPTIONS) for _ in range(rng.randint(0, 6))]
    # unknown types last: scapy parses nothing after one (see fields_of)
    kinds.sort(key=lambda k: k == "Unknown")
    for k in kinds:
        m = m / rnd_option(rng, k)
    dst = rng.choice(["ff02::1", "ff02::2", rnd_addr(rng)])
    return Ether(src=rnd_mac(rng), dst="33:33:00:00:00:01") / IPv6(src=rnd_addr(rng), dst=dst, hlim=255) / m


# ----------------------------------------------- random sockgen messages
def rnd_sockgen_line(rng):
    verb = rng.choice(["rs", "ra", "ns", "na", "redirect", "ind-sol", "ind-adv"])
    w = [verb, "--src", rnd_addr(rng), "--src-mac", rnd_mac(rng)]
    if verb == "ra":
        w += ["--cur-hop-limit", str(rng.randrange(256)), "--router-lifetime", str(rng.randrange(1 << 16)),
              "--reachable", str(rng.randrange(1 << 32)), "--retrans", str(rng.randrange(1 << 32)),
              "--prf", rng.choice(["high", "medium", "low"])]
        fl = [f for f in "MOHP" if rng.random() < 0.5]
        if fl:
            w += ["--flags", ",".join(fl)]
    if verb in ("ns", "na", "redirect"):
        w += ["--target", rnd_addr(rng)]
    if verb == "na":
        fl = [f for f in "RSO" if rng.random() < 0.5]
        if fl:
            w += ["--flags", ",".join(fl)]
        w += ["--dst", rnd_addr(rng)]
    if verb == "redirect":
        w += ["--destination", rnd_addr(rng), "--dst", rnd_addr(rng)]
    used = set()
    for _ in range(rng.randint(0, 5)):
        k = rng.choice(["prefix", "mtu", "route", "rdnss", "dnssl", "adv", "ha", "sal", "tal", "nbma",
                        "map", "ipaddr", "nrp", "tlla"])
        # options that may appear once per message (sockgen refuses repeats)
        if k in used and k in ("mtu", "adv", "ha", "sal", "tal", "nbma", "tlla"):
            continue
        used.add(k)
        if k == "prefix":
            plen = rng.randint(0, 128)
            fl = [f for f in "LAR" if rng.random() < 0.5]
            v, p = rng.randrange(1 << 32), rng.randrange(1 << 32)
            p = min(p, v)
            w += ["--prefix", ",".join(["%s/%d" % (rnd_prefix(rng, plen), plen)] + fl +
                                       ["valid=%d" % v, "preferred=%d" % p])]
        elif k == "mtu":
            w += ["--mtu", str(rng.randrange(1280, 1 << 16))]
        elif k == "route":
            plen = rng.choice([0, 48, 64, 128])
            w += ["--route", "%s/%d,prf=%s,lifetime=%d" % (rnd_prefix(rng, plen), plen,
                                                          rng.choice(["high", "medium", "low"]),
                                                          rng.randrange(1 << 32))]
        elif k == "rdnss":
            w += ["--rdnss", ",".join([rnd_addr(rng) for _ in range(rng.randint(1, 3))] +
                                      ["lifetime=%d" % rng.randrange(1 << 32)])]
        elif k == "dnssl":
            w += ["--dnssl", ",".join([".".join(rnd_label(rng) for _ in range(rng.randint(1, 3)))
                                       for _ in range(rng.randint(1, 2))] +
                                      ["lifetime=%d" % rng.randrange(1 << 32)])]
        elif k == "adv":
            w += ["--adv-interval", str(rng.randrange(1 << 32))]
        elif k == "ha":
            w += ["--home-agent", "pref=%d,lifetime=%d" % (rng.randint(-32768, 32767), rng.randrange(1 << 16))]
        elif k in ("sal", "tal"):
            w += ["--%s-addr-list" % ("src" if k == "sal" else "tgt"),
                  ",".join(rnd_addr(rng) for _ in range(rng.randint(1, 3)))]
        elif k == "nbma":
            w += ["--nbma", str(rng.randrange(256))]
        elif k == "map":
            w += ["--map", "%s,dist=%d,pref=%d,valid=%d%s" % (rnd_addr(rng), rng.randrange(1, 16), rng.randrange(16),
                                                           rng.randrange(1 << 32), ",R" if rng.random() < .5 else "")]
        elif k == "ipaddr":
            w += ["--ip-addr", "%d,%s/%d" % (rng.randint(1, 2), rnd_addr(rng), rng.randint(0, 128))]
        elif k == "nrp":
            plen = rng.randint(0, 128)
            w += ["--new-router-prefix", "0,%s/%d" % (rnd_prefix(rng, plen), plen)]
        elif k == "tlla":
            w += ["--tlla", rnd_mac(rng)]
    return " ".join(w)


def main():
    if not os.access(sstest.SOCKGEN, os.X_OK):
        sstest.skip("sockgen not built at " + sstest.SOCKGEN)
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    seed = int(os.environ.get("SOCKSCOPE_SEED", str(random.SystemRandom().randrange(1 << 32))))
    print("seed %d (replay: SOCKSCOPE_SEED=%d), scapy %s" % (seed, seed, scapy.VERSION))
    rng = random.Random(seed)
    load_bases()
    d = sstest.tmpdir()

    # 1. scapy builds, the plugin decodes
    pkts, recs = [], []
    for _ in range(N_SCAPY):
        raw = bytes(rnd_message(rng))
        p = Ether(raw)           # parsed back: computed lengths and checksum
        pkts.append(p)
        rec = fields_of(p)
        rec["ndisc.checksum.status"] = "1"
        recs.append(rec)
    pcap, man, rep = (os.path.join(d, "scapy." + e) for e in ("pcap", "jsonl", "json"))
    wrpcap(pcap, pkts)
    with open(man, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    kinds = set()
    for p in pkts:
        o = p[IPv6].payload.payload
        while o and not isinstance(o, scapy.packet.NoPayload):
            kinds.add("Unknown" if isinstance(o, scapy.packet.Raw) else type(o).__name__[len("ICMPv6NDOpt"):])
            o = o.payload
    sstest.eq(sorted(set(OPTIONS) - kinds), [], "every scapy option class generated")
    v = peers.verify(man, pcap, rep)
    out = v.stdout.splitlines()
    print("\n".join(out[:80] + (["..."] if len(out) > 80 else []) + out[-2:]), v.stderr)
    sstest.eq(v.returncode, 0, "plugin decode == scapy's values for %d random messages (seed %d)" % (N_SCAPY, seed))
    with open(rep) as f:
        r1 = json.load(f)
    sstest.eq(r1["packets"], N_SCAPY, "every scapy packet compared")

    # 2. sockgen builds, scapy parses
    script = os.path.join(d, "sockgen.txt")
    with open(script, "w") as f:
        for _ in range(N_SOCKGEN):
            f.write(rnd_sockgen_line(rng) + "\n")
    spcap, sman = os.path.join(d, "sockgen.pcap"), os.path.join(d, "sockgen.jsonl")
    g = sstest.run([sstest.SOCKGEN, "ndp", "--script", script, "--pcap", spcap, "--manifest", sman, "--quiet"])
    fields2 = mism2 = 0
    if sstest.eq(g.returncode, 0, "sockgen --script of %d random messages (%s)" % (N_SOCKGEN, g.stderr.strip()[:300])):
        mans = sstest.read_manifest(sman)
        got = rdpcap(spcap)
        sstest.eq(len(got), len(mans), "one manifest record per sockgen packet")
        shown = 0
        for i, (p, want) in enumerate(zip(got, mans)):
            have = fields_of(p)
            for k in sorted(set(have) & set(want)):
                fields2 += 1
                if have[k] != want[k]:
                    mism2 += 1
                    if shown < 40:
                        shown += 1
                        print("  sockgen packet %d: %s: manifest %r, scapy %r" % (i + 1, k, want[k], have[k]))
        sstest.eq(mism2, 0, "scapy parses sockgen's bytes to the manifest's values (%d fields, seed %d)" % (
            fields2, seed))
        sstest.check(fields2 > 10 * N_SOCKGEN, "many fields compared", str(fields2))
    peers.peers_row("scapy %s" % scapy.VERSION, r1["packets"] + N_SOCKGEN, r1["fields"] + fields2,
                    r1["mismatches"] + mism2,
                    "random ND messages both ways (scapy->plugin, sockgen->scapy), seed %d" % seed)
    shutil.rmtree(d, ignore_errors=True)
    sstest.done()


main()
