/* utf8.h - decoding, encoding and display width of UTF-8 text.
 * Widths do not depend on the process locale: they are taken in a
 * C.UTF-8 locale of their own, so --dump gives the same lines whatever
 * LANG says. */
#ifndef IDM_UTF8_H
#define IDM_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the sequence at s (n > 0 bytes available). Returns its length
 * in bytes (1-4). An invalid, overlong, surrogate or truncated sequence
 * gives UTF8_REPLACEMENT and length 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Columns cp takes: 0 (combining, zero width), 1, 2; -1 when it has no
 * printable form. */
int utf8_width(uint32_t cp);
/* Columns of a valid UTF-8 string of n bytes (non-printables count 0).
 * Its cost grows with n: to draw a part of a long text, use utf8_fit. */
int utf8_strwidth(const char *s, size_t n);

/* The most bytes utf8_fit and utf8_fit_end look at for `cols` columns:
 * room for a base letter and a few combining marks in every column, so
 * that a text of zero-width characters cannot make them walk far. */
#define UTF8_FIT_BYTES(cols) ((size_t)((cols) > 0 ? (cols) : 0) * 16 + 64)

/* The bytes of the longest start of s[0..n) (it also ends at a NUL) that
 * takes at most `cols` columns, in whole characters; its width in *width
 * (may be NULL). It looks at no more than UTF8_FIT_BYTES(cols) bytes
 * (plus one character), whatever n is: the cost of drawing a text is
 * bounded by the screen, not by the text. n may be SIZE_MAX for a
 * NUL-terminated string. */
size_t utf8_fit(const char *s, size_t n, int cols, int *width);
/* The same from the end of s[0..n): the offset where the longest end of
 * s that takes at most `cols` columns starts, in whole characters. It
 * looks at no more than UTF8_FIT_BYTES(cols) bytes before the end. */
size_t utf8_fit_end(const char *s, size_t n, int cols, int *width);

#endif
