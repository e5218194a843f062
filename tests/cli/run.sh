#!/usr/bin/env bash
# Runs each tests/cli/cases/NAME.sh against a sluice binary and compares it with NAME.out/.status/.err.
#
# usage: run.sh SLUICE_BIN [NAME...]
#
# A case runs under bash with its working directory set to tests/cli/data/, so fixtures are named
# by their bare file name (and error messages show those names). It gets two variables:
#   SLUICE   the absolute path of the binary under test
#   SCRATCH  an empty directory of its own for generated files, removed afterwards
# Its stdout must equal NAME.out byte for byte; its exit status must equal NAME.status (one
# number; 0 when the file is absent); when NAME.err exists, its stderr must equal that file.
# Prints PASS/FAIL per case (with a diff for failures) and `N passed, N failed`; exits 1 on any
# failure, 2 on a usage error. The environment passes through, so SLUICE_KERNEL=avx2 run.sh ...
# runs every case under one kernel.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 SLUICE_BIN [NAME...]" >&2
	exit 2
fi
bin=$1
shift
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin is not an executable" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for f in "$here"/cases/*.sh; do
		names+=("$(basename "$f" .sh)")
	done
fi

passed=0
failed=0
for name in "${names[@]}"; do
	script=$here/cases/$name.sh
	if [ ! -f "$script" ]; then
		echo "FAIL $name: no such case"
		failed=$((failed + 1))
		continue
	fi
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/sluice-cli.XXXXXX")
	out=$(mktemp "${TMPDIR:-/tmp}/sluice-cli-out.XXXXXX")
	err=$(mktemp "${TMPDIR:-/tmp}/sluice-cli-err.XXXXXX")
	(cd "$here/data" && SLUICE=$bin SCRATCH=$scratch exec bash "$script") </dev/null >"$out" 2>"$err"
	status=$?
	want_status=0
	if [ -f "$here/cases/$name.status" ]; then
		want_status=$(tr -d ' \n' <"$here/cases/$name.status")
	fi

	problems=()
	if ! cmp -s "$here/cases/$name.out" "$out"; then
		problems+=("stdout differs")
	fi
	if [ "$status" != "$want_status" ]; then
		problems+=("exit status $status, expected $want_status")
	fi
	if [ -f "$here/cases/$name.err" ] && ! cmp -s "$here/cases/$name.err" "$err"; then
		problems+=("stderr differs")
	fi

	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		msg=${problems[0]}
		for p in "${problems[@]:1}"; do
			msg="$msg, $p"
		done
		echo "FAIL $name: $msg"
		failed=$((failed + 1))
		if ! cmp -s "$here/cases/$name.out" "$out"; then
			diff -u --label "expected $name.out" --label "actual stdout" "$here/cases/$name.out" "$out" |
				sed 's/^/    /' | cat -A | sed 's/\$$//' | head -60
		fi
		if [ -f "$here/cases/$name.err" ]; then
			if ! cmp -s "$here/cases/$name.err" "$err"; then
				diff -u --label "expected $name.err" --label "actual stderr" "$here/cases/$name.err" "$err" |
					sed 's/^/    /' | head -30
			fi
		elif [ -s "$err" ]; then
			echo "    stderr:"
			sed 's/^/    /' "$err" | head -10
		fi
	fi
	rm -rf "$scratch" "$out" "$err"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
