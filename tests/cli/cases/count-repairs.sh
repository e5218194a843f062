# count on threads reports the records lenient reading repaired, as on one thread, however the file
# is split: once each, never twice.
for split in "--threads 1" "--threads 2" "--split-at 10" "--split-at 5,12,20"; do
	echo "== $split"
	"$SLUICE" count $split bare-quote.csv 2>&1
	"$SLUICE" count $split after-quote.csv 2>&1
done
