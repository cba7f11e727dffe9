# SPDX-License-Identifier: GPL-2.0-or-later
# Documentation that ships (issue 8): the man pages sockgen(1) and
# sockscope(7) built from doc/*.scd render without groff warnings; every
# subcommand, verb and long option that sockgen's --help texts print is in
# sockgen(1); every display-filter field of the two field lists and every
# expert info the plugin registers is in sockscope(7), with the severity the
# source gives it; every --help has an "Examples:" section, and the example
# command lines (of the help texts and of both man pages) run: those that
# only write files run as shown in a scratch directory, those that send,
# listen or capture run with their output swapped for --pcap (ndp) or are
# checked option by option against their verb's --help (vsock live,
# capture). Nothing is ever sent and no vsock socket is opened.
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)
if not shutil.which("scdoc"):
    t.skip("scdoc not installed: the build makes no man pages (scripts/deps installs it)")

DOC_SRC = os.path.join(t.SRC, "doc")
MAN1 = os.path.join(t.BUILD, "doc", "sockgen.1")
MAN7 = os.path.join(t.BUILD, "doc", "sockscope.7")
work = t.tmpdir()

for page in (MAN1, MAN7):
    if not t.check(os.path.isfile(page) and os.path.getsize(page) > 1000,
                   "man page %s built" % page):
        t.done()


def roff_text(path):
    """The words of a roff page: escapes and font changes removed."""
    with open(path) as f:
        s = f.read()
    s = re.sub(r"\\f[BIRP]", "", s)
    s = s.replace("\\&", "").replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\")
    s = re.sub(r"\\\(..", " ", s)
    return s


def mentions(text, word):
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


# ---- rendering: no warnings from man or groff
for page in (MAN1, MAN7):
    name = os.path.basename(page)
    if shutil.which("man"):
        p = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True,
                           env=dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat"))
        t.eq(p.returncode, 0, "%s: man -l exits 0" % name)
        t.eq(p.stderr.strip(), "", "%s: man --warnings prints no warning" % name)
        t.check("NAME" in p.stdout and "SEE ALSO" in p.stdout, "%s: renders NAME ... SEE ALSO" % name)
    if shutil.which("groff"):
        p = subprocess.run(["groff", "-ww", "-z", "-t", "-man", page], capture_output=True, text=True)
        t.eq(p.stderr.strip(), "", "%s: groff -ww prints no warning" % name)

man1 = roff_text(MAN1)
man7 = roff_text(MAN7)


# ---- every --help: subcommands, verbs, options, examples
def help_of(*args):
    p = t.run([t.SOCKGEN] + list(args) + ["--help"])
    t.eq(p.returncode, 0, "sockgen %s --help exits 0" % " ".join(args))
    return p.stdout


def first_column(text, start):
    """Names of an indented list ("  rs        Router ...") after a line
    matching start, up to the next unindented line."""
    out, found = [], False
    for line in text.splitlines():
        if found and re.match(r"^[^ ]", line):
            break
        m = re.match(r"^  ([a-z][a-z0-9-]*)(  |$)", line)
        if found and m:
            out.append(m.group(1))
        if re.search(start, line):
            found = True
    return out


def without_examples(text):
    out, ex = [], False
    for line in text.splitlines():
        if line.startswith("Examples:"):
            ex = True
            continue
        if ex and (not line.strip() or re.match(r"^[^ ]", line)):
            ex = False
        if not ex:
            out.append(line)
    return "\n".join(out)


def examples(text):
    """Example command lines (continuations joined, comments cut)."""
    out, ex, cur = [], False, ""
    for line in text.splitlines():
        if line.startswith("Examples:"):
            ex = True
            continue
        if not ex:
            continue
        if not line.strip() or re.match(r"^[^ ]", line):
            ex = False
            continue
        cur += " " + line.strip()
        if cur.endswith("\\"):
            cur = cur[:-1]
            continue
        out.append(cur.strip())
        cur = ""
    return out


top = help_of()
subs = first_column(top, r"^Subcommands")
t.check({"ndp", "vsock", "capture", "verify"} <= set(subs), "sockgen --help lists the subcommands",
        repr(subs))
helps = {(): top}
for sub in subs:
    helps[(sub,)] = help_of(sub)
ndp_verbs = first_column(helps[("ndp",)], r"^usage")
t.check({"rs", "ra", "ns", "na", "redirect", "listen"} <= set(ndp_verbs),
        "sockgen ndp --help lists the messages", repr(ndp_verbs))
for v in ndp_verbs:
    helps[("ndp", v)] = help_of("ndp", v)
vsock_verbs = first_column(helps[("vsock",)], r"^usage")
t.check({"pcap", "listen", "connect"} <= set(vsock_verbs), "sockgen vsock --help lists the verbs",
        repr(vsock_verbs))
for v in vsock_verbs:
    helps[("vsock", v)] = help_of("vsock", v)

for words, text in helps.items():
    label = "sockgen %s --help" % " ".join(words) if words else "sockgen --help"
    t.check("Examples:" in text and examples(text), "%s has an Examples: section" % label)
    for w in words:
        t.check(mentions(man1, w), "sockgen.1 mentions '%s' (from %s)" % (w, label))
    opts = sorted(set(re.findall(r"--[a-z0-9][a-z0-9-]*", without_examples(text))))
    missing = [o for o in opts if not mentions(man1, o)]
    t.check(not missing, "sockgen.1 documents every option of %s" % label, " ".join(missing))


# ---- example command lines
def opts_of(words):
    return set(re.findall(r"--[a-z0-9][a-z0-9-]*", without_examples(helps.get(tuple(words), ""))))


SCRIPT = os.path.join(work, "msgs.txt")
with open(SCRIPT, "w") as f:
    f.write("rs\nra --prefix 2001:db8::/64,L,A --mtu 1500\n")
# inputs of the ndp replay examples
for name in ("in.pcap", "in.pcapng", "ra.pcap"):
    subprocess.run([t.SOCKGEN, "ndp", "--script", SCRIPT, "--pcap", os.path.join(work, name),
                    "--quiet"], check=True)
with open(os.path.join(work, "cert.der"), "wb") as f:
    f.write(bytes(range(48)))
env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(t.SOCKGEN)) + ":" + os.environ["PATH"])
RUN_TIMEOUT = 60


def run_example(cmd, where, cwd=work):
    """Check one 'sockgen ...' line: run it when safe, else its options."""
    try:
        argv = shlex.split(cmd, comments=True)
    except ValueError as e:
        t.check(False, "%s: '%s' splits into words" % (where, cmd), str(e))
        return
    if not argv or argv[0] != "sockgen":
        return
    words = [w for w in argv[1:3] if not w.startswith("-")]
    sub = words[0] if words else ""
    verb = words[1] if len(words) > 1 and sub in ("ndp", "vsock") else ""
    if sub == "ndp" and verb in ("", "listen", "solicit", "resolve", "router"):
        key = ("ndp",) if not verb else ("ndp", verb)
    else:
        key = tuple(w for w in (sub, verb) if w)
    known = opts_of(key) | {"--help"}
    used = [a.split("=")[0] for a in argv if a.startswith("--")]
    unknown = [o for o in used if o not in known]
    if sub == "ndp" and not verb:
        # "sockgen ndp --script FILE OUTPUTS": run-wide flags of any message
        unknown = [o for o in unknown if o not in opts_of(("ndp", "ra"))]
    t.check(not unknown, "%s: '%s' uses only options its --help lists" % (where, cmd),
            " ".join(unknown))
    live = (sub == "ndp" and verb in ("listen", "solicit", "resolve", "router")) or (sub == "vsock" and verb != "pcap") or \
        sub in ("capture", "extcap") or (sub == "verify" and not all(
            os.path.exists(os.path.join(cwd, argv[i + 1])) for i, a in enumerate(argv[:-1])
            if a in ("--manifest", "--capture")))
    if live:
        return
    if sub == "ndp":
        # sending becomes writing: the same message into a scratch pcap
        out, i = [], 0
        while i < len(argv):
            if argv[i] in ("--raw", "--iface") and i + 1 < len(argv):
                i += 2
                continue
            out.append(argv[i])
            i += 1
        if "--pcap" not in out and "--manifest" not in out:
            out += ["--pcap", os.path.join(work, "swapped-output.pcap")]
        argv = out
    line = " ".join(shlex.quote(a) for a in argv)
    if "$(" in cmd:
        line = re.sub(r"#.*$", "", cmd)  # keep the shell substitution
    p = subprocess.run(["bash", "-c", line], capture_output=True, text=True, cwd=cwd, env=env,
                       timeout=RUN_TIMEOUT)
    t.eq(p.returncode, 0, "%s: '%s' runs (stderr: %s)" % (where, line, p.stderr.strip()[:300]))


for words, text in helps.items():
    label = "sockgen %s --help" % " ".join(words) if words else "sockgen --help"
    for cmd in examples(text):
        run_example(cmd, label)


def literal_blocks(scd_path):
    with open(scd_path) as f:
        text = f.read()
    return re.findall(r"^```\n(.*?)^```", text, flags=re.S | re.M)


def block_commands(block):
    """Shell command lines of a literal block ($ prompts removed, scdoc's
    \\\\ unescaped, continuations joined), and the other lines (output)."""
    cmds, output, cur = [], [], ""
    heredoc = None
    for line in block.replace("\\\\", "\\").splitlines():
        if heredoc is not None:
            heredoc.append(line)
            if line.strip() == "EOF":
                cmds.append("\n".join(heredoc))
                heredoc = None
            continue
        is_cmd = line.startswith("$ ") or cur or not block.lstrip().startswith("$ ")
        if not is_cmd:
            output.append(line)
            continue
        cur += (" " if cur else "") + (line[2:] if line.startswith("$ ") else line).strip()
        if cur.endswith("\\"):
            cur = cur[:-1].rstrip()
            continue
        if "<<EOF" in cur:
            heredoc = [cur]
        else:
            cmds.append(cur)
        cur = ""
    return cmds, output


# sockgen(1): every example that writes files runs; the others are checked
man_work = os.path.join(work, "man1")
os.mkdir(man_work)
shutil.copy(os.path.join(work, "cert.der"), man_work)
man1_cmds = [c for b in literal_blocks(os.path.join(DOC_SRC, "sockgen.1.scd"))
             for c in block_commands(b)[0]]
for sub in subs:
    t.check(any(c.startswith("sockgen %s " % sub) for c in man1_cmds),
            "sockgen.1 has an example of sockgen %s" % sub)
for v in ndp_verbs + ["--script"]:
    t.check(any(c.startswith("sockgen ndp %s " % v) for c in man1_cmds),
            "sockgen.1 has an example of sockgen ndp %s" % v)
for v in vsock_verbs:
    t.check(any(c.startswith("sockgen vsock %s " % v) for c in man1_cmds),
            "sockgen.1 has an example of sockgen vsock %s" % v)
for block in literal_blocks(os.path.join(DOC_SRC, "sockgen.1.scd")):
    cmds, _ = block_commands(block)
    for cmd in cmds:
        if cmd.startswith("cat >") and "<<EOF" in cmd:
            p = subprocess.run(["bash", "-c", cmd], cwd=man_work, capture_output=True, text=True)
            t.eq(p.returncode, 0, "sockgen.1: here-document runs")
        elif cmd.startswith("sockgen "):
            run_example(cmd.rstrip("&").strip(), "sockgen.1 EXAMPLES", cwd=man_work)
        elif cmd.startswith("SOCKSCOPE_PLUGIN=") and "sockgen verify" in cmd:
            run_example(cmd.split(None, 1)[1], "sockgen.1 EXAMPLES", cwd=man_work)

# sockscope(7): every command runs (tshark through the plugin wrapper) and
# the output shown is what it prints
man7_work = os.path.join(work, "man7")
os.mkdir(man7_work)
shutil.copy(os.path.join(work, "msgs.txt"), man7_work)
have_tshark = shutil.which("tshark") and os.path.exists(t.PLUGIN)
script_dir = os.path.join(work, "man1")
for name in ("all.pcap",):       # made by sockgen(1)'s --script example
    if os.path.exists(os.path.join(script_dir, name)):
        shutil.copy(os.path.join(script_dir, name), man7_work)
blocks7 = [block_commands(b) for b in literal_blocks(os.path.join(DOC_SRC, "sockscope.7.scd"))]
for cmds, _ in blocks7:          # the captures first, in page order
    for cmd in cmds:
        if cmd.startswith("sockgen "):
            run_example(cmd, "sockscope.7 EXAMPLES", cwd=man7_work)


def tshark_block(cmds):
    """Run a block's tshark commands (through the plugin wrapper) in order:
    [(cmd, returncode, stderr)], their joined stdout."""
    runs, stdout = [], ""
    for cmd in cmds:
        argv = shlex.split(cmd)
        if argv[0] != "tshark":
            continue
        if "|" in argv:
            argv = argv[:argv.index("|")]
        p = subprocess.run([t.WRAPPER] + argv[1:], capture_output=True, text=True, cwd=man7_work,
                           env=dict(os.environ, SOCKSCOPE_PLUGIN=t.PLUGIN), timeout=RUN_TIMEOUT)
        runs.append((cmd, p.returncode, p.stderr))
        stdout += p.stdout
    return runs, stdout


G_QUERIES = (("-G", "fields"), ("-G", "defaultprefs"), ("-G", "dissector-tables"), ("-z", "help"))
queries = {}
if have_tshark:
    # tshark starts slowly (seconds on a loaded machine): blocks and the
    # registration queries used further down run in parallel
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        qfut = {q: pool.submit(t.tshark, *q) for q in G_QUERIES}
        results = list(pool.map(lambda b: tshark_block(b[0]), blocks7))
        queries = {q: f.result() for q, f in qfut.items()}
    for (cmds, output), (runs, stdout) in zip(blocks7, results):
        for cmd, rc, err in runs:
            t.eq(rc, 0, "sockscope.7: '%s' runs (%s)" % (cmd, err.strip()[:200]))
        got = [" ".join(x.split()) for x in stdout.splitlines()]
        for line in output:
            want = " ".join(line.split())
            t.check(want in got, "sockscope.7: output line shown is what tshark prints: %r" % line,
                    "tshark printed:\n      " + "\n      ".join(got[:10]))


# ---- sockscope(7): fields, experts, preferences
sys.path.insert(0, DOC_SRC)
import gen_plugin_tables as gen  # noqa: E402

for proto in ("ndisc", "vsockmon"):
    names = [n for n, _ in gen.read_field_list(os.path.join(t.SRC, "tests", "dissect",
                                                            proto + "_fields.txt"))]
    t.check(len(names) > 20, "%s field list read" % proto)
    missing = [n for n in names if not mentions(man7, n)]
    t.check(not missing, "sockscope.7 lists every field of %s_fields.txt" % proto, " ".join(missing))

experts = gen.read_experts(t.SRC)
grep_names = set()
for fn in os.listdir(os.path.join(t.SRC, "plugin")):
    if fn.endswith(".c"):
        with open(os.path.join(t.SRC, "plugin", fn)) as f:
            grep_names |= set(re.findall(r'&ei_\w+\s*,\s*\{\s*"((?:ndisc|vsockmon)\.[^"]+)"', f.read()))
t.eq(sorted(e[0] for e in experts), sorted(grep_names),
     "the generator reads every ei_register_info entry of plugin/*.c")
meanings = gen.read_meanings(os.path.join(DOC_SRC, "sockscope-experts.txt"))
t.eq(sorted(set(meanings) - grep_names), [], "sockscope-experts.txt names only registered expert infos")
for name, group, sev, _summary, fn in experts:
    t.check(bool(meanings.get(name)), "sockscope-experts.txt explains %s (%s)" % (name, fn))
    m = re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-]) \((\w+), (\w+)\)", man7)
    t.check(m is not None, "sockscope.7 lists expert info %s" % name)
    if m:
        t.eq((m.group(1), m.group(2)), (sev, group), "sockscope.7: severity and group of %s" % name)

if have_tshark:
    p = queries[("-G", "fields")]
    if t.check(p.returncode == 0, "tshark -G fields with the plugin"):
        plugin_fields = [line.split("\t")[2] for line in p.stdout.splitlines()
                         if line.startswith("F\t") and re.match(r"(ndisc|vsockmon)\.", line.split("\t")[2])]
        missing = [n for n in plugin_fields if not mentions(man7, n)]
        t.check(not missing, "sockscope.7 lists every ndisc/vsockmon field tshark -G fields shows",
                " ".join(missing))
    p = queries[("-G", "defaultprefs")]
    prefs = re.findall(r"^#((?:ndisc|vsockmon)\.[a-z_]+):", p.stdout, flags=re.M)
    t.check(len(prefs) >= 5, "tshark -G defaultprefs shows the plugin's preferences", repr(prefs))
    missing = [n for n in prefs if not mentions(man7, n)]
    t.check(not missing, "sockscope.7 documents every preference", " ".join(missing))
    p = queries[("-G", "dissector-tables")]
    tables = [line.split("\t")[0] for line in p.stdout.splitlines() if "\tVSOCKMON\t" in line]
    t.check(tables and all(mentions(man7, x) for x in tables),
            "sockscope.7 documents the dissector tables (Decode As)", repr(tables))
    p = queries[("-z", "help")]
    stats = [s.strip() for s in (p.stdout + p.stderr).splitlines() if re.search(r"ndisc|vsockmon", s)]
    missing = [s for s in stats if ("-z " + s) not in man7 and ("-z " + s + ",") not in man7]
    t.check(stats and not missing, "sockscope.7 documents every -z statistic", " ".join(missing))
else:
    print("note: tshark or the plugin missing: -G cross-checks not run")

t.done()
