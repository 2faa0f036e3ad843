#!/bin/sh
# Updates against tests/update/faultserver.py: the faults nginx will not produce.
# Each fault ends with status 3 and the store as it was.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

SRC="$T/src"
S="$T/store"
new_src "$SRC"
"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/tree" >/dev/null 2>&1
trap 'stop_faultserver; _tap_cleanup' EXIT
start_faultserver "$T/tree" 150
printf 'stall_timeout = 1\n' > "$T/fast.conf"

upd "$S" "$U/ok/"
is "$rc" 0 "install from the fault server's good path"

# A new serial, so that files must be fetched.
set_page "$SRC" hotline "Faults, serial 11."
big_page "$SRC" iris 200 faults
"$PUBLISH" --sign="$KEY.key" --serial=11 "$SRC" "$T/tree" >/dev/null 2>&1
bigsha=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f2)
bigsize=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f3)

refused "stall after the headers" "$S" "$U/stall/" "no data for 1 s" -c "$T/fast.conf"
refused "short body" "$S" "$U/short/" "by-hash/"
refused "chunked body larger than the manifest says" "$S" "$U/chunked/" "larger than the"
refused "gzip bomb" "$S" "$U/bomb/" "larger than the"
kb=$(du -sk "$S/partial" | cut -f1)
ok "$([ "$kb" -lt 1024 ]; echo $?)" "gzip bomb: never inflated (partial/ holds ${kb} KiB)"
refused "HTTP 500" "$S" "$U/e500/" "HTTP 500"
refused "HTTP 503" "$S" "$U/e503/" "HTTP 503"
refused "redirect loop" "$S" "$U/loop/" "redirects"
refused "redirect to file://" "$S" "$U/file/" "only http and https"
refused "captive portal page with 200" "$S" "$U/portal/" "not a minisign file"

# Resuming against a server that ignores Range: the file starts afresh.
rm -f "$S"/partial/*
head -c $((bigsize / 2)) "$T/tree/by-hash/$bigsha" > "$S/partial/$bigsha.part"
upd "$S" "$U/norange/"
is "$rc" 0 "server ignoring Range: the download restarts and succeeds"
cv=$(check_version "$S"); is "$?:$cv" "0:" "server ignoring Range: a whole version"

# ... and against one that answers 416.
big_page "$SRC" iris 200 faults416
"$PUBLISH" --sign="$KEY.key" --serial=12 "$SRC" "$T/tree" >/dev/null 2>&1
bigsha=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f2)
head -c 1000 /dev/urandom > "$S/partial/$bigsha.part"
upd "$S" "$U/r416/"
is "$rc" 0 "416 on resume: restarts cleanly and succeeds"
cv=$(check_version "$S"); is "$?:$cv" "0:" "416 on resume: a whole version"

# Mirrors are tried in order.
set_page "$SRC" hotline "Mirrors, serial 13."
"$PUBLISH" --sign="$KEY.key" --serial=13 "$SRC" "$T/tree" >/dev/null 2>&1
upd "$S" "$U/e503/" --update-url="$U/ok/"
is "$rc" 0 "a failing mirror is passed over for the next"
is "$(readlink "$S/current")" 13 "and the update comes from the next"

# Offline and no URL.
"$IDMVIEW" -u -s "$S" --offline --update-url="$U/ok/" --trusted-key="$KEY.pub" >"$T/out" 2>&1
is "$?" 3 "--offline: no update, status 3"
contains "$T/out" "offline" "--offline: says so"
printf 'update_url = ftp://x/\n' > "$T/bad.conf"
"$IDMVIEW" -c "$T/bad.conf" -u -s "$S" >"$T/out" 2>&1
is "$?" 1 "a bad configuration file is a usage error"
contains "$T/out" "bad.conf:1:" "and names file and line"

done_testing
