#!/usr/bin/env bash
# count-check.sh - checks `sluice count` on a multi-GB trips file against the generator's record count.
#
# usage: bench/count-check.sh [BUILD [SIZE]]
#   BUILD  a configured and built meson build directory (default: build); nothing is built here
#   SIZE   size of the generated trips file, sluice-gen --size syntax (default: 3G = 3,000,000,000 bytes)
# environment: SLUICE_BENCH_DIR (default /tmp/sluice-bench), SLUICE_BENCH_SEED (default 42), as in
# tokenize.sh, which shares the data files.
# Exit status: 0 when the counts agree, 1 on a mismatch or a failure.
#
# The trips table has line breaks inside quoted notes (about 1 row in 2,000), so `wc -l` counts more
# lines than there are records: the gap is shown as well.
set -euo pipefail

BUILD=${1:-build}
SIZE=${2:-3G}
DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}

GEN=$BUILD/tools/gen/sluice-gen
SLUICE=$BUILD/tools/sluice/sluice

die() { echo "count-check.sh: $*" >&2; exit 1; }

[ -x "$GEN" ] || die "$GEN not found: build first (meson setup $BUILD && ninja -C $BUILD)"
[ -x "$SLUICE" ] || die "$SLUICE not found: build first (meson setup $BUILD && ninja -C $BUILD)"

# The data file, generated once and shared with the other bench scripts (bench/data.sh).
. "$(dirname "$0")/data.sh"
DATA=$(bench_data trips "$SIZE")
BYTES=$(stat -c %s "$DATA")
expected=$(sed -n 's/^records: //p' "$DATA.records")
[ -n "$expected" ] || die "no 'records: N' line in $DATA.records"

t0=$(date +%s%N)
out=$("$SLUICE" count "$DATA") || die "sluice count failed on $DATA"
t1=$(date +%s%N)
got=$(printf '%s\n' "$out" | tail -n 1 | tr -d '[:space:]')
lines=$(wc -l <"$DATA")

echo "file:            $DATA ($BYTES bytes, seed $SEED)"
echo "generator wrote: $expected records"
printf 'sluice count:    %s records (%.2f s wall, page cache as found)\n' "$got" "$(awk -v n=$((t1 - t0)) 'BEGIN { print n / 1e9 }')"
echo "wc -l:           $lines lines = 1 header + $expected records + $((lines - 1 - expected)) line breaks inside quoted fields"

if [ "$got" != "$expected" ]; then
	echo "MISMATCH: sluice count says $got, the generator wrote $expected" >&2
	exit 1
fi
echo "OK: sluice count matches the generator"
