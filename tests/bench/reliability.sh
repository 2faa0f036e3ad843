#!/bin/sh
# reliability.sh - the figures of doc/reliability.md (printout:
# doc/reliability.txt), from
# real runs (make reliability; run from the build tree):
#   - each libFuzzer harness for FUZZ_SECONDS (default 60), in a copy of
#     the tree built with CC=clang --enable-fuzzing (fuzz-build/, kept so
#     its corpora grow from run to run): executions, CPU-minutes, crashes;
#   - the hostile-content cases and the terminal cases, with outcomes;
#   - KILL_RUNS (default 200) updates killed with SIGKILL at random moments;
#   - the sanitizers in use and valgrind memcheck on the terminal scenario.
# Exit status 1 when anything failed.
set -u
top_builddir=${top_builddir:-.}
export top_builddir
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "$top_builddir" && pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
KILL_RUNS=${KILL_RUNS:-200}
status=0
start=$(date +%s)
log=$(mktemp -d "${TMPDIR:-/tmp}/idmrel.XXXXXX")

tap_counts() { # FILE: "P passed, F failed"
	awk '/^ok /{p++} /^not ok /{f++} END {printf "%d passed, %d failed", p, f}' "$1"
}
failed_in() { grep -c '^not ok' "$1"; }
# run NAME COMMAND...: runs a test script into $log/NAME.tap; a failed
# check makes the whole run fail. failures NAME: its failed checks.
run() {
	_name=$1; shift
	"$@" > "$log/$_name.tap" 2>&1
	[ "$(failed_in "$log/$_name.tap")" -eq 0 ] || status=1
}
failures() { grep '^not ok' "$log/$1.tap" | sed 's/^/  /'; }

echo "idmview reliability figures"
echo "machine: $(uname -m), $(nproc) CPUs, Linux $(uname -r); $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit: $(cd "$SRC" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo

# --- fuzzing ---------------------------------------------------------------
echo "Fuzzing (libFuzzer + ASan + UBSan, clang; $FUZZ_SECONDS s per harness)"
FB="$B/fuzz-build"
if ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$log/f.c" ||
	! clang -fsanitize=fuzzer,address,undefined "$log/f.c" -o "$log/f" 2> "$log/clang.err"; then
	echo "  NOT RUN: clang's libFuzzer is not available ($(head -n 1 "$log/clang.err")); ./bootstrap installs clang and libclang-rt-14-dev"
	status=1
else
	if [ ! -f "$FB/Makefile" ]; then
		rm -rf "$FB" && (cd "$B" && make distdir distdir=fuzz-build > "$log/distdir.log" 2>&1) &&
			(cd "$FB" && CC=clang ./configure --enable-werror --enable-fuzzing > "$log/fconf.log" 2>&1) ||
			{ echo "  fuzz build: configure FAILED"; tail -n 20 "$log/fconf.log" "$log/distdir.log"; status=1; }
	else
		# bring the copy up to date with the source tree
		(cd "$B" && make distdir distdir="$log/dd" > /dev/null 2>&1) && cp -R "$log/dd/." "$FB/"
	fi
	if [ -f "$FB/Makefile" ] && (cd "$FB" && make -j"$(nproc)" > "$log/fbuild.log" 2>&1); then
		rm -f "$FB/tests/fuzz/stats.txt"
		(cd "$FB" && make fuzz FUZZ_SECONDS="$FUZZ_SECONDS") > "$log/fuzz.log" 2>&1 || status=1
		printf '  %-10s %14s %12s %9s %s\n' harness executions CPU-minutes crashes "regression inputs (crashes found and fixed)"
		total_e=0 total_c=0
		while read -r name execs cpus crashes; do
			reg=$(ls "$SRC/tests/fuzz/regress/$name" 2>/dev/null | wc -l)
			printf '  %-10s %14s %12s %9s %s\n' "$name" "$execs" "$(awk -v s="$cpus" 'BEGIN{printf "%.1f", s/60}')" "$crashes" "$reg"
			total_e=$((total_e + execs))
			total_c=$(awk -v a="$total_c" -v b="$cpus" 'BEGIN{print a + b}')
		done < "$FB/tests/fuzz/stats.txt"
		printf '  %-10s %14s %12s\n' total "$total_e" "$(awk -v s="$total_c" 'BEGIN{printf "%.1f", s/60}')"
		grep -A4 CRASH "$log/fuzz.log" | sed 's/^/  /'
	else
		echo "  fuzz build FAILED"; tail -n 20 "$log/fbuild.log"; status=1
	fi
fi
echo

# --- hostile content and terminals ------------------------------------------
asan=no
grep -q __asan_init "$B/src/idmview" 2>/dev/null && asan=yes
echo "Hostile content (tests/cli/hostile.sh; this build: ASan+UBSan $asan)"
run hostile sh "$SRC/tests/cli/hostile.sh"
sed -n 's/^# hostile: /  /p' "$log/hostile.tap"
echo "  checks: $(tap_counts "$log/hostile.tap")"
failures hostile
echo
echo "Terminals and resources (tests/terminal/hostile-term.sh)"
run term sh "$SRC/tests/terminal/hostile-term.sh"
echo "  checks: $(tap_counts "$log/term.tap"): TERM unset/dumb/unknown/vt100, C locale, stdin not a tty,"
echo "  8 sizes from 1x1, 300 resizes while paging, hangup, store on /proc, no HOME"
failures term
run resize sh "$SRC/tests/terminal/resize-update.sh"
echo "  tests/terminal/resize-update.sh: $(tap_counts "$log/resize.tap"): $(sed -n 's/^# storm: //p' "$log/resize.tap") while an update runs"
failures resize
run full sh "$SRC/tests/update/store-full.sh"
if grep -q '^1\.\.0 # SKIP' "$log/full.tap"; then
	echo "  tests/update/store-full.sh: NOT RUN: $(sed -n 's/^1\.\.0 # SKIP //p' "$log/full.tap")"
else
	echo "  tests/update/store-full.sh: $(tap_counts "$log/full.tap"): a store on a full 2 MiB tmpfs, every level of free"
	echo "  blocks and inodes; status 3, store unchanged, next update resumes"
fi
failures full
echo

# --- update faults ---------------------------------------------------------------
echo "Update faults (tests/update/update-kill.sh: SIGKILL at a random moment, $KILL_RUNS runs)"
run kill env KILL_RUNS="$KILL_RUNS" sh "$SRC/tests/update/update-kill.sh"
sed -n 's/^# update-kill: /  /p; s/^# an uninterrupted/  an uninterrupted/p' "$log/kill.tap"
echo "  checks: $(tap_counts "$log/kill.tap")"
grep '^not ok\|^# run ' "$log/kill.tap" | sed 's/^/  /'
echo

# --- valgrind ----------------------------------------------------------------------
echo "Valgrind memcheck (tests/terminal/valgrind.sh: the terminal scenario)"
run vg sh "$SRC/tests/terminal/valgrind.sh"
if grep -q '^1\.\.0 # SKIP' "$log/vg.tap"; then
	echo "  skipped: $(sed -n 's/^1\.\.0 # SKIP //p' "$log/vg.tap") (run make reliability in a plain build)"
else
	echo "  checks: $(tap_counts "$log/vg.tap")"
	sed -n 's/^# valgrind: *\(definitely lost\|indirectly lost\|possibly lost\|ERROR SUMMARY\)/  \1/p' "$log/vg.tap"
fi
echo
echo "elapsed: $(( $(date +%s) - start )) s; $( [ $status -eq 0 ] && echo 'everything passed' || echo "FAILURES: logs in $log")"
[ $status -ne 0 ] || rm -rf "$log"
exit $status
