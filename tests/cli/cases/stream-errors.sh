# Errors of streamed inputs name the file (of several, the one at fault) and exit 1: a header that
# differs, truncated or corrupt compressed data, bad quoting in the second of two files (its own
# line), a glob that matches nothing.
printf 'id,name\n1,x\n' >"$SCRATCH/other.csv"
"$SLUICE" count trips.csv "$SCRATCH/other.csv" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
gzip -c trips.csv | head -c 60 >"$SCRATCH/cut.csv.gz"
"$SLUICE" count "$SCRATCH/cut.csv.gz" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
{ gzip -c trips.csv; printf 'junk'; } >"$SCRATCH/junk.csv.gz"
"$SLUICE" count "$SCRATCH/junk.csv.gz" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
printf 'id,city,fare,paid,day\n7,"Oslo,1,true,2024-01-07\n' >"$SCRATCH/bad.csv"
"$SLUICE" cat --strict trips.csv "$SCRATCH/bad.csv" 2>&1 >/dev/null | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
"$SLUICE" query "SELECT count(*) FROM '$SCRATCH/nothing-*.csv'" 2>&1 | sed "s|$SCRATCH/||g"
echo "status ${PIPESTATUS[0]}"
