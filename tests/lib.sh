# tests/lib.sh - the one library of the shell tests: TAP checks.
# Every script, in whatever folder under tests/, starts with
#   . "$(dirname "$0")/../lib.sh"
# and then has $IDMVIEW, $PUBLISH, $DATA (the bundled content), a scratch
# $T, and these folders:
#   HERE        the script's own folder (tests/KIND/), for its helpers
#   TESTDIR     tests/ (lib.sh, fixtures/, expected/, lsan.supp)
#   TOP_SRCDIR  the source tree
#   BUILDDIR    the build tree: $top_builddir (make check sets it); by
#               hand, the current folder if it holds src/idmview, else
#               the source tree
# Each check prints one TAP line; `done_testing` prints the plan.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TESTDIR=$HERE
while [ ! -f "$TESTDIR/lib.sh" ] && [ "$TESTDIR" != / ]; do
	TESTDIR=$(dirname "$TESTDIR")
done
TOP_SRCDIR=$(cd "$TESTDIR/.." && pwd)
if [ -z "${top_builddir:-}" ]; then
	if [ -x src/idmview ]; then top_builddir=.; else top_builddir=$TOP_SRCDIR; fi
fi
BUILDDIR=$(cd "$top_builddir" && pwd)
IDMVIEW="$BUILDDIR/src/idmview"
PUBLISH="$BUILDDIR/src/idmview-publish"
DATA="$TOP_SRCDIR/data"
T=$(mktemp -d "${TMPDIR:-/tmp}/idmtest.XXXXXX")
_tap_n=0
_tap_failed=0
_tap_cleanup() { [ -n "${KEEP_TMP:-}" ] || rm -rf "$T"; }
trap '_tap_cleanup' EXIT
# English messages whatever the caller's language: the checks compare
# English text, and gettext honours LANGUAGE even under C.UTF-8. A check
# of a translation sets LANGUAGE on its own command.
export LC_ALL=C.UTF-8
unset LANGUAGE
unset IDMVIEW_DATA_DIR XDG_CONFIG_HOME XDG_DATA_HOME
export HOME="$T/home"
mkdir -p "$HOME"

# ok CONDITION-EXIT-STATUS DESCRIPTION: `cmd; ok $? "desc"`
ok() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

# is ACTUAL EXPECTED DESCRIPTION: string equality, shows both on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   expected: %s\n#        got: %s\n' "$2" "$1" | head -n 40
	fi
}

# same_file EXPECTED ACTUAL DESCRIPTION: files equal, diff shown on failure.
same_file() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$1" "$2" | head -n 60 | sed 's/^/# /'
	fi
}

# contains FILE STRING DESCRIPTION: fixed-string search.
contains() {
	if grep -qF -- "$2" "$1"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   '$2' not found in:"; head -n 20 "$1" | sed 's/^/#   /'
	fi
}

lacks() {
	if grep -qF -- "$2" "$1"; then
		ok 1 "$3"
		echo "#   '$2' found in:"; grep -nF -- "$2" "$1" | head -n 5 | sed 's/^/#   /'
	else
		ok 0 "$3"
	fi
}

diag() { echo "# $*"; }

# pane_runner FILE: writes the script a tmux pane runs: the command given
# as its arguments, standard error to $IDM_ERR, then "exit status N"; the
# pane then stays, for capture-pane to read.
pane_runner() {
	cat > "$1" <<'EOT'
#!/bin/sh
"$@" 2> "$IDM_ERR"
echo "exit status $?"
exec sleep 3600
EOT
	chmod +x "$1"
}

# wait_for TEXT [TENTHS] [ARG]: for a terminal test, until its `screen`
# function (the script's tmux capture; ARG is passed to it) shows TEXT, a
# fixed string: at most TENTHS tenths of a second (default WAIT_TENTHS,
# else 50). The last capture is left in $SCREEN ($T/scr unless the script
# names another file). On a timeout it shows that capture and returns 1.
wait_for() {
	_wf_i=0
	while [ $_wf_i -lt "${2:-${WAIT_TENTHS:-50}}" ]; do
		screen ${3:+"$3"} > "${SCREEN:-$T/scr}" 2>/dev/null &&
			grep -qF -- "$1" "${SCREEN:-$T/scr}" && return 0
		sleep 0.1
		_wf_i=$((_wf_i + 1))
	done
	diag "timed out waiting for '$1'; the screen was:"
	sed 's/^/#   |/' "${SCREEN:-$T/scr}"
	return 1
}

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
# skip REASON: one check that cannot run here, counted as skipped
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $*"; }

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
}
