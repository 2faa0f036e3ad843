#!/bin/sh
# cli.sh - the command-line contract: options, exit statuses, messages.
. "$(dirname "$0")/../lib.sh"
unset COLUMNS

run --help
is "$st" 0 "--help exits 0"
for o in "-d, --data-dir=DIR" "--dump" "-w, --width=N" "--list" "-h, --help" "-V, --version" \
	"Exit status"; do
	contains "$T/out" "$o" "--help lists $o"
done
# only what works is listed
for o in "-u, --update" "--update-url=URL" "--trusted-key=FILE" "-s, --store=DIR" \
	"-c, --config=FILE" "--offline" "--search=QUERY" "-k, --kiosk"; do
	contains "$T/out" "$o" "--help lists $o"
done
[ ! -s "$T/err" ]; ok $? "--help writes nothing to stderr"
run -h
is "$st" 0 "-h exits 0"

run --version
is "$st" 0 "--version exits 0"
grep -qE '^idmview [0-9]+\.[0-9]+' "$T/out"; ok $? "--version prints 'idmview N.N...'"
run -V
is "$st" 0 "-V exits 0"

run --no-such-option
is "$st" 1 "an unknown option exits 1"
contains "$T/err" "--help" "an unknown option points at --help"
[ ! -s "$T/out" ]; ok $? "an unknown option prints nothing on stdout"

for w in 19 1001 abc "" 40x -5; do
	run --dump --width="$w"
	is "$st" 1 "--width='$w' exits 1"
	contains "$T/err" "--width" "--width='$w' says what is wrong"
done
run --dump -w 20
is "$st" 0 "--width=20 (the minimum) is accepted"

run --dump no-such-page
is "$st" 1 "an unknown PAGE exits 1"
contains "$T/err" "no-such-page" "the message names the unknown PAGE"
contains "$T/err" "--list" "the message points at --list"

run --dump idm hotline
is "$st" 1 "two PAGEs exit 1"
contains "$T/err" "one PAGE" "two PAGEs: the message says one PAGE at most"

run --dump --list
is "$st" 1 "--dump with --list exits 1"

# --list: "id<TAB>title", one a line, every page and menu, home first
run --list
is "$st" 0 "--list exits 0"
bad=$(awk -F '\t' 'NF != 2 || $1 !~ /^[a-z0-9][a-z0-9-]*$/ || $2 == ""' "$T/out")
is "$bad" "" "--list lines are id<TAB>title"
contains "$T/out" "$(printf 'home\tHome')" "--list has the home menu"
contains "$T/out" "$(printf 'idm\tInternational Dialogue on Migration')" "--list has the dialogue page"
contains "$T/out" "$(printf 'about-migration\tAbout Migration')" "--list has the submenu"
is "$(wc -l < "$T/out")" 13 "--list has the 13 pages and menus of the bundled content"
# every listed id opens with --dump
fails=""
for id in $(cut -f1 "$T/out"); do
	"$IDMVIEW" --dump "$id" > /dev/null 2>&1 || fails="$fails $id"
done
is "$fails" "" "every id from --list opens with --dump"

# --dump without PAGE prints the home menu
run --dump
is "$st" 0 "--dump without PAGE exits 0"
is "$(head -n 2 "$T/out")" "$(printf 'Home\n====')" "--dump without PAGE prints the home menu"
contains "$T/out" "IOM Today" "the home menu lists IOM Today"
run --dump home
cp "$T/out" "$T/homedump"
run --dump
same_file "$T/homedump" "$T/out" "--dump and --dump home agree"

# no terminal on stdout and no --dump: refuse, pointing at --dump
run
is "$st" 1 "no terminal on stdout without --dump exits 1"
contains "$T/err" "not a terminal" "it says standard output is not a terminal"
contains "$T/err" "--dump" "it points at --dump"
[ ! -s "$T/out" ]; ok $? "and draws nothing on stdout"
run idm
is "$st" 1 "with a PAGE, too"

# --data-dir
run --data-dir="$T/missing" --dump
is "$st" 2 "--data-dir at a missing directory exits 2"
contains "$T/err" "content directory '$T/missing'" "the message names the directory"
contains "$T/err" "No such file or directory" "the message says it is missing"
run -d "$DATA/idm.xml" --dump
is "$st" 2 "--data-dir at a file exits 2"
contains "$T/err" "not a directory" "the message says it is not a directory"
mkdir "$T/emptydir"
run -d "$T/emptydir" --dump
is "$st" 2 "--data-dir at a directory without site.xml exits 2"
contains "$T/err" "$T/emptydir/site.xml" "the message names the missing site.xml"
run -d "$DATA" --dump idm
is "$st" 0 "--data-dir at the bundled content works"
mkdir "$T/copy" && cp "$DATA"/*.xml "$T/copy/"
sed 's|title="IOM Today"|title="IOM Today (copy)"|' "$DATA/site.xml" > "$T/copy/site.xml"
run --data-dir "$T/copy" --list
contains "$T/out" "$(printf 'iom-today\tIOM Today (copy)')" "--data-dir DIR reads DIR"
IDMVIEW_DATA_DIR="$T/copy" "$IDMVIEW" --list > "$T/out"
contains "$T/out" "IOM Today (copy)" "IDMVIEW_DATA_DIR is read when there is no --data-dir"

# write errors are reported, not ignored
if [ -w /dev/full ]; then
	"$IDMVIEW" --dump idm > /dev/full 2> "$T/err"
	is "$?" 1 "a write error on stdout exits non-zero"
	contains "$T/err" "write error" "and says so"
fi

done_testing
