# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared pieces of the round-trip and third-party peer tests: the NDP
message set (every message type, every option type of the IANA registry),
sockgen verify, and the peers table row (build/peers.tsv)."""
import fcntl
import os
import shutil
import signal
import subprocess
import time

import sstest

KEYHASH = "00112233445566778899aabbccddeeff"
SIG = "a5" * 24
# a real DER X.509v3 certificate (self-signed, EC P-256, CN=sockscope-test,
# made with openssl req -x509): Wireshark's built-in parses the Certificate
# option's body as X.509 and stops at anything else
CERT = ("308201873082012da00302010202141cd966076649bc3a5abb38de6f5656256f0b0e3e30"
        "0a06082a8648ce3d04030230193117301506035504030c0e736f636b73636f70652d7465"
        "7374301e170d3236313132323231343332305a170d3336313131393231343332305a3019"
        "3117301506035504030c0e736f636b73636f70652d746573743059301306072a8648ce3d"
        "020106082a8648ce3d03010703420004c7dac257e1dd877f9127214cb805942fd52b587a"
        "970c4a6c06ab5a612ae4e92ea63e2b1c25a88fe1e8b8dc98ec1bf4b5cc990f759677bb72"
        "53ecb3e4b59cf00fa3533051301d0603551d0e0416041486cf5e50992aca6afc19ae784b"
        "038dd3781f9226301f0603551d2304183016801486cf5e50992aca6afc19ae784b038dd3"
        "781f9226300f0603551d130101ff040530030101ff300a06082a8648ce3d040302034800"
        "3045022100efe460155c3bd56ef7c022016dc3899ca690ae3724baae6cc1388ebf2eccb9"
        "10022021a29a68035aaf9812bb59b4ab47ba38c731dae6c2a35df4f4a970bfdada6ac7")
# start of the redirected packet: IPv6 header (payload 8, ICMPv6, hop
# limit 64, 2001:db8::1 -> 2001:db8::77) and an echo request header
REDIRECTED = ("6000000000083a40" + "20010db8000000000000000000000001" +
              "20010db8000000000000000000000077" + "8000000000010001")

# One rich message per type. Options the RFCs expect in that message come
# first; the rest of the registry is spread over them so that the set as a
# whole carries every option type (1-21, 23-42, 138, 139, 144, 253, 254).
NDP_MESSAGES = {
    "rs": ["--slla", "02:00:00:00:00:01", "--nonce", "0102030405060708090a0b0c0d0e",
           "--timestamp", "1700000000.32768", "--cga", "11" * 32,
           "--rsa-sig", KEYHASH + "," + SIG, "--card-req", "0001020304050607"],
    "ra": ["--flags", "M,O,H,P", "--prf", "high", "--cur-hop-limit", "64",
           "--router-lifetime", "1800", "--reachable", "30000", "--retrans", "1000",
           "--slla", "02:00:00:00:00:01",
           "--prefix", "2001:db8:1::/64,L,A,valid=1d,preferred=4h",
           "--prefix", "2001:db8:2::/48,R,P,valid=infinity,preferred=0",
           "--mtu", "1500", "--adv-interval", "3000", "--home-agent", "pref=10,lifetime=600",
           "--route", "2001:db8:100::/48,prf=high,lifetime=600", "--route", "::/0,prf=low,lifetime=60",
           "--rdnss", "2001:db8::53,2001:db8::54,lifetime=600",
           "--dnssl", "example.com,corp.example.org,lifetime=600",
           "--ra-flags-ext", "000000000001", "--pref64", "64:ff9b::/96,lifetime=600",
           "--captive-portal", "https://portal.example.com/",
           "--pvd-id", "pvd.example.com,seq=3,H,L,R,delay=2,lifetime=600",
           "--map", "2001:db8::7,dist=1,pref=3,R,valid=3600",
           "--6lowpan-ctx", "2001:db8:3::/64,cid=3,C,lifetime=60",
           "--abro", "2001:db8::1,version=7,lifetime=10", "--6cio", "000000000001",
           "--rd-addr", "2001:db8::99,lifetime=60", "--uptime", "100,exp=5",
           "--encrypted-dns", "resolver.example.com,priority=1,lifetime=600,addr=2001:db8::53,svcparams=00010003026832",
           "--exp1", "0102030405"],
    "ns": ["--target", "2001:db8::2", "--slla", "02:00:00:00:00:01",
           "--nonce", "0a0b0c0d0e0f", "--earo", "0102030405060708,status=0,opaque=5,i=1,R,T,tid=7,lifetime=10",
           "--cipo", "0,%s" % ("22" * 32), "--ndp-sig", "33" * 22, "--nbma", "5",
           "--ip-addr", "1,2001:db8::9/64", "--fmip-lla", "2,02:00:00:00:00:09"],
    "na": ["--target", "2001:db8::2", "--flags", "R,S,O", "--dst", "2001:db8::1",
           "--tlla", "02:00:00:00:00:02", "--naack", "code=0,status=1",
           "--new-router-prefix", "0,2001:db8:5::/64", "--hkr", "1,0102030405060708",
           "--hkrep", "1,600,0102030405060708", "--hai", "1,0102", "--mn-id", "1,0102030405",
           "--proxy-sig", KEYHASH + "," + SIG, "--exp2", "0a0b0c"],
    "redirect": ["--target", "fe80::2", "--destination", "2001:db8::77",
                 "--tlla", "02:00:00:00:00:02", "--redirected-header", REDIRECTED,
                 "--trust-anchor", "fqdn=ta.example.com", "--certificate", "3082000130",
                 "--card-rep", "0001020304050607"],
    "ind-sol": ["--slla", "02:00:00:00:00:01", "--tlla", "02:00:00:00:00:02", "--mtu", "1400",
                "--src-addr-list", "2001:db8::1,2001:db8::2"],
    "ind-adv": ["--slla", "02:00:00:00:00:02", "--tlla", "02:00:00:00:00:01", "--mtu", "1400",
                "--tgt-addr-list", "2001:db8::3,2001:db8::4", "--src-addr-list", "2001:db8::5"],
    "cps": ["--identifier", "7", "--component", "65535", "--trust-anchor", "fqdn=ta.example.com"],
    "cpa": ["--identifier", "7", "--all-components", "2", "--component", "1",
            "--certificate", CERT, "--trust-anchor", "fqdn=ta.example.org"],
}

ALL_OPTION_TYPES = set(range(1, 22)) | set(range(23, 43)) | {138, 139, 144, 253, 254}


def verify(manifest, capture, json_report=None, plugin=None):
    """sockgen verify; returns the CompletedProcess."""
    cmd = [sstest.SOCKGEN, "verify", "--manifest", manifest, "--capture", capture]
    if json_report:
        cmd += ["--json", json_report]
    env = dict(os.environ)
    env["SOCKSCOPE_PLUGIN"] = plugin or sstest.PLUGIN
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def peers_row(peer, packets, fields, mismatches, note=""):
    """Set this peer's row in build/peers.tsv (rendered by tests/e2e/peers_table.py).
    Locked: ctest -j runs the peer tests side by side."""
    path = os.path.join(sstest.BUILD, "peers.tsv")
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        rows = []
        if os.path.exists(path):
            with open(path) as f:
                rows = [r for r in f.read().splitlines() if r and r.split("\t")[0] != peer]
        rows.append("\t".join([peer, str(packets), str(fields), str(mismatches), note.replace("\t", " ")]))
        with open(path + ".tmp", "w") as f:
            f.write("\n".join(rows) + "\n")
        os.replace(path + ".tmp", path)
        # build/peers.md follows every row; docs/peers.md is rendered from
        # the same file by tests/e2e/peers_table.py
        subprocess.run(["/usr/bin/python3", os.path.join(sstest.SRC, "tests", "e2e", "peers_table.py"),
                        path, os.path.join(sstest.BUILD, "peers.md")], capture_output=True)


def need_tool(name, package):
    """Path of a tool, installing its Debian package when root and missing;
    skip (exit 77) with the reason when it cannot be had."""
    p = shutil.which(name) or (os.path.exists("/usr/sbin/" + name) and "/usr/sbin/" + name)
    if p:
        return p
    if not sstest.is_root():
        sstest.skip("%s missing (Debian package %s) and not root to install it" % (name, package))
    r = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", package],
                       capture_output=True, text=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if r.returncode != 0:
        subprocess.run(["apt-get", "update"], capture_output=True)
        r = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", package],
                           capture_output=True, text=True,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    p = shutil.which(name) or (os.path.exists("/usr/sbin/" + name) and "/usr/sbin/" + name)
    if not p:
        sstest.skip("%s missing and apt-get install %s failed: %s" % (
            name, package, (r.stderr.strip().splitlines() or ["?"])[-1]))
    return p


def pkg_version(package):
    """Debian version of an installed package ("?" when unknown)."""
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 and r.stdout.strip() else "?"


class Capture:
    """tcpdump in a namespace with a chosen filter (ndpnet.Capture's
    "icmp6" misses ICMPv6 behind extension headers)."""

    def __init__(self, ns, ifname, path, filt="ip6"):
        self.path = path
        self.p = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-Z", "root", "-n", "--immediate-mode",
                                   "-i", ifname, "-U", "-w", path, filt],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = self.p.stderr.readline()
        if "listening on" not in line:
            self.stop()
            raise RuntimeError("tcpdump did not start: " + line)

    def stop(self):
        if self.p.poll() is None:
            time.sleep(0.5)
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(5)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
