#!/bin/sh
# helper.sh - the reader holds no network code (issue #12): src/idmview
# links neither libcurl nor libsodium, only src/idmview-update does, and
# `idmview --update/--status/--export` runs the helper with the same
# arguments (same output, same exit status), or says where it looked.
. "$(dirname "$0")/../lib.sh"
HELPER="$BUILDDIR/src/idmview-update"

if command -v ldd >/dev/null 2>&1; then
	ldd "$IDMVIEW" > "$T/ldd_reader" 2>&1
	lacks "$T/ldd_reader" "libcurl" "idmview does not link libcurl"
	lacks "$T/ldd_reader" "libsodium" "idmview does not link libsodium"
	ldd "$HELPER" > "$T/ldd_helper" 2>&1
	contains "$T/ldd_helper" "libcurl" "idmview-update links libcurl"
	contains "$T/ldd_helper" "libsodium" "idmview-update links libsodium"
else
	ok 1 "ldd is there"
fi

# The same command through idmview and straight from the helper.
"$IDMVIEW" --update --offline -s "$T/store" > "$T/r.out" 2> "$T/r.err"
is "$?" 3 "idmview --update --offline: exit status 3, from the helper"
"$HELPER" --update --offline -s "$T/store" > "$T/h.out" 2> "$T/h.err"
is "$?" 3 "idmview-update --update --offline: exit status 3"
sed 's/^idmview-update:/idmview:/' "$T/h.err" > "$T/h.err2"
same_file "$T/h.err2" "$T/r.err" "the same message through idmview"
contains "$T/r.err" "idmview: update failed: offline" "and it speaks as idmview"
run --status=json -s "$T/store"
is "$st" 0 "idmview --status=json runs the helper"
contains "$T/out" '"store"' "and prints its JSON"
run --status=bad
is "$st" 1 "a bad --status is a usage error, as before"
contains "$T/err" "--status takes text, json or prometheus, not 'bad'" "with the same message"
"$HELPER" > "$T/out" 2> "$T/err" < /dev/null
is "$?" 1 "idmview-update with no mode is a usage error"
contains "$T/err" "give --update, --status or --export" "that says what to give"

# A reader without its helper says where it looked (and that the update
# failed: status 3).
mkdir -p "$T/bin"
cp "$IDMVIEW" "$T/bin/idmview"
libexec=$(strings "$IDMVIEW" | grep -m1 '/libexec/idmview$')
if [ -n "$libexec" ] && [ -x "$libexec/idmview-update" ]; then
	ok 0 "# SKIP an idmview-update is installed in $libexec"
else
	"$T/bin/idmview" --update --offline > "$T/out" 2> "$T/err" < /dev/null
	is "$?" 3 "no helper: --update fails with status 3"
	contains "$T/err" "idmview-update is missing (looked in $T/bin and in" "and names where it looked"
fi
done_testing
