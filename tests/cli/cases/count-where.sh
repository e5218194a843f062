# count --where EXPR counts the records for which EXPR is true (SELECT count(*) ... WHERE EXPR), with the
# query options; without --where count is unchanged, and the query options need --where.
"$SLUICE" count --where "city = 'Oslo'" trips.csv
"$SLUICE" count --where "fare > 10 AND paid" trips.csv
"$SLUICE" count --where "fare > 1000" trips.csv
"$SLUICE" count --where "fare IS NULL" --types fare=BIGINT trips.csv 2>/dev/null
"$SLUICE" count trips.csv
"$SLUICE" count --where "nope = 1" trips.csv 2>/dev/null
echo "unknown column: exit $?"
"$SLUICE" count --where "id > 1" - <trips.csv 2>/dev/null
echo "standard input: exit $?"
"$SLUICE" count --types fare=BIGINT trips.csv 2>/dev/null
echo "--types without --where: exit $?"
