#!/usr/bin/env bash
# install-deps.sh - installs, from Debian packages, what sluice needs to build (and, with --test, to test).
# apt's output goes to the log $SLUICE_LOG (default build-logs/install-deps.log); a failure prints its tail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/tools/step.sh"
log=${SLUICE_LOG:-$root/build-logs/install-deps.log}

# Building needs no test-only package: the test suite is left out without criterion (-Dtests=auto).
want=(meson ninja-build gcc pkg-config libsimde-dev libxxhash-dev zlib1g-dev libzstd-dev libisal-dev
	liblzma-dev libbz2-dev libarchive-dev)
if [[ "${1:-}" == "--test" ]]; then
	want+=(libcriterion-dev python3 time valgrind gzip zstd xz-utils bzip2 zip groff-base) # groff-base: tests/install formats the man page
	want+=(liblz4-dev libacl1-dev nettle-dev libxml2-dev) # libarchive.a needs them: tests/install links statically
	want+=(debootstrap) # tools/quickstart-check.sh builds a fresh Debian root for the Quick start
fi

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The differential tests run DuckDB from npm: Debian's node and npm only when none is there (an
# image's own node can conflict with Debian's npm).
if [[ "${1:-}" == "--test" ]] && ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
	missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
	echo "installing: ${missing[*]}"
	SUDO=()
	if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
	step "$log" "apt-get update" "${SUDO[@]}" apt-get update -q
	step "$log" "apt-get install" "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
