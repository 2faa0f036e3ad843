/* pager.h - the pager: a text page or a menu on screen, the screen at the
 * bottom of the stack and the one scrolling engine for pages and menus.
 * Its state is the ui's `view`, which the chrome and a kiosk read too. */
#ifndef IDM_PAGER_H
#define IDM_PAGER_H

struct page;
struct place;
struct screen;
struct site;
struct ui;

/* The pager's screen, for the bottom of the stack; it is never freed. */
struct screen *pager_screen(void);
/* Shows page p at `at` (NULL: its top); when it cannot be read, a
 * message says why and the page on screen stays, or, when there is none
 * yet, the home menu is shown. */
void pager_open(struct ui *u, struct page *p, const struct place *at);
/* Frees the page's layout and matches; the page stays in u->view.page. */
void pager_close(struct ui *u);
/* Where the reader is on the page, to come back to. */
struct place pager_place(const struct ui *u);
/* Moves the reader to site `s` (after an update), which the ui then owns
 * (the old site is freed): the same page and place when it still exists
 * there, else home. History is mapped by id. Screens holding the old
 * site must be closed first. */
void pager_switch_site(struct ui *u, struct site *s);
/* Opens page p at the first match of u->query, from where n/N go on;
 * where Back returns to is pushed first. */
void pager_goto_match(struct ui *u, struct page *p);

#endif
