# An unreadable file: permission denied, status 1. Root reads everything, so as root the check
# runs as the unprivileged user nobody.
dir=$(mktemp -d)
printf 'a\n1\n' >"$dir/secret.csv"
chmod 600 "$dir/secret.csv"
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$SLUICE" count "$dir/secret.csv" 2>&1 | sed "s|$dir|DIR|"
	status=${PIPESTATUS[0]}
else
	chmod 000 "$dir/secret.csv"
	"$SLUICE" count "$dir/secret.csv" 2>&1 | sed "s|$dir|DIR|"
	status=${PIPESTATUS[0]}
fi
echo "status $status"
rm -rf "$dir"
