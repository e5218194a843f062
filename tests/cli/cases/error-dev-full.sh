# A failed write (a full device) is an I/O error: exit 1 with a message.
"$SLUICE" cat --format csv simple.csv >/dev/full 2>"$SCRATCH/err"
status=$?
grep -q '^sluice: ' "$SCRATCH/err" && echo "message printed"
exit $status
