#!/usr/bin/env bash
# quickstart.sh - installs what is missing, builds sluice, generates a default dataset and queries it.
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

data=build/trips.csv
if [[ ! -s $data ]]; then
	echo "generating $data (1,000,000 trips)"
	build/tools/gen/sluice-gen trips --rows 1000000 -o "$data"
fi
echo "\$ sluice count $data"
build/tools/sluice/sluice count "$data"
sql="SELECT payment_type, count(*) AS trips, round(avg(fare), 2) AS avg_fare FROM '$data' GROUP BY payment_type ORDER BY trips DESC"
echo "\$ sluice query --format table \"$sql\""
build/tools/sluice/sluice query --format table "$sql"
