# One field of 256 MiB, plain and then quoted and made of line breaks: counted, printed and
# measured whole, on one thread and several (every guessed split falls inside the field), and
# refused by a smaller --max-record-size. Under valgrind (SLUICE_TEST_VALGRIND, which
# tools/run-tests.sh sets) the field is 8 MiB.
size=$((256 << 20))
[ -n "${SLUICE_TEST_VALGRIND:-}" ] && size=$((8 << 20))
f=$SCRATCH/huge.csv
{ printf 'blob\n'; head -c "$size" /dev/zero | tr '\0' x; printf '\n'; } >"$f"
printf 'count: '; "$SLUICE" count "$f"
n=$("$SLUICE" cat "$f" | wc -c)
[ "$n" -eq $((size + 6)) ] && echo "cat: every byte"
{ printf 'blob,n\n"'; head -c "$size" /dev/zero | tr '\0' '\n'; printf '",1\n'; } >"$f"
printf 'quoted, all line breaks: '; "$SLUICE" count "$f"
printf 'on threads: '; "$SLUICE" count --threads 4 "$f"
"$SLUICE" query "SELECT length(blob) = $size AS whole, n FROM '$f'"
"$SLUICE" count --max-record-size 1M "$f" 2>&1 | sed "s|$SCRATCH/||"
echo "status ${PIPESTATUS[0]}"
