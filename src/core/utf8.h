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
/* Columns of a valid UTF-8 string of n bytes (non-printables count 0). */
int utf8_strwidth(const char *s, size_t n);

#endif
