#!/bin/sh
# A clock that is wrong (a kiosk without battery nor network): with the
# clock set back to 1970 by libfaketime, "now" is taken no earlier than
# the creation of the newest installed manifest, so a manifest that
# expired before then is refused, and --status (text, json, prometheus)
# and syslog say the clock is behind.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

command -v faketime >/dev/null || bail_out "faketime is missing: run ./bootstrap"
# Every process starts at that time and runs on from it; the monotonic
# clock (timeouts) is left alone.
# In a sanitizer build, ASan insists on coming first among the preloaded
# libraries; libfaketime comes first here, harmlessly (it only answers
# the clock), so that check is turned off for these runs.
old_clock() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '@1970-01-02 00:00:00' "$@"
}
[ "$(old_clock date -u +%Y)" = 1970 ] || bail_out "faketime does not set the clock back here"

SRC="$T/src"
S="$T/store"
new_src "$SRC"
"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/tree10" >/dev/null 2>&1 || bail_out "publish 10"
upd "$S" "$T/tree10/"
is "$rc" 0 "serial 10 installed with the right clock"

# Serial 11, signed by the publisher's key, made in 2019 and expired in 2020.
set_page "$SRC" hotline "Expired long ago, serial 11."
"$PUBLISH" --sign="$KEY.key" --serial=11 "$SRC" "$T/tree11" >/dev/null 2>&1 || bail_out "publish 11"
sed -i 's/^created .*/created 2019-12-01T00:00:00Z/; s/^expires .*/expires 2020-01-01T00:00:00Z/' "$T/tree11/manifest"
resign "$T/tree11"
refused "expired in 2020, right clock" "$S" "$T/tree11/" "expired at 2020-01-01T00:00:00Z"

snap "$S" > "$T/before"
old_clock "$IDMVIEW" -u -s "$S" --update-url="$T/tree11/" --trusted-key="$KEY.pub" > "$T/out" 2>&1
is "$?" 3 "clock at 1970: the manifest that expired in 2020 is refused all the same"
contains "$T/out" "expired at 2020-01-01T00:00:00Z" "clock at 1970: as expired"
contains "$T/out" "clock (1970-01-02T00:00:" "clock at 1970: the message says the clock is behind"
snap "$S" > "$T/after"
same_file "$T/before" "$T/after" "clock at 1970: store unchanged"

created=$(sed -n 's/^created //p' "$S/10/manifest")
old_clock "$IDMVIEW" -s "$S" --status > "$T/out" 2>&1
contains "$T/out" "clock: WRONG: 1970-01-02T00:00:" "--status: the clock is behind"
contains "$T/out" "made $created" "--status: behind the installed manifest's creation"
lacks "$T/out" "expired:" "--status: the installed manifest is not called expired"
old_clock "$IDMVIEW" -s "$S" --status=json > "$T/out" 2>&1
python3 - "$T/out" "$created" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["clock"]
sys.exit(0 if c["behind"] is True and c["floor"] == sys.argv[2] and
         c["time"].startswith("1970-") and d["floor_serial"] == 10 else 1)
PY
ok $? "--status=json: clock.behind true, the floor's time and serial"
old_clock "$IDMVIEW" -s "$S" --status=prometheus > "$T/out" 2>&1
contains "$T/out" 'idmview_clock_behind{store="'"$S"'"} 1' "--status=prometheus: idmview_clock_behind 1"
"$IDMVIEW" -s "$S" --status=prometheus > "$T/out" 2>&1
contains "$T/out" 'idmview_clock_behind{store="'"$S"'"} 0' "right clock: idmview_clock_behind 0"
"$IDMVIEW" -s "$S" --status > "$T/out" 2>&1
lacks "$T/out" "clock:" "right clock: --status says nothing of it"

# A good manifest made now still installs with the clock at 1970.
set_page "$SRC" hotline "Made now, serial 12."
"$PUBLISH" --sign="$KEY.key" --serial=12 "$SRC" "$T/tree12" >/dev/null 2>&1 || bail_out "publish 12"
old_clock "$IDMVIEW" -u -s "$S" --update-url="$T/tree12/" --trusted-key="$KEY.pub" > "$T/out" 2>&1
is "$?" 0 "clock at 1970: a manifest valid from the store's time on installs"
is "$(readlink "$S/current")" 12 "and is current"

# syslog: read through a private /dev/log where the test may make one.
if syslog_listen "$T/syslog"; then
	old_clock "$IDMVIEW" -u -s "$S" --update-url="$T/tree12/" --trusted-key="$KEY.pub" > "$T/out" 2>&1
	i=0
	while ! grep -q "clock" "$T/syslog" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	contains "$T/syslog" "the clock (1970-01-02T00:00:" "syslog: the updater says the clock is behind"
else
	skip "syslog (no private /dev/log: a syslog daemon has it, or not root)"
fi

done_testing
