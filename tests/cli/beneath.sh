#!/bin/sh
# beneath.sh - nothing outside the content directory is ever read: a page
# file or site index that is a symbolic link (relative, absolute, chained,
# or through a directory component) is refused by the reader, the search,
# the publisher and the importer, and the outside file's text appears
# nowhere. Also the files named by the user: a configuration or key that
# is a FIFO is refused at once, a NUL byte in a configuration is called
# that, and no escape sequence given on the command line or in a file
# reaches the terminal through a message.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTDIR/fixtures"
IMPORT="$BUILDDIR/src/idmview-import"
SECRET="OUTSIDE-SECRET-7731"

mkdir -p "$T/outside/dir"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<page id="p">\n  <p>%s</p>\n</page>\n' "$SECRET" \
	> "$T/outside/p.xml"
cp "$T/outside/p.xml" "$T/outside/dir/p.xml"
minisign -G -W -p "$T/k.pub" -s "$T/k.key" >/dev/null 2>&1 || bail_out "minisign -G"

# site NAME KIND: the fixture site with p.xml replaced by a link of KIND.
site() {
	d="$T/$1"
	rm -rf "$d"; mkdir -p "$d"
	cp "$FIX"/site/*.xml "$d/"
	rm "$d/p.xml"
	case $2 in
	relative) ln -s ../outside/p.xml "$d/p.xml" ;;
	absolute) ln -s "$T/outside/p.xml" "$d/p.xml" ;;
	chained) ln -s "$T/$1/hop" "$d/p.xml"; ln -s ../outside/p.xml "$d/hop" ;;
	directory) ln -s ../outside/dir "$d/sub"
		   sed -i 's|file="p.xml"|file="sub/p.xml"|' "$d/site.xml" ;;
	esac
}

for kind in relative absolute chained directory; do
	site "$kind" "$kind"
	"$IDMVIEW" -d "$T/$kind" --dump p > "$T/out" 2> "$T/err"
	is "$?" 2 "$kind link: --dump refuses the page (status 2)"
	lacks "$T/out" "$SECRET" "$kind link: the outside text is not shown"
	# a directory component is refused earlier still: file= must be a
	# plain name (the schema), so the link is never even opened
	grep -qE "symbolic link|failed to validate" "$T/err"
	ok $? "$kind link: the message says why"
	"$IDMVIEW" -d "$T/$kind" --search "$SECRET" > "$T/out" 2> "$T/err"
	lacks "$T/out" "$SECRET" "$kind link: --search does not read it"
	lacks "$T/out" "Page P" "$kind link: --search does not find the page"
	"$PUBLISH" --sign="$T/k.key" --serial=1 "$T/$kind" "$T/pub-$kind" > "$T/out" 2> "$T/err"
	ok "$([ $? -ne 0 ]; echo $?)" "$kind link: idmview-publish refuses to publish it"
	grep -qE "symbolic link|failed to validate" "$T/err"
	ok $? "$kind link: and says why"
	# by-hash/ files are gzip: read as the clients would
	! { find "$T/pub-$kind" -type f -exec zcat -f {} + 2>/dev/null | grep -qF "$SECRET"; }
	ok $? "$kind link: nothing of it was published"
done

# The site index itself a link: --list and the importer's --into.
site index none
mv "$T/index/site.xml" "$T/outside/site.xml"
ln -s ../outside/site.xml "$T/index/site.xml"
"$IDMVIEW" -d "$T/index" --list > "$T/out" 2> "$T/err"
is "$?" 2 "a linked site index: --list refuses it"
contains "$T/err" "site.xml: a symbolic link" "and names the file"
"$IMPORT" --into="$T/index" "$FIX/import/about.html" > "$T/out" 2>&1
ok "$([ $? -ne 0 ]; echo $?)" "idmview-import refuses a linked site index in --into"
contains "$T/out" "symbolic link" "and says why"
same_file "$T/outside/site.xml" "$FIX/site/site.xml" "the outside index is untouched"

# A plain site still works: links are what is refused, not the rule's
# own directory (reached through a link: the user named it).
ln -s "$FIX/site" "$T/via-link"
"$IDMVIEW" -d "$T/via-link" --dump p > "$T/out" 2> "$T/err"
is "$?" 0 "a content directory named through a link is read"

# --- files named by the user --------------------------------------------
mkfifo "$T/fifo.conf" "$T/fifo.pub"
timeout 10 "$IDMVIEW" -c "$T/fifo.conf" --list > "$T/out" 2> "$T/err"
is "$?" 1 "a FIFO as the configuration: refused at once (status 1, no hang)"
contains "$T/err" "not a regular file" "and the message says why"
printf 'store = %s\nupdate_url = http://127.0.0.1:1/\ntrusted_key = %s\n' "$T/store" "$T/fifo.pub" > "$T/key.conf"
timeout 10 "$IDMVIEW" -c "$T/key.conf" --update > "$T/out" 2> "$T/err"
is "$?" 3 "a FIFO as the trusted key: the update fails at once (status 3, no hang)"
contains "$T/err" "not a regular file" "and the message says why"

printf 'theme = monochrome\nlang = e\000n\n' > "$T/nul.conf"
"$IDMVIEW" -c "$T/nul.conf" --list > "$T/out" 2> "$T/err"
is "$?" 1 "a NUL byte in a configuration: a usage error"
contains "$T/err" "nul.conf:2: a NUL byte" "reported as a NUL byte at its line, not as a long line"

# Escape sequences in what a message echoes: an OSC title, a CSI, a C1
# CSI in UTF-8 and a raw C1 byte; no ESC, BEL or C1 reaches stderr.
EVIL=$(printf 'x\033]0;pwned\007y\033[2J\302\233z\233\303\251\233\302\253q\302\273')
# no_escapes FILE DESCRIPTION
no_escapes() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
	   LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" ||
	   LC_ALL=C grep -q "$(printf '\233')" "$1"; then
		ok 1 "$2"; od -c "$1" | head -5 | sed 's/^/#   /'
	else ok 0 "$2"; fi
}
"$IDMVIEW" -d "$T/$EVIL" --list > "$T/out" 2> "$T/err"
contains "$T/err" "pwned" "idmview -d: the value is still shown"
contains "$T/err" "é?«q»" "idmview -d: letters are kept, a raw C1 byte after one is not"
no_escapes "$T/err" "idmview -d: without its escape sequences"
printf 'theme = %s\n' "$EVIL" > "$T/evil.conf"
"$IDMVIEW" -c "$T/evil.conf" --list > "$T/out" 2> "$T/err"
contains "$T/err" "pwned" "a configuration value in an error: still shown"
no_escapes "$T/err" "a configuration value in an error: without escape sequences"
"$IDMVIEW" --update-url="http://127.0.0.1:1/$EVIL" --trusted-key="$T/k.pub" -s "$T/store" --update > "$T/out" 2> "$T/err"
no_escapes "$T/err" "an update URL in the updater's messages: without escape sequences"
"$PUBLISH" --sign="$T/k.key" --serial=1 "$T/$EVIL" "$T/o" > "$T/out" 2> "$T/err"
no_escapes "$T/err" "idmview-publish: a source directory's name without escape sequences"
"$IMPORT" --into="$T/imp" "$T/$EVIL.html" > "$T/out" 2> "$T/err"
no_escapes "$T/err" "idmview-import: an input's name without escape sequences"

done_testing
