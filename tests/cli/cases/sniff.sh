# sluice sniff prints the dialect, the header and the columns it guesses, as text or JSON; what is
# given explicitly is taken as it is; standard input is sniffed from its start; a missing file is an
# error (status 1); several files are sniffed as one table, and must share a dialect.
"$SLUICE" sniff trips.csv
"$SLUICE" sniff --format json semicolon.csv; echo
"$SLUICE" sniff --format json comments.csv; echo
"$SLUICE" sniff --format json -d , --no-header semicolon.csv; echo
printf 'Statement of account\nAccount: 1234\n\ndate|text|amount\n2024-01-02|rent|-950\n2024-01-03|pay|3200\n' >"$SCRATCH/bank.csv"
"$SLUICE" sniff "$SCRATCH/bank.csv" | sed "s|$SCRATCH/||"
printf '1\t2.5\n2\t3.5\n3\t4.5\n' | "$SLUICE" sniff --format json -; echo
"$SLUICE" sniff no-such.csv
echo "status $?"
"$SLUICE" sniff trips.csv semicolon.csv 2>&1
echo "status $?"
