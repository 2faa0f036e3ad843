/* history.h - where Back goes: a bounded stack of reading positions. */
#ifndef IDM_HISTORY_H
#define IDM_HISTORY_H

#include <stddef.h>

#include "model.h"

#define HISTORY_MAX 200

/* A reading position: the page, the block and offset at the top of the
 * screen (kept across reflows), and the selected link (-1 for none). */
struct place {
	struct page *page;
	int block;
	size_t boff;
	int link;
};

struct history {
	struct place v[HISTORY_MAX];
	size_t n;
};

/* Remembers a place; past HISTORY_MAX the oldest is forgotten. */
void history_push(struct history *h, struct place p);
/* Takes the newest place into *out; returns 0, or -1 when empty. */
int history_pop(struct history *h, struct place *out);
/* Forgets every place (a kiosk visit ends). */
void history_clear(struct history *h);

#endif
