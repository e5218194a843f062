# Text in other encodings reads as its UTF-8: UTF-16 with a byte order mark by itself (count, cat,
# head, a query, standard input, a gzip of it), others with --encoding or read_csv(encoding = ...);
# sniff says which encoding it read. Bytes that are no character exit 1 naming file and byte
# offset; an encoding iconv does not know exits 2.
text='id,city,note
1,Zürich,"two
lines"
2,東京,"say ""hi"""
3,Zürich,plain
'
py() { python3 -c "import sys; sys.stdout.buffer.write($1)"; }
printf '%s' "$text" >"$SCRATCH/utf8.csv"
T="$text" py "b'\xff\xfe' + __import__('os').environ['T'].encode('utf-16-le')" >"$SCRATCH/utf16.csv"
T="$text" py "__import__('os').environ['T'].encode('utf-16-be')" >"$SCRATCH/nobom-be.csv"
gzip -c "$SCRATCH/utf16.csv" >"$SCRATCH/utf16.csv.gz"
cd "$SCRATCH" || exit 1

echo "== count, cat, head of UTF-16LE with a byte order mark"
"$SLUICE" count utf16.csv
"$SLUICE" cat utf16.csv
[ "$("$SLUICE" cat utf16.csv)" = "$("$SLUICE" cat utf8.csv)" ] && echo "cat: same as the UTF-8 file"
"$SLUICE" head -n 1 utf16.csv
"$SLUICE" cat - <utf16.csv | head -n 1
"$SLUICE" count utf16.csv.gz
echo "== query"
"$SLUICE" query "SELECT city, count(*) AS n FROM 'utf16.csv' GROUP BY city ORDER BY city"
"$SLUICE" query "SELECT note FROM 'utf16.csv.gz' WHERE id = 2"
echo "== sniff"
"$SLUICE" sniff --format json utf16.csv | grep -o '"encoding":"[^"]*"'
"$SLUICE" sniff --format json utf8.csv | grep -o '"encoding":"[^"]*"'
"$SLUICE" sniff nobom-be.csv --encoding utf-16 | head -n 2

echo "== latin1 and cp1252"
printf 'id,name\n1,caf\xe9\n2,na\xefve\n' >latin1.csv
"$SLUICE" cat --encoding latin1 latin1.csv
"$SLUICE" query "SELECT name FROM read_csv('latin1.csv', encoding = 'ISO-8859-1') WHERE id = 1"
printf 'item,price\ncoffee,\x803\nquote,\x93hi\x94\n' >cp1252.csv
"$SLUICE" cat --encoding cp1252 cp1252.csv
"$SLUICE" cat --encoding windows-1252 cp1252.csv | tail -n 1
"$SLUICE" sniff --format json --encoding cp1252 cp1252.csv | grep -o '"encoding":"[^"]*"'

echo "== errors"
{ cat utf16.csv; printf 'x'; } >odd.csv
"$SLUICE" count odd.csv 2>&1
echo "status $?"
{ printf '\xff\xfe'; py "'a,b\n1,'.encode('utf-16-le') + b'\x00\xdc' + b'\n\x00'"; } >lone.csv
"$SLUICE" cat lone.csv 2>&1
echo "status $?"
printf 'a,b\n1,\x81\n' >undefined.csv
"$SLUICE" cat --encoding cp1252 undefined.csv 2>&1
echo "status $?"
"$SLUICE" count --encoding klingon utf8.csv 2>&1
echo "status $?"
"$SLUICE" query "SELECT count(*) FROM read_csv('utf8.csv', encoding = 'klingon')" 2>&1
echo "status $?"
