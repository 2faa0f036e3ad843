# tests/lib.sh - the one library of the shell tests: TAP checks and the
# tmux harness. Every script, in whatever folder under tests/, starts with
#   . "$(dirname "$0")/../lib.sh"
# and then has $IDMVIEW, $PUBLISH, $DATA (the bundled content), a scratch
# $T, and these folders:
#   HERE        the script's own folder (tests/KIND/), for its helpers
#   TESTDIR     tests/ (lib.sh, fixtures/, expected/, lsan.supp)
#   TOP_SRCDIR  the source tree
#   BUILDDIR    the build tree: $top_builddir (make check sets it); by
#               hand, the current folder if it holds src/idmview, else
#               the source tree
# Each check prints one TAP line; `done_testing` prints the plan.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TESTDIR=$HERE
while [ ! -f "$TESTDIR/lib.sh" ] && [ "$TESTDIR" != / ]; do
	TESTDIR=$(dirname "$TESTDIR")
done
TOP_SRCDIR=$(cd "$TESTDIR/.." && pwd)
if [ -z "${top_builddir:-}" ]; then
	if [ -x src/idmview ]; then top_builddir=.; else top_builddir=$TOP_SRCDIR; fi
fi
BUILDDIR=$(cd "$top_builddir" && pwd)
IDMVIEW="$BUILDDIR/src/idmview"
PUBLISH="$BUILDDIR/src/idmview-publish"
DATA="$TOP_SRCDIR/data"
T=$(mktemp -d "${TMPDIR:-/tmp}/idmtest.XXXXXX")
_tap_n=0
_tap_failed=0
# At exit: the tmux server goes, and $T (unless KEEP_TMP is set). A script
# with more to stop sets its own EXIT trap that ends with _tap_cleanup.
_tap_cleanup() {
	[ -z "${TM_SOCK:-}" ] || tm kill-server >/dev/null 2>&1
	[ -z "${LOGPID:-}" ] || { kill "$LOGPID" 2>/dev/null; rm -f /dev/log; }
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$T"
}
trap '_tap_cleanup' EXIT
trap 'exit 1' INT TERM HUP
# English messages whatever the caller's language: the checks compare
# English text, and gettext honours LANGUAGE even under C.UTF-8. A check
# of a translation sets LANGUAGE on its own command.
export LC_ALL=C.UTF-8
unset LANGUAGE
unset IDMVIEW_DATA_DIR XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME IDMVIEW_NO_INDEX
export HOME="$T/home"
mkdir -p "$HOME"

# ok CONDITION-EXIT-STATUS DESCRIPTION: `cmd; ok $? "desc"`
ok() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

# is ACTUAL EXPECTED DESCRIPTION: string equality, shows both on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   expected: %s\n#        got: %s\n' "$2" "$1" | head -n 40
	fi
}

# same_file EXPECTED ACTUAL DESCRIPTION: files equal, diff shown on failure.
same_file() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$1" "$2" | head -n 60 | sed 's/^/# /'
	fi
}

# contains FILE STRING DESCRIPTION: fixed-string search.
contains() {
	if grep -qF -- "$2" "$1"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   '$2' not found in:"; head -n 20 "$1" | sed 's/^/#   /'
	fi
}

lacks() {
	if grep -qF -- "$2" "$1"; then
		ok 1 "$3"
		echo "#   '$2' found in:"; grep -nF -- "$2" "$1" | head -n 5 | sed 's/^/#   /'
	else
		ok 0 "$3"
	fi
}

diag() { echo "# $*"; }

# run ARGS...: idmview ARGS with no input; its status in $st, its output
# in $T/out, its errors in $T/err.
run() {
	"$IDMVIEW" "$@" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
}

# --- the tmux harness ------------------------------------------------------
# The terminal tests drive the real binary in tmux, on a server of the
# script's own (socket $TM_SOCK, no configuration file): sessions of a
# given size running a command, keys sent to them, their screen read
# with capture-pane. term_setup first; the server goes at exit.

# tm ARGS...: tmux on the script's server, for what the term_ functions
# do not cover.
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

# term_setup: bails out without tmux, else starts the script's server
# with a session that lives as long as it does (killing the last session
# ends the server, and a new session racing with that end fails). The
# sessions inherit the environment the script exports before this.
term_setup() {
	command -v tmux >/dev/null 2>&1 || bail_out "tmux is missing: run ./bootstrap"
	unset TMUX
	TM_SOCK="idm-$(basename "$0" .sh)-$$"
	tm new-session -d -s keep -x 20 -y 5 "exec sleep 3600" ||
		bail_out "cannot start tmux"
	pane_runner "$T/pane.sh"
}

# pane_runner FILE: writes the script a pane runs: the command given as
# its arguments, its standard error to $IDM_ERR if that is set, then
# "exit status N" (and N into the file $IDM_STATUS if that is set); then,
# with IDM_SHELL set, the terminal modes it left and an interactive shell
# (prompt "idm$ "), else nothing: the pane stays, for capture-pane.
pane_runner() {
	cat > "$1" <<'EOT'
#!/bin/sh
# caught, not ignored: the program starts with the default action; the
# Ctrl-C that reaches the whole group must not end this script
trap : INT QUIT
if [ -n "${IDM_ERR:-}" ]; then "$@" 2> "$IDM_ERR"; else "$@"; fi
st=$?
[ -z "${IDM_STATUS:-}" ] || echo "$st" > "$IDM_STATUS"
echo "exit status $st"
if [ -n "${IDM_SHELL:-}" ]; then
	stty -a | tr ' ;' '\n\n' | grep -x -e '-\?icanon' -e '-\?echo' | tr '\n' ' '
	echo
	PS1='idm$ ' exec sh -i
fi
exec sleep 3600
EOT
	chmod +x "$1"
}

# term_start [-s SESSION] W H [NAME=VALUE | -u NAME]... -- CMD [ARG...]:
# a fresh session SESSION (default t) of W x H cells with no status line,
# running CMD through the pane runner, with LC_ALL=C.UTF-8,
# TERM=xterm-256color and NO_COLOR unset unless the NAME=VALUEs (no
# spaces) or -u NAMEs say otherwise. A pane whose runner ended stays,
# for capture-pane.
term_start() {
	_ts=t
	[ "$1" != -s ] || { _ts=$2; shift 2; }
	_tw=$1 _th=$2
	shift 2
	_tunset="-u NO_COLOR" _tset="LC_ALL=C.UTF-8" _tterm=TERM=xterm-256color
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		-u) _tunset="$_tunset -u $2"; [ "$2" != TERM ] || _tterm=; shift ;;
		*) _tset="$_tset $1" ;;
		esac
		shift
	done
	[ $# -gt 0 ] && shift
	tm kill-session -t "$_ts" >/dev/null 2>&1
	# shellcheck disable=SC2086
	tm new-session -d -s "$_ts" -x "$_tw" -y "$_th" \
		env $_tunset $_tterm $_tset "$T/pane.sh" "$@" &&
		tm set-option -t "$_ts" status off \; set-option -t "$_ts" remain-on-exit on >/dev/null
}

# term_keys KEY...: tmux send-keys to session t (key names, or -l TEXT,
# or -H HEX...).
term_keys() { tm send-keys -t t "$@"; }
# term_type TEXT: TEXT typed literally (raw escape sequences too).
term_type() { tm send-keys -t t -l "$1"; }
# term_screen [-e] [SESSION]: the screen of SESSION (default t) as text;
# with -e, with its attributes as escape sequences.
term_screen() {
	if [ "${1:-}" = -e ]; then shift; tm capture-pane -p -e -t "${1:-t}"
	else tm capture-pane -p -t "${1:-t}"; fi
}
# term_format FORMAT: a tmux format of session t, e.g. '#{cursor_x}'.
term_format() { tm display -p -t t "$1"; }
# term_cursor: where the cursor is on t, "X Y" from 0.
term_cursor() { term_format '#{cursor_x} #{cursor_y}'; }
# term_resize W H: session t's window to W x H.
term_resize() { tm resize-window -t t -x "$1" -y "$2"; }
# term_kill [SESSION]: ends SESSION (default t); its program gets a hangup.
term_kill() { tm kill-session -t "${1:-t}" >/dev/null 2>&1; }
# term_pid [SESSION]: the process id of the program in SESSION (the pane
# runner's child), once it runs; at most 5 s, then nothing.
term_pid() {
	_tp_i=0
	while [ $_tp_i -lt 50 ]; do
		_tp=$(pgrep -P "$(tm display -p -t "${1:-t}" '#{pane_pid}')" | head -n 1)
		[ -z "$_tp" ] || { echo "$_tp"; return 0; }
		sleep 0.1
		_tp_i=$((_tp_i + 1))
	done
	return 1
}

# term_settle: until t's screen and cursor stop changing (three equal
# captures 50 ms apart), at most 5 s; 1 if they never did.
term_settle() {
	_ws_i=0 _ws_same=0 _ws_prev=
	while [ $_ws_i -lt 100 ]; do
		sleep 0.05
		_ws_cur=$(term_screen; term_cursor)
		if [ "$_ws_cur" = "$_ws_prev" ]; then
			_ws_same=$((_ws_same + 1))
			[ $_ws_same -ge 2 ] && return 0
		else
			_ws_same=0
		fi
		_ws_prev=$_ws_cur
		_ws_i=$((_ws_i + 1))
	done
	return 1
}

# wait_for TEXT [TENTHS] [SESSION]: until the screen of SESSION (default
# t) shows TEXT, a fixed string: at most TENTHS tenths of a second
# (default WAIT_TENTHS, else 50). The last capture is left in $SCREEN
# ($T/scr unless the script names another file). On a timeout it shows
# that capture and returns 1.
wait_for() {
	_wf_i=0
	while [ $_wf_i -lt "${2:-${WAIT_TENTHS:-50}}" ]; do
		term_screen ${3:+"$3"} > "${SCREEN:-$T/scr}" 2>/dev/null &&
			grep -qF -- "$1" "${SCREEN:-$T/scr}" && return 0
		sleep 0.1
		_wf_i=$((_wf_i + 1))
	done
	diag "timed out waiting for '$1'; the screen was:"
	sed 's/^/#   |/' "${SCREEN:-$T/scr}"
	return 1
}

# bail_out REASON: the script cannot go on (a tool missing, a server that
# will not start): says so to the TAP driver and ends.
# --- syslog -----------------------------------------------------------------
# syslog_listen FILE: a private listener on /dev/log (the socket the C
# library's syslog writes to) appending each message to FILE, made only
# where none exists and the test may create it (root): a machine with a
# syslog daemon keeps its own. Sets LOGPID (empty when there is none, the
# caller then skips); _tap_cleanup stops it and removes the socket. Two
# scripts racing for /dev/log: the loser's bind fails and it skips.
LOGPID=
syslog_listen() {
	LOGPID=
	[ ! -e /dev/log ] && [ -w /dev ] || return 1
	python3 - "$1" > "$T/syslog.err" 2>&1 <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
os.chmod("/dev/log", 0o666)
with open(sys.argv[1], "ab", buffering=0) as out:
    out.write(b"listening\n")
    while True:
        out.write(s.recv(65536).rstrip(b"\n\0") + b"\n")
PY
	_lp=$!
	_i=0
	while ! grep -q listening "$1" 2>/dev/null && [ $_i -lt 50 ] && kill -0 $_lp 2>/dev/null; do
		sleep 0.1; _i=$((_i + 1))
	done
	grep -q listening "$1" 2>/dev/null || { kill $_lp 2>/dev/null; return 1; }
	LOGPID=$_lp
}

# mount_tmpfs DIR OPTIONS: a small tmpfs at DIR (made) for a test of a
# truly full filesystem; the whole script is skipped where it cannot be
# mounted (needs root or CAP_SYS_ADMIN). The caller unmounts it on exit.
mount_tmpfs() {
	mkdir -p "$1"
	command -v mount > /dev/null 2>&1 || skip_all "no mount command"
	mount -t tmpfs -o "$2" idmtest "$1" 2> "$T/mount.err" ||
		skip_all "cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): $(head -n 1 "$T/mount.err")"
}

bail_out() { echo "Bail out! $*"; exit 1; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
# skip REASON: one check that cannot run here, counted as skipped
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $*"; }

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
}
