/* pager.c - the one scrolling engine: a text page or a menu on screen,
 * its keys, links, in-page search and mouse clicks; the screen at the
 * bottom of the stack. */
#include "config.h"

#include "pager.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "loader.h"
#include "prompt.h"
#include "search.h"
#include "ui_curses.h"
#include "ui_state.h"

static size_t max_top(const struct ui *u)
{
	/* of what is laid out so far; callers that need the end extend first */
	size_t n = u->view.lay->nlines, rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	return n > rows ? n - rows : 0;
}

static int is_menu(const struct ui *u)
{
	return u->view.page->kind == PAGE_MENU;
}

static int link_visible(const struct ui *u, int link)
{
	if (link < 0 || (size_t)link >= u->view.lay->nlinks)
		return 0;
	size_t line = u->view.lay->links[link].line;
	return line >= u->view.top && line < u->view.top + (size_t)ui_rows();
}

static void show_line(struct ui *u, size_t line)
{
	size_t rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	if (line < u->view.top)
		u->view.top = line;
	else if (line >= u->view.top + rows)
		u->view.top = line - rows + 1;
	if (u->view.top > max_top(u))
		u->view.top = max_top(u);
}

static void clear_matches(struct view *v)
{
	free(v->matches);
	v->matches = NULL;
	v->nmatches = v->matchcap = 0;
	v->cur = -1;
}

/* Finds the matches of the last search in the lines laid out since the
 * last call: every word or phrase of the query, folded as the global
 * search folds (case and accents do not matter), line by line. */
static void scan_matches(struct ui *u)
{
	struct view *v = &u->view;
	if (!u->query[0] || v->scanned >= v->lay->nlines) {
		v->scanned = v->lay->nlines;
		return;
	}
	struct search_query q;
	if (!search_parse(u->query, &q)) {
		v->scanned = v->lay->nlines;
		return;
	}
	struct search_hit *hits = NULL;
	size_t cap = 0;
	for (size_t i = v->scanned; i < v->lay->nlines; i++) {
		const struct line *ln = &v->lay->lines[i];
		size_t nh = search_line(&q, ln->text, ln->len, &hits, &cap, 0);
		for (size_t k = 0; k < nh; k++) {
			v->matches = xgrow(v->matches, &v->matchcap, v->nmatches + 1, sizeof *v->matches);
			v->matches[v->nmatches++] = (struct match){i, hits[k].off, hits[k].len};
		}
	}
	v->scanned = v->lay->nlines;
	free(hits);
	search_query_free(&q);
}

static void find_matches(struct ui *u)
{
	clear_matches(&u->view);
	u->view.scanned = 0;
	scan_matches(u);
}

/* Lays the page out to at least n lines ((size_t)-1: to its end). A
 * large page is laid out only as far as the reader has looked, and the
 * rest between keystrokes (pager_background). */
static void extend(struct ui *u, size_t n)
{
	if (!u->view.lay->done && u->view.lay->nlines < n) {
		layout_extend(u->view.lay, n);
		scan_matches(u);
	}
}

/* Lays out a little more of a large page between keystrokes; returns 0
 * when there is nothing left to do. */
static int background(struct ui *u, struct screen *s)
{
	(void)s;
	if (!u->view.lay || u->view.lay->done)
		return 0;
	/* a few milliseconds of work, so that a key waits no longer */
	extend(u, u->view.lay->nlines + 4096);
	return 1;
}

struct place pager_place(const struct ui *u)
{
	struct place pl = {u->view.page, -1, 0, u->view.sel};
	const struct layout *l = u->view.lay;
	/* the first line at the top that belongs to a block */
	for (size_t i = u->view.top; l && i < l->nlines; i++) {
		if (l->lines[i].block >= 0) {
			pl.block = l->lines[i].block;
			pl.boff = l->lines[i].boff;
			break;
		}
	}
	return pl;
}

static void set_layout(struct ui *u, const struct place *at)
{
	layout_free(u->view.lay);
	u->view.lay = layout_open(u->view.page, ui_width(), u->flags);
	u->view.top = 0;
	clear_matches(&u->view);
	u->view.scanned = 0;
	struct layout *l = u->view.lay;
	if (at && at->block >= 0)
		while (!l->done && l->next_block <= (size_t)at->block)
			layout_extend(l, l->nlines + 1024);
	/* two screens: the first, and the next for Space */
	layout_extend(l, l->nlines + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
	if (at && at->block >= 0) {
		u->view.top = layout_find(u->view.lay, at->block, at->boff);
		/* the title and rule above the first block stay in view */
		if (u->view.top <= 3)
			u->view.top = 0;
	}
	if (u->view.top > max_top(u))
		u->view.top = max_top(u);
	extend(u, u->view.top + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
	find_matches(u);
}

static int open_page(struct ui *u, struct page *p, const struct place *at)
{
	struct err e = {0};
	if (loader_load_page(u->site, p, &e) < 0) {
		ui_message(u, _("Cannot open this page: %s"), e.msg);
		return -1;
	}
	layout_free(u->view.lay);
	u->view.lay = NULL;
	u->view.page = p;
	u->view.anchored = 0;
	set_layout(u, at);
	u->view.sel = at ? at->link : -1;
	if (u->view.sel < 0 && is_menu(u) && u->view.lay->nlinks)
		u->view.sel = 0;
	if (u->view.sel >= (int)u->view.lay->nlinks)
		u->view.sel = -1;
	if (u->view.sel >= 0 && is_menu(u))
		show_line(u, u->view.lay->links[u->view.sel].line);
	return 0;
}

void pager_open(struct ui *u, struct page *p, const struct place *at)
{
	if (open_page(u, p, at) < 0 && !u->view.page) {
		/* the first page would not open: fall back to the home menu */
		char keep[sizeof u->msg];
		memcpy(keep, u->msg, sizeof keep);
		open_page(u, u->site->home, NULL);
		memcpy(u->msg, keep, sizeof keep);
	}
}

void pager_switch_site(struct ui *u, struct site *s)
{
	struct place here = pager_place(u);
	char *id = xstrdup(u->view.page->id);
	struct history *h = &u->hist;
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++) {
		struct page *np = site_find(s, h->v[i].page->id);
		if (np) {
			h->v[k] = h->v[i];
			h->v[k++].page = np;
		}
	}
	h->n = k;
	pager_close(u);
	struct site *old = u->site;
	u->site = s;
	u->view.page = NULL;
	struct page *np = site_find(s, id);
	if (!np || open_page(u, np, &here) < 0) {
		open_page(u, s->home, NULL);
		ui_message(u, _("The page you were reading is not in the new content."));
	}
	free(id);
	site_free(old);
}

void pager_close(struct ui *u)
{
	layout_free(u->view.lay);
	u->view.lay = NULL;
	clear_matches(&u->view);
}

static void relayout(struct ui *u, struct screen *s)
{
	(void)s;
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5)
		return; /* keep the old layout until there is room again */
	struct view *v = &u->view;
	/* Each reflow finds the line holding the anchor's offset, which may
	 * start earlier in the paragraph; re-anchoring on that line after
	 * every resize would creep upwards. Keep the first anchor until the
	 * reader moves. */
	if (!v->anchored || v->top != v->anchor_top) {
		v->anchor = pager_place(u);
		v->anchored = 1;
	}
	int sel = v->sel;
	set_layout(u, &v->anchor);
	v->sel = sel;
	if (is_menu(u) && sel >= 0)
		show_line(u, v->lay->links[sel].line);
	v->anchor_top = v->top;
}

static void scroll_by(struct ui *u, int lines)
{
	if (lines > 0)
		extend(u, u->view.top + (size_t)lines + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
	if (lines < 0 && (size_t)-lines > u->view.top)
		u->view.top = 0;
	else
		u->view.top += (size_t)lines;
	if (u->view.top > max_top(u))
		u->view.top = max_top(u);
}

static void select_link(struct ui *u, int dir)
{
	/* the links below the screen, and when there are none, the rest */
	if (dir > 0) {
		extend(u, u->view.top + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
		if (!u->view.lay->done && (u->view.sel < 0 ||
					    (size_t)u->view.sel + 1 >= u->view.lay->nlinks))
			extend(u, (size_t)-1);
	}
	const struct layout *l = u->view.lay;
	if (!l->nlinks) {
		ui_message(u, _("This page has no links."));
		return;
	}
	int sel = u->view.sel;
	if (!link_visible(u, sel) && !is_menu(u)) {
		/* start from what is on screen */
		sel = -1;
		for (size_t i = 0; i < l->nlinks; i++) {
			if (link_visible(u, (int)i)) {
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
		if (!is_menu(u)) {
			ui_message(u, "%s", dir > 0 ? _("No more links below.") : _("No more links above."));
			return;
		}
		sel = dir > 0 ? 0 : (int)l->nlinks - 1; /* menus wrap around */
	} else {
		sel += dir;
	}
	u->view.sel = sel;
	show_line(u, l->links[sel].line);
}

static void go(struct ui *u, struct page *p)
{
	struct place here = pager_place(u);
	if (open_page(u, p, NULL) == 0)
		history_push(&u->hist, here);
}

static struct screen_result follow(struct ui *u)
{
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	const struct layout *l = u->view.lay;
	int sel = u->view.sel;
	if (sel < 0 || (size_t)sel >= l->nlinks || (!is_menu(u) && !link_visible(u, sel))) {
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
	extend(u, (size_t)-1);
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
		if (v->top > max_top(u))
			v->top = max_top(u);
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
	struct place here = pager_place(u);
	if (open_page(u, p, NULL) < 0)
		return;
	history_push(&u->hist, here);
	u->view.top = 0;
	/* the first match from the top. A page found by its title alone has
	 * none, nor one whose phrase the layout wrapped over two lines (the
	 * page is matched line by line): say so rather than nothing */
	extend(u, (size_t)-1);
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
	find_matches(u);
	search(u, 1, 1);
}

static void back(struct ui *u)
{
	struct place pl;
	if (history_pop(&u->hist, &pl) < 0)
		ui_message(u, _("This is the first screen; there is nothing to go back to."));
	else
		open_page(u, pl.page, &pl);
}

/* In a menu the selection stays on screen when a key scrolled it off. */
static void keep_selection(struct ui *u, enum action a)
{
	if (!is_menu(u) || link_visible(u, u->view.sel) ||
	    (a != ACT_PAGE_DOWN && a != ACT_PAGE_UP && a != ACT_TOP && a != ACT_BOTTOM))
		return;
	const struct layout *l = u->view.lay;
	for (size_t i = 0; i < l->nlinks; i++)
		if (link_visible(u, (int)i)) {
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
		if (is_menu(u))
			select_link(u, a == ACT_DOWN ? 1 : -1);
		else
			scroll_by(u, a == ACT_DOWN ? 1 : -1);
		return 1;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		scroll_by(u, a == ACT_PAGE_DOWN ? rows : -rows);
		return 1;
	case ACT_TOP:
		u->view.top = 0;
		return 1;
	case ACT_BOTTOM:
		extend(u, (size_t)-1);
		u->view.top = max_top(u);
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
	if (lk < 0 && is_menu(u)) {
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
	if (link_visible(u, sel)) {
		const struct link *lk = &l->links[sel];
		int y = 1 + (int)(lk->line - u->view.top);
		if (is_menu(u) && lk->rtl && lk->col + 2 < ui_width()) {
			/* a right-to-left entry begins at its right end */
			attrset(A_BOLD);
			mvaddstr(y, margin + lk->col + 2, "<");
			attrset(A_NORMAL);
		} else if (is_menu(u) && lk->col >= 2) {
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
	scroll_by(u, 3 * dir);
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
	return page_breadcrumb(u->view.page, (u->flags & LAYOUT_ASCII) ? " > " : " \xe2\x80\xba ");
}

static const struct screen_ops pager_ops = {
	.draw = draw,
	.action = action,
	.click = click,
	.wheel = wheel,
	.lines = lines,
	.title = title,
	.where = where,
	.resize = relayout,
	.background = background,
};

struct screen *pager_screen(void)
{
	static struct screen pager = {&pager_ops};
	return &pager;
}
