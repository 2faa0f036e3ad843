#!/bin/sh
# tests/terminal/tui.sh - the browser in a real terminal: the real binary in tmux,
# driven with send-keys, screens read with capture-pane and compared to
# tests/expected/tui/NAME.txt.
#
# UPDATE_EXPECTED=1 rewrites the expected screens (look at every one
# before committing: it must be what a person wants to see).
# Waits poll the screen every 50 ms (at most ~5 s): no fixed sleeps.

. "$(dirname "$0")/../lib.sh"

EXP="$TESTDIR/expected/tui"
# every pane: after the program, its exit status, the terminal modes it
# left and a shell that must be usable (check_restored)
export IDM_SHELL=1
term_setup

# keys KEY...: send keys, then wait until the screen is still.
keys() { term_keys "$@"; term_settle; }
# type TEXT: literal text (also used for raw mouse sequences).
type_text() { term_type "$1"; term_settle; }
# click X Y: a left click (1-based cell) as an SGR 1006 mouse report.
click() { type_text "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"; }
wheel_down() { type_text "$(printf '\033[<65;%d;%dM' "$1" "$2")"; }
wheel_up() { type_text "$(printf '\033[<64;%d;%dM' "$1" "$2")"; }

# expect_screen NAME DESCRIPTION: the screen equals expected/tui/NAME.txt.
expect_screen() {
	term_screen > "$T/$1.txt"
	if [ -n "${UPDATE_EXPECTED:-}" ]; then
		mkdir -p "$EXP"
		cp "$T/$1.txt" "$EXP/$1.txt"
	fi
	same_file "$EXP/$1.txt" "$T/$1.txt" "$2"
}

# expect_line N TEXT DESCRIPTION: screen line N (1-based) is exactly TEXT.
expect_line() {
	is "$(term_screen | sed -n "${1}p")" "$2" "$3"
}

# check_restored STATUS DESCRIPTION: after the program ended: its exit
# status, the terminal modes, and a shell that works.
check_restored() {
	wait_for "exit status $1"
	ok $? "$2: exit status $1"
	wait_for 'idm$'
	is "$(term_screen | grep -x -e '-\{0,1\}icanon -\{0,1\}echo')" "icanon echo" \
		"$2: the terminal is back in line mode with echo"
	is "$(term_format '#{alternate_on} #{cursor_flag}')" "0 1" \
		"$2: normal screen, cursor visible"
	term_keys 'echo alive-$((6*7))' Enter
	wait_for "alive-42"
	ok $? "$2: the shell after it reads and runs a command"
}

# --- the scenario, at 80x24 and at 40x12 ------------------------------

scenario() {
	W=$1 H=$2 S="${1}x$2"
	term_start "$W" "$H" -- "$IDMVIEW"
	wait_for "Newsletter"
	ok $? "$S: the home menu opens"
	expect_screen "home-$S" "$S: home menu"
	term_screen -e | grep -a 'IOM Today' > "$T/sel"
	contains "$T/sel" "$(printf '\033[7mIOM Today')" "$S: the selected item is in reverse video"
	is "$(term_cursor)" "3 4" "$S: the cursor rests on the selected item"

	keys Down Down Down
	is "$(term_cursor)" "3 7" "$S: Down moves the selection (and the cursor) to About Migration"
	keys Enter
	wait_for "Home › About Migration"
	keys Enter
	wait_for "Int'l Dialogue"
	expect_screen "idm-$S" "$S: the dialogue page"

	keys Space
	expect_screen "idm-pgdn-$S" "$S: Space shows the next screenful"
	keys b
	expect_screen "idm-$S" "$S: b goes back a screenful"

	keys /
	wait_for "Search:"
	type_text Council
	keys Enter
	wait_for 'Match 1'
	ok $? "$S: / Council finds two matches"
	expect_screen "search-$S" "$S: the first match in view"
	term_screen -e > "$T/search-e"
	contains "$T/search-e" "$(printf '\033[1;7mCouncil')" "$S: matches are highlighted"
	keys n
	wait_for 'Match 2'
	ok $? "$S: n goes to the next match"
	keys n
	wait_for 'Search wrapped to the top.'
	ok $? "$S: n after the last match wraps, and says so"
	keys N
	wait_for 'Search wrapped to the end.'
	ok $? "$S: N before the first match wraps, and says so"

	keys h
	wait_for "Home › About Migration "
	keys h
	wait_for "Newsletter"
	is "$(term_cursor)" "3 7" "$S: back twice: home, the selection kept on About Migration"
	keys Down
	keys Enter
	wait_for "Home › Hotline"
	keys Tab
	term_screen -e | grep -a 'www.iom.int' > "$T/link"
	contains "$T/link" "$(printf '\033[4;7mwww.iom.int')" "$S: Tab selects the link (reverse video)"
	case $S in
	80x24) is "$(term_cursor)" "19 7" "$S: the cursor rests on the selected link" ;;
	*) is "$(term_cursor)" "19 8" "$S: the cursor rests on the selected link" ;;
	esac
	keys Enter
	wait_for "Available online: https://www.iom.int/"
	expect_screen "hotline-follow-$S" "$S: following the external link says it is online"
	keys Left
	wait_for "Newsletter"
	expect_screen "home-back-$S" "$S: Left goes back to the menu, Hotline selected"

	keys F1
	wait_for "Help: keys"
	# every key name of the table, screen by screen
	term_screen > "$T/help"
	_i=0
	while [ $_i -lt 8 ]; do
		keys Space
		term_screen >> "$T/help"
		_i=$((_i + 1))
	done
	_missing=
	for k in "Down, j" "Up, k" "Space, PgDn, f" "PgUp, b" "Home, g" "End, G" "Tab" \
		"Shift-Tab" "Enter, Right, l" "Left, Backspace, h" " m" " /" " n" " N" \
		"F1, ?" "Ctrl-L" " q"; do
		grep -qF -- "$k" "$T/help" || _missing="$_missing [$k]"
	done
	is "$_missing" "" "$S: help (F1) lists every key of the table"
	keys q
	wait_for "Newsletter"
	keys '?'
	wait_for "Help: keys"
	ok $? "$S: ? opens help too"
	expect_screen "help-$S" "$S: the help screen"
	keys '?'
	wait_for "Newsletter"
	ok $? "$S: ? closes help"

	term_keys q
	check_restored 0 "$S: q"
}

scenario 80 24
scenario 40 12

# --- resizing keeps the paragraph at the top --------------------------

term_start 80 24 -- "$IDMVIEW" idm
wait_for "Int'l Dialogue"
keys j j j j j j j j j j j j j j j j j j j j
top=$(term_screen | sed -n 2p)
is "$top" " activities is" "resize: scrolled 20 lines"
term_resize 50 20
wait_for "IOM's activities is"
expect_screen "resize-50x20" "resize to 50x20: the paragraph at the top stays at the top"
term_resize 80 24
wait_for "page 1/2"
term_settle
expect_line 2 " activities is" "resize back to 80x24: the same line at the top again"
expect_screen "resize-80x24" "resize back to 80x24: the screen as before"

# too small, then big again
term_resize 15 4
wait_for "Terminal too"
expect_screen "too-small-15x4" "15x4: a clear message"
term_resize 10 2
term_settle
term_resize 1 1
term_settle
term_resize 80 24
wait_for "Int'l Dialogue"
ok $? "growing back shows the page again"
expect_line 2 " activities is" "after being too small, the reading position is kept"
term_keys q
check_restored 0 "after resizes, q"

# A resize while a prompt is open ends the prompt; the screens under it
# must still follow the new size (a storm of keys and resizes once left
# the home menu scrolled for a 5-row terminal under an 80x24 one).
term_start 40 6 -- "$IDMVIEW"
wait_for "IOM Today"
keys G
term_settle
keys /
wait_for "Search:"
term_resize 80 24
term_settle
keys Escape
wait_for "Newsletter"
expect_line 2 " Home" "a resize during a prompt: the menu is laid out for the new size (its title at the top)"
term_keys q
check_restored 0 "after a resize during a prompt, q"

# --- mouse --------------------------------------------------------------

term_start 80 24 -- "$IDMVIEW"
wait_for "Newsletter"
click 6 12
wait_for "Home › Join us on Facebook!"
ok $? "mouse: a click on a menu item opens that page"
keys h
wait_for "Newsletter"
click 6 8
wait_for "Home › About Migration"
ok $? "mouse: a click on a submenu opens it"
click 10 5
wait_for "Int'l Dialogue"
ok $? "mouse: a click in the submenu opens the dialogue page"
wheel_down 10 10
expect_line 2 " IOM's International Dialogue on Migration (IDM) is an opportunity for" \
	"mouse: the wheel scrolls down three lines"
wheel_up 10 10
expect_line 2 " International Dialogue on Migration" "mouse: the wheel scrolls back up"
click 40 1
expect_line 2 " International Dialogue on Migration" "mouse: a click on the title line does nothing"
term_keys q
check_restored 0 "mouse session, q"

# --- other terminals and no colour -------------------------------------

for term in vt100 linux; do
	term_start 80 24 "TERM=$term" -- "$IDMVIEW"
	wait_for "Newsletter"
	expect_screen "home-$term" "TERM=$term: the home menu reads well"
	keys j j j Enter
	wait_for "Home › About Migration"
	keys Enter
	wait_for "Int'l Dialogue"
	ok $? "TERM=$term: arrow keys and Enter navigate"
	keys Space
	wait_for "page 2/2"
	ok $? "TERM=$term: Space pages down"
	term_keys q
	check_restored 0 "TERM=$term: q"
	lacks "$T/scr" "?:help" "TERM=$term: no status line left under the shell's output"
done

term_start 80 24 NO_COLOR=1 -- "$IDMVIEW"
wait_for "Newsletter"
term_screen -e > "$T/nocolor"
! grep -qE "$(printf '\033')\\[([0-9;]*;)?([34][0-7]|[34]8;)[0-9;]*m" "$T/nocolor"
ok $? "NO_COLOR=1: no colours, only attributes"
contains "$T/nocolor" "$(printf '\033[1m>')" "NO_COLOR=1: the selection is marked by > as well as reverse video"
keys j Enter
wait_for "Home › IOM Worldwide"
ok $? "NO_COLOR=1: navigation works"
term_keys q
check_restored 0 "NO_COLOR=1: q"

# --- signals -----------------------------------------------------------

term_start 80 24 -- "$IDMVIEW"
wait_for "Newsletter"
term_keys C-c
check_restored 0 "SIGINT (Ctrl-C)"

term_start 80 24 -- "$IDMVIEW"
wait_for "Newsletter"
pid=$(term_pid)
kill -TERM "$pid"
check_restored 0 "SIGTERM"

# --- not a terminal ----------------------------------------------------

"$IDMVIEW" > "$T/out" 2> "$T/err" < /dev/null
is "$?" 1 "not a terminal: exit status 1"
contains "$T/err" "--dump" "not a terminal: the message points to --dump"
is "$(wc -c < "$T/out" | tr -d ' ')" 0 "not a terminal: nothing drawn on standard output"

# --- control characters in content --------------------------------------

cp -R "$DATA" "$T/content"
chmod -R u+w "$T/content"
cat > "$T/content/hotline.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<page id="hotline">
  <p>Call +1-555-0100&#13;FAKE 999 now.</p>
  <p>C1: &#x9b;31m red. Bidi: &#x202E;gnp.exe</p>
  <p>See <link page="idm">the dialogue</link>.</p>
  <p>IOM Main Website: <link href="https://www.iom.int/">www.iom.int</link></p>
</page>
EOF
term_start 80 24 -- "$IDMVIEW" --data-dir="$T/content" hotline
wait_for "Home › Hotline"
term_screen > "$T/ctl"
lacks "$T/ctl" "FAKE 999555-0100" "control characters: CR does not overwrite the number"
contains "$T/ctl" "Call +1-555-0100�FAKE 999 now." "control characters: CR shows as a placeholder"
contains "$T/ctl" "C1: �31m red. Bidi: �gnp.exe" "control characters: C1 CSI and RLO show as placeholders"
expect_screen "control-chars" "control characters: the screen, status line intact"
term_screen -e > "$T/ctl-e"
lacks "$T/ctl-e" "$(printf '\033[31m')" "control characters: no colour from the content's CSI"
keys Tab
keys Enter
wait_for "Home › About Migration › Int'l Dialogue"
ok $? "internal link: Tab, Enter opens the linked page"
keys h
wait_for "Home › Hotline"
ok $? "internal link: back returns to the page with the link"
term_keys q
check_restored 0 "control characters, q"

done_testing
