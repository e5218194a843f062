# A bad --where exits 2 and shows the SQL that select built, with the caret in it.
"$SLUICE" select "id, city" --where "fare >" trips.csv
