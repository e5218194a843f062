# An unknown column exits 2 with no output; the caret points at the name (on its own line of a
# multi-line query, under a tab where the line has one).
"$SLUICE" query "SELECT id, nope FROM 'trips.csv'" 2>"$SCRATCH/err"
echo "exit $?"
head -1 "$SCRATCH/err" | grep -q '^sluice: .*"\{0,1\}nope' && echo "message names the column"
tail -n +2 "$SCRATCH/err"
"$SLUICE" query "SELECT id
FROM 'trips.csv'
WHERE	nope > 1" 2>"$SCRATCH/err"
echo "exit $?"
tail -n +2 "$SCRATCH/err"
