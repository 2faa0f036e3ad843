/* pager.c - the pager screen, at the bottom of the stack: the keys, links,
 * in-page search and clicks of a text page or a menu; view.c lays the
 * page out. The one scrolling engine for pages and menus. */
#include "config.h"

#include "pager.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "prompt.h"
#include "ui_curses.h"
#include "ui_state.h"

static void select_link(struct ui *u, int dir)
{
	/* the links below the screen, and when there are none, the rest */
	if (dir > 0) {
		view_extend(u, u->view.top + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
		if (!u->view.lay->done && (u->view.sel < 0 ||
					    (size_t)u->view.sel + 1 >= u->view.lay->nlinks))
			view_extend(u, (size_t)-1);
	}
	const struct layout *l = u->view.lay;
	if (!l->nlinks) {
		ui_message(u, _("This page has no links."));
		return;
	}
	int sel = u->view.sel;
	if (!view_link_visible(u, sel) && !view_is_menu(u)) {
		/* start from what is on screen */
		sel = -1;
		for (size_t i = 0; i < l->nlinks; i++) {
			if (view_link_visible(u, (int)i)) {
				sel = (int)i;
				if (dir < 0)
					continue;
				break;
			}
		}
		if (sel < 0) {
			for (size_t i = 0; i < l->nlinks; i++)
				if (dir > 0 ? l->links[i].line >= u->view.top
					    : l->links[i].line < u->view.top)
					sel = (int)i;
			if (dir > 0 && sel >= 0) {
				for (size_t i = 0; i < l->nlinks; i++)
					if (l->links[i].line >= u->view.top) {
						sel = (int)i;
						break;
					}
			}
		}
		if (sel < 0) {
			ui_message(u, "%s", dir > 0 ? _("No more links below.") : _("No more links above."));
			return;
		}
	} else if (sel + dir < 0 || sel + dir >= (int)l->nlinks) {
		if (!view_is_menu(u)) {
			ui_message(u, "%s", dir > 0 ? _("No more links below.") : _("No more links above."));
			return;
		}
		sel = dir > 0 ? 0 : (int)l->nlinks - 1; /* menus wrap around */
	} else {
		sel += dir;
	}
	u->view.sel = sel;
	view_show_line(u, l->links[sel].line);
}

static void go(struct ui *u, struct page *p)
{
	struct place here = view_place(u);
	if (view_load(u, p, NULL) == 0)
		history_push(&u->hist, here);
}

static struct screen_result follow(struct ui *u)
{
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	const struct layout *l = u->view.lay;
	int sel = u->view.sel;
	if (sel < 0 || (size_t)sel >= l->nlinks || (!view_is_menu(u) && !view_link_visible(u, sel))) {
		ui_message(u, _("No link selected: press Tab to select one."));
		return r;
	}
	const struct link *lk = &l->links[sel];
	if (lk->languages) {
		r.verb = SCREEN_OPEN_LANGUAGE;
		return r;
	}
	if (lk->href) {
		/* the address first, short enough for 40 columns */
		ui_message(u, _("Available online: %s"), lk->href);
		return r;
	}
	struct page *p = site_find(u->site, lk->page);
	if (p)
		go(u, p);
	return r;
}

static void search(struct ui *u, int dir, int fresh)
{
	struct view *v = &u->view;
	/* "Match i of n" needs every match: lay the page out to its end */
	view_extend(u, (size_t)-1);
	if (!u->query[0]) {
		ui_message(u, _("No search yet: press / to search."));
		return;
	}
	if (!v->nmatches) {
		ui_message(u, _("Not found: %s"), u->query);
		return;
	}
	if (fresh) {
		v->cur = -1;
		for (size_t i = 0; i < v->nmatches; i++)
			if (v->matches[i].line >= v->top) {
				v->cur = (int)i;
				break;
			}
		if (v->cur < 0) {
			v->cur = 0;
			ui_message(u, _("Search wrapped to the top."));
		}
	} else {
		int n = (int)v->nmatches;
		int next = v->cur + dir;
		if (v->cur < 0)
			next = dir > 0 ? 0 : n - 1;
		if (next >= n || next < 0) {
			next = (next + n) % n;
			ui_message(u, "%s", dir > 0 ? _("Search wrapped to the top.") : _("Search wrapped to the end."));
		}
		v->cur = next;
	}
	size_t line = v->matches[v->cur].line;
	if (line < v->top || line >= v->top + (size_t)ui_rows()) {
		v->top = line;
		if (v->top > view_max_top(u))
			v->top = view_max_top(u);
	}
	if (!u->msg[0] && COLS >= 60)
		ui_message(u, _("Match %d of %zu for \"%s\"  (n: next, N: previous)"), v->cur + 1,
			   v->nmatches, u->query);
	else if (!u->msg[0])
		ui_message(u, _("Match %d/%zu \"%s\" (n/N: next/prev)"), v->cur + 1, v->nmatches,
			   u->query);
}

void pager_goto_match(struct ui *u, struct page *p)
{
	struct place here = view_place(u);
	if (view_load(u, p, NULL) < 0)
		return;
	history_push(&u->hist, here);
	u->view.top = 0;
	/* the first match from the top. A page found by its title alone has
	 * none, nor one whose phrase the layout wrapped over two lines (the
	 * page is matched line by line): say so rather than nothing */
	view_extend(u, (size_t)-1);
	if (u->view.nmatches)
		search(u, 1, 1);
	else
		ui_message(u, _("\"%s\" is in the title, or across lines, of this page."), u->query);
}

/* The search key: prompts for words and goes to their first match. */
static void search_prompt(struct ui *u)
{
	char q[sizeof u->query];
	if (ui_prompt(u, _("Search: "), q, sizeof q) < 0 || !q[0]) {
		if (!q[0] && u->query[0])
			search(u, 1, 0); /* empty: repeat, as less does */
		return;
	}
	memcpy(u->query, q, sizeof q);
	view_find_matches(u);
	search(u, 1, 1);
}

static void back(struct ui *u)
{
	struct place pl;
	if (history_pop(&u->hist, &pl) < 0)
		ui_message(u, _("This is the first screen; there is nothing to go back to."));
	else
		view_load(u, pl.page, &pl);
}

/* In a menu the selection stays on screen when a key scrolled it off. */
static void keep_selection(struct ui *u, enum action a)
{
	if (!view_is_menu(u) || view_link_visible(u, u->view.sel) ||
	    (a != ACT_PAGE_DOWN && a != ACT_PAGE_UP && a != ACT_TOP && a != ACT_BOTTOM))
		return;
	const struct layout *l = u->view.lay;
	for (size_t i = 0; i < l->nlinks; i++)
		if (view_link_visible(u, (int)i)) {
			u->view.sel = (int)i;
			if (a == ACT_PAGE_DOWN || a == ACT_TOP)
				break;
		}
}

/* The keys that move about the page; returns 0 for any other. */
static int move_key(struct ui *u, enum action a)
{
	int rows = ui_rows() > 1 ? ui_rows() : 1;
	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
		if (view_is_menu(u))
			select_link(u, a == ACT_DOWN ? 1 : -1);
		else
			view_scroll(u, a == ACT_DOWN ? 1 : -1);
		return 1;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		view_scroll(u, a == ACT_PAGE_DOWN ? rows : -rows);
		return 1;
	case ACT_TOP:
		u->view.top = 0;
		return 1;
	case ACT_BOTTOM:
		view_extend(u, (size_t)-1);
		u->view.top = view_max_top(u);
		return 1;
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		select_link(u, a == ACT_NEXT_LINK ? 1 : -1);
		return 1;
	default:
		return 0;
	}
}

static struct screen_result action(struct ui *u, struct screen *s, enum action a)
{
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	(void)s;
	if (move_key(u, a)) {
		keep_selection(u, a);
		return r;
	}
	switch (a) {
	case ACT_FOLLOW:
		return follow(u);
	case ACT_BACK:
		back(u);
		break;
	case ACT_HOME:
		if (u->view.page != u->site->home)
			go(u, u->site->home);
		break;
	case ACT_SEARCH:
		search_prompt(u);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search(u, a == ACT_SEARCH_NEXT ? 1 : -1, 0);
		break;
	default:
		r.verb = SCREEN_NOT_MINE; /* help, language, search all, quit */
		break;
	}
	return r;
}

static struct screen_result click(struct ui *u, struct screen *s, int y, int x)
{
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	(void)s;
	if (y < 1 || y > ui_rows())
		return r;
	size_t line = u->view.top + (size_t)(y - 1);
	const struct layout *l = u->view.lay;
	if (line >= l->nlines)
		return r;
	const struct line *ln = &l->lines[line];
	int col = x - ui_margin();
	int lk = layout_link_at(ln, col);
	/* a menu line is a target all along; a link only on its text */
	if (lk < 0 && view_is_menu(u)) {
		for (size_t k = 0; k < ln->nruns && lk < 0; k++)
			lk = ln->runs[k].link;
	}
	if (lk < 0)
		return r;
	u->view.sel = lk;
	return follow(u);
}

static void draw(struct ui *u, struct screen *s)
{
	(void)s;
	const struct layout *l = u->view.lay;
	int rows = ui_rows(), margin = ui_margin();
	for (int i = 0; i < rows; i++) {
		size_t line = u->view.top + (size_t)i;
		if (line >= l->nlines)
			break;
		ui_draw_line(&l->lines[line], 1 + i, margin, u->view.sel, u->view.matches,
			     u->view.nmatches, line);
	}
	int sel = u->view.sel;
	if (view_link_visible(u, sel)) {
		const struct link *lk = &l->links[sel];
		int y = 1 + (int)(lk->line - u->view.top);
		if (view_is_menu(u) && lk->rtl && lk->col + 2 < ui_width()) {
			/* a right-to-left entry begins at its right end */
			attrset(A_BOLD);
			mvaddstr(y, margin + lk->col + 2, "<");
			attrset(A_NORMAL);
		} else if (view_is_menu(u) && lk->col >= 2) {
			attrset(A_BOLD);
			mvaddstr(y, margin + lk->col - 2, ">");
			attrset(A_NORMAL);
		}
		move(y, margin + lk->col);
	} else {
		move(1, margin);
	}
}

static void wheel(struct ui *u, struct screen *s, int dir)
{
	(void)s;
	view_scroll(u, 3 * dir);
}

static void lines(struct ui *u, struct screen *s, size_t *top, size_t *n)
{
	(void)s;
	*top = u->view.top;
	*n = u->view.lay ? u->view.lay->nlines : 0;
}

static const char *title(const struct ui *u, const struct screen *s)
{
	(void)s;
	return u->site->title;
}

static char *where(const struct ui *u, const struct screen *s, int *iface)
{
	(void)s;
	*iface = 0;
	return draw_crumb(u->view.page, (u->flags & LAYOUT_ASCII) ? " > " : " \xe2\x80\xba ", COLS);
}

static void resize(struct ui *u, struct screen *s)
{
	(void)s;
	view_relayout(u);
}

static int background(struct ui *u, struct screen *s)
{
	(void)s;
	return view_background(u);
}

static const struct screen_ops pager_ops = {
	.draw = draw,
	.action = action,
	.click = click,
	.wheel = wheel,
	.lines = lines,
	.title = title,
	.where = where,
	.resize = resize,
	.background = background,
};

struct screen *pager_screen(void)
{
	static struct screen pager = {&pager_ops};
	return &pager;
}
