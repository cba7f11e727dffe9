# SPDX-License-Identifier: GPL-2.0-or-later
"""SEND options as deep as Wireshark's own dissection (issue 13): the CGA
Parameters of a CGA option (RFC 3972 3: modifier, subnet prefix, collision
count, the DER public key handed to Wireshark's BER dissection, extension
fields) and the certificate of a Certificate option (RFC 3971 6.4.2) handed
to Wireshark's X.509 dissector, byte-exact with its padding split off. The
key and certificate are made by openssl, which also says what the X.509
decode must show."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import ndisc_pkt  # noqa: E402
import sstest as t  # noqa: E402

if not os.path.exists(t.SOCKGEN):
    t.skip("no sockgen at " + t.SOCKGEN)
if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at " + t.PLUGIN)
if not shutil.which("openssl"):
    t.skip("openssl not installed (it makes the key and certificate)")

g = ndisc_pkt.Gen()
d = g.dir


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True, capture_output=True)


openssl("genrsa", "-out", d + "/k.pem", "1024")
openssl("rsa", "-in", d + "/k.pem", "-pubout", "-outform", "DER", "-out", d + "/pub.der")
openssl("req", "-x509", "-key", d + "/k.pem", "-subj", "/CN=router.example", "-days", "1",
        "-set_serial", "4660", "-outform", "DER", "-out", d + "/cert.der")
pub = open(d + "/pub.der", "rb").read().hex()
cert = open(d + "/cert.der", "rb").read().hex()

# ---- CGA: modifier 7, prefix 2001:db8::/64, count 1, the key, one extension
params = "%032x" % 7 + "20010db800000000" + "01" + pub + "0001" + "0002" + "abcd"
cga = g.ndp("cga", "ns", "--target", "fe80::2", "--no-slla", "--cga", params)
r = t.fields(cga, ["ndisc.opt.cga.params", "ndisc.opt.cga.modifier", "ndisc.opt.cga.subnet_prefix",
                   "ndisc.opt.cga.collision_count", "ndisc.opt.cga.public_key",
                   "ndisc.opt.cga.ext.type", "ndisc.opt.cga.ext.len", "ndisc.opt.cga.ext.data",
                   "frame.number"])[0]
t.eq(r[0], params, "CGA parameters: the whole block")
t.eq(r[1:4], ["%032x" % 7, "20010db800000000", "1"], "modifier, subnet prefix, collision count")
t.eq(r[4], pub, "public key: exactly the DER SubjectPublicKeyInfo openssl wrote")
t.eq(r[5:8], ["1", "2", "abcd"], "extension field: type, length, data")
v = t.tshark("-n", "-r", cga, "-V").stdout
t.check("1.2.840.113549.1.1.1" in v and "BITSTRING" in v,
        "the public key goes to Wireshark's BER dissection (rsaEncryption, the key bits)", v[-1500:])
t.eq([e for e in ndisc_pkt.expert(cga) if e[1] in ("Warning", "Error")], [], "CGA: no warning or error")

# a public key that is not DER: flagged, nothing thrown
bad = g.ndp("cga_bad", "ns", "--target", "fe80::2", "--no-slla", "--cga", "%032x" % 7 + "20010db800000000" + "01" + "0102030405")
t.check(any("not a DER SubjectPublicKeyInfo" in m for _f, _s, m in ndisc_pkt.expert(bad)),
        "CGA with a non-DER key: expert info", repr(ndisc_pkt.expert(bad)))

# ---- Certificate in a CPA: byte-exact, padding apart, X.509 decoded
cpa = g.ndp("cpa", "cpa", "--identifier", "7", "--all-components", "1", "--certificate", cert)
r = t.fields(cpa, ["ndisc.opt.certificate.cert", "ndisc.opt.certificate.padding", "ndisc.opt.len",
                   "x509af.serialNumber", "x509sat.uTF8String"])[0]
t.eq(r[0], cert, "certificate: exactly the %d-octet DER, no padding" % (len(cert) // 2))
pad = (len(cert) // 2 + 4) % 8 and 8 - (len(cert) // 2 + 4) % 8
t.eq(r[1], "00" * pad, "padding apart (%d octets)" % pad)
t.eq(r[3].replace(":", ""), "1234", "X.509 decode: serial number 0x1234 (openssl -set_serial 4660)")
t.check("router.example" in r[4], "X.509 decode: the subject's common name", r[4])
t.eq([e for e in ndisc_pkt.expert(cpa) if e[1] in ("Warning", "Error")], [], "CPA: no warning or error")
t.done()
