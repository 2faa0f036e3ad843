#!/usr/bin/env python3
"""bench-peers.py - idmview against the terminal readers (`make bench`).

Generates with a fixed seed (tests/bench/gencontent.py) the same content as
idmview XML and as plain HTML: the bundled site's dialogue page, one
20 MB page and collections of 100, 1,000 and 10,000 pages (1, 10 and
~100 MB). Then, in one run and on the same machine:

  * --dump against `w3m -dump` and `lynx -dump`, --search against
    `grep -rci`: wall time (median of RUNS runs) and peak RSS (from
    wait4's rusage), and the ratio idmview/peer;
  * through a real terminal (tmux, 80x24): time to the first screen, to
    the end of the 20 MB page (G), and of a search, for idmview and less;
    the time is from the command (or the key) to the first capture of the
    pane that shows the expected text, polled every millisecond or so,
    so each figure includes a few ms of tmux round trips, for both;
  * growth of time and memory from 1 to 10 to 100 MB.

Prints a table with each figure next to its goal; a missed
goal says MISSED (goals of issues 5, 12 and 13). Nothing is tuned to pass. Exit 0 when it ran.
Environment: BENCH_RUNS (default 5), BENCH_TUI_RUNS (default 3),
BENCH_KEEP=DIR keeps the generated content there (and reuses it).
"""
import atexit
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

SRC = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(SRC))
BUILD = os.path.abspath(os.environ.get("top_builddir", "."))
IDMVIEW = os.path.join(BUILD, "src", "idmview")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TUI_RUNS = int(os.environ.get("BENCH_TUI_RUNS", "3"))
ENV = dict(os.environ, LC_ALL="C.UTF-8", LESSOPEN="", LESSCLOSE="", LESS="",
           HOME=tempfile.gettempdir(), COLUMNS="80")
ENV.pop("IDMVIEW_DATA_DIR", None)


RSS_DIR = tempfile.mkdtemp(prefix="idmbench.")
atexit.register(shutil.rmtree, RSS_DIR, True)


def die(msg):
    print("bench: " + msg, file=sys.stderr)
    sys.exit(2)


def run_once(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one run. The RSS is what
    /usr/bin/time reports: wait4's own ru_maxrss for a child forked from
    this script would count the script's copy before exec (about 17 MiB
    of Python), which hid everything under it."""
    rss_file = os.path.join(RSS_DIR, "rss")
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, stdout=stdout,
                         stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=ENV)
    p.wait()
    t = time.perf_counter() - t0
    if p.returncode not in (0, 1):  # grep -c exits 1 when it counts none
        die("%s exited %d" % (" ".join(cmd), p.returncode))
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return t, rss


def measure(cmd, runs=None):
    """Median wall ms, median peak RSS MiB, and every run's ms."""
    runs = runs or RUNS
    ts, ms = [], []
    for _ in range(runs):
        t, m = run_once(cmd)
        ts.append(t * 1000)
        ms.append(m / 1024)
    return statistics.median(ts), statistics.median(ms), ts


# --- tmux ---------------------------------------------------------------

class Tmux:
    def __init__(self, tmpdir):
        self.sock = os.path.join(tmpdir, "tmux.sock")

    def tm(self, *args, check=False):
        return subprocess.run(["tmux", "-S", self.sock] + list(args), env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              check=check, text=True).stdout

    def start(self, cmd):
        self.tm("kill-server")
        for _ in range(100):
            r = subprocess.run(["tmux", "-S", self.sock, "-f", "/dev/null", "new-session", "-d",
                                "-x", "80", "-y", "24", cmd + "; sleep 60"], env=ENV,
                               stderr=subprocess.DEVNULL)
            if r.returncode == 0:
                return
            time.sleep(0.02)
        die("tmux will not start")

    def wait(self, pattern, t0, timeout=30):
        """Seconds from t0 until the pane matches pattern."""
        rx = re.compile(pattern)
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if rx.search(self.tm("capture-pane", "-p")):
                return time.perf_counter() - t0
        die("timed out waiting for /%s/ on the screen:\n%s" % (pattern, self.tm("capture-pane", "-p")))

    def keys(self, *k):
        self.tm("send-keys", *k)

    def stop(self):
        self.tm("kill-server")


def tui(tmx, cmd, steps, runs=None):
    """Runs cmd in tmux `runs` times; steps is a list of (keys, pattern,
    timed) — keys sent (None: none), then wait for pattern; timed steps are
    measured from the start (0) or from the keys. Returns the median ms of
    each timed step."""
    runs = runs or TUI_RUNS
    out = {}
    for _ in range(runs):
        t0 = time.perf_counter()
        tmx.start(cmd)
        for name, keys, pattern, from_launch in steps:
            t = time.perf_counter()
            if keys:
                tmx.keys(*keys)
            dt = tmx.wait(pattern, t0 if from_launch else t)
            if name:
                out.setdefault(name, []).append(dt * 1000)
        tmx.stop()
    return {k: statistics.median(v) for k, v in out.items()}


# --- content ------------------------------------------------------------

def xml_to_html(src, dst, title):
    """The bundled page as the plain HTML a web server would give w3m."""
    root = ET.parse(src).getroot()

    def inline(e):
        s = (e.text or "")
        for c in e:
            s += inline(c) + (c.tail or "")
        if e.tag == "link":
            return '<a href="%s">%s</a>' % (e.get("href") or e.get("page") + ".html", s)
        return s

    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>" % title,
           "<h1>%s</h1>" % title]
    for e in root:
        if e.tag == "p":
            out.append("<p>%s</p>" % inline(e))
        elif e.tag == "h":
            out.append("<h2>%s</h2>" % inline(e))
        elif e.tag == "quote":
            out.append("<blockquote><p>%s</p><p>%s</p></blockquote>" % (inline(e), e.get("source") or ""))
        elif e.tag in ("list", "figures"):
            out.append("<ul>" + "".join("<li>%s %s</li>" % (li.get("value") or "", inline(li)) for li in e) + "</ul>")
    out.append("</body></html>")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def generate(work):
    gen = os.path.join(SRC, "gencontent.py")
    todo = [("big", ["--big-mb", "20"]), ("c100", ["--pages", "100"]), ("c1k", ["--pages", "1000"]),
            ("c10k", ["--pages", "10000"]), ("p1", ["--big-mb", "1"]), ("p10", ["--big-mb", "10"])]
    for name, args in todo:
        d = os.path.join(work, name)
        if os.path.exists(os.path.join(d, "xml", "site.xml")):
            continue
        subprocess.run([sys.executable, gen, "--out", os.path.join(d, "xml"), "--html",
                        os.path.join(d, "html"), "--page-kb", "10"] + args, check=True)
    os.makedirs(os.path.join(work, "bundled"), exist_ok=True)
    xml_to_html(os.path.join(TOP, "data", "idm.xml"), os.path.join(work, "bundled", "idm.html"),
                "International Dialogue on Migration")
    # the texts less reads: the 20 MB page as idmview prints it, and the
    # whole collection's HTML in one file
    big_txt = os.path.join(work, "big.txt")
    if not os.path.exists(big_txt):
        with open(big_txt, "w") as f:
            subprocess.run([IDMVIEW, "-d", os.path.join(work, "big", "xml"), "--dump", "--width=78", "big"],
                           stdout=f, env=ENV, check=True)
    all_html = os.path.join(work, "c10k.html")
    if not os.path.exists(all_html):
        hd = os.path.join(work, "c10k", "html")
        with open(all_html, "wb") as out:
            for n in sorted(os.listdir(hd)):
                with open(os.path.join(hd, n), "rb") as f:
                    shutil.copyfileobj(f, out)
    return big_txt, all_html


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(path, n)) for n in os.listdir(path))


# --- the table ----------------------------------------------------------

rows = []
notes = []


def row(figure, ours, peer, unit, goal_ratio=None, goal_abs=None, goal_text=""):
    """goal_ratio: ours/peer must be <= it; goal_abs: ours <= it."""
    ratio = ours / peer if peer else None
    if goal_ratio is not None:
        met = ratio is not None and ratio <= goal_ratio
    elif goal_abs is not None:
        met = ours <= goal_abs
    else:
        met = None
    rows.append((figure, fmt(ours, unit), fmt(peer, unit) if peer else "", 
                 "%.2f" % ratio if ratio is not None else "", goal_text,
                 "" if met is None else ("met" if met else "MISSED")))


def fmt(v, unit):
    if unit == "x":
        return "%.2fx" % v
    if unit == "ms":
        return "%.1f ms" % v if v < 100 else "%.0f ms" % v
    return "%.1f MiB" % v


def main():
    if not os.access(IDMVIEW, os.X_OK):
        die("build first (make): no %s" % IDMVIEW)
    for tool in ("w3m", "lynx", "less", "grep", "tmux"):
        if not shutil.which(tool):
            die("%s missing (run ./bootstrap)" % tool)
    started = time.time()
    keep = os.environ.get("BENCH_KEEP")
    work = keep or tempfile.mkdtemp(prefix="idmbench.")
    os.makedirs(work, exist_ok=True)
    try:
        big_txt, all_html = generate(work)
        bench(work, big_txt, all_html)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    print("elapsed: %.0f s" % (time.time() - started))


def bench(work, big_txt, all_html):
    D = lambda *p: os.path.join(work, *p)
    data = os.path.join(TOP, "data")
    tmx = Tmux(work)

    # 1. a bundled page
    i_ms, i_mib, _ = measure([IDMVIEW, "-d", data, "--dump", "idm"])
    w_ms, w_mib, _ = measure(["w3m", "-dump", D("bundled", "idm.html")])
    l_ms, l_mib, _ = measure(["lynx", "-dump", "-nolist", D("bundled", "idm.html")])
    row("--dump bundled page vs w3m -dump", i_ms, w_ms, "ms", goal_ratio=0.5, goal_text="<= 0.50x w3m")
    row("--dump bundled page vs lynx -dump", i_ms, l_ms, "ms")

    # 2. the 20 MB page
    big = [IDMVIEW, "-d", D("big", "xml"), "--dump", "big"]
    i_ms, i_mib, i_runs = measure(big)
    l_ms, l_mib, _ = measure(["lynx", "-dump", "-nolist", D("big", "html", "big.html")], runs=min(RUNS, 3))
    w_ms, w_mib, _ = measure(["w3m", "-dump", D("big", "html", "big.html")], runs=min(RUNS, 3))
    row("--dump 20 MB page vs lynx -dump: time", i_ms, l_ms, "ms", goal_ratio=0.15, goal_text="<= 0.15x lynx")
    row("--dump 20 MB page vs lynx -dump: peak RSS", i_mib, l_mib, "MiB", goal_abs=20,
        goal_text="<= 20 MiB")
    row("--dump 20 MB page vs w3m -dump: time", i_ms, w_ms, "ms")
    row("--dump 20 MB page vs w3m -dump: peak RSS", i_mib, w_mib, "MiB")
    text_mib = os.path.getsize(big_txt) / 1048576
    _, base_mib, _ = measure([IDMVIEW, "-d", data, "--dump", "idm"])
    row("--dump 20 MB page: peak RSS vs 1.5x text + base", i_mib, None, "MiB",
        goal_abs=1.5 * text_mib + base_mib,
        goal_text="<= %.0f MiB" % (1.5 * text_mib + base_mib))
    notes.append("20 MB page: %.1f MiB of text (as --dump prints it), %.1f MiB of XML; "
                 "base = peak RSS of --dump of a bundled page, %.1f MiB" %
                 (text_mib, du(D("big", "xml", "big.xml")) / 1048576, base_mib))

    # 3. search over the 10,000-page collection
    i_ms, i_mib, _ = measure([IDMVIEW, "-d", D("c10k", "xml"), "--search=hotline"])
    g_ms, g_mib, _ = measure(["grep", "-rlci", "hotline", D("c10k", "xml")])
    row("--search 100 MB collection vs grep -rlci", i_ms, g_ms, "ms", goal_ratio=0.1,
        goal_text="<= 0.10x grep")
    row("--search 100 MB collection: peak RSS", i_mib, g_mib, "MiB")
    notes.append("collection: 10,000 pages, %.0f MiB of XML, %.0f MiB of HTML; query 'hotline' "
                 "(in 100 pages)" % (du(D("c10k", "xml")) / 1048576, du(D("c10k", "html")) / 1048576))

    # 4. through the terminal
    home = r"Section 1"
    t = tui(tmx, "%s -d %s" % (IDMVIEW, data), [("first", None, r"IOM Today", True)])
    tl = tui(tmx, "less %s" % D("bundled", "idm.html"), [("first", None, r"International Dialogue", True)])
    row("first screen, bundled site vs less", t["first"], tl["first"], "ms", goal_ratio=1.0,
        goal_text="<= less")
    t = tui(tmx, "%s -d %s" % (IDMVIEW, D("c10k", "xml")), [("first", None, home, True)])
    tl = tui(tmx, "less %s" % all_html, [("first", None, r"DOCTYPE", True)])
    row("first screen, 10,000 pages vs less", t["first"], tl["first"], "ms", goal_ratio=2.0,
        goal_text="<= 2x less")
    end_i = r"page (\d+)/\1 "
    t = tui(tmx, "%s -d %s big" % (IDMVIEW, D("big", "xml")),
            [("open", None, r"A very long page", True),
             ("end0", ("G",), end_i, True),
             (None, ("g",), r"page 1/", False),
             ("end1", ("G",), end_i, False),
             (None, ("g",), r"page 1/", False),
             ("search", ("/", "zzqqxx", "Enter"), r"Not found", False)])
    tl = tui(tmx, "less %s" % big_txt,
             [("open", None, r"A very long page", True),
              ("end0", ("G",), r"\(END\)", True),
              (None, ("g",), r"A very long page", False),
              ("end1", ("G",), r"\(END\)", False),
              (None, ("g",), r"A very long page", False),
              ("search", ("/zzqqxx", "Enter"), r"Pattern not found", False)])
    row("20 MB page: first screen vs less", t["open"], tl["open"], "ms", goal_ratio=2.0,
        goal_text="<= 2x less")
    row("20 MB page: end (G) from opening", t["end0"], tl["end0"], "ms", goal_abs=200,
        goal_text="< 200 ms")
    row("20 MB page: end (G) once laid out", t["end1"], tl["end1"], "ms", goal_abs=15,
        goal_text="< 15 ms")
    row("20 MB page: search, no match (/)", t["search"], tl["search"], "ms")
    t = tui(tmx, "%s -d %s" % (IDMVIEW, D("c10k", "xml")),
            [(None, None, home, True),
             ("search", ("s", "hotline", "Enter"), r"100 pages for", False)])
    row("interactive search, 100 MB vs grep -rci", t["search"], g_ms, "ms", goal_ratio=2.0,
        goal_text="<= 2x grep")

    # 5. growth
    grow = []
    for name, mb in (("c100", 1), ("c1k", 10), ("c10k", 100)):
        ms_, mib_, _ = measure([IDMVIEW, "-d", D(name, "xml"), "--search=hotline"])
        g_, _, _ = measure(["grep", "-rci", "hotline", D(name, "xml")])
        grow.append(("--search", mb, ms_, mib_, g_))
    for name, mb in (("p1", 1), ("p10", 10), ("big", 20)):
        ms_, mib_, _ = measure([IDMVIEW, "-d", D(name, "xml"), "--dump", "big"])
        l_, _, _ = measure(["lynx", "-dump", "-nolist", D(name, "html", "big.html")], runs=min(RUNS, 3))
        grow.append(("--dump", mb, ms_, mib_, l_))
    s = [g for g in grow if g[0] == "--search"]
    row("--search growth 10 -> 100 MB: time", s[2][2] / s[1][2], None, "x", goal_abs=11,
        goal_text="<= 11x (linear)")
    row("--search growth 10 -> 100 MB: peak RSS", s[2][3] / s[1][3], None, "x", goal_abs=11,
        goal_text="<= 11x (linear)")
    d = [g for g in grow if g[0] == "--dump"]
    row("--dump growth 10 -> 20 MB: time", d[2][2] / d[1][2], None, "x", goal_abs=2.2,
        goal_text="<= 2.2x (linear)")
    row("--dump 1 MB -> 20 MB: peak RSS grows by", d[2][3] - d[0][3], None, "MiB", goal_abs=2,
        goal_text="<= 2 MiB (flat)")
    libs = subprocess.run(["ldd", IDMVIEW], capture_output=True, text=True).stdout
    names = [l.split()[0] for l in libs.splitlines() if l.strip()]
    notes.append("ldd src/idmview: %d entries: %s" % (len(names), " ".join(names)))

    print("idmview against the terminal readers (median of %d runs; terminal figures: "
          "median of %d, through tmux 80x24)" % (RUNS, TUI_RUNS))
    vers = []
    for cmd in (["w3m", "-version"], ["lynx", "-version"], ["less", "--version"], ["grep", "--version"],
                ["tmux", "-V"]):
        o = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=ENV).stdout.splitlines()
        vers.append(o[0].split(",")[0] if o else cmd[0])
    print("machine: %s, %d CPUs, Linux %s; %s" % (platform.machine(), os.cpu_count(),
                                                platform.release(), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
    print("peers: " + "; ".join(vers))
    print()
    w = [max(len(r[i]) for r in rows + [("figure", "idmview", "peer", "ratio", "goal", "result")])
         for i in range(6)]
    hdr = ("figure", "idmview", "peer", "ratio", "goal", "result")
    print(" | ".join(h.ljust(w[i]) if i == 0 else h.rjust(w[i]) for i, h in enumerate(hdr)))
    print("-+-".join("-" * x for x in w))
    for r in rows:
        print(" | ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(r)))
    print()
    print("growth (median ms, peak RSS MiB; the peer is grep -rci for --search, lynx -dump for --dump):")
    for what, mb, ms_, mib_, peer in grow:
        print("  %-8s %4d MB: %8.1f ms %7.1f MiB   peer %8.1f ms" % (what, mb, ms_, mib_, peer))
    for n in notes:
        print("note: " + n)
    print("note: 'x' rows are ratios (figure at the larger size / at the smaller); the 10% "
          "over linear allows for noise; the page growth stops at 20 MB because the loader "
          "refuses files over 64 MiB")


if __name__ == "__main__":
    main()
