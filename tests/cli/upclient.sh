#!/bin/sh
# upclient.sh - the browser's update client (src/core/upclient.c) against
# stand-ins for idmview-update that misbehave: garbage, an over-long line,
# a NUL, a crash, an exit without a result, a hang, a child that ignores
# SIGTERM, escape sequences in its message. Each must end as a clear
# failure (or, for the well-behaved one, as its result), with the child
# reaped and no descriptor left open; tests/terminal/ checks that the
# browser then keeps its content.
. "$(dirname "$0")/../lib.sh"
DRIVE="$BUILDDIR/tests/cli/upclient-drive"

# child NAME BODY: a stand-in program $T/NAME running BODY under sh
child() {
	printf '#!/bin/sh\necho "$$" > %s/%s.pid\n%s\n' "$T" "$1" "$2" > "$T/$1"
	chmod +x "$T/$1"
}
# drive NAME [SILENCE_MS [CANCEL_MS]]: the client on $T/NAME, output in $T/out
drive() {
	name=$1
	shift
	"$DRIVE" "$T/$name" "$@" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
}
# gone NAME: the stand-in's process is not running any more
gone() {
	pid=$(cat "$T/$1.pid" 2>/dev/null)
	! kill -0 "$pid" 2>/dev/null
}
reaped() {
	contains "$T/out" "children none" "$1: the child is reaped"
	contains "$T/out" "fds same" "$1: no descriptor left open"
}

child good 'echo "$@" > '"$T"'/good.args
cat /proc/$PPID/comm > '"$T"'/good.parent
echo "progress 0 0 0 0 0 0 -1 0"
echo "progress 1 500 1000 1 2 250 2 600"
echo "result ok switched=1 serial 10 -> 11, 1 file fetched"'
drive good
is "$st" 0 "the driver runs"
contains "$T/out" "state ok switched=1" "a good child: ok, switched"
if [ -n "${UPCLIENT_LAUNCHER:-}" ]; then
	is "$(cat "$T/good.parent")" idmview-launch "the launcher ran it"
fi
contains "$T/out" "message serial 10 -> 11, 1 file fetched" "its summary"
contains "$T/out" "progress 1 500 1000" "its last progress"
is "$(cat "$T/good.args")" "--pipe=fr --store=/nonexistent --update" \
	"the child gets --pipe=LANG, the reader's options and --update"
reaped good

child failed 'echo "result failed switched=0 signature does not verify"; exit 3'
drive failed
contains "$T/out" "state failed switched=0 refused=0" "a failed update: failed"
contains "$T/out" "message signature does not verify" "with the child's reason"

child refused 'echo "result refused switched=0 offline: updates are turned off"; exit 3'
drive refused
contains "$T/out" "state failed switched=0 refused=1" "could not start: failed, refused"
contains "$T/out" "message offline: updates are turned off" "with the child's reason"
child garbage 'echo "hello, I am not the update program"; exec sleep 30'
drive garbage
contains "$T/out" "state failed" "garbage: failed"
contains "$T/out" "malformed line" "garbage: says the line was malformed"
gone garbage; ok $? "garbage: the child is stopped"
reaped garbage

child long 'head -c 5000 /dev/zero | tr "\\0" x; exec sleep 30'
drive long
contains "$T/out" "malformed line" "an over-long line: malformed"
gone long; ok $? "an over-long line: the child is stopped"
reaped long

child nul 'printf "progress 0 0 0 0 0 0 -1 0\\0\\n"; exec sleep 30'
drive nul
contains "$T/out" "malformed line" "a NUL byte: malformed"

child badnum 'echo "progress 9 1 2 3 4 5 6 7"; exec sleep 30'
drive badnum
contains "$T/out" "malformed line" "an unknown phase: malformed"

child negative 'echo "progress 1 -5 10 0 1 0 -1 5"; exec sleep 30'
drive negative
contains "$T/out" "malformed line" "a negative count: malformed"

child huge 'echo "progress 1 99999999999999999999999 10 0 1 0 -1 5"; exec sleep 30'
drive huge
contains "$T/out" "malformed line" "a number too large: malformed"

child spaced 'echo "progress 1 5 10 0 1 0 -1 5 "; exec sleep 30'
drive spaced
contains "$T/out" "malformed line" "a trailing space: malformed"

child twice 'echo "result ok switched=0 a"; echo "result ok switched=1 b"'
drive twice
contains "$T/out" "malformed line" "two results: malformed"

child crash 'echo "progress 1 5 10 0 1 0 -1 5"; kill -SEGV $$'
drive crash
contains "$T/out" "state failed" "a crash: failed"
contains "$T/out" "killed by signal 11" "a crash: says which signal"
reaped crash

child quiet 'exit 7'
drive quiet
contains "$T/out" "ended without a result (exit status 7)" "no result: says how it ended"

child half 'printf "result ok switched=1 no newline"'
drive half
contains "$T/out" "state failed" "a last line cut short: failed"
contains "$T/out" "incomplete line" "a last line cut short: says so"

child closes 'exec >&-; exec sleep 30'
drive closes
contains "$T/out" "closed its output without a result and was stopped" "a child that closes its pipe and stays: failed"
gone closes; ok $? "and it is stopped"
reaped closes

child hang 'echo "progress 0 0 0 0 0 0 -1 0"; exec sleep 30'
start=$(date +%s)
drive hang 500
took=$(( $(date +%s) - start ))
contains "$T/out" "stopped responding" "a hung child: failed, stopped responding"
ok "$([ "$took" -le 5 ] && echo 0 || echo 1)" "a hung child is given up on at the limit ($took s)"
gone hang; ok $? "a hung child is stopped"
reaped hang

child slow 'while :; do echo "progress 1 0 10 0 1 0 -1 0"; sleep 0.1; done'
drive slow 10000 300
contains "$T/out" "message cancelled" "cancel: the update counts as cancelled"
gone slow; ok $? "cancel: the child is stopped"
reaped slow

child stubborn 'trap "" TERM; echo "progress 0 0 0 0 0 0 -1 0"; exec sleep 30'
drive stubborn 10000 300
contains "$T/out" "message cancelled" "a child that ignores SIGTERM: cancelled"
gone stubborn; ok $? "and killed"
reaped stubborn

esc=$(printf '\033')
child escapes 'printf "result failed switched=1 a\\033[2Jb\\033]0;title\\007c\\n"'
drive escapes
contains "$T/out" "state failed switched=0" "failed with switched=1: not switched"
lacks "$T/out" "$esc" "the child's message reaches the screen without escape characters"

"$DRIVE" "$T/missing" > "$T/out" 2>&1
if [ -n "${UPCLIENT_LAUNCHER:-}" ]; then
	# the launcher has its path; the reader is told why
	contains "$T/out" "begin failed: cannot run the update program: No such file" \
		"a missing program: cannot run, and why"
	# the reader chooses only the language, and only a language tag
	UPCLIENT_LANG='fr --store=/tmp/x' "$DRIVE" "$T/good" > "$T/out" 2>&1
	contains "$T/out" "begin failed: the kiosk's launcher refuses the language tag" \
		"a language that is no tag is refused"
else
	contains "$T/out" "begin failed: cannot run $T/missing" "a missing program: cannot run, and its path"
fi
done_testing
