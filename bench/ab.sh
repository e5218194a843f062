#!/usr/bin/env bash
# ab.sh - before/after: the six queries of peers.sh run by two sluice binaries, interleaved, and each
# median of the new binary set against the old one's.
#
# usage: bench/ab.sh [--runs N] OLD_BIN NEW_BIN [BUILD]
#   OLD_BIN, NEW_BIN  two `sluice` executables (e.g. one built from main before a change, one after)
#   BUILD             a build directory with tools/gen/sluice-gen and bench/sluice-bench-timed
#                     (default: build)
# Environment: SLUICE_BENCH_DIR (data, default /tmp/sluice-bench), SLUICE_BENCH_SEED (default 42),
# SLUICE_AB_TRIPS (trips size, default 1G), SLUICE_AB_LOGS (logs size, default 500M),
# SLUICE_AB_THREADS (default 2), SLUICE_AB_TOLERANCE (percent, default 3).
#
# Method: for each of the N runs (default 11) and each query, both binaries run once, in an order
# that alternates from run to run, each after `cat FILE > /dev/null` has put the input back in the
# page cache; a run's time is the wall time of the whole process. The two binaries' answers must be
# the same bytes, or the script stops: a faster wrong answer is no result. It prints a Markdown table
# (median seconds of each, new/old ratio, peak RSS) and exits 1 when a new median is slower than the
# old one by more than the tolerance.
set -euo pipefail
RUNS=11
if [[ ${1:-} == --runs ]]; then
	RUNS=$2
	shift 2
fi
if (($# < 2 || $# > 3)); then
	sed -n '2,/^set -/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
fi
OLD=$(realpath "$1")
NEW=$(realpath "$2")
BUILD=${3:-build}
here=$(cd "$(dirname "$0")" && pwd)
GEN=$BUILD/tools/gen/sluice-gen
TIMED=$BUILD/bench/sluice-bench-timed
DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}
THREADS=${SLUICE_AB_THREADS:-2}
TOL=${SLUICE_AB_TOLERANCE:-3}
die() {
	echo "ab.sh: $*" >&2
	exit 1
}
for x in "$OLD" "$NEW" "$GEN" "$TIMED"; do [[ -x $x ]] || die "$x is not an executable (build first?)"; done
command -v node >/dev/null || die "node is needed to read bench/peers/queries.js"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$DIR"

. "$(dirname "$0")/data.sh"
declare -A FILE
FILE[trips]=$(bench_data trips "${SLUICE_AB_TRIPS:-1G}")
FILE[logs]=$(bench_data logs "${SLUICE_AB_LOGS:-500M}")

declare -A SQL TABLE TIMES RSS
IDS=()
while IFS=$'\t' read -r id table sql; do
	IDS+=("$id")
	TABLE[$id]=$table
	lit="'${FILE[$table]//\'/\'\'}'"
	SQL[$id]=${sql/FROM $table/FROM $lit}
done < <(node "$here/peers/queries.js")

# run KEY BIN ID: one timed run; the answer is kept in $WORK/KEY.out.
run() {
	local key=$1 bin=$2 id=$3 us kb
	cat "${FILE[${TABLE[$id]}]}" >/dev/null
	"$TIMED" "$WORK/time" "$bin" query --threads "$THREADS" "${SQL[$id]}" >"$WORK/$key.out" 2>"$WORK/err" ||
		die "$bin failed on $id: $(head -c 400 "$WORK/err")"
	read -r us kb <"$WORK/time"
	TIMES[$key]="${TIMES[$key]:-} $us"
	if ((kb > ${RSS[$key]:-0})); then RSS[$key]=$kb; fi
}
median() { # median of a list of numbers
	printf '%s\n' "$@" | sort -n |
		awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for ((i = 1; i <= RUNS; i++)); do
	echo "run $i of $RUNS" >&2
	for id in "${IDS[@]}"; do
		if ((i % 2)); then order=(old new); else order=(new old); fi
		for side in "${order[@]}"; do
			if [[ $side == old ]]; then run "$id|old" "$OLD" "$id"; else run "$id|new" "$NEW" "$id"; fi
		done
		cmp -s "$WORK/$id|old.out" "$WORK/$id|new.out" ||
			die "$id: the two binaries answer differently ($(diff "$WORK/$id|old.out" "$WORK/$id|new.out" | head -c 300))"
	done
done

status=0
echo "- old: \`$1\`; new: \`$2\`; $THREADS threads; trips $(stat -c %s "${FILE[trips]}") bytes, logs $(stat -c %s "${FILE[logs]}") bytes"
echo "- $RUNS runs per binary and query, interleaved (order alternating), page cache refilled before each; median wall seconds of whole processes"
echo
echo "| query | old s | new s | new/old | old RSS MiB | new RSS MiB | within ${TOL}% or faster |"
echo "|---|---|---|---|---|---|---|"
for id in "${IDS[@]}"; do
	# shellcheck disable=SC2086 # the lists are split on purpose
	o=$(median ${TIMES[$id|old]})
	# shellcheck disable=SC2086
	n=$(median ${TIMES[$id|new]})
	ok=$(awk -v o="$o" -v n="$n" -v t="$TOL" 'BEGIN { print (n <= o * (1 + t / 100)) ? "yes" : "NO" }')
	[[ $ok == yes ]] || status=1
	awk -v id="$id" -v o="$o" -v n="$n" -v ro="${RSS[$id|old]}" -v rn="${RSS[$id|new]}" -v ok="$ok" \
		'BEGIN { printf "| %s | %.3f | %.3f | %.3f | %.0f | %.0f | %s |\n", id, o / 1e6, n / 1e6, n / o, ro / 1024, rn / 1024, ok }'
done
exit $status
