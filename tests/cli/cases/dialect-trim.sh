# --trim drops spaces and tabs around fields and around quoted fields; without it they are data.
"$SLUICE" cat --format json --trim trim.csv
"$SLUICE" cat --format json trim.csv
