/* bidi.h - right-to-left text for terminals that do not reorder it: the
 * Unicode bidirectional algorithm and Arabic shaping, by GNU FriBidi.
 *
 * The layout wraps a paragraph in logical order (the order it is read and
 * searched in), then asks this module for each line's visual order: the
 * order of the characters on the screen from left to right, Arabic letters
 * in their joined presentation forms, brackets mirrored, a right-to-left
 * paragraph's lines aligned to the right. Core: no terminal here. */
#ifndef IDM_BIDI_H
#define IDM_BIDI_H

#include <stddef.h>

/* The base direction of a paragraph (n bytes of UTF-8) by its first
 * strong character (rules P2 and P3): 1 for right to left, 0 for left to
 * right or when it has no strong character. */
int bidi_paragraph_rtl(const char *s, size_t n);

/* 1 when n bytes of UTF-8 hold a right-to-left or Arabic-number character,
 * so a left-to-right line needs reordering at all. */
int bidi_has_rtl(const char *s, size_t n);

/* One line in visual order. */
struct bidi_line {
	char *text;   /* UTF-8, what the terminal shows from the left */
	size_t len;
	int *log;     /* for each byte of text: the byte offset in the logical
		       * line of the character it shows; -1 for padding */
	int width;    /* columns */
};

/* Reorders n bytes of a logical line (sanitised: no controls) in a
 * paragraph of base direction `rtl`; a right-to-left line is padded on
 * the left to `width` columns. Shaping joins Arabic letters, and a
 * lam-alef ligature shows two logical characters in one column. Bidi
 * marks (U+200E, U+200F, U+061C) are dropped: they only steer the
 * algorithm. Free out with bidi_line_free. */
void bidi_reorder(const char *s, size_t n, int rtl, int width, struct bidi_line *out);
void bidi_line_free(struct bidi_line *b);

enum bidi_mode {
	BIDI_AUTO, /* reorder unless the terminal is known to (bidi_terminal_reorders) */
	BIDI_ON,   /* always reorder */
	BIDI_OFF,  /* never: logical order, for terminals that reorder themselves */
};

/* 1 when the terminal described by the environment is known to reorder
 * right-to-left text itself, so idmview must not: IDMVIEW_BIDI=off says
 * so and IDMVIEW_BIDI=on says not; else mlterm (TERM mlterm*, or MLTERM
 * set, which tmux and screen pass on from the outer terminal) does.
 * Other terminals are taken not to: their support is partial or off by
 * default (VTE needs an escape sequence, Konsole a setting), and a
 * terminal that reorders after idmview did shows the text reversed, which
 * IDMVIEW_BIDI=off or `bidi = off` then fixes. */
int bidi_terminal_reorders(void);

#endif
