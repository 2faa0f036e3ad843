#!/usr/bin/env python3
"""hostile-gen.py OUTDIR FIXTURES - writes the hostile-content cases of
tests/cli/hostile.sh: one content directory per case, OUTDIR/NAME/, holding the
fixture site (site.xml, p.xml, q.xml) with one file replaced, a secret.txt
beside it, and a file `expect`: "0" (must render), "2" (must be refused)
or "02" (either, but nothing else). Big inputs are made here, at test
time, and never committed."""
import os
import shutil
import sys

out, fix = sys.argv[1], sys.argv[2]
SECRET = b"TOP-SECRET-5150-must-never-appear"
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
P = open(os.path.join(fix, "p.xml"), "rb").read()
SITE = open(os.path.join(fix, "site.xml"), "rb").read()
n = 0


def case(name, data, expect, target="p.xml"):
    global n
    d = os.path.join(out, name)
    os.makedirs(d)
    for f in ("site.xml", "p.xml", "q.xml"):
        shutil.copy(os.path.join(fix, f), d)
    with open(os.path.join(d, "secret.txt"), "wb") as f:
        f.write(SECRET + b"\n")
    with open(os.path.join(d, target), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "expect"), "w") as f:
        f.write(expect + "\n")
    n += 1


def page(body):
    return HEAD + b'<page id="p">\n' + body + b"\n</page>\n"


def para(text):
    return page(b"<p>" + text + b"</p>")


# --- malformed and truncated XML ---
case("malformed-unclosed", page(b"<p>open <em>never closed</p>"), "2")
case("malformed-attr", page(b'<p class=nope>x</p>'), "2")
case("malformed-junk-after", P + b"<p>after the root</p>\n", "2")
case("malformed-two-roots", P + P, "2")
case("malformed-lt-in-text", para(b"a < b"), "2")
case("malformed-bad-entity", para(b"&nosuch;"), "2")
case("malformed-bad-charref", para(b"&#xFFFFFFFF;"), "2")
for cut in (1, 5, 20, 39, 40, 60, 100, len(P) // 2, len(P) - 12, len(P) - 2):
    case("truncated-at-%d" % cut, P[:cut], "2")
# --- empty, BOM alone, encodings ---
case("empty", b"", "2")
case("bom-only", b"\xef\xbb\xbf", "2")
case("whitespace-only", b"   \n\n", "2")
case("bom-then-page", b"\xef\xbb\xbf" + P, "0")
case("declared-latin1-is-utf8", P.replace(b"UTF-8", b"ISO-8859-1").replace(b"text", b"caf\xc3\xa9"), "02")
case("declared-utf16-is-utf8", P.replace(b"UTF-8", b"UTF-16"), "02")
case("declared-unknown-encoding", P.replace(b"UTF-8", b"X-NO-SUCH-ENCODING-1"), "2")
case("declared-ebcdic", P.replace(b"UTF-8", b"EBCDIC-US"), "02")
case("utf16le-bom", b"\xff\xfe" + P.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16-le"), "02")
case("utf16be-bom", b"\xfe\xff" + P.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16-be"), "02")
case("utf16le-no-bom", P.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16-le"), "02")
case("utf32-bom", b"\xff\xfe\x00\x00" + P.decode().encode("utf-32-le"), "02")
# --- invalid and overlong UTF-8, NUL ---
case("invalid-utf8-lone-continuation", para(b"a \x80 b"), "2")
case("invalid-utf8-bad-lead", para(b"a \xc3\x28 b"), "2")
case("invalid-utf8-fe-ff", para(b"a \xfe\xff b"), "2")
case("invalid-utf8-surrogate", para(b"a \xed\xa0\x80 b"), "2")
case("invalid-utf8-above-10ffff", para(b"a \xf4\x90\x80\x80 b"), "2")
case("invalid-utf8-truncated-at-eof", page(b"<p>x</p>")[:-2] + b"\xe2\x82", "2")
case("overlong-slash-2", para(b"a \xc0\xaf b"), "2")
case("overlong-slash-3", para(b"a \xe0\x80\xaf b"), "2")
case("overlong-nul-2", para(b"a \xc0\x80 b"), "2")
case("overlong-4", para(b"a \xf0\x80\x80\xaf b"), "2")
case("nul-in-text", para(b"before\x00after"), "2")
case("nul-in-tag", page(b"<p\x00>x</p>"), "2")
case("nul-at-start", b"\x00" + P, "2")
case("nul-charref", para(b"a &#0; b"), "2")
# --- entities, DOCTYPE, external entities, XInclude ---
lol = [b'<!ENTITY a0 "lol">']
for i in range(1, 10):
    lol.append(b"<!ENTITY a%d \"%s\">" % (i, (b"&a%d;" % (i - 1)) * 10))
case("entity-billion-laughs", HEAD + b"<!DOCTYPE page [" + b"".join(lol) + b']>\n<page id="p"><p>&a9;</p></page>\n', "2")
case("entity-quadratic", HEAD + b'<!DOCTYPE page [<!ENTITY x "' + b"x" * 100000 + b'">]>\n<page id="p"><p>' + b"&x;" * 100000 + b"</p></page>\n", "2")
case("entity-external-file", HEAD + b'<!DOCTYPE page [<!ENTITY s SYSTEM "secret.txt">]>\n<page id="p"><p>&s;</p></page>\n', "2")
case("entity-external-abs", HEAD + b'<!DOCTYPE page [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n<page id="p"><p>&s;</p></page>\n', "2")
case("entity-external-http", HEAD + b'<!DOCTYPE page [<!ENTITY s SYSTEM "http://127.0.0.1:9/x">]>\n<page id="p"><p>&s;</p></page>\n', "2")
case("entity-parameter", HEAD + b'<!DOCTYPE page [<!ENTITY % s SYSTEM "secret.txt"> %s;]>\n<page id="p"><p>x</p></page>\n', "2")
case("dtd-external-subset", HEAD + b'<!DOCTYPE page SYSTEM "secret.txt">\n<page id="p"><p>x</p></page>\n', "2")
case("dtd-in-site-index", SITE.replace(b"<site", b'<!DOCTYPE site [<!ENTITY s SYSTEM "secret.txt">]>\n<site', 1).replace(b'title="Fixture site"', b'title="&s;"'), "2", "site.xml")
case("xinclude-text", page(b'<p xmlns:xi="http://www.w3.org/2001/XInclude">x <xi:include href="secret.txt" parse="text"/></p>'), "2")
case("xinclude-xml", page(b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="q.xml"/>'), "2")
case("xinclude-passwd", page(b'<p xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></p>'), "2")
case("stylesheet-pi", HEAD + b'<?xml-stylesheet href="secret.txt"?>\n' + P[len(HEAD):], "02")
case("site-file-outside", SITE.replace(b'file="p.xml"', b'file="../secret.txt"'), "2", "site.xml")
case("site-file-absolute", SITE.replace(b'file="p.xml"', b'file="/etc/passwd"'), "2", "site.xml")
case("site-file-is-secret", SITE.replace(b'file="p.xml"', b'file="secret.txt"'), "2", "site.xml")
case("link-href-javascript", para(b'<link href="javascript:alert(1)">x</link>'), "2")
case("link-href-file", para(b'<link href="file:///etc/passwd">x</link>'), "2")
# --- size and shape ---
case("nesting-100000", page(b"<p>" + b"<em>" * 100000 + b"x" + b"</em>" * 100000 + b"</p>"), "2")
case("nesting-100000-unclosed", page(b"<p>" + b"<em>" * 100000), "2")
case("nesting-300", page(b"<p>" + b"<em>" * 300 + b"x" + b"</em>" * 300 + b"</p>"), "2")
case("text-node-20MB", para(b"word " * (4 * 1024 * 1024)), "0")
case("text-node-20MB-one-word", para(b"x" * (20 * 1024 * 1024)), "0")
# a list's items are element-only content: no child limit, linear time
case("siblings-1000000", page(b"<list>" + b"<li>x</li>" * 1000000 + b"</list>"), "0")
case("spans-200000", para(b"<em>x</em> " * 200000), "2")
case("spans-4999", para(b"<em>x</em> " * 4999), "0")
case("siblings-10000", page(b"<list>" + b"<li>x</li>" * 10000 + b"</list>"), "0")
case("siblings-10001", page(b"<list>" + b"<li>x</li>" * 10001 + b"</list>"), "0")
# mixed content (text with em and link) has the limit: libxml2 validates it in superlinear time
case("mixed-children-10001", para(b"<em>x</em>" * 10001), "2")
case("attribute-1MB", page(b'<p>x <link href="https://www.iom.int/' + b"a" * (1024 * 1024) + b'">y</link></p>'), "02")
case("attributes-10000", page(b"<p " + b"".join(b'a%d="x" ' % i for i in range(10000)) + b">x</p>"), "2")
case("file-over-64MiB", para(b"z"), "2")
with open(os.path.join(out, "file-over-64MiB", "p.xml"), "r+b") as f:
    f.truncate(65 * 1024 * 1024)  # sparse: refused by size before it is read
case("duplicate-ids-index", SITE.replace(b'<page id="q"', b'<page id="p" file="q.xml" title="dup"/>\n  <page id="q"'), "2", "site.xml")
case("duplicate-ids-menu", SITE.replace(b'<menu id="sub"', b'<menu id="p"'), "2", "site.xml")
case("link-missing-page", para(b'<link page="nowhere">x</link>'), "2")
case("item-missing-page", SITE.replace(b'<item page="q"/>', b'<item page="nowhere"/>'), "2", "site.xml")
case("menu-cycle", SITE.replace(b'<item page="q"/>', b'<item page="home"/>'), "02", "site.xml")
case("word-20000", para(b"w" * 20000), "0")
case("word-20000-wide", para("\u65e5".encode() * 20000), "0")
case("combining-flood", para(b"e" + "\u0301".encode() * 100000), "0")
case("combining-flood-many", para(("a" + "\u0301" * 50 + " ").encode() * 2000), "0")
case("zero-width-flood", para("\u200b".encode() * 100000 + b"x"), "0")
case("zwj-flood", para(("\U0001F468" + "\u200d" * 30).encode() * 1000), "0")
case("variation-flood", para(b"x" + "\ufe0f".encode() * 100000), "0")
# --- every control character ---
for c in range(0x20):
    if c in (0x09, 0x0A, 0x0D):
        case("c0-%02x" % c, para(b"Call +1-555-0100" + bytes([c]) + b"FAKE 999"), "0")
    else:
        case("c0-%02x" % c, para(b"Call +1-555-0100" + bytes([c]) + b"FAKE 999"), "2")
        case("c0-%02x-charref" % c, para(b"Call &#%d; FAKE" % c), "2")
case("c0-0d-charref", para(b"Call +1-555-0100&#13;FAKE 999"), "0")
case("del-7f", para(b"a\x7fb"), "0")
for c in range(0x80, 0xA0):
    case("c1-%02x" % c, para(b"a" + chr(c).encode() + b"b &#%d; c" % c), "0")
for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)):
    case("bidi-%04x" % c, para(b"+1-555-" + chr(c).encode() + b"0100 &#%d;x" % c), "0")
    case("bidi-%04x-attr" % c, page(b'<quote source="a' + chr(c).encode() + b'b">q</quote>'), "0")
case("bidi-in-title", SITE.replace(b'title="Page P"', "title=\"P\u202eevil\"".encode()), "0", "site.xml")
case("controls-in-href", para(b'<link href="https://www.iom.int/&#x1b;[2J&#x85;">x</link>'), "02")
case("noncharacters", para("\ufffe\uffff\U0001fffe".encode()), "02")
case("private-use-unassigned", para("\ue000\U000f0000\U0010fffd\u0378".encode()), "0")
print(n)
