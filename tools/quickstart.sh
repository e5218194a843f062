#!/usr/bin/env bash
# quickstart.sh - installs what is missing, builds sluice, generates a default dataset and queries it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
[[ -f build/build.ninja ]] || meson setup build --buildtype=release >/dev/null
ninja -C build >/dev/null

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
