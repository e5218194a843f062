# stats: one row per column of stats.csv (every type, NULLs, a quoted quote, ties). The expected
# rows were computed apart with Python (csv, statistics.fmean/stdev, collections.Counter): counts,
# NULLs, min/max by type, mean and sample standard deviation, exact distinct counts (few values),
# and the most frequent values, ties by value.
"$SLUICE" stats stats.csv
echo "status $?"
# a few columns (names match without regard to case, as in SQL), the top 2, as a table
"$SLUICE" stats --format table --columns SCORE,name --top 2 stats.csv
# --top 0 leaves most_frequent out; JSON keeps numbers, booleans and NULLs typed
"$SLUICE" stats --format jsonl --top 0 --columns ok,day,ratio stats.csv
"$SLUICE" stats --format json --columns=note --top=1 stats.csv
# the query options apply: --null adds a NULL spelling, --types forces a type
"$SLUICE" stats --format tsv --null x --columns note stats.csv
"$SLUICE" stats --types score=DOUBLE --columns score stats.csv
