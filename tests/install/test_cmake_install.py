# SPDX-License-Identifier: GPL-2.0-or-later
# cmake --install and the uninstall target (issue 8, "Install and package"):
# a build tree of its own (scratch_tree) is installed into a DESTDIR staging dir
# (never the system), the staged file set must be exactly the plugin in
# Wireshark's global epan dir, sockgen, the sockgen-extcap link, man pages
# and completion; then `uninstall` removes exactly those and nothing else.
# A second round with relative SOCKSCOPE_*_INSTALL_DIR and --prefix must
# keep every file under the prefix.
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402
import scratch_tree  # noqa: E402
from scratch_tree import cmake  # noqa: E402

for tool in ("cmake", "pkg-config", "tshark"):
    if not shutil.which(tool):
        t.skip("%s not found" % tool)

plugindir = t.run(["pkg-config", "--variable=plugindir", "wireshark"]).stdout.strip()
if not plugindir:
    t.skip("pkg-config knows no wireshark plugindir (libwireshark-dev missing?)")
# Wireshark's own answer for the extcap dir, independent of cmake/Install.cmake.
folders = t.run(["tshark", "-G", "folders"]).stdout
m = re.search(r"^(?:Global )?Extcap path:\s*(\S.*)$", folders, re.M)
if not m:
    t.skip("tshark -G folders names no extcap path")
extcapdir = m.group(1).strip()
ws_series = t.run(["pkg-config", "--modversion", "wireshark"]).stdout.strip()
ws_series = ".".join(ws_series.split(".")[:2])

DOC = os.path.exists(os.path.join(t.SRC, "doc", "CMakeLists.txt"))
MAN = DOC and shutil.which("scdoc") is not None

work = t.tmpdir()
os.chmod(work, 0o755)
bld = scratch_tree.TREE


def files_under(root):
    """Regular files and symlinks below root, as paths relative to root."""
    out = set()
    for d, dirs, names in os.walk(root):
        for n in names + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
            out.add("/" + os.path.relpath(os.path.join(d, n), root))
    return out


def expected(prefix, plug, extcap):
    want = {prefix + "/bin/sockgen", plug + "/sockscope.so", extcap + "/sockgen-extcap",
            prefix + "/share/doc/sockscope/copyright"}
    if DOC:
        want.add(prefix + "/share/bash-completion/completions/sockgen")
    if MAN:
        want |= {prefix + "/share/man/man1/sockgen.1.gz", prefix + "/share/man/man7/sockscope.7.gz"}
    return want


try:
    if not scratch_tree.prepare():
        t.done()
    cache = open(os.path.join(bld, "CMakeCache.txt")).read()
    t.check("SOCKSCOPE_PLUGIN_INSTALL_DIR:STRING=%s/epan\n" % plugindir in cache,
            "SOCKSCOPE_PLUGIN_INSTALL_DIR defaults to pkg-config's plugindir/epan")
    t.check("SOCKSCOPE_EXTCAP_INSTALL_DIR:STRING=%s\n" % extcapdir in cache,
            "SOCKSCOPE_EXTCAP_INSTALL_DIR defaults to tshark's extcap path")

    # ---- DESTDIR staging; two foreign files share our directories
    stage = os.path.join(work, "stage")
    foreign = [stage + "/usr/local/bin/not-ours", stage + plugindir + "/epan/not-ours.so"]
    for f in foreign:
        os.makedirs(os.path.dirname(f), exist_ok=True)
        open(f, "w").write("someone else's\n")
    env = dict(os.environ, DESTDIR=stage)
    p = cmake("--install", bld, env=env)
    t.check(p.returncode == 0, "DESTDIR=stage cmake --install")
    want = expected("/usr/local", plugindir + "/epan", extcapdir)
    got = files_under(stage) - {f[len(stage):] for f in foreign}
    t.eq(sorted(got), sorted(want), "staged files: exactly plugin, sockgen, extcap link, docs")

    link = stage + extcapdir + "/sockgen-extcap"
    if t.check(os.path.islink(link), "sockgen-extcap is a symlink"):
        target = os.readlink(link)
        t.check(not target.startswith("/"), "extcap link is relative", target)
        t.eq(os.path.normpath(os.path.join(os.path.dirname(link), target)),
             stage + "/usr/local/bin/sockgen", "extcap link resolves to the installed sockgen")
    sg = stage + "/usr/local/bin/sockgen"
    t.check(os.access(sg, os.X_OK), "staged sockgen is executable")
    p = t.run([sg, "--version"])
    t.check(p.returncode == 0 and p.stdout.strip(), "staged sockgen --version runs", p.stderr)
    so = stage + plugindir + "/epan/sockscope.so"
    p = t.run([t.WRAPPER, "-G", "plugins"], env=dict(os.environ, SOCKSCOPE_PLUGIN=so))
    t.check(re.search(r"^sockscope\.so\s", p.stdout, re.M) is not None,
            "tshark loads the staged plugin", p.stderr[-500:])

    if MAN:
        # Debian policy 12.1: gzip -9n, no name or time stamp in the header
        import gzip
        for page, head in (("/usr/local/share/man/man1/sockgen.1.gz", ".TH \"sockgen\" \"1\""),
                           ("/usr/local/share/man/man7/sockscope.7.gz", ".TH \"sockscope\" \"7\"")):
            raw = open(stage + page, "rb").read()
            t.eq((raw[:2], raw[3] & 0x08, raw[4:8]), (b"\x1f\x8b", 0, b"\0\0\0\0"),
                 page + ": gzip without a name or time stamp")
            t.check(head in gzip.decompress(raw).decode(), page + ": a roff page", head)
    manifest = open(os.path.join(bld, "install_manifest.txt")).read().split()
    t.eq(sorted(manifest), sorted(want), "install_manifest.txt lists the installed files")
    record = open(os.path.join(bld, "sockscope_install_manifest.txt")).read().split()
    t.eq(sorted(record), sorted(stage + f for f in want), "uninstall record = files with DESTDIR")

    # ---- uninstall: every recorded file, reported, nothing else
    p = cmake("--build", bld, "--target", "uninstall")
    t.check(p.returncode == 0, "uninstall target succeeds")
    for f in want:
        t.check("Uninstalling: " + stage + f in p.stdout, "uninstall reports " + f)
    t.eq(sorted(files_under(stage) - {f[len(stage):] for f in foreign}), [],
         "no installed file left in the staging dir")
    for f in foreign:
        t.check(os.path.exists(f), "uninstall leaves foreign file " + f[len(stage):])
    t.check(os.path.isdir(stage + extcapdir), "uninstall leaves directories in place")
    p = cmake("--build", bld, "--target", "uninstall")
    t.check(p.returncode == 0, "second uninstall succeeds (files already gone)")
    t.eq(p.stdout.count("Already gone: "), len(want), "second uninstall reports each file gone")

    # ---- scripts/install (system mode) is cmake --install + the same record
    script = os.path.join(t.SRC, "scripts", "install")
    stage2 = os.path.join(work, "stage2")
    p = t.run([script, "--build", bld, "--no-build"], env=dict(os.environ, DESTDIR=stage2))
    t.check(p.returncode == 0, "DESTDIR=stage2 scripts/install", p.stdout[-1000:] + p.stderr[-1000:])
    t.eq(sorted(files_under(stage2)), sorted(want), "scripts/install installs the same files")
    p = t.run([script, "--uninstall", "--build", bld])
    t.check(p.returncode == 0, "scripts/install --uninstall", p.stdout[-1000:] + p.stderr[-1000:])
    t.eq(sorted(files_under(stage2)), [], "scripts/install --uninstall removes them")

    # ---- relative dirs: a self-contained --prefix install
    p = cmake("-S", t.SRC, "-B", bld,
              "-DSOCKSCOPE_PLUGIN_INSTALL_DIR=lib/wireshark/plugins/%s/epan" % ws_series,
              "-DSOCKSCOPE_EXTCAP_INSTALL_DIR=lib/wireshark/extcap")
    t.check(p.returncode == 0, "reconfigure with relative install dirs")
    prefix = os.path.join(work, "prefix")
    p = cmake("--install", bld, "--prefix", prefix)
    t.check(p.returncode == 0, "cmake --install --prefix")
    want = expected("", "/lib/wireshark/plugins/%s/epan" % ws_series, "/lib/wireshark/extcap")
    t.eq(sorted(files_under(prefix)), sorted(want), "--prefix install: every file under the prefix")
    record = open(os.path.join(bld, "sockscope_install_manifest.txt")).read().split()
    t.check(all(f.startswith(prefix + "/") for f in record), "record names only prefix paths",
            repr(record))
    link = prefix + "/lib/wireshark/extcap/sockgen-extcap"
    if os.path.islink(link):
        t.eq(os.readlink(link), "../../../bin/sockgen", "extcap link under the prefix")
    p = cmake("--build", bld, "--target", "uninstall")
    t.check(p.returncode == 0, "uninstall of the --prefix install")
    t.eq(sorted(files_under(prefix)), [], "nothing left under the prefix")
    p = cmake("-S", t.SRC, "-B", bld, "-USOCKSCOPE_PLUGIN_INSTALL_DIR",
              "-USOCKSCOPE_EXTCAP_INSTALL_DIR")
    t.check(p.returncode == 0, "reconfigure back to Wireshark's dirs")
finally:
    shutil.rmtree(work, ignore_errors=True)
t.done()
