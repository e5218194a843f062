#!/usr/bin/env bash
# run-tests.sh - installs what the tests need, builds, and runs the whole suite: optimised, once per
# kernel the CPU runs, then again under AddressSanitizer and UndefinedBehaviorSanitizer, the CLI cases
# under valgrind, concurrent queries under ThreadSanitizer, and the Quick start on a fresh Debian root
# (tools/quickstart-check.sh). Ends with "N passed, N failed".
# The output of apt, meson setup and ninja goes to build-logs/run-tests.log; a step that fails
# names itself and prints the log's tail.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/step.sh
log=$PWD/build-logs/run-tests.log
mkdir -p build-logs
: >"$log"

SLUICE_LOG=$log bash tools/install-deps.sh --test
# DuckDB for the differential query tests (from the npm registry, pinned by package-lock.json)
step "$log" "installing DuckDB's Node API (tests/duckdb/setup.sh)" bash tests/duckdb/setup.sh
export SLUICE_REQUIRE_DUCKDB=1

# The Quick start check mostly waits for apt's mirror: it runs beside the suite, and is counted at the end.
qs_out=$PWD/build-logs/quickstart-check.log
# In a session of its own, so that a run stopped early stops it too (its whole process group).
setsid bash tools/quickstart-check.sh >"$qs_out" 2>&1 &
qs_pid=$!
trap '[[ -z ${qs_pid:-} ]] || kill -- -"$qs_pid" 2>/dev/null || true' EXIT

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

# run_suite DIR MESON_TEST_ARGS -- SETUP_ARGS: configures and builds DIR, runs meson test there.
run_suite() {
	local dir=$1 test_args=()
	shift
	while [[ $1 != -- ]]; do
		test_args+=("$1")
		shift
	done
	shift
	echo "== build $dir ($*)"
	[[ -f $dir/build.ninja ]] || step "$log" "configuring $dir (meson setup)" meson setup "$dir" -Dtests=enabled "$@"
	step "$log" "building $dir (ninja)" ninja -C "$dir"
	echo "== test $dir ${test_args[*]}"
	if ! meson test -C "$dir" --print-errorlogs --num-processes 2 --logbase testlog-run "${test_args[@]}"; then
		status=1
	fi
	tally "$dir/meson-logs/testlog-run.json"
}

run_suite build-test -- --buildtype=release

# The suite again once per other kernel this CPU runs (the run above took the best one), in the
# same optimised build, but for the DuckDB comparison (tests/meson.build says why): `meson test --setup kernelK` (tests/meson.build) sets SLUICE_KERNEL=K.
# `sluice --version` names the kernels and which one SLUICE_KERNEL makes the default, so a kernel
# that the library would not take fails here instead of passing on another one.
read -r -a kernels < <(build-test/tools/sluice/sluice --version | sed -n 's/^kernels: \(.*\) (auto: .*)$/\1/p')
best=$(build-test/tools/sluice/sluice --version | sed -n 's/.*(auto: \(.*\))$/\1/p')
for k in "${kernels[@]}"; do
	[[ $k != "$best" ]] || continue
	echo "== test build-test with the $k kernel"
	got=$(SLUICE_KERNEL=$k build-test/tools/sluice/sluice --version | sed -n 's/.*(auto: \(.*\))$/\1/p')
	if [[ $got != "$k" ]]; then
		echo "SLUICE_KERNEL=$k runs the $got kernel" >&2
		total_fail=$((total_fail + 1))
		status=1
		continue
	fi
	if ! meson test -C build-test --setup "kernel$k" --print-errorlogs --num-processes 2; then
		status=1
	fi
	tally "build-test/meson-logs/testlog-kernel$k.json" # meson names a setup's log after it
done
# Under the sanitizers the kernel tests run for the best kernel only, like the rest of the suite:
# the optimised runs above check every kernel against the reference, each input right before a
# PROT_NONE page so that a kernel's read past its end faults there, and the sanitizers look for
# what the code around the kernels does wrong, which is the same code for all of them.
asan_skip=()
for k in scalar sse42 avx2 avx512 neon; do
	[[ $k == "$best" ]] || asan_skip+=(--no-suite "kernel-$k")
done
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	run_suite build-asan "${asan_skip[@]}" -- --buildtype=debugoptimized -Db_sanitize=address,undefined \
	-Db_lundef=false -Dc_args=-fno-sanitize-recover=all

# The CLI tests once more under valgrind (memcheck), with the AVX2 kernel where the CPU has it:
# valgrind does not decode AVX-512. error-unreadable runs the binary as the unprivileged user nobody,
# who may not reach into the clone (under `mktemp -d`, mode 700): the wrapper and the binary it runs
# are copied into a directory of their own that everyone can read.
kernel=scalar
grep -qw avx2 /proc/cpuinfo && kernel=avx2
vgdir=$(mktemp -d "${TMPDIR:-/tmp}/sluice-valgrind.XXXXXX")
chmod 755 "$vgdir"
cp build-test/tools/sluice/sluice "$vgdir/sluice"
cat >"$vgdir/sluice-valgrind" <<WRAP
#!/usr/bin/env bash
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $vgdir/sluice "\$@"
WRAP
chmod 755 "$vgdir/sluice" "$vgdir/sluice-valgrind"
echo "== valgrind: CLI tests with the $kernel kernel"
# SLUICE_TEST_VALGRIND tells the cases that generate very large inputs to make them smaller.
if vg=$(SLUICE_KERNEL=$kernel SLUICE_TEST_VALGRIND=1 bash tests/cli/run.sh "$vgdir/sluice-valgrind" 2>&1); then :; else status=1; fi
rm -rf "$vgdir"
echo "$vg" | grep -v '^PASS' || true
read -r vp vf < <(echo "$vg" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -1)
total_pass=$((total_pass + ${vp:-0}))
total_fail=$((total_fail + ${vf:-1}))

# Independent queries on two threads at once (tests/api/concurrent.c) under ThreadSanitizer: only
# that program and the library are built, with -fsanitize=thread.
echo "== ThreadSanitizer: concurrent queries"
[[ -f build-tsan/build.ninja ]] || step "$log" "configuring build-tsan (meson setup)" meson setup build-tsan \
	-Dtests=enabled --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false
step "$log" "building build-tsan (ninja)" ninja -C build-tsan tests/api/concurrent
if TSAN_OPTIONS=halt_on_error=1:exitcode=66 build-tsan/tests/api/concurrent; then
	total_pass=$((total_pass + 1))
else
	total_fail=$((total_fail + 1))
	status=1
fi

echo "== the Quick start on a fresh Debian 12 (tools/quickstart-check.sh)"
qs_rc=0
wait "$qs_pid" || qs_rc=$?
qs_pid=
cat "$qs_out"
case $qs_rc in
0) total_pass=$((total_pass + 1)) ;;
77) total_skip=$((total_skip + 1)) ;;
*)
	total_fail=$((total_fail + 1))
	status=1
	;;
esac

echo
echo "${total_pass} passed, ${total_fail} failed, ${total_skip} skipped"
exit $status
