#!/bin/sh
# hostile.sh - idmview --dump on hostile content (tests/cli/hostile-gen.py
# writes the cases at test time): each must be rendered safely (status 0)
# or refused (status 2, one "FILE:LINE: what" line) within 30 CPU-seconds
# (ulimit -t: a loaded machine does not make a case fail; 300 s of wall
# time at most) and, in a build without AddressSanitizer, 1 GiB of
# address space; never a crash.
# What it prints holds no control character, no line wider than the
# width, and nothing of the secret file beside the content.
# Prints "# hostile: ..." lines that tests/bench/reliability.sh counts.
. "$(dirname "$0")/../lib.sh"
W=40
C="$T/cases"
mkdir -p "$C" "$T/res"
n=$(python3 "$HERE/hostile-gen.py" "$C" "$TESTDIR/fixtures/site") || bail_out "hostile-gen.py failed"
diag "hostile: $n cases generated"

# ASan reserves terabytes of address space: no ulimit -v under it.
if grep -q __asan_init "$IDMVIEW" 2>/dev/null; then
	vlimit=unlimited
	diag "AddressSanitizer build: memory bound by ASan, not ulimit -v"
else
	vlimit=1048576
fi

names=$(cd "$C" && ls)
# run NAME: one case, its output, status and time/memory into $T/res.
# Three at a time: most cases take milliseconds, a few take seconds.
cat > "$T/run" <<EOT
name=\$1
(
	ulimit -v $vlimit
	ulimit -t 30
	exec /usr/bin/time -f '%e %M' -o "$T/res/\$name.time" \\
		timeout -s KILL 300 "$IDMVIEW" -d "$C/\$name" --dump --width=$W p
) > "$T/res/\$name.out" 2> "$T/res/\$name.err"
echo \$? > "$T/res/\$name.status"
EOT
printf '%s\n' $names | xargs -P 3 -n 1 sh "$T/run"
# shellcheck disable=SC2086
python3 "$HERE/hostile-check.py" "$T/res" $W $names > "$T/verdicts"

rendered=0 refused=0 slowest=0 slowname= biggest=0 bigname=
for name in $names; do
	st=$(cat "$T/res/$name.status")
	exp=$(cat "$C/$name/expect")
	verdict=$(sed -n "s/^$name //p" "$T/verdicts")
	set -- $(tail -n 1 "$T/res/$name.time" 2>/dev/null) 0 0
	secs=$1 kb=$2
	why=
	case $st in
	0|2) case $exp in *$st*) ;; *) why="status $st, expected $exp" ;; esac ;;
	137) why="killed: over 300 s of wall time (status 137)" ;;
	152) why="over 30 CPU-seconds (SIGXCPU, status 152)" ;;
	*) why="status $st: a crash or an abort" ;;
	esac
	[ -n "$why" ] || [ "$verdict" = ok ] || why=$verdict
	if [ "$st" = 2 ] && [ -z "$why" ]; then
		first=$(head -n 1 "$T/res/$name.err")
		case $first in
		"idmview: $C/$name/"*:[0-9]*": "*) ;;
		*) why="refused without FILE:LINE: $first" ;;
		esac
		[ "$(wc -l < "$T/res/$name.err")" -eq 1 ] || why="refusal message is not one line"
		[ ! -s "$T/res/$name.out" ] || why="refused but printed something"
	fi
	if [ -z "$why" ]; then
		ok 0 "$name: $( [ "$st" = 0 ] && echo rendered || echo refused) (${secs} s, ${kb} KiB)"
		[ "$st" = 0 ] && rendered=$((rendered + 1)) || refused=$((refused + 1))
	else
		ok 1 "$name: $why"
		head -n 3 "$T/res/$name.err" | sed 's/^/#   stderr: /'
	fi
	if awk -v a="$secs" -v b="$slowest" 'BEGIN { exit !(a > b) }'; then slowest=$secs slowname=$name; fi
	[ "$kb" -le "$biggest" ] || { biggest=$kb bigname=$name; }
done

# Specific renderings: what the neutralising must look like.
grep -q 'Call +1-555-0100.FAKE 999' "$T/res/c0-0d.out" && ! grep -q "$(printf '\r')" "$T/res/c0-0d.out"
ok $? "a carriage return in text does not overwrite the number"
grep -q "$(printf 'a\357\277\275b')" "$T/res/c1-9b.out"
ok $? "a C1 control (CSI, U+009B) shows as U+FFFD"
awk 'length($0) > 40 { bad = 1 } END { exit bad }' "$T/res/word-20000.out" && [ "$(grep -c '^w\{40\}$' "$T/res/word-20000.out")" -ge 400 ]
ok $? "a 20,000-character word is cut into lines of 40"

# The search index is content like any other (issue #13): a truncated,
# corrupted, wrongly versioned or reshaped database in the cache is never
# trusted; the search answers as without an index, and the file is rebuilt.
cp -R "$DATA" "$T/idxc"
export XDG_CACHE_HOME="$T/cache"
q='council 2001'
IDMVIEW_NO_INDEX=1 "$IDMVIEW" -d "$T/idxc" --search="$q" > "$T/idx.want" 2>&1
"$IDMVIEW" -d "$T/idxc" --search="$q" > "$T/idx.out" 2>&1
db=$(ls "$T"/cache/idmview/index-*.sqlite 2>/dev/null)
[ -s "$db" ] && cmp -s "$T/idx.want" "$T/idx.out"
ok $? "index: built in the cache, the same answer as the scan"
grep -q idm "$T/idx.want"; ok $? "index: the answer is not empty"
idx_case() { # NAME: the damage is done to $db before; same answer, rebuilt
	"$IDMVIEW" -d "$T/idxc" --search="$q" > "$T/idx.out" 2>&1
	st=$?
	[ "$st" = 0 ] && cmp -s "$T/idx.want" "$T/idx.out"
	ok $? "index: $1: the same answer as the scan (status $st)"
	"$IDMVIEW" -d "$T/idxc" --search="$q" > "$T/idx.out" 2>&1
	v=$(sqlite3 -readonly "$db" "SELECT value FROM meta WHERE key='schema'" 2>/dev/null)
	case $v in idmview-fts-*) cmp -s "$T/idx.want" "$T/idx.out" ;; *) false ;; esac
	ok $? "index: $1: rebuilt, then answers alike"
}
size=$(wc -c < "$db")
head -c $((size / 2)) "$db" > "$T/half" && cat "$T/half" > "$db"
idx_case truncated
python3 -c "
import sys
f = open(sys.argv[1], 'r+b'); n = f.seek(0, 2)
for off in range(4096, n, 4096): f.seek(off + 100); f.write(b'\xff' * 64)
" "$db"
idx_case "corrupted pages"
sqlite3 "$db" "UPDATE meta SET value='idmview-fts-0' WHERE key='schema'"
idx_case "wrongly versioned"
sqlite3 "$db" "DROP TABLE fts; CREATE TABLE fts(body TEXT)"
idx_case "right meta, wrong tables"
sqlite3 "$db" "DROP TABLE words; CREATE TABLE words(title, body)"
idx_case "right meta, the ranking's words table reshaped"
is "$(sqlite3 -readonly "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'words' AND sql LIKE '%fts5%'")" 1 \
	"index: the reshaped words table: the index is rebuilt with it"
printf 'not a database at all\n' > "$db"
idx_case "not SQLite"
# content that brings its own index (-d DIR is anyone's files): one with
# the right identity that holds no text would hide every page
"$IDMVIEW" -d "$T/idxc" --search="$q" > /dev/null 2>&1
cp "$db" "$T/idxc/.idmview-index.sqlite"
sqlite3 "$T/idxc/.idmview-index.sqlite" "DROP TABLE fts; CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail='none', tokenize='trigram case_sensitive 1')"
"$IDMVIEW" -d "$T/idxc" --search="$q" > "$T/idx.out" 2>&1
cmp -s "$T/idx.want" "$T/idx.out"
ok $? "index: an index shipped inside -d DIR is not read"

# The site index a start reads instead of site.xml (issue #13 part 3) is
# content too: a truncated or corrupted database, a changed blob, a wrong
# schema version, counts that lie: the start shows what site.xml says and
# keeps a sound model again.
mod_views() {
	"$IDMVIEW" -d "$T/idxc" --width=72 --dump 2>&1
	"$IDMVIEW" -d "$T/idxc" --lang=fr --list 2>&1
}
IDMVIEW_NO_INDEX=1 mod_views > "$T/mod.want"
rm -f "$T"/cache/idmview/site-*.sqlite
"$IDMVIEW" -d "$T/idxc" --list > /dev/null 2>&1
mdb=$(ls "$T"/cache/idmview/site-*.sqlite 2>/dev/null)
mod_row() { sqlite3 -readonly "$mdb" "SELECT m.value, s.stat_id, hex(s.model) FROM site s, meta m WHERE m.key = 'schema'" 2>&1; }
good=$(mod_row)
[ -s "$mdb" ] && [ -n "$good" ]; ok $? "model: kept in the cache by the first start"
mod_views > "$T/mod.out"; same_file "$T/mod.want" "$T/mod.out" "model: read back, the same views"
mod_case() { # NAME: the damage is done to $mdb before
	mod_views > "$T/mod.out"
	same_file "$T/mod.want" "$T/mod.out" "model: $1: the start shows what site.xml says"
	is "$(mod_row)" "$good" "model: $1: a sound one kept again"
}
size=$(wc -c < "$mdb")
head -c $((size / 2)) "$mdb" > "$T/half" && cat "$T/half" > "$mdb"
mod_case "database truncated"
sqlite3 "$mdb" "UPDATE site SET model = substr(model, 1, length(model) / 2) || X'ffffffffffffffff' || substr(model, length(model) / 2 + 9)"
mod_case "bytes of the blob changed"
sqlite3 "$mdb" "UPDATE site SET model = substr(model, 1, length(model) - 1)"
mod_case "the blob one byte short"
sqlite3 "$mdb" "UPDATE meta SET value = 'idmview-fts-0' WHERE key = 'schema'"
mod_case "wrongly versioned"
# the number of text pages one more than the blob holds
python3 - "$mdb" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
b = bytearray(db.execute("SELECT model FROM site").fetchone()[0])
off = 8
def skip_str():
    global off
    n = struct.unpack_from("<I", b, off)[0]; off += 4
    if n != 0xffffffff: off += n
for _ in range(3): skip_str()
ntr = struct.unpack_from("<I", b, off)[0]; off += 4
for _ in range(4 * ntr): skip_str()
struct.pack_into("<I", b, off, struct.unpack_from("<I", b, off)[0] + 1)
db.execute("UPDATE site SET model = ?", (bytes(b),)); db.commit()
PY
mod_case "counts that lie"
sqlite3 "$mdb" "UPDATE site SET model = X''"
mod_case "an empty blob"
unset XDG_CACHE_HOME

diag "hostile: $n cases: $rendered rendered, $refused refused, $((n - rendered - refused)) failed"
diag "hostile: slowest $slowname ${slowest} s; most memory $bigname ${biggest} KiB"
done_testing
