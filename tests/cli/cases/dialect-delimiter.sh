# -d sets a one-byte delimiter; '\t' names a tab.
"$SLUICE" cat --format json -d ';' semicolon.csv
"$SLUICE" cat --format json -d '\t' tabs.tsv
"$SLUICE" cat --format json -d "$(printf '\t')" tabs.tsv
