# Each new command has --help with its usage, options and an example, and is listed by sluice --help.
for c in query select schema; do
	"$SLUICE" $c --help >"$SCRATCH/help"
	echo "$c: exit $?"
	head -1 "$SCRATCH/help"
	grep -A1 '^Example:' "$SCRATCH/help" | tail -1 | cut -d' ' -f3-4
done
"$SLUICE" count --help | grep -E '^ +--where '
"$SLUICE" --help | grep -E '^  (query|select|schema) ' | cut -c3-8
"$SLUICE" query 2>/dev/null
echo "no SQL: exit $?"
"$SLUICE" select id </dev/null 2>/dev/null
echo "no FILE (empty standard input, no column id): exit $?"
"$SLUICE" query --explain --explain-analyze "SELECT 1 FROM 'trips.csv'" 2>/dev/null
echo "two explains: exit $?"
