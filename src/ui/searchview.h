/* searchview.h - the search-results screen: a search across every page,
 * best first. */
#ifndef IDM_SEARCHVIEW_H
#define IDM_SEARCHVIEW_H

struct screen;
struct ui;

/* Prompts for a query, searches every page and returns the results
 * screen for the stack to open; returns NULL, with a status-line message,
 * when the reader cancels or nothing matches. */
struct screen *searchview_open(struct ui *u);

#endif
