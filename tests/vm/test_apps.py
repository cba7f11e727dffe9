# SPDX-License-Identifier: GPL-2.0-or-later
"""Guest test: SSH, TLS, HTTP/2 and the QEMU guest agent over vsock, made
now by the real programs in the QEMU guest (tests/vm/apps.py), then every
check of tests/dissect/test_vsockmon_apps.py on this run's captures and the
programs' logs. Skips (77) without qemu, the kernel package or one of the
programs (scripts/deps vm installs them)."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import sstest as t  # noqa: E402
import apps  # noqa: E402
import guest  # noqa: E402

out = os.path.join(t.tmpdir(), "apps")
try:
    s = apps.run(out)
except guest.Unavailable as e:
    t.skip(str(e))
t.eq(s["errors"], [], "the guest ran to its end")
with open(os.path.join(out, "scenarios.txt")) as f:
    lines = f.read().splitlines()
t.eq([l.split()[1] for l in lines], ["app-" + a for a in apps.APPS], "every application scenario was captured")
for l in lines:
    w = dict(x.split("=", 1) for x in l.split()[2:] if "=" in x)
    t.check(w.get("caprc") == "0" and w.get("dropped") == "0" and
            int(w["rx_after"]) - int(w["rx_before"]) == int(w.get("packets", -1)),
            "%s: the capture holds every packet vsockmon0 counted" % l.split()[1], l)
env = dict(os.environ, SOCKSCOPE_APPS_DIR=out)
p = subprocess.run([sys.executable, os.path.join(HERE, "..", "dissect", "test_vsockmon_apps.py")],
                   env=env, capture_output=True, text=True, timeout=600)
sys.stdout.write(p.stdout[-4000:])
t.eq(p.returncode, 0, "the dissect checks hold on this run's captures: " + p.stderr[-500:])
t.done()
