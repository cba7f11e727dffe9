# SPDX-License-Identifier: GPL-2.0-or-later
"""The Wireshark series a build is for, as bad input (issue 12):
- configuring against a Wireshark older than 4.0 or newer than the newest
  tested series stops with one message naming the version found and the
  tested ones; SOCKSCOPE_ALLOW_UNTESTED_WIRESHARK=ON lets a user try it;
- the build records the plugin ABI (major.minor) beside the plugin, and
  scripts/install refuses a plugin built for another series than the
  installed tshark's, naming both, before it touches anything.
The other Wireshark is a copy of the real wireshark.pc with another
Version (configure only; nothing is built against it)."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sstest as t  # noqa: E402

for tool in ("cmake", "pkg-config", "tshark"):
    if not shutil.which(tool):
        t.skip("%s not installed" % tool)
real = t.run(["pkg-config", "--variable=pcfiledir", "wireshark"]).stdout.strip()
if not real:
    t.skip("no wireshark.pc (libwireshark-dev)")
with open(os.path.join(real, "wireshark.pc")) as f:
    pc = f.read()
have = t.run(["pkg-config", "--modversion", "wireshark"]).stdout.strip()
series = ".".join(have.split(".")[:2])
tmp = t.tmpdir()


def configure(version, *extra):
    d = os.path.join(tmp, "pc-" + version)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "wireshark.pc"), "w") as f:
        f.write(re.sub(r"(?m)^Version:.*$", "Version: " + version, pc))
    b = os.path.join(tmp, "build-" + version + ("-" + "-".join(extra) if extra else ""))
    env = dict(os.environ, PKG_CONFIG_PATH=d)
    return t.run(["cmake", "-S", t.SRC, "-B", b, "-DSOCKSCOPE_VM_TESTS=OFF"] + list(extra), env=env), b


for version in ("3.6.24", "4.99.0"):
    p, b = configure(version)
    out = " ".join((p.stdout + p.stderr).split())     # cmake wraps its messages
    t.check(p.returncode != 0, "configure against Wireshark %s stops" % version, out[-800:])
    t.check("Wireshark %s found" % version in out, "the message names the version found (%s)" % version,
            out[-800:])
    t.check("4.0, 4.4, 4.6" in out, "the message names the tested series", out[-800:])
    t.eq(len(re.findall(r"CMake Error", out)), 1, "one error for %s" % version)

# the documented way to try an untested series anyway
p, b = configure("4.99.0", "-DSOCKSCOPE_ALLOW_UNTESTED_WIRESHARK=ON")
t.eq(p.returncode, 0, "SOCKSCOPE_ALLOW_UNTESTED_WIRESHARK=ON configures against 4.99 (%s)" % p.stderr[-300:])
t.check("untested series" in p.stderr, "... with a warning", p.stderr[-500:])
abi = os.path.join(b, "plugin", "wireshark-abi")
t.eq(open(abi).read().strip() if os.path.exists(abi) else None, "4.99",
     "the build records the plugin ABI 4.99 beside the plugin")

# the real one: its series is recorded
p, b = configure(have)
t.eq(p.returncode, 0, "configure against the installed Wireshark %s" % have)
t.eq(open(os.path.join(b, "plugin", "wireshark-abi")).read().strip(), series,
     "the build records the installed series %s" % series)

# scripts/install: a plugin for another series is refused, nothing installed
fake = os.path.join(tmp, "fake-build")
os.makedirs(os.path.join(fake, "plugin"))
os.makedirs(os.path.join(fake, "generator"))
shutil.copy(t.SOCKGEN, os.path.join(fake, "generator", "sockgen"))
with open(os.path.join(fake, "CMakeCache.txt"), "w") as f:
    f.write("CMAKE_HOME_DIRECTORY:INTERNAL=%s\n" % t.SRC)
other = "4.6" if series != "4.6" else "4.4"
with open(os.path.join(fake, "plugin", "wireshark-abi"), "w") as f:
    f.write(other + "\n")
shutil.copy(t.PLUGIN if os.path.exists(t.PLUGIN) else t.SOCKGEN, os.path.join(fake, "plugin", "sockscope.so"))
home = os.path.join(tmp, "home")
os.makedirs(home)
env = dict(os.environ, HOME=home)
env.pop("DESTDIR", None)
for mode in ([], ["--user"]):
    p = t.run([os.path.join(t.SRC, "scripts", "install"), "--build", fake, "--no-build"] + mode,
              env=env)
    what = "scripts/install %s" % (" ".join(mode) or "(system)")
    t.eq(p.returncode, 1, "%s refuses a plugin built for %s (exit 1)" % (what, other))
    t.check(other in p.stderr and series in p.stderr,
            "%s names both series (%s, %s)" % (what, other, series), p.stderr)
    t.eq(p.stderr.count("\n"), 1, "%s: one message" % what)
t.eq([os.path.join(d, n) for d, _, ns in os.walk(home) for n in ns], [], "nothing was installed")
shutil.rmtree(tmp, ignore_errors=True)
t.done()
