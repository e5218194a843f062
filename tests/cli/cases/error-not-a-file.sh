# A directory, a FIFO and a device cannot be mapped: a clear error and status 1 each.
dir=$(mktemp -d)
mkfifo "$dir/fifo"
for f in "$dir" "$dir/fifo" /dev/null; do
	"$SLUICE" count "$f" 2>&1 | sed "s|$dir|DIR|"
	echo "status ${PIPESTATUS[0]}"
done
rm -rf "$dir"
