# The error line is the physical line (a quoted line break before it counts); the column is the field number.
"$SLUICE" cat --format json after-quote.csv 2>/dev/null
"$SLUICE" count --strict after-quote.csv
