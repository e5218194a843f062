#!/usr/bin/env bash
# install-deps.sh - installs, from Debian packages, what sluice needs to build (and, with --test, to test).
set -euo pipefail

want=(meson ninja-build gcc pkg-config libsimde-dev libxxhash-dev zlib1g-dev libzstd-dev libisal-dev)
if [[ "${1:-}" == "--test" ]]; then
	want+=(libcriterion-dev python3 time valgrind gzip zstd groff-base) # groff-base: tests/install formats the man page
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
	SUDO=""
	if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
