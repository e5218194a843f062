# CRLF, lone CR and a missing final line break all end records the same way.
for f in crlf.csv cr.csv nofinal.csv; do
	printf '%s: ' "$f"; "$SLUICE" count "$f"
	printf '%s --no-header: ' "$f"; "$SLUICE" count --no-header "$f"
done
