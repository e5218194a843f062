# --rejects: records that --strict or --ragged error would stop at go to FILE as JSON lines, the
# count goes on, and count + diverted = the lenient count. Parallel counts divert the same records,
# in file order, wherever the file is split.
r=$SCRATCH/rejects.jsonl
printf 'lenient: '; "$SLUICE" count rejects.csv
printf 'strict: '; "$SLUICE" count --strict --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
cat "$r"
printf 'counted + diverted: '; echo $(( $("$SLUICE" count --strict --rejects "$r" rejects.csv 2>/dev/null) + $(wc -l < "$r") ))
echo "== on threads"
cp "$r" "$SCRATCH/serial.jsonl"
for split in 30 50,110 20,60,100,125 25,47,60,75,88,102,112,122; do
	printf '%s: ' "$split"
	"$SLUICE" count --strict --threads 4 --split-at "$split" --rejects "$r" rejects.csv 2>/dev/null
	cmp -s "$r" "$SCRATCH/serial.jsonl" && echo "same rejects"
done
echo "== with --ragged error"
"$SLUICE" count --strict --ragged error --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
cat "$r"
echo "== standard input"
"$SLUICE" count --strict --rejects "$r" - < rejects.csv 2>&1 | sed "s|$SCRATCH/||"
cmp -s "$r" "$SCRATCH/serial.jsonl" && echo "same rejects"
