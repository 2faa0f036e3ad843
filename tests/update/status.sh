#!/bin/sh
# idmview --status[=text|json|prometheus], and the record every update
# attempt leaves in STORE/status: on an empty store, after a success,
# after failures. The JSON is read by python3's json and checked field
# by field; the Prometheus text by a strict parser here and, when the
# machine has it, by promtool check metrics.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

S="$T/store"
SRC="$T/src"
new_src "$SRC"
pub() { "$PUBLISH" "$@" >"$T/pub.out" 2>&1; }
st() { "$IDMVIEW" -s "$S" "$@" >"$T/st.out" 2>"$T/st.err"; rc=$?; }

# check_json FILE PYTHON-EXPRESSIONS...: each expression, about `d` (the
# parsed document), must be true; a failing one is shown with the data.
check_json() {
	_f=$1; shift
	python3 - "$_f" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [x for x in sys.argv[2:] if not eval(x, {"d": d, "isint": lambda v: type(v) is int})]
for x in bad:
    print("# false: %s\n# document: %s" % (x, json.dumps(d)))
sys.exit(1 if bad else 0)
PY
}

# check_prom FILE NAME=VALUE...: FILE is strict Prometheus text format
# (0.0.4): HELP and TYPE once per metric, before its sample; names and
# labels as the format allows; every value a number (or +Inf); every
# metric of idmview(1) STATUS there exactly once, with its type, and the
# values given here (VALUE "*" for any).
check_prom() {
	_f=$1; shift
	python3 - "$_f" "$@" <<'PY'
import re, sys
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(r"^(%s)(\{%s(?:,%s)*\})? (\S+)$" % (NAME, LABEL, LABEL))
types = {"idmview_serial": "gauge",
         "idmview_manifest_expiry_timestamp_seconds": "gauge",
         "idmview_last_check_timestamp_seconds": "gauge",
         "idmview_last_check_ok": "gauge",
         "idmview_last_success_timestamp_seconds": "gauge",
         "idmview_seconds_since_last_success": "gauge",
         "idmview_fetched_bytes_total": "counter",
         "idmview_keys_announced": "gauge",
         "idmview_keys_retired": "gauge",
         "idmview_keys_record_ok": "gauge"}
errors, helps, typed, values = [], {}, {}, {}
text = open(sys.argv[1]).read()
if not text.endswith("\n"):
    errors.append("no final newline")
for n, line in enumerate(text.split("\n")[:-1], 1):
    m = re.match(r"^# (HELP|TYPE) (%s) (.+)$" % NAME, line)
    if m:
        kind, name, rest = m.groups()
        seen = helps if kind == "HELP" else typed
        if name in seen: errors.append("%d: second %s for %s" % (n, kind, name))
        if name in values: errors.append("%d: %s after the sample of %s" % (n, kind, name))
        if kind == "TYPE" and rest not in ("counter", "gauge", "histogram", "summary", "untyped"):
            errors.append("%d: bad type %s" % (n, rest))
        seen[name] = rest
        continue
    if line.startswith("#"):
        errors.append("%d: a comment that is neither HELP nor TYPE: %s" % (n, line)); continue
    m = SAMPLE.match(line)
    if not m:
        errors.append("%d: not a sample line: %r" % (n, line)); continue
    name, labels, value = m.groups()
    if name in values: errors.append("%d: %s twice" % (n, name))
    if name not in typed: errors.append("%d: %s has no TYPE before it" % (n, name))
    try: float(value)
    except ValueError: errors.append("%d: %s: value %r is no number" % (n, name, value))
    values[name] = value
for name, t in types.items():
    if typed.get(name) != t: errors.append("%s: type %s, not %s" % (name, typed.get(name), t))
    if name not in helps: errors.append("%s: no HELP" % name)
    if name not in values: errors.append("%s: no sample" % name)
for want in sys.argv[2:]:
    name, v = want.split("=", 1)
    if v != "*" and values.get(name) != v:
        errors.append("%s is %s, not %s" % (name, values.get(name), v))
for e in errors: print("# " + e)
sys.exit(1 if errors else 0)
PY
}

promtool_check() {
	if command -v promtool >/dev/null; then
		promtool check metrics < "$1" > "$T/promtool.out" 2>&1
		ok $? "$2: promtool check metrics accepts it"
		sed 's/^/# /' "$T/promtool.out"
	else
		diag "promtool is not installed (Debian's prometheus package has it): the strict parser alone"
	fi
}

t0=$(date +%s)

# --- an empty store (it does not even exist) -----------------------------
st --status
is "$rc" 0 "empty store, text: status 0"
contains "$T/st.out" "not created yet" "empty store, text: says the store is not there"
contains "$T/st.out" "current serial: none" "empty store, text: nothing installed"
contains "$T/st.out" "last check: never" "empty store, text: never checked"
contains "$T/st.out" "last success: never" "empty store, text: never succeeded"
ok "$(test ! -e "$S"; echo $?)" "empty store: --status creates nothing"
st --status=json
is "$rc" 0 "empty store, json: status 0"
check_json "$T/st.out" 'd["schema"] == 1' "d[\"store\"] == \"$S\"" 'd["store_exists"] is False' \
	'd["current"] is None' 'd["last_check"] is None' 'd["last_success"] is None' \
	'd["bytes_total"] == 0' 'sorted(d) == sorted(["schema", "store", "store_exists", "current", "last_check", "last_success", "bytes_total", "floor_serial", "clock", "keys"])' 'd["floor_serial"] is None' 'd["clock"]["behind"] is False' \
	'd["keys"] == {"ok": True, "error": None, "announced": [], "retired": []}'
ok $? "empty store, json: every field null or zero"
st --status=prometheus
is "$rc" 0 "empty store, prometheus: status 0"
check_prom "$T/st.out" idmview_serial=0 idmview_last_check_ok=0 idmview_last_success_timestamp_seconds=0 \
	idmview_seconds_since_last_success=+Inf idmview_fetched_bytes_total=0 \
	idmview_manifest_expiry_timestamp_seconds=0 idmview_last_check_timestamp_seconds=0 \
	idmview_keys_announced=0 idmview_keys_retired=0 idmview_keys_record_ok=1
ok $? "empty store, prometheus: strict format, zeros and +Inf"
promtool_check "$T/st.out" "empty store"

# --- a first attempt that fails: no success yet ---------------------------
upd "$S" "$T/nowhere"
is "$rc" 3 "a failed first attempt"
st --status=json
check_json "$T/st.out" 'd["store_exists"] is True' 'd["current"] is None' \
	'd["last_check"]["ok"] is False' '"No such file or directory" in d["last_check"]["error"]' \
	'd["last_check"]["serial_before"] is None' 'd["last_check"]["serial_after"] is None' \
	'd["last_check"]["source"] is None' 'd["last_success"] is None'
ok $? "failed first attempt, json: recorded, no success"

# --- a success -------------------------------------------------------------
pub --sign="$KEY.key" --serial=10 --expires=30 "$SRC" "$T/tree"
upd "$S" "$T/tree"
is "$rc" 0 "an update from serial none to 10"
bytes10=$(sed -n 's/.* \([0-9]*\) bytes on the wire.*/\1/p' "$T/out")
t1=$(date +%s)
ok "$(test -f "$S/status" && test ! -e "$S/status.tmp"; echo $?)" "STORE/status written, no temporary file left"
ok "$(test ! -e "$S/current/status"; echo $?)" "the record is not in the version (a LAN mirror does not serve it)"
"$IDMVIEW" -s "$S" --dump hotline >/dev/null 2>&1; ok $? "the reader reads the store as before"
expires=$(sed -n 's/^expires //p' "$S/10/manifest")
updated=$(sed -n 's/^updated //p' "$S/10/manifest")
st --status
is "$rc" 0 "after a success, text: status 0"
contains "$T/st.out" "current serial: 10" "after a success, text: the serial"
contains "$T/st.out" "manifest expires: $expires" "after a success, text: the expiry"
[ -z "$updated" ] || contains "$T/st.out" "content date: $updated" "after a success, text: the content date"
contains "$T/st.out" "ok: serial 0 -> 10, $bytes10 bytes" "after a success, text: the serials and bytes"
contains "$T/st.out" "last success: " "after a success, text: the last success"
st --status=json
check_json "$T/st.out" 'd["current"]["serial"] == 10' "d[\"current\"][\"expires\"] == \"$expires\"" \
	'isint(d["current"]["expires_unix"])' 'd["current"]["expired"] is False' \
	"d[\"current\"][\"content_date\"] == (\"$updated\" or None)" \
	"$t0 <= d[\"last_check\"][\"time_unix\"] <= $t1" 'd["last_check"]["ok"] is True' \
	'd["last_check"]["serial_before"] is None' 'd["last_check"]["serial_after"] == 10' \
	"d[\"last_check\"][\"bytes\"] == $bytes10" "d[\"last_check\"][\"source\"] == \"$T/tree\"" \
	'd["last_check"]["error"] is None' \
	'd["last_success"]["time_unix"] == d["last_check"]["time_unix"]' 'd["last_success"]["serial"] == 10' \
	"d[\"bytes_total\"] == $bytes10" \
	'd["last_check"]["time"].endswith("Z") and len(d["last_check"]["time"]) == 20'
ok $? "after a success, json: each field"
st --status=prometheus
ok_exp=$(python3 -c "import calendar,time; print(calendar.timegm(time.strptime('$expires','%Y-%m-%dT%H:%M:%SZ')))")
check_prom "$T/st.out" idmview_serial=10 idmview_last_check_ok=1 \
	idmview_manifest_expiry_timestamp_seconds="$ok_exp" idmview_fetched_bytes_total="$bytes10" \
	idmview_seconds_since_last_success='*'
ok $? "after a success, prometheus: strict format and values"
since=$(sed -n 's/^idmview_seconds_since_last_success{[^}]*} //p' "$T/st.out")
ok "$([ "$since" -ge 0 ] && [ "$since" -le $(( $(date +%s) - t0 + 1)) ]; echo $?)" \
	"after a success, prometheus: seconds since the last success ($since) is now's"
promtool_check "$T/st.out" "after a success"

# --- then failures: the installed version and the last success stay ------
succ=$(sed -n 's/^success-time //p' "$S/status")
cp -R "$T/tree" "$T/bad"
sed -i 's/^expires .*/expires 2099-01-01T00:00:00Z/' "$T/bad/manifest"
upd "$S" "$T/bad"
is "$rc" 3 "a refused update"
st --status=json
check_json "$T/st.out" 'd["current"]["serial"] == 10' 'd["last_check"]["ok"] is False' \
	'"signature does not match" in d["last_check"]["error"]' \
	'd["last_check"]["serial_before"] == 10' 'd["last_check"]["serial_after"] == 10' \
	'd["last_check"]["source"] is None' "d[\"last_success\"][\"time_unix\"] == $succ" \
	'd["last_check"]["bytes"] > 0' "d[\"bytes_total\"] == $bytes10 + d[\"last_check\"][\"bytes\"]"
ok $? "after a failure, json: the error, the same serial, the last success kept, bytes added up"
st --status
contains "$T/st.out" "failed: " "after a failure, text: says it failed"
contains "$T/st.out" "signature does not match" "after a failure, text: and why"
st --status=prometheus
check_prom "$T/st.out" idmview_serial=10 idmview_last_check_ok=0 idmview_last_success_timestamp_seconds="$succ"
ok $? "after a failure, prometheus: last check 0, last success kept"
promtool_check "$T/st.out" "after a failure"

# A trusted key that cannot be read is a failed attempt too.
"$IDMVIEW" -u -s "$S" --update-url="$T/tree" --trusted-key="$T/no-such.pub" >/dev/null 2>&1
st --status=json
check_json "$T/st.out" 'd["last_check"]["ok"] is False' '"no-such.pub" in d["last_check"]["error"]' \
	'd["last_check"]["serial_before"] == 10'
ok $? "an unreadable trusted key is recorded"

# An attempt while another holds the lock is not recorded (it records its own).
cp "$S/status" "$T/status.before"
exec 9>"$S/lock"; flock -n 9
upd "$S" "$T/tree"
exec 9>&-
is "$rc" 3 "a second updater is refused"
cmp -s "$T/status.before" "$S/status"; ok $? "and leaves the record to the one that runs"

# The expired manifest shows as such.
sed -i -e 's/^created .*/created 2020-01-01T00:00:00Z/' -e 's/^expires .*/expires 2020-01-02T00:00:00Z/' "$S/10/manifest"
st --status=json
check_json "$T/st.out" 'd["current"]["expired"] is True' 'd["current"]["expires"] == "2020-01-02T00:00:00Z"'
ok $? "an expired installed manifest: expired true"
st --status
contains "$T/st.out" "expired" "an expired installed manifest, text: says so"

# --- what reaches the terminal, and what a bad record gives ---------------
printf 'idmview-status 1\ncheck-time 1700000000\ncheck-result failed\nserial-before 10\nserial-after 10\nbytes 5\nbytes-total 9\nerror evil \033[2J\302\233 "q" \\ \342\200\256x\377\n' > "$S/status"
st --status
lacks "$T/st.out" "$(printf '\033')" "text: an escape in the recorded error never reaches the terminal"
st --status=json
check_json "$T/st.out" '"\u001b" in d["last_check"]["error"]' '"\"q\" \\" in d["last_check"]["error"]' \
	'"\ufffd" in d["last_check"]["error"]'
ok $? "json: control characters escaped, invalid UTF-8 replaced, still valid JSON"
printf 'idmview-status 1\ncheck-time 1700000000\ncheck-result ok\nsome-later-key 5\n' > "$S/status"
st --status=json
is "$rc" 0 "a key of a later version is ignored"
printf 'idmview-status 1\ncheck-time soon\n' > "$S/status"
st --status
is "$rc" 2 "a malformed record: status 2"
contains "$T/st.err" "status:2:" "a malformed record: names file and line"
upd "$S" "$T/tree"
st --status=json
check_json "$T/st.out" 'd["last_check"]["ok"] is False' 'd["bytes_total"] == d["last_check"]["bytes"]'
ok $? "an attempt after a malformed record starts the record afresh"

# --- usage ----------------------------------------------------------------
st --status=xml
is "$rc" 1 "--status=xml: usage error"
contains "$T/st.err" "text, json or prometheus" "--status=xml: says which formats"
st --status --dump
is "$rc" 1 "--status with --dump: usage error"
"$IDMVIEW" --help > "$T/help"
contains "$T/help" "--status[=FORMAT]" "--help lists --status"
contains "$T/help" "--export=DIR" "--help lists --export"
LANGUAGE=fr "$IDMVIEW" -s "$S" --status > "$T/fr" 2>&1
contains "$T/fr" "numéro de série" "--status speaks French under LANGUAGE=fr"

done_testing
