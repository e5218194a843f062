# cat --format tsv separates fields with tabs.
"$SLUICE" cat --format tsv simple.csv
