# count prints only the number of data records: the header is not counted unless --no-header.
"$SLUICE" count simple.csv
"$SLUICE" count --no-header simple.csv
