# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package (issue 8, "Install and package"): cpack builds
# sockscope_<version>_<arch>.deb in the install tests' own build tree; its
# control data (Depends pinned to the libwireshark ABI it was built against,
# libnet1, libpcap0.8, libglib2.0-0) and file list are checked, then dpkg
# installs it, tshark as nobody must load sockscope.so from the global plugin
# dir, sockgen --version must run, the extcap entry must resolve, and
# dpkg --purge must leave none of its files.
#
# dpkg runs for real, but inside a private mount namespace with overlays on
# /usr and /var/lib/dpkg (upper dirs in a temp dir): other processes never
# see the package (a second sockscope.so in the global plugin dir would make
# every other test's tshark abort on duplicate protocols), and nothing can
# be left behind even if this test is killed. Without overlay support it
# falls back to the machine itself, purging in any case.
import ctypes
import os
import re
import shutil
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402
import scratch_tree  # noqa: E402

if not t.is_root():
    t.skip("dpkg -i needs root")
for tool in ("dpkg", "dpkg-deb", "dpkg-query", "cpack", "cmake", "tshark", "setpriv", "pkg-config"):
    if not shutil.which(tool):
        t.skip("%s not found" % tool)


def status(pkg):
    p = t.run(["dpkg-query", "-W", "-f=${db:Status-Status}", pkg])
    return p.stdout.strip() if p.returncode == 0 else "not-installed"


if status("sockscope") != "not-installed":
    t.skip("a sockscope package is already installed (%s): not touching it" % status("sockscope"))

plugindir = t.run(["pkg-config", "--variable=plugindir", "wireshark"]).stdout.strip()
folders = t.run(["tshark", "-G", "folders"]).stdout
m = re.search(r"^(?:Global )?Extcap path:\s*(\S.*)$", folders, re.M)
if not plugindir or not m:
    t.skip("cannot tell Wireshark's plugin or extcap dir")
extcapdir = m.group(1).strip()
arch = t.run(["dpkg", "--print-architecture"]).stdout.strip()
version = re.search(r"project\(sockscope\s+VERSION\s+([0-9.]+)",
                    open(os.path.join(t.SRC, "CMakeLists.txt")).read()).group(1)

PLUGIN = plugindir + "/epan/sockscope.so"
SOCKGEN = "/usr/bin/sockgen"
EXTCAP = extcapdir + "/sockgen-extcap"
want = {SOCKGEN, PLUGIN, EXTCAP, "/usr/share/doc/sockscope/copyright"}
if os.path.exists(os.path.join(t.SRC, "doc", "CMakeLists.txt")):
    want.add("/usr/share/bash-completion/completions/sockgen")
    if shutil.which("scdoc"):
        want |= {"/usr/share/man/man1/sockgen.1.gz", "/usr/share/man/man7/sockscope.7.gz"}

work = t.tmpdir()
os.chmod(work, 0o755)
home = os.path.join(work, "home")
os.mkdir(home)
os.chown(home, 65534, 65534)
mounts = []
installed = False


def on_signal(signum, frame):
    raise SystemExit("killed by signal %d" % signum)


for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(s, on_signal)


def isolate():
    """Private mount namespace, overlays where dpkg writes. True if done."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x00020000) != 0:             # CLONE_NEWNS
        print("note: unshare(CLONE_NEWNS): %s" % os.strerror(ctypes.get_errno()))
        return False
    if t.run(["mount", "--make-rprivate", "/"]).returncode != 0:
        return False
    for i, d in enumerate(["/usr", "/var/lib/dpkg", "/var/cache/man"]):
        if not os.path.isdir(d):
            continue
        up, wk = os.path.join(work, "ov%d-up" % i), os.path.join(work, "ov%d-work" % i)
        os.mkdir(up)
        os.mkdir(wk)
        p = t.run(["mount", "-t", "overlay", "overlay", "-o",
                   "lowerdir=%s,upperdir=%s,workdir=%s" % (d, up, wk), d])
        if p.returncode != 0:
            # All or nothing: a half-isolated dpkg (files in an overlay, the
            # real database) would leave the machine's dpkg state wrong.
            print("note: overlay on %s: %s" % (d, p.stderr.strip()))
            for m in reversed(mounts):
                t.run(["umount", m])
            del mounts[:]
            return False
        mounts.append(d)
    return True


def nobody(*cmd):
    return t.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                  "env", "-i", "PATH=/usr/bin:/bin", "HOME=" + home] + list(cmd))


def parse_depends(s):
    out = []
    for item in s.split(","):
        m = re.match(r"\s*([a-z0-9][a-z0-9.+-]*)(?:\s*\(\s*(<<|<=|=|>=|>>)\s*([^)\s]+)\s*\))?\s*$", item)
        if m:
            out.append(m.groups())
        else:
            out.append((item.strip(), "?", None))
    return out


def vcmp(a, op, b):
    return t.run(["dpkg", "--compare-versions", a, op, b]).returncode == 0


try:
    # ---- build the package
    if not scratch_tree.prepare():
        t.done()
    pkgdir = os.path.join(scratch_tree.TREE, "package")
    shutil.rmtree(pkgdir, ignore_errors=True)
    p = t.run(["cpack", "-G", "DEB"], cwd=scratch_tree.TREE)
    if not t.check(p.returncode == 0, "cpack -G DEB", p.stdout[-2000:] + p.stderr[-2000:]):
        t.done()
    debs = sorted(os.listdir(pkgdir)) if os.path.isdir(pkgdir) else []
    name = "sockscope_%s_%s.deb" % (version, arch)
    t.eq(debs, [name], "package file name")
    if name not in debs:
        t.done()
    deb = os.path.join(pkgdir, name)

    # ---- control data
    print(t.run(["dpkg-deb", "-I", deb]).stdout)

    def field(f):
        return t.run(["dpkg-deb", "-f", deb, f]).stdout.strip()

    t.eq(field("Package"), "sockscope", "Package")
    t.eq(field("Version"), version, "Version")
    t.eq(field("Architecture"), arch, "Architecture")
    t.eq(field("Section"), "net", "Section")
    t.check(re.search(r"\S+.*<[^>]+@[^>]+>", field("Maintainer")), "Maintainer has a name and mail",
            field("Maintainer"))
    desc = field("Description").split("\n")
    t.check(len(desc) > 1 and desc[0].strip() and desc[1].strip(),
            "Description: a summary and a long text", repr(desc))
    deps = parse_depends(field("Depends"))
    t.check(all(op != "?" for _, op, _ in deps), "Depends parses", field("Depends"))

    p = t.run(["dpkg-query", "-W", "-f=${Package}\t${Version}\t${db:Status-Status}\n",
               "libwireshark[0-9]*"])
    ws = [line.split("\t") for line in p.stdout.splitlines() if line.endswith("\tinstalled")]
    if t.check(len(ws) == 1, "exactly one libwireshark package installed", p.stdout):
        wspkg, wsver = ws[0][0], ws[0][1]
        rel = [(op, v) for n, op, v in deps if n == wspkg]
        # Pinned to the series: this build and any later release of its
        # major.minor are accepted (a point release keeps the plugin ABI),
        # the next series and an older release than the build's are not.
        up = re.sub(r"-[^-]*$", "", re.sub(r"^\d+:", "", wsver))
        nums = up.split(".")
        later = ".".join(nums[:-1] + [str(int(nums[-1]) + 1)]) + "-1"
        nxt = "%s.%d.0-1" % (nums[0], int(nums[1]) + 1)
        prv = ".".join(nums[:-1] + [str(int(nums[-1]) - 1)]) + "-1" if int(nums[-1]) > 0 else "0"

        def ok(v):
            return all(vcmp(v, {"<<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">>": "gt"}[op], b)
                       for op, b in rel)
        t.check(rel and ok(wsver), "Depends %s accepts the build's %s" % (wspkg, wsver), repr(rel))
        t.check(rel and ok(later), "Depends %s accepts a later release of the series, %s" % (wspkg, later),
                repr(rel))
        t.check(rel and not ok(nxt), "Depends %s refuses the next series, %s" % (wspkg, nxt), repr(rel))
        t.check(rel and not ok(prv), "Depends %s refuses %s" % (wspkg, prv), repr(rel))
        t.check(("=", wsver) in rel or (">=", wsver) in rel,
                "%s's bound is the exact build version %s" % (wspkg, wsver), repr(rel))
    # libnet's package is the one of the soname sockgen links (libnet1 on
    # Debian 12 and 13, libnet9 on sid).
    ldd = t.run(["ldd", os.path.join(scratch_tree.TREE, "generator", "sockgen")]).stdout
    m = re.search(r"libnet\.so\.\d+ => (\S+)", ldd)
    owner = t.run(["dpkg", "-S", os.path.realpath(m.group(1))]).stdout.split(":")[0] if m else ""
    t.check(owner.startswith("libnet"), "sockgen links a packaged libnet", ldd)
    for lib in (owner or "libnet", "libpcap0.8", "libglib2.0-0"):
        rel = [(op, v) for n, op, v in deps if n == lib]
        have = t.run(["dpkg-query", "-W", "-f=${Version}", lib]).stdout.strip()
        t.check(len(rel) == 1 and rel[0][0] == ">=" and have and vcmp(have, "ge", rel[0][1]),
                "Depends %s (>= ...) satisfied by the installed %s" % (lib, have), repr(rel))

    # ---- file list: runtime files only
    listing = t.run(["dpkg-deb", "-c", deb]).stdout
    print(listing)
    files, links = set(), {}
    for line in listing.splitlines():
        cols = line.split(None, 5)
        if len(cols) < 6 or cols[0].startswith("d"):
            continue
        path = cols[5]
        if cols[0].startswith("l"):
            path, target = path.split(" -> ", 1)
            links[path[1:]] = target
        files.add(path[1:])
    t.eq(sorted(files), sorted(want), "package holds exactly the runtime files")
    if EXTCAP in links:
        t.eq(os.path.normpath(os.path.join(os.path.dirname(EXTCAP), links[EXTCAP])), SOCKGEN,
             "extcap link in the package points at /usr/bin/sockgen")

    # ---- install, use, purge
    isolated = isolate()
    print("dpkg runs %s" % ("in a private mount namespace (overlays on %s)" % ", ".join(mounts)
                            if isolated else "on the machine itself"))
    if not isolated:
        for f in want:
            if os.path.lexists(f):
                t.skip("%s exists already (a cmake --install?): dpkg would replace it" % f)
    p = t.run(["dpkg", "--log=/dev/null", "-i", deb])
    installed = True
    if not t.check(p.returncode == 0, "dpkg -i", p.stdout[-2000:] + p.stderr[-2000:]):
        t.done()
    t.eq(status("sockscope"), "installed", "dpkg status after install")
    owned = set(t.run(["dpkg", "-L", "sockscope"]).stdout.split())
    t.check(want <= owned, "dpkg -L lists every runtime file", repr(sorted(want - owned)))

    p = nobody("tshark", "-G", "plugins")
    rows = [line.split("\t") for line in p.stdout.splitlines() if line.startswith("sockscope.so")]
    t.check(len(rows) == 1 and rows[0][-1].strip() == PLUGIN,
            "tshark -G plugins (as nobody) lists sockscope.so from the global dir",
            p.stdout[-800:] + p.stderr[-400:])
    p = nobody(SOCKGEN, "--version")
    t.check(p.returncode == 0 and version in p.stdout, "sockgen --version", p.stdout + p.stderr)
    print(t.run(["ls", "-l", EXTCAP]).stdout.strip())
    t.check(os.path.islink(EXTCAP) and os.path.realpath(EXTCAP) == os.path.realpath(SOCKGEN),
            "extcap entry resolves to /usr/bin/sockgen")
    p = nobody(EXTCAP, "--extcap-interfaces")
    ifaces = re.findall(r"^interface \{value=([^}]*)\}", p.stdout, re.M)
    if p.returncode == 0 and ifaces:
        d = nobody("tshark", "-D")
        t.check(any(re.search(r"\b%s\b" % re.escape(i), d.stdout) for i in ifaces),
                "tshark -D (as nobody) lists sockgen's extcap interfaces", d.stdout[-800:])
    else:
        print("note: this sockgen has no extcap mode yet; tshark -D not checked")

    p = t.run(["dpkg", "--log=/dev/null", "--purge", "sockscope"])
    t.check(p.returncode == 0, "dpkg --purge", p.stdout[-1000:] + p.stderr[-1000:])
    installed = status("sockscope") != "not-installed"
    t.check(not installed, "dpkg status after purge: not installed", status("sockscope"))
    left = sorted(f for f in want if os.path.lexists(f))
    t.eq(left, [], "every packaged file is gone after purge")
    p = nobody("tshark", "-G", "plugins")
    t.check(p.returncode == 0 and "sockscope.so" not in p.stdout, "tshark no longer lists sockscope.so")
finally:
    if installed and status("sockscope") != "not-installed":
        print("cleanup: purging sockscope")
        t.run(["dpkg", "--log=/dev/null", "--purge", "sockscope"])
    for d in reversed(mounts):
        t.run(["umount", d])
    shutil.rmtree(work, ignore_errors=True)
t.done()
