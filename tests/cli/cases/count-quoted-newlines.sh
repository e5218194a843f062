# Line breaks inside quoted fields do not end records, so count differs from wc -l.
printf 'wc -l: '; wc -l <multiline.csv | tr -d ' '
printf 'count: '; "$SLUICE" count multiline.csv
