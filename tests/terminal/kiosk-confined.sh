#!/bin/sh
# kiosk-confined.sh - a kiosk's reader, once started, is confined
# (Landlock and seccomp, src/ui/confine.c): from inside the real kiosk,
# the test-hooked reader (src/idmview-hooked: the reader plus a hook,
# built for make check only) tries to write outside its cache, to open an
# AF_INET socket and to run /bin/sh, and is refused, while reading the
# content and writing the cache still work. The real kiosk still updates
# itself from nginx and prints, through its launcher (src/core/launcher.c);
# its status shows the seccomp filter and no_new_privs; no launcher
# outlives it. Skipped only on a kernel without Landlock.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
HOOKED="$BUILDDIR/src/idmview-hooked"
[ -x "$HOOKED" ] || bail_out "$HOOKED not built (make check builds it)"
abi=$("$BUILDDIR/tests/cli/sandbox-probe" abi)
[ "$abi" -ge 1 ] 2>/dev/null || skip_all "this kernel has no Landlock (ABI $abi)"

trap 'stop_nginx; _tap_cleanup' EXIT
term_setup
STORE="$T/store"
# start PROGRAM CONF [NAME=VALUE...]: the kiosk in a fresh 80x25 session; PID.
start() {
	_p=$1 _c=$2; shift 2
	term_start 80 25 TERM=screen "$@" -- "$_p" -c "$_c"
	PID=$(term_pid)
	wait_for "Home" 50 || diag "did not come up"
}
# launcher: the reader's child named idmview-launch (prctl PR_SET_NAME)
launcher() {
	for _k in $(pgrep -P "$PID"); do
		[ "$(cat "/proc/$_k/comm" 2>/dev/null)" != idmview-launch ] || echo "$_k"
	done
}
# gone PID: within 5 s, PID no longer runs (a zombie counts as gone)
gone() {
	_i=0
	while [ $_i -lt 50 ]; do
		[ -d "/proc/$1" ] || return 0
		grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null && return 0
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}
status_of() { grep "^$2:" "/proc/$1/status" | tr -s '\t ' ' '; }

# --- from inside the confined kiosk ----------------------------------------
CACHE="$HOME/.cache/idmview"
echo SECRET > "$T/secret"
# a copy of the content: unconfined (the test failing), the probe writes there
C="$T/content"
cp -R "$DATA" "$C"
conf "$T/probe.conf" "kiosk = yes" "idle_timeout = 0"
acts="write:$CACHE/probe,read:$C/site.xml,write:$T/outside"
acts="$acts,write:$C/probe,write:$STORE/x,read:$T/secret,socket:inet,socket:inet6"
acts="$acts,socket:unix,exec:/bin/sh,exec:$BUILDDIR/src/idmview-update,exec:$CACHE/probe"
start "$HOOKED" "$T/probe.conf" "IDMVIEW_DATA_DIR=$C" "IDMVIEW_TEST_PROBE=$acts" \
	"IDMVIEW_TEST_PROBE_OUT=$T/probe"
i=0
while ! grep -qx done "$T/probe" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
contains "$T/probe" "done" "the hook ran inside the kiosk"
sed 's/^/#   /' "$T/probe"
contains "$T/probe" "write:$CACHE/probe ok" "confined kiosk: writes its cache"
contains "$T/probe" "read:$C/site.xml ok" "confined kiosk: reads the content"
contains "$T/probe" "write:$T/outside refused" "confined kiosk: cannot write outside its cache"
contains "$T/probe" "write:$C/probe refused" "confined kiosk: cannot write the content"
contains "$T/probe" "write:$STORE/x refused" "confined kiosk: cannot write the store"
contains "$T/probe" "read:$T/secret refused" "confined kiosk: cannot read a file outside its set"
contains "$T/probe" "socket:inet refused" "confined kiosk: cannot open an AF_INET socket"
contains "$T/probe" "socket:inet6 refused" "confined kiosk: cannot open an AF_INET6 socket"
contains "$T/probe" "socket:unix ok" "confined kiosk: AF_UNIX (syslog) still works"
contains "$T/probe" "exec:/bin/sh refused (Permission denied)" "confined kiosk: cannot run /bin/sh"
contains "$T/probe" "exec:$BUILDDIR/src/idmview-update refused (Permission denied)" "confined kiosk: cannot run the updater itself"
contains "$T/probe" "exec:$CACHE/probe refused (Permission denied)" "confined kiosk: cannot run what it wrote"
[ ! -e "$T/outside" ]; ok $? "nothing was written outside the cache"
term_keys Down Enter
shows_ok=0; wait_for "The source page names IOM Worldwide" 20 || shows_ok=1
ok $shows_ok "the confined kiosk still reads its pages"
term_kill

# --- the real kiosk: background update and print through its launcher ------
start_nginx "$T/srv" || diag "nginx did not start: $(cat "$NG/error.log")"
serve_version_a
conf "$T/upd.conf" "kiosk = yes" "idle_timeout = 0" "update_url = $URL/" "trusted_key = $KEY.pub" \
	"admin_exit = ^X^Xbye" "print_command = cat > '$T/printed'"
sed -i 's/^update_interval = 0/update_interval = 1s/' "$T/upd.conf"
start "$IDMVIEW" "$T/upd.conf"
is "$(status_of "$PID" Seccomp)" "Seccomp: 2" "the kiosk's reader runs under a seccomp filter"
is "$(status_of "$PID" NoNewPrivs)" "NoNewPrivs: 1" "and with no_new_privs"
LPID=$(launcher)
[ -n "$LPID" ]; ok $? "the kiosk has its launcher"
is "$(status_of "$LPID" Seccomp)" "Seccomp: 0" "the launcher is not confined (it runs the updater)"
others=$(for f in /proc/"$LPID"/fd/*; do
	case ${f##*/} in 0|1|2) ;; *) readlink "$f" | sed 's/:\[[0-9]*\]$//' ;; esac
done | sort | tr '\n' ' ')
is "$others" "anon_inode:[signalfd] socket " \
	"the launcher keeps no descriptor of the reader's but its socket (and its signalfd)"
is "$(readlink "/proc/$LPID/fd/0")" /dev/null "the launcher's standard input is /dev/null, not the terminal"
wait_for "Hotline version A" 100
ok $? "a background update shows up by itself, run by the launcher"
is "$(readlink "$STORE/current")" 10 "it was installed in the store"
term_keys Down Enter
wait_for "The source page names IOM Worldwide" 20
term_keys p
wait_for "Sent to the printer." 100
ok $? "p prints through the launcher"
"$IDMVIEW" --dump --qr --width=80 iom-worldwide > "$T/expected-print"
same_file "$T/expected-print" "$T/printed" "the print command got the page (it writes where the reader cannot)"
term_keys C-x C-x b y e
gone "$PID"; ok $? "the admin sequence ends the kiosk"
gone "$LPID"; ok $? "no launcher survives the kiosk"

# an idle launcher sleeps in poll: not one wake-up in 2 s (update_interval
# is 1 s for the kiosk above; this one checks never)
conf "$T/idle.conf" "kiosk = yes" "idle_timeout = 0"
start "$IDMVIEW" "$T/idle.conf"
LPID=$(launcher)
sleep 0.5
w0=$(status_of "$LPID" voluntary_ctxt_switches)
sleep 2
is "$(status_of "$LPID" voluntary_ctxt_switches)" "$w0" "an idle kiosk's launcher never wakes up"
term_kill

# a reader killed outright: its launcher ends too (socket closed, PDEATHSIG)
start "$IDMVIEW" "$T/upd.conf"
LPID=$(launcher)
[ -n "$LPID" ]; ok $? "a new kiosk, a new launcher"
kill -s KILL "$PID"
gone "$LPID"; ok $? "no launcher survives a kiosk killed with SIGKILL"
done_testing
