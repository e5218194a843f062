# cat --format csv writes the header and records back, quoting only where needed.
"$SLUICE" cat --format csv people.csv
"$SLUICE" cat --format csv simple.csv
