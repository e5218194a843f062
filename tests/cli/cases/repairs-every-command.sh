# Every command that reads a file to its end reports the records lenient reading repaired, the same
# way: count, cat, select, stats, frequency, count --where and a query, on one thread and on several
# (whose counters are summed without counting a record twice).
for cmd in "count" "cat" "select id" "stats" "frequency name" "count --where id>0"; do
	printf '%s: ' "$cmd"
	# shellcheck disable=SC2086
	"$SLUICE" $cmd rejects.csv 2>&1 >/dev/null
done
printf 'query: '
"$SLUICE" query "SELECT count(*) FROM 'rejects.csv'" 2>&1 >/dev/null
printf 'query on 3 threads: '
"$SLUICE" query --threads 3 --split-at 30,60 "SELECT count(*), max(id) FROM 'rejects.csv'" 2>&1 >/dev/null
printf 'rows on 3 threads: '
"$SLUICE" query --threads 3 --split-at 30,60 "SELECT * FROM 'rejects.csv'" 2>&1 >/dev/null
printf 'count on 3 threads: '
"$SLUICE" count --threads 3 --split-at 30,60 rejects.csv 2>&1 >/dev/null
printf 'strict, nothing repaired: '
"$SLUICE" query --strict --rejects "$SCRATCH/r.jsonl" "SELECT count(*) FROM 'rejects.csv'" 2>&1 >/dev/null | sed "s|$SCRATCH/||"
