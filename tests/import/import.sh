#!/bin/sh
# import.sh - idmview-import (#15): saved pages of a large organisation's
# site (tests/fixtures/import/) become content the reader shows; hostile
# HTML gives a clear error or a safe page, never a crash or a hang; on
# any error the content directory is left exactly as it was.
. "$(dirname "$0")/../lib.sh"
IMPORT="$BUILDDIR/src/idmview-import"
FIX="$TESTDIR/fixtures/import"
PAGES="about contact migration-fr migracion-es arabic"

# imp ARGS...: status in $st, stdout in $T/out, stderr in $T/err
imp() {
	timeout 120 "$IMPORT" "$@" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
}
# snapshot DIR: every file's name and bytes, to see that nothing changed
snapshot() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) 2>/dev/null; }

# --- a folder of saved pages, imported into a new content directory ---
S="$T/site"
imp --into="$S" --site-title="Dialogue pages" "$FIX"/*.html
is "$st" 0 "importing the fixture pages exits 0"
[ ! -s "$T/err" ]; ok $? "and says nothing on stderr"
"$IDMVIEW" -d "$S" --list > "$T/list" 2> "$T/lerr"
ok $? "the reader lists the imported site"
for p in $PAGES; do
	contains "$T/list" "$(printf '%s\t' "$p")" "--list has page $p"
done
contains "$T/list" "$(printf 'about\tAbout the Dialogue')" "the title is the <h1>"
contains "$S/site.xml" 'title="Dialogue pages" lang="en"' "a new site.xml: --site-title, the first page's language"
contains "$S/site.xml" '<item page="migration-fr"/>' "a new site.xml lists every page in its home menu"

# every sentence of the main text is in the dump; nothing left out is
for p in $PAGES; do
	cs=utf-8
	[ "$p" = migration-fr ] && cs=iso-8859-1
	"$IDMVIEW" -d "$S" --dump -w 1000 "$p" > "$T/$p.dump" 2>&1
	python3 "$HERE/import-check.py" "$FIX/$p.html" "$T/$p.dump" "$cs" > "$T/chk" 2>&1
	ok $? "$p: every sentence of the main text, and nothing of the navigation, footer or scripts ($(tail -n 1 "$T/chk"))"
	[ $? -eq 0 ] || sed 's/^/#   /' "$T/chk" | head -n 20
done
for s in "Skip to main content" "We use cookies" "Privacy policy" "Injected by a script" \
	"Related stories" "Breadcrumb home" "Aviso legal" "Mentions légales" "tracking"; do
	lacks "$T/about.dump" "$s" "about: no '$s'"
done
lacks "$T/migracion-es.dump" "Enviar formulario" "migracion-es: no form"
lacks "$T/migracion-es.dump" "Portal de la Organización" "migracion-es: no page header (body without <main>)"
contains "$T/migration-fr.dump" "main-d'œuvre" "French: ISO-8859-1 and &oelig; read as the page declares"
contains "$T/arabic.dump" "يجمع الحوار الحكومات والشركاء والمهاجرين أنفسهم." "Arabic text verbatim"

# the mapping: quotes with their sources, lists, links
contains "$S/about.xml" '<quote source="Director General, opening remarks">' "a quote's source from its figure's caption"
contains "$S/migration-fr.xml" '<quote source="Déclaration finale, Genève">' "a quote's source from its <footer><cite>"
contains "$S/migracion-es.xml" '<quote source="Informe del diálogo, capítulo uno">' "a quote's source from the dash line that follows it"
lacks "$S/migracion-es.xml" "<p>— Informe" "and that line is not repeated as a paragraph"
contains "$S/about.xml" '<li>children travelling alone;</li>' "a nested list's items stay, in the list"
contains "$S/about.xml" '<link page="contact">contact details of the secretariat</link>' "a relative link to another input is a page link"
contains "$S/about.xml" '<link page="migration-fr">French summary</link>' "... with a #fragment too"
contains "$S/contact.xml" '<link page="about">the page about the dialogue</link>' "... and with ./"
contains "$S/about.xml" '<link href="https://example.org/reports/idm-2024">report page</link>' "an https link stays external"
contains "$S/about.xml" '<p>Share: print this page.</p>' "a javascript: link is dropped, its text stays"
lacks "$S/about.xml" 'javascript' "no javascript: anywhere"
contains "$S/contact.xml" '<p>You can also write to the secretariat mailbox.</p>' "a mailto: link is dropped, its text stays"
contains "$S/contact.xml" '<p>Example Street 17</p>' "an address's lines stay lines"
lacks "$S/about.xml" '<h>About the Dialogue</h>' "the <h1> is the title, not repeated as a heading"
lacks "$S/about.xml" 'Participants at the dialogue' "an image's alt text is not added"

# --report says what did not come across
imp --into="$S" --report "$FIX/about.html"
is "$st" 0 "--report exits 0"
contains "$T/out" "dropped <nav> (not main text): Breadcrumb home" "--report: the navigation and its first words"
contains "$T/out" "dropped <script> (not main text): document.write" "--report: a script"
contains "$T/out" "We use cookies" "--report: the cookie banner outside the main text"
contains "$T/out" "javascript:window.print()" "--report: the dropped link"
contains "$T/out" "dropped <img> (its alt text): Participants" "--report: an image"

# idempotent: importing again gives the same bytes
snapshot "$S" > "$T/snap1"
imp --into="$S" --site-title="Dialogue pages" "$FIX"/*.html
snapshot "$S" > "$T/snap2"
same_file "$T/snap1" "$T/snap2" "importing twice gives the same bytes"

# the links between imported pages open in the browser
term_setup
term_start 80 24 -- "$IDMVIEW" -d "$S" about
wait_for "About the Dialogue"; ok $? "the browser opens the imported page"
term_keys Tab; sleep 0.2; term_keys Enter
wait_for "Write to the secretariat"; ok $? "its page link opens the other imported page"
term_keys Tab; sleep 0.2; term_keys Enter
wait_for "The dialogue brings together"; ok $? "and the link back opens the first one"
term_kill

# --- an existing site: --menu, the rest of site.xml kept byte for byte ---
B="$T/bundled"
cp -r "$DATA" "$B"
imp --into="$B" --menu=about-migration --id=dialogue-about "$FIX/about.html"
is "$st" 0 "importing into the bundled content with --menu exits 0"
diff "$DATA/site.xml" "$B/site.xml" | grep '^[<>]' | sed 's/^> */> /' > "$T/d"
is "$(cat "$T/d")" '> <item page="dialogue-about"/>
> <page id="dialogue-about" file="dialogue-about.xml" title="About the Dialogue"/>' \
	"site.xml: one <item> and one <page> line added, nothing else changed" 
"$IDMVIEW" -d "$B" --dump about-migration > "$T/m" 2>&1
contains "$T/m" "About the Dialogue" "the menu lists the imported page"
imp --into="$B" --id=dialogue-about --title="About the dialogue, again" "$FIX/about.html"
contains "$B/site.xml" 'id="dialogue-about" file="dialogue-about.xml" title="About the dialogue, again"' \
	"re-importing with another --title replaces the title in its line"
is "$(grep -c 'dialogue-about' "$B/site.xml")" 2 "and adds no second line or item"

# --base-url: relative links of saved files to pages not imported
mkdir -p "$T/one"
printf '<html><body><main><h1>One</h1><p>See <a href="/reports/x.html">the reports</a> and <a href="two.html">two</a>.</p></main></body></html>' > "$T/one/one.html"
imp --into="$T/o1" "$T/one/one.html"
contains "$T/o1/one.xml" '<p>See the reports and two.</p>' "without --base-url a relative link to no input is dropped, its text kept"
imp --into="$T/o2" --base-url=https://example.org/news/ "$T/one/one.html"
contains "$T/o2/one.xml" '<link href="https://example.org/reports/x.html">the reports</link>' "--base-url: a root-relative link becomes external"
contains "$T/o2/one.xml" '<link href="https://example.org/news/two.html">two</link>' "--base-url: a page-relative link becomes external"

# --- usage errors: exit 1 ---
imp; is "$st" 1 "no input: exit 1"
imp --into="$T/u" --id=a "$FIX/about.html" "$FIX/contact.html"; is "$st" 1 "--id with two inputs: exit 1"
imp --into="$T/u" --id=Bad_Id "$FIX/about.html"; is "$st" 1 "--id outside the id pattern: exit 1"
imp --into="$T/u" --base-url=ftp://x/ "$FIX/about.html"; is "$st" 1 "--base-url not http(s): exit 1"
imp --no-such-option; is "$st" 1 "an unknown option: exit 1"
contains "$T/err" "--help" "an unknown option points at --help"
imp --help; is "$st" 0 "--help exits 0"
contains "$T/out" "--into=DIR" "--help lists --into"
imp --version; is "$st" 0 "--version exits 0"
[ ! -e "$T/u" ]; ok $? "a usage error writes nothing"

# --- content errors: exit 2, "FILE: what", DIR unchanged ---
H="$T/hostile"
mkdir -p "$H"
cp -r "$S" "$T/keep"
before=$(snapshot "$T/keep")
# refused NAME FILE WHAT: importing FILE into $T/keep fails cleanly
refused() {
	imp --into="$T/keep" "$2"
	is "$st" 2 "$1: exit 2"
	contains "$T/err" "$2" "$1: the message names the file"
	contains "$T/err" "$3" "$1: it says what is wrong ($3)"
	is "$(snapshot "$T/keep")" "$before" "$1: the content directory is unchanged"
}
html() { printf '<html><head>%s</head><body><main><h1>T</h1><p>%s</p></main></body></html>' "$2" "$3" > "$H/$1.html"; }
html ctlref '' 'Call +1-555&#1;0100'
refused "a character reference to a control character" "$H/ctlref.html" "U+0001"
html ctlref0 '' 'zero &#0; here'
refused "a reference to U+0000" "$H/ctlref0.html" "cannot be content"
html surrogate '' 'half &#xD800; pair'
refused "a reference to a surrogate" "$H/surrogate.html" "U+D800"
printf '<html><body><main><h1>T</h1><p>bell\007 and escape\033[2J</p></main></body></html>' > "$H/rawctl.html"
refused "raw control characters" "$H/rawctl.html" "cannot be content"
printf '<html><body><main><h1>T</h1><p>caf\351 cr\350me</p></main></body></html>' > "$H/nocharset.html"
refused "no charset and bytes that are not UTF-8" "$H/nocharset.html" "not UTF-8"
printf '<html><head><meta charset="utf-8"></head><body><main><h1>T</h1><p>caf\351</p></main></body></html>' > "$H/wrongcharset.html"
refused "charset utf-8 declared, Latin-1 bytes" "$H/wrongcharset.html" "not UTF-8"
printf '<html><head><meta charset="x-no-such-charset"></head><body><main><h1>T</h1><p>text</p></main></body></html>' > "$H/unknowncharset.html"
imp --into="$T/keep" "$H/unknowncharset.html"
[ "$st" -eq 0 ] || [ "$st" -eq 2 ]; ok $? "an unknown charset: a page or exit 2, never a crash (status $st)"
is "$(snapshot "$T/keep" | grep -c unknowncharset)" "$([ "$st" -eq 0 ] && echo 1 || echo 0)" "an unknown charset: written only on success"
git_lfs=$(printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001')
printf '%s' "$git_lfs" > "$H/binary.html"; head -c 4096 /dev/urandom >> "$H/binary.html"
refused "a 'page' that is really a PNG" "$H/binary.html" "binary"
head -c 65536 /dev/urandom | tr -d '\000' > "$H/random.html"
imp --into="$T/keep" "$H/random.html"
is "$st" 2 "random bytes without NUL: exit 2"
is "$(snapshot "$T/keep")" "$before" "random bytes: the content directory is unchanged"
python3 -c "import sys; sys.stdout.write('<html><body><main><h1>T</h1>' + '<div>' * 100000 + 'deep' + '</div>' * 100000 + '</main></body></html>')" > "$H/deep.html"
refused "100,000 nested elements" "$H/deep.html" "nested deeper than"
printf '<html><body><main><p>text but no title anywhere</p></main></body></html>' > "$H/notitle.html"
refused "no <h1>, no <title>" "$H/notitle.html" "no title"
printf '<html><head><title>T</title></head><body><main><nav>only navigation</nav></main></body></html>' > "$H/empty.html"
refused "no main text" "$H/empty.html" "no main text"
imp --into="$T/keep" --menu=no-such-menu "$FIX/about.html"
is "$st" 2 "--menu naming no menu: exit 2"
contains "$T/err" "no menu 'no-such-menu'" "--menu naming no menu: says so"
is "$(snapshot "$T/keep")" "$before" "--menu naming no menu: unchanged"
# one bad input among good ones: nothing is written
imp --into="$T/keep" "$FIX/about.html" "$H/ctlref.html"
is "$st" 2 "a bad input among good ones: exit 2"
is "$(snapshot "$T/keep")" "$before" "a bad input among good ones: nothing written"
# an existing file the index does not name is not overwritten
mkdir -p "$T/stray" && echo keep > "$T/stray/about.xml"
imp --into="$T/stray" "$FIX/about.html"
is "$st" 2 "an unrelated DIR/ID.xml: exit 2"
is "$(cat "$T/stray/about.xml")" keep "an unrelated DIR/ID.xml is not overwritten"
# an index the reader refuses is reported, not made worse
mkdir -p "$T/badsite" && printf '<site title="x"><menu id="home" title="H"><item page="nope"/></menu></site>' > "$T/badsite/site.xml"
imp --into="$T/badsite" "$FIX/about.html"
is "$st" 2 "a broken site.xml: exit 2"
contains "$T/err" "$T/badsite/site.xml" "a broken site.xml: the message names it"
[ ! -e "$T/badsite/about.xml" ]; ok $? "a broken site.xml: nothing written"
# what a file argument may be
mkfifo "$H/fifo.html"
refused "a FIFO (would block)" "$H/fifo.html" "not a regular file"
refused "a directory" "$H" "not a regular file"
refused "a missing file" "$H/missing.html" "No such file"

# a page that names other files: none of them is read
echo "SECRET-$$-import" > "$H/secret.txt"
cat > "$H/names-files.html" <<EOT
<!DOCTYPE html [<!ENTITY x SYSTEM "file://$H/secret.txt"><!ENTITY y SYSTEM "secret.txt">]>
<html><head><link rel="stylesheet" href="file://$H/secret.txt"><base href="file://$H/"></head>
<body><main><h1>T</h1><p>a &x; b &y; c</p><iframe src="secret.txt"></iframe>
<object data="secret.txt"></object><img src="secret.txt"><p><a href="secret.txt">s</a></p></main></body></html>
EOT
imp --into="$T/nf" "$H/names-files.html"
is "$st" 0 "a page naming other files (entities, frames, objects, links) imports"
! grep -rq "SECRET-$$" "$T/nf"; ok $? "and no file it names was read"

# --- hostile but importable: a safe page ---
# safe NAME FILE: imports, and the reader shows it with no control character
safe() {
	imp --into="$T/safe-$1" "$2"
	is "$st" 0 "$1: imports (exit 0)"
	[ "$st" -eq 0 ] || sed 's/^/#   /' "$T/err"
	timeout 120 "$IDMVIEW" -d "$T/safe-$1" --dump "$3" > "$T/sd" 2>&1
	ok $? "$1: the reader shows it"
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/sd"
	[ $? -ne 0 ]; ok $? "$1: no control character reaches the terminal"
}
printf '<html><body><main><h1>T</h1><p>Call +1-555-0100 \342\200\256FAKE 999\342\200\254 and \302\233 C1 \r here</p></main></body></html>' > "$H/bidi.html"
safe "bidi overrides and C1 controls" "$H/bidi.html" bidi
contains "$T/safe-bidi overrides and C1 controls/bidi.xml" "$(printf '\342\200\256FAKE 999')" "bidi: the override is kept verbatim in the content (the layout neutralises it)"
lacks "$T/sd" "$(printf '\342\200\256')" "bidi: the override does not reach the terminal"
printf '<p>unclosed <b>bold <i>italic<p>next paragraph <ul><li>item<li>other item</ul><h1>Title here' > "$H/unclosed.html"
safe "unclosed tags" "$H/unclosed.html" unclosed
contains "$T/sd" "unclosed bold italic" "unclosed: the text is kept"
contains "$T/sd" "other item" "unclosed: the list is kept"
printf '<html><head><meta charset="iso-8859-1"></head><body><main><h1>T</h1><p>caf\303\251</p></main></body></html>' > "$H/latin1-but-utf8.html"
safe "a wrong charset (Latin-1 declared, UTF-8 bytes)" "$H/latin1-but-utf8.html" latin1-but-utf8
printf '\357\273\277<html><body><main><h1>T</h1><p>bom caf\303\251</p></main></body></html>' > "$H/bom.html"
safe "a UTF-8 byte order mark, no charset" "$H/bom.html" bom
contains "$T/sd" "bom café" "the BOM page reads as UTF-8"
python3 -c "
import sys
w = 'migration information for migrants and families ' * 16
sys.stdout.write('<html><head><meta charset=utf-8></head><body><main><h1>Big</h1>')
for i in range(20 * 1024 * 1024 // (len(w) + 7)):
    sys.stdout.write('<p>' + w + '</p>')
sys.stdout.write('</main></body></html>')" > "$H/big.html"
safe "20 MB of text" "$H/big.html" big
is "$(grep -c '<p>migration information' "$T/safe-20 MB of text/big.xml")" "$(grep -o '<p>' "$H/big.html" | wc -l)" "20 MB: every paragraph is there"
head -c 70000000 /dev/zero | tr '\0' 'a' > "$H/huge.html"
refused "over the 64 MiB limit" "$H/huge.html" "too large"
rm -f "$H/huge.html" "$H/big.html"

done_testing
