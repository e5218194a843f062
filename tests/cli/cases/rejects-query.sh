# query and select with --strict-types and --rejects: a record with a value that does not fit its
# column's type is diverted before WHERE, aggregates or output see it (only the columns the query
# reads are checked), alongside the records --strict diverts; aggregates on threads divert the
# same records in the same order.
r=$SCRATCH/rejects.jsonl
"$SLUICE" query --strict --types fare=DOUBLE --rejects "$r" "SELECT count(*) AS n, sum(fare) AS total FROM 'rejects.csv'" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
cat "$r"
cp "$r" "$SCRATCH/serial.jsonl"
echo "== on threads"
"$SLUICE" query --strict --types fare=DOUBLE --threads 4 --split-at 30,70,110 --rejects "$r" \
	"SELECT count(*) AS n, sum(fare) AS total FROM 'rejects.csv'" 2>/dev/null
cmp -s "$r" "$SCRATCH/serial.jsonl" && echo "same rejects"
echo "== rows, with a WHERE that the bad value would not pass"
"$SLUICE" select id,name --where "fare > 1" --strict --types fare=DOUBLE --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
echo "== a query that does not read fare diverts only bad quoting"
"$SLUICE" query --strict --types fare=DOUBLE --rejects "$r" "SELECT id FROM 'rejects.csv'" 2>&1 | sed "s|$SCRATCH/||"
echo "== count --where"
"$SLUICE" count --where "fare >= 0" --strict --types fare=DOUBLE --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
echo "== without --rejects, the first bad value is an error"
"$SLUICE" query --strict-types --types fare=DOUBLE "SELECT sum(fare) FROM 'rejects.csv'" 2>&1
echo "status $?"
