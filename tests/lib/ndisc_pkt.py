# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers for the ndisc dissector tests: expert infos with readable
severities, sockgen captures in a temp dir, scapy captures for what sockgen
does not build (several messages from several hosts in one file)."""
import os

import sstest

def expert(capture, plugin=True, filt=None):
    """[(frame, severity name, message)] of every expert info."""
    return [(f, s, m) for f, s, _g, m in sstest.expert(capture, plugin=plugin, filt=filt)]


def messages(capture, severity=None, plugin=True):
    return [m for _f, s, m in expert(capture, plugin=plugin)
            if severity is None or s == severity]


class Gen:
    """sockgen ndp into pcaps under one temp dir."""

    def __init__(self):
        self.dir = sstest.tmpdir()

    def path(self, name):
        return os.path.join(self.dir, name)

    def ndp(self, name, verb, *args, manifest=False):
        pcap = self.path(name + ".pcap")
        cmd = [sstest.SOCKGEN, "ndp", verb, "--pcap", pcap, "--quiet"] + list(args)
        if manifest:
            cmd += ["--manifest", self.path(name + ".jsonl")]
        p = sstest.run(cmd)
        if p.returncode != 0:
            raise AssertionError("sockgen %s failed: %s" % (" ".join(cmd), p.stderr))
        return pcap

    def script(self, name, lines):
        """One pcap from several sockgen command lines (sockgen --script)."""
        sc = self.path(name + ".txt")
        with open(sc, "w") as f:
            f.write("\n".join(lines) + "\n")
        pcap = self.path(name + ".pcap")
        p = sstest.run([sstest.SOCKGEN, "ndp", "--script", sc, "--pcap", pcap, "--quiet"])
        if p.returncode != 0:
            raise AssertionError("sockgen --script failed: %s\n%s" % (p.stderr, "\n".join(lines)))
        return pcap

    def scapy(self, name, pkts):
        from scapy.all import wrpcap  # /usr/bin/python3 has Debian's scapy
        pcap = self.path(name + ".pcap")
        wrpcap(pcap, pkts)
        return pcap


# One sockgen capture per ND option type (shared by the option and the
# differential tests): (name, verb, args, {field: value}, allowed warning).
HASH = "00112233445566778899aabbccddeeff"
KEY32 = "11" * 32
# An Ed25519 SubjectPublicKeyInfo and a self-signed X.509 certificate
# (openssl genpkey -algorithm ed25519; openssl req -x509 -subj /CN=ca.example
# -set_serial 1 -days 36500 -outform DER): valid DER for the SEND options.
ED25519_SPKI = "302a300506032b65700321008e418ab1948aa053e9f785c9e80b9907d64b869ef0c7cbd9afc7e43e556f7e2c"
X509_CERT = ("3082012d3081e0a003020102020101300506032b657030153113301106035504030c0a63612e6578"
             "616d706c653020170d3236313230323137333235385a180f32313236313130383137333235385a30"
             "153113301106035504030c0a63612e6578616d706c65302a300506032b65700321008e418ab1948a"
             "a053e9f785c9e80b9907d64b869ef0c7cbd9afc7e43e556f7e2ca3533051301d0603551d0e041604"
             "14064982f35ac42f47b1c10efc55b903e4c10c8310301f0603551d23041830168014064982f35ac4"
             "2f47b1c10efc55b903e4c10c8310300f0603551d130101ff040530030101ff300506032b65700341"
             "003da2fcdc260037c66b1356d134b00583b23f6a2aa2223d5ae9f8882ad59fe5a2b26fbf9a897c8e"
             "3eb3739aac886223baac738345ca8244e8e2250288e1604304")
CGA = "00" * 16 + "20010db8" + "00" * 4 + "00" + ED25519_SPKI  # modifier, prefix, collision count, key

# (name, verb, args, {field: expected -T fields value}, the one expected
# expert Note: an option no RFC defines for the message, which receivers ignore)
OPTION_CASES = [
    ("slla", "rs", ["--slla", "02:00:00:00:00:0a"],
     {"ndisc.opt.type": "1", "ndisc.opt.slla.addr": "02:00:00:00:00:0a"}, None),
    ("tlla", "na", ["--src", "fe80::b", "--target", "fe80::b", "--dst", "fe80::2", "--flags", "S,O", "--tlla", "02:00:00:00:00:0b"],
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
     "Trust Anchor option is not defined for a Router Advertisement: receivers ignore it (RFC 4861 4.6)"),
    ("certificate", "ra", ["--no-slla", "--certificate", X509_CERT],
     {"ndisc.opt.type": "16", "ndisc.opt.certificate.cert_type": "1",
      "ndisc.opt.certificate.cert": X509_CERT},
     "Certificate option is not defined for a Router Advertisement: receivers ignore it (RFC 4861 4.6)"),
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
