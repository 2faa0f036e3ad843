/* view.c - the page on screen: laying it out as far as the reader looks
 * (the rest between keys), keeping the place across resizes and new
 * content, and finding the last search's matches as lines are laid out. */
#include "config.h"

#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "loader.h"
#include "qr.h"
#include "search.h"
#include "ui_curses.h"
#include "ui_state.h"

size_t view_max_top(const struct ui *u)
{
	/* of what is laid out so far; callers that need the end extend first */
	size_t n = u->view.lay->nlines, rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	return n > rows ? n - rows : 0;
}

int view_is_menu(const struct ui *u)
{
	return u->view.page->kind == PAGE_MENU;
}

int view_link_visible(const struct ui *u, int link)
{
	if (link < 0 || (size_t)link >= u->view.lay->nlinks)
		return 0;
	size_t line = u->view.lay->links[link].line;
	return line >= u->view.top && line < u->view.top + (size_t)ui_rows();
}

void view_show_line(struct ui *u, size_t line)
{
	size_t rows = (size_t)(ui_rows() > 0 ? ui_rows() : 1);
	if (line < u->view.top)
		u->view.top = line;
	else if (line >= u->view.top + rows)
		u->view.top = line - rows + 1;
	if (u->view.top > view_max_top(u))
		u->view.top = view_max_top(u);
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

void view_find_matches(struct ui *u)
{
	clear_matches(&u->view);
	u->view.scanned = 0;
	scan_matches(u);
}

/* Lays the page out to at least n lines ((size_t)-1: to its end). A
 * large page is laid out only as far as the reader has looked, and the
 * rest between keystrokes (view_background). */
void view_extend(struct ui *u, size_t n)
{
	if (!u->view.lay->done && u->view.lay->nlines < n) {
		layout_extend(u->view.lay, n);
		scan_matches(u);
	}
}

/* Lays out a little more of a large page between keystrokes; returns 0
 * when there is nothing left to do. */
int view_background(struct ui *u)
{
	if (!u->view.lay || u->view.lay->done)
		return 0;
	/* a few milliseconds of work, so that a key waits no longer */
	view_extend(u, u->view.lay->nlines + 4096);
	return 1;
}

struct place view_place(const struct ui *u)
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
	if (u->view.top > view_max_top(u))
		u->view.top = view_max_top(u);
	view_extend(u, u->view.top + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
	view_find_matches(u);
	u->view.has_codes = qr_has(u->view.page);
}

int view_load(struct ui *u, struct page *p, const struct place *at)
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
	if (u->view.sel < 0 && view_is_menu(u) && u->view.lay->nlinks)
		u->view.sel = 0;
	if (u->view.sel >= (int)u->view.lay->nlinks)
		u->view.sel = -1;
	if (u->view.sel >= 0 && view_is_menu(u))
		view_show_line(u, u->view.lay->links[u->view.sel].line);
	return 0;
}

void view_open(struct ui *u, struct page *p, const struct place *at)
{
	if (view_load(u, p, at) < 0 && !u->view.page) {
		/* the first page would not open: fall back to the home menu */
		char keep[sizeof u->msg];
		memcpy(keep, u->msg, sizeof keep);
		view_load(u, u->site->home, NULL);
		memcpy(u->msg, keep, sizeof keep);
	}
}

void view_switch_site(struct ui *u, struct site *s)
{
	struct place here = view_place(u);
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
	view_close(u);
	struct site *old = u->site;
	u->site = s;
	u->view.page = NULL;
	struct page *np = site_find(s, id);
	if (!np || view_load(u, np, &here) < 0) {
		view_load(u, s->home, NULL);
		ui_message(u, _("The page you were reading is not in the new content."));
	}
	free(id);
	site_free(old);
}

void view_close(struct ui *u)
{
	layout_free(u->view.lay);
	u->view.lay = NULL;
	clear_matches(&u->view);
}

void view_relayout(struct ui *u)
{
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5)
		return; /* keep the old layout until there is room again */
	struct view *v = &u->view;
	/* Each reflow finds the line holding the anchor's offset, which may
	 * start earlier in the paragraph; re-anchoring on that line after
	 * every resize would creep upwards. Keep the first anchor until the
	 * reader moves. */
	if (!v->anchored || v->top != v->anchor_top) {
		v->anchor = view_place(u);
		v->anchored = 1;
	}
	int sel = v->sel;
	set_layout(u, &v->anchor);
	v->sel = sel;
	if (view_is_menu(u) && sel >= 0)
		view_show_line(u, v->lay->links[sel].line);
	v->anchor_top = v->top;
}

void view_scroll(struct ui *u, int lines)
{
	if (lines > 0)
		view_extend(u, u->view.top + (size_t)lines + 2 * (size_t)(ui_rows() > 0 ? ui_rows() : 1));
	if (lines < 0 && (size_t)-lines > u->view.top)
		u->view.top = 0;
	else
		u->view.top += (size_t)lines;
	if (u->view.top > view_max_top(u))
		u->view.top = view_max_top(u);
}

