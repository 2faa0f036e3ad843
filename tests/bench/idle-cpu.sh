#!/bin/sh
# tests/bench/idle-cpu.sh - what an idle kiosk costs: CPU time (utime + stime
# from /proc/PID/stat, in clock ticks) of `idmview --kiosk` left alone in
# a tmux terminal for SECONDS (default 60), with an idle reset and a
# background-update timer due in that time. Not part of make check: a
# measurement, not a timed test. Usage: sh tests/bench/idle-cpu.sh [SECONDS]
. "$(dirname "$0")/../lib.sh"
SECS=${1:-60}
term_setup
# idle_timeout fires inside the window; update_interval too (no URL: the
# check cannot start, which is still a timer waking the loop).
printf 'kiosk = yes\nstore = %s/store\nidle_timeout = 20\nupdate_interval = 30s\n' "$T" > "$T/conf"
term_start 80 25 TERM=linux -- "$IDMVIEW" -c "$T/conf"
PID=$(term_pid)
[ -n "$PID" ] && [ -r "/proc/$PID/stat" ] || { echo "idmview did not start (top_builddir=$top_builddir)"; exit 1; }
sleep 1
term_keys Down Enter   # a visitor, then nobody
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
a=$(ticks "$PID"); w0=$(awk '{print $1}' /proc/uptime)
sleep "$SECS"
b=$(ticks "$PID"); w1=$(awk '{print $1}' /proc/uptime)
term_screen | grep -q "> IOM Today" && reset=yes || reset=no
echo "idle CPU of idmview --kiosk over $(awk -v a="$w0" -v b="$w1" 'BEGIN{printf "%.1f", b-a}') s:" \
	"$((b - a)) ticks of 1/$hz s = $(awk -v t=$((b - a)) -v h="$hz" -v s="$SECS" 'BEGIN{printf "%.3f%%", 100*t/h/s}')" \
	"(idle reset happened: $reset)"
