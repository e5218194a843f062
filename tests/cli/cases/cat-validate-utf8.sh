# Without --validate-utf8 invalid bytes pass through (exit 0); with it, the records before the first
# invalid byte are printed, then FILE:LINE:FIELD names it and the exit status is 1 (count too).
"$SLUICE" cat --format csv bad-utf8.csv >"$SCRATCH/out"
echo "without --validate-utf8: exit $?"
cmp "$SCRATCH/out" bad-utf8.csv && echo "bytes unchanged"
"$SLUICE" count --validate-utf8 bad-utf8.csv 2>&1
echo "count --validate-utf8: exit $?"
"$SLUICE" cat --format csv --validate-utf8 bad-utf8.csv 2>&1
