/* pager.h - the pager: a text page or a menu on screen, the screen at the
 * bottom of the stack and the one scrolling engine for pages and menus.
 * Its state is the ui's `view` (view.h). */
#ifndef IDM_PAGER_H
#define IDM_PAGER_H

struct page;
struct screen;
struct ui;

/* The pager's screen, for the bottom of the stack; it is never freed. */
struct screen *pager_screen(void);
/* Opens page p at the first match of u->query, from where n/N go on;
 * where Back returns to is pushed first. */
void pager_goto_match(struct ui *u, struct page *p);

#endif
