# "" is one quote by default; with --no-doublequote the second quote is text after the closing quote.
"$SLUICE" cat --format json nodq.csv
"$SLUICE" cat --format json --no-doublequote --escape '\' nodq.csv
