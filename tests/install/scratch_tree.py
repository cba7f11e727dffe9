# SPDX-License-Identifier: GPL-2.0-or-later
"""The install tests' own build tree: <build>/install-tree, configured from
the same sources with the defaults a user gets (plain build, no VM tests),
so `cmake --install`, `uninstall` and cpack never touch the tree under test.
It persists between runs (incremental builds) and is used under an exclusive
lock, so parallel ctest runs of the install tests take turns."""
import fcntl
import os
import shutil

import sstest as t

TREE = os.path.join(t.BUILD, "install-tree")
_lock = None


def cmake(*args, env=None):
    # cwd: a relative path must never resolve against the caller's tree
    p = t.run(["cmake"] + list(args), env=env, cwd=t.BUILD)
    if p.returncode != 0:
        print("cmake %s failed (%d):\n%s\n%s" % (" ".join(args), p.returncode,
                                                  p.stdout[-3000:], p.stderr[-3000:]))
    return p


def _configured():
    """The tree is configured from these sources with the defaults above
    (Wireshark's absolute install dirs, no override left by test 1)."""
    try:
        cache = open(os.path.join(TREE, "CMakeCache.txt")).read()
    except OSError:
        return False
    want = {"CMAKE_HOME_DIRECTORY": t.SRC, "SOCKSCOPE_VM_TESTS": "OFF",
            "SOCKSCOPE_SANITIZE": "OFF", "CMAKE_SKIP_INSTALL_ALL_DEPENDENCY": "ON",
            "CMAKE_INSTALL_PREFIX": "/usr/local"}
    vals = {}
    for line in cache.splitlines():
        if ":" in line and "=" in line and not line.startswith(("#", "//")):
            k, rest = line.split(":", 1)
            vals[k] = rest.split("=", 1)[1]
    return (all(vals.get(k) == v for k, v in want.items()) and
            vals.get("SOCKSCOPE_PLUGIN_INSTALL_DIR", "").startswith("/") and
            vals.get("SOCKSCOPE_EXTCAP_INSTALL_DIR", "").startswith("/"))


def prepare():
    """Lock, (re)configure with default install dirs when needed, build what
    cmake --install needs. Returns True when the tree is ready."""
    global _lock
    os.makedirs(TREE, exist_ok=True)
    _lock = open(os.path.join(t.BUILD, "install-tree.lock"), "w")
    fcntl.flock(_lock, fcntl.LOCK_EX)
    if _configured():
        # The build step re-runs cmake itself when a CMakeLists changed.
        return _build()
    # -U: drop overrides a previous (interrupted) run may have left.
    p = cmake("-S", t.SRC, "-B", TREE, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
              "-DSOCKSCOPE_VM_TESTS=OFF", "-DSOCKSCOPE_SANITIZE=OFF", "-DSOCKSCOPE_FUZZ=OFF",
              "-DCMAKE_INSTALL_PREFIX=/usr/local",
              # cpack's preinstall step would otherwise build every test
              "-DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON",
              "-USOCKSCOPE_PLUGIN_INSTALL_DIR", "-USOCKSCOPE_EXTCAP_INSTALL_DIR")
    if not t.check(p.returncode == 0, "configure the install tests' build tree"):
        return False
    return _build()


def _build():
    # Once more when a build that re-ran cmake (sources changed under us)
    # left a file install() names unbuilt: cmake --install would fail.
    for _ in range(2):
        p = cmake("--build", TREE, "-j%d" % (os.cpu_count() or 2), "--target", "sockscope-runtime")
        if p.returncode == 0 and not _missing():
            break
    return (t.check(p.returncode == 0, "build the sockscope-runtime target") and
            t.check(not _missing(), "every file install() names is built", repr(_missing())))


def _missing():
    """Man pages doc/ installs (when scdoc is there) that do not exist."""
    if not os.path.exists(os.path.join(t.SRC, "doc", "CMakeLists.txt")) or not shutil.which("scdoc"):
        return []
    pages = [os.path.join(TREE, "doc", n) for n in ("sockgen.1.gz", "sockscope.7.gz")]
    return [f for f in pages if not os.path.exists(f)]
