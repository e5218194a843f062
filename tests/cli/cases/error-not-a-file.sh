# A directory cannot be read: a clear error and status 1. A FIFO and a character device are not
# mapped but streamed, like standard input.
dir=$(mktemp -d)
mkfifo "$dir/fifo"
"$SLUICE" count "$dir" 2>&1 | sed "s|$dir|DIR|"
echo "status ${PIPESTATUS[0]}"
printf 'a,b\n1,2\n3,"4\n5"\n' >"$dir/fifo" &
"$SLUICE" count "$dir/fifo"
echo "status $?"
wait
"$SLUICE" count /dev/null
echo "status $?"
rm -rf "$dir"
