#!/usr/bin/env bash
# run.sh NAME SECONDS - runs the libFuzzer harness tests/fuzz/fuzz_NAME
# (from the build tree, the current directory) for SECONDS, from its seeds
# and the corpus it has grown before (tests/fuzz/corpus/NAME). A crash is
# kept as tests/fuzz/crashes/NAME-*; copy it to tests/fuzz/regress/NAME/
# once it is fixed. Appends "NAME EXECS CPU_SECONDS CRASHES" to
# tests/fuzz/stats.txt. Exit status 1 when the harness found a crash.
set -u
name=$1 secs=$2
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
bin=tests/fuzz/fuzz_$name
[ -x "$bin" ] || { echo "run.sh: $bin is not built (configure --enable-fuzzing)"; exit 1; }

case $name in
content) seeds="$top/data $top/tests/fixtures/site $top/tests/fixtures/bad"; dict="-dict=$src/content.dict" ;;
manifest|minisign) seeds="$top/tests/fixtures/update"; dict= ;;
*) seeds="$src/seeds/$name"; dict= ;;
esac
[ -d "$src/regress/$name" ] && seeds="$seeds $src/regress/$name"
corpus=tests/fuzz/corpus/$name
mkdir -p "$corpus" tests/fuzz/crashes
log=tests/fuzz/fuzz_$name.log

# CPU seconds (user + system) of the fuzzer, from bash's time.
TIMEFORMAT='%U %S'
# shellcheck disable=SC2086
{ time ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
"$bin" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/$name-" $dict \
	"$corpus" $seeds > "$log" 2>&1; } 2> "$log.time"
st=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
crashes=0
[ "$st" -eq 0 ] || crashes=1
cpus=$(awk '{ printf "%.1f", $1 + $2 }' "$log.time")
echo "$name ${execs:-0} $cpus $crashes" >> tests/fuzz/stats.txt
echo "fuzz $name: ${execs:-0} executions in ${cpus} CPU-seconds, corpus $(ls "$corpus" | wc -l) inputs, $( [ "$crashes" -eq 0 ] && echo 'no crash' || echo "CRASH (status $st), see $log")"
if [ "$st" -ne 0 ]; then
	grep -E 'ERROR|fuzz:|SUMMARY|Test unit written' "$log" | head -n 10 | sed 's/^/  /'
	exit 1
fi
exit 0
