# --strict rejects a quote inside an unquoted field at FILE:LINE:FIELD; lenient reading keeps it as data.
"$SLUICE" count bare-quote.csv 2>/dev/null
"$SLUICE" count --strict bare-quote.csv
