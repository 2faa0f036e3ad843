#!/bin/sh
# update-kill.sh - the updater killed with SIGKILL at a random moment,
# KILL_RUNS times (20 in make check, 200 in make reliability): each run
# publishes a new version (a changed page of ~40 KB, served by nginx at
# 2 MB/s so that a run lasts a fraction of a second), starts
# `idmview --update`, kills it after a random time between 0 and 1.2x an
# uninterrupted run, then checks that `current` is one whole version (the
# old or the new, every file matching its manifest), that the reader shows
# that version's page and no other, and that the next update succeeds.
# Prints "# update-kill: ..." lines that tests/bench/reliability.sh counts.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"
RUNS=${KILL_RUNS:-20}

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
trap 'stop_nginx; _tap_cleanup' EXIT
start_nginx -r 2m "$T/tree" || bail_out "nginx did not start"
URL="$URL/"

S="$T/store" SRC="$T/src"
new_src "$SRC"
# version N: the iris page says "Seed vN." and carries ~40 KB of noise
version() {
	big_page "$SRC" iris 40 "v$1"
	"$PUBLISH" --sign="$KEY.key" --serial="$1" "$SRC" "$T/tree" > "$T/pub.out" 2>&1 || { cat "$T/pub.out"; return 1; }
	bump "$T/tree"
}
# the reader's iris page names the version `current` points to
reader_matches() {
	v=$(readlink "$S/current")
	"$IDMVIEW" -s "$S" --dump iris 2> "$T/r.err" | grep -q "^Seed v$v\.$"
}
# the version's search index (issue #13) was built before the switch and
# answers for that version, with no cache to fall back on
index_matches() {
	v=$(readlink "$S/current")
	[ -s "$S/$v/content/.idmview-index.sqlite" ] &&
		XDG_CACHE_HOME=/proc/self/nonexistent "$IDMVIEW" -s "$S" --search="seed v$v" 2>/dev/null |
		cut -f1 | grep -qx iris
}

version 1000 || bail_out "publish failed"
upd "$S" "$URL"
is "$rc" 0 "first update installs version 1000"
# how long an uninterrupted update takes, in ms
version 1001
t0=$(date +%s%N)
upd "$S" "$URL"
t1=$(date +%s%N)
is "$rc" 0 "an uninterrupted update of one changed page"
span=$(( (t1 - t0) / 1000000 ))
diag "an uninterrupted update takes $span ms; kills are spread over 0..$((span * 12 / 10)) ms"

old=0 new=0 done=0 bad=0 n=0 serial=1001
while [ $n -lt "$RUNS" ]; do
	n=$((n + 1))
	prev=$serial serial=$((serial + 1))
	version $serial || { bad=$((bad + 1)); continue; }
	delay=$(awk -v s="$span" -v seed="$$$n" 'BEGIN { srand(seed); printf "%.3f", rand() * s * 1.2 / 1000 }')
	"$IDMVIEW" -u -s "$S" --update-url="$URL" --trusted-key="$KEY.pub" > /dev/null 2>&1 &
	p=$!
	sleep "$delay"
	if kill -9 $p 2>/dev/null; then killed=1; else killed=0; fi
	wait $p 2>/dev/null
	why=
	cv=$(check_version "$S") || why="not a whole version: $cv"
	cur=$(readlink "$S/current")
	[ -n "$why" ] || [ "$cur" = "$prev" ] || [ "$cur" = "$serial" ] || why="current is $cur, neither $prev nor $serial"
	[ -n "$why" ] || reader_matches || why="the reader does not show version $cur: $(cat "$T/r.err")"
	[ -n "$why" ] || index_matches || why="version $cur has no search index, or it disagrees"
	if [ "$killed" = 0 ]; then done=$((done + 1)); elif [ "$cur" = "$serial" ]; then new=$((new + 1)); else old=$((old + 1)); fi
	upd "$S" "$URL"
	[ -n "$why" ] || { [ "$rc" -eq 0 ] && [ "$(readlink "$S/current")" = "$serial" ]; } || why="the next update failed: $(cat "$T/out")"
	[ -n "$why" ] || reader_matches || why="after the next update the reader does not show $serial"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		diag "run $n (killed after $delay s): $why"
	fi
done
is "$bad" 0 "$RUNS SIGKILLs at random moments: each left one whole version, shown by the reader, with its search index, and the next update succeeded"
[ $((old + new + done)) -eq "$RUNS" ]; ok $? "every run accounted for"
diag "update-kill: $RUNS runs: killed before the switch (old version kept) $old, killed after it (new version) $new, finished before the kill $done; failures $bad"
done_testing
