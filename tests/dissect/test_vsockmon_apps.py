# SPDX-License-Identifier: GPL-2.0-or-later
"""Real services over vsock, found without Decode As (issue 16): the captures
captures/vsock-app-*.pcap made in the QEMU guest by dropbear/dbclient,
openssl s_server/s_client, nghttpd/nghttp and qemu-ga (tests/vm/apps.py),
decoded with default preferences, checked against what the programs logged
(captures/apps/): SSH banners and key exchange, TLS 1.3 and 1.2 handshakes
with the SNI, HTTP/2 frame types, paths, statuses and the POST body, the
guest agent's command names. Also: no malformed frame and no error in any
vsock capture; each heuristic claims only its own service (none of them
fires on the older captures); a connection keeps its protocol
(vsockmon.app); disabling a heuristic and Decode As both win; -z
vsockmon,tree counts connections and bytes per application protocol."""
import collections
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

# SOCKSCOPE_APPS_DIR: a fresh guest run's output instead (tests/vm/test_apps.py)
OLD = os.path.join(t.SRC, "captures")
CAP = os.environ.get("SOCKSCOPE_APPS_DIR", OLD)
LOG = os.environ.get("SOCKSCOPE_APPS_DIR", os.path.join(OLD, "apps"))
APPS = {"ssh": ("ssh", 22), "tls": ("tls", 443), "h2": ("http2", 80), "qga": ("json", 5100)}
HEURS = ("ssh", "tls", "http2", "json")
# frames with payload
PAYLOAD = "vsockmon.virtio.len > 0"

if not os.path.exists(t.PLUGIN):
    t.skip("no plugin at " + t.PLUGIN)


def cap(name):
    return os.path.join(CAP, "vsock-app-%s.pcap" % name)


def log(name):
    with open(os.path.join(LOG, name), errors="replace") as f:
        return f.read()


def column(capture, name, filt=None, extra=()):
    """Every occurrence of one field, in frame order."""
    out = []
    for row in t.fields(capture, [name], filt=filt, extra=["-E", "occurrence=a"] + list(extra)):
        out += [v for v in row[0].split(",") if v]
    return out


def stacks(capture, extra=()):
    """{frame: protocols} of the frames carrying payload."""
    rows = t.fields(capture, ["frame.number", "frame.protocols"], filt=PAYLOAD, extra=extra)
    return {int(r[0]): r[1] for r in rows}


def apps_of(capture):
    """The application layer of each payload frame (the protocol after
    vsockmon); a segment that only waits for the rest of its PDU has none
    (its vsockmon.app is checked apart)."""
    return collections.Counter(s.split(":")[2] for s in stacks(capture).values() if s.count(":") >= 2)


def check_ssh():
    banner = "SSH-2.0-dropbear_" + re.search(r"Dropbear v(\S+)", log("versions.log")).group(1)
    for name in ("ssh", "mix"):
        protos = column(cap(name), "ssh.protocol")
        t.eq(sorted(set(protos)), [banner], "%s: both SSH banners are dropbear's own (%s)" % (name, banner))
        t.eq(len(protos), 2, "%s: one identification string per side" % name)
        dirs = t.fields(cap(name), ["ssh.direction", "ssh.message_code"], filt="ssh.message_code == 20")
        t.eq(sorted(r[0] for r in dirs), ["0", "1"], "%s: a KEXINIT from the client and one from the server" % name)
    t.check("ssh-command-ran" in log("ssh.client.out") and "rc=0" in log("ssh.client.out"),
            "the SSH login and command succeeded in the guest", log("ssh.client.out"))


def check_tls():
    for name in ("tls", "mix"):
        t.eq(sorted(set(column(cap(name), "tls.handshake.extensions_server_name"))), ["vsock.example"],
             "%s: the SNI s_client sent" % name)
        types = collections.Counter(column(cap(name), "tls.handshake.type"))
        t.check(types["1"] == 2 and types["2"] == 2, "%s: two ClientHellos, two ServerHellos" % name, str(types))
        # TLS 1.3's ServerHello says 1.3 in supported_versions; 1.2's does not
        sv = column(cap(name), "tls.handshake.extensions.supported_version", filt="tls.handshake.type == 2")
        t.eq(sv, ["0x0304"], "%s: one TLS 1.3 ServerHello (supported_versions)" % name)
    for v, want in (("1_3", "TLSv1.3"), ("1_2", "TLSv1.2")):
        out = log("tls.client.%s.out" % v)
        t.check("Protocol  : " + want in out and "subject=CN = vsock.example" in out,
                "s_client logged a %s session with the server's certificate" % want)


def check_h2():
    server = log("h2.server.log")
    paths = re.findall(r":path: (\S+)", server)
    got = []
    for name in ("h2", "mix"):
        hp = [v for v in column(cap(name), "http2.header.value", filt="http2.type == 1")]
        p = [v for v in hp if v.startswith("/")]
        got += p
        types = set(column(cap(name), "http2.type"))
        t.check({"0", "1", "4", "7"} <= types, "%s: DATA, HEADERS, SETTINGS and GOAWAY frames" % name, str(types))
        t.check("h2c-test" in hp and "h2c-post" in hp, "%s: the extra request headers" % name)
        t.check("POST" in hp, "%s: the POST request" % name)
        t.check(hp.count("200") >= 4, "%s: four 200 responses" % name, str(hp))
        body = column(cap(name), "http2.data.data", filt="http2.type == 0 && vsockmon.dst_port == 80")
        t.check(any(bytes.fromhex(b.replace(":", "")) == b"name=sockscope&body=posted" for b in body),
                "%s: the POST body nghttp sent" % name)
    t.eq(got, paths, "the :path of every request, as nghttpd logged them")


def check_qga():
    sent = re.findall(r'"execute":"([^"]+)"', log("qga.server.log"))
    got = []
    for name in ("qga", "mix"):
        rows = column(cap(name), "json.member_with_value", filt="vsockmon.dst_port == 5100")
        got += [v.split(":", 1)[1] for v in rows if v.startswith("execute:")]
        ret = column(cap(name), "json.key", filt="vsockmon.src_port == 5100")
        t.check("return" in ret and "supported_commands" in ret and "pretty-name" in ret,
                "%s: the agent's answers decode as JSON (return, supported_commands, pretty-name)" % name)
    t.eq(got, sent, "the guest agent's commands, as qemu-ga logged them")
    t.eq(sent[:3], ["guest-ping", "guest-info", "guest-get-osinfo"], "the client's three commands, in order")


def main():
    for name in list(APPS) + ["mix"]:
        if not os.path.exists(cap(name)):
            t.skip("no %s (tests/vm/apps.py captures makes it)" % cap(name))
    # each capture decodes as its protocol, and only as that
    for name, (proto, port) in APPS.items():
        apps = apps_of(cap(name))
        t.eq(list(apps), [proto], "%s: every payload frame decodes as %s" % (name, proto))
        rows = t.fields(cap(name), ["vsockmon.app"], filt=PAYLOAD)
        t.eq(sorted({r[0] for r in rows}), [proto], "%s: vsockmon.app on every payload frame" % name)
    mix = t.fields(cap("mix"), ["vsockmon.stream", "vsockmon.src_port", "vsockmon.dst_port", "vsockmon.app"],
                   filt=PAYLOAD)
    byport = {port: proto for proto, port in APPS.values()}
    wrong = [r for r in mix if byport.get(min(int(r[1]), int(r[2]))) != r[3]]
    t.eq(wrong[:3], [], "mix: each interleaved connection keeps the protocol of its service")
    t.check(len({r[0] for r in mix}) >= 6, "mix: at least six connections at once")
    check_ssh()
    check_tls()
    check_h2()
    check_qga()

    # nothing malformed, no error, in any vsock capture
    for f in sorted(glob.glob(os.path.join(OLD, "vsock-*.pcap")) + glob.glob(os.path.join(CAP, "vsock-app-*.pcap"))):
        bad = [e for e in t.expert(f) if e[1] == "Error"]
        t.eq(bad[:3], [], "%s: no error or malformed frame" % os.path.basename(f))
    # the older captures: no heuristic of these claims their traffic
    for f in sorted(glob.glob(os.path.join(OLD, "vsock-*.pcap"))):
        if "vsock-app-" in f:
            continue
        found = set(apps_of(f)) & set(HEURS)
        t.eq(sorted(found), [], "%s: not taken for ssh, tls, http2 or json" % os.path.basename(f))

    # each heuristic can be disabled; Decode As comes first
    t.eq(list(apps_of(cap("ssh"), )), ["ssh"], "ssh by default")
    off = apps_of_with(cap("ssh"), ["--disable-heuristic", "ssh_vsockmon"])
    t.check("ssh" not in off, "--disable-heuristic ssh_vsockmon: no SSH", str(off))
    t.eq(list(apps_of_with(cap("tls"), ["--disable-heuristic", "ssh_vsockmon"])), ["tls"],
         "disabling the SSH heuristic leaves TLS found")
    da = apps_of_with(cap("h2"), ["-d", "vsockmon.port==80,data"])
    t.eq(list(da), ["data"], "Decode As on the port overrides the HTTP/2 heuristic")

    # statistics per application protocol
    p = t.tshark("-n", "-q", "-r", cap("mix"), "-z", "vsockmon,tree")
    counts = dict(re.findall(r"^ (ssh|tls|http2|json)\s+(\d+)", p.stdout.split("Connections by application protocol")[1].split("Payload bytes by application")[0], re.M))
    t.eq(counts, {"ssh": "1", "tls": "2", "http2": "2", "json": "1"},
         "-z vsockmon,tree: connections per application protocol")
    t.check("Payload bytes by application protocol" in p.stdout, "-z vsockmon,tree: bytes per application protocol")
    check_conv_table(mix, byport)
    t.done()


def check_conv_table(mix, byport):
    """-z conv,vsockmon: one row per connection, the server's address with
    its application protocol, even though the protocol is found only after
    the connection's first packets (no row split in a single pass)."""
    p = t.tshark("-n", "-q", "-r", cap("mix"), "-z", "conv,vsockmon")
    rows = re.findall(r"^\S+\s+<-> (\d+):(\d+)(?: \((\w+)\))?\s+\d+", p.stdout, re.M)
    t.eq(len(rows), len({r[0] for r in mix}), "-z conv,vsockmon: one row per connection")
    t.eq([(port, app) for _, port, app in rows if byport.get(int(port)) != app], [],
         "-z conv,vsockmon: each server address names its connection's application protocol")


def apps_of_with(capture, extra):
    rows = t.fields(capture, ["frame.protocols"], filt=PAYLOAD, extra=extra)
    return collections.Counter(r[0].split(":")[2] for r in rows if r[0].count(":") >= 2)


main()
