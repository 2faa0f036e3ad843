#!/bin/sh
# Key rotation (issue #14), against a real nginx on 127.0.0.1 with real
# minisign keys: the old key announces the new one (next_key), the kiosk
# records it, accepts the new key's manifest and then retires the old key.
# And the attacks: an announcement by an untrusted key, a retired key
# reused, a rollback to before the rotation, a damaged key record.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
trap 'stop_nginx; _tap_cleanup' EXIT
start_nginx "$T/srv" || { cat "$NG/error.log"; bail_out "nginx did not start"; }

OLD=$KEY
NEW="$T/keys/new"
EVIL="$T/keys/other"
minisign -G -W -p "$NEW.pub" -s "$NEW.key" >/dev/null 2>&1 || bail_out "minisign -G"
# keyid KEY: its id as idmview prints it, 16 hex digits (minisign's own
# comment drops leading zeros).
keyid() { printf '%16s' "$(sed -n '1s/.* //p' "$1.pub")" | tr ' ' 0; }
keyline() { sed -n 2p "$1.pub"; }

serve() { ln -sfn "$1" "$T/srv"; }
# tree NAME N SIGNER [ARGS]: publish the source to $T/NAME as serial N,
# signed by SIGNER.
tree() {
	_d="$T/$1" _n=$2 _k=$3; shift 3
	"$PUBLISH" --sign="$_k.key" --serial="$_n" "$@" "$SRC" "$_d" >"$T/pub.out" 2>&1 ||
		{ cat "$T/pub.out"; bail_out "publish $_n"; }
	bump "$_d"
}

S="$T/store"
SRC="$T/src"
new_src "$SRC"

# --- publishing ---------------------------------------------------------
"$PUBLISH" --next-key="$NEW.key" --serial=1 "$SRC" "$T/bad" >"$T/out" 2>&1
is "$?" 1 "publish: --next-key refuses a secret key file"
contains "$T/out" "not a minisign public key" "publish: and says why"
tree tree10 10 "$OLD"
serve "$T/tree10"
upd "$S" "$URL/"
is "$rc" 0 "serial 10, signed by the old key, installed"
ok "$(test ! -e "$S/keys"; echo $?)" "no key record before any announcement"

# --- an announcement not signed by a trusted key ------------------------
set_page "$SRC" hotline "Serial 11, from someone else."
tree evil11 11 "$EVIL" --next-key="$EVIL.pub"
serve "$T/evil11"
refused "announcement by an untrusted key" "$S" "$URL/" "signed with key $(keyid "$EVIL"), but the trusted key is $(keyid "$OLD")"
ok "$(test ! -e "$S/keys"; echo $?)" "announcement by an untrusted key: nothing recorded"

# --- a kiosk that never saw the announcement does not know the new key --
set_page "$SRC" hotline "Serial 12, signed by the new key."
tree new12 12 "$NEW"
serve "$T/new12"
refused "new key before its announcement" "$S" "$URL/" "signed with key $(keyid "$NEW")"

# --- an announcement is recorded only with its version installed -------
set_page "$SRC" hotline "Serial 11, announcing, its file damaged."
tree broken11 11 "$OLD" --next-key="$NEW.pub"
for f in "$T/broken11/by-hash/"*; do
	[ -e "$T/tree10/by-hash/${f##*/}" ] || printf 'damaged' > "$f"
done
serve "$T/broken11"
refused "announcement whose file is damaged" "$S" "$URL/" "(hotline.xml): size 7, but the manifest says"
ok "$(test ! -e "$S/keys"; echo $?)" "announcement not installed: nothing recorded"

# --- the old key announces the new one ----------------------------------
set_page "$SRC" hotline "Serial 11, announcing the new key."
tree tree11 11 "$OLD" --next-key="$NEW.pub"
contains "$T/tree11/manifest" "next_key $(keyline "$NEW")" "publish writes next_key"
serve "$T/tree11"
upd "$S" "$URL/"
is "$rc" 0 "announcement signed by the old key installed"
contains "$S/keys" "next $(keyline "$NEW") $(keyid "$OLD")" "the new key is recorded, announced by the old"
"$IDMVIEW" -s "$S" --status > "$T/st" 2>&1
contains "$T/st" "announced key: $(keyid "$NEW") (by $(keyid "$OLD"))" "--status shows the announced key"
lacks "$T/st" "retired key" "--status: no key retired yet"

# Both keys are trusted now: the old one still signs...
set_page "$SRC" hotline "Serial 12, still the old key."
tree tree12 12 "$OLD" --next-key="$NEW.pub"
serve "$T/tree12"
upd "$S" "$URL/"
is "$rc" 0 "while the announcement stands, the old key is still accepted"
cp "$S/keys" "$T/keys.12"

# ...and the first manifest signed by the new key retires the old one.
set_page "$SRC" hotline "Serial 13, the new key."
tree tree13 13 "$NEW"
serve "$T/tree13"
upd "$S" "$URL/"
is "$rc" 0 "the new key's manifest accepted"
is "$(readlink "$S/current")" 13 "serial 13 is current"
contains "$S/keys" "retired $(keyid "$OLD")" "the old key is retired"
"$IDMVIEW" -s "$S" --status > "$T/st" 2>&1
contains "$T/st" "retired key: $(keyid "$OLD")" "--status shows the retired key"
"$IDMVIEW" -s "$S" --status=json > "$T/st.json" 2>&1
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))["keys"]; sys.exit(not (d["ok"] and sys.argv[2] in d["retired"]))' \
	"$T/st.json" "$(keyid "$OLD")"
ok $? "--status=json lists the retired key"
"$IDMVIEW" -s "$S" --status=prometheus > "$T/st.prom" 2>&1
contains "$T/st.prom" "idmview_keys_retired{store=\"$S\"} 1" "--status=prometheus counts it"
"$IDMVIEW" -s "$S" --dump hotline > "$T/dump" 2>&1
contains "$T/dump" "Serial 13, the new key." "the reader shows the new key's content"

# --- a retired key reused -----------------------------------------------
set_page "$SRC" hotline "Serial 14, the old key again."
tree tree14 14 "$OLD"
serve "$T/tree14"
refused "retired key reused" "$S" "$URL/" "signed with key $(keyid "$OLD"), which was retired"
contains "$T/out" "KEY ROTATION" "retired key: the message says where to read what to do"
# even when the configuration still names it beside the new one
refused "retired key, both keys configured" "$S" "$URL/" "which was retired" \
	--trusted-key="$OLD.pub,$NEW.pub"

# --- rollbacks ----------------------------------------------------------
serve "$T/tree11"
refused "rollback to the announcement" "$S" "$URL/" "which was retired"
serve "$T/tree10"
refused "rollback to before the rotation" "$S" "$URL/" "which was retired"
# the floor holds whatever the key: an old serial signed by the new key
cp -R "$T/tree10" "$T/tree10new"
resign "$T/tree10new" "$NEW.key"
serve "$T/tree10new"
refused "old serial signed by the new key" "$S" "$URL/" "serial 10 is older than the installed 13"

# --- the new key goes on; the record is not rewritten for nothing -------
set_page "$SRC" hotline "Serial 15, the new key again."
tree tree15 15 "$NEW"
serve "$T/tree15"
cp "$S/keys" "$T/keys.13"
upd "$S" "$URL/" --trusted-key="$NEW.pub"
is "$rc" 0 "the new key alone in trusted_key: accepted"
same_file "$T/keys.13" "$S/keys" "the key record is unchanged"

# --- a second rotation, the configuration untouched since the first -----
THIRD="$T/keys/third"
minisign -G -W -p "$THIRD.pub" -s "$THIRD.key" >/dev/null 2>&1 || bail_out "minisign -G"
set_page "$SRC" hotline "Serial 16, the new key announcing a third."
tree tree16 16 "$NEW" --next-key="$THIRD.pub"
serve "$T/tree16"
upd "$S" "$URL/"
is "$rc" 0 "second rotation: the announcement by the new key installed"
contains "$S/keys" "next $(keyline "$THIRD") $(keyid "$NEW")" "second rotation: the third key is recorded"
set_page "$SRC" hotline "Serial 17, the third key."
tree tree17 17 "$THIRD"
serve "$T/tree17"
upd "$S" "$URL/"
is "$rc" 0 "second rotation: the third key accepted, trusted_key still naming the first"
contains "$S/keys" "retired $(keyid "$NEW")" "second rotation: the second key is retired"
contains "$S/keys" "retired $(keyid "$OLD")" "second rotation: the first key stays retired"
lacks "$S/keys" "next $(keyline "$NEW")" "second rotation: the retired key's record is dropped"
set_page "$SRC" hotline "Serial 18, the second key again."
tree tree18 18 "$NEW"
serve "$T/tree18"
refused "second rotation: the second key reused" "$S" "$URL/" "signed with key $(keyid "$NEW"), which was retired"

# --- a damaged key record is refused, not read as "nothing retired" -----
printf 'idmview-keys 1\nretired nonsense\n' > "$S/keys"
set_page "$SRC" hotline "Serial 19."
tree tree19 19 "$THIRD"
serve "$T/tree19"
refused "damaged key record" "$S" "$URL/" "keys:2: not a key record"
"$IDMVIEW" -s "$S" --status > "$T/st" 2>&1
contains "$T/st" "keys: $S/keys:2: not a key record" "--status says the key record is damaged"
"$IDMVIEW" -s "$S" --status=prometheus > "$T/st.prom" 2>&1
contains "$T/st.prom" "idmview_keys_record_ok{store=\"$S\"} 0" "--status=prometheus: the record is damaged"

# --- trusted_key naming several keys ------------------------------------
S2="$T/store2"
printf 'trusted_key = %s , %s\n' "$OLD.pub" "$NEW.pub" > "$T/two.conf"
serve "$T/tree13"
"$IDMVIEW" -c "$T/two.conf" -u -s "$S2" --update-url="$URL/" > "$T/out" 2>&1
is "$?" 0 "two keys in trusted_key (configuration file): the new key's manifest accepted"
serve "$T/tree14"
"$IDMVIEW" -c "$T/two.conf" -u -s "$S2" --update-url="$URL/" > "$T/out" 2>&1
is "$?" 0 "two keys in trusted_key: the old key's manifest accepted too"
ok "$(test ! -e "$S2/keys"; echo $?)" "two keys, no announcement: nothing recorded"
serve "$T/evil11"
"$IDMVIEW" -c "$T/two.conf" -u -s "$S2" --update-url="$URL/" > "$T/out" 2>&1
is "$?" 3 "two keys in trusted_key: a third key's manifest refused"
contains "$T/out" "signed with key $(keyid "$EVIL"), which is none of the trusted keys ($(keyid "$OLD"), $(keyid "$NEW"))" \
	"two keys in trusted_key: the refusal names both"
"$IDMVIEW" -u -s "$S2" --update-url="$URL/" --trusted-key="$OLD.pub,$T/no-such.pub" > "$T/out" 2>&1
is "$?" 3 "a missing file among the keys is an error"
contains "$T/out" "no-such.pub" "and names the file"
"$IDMVIEW" -u -s "$S2" --update-url="$URL/" --trusted-key="$(printf '%s,' 1 2 3 4 5 6 7 8 9)" > "$T/out" 2>&1
is "$?" 3 "more than 8 key files: an error"
contains "$T/out" "more than 8 key files" "and says so"

done_testing
