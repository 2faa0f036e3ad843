/* searchview.c - the search-results screen: a search across every page,
 * best first, each result its title, breadcrumb and a snippet with the
 * matched words highlighted. Enter opens the page at its first match. */
#include "config.h"

#include "searchview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "index.h"
#include "list.h"
#include "prompt.h"
#include "search.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "utf8.h"

/* Rows of one result: title, breadcrumb, snippet, a blank line. */
#define ITEM_ROWS 4
/* Rows above the first result: the summary and a blank line. */
#define HEAD_ROWS 2

struct searchview {
	struct screen s;
	char query[256];
	struct search_results r;
	struct list l; /* the selected result, the first one shown */
};

static struct searchview *searchview_of(struct screen *s)
{
	return (struct searchview *)s;
}

static size_t per_screen(void)
{
	int rows = ui_rows() - HEAD_ROWS;
	return rows >= ITEM_ROWS ? (size_t)(rows / ITEM_ROWS) : 1;
}

static const struct screen_ops searchview_ops;

/* The index build's progress in the status line (index_set_progress),
 * redrawn when the bar or the count a person can read changes (a
 * thousandth); the search's own status line follows it. */
static void status_progress(void *arg, size_t done, size_t total)
{
	static size_t last = (size_t)-1;
	(void)arg;
	size_t step = total / 1000 ? total / 1000 : 1;
	if (done < total && last != (size_t)-1 && done / step == last / step)
		return;
	last = done >= total ? (size_t)-1 : done;
	char line[512];
	index_progress_line(line, sizeof line, done, total, COLS);
	attrset(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, done >= total ? _("Searching...") : line, COLS);
	attrset(A_NORMAL);
	refresh();
}

struct screen *searchview_open(struct ui *u)
{
	char q[sizeof u->query];
	if (ui_prompt(u, _("Search all pages: "), q, sizeof q) < 0)
		return NULL;
	struct search_query sq;
	if (!search_parse(q, &sq)) {
		ui_message(u, _("Type some words to search for, then Enter."));
		return NULL;
	}
	/* the search blocks the keyboard while it runs: say so first */
	attrset(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, _("Searching..."), COLS);
	attrset(A_NORMAL);
	refresh();

	struct search_results r;
	index_set_progress(status_progress, NULL);
	search_site(u->site, &sq, u->view.page, ui_width() - 2, u->flags, &r);
	index_set_progress(NULL, NULL);
	search_query_free(&sq);
	if (r.failed)
		ui_message(u, ngettext("%zu page could not be read and was skipped: %s",
				       "%zu pages could not be read and were skipped: %s", r.failed),
			   r.failed, r.first_error.msg);
	/* once a session: the next searches are as slow, nothing new to say;
	 * said with results (a "no page" answer or a failure comes first) */
	static int said_no_index;
	if (r.no_index && r.n && !r.failed && !said_no_index) {
		ui_message(u, _("Searched without an index (%s): set XDG_CACHE_HOME to a writable "
				"directory to search faster"),
			   r.index_error.msg);
		said_no_index = 1;
	}
	if (!r.n) {
		if (!r.failed)
			ui_message(u, _("No page has all of: %s"), q);
		search_results_free(&r);
		return NULL;
	}
	struct searchview *sv = xcalloc(1, sizeof *sv);
	sv->s.ops = &searchview_ops;
	snprintf(sv->query, sizeof sv->query, "%s", q);
	sv->r = r;
	return &sv->s;
}

/* Draws text clipped to `cols` columns at y, x, with the hits in it
 * highlighted as the pager highlights search matches. */
static void put_line(const char *text, const struct search_hit *h, size_t nh, int y, int x,
		     int cols, unsigned attr)
{
	size_t n = draw_window(text, cols), len = 0;
	int w = 0;
	while (len < n) {
		uint32_t cp;
		size_t l = utf8_decode(text + len, n - len, &cp);
		int cw = utf8_width(cp);
		if (cw > 0 && w + cw > cols)
			break;
		w += cw > 0 ? cw : 0;
		len += l;
	}
	struct lrun run = {0, len, attr, -1};
	struct line ln = {.text = xstrndup(text, len), .len = len, .runs = &run, .nruns = 1};
	struct match *m = xcalloc(nh ? nh : 1, sizeof *m);
	for (size_t i = 0; i < nh; i++)
		m[i] = (struct match){0, h[i].off, h[i].len};
	ui_draw_line(&ln, y, x, -1, m, nh, 0);
	free(m);
	free(ln.text);
}

static void draw(struct ui *u, struct screen *s)
{
	struct searchview *sv = searchview_of(s);
	int rows = ui_rows(), margin = ui_margin(), width = ui_width();
	int ascii = u->flags & LAYOUT_ASCII;
	char head[400];
	snprintf(head, sizeof head, ngettext("%zu page for \"%s\" (Enter opens, q returns)",
					     "%zu pages for \"%s\" (Enter opens, q returns)", sv->r.n),
		 sv->r.n, sv->query);
	struct buf b = {0};
	int space = 1;
	layout_sanitize(head, strlen(head), u->flags, &space, &b);
	put_line(b.s, NULL, 0, 1, margin, width, LA_BOLD);
	buf_free(&b);

	int cy = 1, cx = margin;
	for (size_t i = sv->l.top; i < sv->r.n; i++) {
		int y = 1 + HEAD_ROWS + (int)(i - sv->l.top) * ITEM_ROWS;
		if (y > rows)
			break;
		const struct search_result *res = &sv->r.v[i];
		int sel = i == sv->l.sel;
		space = 1;
		layout_sanitize(res->page->title, draw_window(res->page->title, width), u->flags,
				&space, &b);
		if (sel)
			attrset(A_BOLD);
		mvaddstr(y, margin, sel ? ">" : " ");
		attrset(A_NORMAL);
		put_line(b.s ? b.s : "", NULL, 0, y, margin + 2, width - 2, sel ? 0 : LA_BOLD);
		if (sel) {
			/* the selection shows in reverse video, the cursor on it */
			attrset(A_REVERSE | A_BOLD);
			/* what fits, not more: curses would wrap the rest over
			 * the lines below */
			size_t fit = utf8_fit(b.s ? b.s : "", b.len, width - 2, NULL);
			mvaddnstr(y, margin + 2, b.s ? b.s : "", (int)fit);
			attrset(A_NORMAL);
			cy = y;
			cx = margin + 2;
		}
		buf_free(&b);
		if (y + 1 <= rows) {
			char *crumb = draw_crumb(res->page, ascii ? " > " : " \xe2\x80\xba ", width);
			space = 1;
			layout_sanitize(crumb, strlen(crumb), u->flags, &space, &b);
			free(crumb);
			put_line(b.s ? b.s : "", NULL, 0, y + 1, margin + 2, width - 2, 0);
			buf_free(&b);
		}
		if (y + 2 <= rows)
			put_line(res->snippet, res->hits, res->nhits, y + 2, margin + 2, width - 2, 0);
	}
	move(cy, cx);
}

/* The list at the current size. */
static struct list *sized(struct searchview *sv)
{
	sv->l.n = sv->r.n;
	sv->l.rows = per_screen();
	return &sv->l;
}

static struct screen_result action(struct ui *u, struct screen *s, enum action a)
{
	struct searchview *sv = searchview_of(s);
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	if (a == ACT_NEXT_LINK || a == ACT_PREV_LINK)
		a = a == ACT_NEXT_LINK ? ACT_DOWN : ACT_UP;
	if (list_move(sized(sv), a))
		return r;
	switch (a) {
	case ACT_FOLLOW:
		/* the page's n/N then run through this query's matches */
		snprintf(u->query, sizeof u->query, "%s", sv->query);
		r.verb = SCREEN_OPEN_MATCH;
		r.page = sv->r.v[sv->l.sel].page;
		break;
	case ACT_BACK:
	case ACT_QUIT:
		r.verb = SCREEN_CLOSE;
		break;
	case ACT_HELP:
	case ACT_LANGUAGE:
	case ACT_SEARCH_ALL:
		r.verb = SCREEN_NOT_MINE; /* over the list, or new results for it */
		break;
	default:
		/* other keys act on the page underneath, as if the list were
		 * not there: close it first */
		r.verb = SCREEN_PASS;
		break;
	}
	return r;
}

static struct screen_result click(struct ui *u, struct screen *s, int y, int x)
{
	struct searchview *sv = searchview_of(s);
	(void)x;
	if (y < 1 + HEAD_ROWS)
		return (struct screen_result){SCREEN_DONE, NULL, NULL};
	size_t i = sv->l.top + (size_t)(y - 1 - HEAD_ROWS) / ITEM_ROWS;
	if (i >= sv->r.n)
		return (struct screen_result){SCREEN_DONE, NULL, NULL};
	sv->l.sel = i;
	return action(u, s, ACT_FOLLOW);
}

static void wheel(struct ui *u, struct screen *s, int dir)
{
	(void)u;
	list_move(sized(searchview_of(s)), dir < 0 ? ACT_UP : ACT_DOWN);
}

static const char *hint(const struct ui *u, const struct screen *s)
{
	(void)u, (void)s;
	return _("Search results: Enter opens, q goes back, s searches again");
}

static void close_searchview(struct ui *u, struct screen *s)
{
	(void)u;
	search_results_free(&searchview_of(s)->r);
}

static const struct screen_ops searchview_ops = {
	.draw = draw,
	.action = action,
	.click = click,
	.wheel = wheel,
	.hint = hint,
	.close = close_searchview,
	.holds_site = 1,
};
