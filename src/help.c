/* help.c - the help screen: every action with its keys, read from the
 * same table that dispatches them. */
#include "config.h"

#include <string.h>

#include "ui_curses.h"
#include "ui_screen.h"

size_t ui_action_count(void);
const char *ui_action_desc(enum action a);

/* Lines of the help screen at the current width; returns their number
 * and, when `draw` is set, draws those from u->help_top. */
static size_t help_lines(struct ui *u, int draw)
{
	int rows = ui_rows(), margin = ui_margin(), wide = ui_width() >= 60;
	size_t n = 0;
	char keys[96];

#define PUT(attr, x, s) do { \
		if (draw && n >= u->help_top && n < u->help_top + (size_t)rows) { \
			attrset(attr); \
			ui_put_text(u, 1 + (int)(n - u->help_top), margin + (x), (s), ui_width() - (x)); \
			attrset(A_NORMAL); \
		} \
	} while (0)

	PUT(A_BOLD, 0, "Keys");
	n++;
	n++;
	for (size_t a = 1; a < ui_action_count(); a++) {
		ui_keys((enum action)a, keys, sizeof keys);
		if (wide) {
			PUT(A_BOLD, 2, keys);
			PUT(A_NORMAL, 24, ui_action_desc((enum action)a));
			n++;
		} else {
			PUT(A_BOLD, 0, keys);
			n++;
			PUT(A_NORMAL, 2, ui_action_desc((enum action)a));
			n++;
		}
	}
	n++;
	PUT(A_BOLD, 0, "Mouse");
	n++;
	PUT(A_NORMAL, 2, "Click a menu item or a link to open it;");
	n++;
	PUT(A_NORMAL, 2, "the wheel scrolls.");
	n++;
	n++;
	PUT(A_NORMAL, 0, "Links show a number: text[1].");
	n++;
	PUT(A_NORMAL, 0, "Press q or ? to close this help.");
	n++;
#undef PUT
	return n;
}

void help_draw(struct ui *u)
{
	help_lines(u, 1);
	move(1, ui_margin());
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
