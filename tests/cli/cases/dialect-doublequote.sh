# "" is one quote by default; with --no-doublequote the second quote is text after the closing quote.
# The sniffer sees the backslash before a quote and takes it as the escape; --no-sniff does not.
"$SLUICE" cat --format json nodq.csv
"$SLUICE" cat --format json --no-sniff nodq.csv 2>&1
"$SLUICE" cat --format json --no-doublequote --escape '\' nodq.csv
