# A file that does not exist is an I/O error: exit 1 and a message naming it.
"$SLUICE" count no-such-file.csv 2>"$SCRATCH/err"
status=$?
grep -q '^sluice: .*no-such-file\.csv' "$SCRATCH/err" && echo "message names the file"
exit $status
