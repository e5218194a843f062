# Duplicate and empty header names. head and cat print the header as it is; JSON keys, queries
# and schema name the columns alike, as DuckDB does (an empty name is columnN, N its position from
# 0; a repeated name gets _1, _2, ...), so every column can be named.
printf 'a,a,,b,,a_1,a\n1,2,3,4,5,6,7\n' >"$SCRATCH/names.csv"
cd "$SCRATCH" || exit 1
"$SLUICE" head names.csv
"$SLUICE" cat --format jsonl names.csv
"$SLUICE" schema --format csv names.csv
"$SLUICE" query "SELECT * FROM 'names.csv'"
"$SLUICE" query --format jsonl "SELECT a, a_1, a_1_1, a_2, column2, column4, b FROM 'names.csv'"
"$SLUICE" select "a_2 + a_1 AS s" --types a_2=DOUBLE names.csv
echo "== a header of empty names only"
printf ',,\n1,2,3\n' >"$SCRATCH/blank.csv"
"$SLUICE" query "SELECT column0, column2 FROM read_csv('blank.csv', header = true)"
"$SLUICE" head --header --format jsonl blank.csv
