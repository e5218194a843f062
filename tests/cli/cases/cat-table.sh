# cat --format table lines the columns up for reading.
"$SLUICE" cat --format table simple.csv
