#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Wireshark Qt GUI with the freshly built sockscope.so, under Xvfb (issue 8,
"The GUI, for real").

Wireshark ignores personal plugins when run as root, so as root it runs as
nobody (65534) with a private HOME and WIRESHARK_PLUGIN_DIR, like
tests/lib/tshark-plugin does for tshark. It opens an NDP capture made by
sockgen with -Y ndisc and captures/vsock-http.pcap with -Y vsockmon; the test
drives it with xdotool (no window manager: keyboard focus follows the
pointer, so it clicks into the window first) and asserts:
  - the main window's title names the capture file;
  - no dialog is open after loading (a plugin that fails to load shows a
    modal "Couldn't load plugin" dialog, not a log line: a control run with
    a broken .so next to ours proves the check sees it), and the GUI's log
    (--log-level info) has no plugin or dissector error;
  - expanding the ndisc / vsockmon tree changes the window (the keys arrive),
    and the screenshots are not blank;
  - Statistics -> "IPv6 Neighbor Discovery" and Statistics -> vsock ->
    vsockmon open the plugin's stats trees (window titles);
  - Analyze -> Decode As... offers the plugin's "vsock port" table: a row
    set to 8080 -> HTTP and saved lands in the profile as vsockmon.port;
  - tshark with the same HOME and plugin dir lists sockscope.so (-G plugins),
    ndisc,tree and vsockmon,tree (-z help) and the vsockmon.port table
    (-G dissector-tables).
Screenshots go to $SOCKSCOPE_BUILD/gui-screenshots/ (ndisc.png, vsockmon.png,
statistics.png, decode-as.png); docs/screenshots/ holds reviewed copies."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from sstest import BUILD, PLUGIN, SOCKGEN, SRC, WS_ABI, check, done, eq, is_root, skip  # noqa: E402

TOOLS = ["Xvfb", "xauth", "mcookie", "xdotool", "import", "convert",
         "identify", "compare", "wireshark", "tshark", "mergecap"]
SCREEN = (1600, 1000)
WIN = (1200, 980)          # main window geometry, forced through recent_common
NOBODY = 65534
TIMEOUT = 120              # seconds for a window to appear (an ASan Wireshark on a busy machine is slow)

missing = [t for t in TOOLS if not shutil.which(t)]
if missing:
    skip("missing " + ", ".join(missing) + " (scripts/deps test installs them)")
if is_root() and not shutil.which("setpriv"):
    skip("root needs setpriv to run wireshark unprivileged")
if not os.path.exists(SOCKGEN):
    skip("no sockgen at " + SOCKGEN)
check(os.path.exists(PLUGIN), "plugin built", PLUGIN)
if not os.path.exists(PLUGIN):
    done()

OUT = os.path.join(BUILD, "gui-screenshots")
os.makedirs(OUT, exist_ok=True)

# A private tree readable (and HOME writable) by the user wireshark runs as.
tmp = tempfile.mkdtemp(prefix="sockscope-gui.", dir="/tmp")
os.chmod(tmp, 0o755)
procs = []                 # (name, Popen) to stop in the finally block


def own(path):
    """Give path to the user wireshark runs as (root only)."""
    if is_root():
        for dirpath, dirs, files in os.walk(path):
            os.chown(dirpath, NOBODY, NOBODY)
            for f in files:
                os.chown(os.path.join(dirpath, f), NOBODY, NOBODY)


def put(src, dst):
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o644)
    return dst


def sh(cmd, timeout=120, **kw):
    """Run cmd; a command that hangs counts as failed (rc -1) instead of
    holding the test until ctest's timeout."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return subprocess.CompletedProcess(cmd, -1, out, "timed out after %ds" % timeout)


def as_user(env):
    """Command prefix: env -i with env, as nobody when root."""
    pre = []
    if is_root():
        pre = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]
    return pre + ["env", "-i"] + ["%s=%s" % kv for kv in sorted(env.items())]


def stop(p):
    """Stop a process this test started (its own process group)."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=5)


def start_xvfb():
    """Xvfb on a free display (-displayfd) with a cookie; returns the client
    environment (DISPLAY, XAUTHORITY readable by nobody)."""
    cookie = sh(["mcookie"]).stdout.strip()
    sauth = os.path.join(tmp, "xauth-server")
    open(sauth, "w").close()
    os.chmod(sauth, 0o600)
    # The server loads every cookie in the file, whatever display it names.
    sh(["xauth", "-f", sauth, "add", ":0", ".", cookie])
    r, w = os.pipe()
    log = open(os.path.join(tmp, "xvfb.log"), "w")
    p = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % SCREEN,
                          "-nolisten", "tcp", "-auth", sauth],
                         pass_fds=(w,), stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    procs.append(("Xvfb", p))
    os.close(w)
    num = b""
    deadline = time.time() + 20
    while not num.endswith(b"\n") and time.time() < deadline:
        chunk = os.read(r, 16)
        if not chunk:
            break
        num += chunk
    os.close(r)
    num = num.decode().strip()
    if not num.isdigit():
        raise RuntimeError("Xvfb did not start: " + open(os.path.join(tmp, "xvfb.log")).read())
    cauth = os.path.join(tmp, "xauth-client")
    open(cauth, "w").close()
    sh(["xauth", "-f", cauth, "add", ":" + num, ".", cookie])
    os.chmod(cauth, 0o644)
    return {"DISPLAY": ":" + num, "XAUTHORITY": cauth}


def xenv():
    e = dict(os.environ)
    e.update(XENV)
    return e


def x(*cmd):
    return sh(list(cmd), env=xenv())


def visible():
    """Visible top-level windows of Wireshark: {id: title}."""
    p = x("xdotool", "search", "--onlyvisible", "--class", "wireshark")
    wins = {}
    for wid in p.stdout.split():
        wins[wid] = x("xdotool", "getwindowname", wid).stdout.rstrip("\n")
    return wins


def wait_window(pred, timeout=TIMEOUT):
    """First visible window whose title satisfies pred, or None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for wid, title in visible().items():
            if pred(title):
                return wid, title
        time.sleep(0.25)
    return None


def keys(*ks):
    for k in ks:
        x("xdotool", "key", k)
        time.sleep(0.15)
    time.sleep(0.6)


def focus_details():
    """No window manager: focus follows the pointer, and Qt needs a click to
    make the window active. An empty spot of the details pane takes it."""
    # (no --sync: xdotool waits forever for a motion event when the
    # pointer is already there)
    x("xdotool", "mousemove", str(WIN[0] // 2), str(WIN[1] - 60), "click", "1")
    time.sleep(0.5)


def grab(path):
    """The whole screen, as it is (menus are separate override-redirect
    windows, so a root grab is what shows them over the main window)."""
    x("import", "-silent", "-window", "root", path)
    return path


def crop(raw, path):
    """The main window's area of a grab, for the README: 128 colours
    without dithering keep text and row colours at about 55 KB instead of
    150-200 KB."""
    sh(["convert", raw, "-crop", "%dx%d+0+0" % WIN, "+repage", "-strip",
        "-dither", "None", "-colors", "128", "-define", "png:compression-level=9",
        "PNG8:" + path])
    return path


def colours(path):
    p = sh(["identify", "-format", "%k", path])
    return int(p.stdout.strip() or 0)


def differ(a, b):
    """Number of pixels that differ between two screenshots."""
    p = sh(["compare", "-metric", "AE", a, b, "null:"])
    m = re.match(r"\s*([0-9.e+]+)", p.stderr)
    return float(m.group(1)) if m else 0.0


# Plugin load failures, anything naming our plugin or its protocols, and
# Wireshark's own log lines of level ERROR/CRITICAL ("[Epan CRITICAL] -- ...").
BAD_LOG = re.compile(r"Couldn't load plugin|has no \"plugin_|sockscope|ndisc|vsockmon|"
                     r"Dissector bug|[Mm]alformed|AddressSanitizer|runtime error:|"
                     r"\[[A-Za-z0-9 ]* (ERROR|CRITICAL)\]")


def log_problems(logf):
    """Lines of the GUI's log that name a plugin or dissector problem. The
    DFilter INFO lines only echo filters compiled (ours among them)."""
    text = open(logf, errors="replace").read()
    bad = [ln for ln in text.splitlines()
           if BAD_LOG.search(ln) and "[DFilter INFO]" not in ln]
    return text, bad


def configure(home, upper_pane):
    """A fresh profile: fixed geometry, no bytes pane, packet list height."""
    cfg = os.path.join(home, ".config", "wireshark")
    shutil.rmtree(cfg, ignore_errors=True)
    os.makedirs(cfg)
    with open(os.path.join(cfg, "recent_common"), "w") as f:
        f.write("gui.geometry_main_x: 0\ngui.geometry_main_y: 0\n"
                "gui.geometry_main_width: %d\ngui.geometry_main_height: %d\n"
                "gui.geometry_main_maximized: FALSE\n" % WIN)
    with open(os.path.join(cfg, "recent"), "w") as f:
        f.write("gui.byte_view_show: FALSE\n"
                "gui.geometry_main_upper_pane: %d\n" % upper_pane)
    own(home)


def wireshark(name, plugdir, capture, args, upper_pane):
    """Start wireshark; returns (Popen, log path)."""
    configure(HOME, upper_pane)
    logf = os.path.join(tmp, name + ".log")
    env = dict(USER_ENV, WIRESHARK_PLUGIN_DIR=plugdir)
    env.update(XENV)
    cmd = as_user(env) + ["wireshark", "--log-level", "info",
                          "-o", "capture.no_interface_load:TRUE",
                          "-r", capture] + list(args)
    for attempt in (1, 2):
        p = subprocess.Popen(cmd, stdout=open(logf, "w"), stderr=subprocess.STDOUT,
                             start_new_session=True)
        procs.append(("wireshark " + name, p))
        # Under load the X server's first client has been refused now and
        # then (Qt: "could not connect to display"): once more, then it
        # counts as the failure it is.
        t0 = time.time()
        while p.poll() is None and time.time() - t0 < 3:
            time.sleep(0.1)
        if p.poll() is None or "could not connect to display" not in open(logf, errors="replace").read():
            break
        print("note: %s: wireshark could not connect to the display (attempt %d)" % (name, attempt))
    return p, logf


def expect_clean_start(name, p, logf, capture):
    """Main window titled with the capture, no dialog, clean log. Returns
    the main window id or None."""
    base = os.path.basename(capture)
    found = wait_window(lambda t: base in t)
    if not check(found is not None, name + ": main window titled with " + base,
                 "windows: %r; wireshark %s; log tail:\n%s" % (
                     visible(), "running" if p.poll() is None else "exited %s" % p.returncode,
                     open(logf, errors="replace").read()[-3000:])):
        return None
    wid, title = found
    check(base in title, name + ": title names the capture", title)
    time.sleep(1.5)         # deferred startup dialogs appear after the title
    others = {w: t for w, t in visible().items() if w != wid}
    check(not others, name + ": no dialog open after loading", "%r" % others)
    text, bad = log_problems(logf)
    check("Wireshark is up and ready to go" in text, name + ": GUI log captured (--log-level info)",
          text[-2000:])
    check(not bad, name + ": GUI log has no plugin/dissector error", "\n".join(bad))
    check(p.poll() is None, name + ": wireshark still running")
    return wid


def ndp_capture(path):
    """An RA with several options, then an NS and its NA (scripts/demo)."""
    parts = []
    for i, args in enumerate([
            ["ra", "--flags", "M,O", "--router-lifetime", "1800",
             "--prefix", "2001:db8::/64,L,A,valid=86400,preferred=14400",
             "--mtu", "1500", "--rdnss", "2001:db8::53,2001:db8::54,lifetime=600",
             "--dnssl", "example.com,corp.example,lifetime=600",
             "--route", "2001:db8:100::/48,prf=high,lifetime=1800",
             "--pref64", "64:ff9b::/96"],
            ["ns", "--target", "fe80::2"],
            ["na", "--src", "fe80::2", "--dst", "fe80::1", "--flags", "S,O",
             "--target", "fe80::2", "--tlla", "02:00:00:00:00:02"]]):
        part = os.path.join(tmp, "ndp-%d.pcap" % i)
        r = sh([SOCKGEN, "ndp"] + args + ["--pcap", part])
        if r.returncode != 0:
            raise RuntimeError("sockgen %s: %s" % (args[0], r.stderr))
        parts.append(part)
    r = sh(["mergecap", "-F", "pcap", "-a", "-w", path] + parts)
    if r.returncode != 0:
        raise RuntimeError("mergecap: " + r.stderr)
    os.chmod(path, 0o644)
    return path


def tshark_same_dirs(*args):
    env = dict(USER_ENV, WIRESHARK_PLUGIN_DIR=PLUGDIR)
    return sh(as_user(env) + ["tshark"] + list(args))


def check_tshark():
    p = tshark_same_dirs("-G", "plugins")
    line = [ln for ln in p.stdout.splitlines() if ln.startswith("sockscope.so")]
    check(bool(line), "tshark -G plugins (same dirs) lists sockscope.so", p.stdout + p.stderr)
    if line:
        check(os.path.join(PLUGDIR, WS_ABI, "epan", "sockscope.so") in line[0],
              "sockscope.so is the one in the private plugin dir", line[0])
    p = tshark_same_dirs("-z", "help")
    stats = (p.stdout + p.stderr).split()        # tshark prints the list on stderr
    check("ndisc,tree" in stats, "tshark -z help lists ndisc,tree", p.stdout + p.stderr)
    check("vsockmon,tree" in stats, "tshark -z help lists vsockmon,tree", p.stdout + p.stderr)
    p = tshark_same_dirs("-G", "dissector-tables")
    tables = [ln.split("\t")[0] for ln in p.stdout.splitlines()]
    check("vsockmon.port" in tables, "tshark -G dissector-tables lists vsockmon.port",
          p.stderr)
    # The filters the GUI runs with match packets (the plugin's, not a typo).
    for cap, filt in ((NDP, "ndisc"), (HTTP, "vsockmon")):
        p = tshark_same_dirs("-n", "-r", cap, "-Y", filt)
        check(p.returncode == 0 and len(p.stdout.splitlines()) >= 3,
              "tshark -Y %s matches packets of %s" % (filt, os.path.basename(cap)),
              p.stdout + p.stderr)


def control_broken_plugin():
    """A plugin that does not load must be seen: wireshark shows a modal
    dialog (not a log line) and does not open the capture until it is
    dismissed. Proves the 'no dialog' check can fail."""
    bad = os.path.join(tmp, "plugins-broken")
    os.makedirs(os.path.join(bad, WS_ABI, "epan"))
    with open(os.path.join(bad, WS_ABI, "epan", "broken.so"), "w") as f:
        f.write("not an ELF file\n")
    put(PLUGIN, os.path.join(bad, WS_ABI, "epan", "sockscope.so"))
    for dirpath, dirs, files in os.walk(bad):
        os.chmod(dirpath, 0o755)
    p, logf = wireshark("control", bad, NDP, ["-Y", "ndisc"], 120)
    try:
        found = wait_window(lambda t: t.startswith("Wireshark") or t.startswith("The Wireshark"))
        deadline = time.time() + TIMEOUT
        dialog = None
        while time.time() < deadline and not dialog:
            wins = visible()
            dialog = len(wins) > 1 and wins
            time.sleep(0.25)
        check(found is not None and bool(dialog),
              "control: a broken plugin .so opens a dialog the test sees",
              "windows %r, wireshark exit %r, log:\n%s" % (visible(), p.poll(), open(logf).read()[-1500:]))
    finally:
        stop(p)


def run_ndisc():
    p, logf = wireshark("ndisc", PLUGDIR, NDP, ["-Y", "ndisc"], 120)
    try:
        wid = expect_clean_start("ndisc", p, logf, NDP)
        if not wid:
            return
        before = grab(os.path.join(tmp, "ndisc-before.png"))
        # The RA (first packet) is selected. Top level: Frame, Ethernet,
        # IPv6, ndisc. End = the ndisc item; Right opens it one level (the
        # header and one line per option); six lines up from the last
        # option (PREF64, Route, DNSSL, RDNSS, MTU, Prefix) is Prefix
        # Information, opened with all its subtrees (Shift+Right).
        focus_details()
        keys("End", "Right", "End", "Up", "Up", "Up", "Up", "Up", "shift+Right")
        after = grab(os.path.join(tmp, "ndisc-after.png"))
        check(differ(before, after) > 5000, "ndisc: expanding the tree changed the window")
        path = crop(after, os.path.join(OUT, "ndisc.png"))
        n = colours(path)
        check(n > 16, "ndisc.png is not blank (%d colours)" % n)
        # Statistics -> IPv6 Neighbor Discovery: the plugin stats trees sit
        # at the end of the menu (Up from the top wraps to the last entry,
        # the vsock submenu; one more is ndisc).
        focus_details()
        keys("alt+s", "Up", "Up", "Return")
        st = wait_window(lambda t: "IPv6 Neighbor Discovery" in t and "ndisc.pcap" in t, 15)
        check(st is not None, "ndisc: Statistics -> IPv6 Neighbor Discovery opens its stats tree",
              "%r" % visible())
        check(p.poll() is None, "ndisc: wireshark survived the session")
    finally:
        stop(p)


def click_in(wid, dx, dy, times=1):
    """Click at (dx, dy) inside window wid; negative values count from the
    right/bottom edge (the dialog's buttons)."""
    geo = x("xdotool", "getwindowgeometry", "--shell", wid).stdout
    g = dict(ln.split("=", 1) for ln in geo.split() if "=" in ln)
    w, h = int(g.get("WIDTH", 0)), int(g.get("HEIGHT", 0))
    px = dx if dx >= 0 else w + dx
    py = dy if dy >= 0 else h + dy
    x("xdotool", "mousemove", "--window", wid, str(px), str(py),
      "click", "--repeat", str(times), "--delay", "120", "1")
    time.sleep(0.7)


def decode_as():
    """Analyze -> Decode As... (Ctrl+Shift+U) with the RW packet selected:
    '+' adds a row whose field must be the plugin's "vsock port" table
    (vsockmon.port); the value is set to 8080 and the dissector to HTTP,
    then Save writes the profile's decode_as_entries, which must name
    vsockmon.port. The dialog's widgets are not reachable by name, so this
    clicks at fixed offsets of the dialog (fresh profile: default size and
    fonts), and the saved file tells whether it worked."""
    keys("ctrl+shift+u")
    found = wait_window(lambda t: "Decode As" in t, 15)
    if not check(found is not None, "Analyze -> Decode As... opens", "%r" % visible()):
        return
    dlg = found[0]
    click_in(dlg, 23, -54)             # "+": a row for the selected packet
    click_in(dlg, 400, 250)            # commit the field editor
    click_in(dlg, 126, 41, times=2)    # Value: editable combo, text selected
    x("xdotool", "type", "--delay", "60", "8080")
    keys("Tab")
    click_in(dlg, 368, 41, times=2)    # Current: the dissector list pops up
    x("xdotool", "type", "--delay", "60", "HTTP")
    keys("Return")
    click_in(dlg, 400, 250)
    shot = grab(os.path.join(tmp, "decode-as.png"))
    path = crop(shot, os.path.join(OUT, "decode-as.png"))
    n = colours(path)
    check(n > 16, "decode-as.png is not blank (%d colours)" % n)
    click_in(dlg, -327, -24)           # Save (applies, writes, closes)
    entries = os.path.join(HOME, ".config", "wireshark", "decode_as_entries")
    deadline = time.time() + 10
    while time.time() < deadline and not os.path.exists(entries):
        time.sleep(0.25)
    text = open(entries).read() if os.path.exists(entries) else ""
    rows = [ln for ln in text.splitlines() if ln.startswith("decode_as_entry:")]
    eq(rows, ["decode_as_entry: vsockmon.port,8080,(none),HTTP"],
       "Decode As saved a vsockmon.port entry (8080 -> HTTP)")
    check(wait_window(lambda t: "Decode As" in t, 1) is None, "Decode As dialog closed by Save",
          "%r" % visible())


def run_vsockmon():
    p, logf = wireshark("vsockmon", PLUGDIR, HTTP, ["-Y", "vsockmon", "-g", "3"], 200)
    try:
        wid = expect_clean_start("vsockmon", p, logf, HTTP)
        if not wid:
            return
        before = grab(os.path.join(tmp, "vsockmon-before.png"))
        # Packet 3 (-g 3) is the GET carried in an RW packet. Top level:
        # Frame, vsock monitor, HTTP: Home Down = vsock monitor, all of it
        # opened (Shift+Right).
        focus_details()
        keys("Home", "Down", "shift+Right")
        after = grab(os.path.join(tmp, "vsockmon-after.png"))
        check(differ(before, after) > 5000, "vsockmon: expanding the tree changed the window")
        path = crop(after, os.path.join(OUT, "vsockmon.png"))
        n = colours(path)
        check(n > 16, "vsockmon.png is not blank (%d colours)" % n)
        decode_as()
        # Statistics menu open at its end: "IPv6 Neighbor Discovery" and the
        # vsock submenu with vsockmon.
        focus_details()
        keys("alt+s", "Up", "Right")
        menu = grab(os.path.join(tmp, "menu.png"))
        check(differ(after, menu) > 20000, "Statistics menu and vsock submenu opened")
        check(len(visible()) >= 3, "two popup menus are showing", "%r" % visible())
        path = crop(menu, os.path.join(OUT, "statistics.png"))
        n = colours(path)
        check(n > 16, "statistics.png is not blank (%d colours)" % n)
        keys("Return")
        st = wait_window(lambda t: "vsockmon" in t and "vsock-http.pcap" in t, 15)
        check(st is not None, "Statistics -> vsock -> vsockmon opens its stats tree",
              "%r" % visible())
        check(p.poll() is None, "vsockmon: wireshark survived the session")
    finally:
        stop(p)


try:
    XENV = start_xvfb()
    HOME = os.path.join(tmp, "home")
    os.makedirs(HOME)
    RUN = os.path.join(tmp, "run")
    os.makedirs(RUN, mode=0o700)
    own(RUN)
    USER_ENV = {"PATH": "/usr/bin:/bin", "HOME": HOME, "XDG_CONFIG_HOME": HOME + "/.config",
                "XDG_CACHE_HOME": HOME + "/.cache", "XDG_RUNTIME_DIR": RUN,
                "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "xcb"}
    # scripts/test --sanitize: the ASan-built plugin in Debian's
    # uninstrumented wireshark/tshark needs the runtime loaded first, as
    # tests/lib/tshark-plugin does for tshark.
    # No extcap helpers: wireshark and tshark run every one of them at start
    # (androiddump hangs under a preloaded ASan runtime), and none is needed.
    EXTCAP = os.path.join(tmp, "extcap")
    os.makedirs(EXTCAP)
    os.chmod(EXTCAP, 0o755)
    USER_ENV["WIRESHARK_EXTCAP_DIR"] = EXTCAP
    preload = os.environ.get("SOCKSCOPE_TSHARK_PRELOAD", "")
    if preload:
        USER_ENV["LD_PRELOAD"] = preload
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if os.environ.get(k):
                USER_ENV[k] = os.environ[k]
    PLUGDIR = os.path.join(tmp, "plugins")
    os.makedirs(os.path.join(PLUGDIR, WS_ABI, "epan"))
    put(PLUGIN, os.path.join(PLUGDIR, WS_ABI, "epan", "sockscope.so"))
    for dirpath, dirs, files in os.walk(PLUGDIR):
        os.chmod(dirpath, 0o755)
    NDP = ndp_capture(os.path.join(tmp, "ndisc.pcap"))
    HTTP = put(os.path.join(SRC, "captures", "vsock-http.pcap"), os.path.join(tmp, "vsock-http.pcap"))

    check_tshark()
    control_broken_plugin()
    run_ndisc()
    run_vsockmon()
    print("screenshots: " + ", ".join(
        "%s (%d bytes)" % (os.path.join(OUT, f), os.path.getsize(os.path.join(OUT, f)))
        for f in sorted(os.listdir(OUT)) if f.endswith(".png")))
finally:
    for name, proc in reversed(procs):
        stop(proc)
    shutil.rmtree(tmp, ignore_errors=True)

done()
