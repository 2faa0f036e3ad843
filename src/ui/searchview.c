/* searchview.c - the search-results screen: a search across every page,
 * best first, each result its title, breadcrumb and a snippet with the
 * matched words highlighted. Enter opens the page at its first match. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "ui_curses.h"
#include "ui_screen.h"
#include "utf8.h"

/* Rows of one result: title, breadcrumb, snippet, a blank line. */
#define ITEM_ROWS 4
/* Rows above the first result: the summary and a blank line. */
#define HEAD_ROWS 2

struct searchview {
	char query[256];
	struct search_results r;
	size_t sel, top; /* selected result, first result shown */
};

static size_t per_screen(void)
{
	int rows = ui_rows() - HEAD_ROWS;
	return rows >= ITEM_ROWS ? (size_t)(rows / ITEM_ROWS) : 1;
}

static void keep_visible(struct searchview *sv)
{
	size_t n = per_screen();
	if (sv->sel < sv->top)
		sv->top = sv->sel;
	else if (sv->sel >= sv->top + n)
		sv->top = sv->sel - n + 1;
}

void searchview_close(struct ui *u)
{
	if (!u->sv)
		return;
	search_results_free(&u->sv->r);
	free(u->sv);
	u->sv = NULL;
}

void searchview_open(struct ui *u)
{
	char q[sizeof u->sv->query];
	if (ui_prompt(u, _("Search all pages: "), q, sizeof q) < 0)
		return;
	struct search_query sq;
	if (!search_parse(q, &sq)) {
		ui_message(u, _("Type some words to search for, then Enter."));
		return;
	}
	/* the search blocks the keyboard while it runs: say so first */
	attrset(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, _("Searching..."), COLS);
	attrset(A_NORMAL);
	refresh();

	struct search_results r;
	search_site(u->site, &sq, u->view.page, ui_width() - 2, u->flags, &r);
	search_query_free(&sq);
	if (r.failed)
		ui_message(u, ngettext("%zu page could not be read and was skipped: %s",
				       "%zu pages could not be read and were skipped: %s", r.failed),
			   r.failed, r.first_error.msg);
	if (!r.n) {
		if (!r.failed)
			ui_message(u, _("No page has all of: %s"), q);
		search_results_free(&r);
		return;
	}
	searchview_close(u);
	u->sv = xcalloc(1, sizeof *u->sv);
	memcpy(u->sv->query, q, sizeof q);
	u->sv->r = r;
}

/* Draws text clipped to `cols` columns at y, x, with the hits in it
 * highlighted as the pager highlights search matches. */
static void put_line(const char *text, const struct search_hit *h, size_t nh, int y, int x,
		     int cols, unsigned attr)
{
	size_t n = strlen(text), len = 0;
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

void searchview_draw(struct ui *u)
{
	struct searchview *sv = u->sv;
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
	for (size_t i = sv->top; i < sv->r.n; i++) {
		int y = 1 + HEAD_ROWS + (int)(i - sv->top) * ITEM_ROWS;
		if (y > rows)
			break;
		const struct search_result *res = &sv->r.v[i];
		int sel = i == sv->sel;
		space = 1;
		layout_sanitize(res->page->title, strlen(res->page->title), u->flags, &space, &b);
		if (sel)
			attrset(A_BOLD);
		mvaddstr(y, margin, sel ? ">" : " ");
		attrset(A_NORMAL);
		put_line(b.s ? b.s : "", NULL, 0, y, margin + 2, width - 2, sel ? 0 : LA_BOLD);
		if (sel) {
			/* the selection shows in reverse video, the cursor on it */
			attrset(A_REVERSE | A_BOLD);
			mvaddnstr(y, margin + 2, b.s ? b.s : "", (int)b.len);
			attrset(A_NORMAL);
			cy = y;
			cx = margin + 2;
		}
		buf_free(&b);
		if (y + 1 <= rows) {
			char *crumb = page_breadcrumb(res->page, ascii ? " > " : " \xe2\x80\xba ");
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

void searchview_action(struct ui *u, enum action a)
{
	struct searchview *sv = u->sv;
	size_t n = sv->r.n, page = per_screen();
	switch (a) {
	case ACT_DOWN:
	case ACT_NEXT_LINK:
		if (sv->sel + 1 < n)
			sv->sel++;
		break;
	case ACT_UP:
	case ACT_PREV_LINK:
		if (sv->sel)
			sv->sel--;
		break;
	case ACT_PAGE_DOWN:
		sv->sel = sv->sel + page < n ? sv->sel + page : n - 1;
		break;
	case ACT_PAGE_UP:
		sv->sel = sv->sel > page ? sv->sel - page : 0;
		break;
	case ACT_TOP:
		sv->sel = 0;
		break;
	case ACT_BOTTOM:
		sv->sel = n - 1;
		break;
	case ACT_FOLLOW: {
		struct page *p = sv->r.v[sv->sel].page;
		/* the page's n/N then run through this query's matches */
		snprintf(u->query, sizeof u->query, "%s", sv->query);
		searchview_close(u);
		pager_goto_match(u, p);
		return;
	}
	case ACT_BACK:
	case ACT_QUIT:
		searchview_close(u);
		return;
	default:
		/* other keys act on the page underneath, as if the list were
		 * not there: close it first */
		searchview_close(u);
		pager_action(u, a);
		return;
	}
	keep_visible(sv);
}

void searchview_click(struct ui *u, int y)
{
	struct searchview *sv = u->sv;
	if (y < 1 + HEAD_ROWS)
		return;
	size_t i = sv->top + (size_t)(y - 1 - HEAD_ROWS) / ITEM_ROWS;
	if (i >= sv->r.n)
		return;
	sv->sel = i;
	searchview_action(u, ACT_FOLLOW);
}
