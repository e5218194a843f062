# --comment skips lines starting with the prefix, but not such a line inside a quoted field. The
# sniffer takes '#' as the prefix when lines of the sample start with it. --comment '' reads them
# as lines (the first, before the table, is then a sniffed preamble); --no-sniff as records.
printf 'sniffed: '; "$SLUICE" count comments.csv
printf -- "--comment '#': "; "$SLUICE" count --comment '#' comments.csv
printf -- "--comment '': "; "$SLUICE" count --comment '' comments.csv
printf -- "--no-sniff: "; "$SLUICE" count --no-sniff comments.csv
