# SPDX-License-Identifier: GPL-2.0-or-later
"""One bridged IPv6 link in network namespaces the test makes itself, for
the NDP attack and watch tests: br0 in its own namespace (ageing 0, no
multicast snooping: every frame flooded, so a capture or a watch on br0
sees them all), one namespace per node with a veth on the bridge, a
radvd router "r" (forwarding, PREFIX::1/64) and an attacker "a" whose
egress is paced with tc tbf. Floods at full speed harm the whole machine,
not only this link: the kernel's neighbour cache is one table for every
namespace (1024 entries by default, its thresholds are the host's)."""
import os
import subprocess
import time

import ndpnet

RADVD_CONF = """interface %s {
    AdvSendAdvert on;
    MinRtrAdvInterval 3;
    MaxRtrAdvInterval 4;
    AdvDefaultLifetime 1800;
    prefix %s/64 { AdvOnLink on; AdvAutonomous on; };
};
"""


def pace(ns, ifname, rate="2mbit", burst="16kb"):
    """An attacker's egress paced (tc tbf): a few hundred packets a second
    are far above ndisc's flood thresholds."""
    ndpnet.run("ip", "netns", "exec", ns, "tc", "qdisc", "replace", "dev", ifname, "root", "tbf",
               "rate", rate, "burst", burst, "latency", "200ms")


class RadvdLink:
    """nodes: {name: (MAC, link-local)}; ns(name) and ifn(name) name each
    node's namespace and interface, br the bridge's namespace; accept_ra
    (name) the node's accept_ra. setup() (before the interfaces of r and a
    come up) and ready() (after their DAD) are for a test's own addresses
    and routes."""

    def __init__(self, tmp, br, nodes, ns, ifn, prefix, accept_ra):
        self.tmp, self.br, self.nodes, self.ns, self.ifn = tmp, br, nodes, ns, ifn
        self.prefix, self.accept_ra = prefix, accept_ra
        self.made, self.radvd = [], None

    def sh(self, n, *cmd, check=True):
        return ndpnet.run("ip", "netns", "exec", self.ns(n), *cmd, check=check)

    def pace(self, rate="2mbit", burst="16kb"):
        pace(self.ns("a"), self.ifn("a"), rate, burst)

    def __enter__(self):
        try:
            self._build()
        except Exception:
            self.__exit__()
            raise
        return self

    def setup(self):
        pass

    def ready(self):
        pass

    def _build(self):
        br, ifn = self.br, self.ifn
        ndpnet.run("ip", "netns", "add", br)
        self.made.append(br)
        ndpnet.run("ip", "netns", "exec", br, "ip", "link", "add", "br0", "type", "bridge",
                   "ageing_time", "0", "mcast_snooping", "0")
        ndpnet.run("ip", "netns", "exec", br, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
        for n, (mac, _) in self.nodes.items():
            ndpnet.run("ip", "netns", "add", self.ns(n))
            self.made.append(self.ns(n))
            ndpnet.run("ip", "link", "add", ifn(n), "netns", self.ns(n), "address", mac, "type", "veth",
                       "peer", "name", "p" + n, "netns", br)
            ndpnet.run("ip", "netns", "exec", br, "ip", "link", "set", "p" + n, "master", "br0", "up")
            self.sh(n, "sysctl", "-qw", "net.ipv6.conf.%s.accept_ra=%d" % (ifn(n), self.accept_ra(n)),
                    "net.ipv6.conf.%s.forwarding=%d" % (ifn(n), 1 if n == "r" else 0))
        ndpnet.run("ip", "netns", "exec", br, "ip", "link", "set", "br0", "up")
        self.sh("r", "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        self.sh("r", "ip", "addr", "add", self.prefix + "1/64", "dev", ifn("r"))
        self.setup()
        self.pace()
        for n in ("r", "a"):
            self.sh(n, "ip", "link", "set", ifn(n), "up")
        time.sleep(2.2)                  # the link-locals' DAD
        self.ready()
        self.start_radvd()

    def start_radvd(self):
        conf = os.path.join(self.tmp, "radvd.conf")
        with open(conf, "w") as f:
            f.write(RADVD_CONF % (self.ifn("r"), self.prefix))
        os.chmod(self.tmp, 0o755)
        os.chmod(conf, 0o644)
        self.radvd = subprocess.Popen(["ip", "netns", "exec", self.ns("r"), "radvd", "-n", "-C", conf, "-p",
                                       os.path.join(self.tmp, "radvd.pid"), "-m", "stderr"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def stop_radvd(self):
        if self.radvd and self.radvd.poll() is None:
            self.radvd.terminate()       # its final RA: router lifetime 0
            try:
                self.radvd.wait(5)
            except subprocess.TimeoutExpired:
                self.radvd.kill()
                self.radvd.wait()
        self.radvd = None

    def __exit__(self, *exc):
        self.stop_radvd()
        for n in reversed(self.made):
            ndpnet.run("ip", "netns", "del", n, check=False)
