#!/usr/bin/env bash
# run.sh - installs a build into a scratch DESTDIR and uses it the way a program outside the tree
# would: the two examples are built with `pkg-config --cflags --libs sluice`, against libsluice.so
# and (with --static) libsluice.a, run on generated tables, and their output is compared with the
# same numbers computed by awk from columns the installed sluice CLI cuts out.
#
# usage: run.sh MESON BUILD_DIR SOURCE_DIR SLUICE_GEN CC [SANITIZE]
#
# SANITIZE is the build's b_sanitize value (address,undefined or none): the examples are then
# compiled with the same -fsanitize flags, as an instrumented libsluice needs. Besides the examples,
# it checks that the shared library exports only sluice_ symbols (and every SLUICE_API function of
# the headers), that the installed sluice.h compiles on its own, that a program using the stable calls
# needs no other header and sees the version the library reports (which pkg-config and sluice
# --version report too), that every SQL function and aggregate the man page lists runs, and that
# the man page documents every
# command and every option the installed sluice shows in its help. Prints one line per check and
# exits 1 on the first failure.
set -euo pipefail

if [ $# -lt 5 ]; then
	echo "usage: $0 MESON BUILD_DIR SOURCE_DIR SLUICE_GEN CC [SANITIZE]" >&2
	exit 2
fi
meson=$1
build=$(cd "$2" && pwd)
src=$(cd "$3" && pwd)
gen=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
read -r -a cc <<<"$5"
sanitize=${6:-none}
# meson test points LD_LIBRARY_PATH at the build tree: only the installed copy may be used here
unset LD_LIBRARY_PATH

fail() {
	echo "FAIL: $*"
	exit 1
}
ok() {
	echo "ok: $*"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sluice-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest

# --- install --------------------------------------------------------------------------------
"$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; fail "meson install --destdir"; }

# where the build put things: the configured directories under DESTDIR
eval "$("$meson" introspect "$build" --buildoptions | python3 -c '
import json, shlex, sys
opts = {o["name"]: o["value"] for o in json.load(sys.stdin)}
prefix = opts["prefix"]
for key in ("libdir", "includedir", "bindir", "mandir"):
    path = opts[key] if opts[key].startswith("/") else prefix + "/" + opts[key]
    print("%s=%s" % (key, shlex.quote(path)))
')"
lib=$dest$libdir
inc=$dest$includedir
for f in "$lib/libsluice.so" "$lib/libsluice.a" "$lib/pkgconfig/sluice.pc" "$inc/sluice.h" "$inc/sluice_version.h" \
	"$inc/sluice_experimental.h" \
	"$dest$bindir/sluice" "$dest$mandir/man1/sluice.1"; do
	[ -e "$f" ] || fail "meson install did not install ${f#"$dest"}"
done
ok "installed libsluice.so, libsluice.a, sluice.pc, sluice.h, sluice_version.h, sluice_experimental.h, sluice, sluice.1"
sluice=$dest$bindir/sluice

# --- the shared library's symbols ------------------------------------------------------------
so=$(readlink -f "$lib/libsluice.so")
nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u >"$tmp/exported"
[ -s "$tmp/exported" ] || fail "libsluice.so exports nothing"
if grep -v '^sluice_' "$tmp/exported" >"$tmp/stray"; then
	fail "libsluice.so exports symbols without the sluice_ prefix: $(tr '\n' ' ' <"$tmp/stray")"
fi
# every SLUICE_API function of the installed headers is exported (none lost to hidden visibility)
grep -h '^SLUICE_API' "$inc/sluice.h" "$inc/sluice_experimental.h" | sed -E 's/\(.*//; s/.*[^A-Za-z0-9_]([A-Za-z0-9_]+)$/\1/' |
	sort -u >"$tmp/declared"
[ "$(wc -l <"$tmp/declared")" -ge 40 ] || fail "found only $(wc -l <"$tmp/declared") SLUICE_API functions in the headers"
missing=$(comm -23 "$tmp/declared" "$tmp/exported" | tr '\n' ' ')
[ -z "$missing" ] || fail "declared in the headers but not exported by libsluice.so: $missing"
# ... and nothing else: an exported sluice_ name the header does not declare is an internal leaking
extra=$(comm -13 "$tmp/declared" "$tmp/exported" | tr '\n' ' ')
[ -z "$extra" ] || fail "exported by libsluice.so but declared in neither header: $extra"
soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = libsluice.so.0 ] || fail "libsluice.so has SONAME '$soname', expected libsluice.so.0"
stable=$(grep -c '^SLUICE_API' "$inc/sluice.h")
ok "libsluice.so exports exactly the $(wc -l <"$tmp/declared") SLUICE_API functions of sluice.h ($stable) and sluice_experimental.h (SONAME $soname)"

# --- the header on its own --------------------------------------------------------------------
for h in sluice.h sluice_experimental.h; do
	printf '#include <%s>\n' "$h" >"$tmp/only_header.c"
	"${cc[@]}" -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" "$tmp/only_header.c" ||
		fail "$h does not compile on its own (-std=c11 -Wall -Wextra -Wpedantic -Werror)"
done
# the stable header declares nothing of the experimental one
grep -h '^SLUICE_API' "$inc/sluice_experimental.h" | sed -E 's/\(.*//; s/.*[^A-Za-z0-9_]([A-Za-z0-9_]+)$/\1/' >"$tmp/experimental"
while read -r fn; do
	! grep -qw "$fn" <<<"$(grep '^SLUICE_API' "$inc/sluice.h")" || fail "$fn is declared in sluice.h and sluice_experimental.h"
done <"$tmp/experimental"
ok "sluice.h and sluice_experimental.h compile on their own with -std=c11 -Wall -Wextra -Wpedantic -Werror"

# --- pkg-config --------------------------------------------------------------------------------
# The .pc file names the configured prefix; PKG_CONFIG_SYSROOT_DIR puts DESTDIR in front of its paths.
export PKG_CONFIG_PATH=$lib/pkgconfig
export PKG_CONFIG_SYSROOT_DIR=$dest
command -v pkg-config >/dev/null || fail "pkg-config is not installed (tools/install-deps.sh installs it)"
pkg-config --exists sluice || fail "pkg-config does not find sluice in $PKG_CONFIG_PATH"
version=$(pkg-config --modversion sluice)
cli_version=$("$sluice" --version | awk 'NR == 1 { print $2 }')
[ "$version" = "$cli_version" ] || fail "sluice.pc has version $version, sluice --version says $cli_version"
header_version=$(sed -n 's/^#define SLUICE_VERSION_STRING "\(.*\)"$/\1/p' "$inc/sluice_version.h")
[ "$version" = "$header_version" ] ||
	fail "sluice.pc has version $version, the installed sluice_version.h says '$header_version'"
read -r -a shared_flags <<<"$(pkg-config --cflags --libs sluice)"
read -r -a all_static_flags <<<"$(pkg-config --static --cflags --libs sluice)"
# libsluice.a rather than libsluice.so for the same -lsluice; libc and the rest stay shared
static_flags=("${all_static_flags[@]/#-lsluice/-l:libsluice.a}")
wholly_static=yes
for f in "${all_static_flags[@]}"; do
	case $f in
	-l*) [ "$f" = -lsluice ] || [ "$f" = -lm ] || [ "$f" = -lpthread ] ||
		[ -n "$(find /usr/lib /usr/lib64 /lib -name "lib${f#-l}.a" -print -quit 2>/dev/null)" ] || wholly_static=no ;;
	esac
done
san=()
[ "$sanitize" = none ] || [ -z "$sanitize" ] || san=("-fsanitize=$sanitize")

# --- the stable API alone: a program with only <sluice.h>, its version against the library's -----
"${cc[@]}" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror "${san[@]}" -o "$tmp/stable_only" \
	"$src/tests/install/stable_only.c" "${shared_flags[@]}" ||
	fail "a program using the stable calls does not build with only <sluice.h> (-std=c11 -Wall -Wextra -Wpedantic -Werror)"
printf 'x,y\n1,2\n3,4\n5,6\n' >"$tmp/three.csv"
got=$(LD_LIBRARY_PATH=$lib "$tmp/stable_only" "$tmp/three.csv") || fail "stable_only: $got"
[ "$got" = "$version 3" ] || fail "stable_only printed '$got', expected '$version 3'"
ok "version $version agrees in sluice_version.h, sluice_version(), sluice.pc and sluice --version; the stable calls need only <sluice.h>"

for ex in log_analyzer batch_aggregate; do
	"${cc[@]}" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror "${san[@]}" -o "$tmp/$ex-shared" \
		"$src/examples/$ex.c" "${shared_flags[@]}" || fail "building $ex with pkg-config --cflags --libs sluice"
	"${cc[@]}" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror "${san[@]}" -o "$tmp/$ex-static" \
		"$src/examples/$ex.c" "${static_flags[@]}" || fail "building $ex with pkg-config --static"
	# (grep reads whole outputs, not pipes: with pipefail an early exit of grep -q would fail the pipe)
	grep -q 'NEEDED.*\[libsluice\.so\.0\]' <<<"$(readelf -d "$tmp/$ex-shared")" ||
		fail "$ex-shared does not need libsluice.so.0"
	if grep -q 'NEEDED.*libsluice' <<<"$(readelf -d "$tmp/$ex-static")"; then
		fail "$ex-static needs libsluice.so"
	fi
	grep -qF "libsluice.so.0 => $lib/libsluice.so.0" <<<"$(LD_LIBRARY_PATH=$lib ldd "$tmp/$ex-shared")" ||
		fail "$ex-shared does not load the installed libsluice.so.0"
	# wholly static, the plain use of --static (sanitizer runtimes cannot be linked that way; and
	# Debian ships ISA-L, the faster gzip decoder, as a shared library only)
	if [ ${#san[@]} -eq 0 ] && [ "$wholly_static" = yes ]; then
		"${cc[@]}" -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -static -o "$tmp/$ex-allstatic" \
			"$src/examples/$ex.c" "${all_static_flags[@]}" ||
			fail "building $ex with -static and pkg-config --static"
	fi
done
ok "built both examples against libsluice.so and libsluice.a with pkg-config$([ ${#san[@]} -eq 0 ] && [ "$wholly_static" = yes ] && echo ", and wholly static")"

# runs an example both ways: run EXAMPLE ARGS... > output (the two outputs must agree)
run() {
	local ex=$1
	shift
	local status=0
	LD_LIBRARY_PATH=$lib "$tmp/$ex-shared" "$@" >"$tmp/out-shared" 2>"$tmp/err-shared" || status=$?
	[ "$status" -eq 0 ] || { cat "$tmp/err-shared"; fail "$ex-shared $* exited with $status"; }
	"$tmp/$ex-static" "$@" >"$tmp/out-static" 2>"$tmp/err-static" || status=$?
	[ "$status" -eq 0 ] || { cat "$tmp/err-static"; fail "$ex-static $* exited with $status"; }
	cmp -s "$tmp/out-shared" "$tmp/out-static" || fail "$ex $*: the shared and static builds disagree"
	if [ -x "$tmp/$ex-allstatic" ]; then
		"$tmp/$ex-allstatic" "$@" >"$tmp/out-allstatic" 2>"$tmp/err-static" || status=$?
		[ "$status" -eq 0 ] || { cat "$tmp/err-static"; fail "$ex-allstatic $* exited with $status"; }
		cmp -s "$tmp/out-shared" "$tmp/out-allstatic" || fail "$ex $*: the shared and wholly static builds disagree"
	fi
	cat "$tmp/out-shared"
}

# --- log_analyzer: counts, errors, moving average and maximum per service --------------------
"$gen" logs --rows 60000 --seed 11 -o "$tmp/logs.csv" 2>/dev/null
"$sluice" select "service, level, latency_ms" "$tmp/logs.csv" >"$tmp/logs-cols.csv"
# what log_analyzer prints, from the projected columns (file order kept)
expect_logs() {
	awk -F, -v alpha="$1" 'NR > 1 {
		s = $1
		if (!(s in n)) { n[s] = 0; e[s] = 0 }
		n[s]++
		if ($2 == "ERROR") e[s]++
		x = $3 + 0
		if (n[s] == 1) { m[s] = x; mx[s] = x } else { m[s] += alpha * (x - m[s]); if (x > mx[s]) mx[s] = x }
	}
	END { for (s in n) printf "%s,%d,%d,%.3f,%.3f\n", s, n[s], e[s], m[s], mx[s] }' "$tmp/logs-cols.csv" |
		LC_ALL=C sort
}
records=$("$sluice" count "$tmp/logs.csv")
[ "$records" -eq 60000 ] || fail "sluice count says $records records in a 60000-record logs table"
for alpha in 0.1 0.5; do
	args=("$tmp/logs.csv")
	[ "$alpha" = 0.1 ] || args=(-a "$alpha" "$tmp/logs.csv")
	run log_analyzer "${args[@]}" >"$tmp/got"
	[ "$(head -1 "$tmp/got")" = 'service,records,errors,ewma_latency_ms,max_latency_ms' ] ||
		fail "log_analyzer: unexpected header '$(head -1 "$tmp/got")'"
	tail -n +2 "$tmp/got" >"$tmp/got-rows"
	expect_logs "$alpha" >"$tmp/want-rows"
	[ "$(wc -l <"$tmp/want-rows")" -ge 5 ] || fail "expected several services, awk found $(wc -l <"$tmp/want-rows")"
	diff "$tmp/want-rows" "$tmp/got-rows" >"$tmp/diff" || { head -20 "$tmp/diff"; fail "log_analyzer (alpha $alpha) differs from awk"; }
	total=$(awk -F, '{ t += $2 } END { print t }' "$tmp/got-rows")
	[ "$total" -eq "$records" ] || fail "log_analyzer counted $total records of $records"
done
ok "log_analyzer matches awk for $(wc -l <"$tmp/want-rows") services and $records records (alpha 0.1 and 0.5)"

# --- batch_aggregate: count, sum and average of fare per payment type above a threshold -------
"$gen" trips --rows 60000 --seed 5 -o "$tmp/trips.csv" 2>/dev/null
"$sluice" select "payment_type, fare" "$tmp/trips.csv" >"$tmp/trips-cols.csv"
for min in 50 20.5; do
	args=("$tmp/trips.csv")
	[ "$min" = 50 ] || args=("$tmp/trips.csv" "$min")
	run batch_aggregate "${args[@]}" >"$tmp/got"
	[ "$(head -1 "$tmp/got")" = 'payment_type,trips,total_fare,avg_fare' ] ||
		fail "batch_aggregate: unexpected header '$(head -1 "$tmp/got")'"
	awk -F, -v min="$min" 'NR > 1 && $2 + 0 > min + 0 { n[$1]++; s[$1] += $2 }
		END { for (p in n) printf "%s,%d,%.6f\n", p, n[p], s[p] }' "$tmp/trips-cols.csv" | LC_ALL=C sort >"$tmp/want"
	[ "$(wc -l <"$tmp/want")" -ge 3 ] || fail "expected several payment types above $min, awk found $(wc -l <"$tmp/want")"
	# groups and counts exactly; sums and averages to a relative 1e-9 (the query adds on threads)
	tail -n +2 "$tmp/got" | awk -F, -v want="$tmp/want" '
		BEGIN { while ((getline line < want) > 0) { split(line, f, ","); n[f[1]] = f[2]; s[f[1]] = f[3]; k++ } }
		function off(a, b) { d = a - b; if (d < 0) d = -d; return d > 1e-9 * (b < 0 ? -b : b) + 1e-9 }
		{
			seen++
			if (!($1 in n)) { print "unexpected group " $1; bad = 1; next }
			if ($2 != n[$1]) { print $1 ": count " $2 ", awk " n[$1]; bad = 1 }
			if (off($3, s[$1])) { print $1 ": sum " $3 ", awk " s[$1]; bad = 1 }
			if (off($4, s[$1] / n[$1])) { print $1 ": avg " $4 ", awk " s[$1] / n[$1]; bad = 1 }
			if (prev != "" && $1 <= prev) { print "groups out of order at " $1; bad = 1 }
			prev = $1
		}
		END { if (seen != k) { print seen " groups, awk " k; bad = 1 } exit bad }' ||
		fail "batch_aggregate (fare > $min) differs from awk"
done
ok "batch_aggregate matches awk on count, sum and avg per payment type (fare > 50 and > 20.5)"

# --- errors: a message and a non-zero status --------------------------------------------------
expect_error() { # STATUS WORDS EXAMPLE ARGS...
	local want=$1 words=$2 ex=$3
	shift 3
	local status=0
	"$tmp/$ex-static" "$@" >/dev/null 2>"$tmp/err" || status=$?
	[ "$status" -eq "$want" ] || fail "$ex $*: status $status, expected $want"
	grep -qF "$words" "$tmp/err" || fail "$ex $*: the message '$(head -1 "$tmp/err")' does not say '$words'"
}
expect_error 1 "missing.csv: No such file or directory" log_analyzer "$tmp/missing.csv"
expect_error 1 "missing.csv: No such file or directory" batch_aggregate "$tmp/missing.csv"
expect_error 1 "no column 'service'" log_analyzer "$tmp/trips.csv"
expect_error 2 "logs.csv: unknown column" batch_aggregate "$tmp/logs.csv"
expect_error 2 "usage" log_analyzer
expect_error 2 "MIN_FARE" batch_aggregate "$tmp/trips.csv" cheap
printf 'ts,level,service,latency_ms,message\n2024-01-01,INFO,api,12,ok\n2024-01-01,INFO,api,slow,ok\n' >"$tmp/bad.csv"
expect_error 1 "bad.csv:3:4: latency_ms is not a number" log_analyzer "$tmp/bad.csv"
ok "both examples report a missing file, a missing column and bad input with a message and a status"

# --- the man page --------------------------------------------------------------------------------
man=$dest$mandir/man1/sluice.1
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" || true
	[ ! -s "$tmp/groff" ] || { cat "$tmp/groff"; fail "groff warns about sluice.1"; }
	ok "groff reads sluice.1 without warnings"
else
	echo "skip: groff is not installed, sluice.1 is not formatted"
fi
grep -q "^\.TH SLUICE 1 .*\"sluice $version\"" "$man" || fail "sluice.1 is not the page of sluice $version (.TH)"
# the roff source with font changes dropped and \- read as -
sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' "$man" >"$tmp/man.txt"
"$sluice" --help | sed -n '/^Commands:$/,/^$/p' | awk 'NR > 1 && NF { print $1 }' >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 6 ] || fail "sluice --help lists only $(wc -l <"$tmp/commands") commands"
nopt=0
while read -r c; do
	grep -q "^\.SS \"sluice $c\( \|\"\)" "$tmp/man.txt" || fail "sluice.1 has no section for '$c' (.SS \"sluice $c ...\")"
	"$sluice" "$c" --help | grep -oE '^  (-[a-zA-Z], |    )--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' >"$tmp/opts"
	while read -r opt; do
		grep -qE -- "${opt}([^a-z0-9-]|$)" "$tmp/man.txt" || fail "sluice.1 does not document $opt (sluice $c --help shows it)"
		nopt=$((nopt + 1))
	done <"$tmp/opts"
done <"$tmp/commands"
ok "sluice.1 documents the $(wc -l <"$tmp/commands") commands of sluice --help and the $nopt options their help shows"

# every function and aggregate the page lists runs in the installed sluice, once, on one record
printf 's,n,t\nab,-2.5,2021-01-03 04:05:06\n' >"$tmp/fn.csv"
call() {
	case $1 in
	lower | upper | length | trim | ltrim | rtrim) echo "$1(s)" ;;
	substr) echo "substr(s, 1, 1)" ;;
	starts_with | ends_with | contains) echo "$1(s, 'a')" ;;
	abs | round | floor | ceil) echo "$1(n)" ;;
	coalesce | ifnull | concat) echo "$1(s, 'x')" ;;
	year | month | day | hour | minute | second | quarter | week | weekofyear | dayofweek) echo "$1(t)" ;;
	date_trunc) echo "date_trunc('week', t)" ;;
	count | sum | avg | min | max | stddev | stddev_samp | stddev_pop | variance | var_samp | var_pop | approx_count_distinct)
		echo "$1(n)" ;;
	'count(*)' | 'count(x)') echo "count(*)" ;;
	'count(DISTINCT x)') echo "count(DISTINCT n)" ;;
	'approx_top_count(x, k)') echo "approx_top_count(s, 2)" ;;
	*) return 1 ;;
	esac
}
# one name a line; the two with spaces inside their parentheses are kept whole
sed -n '/^Functions:$/,/^\.PP$/p; /^Aggregates:$/,/^computed online/p' "$man" | grep '^\.B ' |
	sed -e 's/^\.B //' -e 's/\\fR.*//' -e 's/(DISTINCT x)/(DISTINCT~x)/' -e 's/(x, k)/(x,~k)/' | tr ' ' '\n' |
	sed -e '/^$/d' -e 's/~/ /g' >"$tmp/fns"
[ "$(wc -l <"$tmp/fns")" -ge 40 ] || fail "found only $(wc -l <"$tmp/fns") functions in sluice.1's SQL section"
while read -r f; do
	expr=$(call "$f") || fail "sluice.1 lists '$f', which this check has no call for (add one)"
	"$sluice" query "SELECT $expr FROM '$tmp/fn.csv'" >"$tmp/fn.out" 2>&1 || { cat "$tmp/fn.out"; fail "sluice.1 lists $f, but $expr fails"; }
done <"$tmp/fns"
ok "the $(wc -l <"$tmp/fns") functions and aggregates sluice.1 lists each run"
