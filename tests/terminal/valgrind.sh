#!/bin/sh
# valgrind.sh - the terminal tests' main scenario once under valgrind
# memcheck: the real binary in tmux, the home menu, a page, links, paging,
# search, help, resizes and back, then q. Zero errors and nothing
# definitely or indirectly lost; only ncurses's blocks kept for the
# process's life are suppressed (tests/terminal/valgrind.supp). An ASan build
# cannot run under valgrind: then the test says so and is skipped (CI
# runs it on the plain build).
. "$(dirname "$0")/../lib.sh"
command -v valgrind >/dev/null 2>&1 || bail_out "valgrind is missing: run ./bootstrap"
if grep -q __asan_init "$IDMVIEW" 2>/dev/null; then
	skip_all "an AddressSanitizer build cannot run under valgrind"
fi
term_setup
WAIT_TENTHS=200 # valgrind is slow
# keys K...: send, then give valgrind time to draw
keys() { term_keys "$@"; sleep 0.4; }

term_start 80 24 -- valgrind --tool=memcheck --leak-check=full \
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 --suppressions="$HERE/valgrind.supp" --log-file="$T/vg.log" \
	"$IDMVIEW"
wait_for "Newsletter"; ok $? "under valgrind: the home menu shows"
keys j j Enter
wait_for "page 1/"; ok $? "under valgrind: a page opens"
keys Space b Tab Tab G g
keys / d i a l o g u e Enter
keys n N
keys '?'
keys q
term_resize 40 12; sleep 0.4
term_resize 10 3; sleep 0.4
term_resize 80 24; sleep 0.4
keys Left m
keys q
wait_for "exit status"; contains "$T/scr" "exit status 0" "under valgrind: q exits 0 (99 would be a memcheck error)"
contains "$T/vg.log" "ERROR SUMMARY: 0 errors" "valgrind: no memcheck error"
grep -q "definitely lost: [1-9]" "$T/vg.log"; [ $? -ne 0 ]; ok $? "valgrind: nothing definitely lost"
grep -q "indirectly lost: [1-9]" "$T/vg.log"; [ $? -ne 0 ]; ok $? "valgrind: nothing indirectly lost"
grep -A3 'HEAP SUMMARY\|LEAK SUMMARY\|ERROR SUMMARY' "$T/vg.log" | sed 's/^==[0-9]*== /# valgrind: /' | grep -v '^# valgrind: *$'
[ "$_tap_failed" -eq 0 ] || sed 's/^/# /' "$T/vg.log" | head -n 80
done_testing
