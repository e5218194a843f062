# stats usage errors exit 2 with a message and print nothing: an unknown column (the message
# lists the columns there are), a --top out of range or missing its value, standard input (the
# types are read before the statistics: two reads). A missing file exits 1.
"$SLUICE" stats --columns id,nope stats.csv 2>&1
echo "status $?"
"$SLUICE" stats --top 1001 stats.csv 2>&1
echo "status $?"
"$SLUICE" stats stats.csv --top 2>&1
echo "status $?"
"$SLUICE" stats - <stats.csv 2>&1
echo "status $?"
"$SLUICE" stats no-such-file.csv 2>&1
echo "status $?"
# the sketches count against --memory-limit (a few tens of KiB per column at most): past it, an
# error naming the limit, status 1, nothing printed
awk 'BEGIN { print "k,v"; for (i = 1; i <= 20000; i++) print i "," i % 7 }' >"$SCRATCH/many.csv"
"$SLUICE" stats --memory-limit 64K "$SCRATCH/many.csv" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
"$SLUICE" stats --memory-limit 1M --columns v "$SCRATCH/many.csv"
echo "status $?"
