#!/usr/bin/env python3
"""hostile-check.py DIR WIDTH NAME... - checks what idmview printed for
each hostile case (DIR/NAME.out, DIR/NAME.err): no control character
(C0 but newline, DEL, C1, bidi embeddings/overrides/isolates), valid
UTF-8, no line wider than WIDTH where the width is certain, no secret.
Prints "NAME ok" or "NAME WHAT" per case."""
import sys
import unicodedata

d, width, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
SECRET = "TOP-SECRET-5150"
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def bad_char(c):
    o = ord(c)
    return (o < 0x20 and c != "\n") or 0x7F <= o <= 0x9F or o in BIDI


def width_of(line):
    """The line's width, or None when a character's width is uncertain."""
    w = 0
    for c in line:
        o = ord(c)
        if 0x20 <= o < 0x7F:
            w += 1
        elif unicodedata.category(c) == "Mn" or o == 0x200B:
            pass
        elif o == 0xFFFD or o in (0x2014, 0x201C, 0x201D, 0x203A, 0x2026):
            w += 1
        elif unicodedata.east_asian_width(c) == "W" and 0x4E00 <= o <= 0x9FFF:
            w += 2
        else:
            return None
    return w


for name in names:
    problem = None
    for ext in ("out", "err"):
        raw = open("%s/%s.%s" % (d, name, ext), "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            problem = "%s: invalid UTF-8 at byte %d" % (ext, e.start)
            break
        if SECRET in text:
            problem = "%s: the secret file was read" % ext
            break
        for i, c in enumerate(text):
            if bad_char(c):
                problem = "%s: control character U+%04X at %d" % (ext, ord(c), i)
                break
        if problem:
            break
        if ext == "out":
            links = False
            for ln, line in enumerate(text.split("\n"), 1):
                # the Links: list gives each URL whole, to be copied
                links = links or line == "Links:"
                w = None if links else width_of(line)
                if w is not None and w > width:
                    problem = "out: line %d is %d columns, wider than %d" % (ln, w, width)
                    break
                marks = 0
                for c in line:
                    marks = marks + 1 if unicodedata.category(c) in ("Mn", "Me") or ord(c) in (0x200B, 0x200D, 0xFE0F) else 0
                    if marks > 3:
                        problem = "out: line %d has more than 3 zero-width characters in a row" % ln
                        break
                if problem:
                    break
        if problem:
            break
    print(name, problem or "ok")
