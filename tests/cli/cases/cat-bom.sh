# A UTF-8 BOM at offset 0 is skipped; one inside a field is kept.
"$SLUICE" count bom.csv
"$SLUICE" cat --format csv bom.csv
"$SLUICE" cat --format jsonl bom.csv | head -1
