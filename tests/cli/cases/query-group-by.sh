# query GROUP BY with aggregates (sum of DOUBLE is DOUBLE, avg skips NULL), HAVING, and an unaliased
# aggregate named by its text.
"$SLUICE" query "SELECT city, count(*) AS n, sum(fare) AS total, avg(fare) FROM 'trips.csv' GROUP BY city ORDER BY city"
"$SLUICE" query "SELECT city, count(*) AS n FROM 'trips.csv' GROUP BY city HAVING count(*) > 1 ORDER BY n DESC"
"$SLUICE" query "SELECT paid, min(day) AS first, max(fare) AS top FROM 'trips.csv' GROUP BY paid ORDER BY paid"
