#!/bin/sh
# tests/bench/bench.sh - bandwidth benchmark for idmview --update (`make bench`).
#
# Runs nginx on 127.0.0.1 (free port, everything under a temp dir) and
# counts the bytes on the wire as the server saw them: the sum of
# $bytes_sent in nginx's access log for each updater run. Three cases,
# each run 3 times; the table shows the median:
#   1. nothing changed                     goal <= 1 KiB
#   2. one page of the bundled site changed  goal: page + manifest +
#      signature + <= 2 KiB of HTTP (the figure shown is that overhead)
#   3. a 5 MB incompressible page, updater SIGKILLed about half way, run
#      again: bytes of the page fetched twice    goal <= 64 KiB
# Not part of `make check`. Exit 0 when it ran (goals met or not), non-zero
# only when it could not run.
# The build tree: make runs this from it; by hand, the source tree's
# (lib.sh finds it).
. "$(dirname "$0")/../lib.sh"
. "$TESTDIR/update/update-common.sh"

RUNS=3
BIG_KB=6800		# source KB of the big page; about 5 MB once compressed
RATE=8m			# nginx limit_rate on by-hash/: the kill lands mid-transfer

die() { echo "bench: $*" >&2; exit 2; }
[ -x "$IDMVIEW" ] && [ -x "$PUBLISH" ] || die "build first (make)"
[ -x "$NGINX" ] || die "nginx missing (run ./bootstrap)"
command -v curl >/dev/null || die "curl missing (run ./bootstrap)"
start=$(date +%s)

mkdir -p "$T/srv"
UPID=
trap '[ -n "$UPID" ] && kill -9 $UPID 2>/dev/null; stop_nginx; _tap_cleanup' EXIT
trap 'exit 2' INT TERM HUP
start_nginx -l -r "$RATE" "$T/srv" || { cat "$NG/error.log" >&2; die "nginx did not start"; }

# mark / wire / requests / file_body: the access log since mark.
mark() { _mark=$(wc -l < "$NG/access.log"); }
since() { tail -n +$((_mark + 1)) "$NG/access.log"; }
wire() { since | awk '{s += $3} END {print s + 0}'; }
requests() { since | wc -l; }
file_body() { since | awk -v f="$1" 'index($1, f) {s += $4} END {print s + 0}'; }
pub() {
	"$PUBLISH" "$@" >"$T/pub.out" 2>&1 || { cat "$T/pub.out" >&2; die "idmview-publish failed"; }
	for _last; do :; done; bump "$_last"
}
# update_ok STORE URL: one update; it must succeed.
update_ok() {
	upd "$1" "$2"
	[ "$rc" -eq 0 ] || { cat "$T/out" >&2; die "update failed (status $rc)"; }
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
# The size of a file in bytes; 0 when it is not there (yet).
fsize() { if [ -f "$1" ]; then wc -c < "$1" | tr -d ' '; else echo 0; fi; }

c1=; c2=; c3=; c2page=; c2man=; c2sig=; c2wire=; c3size=; c3had=; c3st=; c3lost=
for r in $(seq 1 $RUNS); do
	# A site of its own for each run, first installed (not counted).
	SRC="$T/src$r"; TREE="$T/srv/r$r"; S="$T/store$r"; U="$URL/r$r/"
	new_src "$SRC"
	pub --sign="$KEY.key" --serial=10 "$SRC" "$TREE"
	update_ok "$S" "$U"

	# 1. nothing changed.
	mark; update_ok "$S" "$U"
	grep -q "already current" "$T/out" || die "case 1: the updater did not say 'already current'"
	c1="$c1 $(wire)"

	# 2. one page changed: a paragraph added to the hotline page.
	sed -i 's|^</page>|  <p>Hotline: +41 22 717 9111 (benchmark edit).</p>\n</page>|' "$SRC/hotline.xml"
	pub --sign="$KEY.key" --serial=11 "$SRC" "$TREE"
	sha=$(awk '$4 == "hotline.xml" {print $2}' "$TREE/manifest")
	mark; update_ok "$S" "$U"
	grep -q "1 file fetched" "$T/out" || die "case 2: expected one file fetched: $(cat "$T/out")"
	page=$(fsize "$TREE/by-hash/$sha"); man=$(fsize "$TREE/manifest"); sig=$(fsize "$TREE/manifest.minisig")
	w=$(wire)
	c2="$c2 $((w - page - man - sig))"; c2wire="$c2wire $w"
	c2page=$page; c2man=$man; c2sig=$sig; c2req=$(requests)

	# 3. a big page, the updater killed about half way, then run again.
	big_page "$SRC" iris "$BIG_KB" bench
	pub --sign="$KEY.key" --serial=12 "$SRC" "$TREE"
	sha=$(awk '$4 == "iris.xml" {print $2}' "$TREE/manifest")
	size=$(awk '$4 == "iris.xml" {print $3}' "$TREE/manifest")
	mark
	"$IDMVIEW" -u -s "$S" --update-url="$U" --trusted-key="$KEY.pub" >"$T/out1" 2>&1 &
	UPID=$!
	part="$S/partial/$sha.part"; had=0; i=0
	while [ "$had" -lt $((size / 2)) ]; do
		kill -0 $UPID 2>/dev/null || die "case 3: the updater ended before half way: $(cat "$T/out1")"
		i=$((i + 1)); [ $i -lt 2000 ] || die "case 3: no progress on $part"
		sleep 0.01
		had=$(fsize "$part")
	done
	kill -9 $UPID; wait $UPID 2>/dev/null; UPID=
	had=$(fsize "$part")
	# nginx logs the cut request once it sees the connection closed.
	i=0; until since | grep -q "$sha"; do i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.02; done
	sent1=$(file_body "$sha")
	mark; update_ok "$S" "$U"
	got=$(file_body "$sha")
	st2=$(since | awk -v f="$sha" 'index($1, f) {print $2}' | tr '\n' ' ' | sed 's/ $//')
	c3st="$c3st [$st2]"; c3lost="$c3lost $((sent1 - had))"
	c3="$c3 $((got - (size - had)))"
	c3size=$size; c3had="$c3had $had"
	[ "$(readlink "$S/current")" = 12 ] || die "case 3: serial 12 not installed"
done

m1=$(median $c1); m2=$(median $c2); m3=$(median $c3)
verdict() { if [ "$1" -le "$2" ]; then echo met; else echo MISSED; fi; }

echo "idmview update bandwidth (bytes on the wire, counted by nginx \$bytes_sent)"
echo "machine: $(uname -m), $(nproc) CPUs, $(uname -sr); nginx $("$NGINX" -v 2>&1 | sed 's|.*/||'); $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "median of $RUNS runs; each run's figures in brackets"
echo
printf '%-44s | %10s | %10s | %s\n' "case" "measured" "goal" "result"
printf '%-44s-+-%10s-+-%10s-+-%s\n' "--------------------------------------------" "----------" "----------" "------"
printf '%-44s | %10s | %10s | %s\n' "1. nothing changed (total)" "$m1" "<= 1024" "$(verdict "$m1" 1024)"
printf '%-44s | %10s | %10s | %s\n' "2. one page changed: HTTP overhead" "$m2" "<= 2048" "$(verdict "$m2" 2048)"
printf '%-44s | %10s | %10s | %s\n' "3. resume of a 5 MB page: fetched twice" "$m3" "<= 65536" "$(verdict "$m3" 65536)"
echo
echo "1. nothing changed: [$(echo $c1)] bytes; one request (conditional GET of the manifest, 304)"
echo "2. one page changed: [$(echo $c2wire)] bytes in $c2req requests ="
echo "     page $c2page + manifest $c2man + signature $c2sig (compressed, as served) + HTTP [$(echo $c2)]"
echo "3. resume: page $c3size bytes as served; killed with [$(echo $c3had)] bytes in partial/;"
echo "     resumed with HTTP status$c3st; fetched twice [$(echo $c3)] (nginx limit_rate $RATE on by-hash/)"
echo "     sent by nginx before the kill but never written to partial/ (lost with the kill): [$(echo $c3lost)]"
# --dump at 2, 10 and 20 MB (issue 12): time and peak RSS, median of
# DUMP_RUNS, flat in memory and linear in time; then the 20 MB page
# against `lynx -dump` of the same paragraphs as HTML (goals: time
# <= 0.15x lynx's, peak RSS <= 20 MiB).
DUMP_RUNS=5
dump_page() { # MB DIR: a site of one page of MB megabytes of <p> words
	python3 - "$1" "$2" <<'PY'
import os, random, sys
mb, d = int(sys.argv[1]), sys.argv[2]
os.makedirs(d, exist_ok=True)
with open(d + "/site.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<site title="Bench" lang="en">\n'
            ' <menu id="home" title="Home"><item page="big"/></menu>\n'
            ' <page id="big" file="big.xml" title="Big page"/>\n</site>\n')
rnd = random.Random(12)
words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega".split()
xml = open(d + "/big.xml", "w")
html = open(d + "/big.html", "w")
xml.write('<?xml version="1.0" encoding="UTF-8"?>\n<page id="big">\n')
html.write('<html><head><title>Big page</title></head><body>\n<h1>Big page</h1>\n')
n = 0
while n < mb * 1000000:
    p = "<p>" + " ".join(rnd.choice(words) for _ in range(60)) + "</p>\n"
    xml.write(p); html.write(p); n += len(p)
xml.write("</page>\n"); html.write("</body></html>\n")
PY
}
timed() { # FILE CMD...: "seconds KiB" of one run
	_tf=$1.t; shift
	/usr/bin/time -f '%e %M' -o "$_tf" "$@" > /dev/null 2>&1 || true
	cat "$_tf"
}
ms_of() { awk '{printf "%d", $1 * 1000}'; }
echo
echo "--dump of a generated page (median of $DUMP_RUNS runs; [each run] in ms)"
printf '%-36s | %10s | %10s | %s\n' "page" "time ms" "RSS KiB" "runs"
for mb in 2 10 20; do
	dump_page "$mb" "$T/dump$mb"
	ts= rs=
	for i in $(seq $DUMP_RUNS); do
		r=$(timed "$T/d" "$IDMVIEW" --dump -w 80 -d "$T/dump$mb" big)
		ts="$ts $(echo "$r" | ms_of)"; rs="$rs $(echo "$r" | awk '{print $2}')"
	done
	eval "dump_t$mb=$(median $ts) dump_r$mb=$(median $rs)"
	printf '%-36s | %10s | %10s | [%s]\n' "--dump, $mb MB" "$(median $ts)" "$(median $rs)" "$(echo $ts)"
done
if command -v lynx > /dev/null; then
	ts= rs=
	for i in $(seq $DUMP_RUNS); do
		r=$(timed "$T/l" lynx -dump -width=80 -nolist "$T/dump20/big.html")
		ts="$ts $(echo "$r" | ms_of)"; rs="$rs $(echo "$r" | awk '{print $2}')"
	done
	lt=$(median $ts); lr=$(median $rs)
	printf '%-36s | %10s | %10s | [%s]\n' "lynx -dump, 20 MB as HTML" "$lt" "$lr" "$(echo $ts)"
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", b ? a / b : 0}'; }
	tv=$(awk -v a="$dump_t20" -v b="$lt" 'BEGIN {print (a <= 0.15 * b) ? "met" : "MISSED"}')
	rv=$(awk -v a="$dump_r20" 'BEGIN {print (a <= 20 * 1024) ? "met" : "MISSED"}')
	flat=$(awk -v a="$dump_r2" -v b="$dump_r20" 'BEGIN {d = b - a; if (d < 0) d = -d; print (d <= 2048) ? "met" : "MISSED"}')
	printf '%-36s | %10s | %10s | %s\n' "20 MB --dump vs lynx: time" "$(ratio "$dump_t20" "$lt")" "<= 0.15x" "$tv"
	printf '%-36s | %10s | %10s | %s\n' "20 MB --dump: peak RSS" "$dump_r20" "<= 20480" "$rv"
	printf '%-36s | %10s | %10s | %s\n' "RSS 20 MB minus 2 MB (KiB)" "$((dump_r20 - dump_r2))" "<= 2048" "$flat"
else
	echo "lynx not installed: no comparison"
fi
echo "elapsed: $(( $(date +%s) - start )) s"
exit 0
