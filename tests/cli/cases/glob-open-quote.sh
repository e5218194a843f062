# A quoted field left open at the end of one file of several ends with that file: repaired (and
# counted) by lenient reading, an error naming that file with --strict; the next file's records are
# read as they are, and errors in it name its own lines.
mkdir -p "$SCRATCH/g"
printf 'a,b\n1,"ok"\n2,"open\n' >"$SCRATCH/one.csv"
printf 'a,b\n3,x\n4,y\n' >"$SCRATCH/two.csv"
cp "$SCRATCH/one.csv" "$SCRATCH/two.csv" "$SCRATCH/g/"
printf 'a,b\n5,z\n6,"bad"q\n' >"$SCRATCH/three.csv"
cd "$SCRATCH" || exit 1
printf 'count: '; "$SLUICE" count one.csv two.csv 2>&1
"$SLUICE" cat --format jsonl one.csv two.csv 2>&1
printf 'query: '; "$SLUICE" query --format csv "SELECT count(*) AS n, sum(a) AS s FROM 'one.csv'" 2>/dev/null | tail -1
"$SLUICE" query --format csv "SELECT a, b FROM 'g/*.csv'" 2>&1
printf 'from standard input too: '; cat one.csv | "$SLUICE" count - two.csv 2>&1
echo "== strict"
"$SLUICE" count --strict one.csv two.csv 2>&1
echo "status $?"
"$SLUICE" count --strict two.csv three.csv 2>&1
echo "status $?"
