# query: count(*) counts every data record; count(col) skips NULLs (an empty field); WHERE filters first.
"$SLUICE" query "SELECT count(*) AS n FROM 'trips.csv'"
"$SLUICE" query "SELECT count(*) AS n, count(fare) AS fares FROM 'trips.csv' WHERE city <> 'Bergen'"
"$SLUICE" query "SELECT count(*) AS n FROM 'trips.csv' WHERE fare > 1000"
