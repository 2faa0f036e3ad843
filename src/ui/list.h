/* list.h - moving through N rows with the movement keys: a selection kept
 * in view (search results, languages), or without one a scroll (help).
 * The pager is not a list: it scrolls laid-out pages and their links. */
#ifndef IDM_LIST_H
#define IDM_LIST_H

#include <stddef.h>

#include "actions.h"

struct list {
	size_t n;    /* rows */
	size_t rows; /* rows on a screen (at least 1 is assumed) */
	size_t sel;  /* the selected row */
	size_t top;  /* the first row on screen */
	int scroll;  /* no selection: the keys move `top` (a text to read) */
	int wrap;    /* Down on the last row selects the first, Up the last */
};

/* Carries out a movement (Down, Up, PgDn, PgUp, Home, End) and keeps the
 * selection in view. Returns 1, or 0 for any other action (untouched). */
int list_move(struct list *l, enum action a);

#endif
