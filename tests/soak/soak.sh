#!/bin/sh
# A month of visitors (make soak; not part of make check): a kiosk at
# 80x25, driven through tmux by a generated month of visits. Each visit is
# a burst of keys and taps (sometimes with a resize), then the visitor
# leaves and the kiosk must reset itself when idle. Every tenth visit the
# mirror (nginx on 127.0.0.1) gets a new version: most are good, some are
# signed by an unknown key or carry a damaged file; the kiosk checks in
# the background every second. Every ten visits the kiosk's resident set
# and open file descriptors are sampled.
#
# Goals: RSS after warm-up grows by less than 1 MiB, the descriptor count
# (sampled with no update running) never changes, each good version is
# applied, and shown at home, each bad one refused with the store as it
# was.
#
# SOAK_VISITS (default 1000, at least 100) scales it: 20 keys and taps a
# visit, a resize every other visit, a publication every ten. The figures
# go to standard output as "# soak:" lines (doc/reliability.md).
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
VISITS=${SOAK_VISITS:-1000}
[ "$VISITS" -ge 100 ] || bail_out "SOAK_VISITS must be at least 100"

trap 'stop_nginx; _tap_cleanup' EXIT
term_setup
start_nginx "$T/srv" || bail_out "nginx did not start: $(cat "$NG/error.log")"

STORE="$T/store"
SRC="$T/src"
new_src "$SRC"
SERIAL=100
GOOD=1 BAD=0 APPLIED=0 REFUSED=0

# publish KIND: a new version on the mirror. good: signed with the
# kiosk's key, its hotline title names the serial; badkey: signed by
# another key; badfile: a file that does not match the manifest.
publish() {
	SERIAL=$((SERIAL + 1))
	sed -i "s/title=\"Hotline[^\"]*\"/title=\"Hotline soak $SERIAL\"/" "$SRC/site.xml"
	_tree="$T/tree.$SERIAL"
	case $1 in
	badkey) _key="$T/keys/other.key" ;;
	*) _key="$KEY.key" ;;
	esac
	"$PUBLISH" --sign="$_key" --serial="$SERIAL" "$SRC" "$_tree" >/dev/null ||
		bail_out "idmview-publish failed for serial $SERIAL"
	if [ "$1" = badfile ]; then
		# site.xml: it changes in every version, so the kiosk has no
		# copy of it to reuse and must fetch the damaged one
		_f=$(awk '$1 == "file" && $4 == "site.xml" { print $2 }' "$_tree/manifest")
		printf 'damaged' >> "$_tree/by-hash/$_f"
	fi
	bump "$_tree"
	ln -sfn "$_tree" "$T/srv"
}

{ echo "store = $STORE"; echo "kiosk = yes"; echo "idle_timeout = 1"
  echo "update_interval = 1s"; echo "update_url = $URL/"
  echo "trusted_key = $KEY.pub"; } > "$T/kiosk.conf"

# The visits: one line each, "W H HEX..." (W = 0: no resize).
python3 - "$VISITS" > "$T/visits" <<'PY'
import random, sys
r = random.Random(2026)
keys = [b"j", b"k", b" ", b"b", b"m", b"h", b"?", b"\r", b"\t", b"/", b"s", b"q", b"l", b"p",
        b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[5~", b"\x1b[6~", b"\x1b", b"\x07",
        b"a", b"e", b"\x7f", b"G", b"g", b"n", b"N"]
for v in range(int(sys.argv[1])):
    out = bytearray()
    for _ in range(20):
        if r.random() < 0.2:  # a tap: X10 press and release
            x, y = 33 + r.randrange(80), 33 + r.randrange(25)
            out += bytes([0x1b, 0x5b, 0x4d, 0x20, x, y, 0x1b, 0x5b, 0x4d, 0x23, x, y])
        else:
            out += r.choice(keys)
    w, h = (r.randrange(20, 200), r.randrange(5, 60)) if v % 2 else (0, 0)
    print("%d %d %s" % (w, h, out.hex(" ")))
PY

# rss: of the kiosk process. fds: the descriptors of the kiosk and of its
# launcher (the process a kiosk forks before it confines itself, which
# starts the updater and hands the kiosk its pipe), from /proc; empty
# when an update is under way: a pipe in either list, taken in the same
# look as the count (an update every second is over in a few ms, quicker
# than separate looks), or an updater running.
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$PID/status" 2>/dev/null; }
launcher() { pgrep -P "$PID" -x idmview-launch 2>/dev/null | head -n 1; }
fds() {
	_l=$(launcher)
	_list=$(ls -l "/proc/$PID/fd" ${_l:+"/proc/$_l/fd"} 2>/dev/null | grep -- ' -> ')
	case $_list in *pipe:*) return ;; esac
	[ -n "$_l" ] && pgrep -P "$_l" >/dev/null 2>&1 && return
	printf '%s\n' "$_list" | wc -l
}
# at_home: the home menu with its first entry selected, the idle reset's
# own screen (a visit ends on another entry, see below).
at_home() { wait_for "> IOM Today" "${1:-50}" >/dev/null; }

publish good
term_start 80 25 TERM=screen -- "$IDMVIEW" -c "$T/kiosk.conf"
PID=$(term_pid)
at_home 100 || bail_out "the kiosk did not come up"

RESETS=0 MISSED_RESETS=0 KEYS=0 RESIZES=0
RSS_WARM= RSS_MAX=0 FD_FIRST= FD_CHANGED=0 SAMPLES=0
PENDING=good PENDING_SERIAL=$SERIAL BEFORE=
t0=$(date +%s)
v=0
while read -r w h hex; do
	v=$((v + 1))
	[ "$w" = 0 ] || { term_resize "$w" "$h"; RESIZES=$((RESIZES + 1)); }
	# shellcheck disable=SC2086
	term_keys -H $hex
	KEYS=$((KEYS + 20))
	[ "$w" = 0 ] || term_resize 80 25
	# The visitor leaves on the second entry of the home menu, so that
	# "> IOM Today" shows only once the idle reset has happened.
	term_keys C-g; term_keys m; term_keys Down
	if at_home 60; then RESETS=$((RESETS + 1)); else MISSED_RESETS=$((MISSED_RESETS + 1)); fi
	kill -0 "$PID" 2>/dev/null || break

	[ $((v % 10)) = 0 ] || continue
	# The version published ten visits ago: applied, or refused.
	if [ "$PENDING" = good ]; then
		if [ "$(readlink "$STORE/current")" = "$PENDING_SERIAL" ] &&
		   wait_for "Hotline soak $PENDING_SERIAL" 50 >/dev/null; then
			APPLIED=$((APPLIED + 1))
		else
			diag "visit $v: serial $PENDING_SERIAL not applied (current: $(readlink "$STORE/current"))"
		fi
	else
		if [ "$(snap "$STORE")" = "$BEFORE" ]; then
			REFUSED=$((REFUSED + 1))
		else
			diag "visit $v: bad serial $PENDING_SERIAL changed the store"
		fi
	fi
	# A sample with no update under way (fds says): the kiosk checks
	# every second, so this may take a few tries.
	_i=0 f=
	while [ $_i -lt 100 ]; do
		r=$(rss) f=$(fds)
		[ -z "$f" ] || break
		sleep 0.05; _i=$((_i + 1))
	done
	[ -n "$f" ] || { f=$(ls "/proc/$PID/fd" | wc -l); diag "visit $v: an update was always under way; the kiosk's own counted"; }
	SAMPLES=$((SAMPLES + 1))
	[ -n "$FD_FIRST" ] || FD_FIRST=$f
	[ "$f" = "$FD_FIRST" ] || { FD_CHANGED=$((FD_CHANGED + 1)); diag "visit $v: $f descriptors, not $FD_FIRST"; }
	if [ "$v" -ge 100 ]; then
		[ -n "$RSS_WARM" ] || RSS_WARM=$r
		[ "$r" -le "$RSS_MAX" ] || RSS_MAX=$r
	fi
	# The next publication: one in four is bad, alternately by key and file.
	BEFORE=$(snap "$STORE")
	case $(( (v / 10) % 8 )) in
	3) PENDING=badkey ;;
	7) PENDING=badfile ;;
	*) PENDING=good ;;
	esac
	if [ "$PENDING" = good ]; then GOOD=$((GOOD + 1)); else BAD=$((BAD + 1)); fi
	publish "$PENDING"
	PENDING_SERIAL=$SERIAL
	# a bad version must not linger as the next one's predecessor
	[ "$PENDING" = good ] || sed -i "s/title=\"Hotline[^\"]*\"/title=\"Hotline\"/" "$SRC/site.xml"
done < "$T/visits"
secs=$(( $(date +%s) - t0 ))

ok "$(kill -0 "$PID" 2>/dev/null; echo $?)" "the kiosk ran through $v visits"
# The last publication had no ten visits to land in; it is not counted.
if [ "$PENDING" = good ]; then GOOD=$((GOOD - 1)); else BAD=$((BAD - 1)); fi
growth=$(( ${RSS_MAX:-0} - ${RSS_WARM:-0} ))
diag "soak: $v visits in $secs s: $KEYS keys and taps, $RESIZES resizes, $RESETS idle resets ($MISSED_RESETS missed)"
diag "soak: $((GOOD + BAD)) background updates: $APPLIED of $GOOD good applied, $REFUSED of $BAD bad refused with the store unchanged"
diag "soak: RSS after warm-up ${RSS_WARM:-?} kB, highest ${RSS_MAX} kB (growth $growth kB); descriptors $FD_FIRST in $SAMPLES samples, $FD_CHANGED different"
is "$MISSED_RESETS" 0 "every visit ended in an idle reset"
ok "$([ "$RESETS" -ge $((VISITS - 1)) ]; echo $?)" "idle resets: $RESETS"
is "$APPLIED" "$GOOD" "every good background update was applied and shown at home"
is "$REFUSED" "$BAD" "every bad background update was refused with the store unchanged"
ok "$([ "$growth" -lt 1024 ]; echo $?)" "RSS after warm-up grew less than 1 MiB ($growth kB)"
is "$FD_CHANGED" 0 "the open descriptors stayed at $FD_FIRST"
kill -s TERM "$PID"
done_testing
