# An empty file and a header-only file have no data records.
printf 'empty: '; "$SLUICE" count empty.csv
printf 'empty --no-header: '; "$SLUICE" count --no-header empty.csv
printf 'header-only: '; "$SLUICE" count header-only.csv
printf 'header-only --no-header: '; "$SLUICE" count --no-header header-only.csv
