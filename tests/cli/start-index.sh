#!/bin/sh
# start-index.sh - a start reads the site index from the search index's
# database, not site.xml (issue #13 part 3): the bundled content from the
# index make built, -d DIR from the cache after its first start, a store
# version from the index the updater built (tests/update/update-index.sh);
# and what the reader shows is byte for byte what a start that parses
# site.xml shows (IDMVIEW_NO_INDEX=1), in every language. A site.xml
# edited since, or a damaged model, is not used (tests/cli/hostile.sh has
# the damaged ones).
. "$(dirname "$0")/../lib.sh"

export XDG_CACHE_HOME="$T/cache"
# views DIR OUT [EVERY]: --list and --dump of every EVERY-th page, in the
# site's language and in fr, es and ar, into OUT
views() {
	: > "$2"
	for l in "" fr es ar; do
		"$IDMVIEW" -d "$1" ${l:+--lang=$l} --list >> "$2" 2>&1
		echo "status $?" >> "$2"
		"$IDMVIEW" -d "$1" ${l:+--lang=$l} --list 2>/dev/null | cut -f1 |
			awk -v e="${3:-1}" '(NR - 1) % e == 0' > "$T/ids"
		while read -r id; do
			"$IDMVIEW" -d "$1" ${l:+--lang=$l} --width=72 --dump "$id" >> "$2" 2>&1
			echo "status $?" >> "$2"
		done < "$T/ids"
		"$IDMVIEW" -d "$1" ${l:+--lang=$l} --width=72 --dump >> "$2" 2>&1
	done
}
# opened DIR: the files a start of -d DIR opens (strace), one a line
opened() {
	strace -f -e trace=openat,openat2 -o "$T/trace" "$IDMVIEW" -d "$1" --list > /dev/null 2>&1
	sed -n 's/.*openat2\{0,1\}([^"]*"\([^"]*\)".*/\1/p' "$T/trace"
}
command -v strace > /dev/null || bail_out "strace is missing: run ./bootstrap"
models() { ls "$XDG_CACHE_HOME"/idmview/site-*.sqlite 2>/dev/null | wc -l; }

# 1. the bundled content: the model of the index make built; nothing is
# parsed, so nothing goes to the cache
IDMVIEW_NO_INDEX=1 views "$DATA" "$T/want"
is "$(models)" 0 "bundled: IDMVIEW_NO_INDEX=1 writes no model to the cache"
views "$DATA" "$T/got"
same_file "$T/want" "$T/got" "bundled: every page and menu in every language as from site.xml"
is "$(models)" 0 "bundled: the model came from the index make built (none parsed into the cache)"
grep -q "status 0" "$T/want" && ! grep -q "status [1-9]" "$T/want"
ok $? "bundled: the views are not failures"

# 2. a generated collection and a multilingual one given with -d: the
# first start parses site.xml and keeps the model; the next read it
python3 "$TESTDIR/bench/gencontent.py" --out "$T/gen" --pages 400 --page-kb 1 > /dev/null
cp -R "$TESTDIR/fixtures/lang" "$T/lang"
for d in gen lang; do
	every=1; [ $d = gen ] && every=37
	IDMVIEW_NO_INDEX=1 views "$T/$d" "$T/want.$d" $every
	is "$(models)" 0 "$d: IDMVIEW_NO_INDEX=1: no model in the cache"
	"$IDMVIEW" -d "$T/$d" --list > /dev/null 2>&1
	is "$(models)" 1 "$d: the first start kept the model in the cache"
	opened "$T/$d" > "$T/opened.$d"
	lacks "$T/opened.$d" "site.xml" "$d: the next start does not open site.xml"
	contains "$T/opened.$d" "/idmview/site-" "$d: it opens the model in the cache"
	views "$T/$d" "$T/got.$d" $every
	same_file "$T/want.$d" "$T/got.$d" "$d: every view as from site.xml"
	rm -rf "$XDG_CACHE_HOME"
done
contains "$T/got.lang" "Obtenir de l’aide" "lang: the views hold a French title from the model"

# 3. site.xml edited, same size, its mtime put back: the new titles show
"$IDMVIEW" -d "$T/gen" --list > /dev/null 2>&1
"$IDMVIEW" -d "$T/gen" --width=72 --dump > "$T/before" 2>&1
t1="Section 1" # a title the home menu shows
sed "s/title=\"$t1\"/title=\"$(echo "$t1" | tr 'a-zA-Z' 'n-za-mN-ZA-M')\"/" "$T/gen/site.xml" > "$T/edited"
touch -r "$T/gen/site.xml" "$T/edited"
[ "$(wc -c < "$T/edited")" = "$(wc -c < "$T/gen/site.xml")" ] && ! cmp -s "$T/edited" "$T/gen/site.xml"
ok $? "site.xml edited in place, same size"
cat "$T/edited" > "$T/gen/site.xml" && touch -r "$T/edited" "$T/gen/site.xml"
IDMVIEW_NO_INDEX=1 "$IDMVIEW" -d "$T/gen" --width=72 --dump > "$T/want.edit" 2>&1
"$IDMVIEW" -d "$T/gen" --width=72 --dump > "$T/got.edit" 2>&1
same_file "$T/want.edit" "$T/got.edit" "edited site.xml (mtime put back): the new titles show"
! cmp -s "$T/before" "$T/got.edit"
ok $? "the edit changed what a start shows"

# 4. a cache that cannot be written: the start is as ever, and silent
XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -d "$T/lang" --width=72 --dump > "$T/ro" 2> "$T/ro.err"
IDMVIEW_NO_INDEX=1 "$IDMVIEW" -d "$T/lang" --width=72 --dump > "$T/ro.want" 2>/dev/null
same_file "$T/ro.want" "$T/ro" "an unwritable cache: the same first screen"
is "$(cat "$T/ro.err")" "" "an unwritable cache: nothing said at start"
# 5. the first screen of the browser, in French: the same from the model
# as from site.xml (tmux)
rm -rf "$XDG_CACHE_HOME"
"$IDMVIEW" -d "$T/lang" --list > /dev/null 2>&1
is "$(models)" 1 "tui: the model is in the cache"
term_setup
screen_of() { # ENV...: the first screen once the French home menu shows
	term_start 80 24 "$@" -- "$IDMVIEW" -d "$T/lang" --lang=fr
	wait_for "Obtenir de l" && sleep 0.3 && term_screen
}
screen_of IDMVIEW_NO_INDEX=1 > "$T/tui.want"
screen_of > "$T/tui.got"
contains "$T/tui.want" "Obtenir de l" "tui: the French home menu shows"
same_file "$T/tui.want" "$T/tui.got" "tui: the first screen from the model is the one from site.xml"
done_testing
