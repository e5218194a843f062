# cat --format json prints one array of arrays of strings, the header first.
"$SLUICE" cat --format json people.csv
"$SLUICE" cat --format json empty.csv
