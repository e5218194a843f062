# A column reference names its output column after the column it reads, as DuckDB does: a quoted
# identifier without its quotes ("user id" is user id), a bare one spelled as the header spells it
# (X is x); other expressions keep their SQL text. Each format writes the same names.
printf '%s\n' '"user id",x,Mixed' '1,2,3' >"$SCRATCH/q.csv"
sql="SELECT \"user id\", X, \"Mixed\", mixed AS m, \"user id\" + 1 FROM '$SCRATCH/q.csv'"
for f in csv json jsonl table; do
	"$SLUICE" query --format "$f" "$sql"
done
"$SLUICE" select --format csv '"user id", x' "$SCRATCH/q.csv"
