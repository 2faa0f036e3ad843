#!/usr/bin/env python3
"""import-check.py PAGE.html DUMP.txt [CHARSET] - checks an imported page
against the HTML it came from, independently of the importer's code.

Finds the main text as the importer is documented to (idmview-import(1)):
<main>, else role="main", else the one <article>, else <body>; without
nav, header (outside main and article), footer (but a quote's own
footer), aside, form, script, style, iframe, noscript, template, button.
Every sentence of that text must appear in the dump (white space
normalised, the dump's link markers [N] left out); no text of what was
left out (navigation, footer, scripts, cookie banner) may appear. Prints
one line per problem; exit status 1 when there is any."""
import html.parser
import re
import sys

DROP = {"nav", "footer", "aside", "form", "script", "style", "iframe",
        "noscript", "template", "button", "select", "textarea", "svg"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids = tag, dict(attrs), parent, []


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.kids.append(data)


def walk(n):
    yield n
    for k in n.kids:
        if isinstance(k, Node):
            yield from walk(k)


def find_main(root):
    nodes = list(walk(root))
    for test in (lambda n: n.tag == "main", lambda n: n.attrs.get("role") == "main"):
        for n in nodes:
            if test(n):
                return n
    arts = [n for n in nodes if n.tag == "article"]
    if len(arts) == 1:
        return arts[0]
    return next((n for n in nodes if n.tag == "body"), root)


def inside(n, tags):
    p = n.parent
    while p is not None:
        if p.tag in tags:
            return True
        p = p.parent
    return False


def dropped(n):
    if n.tag in DROP and not (n.tag == "footer" and inside(n, {"blockquote"})):
        return True
    if n.tag == "header" and not inside(n, {"main", "article"}):
        return True
    return n.attrs.get("role") in ("dialog", "navigation", "complementary") or "hidden" in n.attrs


INLINE = {"a", "em", "strong", "b", "i", "span", "cite", "small", "abbr", "code",
          "q", "sub", "sup", "mark", "time", "u", "bdi", "bdo"}


def texts(n, keep, left):
    """Text of n: kept text into keep ("\n" between blocks), the text of
    each text node of what is left out into left."""
    for k in n.kids:
        if isinstance(k, str):
            keep.append(k)
        elif k.tag in ("title", "head"):
            continue  # the page's title: shown as the title, rightly
        elif dropped(k):
            for d in walk(k):
                left.extend(x for x in d.kids if isinstance(x, str))
        elif k.tag in INLINE:
            texts(k, keep, left)
        else:
            keep.append("\n")
            texts(k, keep, left)
            keep.append("\n")


def outside(root, m, left):
    """The text nodes that are not in m's subtree."""
    if root is m:
        return
    for k in root.kids:
        if isinstance(k, str):
            left.append(k)
        elif k.tag != "head":
            outside(k, m, left)


def norm(s):
    return " ".join(s.split())


def main():
    src = open(sys.argv[1], encoding=sys.argv[3] if len(sys.argv) > 3 else "utf-8").read()
    dump = open(sys.argv[2], encoding="utf-8").read()
    dump = norm(re.sub(r"\[\d+\]", "", dump))
    t = Tree()
    t.feed(src)
    m = find_main(t.root)
    keep, left = [], []
    texts(m, keep, left)
    outside(t.root, m, left)
    bad = 0
    sentences = [x for block in "".join(keep).split("\n")
                 for x in re.split(r"(?<=[.!?])\s+", norm(block)) if x]
    for s in sentences:
        s = norm(s.lstrip("—–- "))
        if s and s not in dump:
            print("missing from the dump: %r" % s)
            bad = 1
    for s in left:
        s = norm(s)
        if len(s) >= 8 and s in dump and s.lower() != "<!doctype html>":
            print("left-out text in the dump: %r" % s)
            bad = 1
    print("%d sentences checked, %d left-out texts" % (len(sentences), len(left)))
    return bad


sys.exit(main())
