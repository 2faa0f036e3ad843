/* flat.h - inside the layout (core only): a block flattened to one
 * string with the attributes and links of its runs, and its word wrap
 * into display lines. layout.c lays out pages, menus and blocks with it;
 * nothing outside src/core/layout*.c and flat.c needs it. */
#ifndef IDM_FLAT_H
#define IDM_FLAT_H

#include <stddef.h>

#include "layout.h"
#include "util.h"

/* From byte `off` of a flat's text on, until the next run: one attribute
 * and one link. */
struct frun {
	size_t off;
	unsigned char attr;
	int link;
};

/* A block flattened to one string, with its runs (in order, the first at
 * 0, no two neighbours alike), ready to be wrapped. Runs, not an
 * attribute and a link per byte: a paragraph of 20 MB took 100 MB more
 * that way. */
struct flat {
	struct buf text;
	struct frun *runs;
	size_t nruns, cap;
};

/* Appends n bytes of s as they are (already safe), each with attr and
 * link (-1: none). */
void flat_append(struct flat *f, const char *s, size_t n, unsigned attr, int link);

/* Drops the spaces at the end of f's text, none before byte floor. */
void flat_trim(struct flat *f, size_t floor);

/* Empties f for the next block, keeping its memory. */
void flat_reset(struct flat *f);

/* Frees what f holds; f may then be reset and reused. */
void flat_free(struct flat *f);

/* Appends inline text to f, sanitised. */
void flat_text(struct flat *f, const char *s, unsigned attr, int link, int flags, int *space);

/* Appends a literal of our own (a bullet, a quotation mark): `utf8`, or
 * `ascii` under LAYOUT_ASCII. */
void flat_lit(struct flat *f, const char *utf8, const char *ascii, unsigned attr,
		     int link, int flags, int *space);

/* A new empty line at the end of l, for block `block` at byte `boff`. */
struct line *flat_new_line(struct layout *l, int block, size_t boff);

/* Adds a run of attributes to ln. */
void flat_line_run(struct line *ln, size_t off, size_t len, unsigned attr, int link);

/* A blank line, unless the last line is already blank. */
void flat_blank_line(struct layout *l);

/* Greedy word wrap of f into lines of `width` columns; the first line
 * starts with `first`, the rest with `rest` (same width: hanging indent).
 * Lines of one block get increasing boffs: a block wrapped in two parts
 * (a quotation and its source) passes the first part's length as
 * `base_off` for the second, so layout_find never mistakes one for the
 * other. */
void flat_wrap_at(struct layout *l, const struct flat *f, const char *first, const char *rest,
		    unsigned prefix_attr, int block, size_t base_off);

/* flat_wrap_at with base_off 0. */
void flat_wrap(struct layout *l, const struct flat *f, const char *first, const char *rest,
		 unsigned prefix_attr, int block);

#endif
