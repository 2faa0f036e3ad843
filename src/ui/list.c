/* list.c - the one list-scrolling helper: selection, top row, page up
 * and down, home and end over N rows, for every screen that is a list. */
#include "config.h"

#include "list.h"

static int is_move(enum action a)
{
	return a == ACT_DOWN || a == ACT_UP || a == ACT_PAGE_DOWN || a == ACT_PAGE_UP ||
	       a == ACT_TOP || a == ACT_BOTTOM;
}

/* Moves *pos for a movement action, between 0 and last; `wrap` lets Down
 * and Up go round. */
static size_t moved(size_t pos, size_t last, size_t rows, int wrap, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		return pos < last ? pos + 1 : wrap ? 0 : last;
	case ACT_UP:
		return pos ? pos - 1 : wrap ? last : 0;
	case ACT_PAGE_DOWN:
		return pos + rows < last ? pos + rows : last;
	case ACT_PAGE_UP:
		return pos > rows ? pos - rows : 0;
	case ACT_TOP:
		return 0;
	default:
		return last;
	}
}

int list_move(struct list *l, enum action a)
{
	if (!is_move(a))
		return 0;
	size_t rows = l->rows ? l->rows : 1;
	if (l->scroll) {
		size_t max = l->n > rows ? l->n - rows : 0;
		l->top = moved(l->top > max ? max : l->top, max, rows, 0, a);
		return 1;
	}
	if (!l->n)
		return 1;
	l->sel = moved(l->sel, l->n - 1, rows, l->wrap, a);
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	return 1;
}
