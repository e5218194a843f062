# Group-by state past --memory-limit: an error naming the limit, status 1 (not an OOM kill).
seq 1 200000 | awk 'BEGIN { print "k,v" } { print $1 "," $1 % 7 }' >many-groups.csv
"$SLUICE" query --memory-limit 256K "SELECT k, count(*) FROM 'many-groups.csv' GROUP BY k" 2>&1 >/dev/null
echo "status $?"
"$SLUICE" query --memory-limit 256K "SELECT v, count(*) FROM 'many-groups.csv' GROUP BY v ORDER BY v"
echo "status $?"
rm -f many-groups.csv
