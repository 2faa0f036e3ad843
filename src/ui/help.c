/* help.c - the help screen: every action with its keys, read from the
 * same table that dispatches them, scrolled as a list. */
#include "config.h"

#include "help.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "list.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "utf8.h"

struct help {
	struct screen s;
	struct list l; /* scrolled, no selection */
};

struct help_out {
	struct ui *u;
	int draw, rows;
	size_t top; /* the first line shown */
	size_t n;   /* lines so far */
};

/* One line of the help screen at column x, drawn when it is in view. In
 * a right-to-left interface the columns are mirrored: x counts from the
 * right edge, and ui_put_text aligns the line to the right. */
static void put(struct help_out *o, int attr, int x, const char *s)
{
	if (o->draw && o->n >= o->top && o->n < o->top + (size_t)o->rows) {
		int y = 1 + (int)(o->n - o->top);
		attrset(attr);
		if (ui_chrome_rtl(o->u))
			ui_put_text(o->u, y, ui_margin(), s, ui_width() - x);
		else
			ui_put_text(o->u, y, ui_margin() + x, s, ui_width() - x);
		attrset(A_NORMAL);
	}
}

/* Text at column x, wrapped to the screen width as page text is (so in
 * any language, right to left too); the first line goes on the current
 * line, the rest on lines below. Leaves o->n on the last line. */
static void put_wrapped(struct help_out *o, int attr, int x, const char *s)
{
	int room = ui_width() - x;
	struct layout *l = layout_para(s, room, o->u->flags & (LAYOUT_ASCII | LAYOUT_PLAIN));
	for (size_t i = 0; i < l->nlines; i++) {
		if (i)
			o->n++;
		put(o, attr, x, l->lines[i].text);
	}
	layout_free(l);
}

/* Lines of the help screen at the current width; returns their number
 * and, when `draw` is set, draws those from `top`. */
static size_t help_lines(struct ui *u, int draw, size_t top)
{
	struct help_out o = {u, draw, ui_rows(), top, 0};
	int wide = ui_width() >= 60;
	char keys[96];

	put_wrapped(&o, A_BOLD, 0, _("Keys"));
	o.n += 2;
	for (size_t a = 1; a < ui_action_count(); a++) {
		ui_keys((enum action)a, keys, sizeof keys);
		if (!keys[0])
			continue; /* not offered here (kiosk, no print command) */
		if (wide) {
			put_wrapped(&o, A_BOLD, 2, keys);
			/* key names longer than their column (in some
			 * languages) leave the description to the next line */
			if (utf8_strwidth(keys, strlen(keys)) > 21)
				o.n++;
			put_wrapped(&o, A_NORMAL, 24, ui_action_desc((enum action)a));
		} else {
			put_wrapped(&o, A_BOLD, 0, keys);
			o.n++;
			put_wrapped(&o, A_NORMAL, 2, ui_action_desc((enum action)a));
		}
		o.n++;
	}
	o.n++;
	put_wrapped(&o, A_BOLD, 0, _("Mouse"));
	o.n++;
	put_wrapped(&o, A_NORMAL, 2, _("Click a menu item or a link to open it; the wheel scrolls."));
	o.n++;
	if (u->kiosk) {
		put_wrapped(&o, A_NORMAL, 2, _("Back, Home, PgUp and PgDn on the bottom line work by touch too."));
		o.n++;
	}
	o.n++;
	put_wrapped(&o, A_NORMAL, 0, _("Links show a number: text[1]."));
	o.n++;
	char close[160], quit[32];
	ui_keys(ACT_QUIT, quit, sizeof quit); /* none in a kiosk */
	snprintf(close, sizeof close, _("To close this help: %s%s%s."), quit, quit[0] ? ", " : "",
		 ui_keys(ACT_HELP, keys, sizeof keys));
	put_wrapped(&o, A_NORMAL, 0, close);
	o.n++;
	return o.n;
}

static struct help *help_of(struct screen *s)
{
	return (struct help *)s;
}

/* The list at the current size: the number of lines changes with it. */
static struct list *sized(struct ui *u, struct screen *s)
{
	struct list *l = &help_of(s)->l;
	l->n = help_lines(u, 0, 0);
	l->rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	return l;
}

static void draw(struct ui *u, struct screen *s)
{
	help_lines(u, 1, help_of(s)->l.top);
	/* the cursor at the start of the first line, as read */
	move(1, ui_chrome_rtl(u) ? ui_margin() + ui_width() - 1 : ui_margin());
}

static struct screen_result action(struct ui *u, struct screen *s, enum action a)
{
	/* any key but a movement closes help */
	struct screen_result r = {list_move(sized(u, s), a) ? SCREEN_DONE : SCREEN_CLOSE, NULL, NULL};
	return r;
}

static void wheel(struct ui *u, struct screen *s, int dir)
{
	list_move(sized(u, s), dir < 0 ? ACT_UP : ACT_DOWN);
}

static void lines(struct ui *u, struct screen *s, size_t *top, size_t *n)
{
	*top = help_of(s)->l.top;
	*n = help_lines(u, 0, 0);
}

static const char *title(const struct ui *u, const struct screen *s)
{
	(void)u, (void)s;
	return _("Help: keys");
}

static char *where(const struct ui *u, const struct screen *s, int *iface)
{
	(void)u, (void)s;
	*iface = 1;
	return xstrdup(_("Help"));
}

static void resize(struct ui *u, struct screen *s)
{
	(void)u;
	help_of(s)->l.top = 0;
}

static void say(struct ui *u, struct screen *s, enum screen_event ev)
{
	(void)s;
	if (ev == SCREEN_OPENED)
		ui_message(u, "%s", _("Help: the keys. Press q to close it."));
	else if (ev == SCREEN_CLOSED)
		ui_message(u, "%s", _("Help closed."));
}

static const struct screen_ops help_ops = {
	.draw = draw,
	.action = action,
	.click = screen_click_closes,
	.wheel = wheel,
	.lines = lines,
	.title = title,
	.where = where,
	.resize = resize,
	.say = say,
};

struct screen *help_new(void)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->s.ops = &help_ops;
	h->l.scroll = 1;
	return &h->s;
}

int help_is(const struct screen *s)
{
	return s->ops == &help_ops;
}
