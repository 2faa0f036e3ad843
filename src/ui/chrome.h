/* chrome.h - the title and status lines around every screen: the status
 * message, page numbers, a kiosk's touch targets, and what the accessible
 * mode says when something changes. */
#ifndef IDM_CHROME_H
#define IDM_CHROME_H

#include <stddef.h>

struct ui;
struct page;
struct screen_ops;

/* Draws the whole terminal: the screen on top in the title and status
 * lines (or, when the terminal is too small, a message saying so), and
 * remembers a kiosk's touch targets in u->targets. */
void chrome_draw_screen(struct ui *u);

/* What the reader sees, to tell what changed. */
struct chrome_state {
	const struct page *page;
	int sel;
	size_t top;
	size_t depth;                /* screens open */
	const struct screen_ops *on_top;
	size_t focus;                /* the top screen's focus() */
};

struct chrome_state chrome_state(const struct ui *u);
/* Accessible mode: says on the status line, in words, what changed since
 * `was`, unless something already said more (an error, a search). */
void chrome_announce(struct ui *u, const struct chrome_state *was);

#endif
