# --comment skips lines starting with the prefix, but not such a line inside a quoted field.
printf 'no --comment: '; "$SLUICE" count comments.csv
printf -- "--comment '#': "; "$SLUICE" count --comment '#' comments.csv
