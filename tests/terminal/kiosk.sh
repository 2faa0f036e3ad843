#!/bin/sh
# Kiosk mode, driven through tmux with the real binary at 80x25: no key
# and no signal but SIGTERM (or the admin exit) ends it, a storm of random
# input leaves it running and writes nothing, it forgets a visit when
# idle, it updates itself from nginx on 127.0.0.1 without switching under
# a reader, taps on the bottom line work, and p prints.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"

trap 'stop_nginx; _tap_cleanup' EXIT
term_setup

STORE="$T/store"

# start CONF [ARGS...]: runs idmview -c CONF in a fresh 80x25 session;
# PID is the program, $STATUS gets its exit status: a file of this start's
# own, which the previous program, ending now, cannot write.
RUNS=0
start() {
	_c=$1; shift
	RUNS=$((RUNS + 1))
	STATUS="$T/status.$RUNS"
	term_start 80 25 TERM=screen IDM_STATUS="$STATUS" -- "$IDMVIEW" -c "$_c" "$@"
	PID=$(term_pid)
	wait_for "Home" 50 || diag "did not come up: $(term_screen | head -3)"
}
# gone TEXT [TENTHS]: until TEXT is no longer on screen.
gone() {
	_i=0
	while [ $_i -lt "${2:-50}" ]; do
		term_screen | grep -qF -- "$1" || return 0
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}
# shows TEXT DESCRIPTION [TENTHS]: a check that TEXT comes on screen; the
# screen is shown when it does not.
shows() {
	if wait_for "$1" "${3:-50}"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		echo "#   '$1' not on screen:"; term_screen | sed 's/^/#   |/'
	fi
}
# ended: "1/STATUS" once the program has exited, else "0/" after 5 s.
ended() {
	_i=0
	while [ ! -s "$STATUS" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	if [ -s "$STATUS" ]; then echo "1/$(cat "$STATUS")"; else echo "0/"; fi
}
alive() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && [ ! -e "$STATUS" ]; }
# home_again: responsive: after Ctrl-G (leaves a prompt) and m (home;
# closes help), the home menu with its bottom line is there.
home_again() {
	_k=0
	while [ $_k -lt 4 ]; do
		term_keys C-g; sleep 0.1; term_keys m
		# the home menu with an entry selected (a storm may have moved the
		# selection, or chosen another language: the bundled content is
		# English only, the bottom line then is not)
		if wait_for "IOM Today" 10 && term_screen | grep -q '^ *> ' &&
		   term_screen | tail -n 1 | grep -q '[^ ]'; then return 0; fi
		_k=$((_k + 1))
	done
	return 1
}
# valid: the title line is ours and the bottom line is not empty.
valid() {
	term_screen > "$T/scr"
	head -n 1 "$T/scr" | grep -qE "International Organization|Help: keys" &&
		[ -n "$(tail -n 1 "$T/scr" | tr -d ' ')" ]
}
# tap X Y: a mouse click (X10 encoding, what TERM=screen's kmous says).
tap() {
	term_keys -H 1b 5b 4d 20 "$(printf %x $((33 + $1)))" "$(printf %x $((33 + $2)))"
	term_keys -H 1b 5b 4d 23 "$(printf %x $((33 + $1)))" "$(printf %x $((33 + $2)))"
}
col_of() { term_screen | tail -n 1 | awk -v s="$1" '{ print index($0, s) - 1 }'; }
# listing: every file under $HOME and $T but the store and the checks'
# own scratch files.
listing() {
	find "$HOME" "$T" -path "$STORE" -prune -o -path "$T/status.*" -prune -o -path "$T/scr" -prune -o -path "$T/list*" -prune -o -path "$T/storm" -prune \
		-o -print | LC_ALL=C sort
}

K="$T/kiosk.conf"
conf "$K" "kiosk = yes" "idle_timeout = 0"

# --- no way out -----------------------------------------------------------
start "$K"
ok "$(alive; echo $?)" "kiosk starts"
term_screen > "$T/scr"
contains "$T/scr" "[ < Back ] [ Home ] [ PgUp ] [ PgDn ]" "the bottom line has the touch targets"
lacks "$T/scr" "q:quit" "and no quit hint"
head -n 1 "$T/scr" > "$T/title"
contains "$T/title" "1/1 · content of 2026-11-28" "the title line shows the page number and the content's date"

# Each key: still running, a valid screen, and still answering keys.
for key in q Q C-c C-z 'C-\' C-d C-s C-q Escape 'Escape x' 'Escape :' F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 \
	'!' ':' '|' s e o p v E x Z C-x C-o Insert DC; do
	# shellcheck disable=SC2086
	term_keys $key
	sleep 0.15
	r=0
	alive || r=1
	[ $r = 1 ] || valid || r=2
	[ $r = 1 ] || home_again || r=3
	ok $r "key '$key' leaves it running on a valid screen"
	[ $r = 0 ] || { diag "state $r, screen:"; term_screen | sed 's/^/#   /'; [ $r = 1 ] && start "$K"; }
done
for seq in "1b 5b 32 34 7e" "1b 5d 30 3b 70 77 6e 65 64 07" "1b 50 71 1b 5c" "1b 5b 36 6e" "1b 5b 3f 31 30 34 39 6c" \
	"1b 63" "9b 32 4a" "1b 5b 4d 20 21 21" "1b 5b 3c 30 3b 39 39 39 3b 39 39 39 4d"; do
	# shellcheck disable=SC2086
	term_keys -H $seq
	sleep 0.15
	r=0
	alive || r=1
	[ $r = 1 ] || home_again || r=3
	ok $r "escape sequence $seq leaves it running and answering"
	[ $r = 0 ] || { term_screen | sed 's/^/#   /'; [ $r = 1 ] && start "$K"; }
done

# the help screen offers nothing that leaves
term_keys '?'
wait_for "Help: keys"
term_keys G
wait_for "to close this help"
term_screen > "$T/scr"
lacks "$T/scr" "Quit" "help lists no quit"
lacks "$T/scr" "Update the content" "help lists no visitor update"
lacks "$T/scr" "Print this page" "help lists no print without print_command"
contains "$T/scr" "To close this help: F1, ?." "help says how to close it, with no quit key"
home_again

# an external link shows its address, nothing opens
term_keys Down Enter
wait_for "IOM Worldwide" && term_keys Tab Enter
shows "Available online: https://www.iom.int/" "an external link says it is available online"
term_screen | tail -n 1 > "$T/scr"
contains "$T/scr" "[Home]" "the targets stay, narrower, beside a message"
tap "$(col_of "[Home]")" 24
shows "> IOM Today" "and a tap on them works then too"

# --- touch ---------------------------------------------------------------
home_again
tap 3 5  # the second menu item (IOM Worldwide) on row 5
shows "The source page names IOM Worldwide" "tapping a menu item opens it"
tap "$(col_of "[ Home ]")" 24
shows "> IOM Today" "tapping [ Home ] goes home"
tap "$(col_of "[ < Back ]")" 24
shows "The source page names IOM Worldwide" "tapping [ < Back ] goes back"
home_again
tap 3 7  # About Migration, a menu; its Int'l Dialogue spans two screens
wait_for "> Int"
term_keys Enter
wait_for "IOM's International Dialogue"
top1=$(term_screen | sed -n 2p)
tap "$(col_of "[ PgDn ]")" 24
gone "$top1" 20
ok $? "tapping [ PgDn ] pages down"
tap "$(col_of "[ PgUp ]")" 24
shows "$top1" "tapping [ PgUp ] pages up" 20

# --- signals ---------------------------------------------------------------
home_again
for sig in INT TSTP QUIT; do
	kill -s "$sig" "$PID"
	sleep 0.2
	st=$(ps -o stat= -p "$PID" 2>/dev/null)
	r=0
	case "$st" in T*|Z*|"") r=1 ;; esac
	[ $r = 1 ] || home_again || r=2
	ok $r "SIG$sig is ignored (state '$st')"
	[ $r = 0 ] || start "$K"
done
kill -s TERM "$PID"
is "$(ended)" "1/0" "SIGTERM ends it with status 0"
is "$(term_format '#{alternate_on}#{mouse_any_flag}#{mouse_standard_flag}')" "000" \
	"and the terminal is restored (main screen, mouse reports off)"

# --- admin exit ----------------------------------------------------------
conf "$T/admin.conf" "kiosk = yes" "idle_timeout = 0" "admin_exit = ^X^Xbye"
start "$T/admin.conf"
term_keys C-x C-x b y q
sleep 0.3
ok "$(alive; echo $?)" "a wrong admin sequence does nothing"
term_keys C-x C-x b y e
is "$(ended)" "1/0" "the admin sequence ends it with status 0"

# --- idle reset ------------------------------------------------------------
conf "$T/idle.conf" "kiosk = yes" "idle_timeout = 2"
start "$T/idle.conf"
term_keys Down Enter
wait_for "The source page names IOM Worldwide" 10
term_keys / I O M Enter
shows "Match 1 of" "a visitor reads a page and searches it" 10
shows "> IOM Today" "after idle_timeout the home screen is back" 50
term_keys h
shows "nothing to go back to" "and Back has nothing to go back to" 10
term_keys n
shows "No search yet" "and the search is forgotten" 10
term_keys Down Down
wait_for "> Newsletter" 10
term_keys /
wait_for "Search: " 10
term_keys s e c r e t
shows "> IOM Today" "a search prompt left open is closed and forgotten too" 50
term_screen > "$T/scr"
lacks "$T/scr" "secret" "nothing typed remains on screen"

# --- print -----------------------------------------------------------------
# The command also notes whether it could reach the kiosk's terminal.
conf "$T/print.conf" "kiosk = yes" "idle_timeout = 0" \
	"print_command = cat > '$T/printed'; if (exec 3</dev/tty) 2>/dev/null; then echo yes; else echo no; fi > '$T/tty'"
start "$T/print.conf"
term_keys '?'
wait_for "Help: keys"
term_screen > "$T/scr"
contains "$T/scr" "Print this page" "with print_command, help offers p"
term_keys m
term_keys Down Enter
wait_for "The source page names IOM Worldwide" 10
term_keys p
shows "Sent to the printer." "p says the page went to the printer" 100
"$IDMVIEW" --dump --qr --width=80 iom-worldwide > "$T/expected-print"
same_file "$T/expected-print" "$T/printed" "the printed text is the page's --dump --qr text (its QR codes too)"
is "$(cat "$T/tty")" no "the print command cannot open the terminal"
conf "$T/print2.conf" "kiosk = yes" "idle_timeout = 0" "print_command = cat >/dev/null; exit 3"
start "$T/print2.conf"
term_keys p
shows "Printing failed: the print command failed (exit status 3)" "a failing print command is reported on the status line" 100

# --- storm -----------------------------------------------------------------
# storm SEED FILTER: a few thousand random keys, control bytes, escape
# sequences and mouse reports, with a random resize every chunk.
storm() {
	python3 - "$1" "$2" > "$T/storm" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1])); drop = set(bytes.fromhex(sys.argv[2])) if sys.argv[2] else set()
seqs = [b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[5~", b"\x1b[6~", b"\x1bOP", b"\x1b[15~",
        b"\x1b[24~", b"\x1b[Z", b"\x1b", b"\x1b[", b"\x1b[999999999999;1H", b"\x1b]0;x\x07", b"\x1bP",
        b"\x1b[M", b"\x1b[<0;1;1M", b"\xc3\xa9", b"\xe2\x80\xae", b"\xff\xfe", b"\x9b", b"/", b"\r", b"\t"]
for chunk in range(40):
    out = bytearray()
    while len(out) < 100:
        k = r.random()
        if k < 0.5:
            out.append(r.randrange(0x20, 0x7f))
        elif k < 0.7:
            out.append(r.randrange(0, 0x20))
        elif k < 0.8:
            out.append(r.randrange(0x80, 0x100))
        elif k < 0.95:
            out += r.choice(seqs)
        else:
            b = r.randrange(32, 36); out += bytes([0x1b, 0x5b, 0x4d, b, r.randrange(33, 120), r.randrange(33, 60)])
    out = bytes(c for c in out if c not in drop)
    print("%d %d %s" % (r.randrange(10, 130), r.randrange(3, 50), out.hex(" ")))
PY
	while read -r w h hex; do
		term_resize "$w" "$h"
		# shellcheck disable=SC2086
		term_keys -H $hex
	done < "$T/storm"
	term_resize 80 25
}
conf "$T/storm.conf" "kiosk = yes" "idle_timeout = 0"
start "$T/storm.conf"
listing > "$T/list.before"
t0=$(date +%s)
storm 4 ""
sleep 0.5
ok "$(alive; echo $?)" "kiosk: still running after a storm of $(wc -w < "$T/storm") bytes with resizes"
home_again
r=$?
ok $r "kiosk: still answering after the storm"
[ $r = 0 ] || term_screen | sed 's/^/#   |/'
listing > "$T/list.after"
same_file "$T/list.before" "$T/list.after" "kiosk: no file created outside the store"
kill -s TERM "$PID"

# The same without --kiosk: no crash. q, Ctrl-C, Ctrl-\ end it and Ctrl-Z
# stops it, as they should; Ctrl-S would pause the terminal's output.
conf "$T/plain.conf" "idle_timeout = 0"
start "$T/plain.conf"
storm 5 "71 03 1c 1a 13"
sleep 0.5
ok "$(alive; echo $?)" "normal mode: still running after the storm"
home_again
r=$?
ok $r "normal mode: still answering after the storm"
[ $r = 0 ] || term_screen | sed 's/^/#   |/'
diag "storms took $(( $(date +%s) - t0 )) s"
term_keys q
is "$(ended)" "1/0" "normal mode: q still quits"

# --- background updates ----------------------------------------------------
start_nginx "$T/srv" || diag "nginx did not start: $(cat "$NG/error.log")"

serve_version_a
conf "$T/upd.conf" "kiosk = yes" "idle_timeout = 0" "update_url = $URL/" "trusted_key = $KEY.pub"
sed -i 's/^update_interval = 0/update_interval = 1s/' "$T/upd.conf"
start "$T/upd.conf"
shows "Hotline version A" "at home, a background update shows up by itself" 80
is "$(readlink "$STORE/current")" 10 "it was installed in the store"
kill -s TERM "$PID"

# A reader on a page: the installed update waits until the visit ends.
conf "$T/upd2.conf" "kiosk = yes" "idle_timeout = 3" "update_url = $URL/" "trusted_key = $KEY.pub"
sed -i 's/^update_interval = 0/update_interval = 1s/' "$T/upd2.conf"
start "$T/upd2.conf"
term_keys Down Enter
wait_for "The source page names IOM Worldwide" 10
sed -i 's/title="Hotline version A"/title="Hotline version B"/' "$SRC/site.xml"
set_page "$SRC" iom-worldwide "Version B of this page."
"$PUBLISH" --sign="$KEY.key" --serial=11 "$SRC" "$T/treeB" >/dev/null && bump "$T/treeB"
ln -sfn "$T/treeB" "$T/srv"
i=0
while [ "$(readlink "$STORE/current")" != 11 ] && [ $i -lt 40 ]; do
	term_keys j; sleep 0.25; i=$((i + 1)) # a reader: keys keep coming
done
is "$(readlink "$STORE/current")" 11 "the new version is installed while a reader reads"
for n in 1 2 3 4 5 6; do term_keys k; sleep 0.25; done
term_screen > "$T/scr"
contains "$T/scr" "The source page names IOM Worldwide" "the reader's page does not change under them"
lacks "$T/scr" "Version B" "nothing of the new version shows while they read"
shows "Hotline version B" "once idle, the kiosk is home with the new content" 80
term_keys Down Enter
shows "Version B of this page." "and the page is the new version" 10
kill -s TERM "$PID"

# Updates by a systemd timer instead (update_interval = 0): the running
# kiosk shows what `idmview --update` installed once the visit ends.
conf "$T/timer.conf" "kiosk = yes" "idle_timeout = 2"
start "$T/timer.conf"
term_keys Down Enter
wait_for "Version B of this page." 10
sed -i 's/title="Hotline version B"/title="Hotline version C"/' "$SRC/site.xml"
"$PUBLISH" --sign="$KEY.key" --serial=12 "$SRC" "$T/treeC" >/dev/null && bump "$T/treeC"
ln -sfn "$T/treeC" "$T/srv"
upd "$STORE" "$URL/"
is "$rc" 0 "idmview --update installs a version beside the running kiosk"
shows "Hotline version C" "the kiosk shows it after the visit" 60
kill -s TERM "$PID"

# The kiosk's notes for the administrator go to syslog, read through
# lib.sh's private listener (skipped where a syslog daemon has /dev/log).
SYSLOG="$T/syslog.txt"
syslog_listen "$SYSLOG"
# logged TEXT NAME: the listener got a line with TEXT (skipped without one)
logged() {
	if [ -z "$LOGPID" ]; then
		skip "$2 (no private /dev/log: a syslog daemon has it, or not root)"
		return
	fi
	_i=0
	while ! grep -qF -- "$1" "$SYSLOG" && [ $_i -lt 150 ]; do sleep 0.1; _i=$((_i + 1)); done
	grep -qF -- "$1" "$SYSLOG"
	ok $? "$2"
}

# Content going bad: the current version (12) broken, the previous one (11)
# is shown; both broken, the bundled content. Nothing about it on screen.
conf "$T/bad.conf" "kiosk = yes" "idle_timeout = 0"
printf '<?xml version="1.0"?>\n<page id="iom-worldwide"><p>cut off' > "$STORE/12/content/iom-worldwide.xml.new"
mv "$STORE/12/content/iom-worldwide.xml.new" "$STORE/12/content/iom-worldwide.xml"
start "$T/bad.conf"
shows "Hotline version B" "a broken current version: the previous one is shown"
term_screen > "$T/scr"
lacks "$T/scr" "iom-worldwide" "and the visitor sees nothing about it"
logged "idmview[$PID]: content not usable, falling back: " "syslog: the passed-over version is noted, with the program's name and pid"
logged "iom-worldwide.xml:" "syslog: the note names the broken file"
kill -s TERM "$PID"
rm -f "$STORE/11/content/site.xml"
start "$T/bad.conf"
shows "  Hotline" "both versions broken: the bundled content is shown"
term_screen > "$T/scr"
lacks "$T/scr" "version" "(not a stored version)"
kill -s TERM "$PID"

# A check that fails: the status line says since when the kiosk is offline.
conf "$T/off.conf" "kiosk = yes" "idle_timeout = 0" "update_url = http://127.0.0.1:$(free_port)/" \
	"trusted_key = $KEY.pub"
sed -i 's/^update_interval = 0/update_interval = 1s/' "$T/off.conf"
start "$T/off.conf"
shows "offline since" "a failed check shows 'offline since' on the status line" 80
term_keys /
wait_for "Search: " 10
term_keys a b c
sleep 3 # three failed checks, one a second
term_screen | tail -n 1 > "$T/scr"
contains "$T/scr" "Search: abc" "background checks do not disturb a search prompt"
kill -s TERM "$PID"

# The administrator's notes stay in the language the kiosk started in
# while a visitor reads in another: two mirrors, both refused, so the
# note is one of idmview's own sentences (translated in the catalogues).
conf "$T/off2.conf" "kiosk = yes" "idle_timeout = 0" "update_url = http://127.0.0.1:$(free_port)/" \
	"update_url = http://127.0.0.1:$(free_port)/" "trusted_key = $KEY.pub"
sed -i 's/^update_interval = 0/update_interval = 1s/' "$T/off2.conf"
start "$T/off2.conf"
shows "  Hotline" "kiosk with two refused mirrors starts"
term_keys L
shows "Language" "L opens the language screen in a kiosk"
term_keys Down Down Down Enter
shows "[Dn] [Up] [Home] [<]" "the visitor chose Arabic (the interface is mirrored)"
# the checks from now on, while the visitor reads in Arabic
if [ -n "$LOGPID" ]; then
	sleep 0.5
	: > "$SYSLOG"
fi
logged "background update failed: " "syslog: a failed background check is noted while the visitor reads Arabic"
logged "background update failed: no mirror gave a usable update; the first said:" \
	"syslog: ... in the kiosk's language (English here), not the visitor's"
kill -s TERM "$PID"

done_testing
