# A parallel count and a parallel aggregate split at every byte of a file with quoted line breaks,
# CRLF pairs and doubled quotes give the single-thread answers (the split guesses are checked).
size=$(wc -c <split.csv)
one=$("$SLUICE" count --threads 1 split.csv)
agg=$("$SLUICE" query --threads 1 "SELECT count(*), count(DISTINCT name) FROM 'split.csv'")
bad=0
for at in $(seq 0 "$size"); do
	[ "$("$SLUICE" count --threads 2 --split-at "$at" split.csv)" = "$one" ] || { echo "count differs at $at"; bad=1; }
	[ "$("$SLUICE" query --threads 2 --split-at "$at" "SELECT count(*), count(DISTINCT name) FROM 'split.csv'")" = "$agg" ] ||
		{ echo "query differs at $at"; bad=1; }
done
echo "count: $one"
echo "$agg"
exit $bad
