# SPDX-License-Identifier: GPL-2.0-or-later
"""ndisc: one capture per ND option type made with `sockgen ndp --pcap`.
Every field sockgen's manifest names must come out of tshark with exactly the
manifest's value, the hand-written expectations below must hold, and no option
may raise an expert error. Options the RFCs allow only in messages sockgen
cannot build (CPS/CPA) go into an RA and are expected to draw exactly the
"not allowed" warning."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402
import ndisc_pkt  # noqa: E402

if not os.path.exists(sstest.SOCKGEN):
    sstest.skip("no sockgen at " + sstest.SOCKGEN)
if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

HASH = "00112233445566778899aabbccddeeff"
KEY32 = "11" * 32
CGA = "00" * 16 + "20010db8" + "00" * 4 + "00" + "0102030405060708"  # modifier, prefix, collision count, key

# (name, verb, args, {field: expected -T fields value}, allowed expert text)
CASES = [
    ("slla", "rs", ["--slla", "02:00:00:00:00:0a"],
     {"ndisc.opt.type": "1", "ndisc.opt.slla.addr": "02:00:00:00:00:0a"}, None),
    ("tlla", "na", ["--target", "fe80::1", "--dst", "fe80::2", "--flags", "S,O", "--tlla", "02:00:00:00:00:0b"],
     {"ndisc.opt.type": "2", "ndisc.opt.tlla.addr": "02:00:00:00:00:0b"}, None),
    ("prefix", "ra", ["--no-slla", "--prefix", "2001:db8::/64,L,A,valid=1d,preferred=4h"],
     {"ndisc.opt.type": "3", "ndisc.opt.len": "4", "ndisc.opt.prefix.prefix": "2001:db8::",
      "ndisc.opt.prefix.len": "64", "ndisc.opt.prefix.flag.l": "1",
      "ndisc.opt.prefix.flag.a": "1", "ndisc.opt.prefix.flag.r": "0",
      "ndisc.opt.prefix.valid": "86400", "ndisc.opt.prefix.preferred": "14400"}, None),
    ("redirected", "redirect", ["--target", "fe80::2", "--destination", "2001:db8::9",
                                "--redirected-header", "60000000000811ff" + "20010db8" + "00" * 11 + "01" + "20010db8" + "00" * 11 + "09" + "0035003500080000"],
     {"ndisc.opt.type": "4", "ndisc.redirect.target": "fe80::2",
      "ndisc.redirect.destination": "2001:db8::9"}, None),
    ("mtu", "ra", ["--no-slla", "--mtu", "1500"],
     {"ndisc.opt.type": "5", "ndisc.opt.mtu": "1500"}, None),
    ("nbma", "ns", ["--target", "fe80::2", "--no-slla", "--nbma", "3"],
     {"ndisc.opt.type": "6", "ndisc.opt.nbma.limit": "3"}, None),
    ("adv_interval", "ra", ["--no-slla", "--adv-interval", "600000"],
     {"ndisc.opt.type": "7", "ndisc.opt.adv_interval.interval": "600000"}, None),
    ("ha_info", "ra", ["--no-slla", "--home-agent", "pref=10,lifetime=1800"],
     {"ndisc.opt.type": "8", "ndisc.opt.ha_info.preference": "10",
      "ndisc.opt.ha_info.lifetime": "1800"}, None),
    ("src_addr_list", "ind-sol", ["--no-slla", "--src-addr-list", "2001:db8::1,2001:db8::2"],
     {"ndisc.opt.type": "9", "ndisc.opt.src_addr_list.addr": "2001:db8::1,2001:db8::2"}, None),
    ("tgt_addr_list", "ind-adv", ["--no-slla", "--tgt-addr-list", "2001:db8::3"],
     {"ndisc.opt.type": "10", "ndisc.opt.tgt_addr_list.addr": "2001:db8::3"}, None),
    ("cga", "ns", ["--target", "fe80::2", "--no-slla", "--cga", CGA],
     {"ndisc.opt.type": "11", "ndisc.opt.cga.params": CGA}, None),
    ("rsa_sig", "ns", ["--target", "fe80::2", "--no-slla", "--rsa-sig", HASH + ",abcdef"],
     {"ndisc.opt.type": "12", "ndisc.opt.rsa_sig.key_hash": HASH}, None),
    ("timestamp", "ns", ["--target", "fe80::2", "--no-slla", "--timestamp", "1700000000"],
     {"ndisc.opt.type": "13", "ndisc.opt.timestamp.timestamp": "111411200000000"}, None),
    ("nonce", "ns", ["--target", "fe80::2", "--no-slla", "--nonce", "010203040506"],
     {"ndisc.opt.type": "14", "ndisc.opt.nonce.nonce": "010203040506"}, None),
    ("trust_anchor", "ra", ["--no-slla", "--trust-anchor", "fqdn=ca.example"],
     {"ndisc.opt.type": "15", "ndisc.opt.trust_anchor.name_type": "2"},
     "Trust Anchor option not allowed in a Router Advertisement"),
    ("certificate", "ra", ["--no-slla", "--certificate", "3082010a"],
     {"ndisc.opt.type": "16", "ndisc.opt.certificate.cert_type": "1",
      "ndisc.opt.certificate.cert": "3082010a"},
     "Certificate option not allowed in a Router Advertisement"),
    ("ip_addr", "rs", ["--no-slla", "--ip-addr", "1,2001:db8::1/64"],
     {"ndisc.opt.type": "17", "ndisc.opt.ip_addr.code": "1",
      "ndisc.opt.ip_addr.prefix_len": "64", "ndisc.opt.ip_addr.addr": "2001:db8::1"}, None),
    ("new_router_prefix", "rs", ["--no-slla", "--new-router-prefix", "0,2001:db8:1::/48"],
     {"ndisc.opt.type": "18", "ndisc.opt.new_router_prefix.prefix_len": "48"}, None),
    ("fmip_lla", "rs", ["--no-slla", "--fmip-lla", "2,02:00:00:00:00:0c"],
     {"ndisc.opt.type": "19", "ndisc.opt.fmip_lla.code": "2"}, None),
    ("naack", "rs", ["--no-slla", "--naack", "code=1,status=1"],
     {"ndisc.opt.type": "20", "ndisc.opt.naack.code": "1", "ndisc.opt.naack.status": "1"}, None),
    ("pvd_id", "ra", ["--no-slla", "--pvd-id", "pvd.example.com,seq=7,H,R,lifetime=600,opts=0501000000000578"],
     {"ndisc.opt.type": "21,5", "ndisc.opt.pvd_id.fqdn": "pvd.example.com",
      "ndisc.opt.pvd_id.seq": "7", "ndisc.opt.pvd_id.flag.h": "1", "ndisc.opt.pvd_id.flag.r": "1",
      "ndisc.opt.pvd_id.ra.router_lifetime": "600", "ndisc.opt.mtu": "1400"}, None),
    ("map", "ra", ["--no-slla", "--map", "2001:db8::99,dist=1,pref=2,R,valid=3600"],
     {"ndisc.opt.type": "23", "ndisc.opt.map.dist": "1", "ndisc.opt.map.pref": "2",
      "ndisc.opt.map.flag.r": "1", "ndisc.opt.map.valid": "3600",
      "ndisc.opt.map.addr": "2001:db8::99"}, None),
    ("route", "ra", ["--no-slla", "--route", "2001:db8:100::/48,prf=high,lifetime=3600"],
     {"ndisc.opt.type": "24", "ndisc.opt.route.len": "48", "ndisc.opt.route.prf": "1",
      "ndisc.opt.route.lifetime": "3600", "ndisc.opt.route.prefix": "2001:db8:100::"}, None),
    ("rdnss", "ra", ["--no-slla", "--rdnss", "2001:db8::53,2001:db8::54,lifetime=600"],
     {"ndisc.opt.type": "25", "ndisc.opt.rdnss.addr": "2001:db8::53,2001:db8::54",
      "ndisc.opt.rdnss.lifetime": "600"}, None),
    ("ra_flags_ext", "ra", ["--no-slla", "--ra-flags-ext", "800000000001"],
     {"ndisc.opt.type": "26", "ndisc.opt.ra_flags_ext.flags": "140737488355329"}, None),
    ("hkr", "rs", ["--no-slla", "--hkr", "1,0a0b0c0d"],
     {"ndisc.opt.type": "27", "ndisc.opt.hkr.at": "1", "ndisc.opt.hkr.key": "0a0b0c0d"}, None),
    ("hkrep", "rs", ["--no-slla", "--hkrep", "1,600,0a0b0c0d"],
     {"ndisc.opt.type": "28", "ndisc.opt.hkrep.lifetime": "600",
      "ndisc.opt.hkrep.key": "0a0b0c0d"}, None),
    ("hai", "rs", ["--no-slla", "--hai", "1,0102"],
     {"ndisc.opt.type": "29", "ndisc.opt.hai.code": "1", "ndisc.opt.hai.value": "0102"}, None),
    ("mn_id", "rs", ["--no-slla", "--mn-id", "2,010203"],
     {"ndisc.opt.type": "30", "ndisc.opt.mn_id.code": "2", "ndisc.opt.mn_id.value": "010203"}, None),
    ("dnssl", "ra", ["--no-slla", "--dnssl", "example.com,corp.example.org,lifetime=600"],
     {"ndisc.opt.type": "31", "ndisc.opt.dnssl.name": "example.com,corp.example.org",
      "ndisc.opt.dnssl.lifetime": "600"}, None),
    ("proxy_sig", "ns", ["--target", "fe80::2", "--no-slla", "--proxy-sig", HASH + ",abcdef"],
     {"ndisc.opt.type": "32", "ndisc.opt.proxy_sig.key_hash": HASH}, None),
    ("earo", "ns", ["--target", "2001:db8::7", "--earo", "0102030405060708,tid=5,T,lifetime=60"],
     {"ndisc.opt.type": "1,33", "ndisc.opt.earo.tid": "5", "ndisc.opt.earo.flag.t": "1",
      "ndisc.opt.earo.lifetime": "60", "ndisc.opt.earo.rovr": "0102030405060708"}, None),
    ("lowpan_ctx", "ra", ["--no-slla", "--6lowpan-ctx", "2001:db8::/64,cid=1,C,lifetime=60"],
     {"ndisc.opt.type": "34", "ndisc.opt.lowpan_ctx.context_len": "64",
      "ndisc.opt.lowpan_ctx.cid": "1", "ndisc.opt.lowpan_ctx.flag.c": "1",
      "ndisc.opt.lowpan_ctx.prefix": "2001:db8::"}, None),
    ("abro", "ra", ["--no-slla", "--abro", "2001:db8::1,version=70000,lifetime=60"],
     {"ndisc.opt.type": "35", "ndisc.opt.abro.version_low": "4464",
      "ndisc.opt.abro.version_high": "1", "ndisc.opt.abro.addr": "2001:db8::1"}, None),
    ("cio", "rs", ["--no-slla", "--6cio", "000000000003"],
     {"ndisc.opt.type": "36", "ndisc.opt.cio.flags": "3"}, None),
    ("captive_portal", "ra", ["--no-slla", "--captive-portal", "https://portal.example/"],
     {"ndisc.opt.type": "37", "ndisc.opt.captive_portal.uri": "https://portal.example/"}, None),
    ("pref64", "ra", ["--no-slla", "--pref64", "64:ff9b::/96,lifetime=600"],
     {"ndisc.opt.type": "38", "ndisc.opt.pref64.plc": "0", "ndisc.opt.pref64.lifetime": "75",
      "ndisc.opt.pref64.prefix": "64:ff9b::"}, None),
    ("cipo", "ns", ["--target", "fe80::2", "--no-slla", "--cipo", "1," + KEY32],
     {"ndisc.opt.type": "39", "ndisc.opt.cipo.crypto_type": "1",
      "ndisc.opt.cipo.key_len": "32", "ndisc.opt.cipo.key": KEY32}, None),
    ("ndp_sig", "ns", ["--target", "fe80::2", "--no-slla", "--ndp-sig", "a1a2a3a4a5"],
     {"ndisc.opt.type": "40", "ndisc.opt.ndp_sig.signature": "a1a2a3a4a5"}, None),
    ("rd_addr", "ra", ["--no-slla", "--rd-addr", "2001:db8::5,lifetime=60"],
     {"ndisc.opt.type": "41", "ndisc.opt.rd_addr.lifetime": "60",
      "ndisc.opt.rd_addr.addr": "2001:db8::5"}, None),
    ("uptime", "ns", ["--target", "fe80::2", "--no-slla", "--uptime", "1000,exp=3"],
     {"ndisc.opt.type": "42"}, None),
    ("card_req", "rs", ["--no-slla", "--card-req", "01020304"],
     {"ndisc.opt.type": "138"}, None),
    ("card_rep", "rs", ["--no-slla", "--card-rep", "01020304"],
     {"ndisc.opt.type": "139"}, None),
    ("encrypted_dns", "ra", ["--no-slla", "--encrypted-dns",
                             "dns.example.net,priority=1,lifetime=600,addr=2001:db8::53,"
                             "svcparams=000100030268320003000201bb"],
     {"ndisc.opt.type": "144", "ndisc.opt.encrypted_dns.adn": "dns.example.net",
      "ndisc.opt.encrypted_dns.priority": "1", "ndisc.opt.encrypted_dns.lifetime": "600",
      "ndisc.opt.encrypted_dns.addr": "2001:db8::53",
      "ndisc.opt.encrypted_dns.svcparam.alpn": "h2",
      "ndisc.opt.encrypted_dns.svcparam.port": "443"}, None),
    ("exp1", "rs", ["--no-slla", "--exp1", "0102"],
     {"ndisc.opt.type": "253", "ndisc.opt.exp.data": "010200000000"}, None),
    ("exp2", "rs", ["--no-slla", "--exp2", "0304"],
     {"ndisc.opt.type": "254", "ndisc.opt.exp.data": "030400000000"}, None),
    ("unknown", "rs", ["--no-slla", "--opt", "200:0102030405"],
     {"ndisc.opt.type": "200", "ndisc.opt.data": "010203040500"}, None),
]


def main():
    d = sstest.tmpdir()
    covered = set()
    for name, verb, args, want, allowed in CASES:
        pcap = os.path.join(d, name + ".pcap")
        man = os.path.join(d, name + ".jsonl")
        p = sstest.run([sstest.SOCKGEN, "ndp", verb, "--pcap", pcap, "--manifest", man,
                        "--quiet"] + args)
        if not sstest.check(p.returncode == 0, name + ": sockgen ran", p.stderr.strip()):
            continue
        rows = sstest.read_manifest(man)
        keys = sorted({k for r in rows for k in r if k.startswith("ndisc.")} | set(want))
        got = sstest.fields(pcap, keys, extra=["-E", "occurrence=a"])
        sstest.eq(len(got), 1, name + ": one frame")
        if not got:
            continue
        row = dict(zip(keys, got[0]))
        for k, v in sorted(want.items()):
            sstest.eq(row.get(k), v, "%s: %s" % (name, k))
        for k in sorted(rows[0]):
            # sockgen's manifest lists only the outer options of a PvD ID,
            # tshark every option in the tree (nested ones too)
            if name == "pvd_id" and k in ("ndisc.opt.type", "ndisc.opt.len"):
                continue
            if k.startswith("ndisc."):
                sstest.eq(row.get(k), rows[0][k], "%s: %s equals the manifest" % (name, k))
        for t in row.get("ndisc.opt.type", "").split(","):
            covered.add(t)
        ex = ndisc_pkt.expert(pcap)
        errors = [e for e in ex if e[1] == "Error"]
        sstest.eq(errors, [], name + ": no expert error")
        warns = [e[2] for e in ex if e[1] == "Warning"]
        sstest.eq(warns, [allowed] if allowed else [], name + ": expert warnings")
    # the codec table is the list of types this test must cover
    sys.path.insert(0, os.path.dirname(__file__))
    want_types = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
                  "15", "16", "17", "18", "19", "20", "21", "23", "24", "25", "26", "27",
                  "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39",
                  "40", "41", "42", "138", "139", "144", "253", "254"}
    sstest.eq(sorted(want_types - covered, key=int), [], "every option type decoded")
    sstest.done()


main()
