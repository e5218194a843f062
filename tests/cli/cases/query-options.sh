# Query options: --null adds NULL spellings (so the column reads as BIGINT), read_csv() options in
# the SQL, the delimiter guessed without -d and taken as given with it, --no-header names columns
# column0..., --types forces a type.
printf 'k,v\na,1\nb,NA\nc,3\n' >"$SCRATCH/na.csv"
cd "$SCRATCH"
"$SLUICE" query --format jsonl "SELECT k, v FROM 'na.csv'"
"$SLUICE" query --null NA --null none --format jsonl "SELECT k, v FROM 'na.csv'"
cd - >/dev/null
"$SLUICE" query "SELECT b, c FROM read_csv('semicolon.csv', delim=';')"
"$SLUICE" query "SELECT b, c FROM 'semicolon.csv'"
"$SLUICE" query -d '|' "SELECT * FROM 'simple.csv' LIMIT 1"
"$SLUICE" query --no-header "SELECT column0, column2 FROM 'simple.csv' LIMIT 2"
"$SLUICE" query --types id=VARCHAR --format json "SELECT id FROM 'simple.csv' LIMIT 1"
