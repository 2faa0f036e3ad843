#!/bin/sh
# update-child.sh - the browser's U runs idmview-update as a child; here
# a stand-in beside a copy of the reader (it looks next to itself first)
# writes garbage, crashes, hangs or sends escape sequences. The browser
# says the update failed, keeps showing its content, stays responsive,
# and leaves no child behind (tests/cli/upclient.sh covers the client's
# every case; tests/update/ and resize-update.sh the real helper).
. "$(dirname "$0")/../lib.sh"
term_setup
B="$T/bin"
mkdir -p "$B"
cp "$IDMVIEW" "$B/idmview"
PAGE="IOM's International Dialogue on Migration (IDM) is an opportunity for"

# helper BODY: the stand-in idmview-update, recording its pid and argv
helper() {
	printf '#!/bin/sh\necho "$$" > %s/helper.pid\necho "$@" > %s/helper.args\n%s\n' \
		"$T" "$T" "$1" > "$B/idmview-update"
	chmod +x "$B/idmview-update"
}
start() {
	term_start 120 24 -- "$B/idmview" -d "$DATA" -s "$T/store" idm
	wait_for "$PAGE"
}
# no_child LABEL: the browser has no child process, not even a zombie
no_child() {
	pid=$(term_pid)
	kids=$(ps -o pid=,stat= --ppid "$pid" 2>/dev/null)
	is "$kids" "" "$1: no child left behind (not even a zombie)"
}

helper 'echo "progress 0 0 0 0 0 0 -1 0"; echo "this is not the pipe format"; exec sleep 30'
start
ok $? "the browser shows the idm page"
term_keys U
wait_for "Update failed, the content is unchanged: the update program sent a malformed line" 50
ok $? "garbage from the helper: U says the update failed and why"
contains "$T/scr" "$PAGE" "garbage: the page is still shown"
contains "$T/helper.args" "--pipe=en -d $DATA -s $T/store --update" \
	"the helper gets --pipe=LANG, the reader's options and --update"
no_child "garbage"
term_keys j
term_keys q
wait_for "exit status" 50
contains "$T/scr" "exit status 0" "garbage: the browser still answers keys and q exits 0"

helper 'echo "progress 1 5 10 0 1 0 -1 5"; kill -SEGV $$'
start
term_keys U
wait_for "the update program was killed by signal 11" 50
ok $? "a crashing helper: U says so"
contains "$T/scr" "$PAGE" "a crash: the page is still shown"
no_child "a crash"
term_keys q

helper 'while :; do echo "progress 0 0 0 0 0 0 -1 0"; sleep 0.2; done'
start
term_keys U
wait_for "Updating: " 50
ok $? "a running helper: the status line shows the update"
term_keys U
wait_for "Update cancelled; the content is unchanged." 50
ok $? "U again cancels it"
hp=$(cat "$T/helper.pid")
! kill -0 "$hp" 2>/dev/null
ok $? "the cancelled helper is stopped"
no_child "cancel"
term_keys q

esc=$(printf '\033')
helper 'printf "result failed switched=0 bad\\033[2J\\033[31mred\\n"'
start
term_keys U
wait_for "Update failed, the content is unchanged: bad" 50
ok $? "a message with escape sequences is shown"
contains "$T/scr" "$PAGE" "and did not clear the screen"
term_screen -e > "$T/scr-e"
lacks "$T/scr-e" "${esc}[2J" "no escape sequence of the helper's reaches the terminal"
term_keys q

helper 'echo "result refused switched=0 offline: updates are turned off"; exit 3'
start
term_keys U
wait_for "Cannot update: offline: updates are turned off" 50
ok $? "a helper that cannot start: U says Cannot update, and why"
term_keys q

rm -f "$B/idmview-update"
start
term_keys U
wait_for "Cannot update: the update program idmview-update is missing (looked in $B" 50
ok $? "no helper: U says where it looked"
contains "$T/scr" "$PAGE" "no helper: the page is still shown"
term_keys q
done_testing
