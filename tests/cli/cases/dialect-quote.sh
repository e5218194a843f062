# --quote changes the quote byte; --no-quote makes quotes ordinary data.
"$SLUICE" cat --format json --quote "'" squote.csv
"$SLUICE" cat --format json --no-quote noquote.csv
