#!/usr/bin/env python3
"""gencontent.py - a generated content collection, the same text as
idmview XML and as plain HTML, from a fixed seed.

    gencontent.py --out DIR [--html DIR] [--pages N] [--page-kb K]
                  [--big-mb M] [--broken N] [--seed S]

Writes DIR/site.xml (home -> sections of 100 pages -> pages p00001 ...)
and one XML file per page of about K KiB; with --big-mb, one more page
"big" of about M MiB; with --broken N, page N is malformed XML (an
unclosed element) so that a test can see it fail only when opened. With
--html, the same pages as HTML files (pNNNNN.html, big.html). Sentences
come from a pool made with the seed, with a Zipf-like word frequency; a
few marker words are planted at known rates for searches:
"hotline" in 1 page in 100, "intersessional" in 1 in 10 (written with
an accent, "intersessiónal", in a third of those), "Le Conseil a d\u00e9cid\u00e9" in 1 in 50 (among them every
"hotline" page).
"""
import argparse
import os
import random
import sys


def syllable_words(rng, n):
    cons = "bcdfghjklmnprstvwz"
    vow = "aeiou"
    words = set()
    while len(words) < n:
        k = rng.choice((1, 2, 2, 3, 3, 4))
        w = "".join(rng.choice(cons) + rng.choice(vow) for _ in range(k))
        if rng.random() < 0.3:
            w += rng.choice(cons)
        words.add(w)
    return sorted(words)


REAL = ("migration migrants dialogue international organization member states "
        "policy council session workshop cooperation governments health labour "
        "mobility return integration remittances development border data "
        "displacement climate report series partners regional global").split()


def make_pool(rng, nsent=4000):
    vocab = REAL + syllable_words(rng, 3000)
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    pool = []
    for _ in range(nsent):
        k = rng.randint(8, 24)
        ws = rng.choices(vocab, weights, k=k)
        ws[0] = ws[0].capitalize()
        pool.append(" ".join(ws) + ".")
    return pool


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")


def paragraphs(rng, pool, nbytes, markers):
    """Blocks of about nbytes bytes: (kind, text) with kind h, p or li."""
    out, size = [], 0
    first = True
    while size < nbytes or first:
        r = rng.random()
        if r < 0.08:
            t = " ".join(rng.choice(pool).split()[:5]).rstrip(".")
            out.append(("h", t))
        elif r < 0.25:
            for _ in range(rng.randint(2, 5)):
                out.append(("li", rng.choice(pool)))
                size += len(out[-1][1])
        else:
            s = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 8)))
            if first and markers:
                s = markers + " " + s
            first = False
            out.append(("p", s))
        size += len(out[-1][1]) + 10
    return out


def write_page(outdir, htmldir, pid, title, blocks, broken=False):
    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<page id="%s">' % pid]
    h = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>%s</title></head><body>' % esc(title),
         '<h1>%s</h1>' % esc(title)]
    inlist = False
    for kind, text in blocks:
        t = esc(text)
        if kind == "li":
            if not inlist:
                x.append("<list>")
                h.append("<ul>")
                inlist = True
            x.append("<li>%s</li>" % t)
            h.append("<li>%s</li>" % t)
            continue
        if inlist:
            x.append("</list>")
            h.append("</ul>")
            inlist = False
        x.append("<%s>%s</%s>" % (kind, t, kind))
        hk = "h2" if kind == "h" else "p"
        h.append("<%s>%s</%s>" % (hk, t, hk))
    if inlist:
        x.append("</list>")
        h.append("</ul>")
    if broken:
        x.append("<p>this paragraph is never closed")
    x.append("</page>")
    h.append("</body></html>")
    with open(os.path.join(outdir, pid + ".xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(x) + "\n")
    if htmldir:
        with open(os.path.join(htmldir, pid + ".html"), "w", encoding="utf-8") as f:
            f.write("\n".join(h) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--html")
    ap.add_argument("--pages", type=int, default=0)
    ap.add_argument("--page-kb", type=float, default=10)
    ap.add_argument("--big-mb", type=float, default=0)
    ap.add_argument("--broken", type=int, default=0)
    ap.add_argument("--seed", type=int, default=20261128)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pool = make_pool(rng)
    os.makedirs(a.out, exist_ok=True)
    if a.html:
        os.makedirs(a.html, exist_ok=True)

    entries = []  # (id, title)
    for i in range(1, a.pages + 1):
        pid = "p%05d" % i
        m = []
        if i % 100 == 7:
            m.append("Call the hotline.")
        if i % 10 == 3:
            m.append("At the intersessi\u00f3nal workshop" if i % 30 == 3
                     else "At the intersessional workshop")
        if i % 50 == 7:
            m.append("Le Conseil a d\u00e9cid\u00e9.")
        title = "Dialogue %d: %s" % (i, " ".join(rng.choice(pool).split()[:4]).rstrip("."))
        blocks = paragraphs(rng, pool, int(a.page_kb * 1024), " ".join(m))
        write_page(a.out, a.html, pid, title, blocks, broken=(i == a.broken))
        entries.append((pid, title))
    if a.big_mb:
        blocks = paragraphs(rng, pool, int(a.big_mb * 1024 * 1024),
                            "The intersessional hotline of the Conseil.")
        write_page(a.out, a.html, "big", "A very long page", blocks)
        entries.append(("big", "A very long page"))

    s = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<site title="Generated collection" lang="en">',
         '<menu id="home" title="Home">']
    pages = [e for e in entries if e[0] != "big"]
    if any(e[0] == "big" for e in entries):
        s.append('<item page="big"/>')
    for k in range(0, len(pages), 100):
        s.append('<menu id="s%03d" title="Section %d">' % (k // 100 + 1, k // 100 + 1))
        for pid, _ in pages[k:k + 100]:
            s.append('<item page="%s"/>' % pid)
        s.append("</menu>")
    s.append("</menu>")
    for pid, title in entries:
        s.append('<page id="%s" file="%s.xml" title="%s"/>' % (pid, pid, esc(title).replace('"', "&quot;")))
    s.append("</site>")
    with open(os.path.join(a.out, "site.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(s) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
