#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/matrix's work inside one Wireshark series' chroot, on the copy of
# the tree in $W/src (W=/var/tmp/sockscope). Writes $W/results/rows.tsv,
# one line per check: name, passed, failed, skipped, note; logs beside it.
#   inside.sh [LABELS]      ctest labels to run (default unit|dissect|cli|fuzz)
#   env: MATRIX_NO_DEB=1    leave the .deb out
set -u
W=/var/tmp/sockscope
src=$W/src
res=$W/results
labels=${1:-unit|dissect|cli|fuzz}
rm -rf "$res" "$W/caplog" "$W/generated"
mkdir -p "$res" "$W/caplog" "$W/generated"
chmod 1777 "$W/caplog"
jobs=$(nproc)
[ "$jobs" -gt 2 ] && jobs=2

row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$res/rows.tsv"; }
# build NAME DIR CMAKE-ARGS...: configure and build; one row.
build() {
	local name=$1 dir=$2
	shift 2
	if cmake -S "$src" -B "$dir" "$@" >"$res/$name.log" 2>&1 &&
		cmake --build "$dir" -j"$jobs" >>"$res/$name.log" 2>&1; then
		row "$name" 1 0 0 "$(grep -cE 'warning:' "$res/$name.log") warnings"
		return 0
	fi
	row "$name" 0 1 0 "$(grep -m1 -E 'error|Error' "$res/$name.log" | cut -c1-160)"
	return 1
}

ws=$(pkg-config --modversion wireshark)
echo "== Wireshark $ws: $(gcc --version | head -1), $(clang --version | head -1)"

# The tree the suites run from: gcc, -Werror, as scripts/test builds it.
# The guest and GUI suites are not registered (no QEMU guest, no X here).
if ! build "build-gcc" "$W/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCKSCOPE_WERROR=ON \
	-DSOCKSCOPE_VM_TESTS=OFF; then
	tail -30 "$res/build-gcc.log"
	exit 1
fi
# clang with -Werror too, and a user's plain Release build (no -Werror).
CC=clang build "build-clang" "$W/build-clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCKSCOPE_WERROR=ON \
	-DSOCKSCOPE_VM_TESTS=OFF || tail -20 "$res/build-clang.log"
build "release" "$W/build-release" -DCMAKE_BUILD_TYPE=Release || tail -20 "$res/release.log"

# The suites. Every capture a test hands tshark is kept (by its hash) for
# the decode comparison against 4.0.
echo "== ctest -L '$labels'"
SOCKSCOPE_CAPTURE_LOG=$W/caplog ctest --test-dir "$W/build" -j"$jobs" -L "$labels" \
	--output-on-failure >"$res/ctest.log" 2>&1
grep -E 'Test +#[0-9]+: ' "$res/ctest.log" | sed 's/^ *[0-9]*\/[0-9]* //'
IFS='|' read -ra labs <<<"$labels"
for lab in "${labs[@]}"; do
	p=0 f=0 s=0 notes=""
	while read -r name status; do
		case "$status" in
		Passed) p=$((p + 1)) ;;
		Skipped) s=$((s + 1)) notes="$notes $name skipped" ;;
		*) f=$((f + 1)) notes="$notes $name" ;;
		esac
	done < <(sed -nE 's/.*Test +#[0-9]+: ([a-z]+\/[A-Za-z0-9_]+) .*(Passed|\*\*\*Skipped|\*\*\*Failed|\*\*\*Timeout|\*\*\*Exception|Not Run).*/\1 \2/p' "$res/ctest.log" |
		grep "^$lab/" | sed 's/\*\*\*//')
	row "$lab" "$p" "$f" "$s" "${notes# }"
done
# What the skipped tests said, for the table's notes.
grep -E '^SKIP: ' "$res/ctest.log" | sort | uniq -c >"$res/skips.txt"

# The .deb of this series: built, installed, loaded by tshark as an
# unprivileged user, sockgen runs, purged without leftovers.
if [ "${MATRIX_NO_DEB:-0}" != 1 ]; then
	log=$res/deb.log
	ok=0
	{
		set -x
		dpkg -s sockscope >/dev/null 2>&1 && dpkg --purge sockscope
		(cd "$W/build" && cpack -G DEB) &&
			deb=$(ls "$W"/build/package/sockscope_*.deb 2>/dev/null | head -1) && [ -n "$deb" ] &&
			dpkg-deb -f "$deb" Depends &&
			dpkg -i "$deb" &&
			setpriv --reuid=65534 --regid=65534 --clear-groups env -i HOME=/tmp PATH=/usr/bin:/bin \
				tshark -G plugins | tee "$W/plugins.txt" | grep -E 'sockscope\.so' &&
			grep -E "sockscope\.so.*/plugins/${ws%.*}/epan/" "$W/plugins.txt" &&
			/usr/bin/sockgen --version &&
			ok=1
		dpkg --purge sockscope
		[ -e /usr/bin/sockgen ] && ok=0
		set +x
	} >"$log" 2>&1
	if [ $ok = 1 ]; then
		row deb 1 0 0 "$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | grep -E 'wireshark|libnet' | tr -d ' ' | paste -sd' ')"
	else
		row deb 0 1 0 "see deb.log"
		tail -20 "$log"
	fi
fi

# The decode of every committed capture, the stored live runs, sockgen's
# fuzz material and what the suites decoded, for the comparison with 4.0.
bash "$src/tests/fuzz/make_captures.sh" "$W/build/generator/sockgen" "$W/generated" >/dev/null 2>&1
SOCKSCOPE_PLUGIN=$W/build/plugin/sockscope.so python3 "$src/tests/matrix/decode_dump.py" "$res/decode.json" \
	"$src/captures" "$src/tests/e2e/live" "$W/generated" "$W/caplog"
exit 0
