# Row-printing queries on several threads print the rows of the one-thread run, in file order,
# wherever the ranges split (inside quoted line breaks too, where a range's first guess is wrong).
want=$("$SLUICE" select id,note --threads 1 multiline.csv)
echo "$want"
n=$(wc -c <multiline.csv)
bad=0
step=1
[ -n "${SLUICE_TEST_VALGRIND:-}" ] && step=9 # every 9th byte under valgrind, which is slow to start
for ((i = 1; i < n; i += step)); do
	got=$("$SLUICE" select id,note --split-at "$i,$((i + 5))" multiline.csv)
	[ "$got" = "$want" ] || { echo "split at $i: differs"; bad=1; }
	got=$("$SLUICE" query --split-at "$i" "SELECT note, id * 2 AS twice FROM 'multiline.csv' WHERE id <> 2")
	[ "$got" = "$("$SLUICE" query --threads 1 "SELECT note, id * 2 AS twice FROM 'multiline.csv' WHERE id <> 2")" ] ||
		{ echo "query split at $i: differs"; bad=1; }
done
echo "every split: $([ $bad = 0 ] && echo same)"
