#!/usr/bin/env bash
# peers.sh - sluice query against DuckDB and Polars on the same six queries: time, GB/s, peak RSS, answers.
#
# usage: bench/peers.sh [--threads N] [--no-readme] [BUILD]
#        bench/peers.sh --scaling [--threads N] [--no-readme] [BUILD]
#   BUILD        a configured and built meson build directory (default: build); nothing is built here
#   --threads N  threads for every engine (default 2): `sluice query --threads N`, DuckDB
#                `SET threads = N`, POLARS_MAX_THREADS=N. Q4 and Q5 also run sluice with 1 thread.
#   --scaling    instead of the peers: sluice Q1, Q2 and Q5 on trips files of 0.5, 2 and 8 GB, to show
#                that GB/s holds within 15% and peak RSS stays flat; the files are written afresh
#                (all sizes alike) into a directory of their own and deleted after.
#   --no-readme  print the table but write nothing under bench/results/ and leave bench/README.md alone
# environment:
#   SLUICE_BENCH_DIR      where data files live (default /tmp/sluice-bench); files of the same size and
#                         seed are reused (same names as tokenize.sh: trips-2G-seed42.csv, ...)
#   SLUICE_BENCH_SEED     generator seed (default 42)
#   SLUICE_BENCH_RUNS     timed runs per case (default 5; with fewer, nothing is written); the median
#   SLUICE_BENCH_TRIPS    trips size (default 2G), SLUICE_BENCH_LOGS logs size (default 1G)
#   SLUICE_BENCH_SCALING  sizes for --scaling (default "500M 2G 8G"), generated afresh for the run
#   SLUICE_BENCH_WINDOW   passed to sluice as --window-size (default: unset, the library's default)
#
# Every run is a whole process timed from the outside (what a user sees: start-up, reading, output),
# after `cat FILE > /dev/null` has put the input back in the page cache, for every tool alike. The runs
# of one query are interleaved (run 1 of every engine, then run 2, ...) so that load from other jobs
# hits all engines alike. Wall time and peak RSS come from BUILD/bench/sluice-bench-timed (bench/timed.c):
# the clock runs from just before fork to wait4's return, and the RSS is wait4's ru_maxrss.
#
# Answers are checked: sluice, DuckDB and Polars must agree on every query and every run (integers
# exactly, other numbers to a relative 1e-9: bench/peers/compare.js), and Q1 must equal the
# generator's record count. The script exits 1, after printing what it has, when a peer is missing or
# fails, an engine fails, or the answers disagree; the results file and README are written only when
# everything passed. --scaling exits 1 when a claim does not hold, after writing its table with the
# verdict (a failed run or a wrong count writes nothing). Exit 2 on a usage error.
#
# Needs: node and npm (the peers live in bench/peers/, pinned by its package.json and package-lock.json
# and installed there when missing), and gnuplot (Debian package `gnuplot-nox`, installed with apt-get
# when missing and running as root).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PEERS=$HERE/peers
RESULTS=$HERE/results
README=$HERE/README.md

die() { echo "peers.sh: $*" >&2; exit 1; }
usage() {
	sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

MODE=peers THREADS=2 WRITE=1 BUILD=
while [ $# -gt 0 ]; do
	case $1 in
	--scaling) MODE=scaling ;;
	--threads)
		[ $# -ge 2 ] || usage
		THREADS=$2
		shift
		;;
	--threads=*) THREADS=${1#--threads=} ;;
	--no-readme) WRITE=0 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*)
		[ -z "$BUILD" ] || usage
		BUILD=$1
		;;
	esac
	shift
done
BUILD=${BUILD:-build}
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || usage

DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-bench}
SEED=${SLUICE_BENCH_SEED:-42}
RUNS=${SLUICE_BENCH_RUNS:-5}
TRIPS_SIZE=${SLUICE_BENCH_TRIPS:-2G}
LOGS_SIZE=${SLUICE_BENCH_LOGS:-1G}
SCALING_SIZES=${SLUICE_BENCH_SCALING:-500M 2G 8G}
WINDOW=${SLUICE_BENCH_WINDOW:-}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "SLUICE_BENCH_RUNS must be a positive integer"
if [ "$RUNS" -lt 5 ] && [ "$WRITE" = 1 ]; then
	echo "peers.sh: fewer than 5 runs per case: the table is printed, nothing is written" >&2
	WRITE=0
fi

GEN=$BUILD/tools/gen/sluice-gen
SLUICE=$BUILD/tools/sluice/sluice
TIMED=$BUILD/bench/sluice-bench-timed

# ---------------------------------------------------------------------------------------------------
# Tools. gnuplot draws the chart; it comes from Debian when missing.
need_apt=()
if [ "$MODE" = peers ] && [ "$WRITE" = 1 ] && ! command -v gnuplot >/dev/null; then need_apt+=(gnuplot-nox); fi
if [ "${#need_apt[@]}" -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing Debian packages: ${need_apt[*]} (apt-get install ${need_apt[*]}, as root)"
	echo "installing ${need_apt[*]} ..." >&2
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}" >/dev/null; then
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}" >/dev/null ||
			die "apt-get install ${need_apt[*]} failed"
	fi
fi

[ -x "$GEN" ] || die "$GEN not found: build first (meson setup $BUILD && ninja -C $BUILD)"
[ -x "$SLUICE" ] || die "$SLUICE not found: build first (meson setup $BUILD && ninja -C $BUILD)"
[ -x "$TIMED" ] || die "$TIMED not found: build first (meson setup $BUILD && ninja -C $BUILD)"
query_help=$("$SLUICE" query --help 2>&1 || true)
[[ $query_help == *--threads* ]] ||
	die "$SLUICE query has no --threads option: the engines cannot be run with the same thread count"

# The peers, pinned by bench/peers/package.json (exact versions) and package-lock.json. They are
# installed when a package is missing or its version differs from the pin; a peer that still does not
# load fails the run. Not `npm ci`: nodejs-polars lists optional native packages at versions that were
# never published for some platforms, which npm leaves out of the lock file and `npm ci` then reports
# as missing. `npm install --no-save` installs from the lock file and never rewrites it.
peers_ok() {
	(cd "$PEERS" && node -e '
		const pins = require("./package.json").dependencies;
		for (const [name, want] of Object.entries(pins)) {
			const got = require(name + "/package.json").version;
			if (got !== want) throw new Error(name + " " + got + " installed, " + want + " pinned");
		}
		require("@duckdb/node-api");
		require("nodejs-polars");' 2>"$1")
}
if [ "$MODE" = peers ]; then
	command -v node >/dev/null || die "node is not installed: the peers run under node"
	if ! peers_ok /dev/null; then
		command -v npm >/dev/null || die "npm is not installed: cannot install the peers"
		echo "installing the peers into $PEERS/node_modules (npm install) ..." >&2
		(cd "$PEERS" && npm install --no-save --no-audit --no-fund --loglevel=error >&2) ||
			die "npm install failed in $PEERS"
		err=$(mktemp)
		peers_ok "$err" || die "the peers do not load after npm install: $(cat "$err")"
		rm -f "$err"
	fi
fi

# ---------------------------------------------------------------------------------------------------
# Data: generated once and shared with the other bench scripts (bench/data.sh).
mkdir -p "$DIR"
WORK=$(mktemp -d)
DELETE_DIR=
cleanup() {
	rm -rf "$WORK"
	if [ -n "$DELETE_DIR" ]; then rm -rf "$DELETE_DIR"; fi
}
trap cleanup EXIT

. "$(dirname "$0")/data.sh"
records_of() { sed -n 's/^records: //p' "$1.records"; }

# ---------------------------------------------------------------------------------------------------
# Measuring. A case is KEY = "CASE|ENGINE"; each run appends its wall time (microseconds) and keeps the
# largest peak RSS (KiB). A failed run marks the case failed and ends its runs.
declare -A T_TIMES T_RSS T_FAIL
FAILURES=()

# run_once KEY INPUT OUT CMD...: one timed run of CMD after re-reading INPUT, stdout to OUT.
run_once() {
	local key=$1 input=$2 out=$3
	shift 3
	[ -z "${T_FAIL[$key]:-}" ] || return 1
	cat "$input" >/dev/null
	local rc=0 us kb
	"$TIMED" "$WORK/time" "$@" >"$out" 2>"$WORK/err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		T_FAIL[$key]="failed (exit $rc)"
		FAILURES+=("$key: exit $rc: $(head -c 400 "$WORK/err" | tr '\n' ' ')")
		echo "  $key: FAILED (exit $rc):" >&2
		sed 's/^/    /' "$WORK/err" | head -n 20 >&2
		return 1
	fi
	read -r us kb <"$WORK/time"
	T_TIMES[$key]="${T_TIMES[$key]:-} $us"
	if [[ $kb =~ ^[0-9]+$ ]] && ((kb > ${T_RSS[$key]:-0})); then T_RSS[$key]=$kb; fi
	return 0
}

median_us() { # median of the microsecond times of KEY
	# shellcheck disable=SC2086 # the list is split on purpose
	printf '%s\n' ${T_TIMES[$1]} | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# check_answer KEY REF OUT: OUT must agree with REF (compare.js); a disagreement is a failure.
check_answer() {
	local key=$1 ref=$2 out=$3
	if ! node "$PEERS/compare.js" "$ref" "$out" 2>"$WORK/diff"; then
		FAILURES+=("$key: answer differs from $(basename "$ref" .csv): $(head -n 4 "$WORK/diff" | tr '\n' ' ')")
		echo "  $key: answer differs from $(basename "$ref" .csv):" >&2
		head -n 12 "$WORK/diff" >&2
	fi
}

# ---------------------------------------------------------------------------------------------------
# Description of the machine and the binaries, for the header of the table.
cpu=$(grep -m1 -E '^(model name|Model|cpu model)[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//')
[ -n "$cpu" ] || cpu=$(uname -m)
machine="$cpu, $(nproc) cores, $(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit (with local changes)"
fi
sluice_version=$("$SLUICE" --version | head -n 1)
kernels=$("$SLUICE" --version | sed -n 's/^kernels: //p')
kernel=$(printf '%s\n' "$kernels" | sed -n 's/.*(auto: \([a-z0-9]*\)).*/\1/p')
SLUICE_ARGS=(--format csv)
if [ -n "$WINDOW" ]; then
	SLUICE_ARGS+=(--window-size "$WINDOW")
	window="$WINDOW (--window-size)"
else
	window=$(sed -n 's/.*window_size;.*default \([0-9]* [KMG]*i*B\).*/\1/p' "$ROOT/include/sluice.h" | head -n 1)
	window="${window:-unknown} (library default)"
fi
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')
day=$(date -u '+%Y-%m-%d')

fmt_secs() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1e6 }'; }
fmt_gbps() { awk -v b="$1" -v u="$2" 'BEGIN { printf "%.2f", b / 1e3 / u }'; }
fmt_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# replace_section FILE NAME CONTENT_FILE: puts CONTENT_FILE between <!-- NAME:begin --> and
# <!-- NAME:end --> in FILE, appending the markers at the end when FILE has none.
replace_section() {
	local file=$1 name=$2 content=$3
	if ! grep -q "<!-- $name:begin -->" "$file"; then
		printf '\n<!-- %s:begin -->\n<!-- %s:end -->\n' "$name" "$name" >>"$file"
	fi
	awk -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" -v c="$content" '
		$0 == b { print; while ((getline line < c) > 0) print line; skip = 1; next }
		$0 == e { skip = 0 }
		!skip { print }' "$file" >"$file.new"
	mv "$file.new" "$file"
}

# ===================================================================================================
# --scaling: sluice alone on growing trips files.
if [ "$MODE" = scaling ]; then
	read -r -a sizes <<<"$SCALING_SIZES"
	[ "${#sizes[@]}" -ge 2 ] || die "SLUICE_BENCH_SCALING needs at least two sizes"
	SQ_ID=(Q1 Q2 Q5)
	SQ_SQL=("SELECT count(*) FROM trips" "SELECT count(*) FROM trips WHERE fare > 50"
		"SELECT sum(distance), min(fare), max(fare) FROM trips")
	declare -A S_BYTES S_RECORDS
	# Every size is written afresh into a directory of its own, deleted after: a file whose pages
	# came into the page cache long ago can map measurably slower than the same bytes just written
	# (the kernel keeps them in smaller folios), which would set the sizes apart for a reason that
	# has nothing to do with their size.
	DIR=$DIR/scaling-$$
	mkdir -p "$DIR"
	DELETE_DIR=$DIR
	declare -A S_FILE
	for size in "${sizes[@]}"; do
		S_FILE[$size]=$(bench_data trips "$size")
		S_BYTES[$size]=$(stat -c %s "${S_FILE[$size]}")
		S_RECORDS[$size]=$(records_of "${S_FILE[$size]}")
		echo "trips $size: ${S_BYTES[$size]} bytes, ${S_RECORDS[$size]} records" >&2
	done
	# As in the peers table, the runs are interleaved: run 1 on every size, then run 2, ...
	for i in "${!SQ_ID[@]}"; do
		q=${SQ_ID[$i]}
		echo "$q: ${sizes[*]}, $RUNS runs" >&2
		for ((r = 0; r < RUNS; r++)); do
			for size in "${sizes[@]}"; do
				f=${S_FILE[$size]} lit="'${S_FILE[$size]}'"
				sql=${SQ_SQL[$i]/"FROM trips"/"FROM $lit"}
				run_once "$size|$q" "$f" "$WORK/out.csv" "$SLUICE" query "${SLUICE_ARGS[@]}" --threads "$THREADS" "$sql" || continue
				if [ "$q" = Q1 ] && [ "$(sed -n 2p "$WORK/out.csv")" != "${S_RECORDS[$size]}" ]; then
					T_FAIL[$size|$q]="wrong answer"
					FAILURES+=("$size|Q1: count $(sed -n 2p "$WORK/out.csv"), the generator wrote ${S_RECORDS[$size]}")
				fi
			done
		done
		for size in "${sizes[@]}"; do
			[ -z "${T_FAIL[$size|$q]:-}" ] || continue
			m=$(median_us "$size|$q")
			printf '  %-5s %8s s %6s GB/s %8s MiB\n' "$size" "$(fmt_secs "$m")" \
				"$(fmt_gbps "${S_BYTES[$size]}" "$m")" "$(fmt_mib "${T_RSS[$size|$q]:-0}")" >&2
		done
	done
	rm -rf "$DELETE_DIR"
	echo "deleted $DELETE_DIR" >&2

	md=$WORK/scaling.md
	verdict=0
	{
		echo "### Size scaling: sluice on trips of ${sizes[*]} (seed $SEED), $THREADS threads"
		echo
		echo "- machine: $machine; load average $load_before before, $(cut -d ' ' -f 1-3 /proc/loadavg) after"
		echo "- $sluice_version built from $commit; kernel $kernel (auto; this CPU runs: ${kernels% (auto*}); window $window"
		echo "- date: $date_utc; page cache refilled with \`cat\` before every run; runs interleaved across sizes; median of $RUNS runs; peak RSS is the largest of the runs"
		echo
		echo "| query | size | bytes | median s | GB/s | peak RSS MiB |"
		echo "|---|---|---:|---:|---:|---:|"
		for i in "${!SQ_ID[@]}"; do
			q=${SQ_ID[$i]}
			for size in "${sizes[@]}"; do
				k="$size|$q"
				if [ -n "${T_FAIL[$k]:-}" ]; then
					echo "| $q | $size | ${S_BYTES[$size]} | ${T_FAIL[$k]} | | |"
					continue
				fi
				m=$(median_us "$k")
				echo "| $q | $size | ${S_BYTES[$size]} | $(fmt_secs "$m") | $(fmt_gbps "${S_BYTES[$size]}" "$m") | $(fmt_mib "${T_RSS[$k]:-0}") |"
			done
		done
		echo
		echo "Queries: Q1 \`${SQ_SQL[0]}\`; Q2 \`${SQ_SQL[1]}\`; Q5 \`${SQ_SQL[2]}\`."
		echo
		for i in "${!SQ_ID[@]}"; do
			q=${SQ_ID[$i]}
			g=() k=()
			for size in "${sizes[@]}"; do
				[ -z "${T_FAIL[$size|$q]:-}" ] || continue
				g+=("$(awk -v b="${S_BYTES[$size]}" -v u="$(median_us "$size|$q")" 'BEGIN { print b / 1e3 / u }')")
				k+=("${T_RSS[$size|$q]:-0}")
			done
			[ "${#g[@]}" -eq "${#sizes[@]}" ] || { verdict=1; continue; }
			spread=$(printf '%s\n' "${g[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", (v[NR] / v[1] - 1) * 100 }')
			gmin=$(printf '%s\n' "${g[@]}" | sort -g | head -n 1) gmax=$(printf '%s\n' "${g[@]}" | sort -g | tail -n 1)
			kmin=$(printf '%s\n' "${k[@]}" | sort -n | head -n 1) kmax=$(printf '%s\n' "${k[@]}" | sort -n | tail -n 1)
			held=yes flat=yes
			awk -v s="$spread" 'BEGIN { exit !(s <= 15) }' || { held=no; verdict=1; }
			awk -v a="$kmin" -v b="$kmax" 'BEGIN { lim = a * 0.10; if (lim < 4096) lim = 4096; exit !(b - a <= lim) }' || { flat=no; verdict=1; }
			printf -- '- %s: %.2f-%.2f GB/s, spread %s%% (within 15%%: %s); peak RSS %s-%s MiB (flat: %s)\n' \
				"$q" "$gmin" "$gmax" "$spread" "$held" "$(fmt_mib "$kmin")" "$(fmt_mib "$kmax")" "$flat"
		done
		echo
		echo "Throughput is held when the GB/s of a query spread by at most 15% over the sizes; peak RSS is"
		echo "flat when it varies by at most 10% (or 4 MiB): the scan keeps a bounded window, not the file."
	} >"$md"
	echo
	cat "$md"
	if [ "${#FAILURES[@]}" -gt 0 ]; then
		printf 'peers.sh: %s\n' "${FAILURES[@]}" >&2
		exit 1
	fi
	# A query whose GB/s or peak RSS does not hold over the sizes is a finding, not a broken run: the
	# table is written with its verdict, and the exit status says so.
	if [ "$WRITE" = 1 ]; then
		mkdir -p "$RESULTS"
		cp "$md" "$RESULTS/scaling-$day.md"
		replace_section "$README" scaling "$md"
		echo "wrote $RESULTS/scaling-$day.md and the scaling section of $README" >&2
	fi
	if [ "$verdict" -ne 0 ]; then
		echo "peers.sh: throughput not within 15% or peak RSS not flat (see above)" >&2
		exit 1
	fi
	exit 0
fi

# ===================================================================================================
# Peers.
TRIPS=$(bench_data trips "$TRIPS_SIZE")
LOGS=$(bench_data logs "$LOGS_SIZE")
TRIPS_BYTES=$(stat -c %s "$TRIPS") TRIPS_RECORDS=$(records_of "$TRIPS")
LOGS_BYTES=$(stat -c %s "$LOGS") LOGS_RECORDS=$(records_of "$LOGS")
SMALL=$ROOT/datasets/trips-small.csv
[ -s "$SMALL" ] || die "$SMALL not found"
duckdb_version=$(cd "$PEERS" && node duckdb.js --version) || die "DuckDB does not run"
polars_version=$(cd "$PEERS" && node polars.js --version) || die "Polars does not run"

mapfile -t QLINES < <(node "$PEERS/queries.js")
[ "${#QLINES[@]}" -eq 6 ] || die "bench/peers/queries.js should list 6 queries"
Q_IDS=()
declare -A Q_TABLE Q_TEXT
for line in "${QLINES[@]}"; do
	IFS=$'\t' read -r id table sql <<<"$line"
	Q_IDS+=("$id")
	Q_TABLE[$id]=$table
	Q_TEXT[$id]=$sql
done

# engine_cmd ENGINE QID FILE: the command line of one engine (into the array CMD).
engine_cmd() {
	local e=$1 id=$2 file=$3
	local sql=${Q_TEXT[$id]} lit="'$file'"
	sql=${sql/"FROM ${Q_TABLE[$id]}"/"FROM $lit"}
	case $e in
	sluice) CMD=("$SLUICE" query "${SLUICE_ARGS[@]}" --threads "$THREADS" "$sql") ;;
	sluice1) CMD=("$SLUICE" query "${SLUICE_ARGS[@]}" --threads 1 "$sql") ;;
	duckdb) CMD=(node "$PEERS/duckdb.js" --threads "$THREADS" "$id" "$file") ;;
	polars) CMD=(env POLARS_MAX_THREADS="$THREADS" node "$PEERS/polars.js" --threads "$THREADS" "$id" "$file") ;;
	esac
}
declare -A ENGINE_NAME=([sluice]=sluice [sluice1]="sluice, 1 thread" [duckdb]=DuckDB [polars]=Polars
	[cat]="cat (floor)" [wc]="wc -l (floor)")

# run_case CASE INPUT ENGINES...: RUNS interleaved rounds; each engine's answer of every run is checked
# against its own first run, and after the rounds against sluice's (and DuckDB's against Polars').
CASES=()
declare -A CASE_ENGINES CASE_BYTES
run_case() {
	local c=$1 input=$2 id=$3
	shift 3
	local engines=("$@") r e key out ref
	CASES+=("$c")
	CASE_ENGINES[$c]="${engines[*]}"
	CASE_BYTES[$c]=$(stat -c %s "$input")
	echo "$c: ${engines[*]}, $RUNS runs" >&2
	for ((r = 0; r < RUNS; r++)); do
		for e in "${engines[@]}"; do
			key="$c|$e"
			out=$WORK/$c-$e.csv
			case $e in
			cat) CMD=(cat "$input") out=/dev/null ;;
			wc) CMD=(wc -l "$input") ;;
			*) engine_cmd "$e" "$id" "$input" ;;
			esac
			run_once "$key" "$input" "$out" "${CMD[@]}" || continue
			if [ "$e" = cat ] || [ "$e" = wc ]; then continue; fi
			if [ "$r" -eq 0 ]; then cp "$out" "$WORK/$c-$e.first.csv"; else check_answer "$key" "$WORK/$c-$e.first.csv" "$out"; fi
		done
	done
	for e in "${engines[@]}"; do
		key="$c|$e"
		if [ -z "${T_FAIL[$key]:-}" ]; then
			printf '  %-18s %8s s %8s MiB\n' "${ENGINE_NAME[$e]}" "$(fmt_secs "$(median_us "$key")")" "$(fmt_mib "${T_RSS[$key]:-0}")" >&2
		fi
	done
	[ -n "$id" ] || return 0
	# Cross-engine answers: everyone against sluice, and DuckDB against Polars, so that one wrong
	# engine shows as the odd one out.
	ref=$WORK/$c-sluice.first.csv
	[ -f "$ref" ] || return 0
	for e in "${engines[@]}"; do
		if [ "$e" = sluice ] || [ ! -f "$WORK/$c-$e.first.csv" ]; then continue; fi
		check_answer "$c|$e" "$ref" "$WORK/$c-$e.first.csv"
	done
	if [ -f "$WORK/$c-duckdb.first.csv" ] && [ -f "$WORK/$c-polars.first.csv" ]; then
		check_answer "$c|DuckDB vs Polars" "$WORK/$c-duckdb.first.csv" "$WORK/$c-polars.first.csv"
	fi
}

echo "warming up: each engine runs Q1 on $SMALL once" >&2
for e in sluice duckdb polars; do
	engine_cmd "$e" Q1 "$SMALL"
	"${CMD[@]}" >/dev/null 2>"$WORK/err" || die "${ENGINE_NAME[$e]} failed on $SMALL: $(cat "$WORK/err")"
done

run_case "start-up" "$SMALL" Q1 sluice duckdb polars
run_case "trips file" "$TRIPS" "" cat wc
run_case "logs file" "$LOGS" "" cat wc
for id in "${Q_IDS[@]}"; do
	if [ "${Q_TABLE[$id]}" = logs ]; then input=$LOGS; else input=$TRIPS; fi
	case $id in
	Q4 | Q5) run_case "$id" "$input" "$id" sluice sluice1 duckdb polars ;;
	*) run_case "$id" "$input" "$id" sluice duckdb polars ;;
	esac
done

# Q1 is also checked against the generator.
if [ -f "$WORK/Q1-sluice.first.csv" ]; then
	got=$(sed -n 2p "$WORK/Q1-sluice.first.csv")
	if [ "$got" != "$TRIPS_RECORDS" ]; then
		FAILURES+=("Q1: sluice counted $got records, the generator wrote $TRIPS_RECORDS")
	fi
fi
load_after=$(cut -d ' ' -f 1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------
# The table. The ratio is time / sluice's time (THREADS threads) on the same case: above 1, sluice is
# faster. Floors compare with the cheapest sluice query on the same file (Q1 for trips, Q6 for logs).
declare -A RATIO_BASE=([start-up]="start-up|sluice" ["trips file"]="Q1|sluice" ["logs file"]="Q6|sluice")
md=$WORK/peers.md
dat=$WORK/peers.dat
{
	echo "### sluice, DuckDB and Polars: trips $TRIPS_SIZE and logs $LOGS_SIZE (seed $SEED), $THREADS threads"
	echo
	echo "- machine: $machine; load average $load_before before, $load_after after"
	echo "- $sluice_version built from $commit; kernel $kernel (auto; this CPU runs: ${kernels% (auto*}); window $window"
	echo "- peers: $duckdb_version; $polars_version; node $(node --version); $(wc --version | head -n 1 | sed "s/^wc (GNU coreutils)/GNU coreutils/") \`cat\` and \`wc -l\`"
	echo "- threads: $THREADS for every engine (\`sluice query --threads $THREADS\`, DuckDB \`SET threads = $THREADS\`, \`POLARS_MAX_THREADS=$THREADS\`); Q4 and Q5 also with sluice on 1 thread"
	echo "- files: trips $TRIPS_BYTES bytes ($TRIPS_RECORDS records), logs $LOGS_BYTES bytes ($LOGS_RECORDS records); start-up: Q1 on \`datasets/trips-small.csv\` ($(stat -c %s "$SMALL") bytes)"
	echo "- method: whole processes; page cache refilled with \`cat FILE > /dev/null\` before every run; runs of a case interleaved across engines; median of $RUNS runs; peak RSS is the largest of the runs; date: $date_utc"
	echo
	echo "| case | engine | median s | GB/s | peak RSS MiB | vs sluice |"
	echo "|---|---|---:|---:|---:|---:|"
	for c in "${CASES[@]}"; do
		base=${RATIO_BASE[$c]:-$c|sluice}
		base_us=
		[ -n "${T_FAIL[$base]:-}" ] || base_us=$(median_us "$base")
		for e in ${CASE_ENGINES[$c]}; do
			key="$c|$e"
			if [ -n "${T_FAIL[$key]:-}" ]; then
				echo "| $c | ${ENGINE_NAME[$e]} | ${T_FAIL[$key]} | | | |"
				continue
			fi
			m=$(median_us "$key")
			gbps=$(fmt_gbps "${CASE_BYTES[$c]}" "$m")
			[ "$c" != start-up ] || gbps=-
			ratio=
			[ -z "$base_us" ] || ratio=$(awk -v t="$m" -v s="$base_us" 'BEGIN { printf "%.2fx", t / s }')
			echo "| $c | ${ENGINE_NAME[$e]} | $(fmt_secs "$m") | $gbps | $(fmt_mib "${T_RSS[$key]:-0}") | $ratio |"
		done
	done
	echo
	echo "Queries (one SQL text for sluice and DuckDB, the same query in Polars' lazy API: \`bench/peers/\`):"
	echo
	for id in "${Q_IDS[@]}"; do echo "- $id: \`${Q_TEXT[$id]}\`"; done
	echo
	echo "GB/s is decimal (file bytes / 1e9 / median seconds). \"vs sluice\" is the median time divided by"
	echo "sluice's ($THREADS threads) on the same case: above 1 sluice is faster. The floors are divided by"
	echo "sluice Q1 (trips) and Q6 (logs); \"sluice, 1 thread\" by sluice on $THREADS threads, which shows"
	echo "its scaling. Q3's rows go to a file for every engine. Start-up is a 200-row file: the fixed cost"
	echo "of a process (for the peers, node and loading the engine), included in every other row."
	if [ "${#FAILURES[@]}" -eq 0 ]; then
		echo
		echo "Answers: sluice, DuckDB and Polars agreed on every query and every run (integers exactly, other"
		echo "numbers to a relative 1e-9), and Q1 equals the generator's record count."
	fi
} >"$md"

# The chart: GB/s per query and engine, log scale, with the wc -l floor of trips as a line. The data
# file has one line per query: id, then sluice, sluice on 1 thread, DuckDB, Polars ("-" for none).
{
	for id in "${Q_IDS[@]}"; do
		row=$id
		for e in sluice sluice1 duckdb polars; do
			key="$id|$e"
			if [[ " ${CASE_ENGINES[$id]} " == *" $e "* ]] && [ -z "${T_FAIL[$key]:-}" ]; then
				row+=" $(fmt_gbps "${CASE_BYTES[$id]}" "$(median_us "$key")")"
			else
				row+=" -"
			fi
		done
		echo "$row"
	done
} >"$dat"
wc_gbps=-
[ -n "${T_FAIL[trips file|wc]:-}" ] || wc_gbps=$(fmt_gbps "${CASE_BYTES[trips file]}" "$(median_us "trips file|wc")")

echo
cat "$md"

if [ "${#FAILURES[@]}" -gt 0 ]; then
	echo >&2
	echo "peers.sh: FAILED, results not written:" >&2
	printf '  %s\n' "${FAILURES[@]}" >&2
	exit 1
fi
[ "$WRITE" = 1 ] || exit 0

mkdir -p "$RESULTS"
gnuplot <<EOF || die "gnuplot failed"
set terminal pngcairo size 1000,560 font "sans,10"
set output "$RESULTS/peers.png"
set title "Warm-cache throughput, $THREADS threads (trips $TRIPS_SIZE, logs $LOGS_SIZE; median of $RUNS; higher is better)"
set ylabel "GB/s (decimal, log scale)"
set logscale y
set yrange [0.05:*]
set grid ytics
set key outside bottom center horizontal
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set datafile missing "-"
set xtics nomirror
$( [ "$wc_gbps" = - ] || echo "set arrow from graph 0, first $wc_gbps to graph 1, first $wc_gbps nohead dt 2 lw 1.5 lc rgb '#555555'
set label 'wc -l on trips: $wc_gbps GB/s' at graph 0.99, first $wc_gbps right offset 0,-0.8 tc rgb '#555555'" )
plot "$dat" using 2:xtic(1) title "sluice ($THREADS threads)" lc rgb "#1f77b4", \
     "" using 3 title "sluice (1 thread)" lc rgb "#9ecae1", \
     "" using 4 title "DuckDB" lc rgb "#ff7f0e", \
     "" using 5 title "Polars" lc rgb "#2ca02c"
EOF
cp "$md" "$RESULTS/peers-$day.md"
{
	cat "$md"
	echo
	echo "![GB/s per query and engine](results/peers.png)"
	echo
	echo "This table: [results/peers-$day.md](results/peers-$day.md)."
} >"$WORK/readme-section.md"
replace_section "$README" peers "$WORK/readme-section.md"
echo "wrote $RESULTS/peers-$day.md, $RESULTS/peers.png and the peers section of $README" >&2
