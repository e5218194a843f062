# A query that does not parse exits 2: the message, the query, and a caret under where it went wrong.
"$SLUICE" query "SELECT id FROM 'trips.csv' WHERE fare >"
