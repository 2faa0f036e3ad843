#!/bin/sh
# dump.sh - --dump of every bundled page and menu at 80 and 40 columns
# against tests/expected/dump/ID.WIDTH.txt; the --width default; and the
# fidelity check: every required phrase is in the dump output, at both
# widths.  UPDATE_EXPECTED=1 rewrites the expected files (read them
# before committing).
. "$(dirname "$0")/../lib.sh"
EXP="$TESTDIR/expected/dump"
unset COLUMNS

"$IDMVIEW" --list > "$T/list"
ok $? "--list runs"
ids=$(cut -f1 "$T/list")
n=$(printf '%s\n' $ids | wc -l)
[ "$n" -ge 13 ]; ok $? "--list names the home menu, submenus and pages ($n)"

for w in 80 40; do
	: > "$T/all.$w"
	for id in $ids; do
		"$IDMVIEW" --dump --width=$w "$id" > "$T/$id.$w" 2> "$T/err"
		ok $? "--dump $id at $w exits 0"
		[ ! -s "$T/err" ]; ok $? "--dump $id at $w is quiet on stderr"
		if [ -n "${UPDATE_EXPECTED:-}" ]; then
			mkdir -p "$EXP" && cp "$T/$id.$w" "$EXP/$id.$w.txt"
		fi
		same_file "$EXP/$id.$w.txt" "$T/$id.$w" "$id at $w columns matches expected/dump/$id.$w.txt"
		# no line wider than the width, in characters (C.UTF-8)
		[ "$(wc -L < "$T/$id.$w")" -le $w ]
		ok $? "$id at $w: no line over $w columns"
		cat "$T/$id.$w" >> "$T/all.$w"
	done
done

# Every page, menu and the required phrases at both widths.
for w in 80 40; do
	"$HERE/check-phrases.sh" "$HERE/required-phrases.txt" "$T/all.$w" > "$T/missing" 2>&1
	ok $? "every required phrase is in the --dump output at $w columns"
	sed 's/^/# /' "$T/missing" | head -n 20
done

# check-phrases folds white space, so a phrase wrapped across lines and
# indented is found; a phrase that is not there is reported.
printf 'one two three four\nbroken hyphen-word\n' > "$T/phr"
printf 'x one\n  two\n\tthree  four y\nbroken hyphen-\n  word\n' > "$T/txt"
"$HERE/check-phrases.sh" "$T/phr" "$T/txt" > /dev/null 2>&1
ok $? "check-phrases finds phrases wrapped across lines"
printf 'one two five\n' > "$T/phr2"
"$HERE/check-phrases.sh" "$T/phr2" "$T/txt" > "$T/out" 2>&1
is "$?" 1 "check-phrases fails on a missing phrase"
contains "$T/out" "missing: one two five" "check-phrases names the missing phrase"
# and the 40-column dump really does wrap the phrases it is checked on
grep -qxF "IOM's International Dialogue on Migration (IDM) is an opportunity for governments, inter-governmental and non-governmental organizations and other stakeholders to discuss migration policy issues, in order to explore and study policy issues of common interest and cooperate in addressing them." "$T/all.40"
is "$?" 1 "at 40 columns the long phrases are wrapped (the folding matters)"

# --width default: $COLUMNS, else 80; --width wins over $COLUMNS.
COLUMNS=40 "$IDMVIEW" --dump idm > "$T/c40"
same_file "$EXP/idm.40.txt" "$T/c40" "COLUMNS=40 gives the 40-column dump"
"$IDMVIEW" --dump idm > "$T/c80"
same_file "$EXP/idm.80.txt" "$T/c80" "without COLUMNS the dump is 80 columns"
COLUMNS=junk "$IDMVIEW" --dump idm > "$T/cj"
same_file "$EXP/idm.80.txt" "$T/cj" "COLUMNS that is not a number falls back to 80"
COLUMNS=40 "$IDMVIEW" --dump -w 80 idm > "$T/cw"
same_file "$EXP/idm.80.txt" "$T/cw" "--width wins over COLUMNS"
"$IDMVIEW" --dump -w 20 idm > "$T/w20"
[ "$(wc -L < "$T/w20")" -le 20 ]
ok $? "--width=20 (the minimum) keeps every line within 20 columns"
# wc -L counts display columns here (C.UTF-8), not bytes
printf '\342\200\234ab\342\200\235\n' > "$T/wcl"
is "$(wc -L < "$T/wcl")" 4 "wc -L counts columns, not bytes"

contains "$EXP/home.80.txt" "About Migration" "the home menu lists the sections"
contains "$EXP/about-migration.80.txt" "International Dialogue on Migration" "the About Migration menu lists the dialogue page"

done_testing
