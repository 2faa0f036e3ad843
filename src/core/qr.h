/* qr.h - QR codes for a page's external links and telephone numbers,
 * shared by the browser's code screen and --dump --qr: which addresses
 * get a code, the code's modules (libqrencode), and the code as lines of
 * text. No terminal here: the screen decides colours and size.
 *
 * Polarity, everywhere: the text lines are ink on paper. A drawn part of
 * a character (U+2580 upper half, U+2584 lower half, U+2588 full block)
 * is a dark module; a space is a light one. The quiet zone (QR_QUIET
 * light modules on each side, as ISO/IEC 18004 asks) is spaces. */
#ifndef IDM_QR_H
#define IDM_QR_H

#include <stdio.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

/* Light modules around the symbol. */
#define QR_QUIET 4

/* An address a code can be made of: an http(s) link or a telephone
 * number of a page. */
struct qr_target {
	int number;   /* the link's [n] on the page; 0 for a telephone number */
	char *text;   /* the words the page shows for it, made safe (layout) */
	char *uri;    /* what the code holds: printable ASCII only (an
		       * address's other bytes percent-encoded, RFC 3987) */
};

struct qr_targets {
	struct qr_target *v;
	size_t n;
};

/* The addresses of loaded text page p that get codes, in page order:
 * every http(s) link and every telephone number, each address once
 * (its first link's number and text). flags: LAYOUT_* for the text.
 * A menu or an unloaded page has none. */
void qr_targets_of(const struct page *p, int flags, struct qr_targets *out);
/* 1 when loaded text page p has an address that gets a code. */
int qr_has(const struct page *p);
void qr_targets_free(struct qr_targets *t);

/* A QR code's modules. */
struct qr_code {
	int size;             /* modules per side, without the quiet zone */
	int version;          /* 1..40 */
	char level;           /* error correction: 'L', 'M', 'Q' or 'H' */
	unsigned char *dark;  /* size*size, row by row: 1 dark, 0 light */
};

/* Error correction levels, the most robust first. */
enum qr_level { QR_LEVEL_M, QR_LEVEL_L };

/* Encodes `uri` at `level` in the smallest version it fits. Returns 0,
 * or -1 with `e` filled when it is too long for any QR code. */
int qr_encode(const char *uri, enum qr_level level, struct qr_code *out, struct err *e);
void qr_code_free(struct qr_code *c);
/* 1 when module (x, y) is dark; coordinates count the quiet zone
 * (0..size+2*QR_QUIET-1), which is light. */
int qr_dark(const struct qr_code *c, int x, int y);

/* Columns and rows of the half-block drawing at `scale` (each module
 * `scale` columns wide and `scale` half-rows high), quiet zone included. */
int qr_half_cols(const struct qr_code *c, int scale);
int qr_half_rows(const struct qr_code *c, int scale);
/* Row `row` (0..qr_half_rows-1) of that drawing, as UTF-8 with the
 * polarity above, appended to b (no newline). */
void qr_half_row(const struct qr_code *c, int scale, int row, struct buf *b);

/* --dump --qr and printing: after the page's text, each code with its
 * number, words and address, drawn at scale 1 (ink on paper). Under
 * LAYOUT_ASCII, where the block characters cannot be written, the
 * addresses alone with a sentence that says so. */
void qr_dump(FILE *f, const struct page *p, int width, int flags);

#endif
