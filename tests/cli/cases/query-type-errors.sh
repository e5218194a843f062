# Without --strict-types a value that does not fit its column type reads as NULL, and the run ends
# with a count of them on stderr: 12.5, 30.25 and 7.75 are no BIGINT.
"$SLUICE" query --types fare=BIGINT "SELECT sum(fare) AS s, count(fare) AS n FROM 'trips.csv'"
"$SLUICE" query --types fare=BIGINT "SELECT id FROM 'trips.csv' WHERE fare = 8"
