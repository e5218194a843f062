#!/usr/bin/env bash
# tokenize.sh - full-scan throughput and peak RSS: cat and wc -l floors, sluice count, the tokenizer per kernel.
#
# usage: bench/tokenize.sh [BUILD [SIZE]]
#   BUILD  a configured and built meson build directory (default: build); nothing is built here
#   SIZE   size of the generated trips file, sluice-gen --size syntax (default: 2G = 2,000,000,000 bytes)
# environment:
#   SLUICE_BENCH_DIR   where data files live (default: /tmp/sluice-bench); a file with the same size and
#                      seed is reused
#   SLUICE_BENCH_SEED  generator seed (default: 42)
#   SLUICE_BENCH_RUNS  timed runs per case (default: 5); the median is reported
# Every run is a whole process timed from the outside, after `cat FILE > /dev/null` has put the file
# back in the page cache, so the figures are warm-cache throughput with the file fully resident.
# Peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`).
set -euo pipefail

BUILD=${1:-build}
SIZE=${2:-2G}
DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}
RUNS=${SLUICE_BENCH_RUNS:-5}
KERNELS=(scalar sse42 avx2 avx512 neon)

GEN=$BUILD/tools/gen/sluice-gen
SLUICE=$BUILD/tools/sluice/sluice
TOKENIZE=$BUILD/bench/sluice-bench-tokenize

die() { echo "tokenize.sh: $*" >&2; exit 1; }

[ -x "$GEN" ] || die "$GEN not found: build first (meson setup $BUILD && ninja -C $BUILD)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "SLUICE_BENCH_RUNS must be a positive integer"
TIME=/usr/bin/time
if ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "tokenize.sh: GNU time not found at $TIME (Debian: apt-get install time); peak RSS not measured" >&2
	TIME=
fi

# The data file, generated once and shared with the other bench scripts (bench/data.sh).
. "$(dirname "$0")/data.sh"
DATA=$(bench_data trips "$SIZE")
BYTES=$(stat -c %s "$DATA")
RECORDS=$(sed -n 's/^records: //p' "$DATA.records")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run_case NAME OUT CMD...: RUNS timed runs of CMD with stdout sent to OUT (the last run's output
# stays there). Sets CASE_STATUS to "ok", "skip" (the command exited 77) or "fail", and records the case.
C_NAME=() C_SECS=() C_GBPS=() C_RSS=()
run_case() {
	local name=$1 out=$2
	shift 2
	local times=() rss_max=0 i rc t0 t1 kb
	CASE_STATUS=ok
	for ((i = 0; i < RUNS; i++)); do
		cat "$DATA" >/dev/null
		rc=0
		t0=$(date +%s%N)
		if [ -n "$TIME" ]; then
			"$TIME" -f %M -o "$WORK/rss" "$@" >"$out" 2>"$WORK/err" || rc=$?
		else
			"$@" >"$out" 2>"$WORK/err" || rc=$?
		fi
		t1=$(date +%s%N)
		if [ "$rc" -eq 77 ]; then
			CASE_STATUS=skip
			return 0
		fi
		if [ "$rc" -ne 0 ]; then
			CASE_STATUS=fail
			echo "tokenize.sh: case '$name' failed (exit $rc):" >&2
			sed 's/^/    /' "$WORK/err" >&2
			C_NAME+=("$name") C_SECS+=("failed (exit $rc)") C_GBPS+=("") C_RSS+=("")
			return 0
		fi
		times+=("$(((t1 - t0) / 1000))") # microseconds
		if [ -n "$TIME" ]; then
			kb=$(grep -Eo '^[0-9]+$' "$WORK/rss" | tail -n 1)
			if ((kb > rss_max)); then rss_max=$kb; fi
		fi
	done
	local med secs gbps rss
	med=$(printf '%s\n' "${times[@]}" | sort -n |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	secs=$(awk -v u="$med" 'BEGIN { printf "%.3f", u / 1e6 }')
	gbps=$(awk -v b="$BYTES" -v u="$med" 'BEGIN { printf "%.2f", b / 1e3 / u }')
	if [ -n "$TIME" ]; then rss=$(awk -v k="$rss_max" 'BEGIN { printf "%.1f", k / 1024 }'); else rss=n/a; fi
	C_NAME+=("$name") C_SECS+=("$secs") C_GBPS+=("$gbps") C_RSS+=("$rss")
	printf '  %-26s %8s s %8s GB/s %8s MiB peak RSS\n' "$name" "$secs" "$gbps" "$rss" >&2
}

cpu=$(grep -m1 -E '^(model name|Model|cpu model)[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//')
[ -n "$cpu" ] || cpu=$(uname -m)
commit=$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$(dirname "$0")" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit (with local changes)"
fi

echo "cases on $DATA ($BYTES bytes, $RECORDS records), median of $RUNS runs:" >&2

run_case "cat" /dev/null cat "$DATA"
run_case "wc -l" "$WORK/out" wc -l "$DATA"
if [ -x "$SLUICE" ]; then
	run_case "sluice count" "$WORK/out" "$SLUICE" count "$DATA"
else
	echo "  sluice count: skipped, $SLUICE not built" >&2
	C_NAME+=("sluice count") C_SECS+=("not built") C_GBPS+=("") C_RSS+=("")
fi

SKIPPED=()
SUMS=()
FAILED=0
if [ -x "$TOKENIZE" ]; then
	for k in "${KERNELS[@]}"; do
		label="tokenize $k"
		# Off ARM the NEON kernel, when the library offers it, runs through simde's portable code.
		if [ "$k" = neon ] && [[ $(uname -m) != aarch64 && $(uname -m) != arm* ]]; then
			label="tokenize neon (emulated)"
		fi
		run_case "$label" "$WORK/out" "$TOKENIZE" "$DATA" "$k"
		case $CASE_STATUS in
		skip)
			SKIPPED+=("$k")
			echo "  tokenize $k: skipped, kernel not supported on this machine" >&2
			;;
		fail) FAILED=1 ;;
		ok)
			# Every kernel must see the same records and fields: compare what each one printed.
			got=$(grep -Eo 'records=[0-9]+ fields=[0-9]+ sum=[0-9:]+' "$WORK/out")
			SUMS+=("$k $got")
			;;
		esac
	done
else
	echo "  tokenize: skipped, $TOKENIZE not built" >&2
fi

echo
echo "## Full scan of trips, $SIZE (seed $SEED)"
echo
echo "- machine: $cpu, $(nproc) CPUs, $(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
echo "- commit: $commit, date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- file: $BYTES bytes, $RECORDS records; warm page cache; median of $RUNS runs per case"
echo
echo "| case | median s | GB/s | peak RSS MiB | vs wc -l |"
echo "|---|---:|---:|---:|---:|"
wc_gbps=
for i in "${!C_NAME[@]}"; do
	if [ "${C_NAME[$i]}" = "wc -l" ]; then wc_gbps=${C_GBPS[$i]}; fi
done
for i in "${!C_NAME[@]}"; do
	ratio=
	if [ -n "$wc_gbps" ] && [ -n "${C_GBPS[$i]}" ]; then
		ratio=$(awk -v a="${C_GBPS[$i]}" -v w="$wc_gbps" 'BEGIN { printf "%.2fx", a / w }')
	fi
	echo "| ${C_NAME[$i]} | ${C_SECS[$i]} | ${C_GBPS[$i]} | ${C_RSS[$i]} | $ratio |"
done
if [ "${#SKIPPED[@]}" -gt 0 ]; then
	echo
	echo "Not supported on this machine, skipped: ${SKIPPED[*]}."
fi
echo
echo "GB/s is decimal (bytes / 1e9 / median seconds); \"vs wc -l\" is GB/s divided by that of \`wc -l\`."

# Differential check: the tokenizer's counts and sums must agree across kernels and with the generator.
status=$FAILED
if [ "${#SUMS[@]}" -gt 0 ]; then
	first=${SUMS[0]#* }
	for s in "${SUMS[@]}"; do
		if [ "${s#* }" != "$first" ]; then
			echo "tokenize.sh: kernels disagree: ${SUMS[0]} vs $s" >&2
			status=1
		fi
	done
	if [ "${first%% *}" != "records=$RECORDS" ]; then
		echo "tokenize.sh: tokenizer saw ${first%% *}, the generator wrote $RECORDS" >&2
		status=1
	fi
fi
exit "$status"
