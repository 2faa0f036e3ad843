#!/bin/sh
# Updates against a real nginx on 127.0.0.1 (ETag, 304, Range), trees made
# by idmview-publish and signed by the real minisign with keys made now.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
trap 'stop_nginx; _tap_cleanup' EXIT
start_nginx -l "$T/srv" || { cat "$NG/error.log"; bail_out "nginx did not start"; }

# serve TREE: point the server's root at TREE.
serve() { ln -sfn "$1" "$T/srv"; }
# mark / wire / requests: bytes and requests in the access log since mark.
mark() { _mark=$(wc -l < "$NG/access.log"); }
wire() { tail -n +$((_mark + 1)) "$NG/access.log" | awk '{s += $3} END {print s + 0}'; }
requests() { tail -n +$((_mark + 1)) "$NG/access.log" | wc -l; }
file_bytes() { tail -n +$((_mark + 1)) "$NG/access.log" | awk -v f="$1" '$1 ~ f {s += $3} END {print s + 0}'; }
pub() {
	"$PUBLISH" "$@" >"$T/pub.out" 2>&1; _r=$?
	for _last; do :; done; bump "$_last"
	return $_r
}

S="$T/store"
SRC="$T/src"
new_src "$SRC"

# --- publishing ---------------------------------------------------------
pub --sign="$KEY.key" --serial=10 "$SRC" "$T/tree"
is "$?" 0 "publish signs and writes a tree"
ok "$(test -f "$T/tree/manifest.minisig"; echo $?)" "signature written"
pub --serial=10 "$SRC" "$T/tree2"
a=$(ls "$T/tree/by-hash" | sort | tr '\n' ' '); b=$(ls "$T/tree2/by-hash" | sort | tr '\n' ' ')
is "$a" "$b" "compression is deterministic: same content, same names"
pub --serial=10 "$SRC" "$T/tree"
is "$?" 2 "publish refuses a serial that does not grow"
new_src "$T/badsrc"
printf '<?xml version="1.0"?>\n<page id="hotline"><p>unclosed</page>\n' > "$T/badsrc/hotline.xml"
pub --serial=1 "$T/badsrc" "$T/badtree"
is "$?" 2 "publish refuses content the reader would refuse"
contains "$T/pub.out" "hotline.xml:" "and names the file"
ok "$(test ! -e "$T/badtree/manifest"; echo $?)" "nothing published"

# --- success cases -------------------------------------------------------
serve "$T/tree"
mark
upd "$S" "$URL/"
is "$rc" 0 "first install"
contains "$T/out" "serial none -> 10" "summary names the serials"
cv=$(check_version "$S"); is "$?:$cv" "0:" "a whole version is installed"
is "$(readlink "$S/current")" 10 "current -> 10"

mark
upd "$S" "$URL/"
is "$rc" 0 "nothing changed: status 0"
contains "$T/out" "already current" "nothing changed: already current"
w=$(wire); diag "nothing changed: $w bytes on the wire (goal <= 1024)"
ok "$([ "$w" -le 1024 ]; echo $?)" "nothing changed: $w bytes on the wire <= 1 KiB"
is "$(requests)" 1 "nothing changed: only the manifest was asked for (304)"
tail -n 1 "$NG/access.log" | grep -q ' 304 '; ok $? "and nginx answered 304"

cp -R "$T/tree" "$T/tree-10"
set_page "$SRC" hotline "Changed hotline page, serial 11."
pub --sign="$KEY.key" --serial=11 "$SRC" "$T/tree"
mark
upd "$S" "$URL/"
is "$rc" 0 "one page changed: status 0"
contains "$T/out" "serial 10 -> 11, 1 file fetched" "one page changed: one file fetched"
is "$(requests)" 3 "one page changed: manifest, signature and the page only"
hl=$(grep ' hotline.xml$' "$T/tree/manifest" | cut -d' ' -f3)
diag "one page changed: $(wire) bytes on the wire (page $hl bytes compressed)"
"$IDMVIEW" -s "$S" --dump hotline > "$T/dump" 2>&1
contains "$T/dump" "Changed hotline page, serial 11." "the reader shows the new page"
ok "$(test -d "$S/10" && test -d "$S/11"; echo $?)" "the previous version is kept"

# LAN mirror: a version of the store is itself a published tree.
serve "$S/current"
upd "$T/store-lan" "$URL/"
is "$rc" 0 "a store's version serves as a mirror"
serve "$T/tree"

# --- refusals: status 3, store unchanged --------------------------------
t="$T/bad"
fresh() { rm -rf "$t"; cp -R "$T/tree" "$t"; serve "$t"; }
set_page "$SRC" hotline "Serial 12."
pub --sign="$KEY.key" --serial=12 "$SRC" "$T/tree"

fresh; sed -i 's/^expires .*/expires 2099-01-01T00:00:00Z/' "$t/manifest"
refused "bad signature" "$S" "$URL/" "signature does not match"
fresh; pub --sign="$T/keys/other.key" --serial=13 "$SRC" "$t"
refused "wrong key" "$S" "$URL/" "but the trusted key is"
fresh; sed -i 's/^trusted comment: .*/trusted comment: serial 99999/' "$t/manifest.minisig"
refused "edited trusted comment" "$S" "$URL/" "trusted comment does not match"
fresh; resign "$t" "$KEY.key" -l
refused "legacy Ed signature" "$S" "$URL/" "legacy"
serve "$T/tree-10"
refused "older serial replayed" "$S" "$URL/" "older than the installed 11"
new_src "$T/src11"; set_page "$T/src11" hotline "Another serial 11."
pub --sign="$KEY.key" --serial=11 "$T/src11" "$T/tree-11b"; serve "$T/tree-11b"
refused "same serial, other content" "$S" "$URL/" "differs"
fresh; sed -i -e 's/^created .*/created 2020-01-01T00:00:00Z/' -e 's/^expires .*/expires 2020-01-02T00:00:00Z/' "$t/manifest"; resign "$t"
refused "expired manifest" "$S" "$URL/" "expired at 2020-01-02T00:00:00Z"
contains "$T/out" "clock says $(date -u +%Y-%m-%d)" "expired manifest: gives this machine's date too"
fresh; sed -i 's/ hotline.xml$/ ..\/hotline.xml/' "$t/manifest"; resign "$t"
refused "manifest naming ../" "$S" "$URL/" "manifest:"
fresh; sed -i 's/ hotline.xml$/ \/etc\/hotline.xml/' "$t/manifest"; resign "$t"
refused "manifest naming an absolute path" "$S" "$URL/" "refused"
sha=$(grep ' hotline.xml$' "$T/tree/manifest" | cut -d' ' -f2)
fresh; size=$(wc -c < "$t/by-hash/$sha"); head -c "$size" /dev/zero > "$t/by-hash/$sha"
refused "file hash mismatch" "$S" "$URL/" "SHA-256 mismatch"
fresh; head -c 10 "$T/tree/by-hash/$sha" > "$t/by-hash/$sha"
refused "file shorter than its size" "$S" "$URL/" "but the manifest says"
fresh; cat "$T/tree/by-hash/$sha" "$T/tree/by-hash/$sha" > "$t/by-hash/$sha"
refused "file longer than its size" "$S" "$URL/" "larger than the"
fresh; rm "$t/by-hash/$sha"
refused "missing file" "$S" "$URL/" "HTTP 404"
rm -f "$S"/partial/*

# A read-only store (root ignores permissions: run as nobody then).
serve "$T/tree"
snap "$S" > "$T/before"
ro_skip=
nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   ! nobody test -x "$BUILDDIR/src/idmview-update"; then
	# a build tree nobody may not run from (a fresh root's /root)
	ro_skip=1
elif [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$T" "$T/keys"; chmod 644 "$KEY.pub"
	nobody "$IDMVIEW" -u -s "$S" \
		--update-url="$URL/" --trusted-key="$KEY.pub" >"$T/out" 2>&1
	rc=$?
else
	chmod -R a-w "$S"
	upd "$S" "$URL/"
	chmod -R u+w "$S"
fi
if [ -n "${ro_skip:-}" ]; then
	skip "read-only store: exit status 3 (nobody may not run the build tree's updater here)"
	skip "read-only store: says why (nobody may not run the build tree's updater here)"
else
	is "$rc" 3 "read-only store: exit status 3"
	contains "$T/out" "Permission denied" "read-only store: says why"
fi
snap "$S" > "$T/after"; same_file "$T/before" "$T/after" "read-only store: unchanged"

# Disk full, as a file-size limit: a write fails, nothing is switched.
big_page "$SRC" iris 300 diskfull
pub --sign="$KEY.key" --serial=14 "$SRC" "$T/tree"
snap "$S" > "$T/before"
(ulimit -f 64; exec "$IDMVIEW" -u -s "$S" --update-url="$URL/" --trusted-key="$KEY.pub") >"$T/out" 2>&1
rc=$?
is "$rc" 3 "disk full: exit status 3"
contains "$T/out" "File too large" "disk full: says why"
snap "$S" > "$T/after"; same_file "$T/before" "$T/after" "disk full: store unchanged"
upd "$S" "$URL/"
is "$rc" 0 "disk full: the next run succeeds"

# --- resume: an interrupted download fetches only what is missing -------
big_page "$SRC" iris 6800 resume
pub --sign="$KEY.key" --serial=15 "$SRC" "$T/tree"
bigsha=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f2)
bigsize=$(grep ' iris.xml$' "$T/tree/manifest" | cut -d' ' -f3)
printf 'max_rate = 2M\n' > "$T/slow.conf"
"$IDMVIEW" -c "$T/slow.conf" -u -s "$S" --update-url="$URL/" --trusted-key="$KEY.pub" >/dev/null 2>&1 &
p=$!
# kill it once some of the page has arrived (polling, not a fixed sleep:
# on a loaded machine the manifest alone may take longer than a second)
i=0
while [ $i -lt 400 ]; do
	n=$(wc -c < "$S/partial/$bigsha.part" 2>/dev/null || echo 0)
	[ "$n" -gt 65536 ] && break
	sleep 0.05
	i=$((i + 1))
done
kill -9 $p; wait $p 2>/dev/null
had=$(wc -c < "$S/partial/$bigsha.part" 2>/dev/null || echo 0)
diag "interrupted after $had of $bigsize bytes"
ok "$([ "$had" -gt 0 ] && [ "$had" -lt "$bigsize" ]; echo $?)" "resume: a partial download was left"
mark
upd "$S" "$URL/"
is "$rc" 0 "resume: the next run succeeds"
got=$(file_bytes "$bigsha")
refetch=$((got - (bigsize - had)))
diag "resume: page $bigsize bytes, had $had, fetched $got; re-fetched $refetch (goal < 65536)"
ok "$([ "$refetch" -lt 65536 ]; echo $?)" "resume: re-fetched $refetch bytes of what it had (< 64 KiB)"
cv=$(check_version "$S"); is "$?:$cv" "0:" "resume: a whole version"
ok "$(ls "$S/partial" | grep -q .; [ $? -ne 0 ]; echo $?)" "partial/ emptied after success"

# --- SIGKILL at many points during download and switch -------------------
printf 'max_rate = 1M\n' > "$T/kill.conf"
bad=0
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	big_page "$SRC" iris 200 "kill$n"
	pub --sign="$KEY.key" --serial=$((100 + n)) "$SRC" "$T/tree" || bad=$((bad + 1))
	"$IDMVIEW" -c "$T/kill.conf" -u -s "$S" --update-url="$URL/" --trusted-key="$KEY.pub" >/dev/null 2>&1 &
	p=$!
	sleep "0.$(printf '%02d' $((n * 3)))"
	kill -9 $p 2>/dev/null; wait $p 2>/dev/null
	cv=$(check_version "$S") || { bad=$((bad + 1)); diag "kill $n: $cv"; }
	upd "$S" "$URL/"
	[ "$rc" -eq 0 ] && [ "$(readlink "$S/current")" = $((100 + n)) ] || { bad=$((bad + 1)); diag "kill $n: next run: $(cat "$T/out")"; }
done
is "$bad" 0 "20 SIGKILLs: each left a whole version and the next run succeeded"

# Only one updater at a time.
exec 9>"$S/lock"
flock -n 9
upd "$S" "$URL/"
is "$rc" 3 "a second updater is refused while one holds the lock"
contains "$T/out" "another update is running" "and says so"
exec 9>&-

done_testing
