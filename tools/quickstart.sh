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
echo "\$ sluice head -n 5 --format table $data"
build/tools/sluice/sluice head -n 5 --format table "$data"
