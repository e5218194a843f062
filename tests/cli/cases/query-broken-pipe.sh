# A reader that stops early (head -1) is not an error for query either: exit 0, nothing on stderr.
set -o pipefail
awk 'BEGIN { print "id,payload"; for (i = 1; i <= 100000; i++) printf "%d,\"row %d, padded with some text to make a few megabytes\"\n", i, i }' >"$SCRATCH/big.csv"
"$SLUICE" query "SELECT id, payload FROM '$SCRATCH/big.csv'" | head -1
echo "pipeline exit $?"
