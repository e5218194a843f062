# frequency: each value of a column with its exact count, most frequent first, equal counts by
# value and NULL (the empty field) last among them; --top/--limit keep the first N; every format.
"$SLUICE" frequency name stats.csv
"$SLUICE" frequency note stats.csv
"$SLUICE" frequency --limit 2 --format table ratio stats.csv
"$SLUICE" frequency --top 1 --format jsonl ok stats.csv
"$SLUICE" frequency --format json day stats.csv
echo "status $?"
# a larger file, split into parts on threads, against sort | uniq -c
awk 'BEGIN { print "i,v"; for (i = 1; i <= 20000; i++) print i "," (i * i) % 97 }' >"$SCRATCH/big.csv"
"$SLUICE" frequency --threads 4 --split-at 30000,60000,90000 v "$SCRATCH/big.csv" | tail -n +2 >"$SCRATCH/got"
tail -n +2 "$SCRATCH/big.csv" | cut -d, -f2 | sort | uniq -c | awk '{ print $2 "," $1 }' |
	sort -t, -k2,2nr -k1,1n >"$SCRATCH/want"
cmp -s "$SCRATCH/got" "$SCRATCH/want" && echo "$(wc -l <"$SCRATCH/want") values, the same as sort | uniq -c"
"$SLUICE" frequency --top 3 v "$SCRATCH/big.csv"
