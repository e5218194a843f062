# A reader that stops early (head -1) is not an error: sluice exits 0 and prints nothing on stderr.
set -o pipefail
awk 'BEGIN { print "id,payload"; for (i = 1; i <= 100000; i++) printf "%d,\"row %d, padded with some text to make a few megabytes\"\n", i, i }' >"$SCRATCH/big.csv"
"$SLUICE" cat --format csv "$SCRATCH/big.csv" | head -1
echo "pipeline exit $?"
