# SPDX-License-Identifier: GPL-2.0-or-later
# Bash completion of sockgen (doc/sockgen.bash), driven the way readline
# drives it: bash-completion loaded, the file sourced, COMP_WORDS /
# COMP_CWORD / COMP_LINE / COMP_POINT set and _sockgen called. The expected
# words come from elsewhere than the completion's own source of truth
# (sockgen's --help): the scenario table in generator/vsock/vsock_scenarios.c,
# the message verbs, /sys/class/net.
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import sstest as t  # noqa: E402

COMPLETION = os.path.join(t.SRC, "doc", "sockgen.bash")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"

if not os.access(t.SOCKGEN, os.X_OK):
    t.skip("no sockgen binary at %s" % t.SOCKGEN)
if not os.path.exists(BASH_COMPLETION):
    t.skip("bash-completion is not installed (%s)" % BASH_COMPLETION)

work = t.tmpdir()
for name in ("ra.pcap", "ra.jsonl", "notes.txt", "my capture.pcap"):
    open(os.path.join(work, name), "w").close()
os.mkdir(os.path.join(work, "subdir"))
bindir = os.path.dirname(os.path.abspath(t.SOCKGEN))


def complete(line, with_bash_completion=True):
    """COMPREPLY for the command line typed so far (cursor at the end)."""
    words = shlex.split(line)
    if line.endswith(" "):
        words.append("")
    script = ""
    if with_bash_completion:
        script += "source %s\n" % shlex.quote(BASH_COMPLETION)
    script += "source %s\n" % shlex.quote(COMPLETION)
    script += "COMP_WORDS=(%s)\n" % " ".join(shlex.quote(w) for w in words)
    script += "COMP_CWORD=%d\n" % (len(words) - 1)
    script += "COMP_LINE=%s\nCOMP_POINT=%d\n" % (shlex.quote(line), len(line))
    script += "_sockgen sockgen %s %s\n" % (shlex.quote(words[-1]),
                                          shlex.quote(words[-2] if len(words) > 1 else ""))
    script += 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"])
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True,
                       text=True, cwd=work, env=env, timeout=60)
    t.eq(p.stderr.strip(), "", "no error completing %r" % line)
    return sorted(w for w in p.stdout.splitlines() if w)


p = subprocess.run(["bash", "-n", COMPLETION], capture_output=True, text=True)
t.eq((p.returncode, p.stderr), (0, ""), "bash -n doc/sockgen.bash")
if shutil.which("shellcheck"):
    p = subprocess.run(["shellcheck", "-s", "bash", COMPLETION], capture_output=True, text=True)
    t.eq(p.returncode, 0, "shellcheck doc/sockgen.bash")
    if p.returncode:
        print(p.stdout)

for bc in (True, False):
    how = "with bash-completion" if bc else "without bash-completion"
    t.eq(complete("sockgen nd", bc), ["ndp"], "sockgen nd<TAB> -> ndp (%s)" % how)
    t.eq(complete("sockgen ndp r", bc), ["ra", "redirect", "replay", "resolve", "router", "rs"],
         "sockgen ndp r<TAB> -> ra redirect replay resolve router rs (%s)" % how)
    got = complete("sockgen ndp ra --pre", bc)
    t.check("--prefix" in got and all(w.startswith("--pre") for w in got),
            "sockgen ndp ra --pre<TAB> offers --prefix (%s)" % how, repr(got))

# all subcommands and verbs
got = complete("sockgen ")
t.check({"ndp", "vsock", "capture", "verify"} <= set(got), "sockgen <TAB> lists the subcommands",
        repr(got))
t.eq(complete("sockgen ndp "), sorted(["rs", "ra", "ns", "na", "redirect", "ind-sol", "ind-adv",
                                        "cps", "cpa", "listen", "solicit", "resolve", "router", "replay"]),
     "sockgen ndp <TAB> lists every message, listen, solicit, resolve, router and replay")
# ndp replay: its flags, field names for --set, option names for --drop-opt and --add-opt
got = complete("sockgen ndp replay --")
t.check({"--from-pcap", "--set", "--drop-opt", "--add-opt", "--filter", "--keep-other", "--pcap",
         "--manifest"} <= set(got), "sockgen ndp replay --<TAB> lists its flags", repr(got))
t.eq(complete("sockgen ndp replay --from-pcap r"), ["ra.jsonl", "ra.pcap"], "--from-pcap <TAB>: files")
got = complete("sockgen ndp replay --set ndisc.ra.router_l")
t.eq(got, ["ndisc.ra.router_lifetime="], "--set <TAB>: the field names of --list-fields")
t.check("ndisc.opt.prefix.valid=" in complete("sockgen ndp replay --set ndisc.opt.pre"),
        "--set <TAB>: option fields too")
t.check({"rdnss", "prefix", "mtu"} <= set(complete("sockgen ndp replay --drop-opt ")),
        "--drop-opt <TAB>: option names")
t.eq(complete("sockgen ndp replay --add-opt mt"), ["mtu="], "--add-opt <TAB>: option flags")
t.eq(complete("sockgen ndp replay --filter n"), ["na", "ns"], "--filter <TAB>: message names")
t.eq(complete("sockgen vsock "), ["bridge", "connect", "listen", "pcap"], "sockgen vsock <TAB> lists the verbs")
t.eq(complete("sockgen --"), ["--help", "--version"], "sockgen --<TAB>")

# scenarios, against the generator's scenario table
with open(os.path.join(t.SRC, "generator", "vsock", "vsock_scenarios.c")) as f:
    table = re.findall(r'^\s*\{ "([a-z][a-z0-9-]*)", "(?:stream|seqpacket):', f.read(), flags=re.M)
t.check(len(table) >= 8, "scenario names read from vsock_scenarios.c", repr(table))
t.eq(complete("sockgen vsock pcap --scenario "), sorted(table),
     "sockgen vsock pcap --scenario <TAB> lists every scenario")
t.eq(complete("sockgen vsock pcap --scenario cr"), ["credit-stall"], "--scenario cr<TAB>")

# options per verb, and values
got = complete("sockgen ndp na --")
t.check({"--flags", "--target", "--tlla", "--no-tlla", "--pcap", "--help"} <= set(got),
        "sockgen ndp na --<TAB> offers its header fields and outputs", repr(got))
t.check("--cur-hop-limit" not in got, "sockgen ndp na --<TAB> does not offer RA-only fields")
got = complete("sockgen verify --")
t.eq(got, sorted(["--manifest", "--capture", "--tshark", "--plugin", "--no-plugin", "--json",
                  "--quiet", "--help"]), "sockgen verify --<TAB> (not the options its examples use)")
got = complete("sockgen vsock connect --")
t.check({"--cid", "--port", "--allow-remote-cid", "--pingpong", "--messages"} <= set(got),
        "sockgen vsock connect --<TAB>", repr(got))
t.check("--mode" not in got, "sockgen vsock connect --<TAB> does not offer listen's --mode")
t.eq(complete("sockgen vsock listen --mode "), ["echo", "http", "reset", "sink"], "--mode <TAB>")
got = complete("sockgen vsock listen --")
t.check({"--stdio", "--exec", "--file", "--max-conns", "--once"} <= set(got),
        "sockgen vsock listen --<TAB> offers the relays", repr(got))
t.check("--exec" not in complete("sockgen vsock connect --"), "connect --<TAB> does not offer listen's --exec")
t.eq(complete("sockgen vsock bridge --"), sorted(["--tcp-listen", "--vsock", "--vsock-listen", "--tcp", "--max-conns",
                                                 "--once", "--timeout", "--manifest", "--allow-remote-cid",
                                                 "--help"]), "sockgen vsock bridge --<TAB>")
t.eq(complete("sockgen vsock connect 1:5000 --file "), ["my capture.pcap", "notes.txt", "ra.jsonl", "ra.pcap", "subdir"],
     "--file <TAB> completes files")
t.check("sh" in complete("sockgen vsock listen 5000 --exec s"), "--exec s<TAB> offers commands (sh)")
t.eq(complete("sockgen vsock connect --type "), ["seqpacket", "stream"], "--type <TAB>")
t.eq(complete("sockgen ndp ra --prf "), ["high", "low", "medium"], "--prf <TAB>")

ifaces = sorted(os.listdir("/sys/class/net"))
t.eq(complete("sockgen ndp ra --iface "), ifaces, "--iface <TAB> lists the interfaces")
t.eq(complete("sockgen ndp rs --raw "), ifaces, "--raw <TAB> lists the interfaces")
t.eq(complete("sockgen capture --iface "), ifaces, "capture --iface <TAB>")
t.eq(complete("sockgen ndp listen "), ifaces, "sockgen ndp listen <TAB> lists the interfaces")

# ndp listen, solicit and resolve offer only what they accept: each offered
# option, given to the verb (with a value where it takes one) and followed
# by a flag nobody has, is not the one refused
for verb, pos in (("listen", ["lo"]), ("solicit", ["lo"]), ("resolve", ["lo", "2001:db8::1"]),
                  ("router", ["lo"])):
    offered = complete("sockgen ndp %s --" % verb)
    t.check(len(offered) >= 5, "sockgen ndp %s --<TAB> offers options" % verb, repr(offered))
    if verb == "router":
        t.check("--config" in offered, "sockgen ndp router --<TAB> offers --config", repr(offered))
    for opt in offered:
        if opt == "--help":
            continue
        p = subprocess.run([t.SOCKGEN, "ndp", verb] + pos + [opt, "x", "--no-such-flag-zz"],
                           capture_output=True, text=True, timeout=20)
        t.check(p.returncode == 2 and "unknown option '%s'" % opt not in p.stderr,
                "sockgen ndp %s accepts %s, which completion offers" % (verb, opt), p.stderr.strip())
    t.eq(complete("sockgen ndp %s " % verb), ifaces, "sockgen ndp %s <TAB> lists the interfaces" % verb)
t.eq(complete("sockgen ndp listen lo --format "), ["json", "radvd", "text"], "--format <TAB>")
got = complete("sockgen ndp listen lo --")
t.check({"--watch", "--known-routers", "--pref", "--promisc"} <= set(got),
        "sockgen ndp listen --<TAB> offers --watch and its options", repr(got))
t.eq(complete("sockgen ndp listen lo --watch --pref "),
     ["dad_dos_threshold:", "known_routers:", "ns_flood_threshold:", "ra_flood_threshold:",
      "state_limit:"],
     "--watch --pref <TAB> offers the analysis preferences")

for line in ("sockgen ndp ra --pcap ", "sockgen ndp ra --manifest ", "sockgen verify --capture ",
             "sockgen vsock pcap --pcap ", "sockgen vsock pcap --out ", "sockgen ndp --script ", "sockgen verify --manifest ",
             "sockgen ndp router lo --config "):
    t.eq(complete(line), ["my capture.pcap", "notes.txt", "ra.jsonl", "ra.pcap", "subdir"],
         "%s<TAB> completes files (one with a blank in its name)" % line)
t.eq(complete("sockgen ndp ra --pcap ra."), ["ra.jsonl", "ra.pcap"], "--pcap ra.<TAB>")
t.eq(complete("sockgen ndp ra --src "), [], "--src <TAB> (an address) offers no option names")
t.eq(complete("sockgen ndp ra --mtu 1500 --ma"), ["--manifest", "--manifest-format", "--map"],
     "options again after a value")

t.done()
