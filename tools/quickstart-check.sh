#!/usr/bin/env bash
# quickstart-check.sh - runs the Quick start's first command where no test package is installed: a fresh
# minimal Debian 12 root (debootstrap --variant=minbase bookworm, from the mirror this machine's apt
# uses), the repository's files copied in as a clone has them, and `bash tools/quickstart.sh` run in
# it as root. Passes when that exits 0 and prints the count and the query's table.
#
# usage: tools/quickstart-check.sh   (as root: debootstrap and chroot; run by tools/run-tests.sh)
# Needs debootstrap (tools/install-deps.sh --test), git, and apt's Debian mirror on the network. The
# root lives in a temporary directory and is deleted after: nothing is cached, each run starts as a
# new machine would. /proc is mounted in a private mount namespace, so no mount outlives the check.
# Exit 0 on success, 1 on failure (with the failing step and its log's tail), 77 when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/step.sh
me=${0##*/}

if [[ $(id -u) -ne 0 ]]; then
	echo "$me: skipped: debootstrap and chroot need root"
	exit 77
fi
for tool in debootstrap git unshare chroot; do
	command -v "$tool" >/dev/null || { echo "$me: $tool is not installed (tools/install-deps.sh --test)" >&2; exit 1; }
done

# The first Debian mirror apt is configured with that serves bookworm (one-line .list files or
# deb822 .sources files, as apt reads them).
mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -f $f ]] || continue
		awk '{ line = $0; sub(/\[[^]]*\]/, "", line); split(line, w) }
			w[1] == "deb" && w[3] == "bookworm" { print w[2]; exit }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -f $f ]] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
			{ types = uris = suites = ""
			  for (j = 1; j <= NF; j++) {
				if ($j ~ /^Types:/) types = $j
				if ($j ~ /^URIs:/) { uris = $j; sub(/^URIs:[ \t]*/, "", uris); split(uris, u, /[ \t]+/) }
				if ($j ~ /^Suites:/) suites = " " $j " "
			  }
			  if (types ~ /[ \t]deb([ \t]|$)/ && suites ~ /[ \t]bookworm[ \t]/) { print u[1]; exit } }' "$f"
	done
}
url=$(mirror | sed -n 1p)
url=${url:-http://deb.debian.org/debian}

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-fresh.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
root=$work/root
log=$work/check.log
start=$SECONDS

# --variant=minbase: essential packages and apt only, the leanest root that still runs apt-get.
step "$log" "debootstrap bookworm from $url" debootstrap --variant=minbase bookworm "$root" "$url"
took_root=$((SECONDS - start))

# The files of a clone: tracked ones and new ones not yet added (git would ignore the rest), as they
# are in the working tree now.
mkdir -p "$root/root/sluice"
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [[ -e $f || -L $f ]] && printf '%s\0' "$f"; done |
	tar --null -T - -cf - | tar -C "$root/root/sluice" -xf -

# A clean environment, as a root login on the new machine has.
rc=0
env -i HOME=/root TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	unshare --mount --pid --fork --mount-proc="$root/proc" \
	chroot "$root" /bin/bash -c 'cd /root/sluice && bash tools/quickstart.sh' >"$work/out" 2>&1 || rc=$?
cat "$work/out" >>"$log"

problems=()
((rc == 0)) || problems+=("tools/quickstart.sh exited with status $rc")
grep -qx 1000000 "$work/out" || problems+=("no count of 1000000 trips")
[[ -x $root/usr/local/bin/sluice ]] || problems+=("sluice not installed in /usr/local/bin")
grep -q '^installed: /usr/local/bin/sluice' "$work/out" || problems+=("sluice not on PATH after the install")
grep -Eq '^payment_type +\| trips +\| avg_fare$' "$work/out" || problems+=("no table header")
grep -Eq '^card +\| [0-9]+ +\| [0-9.]+$' "$work/out" || problems+=("no table row for card")
if ((${#problems[@]})); then
	printf '%s: FAIL: %s\n' "$me" "${problems[*]}" >&2
	echo "-- the quickstart's output (last 40 lines):" >&2
	tail -n 40 "$work/out" | sed 's/^/   /' >&2
	exit 1
fi
sed 's/^/   /' "$work/out"
echo "$me: PASS: the Quick start ran on a fresh Debian 12 ($took_root s for debootstrap, $((SECONDS - start - took_root)) s for tools/quickstart.sh)"
