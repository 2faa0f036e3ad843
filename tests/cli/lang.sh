#!/bin/sh
# lang.sh - content in several languages and right-to-left layout, on the
# fixture site tests/fixtures/lang (English, with French, Spanish and
# Arabic translations; "contact" only in English and Spanish):
#  - --lang picks the translation of titles, labels and pages; a page
#    missing in that language is shown in English with a note saying so;
#  - Arabic laid out right to left (--bidi=on) at 40 and 80 columns
#    matches the expected captures, and each line matches what fribidi(1)
#    itself makes of the same logical line;
#  - --dump keeps the reading order unless --bidi=on.
# And the program's errors in the reader's language (LANGUAGE=fr, es, ar):
# a content error, a configuration error, update failures; file:line and
# the technical words kept.
# UPDATE_EXPECTED=1 rewrites tests/expected/lang/.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTDIR/fixtures/lang"
EXP="$TESTDIR/expected/lang"
unset COLUMNS LANGUAGE IDMVIEW_BIDI
v() { "$IDMVIEW" -d "$FIX" "$@"; }

# --- choosing the language ---
for l in en fr es ar; do
	v --dump --lang=$l -w 60 > "$T/home.$l" 2> "$T/err"
	ok $? "--lang=$l --dump of the home menu exits 0"
	v --dump --lang=$l -w 60 hotline > "$T/hotline.$l" 2>> "$T/err"
	ok $? "--lang=$l --dump hotline exits 0"
	v --dump --lang=$l -w 80 contact > "$T/contact.$l" 2>> "$T/err"
	ok $? "--lang=$l --dump contact exits 0"
	[ ! -s "$T/err" ]; ok $? "--lang=$l: nothing on stderr"
done
contains "$T/home.en" "Get help" "en: the label in English"
contains "$T/home.fr" "Obtenir de l’aide" "fr: the label in French"
contains "$T/home.es" "Línea de ayuda" "es: the page title in Spanish in the menu"
contains "$T/home.ar" "الحصول على المساعدة" "ar: the label in Arabic"
contains "$T/home.fr" "Accueil" "fr: the menu title in French"
contains "$T/hotline.fr" "Appelez la ligne d’assistance" "fr: the hotline page from hotline.fr.xml"
contains "$T/hotline.es" "Llame a la línea de ayuda" "es: the hotline page from hotline.es.xml"
contains "$T/hotline.ar" "اتصل بالخط الساخن" "ar: the hotline page from hotline.ar.xml"
contains "$T/hotline.fr" "Accueil › Ligne d’assistance" "fr: the breadcrumb in French"
lacks "$T/hotline.fr" "Call the help line" "fr: no English text on a translated page"
lacks "$T/hotline.fr" "not available" "fr: no fallback note on a translated page"
# fallback: contact exists in English and Spanish only
contains "$T/contact.fr" "Cette page n’existe pas en français ; elle est affichée en anglais." \
	"fr: a missing page is shown in English with a note, in French"
contains "$T/contact.fr" "Write to the help desk" "fr: ... and its English text"
contains "$T/contact.ar" "هذه الصفحة غير متوفرة باللغة العربية" "ar: the note in Arabic names Arabic"
contains "$T/contact.es" "Escriba a la oficina" "es: contact exists in Spanish"
lacks "$T/contact.es" "not available" "es: no note where the page exists"
lacks "$T/contact.en" "not available" "en: no note in the site's own language"
# a language the content does not have at all: English, with the note
v --dump --lang=de -w 60 hotline > "$T/hotline.de" 2>&1
ok $? "--lang=de (no translation) exits 0"
contains "$T/hotline.de" "Call the help line" "de: the English page"
contains "$T/hotline.de" "not available in de" "de: the note names the language asked for"
v --list --lang=fr > "$T/list.fr"
contains "$T/list.fr" "$(printf 'hotline\tLigne d’assistance')" "--list --lang=fr: titles in French"
contains "$T/list.fr" "$(printf 'contact\tContact')" "--list --lang=fr: a page missing in French keeps its title"
# --search looks in the pages of the chosen language
v --search=gratuits --lang=fr > "$T/search.fr" 2>&1
contains "$T/search.fr" "$(printf 'hotline\tLigne d’assistance\t')" "--search --lang=fr finds a French word on the French page"
# the ranking's words table holds each file's title in its language
XDG_CACHE_HOME="$T/lc" v --search=ligne --lang=fr > /dev/null 2>&1
is "$(sqlite3 -readonly "$T"/lc/idmview/index-*.sqlite "SELECT f.file FROM files f JOIN
	(SELECT rowid AS r FROM words WHERE words MATCH 'title:ligne') ON r = f.id;
	SELECT page FROM rank_menus m JOIN (SELECT rowid AS r FROM words
	WHERE words MATCH 'title:accueil') ON r = m.id" | tr '\n' ' ')" "hotline.fr.xml home " \
	"the search index ranks a page by its title in its file's language, a menu by all its titles"
v --search=gratuits > "$T/search.en" 2>&1
[ ! -s "$T/search.en" ]; ok $? "--search without --lang does not see the French page"
v --search=مجانية --lang=ar > "$T/search.ar" 2>&1
contains "$T/search.ar" "المكالمات مجانية" "--search --lang=ar finds an Arabic word, in reading order"
# the configuration key does the same as the option
printf 'lang = es\n' > "$T/conf"
v -c "$T/conf" --dump -w 60 hotline > "$T/hotline.conf" 2>&1
contains "$T/hotline.conf" "Llame a la línea de ayuda" "lang = es in the configuration file"
v --lang='fr;rm' --dump > "$T/out" 2>&1
[ $? -eq 1 ]; ok $? "--lang with a bad code is a usage error (status 1)"
contains "$T/out" "language code" "and says what a language code is"
# the bundled content is English only: --lang=fr shows it with the note
"$IDMVIEW" --dump --lang=fr idm > "$T/idm.fr" 2>&1
contains "$T/idm.fr" "n’existe pas en français" "bundled content: English with the note under --lang=fr"
contains "$T/idm.fr" "IOM's International Dialogue on Migration" "bundled content: the English text unchanged"

# --- right to left ---
v --dump --lang=ar -w 40 hotline > "$T/logical.40"
lacks "$T/logical.40" "ﺍ" "--dump keeps the reading order by default (no presentation forms)"
contains "$T/logical.40" "اتصل بالخط الساخن" "--dump: Arabic in logical order"
IDMVIEW_BIDI=on v --dump --lang=ar -w 40 hotline > "$T/env.40"
same_file "$T/logical.40" "$T/env.40" "--dump under IDMVIEW_BIDI=on still keeps the reading order (bidi=auto)"
for w in 40 80; do
	v --dump --lang=ar --bidi=on -w $w hotline > "$T/rtl.$w" 2> "$T/err"
	ok $? "--bidi=on --dump at $w exits 0"
	v --dump --lang=ar --bidi=off -w $w hotline > "$T/ltr.$w"
	if [ -n "${UPDATE_EXPECTED:-}" ]; then
		mkdir -p "$EXP" && cp "$T/rtl.$w" "$EXP/hotline.ar.$w.txt"
	fi
	same_file "$EXP/hotline.ar.$w.txt" "$T/rtl.$w" "Arabic at $w columns matches expected/lang/hotline.ar.$w.txt"
	[ "$(wc -L < "$T/rtl.$w")" -le $w ]; ok $? "Arabic at $w: no line over $w columns"
	# Every laid-out line (all in right-to-left paragraphs), by fribidi's
	# own command line: base direction RTL, padded to the width, marks
	# removed (--clean: idmview drops them, they only steer). FriBidi
	# keeps U+FEFF where a lam-alef ligature swallowed the alef; idmview
	# drops it, as a terminal might draw it.
	n=$(grep -n -x 'الروابط:' "$T/ltr.$w" | cut -d: -f1) # "Links:", in Arabic
	head -n $((n - 2)) "$T/ltr.$w" | fribidi --rtl --nobreak --clean --width $w \
		| sed 's/\xef\xbb\xbf//g; s/ *$//' > "$T/fribidi.$w"
	head -n $((n - 2)) "$T/rtl.$w" > "$T/ours.$w"
	same_file "$T/fribidi.$w" "$T/ours.$w" "Arabic at $w: every line as fribidi(1) orders and shapes it"
	# right-aligned: the title ends at the right edge
	[ "$(sed -n 3p "$T/rtl.$w" | wc -L)" -eq $w ]; ok $? "Arabic at $w: the title is aligned right"
	contains "$T/rtl.$w" "+1-555-0100" "Arabic at $w: the phone number reads left to right"
	contains "$T/rtl.$w" "(1951 ﺬﻨﻣ)" "Arabic at $w: the year keeps its digits in order, brackets mirrored"
done
# a left-to-right page is not touched by --bidi=on
v --dump --lang=fr --bidi=on -w 60 hotline > "$T/fr.bidi"
same_file "$T/hotline.fr" "$T/fr.bidi" "--bidi=on leaves a French page as it is"
# the bundled content is left to right: --bidi=on changes none of it
same=0
for id in $("$IDMVIEW" --list | cut -f1); do
	"$IDMVIEW" --dump --bidi=on -w 40 "$id" > "$T/b.on" 2>&1
	"$IDMVIEW" --dump -w 40 "$id" > "$T/b.off" 2>&1
	cmp -s "$T/b.on" "$T/b.off" || { same=1; diag "$id differs under --bidi=on"; }
done
ok $same "--bidi=on leaves every bundled (English) page as it is"
v --dump --bidi=sideways hotline > "$T/out" 2>&1
[ $? -eq 1 ]; ok $? "--bidi=sideways is a usage error"
contains "$T/out" "auto, on, off" "and lists the choices"

# --- the program's errors in the reader's language ---
# (the catalogues' messages outside the browser: content, configuration,
# update; file:line and the technical words stay as they are)
bad="$T/badsite"
mkdir -p "$bad"
cp "$TESTDIR"/fixtures/site/*.xml "$bad/"
cp "$TESTDIR/fixtures/bad/site-missing-item.xml" "$bad/site.xml"
LANGUAGE=fr "$IDMVIEW" --data-dir="$bad" --dump > "$T/out" 2> "$T/err"
[ $? -eq 2 ]; ok $? "fr: bad content still exits 2"
contains "$T/err" "idmview: $bad/site.xml:5: l’élément de menu nomme la page" \
	"fr: a content error in French, after its file:line"
"$IDMVIEW" --data-dir="$bad" --dump 2> "$T/err"
contains "$T/err" "$bad/site.xml:5: menu item names page 'gone'" "without LANGUAGE the same error is in English"
printf 'offline = maybe\n' > "$T/bad.conf"
LANGUAGE=fr "$IDMVIEW" -c "$T/bad.conf" --dump > "$T/out" 2> "$T/err"
[ $? -eq 1 ]; ok $? "fr: a configuration error is still a usage error (status 1)"
contains "$T/err" "$T/bad.conf:1: offline doit valoir yes ou no" "fr: a configuration error in French, key and values kept"
LANGUAGE=es "$IDMVIEW" --update --update-url=ftp://example.org/ > "$T/out" 2> "$T/err"
[ $? -eq 1 ]; ok $? "es: --update-url=ftp:// is a usage error"
contains "$T/err" "--update-url: update_url debe ser una URL http:// o https://, o un directorio (file:///DIR o /DIR): ftp://example.org/" \
	"es: the wrong --update-url scheme said in Spanish"
LANGUAGE=es "$IDMVIEW" --update --update-url=http://127.0.0.1:1/ -s "$T/store" \
	--trusted-key="$TESTDIR/fixtures/update/key.pub" > "$T/out" 2> "$T/err"
[ $? -eq 3 ]; ok $? "es: an unreachable mirror is a failed update (status 3)"
contains "$T/err" "idmview: la actualización ha fallado: http://127.0.0.1:1/manifest: " \
	"es: the update failure in Spanish, the URL kept"
contains "$T/err" "idmview: el contenido instalado no ha cambiado" "es: ... and that the content is unchanged"
LANGUAGE=ar "$IDMVIEW" --update --update-url=http://127.0.0.1:1/ -s "$T/store" \
	--trusted-key="$TESTDIR/fixtures/update/manifest" > "$T/out" 2> "$T/err"
contains "$T/err" "manifest:1: ليس ملف minisign (لا يوجد سطر «untrusted comment:»)" \
	"ar: a key that is not a minisign key, in Arabic, the minisign words kept"
done_testing
