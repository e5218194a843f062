# query ORDER BY (several keys, ASC/DESC) with LIMIT and OFFSET. NULLs sort last in both directions
# (DuckDB's default), so the NULL fare is never among the top 3 of a DESC order.
"$SLUICE" query "SELECT id, fare FROM 'trips.csv' ORDER BY fare DESC LIMIT 3"
"$SLUICE" query "SELECT id, fare FROM 'trips.csv' ORDER BY fare LIMIT 10 OFFSET 3"
"$SLUICE" query "SELECT city, id FROM 'trips.csv' ORDER BY city, id DESC LIMIT 4"
"$SLUICE" query "SELECT id, fare * 2 AS twice FROM 'trips.csv' WHERE fare IS NOT NULL ORDER BY twice LIMIT 2"
# without ORDER BY the scan stops early
"$SLUICE" query "SELECT id FROM 'trips.csv' LIMIT 2 OFFSET 1"
