# CR-only line ends, CRLF, no final line break and a BOM read the same in every command (count has
# its own cases): head, cat as JSON, schema and a query.
for f in cr.csv crlf.csv nofinal.csv bom.csv; do
	echo "== $f"
	"$SLUICE" head -n 1 "$f" | od -An -c | tr -s ' '
	"$SLUICE" cat --format json "$f"
	"$SLUICE" schema "$f" | sed -n '/^columns:/,$p'
	"$SLUICE" query --format jsonl "SELECT * FROM '$f'"
done
echo "== a lone CR inside quotes is data, and a CR-only file splits anywhere"
printf 'a,b\r1,"x\ry"\r2,z\r' >"$SCRATCH/cr.csv"
"$SLUICE" cat --format jsonl "$SCRATCH/cr.csv"
for s in 5 6 8 12; do printf '%s ' "$("$SLUICE" count --threads 2 --split-at "$s" "$SCRATCH/cr.csv")"; done; echo
