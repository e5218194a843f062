# cat and head with --rejects print the well-formed records only, exit 0 and say how many went to
# FILE; without a reason to stop (lenient reading), FILE stays empty and nothing is said.
r=$SCRATCH/rejects.jsonl
"$SLUICE" cat --strict --ragged error --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
cut -c1-40 "$r"
echo "== jsonl"
"$SLUICE" cat --strict --format jsonl --rejects "$r" rejects.csv 2>/dev/null
echo "== head -n 2: the rejects met on the way"
"$SLUICE" head -n 2 --strict --rejects "$r" rejects.csv 2>&1 | sed "s|$SCRATCH/||"
cut -c1-40 "$r"
echo "== lenient"
"$SLUICE" cat --rejects "$r" rejects.csv 2>&1 | wc -l
echo "status ${PIPESTATUS[0]}"
wc -c < "$r"
