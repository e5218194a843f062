# --progress draws the progress line although stderr is no terminal, and ends with the bytes read:
# each input byte once, whether one thread reads the file or several read ranges of it (a count,
# an aggregate, rows), and however many pieces the ranges are cut in. Only that last line is
# compared: the lines before it depend on time.
cd "$SCRATCH" || exit 1
f=progress.csv
awk 'BEGIN { print "id,grp,val"; for (i = 0; i < 400000; i++) printf "%d,g%d,%d.5\n", i, i % 7, i % 1000 }' >"$f"
size=$(wc -c <"$f")
bytes() {
	"$SLUICE" "$@" --progress 2>&1 >/dev/null | sed -n 's/^sluice: read \([0-9]*\) bytes in .*/\1/p'
}
for t in 1 2 3; do
	for cmd in "count" "cat" "query SELECT_grp,sum(val)_FROM_'$f'_GROUP_BY_grp" "query SELECT_id_FROM_'$f'_WHERE_val_>_990" "count --where val>990"; do
		set -- ${cmd//_/ }
		if [ "$1" = query ]; then
			got=$(bytes query --threads "$t" "${*:2}")
		else
			got=$(bytes "$@" --threads "$t" "$f")
		fi
		[ "$got" = "$size" ] && echo "ok $t threads: $cmd" || echo "$t threads, $cmd: read $got bytes of $size"
	done
done
got=$(bytes count --split-at 1000,2000,3000,5000000 "$f")
[ "$got" = "$size" ] && echo "ok: --split-at" || echo "--split-at: read $got bytes of $size"
"$SLUICE" count --no-progress --progress "$f" 2>&1 | sed 's/ in .*//'
"$SLUICE" count --progress --no-progress "$f" 2>&1
