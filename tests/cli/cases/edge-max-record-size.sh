# --max-record-size: a record longer than the limit is an error naming its line and status 1,
# the same for the cursor (cat, select) and for counts on one thread or several, wherever the
# file is split (a count checks the record in progress once per window, not once per record).
f=$SCRATCH/long.csv
{
	printf 'id,text\n'
	seq 1 50 | sed 's/$/,short/'
	printf '51,'; head -c 2000000 /dev/zero | tr '\0' y; printf '\n'
	seq 52 100 | sed 's/$/,short/'
} >"$f"
for cmd in "cat" "count" "count --threads 1" "count --threads 3 --split-at 100,200" \
	"count --threads 3 --split-at 500,1000000" "count --threads 2 --split-at 1500000"; do
	printf '%s: ' "$cmd"
	# shellcheck disable=SC2086
	"$SLUICE" $cmd --max-record-size 1M "$f" 2>&1 >/dev/null | sed "s|$SCRATCH/||"
	echo "status ${PIPESTATUS[0]}"
done
printf 'select: '
"$SLUICE" select id --where "id > 0" --max-record-size 1M "$f" 2>&1 >/dev/null | sed "s|$SCRATCH/||"
printf 'query count(*): '
"$SLUICE" query --max-record-size 1M "SELECT count(*) FROM '$f'" 2>&1 >/dev/null | sed "s|$SCRATCH/||"
echo "== a limit the record fits in"
"$SLUICE" count --max-record-size 2M "$f"
"$SLUICE" count --threads 3 --split-at 500,1000000 --max-record-size 2M "$f"
