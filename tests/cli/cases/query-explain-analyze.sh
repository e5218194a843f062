# query --explain-analyze runs the query, prints none of its rows, and adds the run's counters to the
# plan: the prefilter lets only the 3 records holding 'Oslo' be seen, 1 row came out; the group-by
# sees all 6 records and makes 3 groups.
counters() {
	grep -E '^ *(records seen|type errors \(NULL\)|groups|rows out): ' | sed 's/^ *//; s/:  */: /'
}
"$SLUICE" query --explain-analyze "SELECT id FROM 'trips.csv' WHERE city = 'Oslo' AND fare > 10" >"$SCRATCH/plan"
echo "exit $?"
grep -q '^1$' "$SCRATCH/plan" || echo "no rows"
counters <"$SCRATCH/plan"
"$SLUICE" query --explain-analyze --format json "SELECT city, count(*) FROM 'trips.csv' GROUP BY city" | counters
