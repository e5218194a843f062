# Records of 100,000 columns: counted, printed whole, every column addressable by name (the last
# one too), and not ragged. SELECT * reads them all (in batches of a few rows: bounded memory).
f=$SCRATCH/wide.csv
{ seq -f 'c%g' -s , 0 99999; seq -s , 0 99999; seq -s , 100000 199999; } >"$f"
printf 'count: '; "$SLUICE" count "$f"
printf 'count --ragged error: '; "$SLUICE" count --ragged error "$f"
"$SLUICE" cat "$f" | cmp -s - "$f" && echo "cat: the same bytes"
printf 'head -n 1, fields: '; "$SLUICE" head -n 1 "$f" | tail -1 | tr , '\n' | wc -l
printf 'jsonl keys: '; "$SLUICE" cat --format jsonl "$f" | head -1 | grep -o '"c[0-9]*":' | wc -l
"$SLUICE" cat --format jsonl "$f" | tail -1 | grep -o '"c99999":"[0-9]*"'
"$SLUICE" query "SELECT c0, c50000, c99999, c99999 - c0 AS d FROM '$f'"
"$SLUICE" select c99998 --where "c99999 > 150000" "$f"
"$SLUICE" query "SELECT * FROM '$f'" | cmp -s - "$f" && echo "SELECT *: the same bytes"
