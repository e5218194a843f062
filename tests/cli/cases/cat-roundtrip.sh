# Fields with quotes, delimiters and line breaks survive a csv round trip byte for byte.
"$SLUICE" cat --format csv roundtrip.csv >"$SCRATCH/once.csv"
cmp roundtrip.csv "$SCRATCH/once.csv" && echo "first pass identical"
"$SLUICE" cat --format csv "$SCRATCH/once.csv" | cmp - roundtrip.csv && echo "second pass identical"
"$SLUICE" cat --format json roundtrip.csv
