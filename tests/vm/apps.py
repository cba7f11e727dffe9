#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Real services over vsock in the QEMU guest (tests/vm/apps.sh): SSH
(dropbear, dbclient), TLS (openssl s_server/s_client), HTTP/2 cleartext
(nghttpd, nghttp) and the QEMU guest agent (qemu-ga), each captured on
vsockmon0, and all four at once.

  apps.py run [--out DIR]        boot the guest, results in DIR
  apps.py captures [--out DIR]   run, then copy the captures and the
                                 programs' logs to captures/ (the logs are
                                 the dissect tests' truth)

The programs come from Debian's packages on this machine (scripts/deps vm
installs them) and go into the guest's initramfs with the libraries ldd
lists. Keys and a certificate are made for each run (dropbearkey, openssl
req): nothing secret is committed, and no capture depends on a fixed key.
Exit: 0 ran, 1 failure, 77 qemu, the kernel or a program missing."""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import guest  # noqa: E402

PROGRAMS = {  # program: (path in the guest, Debian package)
    "dropbear": ("usr/sbin/dropbear", "dropbear-bin"),
    "dbclient": ("usr/bin/dbclient", "dropbear-bin"),
    "openssl": ("usr/bin/openssl", "openssl"),
    "nghttpd": ("usr/sbin/nghttpd", "nghttp2-server"),
    "nghttp": ("usr/bin/nghttp", "nghttp2-client"),
    "qemu-ga": ("usr/sbin/qemu-ga", "qemu-guest-agent, downloaded"),
}
APPS = ("ssh", "tls", "h2", "qga", "mix")
OS_RELEASE = b'PRETTY_NAME="sockscope test guest"\nNAME="sockscope"\nID=sockscope\nVERSION_ID="1"\n'


def which(prog):
    for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        p = os.path.join(d, prog)
        if os.access(p, os.X_OK):
            return p
    if prog == "qemu-ga":
        return qemu_ga()
    return None


def qemu_ga():
    """qemu-ga from Debian's package, downloaded and unpacked, never
    installed: installed, the package's service would talk to this
    machine's hypervisor if it offered a guest-agent channel. Its
    libraries come with scripts/deps (libnuma1, liburing2)."""
    d = os.path.join(guest.vm_dir(), "qemu-guest-agent")
    binary = os.path.join(d, "root", "usr", "sbin", "qemu-ga")
    if os.access(binary, os.X_OK):
        return binary
    os.makedirs(d, exist_ok=True)
    p = subprocess.run(["apt-get", "download", "qemu-guest-agent"], cwd=d, capture_output=True, text=True)
    debs = glob.glob(os.path.join(d, "qemu-guest-agent_*.deb"))
    if p.returncode != 0 or not debs:
        raise guest.Unavailable("apt-get download qemu-guest-agent failed: " + p.stderr.strip()[-300:])
    subprocess.run(["dpkg-deb", "-x", debs[0], os.path.join(d, "root")], check=True)
    return binary if os.access(binary, os.X_OK) else None


def keys(tmp):
    """Host key, client key pair and a self-signed certificate, fresh."""
    run = lambda *a: subprocess.run(a, check=True, capture_output=True, text=True)  # noqa: E731
    run("dropbearkey", "-t", "ed25519", "-f", os.path.join(tmp, "hostkey"))
    run("dropbearkey", "-t", "ed25519", "-f", os.path.join(tmp, "id"))
    pub = [l for l in run("dropbearkey", "-y", "-f", os.path.join(tmp, "id")).stdout.splitlines()
           if l.startswith("ssh-")][0]
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-days", "2", "-subj", "/CN=vsock.example",
        "-keyout", os.path.join(tmp, "key.pem"), "-out", os.path.join(tmp, "cert.pem"))
    rd = lambda n: open(os.path.join(tmp, n), "rb").read()  # noqa: E731
    return [("etc/dropbear/hostkey", rd("hostkey")), ("root/.ssh/id", rd("id")),
            ("root/.ssh/authorized_keys", (pub + "\n").encode()),
            ("etc/tls/cert.pem", rd("cert.pem")), ("etc/tls/key.pem", rd("key.pem"))]


def extra_files(tmp):
    files, libs = [], {}
    for prog, (gpath, pkg) in PROGRAMS.items():
        p = which(prog)
        if not p:
            raise guest.Unavailable("%s not installed (Debian package %s; scripts/deps vm)" % (prog, pkg))
        files.append((gpath, open(p, "rb").read()))
        for g, real in guest.ldd_files(p):
            libs[g] = real
    # openssl's engines and providers load at run time; its config is optional
    files += [(g, open(real, "rb").read()) for g, real in sorted(libs.items())]
    files += keys(tmp)
    files += [("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
              ("etc/group", b"root:x:0:\n"),
              ("etc/os-release", OS_RELEASE),
              ("apps-guest", b"")]
    return files


def run(out, timeout=240):
    with tempfile.TemporaryDirectory() as tmp:
        return guest.run(os.path.join(HERE, "apps.sh"), out, timeout, extra_files=extra_files(tmp))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("verb", choices=["run", "captures"])
    ap.add_argument("--out", default=os.path.join(guest.vm_dir(), "apps-out"))
    a = ap.parse_args()
    try:
        s = run(a.out)
    except guest.Unavailable as e:
        print("SKIP: " + str(e))
        return 77
    except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
        print("apps: " + str(e), file=sys.stderr)
        return 1
    if a.verb == "captures" and not s["errors"]:
        dest = os.path.join(guest.SRC, "captures")
        for name in APPS:
            pcap = os.path.join(a.out, "vsock-app-%s.pcap" % name)
            if not os.path.exists(pcap) or os.path.getsize(pcap) >= 1 << 20:
                print("apps: %s missing or 1 MiB or more" % pcap, file=sys.stderr)
                return 1
            shutil.copy(pcap, dest)
        logs = os.path.join(dest, "apps")
        shutil.rmtree(logs, ignore_errors=True)
        os.makedirs(logs)
        for f in sorted(glob.glob(os.path.join(a.out, "*.log")) + glob.glob(os.path.join(a.out, "*.out")) +
                        [os.path.join(a.out, "scenarios.txt")]):
            shutil.copy(f, logs)
    print(s)
    return 1 if s["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
