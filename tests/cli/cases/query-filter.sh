# query WHERE: comparisons, AND/OR/NOT on a BOOLEAN column, IS NULL, LIKE, BETWEEN on dates, IN.
for where in "fare > 10 AND paid" "city = 'Oslo' OR fare < 9" "fare IS NULL" "city LIKE 'B%'" \
	"day BETWEEN DATE '2024-01-04' AND DATE '2024-01-05'" "id IN (2, 6) AND NOT paid"; do
	echo "-- $where"
	"$SLUICE" query "SELECT id FROM 'trips.csv' WHERE $where" | tail -n +2 | tr '\n' ' '
	echo
done
# --no-prefilter gives the same rows
"$SLUICE" query --no-prefilter "SELECT id, city FROM 'trips.csv' WHERE city = 'Oslo' AND fare > 10"
