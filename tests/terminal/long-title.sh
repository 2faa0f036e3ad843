#!/bin/sh
# long-title.sh - a site whose titles are 1 MB each (the site's, the
# menus' down three levels, a page's title and short title): the first
# screen, a kiosk's and the breadcrumbs deep in the menus draw promptly,
# since what is drawn costs the screen's width, not the text's length;
# SIGTERM and the pane closing end the browser at once, even while it is
# busy reading a huge page (issue 14, hole 1).
. "$(dirname "$0")/../lib.sh"
export IDM_ERR="$T/err"
term_setup
# a browser that did not end (the failure checked here) must not outlive
# the test: those of this test's site, by their ids
trap 'for p in $(pgrep -f "idmview.* -d $T/site"); do kill -9 "$p"; done 2>/dev/null; _tap_cleanup' EXIT

# --- the site: 1 MB titles (7 MB of site.xml, under libxml2's 10 MB) --------
S="$T/site"
mkdir -p "$S"
cp "$TESTDIR/fixtures/site/p.xml" "$TESTDIR/fixtures/site/q.xml" "$S/"
# 999,996 bytes: "Ab é " (6 bytes) 1,000 times is a chunk of 6,000 bytes
chunk=$(LC_ALL=C awk 'BEGIN { for (i = 0; i < 1000; i++) printf "Ab \303\251 " }' </dev/null)
long=$(i=0; while [ $i -lt 166 ]; do printf '%s' "$chunk"; i=$((i + 1)); done; printf '%.3996s' "$chunk")
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo "<site title=\"Site $long\" lang=\"en\">"
	echo "  <menu id=\"home\" title=\"Home $long\">"
	echo '    <item page="p"/>'
	for i in 0 1 2; do echo "    <menu id=\"m$i\" title=\"Level$i $long\">"; done
	echo '    <item page="q"/>'
	for i in 0 1 2; do echo '    </menu>'; done
	echo '  </menu>'
	echo "  <page id=\"p\" file=\"p.xml\" title=\"Pagep $long\"/>"
	echo "  <page id=\"q\" file=\"q.xml\" title=\"Pageq $long\" short=\"Short $long\"/>"
	echo '</site>'
} > "$S/site.xml"
size=$(wc -c < "$S/site.xml")
[ "$size" -gt 7000000 ] && [ "${#long}" -gt 800000 ]; ok $? "the site has 1 MB titles ($size bytes of site.xml)"
"$IDMVIEW" -d "$S" --list > "$T/list" 2> "$T/lerr"; ok $? "the reader loads it"

# no idmview of this test left running (its site's path is in its arguments)
none_left() {
	_nl_i=0
	while pgrep -f "idmview.* -d $S" > /dev/null && [ $_nl_i -lt "$1" ]; do
		sleep 0.1
		_nl_i=$((_nl_i + 1))
	done
	! pgrep -f "idmview.* -d $S" > /dev/null
}

# --- the first screen: generous bounds, not timings ---------------------------
term_start 80 24 -- "$IDMVIEW" -d "$S"
wait_for "Site Ab é Ab é" 50; ok $? "first screen with a 1 MB site title within 5 s"
head -n 1 "$T/scr" | grep -q "…$"; ok $? "the title is cut with an ellipsis"
grep -q "page [0-9]*/[0-9]*" "$T/scr"; ok $? "the status line shows"
# deep in the menus: breadcrumbs of up to five 1 MB titles, each key
# prompt (Tab selects Level0; in each menu its first item is selected)
term_keys Tab Enter
wait_for "> Level1 Ab é" 50; ok $? "menu level 0 opens within 5 s"
term_keys Enter
wait_for "> Level2 Ab é" 50; ok $? "menu level 1 opens within 5 s"
term_keys Enter
wait_for "> Pageq Ab é" 50; ok $? "menu level 2 opens within 5 s"
term_keys Enter
wait_for " Pageq Ab é Ab é" 50; ok $? "the page under 1 MB breadcrumbs opens within 5 s"
tail -n 1 "$T/scr" | grep -q "^…[^…]*Ab é[^…]*…  *page [0-9]"
ok $? "its breadcrumb is cut at its start and at its title's end"
pid=$(term_pid)
kill -TERM "$pid"
none_left 20; ok $? "SIGTERM ends it within 2 s"
if ldd "$IDMVIEW" 2>/dev/null | grep -q libasan; then
	# a sanitizer build draws a frame several times slower: the 80 ms
	# watchdog may be first, which is what it is for
	wait_for "exit status" 20; ok $? "SIGTERM: it ended (sanitizer build: the loop or the watchdog)"
else
	wait_for "exit status 0" 20; ok $? "SIGTERM: the loop saw it and ended in order (status 0, not the watchdog's)"
fi

# --- the site's search: results with 1 MB titles and breadcrumbs ------------
term_start 80 24 -- "$IDMVIEW" -d "$S"
wait_for "Site Ab é" 50
term_keys s
term_type Pageq
term_keys Enter
wait_for '1 page for "Pageq"' 50; ok $? "search results with 1 MB titles within 5 s"
sed -n 5p "$T/scr" | grep -q "^   Short Ab é"
ok $? "search: the breadcrumb's row is its own (the selected title does not wrap over it)"
term_keys q q

# --- closing the pane (a hangup) --------------------------------------------
term_start 80 24 -- "$IDMVIEW" -d "$S"
wait_for "Site Ab é" 50
term_keys Tab Enter
wait_for "> Level1 Ab é" 50
term_kill
none_left 20; ok $? "the pane closed: no idmview left after 2 s"

# --- a kiosk: its bottom line is the breadcrumb beside touch targets ----------
printf 'kiosk = yes\n' > "$T/kiosk.conf"
term_start 80 24 -- "$IDMVIEW" -c "$T/kiosk.conf" -d "$S"
wait_for "[ Home ]" 50; ok $? "kiosk: first screen within 5 s"
term_keys Tab Enter
wait_for "> Level1 Ab é" 50; ok $? "kiosk: a key opens a menu within 5 s"
pid=$(term_pid)
kill -TERM "$pid"
none_left 20; ok $? "kiosk: SIGTERM ends it within 2 s"
# --- a signal while the program is busy (reading a 36 MB page) -------------
# The loop notices a signal once per frame; a job that holds it longer
# (here the first read of a huge page) is cut short by the watchdog.
B="$T/big"
mkdir -p "$B"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<site title="Big" lang="en">\n  <menu id="home" title="Home">\n    <item page="p1"/>\n  </menu>\n  <page id="p1" file="p1.xml" title="Big page"/>\n</site>\n' > "$B/site.xml"
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page id=\"p1\">"
	for (i = 0; i < 300000; i++) print "<p>Paragraph " i " of a page that is large, with <em>some</em> words in it and more words after them to fill it up.</p>"
	print "</page>" }' > "$B/p1.xml"
term_start 80 24 -- "$IDMVIEW" -d "$B" p1
pid=$(term_pid)
sleep 0.3
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null; [ $? -ne 0 ]; ok $? "busy reading a huge page: SIGTERM ends it within 1 s"
kill -9 "$pid" 2>/dev/null
wait_for "exit status" 20
[ "$(term_format '#{alternate_on}')" = 0 ]; ok $? "busy: the terminal left the alternate screen"
grep -q "AddressSanitizer\|runtime error" "$T/err"; [ $? -ne 0 ]; ok $? "no sanitizer report"
done_testing
