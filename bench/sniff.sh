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
# their difference (the sniff's cost: the dialect, and the column types from the query's sample of
# records), the dialect's share alone (`head -n 1` less `head -n 1 --no-sniff`), and the sample the
# sniffer read. Each file is read into the
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
TIMED=$BUILD/bench/sluice-bench-timed

die() { echo "sniff.sh: $*" >&2; exit 1; }
[ -x "$GEN" ] && [ -x "$SLUICE" ] && [ -x "$TIMED" ] || die "build first (meson setup $BUILD && ninja -C $BUILD)"

. "$(dirname "$0")/data.sh"

# usec CMD...: the wall time of CMD in microseconds (fork to exit, sluice-bench-timed), output dropped
usec() {
	"$TIMED" "$DIR/time" "$@" >/dev/null || die "$* failed"
	read -r t _ <"$DIR/time"
	echo "$t"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "$RUNS runs each, interleaved, warm page cache, $(nproc) cores"
echo
echo "| file | size | sluice sniff | sluice --version | sniffing | of which the dialect | sample read |"
echo "|---|---|---|---|---|---|---|"
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
	sniff=() version=() head=() fixed=()
	for ((i = 0; i < RUNS; i++)); do
		sniff+=("$(usec "$SLUICE" sniff "$data")")
		version+=("$(usec "$SLUICE" --version)")
		# the dialect alone: the first record read with the dialect sniffed, and given
		head+=("$(usec "$SLUICE" head -n 1 "$data")")
		fixed+=("$(usec "$SLUICE" head -n 1 --no-sniff "$data")")
	done
	s=$(printf '%s\n' "${sniff[@]}" | median)
	v=$(printf '%s\n' "${version[@]}" | median)
	h=$(printf '%s\n' "${head[@]}" | median)
	f=$(printf '%s\n' "${fixed[@]}" | median)
	bytes=$(sed -n 's/.*"sample_bytes":\([0-9]*\).*/\1/p' <<<"$json")
	awk -v f="$(basename "$data")" -v sz="$(stat -c %s "$data")" -v s="$s" -v v="$v" -v h="$h" -v x="$f" -v b="${bytes:-?}" \
		'BEGIN {printf "| %s | %.2f GB | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s bytes |\n", f, sz/1e9, s/1e3, v/1e3, (s-v)/1e3, (h-x)/1e3, b}'
done
