#!/usr/bin/env bash
# compressed.sh - sluice on gzip and zstd input: throughput and peak RSS beside `zcat | wc -l`.
#
# usage: bench/compressed.sh [BUILD [SIZE [RUNS]]]
#   BUILD  a built meson build directory (default: build)
#   SIZE   size of the plain trips file, sluice-gen --size syntax (default 2G)
#   RUNS   timed runs per case; the median is reported (default 5)
# environment: SLUICE_BENCH_DIR (default /tmp/sluice-bench), SLUICE_BENCH_SEED (default 42), shared
# with tokenize.sh and count-check.sh.
# Prints a markdown table: median seconds, GB/s of decompressed text and of compressed input, peak
# RSS. Each compressed file is read into the page cache right before every timed run, for every
# tool alike. Exits 1 when sluice's count differs from the generator's.
set -euo pipefail

BUILD=${1:-build}
SIZE=${2:-2G}
RUNS=${3:-5}
DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}
GEN=$BUILD/tools/gen/sluice-gen
SLUICE=$BUILD/tools/sluice/sluice

die() { echo "compressed.sh: $*" >&2; exit 1; }
[ -x "$GEN" ] && [ -x "$SLUICE" ] || die "build first (meson setup $BUILD && ninja -C $BUILD)"
for t in gzip zstd /usr/bin/time; do command -v "$t" >/dev/null || die "$t is needed"; done

. "$(dirname "$0")/data.sh"
DATA=$(bench_data trips "$SIZE")
[ -s "$DATA.gz" ] || { echo "gzip (default level) ..." >&2; gzip -c "$DATA" >"$DATA.gz.tmp" && mv "$DATA.gz.tmp" "$DATA.gz"; }
[ -s "$DATA.zst" ] || { echo "zstd (default level) ..." >&2; zstd -q -T0 -c "$DATA" >"$DATA.zst.tmp" && mv "$DATA.zst.tmp" "$DATA.zst"; }
expected=$(sed -n 's/^records: //p' "$DATA.records")
PLAIN=$(stat -c %s "$DATA")

# run FILE CMD...: RUNS timed runs of CMD (through bash -c), FILE re-read first; prints
# "median_seconds max_rss_kib" and leaves the last stdout in $DIR/out
run() {
	local file=$1 cmd=$2 times=() rss=0
	for ((i = 0; i < RUNS; i++)); do
		cat "$file" >/dev/null
		/usr/bin/time -f "%e %M" -o "$DIR/time" bash -c "$cmd" >"$DIR/out"
		read -r t m <"$DIR/time"
		times+=("$t")
		((m > rss)) && rss=$m
	done
	printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" '{a[NR]=$1} END {print a[int((NR+1)/2)], rss}'
}

row() { # LABEL FILE CMD
	read -r t m < <(run "$2" "$3")
	local comp
	comp=$(stat -c %s "$2")
	awk -v l="$1" -v t="$t" -v m="$m" -v p="$PLAIN" -v c="$comp" \
		'BEGIN {printf "| %s | %.2f s | %.2f GB/s | %.2f GB/s | %.1f MiB |\n", l, t, p/t/1e9, c/t/1e9, m/1024}'
}

echo "plain $(awk -v p="$PLAIN" 'BEGIN {printf "%.2f", p/1e9}') GB, gzip $(stat -c %s "$DATA.gz") bytes, zstd $(stat -c %s "$DATA.zst") bytes, $RUNS runs, $(nproc) cores"
echo
echo "| case | median | text GB/s | input GB/s | peak RSS |"
echo "|---|---|---|---|---|"
row "sluice count (gzip)" "$DATA.gz" "$SLUICE count '$DATA.gz'"
[ "$(cat "$DIR/out")" = "$expected" ] || die "sluice count on gzip: $(cat "$DIR/out"), expected $expected"
row "zcat \| wc -l" "$DATA.gz" "zcat '$DATA.gz' | wc -l"
row "gzip -dc > /dev/null (floor)" "$DATA.gz" "gzip -dc '$DATA.gz' >/dev/null"
row "sluice count (zstd)" "$DATA.zst" "$SLUICE count '$DATA.zst'"
[ "$(cat "$DIR/out")" = "$expected" ] || die "sluice count on zstd: $(cat "$DIR/out"), expected $expected"
row "zstd -dc \| wc -l" "$DATA.zst" "zstd -q -dc '$DATA.zst' | wc -l"
row "sluice Q4 group-by (gzip)" "$DATA.gz" "$SLUICE query \"SELECT payment_type, count(*), sum(fare), avg(distance) FROM '$DATA.gz' GROUP BY payment_type\""
row "sluice count (plain file, stdin pipe)" "$DATA" "cat '$DATA' | $SLUICE count"
