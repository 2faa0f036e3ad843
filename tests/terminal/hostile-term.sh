#!/bin/sh
# hostile-term.sh - the browser on hostile terminals and resources, in
# tmux on its own socket: TERM unset, dumb or unknown; terminals from 1x1
# up; a resize storm while paging; the C locale with UTF-8 content; stdin
# not a terminal; a hangup; a store on a read-only filesystem; no HOME.
. "$(dirname "$0")/../lib.sh"
# ncurses keeps what a failed newterm allocated (tests/lsan.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$TESTDIR/lsan.supp:print_suppressions=0}"
# every pane: the program's standard error in $T/err
export IDM_ERR="$T/err"
term_setup

# --- TERM --------------------------------------------------------------
for term in "" dumb no-such-terminal-9; do
	if [ -z "$term" ]; then term_start 80 24 -u TERM -- "$IDMVIEW"; label="TERM unset"; else term_start 80 24 TERM=$term -- "$IDMVIEW"; label="TERM=$term"; fi
	wait_for "exit status"
	contains "$T/scr" "exit status 1" "$label: exit status 1"
	contains "$T/err" "cannot use the terminal" "$label: a clear message"
	lacks "$T/err" "Error opening terminal" "$label: not ncurses's own exit"
	grep -q "AddressSanitizer\|runtime error" "$T/err"; [ $? -ne 0 ]; ok $? "$label: no sanitizer report"
done
contains "$T/err" "no-such-terminal-9" "unknown TERM: the message names it"
term_start 80 24 TERM=vt100 -- "$IDMVIEW"
wait_for "Newsletter"; ok $? "TERM=vt100 (no colour, no alternate screen): the menu shows"
term_keys q
wait_for "exit status 0"; ok $? "TERM=vt100: q exits 0"

# --- the C locale with UTF-8 content -------------------------------------
term_start 80 24 LC_ALL=C -- "$IDMVIEW" idm
wait_for "International Dialogue on Migration"; ok $? "C locale: the page shows"
term_screen | LC_ALL=C grep -q '[^ -~]'; [ $? -ne 0 ]; ok $? "C locale: only ASCII on the screen"
term_keys q
wait_for "exit status 0"; ok $? "C locale: q exits 0"

# --- stdin not a terminal ------------------------------------------------
term_start 80 24 TERM=xterm -- sh -c 'exec "$0" < /dev/null' "$IDMVIEW"
wait_for "exit status"; contains "$T/scr" "exit status 1" "stdin not a terminal: exit status 1"
contains "$T/err" "standard input is not a terminal" "stdin not a terminal: says so"

# --- tiny terminals, from 1x1 up ----------------------------------------
for size in "1 1" "2 2" "5 1" "1 5" "10 3" "19 4" "20 5" "21 6"; do
	set -- $size
	term_start "$1" "$2" -- "$IDMVIEW"
	sleep 0.3
	pid=$(term_pid)
	term_keys j Space Tab Enter Left End Home
	sleep 0.2
	kill -0 "$pid" 2>/dev/null; ok $? "${1}x${2}: running after start and keys"
	term_resize 80 24
	wait_for "Newsletter"; ok $? "${1}x${2} then 80x24: the menu shows"
	term_keys q
	wait_for "exit status 0"; ok $? "${1}x${2}: q exits 0"
done

# --- a resize storm while paging ----------------------------------------
term_start 80 24 -- "$IDMVIEW" idm
wait_for "International Dialogue on Migration"
pid=$(term_pid)
i=0
while [ $i -lt 300 ]; do
	case $((i % 6)) in
	0) term_resize 1 1 ;; 1) term_resize 200 60 ;;
	2) term_resize 20 5 ;; 3) term_resize 37 11 ;;
	4) term_resize 80 3 ;; 5) term_resize 133 24 ;;
	esac
	[ $((i % 10)) -ne 0 ] || term_keys Space
	[ $((i % 25)) -ne 0 ] || term_keys b
	sleep 0.01
	i=$((i + 1))
done
kill -0 "$pid" 2>/dev/null; ok $? "resize storm (300 resizes while paging): still running"
term_resize 80 24
# keys sent before the program has seen the last resize would be read at
# a size too small for the pager (where only q works): wait for 80x24
wait_for "page 1/2  ?:help q:quit" || wait_for "page 2/2  ?:help q:quit"
term_keys g
wait_for "IOM's International Dialogue on Migration (IDM) is an opportunity for"; ok $? "resize storm: the page is drawn right at 80x24 after it"
term_keys q
wait_for "exit status 0"; ok $? "resize storm: q exits 0"
grep -q "AddressSanitizer\|runtime error" "$T/err"; [ $? -ne 0 ]; ok $? "resize storm: no sanitizer report"

# --- a hangup: the terminal goes away ------------------------------------
term_start 80 24 -- "$IDMVIEW"
wait_for "Newsletter"
pid=$(term_pid)
term_kill
# The program ends at once, without exit()'s handlers (under the
# sanitizers LeakSanitizer's exit-time scan could livelock with the
# kernel's SIGCONT to the orphaned process group); 15 s is slack for a
# loaded machine.
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null; [ $? -ne 0 ]; ok $? "hangup: the program ends (does not spin on a dead terminal)"
ps -o pid,stat,pcpu,wchan:24,args -p "$pid" 2>/dev/null | tail -n +2 | sed 's/^/# still there: /'
kill -9 "$pid" 2>/dev/null

# --- the store on a read-only filesystem; no HOME -------------------------
K="$TESTDIR/fixtures/update/key.pub"
"$IDMVIEW" --update -s /proc/idmview-store --update-url=http://127.0.0.1:9/ --trusted-key="$K" > "$T/out" 2> "$T/err"
is "$?" 3 "store on a read-only filesystem (/proc): update fails with status 3"
contains "$T/err" "/proc/idmview-store" "read-only store: the message names it"
"$IDMVIEW" -s /proc/idmview-store --dump idm > "$T/out" 2> "$T/err"
is "$?" 0 "read-only store: reading shows the bundled content"
contains "$T/out" "International Dialogue on Migration" "read-only store: the page is there"
env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME "$IDMVIEW" --dump idm > "$T/out" 2> "$T/err"
is "$?" 0 "no HOME: --dump works"
HOME=/nonexistent/home "$IDMVIEW" --dump idm > "$T/out" 2> "$T/err"
is "$?" 0 "HOME does not exist: --dump works"
term_start 80 24 -u HOME -- "$IDMVIEW"
wait_for "Newsletter"; ok $? "no HOME: the browser starts"
term_keys q
wait_for "exit status 0"; ok $? "no HOME: q exits 0"
(cd "$T" && env -u HOME -u XDG_DATA_HOME "$IDMVIEW" --update --update-url=http://127.0.0.1:9/ --trusted-key="$K" > "$T/out" 2> "$T/err")
is "$?" 3 "no HOME: an update fails cleanly (status 3)"
[ ! -e "$T/.local" ]; ok $? "no HOME: no store made in the current directory"

done_testing
