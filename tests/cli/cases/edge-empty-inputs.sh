# Inputs with no data: an empty file, a header only, only line breaks (each empty line is a record
# of one empty field), and a header without a final line break, in every command.
printf '\n\n\n' >"$SCRATCH/breaks.csv"
printf 'a,b' >"$SCRATCH/nofinal-header.csv"
cp empty.csv header-only.csv "$SCRATCH"
cd "$SCRATCH" || exit 1
for f in empty.csv header-only.csv nofinal-header.csv breaks.csv; do
	echo "== $f"
	printf 'count: %s, --no-header: %s, --skip-empty-lines: %s\n' "$("$SLUICE" count "$f")" \
		"$("$SLUICE" count --no-header "$f")" "$("$SLUICE" count --skip-empty-lines "$f")"
	"$SLUICE" head "$f" | od -An -c | tr -s ' '
	"$SLUICE" cat --format json "$f"
	"$SLUICE" cat --format jsonl "$f"
	"$SLUICE" schema --format csv "$f"
	"$SLUICE" query --format jsonl "SELECT count(*) AS n FROM '$f'"
	"$SLUICE" query --format jsonl "SELECT * FROM '$f'"
	echo "status $?"
done
