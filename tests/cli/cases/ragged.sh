# --ragged: records whose field count differs from the header's.
for m in keep pad truncate; do
	echo "== $m"
	"$SLUICE" cat --ragged "$m" --format json ragged.csv 2>&1
done
echo "== pad: null in jsonl, an empty field in csv"
"$SLUICE" cat --ragged pad --format jsonl ragged.csv 2>/dev/null
"$SLUICE" cat --ragged pad --format csv ragged.csv 2>/dev/null
echo "== error"
"$SLUICE" cat --ragged error ragged.csv 2>&1
echo "status $?"
"$SLUICE" count --ragged error ragged.csv 2>&1
echo "status $?"
echo "== query pads with NULL"
"$SLUICE" query --ragged pad --format jsonl "SELECT a, c FROM 'ragged.csv'" 2>&1
echo "== query: the error found while sampling the column's type names its line"
"$SLUICE" query --ragged error "SELECT sum(a) FROM 'ragged.csv'" 2>&1
echo "status $?"
