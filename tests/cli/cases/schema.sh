# schema prints the dialect and each column's inferred type: as text, as one JSON object, or as
# name,type rows of a text format. The delimiter is guessed unless -d is given; --types and --null
# change the types as they would for a query.
"$SLUICE" schema trips.csv
"$SLUICE" schema --format json trips.csv
"$SLUICE" schema --format csv semicolon.csv
"$SLUICE" schema tabs.tsv
"$SLUICE" schema -d , --format tsv semicolon.csv
"$SLUICE" schema --no-header --types column0=BIGINT --format csv numbers.csv
"$SLUICE" schema - <trips.csv 2>/dev/null
echo "standard input: exit $?"
