# tests/update/update-common.sh - helpers shared by the update tests.
# Source after lib.sh. Needs minisign and python3 (bootstrap installs them).

command -v minisign >/dev/null || bail_out "minisign is missing: run ./bootstrap"
KEY="$T/keys/k"
mkdir -p "$T/keys" "$T/work"
minisign -G -W -p "$KEY.pub" -s "$KEY.key" >/dev/null 2>&1 || bail_out "minisign -G"
minisign -G -W -p "$T/keys/other.pub" -s "$T/keys/other.key" >/dev/null 2>&1

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# new_src DIR: a copy of the bundled content to edit.
new_src() { rm -rf "$1"; cp -R "$DATA" "$1"; rm -f "$1/idmview.rng"; }

# set_page SRC ID TEXT: rewrite page ID with one paragraph TEXT.
set_page() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<page id="%s">\n  <p>%s</p>\n</page>\n' "$2" "$3" > "$1/$2.xml"
}

# big_page SRC ID KB SEED: a page of about KB kilobytes that gzip cannot shrink much.
big_page() {
	python3 - "$1/$2.xml" "$2" "$3" "$4" <<'PY'
import sys, random, base64
path, pid, kb, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
r = random.Random(seed)
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<page id="%s">\n' % pid)
    f.write('  <p>Seed %s.</p>\n' % seed)
    n = 0
    while n < kb * 1024:
        line = base64.b64encode(r.randbytes(57 * 16)).decode()
        f.write('  <p>%s</p>\n' % line)
        n += len(line) + 10
    f.write('</page>\n')
PY
}

# Servers' validators are the file's mtime (seconds) and size: manifests
# made within one second would look unchanged. bump DIR gives DIR/manifest
# a time of its own.
_when=1700000000
bump() { _when=$((_when + 10)); touch -d "@$_when" "$1/manifest" 2>/dev/null; }

# conf FILE LINES...: a configuration file with the store in $STORE and
# no periodic update (a test turns it on), then LINES.
conf() {
	_f=$1; shift
	{ echo "store = $STORE"; echo "update_interval = 0"; for l; do echo "$l"; done; } > "$_f"
}

# serve_version_a: the bundled content with its hotline page titled
# "Hotline version A", published as serial 10 into $T/treeA and served at
# $URL/, the store ($STORE) empty: the start of the kiosks' update tests.
serve_version_a() {
	SRC="$T/src"
	new_src "$SRC"
	sed -i 's/title="Hotline"/title="Hotline version A"/' "$SRC/site.xml"
	"$PUBLISH" --sign="$KEY.key" --serial=10 "$SRC" "$T/treeA" > /dev/null && bump "$T/treeA"
	ln -sfn "$T/treeA" "$T/srv"
	rm -rf "$STORE"
}

# snap STORE: every installed file with its hash, and `current`; partial/
# (resumable downloads), the lock and the status record (every attempt
# writes it; it is not content) are left out.
# One sha256sum for all the files, not one per file: store-full.sh takes
# dozens of snapshots.
snap() {
	(cd "$1" 2>/dev/null || exit 0
	find . \( -path ./partial -o -path ./lock -o -path ./status \) -prune -o \
		\( -type l -printf '%p -> %l\n' \) -o \( -type d -printf '%p/\n' \)
	find . \( -path ./partial -o -path ./lock -o -path ./status \) -prune -o -type f -print0 |
		xargs -0 -r sha256sum | sed 's/^\([0-9a-f]*\)  \(.*\)$/\2 \1/') | LC_ALL=C sort
}

# check_version STORE: `current` names one whole version whose files all
# match its manifest, and the reader reads it. Prints what is wrong.
check_version() {
	v=$(readlink "$1/current") || { echo "no current"; return 1; }
	d="$1/$v"
	[ -f "$d/manifest" ] || { echo "no manifest in $v"; return 1; }
	grep '^file ' "$d/manifest" | while read -r _ sha size name; do
		got=$(sha256sum < "$d/by-hash/$sha" | cut -c1-64)
		[ "$got" = "$sha" ] || { echo "$v: by-hash/$sha bad"; exit 1; }
		cmp -s "$d/by-hash/$sha" "$d/content/$name" || { echo "$v: content/$name"; exit 1; }
	done || return 1
	"$IDMVIEW" -s "$1" --dump hotline >/dev/null 2>"$T/cv.err" || { cat "$T/cv.err"; return 1; }
}

# resign DIR [KEY] [EXTRA]: sign DIR/manifest again (after a hand edit).
resign() {
	minisign -S -s "${2:-$KEY.key}" -m "$1/manifest" -x "$1/manifest.minisig" \
		-t "idmview manifest (test)" ${3:-} >/dev/null 2>&1
}

# upd STORE URL [ARGS]: run the updater; output in $T/out, status in $rc.
upd() {
	_s=$1; _u=$2; shift 2
	"$IDMVIEW" -u -s "$_s" --update-url="$_u" --trusted-key="$KEY.pub" "$@" >"$T/out" 2>&1
	rc=$?
}

# refused NAME STORE URL EXPECTED-TEXT [ARGS]: the update fails with status
# 3 and the message, and the store is byte-for-byte as before.
refused() {
	bump "$T/srv" 2>/dev/null; _n=$1; _st=$2; _url=$3; _msg=$4; shift 4
	snap "$_st" > "$T/before"
	upd "$_st" "$_url" "$@"
	is "$rc" 3 "$_n: exit status 3"
	contains "$T/out" "$_msg" "$_n: says why"
	snap "$_st" > "$T/after"
	same_file "$T/before" "$T/after" "$_n: store unchanged"
}

# --- nginx on 127.0.0.1 -------------------------------------------------
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
NGPID=
# start_nginx [-r RATE] [-l] ROOT: nginx in the foreground on a free port of
# 127.0.0.1, serving ROOT (a directory, or a symbolic link to one: it is
# followed on every request, so a test can switch trees). Its files are in
# $NG ($T/nginx), its errors in $NG/error.log.
#   -r RATE  limit_rate RATE (nginx units: 2m) on by-hash/ files, so that
#            downloads last a while
#   -l       log every request to $NG/access.log as
#            "URI STATUS BYTES-SENT BODY-BYTES-SENT"
#   -a FILE  require HTTP basic authentication against FILE (htpasswd)
# Sets NG, PORT, NGPID and URL (no trailing slash). Returns 1 when nginx
# does not answer within 5 s. Call stop_nginx from the EXIT trap.
start_nginx() {
	_ng_rate= _ng_log="access_log off;" _ng_auth=
	NG="$T/nginx"
	OPTIND=1
	while getopts r:la: _ng_o; do
		case $_ng_o in
		a) _ng_auth="auth_basic idmview; auth_basic_user_file $OPTARG;" ;;
		r) _ng_rate="location ~ /by-hash/ { limit_rate $OPTARG; }" ;;
		l) _ng_log="log_format wire '\$request_uri \$status \$bytes_sent \$body_bytes_sent';
	access_log $NG/access.log wire;" ;;
		*) return 1 ;;
		esac
	done
	shift $((OPTIND - 1))
	PORT=$(free_port)
	mkdir -p "$NG/tmp" "$NG/logs"
	cat > "$NG/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/error.log;
events { worker_connections 64; }
http {
	$_ng_log
	client_body_temp_path $NG/tmp/body;
	proxy_temp_path $NG/tmp/proxy;
	fastcgi_temp_path $NG/tmp/fastcgi;
	uwsgi_temp_path $NG/tmp/uwsgi;
	scgi_temp_path $NG/tmp/scgi;
	default_type application/octet-stream;
	server {
		listen 127.0.0.1:$PORT;
		root $1;
		$_ng_auth
		$_ng_rate
	}
}
CONF
	"$NGINX" -p "$NG" -c "$NG/nginx.conf" -e "$NG/error.log" &
	NGPID=$!
	URL="http://127.0.0.1:$PORT"
	_ng_i=0
	until curl -s -o /dev/null "$URL/" 2>/dev/null; do
		_ng_i=$((_ng_i + 1))
		[ $_ng_i -lt 50 ] || return 1
		sleep 0.1
	done
}

# stop_nginx: ends the nginx start_nginx started, if any.
stop_nginx() {
	[ -z "$NGPID" ] || { kill "$NGPID" 2>/dev/null; wait "$NGPID" 2>/dev/null; }
	NGPID=
}

# --- the fault server (tests/update/faultserver.py) ----------------------
# start_faultserver TREE STALL: serves TREE on a free port of 127.0.0.1
# with the faults nginx will not produce (STALL: seconds a stall lasts).
# Sets FSPID, PORT and U (its base URL); stop_faultserver stops it (call
# it from the script's EXIT trap).
start_faultserver() {
	mkfifo "$T/port.$$"
	python3 "$TESTDIR/update/faultserver.py" "$1" "$2" > "$T/port.$$" &
	FSPID=$!
	read -r PORT < "$T/port.$$"
	rm -f "$T/port.$$"
	U="http://127.0.0.1:$PORT"
}
stop_faultserver() {
	[ -z "${FSPID:-}" ] || { kill "$FSPID" 2>/dev/null; wait "$FSPID" 2>/dev/null; }
	FSPID=
}
