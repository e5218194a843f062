# Lines of several MiB (longer than a window, and than a count's step): counted, printed unchanged,
# measured, and split anywhere on threads.
f=$SCRATCH/long.csv
{
	printf 'k,text,n\n'
	for i in 1 2 3; do
		printf '%s,' "$i"; head -c $((3 << 20)) /dev/zero | tr '\0' a; printf ',%s\n' "$i"
		printf '%s,"' "$i"; head -c $((5 << 20)) /dev/zero | tr '\0' ','; printf '",%s\n' "$i"
	done
	echo 4,short,4
} >"$f"
printf 'count: '; "$SLUICE" count "$f"
for s in 1000 4000000,9000000 3145740,8388620,20000000; do
	printf 'split at %s: ' "$s"; "$SLUICE" count --threads 3 --split-at "$s" "$f"
done
"$SLUICE" cat "$f" | cmp -s - "$f" && echo "cat: the same bytes"
"$SLUICE" query "SELECT k, length(text) AS len, n FROM '$f'"
"$SLUICE" query --threads 3 --split-at 4000000,9000000 "SELECT sum(length(text)) AS total, count(*) AS n FROM '$f'"
