# How values are written: a ';' file with decimal commas, '.' digit groups and day-first dates
# sniffed per column (and summed, compared and printed as numbers and ISO dates); a US comma file
# with month-first dates and AM/PM times, where the quoted "1,234.56" stays text unless --thousands
# says how it is written; yes/no booleans; timestamps with a UTC offset (TIMESTAMPTZ); the flags
# and read_csv's options that fix a format, and bad layouts.
"$SLUICE" schema european.csv
"$SLUICE" query "SELECT * FROM 'european.csv' ORDER BY Datum"
"$SLUICE" query "SELECT sum(Betrag), min(Datum), max(Gebucht) FROM 'european.csv' WHERE Betrag > 0"
"$SLUICE" query --format json "SELECT Datum, Betrag FROM 'european.csv' WHERE Datum >= DATE '2024-01-01' ORDER BY Datum"
"$SLUICE" schema us.csv
"$SLUICE" query "SELECT * FROM 'us.csv' ORDER BY date"
"$SLUICE" query --thousands , "SELECT amount FROM 'us.csv'"
"$SLUICE" query "SELECT amount FROM read_csv('us.csv', thousands = ',')"
# values that do not tell day from month: '/' is month first unless told
printf 'd;t\n03/04/2024;03/04/2024 10:00\n01/02/2024;01/02/2024 11:30\n' >"$SCRATCH/ambiguous.csv"
"$SLUICE" query "SELECT d, t FROM '$SCRATCH/ambiguous.csv'"
"$SLUICE" query --date-format %d/%m/%Y --timestamp-format '%d/%m/%Y %H:%M' "SELECT d, t FROM '$SCRATCH/ambiguous.csv'"
"$SLUICE" query "SELECT d FROM read_csv('$SCRATCH/ambiguous.csv', dateformat = '%d/%m/%Y')"
# a layout the values do not fit leaves them text
"$SLUICE" schema --date-format %d/%m/%Y us.csv | grep date
# yes and no are booleans (as to DuckDB's sniffer); y/n, NA, N/A, \N and - are text unless --null says
printf 'a;b;c;d\nyes;y;NA;1\nNO;n;2;0\n' >"$SCRATCH/words.csv"
"$SLUICE" schema "$SCRATCH/words.csv" | tail -4
"$SLUICE" query --null NA "SELECT a, NOT a AS na, c + 1 AS c1 FROM '$SCRATCH/words.csv'"
# --decimal alone: no digit groups, so 1.234,56 is no number
"$SLUICE" schema --decimal , european.csv | grep Betrag
"$SLUICE" query --date-format '%d.%m' "SELECT 1 FROM 'us.csv'" ; echo "status $?"
"$SLUICE" query "SELECT 1 FROM read_csv('us.csv', dateformat = '%d %q')" ; echo "status $?"
"$SLUICE" query --decimal ';' "SELECT 1 FROM 'us.csv'" ; echo "status $?"
# a UTC offset makes an instant (TIMESTAMPTZ), printed in UTC as DuckDB does with TimeZone 'UTC'
printf 'id,at,local\n1,2024-03-25 14:30:00+02:00,2024-03-25 14:30:00\n2,2024-03-25T12:00:00Z,2024-03-25 13:00:00\n3,2024-01-01 00:00:00-05,2024-01-01 00:00:00\n' >"$SCRATCH/zoned.csv"
"$SLUICE" schema "$SCRATCH/zoned.csv" | tail -3
"$SLUICE" query --format jsonl "SELECT id, \"at\", CAST(\"at\" AS TIMESTAMP) AS ts, \"at\" > local AS later FROM '$SCRATCH/zoned.csv' ORDER BY \"at\""
"$SLUICE" query --format table "SELECT min(\"at\"), max(\"at\"), date_trunc('day', max(\"at\")) AS d FROM '$SCRATCH/zoned.csv' WHERE \"at\" >= '2024-03-25 12:00:00Z'"
