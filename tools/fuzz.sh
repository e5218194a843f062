#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer targets with clang (ASan+UBSan) and runs each for SECONDS.
# usage: tools/fuzz.sh [SECONDS] [TARGET...]   (targets: scanner sql query sniff; default all, 60 s)
# New inputs go to build-fuzz/corpus/TARGET; crashes to build-fuzz/crashes/. A crash, once fixed,
# is copied into tests/fuzz/corpus/TARGET so CI replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(scanner sql query sniff)

if [[ ! -f build-fuzz/build.ninja ]]; then
	CC=clang meson setup build-fuzz --buildtype=debugoptimized -Dfuzzing=true \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" >/dev/null
fi
ninja -C build-fuzz >/dev/null
mkdir -p build-fuzz/crashes
for t in "${targets[@]}"; do
	mkdir -p "build-fuzz/corpus/$t"
	echo "== $t for ${secs}s"
	ASAN_OPTIONS=detect_leaks=1 "build-fuzz/tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="build-fuzz/crashes/$t-" "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" 2>&1 |
		grep -E "^(#[0-9]+.*(DONE|INITED)|stat::|==[0-9]+==ERROR|SUMMARY|Done)" || true
done
