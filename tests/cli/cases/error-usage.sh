# Usage errors (an unknown flag, an unknown kernel) exit 2 with a message and no output.
for args in "--bogus" "--kernel bogus"; do
	"$SLUICE" count $args simple.csv 2>"$SCRATCH/err"
	status=$?
	if [ -s "$SCRATCH/err" ]; then msg="a message"; else msg="no message"; fi
	echo "$args: exit $status, $msg"
done
