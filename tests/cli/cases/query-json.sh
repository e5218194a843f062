# query --format json/jsonl: names first (json), typed values: BIGINT and DOUBLE as numbers, BOOLEAN as
# true/false, NULL as null, DATE as a string; inf and nan, which JSON lacks, as strings. The text
# formats print NULL as an empty field.
sql="SELECT id, city, fare, paid, day FROM 'trips.csv' WHERE id IN (2, 3)"
"$SLUICE" query --format json "$sql"
"$SLUICE" query --format jsonl "$sql"
"$SLUICE" query --format tsv "$sql"
"$SLUICE" query --format json "SELECT CAST('inf' AS DOUBLE) AS a, CAST('-inf' AS DOUBLE) AS b, CAST('nan' AS DOUBLE) AS c, NULL AS d FROM 'trips.csv' LIMIT 1"
# no rows: json still names the columns
"$SLUICE" query --format json "SELECT id FROM 'trips.csv' WHERE id > 100"
# repeated names stay distinct keys in jsonl
"$SLUICE" query --format jsonl "SELECT id, id, city AS id FROM 'trips.csv' LIMIT 1"
