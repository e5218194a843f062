# A name longer than the 40 columns schema aligns types at still keeps two spaces before its
# type: names of 40, 41, 42 and 62 bytes.
n40=abcdefghij_abcdefghij_abcdefghij_abcdefg
printf '%s\n' "id,${n40},${n40}x,${n40}xy,${n40}_and_then_twenty_more" "1,2,x,2024-01-01,1.5" >"$SCRATCH/long.csv"
"$SLUICE" schema "$SCRATCH/long.csv" | sed -n '/^columns:/,$p'
