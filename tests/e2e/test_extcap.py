# SPDX-License-Identifier: GPL-2.0-or-later
# sockgen as a Wireshark extcap provider, through tshark 4.0 itself, run
# unprivileged (as nobody when the test runs as root: root's tshark ignores
# WIRESHARK_EXTCAP_DIR and personal plugins) with private plugin and extcap
# directories: tshark -D lists both interfaces (through WIRESHARK_EXTCAP_DIR
# and through the per-user ~/.config/wireshark/extcap); tshark -i sockgen-ndp -c 50
# captures 50 packets the plugin decodes as ndisc and `sockgen verify`
# confirms against the manifest the extcap wrote (its path passed as the
# extcap option -o extcap.sockgen_ndp.manifest:PATH); the same for one
# sockgen-vsock scenario (vsockmon); capture filters through tshark -f.
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("sockgen not built at " + t.SOCKGEN)
if not os.path.exists(t.PLUGIN):
    t.skip("plugin not built at " + t.PLUGIN)
TSHARK = os.environ.get("TSHARK", "tshark")
if not shutil.which(TSHARK):
    t.skip("tshark not installed")
ROOT = t.is_root()
if ROOT and not shutil.which("setpriv"):
    t.skip("running as root needs setpriv to run tshark as nobody")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

# Private tree, writable by nobody: plugins, HOME, extcap dir, outputs.
tmp = t.tmpdir()
plugdir = os.path.join(tmp, "plugins", t.WS_ABI, "epan")
home = os.path.join(tmp, "home")
os.makedirs(plugdir)
os.makedirs(home)
os.makedirs(os.path.join(tmp, "no-plugins"))
shutil.copy(t.PLUGIN, os.path.join(plugdir, "sockscope.so"))

# The build tree's extcap dir when nobody may run it, else a copy of
# sockgen under the extcap name (a tree under /root is closed to nobody).
build_extcap = os.path.join(t.BUILD, "extcap")
entry = os.path.join(build_extcap, "sockgen-extcap")
t.check(os.access(entry, os.X_OK), "build tree has an executable extcap/sockgen-extcap", entry)


def nobody_can_run(path):
    if not ROOT:
        return os.access(path, os.X_OK)
    return subprocess.run(NOBODY + ["test", "-x", path]).returncode == 0 and \
        subprocess.run(NOBODY + [path, "--extcap-version"], capture_output=True).returncode == 0


if os.access(entry, os.X_OK) and nobody_can_run(entry):
    extcap_dir = build_extcap
else:
    extcap_dir = os.path.join(tmp, "extcap")
    os.makedirs(extcap_dir)
    shutil.copy(t.SOCKGEN, os.path.join(extcap_dir, "sockgen-extcap"))
subprocess.run(["chmod", "-R", "a+rwX", tmp], check=True)
print("extcap dir: " + extcap_dir)


def tshark(*args, timeout=120, home_dir=None, extcap=True):
    """extcap=False: Wireshark's own extcap dirs, where Wireshark's extcaps
    run too; they hang with libasan preloaded (scripts/test --sanitize), so
    those runs get no sanitizer runtime and no (sanitizer-built) plugin."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home_dir or home,
           "WIRESHARK_PLUGIN_DIR": os.path.join(tmp, "plugins" if extcap else "no-plugins")}
    if extcap:
        env["WIRESHARK_EXTCAP_DIR"] = extcap_dir
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        pre = os.environ.get("SOCKSCOPE_TSHARK_PRELOAD")
        if pre:
            env["LD_PRELOAD"] = pre
    cmd = [TSHARK] + list(args)
    t0 = time.monotonic()
    if ROOT:
        cmd = NOBODY + ["env", "-i"] + ["%s=%s" % kv for kv in env.items()] + cmd
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    else:
        e = dict(os.environ)
        e.update(env)
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e)
    print("tshark %s: exit %d in %.1f s" % (" ".join(args[:4]), p.returncode, time.monotonic() - t0))
    return p


def verify(manifest, capture):
    env = dict(os.environ)
    env["SOCKSCOPE_PLUGIN"] = t.PLUGIN
    return subprocess.run([t.SOCKGEN, "verify", "--manifest", manifest, "--capture", capture],
                          capture_output=True, text=True, env=env)


def settle(path, timeout=10):
    """Records of a manifest once the extcap has closed it (tshark may
    return while its extcap is still finishing)."""
    last, stable_since = None, time.monotonic()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            text = None
        if text != last:
            last, stable_since = text, time.monotonic()
        elif text and text.endswith("\n") and time.monotonic() - stable_since > 0.5:
            break
        time.sleep(0.1)
    return t.read_manifest(path) if last else []


def write_manifest(recs, path):
    import json
    with open(path, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")


# ---- discovery
p = tshark("-G", "folders")
folders = dict(line.split(":", 1) for line in p.stdout.splitlines() if ":" in line)
# "Extcap path" up to 4.0, "Global Extcap path" (and a "Personal Extcap
# path") from 4.2 on.
global_key = "Global Extcap path" if "Global Extcap path" in folders else "Extcap path"
t.eq(folders.get(global_key, "").strip(), extcap_dir,
     "tshark -G folders: WIRESHARK_EXTCAP_DIR is the extcap path (honoured unprivileged)")
personal = folders.get("Personal Extcap path", "").strip()
print("personal extcap folder: %s" % (personal or "none named (Wireshark 4.0: the configuration dir's extcap/)"))
if ROOT:
    # what an installer has to know: root's tshark ignores the variable
    e = dict(os.environ, WIRESHARK_EXTCAP_DIR=extcap_dir)
    g = subprocess.run([TSHARK, "-G", "folders"], capture_output=True, text=True, env=e)
    print("as root: " + " ".join(line for line in g.stdout.splitlines() if "Extcap path" in line))
p = tshark("-G", "plugins")
t.check("sockscope.so" in p.stdout, "tshark -G plugins lists sockscope.so", p.stderr[-500:])

want = t.run([entry if os.access(entry, os.X_OK) else t.SOCKGEN] +
             ([] if os.access(entry, os.X_OK) else ["extcap"]) + ["--extcap-interfaces"]).stdout
displays = {}
for line in want.splitlines():
    if line.startswith("interface "):
        v = line.split("{value=", 1)[1].split("}", 1)[0]
        displays[v] = line.split("{display=", 1)[1].rsplit("}", 1)[0]
p = tshark("-D")
t.eq(p.returncode, 0, "tshark -D exits 0")
listed = [line.split(". ", 1)[1] for line in p.stdout.splitlines() if ". " in line]
for ifc in ("sockgen-ndp", "sockgen-vsock"):
    t.check("%s (%s)" % (ifc, displays.get(ifc)) in listed, "tshark -D lists %s with its display name" % ifc,
            "\n".join(listed))

# The per-user place: Wireshark 4.0 runs the extcaps in the personal
# configuration folder's extcap/ (~/.config/wireshark/extcap), which
# -G folders does not print, and not ~/.local/lib/wireshark/extcap; 4.4
# and later search the latter, their named "Personal Extcap path".
new_place = bool(personal)
for rel, found in ((".config/wireshark/extcap", not new_place), (".local/lib/wireshark/extcap", new_place)):
    h = os.path.join(tmp, "home-" + rel.split("/")[0].strip("."))
    os.makedirs(os.path.join(h, rel))
    shutil.copy(t.SOCKGEN, os.path.join(h, rel, "sockgen-extcap"))
    subprocess.run(["chmod", "-R", "a+rwX", h], check=True)
    p = tshark("-D", home_dir=h, extcap=False)
    names = [line.split(". ", 1)[1].split(" ", 1)[0] for line in p.stdout.splitlines() if ". " in line]
    if found:
        t.check({"sockgen-ndp", "sockgen-vsock"} <= set(names),
                "tshark -D finds the interfaces through ~/%s (no WIRESHARK_EXTCAP_DIR)" % rel, str(names))
    else:
        print("~/%s searched by this Wireshark: %s" % (rel, "sockgen-ndp" in names))

# ---- sockgen-ndp: tshark stops the stream after 50 packets
cap, man = os.path.join(tmp, "ndp.pcapng"), os.path.join(tmp, "ndp.jsonl")
p = tshark("-i", "sockgen-ndp", "-c", "50", "-w", cap, "-a", "duration:60",
           "-o", "extcap.sockgen_ndp.manifest:" + man, "-o", "extcap.sockgen_ndp.rate:400",
           "-o", "extcap.sockgen_ndp.seed:42")
t.eq(p.returncode, 0, "tshark -i sockgen-ndp -c 50 exits 0 (%s)" % p.stderr.strip()[-300:])
rows = t.fields(cap, ["frame.protocols", "ndisc.type", "ndisc.checksum.status"])
t.eq(len(rows), 50, "50 packets captured")
t.check(rows and all(r[0].endswith(":ipv6:icmpv6:ndisc") for r in rows), "every packet decodes as eth:ipv6:icmpv6:ndisc",
        str([r[0] for r in rows[:3]]))
t.eq(sorted({r[1] for r in rows}), ["133", "134", "135", "136", "137"], "the default mix shows every RFC 4861 type")
# PROTO_CHECKSUM_E_GOOD (epan/proto.h) is 1
t.check(rows and all(r[2] == "1" for r in rows), "every checksum is good (status 1)", str({r[2] for r in rows}))
recs = settle(man)
# The extcap may have put packets into the pipe that dumpcap never read
# after the 50th (at most a pipe's worth, 64 KiB): the capture is the
# manifest's first 50, in order. An extcap that kept writing after its
# reader left would go far beyond that.
t.check(50 <= len(recs) < 50 + 1000, "the manifest has the 50 captured packets (+ any in flight)", str(len(recs)))
print("manifest records beyond the 50 captured: %d" % (len(recs) - 50))
cut = os.path.join(tmp, "ndp-50.jsonl")
write_manifest(recs[:50], cut)
v = verify(cut, cap)
t.check(v.returncode == 0 and "verified 50 packets" in v.stdout and " 0 mismatches" in v.stdout,
        "sockgen verify: the 50 captured packets match the extcap's manifest",
        "exit %d\n%s%s" % (v.returncode, v.stdout[-2000:], v.stderr))

# ---- sockgen-ndp with its options set through tshark -o: exact count
cap, man = os.path.join(tmp, "ra.pcapng"), os.path.join(tmp, "ra.jsonl")
p = tshark("-i", "sockgen-ndp", "-c", "50", "-w", cap, "-a", "duration:60",
           "-o", "extcap.sockgen_ndp.manifest:" + man, "-o", "extcap.sockgen_ndp.rate:1000",
           "-o", "extcap.sockgen_ndp.count:50", "-o", "extcap.sockgen_ndp.mix:ra",
           "-o", "extcap.sockgen_ndp.options:rich")
t.eq(p.returncode, 0, "tshark with the extcap options exits 0 (%s)" % p.stderr.strip()[-300:])
rows = t.fields(cap, ["ndisc.type", "ndisc.opt.type"])
t.eq([r[0] for r in rows], ["134"] * 50, "mix:ra through tshark -o: 50 RAs")
t.check(rows and all({"24", "31", "37", "38"} <= set(r[1].split(",")) for r in rows),
        "options:rich through tshark -o: routes, DNSSL, captive portal, PREF64", str(rows[:1]))
recs = settle(man)
t.eq(len(recs), 50, "count:50: the extcap stopped at 50, its manifest has 50 records")
v = verify(man, cap)
t.check(v.returncode == 0 and "verified 50 packets" in v.stdout, "sockgen verify of the rich RAs",
        "exit %d\n%s%s" % (v.returncode, v.stdout[-2000:], v.stderr))

# ---- sockgen-vsock: one run of the http scenario, the extcap ends the capture
ref = os.path.join(tmp, "ref.pcap")
t.run([t.SOCKGEN, "vsock", "pcap", "--scenario", "http", "--out", ref], check_rc=0)
n_ref = len(t.fields(ref, ["frame.number"], plugin=False))
cap, man = os.path.join(tmp, "vsock.pcapng"), os.path.join(tmp, "vsock.jsonl")
p = tshark("-i", "sockgen-vsock", "-w", cap, "-a", "duration:60",
           "-o", "extcap.sockgen_vsock.manifest:" + man, "-o", "extcap.sockgen_vsock.scenario:http",
           "-o", "extcap.sockgen_vsock.repeat:1", "-o", "extcap.sockgen_vsock.rate:200")
t.eq(p.returncode, 0, "tshark -i sockgen-vsock (http, one connection) exits 0 (%s)" % p.stderr.strip()[-300:])
rows = t.fields(cap, ["frame.protocols", "vsockmon.op", "vsockmon.payload"])
t.eq(len(rows), n_ref, "the capture has the scenario's %d packets" % n_ref)
t.check(rows and all(r[0].split(":")[:2] == ["vsock", "vsockmon"] for r in rows), "every packet decodes as vsock:vsockmon",
        str([r[0] for r in rows[:3]]))
t.check(any(r[0].endswith(":http") for r in rows), "the reassembled payload goes on to HTTP")
get = "GET / HTTP/1.1".encode().hex()
t.check(any(get in r[2] for r in rows), "the http request is in a vsockmon payload")
recs = settle(man)
t.eq(len(recs), n_ref, "the vsock manifest has a record per packet")
v = verify(man, cap)
t.check(v.returncode == 0 and ("verified %d packets" % n_ref) in v.stdout and " 0 mismatches" in v.stdout,
        "sockgen verify: the vsock capture matches the extcap's manifest",
        "exit %d\n%s%s" % (v.returncode, v.stdout[-2000:], v.stderr))

# ---- decoded live (no file in between), as Wireshark shows it
p = tshark("-i", "sockgen-vsock", "-c", "5", "-a", "duration:60", "-T", "fields", "-e", "vsockmon.op",
           "-e", "vsockmon.src_port", "-o", "extcap.sockgen_vsock.scenario:stream-echo",
           "-o", "extcap.sockgen_vsock.rate:500")
live = [line.split("\t") for line in p.stdout.splitlines()]
t.eq(len(live), 5, "live tshark -i sockgen-vsock -c 5 prints 5 decoded packets")
t.check(live and live[0][0] == "1" and all(r[0] for r in live), "live decode: vsockmon ops, the first a CONNECT (1, the virtio REQUEST)",
        str(live))

# ---- capture filters through tshark -f
cap = os.path.join(tmp, "ns.pcapng")
p = tshark("-i", "sockgen-ndp", "-c", "10", "-w", cap, "-a", "duration:60", "-f", "icmp6 and ip6[40] == 135",
           "-o", "extcap.sockgen_ndp.rate:1000")
rows = t.fields(cap, ["ndisc.type"])
t.eq([r[0] for r in rows], ["135"] * 10, "tshark -f 'ip6[40] == 135' on sockgen-ndp: only NS")
p = tshark("-i", "sockgen-ndp", "-c", "10", "-w", os.path.join(tmp, "bad.pcapng"), "-a", "duration:30",
           "-f", "ip6[40] ==")
t.check("--extcap-capture-filter 'ip6[40] ==': " in p.stderr, "a bad filter: tshark shows the extcap's message",
        p.stderr[-500:])
t.check("0 packets captured" in p.stderr, "a bad filter captures nothing", p.stderr[-300:])

t.done()
