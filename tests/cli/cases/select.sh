# select COLS --where EXPR FILE runs SELECT COLS FROM 'FILE' WHERE EXPR: expressions and aliases in
# COLS, the query options, and a path with a quote in it (doubled in the SQL literal).
"$SLUICE" select "id, city" --where "fare > 10" trips.csv
"$SLUICE" select "city, fare * 2 AS twice" --where "paid AND fare IS NOT NULL" --format table trips.csv
"$SLUICE" select "*" simple.csv
cp trips.csv "$SCRATCH/it's.csv"
"$SLUICE" select id --where "city = 'Bergen'" --format jsonl "$SCRATCH/it's.csv"
