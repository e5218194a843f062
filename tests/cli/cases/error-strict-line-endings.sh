# Error lines count CRLF as one line end and a lone CR as one, also inside quoted fields.
"$SLUICE" cat --format csv --strict strict-crlf.csv >/dev/null
"$SLUICE" cat --format csv --strict strict-cr.csv >/dev/null
