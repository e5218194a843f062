# stats and frequency read their inputs as queries do: several files as one table, compressed
# files; frequency also reads standard input (one pass), stats refuses it (two reads).
"$SLUICE" stats --top 3 --columns city,fare trips.csv trips.csv
gzip -c trips.csv >"$SCRATCH/trips.csv.gz"
"$SLUICE" stats --top 3 --columns city "$SCRATCH/trips.csv.gz"
"$SLUICE" frequency city trips.csv "$SCRATCH/trips.csv.gz"
"$SLUICE" frequency --top 1 city - <trips.csv
