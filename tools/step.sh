# step.sh - runs one step of a script with its output kept in a log; a failed step names itself and
# prints the log's tail, so that a quiet script never fails without saying why. Sourced by
# quickstart.sh, install-deps.sh, run-tests.sh and quickstart-check.sh.

# step LOG NAME CMD...: runs CMD, its stdout and stderr appended to LOG (after a "== NAME" line).
# On failure prints "SCRIPT: NAME failed (exit N)" and the last 40 lines of LOG to stderr, and
# returns N (so that under `set -e` the script stops there with CMD's status).
step() {
	local log=$1 name=$2 rc=0
	shift 2
	mkdir -p "$(dirname "$log")"
	echo "== $name: $*" >>"$log"
	"$@" >>"$log" 2>&1 </dev/null || rc=$?
	if ((rc != 0)); then
		{
			echo "${0##*/}: $name failed (exit $rc): $*"
			echo "-- the last lines of $log:"
			tail -n 40 "$log" | sed 's/^/   /'
		} >&2
	fi
	return "$rc"
}
