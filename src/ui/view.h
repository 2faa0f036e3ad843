/* view.h - the page on screen: its layout, made only as far as the
 * reader has looked and the rest between keys, where the reader is in
 * it, and the matches of the last search. The pager's engine; the
 * session reads and switches it too. */
#ifndef IDM_VIEW_H
#define IDM_VIEW_H

#include <stddef.h>

#include "draw.h"
#include "history.h"
#include "layout.h"
#include "model.h"

struct ui;

/* The page on screen and where the reader is in it: u->view. */
struct view {
	struct page *page;
	struct layout *lay;
	size_t top;          /* first line shown */
	int sel;             /* selected link, -1 for none */
	struct match *matches;
	size_t nmatches, matchcap;
	int cur;             /* current match, -1 for none */
	size_t scanned;      /* lines searched for matches so far */
	/* The reading position kept across resizes: taken at the first
	 * resize and reused while the reader does not scroll, so that
	 * resizing back and forth does not drift line by line. */
	struct place anchor;
	size_t anchor_top;   /* top after the last reflow */
	int anchored;
	/* the page has web addresses or numbers to show as QR codes: found
	 * once when it is laid out, not on every frame (the kiosk's [ QR ]
	 * target asks on each one, and a page may be very long) */
	int has_codes;
};

/* Shows page p at `at` (NULL: its top). Returns 0, or -1 with a
 * status-line message when it cannot be read (the old page stays). */
int view_load(struct ui *u, struct page *p, const struct place *at);
/* view_load, but when there is no page yet to stay on, the home menu. */
void view_open(struct ui *u, struct page *p, const struct place *at);
/* Frees the layout and the matches; the page stays in u->view.page. */
void view_close(struct ui *u);
/* Where the reader is on the page, to come back to. */
struct place view_place(const struct ui *u);
/* Moves the reader to site `s` (after an update), which the ui then owns
 * (the old site is freed): the same page and place when it still exists
 * there, else home. History is mapped by id. Screens holding the old
 * site must be closed first. */
void view_switch_site(struct ui *u, struct site *s);
/* Lays the page out again at the new size, at the same place. */
void view_relayout(struct ui *u);
/* Lays the page out to at least n lines ((size_t)-1: to its end). */
void view_extend(struct ui *u, size_t n);
/* Lays out a little more of a large page; returns 0 when there is
 * nothing left to do. For the input loop, between keystrokes. */
int view_background(struct ui *u);
/* Scrolls by `lines` (negative: up), within the page. */
void view_scroll(struct ui *u, int lines);
/* Scrolls as little as needed to show `line`. */
void view_show_line(struct ui *u, size_t line);
/* The last top line that still fills the screen, of what is laid out. */
size_t view_max_top(const struct ui *u);
/* Finds the matches of u->query again from the first line. */
void view_find_matches(struct ui *u);
int view_is_menu(const struct ui *u);
/* 1 when link `link` is on screen. */
int view_link_visible(const struct ui *u, int link);

#endif
