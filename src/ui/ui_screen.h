/* ui_screen.h - what the browser's screens share (ui.c, pager.c, help.c).
 * Not for core code: it knows the terminal. */
#ifndef IDM_UI_SCREEN_H
#define IDM_UI_SCREEN_H

#include <stddef.h>

#include "actions.h"
#include "history.h"
#include "layout.h"
#include "model.h"
#include "ui.h"
#include "util.h"

/* A search match in the current layout. */
struct match {
	size_t line, off, len;
};

/* The page on screen and where the reader is in it. */
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
};

struct update;
struct searchview;

struct ui {
	struct site *site;
	int flags;
	const struct ui_opts *opts;
	struct update *upd;  /* a running update, or NULL */
	struct view view;
	struct history hist;
	char query[256];     /* the last search */
	char msg[512];       /* shown on the status line until the next key */
	int help;            /* the help screen is open */
	size_t help_top;
	int lang_open;       /* the language screen is open */
	size_t lang_sel;
	char lang[36];       /* the reader's language (content and interface) */
	char start_lang[36]; /* the language the program started in */
	int accessible;      /* --accessible: plain screens, announcements */
	struct searchview *sv; /* the search results, or NULL when closed */
	int quit;

	/* kiosk mode (cfg->kiosk): see ui.c */
	int kiosk;
	long last_input;     /* monotonic ms of the last key or click */
	int idle;            /* the visit was forgotten since the last input */
	long next_check;     /* monotonic ms of the next background check */
	int pending;         /* an installed update waits to be shown */
	long offline_since;  /* wall-clock time of the first failed check, or 0 */
	size_t admin_pos;    /* keys of admin_exit typed so far */
	struct target {      /* touch targets on the bottom line */
		int x0, x1;
		enum action act;
	} targets[4];
	int ntargets;
	int mouse_down;      /* a button-1 press was seen, its release not */
};

/* Screen geometry: the body is the rows between the title and status
 * lines; a margin of one column each side from 40 columns up. */
int ui_rows(void);
int ui_margin(void);
int ui_width(void);

/* Sets the status-line message (sanitised before it is shown). */
void ui_message(struct ui *u, const char *fmt, ...) IDM_PRINTF(2, 3);
/* The keys bound to an action, for messages and help ("Down, j"). */
const char *ui_keys(enum action a, char *buf, size_t n);
/* Draws interface text (help, messages) at y, x in at most `cols`
 * columns: made safe like content, in visual order when it holds
 * right-to-left words (LAYOUT_BIDI). In a right-to-left interface
 * (ui_chrome_rtl) it is a right-to-left paragraph at the right end of
 * those columns. Attributes as set by the caller. */
void ui_put_text(const struct ui *u, int y, int x, const char *s, int cols);
/* 1 when the interface is mirrored: its language is written right to
 * left and idmview does the reordering (LAYOUT_BIDI). Help columns,
 * title and status line then run from the right. */
int ui_chrome_rtl(const struct ui *u);
/* Asks for a line of text on the status line; returns 0 and fills buf,
 * or -1 when the user cancels (Escape, Ctrl-G) or the size is too small. */
int ui_prompt(struct ui *u, const char *label, char *buf, size_t n);
/* Forgets the visit (history, search, scroll, selection, help) and shows
 * the home menu at the top: a kiosk's idle reset. */
void ui_forget_visit(struct ui *u);
/* Draws `text` (n bytes, a layout line) at y, x with the given runs. */
void ui_draw_line(const struct line *ln, int y, int x, int sel_link,
		  const struct match *m, size_t nm, size_t lineno);

/* pager.c: the one scrolling engine, for text pages and menus. */
/* Moves the reader to site `s` (after an update): the same page and
 * place when it still exists there, else home. History is mapped by id. */
void pager_switch_site(struct ui *u, struct site *s);
void pager_open(struct ui *u, struct page *p, const struct place *at);
void pager_close(struct ui *u);
void pager_relayout(struct ui *u);
void pager_draw(struct ui *u);
void pager_action(struct ui *u, enum action a);
void pager_click(struct ui *u, int y, int x);
void pager_scroll(struct ui *u, int lines);
/* Lays out a little more of a large page; returns 0 when there is
 * nothing left to do. For the input loop, between keystrokes. */
int pager_background(struct ui *u);
struct place pager_place(const struct ui *u);

/* The reader's language, for the interface and the content at once: the
 * page on screen is shown again in it, at the same place. */
void ui_set_language(struct ui *u, const char *code);
/* Back to the language the program started in: for a kiosk's idle
 * reset, which ends a visit. */
void ui_reset_language(struct ui *u);

/* language.c: the language screen. */
void language_open(struct ui *u);
void language_draw(struct ui *u);
/* The text of choice i of the language screen, for announcements. */
void language_entry(const struct ui *u, size_t i, char *buf, size_t n);
void language_action(struct ui *u, enum action a);
/* Opens page p at the first match of u->query, from where n/N go on;
 * where Back returns to is pushed first. */
void pager_goto_match(struct ui *u, struct page *p);

/* searchview.c: the results of a search across all pages. searchview_open
 * prompts, searches and opens the list (or leaves a message when nothing
 * matches); the others act while u->sv is set. */
void searchview_open(struct ui *u);
void searchview_close(struct ui *u);
void searchview_draw(struct ui *u);
void searchview_action(struct ui *u, enum action a);
void searchview_click(struct ui *u, int y);

/* help.c: the key list, from the same table that dispatches keys. */
void help_draw(struct ui *u);
void help_action(struct ui *u, enum action a);
/* The number of lines of the help screen at the current size. */
size_t help_count(struct ui *u);

#endif
