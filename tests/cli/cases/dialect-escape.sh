# --escape makes the next byte data, inside or outside quotes (\n is just n).
"$SLUICE" cat --format json --escape '\' escape.csv
