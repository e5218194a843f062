# data.sh - sourced by the bench scripts: the generated datasets they share.
#
# bench_data TABLE SIZE: prints the path of the TABLE (trips, logs) file of SIZE bytes (sluice-gen's
# --size syntax) made with seed $SEED in $DIR, generating it first with $GEN when needed. The name
# carries table, size and seed, and the .records file beside it holds the generator's "records: N"
# line and is written only once the data is complete, so every script reuses the others' files and
# a generation cut off halfway is never reused. Calls die (each script's own) when it fails.
bench_data() {
	local f=$DIR/$1-$2-seed$SEED.csv
	if [ ! -s "$f" ] || [ ! -s "$f.records" ]; then
		echo "generating $f ..." >&2
		mkdir -p "$DIR"
		rm -f "$f" "$f.records"
		"$GEN" "$1" --size "$2" --seed "$SEED" -o "$f.tmp" 2>"$f.records.tmp" || die "sluice-gen $1 --size $2 failed"
		mv "$f.tmp" "$f"
		mv "$f.records.tmp" "$f.records"
		# the kernel writes the new file back to disk for a while after: wait for it here, or
		# the first timed runs share the machine with that writeback
		sync "$f"
	fi
	echo "$f"
}
