# --trim drops spaces and tabs around fields and around quoted fields; without it they are data.
# (Two records of two widths, padded with runs of spaces: -d says the delimiter the sniffer could
# not tell from a space.)
"$SLUICE" cat --format json --trim trim.csv
"$SLUICE" cat --format json -d , trim.csv
