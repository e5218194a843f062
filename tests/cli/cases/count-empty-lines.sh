# An empty line is a record with one empty field unless --skip-empty-lines drops it.
"$SLUICE" count empty-lines.csv
"$SLUICE" count --skip-empty-lines empty-lines.csv
