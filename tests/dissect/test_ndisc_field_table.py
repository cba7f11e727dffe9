# SPDX-License-Identifier: GPL-2.0-or-later
"""The codec's option field table (codec/ndp_fields.c, as `sockgen ndp
--list-options --json` prints it) against the plugin and the manifest
writer: every filter name of the table is a field the plugin registers
(tshark -G fields), and every ndisc.opt.* key the manifest writer emits,
for messages carrying every option type, is a field of the table (or one of
the option header fields every option has)."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest  # noqa: E402

if not os.path.exists(sstest.PLUGIN):
    sstest.skip("no plugin at " + sstest.PLUGIN)

opts = json.loads(sstest.sockgen("ndp", "--list-options", "--json").stdout)
table = {f["name"] for o in opts for f in o["fields"]}
sstest.check(len(opts) > 40 and len(table) > 100,
             "sockgen lists the option table (%d options, %d fields)" % (len(opts), len(table)))

p = sstest.tshark("-G", "fields")
sstest.eq(p.returncode, 0, "tshark -G fields runs with the plugin")
registered = {c.split("\t")[2] for c in p.stdout.splitlines()
              if c.startswith("F\t") and c.split("\t")[4] == "ndisc"}
for name in sorted(table):
    sstest.check(name in registered, "table field %s is registered by the plugin" % name)

# One message per line; together they carry every option type sockgen has a
# flag for (the flags a message does not expect included: negative tests).
MESSAGES = [
    "ra --slla 02:00:00:00:00:05 --prefix 2001:db8::/64,L,A,R,P --mtu 1500 --adv-interval 600"
    " --home-agent pref=-3,lifetime=60 --map 2001:db8::8,dist=2,pref=3,R --route 2001:db8:1::/48"
    " --rdnss 2001:db8::53 --ra-flags-ext 0x123456789abc --dnssl a.example,b.example"
    " --6lowpan-ctx 2001:db8::/64,cid=3,C --abro 2001:db8::1,version=70000 --6cio 3f00000000ff"
    " --captive-portal https://p.example/ --pref64 64:ff9b::/64 --rd-addr 2001:db8::7"
    " --uptime 99,exp=2 --encrypted-dns res.example,addr=2001:db8::53,svcparams=00010003026832"
    " --pvd-id pvd.example.com,seq=3,H,L,R,opts=0501000000000578 --cipo 1,a0a1a2a3a4a5a6a7a8"
    " --exp1 0102 --exp2 030405 --opt 200:deadbeef",
    "ns --target fe80::2 --nbma 5 --cga 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d"
    " --rsa-sig 000102030405060708090a0b0c0d0e0f,aabbccdd --timestamp 1700000000.5"
    " --nonce 0102030405060708090a0b0c0d0e --proxy-sig 0f0e0d0c0b0a09080706050403020100,1122"
    " --earo 0011223344556677,status=1,C,R,T --ndp-sig 0102030405",
    "cpa --trust-anchor fqdn=ta.example --certificate 3003020100aabb --hkr 3,0102030405"
    " --hkrep 2,60,aabbcc --hai 1,0102 --mn-id 2,030405 --ip-addr 1,2001:db8::1/64"
    " --new-router-prefix 0,2001:db8::/48 --fmip-lla 2,02:00:00:00:00:09"
    " --naack code=1,status=2,data=20010db8000000000000000000000001 --card-req 01020304"
    " --card-rep 0506",
    "cps --trust-anchor der=300a0b0c --slla hex:0102030405060708",
    "ind-adv --tgt-addr-list 2001:db8::1 --src-addr-list 2001:db8::3",
    "redirect --target fe80::2 --destination 2001:db8::9 --tlla 02:00:00:00:00:02"
    " --redirected-header 6000000000083a40" + "00" * 32,
]
HEADER = {"ndisc.opt.type", "ndisc.opt.len", "ndisc.opt.data"}
emitted, types = set(), set()
with tempfile.TemporaryDirectory() as d:
    for i, line in enumerate(MESSAGES):
        mf = os.path.join(d, "%d.jsonl" % i)
        sstest.sockgen("ndp", *line.split(), "--pcap", os.path.join(d, "%d.pcap" % i),
                       "--manifest", mf, "--quiet")
        for rec in sstest.read_manifest(mf):
            emitted |= {k for k in rec if k.startswith("ndisc.opt")}
            types |= {int(t) for t in rec.get("ndisc.opt.type", "").split(",") if t}
flagged = {o["type"] for o in opts if o["flag"]}
sstest.eq(sorted(flagged - types), [], "the messages carry every option type with a flag")
sstest.eq(sorted(emitted - table - HEADER), [],
          "every ndisc.opt.* key the manifest writer emits is in the field table")
sstest.done()
