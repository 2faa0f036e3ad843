#!/bin/sh
# resize-update.sh - a resize storm while an update runs in the browser.
# The real binary in tmux reads the idm page from a store holding version
# 10; U starts an update to version 11 (a ~600 KB page, served by nginx
# on 127.0.0.1 with limit_rate, so the download lasts several seconds);
# meanwhile the window is resized about a hundred times a second, between
# sizes from 1x1 to 200x60, with paging keys among the resizes. Then: the
# program still runs, the update finishes and says so, version 11 is shown
# in place, the screen at 80x24 is the one a fresh start draws, the store
# holds version 11 as current and version 10 untouched, and q exits 0.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"

STORM=${STORM_SECONDS:-3}	# seconds of resizing
RATE=100k			# nginx limit_rate on by-hash/: the page takes ~6 s

trap 'stop_nginx; _tap_cleanup' EXIT
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$TESTDIR/lsan.supp:print_suppressions=0}"
term_setup

start_nginx -r "$RATE" "$T/srv" || { cat "$NG/error.log"; bail_out "nginx did not start"; }

S="$T/store"
# start SESSION ARGS...: idmview on the store in a fresh 80x24 session,
# its standard error in $T/err-SESSION.
start() {
	_s=$1; shift
	term_start -s "$_s" 80 24 IDM_ERR="$T/err-$_s" -- \
		"$IDMVIEW" -s "$S" --update-url="$URL/" --trusted-key="$KEY.pub" "$@"
}

# Version 10, installed; version 11 changes the idm page (read during the
# update), the Hotline title, and carries a large page that takes time.
SRC="$T/src"
new_src "$SRC"
sed -i 's/title="Hotline"/title="Hotline version A"/' "$SRC/site.xml"
"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/tree10" > "$T/pub.out" 2>&1 || { cat "$T/pub.out"; bail_out "publish failed"; }
bump "$T/tree10"
ln -sfn "$T/tree10" "$T/srv"
upd "$S" "$URL/"
is "$rc" 0 "version 10 installed"
sed -i 's/title="Hotline version A"/title="Hotline version B"/' "$SRC/site.xml"
sed -i 's|^<page id="idm">$|&\n  <p>Version B of this page.</p>|' "$SRC/idm.xml"
big_page "$SRC" iris 800 resize-storm
"$PUBLISH" --sign="$KEY.key" --serial=11 "$SRC" "$T/tree11" > "$T/pub.out" 2>&1 || { cat "$T/pub.out"; bail_out "publish failed"; }
bump "$T/tree11"
ln -sfn "$T/tree11" "$T/srv"
snap "$S/10" > "$T/v10.before"

start t idm
wait_for "IOM's International Dialogue on Migration (IDM) is an opportunity for"
ok $? "the idm page of version 10 shows"
pid=$(term_pid)
term_keys U
wait_for "Updating: " 50
ok $? "U starts the update; the status line says so"

# The storm, through one tmux control client fed at a steady pace (a
# tmux command per resize would fork a client each time).
python3 - "$TM_SOCK" "$STORM" > "$T/storm.out" <<'PY'
import subprocess, sys, time
sock, secs = sys.argv[1], float(sys.argv[2])
c = subprocess.Popen(["tmux", "-L", sock, "-f", "/dev/null", "-C", "attach-session", "-t", "t"],
                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
sizes = [(1, 1), (200, 60), (10, 3), (80, 24), (2, 40), (37, 11), (120, 2), (20, 5), (133, 50), (5, 1)]
keys = ["Space", "j", "NPage", "b", "k", "PPage", "End", "Home", "Down", "Up"]
n = k = 0
t0 = time.monotonic()
while time.monotonic() - t0 < secs:
    w, h = sizes[n % len(sizes)]
    cmd = "resize-window -t t -x %d -y %d\n" % (w, h)
    if n % 3 == 0:
        cmd += "send-keys -t t %s\n" % keys[k % len(keys)]
        k += 1
    c.stdin.write(cmd.encode())
    c.stdin.flush()
    n += 1
    d = t0 + n / 100.0 - time.monotonic()
    if d > 0:
        time.sleep(d)
took = time.monotonic() - t0
c.stdin.close()
c.wait()
print(n, k, "%.1f" % took)
PY
read -r nres nkeys took < "$T/storm.out"
diag "storm: $nres resizes and $nkeys keys in $took s"
ok "$([ "${nres:-0}" -ge $((STORM * 80)) ]; echo $?)" "the storm resized about 100 times a second ($nres in $took s)"
cur=$(readlink "$S/current")
is "$(term_format '#{window_width}x#{window_height}')" 5x1 "tmux applied the storm's resizes (the last size was 5x1)"
kill -0 "$pid" 2>/dev/null
ok $? "still running after the storm"
is "$cur" 10 "the update was still running when the storm ended (else it proved little)"

term_resize 80 24
wait_for "Updated: serial 10 -> 11" 200
ok $? "the update finishes and the status line says so"
kill -0 "$pid" 2>/dev/null
ok $? "still running after the update"
is "$(readlink "$S/current")" 11 "the store's current is version 11"
cv=$(check_version "$S"); is "$?:$cv" "0:" "version 11 is whole"
snap "$S/10" > "$T/v10.after"
same_file "$T/v10.before" "$T/v10.after" "version 10 is kept intact"

# In place: the reader is still on the idm page, now version 11's; at the
# top of it, the screen is what a fresh start at 80x24 draws.
term_keys g
wait_for "Version B of this page."
ok $? "the idm page of version 11 is shown in place"
term_screen > "$T/stormed"
start fresh idm
wait_for "Version B of this page." 50 fresh
term_screen fresh > "$T/fresh"
same_file "$T/fresh" "$T/stormed" "the screen after the storm is the one a fresh start draws"
term_keys m
wait_for "Hotline version B" 50
ok $? "and home shows the new menu"

term_keys q
wait_for "exit status" 50
contains "$T/scr" "exit status 0" "q exits with status 0"
grep -q "AddressSanitizer\|runtime error" "$T/err-t"; [ $? -ne 0 ]; ok $? "no sanitizer report"

done_testing
