# The format of an input is told by its bytes, never its name: xz, bzip2 and zip (one file) give the
# answers of the plain file for count, head and a grouped query; concatenated xz and bzip2 streams
# read as one; and what sluice cannot read is refused with status 1 and a message naming the file:
# a zip of several files or none, truncated data, binary data, UTF-16 without a byte order mark
# (with one it is read: encodings.sh).
xz -c trips.csv >"$SCRATCH/trips.csv.xz"
bzip2 -c trips.csv >"$SCRATCH/trips.csv.bz2"
cp "$SCRATCH/trips.csv.xz" "$SCRATCH/looks-plain.csv"        # xz under a .csv name
(cd "$SCRATCH" && cp "$OLDPWD/trips.csv" t.csv && zip -q trips.zip t.csv && cp t.csv u.csv && zip -q two.zip t.csv u.csv)
{ xz -c trips.csv; xz -c trips.csv; } >"$SCRATCH/twice.xz"
{ bzip2 -c trips.csv; bzip2 -c trips.csv; } >"$SCRATCH/twice.bz2"

run() { # COMMAND...: the plain file's answer, then whether each encoded copy agrees
	local want
	want=$("$SLUICE" "$@" trips.csv 2>&1)
	echo "== $*"
	echo "$want"
	for f in trips.csv.xz trips.csv.bz2 trips.zip looks-plain.csv; do
		[ "$("$SLUICE" "$@" "$SCRATCH/$f" 2>&1)" = "$want" ] && echo "$f: same"
	done
	[ "$("$SLUICE" "$@" - <"$SCRATCH/trips.csv.xz" 2>&1)" = "$want" ] && echo "xz on stdin: same"
	[ "$("$SLUICE" "$@" - <"$SCRATCH/trips.zip" 2>&1)" = "$want" ] && echo "zip on stdin: same"
}
run count
run head -n 2
echo "== query"
q="SELECT city, count(*) AS n, sum(fare) AS s FROM '%s' GROUP BY city ORDER BY city"
# shellcheck disable=SC2059
want=$("$SLUICE" query "$(printf "$q" trips.csv)")
echo "$want"
for f in trips.csv.xz trips.csv.bz2 trips.zip; do
	# shellcheck disable=SC2059
	[ "$("$SLUICE" query "$(printf "$q" "$SCRATCH/$f")")" = "$want" ] && echo "$f: same"
done

echo "== concatenated streams: both copies, the second header a record"
"$SLUICE" count "$SCRATCH/twice.xz"
"$SLUICE" count "$SCRATCH/twice.bz2"

refused() { # FILE: the status and the message, with the scratch path cut
	"$SLUICE" count "$1" 2>&1 | sed "s|$SCRATCH/||"
	echo "status ${PIPESTATUS[0]}"
}
echo "== refused"
refused "$SCRATCH/two.zip"
python3 -c "import zipfile; zipfile.ZipFile('$SCRATCH/empty.zip', 'w').close()"
refused "$SCRATCH/empty.zip"
"$SLUICE" count - <"$SCRATCH/two.zip" 2>&1
echo "status $?"
cut_half() { head -c $(($(stat -c %s "$1") / 2)) "$1" >"$2"; }
cut_half "$SCRATCH/trips.csv.xz" "$SCRATCH/cut.xz"
refused "$SCRATCH/cut.xz"
cut_half "$SCRATCH/trips.csv.bz2" "$SCRATCH/cut.bz2"
cut_half "$SCRATCH/trips.zip" "$SCRATCH/cut.zip"
refused "$SCRATCH/cut.zip"
refused "$SCRATCH/cut.bz2"
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$SCRATCH/report.csv"
refused "$SCRATCH/report.csv"
# UTF-16 without a byte order mark: every other byte is NUL
python3 -c "import sys; sys.stdout.buffer.write(('id,name\n' + ''.join('%d,row %d\n' % (i, i) for i in range(100))).encode('utf-16-le'))" >"$SCRATCH/utf16le.csv"
refused "$SCRATCH/utf16le.csv"
# a NUL inside a text field is data, not a reason to refuse the file
printf 'a,b\nx\0y,1\n' >"$SCRATCH/nul.csv"
refused "$SCRATCH/nul.csv"
