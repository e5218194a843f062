# stats past the exact range of its sketches: a distinct count above 1024 is a HyperLogLog estimate
# within a few percent of the truth (awk counts it), the same on one thread and split into parts
# (merged sketches are the sketch of the whole); a column of unique values lists no frequent value,
# and a value that becomes frequent only after the counters filled up is listed with an upper bound.
awk 'BEGIN {
	print "i,k,u,s,h"
	for (i = 1; i <= 30000; i++) {
		h = i <= 15000 ? "u" i : (i % 5 == 0 ? "late" : "v" i)
		printf "%d,%d,%d,s%d,%s\n", i, i % 7, i * 3, (i * 7) % 1500, h
	}
}' >"$SCRATCH/big.csv"
"$SLUICE" stats --threads 1 "$SCRATCH/big.csv" >"$SCRATCH/one"
echo "status $?"
"$SLUICE" stats --threads 4 --split-at 100000,200000,300000 "$SCRATCH/big.csv" >"$SCRATCH/parts"
echo "status $?"
# column,count,nulls,min,max,mean,approx_distinct agree (stddev may differ in its last digit)
cut -d, -f1-7,9 "$SCRATCH/one" | head -5 >"$SCRATCH/one.cut"
cut -d, -f1-7,9 "$SCRATCH/parts" | head -5 | cmp -s - "$SCRATCH/one.cut" && echo "one thread and four parts agree"
cut -d, -f1-5,9 "$SCRATCH/one"
for col in 3 4 5; do
	truth=$(tail -n +2 "$SCRATCH/big.csv" | cut -d, -f$col | sort -u | wc -l)
	est=$(awk -F, -v c=$col 'NR == c + 1 { print $9 }' "$SCRATCH/one")
	awk -v t="$truth" -v e="$est" -v c=$col 'BEGIN {
		d = (e - t) / t; if (d < 0) d = -d
		printf "column %d: %d distinct, estimate within 3%%: %s\n", c, t, d < 0.03 ? "yes" : "no (" e ")"
	}'
done
# k: exact counts (awk); u: nothing stands out; h: late with an upper bound
tail -n +2 "$SCRATCH/big.csv" | cut -d, -f2 | sort | uniq -c | sort -k1,1nr -k2,2n | head -5 |
	awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
grep '^k,' "$SCRATCH/one" | sed 's/.*,"\(.*\)"$/\1/'
grep '^u,' "$SCRATCH/one" | awk -F, '{ print "u most_frequent: [" $10 "]" }'
late=$(grep -c ',late$' "$SCRATCH/big.csv")
grep '^h,' "$SCRATCH/one" | sed "s/.*,'late' <=\([0-9]*\)$/\1/" |
	awk -v t="$late" '{ print "late occurs " t " times, listed alone as <=N with N >= " t ": " ($1 + 0 >= t ? "yes" : "no (" $0 ")") }'
