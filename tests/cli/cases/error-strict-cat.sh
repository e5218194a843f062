# cat --strict reports the same FILE:LINE:FIELD location as count --strict and exits 1.
"$SLUICE" cat --format csv --strict bare-quote.csv >/dev/null
