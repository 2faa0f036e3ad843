#!/bin/sh
# tests/qr.sh - QR codes of a page's web addresses and telephone numbers
# (#17): every code drawn, on the screen (through tmux) and by --dump
# --qr, is turned back into an image and decoded with zbarimg, as a
# phone would scan it (tests/terminal/qr-decode.py says how the characters map to
# pixels); then the screen's keys, Back, a kiosk's touch targets, a
# terminal too small, hostile links, the accessible mode and the
# interface languages.

. "$(dirname "$0")/../lib.sh"

command -v zbarimg >/dev/null 2>&1 || { echo "Bail out! zbarimg is missing (zbar-tools): run ./bootstrap"; exit 1; }

FIX="$TESTDIR/fixtures/qr"
DECODE="python3 $HERE/qr-decode.py"
SHORT=https://www.iom.int/
MEDIUM=https://www.iom.int/global-migration-data
LONG=https://publications.iom.int/books/world-migration-report-2024
VLONG="https://publications.iom.int/books/world-migration-report-2024?utm_source=kiosk&lang=en#chapter-3"
CAFE=http://example.org/caf%C3%A9
TEL=tel:+15550100199

# --- --dump --qr -------------------------------------------------------------
printf '%s\n' "$SHORT" "$MEDIUM" "$LONG" "$VLONG" "$CAFE" > "$T/links.want"
for w in 40 80 200; do
	"$IDMVIEW" -d "$FIX" --dump --qr -w "$w" links > "$T/dump$w" 2> "$T/err"
	ok $? "--dump --qr -w $w exits 0"
	$DECODE "$T/dump$w" > "$T/got"
	same_file "$T/links.want" "$T/got" "--dump --qr -w $w: each code decodes to its link's address, once each, in page order"
done
contains "$T/dump80" "[3] Global Migration Data" "each code has its link's number and words"
sed -n '/^QR codes (/,$p' "$T/dump80" > "$T/qrpart"
lacks "$T/qrpart" "the number page" "an internal link gets no code"
"$IDMVIEW" -d "$FIX" --dump --qr tel > "$T/dtel"
is "$($DECODE "$T/dtel")" "$TEL" "--dump --qr: a <tel> gets a tel: code of its digits"
contains "$T/dtel" "Telephone: +1 (555) 010-0199" "with the number as written"
contains "$T/dtel" "call +1 (555) 010-0199 any day" "and the number is laid out as text"
cp -r "$FIX" "$T/bad"
for bad in "call me" "555 0100 ext. 2" "12" "1234567890123456" "+1 555+0100"; do
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<page id="tel">\n  <p><tel>%s</tel></p>\n</page>\n' "$bad" > "$T/bad/tel.xml"
	"$IDMVIEW" -d "$T/bad" --dump tel > /dev/null 2> "$T/err"
	is "$?" 2 "<tel>$bad</tel> is refused as a content error (exit 2)"
done
contains "$T/err" "tel.xml:3: <tel> '+1 555+0100' is not a telephone number" "naming the file, the line and the number"
"$IDMVIEW" --dump --qr hotline > "$T/dhot"
is "$($DECODE "$T/dhot")" "https://www.iom.int/" "the bundled Hotline page's link decodes"
"$IDMVIEW" -d "$FIX" --dump --qr none > "$T/dnone"
lacks "$T/dnone" "QR codes" "a page without addresses prints no QR section"
"$IDMVIEW" -d "$FIX" --qr links > /dev/null 2> "$T/err"
is "$?" 1 "--qr without --dump is a usage error (exit 1)"
contains "$T/err" "--qr goes with --dump" "and says so"
LC_ALL=C "$IDMVIEW" -d "$FIX" --dump --qr links > "$T/dascii"
contains "$T/dascii" "QR codes: not drawn, their block characters need UTF-8" "in a C locale it says the codes need UTF-8"
contains "$T/dascii" "$VLONG" "and prints the addresses in full"
is "$(LC_ALL=C grep -c "$(printf '\342\226')" "$T/dascii")" 0 "and no block character"
# hostile
"$IDMVIEW" -d "$FIX" --dump --qr hostile > "$T/dhost"
is "$($DECODE "$T/dhost" | tr '\n' ' ')" "https://example.org/a https://example.org/%E2%80%AEtxt.exe%C2%85 " \
	"a bidi override or C1 control in an address is percent-encoded in its code"
python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = [c for c in t if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(1 if bad else 0)' "$T/dhost"
ok $? "no control or bidi character of a link's text or address reaches the output"
"$IDMVIEW" -d "$FIX" --dump --qr huge > "$T/dhuge"
ok $? "a 10 KB address: --dump --qr exits 0"
contains "$T/dhuge" "the address is too long for a QR code (10260 characters)" "and says it is too long for a code"
is "$($DECODE "$T/dhuge")" "" "and draws none"

# --- the screen --------------------------------------------------------------
term_setup

# start W H [ENV=VALUE...] -- [ARGS...]: idmview in session t.
start() {
	_w=$1 _h=$2
	shift 2
	_env=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_env="$_env $1"
		shift
	done
	[ $# -gt 0 ] && shift
	# shellcheck disable=SC2086
	term_start "$_w" "$_h" $_env -- "$IDMVIEW" "$@"
}
screen() { term_screen; }
keys() { term_keys "$@"; }
# shows TEXT DESCRIPTION: the check that TEXT comes on screen.
shows() {
	if wait_for "$1"; then ok 0 "$2"; else ok 1 "$2"; fi
}
# code_is N WANT WHAT: code N of the screen decodes to WANT (it waits for
# "Code N of"; WANT "small" is the too-small message with the address).
code_is() {
	wait_for "Code $1 of" || true
	sleep 0.2
	screen > "$T/scr"
	if [ "$2" = small ]; then
		tr -d '\n ' < "$T/scr" | grep -q "toosmallforacodeaphonecanscan"
		ok $? "$4: too small for code $1: it says so"
		tr -d '\n ' < "$T/scr" | grep -qF "$(printf %s "$3" | cut -c1-30)"
		ok $? "$4: and shows the address"
		return
	fi
	is "$($DECODE "$T/scr")" "$2" "$4: code $1 decodes to its address"
}

for size in 40x30 80x24 200x60; do
	W=${size%x*} H=${size#*x}
	start "$W" "$H" -- -d "$FIX" links
	wait_for "Line 1 of the page" || true
	keys c
	code_is 1 "$SHORT" "" "$size"
	keys n; code_is 2 "$MEDIUM" "" "$size"
	case $size in
	40x*) keys n; code_is 3 small "$LONG" "$size"; keys n; code_is 4 small "$VLONG" "$size" ;;
	80x*) keys n; code_is 3 "$LONG" "" "$size"; keys n; code_is 4 small "$VLONG" "$size" ;;
	*) keys n; code_is 3 "$LONG" "" "$size"; keys n; code_is 4 "$VLONG" "" "$size" ;;
	esac
	keys n; code_is 5 "$CAFE" "" "$size"
done
# at 200x60 a short address gets a code larger than one column a module
start 200 60 -- -d "$FIX" links
wait_for "Line 1 of the page" || true
keys c
wait_for "Code 1 of 5" || true
sleep 0.2
screen > "$T/scr"
is "$(grep -c '█' "$T/scr" | awk '{ print ($1 > 20) }')" 1 "at 200x60 the code is drawn larger than at 80x24"
is "$($DECODE "$T/scr")" "$SHORT" "and still decodes"

# keys, Back to the same place, colours, cursor
start 80 24 -- -d "$FIX" links
wait_for "Line 1 of the page" || true
keys j j j
sleep 0.3
screen > "$T/before"
keys c
shows "Code 1 of 5: [2] www.iom.int" "c opens the QR codes at the page's first address, with its number and words"
contains "$T/scr" "n: next code; p: previous; Left: back to the page" "the status line says the keys"
contains "$T/scr" "$SHORT" "the address is shown in words"
tm capture-pane -p -e -t t > "$T/esc"
grep "$(printf '\342\226\210')" "$T/esc" | grep -q "$(printf '\033')\[30m$(printf '\033')\[107m"
ok $? "the code is black on bright white (dark modules on light, whatever the theme)"
is "$(tm display -p -t t '#{cursor_flag}')" 0 "the cursor is hidden over a code (nothing blinks)"
keys n n
shows "Code 3 of 5" "n moves to the next code, twice"
keys p
shows "Code 2 of 5" "p moves to the previous one"
keys G n
shows "Code 5 of 5" "n on the last code stays there"
keys Left
wait_for "Line 1 of the page" 20 || true
sleep 0.2
screen > "$T/after"
same_file "$T/before" "$T/after" "Back returns to the page at the same place"
is "$(tm display -p -t t '#{cursor_flag}')" 1 "and the cursor is back"
keys p
sleep 0.2
screen > "$T/scr"
lacks "$T/scr" "Code " "on the page p does not open codes"
keys '?'
shows "QR codes of this page's web addresses" "help lists the QR codes' key"
keys q

# a page without codes; a telephone number; a menu
start 80 24 -- -d "$FIX" none
wait_for "No address here" || true
keys c
shows "This page has no web address or telephone number to show as a QR code." "c on a page without addresses says so"
start 80 24 -- -d "$FIX" tel
wait_for "any day" || true
keys c
shows "Code 1 of 1: telephone +1 (555) 010-0199" "a telephone number gets a code, with the number as written"
is "$($DECODE "$T/scr")" "$TEL" "and the code dials it"

# too small: a terminal where no code fits
start 30 14 -- -d "$FIX" links
wait_for "Line 1" || true
keys c
wait_for "Code 1 of" || true
tr -d '\n ' < "$T/scr" | grep -q "toosmallforacodeaphonecanscan"
ok $? "a terminal too small for any code says so"
tr -d '\n ' < "$T/scr" | grep -qF "https://www.iom.int/"
ok $? "and shows the address"

# hostile link text and a 10 KB address
start 80 24 -- -d "$FIX" hostile
wait_for "Address:" || true
keys c
shows "Code 1 of 2" "a hostile page's codes open"
python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if "FAKE 999" in t and "\ufffd" in t and "555-0100\r" not in t else 1)' "$T/scr"
ok $? "control characters in a link's text are shown neutralised (U+FFFD)"
is "$($DECODE "$T/scr")" "https://example.org/a" "and its code is the address"
keys n
wait_for "Code 2 of 2" || true
sleep 0.2
screen > "$T/scr"
is "$($DECODE "$T/scr")" "https://example.org/%E2%80%AEtxt.exe%C2%85" "a bidi override in an address is percent-encoded in the code"
contains "$T/scr" "https://example.org/%E2%80%AEtxt.exe%C2%85" "and so is the address shown"
start 80 24 -- -d "$FIX" huge
wait_for "ten kilobytes" || true
keys c
shows "too long for a QR code (10260 characters)" "a 10 KB address: too long for a code, it says"
screen > "$T/scr"
is "$(awk 'length($0) > 80' "$T/scr" | wc -l)" 0 "and the address is wrapped to the screen"
contains "$T/scr" "aaa..." "and cut, with an ellipsis, to the rows there are"

# a kiosk: touch targets (X10 mouse reports, as TERM=screen's kmous says)
printf 'kiosk = yes\nidle_timeout = 0\nupdate_interval = 0\nstore = %s/store\n' "$T" > "$T/k.conf"
tap() {
	tm send-keys -t t -H 1b 5b 4d 20 "$(printf %x $((33 + $1)))" "$(printf %x $((33 + $2)))"
	tm send-keys -t t -H 1b 5b 4d 23 "$(printf %x $((33 + $1)))" "$(printf %x $((33 + $2)))"
}
col_of() { screen | tail -n 1 | awk -v s="$1" '{ print index($0, s) - 1 }'; }
start 80 25 TERM=screen -- -c "$T/k.conf" -d "$FIX" links
wait_for "Line 1 of the page" || true
keys j j
sleep 0.3
screen > "$T/before"
contains "$T/before" "[ QR ] [ < Back ] [ Home ] [ PgUp ] [ PgDn ]" "a kiosk offers [ QR ] on a page with codes"
tap "$(col_of "[ QR ]")" 24
shows "Code 1 of 5" "tapping [ QR ] opens the codes"
contains "$T/scr" "[ < Back ] [ Home ] [ Prev ] [ Next ]" "which have [ Prev ] and [ Next ]"
lacks "$T/scr" "content of" "and no changing state on the title line"
tap "$(col_of "[ Next ]")" 24
shows "Code 2 of 5" "tapping [ Next ] shows the next code"
tap "$(col_of "[ Prev ]")" 24
shows "Code 1 of 5" "tapping [ Prev ] the previous"
tap 40 12
sleep 0.2
screen > "$T/scr"
contains "$T/scr" "Code 1 of 5" "a tap on the code itself changes nothing"
tap "$(col_of "[ < Back ]")" 24
wait_for "Line 1 of the page" || true
sleep 0.2
screen > "$T/after"
same_file "$T/before" "$T/after" "tapping [ < Back ] returns to the page at the same place"
start 80 25 TERM=screen -- -c "$T/k.conf" -d "$FIX" none
wait_for "No address here" || true
lacks "$T/scr" "[ QR ]" "no [ QR ] on a page without codes"

# the accessible mode says which code and its address
start 80 24 -- --accessible -d "$FIX" links
wait_for "Line 1 of the page" || true
keys c
shows "QR code 1 of 5: $SHORT" "accessible: 'QR code 1 of 5: ADDRESS' is said"
keys n
shows "QR code 2 of 5: $MEDIUM" "and again when the code changes"

# the interface languages
for lang in fr es ar; do
	start 80 24 LANGUAGE=$lang -- --lang=$lang -d "$FIX" links
	wait_for "www.iom.int" || true
	keys c
	wait_for "1/1" 20 >/dev/null 2>&1 || true
	sleep 0.5
	screen > "$T/scr"
	lacks "$T/scr" "QR codes: scan one" "$lang: the QR screen is translated"
	want=$SHORT
	[ "$lang" = fr ] && want=https://www.iom.int/fr
	is "$($DECODE "$T/scr")" "$want" "$lang: its code decodes"
done

done_testing
