#!/usr/bin/env python3
"""qr-decode.py - turn the QR codes drawn as text back into images and
decode them with zbarimg, as a phone would read the screen.

Usage: qr-decode.py FILE   (a tmux capture-pane, or --dump --qr output)

Prints one line per code found, in order: what zbarimg decoded, or
"UNDECODED" when it could not read it.

The text is ink on paper (src/core/qr.h): each character cell is one
pixel wide and two pixels high, its drawn part dark:
    ' '  light over light        U+2580 '▀'  dark over light
    U+2584 '▄'  light over dark  U+2588 '█'  dark over dark
The screen draws those characters dark on light (black on white, or
reverse video), so the capture's characters alone give the image.

A line's code part is its longest prefix of those characters (the screen
may put the words beside a code, on its right). A code is a run of lines
whose code part holds a block, or that are blank (the quiet rows); a line
with words and no block in its code part ends a run. Blank edge lines are
dropped. Each pixel is scaled to SCALE x SCALE and a
light margin is added, then the image goes to zbarimg as a PGM file.
"""
import os
import subprocess
import sys
import tempfile

PIX = {" ": (0, 0), "\u2580": (1, 0), "\u2584": (0, 1), "\u2588": (1, 1)}
SCALE = 4
MARGIN = 16  # light pixels around, after scaling


def code_part(line):
    n = 0
    while n < len(line) and line[n] in PIX:
        n += 1
    return line[:n]


def groups(lines):
    """Runs of code lines holding at least one block, blank edges dropped."""
    out, run = [], []
    for line in lines + ["x"]:  # a text line ends the last run
        part = code_part(line)
        if part.strip() or not line.strip():
            run.append(part)
            continue
        while run and not run[-1].strip():
            run.pop()
        while run and not run[0].strip():
            run.pop(0)
        if run:
            out.append(run)
        run = []
    return out


def image(run):
    cols = max(len(line) for line in run)
    w = cols * SCALE + 2 * MARGIN
    h = len(run) * 2 * SCALE + 2 * MARGIN
    rows = [bytearray([255]) * w for _ in range(h)]
    for y, line in enumerate(run):
        for x, ch in enumerate(line):
            for half, dark in enumerate(PIX[ch]):
                if not dark:
                    continue
                for dy in range(SCALE):
                    row = rows[MARGIN + (2 * y + half) * SCALE + dy]
                    x0 = MARGIN + x * SCALE
                    row[x0:x0 + SCALE] = bytes(SCALE)
    return w, h, b"".join(rows)


def decode(run, tmp):
    w, h, data = image(run)
    path = os.path.join(tmp, "code.pgm")
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (w, h))
        f.write(data)
    if os.environ.get("QR_KEEP_IMAGES"):
        n = len(os.listdir(os.environ["QR_KEEP_IMAGES"]))
        with open(os.path.join(os.environ["QR_KEEP_IMAGES"], "code%d.pgm" % n), "wb") as f:
            f.write(b"P5\n%d %d\n255\n" % (w, h) + data)
    r = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    text = r.stdout.decode("utf-8", "replace").rstrip("\n")
    return text if r.returncode == 0 and text else "UNDECODED"


def main():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        lines = [line.rstrip("\n") for line in f]
    with tempfile.TemporaryDirectory() as tmp:
        for run in groups(lines):
            print(decode(run, tmp))


if __name__ == "__main__":
    main()
