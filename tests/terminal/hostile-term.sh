#!/bin/sh
# hostile-term.sh - the browser on hostile terminals and resources, in
# tmux on its own socket: TERM unset, dumb or unknown; terminals from 1x1
# up; a resize storm while paging; the C locale with UTF-8 content; stdin
# not a terminal; a hangup; a store on a read-only filesystem; no HOME.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "Bail out! tmux is missing: run ./bootstrap"; exit 1; }
SOCK="idmhterm-$$"
TM="tmux -L $SOCK -f /dev/null"
unset TMUX
trap '$TM kill-server >/dev/null 2>&1; _tap_cleanup' EXIT
trap 'exit 1' INT TERM HUP
tm() { $TM "$@"; }
# ncurses keeps what a failed newterm allocated (tests/lsan.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$TESTDIR/lsan.supp:print_suppressions=0}"
tm new-session -d -s keep -x 20 -y 5 "exec sleep 3600" || { echo "Bail out! cannot start tmux"; exit 1; }

# The pane runs the program, then prints its exit status, and stays.
pane_runner "$T/run.sh"

# start W H ENV... -- ARGS: a fresh session "t" running idmview.
start() {
	_w=$1 _h=$2
	shift 2
	_env= _unset= _term=TERM=xterm-256color
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		-u) _unset="$_unset -u $2"; [ "$2" != TERM ] || _term=; shift ;;
		*) _env="$_env $1" ;;
		esac
		shift
	done
	[ $# -gt 0 ] && shift
	tm kill-session -t t >/dev/null 2>&1
	: > "$T/err"
	# shellcheck disable=SC2086
	tm new-session -d -s t -x "$_w" -y "$_h" \
		env $_unset IDM_ERR="$T/err" LC_ALL=C.UTF-8 $_term $_env "$T/run.sh" "$IDMVIEW" "$@"
	tm set-option -t t status off >/dev/null
}
screen() { tm capture-pane -p -t t; }
idm_pid() { pgrep -P "$(tm display -p -t t '#{pane_pid}')" | head -n 1; }

# --- TERM --------------------------------------------------------------
for term in "" dumb no-such-terminal-9; do
	if [ -z "$term" ]; then start 80 24 -u TERM --; label="TERM unset"; else start 80 24 TERM=$term --; label="TERM=$term"; fi
	wait_for "exit status"
	contains "$T/scr" "exit status 1" "$label: exit status 1"
	contains "$T/err" "cannot use the terminal" "$label: a clear message"
	lacks "$T/err" "Error opening terminal" "$label: not ncurses's own exit"
	grep -q "AddressSanitizer\|runtime error" "$T/err"; [ $? -ne 0 ]; ok $? "$label: no sanitizer report"
done
contains "$T/err" "no-such-terminal-9" "unknown TERM: the message names it"
start 80 24 TERM=vt100 --
wait_for "Newsletter"; ok $? "TERM=vt100 (no colour, no alternate screen): the menu shows"
tm send-keys -t t q
wait_for "exit status 0"; ok $? "TERM=vt100: q exits 0"

# --- the C locale with UTF-8 content -------------------------------------
start 80 24 LC_ALL=C -- idm
wait_for "International Dialogue on Migration"; ok $? "C locale: the page shows"
screen | LC_ALL=C grep -q '[^ -~]'; [ $? -ne 0 ]; ok $? "C locale: only ASCII on the screen"
tm send-keys -t t q
wait_for "exit status 0"; ok $? "C locale: q exits 0"

# --- stdin not a terminal ------------------------------------------------
tm kill-session -t t >/dev/null 2>&1
tm new-session -d -s t -x 80 -y 24 "env LC_ALL=C.UTF-8 TERM=xterm '$IDMVIEW' < /dev/null 2> '$T/err'; echo exit status \$?; exec sleep 3600"
wait_for "exit status"; contains "$T/scr" "exit status 1" "stdin not a terminal: exit status 1"
contains "$T/err" "standard input is not a terminal" "stdin not a terminal: says so"

# --- tiny terminals, from 1x1 up ----------------------------------------
for size in "1 1" "2 2" "5 1" "1 5" "10 3" "19 4" "20 5" "21 6"; do
	set -- $size
	start "$1" "$2" --
	sleep 0.3
	pid=$(idm_pid)
	tm send-keys -t t j Space Tab Enter Left End Home
	sleep 0.2
	kill -0 "$pid" 2>/dev/null; ok $? "${1}x${2}: running after start and keys"
	tm resize-window -t t -x 80 -y 24
	wait_for "Newsletter"; ok $? "${1}x${2} then 80x24: the menu shows"
	tm send-keys -t t q
	wait_for "exit status 0"; ok $? "${1}x${2}: q exits 0"
done

# --- a resize storm while paging ----------------------------------------
start 80 24 -- idm
wait_for "International Dialogue on Migration"
pid=$(idm_pid)
i=0
while [ $i -lt 300 ]; do
	case $((i % 6)) in
	0) tm resize-window -t t -x 1 -y 1 ;; 1) tm resize-window -t t -x 200 -y 60 ;;
	2) tm resize-window -t t -x 20 -y 5 ;; 3) tm resize-window -t t -x 37 -y 11 ;;
	4) tm resize-window -t t -x 80 -y 3 ;; 5) tm resize-window -t t -x 133 -y 24 ;;
	esac
	[ $((i % 10)) -ne 0 ] || tm send-keys -t t Space
	[ $((i % 25)) -ne 0 ] || tm send-keys -t t b
	sleep 0.01
	i=$((i + 1))
done
kill -0 "$pid" 2>/dev/null; ok $? "resize storm (300 resizes while paging): still running"
tm resize-window -t t -x 80 -y 24
# keys sent before the program has seen the last resize would be read at
# a size too small for the pager (where only q works): wait for 80x24
wait_for "page 1/2  ?:help q:quit" || wait_for "page 2/2  ?:help q:quit"
tm send-keys -t t g
wait_for "IOM's International Dialogue on Migration (IDM) is an opportunity for"; ok $? "resize storm: the page is drawn right at 80x24 after it"
tm send-keys -t t q
wait_for "exit status 0"; ok $? "resize storm: q exits 0"
grep -q "AddressSanitizer\|runtime error" "$T/err"; [ $? -ne 0 ]; ok $? "resize storm: no sanitizer report"

# --- a hangup: the terminal goes away ------------------------------------
start 80 24 --
wait_for "Newsletter"
pid=$(idm_pid)
tm kill-session -t t
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
start 80 24 -u HOME --
wait_for "Newsletter"; ok $? "no HOME: the browser starts"
tm send-keys -t t q
wait_for "exit status 0"; ok $? "no HOME: q exits 0"
(cd "$T" && env -u HOME -u XDG_DATA_HOME "$IDMVIEW" --update --update-url=http://127.0.0.1:9/ --trusted-key="$K" > "$T/out" 2> "$T/err")
is "$?" 3 "no HOME: an update fails cleanly (status 3)"
[ ! -e "$T/.local" ]; ok $? "no HOME: no store made in the current directory"

done_testing
