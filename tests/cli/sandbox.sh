#!/bin/sh
# sandbox.sh - the confinement of the updater and of a kiosk's reader
# (src/core/sandbox.c), proved from inside: tests/cli/sandbox-probe
# confines itself with each profile, then tries what it may do (which
# must work) and what it may not (which must be refused): writing outside
# the store or cache, reading a file outside the allowed set, opening a
# socket, running another program. Skipped only on a kernel without
# Landlock.
. "$(dirname "$0")/../lib.sh"
PROBE="$BUILDDIR/tests/cli/sandbox-probe"
[ -x "$PROBE" ] || bail_out "$PROBE not built (make check builds it)"
abi=$("$PROBE" abi)
[ "$abi" -ge 1 ] 2>/dev/null || skip_all "this kernel has no Landlock (ABI $abi)"
diag "Landlock ABI $abi"

mkdir -p "$T/store" "$T/cache" "$T/content"
echo "update_url = http://127.0.0.1:1/" > "$T/conf"
echo key > "$T/key"
echo SECRET > "$T/secret"
echo page > "$T/content/p.xml"
cp /bin/true "$T/helper"

"$PROBE" updater "$T/store" "$T/conf" "$T/key" -- \
	"write:$T/store/new" "read:$T/conf" "read:$T/key" \
	"read:/etc/ssl/certs/ca-certificates.crt" "socket:inet" "socket:inet6" \
	"write:$T/outside" "write:$T/cache/x" "read:$T/secret" "read:$T/content/p.xml" \
	"socket:packet" "exec:/bin/true" "exec:$T/helper" ptrace > "$T/up" 2>&1
is "$?" 0 "the updater's profile loads"
contains "$T/up" "write:$T/store/new ok" "updater: writes under the store"
contains "$T/up" "read:$T/conf ok" "updater: reads its configuration"
contains "$T/up" "read:$T/key ok" "updater: reads its key"
contains "$T/up" "read:/etc/ssl/certs/ca-certificates.crt ok" "updater: reads CA certificates"
contains "$T/up" "socket:inet ok" "updater: opens an IPv4 socket"
contains "$T/up" "socket:inet6 ok" "updater: opens an IPv6 socket"
contains "$T/up" "write:$T/outside refused" "updater: cannot write outside the store"
contains "$T/up" "write:$T/cache/x refused" "updater: cannot write the reader's cache"
contains "$T/up" "read:$T/secret refused" "updater: cannot read a file outside its set"
contains "$T/up" "read:$T/content/p.xml refused" "updater: cannot read the content"
contains "$T/up" "socket:packet refused" "updater: cannot open a raw packet socket"
contains "$T/up" "exec:/bin/true refused" "updater: cannot run a program"
contains "$T/up" "exec:$T/helper refused" "updater: cannot run the helper either"
grep -qE "ptrace (refused \(killed by SIGSYS\)|skipped \(sanitizer build\))" "$T/up"
ok $? "updater: ptrace kills the process (but in a sanitizer build)"
[ -f "$T/outside" ]; is "$?" 1 "updater: nothing written outside the store"

echo v1 > "$T/store/page"
"$PROBE" reader "$T/cache" "$T/content" "$T/store" -- \
	"write:$T/cache/c" "read:$T/content/p.xml" "read:$T/store/page" "socket:unix" \
	"exec:$T/helper" "exec:$T/cache/c" \
	"write:$T/outside" "write:$T/content/p.xml" "write:$T/store/x" "read:$T/secret" \
	"read:/etc/passwd" "socket:inet" "socket:inet6" "socket:packet" \
	"exec:/bin/true" "exec:/bin/sh" ptrace > "$T/rd" 2>&1
is "$?" 0 "the reader's profile loads"
contains "$T/rd" "write:$T/cache/c ok" "reader: writes its cache"
contains "$T/rd" "read:$T/content/p.xml ok" "reader: reads the content"
contains "$T/rd" "socket:unix ok" "reader: a local socket (syslog) still works"
contains "$T/rd" "read:$T/store/page ok" "reader: reads the store"
contains "$T/rd" "exec:$T/helper refused" "reader: cannot run the updater (its launcher does)"
contains "$T/rd" "exec:$T/cache/c refused" "reader: cannot run what it wrote in its cache"
contains "$T/rd" "write:$T/outside refused" "reader: cannot write outside its cache"
contains "$T/rd" "write:$T/content/p.xml refused" "reader: cannot change the content"
contains "$T/rd" "write:$T/store/x refused" "reader: cannot write the store"
contains "$T/rd" "read:$T/secret refused" "reader: cannot read a file outside its set"
contains "$T/rd" "read:/etc/passwd refused" "reader: cannot read /etc/passwd"
contains "$T/rd" "socket:inet refused" "reader: no IPv4 socket"
contains "$T/rd" "socket:inet6 refused" "reader: no IPv6 socket"
contains "$T/rd" "socket:packet refused" "reader: no packet socket"
contains "$T/rd" "exec:/bin/true refused" "reader: cannot run another program"
contains "$T/rd" "exec:/bin/sh refused" "reader: cannot run a shell"
grep -qE "ptrace (refused \(killed by SIGSYS\)|skipped \(sanitizer build\))" "$T/rd"
ok $? "reader: ptrace kills the process (but in a sanitizer build)"
is "$(cat "$T/content/p.xml")" page "reader: the content is unchanged"

# the switch for debugging turns the confinement off, as apt's does
IDMVIEW_NO_SANDBOX=1 "$PROBE" reader "$T/cache" "$T/content" "$T/store" -- \
	"read:$T/secret" > "$T/off" 2>&1
contains "$T/off" "read:$T/secret ok" "IDMVIEW_NO_SANDBOX=1 leaves the process unconfined"
done_testing
