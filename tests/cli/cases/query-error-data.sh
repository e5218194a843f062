# Bad data and I/O exit 1, printing no rows: a missing file is named; a value that does not fit its
# column type stops the query with --strict-types (or --strict) at FILE:LINE:FIELD; state past
# --memory-limit stops it with a message; so does malformed quoting with --strict.
"$SLUICE" query "SELECT id FROM 'no-such-file.csv'"
echo "exit $?"
for flag in --strict-types --strict; do
	"$SLUICE" query $flag --types city=BIGINT "SELECT sum(city) AS s FROM 'trips.csv'"
	echo "exit $?"
done
"$SLUICE" query --memory-limit 16 "SELECT city, count(*) AS n FROM 'trips.csv' GROUP BY city" 2>"$SCRATCH/err"
echo "exit $?"
grep -q '^sluice: trips\.csv: .*memory limit' "$SCRATCH/err" && echo "memory limit reported"
"$SLUICE" query --strict "SELECT * FROM 'bare-quote.csv'"
echo "exit $?"
