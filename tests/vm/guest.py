#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU guest harness: Debian 6.1 kernel + busybox initramfs with vsock_loopback and vsockmon.

Builds (and caches under $SOCKSCOPE_BUILD/vm) everything a guest needs to run
live vsock scenarios, boots it under TCG, and brings the guest's /out
directory back as a tar.gz, through a virtio disk image or, without one,
base64 over the serial console, checked with its SHA-256 either way. The kernel package is downloaded, never
installed: `apt-get download` + `dpkg -x`.

  guest.py run [--script FILE] [--out DIR] [--timeout S] [--kernel bzimage|elf]
  guest.py prepare            (download and unpack only; prints the paths)
  guest.py captures           run scenarios.sh, copy its vsock-*.pcap to captures/

Exit: 0 guest ran to its end marker, 1 failure, 77 qemu or kernel missing.

Nothing here opens a vsock socket on the host: vsock traffic only ever
happens inside the guest."""
import argparse
import base64
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("SOCKSCOPE_SRC", os.path.abspath(os.path.join(HERE, "..", "..")))
BUILD = os.environ.get("SOCKSCOPE_BUILD", os.path.join(SRC, "build"))
SOCKGEN = os.environ.get("SOCKGEN", os.path.join(BUILD, "generator", "sockgen"))
QEMU = shutil.which("qemu-system-x86_64")
# The modules the scenarios need; their dependencies come from modules.dep.
WANT_MODULES = ["vsock", "vmw_vsock_virtio_transport_common", "vsock_loopback", "vsockmon",
                # the output disk (/dev/vda): large results leave the guest there
                "virtio_pci", "virtio_blk"]
DISK_MB = 256
MARK = "@@SOCKSCOPE"


class Unavailable(Exception):
    """qemu or the kernel package cannot be had: the test skips."""


def log(msg):
    print("guest: " + msg, file=sys.stderr, flush=True)


def vm_dir():
    d = os.path.join(BUILD, "vm")
    os.makedirs(d, exist_ok=True)
    return d


def kernel_package():
    """linux-image-<abi>-amd64 that the linux-image-amd64 metapackage points to."""
    pkg = os.environ.get("SOCKSCOPE_KERNEL_PKG")
    if pkg:
        return pkg
    try:
        out = subprocess.run(["apt-cache", "depends", "--important", "linux-image-amd64"],
                             capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Unavailable("apt-cache: %s" % e)
    for line in out.splitlines():
        w = line.split()
        if len(w) == 2 and w[0] == "Depends:" and w[1].startswith("linux-image-6.1"):
            return w[1]
    raise Unavailable("apt-cache knows no linux-image-6.1.*-amd64 (linux-image-amd64 depends: %r)" % out.strip())


def fetch_kernel():
    """Returns (unpacked root, kernel version). Cached: a .deb already in vm/ is reused."""
    d = vm_dir()
    debs = sorted(glob.glob(os.path.join(d, "linux-image-6.1*-amd64_*.deb")))
    # A cached .deb that dpkg-deb cannot read (an interrupted download) is
    # fetched again.
    for deb in debs:
        if subprocess.run(["dpkg-deb", "--info", deb], capture_output=True).returncode != 0:
            log("cached %s is damaged, fetching it again" % os.path.basename(deb))
            os.unlink(deb)
    debs = [x for x in debs if os.path.exists(x)]
    if not debs:
        pkg = kernel_package()
        log("apt-get download " + pkg)
        p = subprocess.run(["apt-get", "download", pkg], cwd=d, capture_output=True, text=True)
        debs = sorted(glob.glob(os.path.join(d, pkg + "_*.deb")))
        if p.returncode != 0 or not debs:
            raise Unavailable("apt-get download %s failed: %s" % (pkg, p.stderr.strip()[-300:]))
    deb = debs[-1]
    root = os.path.join(d, "pkg-" + os.path.basename(deb)[:-4])
    if not os.path.isdir(os.path.join(root, "boot")):
        log("dpkg -x " + os.path.basename(deb))
        tmp = root + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["dpkg", "-x", deb, tmp], check=True)
        os.rename(tmp, root)
    vers = os.listdir(os.path.join(root, "lib", "modules"))
    if len(vers) != 1:
        raise RuntimeError("expected one kernel version in %s, found %r" % (root, vers))
    return root, vers[0]


def extract_vmlinux(bzimage, out):
    """The ELF vmlinux inside the bzImage's XZ payload. Booted directly it
    skips the decompressor, which is slow under TCG, and its PVH note lets
    qemu -kernel start it."""
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(bzimage):
        return out
    data = open(bzimage, "rb").read()
    pos = data.find(b"\xfd7zXZ\x00")
    while pos >= 0:
        try:
            dec = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
            elf = dec.decompress(data[pos:])
            if elf[:4] == b"\x7fELF":
                with open(out + ".tmp", "wb") as f:
                    f.write(elf)
                os.rename(out + ".tmp", out)
                return out
        except lzma.LZMAError:
            pass
        pos = data.find(b"\xfd7zXZ\x00", pos + 1)
    raise RuntimeError("no XZ-compressed ELF found in " + bzimage)


def module_order(root, ver):
    """Module files (relative to lib/modules/VER) in load order, deps first."""
    mdir = os.path.join(root, "lib", "modules", ver)
    dep = os.path.join(mdir, "modules.dep")
    if not os.path.exists(dep):
        # The .deb ships no modules.dep (postinst makes it): generate it in
        # the unpacked tree.
        subprocess.run(["depmod", "-b", root, ver], check=True)
    deps = {}
    for line in open(dep):
        mod, _, rest = line.partition(":")
        deps[mod.strip()] = rest.split()
    byname = {}
    for mod in deps:
        name = os.path.basename(mod).split(".ko")[0].replace("-", "_")
        byname[name] = mod
    order = []

    def visit(mod):
        if mod in order:
            return
        for d in reversed(deps.get(mod, [])):
            visit(d)
        order.append(mod)

    for name in WANT_MODULES:
        if name not in byname:
            raise RuntimeError("module %s not in %s" % (name, dep))
        visit(byname[name])
    return mdir, order


def ldd_files(binary):
    """The binary's shared objects as (path in guest, real file on host)."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    files = []
    for line in out.splitlines():
        w = line.split()
        if "=>" in w:
            i = w.index("=>")
            if i + 1 < len(w) and w[i + 1].startswith("/"):
                files.append((w[i + 1], os.path.realpath(w[i + 1])))
        elif w and w[0].startswith("/"):
            files.append((w[0], os.path.realpath(w[0])))
    return files


class Cpio:
    """cpio newc writer (the initramfs format, Documentation/driver-api/early-userspace)."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1
        self.dirs = set()

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        name_b = name.encode() + b"\0"
        hdr = "070701" + "".join("%08x" % v for v in (
            self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data),
            0, 0, rdev[0], rdev[1], len(name_b), 0))
        self.ino += 1
        self.buf.write(hdr.encode() + name_b)
        self.buf.write(b"\0" * ((4 - (110 + len(name_b)) % 4) % 4))
        self.buf.write(data)
        self.buf.write(b"\0" * ((4 - len(data) % 4) % 4))

    def mkdir(self, path):
        path = path.strip("/")
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            p = "/".join(parts[:i])
            if p and p not in self.dirs:
                self.dirs.add(p)
                self._entry(p, stat.S_IFDIR | 0o755)

    def file(self, path, data, mode=0o755):
        path = path.strip("/")
        if "/" in path:
            self.mkdir(os.path.dirname(path))
        self._entry(path, stat.S_IFREG | mode, data)

    def symlink(self, path, target):
        path = path.strip("/")
        if "/" in path:
            self.mkdir(os.path.dirname(path))
        self._entry(path, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, path, major, minor):
        self.mkdir(os.path.dirname(path.strip("/")))
        self._entry(path.strip("/"), stat.S_IFCHR | 0o600, rdev=(major, minor))

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return self.buf.getvalue()


INIT = r"""#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmp /tmp
# printk would interleave with the base64 on the console.
dmesg -n 1
echo "@@SOCKSCOPE-BOOTED $(cut -d' ' -f1 /proc/uptime)@@"
mkdir -p /out
for m in $(cat /modules.order); do
	insmod "/modules/$m" || echo "@@SOCKSCOPE-ERROR insmod $m@@"
done
ip link set lo up
cd /tmp
sh /scenario.sh > /out/scenario.log 2>&1
echo "scenario exit $?" >> /out/scenario.log
cut -d' ' -f1 /proc/uptime > /out/uptime
tar -C /out -czf /tmp/out.tgz .
sum=$(sha256sum /tmp/out.tgz | cut -d' ' -f1)
# The output disk is fast; the serial line (about 60 KB/s under TCG) is the
# fallback when there is none.
if [ -b /dev/vda ] && dd if=/tmp/out.tgz of=/dev/vda bs=1M conv=fsync 2>/dev/null; then
	echo "@@SOCKSCOPE-DISK $(wc -c < /tmp/out.tgz) $sum@@"
else
	echo "@@SOCKSCOPE-BEGIN $sum@@"
	base64 /tmp/out.tgz
	echo "@@SOCKSCOPE-END@@"
fi
poweroff -f
"""


def build_initramfs(script, extra_files=(), compress=True):
    """Returns the path of the initramfs for this scenario script."""
    root, ver = fetch_kernel()
    mdir, order = module_order(root, ver)
    if not os.path.exists(SOCKGEN):
        raise RuntimeError("sockgen not built: " + SOCKGEN)
    busybox = shutil.which("busybox") or "/bin/busybox"
    socat = shutil.which("socat")
    c = Cpio()
    for d in ("proc", "sys", "dev", "tmp", "bin", "sbin", "usr/bin", "modules", "out"):
        c.mkdir(d)
    c.chardev("dev/console", 5, 1)
    c.chardev("dev/null", 1, 3)
    c.file("bin/busybox", open(busybox, "rb").read())
    c.symlink("bin/sh", "busybox")
    c.file("init", INIT.encode())
    names = []
    for mod in order:
        base = os.path.basename(mod)
        data = open(os.path.join(mdir, mod), "rb").read()
        if base.endswith(".xz"):
            data, base = lzma.decompress(data), base[:-3]
        c.file("modules/" + base, data, 0o644)
        names.append(base)
    c.file("modules.order", ("\n".join(names) + "\n").encode(), 0o644)
    libs = {}
    for binpath, guest in ((SOCKGEN, "bin/sockgen"), (socat, "usr/bin/socat")):
        if not binpath:
            continue
        c.file(guest, open(binpath, "rb").read())
        for gpath, real in ldd_files(binpath):
            libs[gpath] = real
    for gpath, real in sorted(libs.items()):
        c.file(gpath, open(real, "rb").read())
    c.file("scenario.sh", open(script, "rb").read())
    c.file("guestlib.sh", open(os.path.join(HERE, "guestlib.sh"), "rb").read(), 0o644)
    for gpath, data in extra_files:
        c.file(gpath, data)
    data = c.finish()
    out = os.path.join(vm_dir(), "initramfs-%s.cpio%s" % (os.path.basename(script).split(".")[0],
                                                           ".gz" if compress else ""))
    with open(out + ".tmp", "wb") as f:
        f.write(gzip.compress(data, compresslevel=1) if compress else data)
    os.rename(out + ".tmp", out)
    return out, root, ver


def kernel_image(root, ver, kind):
    bz = os.path.join(root, "boot", "vmlinuz-" + ver)
    if kind == "bzimage":
        return bz
    return extract_vmlinux(bz, os.path.join(vm_dir(), "vmlinux-" + ver))


def boot(kernel, initrd, timeout, disk=None):
    """Runs the guest; returns (console text, seconds). disk: a raw image
    the guest sees as /dev/vda, where it leaves its output."""
    if not QEMU:
        raise Unavailable("qemu-system-x86_64 not installed (Debian package qemu-system-x86)")
    cmd = [QEMU, "-accel", "tcg", "-m", "512", "-smp", "1", "-nographic", "-no-reboot",
           "-nodefaults", "-serial", "stdio", "-kernel", kernel, "-initrd", initrd,
           "-append", "console=ttyS0 panic=-1 quiet"]
    if disk:
        cmd += ["-drive", "file=%s,if=virtio,format=raw" % disk]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise RuntimeError("guest did not power off within %d s; console tail:\n%s" % (
            timeout, (e.stdout or b"")[-3000:].decode(errors="replace")))
    secs = time.monotonic() - t0
    return p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace"), secs


def collect(console, out, disk=None):
    """Unpacks the guest's /out into out, from the disk image or from the
    base64 between the serial markers. The end marker and the checksum
    decide success, never qemu's exit status (a panic exits 0 too)."""
    lines = console.replace("\r", "").split("\n")
    dm = [l for l in lines if l.startswith(MARK + "-DISK ")]
    if dm and disk:
        w = dm[-1].rstrip("@").split()
        size, want = int(w[1]), w[2]
        with open(disk, "rb") as f:
            blob = f.read(size)
        where = "the output disk"
    else:
        try:
            b = next(i for i, l in enumerate(lines) if l.startswith(MARK + "-BEGIN "))
            e = next(i for i in range(b, len(lines)) if lines[i].startswith(MARK + "-END@@"))
        except StopIteration:
            raise RuntimeError("no complete output (no end marker); console tail:\n" +
                               "\n".join(lines[-40:]))
        want = lines[b].split()[1].rstrip("@")
        blob = base64.b64decode("".join(lines[b + 1:e]))
        where = "the serial line"
    got = hashlib.sha256(blob).hexdigest()
    if got != want:
        raise RuntimeError("guest output corrupted on %s: sha256 %s, guest said %s" % (where, got, want))
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as t:
        for m in t.getmembers():
            if not (m.isfile() or m.isdir()) or m.name.startswith("/") or ".." in m.name.split("/"):
                continue
            t.extract(m, out)
    errors = [l for l in lines if l.startswith(MARK + "-ERROR")]
    return errors


def run(script, out, timeout=150, kind="elf", compress=True, extra_files=()):
    """Build, boot, collect. Returns a summary dict (also written to out/harness.json).
    extra_files: (path in guest, bytes) added to the initramfs."""
    t0 = time.monotonic()
    initrd, root, ver = build_initramfs(script, extra_files, compress=compress)
    kernel = kernel_image(root, ver, kind)
    t1 = time.monotonic()
    disk = os.path.join(vm_dir(), "outdisk-%d.img" % os.getpid())
    with open(disk, "wb") as f:
        f.truncate(DISK_MB << 20)       # sparse
    try:
        console, secs = boot(kernel, initrd, timeout, disk)
        errors = collect(console, out, disk)
    finally:
        os.unlink(disk)
    with open(os.path.join(out, "console.txt"), "w") as f:
        f.write(console)
    # SeaBIOS leaves no newline before the guest's first line.
    booted = [l[l.index(MARK + "-BOOTED"):] for l in console.replace("\r", "").split("\n")
              if MARK + "-BOOTED" in l]
    summary = {
        "kernel": ver, "kernel_image": kind, "initramfs": initrd,
        "prepare_s": round(t1 - t0, 3), "qemu_s": round(secs, 3),
        "guest_boot_s": float(booted[0].split()[1].rstrip("@")) if booted else None,
        "errors": errors, "out": out,
    }
    with open(os.path.join(out, "harness.json"), "w") as f:
        json.dump(summary, f, indent=1)
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("verb", choices=["run", "prepare", "captures"])
    ap.add_argument("--script", default=os.path.join(HERE, "scenarios.sh"))
    ap.add_argument("--out", default=os.path.join(vm_dir(), "out"))
    ap.add_argument("--timeout", type=int, default=150)
    ap.add_argument("--kernel", choices=["elf", "bzimage"], default="elf")
    ap.add_argument("--no-gzip", action="store_true", help="uncompressed cpio initramfs")
    a = ap.parse_args()
    try:
        if a.verb == "prepare":
            root, ver = fetch_kernel()
            print(json.dumps({"root": root, "version": ver,
                              "vmlinux": kernel_image(root, ver, "elf"),
                              "modules": module_order(root, ver)[1]}, indent=1))
            return 0
        s = run(a.script, a.out, a.timeout, a.kernel, not a.no_gzip)
        if a.verb == "captures" and not s["errors"]:
            dest = os.path.join(SRC, "captures")
            os.makedirs(dest, exist_ok=True)
            for f in sorted(glob.glob(os.path.join(a.out, "vsock-*.pcap"))):
                if os.path.getsize(f) >= 1 << 20:
                    log("not copying %s: 1 MiB or more" % os.path.basename(f))
                    continue
                shutil.copy(f, dest)
                log("captures/" + os.path.basename(f))
    except Unavailable as e:
        print("SKIP: " + str(e))
        return 77
    except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
        print("guest: " + str(e), file=sys.stderr)
        return 1
    print(json.dumps(s, indent=1))
    return 1 if s["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
