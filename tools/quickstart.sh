#!/usr/bin/env bash
# quickstart.sh - installs what is missing, builds and installs sluice, generates a default dataset and
# queries it.
# The output of apt, meson and ninja goes to build/quickstart.log; a step that fails names itself and
# prints the log's tail.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/step.sh
log=build/quickstart.log
mkdir -p build
: >"$log"

SLUICE_LOG=$PWD/$log bash tools/install-deps.sh
# Without criterion (not installed here) the test suite is left out: -Dtests=auto.
[[ -f build/build.ninja ]] || step "$log" "configuring the build (meson setup)" meson setup build --buildtype=release
step "$log" "building (ninja)" ninja -C build

# As root (the Quick start's premise), installed under /usr/local, so that `sluice` is on PATH as the
# README's examples use it; otherwise the binary stays in the build.
sluice=build/tools/sluice/sluice
if [[ $(id -u) -eq 0 ]]; then
	step "$log" "installing under /usr/local (meson install)" meson install -C build
	ldconfig
	sluice=sluice
	echo "installed: $(command -v sluice) (and its man page, libsluice and sluice.pc under /usr/local)"
else
	echo "not root, so not installed: the command is $sluice"
fi

data=build/trips.csv
if [[ ! -s $data ]]; then
	echo "generating $data (1,000,000 trips)"
	build/tools/gen/sluice-gen trips --rows 1000000 -o "$data"
fi
echo "\$ sluice count $data"
"$sluice" count "$data"
sql="SELECT payment_type, count(*) AS trips, round(avg(fare), 2) AS avg_fare FROM '$data' GROUP BY payment_type ORDER BY trips DESC"
echo "\$ sluice query --format table \"$sql\""
"$sluice" query --format table "$sql"
