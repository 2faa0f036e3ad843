#!/bin/sh
# fuzz-regress.sh - every fuzz harness, as a plain program, on its seeds
# and on every regression input under tests/fuzz/regress/: each must run
# to the end (a crash or a failed check aborts the harness).
. "$(dirname "$0")/../lib.sh"
F="$HERE"
# ASan's leak check is part of the property: the harness bodies free all.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=1"

replay() {
	name=$1; shift
	prog="$BUILDDIR/tests/fuzz/replay_$name"
	dirs="$*"
	[ -d "$F/regress/$name" ] && dirs="$dirs $F/regress/$name"
	# shellcheck disable=SC2086
	timeout 300 "$prog" $dirs > "$T/$name.out" 2> "$T/$name.err"
	st=$?
	n=$(sed -n 's/ inputs$//p' "$T/$name.out")
	ok $st "replay $name: ${n:-?} inputs ran to the end"
	[ "$st" -eq 0 ] || tail -n 15 "$T/$name.err" | sed 's/^/# /'
	[ "${n:-0}" -gt 0 ]; ok $? "replay $name: there are inputs"
}

replay content "$DATA" "$TESTDIR/fixtures/site" "$TESTDIR/fixtures/bad"
replay layout "$F/seeds/layout"
replay manifest "$TESTDIR/fixtures/update"
replay minisign "$TESTDIR/fixtures/update"
replay config "$F/seeds/config"
replay search "$F/seeds/search"
replay import "$F/seeds/import"
replay sitemodel "$F/seeds/sitemodel"

# A missing input is an error, never a silent pass.
"$BUILDDIR/tests/fuzz/replay_layout" "$T/nonexistent" > /dev/null 2>&1
[ $? -ne 0 ]; ok $? "replay: a missing input is an error, not a silent pass"

done_testing
