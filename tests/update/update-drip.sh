#!/bin/sh
# A server that drips a file a byte at a time, fast enough never to look
# stalled, is abandoned at the file's overall deadline (transfer_timeout,
# plus the file's size at the slowest rate granted), the store unchanged;
# a transfer slowed by max_rate is given the time its size needs.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

SRC="$T/src"
S="$T/store"
new_src "$SRC"
"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/tree" >/dev/null 2>&1 || bail_out "publish"
trap 'stop_faultserver; _tap_cleanup' EXIT
start_faultserver "$T/tree" 150

upd "$S" "$U/ok/"
is "$rc" 0 "install serial 10"

# Serial 11 changes one small page: one file of a few hundred bytes to
# fetch, dripped at 4 bytes a second it would take minutes.
set_page "$SRC" hotline "Dripped, serial 11."
"$PUBLISH" --sign="$KEY.key" --serial=11 "$SRC" "$T/tree" >/dev/null 2>&1
printf 'stall_timeout = 5\ntransfer_timeout = 2\n' > "$T/drip.conf"
t0=$(date +%s)
refused "a dripping server" "$S" "$U/drip/" "abandoned (transfer_timeout)" -c "$T/drip.conf"
t1=$(date +%s)
ok "$([ $((t1 - t0)) -le 8 ]; echo $?)" "a dripping server: abandoned after $((t1 - t0)) s (deadline 3 s)"
contains "$T/out" "not finished after 3 s" "the message gives the deadline"

# A larger file under max_rate: the deadline grows with the size.
big_page "$SRC" iris 48 drip
"$PUBLISH" --sign="$KEY.key" --serial=12 "$SRC" "$T/tree" >/dev/null 2>&1
printf 'transfer_timeout = 1\nmax_rate = 16k\n' > "$T/slow.conf"
upd "$S" "$U/ok/" -c "$T/slow.conf"
is "$rc" 0 "a file of ~48 KiB at max_rate 16k: longer than the minimum, not abandoned"
is "$(readlink "$S/current")" 12 "and installed"

done_testing
