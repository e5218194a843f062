# query and schema guess the delimiter (, ; TAB |), the quote (" or ') and the header.
"$SLUICE" schema semicolon-squote.csv
"$SLUICE" query "SELECT a, b * 10 AS b10 FROM 'semicolon-squote.csv' ORDER BY b"
