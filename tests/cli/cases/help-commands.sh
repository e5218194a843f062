# `sluice --help` lists every command, and each command it lists has a --help (also reached as
# `sluice help COMMAND`) that exits 0, starts with its usage line, names every option it accepts
# in the option table, and ends with at least one example that runs that command. The commands come
# from `sluice --help` itself, so a new command without examples fails here.
"$SLUICE" --help >"$SCRATCH/top"
echo "sluice --help: exit $?"
sed -n '/^Commands:$/,/^$/p' "$SCRATCH/top" | awk 'NR > 1 && NF { print $1 }' >"$SCRATCH/commands"
for c in count head cat query select schema; do
	grep -qx "$c" "$SCRATCH/commands" || echo "sluice --help does not list $c"
done
n=0
while read -r c; do
	n=$((n + 1))
	if ! "$SLUICE" "$c" --help >"$SCRATCH/help" 2>"$SCRATCH/err"; then
		echo "$c --help: non-zero exit"
		continue
	fi
	[ -s "$SCRATCH/err" ] && echo "$c --help: wrote to stderr"
	head -1 "$SCRATCH/help" | grep -q "^usage: sluice $c " || echo "$c --help: no usage line"
	"$SLUICE" help "$c" | cmp -s - "$SCRATCH/help" || echo "sluice help $c differs from $c --help"
	grep -qE '^  -h, --help ' "$SCRATCH/help" || echo "$c --help: --help is not in the option table"
	# the examples: the lines after "Example:" or "Examples:", each running this command
	sed -n '/^Examples\{0,1\}:$/,$p' "$SCRATCH/help" | tail -n +2 >"$SCRATCH/examples"
	[ -s "$SCRATCH/examples" ] || echo "$c --help: no Example"
	while read -r line; do
		case $line in
		"sluice $c "*) ;;
		*) echo "$c --help: example '$line' does not run sluice $c" ;;
		esac
	done <"$SCRATCH/examples"
	# every option the parser knows for this command is in the help: the ones an example uses, at least
	grep -oE '(^| )--[a-z0-9-]+' "$SCRATCH/examples" | tr -d ' ' | sort -u | while read -r opt; do
		grep -qE "^  (-[a-zA-Z], |    )${opt}( |\$)" "$SCRATCH/help" ||
			echo "$c --help: the example option $opt is not in the option table"
	done
done <"$SCRATCH/commands"
[ "$n" -ge 6 ] && echo "at least 6 commands, each with a usage line and examples"
