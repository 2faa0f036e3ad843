#!/bin/sh
# i18n-ui.sh - the browser in each language, through tmux: the home screen
# and the help screen of the fixture site (tests/fixtures/lang) at 80x24
# with LANGUAGE=en, fr, es and ar, against tests/expected/i18n/; and, for
# each translated language, no English left on the help screen; and the
# error for an unset TERM, in Arabic.
# UPDATE_EXPECTED=1 rewrites the expected captures (read them first).
. "$(dirname "$0")/../lib.sh"
FIX="$TESTDIR/fixtures/lang"
EXP="$TESTDIR/expected/i18n"
unset LANGUAGE IDMVIEW_BIDI COLUMNS
term_setup

# start LANGUAGE ARGS...: the browser in LANGUAGE in a fresh 80x24 pane.
start() {
	_lang=$1
	shift
	term_start 80 24 TERM=screen LANGUAGE="$_lang" -- "$IDMVIEW" "$@"
}
SCREEN="$T/screen"
# capture NAME DESC: the screen against expected/i18n/NAME.txt
capture() {
	sleep 0.3
	term_screen > "$T/$1.txt"
	if [ -n "${UPDATE_EXPECTED:-}" ]; then
		mkdir -p "$EXP" && cp "$T/$1.txt" "$EXP/$1.txt"
	fi
	same_file "$EXP/$1.txt" "$T/$1.txt" "$2"
}

# The terminal errors come before any screen: TERM unset, said in Arabic,
# TERM and --dump kept as the reader must type them.
term_start 80 24 -u TERM LANGUAGE=ar IDM_ERR="$T/term.err" -- "$IDMVIEW" -d "$FIX"
wait_for "exit status"; ok $? "TERM unset: idmview exits"
contains "$T/screen" "exit status 1" "TERM unset: exit status 1"
contains "$T/term.err" "idmview: تعذّر استخدام الطرفية: المتغير TERM غير مضبوط" "ar: TERM unset, said in Arabic"
contains "$T/term.err" "أو استخدم --dump لطباعة صفحة" "ar: ... with --dump kept"

# what the home screen says in each language (the menu title and the
# site title come from the content, the status line from the catalogue)
home_en="Home"; home_fr="Accueil"; home_es="Inicio"; home_ar="ﺔﻴﺴﻴﺋﺮﻟﺍ"
help_en="Keys"; help_fr="Touches"; help_es="Teclas"; help_ar="ﺢﻴﺗﺎﻔﻤﻟﺍ"
for lang in en fr es ar; do
	eval home=\$home_$lang help=\$help_$lang
	start $lang -d "$FIX"
	wait_for "$home"; ok $? "$lang: the home screen opens in its language"
	capture "home.$lang" "$lang: the home screen matches expected/i18n/home.$lang.txt"
	term_keys '?'
	wait_for "$help"; ok $? "$lang: the help screen opens in its language"
	capture "help.$lang" "$lang: the help screen matches expected/i18n/help.$lang.txt"
	if [ $lang != en ]; then
		# no English description or heading left on the help screen
		lacks "$T/help.$lang.txt" "Scroll down" "$lang: help has no untranslated description"
		lacks "$T/help.$lang.txt" "Mouse" "$lang: help has no untranslated heading"
		lacks "$T/help.$lang.txt" "?:help" "$lang: the status line is translated"
	fi
	if [ $lang = ar ]; then
		# the interface is mirrored: the status line's hints on the
		# left, where we are on the right; help's keys in the right
		# column, their descriptions to the left of them
		sed -n 24p "$T/home.ar.txt" | grep -q '^ ﺝﻭﺮﺧ:q .* ﺔﻴﺴﻴﺋﺮﻟﺍ$'
		ok $? "ar: the status line is mirrored (hints left, breadcrumb right)"
		grep -q 'ﻲﻟﺎﺘﻟﺍ ﺮﺼﻨﻌﻟﺍ.* j ,ﻞﻔﺳﻷ ﻢﻬﺳ *$' "$T/help.ar.txt"
		ok $? "ar: help's keys are in the right-hand column"
		[ "$(sed -n 1p "$T/help.ar.txt" | wc -L)" -eq 79 ]
		ok $? "ar: the help title ends at the right margin"
		# the cursor rests where reading starts: the right end
		[ "$(term_format '#{cursor_x}')" -eq 78 ]
		ok $? "ar: in help the cursor is at the start of the first line, on the right"
	elif [ $lang = en ]; then
		sed -n 24p "$T/home.en.txt" | grep -q '^Home .*?:help q:quit$'
		ok $? "en: the status line runs left to right (breadcrumb left, hints right)"
	fi
	term_keys q
done

# A message longer than the status line (longer still in translation) is
# shown whole on the bottom lines, over the page, until the next key: the
# French update failure with its URL and libcurl's reason
start fr -d "$FIX" --update-url=http://127.0.0.1:1/ --trusted-key="$TESTDIR/fixtures/update/key.pub"
wait_for "Accueil" > /dev/null
term_keys U
wait_for "127.0.0.1 port 1"
ok $? "fr: a long message is shown whole (its end is past the 80th column)"
sed -n 21,23p "$T/screen" | grep -q "^La mise à jour a échoué, le contenu n’a pas changé"
ok $? "fr: it starts above the status line, which it fills to the end"
sed -n 24p "$T/screen" | sed 's/^/# /'
sed -n 24p "$T/screen" | grep -q "?:aide"; [ $? -ne 0 ]; ok $? "fr: the last line is the message's, not the hints"
term_keys j
sleep 0.5
term_screen > "$T/screen"
lacks "$T/screen" "127.0.0.1" "fr: the next key takes it away"
contains "$T/screen" "?:aide" "fr: and the status line is back"
term_keys q

# the search prompt in Arabic starts at the right, the cursor to its left,
# where the next (Arabic) letter appears
start ar -d "$FIX"
wait_for "$home_ar" > /dev/null
term_keys /
sleep 0.5
term_screen | sed -n 24p | grep -q '^ *:ﺚﺤﺑ$'
ok $? "ar: the search prompt is at the right of the status line"
[ "$(term_format '#{cursor_x}')" -eq 75 ]
ok $? "ar: the cursor is just left of the prompt"
term_keys Escape

# the language screen mirrored: names at the right, the marker at the
# right edge, the cursor where the focused name begins (its right end)
term_keys L
wait_for "English" > /dev/null
term_screen > "$T/lang.ar.txt"
grep -q '^ *English$' "$T/lang.ar.txt"; ok $? "ar: the language screen lists names at the right"
grep -q 'ﺔﻴﺑﺮﻌﻟﺍ <$' "$T/lang.ar.txt"; ok $? "ar: the marker is at the right edge, at the chosen language"
[ "$(term_format '#{cursor_x}')" -eq 76 ]; ok $? "ar: the cursor is at the start (right end) of the focused name"
term_keys Escape

# a kiosk in Arabic: the touch targets mirrored to the left, Back rightmost
start ar -k -d "$FIX"
wait_for "$home_ar"; ok $? "ar kiosk: starts"
term_screen > "$T/kiosk.ar.txt"
sed -n 24p "$T/kiosk.ar.txt" | grep -q '^\[ PgDn \] \[ PgUp \] \[ ﺔﻴﺴﻴﺋﺮﻟﺍ \] \[ ﻉﻮﺟﺭ > \] .*ﺔﻴﺴﻴﺋﺮﻟﺍ$'
ok $? "ar kiosk: targets on the left, Back rightmost, the breadcrumb on the right"
sed -n 24p "$T/kiosk.ar.txt" | sed 's/^/# /'
# a tap lands on the target drawn there: open a page, tap Home (the
# third from the left, columns 18-29)
term_keys Enter
sleep 0.5
term_screen | sed -n 24p | grep -q '‹'
ok $? "ar kiosk: Enter opens a page (the breadcrumb has two parts)"
term_keys -H 1b 5b 4d 20 $(printf %x $((33 + 20))) $(printf %x $((33 + 23)))
term_keys -H 1b 5b 4d 23 $(printf %x $((33 + 20))) $(printf %x $((33 + 23)))
sleep 0.5
term_screen > "$T/kiosk2.ar.txt"
cmp -s "$T/kiosk.ar.txt" "$T/kiosk2.ar.txt"; ok $? "ar kiosk: tapping the mirrored Home target goes home"
done_testing
