/* history.c - see history.h. */
#include "config.h"

#include "history.h"

#include <string.h>

void history_push(struct history *h, struct place p)
{
	if (h->n == HISTORY_MAX) {
		memmove(h->v, h->v + 1, (HISTORY_MAX - 1) * sizeof h->v[0]);
		h->n--;
	}
	h->v[h->n++] = p;
}

int history_pop(struct history *h, struct place *out)
{
	if (!h->n)
		return -1;
	*out = h->v[--h->n];
	return 0;
}

void history_clear(struct history *h)
{
	memset(h, 0, sizeof *h);
}
