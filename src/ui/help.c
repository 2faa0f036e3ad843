/* help.c - the help screen: every action with its keys, read from the
 * same table that dispatches them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui_curses.h"
#include "ui_screen.h"
#include "utf8.h"

size_t ui_action_count(void);
const char *ui_action_desc(enum action a);

struct help_out {
	struct ui *u;
	int draw, rows;
	size_t n; /* lines so far */
};

/* One line of the help screen at column x, drawn when it is in view. In
 * a right-to-left interface the columns are mirrored: x counts from the
 * right edge, and ui_put_text aligns the line to the right. */
static void put(struct help_out *o, int attr, int x, const char *s)
{
	if (o->draw && o->n >= o->u->help_top && o->n < o->u->help_top + (size_t)o->rows) {
		int y = 1 + (int)(o->n - o->u->help_top);
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
 * and, when `draw` is set, draws those from u->help_top. */
static size_t help_lines(struct ui *u, int draw)
{
	struct help_out o = {u, draw, ui_rows(), 0};
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

size_t help_count(struct ui *u)
{
	return help_lines(u, 0);
}

void help_draw(struct ui *u)
{
	help_lines(u, 1);
	/* the cursor at the start of the first line, as read */
	move(1, ui_chrome_rtl(u) ? ui_margin() + ui_width() - 1 : ui_margin());
}

void help_action(struct ui *u, enum action a)
{
	size_t n = help_lines(u, 0), rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	size_t max = n > rows ? n - rows : 0;
	switch (a) {
	case ACT_DOWN:
		if (u->help_top < max)
			u->help_top++;
		break;
	case ACT_UP:
		if (u->help_top)
			u->help_top--;
		break;
	case ACT_PAGE_DOWN:
		u->help_top = u->help_top + rows > max ? max : u->help_top + rows;
		break;
	case ACT_PAGE_UP:
		u->help_top = u->help_top > rows ? u->help_top - rows : 0;
		break;
	case ACT_TOP:
		u->help_top = 0;
		break;
	case ACT_BOTTOM:
		u->help_top = max;
		break;
	default:
		u->help = 0; /* any other key closes help */
		break;
	}
}
