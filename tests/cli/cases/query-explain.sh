# query --explain prints the plan of the scan instead of the rows: the file, and the filter's literal
# searched in the raw bytes. The kernel depends on the CPU, so it is masked.
sql="SELECT id, city FROM 'trips.csv' WHERE city = 'Oslo' AND fare > 10"
"$SLUICE" query --explain "$sql" >"$SCRATCH/plan"
echo "exit $?"
head -1 "$SCRATCH/plan" | sed 's/(kernel [a-z0-9]*)/(kernel K)/'
grep -q 'prefilter.*"Oslo"' "$SCRATCH/plan" && echo "prefilter searches for Oslo"
grep -q '^1,Oslo' "$SCRATCH/plan" || echo "no rows"
"$SLUICE" query --explain --no-prefilter "$sql" | grep -q 'prefilter.*"Oslo"' || echo "--no-prefilter: no search"
# the operators each query shape runs as, pipeline by pipeline
for q in "SELECT id FROM 'trips.csv' LIMIT 1" "SELECT id FROM 'trips.csv' ORDER BY id" \
	"SELECT city, count(*) FROM 'trips.csv' GROUP BY city ORDER BY 2 LIMIT 3" "SELECT count(*) FROM 'trips.csv'"; do
	"$SLUICE" query --explain "$q" | grep '^pipelines:'
done
