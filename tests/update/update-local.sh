#!/bin/sh
# Updates from a local directory (a USB stick, a share: update_url = /DIR
# or file:///DIR), and --export, which writes a store's version out as a
# published tree. Every check of the update over HTTP holds from a
# directory too; a tree with a link out of it, a FIFO, a cut-short copy
# are refused and leave the store as it was.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

S="$T/store"
SRC="$T/src"
new_src "$SRC"
pub() { "$PUBLISH" "$@" >"$T/pub.out" 2>&1; }

# --- publish to a directory, update from it ------------------------------
pub --sign="$KEY.key" --serial=10 "$SRC" "$T/stick"
is "$?" 0 "publish into a directory"
upd "$S" "file://$T/stick/"
is "$rc" 0 "file:///DIR: first install"
contains "$T/out" "serial none -> 10" "file:///DIR: summary names the serials"
cv=$(check_version "$S"); is "$?:$cv" "0:" "file:///DIR: a whole version is installed"
upd "$S" "$T/stick"
is "$rc" 0 "/DIR: nothing changed: status 0"
contains "$T/out" "already current (serial 10)" "/DIR: already current"
cp -R "$T/stick" "$T/stick-10"

set_page "$SRC" hotline "Hotline from the stick, serial 11."
pub --sign="$KEY.key" --serial=11 "$SRC" "$T/stick"
printf 'update_url = %s\ntrusted_key = %s\nstore = %s\n' "$T/stick" "$KEY.pub" "$S" > "$T/stick.conf"
"$IDMVIEW" -c "$T/stick.conf" -u >"$T/out" 2>&1
is "$?" 0 "update_url = /DIR in the configuration"
contains "$T/out" "serial 10 -> 11, 1 file fetched" "only the changed file is read"
"$IDMVIEW" -s "$S" --dump hotline > "$T/dump" 2>&1
contains "$T/dump" "Hotline from the stick, serial 11." "the reader shows the stick's page"

# A percent-encoded name, as a file manager would give it.
mkdir -p "$T/my stick"; cp -R "$T/stick" "$T/my stick/idm"
upd "$T/store-pct" "file://$T/my%20stick/idm/"
is "$rc" 0 "file:// URL with %20 is decoded"

# The mirrors in order: an unreachable one first, then the stick.
upd "$T/store-order" "http://127.0.0.1:1/" --update-url="$T/stick"
is "$rc" 0 "an unreachable mirror, then the stick: installed from the stick"
is "$(readlink "$T/store-order/current")" 11 "and it is the stick's serial"

# A reachable mirror that has nothing newer does not hide a newer stick
# listed after it (an office's LAN mirror, and a stick brought in).
trap 'stop_nginx; _tap_cleanup' EXIT
upd "$T/store-lanfirst" "$T/stick-10"
start_nginx "$T/stick-10"
ok $? "nginx serves serial 10 (the office's mirror)"
upd "$T/store-lanfirst" "$URL/" --update-url="$T/nowhere"
is "$rc" 0 "a current mirror, then a stick not mounted: status 0"
contains "$T/out" "already current (serial 10)" "and it is already current"
upd "$T/store-lanfirst" "$URL/" --update-url="$T/stick-10"
is "$rc" 0 "a current mirror, then a stick with the same version: status 0"
upd "$T/store-lanfirst" "$URL/" --update-url="$T/stick"
is "$rc" 0 "a current mirror, then a newer stick: status 0"
is "$(readlink "$T/store-lanfirst/current")" 11 "the stick's newer version is installed"
stop_nginx

# A store's version is itself a published tree (a LAN mirror's share).
upd "$T/store-lan" "$S/current"
is "$rc" 0 "a store's version directory serves as a local source"

# What a local source may be.
"$IDMVIEW" -u -s "$S" --update-url=stick/idm --trusted-key="$KEY.pub" >"$T/out" 2>&1
is "$?" 1 "a relative directory is a usage error"
contains "$T/out" "file:///DIR or /DIR" "and says what is accepted"
"$IDMVIEW" -u -s "$S" --update-url=file://host/x --trusted-key="$KEY.pub" >"$T/out" 2>&1
is "$?" 1 "file://HOST/ is a usage error"
refused "no such directory" "$S" "$T/nowhere" "No such file or directory"
refused "file:// with %00" "$S" "file://$T/st%00ick" "not a local directory"

# --- refusals: status 3, store unchanged ---------------------------------
t="$T/bad"
set_page "$SRC" hotline "Serial 12."
pub --sign="$KEY.key" --serial=12 "$SRC" "$T/tree"
fresh() { rm -rf "$t"; cp -R "$T/tree" "$t"; }

fresh; sed -i 's/^expires .*/expires 2099-01-01T00:00:00Z/' "$t/manifest"
refused "flipped signature (manifest edited)" "$S" "$t" "signature does not match"
fresh; python3 - "$t/manifest.minisig" <<'PY'
import sys, base64
p = sys.argv[1]
lines = open(p).read().split("\n")
raw = bytearray(base64.b64decode(lines[1]))
raw[-1] ^= 1
lines[1] = base64.b64encode(bytes(raw)).decode()
open(p, "w").write("\n".join(lines))
PY
refused "one bit of the signature flipped" "$S" "$t" "signature"
fresh; pub --sign="$T/keys/other.key" --serial=13 "$SRC" "$t"
refused "wrong key" "$S" "$t" "but the trusted key is"
fresh; rm "$t/manifest.minisig"
refused "unsigned tree" "$S" "$t" "manifest.minisig"
fresh; sed -i 's/^trusted comment: .*/trusted comment: serial 99999/' "$t/manifest.minisig"
refused "edited trusted comment" "$S" "$t" "trusted comment does not match"
refused "older serial replayed" "$S" "$T/stick-10" "older than the installed 11"
new_src "$T/src11"; set_page "$T/src11" hotline "Another serial 11."
pub --sign="$KEY.key" --serial=11 "$T/src11" "$T/tree-11b"
refused "same serial, other content" "$S" "$T/tree-11b" "differs"
fresh; sed -i -e 's/^created .*/created 2020-01-01T00:00:00Z/' -e 's/^expires .*/expires 2020-01-02T00:00:00Z/' "$t/manifest"; resign "$t"
refused "expired manifest" "$S" "$t" "expired at 2020-01-02T00:00:00Z"
fresh; sed -i 's/ hotline.xml$/ ..\/hotline.xml/' "$t/manifest"; resign "$t"
refused "manifest naming ../" "$S" "$t" "manifest:"
fresh; sed -i 's/ hotline.xml$/ \/etc\/hotline.xml/' "$t/manifest"; resign "$t"
refused "manifest naming an absolute path" "$S" "$t" "refused"
sha=$(grep ' hotline.xml$' "$T/tree/manifest" | cut -d' ' -f2)
fresh; size=$(wc -c < "$t/by-hash/$sha"); head -c "$size" /dev/zero > "$t/by-hash/$sha"
refused "tampered file" "$S" "$t" "SHA-256 mismatch"
fresh; head -c 10 "$T/tree/by-hash/$sha" > "$t/by-hash/$sha"
refused "file shorter than its size" "$S" "$t" "but the manifest says"
fresh; cat "$T/tree/by-hash/$sha" "$T/tree/by-hash/$sha" > "$t/by-hash/$sha"
refused "file longer than its size" "$S" "$t" "larger than the"
fresh; rm "$t/by-hash/$sha"
refused "missing file" "$S" "$t" "No such file or directory"

# Links and special files: even a link to the right bytes is refused (a
# published tree has none), so nothing outside the tree is ever read.
mkdir -p "$T/outside"
fresh; mv "$t/by-hash/$sha" "$T/outside/$sha"; ln -s "$T/outside/$sha" "$t/by-hash/$sha"
refused "by-hash file a symlink out of the tree" "$S" "$t" "symbolic link"
fresh; ln -sf /etc/passwd "$t/by-hash/$sha"
refused "by-hash file a symlink to /etc/passwd" "$S" "$t" "symbolic link"
fresh; rm -rf "$T/outside/by-hash"; mv "$t/by-hash" "$T/outside/by-hash"; ln -s "$T/outside/by-hash" "$t/by-hash"
refused "by-hash/ a symlink out of the tree" "$S" "$t" "symbolic link"
fresh; mv "$t/manifest" "$T/outside/manifest"; ln -s "$T/outside/manifest" "$t/manifest"
refused "manifest a symlink out of the tree" "$S" "$t" "symbolic link"
fresh; rm "$t/by-hash/$sha"; mkfifo "$t/by-hash/$sha"
snap "$S" > "$T/before"
timeout 20 "$IDMVIEW" -u -s "$S" --update-url="$t" --trusted-key="$KEY.pub" >"$T/out" 2>&1
is "$?" 3 "a FIFO in the tree: refused without waiting (status 3, not the timeout's 124)"
contains "$T/out" "not a regular file" "a FIFO in the tree: says why"
snap "$S" > "$T/after"; same_file "$T/before" "$T/after" "a FIFO in the tree: store unchanged"
fresh; rm "$t/by-hash/$sha"; mkdir "$t/by-hash/$sha"
refused "a directory where a file should be" "$S" "$t" "not a regular file"
rm -rf "$S"/partial/*

# An interrupted read resumes after what partial/ holds, as over HTTP.
big_page "$SRC" iris 300 localresume
pub --sign="$KEY.key" --serial=14 "$SRC" "$T/tree"
bigsha=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f2)
head -c 1000 "$T/tree/by-hash/$bigsha" > "$S/partial/$bigsha.part"
upd "$S" "$T/tree"
is "$rc" 0 "a partial download is finished from the directory"
cv=$(check_version "$S"); is "$?:$cv" "0:" "and the version is whole"

# --- export ---------------------------------------------------------------
"$IDMVIEW" -s "$T/empty-store" --export="$T/exp-none" >"$T/out" 2>&1
is "$?" 2 "export of an empty store: exit status 2"
contains "$T/out" "nothing to export" "export of an empty store: says so"
ok "$(test ! -e "$T/exp-none"; echo $?)" "export of an empty store: writes nothing"
"$IDMVIEW" -s "$S" --export="$T/no/such/parent" >"$T/out" 2>&1
is "$?" 2 "export into a directory whose parent is missing: exit status 2"
ok "$(test ! -e "$T/no"; echo $?)" "and creates no parents (an unmounted stick's mount point stays empty)"

# An office with a link exports; another updates from the export.
"$IDMVIEW" -s "$S" --export="$T/usb" >"$T/out" 2>&1
is "$?" 0 "export: status 0"
contains "$T/out" "exported serial 14" "export: says what it wrote"
is "$(cd "$T/usb" && ls -A | tr '\n' ' ')" "by-hash manifest manifest.minisig " \
	"export: manifest, signature and by-hash/ only (no content/, no .http-cache)"
cmp -s "$T/usb/manifest" "$S/14/manifest"; ok $? "export: the manifest byte for byte"
cmp -s "$T/usb/manifest.minisig" "$S/14/manifest.minisig"; ok $? "export: the publisher's signature byte for byte"
upd "$T/store-b" "$T/usb"
is "$rc" 0 "another store updates from the export"
cv=$(check_version "$T/store-b"); is "$?:$cv" "0:" "and holds a whole version"
is "$(readlink "$T/store-b/current")" 14 "at the exported serial"

# A newer export over an older one: the old files it no longer names go.
old_files=$(ls "$T/usb/by-hash" | wc -l)
big_page "$SRC" iris 20 export2
pub --sign="$KEY.key" --serial=15 "$SRC" "$T/tree"
upd "$S" "$T/tree"
"$IDMVIEW" -s "$S" --export="$T/usb" >"$T/out" 2>&1
is "$?" 0 "export over an earlier export"
is "$(ls "$T/usb/by-hash" | wc -l)" "$(grep -c '^file ' "$S/15/manifest")" \
	"by-hash/ holds exactly the new manifest's files (had $old_files)"
ok "$(test ! -e "$T/usb/.idmview-export-tmp"; echo $?)" "no temporary directory left"
upd "$T/store-b" "$T/usb"
is "$rc" 0 "the receiving store updates from the new export"
contains "$T/out" "serial 14 -> 15" "from 14 to 15"

# The receiver trusts the publisher, not the carrier: an export whose
# manifest was edited and signed by another key is refused.
cp -R "$T/usb" "$T/usb-evil"
sed -i 's/^expires .*/expires 2099-01-01T00:00:00Z/' "$T/usb-evil/manifest"
resign "$T/usb-evil" "$T/keys/other.key"
refused "an export re-signed by the carrier" "$T/store-b" "$T/usb-evil" "but the trusted key is"

# A copy cut short: files truncated, or the signature not there yet.
set_page "$SRC" hotline "Serial 16."
pub --sign="$KEY.key" --serial=16 "$SRC" "$T/tree"
upd "$S" "$T/tree"
"$IDMVIEW" -s "$S" --export="$T/usb16" >/dev/null 2>&1
cp -R "$T/usb16" "$T/cut"
for f in "$T/cut"/by-hash/*; do
	n=$(wc -c < "$f"); truncate -s $((n / 2)) "$f"
done
refused "a copy cut short (files truncated)" "$T/store-b" "$T/cut" "but the manifest says"
rm -rf "$T/store-b"/partial/*
rm -rf "$T/cut"; cp -R "$T/usb16" "$T/cut"; rm "$T/cut/manifest.minisig"
refused "a copy cut short (no signature)" "$T/store-b" "$T/cut" "manifest.minisig"
rm -rf "$T/cut"; cp -R "$T/usb16" "$T/cut"; rm -rf "$T/cut/by-hash"; mkdir "$T/cut/by-hash"
refused "a copy cut short (by-hash/ empty)" "$T/store-b" "$T/cut" "No such file or directory"
upd "$T/store-b" "$T/usb16"
is "$rc" 0 "the whole copy then installs"

# --- the stick in the status record --------------------------------------
refused "status after a refused stick" "$T/store-b" "$T/stick-10" "older than"
grep -q '^check-result failed$' "$T/store-b/status"; ok $? "the refusal is recorded in STORE/status"
grep -q "^error .*older than the installed 16" "$T/store-b/status"; ok $? "with its reason"

done_testing
