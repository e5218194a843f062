# Invalid UTF-8 bytes pass through csv output unchanged and become \udcXX escapes in JSON.
"$SLUICE" cat --format json bad-utf8.csv
"$SLUICE" cat --format csv bad-utf8.csv | cmp - bad-utf8.csv && echo "csv output identical"
