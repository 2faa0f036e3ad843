#!/bin/sh
# update-index.sh - a new version's search index made from the previous
# version's (issue #13): only the pages that changed are indexed again,
# and the answers are those of an index built in full; a previous index
# that does not agree with its files is not built upon.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
trap 'stop_nginx; _tap_cleanup' EXIT
start_nginx "$T/tree" || bail_out "nginx did not start"
URL="$URL/"
S="$T/store" SRC="$T/src"
python3 "$TESTDIR/bench/gencontent.py" --out "$SRC" --pages 300 --page-kb 2 > /dev/null
publish() {
	"$PUBLISH" --sign="$KEY.key" --serial="$1" "$SRC" "$T/tree" > "$T/pub.out" 2>&1 ||
		{ cat "$T/pub.out"; return 1; }
	bump "$T/tree"
}
ix() { sqlite3 -readonly "$S/$(readlink "$S/current")/content/.idmview-index.sqlite" "$1"; }
# same_answers NAME: the store's index answers as a full build of the same
# files would (a copy given with -d: its index is built in the cache)
same_answers() {
	rm -rf "$T/full" "$T/cache"
	cp -R "$S/$(readlink "$S/current")/content" "$T/full"
	rm -f "$T/full/.idmview-index.sqlite"
	bad=
	for q in hotline intersessional "le conseil" quokkaword migration zzqqxx \
		zebratitle okapititle quokkamenu; do
		XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -s "$S" --search="$q" > "$T/a" 2> "$T/a.err"
		XDG_CACHE_HOME="$T/cache" "$IDMVIEW" -d "$T/full" --search="$q" > "$T/b" 2>&1
		{ cmp -s "$T/a" "$T/b" && [ ! -s "$T/a.err" ]; } || bad="$bad $q"
	done
	is "$bad" "" "$1: the store's index answers every query as a full build"
}

# store_start NAME: a start of the store's version reads the site index
# the updater put in the version's database (issue #13 part 3): the same
# list as parsing site.xml, and nothing parsed (a start that parses keeps
# the model in the cache: there is none)
store_start() {
	rm -rf "$T/c3"
	XDG_CACHE_HOME="$T/c3" "$IDMVIEW" -s "$S" --list > "$T/sl" 2>&1
	IDMVIEW_NO_INDEX=1 "$IDMVIEW" -s "$S" --list > "$T/sl.want" 2>&1
	same_file "$T/sl.want" "$T/sl" "$1: a start from the version's index lists what site.xml does"
	is "$(ls "$T/c3/idmview" 2>/dev/null | grep -c '^site-')" 0 "$1: ... read from the version's index"
}

publish 1 || bail_out "publish failed"
upd "$S" "$URL"
is "$rc" 0 "version 1 installed"
is "$(ix "SELECT count(*) FROM meta WHERE key = 'reindexed'")" 0 "version 1: its index built in full"
is "$(ix "SELECT count(*) FROM skipped")" 0 \
	"version 1: every file's text is in the index (the store's gzip files inflated)"
same_answers "version 1"
store_start "version 1"

sed 's/<\/p>/ quokkaword<\/p>/' "$SRC/p00123.xml" > "$T/new" && mv "$T/new" "$SRC/p00123.xml"
publish 2
upd "$S" "$URL"
is "$rc" 0 "version 2 (one page of 300 changed) installed"
is "$(ix "SELECT value FROM meta WHERE key = 'reindexed'")" 1 "version 2: one file indexed again"
XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -s "$S" --search=quokkaword > "$T/a" 2> "$T/a.err"
is "$(cut -f1 "$T/a")" "p00123" "the changed page is found by its new word"
[ ! -s "$T/a.err" ]; ok $? "through the version's index (no cache could be written)"
same_answers "version 2"
store_start "version 2 (site.xml unchanged)"

# a page added, a page removed, the changed one changed back
python3 - "$SRC/site.xml" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace('<item page="p00007"/>', '<item page="extra"/>')
s = s.replace('<page id="p00007" file="p00007.xml"', '<page id="extra" file="extra.xml"')
open(p, "w").write(s)
PY
rm "$SRC/p00007.xml"
set_page "$SRC" extra "A quokkaword page added."
sed 's/ quokkaword<\/p>/<\/p>/' "$SRC/p00123.xml" > "$T/new" && mv "$T/new" "$SRC/p00123.xml"
publish 3
upd "$S" "$URL"
is "$rc" 0 "version 3 (a page added, one removed, one changed) installed"
is "$(ix "SELECT value FROM meta WHERE key = 'reindexed'")" 4 \
	"version 3: site.xml, the added, the removed and the changed page indexed again"
same_answers "version 3"
store_start "version 3 (site.xml changed, its index made from version 2's)"
grep -q '^extra' "$T/sl"; ok $? "version 3: the added page is listed"

# the previous index is content too: one that lost a file's row (its meta
# still matching) is not built upon
ix_rw() { sqlite3 "$S/$(readlink "$S/current")/content/.idmview-index.sqlite" "$1"; }
# (the row is in files when the page was indexed, in skipped when not)
ix_rw "DELETE FROM files WHERE file = 'p00200.xml'; DELETE FROM skipped WHERE file = 'p00200.xml'"
set_page "$SRC" p00201 "Changed again, quokkaword."
publish 4
upd "$S" "$URL"
is "$rc" 0 "version 4 installed over a previous index that lost a row"
is "$(ix "SELECT count(*) FROM meta WHERE key = 'reindexed'")" 0 "version 4: built in full, not upon it"
same_answers "version 4"

# a title changed in site.xml, the page's file not: the ranking's words
# table holds titles (index_rank.h), so that page is indexed again too,
# its row taken out with its old title; the menus are put back new
retitle() { # ID OLD-TITLE NEW-TITLE
	python3 - "$SRC/site.xml" "$1" "$2" "$3" <<'PY'
import sys, re
p, pid, old, new = sys.argv[1:]; s = open(p).read()
s2 = re.sub(r'(id="%s"[^>]*title=")%s"' % (pid, re.escape(old)), r'\g<1>%s"' % new, s)
assert s2 != s, pid
open(p, "w").write(s2)
PY
}
t42=$(sed -n 's/.*id="p00042" file="p00042.xml" title="\([^"]*\)".*/\1/p' "$SRC/site.xml")
retitle p00042 "$t42" "Zebratitle report"
retitle s001 "Section 1" "Quokkamenu 1"
publish 5
upd "$S" "$URL"
is "$(ix "SELECT value FROM meta WHERE key = 'reindexed'")" 2 \
	"version 5 (two titles changed): site.xml and the retitled page indexed again"
is "$(ix "SELECT count(*) FROM words WHERE words MATCH 'title:zebratitle'")" 1 \
	"version 5: the new title is in the words table"
XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -s "$S" --search=quokkamenu > "$T/a" 2>&1
is "$(cut -f1 "$T/a")" "s001" "version 5: the retitled menu is found by its new title"
same_answers "version 5"
retitle p00042 "Zebratitle report" "Okapititle report"
retitle s001 "Quokkamenu 1" "Section 1"
publish 6
upd "$S" "$URL"
is "$(ix "SELECT count(*) FROM words WHERE words MATCH 'title:zebratitle OR title:quokkamenu'")" 0 \
	"version 6: the old titles were taken out of the words table"
is "$(ix "SELECT count(*) FROM words WHERE words MATCH 'title:okapititle'")" 1 \
	"version 6: the new one put in"
same_answers "version 6"
# a version's index damaged where only a query finds it (its meta intact):
# the reader searches by the scan (silently: nothing to put right), and
# leaves the store's file alone (it is the updater's, not the reader's)
ix_rw "UPDATE fts_data SET block = randomblob(length(block)) WHERE id > 10"
vix="$S/$(readlink "$S/current")/content/.idmview-index.sqlite"
before=$(sha256sum < "$vix")
for q in quokkaword hotline; do
	IDMVIEW_NO_INDEX=1 "$IDMVIEW" -s "$S" --search="$q" > "$T/want" 2> /dev/null
	XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -s "$S" --search="$q" > "$T/got" 2> "$T/err"
	cmp -s "$T/want" "$T/got"; ok $? "a damaged version index: '$q' answers as the scan"
done
is "$(sha256sum < "$vix")" "$before" "the store's damaged index is left as it was"
done_testing
