# head prints the header and then the first N records (10 by default).
"$SLUICE" head -n 2 simple.csv
echo --
"$SLUICE" head numbers.csv
