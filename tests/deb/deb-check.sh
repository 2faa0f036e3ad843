#!/bin/sh
# deb-check.sh - the Debian package, built, linted, and installed with
# apt-get into a minimal Debian 12 root (issue #16).
#
#   tests/deb/deb-check.sh [LOGDIR]        (as root; make deb-check)
#
# 1. The package: $IDMVIEW_DEB if set, else `make deb` in the build tree
#    (the current directory when it has a Makefile, else the source tree).
# 2. lintian --fail-on error on it (one check).
# 3. A clean copy of the cached `debootstrap --variant=minbase bookworm`
#    root that tests/fresh/fresh-check.sh makes and keeps in
#    $IDMVIEW_FRESH_CACHE (/var/cache/idmview-fresh), made here the same
#    way when it is missing or old, with the same mounts and the same
#    mirror (read from this machine's apt configuration). The .deb is
#    copied in and installed with `apt-get install ./idmview_*.deb`:
#    dpkg's own dependency checks run, and apt brings the libraries and
#    adduser from the mirror. Then, inside the root: the content and the
#    French catalogue (idmview --dump), the idmview user, /etc/idmview.conf
#    (a conffile with every key of src/core/configfile.c commented out, so
#    the two cannot drift), the units (installed, not enabled), the man
#    pages, an update as the units run it (nginx-light on 127.0.0.1
#    serving content changed and published there with idmview-publish,
#    signed with a minisign key made there; `ExecStart` of
#    idmview-update.service run as its User), and purge.
#
# The functions that find the mirror, mount, and stop what runs in the
# root are read from tests/fresh/fresh-check.sh itself, so both checks
# use one copy of them.
#
# Writes to LOGDIR (default: a new /tmp/idmview-deb.XXXXXX): build.log,
# lintian.log, root.log (everything run in the root), and summary.log:
# automake-style `# PASS: N` / `# FAIL: N` / `# ERROR: N` lines for
# .ci/run. Prints one TAP-like line per check, and ends with
# "deb-check: N passed, N failed"; exit status 0 only if all passed.
# IDMVIEW_FRESH_KEEP=1 leaves the root (unmounted) for inspection.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${IDMVIEW_FRESH_CACHE:-/var/cache/idmview-fresh}
MAX_DAYS=${IDMVIEW_FRESH_MAX_DAYS:-7}
SUITE=bookworm
ROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "deb-check: $*"; }
t0=$(date +%s)
elapsed() { echo "$(($(date +%s) - t0)) s"; }

LOGDIR=${1:-}
if [ -z "$LOGDIR" ]; then
	LOGDIR=$(mktemp -d "${TMPDIR:-/tmp}/idmview-deb.XXXXXX") || exit 1
fi
mkdir -p "$LOGDIR" || exit 1
LOGDIR=$(cd "$LOGDIR" && pwd)
SUMMARY="$LOGDIR/summary.log"
: > "$SUMMARY"
passed=0
failed=0
n=0

fail_setup() {
	say "ERROR: $*"
	echo "# ERROR: 1" >> "$SUMMARY"
	failed=$((failed + 1))
	say "$passed passed, $failed failed"
	exit 1
}
# check NAME COMMAND...: one check; its output goes to root.log.
check() {
	name=$1
	shift
	n=$((n + 1))
	echo "--- $n. $name: $*" >> "$LOGDIR/root.log"
	if "$@" >> "$LOGDIR/root.log" 2>&1; then
		say "ok $n - $name"
		passed=$((passed + 1))
		echo "# PASS: 1" >> "$SUMMARY"
	else
		say "not ok $n - $name (see $LOGDIR/root.log)"
		failed=$((failed + 1))
		echo "# FAIL: 1" >> "$SUMMARY"
	fi
}

[ "$(id -u)" -eq 0 ] || fail_setup "must run as root (debootstrap, chroot and mount)"
. "$top/tests/fresh/root.sh"

need=""
command -v debootstrap > /dev/null 2>&1 || need="$need debootstrap"
command -v flock > /dev/null 2>&1 || need="$need util-linux"
command -v lintian > /dev/null 2>&1 || need="$need lintian"
if [ -n "$need" ]; then
	say "installing on this machine:$need"
	# shellcheck disable=SC2086
	{ DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need > /dev/null; } \
		|| fail_setup "apt-get install$need failed"
fi

# --- 1. the package ----------------------------------------------------
DEB=${IDMVIEW_DEB:-}
if [ -z "$DEB" ]; then
	if [ -f Makefile ] && grep -q '^deb:' Makefile; then bdir=$(pwd); else bdir=$top; fi
	say "make deb in $bdir"
	t1=$(date +%s)
	(cd "$bdir" && make deb) > "$LOGDIR/build.log" 2>&1 || {
		tail -n 30 "$LOGDIR/build.log"
		fail_setup "make deb failed (log: $LOGDIR/build.log)"
	}
	DEB=$(sed -n 's/^make deb: \(\/.*\.deb\)$/\1/p' "$LOGDIR/build.log" | tail -n 1)
	say "built $DEB ($(($(date +%s) - t1)) s)"
fi
[ -f "$DEB" ] || fail_setup "no package: $DEB"
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")

# --- 2. lintian ---------------------------------------------------------
lint() {
	lintian --fail-on error "$DEB" > "$LOGDIR/lintian.log" 2>&1
	st=$?
	cat "$LOGDIR/lintian.log"
	return $st
}
check "lintian --fail-on error $(basename "$DEB")" lint
grep -v 'running with root privileges' "$LOGDIR/lintian.log" | sed 's/^/deb-check: lintian: /'
grep -qv 'running with root privileges' "$LOGDIR/lintian.log" || say "lintian: no tags (overrides: debian/idmview.lintian-overrides)"

# --- 3. a clean minimal root (as fresh-check.sh makes it) --------------
MIRROR=${IDMVIEW_DEBIAN_MIRROR:-$(mirror_from_apt | head -n 1)}
[ -n "$MIRROR" ] || fail_setup "no Debian mirror for $SUITE in /etc/apt (set IDMVIEW_DEBIAN_MIRROR)"
base_root
# The copy is extracted; the lock is not needed any more.
RUN=$(mktemp -d "$CACHE/run.XXXXXX") || fail_setup "cannot make a directory in $CACHE"
R="$RUN/root"
MOUNTS=""
cleanup() {
	trap - EXIT INT TERM HUP
	release_root
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

prepare_root
exec 9>&-
mnt "$R/proc" -t proc proc
mnt "$R/sys" --bind /sys
mnt "$R/dev" -t tmpfs -o mode=755,nosuid devtmp
for d in null zero full random urandom tty; do
	: > "$R/dev/$d"
	mnt "$R/dev/$d" --bind "/dev/$d"
done
mkdir -p "$R/dev/pts" "$R/dev/shm"
ln -s pts/ptmx "$R/dev/ptmx"
ln -s /proc/self/fd "$R/dev/fd"
mnt "$R/dev/pts" --bind /dev/pts
mnt "$R/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm
say "root ready from $BASE ($(elapsed))"

# in_root SCRIPT: runs SCRIPT with /bin/sh -e in the root, as root, with
# a clean environment.
in_root() {
	chroot "$R" /usr/bin/env -i HOME=/root PATH=$ROOT_PATH LC_ALL=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive /bin/sh -ec "$1"
}

cp "$DEB" "$R/tmp/" || fail_setup "cannot copy $DEB into the root"
debname=$(basename "$DEB")
check "apt-get install ./$debname (dpkg's dependency checks, libraries from the mirror)" \
	in_root "apt-get update -qq && cd /tmp && apt-get install -y --no-install-recommends ./$debname
		dpkg-query -W -f='\${Status}\n' idmview | grep -qx 'install ok installed'"

check "idmview --dump idm shows the bundled content" \
	in_root "idmview --dump idm | grep 'The results of each dialogue are published'"
# The bundled content is English only: the note saying so comes from the
# installed French catalogue (as make installcheck checks it).
check "the French catalogue (LANGUAGE=fr --lang=fr)" \
	in_root "LANGUAGE=fr idmview --dump --lang=fr idm | grep 'Cette page n’existe pas en français'"
check "the system user idmview, home /var/lib/idmview, which it owns" \
	in_root "getent passwd idmview
		uid=\$(id -u idmview); [ \"\$uid\" -lt 1000 ]
		[ \"\$(getent passwd idmview | cut -d: -f6)\" = /var/lib/idmview ]
		[ \"\$(stat -c %U:%G /var/lib/idmview)\" = idmview:idmview ]"

# Every key of configfile.c's table, commented out in /etc/idmview.conf.
keys=$(sed -n 's/^[[:space:]]*{"\([a-z_]*\)", KEY_.*/\1/p' "$top/src/core/configfile.c" | tr '\n' ' ')
[ -n "$keys" ] || fail_setup "no keys found in src/core/configfile.c"
check "/etc/idmview.conf: a conffile, every key commented out, it parses with and without the comments" \
	in_root "dpkg-query -W -f='\${Conffiles}\n' idmview | grep -q '^ /etc/idmview.conf '
		for k in $keys; do grep -q \"^#\$k = \" /etc/idmview.conf || { echo \"missing: \$k\"; exit 1; }; done
		[ -z \"\$(grep -v '^#' /etc/idmview.conf | tr -d '[:space:]')\" ]
		idmview -c /etc/idmview.conf --dump idm > /dev/null
		sed 's/^#\([a-z_]* = \)/\1/' /etc/idmview.conf > /tmp/all.conf
		idmview -c /tmp/all.conf --dump idm > /dev/null"
check "the units installed in /lib/systemd/system, for /usr/bin/idmview, not enabled" \
	in_root "for u in idmview-kiosk.service idmview-update.service idmview-update.timer; do
			test -f /lib/systemd/system/\$u
			[ -z \"\$(find /etc/systemd -name \$u)\" ]
		done
		grep -q '^ExecStart=/usr/bin/idmview ' /lib/systemd/system/idmview-kiosk.service
		grep -q '^ExecStart=/usr/bin/idmview ' /lib/systemd/system/idmview-update.service
		[ -z \"\$(grep -r /usr/local /lib/systemd/system/idmview-*)\" ]"
check "the man pages, the schema, idmview-publish" \
	in_root "test -f /usr/share/man/man1/idmview.1.gz
		test -f /usr/share/man/man1/idmview-publish.1.gz
		test -f /usr/share/man/man5/idmview-content.5.gz
		test -f /usr/share/idmview/idmview.rng
		test -f /usr/share/idmview/site.xml
		test -s /usr/share/idmview/.idmview-index.sqlite
		test -x /usr/bin/idmview-publish"
check "the updater in /usr/libexec/idmview; the reader links neither libcurl nor libsodium (issue #12)" \
	in_root "test -x /usr/libexec/idmview/idmview-update
		test -f /usr/share/man/man8/idmview-update.8.gz
		! ldd /usr/bin/idmview | grep -E 'libcurl|libsodium'
		ldd /usr/libexec/idmview/idmview-update | grep -q libcurl"

# --- an update against nginx, as idmview-update.service runs it --------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
	echo $((20000 + $$ % 20000)))
changed="Published by deb-check for the installed package."
check "an update: idmview-publish, nginx on 127.0.0.1:$port, the update unit's command as its user" \
	in_root "apt-get install -y -qq --no-install-recommends nginx-light minisign > /dev/null
		mkdir -p /root/keys /etc/idmview
		minisign -G -W -p /root/keys/k.pub -s /root/keys/k.key > /dev/null
		cp /root/keys/k.pub /etc/idmview/trusted.pub
		cp -R /usr/share/idmview /root/src && rm /root/src/idmview.rng
		sed -i 's|The results of each dialogue are published|$changed &|' /root/src/idm.xml
		grep -q '$changed' /root/src/idm.xml
		idmview-publish --sign=/root/keys/k.key /root/src /srv/idmview
		cat > /root/nginx.conf <<EOF
pid /root/nginx.pid;
error_log /root/nginx-error.log;
events {}
http {
	access_log /root/nginx-access.log;
	server { listen 127.0.0.1:$port; root /srv/idmview; }
}
EOF
		nginx -c /root/nginx.conf
		printf 'store = /var/lib/idmview\nupdate_url = http://127.0.0.1:$port/\n' >> /etc/idmview.conf
		user=\$(sed -n 's/^User=//p' /lib/systemd/system/idmview-update.service)
		cmd=\$(sed -n 's/^ExecStart=//p' /lib/systemd/system/idmview-update.service)
		echo \"runuser -u \$user -- \$cmd\"
		cd /var/lib/idmview && runuser -u \"\$user\" -- \$cmd
		test -L /var/lib/idmview/current
		[ \"\$(stat -c %U \"\$(readlink -f /var/lib/idmview/current)\")\" = idmview ]
		runuser -u idmview -- idmview -c /etc/idmview.conf --dump idm | grep '$changed'
		nginx -c /root/nginx.conf -s stop"
stop_root

check "apt-get purge idmview removes its files, /etc/idmview.conf and /var/lib/idmview" \
	in_root "apt-get purge -y -qq idmview > /dev/null
		[ -z \"\$(dpkg-query -W -f='\${Status}' idmview 2>/dev/null | grep 'ok installed')\" ]
		test ! -e /usr/bin/idmview
		test ! -e /etc/idmview.conf
		test ! -e /var/lib/idmview
		test ! -e /lib/systemd/system/idmview-kiosk.service"

say "logs in $LOGDIR; took $(elapsed)"
say "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
