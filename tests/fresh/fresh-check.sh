#!/bin/sh
# fresh-check.sh - the README's two commands on a minimal Debian 12 root.
#
#   tests/fresh/fresh-check.sh [LOGDIR]        (as root; make fresh-check)
#
# Proves that a new user needs nothing but the README: on a root made
# by `debootstrap --variant=minbase bookworm` (the least a Debian 12
# system has), with a clean clone of the committed HEAD in /root/idmview,
#
#   1. `./bootstrap && src/idmview` is typed in a real terminal and must
#      end on the home menu; then `q` must leave it with status 0;
#   2. `./bootstrap && make check` must pass whole.
#
# The order is the README's: the first command is the one that finds
# the root bare and installs the packages (nothing is installed
# beforehand, neither by hand nor by this script). The terminal for it is
# a tmux on this machine (the host), whose pane runs
#     chroot ROOT env -i ... sh -c 'cd /root/idmview && ./bootstrap && src/idmview'
# so the line runs inside the root exactly as written, with a clean
# environment (nothing of the caller's, CI=true included, leaks in), and
# the root needs no terminal program of its own before bootstrap brings
# one. The second command then runs in the same root, as a user would
# type it next, and its bootstrap finds everything installed.
#
# The base root is made once with debootstrap from the Debian mirror this
# machine's apt uses (the URIs: line of /etc/apt/sources.list.d/*.sources
# or the deb line of /etc/apt/sources.list for bookworm), or from
# $IDMVIEW_DEBIAN_MIRROR, and kept as a tarball in $IDMVIEW_FRESH_CACHE
# (/var/cache/idmview-fresh), made again when older than
# $IDMVIEW_FRESH_MAX_DAYS (7) days. Each run extracts a clean copy, so
# nothing an earlier run installed is there. The root's apt sources are
# written from the same mirror, so its own apt-get works.
#
# Mounts: /proc and /sys (bind), /dev/pts (bind: the terminals of tmux,
# inside and out), and a /dev of its own: a tmpfs with the host's null,
# zero, full, random, urandom and tty bound in, and a tmpfs /dev/shm. Not
# the host's /dev itself: the kiosk test makes a /dev/log listener of its
# own where none exists, and in a bound /dev that socket would appear on
# (and be removed from) the host. All are unmounted on exit, failure and
# signals included, after the processes left in the root are stopped.
#
# Writes to LOGDIR (default: a new /tmp/idmview-fresh.XXXXXX): first.log
# (the terminal of command 1), check.log (command 2's output), the logs
# of failed tests, and summary.log: automake-style `# PASS: N` /
# `# FAIL: N` / `# ERROR: N` lines (one check for command 1, make
# check's own counts for command 2, one error when the set-up or the
# build failed) for .ci/run to add to its totals. Ends with one line
# "fresh-check: N passed, N failed"; exit status 0 only if all passed.
#
# Other settings: IDMVIEW_FRESH_KEEP=1 leaves the root (unmounted) for
# inspection; IDMVIEW_FRESH_FIRST_TIMEOUT (900) seconds for command 1 to
# show the home menu (it downloads and builds everything).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/fresh/root.sh"
CACHE=${IDMVIEW_FRESH_CACHE:-/var/cache/idmview-fresh}
MAX_DAYS=${IDMVIEW_FRESH_MAX_DAYS:-7}
FIRST_TIMEOUT=${IDMVIEW_FRESH_FIRST_TIMEOUT:-900}
SUITE=bookworm
# What a root login on a fresh system has; nothing else is passed in.
ROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
SRC=/root/idmview

say() { echo "fresh-check: $*"; }
t0=$(date +%s)
elapsed() { echo "$(($(date +%s) - t0)) s"; }

LOGDIR=${1:-}
if [ -z "$LOGDIR" ]; then
	LOGDIR=$(mktemp -d "${TMPDIR:-/tmp}/idmview-fresh.XXXXXX") || exit 1
fi
mkdir -p "$LOGDIR" || exit 1
LOGDIR=$(cd "$LOGDIR" && pwd)
SUMMARY="$LOGDIR/summary.log"
: > "$SUMMARY"

# fail_setup WHY: the check could not be made; one error, exit 1.
fail_setup() {
	say "ERROR: $*"
	echo "# ERROR: 1" >> "$SUMMARY"
	say "0 passed, 1 failed"
	exit 1
}

[ "$(id -u)" -eq 0 ] || fail_setup "must run as root (debootstrap, chroot and mount)"
{ command -v git > /dev/null 2>&1 && git -C "$top" rev-parse --verify -q HEAD > /dev/null; } \
	|| fail_setup "$top is not a git checkout (the root gets a clean clone of its HEAD)"

# --- the host's tools: debootstrap, tmux (command 1's terminal), flock --
need=""
command -v debootstrap > /dev/null 2>&1 || need="$need debootstrap"
command -v tmux > /dev/null 2>&1 || need="$need tmux"
command -v flock > /dev/null 2>&1 || need="$need util-linux"
if [ -n "$need" ]; then
	say "installing on this machine:$need"
	# shellcheck disable=SC2086
	{ DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need > /dev/null; } \
		|| fail_setup "apt-get install$need failed"
fi

# --- the mirror -------------------------------------------------------
MIRROR=${IDMVIEW_DEBIAN_MIRROR:-$(mirror_from_apt | head -n 1)}
[ -n "$MIRROR" ] || fail_setup "no Debian mirror for $SUITE in /etc/apt (set IDMVIEW_DEBIAN_MIRROR)"

# --- the base root, cached -------------------------------------------
base_root

# --- a clean copy of it, set up like a freshly installed machine ------
RUN=$(mktemp -d "$CACHE/run.XXXXXX") || fail_setup "cannot make a directory in $CACHE"
R="$RUN/root"
TMUX_SOCK="$RUN/tmux"
MOUNTS=""

cleanup() {
	trap - EXIT INT TERM HUP
	[ -S "$TMUX_SOCK" ] && tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	release_root
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP


prepare_root

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
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"
mnt "$R/dev/pts" --bind /dev/pts
mnt "$R/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm

rev=$(git -C "$top" rev-parse HEAD)
{ git clone -q --no-hardlinks "$top" "$R$SRC" > "$LOGDIR/clone.log" 2>&1 &&
	git -C "$R$SRC" -c advice.detachedHead=false checkout -q "$rev" >> "$LOGDIR/clone.log" 2>&1; } \
	|| { cat "$LOGDIR/clone.log"; fail_setup "cannot clone $top into the root"; }
[ -z "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ] \
	|| say "note: the work tree has uncommitted changes; only HEAD ($rev) is checked"
say "root ready: $(git -C "$top" log -1 --format='%h %s' "$rev" | cut -c 1-60) ($(elapsed))"

passed=0
failed=0

# --- 1. ./bootstrap && src/idmview, in a terminal ----------------------
# The pane runs the README line inside the root, then records its status.
cat > "$RUN/first.sh" << EOF
#!/bin/sh
chroot "$R" /usr/bin/env -i HOME=/root TERM="\$TERM" PATH=$ROOT_PATH \\
	/bin/sh -c 'cd $SRC && ./bootstrap && src/idmview'
echo \$? > "$RUN/first.status"
EOF
say "1. ./bootstrap && src/idmview (in an 80x24 terminal)"
t1=$(date +%s)
tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s first -x 80 -y 24 "sh $RUN/first.sh; sleep 3600" \
	|| fail_setup "tmux cannot start"
tmux -S "$TMUX_SOCK" pipe-pane -t first "cat >> '$LOGDIR/first.log'"
screen() { tmux -S "$TMUX_SOCK" capture-pane -p -t first 2>/dev/null; }
home_shown() {
	s=$(screen)
	case $s in *"International Organization for Migration"*) ;; *) return 1 ;; esac
	# the status line: the crumb Home, then the key help
	printf '%s\n' "$s" | grep -q '^ *Home .*q:quit'
}
why=""
while ! home_shown; do
	if [ -f "$RUN/first.status" ]; then
		why="it ended with status $(cat "$RUN/first.status") before the home menu showed"
		break
	fi
	if [ $(($(date +%s) - t1)) -ge "$FIRST_TIMEOUT" ]; then
		why="no home menu after $FIRST_TIMEOUT s"
		break
	fi
	sleep 1
done
if [ -z "$why" ]; then
	shown=$(($(date +%s) - t1))
	screen > "$LOGDIR/first-home.txt"
	tmux -S "$TMUX_SOCK" send-keys -t first q
	i=0
	while [ ! -f "$RUN/first.status" ] && [ $i -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
	st=$(cat "$RUN/first.status" 2>/dev/null || echo none)
	[ "$st" = 0 ] || why="the home menu showed, but q left with status $st"
fi
if [ -z "$why" ]; then
	say "ok - the first command shows the home menu (after $shown s), q leaves with status 0"
	echo "# PASS: 1" >> "$SUMMARY"
	passed=$((passed + 1))
else
	say "not ok - the first command: $why; its screen:"
	screen | sed 's/^/fresh-check: | /'
	say "its output so far: $LOGDIR/first.log"
	echo "# FAIL: 1" >> "$SUMMARY"
	failed=$((failed + 1))
fi
tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
stop_root

# --- 2. ./bootstrap && make check --------------------------------------
say "2. ./bootstrap && make check"
t2=$(date +%s)
chroot "$R" /usr/bin/env -i HOME=/root PATH=$ROOT_PATH \
	/bin/sh -c "cd $SRC && ./bootstrap && make check" > "$LOGDIR/check.log" 2>&1
st=$?
say "   ... status $st after $(($(date +%s) - t2)) s"
grep -E '^(FAIL|ERROR|XPASS):' "$LOGDIR/check.log" | head -n 100 | sed 's/^/fresh-check: /'
if grep -q '^# PASS:' "$LOGDIR/check.log"; then
	grep -E '^# (PASS|FAIL|ERROR|XPASS):' "$LOGDIR/check.log" >> "$SUMMARY"
	p=$(sed -n 's/^# PASS: *\([0-9]*\).*/\1/p' "$LOGDIR/check.log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *\([0-9]*\).*/\2/p' "$LOGDIR/check.log" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "# ERROR: 1" >> "$SUMMARY"
		failed=$((failed + 1))
	fi
else
	say "make check did not run the tests; the last lines:"
	tail -n 40 "$LOGDIR/check.log"
	echo "# ERROR: 1" >> "$SUMMARY"
	failed=$((failed + 1))
fi
# The logs of the failed tests, wherever the tests live.
(cd "$R$SRC" && find . -name '*.log' ! -name test-suite.log ! -name config.log -exec grep -l '^not ok\|^ERROR\|^Bail out' {} + 2>/dev/null) |
	while read -r f; do
		mkdir -p "$LOGDIR/failed/$(dirname "$f")"
		cp "$R$SRC/$f" "$LOGDIR/failed/$f"
		say "--- $f"
		grep -A12 '^not ok\|^ERROR\|^Bail out' "$R$SRC/$f" | head -n 60
	done

say "logs in $LOGDIR; took $(elapsed)"
say "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
