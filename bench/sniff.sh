#!/usr/bin/env bash
# sniff.sh - what sniffing costs: `sluice sniff FILE` wall time minus `sluice --version` wall time
# (the process's own start), on a large file with a warm page cache.
#
# usage: bench/sniff.sh [BUILD [SIZE [RUNS]]]
#   BUILD  a built meson build directory (default: build)
#   SIZE   size of the trips and logs files, sluice-gen --size syntax (default 2G)
#   RUNS   timed runs per case, interleaved; the median is reported (default 11)
# environment: SLUICE_BENCH_DIR (default /tmp/sluice-bench), SLUICE_BENCH_SEED (default 42), shared
# with the other scripts.
# Prints a markdown table: per file, the median wall time of `sluice sniff` and of `sluice --version`,
# their difference (the sniff's cost), and the sample the sniffer read. Each file is read into the
# page cache before the runs. Exits 1 when a sniff fails or guesses another delimiter or header than
# the file has.
set -euo pipefail

BUILD=${1:-build}
SIZE=${2:-2G}
RUNS=${3:-11}
DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}
GEN=$BUILD/tools/gen/sluice-gen
SLUICE=$BUILD/tools/sluice/sluice

die() { echo "sniff.sh: $*" >&2; exit 1; }
[ -x "$GEN" ] && [ -x "$SLUICE" ] || die "build first (meson setup $BUILD && ninja -C $BUILD)"
((BASH_VERSINFO[0] >= 5)) || die "bash 5 is needed (EPOCHREALTIME)"

. "$(dirname "$0")/data.sh"

# usec CMD...: the wall time of CMD in microseconds, its output dropped
usec() {
	local t0=$EPOCHREALTIME
	"$@" >/dev/null
	local t1=$EPOCHREALTIME
	echo $(((${t1/./} - ${t0/./})))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "$RUNS runs each, interleaved, warm page cache, $(nproc) cores"
echo
echo "| file | size | sluice sniff | sluice --version | sniffing | sample read |"
echo "|---|---|---|---|---|---|"
for table in trips logs; do
	data=$(bench_data "$table" "$SIZE")
	cat "$data" >/dev/null
	json=$("$SLUICE" sniff --format json "$data") || die "sluice sniff $data failed"
	# the generator writes a comma-separated table with a header
	case $json in
	*'"delimiter":","'*'"header":true'*) ;;
	*) die "$data: guessed $json" ;;
	esac
	"$SLUICE" sniff "$data" >/dev/null # once more, untimed
	sniff=() version=()
	for ((i = 0; i < RUNS; i++)); do
		sniff+=("$(usec "$SLUICE" sniff "$data")")
		version+=("$(usec "$SLUICE" --version)")
	done
	s=$(printf '%s\n' "${sniff[@]}" | median)
	v=$(printf '%s\n' "${version[@]}" | median)
	bytes=$("$SLUICE" sniff --format json "$data" | sed -n 's/.*"sample_bytes":\([0-9]*\).*/\1/p')
	awk -v f="$(basename "$data")" -v sz="$(stat -c %s "$data")" -v s="$s" -v v="$v" -v b="${bytes:-?}" \
		'BEGIN {printf "| %s | %.2f GB | %.2f ms | %.2f ms | %.2f ms | %s |\n", f, sz/1e9, s/1e3, v/1e3, (s-v)/1e3, b}'
done
