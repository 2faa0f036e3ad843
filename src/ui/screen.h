/* screen.h - the browser's screens as a stack. Each screen (pager, search
 * results, language, help) fills in a struct screen_ops; the loop draws
 * the screen on top and gives it the keys. A screen never calls another:
 * it opens or closes one by what its action returns, and dispatch.c
 * carries that out. */
#ifndef IDM_SCREEN_H
#define IDM_SCREEN_H

#include <stddef.h>

#include "actions.h"

struct ui;
struct page;
struct screen;

/* What a screen made of an action or a click. */
enum screen_verb {
	SCREEN_DONE,            /* handled; the screen stays */
	SCREEN_CLOSE,           /* handled; close this screen */
	SCREEN_PASS,            /* close this screen; the one below gets the action */
	SCREEN_NOT_MINE,        /* the browser's: help, language, search all, quit */
	SCREEN_OPEN_LANGUAGE,   /* open the language screen over this one */
	SCREEN_CHOOSE_LANGUAGE, /* close this screen, then read in `lang` */
	SCREEN_OPEN_MATCH,      /* close this screen, then open `page` at the
				 * first match of the ui's query */
};

struct screen_result {
	enum screen_verb verb;
	const char *lang;  /* SCREEN_CHOOSE_LANGUAGE: a code that outlives the screen */
	struct page *page; /* SCREEN_OPEN_MATCH */
};

/* When the accessible mode speaks for a screen. */
enum screen_event {
	SCREEN_OPENED,
	SCREEN_MOVED,  /* its focus() changed */
	SCREEN_CLOSED, /* the screen is gone: `s` is NULL */
};

/* A screen's operations. draw and action are required; a NULL one is
 * "not this screen's business": the chrome then asks the screen below. */
struct screen_ops {
	/* Draws the body (the rows between the title and status lines) and
	 * leaves the cursor where a screen reader should read. */
	void (*draw)(struct ui *u, struct screen *s);
	struct screen_result (*action)(struct ui *u, struct screen *s, enum action a);
	/* A tap or click at screen row y, column x. */
	struct screen_result (*click)(struct ui *u, struct screen *s, int y, int x);
	/* The mouse wheel: dir -1 up, 1 down. */
	void (*wheel)(struct ui *u, struct screen *s, int dir);
	/* Its lines and the first one shown, for "page 2/5". */
	void (*lines)(struct ui *u, struct screen *s, size_t *top, size_t *n);
	/* The title line's text. */
	const char *(*title)(const struct ui *u, const struct screen *s);
	/* The status line's text instead of page numbers. */
	const char *(*hint)(const struct ui *u, const struct screen *s);
	/* Where the reader is, for the status line (a new string); *iface is
	 * set when it is interface text rather than content. */
	char *(*where)(const struct ui *u, const struct screen *s, int *iface);
	/* The terminal changed size. */
	void (*resize)(struct ui *u, struct screen *s);
	/* A slice of work between keys; returns 0 when there is none left. */
	int (*background)(struct ui *u, struct screen *s);
	/* The focused row, which the accessible mode reads out when it moves. */
	size_t (*focus)(const struct screen *s);
	/* Says (ui_message) what the accessible mode tells at `ev`. */
	void (*say)(struct ui *u, struct screen *s, enum screen_event ev);
	/* Frees what the screen holds; the stack then frees the screen,
	 * which must have been allocated with xcalloc (all but the pager,
	 * which is never closed). */
	void (*close)(struct ui *u, struct screen *s);
	/* It points into the site's pages: closed when the content or its
	 * language changes. */
	int holds_site;
	/* Nothing around it may change while it is on top (a QR code being
	 * scanned): no progress line, no kiosk state on the title line. */
	int still;
	/* Actions whose keys mean them, not the table's first meaning of
	 * the same key, while this screen is on top (ACT_NONE ends it). */
	const enum action *own_keys;
};

/* Every screen starts with this; a screen's file casts back to its own
 * struct. */
struct screen {
	const struct screen_ops *ops;
};

/* Puts s on top; a screen of the same kind on top is closed first (new
 * results replace the old). */
void screen_push(struct ui *u, struct screen *s);
/* Closes the screen on top, unless it is the pager at the bottom. */
void screen_pop(struct ui *u);
/* Closes every screen over the pager. */
void screen_pop_to_base(struct ui *u);
/* Closes every screen that holds_site, wherever it is in the stack. */
void screen_close_holding_site(struct ui *u);
/* A click operation for screens that any tap closes. */
struct screen_result screen_click_closes(struct ui *u, struct screen *s, int y, int x);
struct screen *screen_top(const struct ui *u);
/* The terminal changed size: every screen on the stack follows. */
void screen_resize_all(struct ui *u);
struct screen *screen_base(const struct ui *u);
/* The optional operations the chrome and the mouse look for. */
enum screen_op { SCREEN_OP_LINES, SCREEN_OP_TITLE, SCREEN_OP_HINT, SCREEN_OP_WHERE,
		 SCREEN_OP_WHEEL };
/* The topmost screen that has operation `op`, or NULL. */
struct screen *screen_with(const struct ui *u, enum screen_op op);

#endif
