#!/bin/sh
# import-e2e.sh - from the publisher's web pages to a kiosk, end to end:
# pages imported (from saved files, and from URLs served by a real nginx
# on 127.0.0.1), published and signed with the real minisign, served by
# nginx, and updated on a kiosk's store; then a page changed on the web
# site, imported again, and the kiosk updated again.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
IMPORT="$BUILDDIR/src/idmview-import"
FIX="$TESTDIR/fixtures/import"

[ -x "$NGINX" ] || { echo "not ok 1 - nginx missing (run ./bootstrap)"; echo 1..1; exit 1; }
trap 'stop_nginx; _tap_cleanup' EXIT
# the server's root: the publisher's web site under web/, the published
# tree under pub/
mkdir -p "$T/root/web"
cp "$FIX"/*.html "$T/root/web/"
start_nginx "$T/root" || { echo "not ok 1 - nginx did not start"; cat "$NG/error.log"; echo 1..1; exit 1; }

# --- the three commands: import a folder of saved pages, publish, serve ---
C="$T/content"
"$IMPORT" --into="$C" --site-title="Dialogue pages" "$FIX"/*.html > "$T/out" 2>&1
ok $? "1. import: the saved pages become a content directory"
"$PUBLISH" --serial=1 --sign="$KEY.key" "$C" "$T/root/pub" > "$T/out" 2>&1
ok $? "2. publish: idmview-publish accepts it and signs it"
[ $? -eq 0 ] || sed 's/^/#   /' "$T/out"
bump "$T/root/pub"
curl -sf -o "$T/m" "$URL/pub/manifest"
ok $? "3. serve: nginx serves the signed tree"

# the kiosk: a store that has never been updated
K="$T/kiosk"
upd "$K" "$URL/pub"
is "$rc" 0 "the kiosk updates from it, the signature verified"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$T/out"
"$IDMVIEW" -s "$K" --dump -w 1000 about > "$T/about.dump" 2>&1
ok $? "the kiosk shows the imported page"
python3 "$HERE/import-check.py" "$FIX/about.html" "$T/about.dump" > "$T/chk" 2>&1
ok $? "on the kiosk, every sentence of the main text, nothing of the navigation ($(tail -n 1 "$T/chk"))"
"$IDMVIEW" -s "$K" --list > "$T/list" 2>&1
is "$(cut -f1 "$T/list" | sort | tr '\n' ' ')" "about arabic contact home migracion-es migration-fr " \
	"the kiosk has every imported page and the home menu"
"$IDMVIEW" -s "$K" --dump arabic > "$T/ar" 2>&1
contains "$T/ar" "يجمع الحوار الحكومات والشركاء والمهاجرين أنفسهم." "the Arabic page arrives verbatim"

# --- the web site changes: import again, publish, update ---
sed 's/Each session ends with a summary by the chair./Each session now ends with a written summary by the chair./' \
	"$FIX/about.html" > "$T/about-new.html"
mkdir -p "$T/saved2" && cp "$FIX"/*.html "$T/saved2/" && cp "$T/about-new.html" "$T/saved2/about.html"
snapshot() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
snapshot "$C" > "$T/c1"
"$IMPORT" --into="$C" "$T/saved2"/*.html > "$T/out" 2>&1
ok $? "the changed page is imported again"
snapshot "$C" > "$T/c2"
is "$(diff "$T/c1" "$T/c2" | grep -c '^>')" 1 "only the changed page's file changed"
"$PUBLISH" --serial=2 --sign="$KEY.key" "$C" "$T/root/pub" > "$T/out" 2>&1
ok $? "published again (serial 2)"
bump "$T/root/pub"
upd "$K" "$URL/pub"
is "$rc" 0 "the kiosk updates again"
"$IDMVIEW" -s "$K" --dump -w 1000 about > "$T/about2.dump" 2>&1
contains "$T/about2.dump" "Each session now ends with a written summary by the chair." "the kiosk shows the new text"
lacks "$T/about2.dump" "Each session ends with a summary" "and not the old"

# --- pages imported from URLs, with the update's network rules ---
U="$T/from-url"
"$IMPORT" --into="$U" "$URL/web/about.html" "$URL/web/contact.html" > "$T/out" 2> "$T/err"
ok $? "importing two pages from http URLs exits 0"
[ $? -eq 0 ] || sed 's/^/#   /' "$T/err"
contains "$U/about.xml" '<link page="contact">contact details of the secretariat</link>' \
	"a link between two URL inputs is a page link"
contains "$U/about.xml" "<link href=\"$URL/web/migration-fr.html#resume\">French summary</link>" \
	"a relative link to a page not imported resolves against the page's URL"
contains "$U/contact.xml" '<link page="about">the page about the dialogue</link>' "and back"
snapshot "$U" > "$T/u1"
"$IMPORT" --into="$U" "$URL/web/no-such-page.html" > "$T/out" 2> "$T/err"
is "$?" 2 "a URL that answers 404: exit 2"
contains "$T/err" "404" "a 404 says so"
truncate -s 70M "$T/root/web/huge.html"
"$IMPORT" --into="$U" "$URL/web/huge.html" > "$T/out" 2> "$T/err"
is "$?" 2 "a URL over the size cap: exit 2"
contains "$T/err" "huge.html" "the size cap message names the URL"
rm -f "$T/root/web/huge.html"
"$IMPORT" --into="$U" "ftp://127.0.0.1:$PORT/web/about.html" > "$T/out" 2> "$T/err"
is "$?" 2 "an ftp:// address: exit 2"
contains "$T/err" "only http and https" "an ftp:// address: says only http and https"
"$IMPORT" --into="$U" "http://127.0.0.1:1/about.html" > "$T/out" 2> "$T/err"
is "$?" 2 "a server that refuses the connection: exit 2"
snapshot "$U" > "$T/u2"
same_file "$T/u1" "$T/u2" "after every failed fetch the content directory is unchanged"

done_testing
