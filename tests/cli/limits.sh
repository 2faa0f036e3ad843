#!/bin/sh
# limits.sh - every limit a reader applies, from both sides (issue 14,
# hole 3): for each row of the one table (src/core/idmlimits.h, printed
# by idmview-publish --limits), content just past it is refused by the
# reader (the loader, or the updater for a manifest) and by
# idmview-publish, which names the limit and writes no manifest; content
# at it is published. The manual's table is the program's.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
MAN="$TOP_SRCDIR/man/idmview-content.5"
TAB=$(printf '\t')

# --- the manual lists the limits the program applies ----------------------
"$PUBLISH" --limits > "$T/limits"; ok $? "idmview-publish --limits"
is "$(wc -l < "$T/limits")" 8 "eight limits"
sed 's/\\-/-/g' "$MAN" > "$T/man"
while IFS="$TAB" read -r name value unit what; do
	grep -qxF "$name$TAB$value$TAB$unit$TAB$what" "$T/man"
	ok $? "idmview-content(5)'s table has $name = $value $unit ($what)"
done < "$T/limits"
lim() { awk -F "$TAB" -v n="$1" '$1 == n { print $2 }' "$T/limits"; }

# --- content generators ------------------------------------------------------
# site DIR N [NAMELEN] [TITLE]: N text pages p1..pN in files of NAMELEN
# characters (padded with x; default short), titled TITLE (default "Page").
site() {
	rm -rf "$1"; mkdir -p "$1"
	awk -v dir="$1" -v n="$2" -v len="${3:-0}" -v title="${4:-Page}" 'BEGIN {
		idx = dir "/site.xml"
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > idx
		print "<site title=\"Limits\" lang=\"en\">\n  <menu id=\"home\" title=\"Home\">" > idx
		for (i = 1; i <= n; i++) print "    <item page=\"p" i "\"/>" > idx
		print "  </menu>" > idx
		for (i = 1; i <= n; i++) {
			f = "p" i
			while (length(f) + 4 < len) f = f "x"
			f = f ".xml"
			print "  <page id=\"p" i "\" file=\"" f "\" title=\"" title "\"/>" > idx
			pf = dir "/" f
			print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page id=\"p" i "\"><p>Text " i ".</p></page>" > pf
			close(pf)
		}
		print "</site>" > idx
	}'
}
# page DIR BODY: page p1 of a one-page site is BODY (XML inside <page>).
page() {
	site "$1" 1
	{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<page id="p1">'; cat; printf '</page>\n'; } > "$1/p1.xml"
}
# repeat N TEXT: TEXT N times
repeat() { awk -v n="$1" -v t="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t }'; }

# --- the two sides -----------------------------------------------------------
# publisher_refuses LIMIT DIR: status 2, the limit named (or the reader's
# own message, for the loader's limits), no manifest written.
publisher_refuses() {
	rm -rf "$T/pub"
	"$PUBLISH" "$2" "$T/pub" > "$T/pub.out" 2> "$T/pub.err"
	is "$?" 2 "$1: idmview-publish refuses (status 2)"
	[ ! -e "$T/pub/manifest" ]; ok $? "$1: no manifest written"
}
publisher_names() {
	contains "$T/pub.err" "limit \"$1\"" "$1: the publisher's message names the limit"
}
publisher_accepts() {
	rm -rf "$T/pub"
	"$PUBLISH" "$2" "$T/pub" > "$T/pub.out" 2> "$T/pub.err"
	is "$?" 0 "$1: at the limit, idmview-publish publishes"
}
# reader_refuses_content LIMIT DIR: the loader refuses, with the message
# the publisher gave
reader_refuses_content() {
	"$IDMVIEW" -d "$2" --dump p1 > /dev/null 2> "$T/rd.err"
	is "$?" 2 "$1: the reader refuses the content (status 2)"
	msg=$(sed -n '1s/^idmview: //p' "$T/rd.err")
	[ -n "$msg" ] && grep -qF -- "$msg" "$T/pub.err"
	ok $? "$1: the publisher said what the reader says ($msg)"
}
# reader_refuses_manifest LIMIT TEXT: the manifest in $T/m, signed and
# offered from a directory, is refused by the updater with TEXT
reader_refuses_manifest() {
	rm -rf "$T/tree" "$T/store"; mkdir -p "$T/tree/by-hash"
	cp "$T/m" "$T/tree/manifest"
	resign "$T/tree"
	upd "$T/store" "file://$T/tree/"
	is "$rc" 3 "$1: the reader's updater refuses the manifest (status 3)"
	contains "$T/out" "$2" "$1: the updater says why"
}
# manifest N NAMELEN SIZE: a manifest of N files with names of NAMELEN
manifest() {
	now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	printf 'idmview-manifest 1\nserial 5\ncreated %s\nexpires 2099-01-01T00:00:00Z\n' "$now"
	awk -v n="$1" -v len="$2" -v size="$3" 'BEGIN {
		h = "0000000000000000000000000000000000000000000000000000000000000000"
		print "file " h " 10 site.xml"
		for (i = 1; i < n; i++) {
			f = "p" i; while (length(f) + 4 < len) f = f "x"
			print "file " h " " size " " f ".xml"
		}
	}'
}

# --- each limit ---------------------------------------------------------------
n=$(lim files)
site "$T/c" "$n"                        # n pages and site.xml: one too many
publisher_refuses files "$T/c"; publisher_names files
site "$T/c" $((n - 1)); publisher_accepts files "$T/c"
manifest $((n + 1)) 8 10 > "$T/m"; reader_refuses_manifest files "too many files"

n=$(lim name)
site "$T/c" 1 $((n + 1)); publisher_refuses name "$T/c"
reader_refuses_content name "$T/c"   # the loader refuses it first
site "$T/c" 1 "$n"; publisher_accepts name "$T/c"
manifest 2 $((n + 1)) 10 > "$T/m"; reader_refuses_manifest name "bad file name (1-128"

n=$(lim manifest-size)
# lines of about 200 bytes: 6000 of them pass the limit, under 10000 files
site "$T/c" 6000 "$(lim name)"; publisher_refuses manifest-size "$T/c"; publisher_names manifest-size
manifest 6000 "$(lim name)" 10 > "$T/m"; reader_refuses_manifest manifest-size "larger than the 1048576 bytes"

n=$(lim file-size)
site "$T/c" 1; truncate -s $((n + 1)) "$T/c/p1.xml"
publisher_refuses file-size "$T/c"; reader_refuses_content file-size "$T/c"
contains "$T/rd.err" "$n" "file-size: the reader's message gives the limit"

n=$(lim stored-size)
manifest 2 8 $((n + 1)) > "$T/m"; reader_refuses_manifest stored-size "bad size (at most 64 MiB)"

n=$(lim children)
repeat $((n + 1)) '<em>a</em>' | { printf '<p>'; cat; printf '</p>'; } | page "$T/c"
publisher_refuses children "$T/c"; reader_refuses_content children "$T/c"
repeat $((n / 2)) '<em>a</em> ' | { printf '<p>'; cat; printf '</p>'; } | page "$T/c"
publisher_accepts children "$T/c"

n=$(lim depth)
{ printf '<p>'; repeat $((n + 1)) '<em>'; printf 'deep'; repeat $((n + 1)) '</em>'; printf '</p>'; } | page "$T/c"
publisher_refuses depth "$T/c"; reader_refuses_content depth "$T/c"

n=$(lim title)
site "$T/c" 1 0 "$(repeat $((n + 1)) x)"; publisher_refuses title "$T/c"; publisher_names title
contains "$T/pub.err" "site.xml:" "title: the message names the file and line"
"$IDMVIEW" -d "$T/c" --list > "$T/list" 2>&1; ok $? "title: the reader shows it (cut on the screen, at a bounded cost: long-title.sh)"
site "$T/c" 1 0 "$(repeat "$n" x)"; publisher_accepts title "$T/c"
done_testing
