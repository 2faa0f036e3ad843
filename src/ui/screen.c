/* screen.c - the stack of screens: opening and closing them, and finding
 * the one that has an operation. */
#include "config.h"

#include "screen.h"

#include <stdlib.h>

#include "ui_state.h"

/* Never the pager: it is not allocated, and stays at the bottom. */
static void close_screen(struct ui *u, struct screen *s)
{
	if (s->ops->close)
		s->ops->close(u, s);
	free(s);
}

void screen_push(struct ui *u, struct screen *s)
{
	if (u->depth && screen_top(u)->ops == s->ops)
		screen_pop(u);
	if (u->depth == UI_MAX_SCREENS) {
		close_screen(u, s); /* cannot happen: one of each kind at most */
		return;
	}
	u->stack[u->depth++] = s;
}

void screen_pop(struct ui *u)
{
	if (u->depth > 1)
		close_screen(u, u->stack[--u->depth]);
}

void screen_pop_to_base(struct ui *u)
{
	while (u->depth > 1)
		screen_pop(u);
}

void screen_close_holding_site(struct ui *u)
{
	size_t k = 0;
	for (size_t i = 0; i < u->depth; i++) {
		if (i && u->stack[i]->ops->holds_site)
			close_screen(u, u->stack[i]);
		else
			u->stack[k++] = u->stack[i];
	}
	u->depth = k;
}

struct screen_result screen_click_closes(struct ui *u, struct screen *s, int y, int x)
{
	(void)u, (void)s, (void)y, (void)x;
	return (struct screen_result){SCREEN_CLOSE, NULL, NULL};
}

struct screen *screen_top(const struct ui *u)
{
	return u->stack[u->depth - 1];
}

struct screen *screen_base(const struct ui *u)
{
	return u->stack[0];
}

static int has(const struct screen_ops *o, enum screen_op op)
{
	switch (op) {
	case SCREEN_OP_LINES:
		return o->lines != NULL;
	case SCREEN_OP_TITLE:
		return o->title != NULL;
	case SCREEN_OP_HINT:
		return o->hint != NULL;
	case SCREEN_OP_WHERE:
		return o->where != NULL;
	case SCREEN_OP_WHEEL:
		return o->wheel != NULL;
	}
	return 0;
}

struct screen *screen_with(const struct ui *u, enum screen_op op)
{
	for (size_t i = u->depth; i-- > 0;)
		if (has(u->stack[i]->ops, op))
			return u->stack[i];
	return NULL;
}

void screen_resize_all(struct ui *u)
{
	for (size_t i = 0; i < u->depth; i++)
		if (u->stack[i]->ops->resize)
			u->stack[i]->ops->resize(u, u->stack[i]);
}
