# Another process truncates the file while sluice is reading it: a clear error and status 1, no crash.
big=$(mktemp)
seq 1 3000000 | awk '{ print $1 ",\"row " $1 ", text\"," $1 * 3 }' >"$big"
"$SLUICE" cat --no-header "$big" 2>err.txt | {
	head -n 3
	truncate -s 4096 "$big"   # while sluice waits on the full pipe
	cat >/dev/null
}
status=${PIPESTATUS[0]}
echo "status $status"
sed "s|$big|FILE|" err.txt | sed 's/(byte [0-9]* is gone)/(byte N is gone)/'
rm -f "$big" err.txt
