#!/bin/sh
# po.sh - the interface catalogues: every language in po/LINGUAS has a
# catalogue that compiles (msgfmt -c), has no untranslated and no fuzzy
# entry (msgfmt --statistics), keeps the same printf directives as the
# English, and covers every message of the sources (the template made
# from po/POTFILES.in with xgettext), and nothing more.
. "$(dirname "$0")/../lib.sh"
PO="$TOP_SRCDIR/po"

command -v msgfmt >/dev/null && command -v xgettext >/dev/null
ok $? "gettext tools are installed (bootstrap installs gettext)"

# The messages of the sources, as make update-po would extract them.
(cd "$TOP_SRCDIR" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	--add-comments=TRANSLATORS: --files-from=po/POTFILES.in -o "$T/idmview.pot" --omit-header 2>"$T/xg")
ok $? "xgettext extracts the messages from po/POTFILES.in"
# every source file with a message to translate is listed there (one
# left out keeps its messages in English, and its translations look
# unused)
missing=$(cd "$TOP_SRCDIR" && grep -rl --include='*.c' '_("' src | sort |
	while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
is "$missing" "" "po/POTFILES.in lists every source file with a message"
[ -f "$T/idmview.pot" ] || : > "$T/idmview.pot"
nmsg=$(grep -c '^msgid ' "$T/idmview.pot")
diag "$nmsg messages in the sources"

langs=$(sed -e 's/#.*//' "$PO/LINGUAS")
[ -n "$langs" ]; ok $? "po/LINGUAS lists languages ($(echo $langs))"
for lang in $langs; do
	f="$PO/$lang.po"
	[ -f "$f" ]; ok $? "$lang: po/$lang.po exists"
	msgfmt -c --statistics -o /dev/null "$f" > "$T/stat" 2>&1
	ok $? "$lang: msgfmt -c accepts it (format strings agree with the English)"
	st=$(cat "$T/stat")
	case "$st" in
	*untranslated*|*fuzzy*) ok 1 "$lang: complete: $st" ;;
	*) ok 0 "$lang: complete: $st" ;;
	esac
	# every message of the sources is in the catalogue, translated
	msgcmp "$f" "$T/idmview.pot" > "$T/cmp" 2>&1
	ok $? "$lang: covers every message of the sources (msgcmp)"
	sed 's/^/#   /' "$T/cmp" | head -n 10
	# no obsolete leftovers kept as translations
	! grep -q '^#~' "$f"; ok $? "$lang: no obsolete entries"
	# nor translations of messages the sources no longer have: merged
	# with the template, they would turn obsolete
	msgmerge -q --no-fuzzy-matching -o "$T/merged.po" "$f" "$T/idmview.pot" 2>/dev/null &&
		! grep -q '^#~' "$T/merged.po"
	ok $? "$lang: no message the sources no longer have"
	grep -A1 '^#~ msgid' "$T/merged.po" 2>/dev/null | sed 's/^/#   /' | head -n 6
done
done_testing
