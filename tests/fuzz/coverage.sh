#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Coverage of plugin/ and codec/ (issue 18) from a clang source-based
# coverage build (SOCKSCOPE_COVERAGE=ON), for scripts/fuzz --coverage:
#   corpora   every kept corpus (tests/fuzz/corpus/<name>) through its
#             replayer, replay_<name> (the fuzz harness without libFuzzer)
#   captures  every committed capture and every sockgen-made one
#             (make_captures.sh) decoded by tshark with the plugin, once with
#             -V and the plugin's statistics (-z), once in two passes (-2)
# Prints lines, functions, regions and branches per directory for the
# corpora alone and for both; writes BUILD_DIR/coverage/report.txt (per file)
# and BUILD_DIR/coverage/html/ (llvm-cov show).
#   coverage.sh BUILD_DIR WORK_DIR
# env: LLVM_PROFDATA, LLVM_COV (default llvm-profdata-14, llvm-cov-14)
set -u
build=$1 work=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
profdata=${LLVM_PROFDATA:-llvm-profdata-14}
cov=${LLVM_COV:-llvm-cov-14}
for t in "$profdata" "$cov"; do
	command -v "$t" >/dev/null || { echo "coverage: no $t (Debian: llvm-14)"; exit 1; }
done
prof=$work/prof
rm -rf "$prof" "$work/caps" "$work/discard"
mkdir -p "$prof" "$work/caps" "$work/discard"
chmod 1777 "$prof"         # tshark runs as nobody (tests/lib/tshark-plugin)
chmod 755 "$work" "$work/caps"
plugin=$build/plugin/sockscope.so
[ -r "$plugin" ] || { echo "coverage: no $plugin"; exit 1; }
# Programs of the instrumented build write their own profile too: only
# those asked for are kept. %m: the plugin and the program each write one.
export LLVM_PROFILE_FILE=$work/discard/%p-%m.profraw
failed=0

objects=("$plugin")        # llvm-cov: the first object, then -object each
n=0
for bin in "$build"/tests/replay_*; do
	name=${bin##*/replay_}
	[ -d "tests/fuzz/corpus/$name" ] || continue
	objects+=(-object "$bin")
	if ! LLVM_PROFILE_FILE="$prof/corpus-%p-%m.profraw" "$bin" "tests/fuzz/corpus/$name" >/dev/null 2>"$work/replay.err"; then
		echo "coverage: replay_$name failed:"; tail -5 "$work/replay.err"; failed=1
	fi
	n=$((n + $(ls "tests/fuzz/corpus/$name" | wc -l)))
done
echo "corpora: $n inputs, $(((${#objects[@]} - 1) / 2)) replayers"

if ! tests/fuzz/make_captures.sh "$build/generator/sockgen" "$work/caps/sockgen" >"$work/gen.log" 2>&1; then
	cat "$work/gen.log"; echo "coverage: sockgen could not make the captures"; exit 1
fi
caps=($(git ls-files 'captures/*.pcap' 'captures/*.pcapng') "$work"/caps/sockgen/*.pcap)
stats=(-z ndisc,tree -z vsockmon,tree -z conv,vsockmon -z endpoints,vsockmon -z follow,vsockmon,ascii,0)
for cap in "${caps[@]}"; do
	for pass in "-nVx ${stats[*]}" "-2 -nV"; do
		# shellcheck disable=SC2086
		if ! LLVM_PROFILE_FILE="$prof/capture-%p-%m.profraw" SOCKSCOPE_PLUGIN=$plugin \
			tests/lib/tshark-plugin $pass -r "$cap" >"$work/ts.out" 2>"$work/ts.err" ||
			grep -qE 'CRITICAL|ERROR \*\*' "$work/ts.err"; then
			echo "coverage: tshark $pass -r ${cap##*/} failed:"; tail -3 "$work/ts.err"; failed=1
		fi
	done
done
echo "captures: ${#caps[@]} (committed and sockgen-made), tshark -V with -z, and -2"

"$profdata" merge -sparse "$prof"/corpus-*.profraw -o "$work/corpora.profdata" || exit 1
"$profdata" merge -sparse "$prof"/*.profraw -o "$work/all.profdata" || exit 1
sources=("$top"/plugin/*.c "$top"/codec/*.c)
for set in corpora all; do
	"$cov" export -summary-only -instr-profile "$work/$set.profdata" "${objects[@]}" "${sources[@]}" \
		>"$work/$set.json" || exit 1
done
out=$build/coverage
rm -rf "$out" && mkdir -p "$out"
"$cov" report -instr-profile "$work/all.profdata" "${objects[@]}" "${sources[@]}" >"$out/report.txt"
"$cov" show -format=html -output-dir "$out/html" -instr-profile "$work/all.profdata" "${objects[@]}" \
	"${sources[@]}" >/dev/null 2>&1
/usr/bin/python3 - "$top" "$work/corpora.json" "$work/all.json" <<'EOF'
import json, os, sys

top = sys.argv[1]
kinds = ("lines", "functions", "regions", "branches")
print("%-18s %-8s %20s %20s %20s %20s" % (("set", "dir") + kinds))
for label, path in (("corpora", sys.argv[2]), ("corpora+captures", sys.argv[3])):
    files = json.load(open(path))["data"][0]["files"]
    for d in ("plugin", "codec"):
        tot = {k: [0, 0] for k in kinds}
        for f in files:
            if os.path.relpath(f["filename"], top).split(os.sep)[0] != d:
                continue
            for k in kinds:
                tot[k][0] += f["summary"][k]["covered"]
                tot[k][1] += f["summary"][k]["count"]
        cells = ["%d/%d %.1f%%" % (c, n, 100.0 * c / n if n else 0) for c, n in (tot[k] for k in kinds)]
        print("%-18s %-8s %20s %20s %20s %20s" % tuple([label, d + "/"] + cells))
EOF
echo "per file: $out/report.txt; html: $out/html/index.html"
exit $failed
