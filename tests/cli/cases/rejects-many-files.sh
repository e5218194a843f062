# Rejects from several files read as one table name the file each record is in and its line there.
printf 'a,b\n1,2\n3,x\n' >"$SCRATCH/one.csv"
printf 'a,b\n4,5\n6,7,8\n9,"y"z\n10,11\n' >"$SCRATCH/two.csv"
cd "$SCRATCH" || exit 1
"$SLUICE" count --strict --ragged error --rejects rejects.jsonl one.csv two.csv
echo "status $?"
cat rejects.jsonl
