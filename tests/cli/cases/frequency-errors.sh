# frequency errors: an unknown column exits 2 naming the columns there are; values past
# --memory-limit stop with an error naming the limit (status 1, nothing printed); a bad --top
# and a missing COL are usage errors.
"$SLUICE" frequency nope stats.csv 2>"$SCRATCH/err"
echo "status $?"
head -1 "$SCRATCH/err"
awk 'BEGIN { print "k,v"; for (i = 1; i <= 200000; i++) print i "," i % 7 }' >"$SCRATCH/many.csv"
"$SLUICE" frequency --memory-limit 256K k "$SCRATCH/many.csv" 2>&1 >"$SCRATCH/out" | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
wc -c <"$SCRATCH/out"
"$SLUICE" frequency --memory-limit 256K v "$SCRATCH/many.csv"
echo "status $?"
"$SLUICE" frequency --top x v stats.csv 2>&1
echo "status $?"
"$SLUICE" frequency 2>&1
echo "status $?"
