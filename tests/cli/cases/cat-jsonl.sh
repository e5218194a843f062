# cat --format jsonl prints one object per record keyed by the header; arrays with --no-header.
"$SLUICE" cat --format jsonl people.csv
"$SLUICE" cat --format jsonl --no-header people.csv
