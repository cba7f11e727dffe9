# SPDX-License-Identifier: GPL-2.0-or-later
"""The install tests' own build tree: <build>/install-tree, configured from
the same sources with the defaults a user gets (plain build, no VM tests),
so `cmake --install`, `uninstall` and cpack never touch the tree under test.
It persists between runs (incremental builds) and is used under an exclusive
lock, so parallel ctest runs of the install tests take turns."""
import fcntl
import os

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


def prepare(*extra):
    """Lock, (re)configure with default install dirs, build what cmake
    --install needs. Returns True when the tree is ready."""
    global _lock
    os.makedirs(TREE, exist_ok=True)
    _lock = open(os.path.join(t.BUILD, "install-tree.lock"), "w")
    fcntl.flock(_lock, fcntl.LOCK_EX)
    # -U: drop overrides a previous (interrupted) run may have left.
    p = cmake("-S", t.SRC, "-B", TREE, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
              "-DSOCKSCOPE_VM_TESTS=OFF", "-DSOCKSCOPE_SANITIZE=OFF", "-DSOCKSCOPE_FUZZ=OFF",
              "-DCMAKE_INSTALL_PREFIX=/usr/local",
              # cpack's preinstall step would otherwise build every test
              "-DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON",
              "-USOCKSCOPE_PLUGIN_INSTALL_DIR", "-USOCKSCOPE_EXTCAP_INSTALL_DIR", *extra)
    if not t.check(p.returncode == 0, "configure the install tests' build tree"):
        return False
    p = cmake("--build", TREE, "-j%d" % (os.cpu_count() or 2), "--target", "sockscope-runtime")
    return t.check(p.returncode == 0, "build the sockscope-runtime target")
