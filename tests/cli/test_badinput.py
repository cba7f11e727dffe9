# SPDX-License-Identifier: GPL-2.0-or-later
# CLI bad-input matrix (issue 7): every sockgen subcommand through each class
# of invalid input must exit 2 with one "sockgen: ..." line naming the
# argument (or the file and line), never die on a signal, and leave no
# output file behind. vsock listen/connect are only ever given arguments
# that are refused before any socket exists (CID 1 without vsock_loopback,
# or a malformed argument); strace checks that no socket() call happened.
import os
import shutil
import stat
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)

LOOPBACK_PRESENT = os.path.exists("/sys/module/vsock_loopback")
STRACE = shutil.which("strace")
work = t.tmpdir()
os.chmod(work, 0o755)


def write(name, text, mode=0o644):
    p = os.path.join(work, name)
    with open(p, "w") as f:
        f.write(text)
    os.chmod(p, mode)
    return p


# Inputs shared by the cases.
EMPTY = write("empty.txt", "")
COMMENTS = write("comments.txt", "# nothing but a comment\n\n")
BAD_LINE3 = write("bad-line3.txt",
                  "ra --mtu 1500\n"
                  "ns --target fe80::2\n"
                  "ra --prefix 2001:db8::/129\n")
BAD_LINE4 = write("bad-line4.txt",
                  "ra --mtu 1500\n"
                  "\n"
                  "# a comment line still counts\n"
                  "na --target fe80::2 --no-such-flag\n")
GOOD_SCRIPT = write("good.txt", "rs\nra --mtu 1500\n")
BAD_LINE2 = write("bad-line2.txt",
                  "rs\n"
                  "ns --target fe80::zz\n")
UNREADABLE = write("unreadable.txt", "ra --mtu 1500\n", 0o000)
DIR = os.path.join(work, "adir")
os.mkdir(DIR)
MISSING = os.path.join(work, "does-not-exist.txt")
NOT_PCAP = write("not-a-pcap.pcap", "this is not a capture\n")
BAD_JSON = write("bad.jsonl", '{"ndisc.type": "134"}\n{not json\n')
GOOD_JSON = write("good.jsonl", '{"ndisc.type": "134"}\n')
COMMENTS_JSONL = write("blank.jsonl", "\n  \n")
SAME_FIRST = write("same-first.jsonl", '{"=": "", "ndisc.type": "134"}\n')
SAME_NEWKEY = write("same-newkey.jsonl", '{"ndisc.type": "134"}\n{"=": "", "ndisc.code": "1"}\n')
RCONF_OK = write("radvd-ok.conf", "interface lo {\n  AdvSendAdvert on;\n};\n")
RCONF_UNKNOWN = write("radvd-unknown.conf", "# radvd\ninterface lo {\n  AdvSendAdvert on;\n  AdvFoo on;\n};\n")
RCONF_VALUE = write("radvd-value.conf", "interface lo {\n  AdvManagedFlag maybe;\n};\n")
RCONF_LIMIT = write("radvd-limit.conf", "interface lo {\n  MaxRtrAdvInterval 2;\n};\n")
RCONF_PREFIX = write("radvd-prefix.conf", "interface lo {\n  prefix 2001:db8::/129 { };\n};\n")
RCONF_UNSUP = write("radvd-unsup.conf", "interface lo {\n  clients { fe80::1; };\n};\n")
RCONF_SYNTAX = write("radvd-syntax.conf", "interface lo {\n  AdvSendAdvert on\n};\n")
RCONF_OFF = write("radvd-off.conf", "interface lo {\n  AdvSendAdvert off;\n};\n")
GOOD_PCAP = os.path.join(work, "good.pcap")
t.sockgen("ndp", "ra", "--pcap", GOOD_PCAP, "--quiet")


def outputs():
    """Files a run may have created in the work dir (anything not an input)."""
    return set(os.listdir(work)) - INPUTS


INPUTS = set(os.listdir(work))
OUT = os.path.join(work, "out.pcap")
MAN = os.path.join(work, "out.jsonl")


def case(args, names, rc=2, nobody=False, nosocket=False, usage=False):
    """Run sockgen ARGS; expect exit rc and every string of names in the one
    stderr line (usage=True: a usage text instead, for a missing verb); no
    signal; nothing left in the work dir."""
    label = "sockgen " + " ".join(a if len(a) <= 60 else a[:40] + "...(%d chars)" % len(a)
                                  for a in args)
    cmd = [t.SOCKGEN] + args
    trace = None
    if nosocket and STRACE:
        trace = os.path.join("/tmp", "sockscope-badinput-strace.%d" % os.getpid())
        cmd = [STRACE, "-f", "-qq", "-e", "trace=socket", "-o", trace] + cmd
    if nobody:
        if os.geteuid() != 0:
            pass  # already unprivileged: the mode bits apply as they are
        else:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=work, timeout=20)
    except subprocess.TimeoutExpired:
        t.check(False, label + ": finishes", "still running after 20 s")
        return
    t.check(p.returncode >= 0, label + ": no signal", "killed by signal %d" % -p.returncode)
    t.eq(p.returncode, rc, label + ": exit status")
    err = [line for line in p.stderr.splitlines() if line.strip()]
    if usage:
        t.check(len(err) >= 1 and err[0].startswith("usage: sockgen"),
                label + ": a usage text", p.stderr)
        msg = p.stderr
    else:
        t.check(len(err) >= 1 and err[0].startswith("sockgen:"),
                label + ": a 'sockgen: ...' message", p.stderr)
        msg = err[0] if err else ""
    for n in names:     # a tuple: any one of its spellings
        alts = n if isinstance(n, tuple) else (n,)
        t.check(any(a in msg for a in alts), label + ": message names %r" % (n,),
                "stderr: " + p.stderr.strip())
    t.check("Sanitizer" not in p.stderr and "runtime error" not in p.stderr,
            label + ": no sanitizer report", p.stderr[-2000:])
    left = outputs()
    t.check(not left, label + ": no output file left behind", "left: %s" % sorted(left))
    for f in left:
        path = os.path.join(work, f)
        if os.path.isdir(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    if trace:
        with open(trace) as f:
            calls = [line for line in f if "socket(" in line]
        os.unlink(trace)
        t.check(not calls, label + ": refused before opening any socket", "".join(calls))


# --- sockgen itself ---
case(["no-such-subcommand"], ["no-such-subcommand"])

# --- ndp message verbs: one row per class, spread over every verb ---
VERB_REQ = {  # the minimal valid arguments of each verb (with --pcap)
    "rs": [],
    "ra": [],
    "ns": ["--target", "fe80::2"],
    "na": ["--target", "fe80::2"],
    "redirect": ["--target", "fe80::2", "--destination", "2001:db8::9"],
    "ind-sol": ["--tgt-addr-list", "2001:db8::1"],
    "ind-adv": ["--tgt-addr-list", "2001:db8::1"],
}
for verb, req in VERB_REQ.items():
    base = ["ndp", verb, "--pcap", OUT, "--manifest", MAN] + req
    # missing argument (value of the last flag)
    case(base + ["--hop-limit"], ["--hop-limit"])
    # unknown flag
    case(base + ["--no-such-flag"], ["--no-such-flag"])
    # malformed address / MAC / number / prefix
    case(base + ["--src", "fe80::zz"], ["--src", "fe80::zz"])
    case(base + ["--dst", "2001:db8::1::2"], ["--dst", "2001:db8::1::2"])
    case(base + ["--src-mac", "02:00:00:00:00"], ["--src-mac", "02:00:00:00:00"])
    case(base + ["--dst-mac", "02:00:00:00:00:0g"], ["--dst-mac", "02:00:00:00:00:0g"])
    case(base + ["--hop-limit", "abc"], ["--hop-limit", "abc"])
    case(base + ["--code", "0x1g"], ["--code", "0x1g"])
    case(base + ["--count", "12abc"], ["--count", "12abc"])
    case(base + ["--opt", "3:zz"], ["--opt", "3:zz"])
    case(base + ["--opt", "nohex"], ["--opt", "nohex"])
    # out-of-range values
    case(base + ["--hop-limit", "256"], ["--hop-limit", "256"])
    case(base + ["--code", "-1"], ["--code", "-1"])
    case(base + ["--count", "0"], ["--count", "0"])
    case(base + ["--opt", "256:00"], ["--opt", "256:00"])
    case(base + ["--opt-len", "1:256"], ["--opt-len", "1:256"])
    case(base + ["--slla", "hex:" + "00" * 2100], ["--slla"])
    # a directory where the output file is expected
    case(["ndp", verb, "--pcap", DIR] + req, ["--pcap", DIR])
    case(["ndp", verb, "--pcap", OUT, "--manifest", DIR] + req, ["--manifest", DIR])

# verb-specific fields
case(["ndp", "ra", "--pcap", OUT, "--prefix", "2001:db8::/129"], ["--prefix", "2001:db8::/129"])
case(["ndp", "ra", "--pcap", OUT, "--prefix", "2001:db8::/x"], ["--prefix", "2001:db8::/x"])
case(["ndp", "ra", "--pcap", OUT, "--prefix", "2001:db8::/64,valid=abc"], ["--prefix"])
case(["ndp", "ra", "--pcap", OUT, "--prefix", "2001:db8::/64,Q"], ["--prefix"])
case(["ndp", "ra", "--pcap", OUT, "--mtu", "abc"], ["--mtu", "abc"])
case(["ndp", "ra", "--pcap", OUT, "--mtu", "4294967296"], ["--mtu", "4294967296"])
case(["ndp", "ra", "--pcap", OUT, "--router-lifetime", "65536"], ["--router-lifetime", "65536"])
case(["ndp", "ra", "--pcap", OUT, "--cur-hop-limit", "300"], ["--cur-hop-limit", "300"])
case(["ndp", "ra", "--pcap", OUT, "--prf", "highest"], ["--prf", "highest"])
case(["ndp", "ra", "--pcap", OUT, "--flags", "M,X"], ["--flags"])
case(["ndp", "ra", "--pcap", OUT, "--route", "2001:db8::/200"], ["--route", "2001:db8::/200"])
case(["ndp", "ra", "--pcap", OUT, "--rdnss", "2001:db8::53,nope"], ["--rdnss"])
case(["ndp", "ra", "--pcap", OUT, "--dnssl", "a..b"], ["--dnssl", "a..b"])
case(["ndp", "ra", "--pcap", OUT, "--nonce", "0102"], ["--nonce", "0102"])
case(["ndp", "ra", "--pcap", OUT, "--mtu", "1500", "--mtu", "1400"], ["--mtu"])
case(["ndp", "ns", "--pcap", OUT], ["--target"])
case(["ndp", "ns", "--pcap", OUT, "--target", "zz"], ["--target", "zz"])
case(["ndp", "na", "--pcap", OUT, "--target", "fe80::2", "--flags", "R,X"], ["--flags"])
case(["ndp", "redirect", "--pcap", OUT, "--target", "fe80::2"], ["--destination"])
case(["ndp", "redirect", "--pcap", OUT, "--target", "fe80::2", "--destination", "2001:db8::1::1"],
     ["--destination", "2001:db8::1::1"])
case(["ndp", "ind-sol", "--pcap", OUT, "--tgt-addr-list", "zz"], ["--tgt-addr-list", "zz"])
case(["ndp", "ind-adv", "--pcap", OUT, "--src-addr-list", "2001:db8::1,"], ["--src-addr-list"])
# no output at all
case(["ndp", "ra"], ["--pcap"])

# --- ndp --script ---
case(["ndp", "--script"], ["--script"])
case(["ndp", "--script", MISSING, "--pcap", OUT], ["--script", MISSING])
case(["ndp", "--script", DIR, "--pcap", OUT], ["--script", DIR])
case(["ndp", "--script", UNREADABLE, "--pcap", OUT], ["--script", UNREADABLE], nobody=True)
case(["ndp", "--script", EMPTY, "--pcap", OUT, "--manifest", MAN], ["--script", EMPTY])
case(["ndp", "--script", COMMENTS, "--pcap", OUT], ["--script", COMMENTS])
case(["ndp", "--script", BAD_LINE3, "--pcap", OUT, "--manifest", MAN],
     ["bad-line3.txt", ("bad-line3.txt:3", "line 3"), "--prefix", "2001:db8::/129"])
case(["ndp", "--script", BAD_LINE4, "--pcap", OUT, "--manifest", MAN],
     ["bad-line4.txt", ("bad-line4.txt:4", "line 4"), "--no-such-flag"])
case(["ndp", "--script", BAD_LINE2, "--pcap", OUT], ["bad-line2.txt", ("bad-line2.txt:2", "line 2"), "fe80::zz"])
case(["ndp", "--script", GOOD_SCRIPT, "--pcap", DIR], ["--pcap", DIR])
case(["ndp", "--script", GOOD_SCRIPT, "--pcap", OUT, "--manifest", DIR], ["--manifest", DIR])

case(["ndp", "ra", "--pcap", OUT, "--start-time", "1.1234567"], ["--start-time", "1.1234567"])
case(["ndp", "ra", "--pcap", OUT, "--start-time", "4294967296"], ["--start-time", "4294967296"])
case(["ndp", "ra", "--pcap", OUT, "--start-time", "2024-13-01 00:00:00"], ["--start-time", "2024-13-01"])
case(["ndp", "ra", "--raw", "lo", "--start-time", "0"], ["--start-time", "--pcap"], nosocket=True)
case(["ndp", "ra", "--pcap", OUT, "--manifest-format", "full"], ["--manifest-format", "--manifest"])
case(["ndp", "ra", "--pcap", OUT, "--manifest", MAN, "--manifest-format", "csv"],
     ["--manifest-format", "csv"])
case(["ndp", "--script", EMPTY, "--pcap", OUT], ["--script", "empty.txt"])

# --- ndp listen (every case fails before the raw socket) ---
case(["ndp", "listen"], ["listen"])
case(["ndp", "listen", "lo", "--no-such-flag"], ["--no-such-flag"])
case(["ndp", "listen", "lo", "--respond", "--addr", "2001:db8::zz"], ["--addr", "2001:db8::zz"])
case(["ndp", "listen", "lo", "--respond", "--ra", "ra --prefix 2001:db8::/129"],
     ["--ra", "2001:db8::/129"])
case(["ndp", "listen", "lo", "--count", "x"], ["--count", "x"])
case(["ndp", "listen", "lo", "--timeout", "-1"], ["--timeout", "-1"])
case(["ndp", "listen", "lo", "--format", "yaml"], ["--format", "yaml"])
case(["ndp", "listen", "lo", "--json", "--format", "radvd"], ["--json", "--format"])

# --- ndp listen --watch (every case fails before any socket or tshark) ---
W = ["ndp", "listen", "lo", "--watch"]
case(["ndp", "listen", "--watch"], ["interface"], nosocket=True)
case(W + ["--count", "0"], ["--count", "'0'"], nosocket=True)
case(W + ["--timeout", "x"], ["--timeout", "'x'"], nosocket=True)
case(W + ["--known-routers", "fe80::zz"], ["--known-routers", "fe80::zz"], nosocket=True)
case(W + ["--known-routers", "fe80::1=02:00:00:00:01"], ["--known-routers", "02:00:00:00:01"], nosocket=True)
case(W + ["--known-routers", " , "], ["--known-routers", "no router"], nosocket=True)
case(W + ["--pref", "nope:1"], ["--pref", "nope:1"], nosocket=True)
case(W + ["--pref", "ra_flood_threshold"], ["--pref", "NAME:VALUE"], nosocket=True)
case(W + ["--pref", "ns_flood_threshold:many"], ["--pref", "ns_flood_threshold:many"], nosocket=True)
case(W + ["--pref", "known_routers:fe80::1=zz"], ["--pref", "'zz'"], nosocket=True)
case(W + ["--respond"], ["--respond", "--watch"], nosocket=True)
case(W + ["--format", "radvd"], ["--format", "--watch"], nosocket=True)
case(W + ["--tshark", ""], ["--tshark", "empty"], nosocket=True)
case(W + ["--pcap", DIR], ["--pcap", "directory"], nosocket=True)
case(W + ["--no-such-flag"], ["--no-such-flag"], nosocket=True)
case(["ndp", "listen", "lo", "--known-routers", "fe80::1"], ["--known-routers", "--watch"], nosocket=True)

# --- ndp solicit and resolve (every case fails before any socket) ---
case(["ndp", "solicit"], ["solicit"], nosocket=True)
case(["ndp", "solicit", "lo", "--no-such-flag"], ["--no-such-flag"], nosocket=True)
case(["ndp", "solicit", "lo", "--retries", "0"], ["--retries", "0"], nosocket=True)
case(["ndp", "solicit", "lo", "-w", "x"], ["--wait", "x"], nosocket=True)
case(["ndp", "solicit", "lo", "--src", "fe80::zz"], ["--src", "fe80::zz"], nosocket=True)
case(["ndp", "solicit", "lo", "-1", "--multiple"], ["--single", "--multiple"], nosocket=True)
case(["ndp", "solicit", "lo", "extra"], ["extra"], nosocket=True)
case(["ndp", "resolve", "lo"], ["resolve"], nosocket=True)
case(["ndp", "resolve", "lo", "2001:db8::zz"], ["2001:db8::zz"], nosocket=True)
case(["ndp", "resolve", "lo", "ff02::1"], ["ff02::1"], nosocket=True)
case(["ndp", "resolve", "lo", "2001:db8::1", "--retries", "101"], ["--retries", "101"], nosocket=True)
case(["ndp", "resolve", "lo", "2001:db8::1", "--dad", "--src", "2001:db8::2"], ["--src", "--dad"], nosocket=True)
case(["ndp", "resolve", "lo", "2001:db8::1", "--wait"], ["--wait"], nosocket=True)

# --- ndp router (radvd.conf errors: FILE:LINE, before any socket) ---
case(["ndp", "router"], ["router", "interface"], nosocket=True)
case(["ndp", "router", "lo"], ["--config"], nosocket=True)
case(["ndp", "router", "lo", "--config"], ["--config"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_OK, "--no-such-flag"], ["--no-such-flag"], nosocket=True)
case(["ndp", "router", "lo", "extra", "--config", RCONF_OK], ["extra"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_OK, "--seed", "x"], ["--seed", "x"], nosocket=True)
case(["ndp", "router", "lo", "--config", os.path.join(work, "missing.conf")], ["missing.conf"], nosocket=True)
case(["ndp", "router", "lo", "--config", work], ["--config"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_OK, "--pcap", work], ["--pcap", "directory"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_UNKNOWN, "--pcap", OUT],
     ["radvd-unknown.conf:4:", "unknown directive 'AdvFoo'"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_VALUE], ["radvd-value.conf:2:", "AdvManagedFlag", "maybe"],
     nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_LIMIT], ["radvd-limit.conf:1:", "MaxRtrAdvInterval"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_PREFIX], ["radvd-prefix.conf:2:", "2001:db8::/129"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_UNSUP], ["radvd-unsup.conf:2:", "clients", "not supported"],
     nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_SYNTAX], ["radvd-syntax.conf:3:", "';'"], nosocket=True)
case(["ndp", "router", "lo", "--config", RCONF_OFF], ["radvd-off.conf:1:", "AdvSendAdvert"], nosocket=True)
case(["ndp", "router", "lo", "--config", EMPTY], ["empty.txt:1:", "no interface block"], nosocket=True)
case(["ndp", "router", "eth-missing0", "--config", RCONF_OK], ["eth-missing0"], nosocket=True)

# --- vsock pcap ---
VP = ["vsock", "pcap", "--pcap", OUT, "--manifest", MAN]
case(["vsock"], ["vsock"], usage=True)
case(["vsock", "no-such-verb"], ["no-such-verb"])
case(["vsock", "pcap"], ["--pcap"])
case(["vsock", "pcap", "--pcap", OUT], ["--scenario"])
case(["vsock", "pcap", "--out", OUT], ["--scenario"])    # the old name still parses
case(VP + ["--scenario"], ["--scenario"])
case(VP + ["--scenario", "nope"], ["--scenario", "nope"])
case(VP + ["--scenario", "bulk", "--no-such-flag"], ["--no-such-flag"])
case(VP + ["--scenario", "bulk", "--bytes", "12Q"], ["--bytes", "12Q"])
case(VP + ["--scenario", "bulk", "--bytes", "99999999999G"], ["--bytes", "99999999999G"])
case(VP + ["--scenario", "bulk", "--bytes", "0"], ["--bytes", "0"])
case(VP + ["--scenario", "stream-echo", "--msg-size", "0"], ["--msg-size", "0"])
case(VP + ["--scenario", "seqpacket", "--count", "x"], ["--count", "x"])
case(VP + ["--scenario", "bulk", "--src-cid", "-1"], ["--src-cid", "-1"])
case(VP + ["--scenario", "bulk", "--dst-cid", "18446744073709551616"], ["--dst-cid"])
case(VP + ["--scenario", "bulk", "--src-port", "4294967296"], ["--src-port", "4294967296"])
case(VP + ["--scenario", "bulk", "--dst-port", "80x"], ["--dst-port", "80x"])
case(VP + ["--scenario", "bulk", "--buf-alloc", "0"], ["--buf-alloc", "0"])
case(["vsock", "pcap", "--pcap", DIR, "--scenario", "bulk"], ["--pcap", DIR])
case(["vsock", "pcap", "--out", DIR, "--scenario", "bulk"], ["--pcap", DIR])
case(["vsock", "pcap", "--pcap", OUT, "--scenario", "bulk", "--manifest", DIR], ["--manifest", DIR])
case(VP + ["--scenario", "bulk", "--start-time", "yesterday"], ["--start-time", "yesterday"])
case(VP + ["--scenario", "bulk", "--start-time", "2024-02-30T00:00:00Z"], ["--start-time", "2024-02-30"])
case(VP + ["--scenario", "bulk", "--manifest-format", "short"], ["--manifest-format", "short"])
case(["vsock", "pcap", "--pcap", OUT, "--scenario", "bulk", "--manifest-format", "full"],
     ["--manifest-format", "--manifest"])

# --- vsock connect / listen: never a CID that would be accepted ---
if LOOPBACK_PRESENT:
    print("note: /sys/module/vsock_loopback present: vsock connect/listen cases not run"
          " (CID 1 would be accepted here)")
else:
    VC = ["vsock", "connect", "--cid", "1", "--port", "5000"]
    case(["vsock", "connect"], ["--cid"], nosocket=True)
    case(["vsock", "connect", "--cid", "1"], ["--port"], nosocket=True)
    case(["vsock", "connect", "--cid"], ["--cid"], nosocket=True)
    case(["vsock", "connect", "--cid", "x", "--port", "5000"], ["--cid", "x"], nosocket=True)
    case(["vsock", "connect", "--cid", "1", "--port", "4294967296"], ["--port", "4294967296"],
         nosocket=True)
    case(VC + ["--no-such-flag"], ["--no-such-flag"], nosocket=True)
    case(VC + ["--type", "dgram"], ["--type", "dgram"], nosocket=True)
    case(VC + ["--msg-size", "2M"], ["--msg-size", "2M"], nosocket=True)
    case(VC + ["--bytes", "1Q"], ["--bytes", "1Q"], nosocket=True)
    case(VC + ["--messages", "1000,x"], ["--messages"], nosocket=True)
    case(VC + ["--timeout", "-1"], ["--timeout", "-1"], nosocket=True)
    case(VC + ["--count", "0"], ["--count", "0"], nosocket=True)
    case(["vsock", "connect", "--cid", "3", "--port", "5000"], ["--cid", "3"], nosocket=True)
    # well-formed, refused for safety: runtime refusal (exit 1), still no socket
    case(VC, ["--cid 1", "vsock_loopback"], rc=1, nosocket=True)
    VL = ["vsock", "listen", "--port", "5000"]
    case(["vsock", "listen"], ["--port"], nosocket=True)
    case(["vsock", "listen", "--port", "abc"], ["--port", "abc"], nosocket=True)
    case(VL + ["--mode", "bogus"], ["--mode", "bogus"], nosocket=True)
    case(VL + ["--type", "dgram"], ["--type", "dgram"], nosocket=True)
    case(VL + ["--no-such-flag"], ["--no-such-flag"], nosocket=True)
    case(VL + ["--count", "x"], ["--count", "x"], nosocket=True)
    case(VL + ["--timeout", "-1"], ["--timeout", "-1"], nosocket=True)
    case(VL, ["vsock_loopback"], rc=1, nosocket=True)
    # relays (--stdio, --exec, --file) and the CID:PORT / PORT operands
    case(["vsock", "connect", "1:x", "--stdio"], ["CID:PORT", "1:x", "port 'x'"], nosocket=True)
    case(["vsock", "connect", "x:1", "--stdio"], ["CID:PORT", "x:1", "CID 'x'"], nosocket=True)
    case(["vsock", "connect", "1", "--stdio"], ["CID:PORT", "'1'"], nosocket=True)
    case(["vsock", "connect", "1:2:3", "--stdio"], ["CID:PORT", "1:2:3"], nosocket=True)
    case(["vsock", "connect", "1:4294967295", "--stdio"], ["CID:PORT", "4294967295"], nosocket=True)
    case(["vsock", "connect", "1:5000", "--cid", "1", "--stdio"], ["1:5000", "--cid"], nosocket=True)
    case(["vsock", "connect", "1:5000", "2:5000"], ["unexpected argument", "2:5000"], nosocket=True)
    VS = ["vsock", "connect", "1:5000", "--stdio"]
    case(VS + ["--bytes", "4"], ["--stdio", "--bytes"], nosocket=True)
    case(VS + ["--http", "/"], ["--stdio", "--http"], nosocket=True)
    case(VS + ["--type", "seqpacket"], ["--type seqpacket", "--stdio"], nosocket=True)
    case(VS + ["--count", "2"], ["--stdio", "--count"], nosocket=True)
    case(VS + ["--file", GOOD_JSON], ["--stdio", "--file"], nosocket=True)
    case(VS + ["--exec", "cat"], ["--exec", "not an option of connect"], nosocket=True)
    case(["vsock", "connect", "1:5000", "--file", MISSING], ["--file", MISSING], nosocket=True)
    case(["vsock", "connect", "1:5000", "--file", DIR], ["--file", DIR, "directory"], nosocket=True)
    case(["vsock", "connect", "1:5000", "--file", UNREADABLE], ["--file", UNREADABLE], nobody=True,
         nosocket=True)
    case(["vsock", "connect", "3:5000", "--stdio"], ["--cid 3", "--allow-remote-cid"], nosocket=True)
    case(VS, ["--cid 1", "vsock_loopback"], rc=1, nosocket=True)
    case(["vsock", "connect", "1:5000", "--file", GOOD_JSON], ["vsock_loopback"], rc=1, nosocket=True)
    case(["vsock", "listen", "abc", "--stdio"], ["PORT", "abc"], nosocket=True)
    case(["vsock", "listen", "5000", "--port", "5000", "--stdio"], ["'5000'", "--port"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec", ""], ["--exec", "command"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec"], ["--exec", "argument"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec", "cat", "--mode", "echo"], ["--exec", "--mode"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec", "cat", "--stdio"], ["--stdio", "--exec"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec", "cat", "--max-conns", "0"], ["--max-conns", "'0'"],
         nosocket=True)
    case(["vsock", "listen", "5000", "--exec", "cat", "--max-conns", "x"], ["--max-conns", "'x'"],
         nosocket=True)
    case(["vsock", "listen", "5000", "--stdio", "--max-conns", "2"], ["--stdio", "--max-conns"], nosocket=True)
    case(["vsock", "listen", "5000", "--exec", "cat"], ["vsock_loopback"], rc=1, nosocket=True)
    case(["vsock", "listen", "5000", "--stdio", "--once"], ["vsock_loopback"], rc=1, nosocket=True)
    # bridge: TCP and vsock addresses, checked before any socket (names are
    # never looked up: no DNS query either)
    B = ["vsock", "bridge"]
    case(B, ["--tcp-listen", "--vsock"], nosocket=True)
    case(B + ["--tcp-listen", "8082"], ["--tcp-listen", "--vsock"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--tcp", "127.0.0.1:80"], ["--tcp-listen", "--vsock"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5", "--vsock-listen", "5"], ["--tcp-listen"], nosocket=True)
    case(B + ["--tcp-listen", "0", "--vsock", "1:5"], ["--tcp-listen", "'0'"], nosocket=True)
    case(B + ["--tcp-listen", "65536", "--vsock", "1:5"], ["--tcp-listen", "65536"], nosocket=True)
    case(B + ["--tcp-listen", "::1:80", "--vsock", "1:5"], ["--tcp-listen", "::1:80", "[ADDR]"], nosocket=True)
    case(B + ["--tcp-listen", "[::1:80", "--vsock", "1:5"], ["--tcp-listen", "[::1:80"], nosocket=True)
    case(B + ["--tcp-listen", "999.1.1.1:80", "--vsock", "1:5"], ["--tcp-listen", "999.1.1.1"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1"], ["--vsock", "CID:PORT"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5", "--max-conns", "0"], ["--max-conns"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5", "--timeout", "-1"], ["--timeout"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5", "--stdio"], ["--stdio"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5", "extra"], ["extra"], nosocket=True)
    case(B + ["--vsock-listen", "5", "--tcp", "8000"], ["--tcp", "HOST:PORT"], nosocket=True)
    case(B + ["--vsock-listen", "5", "--tcp", "host.invalid:80"], ["--tcp", "host.invalid"], nosocket=True)
    case(B + ["--vsock-listen", "x", "--tcp", "127.0.0.1:80"], ["--vsock-listen", "'x'"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "3:5"], ["--vsock 3", "--allow-remote-cid"], nosocket=True)
    case(B + ["--tcp-listen", "8082", "--vsock", "1:5"], ["--vsock 1", "vsock_loopback"], rc=1, nosocket=True)
    case(B + ["--vsock-listen", "5", "--tcp", "127.0.0.1:80"], ["vsock_loopback"], rc=1, nosocket=True)
    # well-formed addresses parse (and then meet the safety refusal, exit 1)
    for tl in ("[::1]:8082", "0.0.0.0:8082", "localhost:8082", "8082"):
        case(B + ["--tcp-listen", tl, "--vsock", "1:5", "--once"], ["--vsock 1", "vsock_loopback"], rc=1,
             nosocket=True)
    case(B + ["--vsock-listen", "4294967294", "--tcp", "[::1]:80", "--max-conns", "3"], ["vsock_loopback"],
         rc=1, nosocket=True)
    case(["vsock", "connect", "1:4294967294", "--stdio", "--timeout", "1.5"], ["--cid 1", "vsock_loopback"],
         rc=1, nosocket=True)
    case(["vsock", "listen", "4294967294", "--file", GOOD_JSON, "--once"], ["vsock_loopback"], rc=1,
         nosocket=True)

# --- capture (argument errors; --filter and a directory as --pcap may need the
# interface's link type first, so a socket is allowed there) ---
C = ["capture", "--iface", "lo", "--pcap", OUT]
case(["capture"], ["--iface"], nosocket=True)
case(["capture", "--iface", "lo"], ["--pcap"], nosocket=True)
case(C + ["--no-such-flag"], ["--no-such-flag"], nosocket=True)
case(C + ["--count"], ["--count"], nosocket=True)
case(C + ["--count", "x"], ["--count", "x"], nosocket=True)
case(C + ["--count", "0"], ["--count", "0"], nosocket=True)
case(C + ["--duration", "-5"], ["--duration", "-5"], nosocket=True)
case(C + ["--snaplen", "0"], ["--snaplen", "0"], nosocket=True)
case(C + ["--snaplen", "999999999"], ["--snaplen", "999999999"], nosocket=True)
case(C + ["--filter", "ip and and"], ["--filter", "ip and and"])
case(["capture", "--iface", "lo", "--pcap", DIR, "--count", "1"], ["--pcap", DIR])

# --- verify ---
case(["verify"], ["--manifest"])
case(["verify", "--manifest", GOOD_JSON], ["--capture"])
case(["verify", "--manifest", GOOD_JSON, "--capture", NOT_PCAP, "--no-such-flag"], ["--no-such-flag"])
case(["verify", "--manifest", MISSING, "--capture", GOOD_PCAP], ["--manifest", MISSING])
case(["verify", "--manifest", DIR, "--capture", GOOD_PCAP], ["--manifest", DIR])
case(["verify", "--manifest", UNREADABLE, "--capture", GOOD_PCAP], ["--manifest", UNREADABLE],
     nobody=True)
case(["verify", "--manifest", GOOD_JSON, "--capture", MISSING], ["--capture", MISSING])
case(["verify", "--manifest", GOOD_JSON, "--capture", DIR], ["--capture", DIR])
case(["verify", "--manifest", GOOD_JSON, "--capture", NOT_PCAP], ["not-a-pcap.pcap"])
case(["verify", "--manifest", BAD_JSON, "--capture", GOOD_PCAP], ["bad.jsonl", ("bad.jsonl:2", "line 2")])
# a manifest with no record verifies nothing: bad input, not "verified 0 packets"
case(["verify", "--manifest", EMPTY, "--capture", GOOD_PCAP], ["--manifest", "empty.txt", "no records"])
case(["verify", "--manifest", COMMENTS_JSONL, "--capture", GOOD_PCAP], ["--manifest", "blank.jsonl", "no records"])
case(["verify", "--manifest", GOOD_JSON, "--capture", GOOD_PCAP, "--json", DIR], ["--json", DIR])
# a compact record with nothing before it, or naming a key the record before lacks
case(["verify", "--manifest", SAME_FIRST, "--capture", GOOD_PCAP], ["same-first.jsonl", "line 1"])
case(["verify", "--manifest", SAME_NEWKEY, "--capture", GOOD_PCAP], ["same-newkey.jsonl", "line 2", "ndisc.code"])

# --- ndp replay ---
DAD_PCAP = os.path.join(work, "dad.pcap")
t.sockgen("ndp", "ns", "--src", "::", "--target", "fe80::2", "--no-slla", "--pcap", DAD_PCAP,
          "--quiet")
with open(GOOD_PCAP, "rb") as f:
    good = f.read()
CUT_PCAP = write("cut.pcap", "")
with open(CUT_PCAP, "wb") as f:
    f.write(good[:-10])         # the last record cut short
VSOCK_PCAP = os.path.join(t.SRC, "captures", "vsock-http.pcap")
INPUTS |= {"dad.pcap", "cut.pcap"}
R = ["ndp", "replay", "--from-pcap", GOOD_PCAP, "--pcap", OUT, "--manifest", MAN]
case(["ndp", "replay"], ["--from-pcap"])
case(["ndp", "replay", "--from-pcap"], ["--from-pcap"])
case(["ndp", "replay", "--from-pcap", GOOD_PCAP], ["no output"])
case(["ndp", "replay", "--from-pcap", MISSING, "--pcap", OUT], ["--from-pcap", MISSING])
case(["ndp", "replay", "--from-pcap", DIR, "--pcap", OUT], ["--from-pcap", DIR])
case(["ndp", "replay", "--from-pcap", UNREADABLE, "--pcap", OUT], ["--from-pcap", UNREADABLE],
     nobody=True)
case(["ndp", "replay", "--from-pcap", NOT_PCAP, "--pcap", OUT], ["--from-pcap", "not-a-pcap.pcap"])
case(["ndp", "replay", "--from-pcap", EMPTY, "--pcap", OUT], ["--from-pcap", "empty.txt"])
case(["ndp", "replay", "--from-pcap", CUT_PCAP, "--pcap", OUT, "--manifest", MAN],
     ["--from-pcap", "cut.pcap", "after 0 packets"])
case(["ndp", "replay", "--from-pcap", VSOCK_PCAP, "--pcap", OUT], ["--from-pcap", "link type"])
case(R + ["--no-such-flag"], ["--no-such-flag"])
case(R + ["extra"], ["extra"])
case(R + ["--set", "ndisc.ra.router_lifetim=0"],
     ["--set", "ndisc.ra.router_lifetim", "ndisc.ra.router_lifetime", "--list-fields"])
case(R + ["--set", "ndisc.opt.prefx.valid=60"], ["ndisc.opt.prefx.valid", "ndisc.opt.prefix.valid"])
case(R + ["--set", "ndisc.opt.prefix.nosuch=1"], ["ndisc.opt.prefix.nosuch", "ndisc.opt.prefix.valid"])
case(R + ["--set", "ndisc.ra.router_lifetime"], ["--set", "FIELD=VALUE"])
case(R + ["--set", "ndisc.ra.router_lifetime=70000"], ["ndisc.ra.router_lifetime", "70000", "65535"])
case(R + ["--set", "ndisc.ra.router_lifetime=soon"], ["ndisc.ra.router_lifetime", "soon"])
case(R + ["--set", "ndisc.ra.prf=4"], ["ndisc.ra.prf", "4", "0..3"])
case(R + ["--set", "ndisc.opt.route.prf=5"], ["ndisc.opt.route.prf", "5", "out of range"])
case(R + ["--set", "ndisc.opt.prefix.valid=5000000000"], ["ndisc.opt.prefix.valid", "5000000000"])
case(R + ["--set", "ndisc.ra.flag.m=2"], ["ndisc.ra.flag.m", "'2'"])
case(R + ["--set", "ndisc.ns.target=fe80::zz"], ["ndisc.ns.target", "fe80::zz"])
case(R + ["--set", "ndisc.opt.slla.addr=02:00"], ["ndisc.opt.slla.addr", "02:00"])
case(R + ["--set", "ndisc.opt.hai.value_len=3"], ["ndisc.opt.hai.value_len", "not settable"])
case(R + ["--set", "ndisc.opt.prefix[0].valid=1"], ["ndisc.opt.prefix[0].valid", "index"])
case(R + ["--set", "ndisc.ra.router_lifetime[2]=1"], ["ndisc.ra.router_lifetime[2]"])
case(R + ["--drop-opt", "nosuch"], ["--drop-opt", "nosuch"])
case(R + ["--drop-opt", "256"], ["--drop-opt", "256"])
case(R + ["--add-opt", "mtu=abc"], ["--add-opt", "abc"])
case(R + ["--add-opt", "nosuch=1"], ["--add-opt", "nosuch"])
case(R + ["--add-opt", "mtu"], ["--add-opt", "NAME=ARG"])
case(R + ["--add-opt", "300:00"], ["300:00", "0..255"])
case(R + ["--add-opt", "prefix=2001:db8::/129"], ["--add-opt", "2001:db8::/129"])
case(R + ["--filter", "ip and and"], ["--filter", "ip and and"])
case(R + ["--start-time", "yesterday"], ["--start-time", "yesterday"])
case(["ndp", "replay", "--from-pcap", GOOD_PCAP, "--manifest", MAN, "--start-time", "0"],
     ["--start-time"])
case(R + ["--manifest-format", "tiny"], ["--manifest-format", "tiny"])
case(["ndp", "replay", "--from-pcap", GOOD_PCAP, "--pcap", DIR], ["--pcap", DIR])
case(["ndp", "replay", "--from-pcap", GOOD_PCAP, "--raw", "lo", "--iface", "lo"], ["--raw", "--iface"])
# refused before any socket: the DAD probe's '::' on --raw
case(["ndp", "replay", "--from-pcap", DAD_PCAP, "--raw", "lo"], ["--raw", "::"], nosocket=True)

os.chmod(UNREADABLE, 0o644)
shutil.rmtree(work)
t.done()
