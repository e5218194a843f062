#!/usr/bin/env bash
# setup.sh - installs DuckDB's Node API (the pinned package-lock.json) for the differential tests, once.
#
# Needs node, npm and the npm registry. Does nothing when node_modules is already there; run.js skips
# (exit 77) without it unless SLUICE_REQUIRE_DUCKDB is set.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -d node_modules/@duckdb/node-api ]]; then
	exit 0
fi
for tool in node npm; do
	if ! command -v "$tool" >/dev/null; then
		echo "setup.sh: $tool is not installed (Debian: apt-get install nodejs npm)" >&2
		exit 1
	fi
done
if [[ -f package-lock.json ]]; then
	npm ci --no-audit --no-fund
else
	npm install --no-audit --no-fund
fi
