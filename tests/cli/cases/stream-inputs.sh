# Standard input, pipes, gzip and zstd files, and several files read as one table give the answers
# of the plain file: for count, cat, head, select --where, schema and a grouped query.
gzip -c trips.csv >"$SCRATCH/trips.csv.gz"
zstd -q -c trips.csv >"$SCRATCH/trips.zst"     # the codec is told by the bytes, not the name
gzip -c multiline.csv >"$SCRATCH/multiline.csv.gz"
# trips split in two files (both with the header), the first without its final line break
head -n 3 trips.csv | head -c -1 >"$SCRATCH/part1.csv"
{ head -n 1 trips.csv; tail -n +4 trips.csv; } | gzip -c >"$SCRATCH/part2.csv.gz"

run() { # NAME COMMAND...: the output of the plain file, then whether each other input agrees
	local want
	want=$("$SLUICE" "$@" trips.csv 2>&1)
	echo "== $*"
	echo "$want"
	[ "$(cat trips.csv | "$SLUICE" "$@" 2>&1)" = "$want" ] && echo "stdin (no FILE): same"
	[ "$("$SLUICE" "$@" - <trips.csv 2>&1)" = "$want" ] && echo "stdin (-): same"
	[ "$("$SLUICE" "$@" "$SCRATCH/trips.csv.gz" 2>&1)" = "$want" ] && echo "gzip: same"
	[ "$("$SLUICE" "$@" "$SCRATCH/trips.zst" 2>&1)" = "$want" ] && echo "zstd: same"
	[ "$("$SLUICE" "$@" <(cat trips.csv) 2>&1)" = "$want" ] && echo "pipe: same"
	[ "$("$SLUICE" "$@" "$SCRATCH/part1.csv" "$SCRATCH/part2.csv.gz" 2>&1)" = "$want" ] && echo "two files: same"
}
run count
run cat
run head -n 2
run select id,fare --where "fare > 10"
run schema
run count --where "paid"

echo "== query"
q="SELECT city, count(*) AS n, sum(fare) AS s FROM '%s' GROUP BY city ORDER BY city"
# shellcheck disable=SC2059
want=$("$SLUICE" query "$(printf "$q" trips.csv)")
echo "$want"
# shellcheck disable=SC2059
[ "$("$SLUICE" query "$(printf "$q" -)" <"$SCRATCH/trips.csv.gz")" = "$want" ] && echo "FROM '-' (gzip on stdin): same"
# shellcheck disable=SC2059
[ "$("$SLUICE" query "$(printf "$q" "$SCRATCH/part*")")" = "$want" ] && echo "FROM a glob: same"

echo "== quoted line breaks through gzip"
"$SLUICE" cat --format jsonl "$SCRATCH/multiline.csv.gz"
"$SLUICE" count multiline.csv "$SCRATCH/multiline.csv.gz"

echo "== filename"
"$SLUICE" select id,filename --filename "$SCRATCH/part1.csv" "$SCRATCH/part2.csv.gz" | sed "s|$SCRATCH/||"
cd "$SCRATCH" && "$SLUICE" query "SELECT filename, count(*) FROM read_csv('part*', filename = true) GROUP BY 1 ORDER BY 1"
