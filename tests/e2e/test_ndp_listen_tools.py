# SPDX-License-Identifier: GPL-2.0-or-later
"""sockgen ndp listen beside radvdump and the Linux kernel, in a namespace
pair: (1) --format radvd prints radvd's RA as a radvd.conf block that
radvd --configtest accepts and that equals radvdump's view of the same RA
in every setting both print; (2) text mode shows every option with its
values and the peer kernel's DAD probe (NS from :: to a solicited-node group
nobody here joined); (3) --respond answers NS (multicast, unicast, DAD) with
the NA the peer kernel sends for the same NS to its own address: the same
R, S, O flags, target link-layer address, source and destination, read from
a capture by Wireshark's built-in dissector."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import beside  # noqa: E402
import ndpnet  # noqa: E402
import peers  # noqa: E402
import sstest  # noqa: E402

import radvd_rich  # noqa: E402

KADDR = "2001:db8:6::b"      # on the kernel of namespace b
OWN = "2001:db8:6::99"       # only the listener answers for it
DADADDR = "2001:db8:6::d"    # added on namespace a with DAD on


def popen(ns, *cmd):
    return subprocess.Popen(["ip", "netns", "exec", ns] + list(cmd), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(proc, timeout=15):
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


def radvd_part(p, radvd, d):
    """radvd in a, listen --format radvd and radvdump in b."""
    radvdump = peers.need_tool("radvdump", "radvdump")
    conf = os.path.join(d, "radvd.conf")
    with open(conf, "w") as f:
        f.write(radvd_rich.CONF % {"ifname": p.ifa})
    os.chmod(conf, 0o644)
    p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
    lr = popen(p.nsb, sstest.SOCKGEN, "ndp", "listen", p.ifb, "--format", "radvd", "--count", "1",
               "--timeout", "30")
    lt = popen(p.nsb, sstest.SOCKGEN, "ndp", "listen", p.ifb, "--timeout", "6")
    dump = popen(p.nsb, radvdump)
    rv = popen(p.nsa, radvd, "-n", "-m", "stderr", "-d", "1", "-C", conf, "-p", os.path.join(d, "radvd.pid"))
    try:
        time.sleep(1.5)
        for _ in range(2):
            r = p.sockgen(p.nsb, "ndp", "rs", "--raw", p.ifb, "--quiet")
            sstest.eq(r.returncode, 0, "RS sent (%s)" % r.stderr.strip())
            time.sleep(1)
        # the kernel of a probes a new address: DAD on for it alone
        p.sh(p.nsa, "sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=1" % p.ifa,
             "net.ipv6.conf.%s.dad_transmits=1" % p.ifa)
        p.sh(p.nsa, "ip", "addr", "add", DADADDR + "/64", "dev", p.ifa)
        lr_out, lr_err = finish(lr, 30)
        lt_out, _ = finish(lt)
    finally:
        for proc in (rv, dump, lr, lt):
            if proc.poll() is None:
                proc.terminate()
        dump_out, _ = finish(dump)
        finish(rv)
    return lr, lr_out, lr_err, lt_out, dump_out


def check_radvd(p, lr, lr_out, lr_err, dump_out, d):
    print("listen --format radvd:\n%s%s\nradvdump:\n%s" % (lr_out, lr_err, dump_out[:3000]))
    sstest.eq(lr.returncode, 0, "listen --format radvd --count 1: exit 0")
    path = os.path.join(d, "from-listen.conf")
    with open(path, "w") as f:
        f.write(lr_out)
    os.chmod(path, 0o644)
    ct = subprocess.run(["ip", "netns", "exec", p.nsb, peers.need_tool("radvd", "radvd"), "--configtest",
                         "-C", path], capture_output=True, text=True, timeout=30)
    sstest.eq(ct.returncode, 0, "radvd --configtest accepts listen's block\n" + ct.stderr)
    mine, theirs = beside.parse_radvd_conf(lr_out), beside.parse_radvd_conf(dump_out)
    if not (sstest.eq(len(mine), 1, "one interface block from listen") and
            sstest.check(theirs, "radvdump printed a block")):
        return
    a, b = theirs[0], mine[0]
    common = sorted(set(a) & set(b), key=str)
    for k in common:
        sstest.eq(b[k], a[k], "radvd.conf %s %s: listen as radvdump" % k)
    sstest.check(len(common) >= 30, "at least 30 settings compared with radvdump", str(len(common)))
    only_dump = sorted(set(a) - set(b), key=str)
    sstest.check(all(k[1] in ("AdvMobRtrSupportFlag",) for k in only_dump),
                 "listen prints every setting radvdump prints (but the mobile router flag)", repr(only_dump))
    ok = sum(a[k] == b[k] for k in common)
    keys = []
    for sec, k in common:
        if k not in keys:
            keys.append(k)
    beside.row("radvdump (radvdump %s)" % peers.pkg_version("radvdump"), "sockgen ndp listen --format radvd",
               keys + ["radvd --configtest"], len(common) + 1, ok + (ct.returncode == 0),
               "tests/e2e/test_ndp_listen_tools.py")


def check_text(p, lt_out):
    print("listen (text):\n" + lt_out[-4000:])
    sol = "ff02::1:ff00:d"
    sstest.check("Neighbor Solicitation from :: to %s hlim 255 target %s (DAD probe)" % (sol, DADADDR) in lt_out,
                 "text: the peer kernel's DAD probe is seen (a group nobody here joined)")
    for what in (" Route                    : 2001:db8:100::/48", "  Route preference        :         high",
                 "prf low", "  Valid time              :     infinite (0xffffffff)",
                 " Authoritative Border Router: option 35"):
        sstest.check(what in lt_out, "text: the RA shows '%s'" % what.strip())


def nas(cap_path, target, mac):
    rows = sstest.fields(cap_path, ["ipv6.src", "ipv6.dst", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s",
                                    "icmpv6.nd.na.flag.o", "icmpv6.opt.linkaddr"],
                         filt="icmpv6.type == 136 && eth.src == %s && icmpv6.nd.na.target_address == %s"
                         % (mac, target), plugin=False)
    # the target's own address stands for itself: compare the rest
    return [("target" if r[0] == target else r[0],) + tuple(r[1:]) for r in rows]


def respond_part(p, d):
    """The same three NS to the kernel's address and to the listener's."""
    p.sh(p.nsb, "ip", "addr", "add", KADDR + "/64", "dev", p.ifb, "nodad")
    cap_path = os.path.join(d, "respond.pcap")
    cap = ndpnet.Capture(p, p.nsa, p.ifa, cap_path)
    lst = None

    def three(target):
        for how in (["--target", target],                                  # multicast
                    ["--target", target, "--dst", target, "--dst-mac", p.macb],  # unicast
                    ["--target", target, "--src", "::"]):                  # DAD probe
            r = p.sockgen(p.nsa, "ndp", "ns", "--iface", p.ifa, *how, "--quiet")
            sstest.eq(r.returncode, 0, "NS %s sent (%s)" % (" ".join(how), r.stderr.strip()))
            time.sleep(0.4)
    try:
        three(KADDR)
        lst = popen(p.nsb, sstest.SOCKGEN, "ndp", "listen", p.ifb, "--respond", "--addr", OWN, "--timeout", "30")
        sstest.check("listening on" in lst.stderr.readline(), "listener started")
        three(OWN)
        time.sleep(0.5)
    finally:
        if lst:
            lst.terminate()
            finish(lst)
        cap.stop(expect=8)
    kern, mine = nas(cap_path, KADDR, p.macb), nas(cap_path, OWN, p.macb)
    print("kernel NAs: %r\nlistener NAs: %r" % (kern, mine))
    if sstest.eq(len(kern), 3, "the kernel answered the three NS") and \
            sstest.eq(len(mine), 3, "the listener answered the three NS"):
        for what, k, m in zip(("multicast NS", "unicast NS", "DAD probe"), kern, mine):
            sstest.eq(m, k, "NA to a %s: as the kernel's (src, dst, R, S, O, TLLA)" % what)
        beside.row("the Linux kernel (%s)" % os.uname().release, "sockgen ndp listen --respond",
                   ["NA source", "destination", "R", "S", "O", "target link-layer address"], 18,
                   sum(a == b for x, y in zip(kern, mine) for a, b in zip(x, y)),
                   "tests/e2e/test_ndp_listen_tools.py")


def main():
    ndpnet.require()
    radvd = peers.need_tool("radvd", "radvd")
    if not os.path.exists(sstest.PLUGIN):
        sstest.skip("plugin not built at " + sstest.PLUGIN)
    d = sstest.tmpdir()
    with ndpnet.Pair("lt") as p:
        lr, lr_out, lr_err, lt_out, dump_out = radvd_part(p, radvd, d)
        check_radvd(p, lr, lr_out, lr_err, dump_out, d)
        check_text(p, lt_out)
    with ndpnet.Pair("lr") as p:
        respond_part(p, d)
    sstest.done()


main()
