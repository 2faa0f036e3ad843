#!/bin/sh
# badinput.sh - the real binary on bad content: each malformed or hostile
# file gives exit status 2 and "FILE:LINE: what" naming the file; control
# characters in text are neutralised in --dump output.
. "$(dirname "$0")/../lib.sh"
FIX="$TESTDIR/fixtures"
SECRET="TOP-SECRET-4242-must-never-appear"

# content DIR with the good fixture site, BAD (a file of fixtures/bad/)
# copied over TARGET (p.xml unless given), and a secret file beside it.
content() {
	d="$T/$1"
	mkdir -p "$d"
	cp "$FIX"/site/*.xml "$d/"
	printf '%s\n' "$SECRET" > "$d/secret.txt"
	[ -z "${2:-}" ] || cp "$FIX/bad/$2" "$d/${3:-p.xml}"
}

# bad NAME FIXTURE LINE WHAT [TARGET]: --dump p exits 2 with
# "DIR/TARGET:LINE: ...WHAT..." on stderr and nothing on stdout.
bad() {
	content "$1" "$2" "${5:-}"
	"$IDMVIEW" -d "$T/$1" --dump p > "$T/$1.out" 2> "$T/$1.err"
	is "$?" 2 "$1: exit status 2"
	prefix="idmview: $T/$1/${5:-p.xml}:$3: "
	first=$(head -n 1 "$T/$1.err")
	case $first in
	"$prefix"*) ok 0 "$1: message starts with FILE:LINE ($3)" ;;
	*) ok 1 "$1: message starts with FILE:LINE ($3)"; diag "got: $first" ;;
	esac
	contains "$T/$1.err" "$4" "$1: message says what is wrong ($4)"
	is "$(wc -l < "$T/$1.err")" 1 "$1: the message is one line"
	[ ! -s "$T/$1.out" ]; ok $? "$1: nothing on stdout"
	lacks "$T/$1.err" "$SECRET" "$1: the secret is not in the message"
}

bad truncated truncated.xml 4 "Premature end of data"
bad unknown unknown-element.xml 4 "blink"
bad noid missing-id.xml 2 "<page> has no id attribute"
bad utf8 bad-utf8.xml 3 "UTF-8"
bad empty empty.xml 1 "empty"
bad xxe xxe.xml 2 "DOCTYPE"
bad laughs laughs.xml 2 "DOCTYPE"
bad badlink missing-link.xml 3 "'nowhere'"
bad wrongid wrong-id.xml 2 "does not match the index"
bad dup site-dup.xml 8 "'p' is used twice" site.xml
bad backspace backspace.xml 3 "invalid xmlChar value 8"
bad escape escape.xml 3 "invalid xmlChar value 27"

# The external entity's content never appears, whatever is asked for.
content xxe2 xxe.xml
for args in "--dump p" "--dump" "--list"; do
	# shellcheck disable=SC2086
	"$IDMVIEW" -d "$T/xxe2" $args > "$T/xxe2.out" 2>&1
	st=$?
	[ "$st" -ne 0 ] || grep -q . "$T/xxe2.out"
	lacks "$T/xxe2.out" "$SECRET" "xxe: the secret file is never shown ($args)"
done
# ... nor when the DOCTYPE is in the index.
content xxe3
cat > "$T/xxe3/site.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE site [<!ENTITY s SYSTEM "secret.txt">]>
<site title="&s;"><menu id="home" title="&s;"><item page="p"/></menu>
<page id="p" file="p.xml" title="&s;"/></site>
XML
"$IDMVIEW" -d "$T/xxe3" --list > "$T/xxe3.out" 2>&1
is "$?" 2 "xxe in the index: exit status 2"
contains "$T/xxe3.out" "$T/xxe3/site.xml:2: DOCTYPE" "xxe in the index: names site.xml:2"
lacks "$T/xxe3.out" "$SECRET" "xxe in the index: the secret is never shown"

# ctl_hits FILE: lines with a C0 control other than newline, DEL, a C1
# control (UTF-8 C2 80..C2 9F), or a bidi override or isolate (E2 80
# AA..AE, E2 81 A6..A9).
ctl_hits() {
	LC_ALL=C grep -n "$(printf '[\001-\011\013-\037\177]')" "$1"
	LC_ALL=C grep -n "$(printf '\302[\200-\237]')" "$1"
	LC_ALL=C grep -n "$(printf '\342\200[\252-\256]')" "$1"
	LC_ALL=C grep -n "$(printf '\342\201[\246-\251]')" "$1"
}
for c in 'CR=\r' 'BS=\010' 'ESC=\033' 'DEL=\177' 'C1=\302\233' 'U+202E=\342\200\256' \
	'U+2066=\342\201\246'; do
	printf "ok ${c#*=} here\\n" > "$T/probe"
	[ -n "$(ctl_hits "$T/probe")" ]; ok $? "the control-byte check sees ${c%%=*}"
done

# Control characters the parser lets through (CR, C1, DEL, bidi) are
# neutralised in --dump output, at every width and in ASCII mode.
content ctl controls.xml
for w in 80 40 20; do
	"$IDMVIEW" -d "$T/ctl" --dump -w $w p > "$T/ctl.$w" 2> "$T/ctl.err"
	is "$?" 0 "controls at $w: the page is shown"
	# no C0 other than newline, no DEL, no C1 (as UTF-8: C2 80..C2 9F),
	# no bidi override or isolate (E2 80 AA..AE, E2 81 A6..A9)
	ctl_hits "$T/ctl.$w" > "$T/hits"
	[ ! -s "$T/hits" ]; ok $? "controls at $w: no control bytes in the output"
	sed 's/^/#   /' "$T/hits" | head -n 5
	tr -d '\n' < "$T/ctl.$w" > "$T/ctl.$w.flat"
	lacks "$T/ctl.$w.flat" "FAKE 999555-0100" "controls at $w: CR does not overwrite the number"
done
contains "$T/ctl.80" "Call +1-555-0100$(printf '\357\277\275')FAKE 999" "CR shows as the placeholder U+FFFD"
contains "$T/ctl.80" "C1 [$(printf '\357\277\275')31m]" "C1 CSI shows as the placeholder"
contains "$T/ctl.80" "DEL [$(printf '\357\277\275')]" "DEL shows as the placeholder"
contains "$T/ctl.80" "Bidi [$(printf '\357\277\275')evil$(printf '\357\277\275')]" "U+202E and U+202C show as the placeholder"
contains "$T/ctl.80" "isolate [$(printf '\357\277\275')x$(printf '\357\277\275')]" "U+2066 and U+2069 show as the placeholder"
# ASCII mode (a non-UTF-8 locale): printable ASCII only, '?' for controls
LC_ALL=C "$IDMVIEW" -d "$T/ctl" --dump p > "$T/ctl.ascii"
LC_ALL=C grep -n '[^ -~]' "$T/ctl.ascii" > "$T/hits"
[ ! -s "$T/hits" ]; ok $? "ASCII mode: only printable ASCII"
contains "$T/ctl.ascii" "Call +1-555-0100?FAKE 999" "ASCII mode: CR shows as '?'"
# the same through --list: titles are sanitised too
content ctltitle
sed 's|title="Page P"|title="P\&#13;FAKE\&#x9b;\&#x202e;"|' "$FIX/site/site.xml" > "$T/ctltitle/site.xml"
"$IDMVIEW" -d "$T/ctltitle" --list > "$T/ctltitle.out"
is "$?" 0 "--list with controls in a title"
LC_ALL=C grep -c "$(printf '\r\|\302\233\|\342\200\256')" "$T/ctltitle.out" > "$T/n"
is "$(cat "$T/n")" 0 "--list: no CR, C1 or bidi control in titles"
"$IDMVIEW" -d "$T/ctltitle" --dump p > "$T/ctltitle.dump"
LC_ALL=C grep -c "$(printf '\r\|\302\233\|\342\200\256')" "$T/ctltitle.dump" > "$T/n"
is "$(cat "$T/n")" 0 "--dump: no CR, C1 or bidi control in the title or breadcrumb"

done_testing
