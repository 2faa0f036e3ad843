#!/bin/sh
# search.sh - search across pages: --search on the bundled content and on
# a generated collection, lazy loading (a malformed page far down a large
# collection stops neither start-up nor search), and the interactive
# search through tmux.
. "$(dirname "$0")/../lib.sh"
unset COLUMNS

# --- --search on the bundled content ---
run --search='council 2001'
is "$st" 0 "--search exits 0"
is "$(cut -f1 "$T/out")" "idm" "'council 2001' finds the dialogue page only"
bad=$(awk -F '\t' 'NF != 3 || $3 == ""' "$T/out")
is "$bad" "" "--search lines are id<TAB>title<TAB>snippet"
contains "$T/out" "$(printf 'idm\tInternational Dialogue on Migration\t')" "the title follows the id"
contains "$T/out" "IOM Council in 2001" "the snippet shows the text around the match"
[ ! -s "$T/err" ]; ok $? "--search with a match writes nothing to stderr"

run --search='INTERSESSIÓNAL'
is "$(cut -f1 "$T/out")" "idm" "case and accents do not matter (INTERSESSIÓNAL)"
run --search='"dialogue on migration" Series'
is "$(cut -f1 "$T/out")" "idm" "a phrase in quotes, with a word"
run --search='"migration on dialogue"'
is "$st" 0 "no match exits 0"
[ ! -s "$T/out" ]; ok $? "no match prints nothing"
run --search='hotline'
is "$(head -n 1 "$T/out" | cut -f1)" "hotline" "a title match comes first"
run --search=iom --width=40
long=$(cut -f3 "$T/out" | python3 -c 'import sys; [print(l) for l in sys.stdin.read().splitlines() if len(l) > 40]')
is "$long" "" "snippets fit --width columns"
run --search=council idm
is "$st" 1 "--search with a PAGE is a usage error"
run --search=council --dump
is "$st" 1 "--search with --dump is a usage error"

# --- a generated collection: 2,000 pages, page 1,900 malformed ---
GEN="$T/gen"
python3 "$TESTDIR/bench/gencontent.py" --out "$GEN" --pages 2000 --page-kb 2 --broken 1900
ok $? "generated a 2,000-page collection"

run -d "$GEN" --list
is "$st" 0 "start-up reads the index only: --list works despite a malformed page"
is "$(wc -l < "$T/out")" 2021 "--list has the 2,000 pages, 20 sections and home"
run -d "$GEN" --dump p00002
is "$st" 0 "another page opens"

run -d "$GEN" --search=hotline
is "$st" 0 "--search over the collection exits 0 despite the malformed page"
is "$(wc -l < "$T/out")" 20 "'hotline' is planted in 20 pages, all found"
contains "$T/out" "$(printf 'p01907\t')" "pages after the malformed one are searched"
[ ! -s "$T/err" ]; ok $? "the malformed page holds no 'hotline': it is not even parsed"
run -d "$GEN" --search='"never closed"'
is "$st" 0 "a search that reaches the malformed page exits 0"
[ ! -s "$T/out" ]; ok $? "and finds nothing in it"
contains "$T/err" "p01900.xml:" "and names it on stderr"
run -d "$GEN" --search='intersessional'
is "$(wc -l < "$T/out")" 200 "'intersessional' is planted in 200 pages, all found"
run -d "$GEN" --search='intersessiónal'
is "$(wc -l < "$T/out")" 200 "the accented query finds the same pages"
run -d "$GEN" --search='CONSEIL decide'
is "$(wc -l < "$T/out")" 40 "'CONSEIL decide' finds the 40 pages with 'Le Conseil a décidé'"
run -d "$GEN" --search='"conseil a decide" hotline'
# in bm25's order (the pages' lengths differ), so compared sorted
is "$(cut -f1 "$T/out" | sort | tr '\n' ' ')" "p00007 p00107 p00207 p00307 p00407 p00507 p00607 p00707 p00807 p00907 p01007 p01107 p01207 p01307 p01407 p01507 p01607 p01707 p01807 p01907 " \
	"a phrase and a word: the pages with both"
run -d "$GEN" --dump p01900
is "$st" 2 "the malformed page fails when it is opened"
grep -q 'p01900.xml:[0-9]*: ' "$T/err"; ok $? "its error names the file and the line"

# --- the browser, through tmux ---
term_setup
SCREEN="$T/screen"
# start ARGS...: the browser in a fresh 80x24 pane.
start() { term_start 80 24 TERM=screen -- "$IDMVIEW" "$@"; }

start -d "$DATA"
wait_for "IOM Today"; ok $? "the browser starts on the home menu"
term_keys s
wait_for "Search all pages:"; ok $? "s asks what to search for"
term_keys "Intersessiónal" Enter
wait_for "1 page for"; ok $? "the results list says how many pages match"
contains "$T/screen" "> International Dialogue on Migration" "the result shows the page title, selected"
contains "$T/screen" "Home › About Migration › Int'l Dialogue" "and its breadcrumb"
contains "$T/screen" "intersessional workshops" "and a snippet around the match"
# the matched word is highlighted: an attribute starts right at it (in
# the middle of the snippet's plain text)
term_screen -e > "$T/screen-e"
grep -q "at $(printf '\033')\[[0-9;]*mintersessional$(printf '\033')" "$T/screen-e"
ok $? "the matched word in the snippet is highlighted"
term_keys Enter
wait_for "Match 1 of 2"; ok $? "Enter opens the page at the first match"
contains "$T/screen" "Council sessions and at intersessional" "the first match is on screen"
term_keys n
wait_for "Match 2 of 2"; ok $? "n goes to the next match"
contains "$T/screen" "Intersessional workshops are often organized" "the second match is on screen"
term_keys h
wait_for "IOM Today"; ok $? "Back returns to where the search started"

term_keys s
wait_for "Search all pages:"
term_keys "no-such-thing-here" Enter
wait_for "No page has all of: no-such-thing-here"; ok $? "no match says so on the status line"
term_keys s
wait_for "Search all pages:"
term_keys "iom" Enter
wait_for "pages for"; ok $? "a search with many results"
term_keys j j
wait_for "> IOM Today"; ok $? "Down moves the selection through the results"
term_keys q
wait_for "More Info"; ok $? "q closes the results and shows the page underneath"

# the collection: the malformed page far down shows its error when opened
start -d "$GEN" p01900
wait_for "Cannot open this page:"; ok $? "opening the malformed page says it cannot be opened"
contains "$T/screen" "p01900.xml:" "the message names the file"
contains "$T/screen" "Section 1" "and the browser shows the home menu instead"
term_keys s
wait_for "Search all pages:"
term_keys "hotline" Enter
wait_for "20 pages for"; ok $? "the interactive search over the collection finds the 20 pages"
term_keys G Enter
wait_for "Match 1 of 1"; ok $? "the last result opens at its match"
contains "$T/screen" "Call the hotline." "the matched sentence is on screen"
# a 2 MB page: the first screen comes before the whole page is laid out,
# G reaches its real end, and / finds what is near it
python3 "$TESTDIR/bench/gencontent.py" --out "$T/big" --big-mb 2 --seed 7
"$IDMVIEW" -d "$T/big" --dump --width=78 big > "$T/big.txt"
last=$(grep -v '^$' "$T/big.txt" | tail -n 1 | sed 's/^ *//')
start -d "$T/big" big
wait_for "A very long page"; ok $? "a 2 MB page opens"
term_keys G
wait_for "$last"; ok $? "G shows the last line of the page"
grep -qE 'page ([0-9]+)/\1 ' "$T/screen"; ok $? "the status line says it is the last screen"
term_keys g
wait_for "page 1/"
term_keys / "$(echo "$last" | awk '{print $1, $2}')" Enter
wait_for "Match"; ok $? "/ finds the words of the last line"
# --- the full-text index (issue #13) ---
# Built in the XDG cache on the first search, rebuilt when a file changes;
# a cache that cannot be written leaves the scan, with the same answer.
cp -R "$DATA" "$T/ix"
export XDG_CACHE_HOME="$T/cache"
"$IDMVIEW" -d "$T/ix" --search=quokkaword > "$T/out" 2>&1
[ ! -s "$T/out" ] && ls "$T"/cache/idmview/index-*.sqlite > /dev/null 2>&1
ok $? "the first search builds the index in the cache; an absent word finds nothing"
sed 's/annual Council sessions/annual Council sessions quokkaword/' "$T/ix/idm.xml" > "$T/idm.new"
mv "$T/idm.new" "$T/ix/idm.xml"
"$IDMVIEW" -d "$T/ix" --search=quokkaword > "$T/out" 2>&1
is "$(cut -f1 "$T/out")" "idm" "a page changed after the index was built: the index is rebuilt, the word found"
"$IDMVIEW" -d "$T/ix" --search=okkawo > "$T/out" 2>&1
is "$(cut -f1 "$T/out")" "idm" "a part of a word matches through the index, as in the scan"
XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -d "$T/ix" --search=quokkaword > "$T/out" 2> "$T/err"
is "$(cut -f1 "$T/out")" "idm" "a cache that cannot be written: the scan answers"
is "$(grep -c 'no search index' "$T/err")" 1 "and says so once, on stderr"
unset XDG_CACHE_HOME

done_testing
