#!/usr/bin/env bash
# run-tests.sh - installs what the tests need, builds, and runs the whole suite: optimised, then
# again under AddressSanitizer and UndefinedBehaviorSanitizer. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh --test
# DuckDB for the differential query tests (from the npm registry, pinned by package-lock.json)
bash tests/duckdb/setup.sh
export SLUICE_REQUIRE_DUCKDB=1

status=0
total_pass=0
total_fail=0
total_skip=0

# Adds one meson test log to the totals.
tally() {
	local log=$1
	read -r p f s < <(python3 - "$log" <<'PY'
import json, sys
p = f = s = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif r == "SKIP":
        s += 1
    else:
        f += 1
print(p, f, s)
PY
)
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
}

run_suite() {
	local dir=$1
	shift
	echo "== build $dir ($*)"
	[[ -f $dir/build.ninja ]] || meson setup "$dir" "$@" >/dev/null
	ninja -C "$dir" >/dev/null
	echo "== test $dir"
	if ! meson test -C "$dir" --print-errorlogs --num-processes 2; then
		status=1
	fi
	tally "$dir/meson-logs/testlog.json"
}

run_suite build-test --buildtype=release
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	run_suite build-asan --buildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false \
	-Dc_args=-fno-sanitize-recover=all

# The CLI tests once more under valgrind (memcheck), with the AVX2 kernel where the CPU has it:
# valgrind does not decode AVX-512.
kernel=scalar
grep -qw avx2 /proc/cpuinfo && kernel=avx2
wrap=$(mktemp)
cat >"$wrap" <<WRAP
#!/usr/bin/env bash
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $PWD/build-test/tools/sluice/sluice "\$@"
WRAP
chmod 755 "$wrap" # readable and runnable by the unprivileged user of error-unreadable
echo "== valgrind: CLI tests with the $kernel kernel"
# SLUICE_TEST_VALGRIND tells the cases that generate very large inputs to make them smaller.
if vg=$(SLUICE_KERNEL=$kernel SLUICE_TEST_VALGRIND=1 bash tests/cli/run.sh "$wrap" 2>&1); then :; else status=1; fi
rm -f "$wrap"
echo "$vg" | grep -v '^PASS' || true
read -r vp vf < <(echo "$vg" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -1)
total_pass=$((total_pass + ${vp:-0}))
total_fail=$((total_fail + ${vf:-1}))

echo
echo "${total_pass} passed, ${total_fail} failed, ${total_skip} skipped"
exit $status
