/* draw.h - drawing primitives: the theme, screen geometry, a laid-out
 * line with its links and search matches, and interface text clipped,
 * made safe and mirrored for a right-to-left interface. */
#ifndef IDM_DRAW_H
#define IDM_DRAW_H

#include <stddef.h>

#include "layout.h"

struct page;
struct ui;

/* A search match in a layout: line, byte offset and length. */
struct match {
	size_t line, off, len;
};

/* Chooses the theme (THEME_* of configfile.h); an unknown one leaves the
 * default. */
void draw_set_theme(int theme);
/* The attributes of the title and status lines in the theme. */
int draw_bar_attr(void);

/* Screen geometry: the body is the rows between the title and status
 * lines; a margin of one column each side from 40 columns up. */
int ui_rows(void);
int ui_margin(void);
int ui_width(void);

/* Draws a layout line at y, x with its runs' attributes, link `sel_link`
 * selected and the matches of line `lineno` among m[0..nm) marked. */
void ui_draw_line(const struct line *ln, int y, int x, int sel_link,
		  const struct match *m, size_t nm, size_t lineno);

/* How draw_clipped places a text: */
enum {
	CLIP_START = 1,  /* too long: drop its start, not its end (breadcrumbs) */
	ALIGN_RIGHT = 2, /* at the right end of its columns, not the left */
	BASE_RTL = 4,    /* a right-to-left paragraph whatever its first letter
			  * (interface text in a right-to-left language) */
};

/* Text for the chrome lines, made safe like content (LAYOUT_* `flags`)
 * and cut to `cols` columns, placed as `how` says. A cut is shown with an
 * ellipsis, so that a clipped word does not read as a whole one
 * ("Migrati"). */
void draw_clipped(int y, int x, const char *s, int cols, int flags, int how);
/* The bytes of s worth looking at to show its start in `cols` columns:
 * at most UTF8_FIT_BYTES(cols), at a character boundary. Found without
 * walking the rest of s, so it bounds what a caller sanitizes or lays
 * out per frame. */
size_t draw_window(const char *s, int cols);
/* The breadcrumb of page p ("Home > Work > Permits") for `cols` columns,
 * its end shown: only the ancestors and the part of each title that can
 * show are in it, so its cost does not grow with long or many titles.
 * The caller frees it. */
char *draw_crumb(const struct page *p, const char *sep, int cols);
/* Our own text, spaces kept as they are (no folding), in visual order
 * when it holds right-to-left words. */
void draw_raw(int y, int x, const char *s, int flags);

/* 1 when the interface is mirrored: its language is written right to
 * left and idmview does the reordering (LAYOUT_BIDI). Help columns,
 * title and status line then run from the right. */
int ui_chrome_rtl(const struct ui *u);
/* draw_clipped's placement for interface text: mirrored in a
 * right-to-left interface (right-aligned, a right-to-left paragraph). */
int draw_chrome_how(const struct ui *u);
/* Draws interface text (help, messages) at y, x in at most `cols`
 * columns: made safe like content, in visual order when it holds
 * right-to-left words (LAYOUT_BIDI). In a right-to-left interface it is
 * a right-to-left paragraph at the right end of those columns.
 * Attributes as set by the caller. */
void ui_put_text(const struct ui *u, int y, int x, const char *s, int cols);

#endif
