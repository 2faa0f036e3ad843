#!/bin/sh
# A mirror behind HTTP basic authentication, its password in the URL
# (http://USER:PASSWORD@HOST/): the update works through it, and the
# password is never written to the store (a LAN mirror may serve a
# version directory to the whole office) nor shown: not in messages, not
# in the status record, not in --status as text, json or prometheus.
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

[ -x "$NGINX" ] || bail_out "nginx is missing: run ./bootstrap"
command -v openssl >/dev/null || bail_out "openssl is missing: run ./bootstrap"
PW='S3cr3t-pw_9'
printf 'kiosk:%s\n' "$(openssl passwd -apr1 "$PW")" > "$T/htpasswd"
trap 'stop_nginx; _tap_cleanup' EXIT
start_nginx -a "$T/htpasswd" "$T/srv" || { cat "$NG/error.log"; bail_out "nginx did not start"; }
AURL="http://kiosk:$PW@127.0.0.1:$PORT"
S="$T/store"
SRC="$T/src"
new_src "$SRC"
"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/srv" >/dev/null 2>&1 || bail_out "publish"

# no_secret NAME: the password is nowhere in the store nor in $T/out.
no_secret() {
	found=$(grep -rlF -- "$PW" "$S" "$T/out" 2>/dev/null)
	is "$found" "" "$1: the password is in no file of the store nor in the output"
}

upd "$S" "$URL/"
is "$rc" 3 "without the password the mirror refuses (the test's premise)"
contains "$T/out" "HTTP 401" "and the update says so"

upd "$S" "$AURL/"
is "$rc" 0 "with the password in the URL the update works"
is "$(readlink "$S/current")" 10 "serial 10 installed"
no_secret "success"
contains "$S/10/.http-cache" "http://***@127.0.0.1:$PORT/manifest" \
	"the validators cache names the mirror, redacted"
for f in text json prometheus; do
	"$IDMVIEW" -s "$S" --status=$f > "$T/out" 2>&1
	no_secret "--status=$f after a success"
done
contains "$T/out" "idmview_serial" "(prometheus output was read)"

# A failure whose message quotes the URL: the file is missing.
upd "$S" "$AURL/nothing/"
is "$rc" 3 "a missing manifest fails"
contains "$T/out" "http://***@127.0.0.1:$PORT/nothing/manifest" "the message names the URL, redacted"
no_secret "HTTP 404"

# A failure the signature check reports (it names the URL too).
cp "$T/srv/manifest" "$T/manifest.good"
"$PUBLISH" --sign="$T/keys/other.key" --serial=11 "$SRC" "$T/srv" >/dev/null 2>&1
bump "$T/srv"
upd "$S" "$AURL/"
is "$rc" 3 "a manifest signed by another key is refused"
no_secret "bad signature"
for f in text json prometheus; do
	"$IDMVIEW" -s "$S" --status=$f > "$T/out" 2>&1
	no_secret "--status=$f after a failure"
done

# A password with '@' and ':' in it, and a second mirror in the message.
upd "$S" "http://a:b@c:d@127.0.0.1:1/" --update-url="$AURL/nothing/"
is "$rc" 3 "two failing mirrors"
lacks "$T/out" "b@c" "a password holding '@' is redacted whole"
lacks "$T/out" "a:b" "and its user name too"
no_secret "two mirrors"

# A status record an older version wrote with the password in it is
# shown redacted.
sed -i "s|^check-result .*|check-result failed|; /^error /d; /^source /d" "$S/status"
printf 'error %s/manifest: HTTP 500\n' "$AURL" >> "$S/status"
for f in text json; do
	"$IDMVIEW" -s "$S" --status=$f > "$T/out" 2>&1
	contains "$T/out" "***@127.0.0.1" "an old record: --status=$f shows the URL"
	lacks "$T/out" "$PW" "an old record: --status=$f hides the password"
done
upd "$S" "$AURL/"
no_secret "the next attempt rewrites the old record"

# A bad mirror in the configuration is echoed in the error, redacted.
printf 'update_url = ftp://kiosk:%s@127.0.0.1/\n' "$PW" > "$T/bad.conf"
"$IDMVIEW" -c "$T/bad.conf" -u -s "$S" > "$T/out" 2>&1
is "$?" 1 "an ftp:// mirror with a password is a configuration error"
contains "$T/out" "ftp://***@127.0.0.1/" "which names the value, redacted"
lacks "$T/out" "$PW" "configuration error: the password is not shown"

# --- the credentials file (netrc): the password out of the URL ---------
"$PUBLISH" --sign="$KEY.key" --serial=12 "$SRC" "$T/srv" >/dev/null 2>&1
bump "$T/srv"
printf 'machine 127.0.0.1 login kiosk password %s\n' "$PW" > "$T/netrc"
chmod 600 "$T/netrc"
printf 'update_url = %s/\ncredentials_file = %s\n' "$URL" "$T/netrc" > "$T/cred.conf"
upd "$S" "$URL/" -c "$T/cred.conf"
is "$rc" 0 "credentials file (mode 600, this user's): the update works"
is "$(readlink "$S/current")" 12 "serial 12 installed through it"
no_secret "credentials file"

# credfile_refused NAME EXPECTED: the update with cred.conf is refused
# at once, saying why, and the password is shown nowhere.
credfile_refused() {
	snap "$S" > "$T/before"
	upd "$S" "$URL/" -c "$T/cred.conf"
	is "$rc" 3 "$1: refused"
	contains "$T/out" "$2" "$1: says why"
	no_secret "$1"
	snap "$S" > "$T/after"
	same_file "$T/before" "$T/after" "$1: store unchanged"
}
chmod 644 "$T/netrc"
credfile_refused "credentials file readable by others" "chmod 600"
chmod 640 "$T/netrc"
credfile_refused "credentials file readable by the group" "mode 0640"
chmod 600 "$T/netrc"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$T/netrc"
	credfile_refused "credentials file of another user" "belongs to user 65534"
	chown 0 "$T/netrc"
else
	skip "credentials file of another user (needs root to chown)"
fi
mv "$T/netrc" "$T/netrc.real"
ln -s "$T/netrc.real" "$T/netrc"
credfile_refused "credentials file that is a symbolic link" "cannot be opened"
rm -f "$T/netrc"
mkfifo "$T/netrc"
t0=$(date +%s)
credfile_refused "credentials file that is a FIFO" "not a regular file"
t1=$(date +%s)
ok "$([ $((t1 - t0)) -le 5 ]; echo $?)" "a FIFO: refused at once, not waited on"

done_testing
