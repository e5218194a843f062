# Repeated and empty header names become the same distinct names in every JSON output of every
# command, the names DuckDB 1.5 gives the columns of the same file: a repeat gets _K, K counting
# the times that name came again, and the result is checked in turn; case does not tell names
# apart; an empty name is columnN.
#   a,a,a_1      -> a, a_1, a_1_1
#   a,a_1,a,a    -> a, a_1, a_1_1, a_2
#   A,a,a        -> A, a_1, a_2
#   column1,,    -> column1, column1_1, column2
heads=('a,a,a_1' 'a,a_1,a,a' 'A,a,a' 'column1,,')
for h in "${heads[@]}"; do
	f=$SCRATCH/names.csv
	printf '%s\n%s\n' "$h" "$(printf '%s' "$h" | sed 's/[^,]*/1/g')" >"$f"
	echo "== $h"
	for fmt in json jsonl; do
		"$SLUICE" head --format "$fmt" "$f"
		"$SLUICE" cat --format "$fmt" "$f"
		"$SLUICE" select --format "$fmt" '*' "$f"
		"$SLUICE" query --format "$fmt" "SELECT * FROM '$f'"
	done
	"$SLUICE" schema --format csv "$f"
done
