#!/bin/sh
# a11y.sh - the accessible mode, the language screen and right-to-left
# screens, driving the real binary in tmux (TERM=linux inside, as on the
# Linux console), reading the screen with capture-pane and the hardware
# cursor with display -p '#{cursor_x} #{cursor_y}'.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTDIR/fixtures/lang"
unset LANGUAGE IDMVIEW_BIDI COLUMNS
term_setup

# start ARGS...: the browser in a fresh 80x24 pane, TERM=linux.
start() { term_start 80 24 TERM=linux -- "$IDMVIEW" "$@"; }
status() { term_screen | sed -n 24p | sed 's/ *$//'; }
SCREEN="$T/screen"
# on_screen TEXT DESC
on_screen() { wait_for "$1"; ok $? "$2"; [ -n "${VERBOSE:-}" ] && cat "$T/screen"; :; }
# at X Y DESC: the hardware cursor is at column X, row Y.
at() { sleep 0.2; is "$(term_cursor)" "$1 $2" "$3"; }
# row_of TEXT: the row (from 0) where TEXT first is.
row_of() { term_screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | awk '{print $1 - 1}'; }

# --- accessible mode ---
start --accessible -d "$FIX"
on_screen "Menu: Home. Item 1 of 3: Hotline" "accessible: the first screen is announced, with the focused item"
lacks "$T/screen" "====" "accessible: no rule under the title"
lacks "$T/screen" "›" "accessible: no decorative mark after a submenu entry"
contains "$T/screen" "(menu)" "accessible: a submenu entry says it opens a menu, in words"
y=$(row_of "Hotline")
at 3 "$y" "accessible: the cursor is on the focused item"
term_keys Down
on_screen "Item 2 of 3: Contact" "accessible: moving the selection is announced"
at 3 $((y + 1)) "accessible: the cursor follows the selection"
term_keys Enter
on_screen "Page: Contact. Screen 1 of 1." "accessible: opening a page is announced"
at 1 1 "accessible: on a page without a selected link the cursor is at its first line"
term_keys /
wait_for "Search: "
at 8 23 "accessible: at the search prompt the cursor is after the prompt"
term_keys h e
sleep 0.2
at 10 23 "accessible: the cursor follows what is typed at the prompt"
term_keys Escape
term_keys '?'
on_screen "Help: the keys. Press q to close it." "accessible: opening help is announced"
at 1 1 "accessible: in help the cursor is at its first line"
term_keys q
on_screen "Help closed." "accessible: closing help is announced"
term_keys Left
on_screen "Menu: Home." "accessible: going back is announced"
term_screen -e > "$T/esc"
! sed -n '1p;24p' "$T/esc" | grep -q "$(printf '\033')\[7m"; ok $? "accessible: no reverse-video title or status bar"

# --- themes: attributes only, never colour ---
ESC=$(printf '\033')
for th in default high-contrast monochrome; do
	start --theme=$th -d "$FIX" hotline
	wait_for "contact page"
	term_screen -e > "$T/esc.$th"
	! grep -q "$ESC\[3[0-7]m\|$ESC\[4[0-7]m\|$ESC\[[0-9;]*;3[0-7]m" "$T/esc.$th"
	ok $? "theme $th: no colour"
done
grep -q "$ESC\[1m" "$T/esc.default"; ok $? "theme default: bold (the title)"
! grep -q "$ESC\[1m\|$ESC\[[0-9;]*;1m\|$ESC\[1;" "$T/esc.monochrome"; ok $? "theme monochrome: no bold"
grep -q "$ESC\[4m" "$T/esc.monochrome"; ok $? "theme monochrome: links underlined"
sed -n 1p "$T/esc.high-contrast" | grep -q "$ESC\[1;7m\|$ESC\[7;1m"; ok $? "theme high-contrast: the title bar is bold reverse video"
printf 'theme = monochrome\naccessible = yes\n' > "$T/conf"
start -c "$T/conf" -d "$FIX"
on_screen "Menu: Home." "accessible = yes in the configuration file"

# --- the default mode has the same cursor contract ---
start -d "$FIX"
wait_for "Hotline"
contains "$T/screen" "====" "default: the title is underlined"
y=$(row_of "Hotline")
at 3 "$y" "default: the cursor is on the selected item"

# --- the language screen, from the key and from the home menu ---
term_keys L
on_screen "Français" "L opens the language screen"
contains "$T/screen" "Español" "it lists Spanish"
contains "$T/screen" "ﺔﻴﺑﺮﻌﻟﺍ" "it lists Arabic, in its own name, right to left"
y=$(row_of "English")
at 3 "$y" "the cursor is on the current language"
term_keys Down Enter
on_screen "Accueil" "choosing Français shows the menu in French"
contains "$T/screen" "Ligne d’assistance" "and the page titles in French"
contains "$T/screen" "Bureau d’aide aux migrants" "and the site title in French"
term_keys Down Enter
on_screen "Cette page n’existe pas" "a page missing in French shows the note"
term_keys Left
wait_for "Language · Langue"
y=$(row_of "Language · Langue")
[ -n "$y" ]; ok $? "the home menu has the language entry"
term_keys Down
at 3 "$y" "Down from the last page reaches the language entry"
term_keys Enter
on_screen "Español" "the home-menu entry opens the language screen"
term_keys Down Enter
on_screen "Inicio" "choosing Español shows the menu in Spanish"
term_keys L q
sleep 0.2
term_screen > "$T/screen"
contains "$T/screen" "Inicio" "leaving the language screen with q keeps the language"

# --- right to left in the browser ---
start --lang=ar -d "$FIX" hotline
on_screen "ﻦﺧﺎﺴﻟﺍ ﻂﺨﻟﺍ" "Arabic: the title is shaped and right to left"
line=$(term_screen | sed -n 2p)
# the margin, then 78 columns: the title's last letter at the right edge
is "$(printf '%s' "$line" | wc -m)" 79 "Arabic: the title is aligned to the right"
contains "$T/screen" "+1-555-0100" "Arabic: the phone number reads left to right"
term_keys Tab
sleep 0.3
pos=$(term_cursor)
y=${pos#* }
x=${pos% *}
row=$(term_screen | sed -n "$((y + 1))p")
case "$row" in
*"[1]ﻝﺎﺼﺗﻻﺍ ﺔﺤﻔﺻ"*) ok 0 "Arabic: Tab selects the first link, on its line" ;;
*) ok 1 "Arabic: Tab selects the first link, on its line"; diag "row $y: $row" ;;
esac
term_keys Enter
on_screen "Write to the help desk" "Arabic: the selected link opens its page"
# search: the Arabic word typed in reading order is found and highlighted
# where it shows (shaped, right to left), and nothing else is
start --lang=ar -d "$FIX" hotline
wait_for "ﻦﺧﺎﺴﻟﺍ ﻂﺨﻟﺍ"
term_keys /
term_keys -l "الساخن"
term_keys Enter
# "النتيجة 1 من 2" (match 1 of 2), as the terminal shows it: right to left
wait_for "2 ﻦﻣ 1 ﺔﺠﻴﺘﻨﻟﺍ"; ok $? "Arabic: / finds the word typed in reading order (2 matches, said in Arabic)"
term_screen -e > "$T/esc.ar"
sed -n 2p "$T/esc.ar" | grep -q "$(printf '\033')\[1;7mﻦﺧﺎﺴﻟﺍ$(printf '\033')\[0;1m"
ok $? "Arabic: the match is highlighted on the title exactly where the word shows"
IDMVIEW_BIDI=off
start --lang=ar --bidi=off -d "$FIX" hotline
on_screen "الخط الساخن" "--bidi=off: the text in reading order, for terminals that reorder"
done_testing
