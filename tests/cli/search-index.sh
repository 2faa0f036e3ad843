#!/bin/sh
# search-index.sh - where the search index comes from (issue #13): the
# bundled content's, built by make and installed with it; what happens
# when the cache cannot be written.
. "$(dirname "$0")/../lib.sh"
unset COLUMNS

# --- the bundled content's index, built at make time ---
# lib.sh gives an empty HOME; with a cache directory of our own, nothing
# may be written there: the index make built is read, none is built.
ls -a "$BUILDDIR/data/.idmview-index.sqlite" > /dev/null 2>&1
ok $? "make built the bundled content's index in the build tree's data/"
mkdir -p "$T/cache"
export XDG_CACHE_HOME="$T/cache"
run --search='council 2001'
is "$(cut -f1 "$T/out")" "idm" "--search on the bundled content finds the page"
[ ! -s "$T/err" ]; ok $? "and says nothing on stderr (an index was used)"
is "$(find "$T/cache" "$HOME" -mindepth 1 | wc -l)" 0 \
	"the prebuilt index is read: no cache file, nothing written under HOME"
# the same pages and snippets; the order is bm25's with the index and a
# small tf-idf's without (search.c scan_score), so compared sorted
for q in 'council 2001' iom '"dialogue on migration"' hotline zzqqxx; do
	IDMVIEW_NO_INDEX=1 "$IDMVIEW" --search="$q" 2>&1 | sort > "$T/want"
	"$IDMVIEW" --search="$q" 2>&1 | sort > "$T/got"
	cmp -s "$T/want" "$T/got"; ok $? "prebuilt index: '$q' answers as the scan"
done
# -d with the same directory is the same content: the same index
run -d "$DATA" --search=council
is "$(find "$T/cache" -mindepth 1 | wc -l)" 0 "-d DATA (the bundled directory) reads it too"
# a copy is anyone's files: the prebuilt index is not its own
cp -R "$DATA" "$T/copy"
run -d "$T/copy" --search=council
ls "$T"/cache/idmview/index-*.sqlite > /dev/null 2>&1
ok $? "a copy of the content gets its own index in the cache"
rm -rf "$T/cache"/* "$T/copy"

# --- gzip pages (the store keeps them so) are indexed, a bomb bounded ---
cp -R "$DATA" "$T/gz"
gzip -9n "$T/gz/idm.xml" && mv "$T/gz/idm.xml.gz" "$T/gz/idm.xml"
# 1 GiB of zeros in a page of 1 MB: inflated no further than the loader's cap
python3 -c '
import sys, zlib
z = zlib.compressobj(9, zlib.DEFLATED, 31); f = open(sys.argv[1], "wb"); b = bytes(1 << 20)
for _ in range(1024): f.write(z.compress(b))
f.write(z.flush())' "$T/gz/contact.xml"
XDG_CACHE_HOME="$T/gzc" /usr/bin/time -f '%e %M' -o "$T/gz.tm" \
	"$IDMVIEW" -d "$T/gz" --search='council 2001' > "$T/out" 2> "$T/err"
is "$(cut -f1 "$T/out")" "idm" "a gzip page is found through the index"
db=$(ls "$T"/gzc/idmview/index-*.sqlite)
is "$(sqlite3 -readonly "$db" "SELECT group_concat(file) FROM skipped")" "contact.xml" \
	"its text is in the index; the bomb is listed as not indexed"
set -- $(cat "$T/gz.tm")
[ "${2:-999999}" -lt 400000 ]; ok $? "the bomb costs bounded memory (${2:-?} KiB, ${1:-?} s)"

# --- a cache that cannot be written: the scan, said once ---
# The tests run as root in CI, and root writes through chmod 0555; these
# fail for root too: XDG_CACHE_HOME a regular file (mkdir under it is
# ENOTDIR), HOME under /proc (no directory can be made there).
cp -R "$DATA" "$T/ro"
: > "$T/afile"
for q in 'council 2001' iom '"dialogue on migration"' hotline zzqqxx; do
	XDG_CACHE_HOME="$T/cache" "$IDMVIEW" -d "$T/ro" --search="$q" > "$T/want" 2> "$T/want.err"
	XDG_CACHE_HOME="$T/afile" "$IDMVIEW" -d "$T/ro" --search="$q" > "$T/got" 2> "$T/err"
	sort "$T/want" | cmp -s - "$(sort "$T/got" > "$T/got.s"; echo "$T/got.s")"
	ok $? "cache a file: '$q' answers as the indexed search (the same lines)"
	is "$(grep -c 'no search index' "$T/err")" 1 "cache a file: '$q': said once on stderr"
done
[ ! -s "$T/want.err" ]; ok $? "the indexed search said nothing"
contains "$T/err" "XDG_CACHE_HOME" "the message says what to do"
(unset XDG_CACHE_HOME; HOME=/proc/self/nonexistent "$IDMVIEW" -d "$T/ro" --search=council \
	> "$T/got" 2> "$T/err")
is "$(cut -f1 "$T/got")" "idm" "HOME under /proc, no XDG_CACHE_HOME: the scan answers"
is "$(grep -c 'no search index' "$T/err")" 1 "and says so once"

# --- a progress bar while a long build runs (a terminal only) ---
# 3000 pages: a build of a second or so, past the 200 ms before a bar.
python3 "$TESTDIR/bench/gencontent.py" --out "$T/big" --pages 3000 --page-kb 4 > /dev/null
# script(1) gives the program a terminal and records what it wrote there
XDG_CACHE_HOME="$T/pc" script -qec "'$IDMVIEW' -d '$T/big' --search=zzqqxx" /dev/null > "$T/tty"
n=$(grep -o 'Indexing for search: [0-9]* of 3001 files \[[#.]*\]' "$T/tty" | wc -l)
[ "$n" -gt 10 ]; ok $? "a long build on a terminal: a progress bar, updated as files go ($n times)"
python3 -c 'import sys; sys.exit(not open(sys.argv[1], "rb").read().endswith(b"\r\033[K"))' "$T/tty"
ok $? "the bar is cleared at the end"
grep -q 'Indexing for search: 3000 of 3001 files \[###################\.\]' "$T/tty"
ok $? "the bar fills up, to the last file"
rm -rf "$T/pc"
XDG_CACHE_HOME="$T/pc" "$IDMVIEW" -d "$T/big" --search=zzqqxx > "$T/out" 2> "$T/err"
[ ! -s "$T/err" ]; ok $? "the same build, stderr not a terminal: no bar"
XDG_CACHE_HOME="$T/pc2" script -qec "'$IDMVIEW' -d '$T/ro' --search=zzqqxx" /dev/null > "$T/tty"
ls "$T"/pc2/idmview/index-*.sqlite > /dev/null 2>&1 && ! grep -q Indexing "$T/tty"
ok $? "a quick build (the small content) on a terminal: no bar"

# the browser: once in the status line, the first search with results
term_setup
term_start 80 24 TERM=screen XDG_CACHE_HOME="$T/afile" -- "$IDMVIEW" -d "$T/ro"
wait_for "IOM Today"; ok $? "the browser starts"
term_keys s; wait_for "Search all pages:"
term_keys council Enter
wait_for "Searched without an index"; ok $? "the browser says the search had no index"
grep -q "XDG_CACHE_HOME" "$T/scr"; ok $? "and what to do"
grep -q "page.* for" "$T/scr"; ok $? "the results are listed all the same"
term_keys h; wait_for "IOM Today"
term_keys s; wait_for "Search all pages:"
term_keys council Enter
wait_for "for"
sleep 0.3; term_screen > "$T/scr"
! grep -q "Searched without an index" "$T/scr"; ok $? "the second search does not say it again"
# the browser's status line shows the bar while a long build runs
rm -rf "$T/pc"
term_start 80 24 TERM=screen XDG_CACHE_HOME="$T/pc" -- "$IDMVIEW" -d "$T/big"
wait_for "Section 1"; ok $? "the browser starts on a large collection"
term_keys s; wait_for "Search all pages:"
term_keys zzqqxx Enter
WAIT_TENTHS=100 wait_for "Indexing for search:"; ok $? "the status line shows the build's progress"
grep -q "of 3001 files \[" "$T/scr"; ok $? "with the count of files and a bar"
WAIT_TENTHS=300 wait_for "No page has all of"; ok $? "then the search answers"
done_testing
