/* chrome.c - the frame around the screen on top: the title and status
 * lines, the status message (on up to four lines when long), an update's
 * progress, page numbers, where the reader is, a kiosk's touch targets,
 * the message for a terminal too small, and the accessible mode's
 * announcements. */
#include "config.h"

#include "chrome.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "qrview.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "upclient.h"
#include "utf8.h"

void ui_message(struct ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
}

/* The screenful shown and how many there are, of the topmost screen that
 * has lines (help, or the page under the others). */
static void page_numbers(struct ui *u, size_t *page, size_t *pages)
{
	int rows = ui_rows();
	size_t n = 0, top = 0;
	struct screen *s = screen_with(u, SCREEN_OP_LINES);
	if (s)
		s->ops->lines(u, s, &top, &n);
	*pages = rows > 0 ? (n + (size_t)rows - 1) / (size_t)rows : 1;
	*page = rows > 0 ? top / (size_t)rows + 1 : 1;
	if (*pages < 1)
		*pages = 1;
	if (top + (size_t)rows >= n && n)
		*page = *pages;
}

/* The bottom line of a kiosk: targets big enough to tap, remembered for
 * the mouse, after the message or else the breadcrumb. The targets
 * stay while a message shows (narrower), so a tap always lands. */
struct target_label {
	const char *wide, *narrow;
	enum action act;
};

static void draw_targets(struct ui *u, int y)
{
	static const struct target_label page_t[] = {
		{N_("[ < Back ]"), "[<]", ACT_BACK},
		{N_("[ Home ]"), "[Home]", ACT_HOME},
		{N_("[ PgUp ]"), "[Up]", ACT_PAGE_UP},
		{N_("[ PgDn ]"), "[Dn]", ACT_PAGE_DOWN},
		/* TRANSLATORS: a touch target that shows the page's QR codes;
		 * keep it short, QR as it is */
		{N_("[ QR ]"), "[QR]", ACT_QR},
	};
	/* on the QR codes: between them instead of scrolling */
	static const struct target_label code_t[] = {
		{N_("[ < Back ]"), "[<]", ACT_BACK},
		{N_("[ Home ]"), "[Home]", ACT_HOME},
		/* TRANSLATORS: touch targets on the QR codes: the previous and
		 * the next code; keep them short */
		{N_("[ Prev ]"), "[-]", ACT_PREV_CODE},
		{N_("[ Next ]"), "[+]", ACT_NEXT_CODE},
	};
	int on_codes = qrview_is(screen_top(u));
	const struct target_label *t = on_codes ? code_t : page_t;
	int wide = COLS >= 60 && !u->msg[0], w = 0;
	for (size_t i = 0; i < 4; i++) {
		const char *lb = wide ? _(t[i].wide) : t[i].narrow;
		w += utf8_strwidth(lb, strlen(lb)) + 1;
	}
	if (COLS - w < 0)
		return;
	/* mirrored in a right-to-left interface: the targets on the left,
	 * the first (Back) rightmost, the words on the right */
	int rtl = ui_chrome_rtl(u);
	int x = rtl ? 0 : COLS - w;
	for (size_t k = 0; k < 4; k++) {
		size_t i = rtl ? 3 - k : k;
		const char *label = wide ? _(t[i].wide) : t[i].narrow;
		int lw = utf8_strwidth(label, strlen(label));
		attrset(A_BOLD);
		draw_raw(y, x, label, u->flags);
		u->targets[u->ntargets++] = (struct target){x, x + lw, t[i].act};
		x += lw + 1;
	}
	/* [ QR ] on a page that has codes, where it fits: beside Back, on
	 * the side of the words, so that the other targets stay where a
	 * visitor's hand has learnt them */
	const char *qr = wide ? _(page_t[4].wide) : page_t[4].narrow;
	int qw = utf8_strwidth(qr, strlen(qr));
	if (!on_codes && w + qw + 1 <= COLS && qrview_page_has_codes(u)) {
		int qx = rtl ? w : COLS - w - qw - 1;
		attrset(A_BOLD);
		draw_raw(y, qx, qr, u->flags);
		u->targets[u->ntargets++] = (struct target){qx, qx + qw, ACT_QR};
		w += qw + 1;
	}
	attrset(A_REVERSE);
	int tx = rtl ? w : 0;
	if (u->msg[0]) {
		draw_clipped(y, tx, u->msg, COLS - w - 1, u->flags, draw_chrome_how(u));
	} else {
		/* the page's, under any screen */
		int iface;
		struct screen *page = screen_base(u);
		char *crumb = page->ops->where(u, page, &iface);
		draw_clipped(y, tx, crumb, COLS - w - 1, u->flags, CLIP_START | (rtl ? ALIGN_RIGHT : 0));
		free(crumb);
	}
}

/* The status-line message on as many bottom lines as it needs, at most
 * four (over the page's last lines, until the next key): a long message,
 * such as why an update failed or a sentence longer in translation, is
 * read whole rather than cut at the edge. */
static void draw_message(struct ui *u, int bar)
{
	int max = LINES - 2 < 4 ? LINES - 2 : 4; /* the title line stays */
	struct layout *l = layout_para(u->msg, COLS, u->flags & (LAYOUT_ASCII | LAYOUT_PLAIN));
	size_t n = l->nlines < (size_t)max ? l->nlines : (size_t)max;
	if (n <= 1) {
		draw_clipped(LINES - 1, 0, u->msg, COLS, u->flags, draw_chrome_how(u));
		layout_free(l);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int y = LINES - (int)n + (int)i;
		attrset(bar);
		mvhline(y, 0, ' ', COLS);
		if (i + 1 < n || i + 1 == l->nlines) {
			draw_clipped(y, 0, l->lines[i].text, COLS, u->flags, draw_chrome_how(u));
			continue;
		}
		/* more than fits: the rest on the last line, cut with an ellipsis */
		struct buf rest = {0};
		for (size_t j = i; j < l->nlines; j++) {
			if (j > i)
				buf_addc(&rest, ' ');
			buf_adds(&rest, l->lines[j].text);
		}
		draw_clipped(y, 0, rest.s, COLS, u->flags, draw_chrome_how(u));
		buf_free(&rest);
	}
	layout_free(l);
}

/* A kiosk's top line, right end (left when mirrored): the page numbers
 * and how current the content is, since its bottom line holds touch
 * targets. Returns the columns left for the title. */
static int draw_kiosk_state(struct ui *u)
{
	char right[96], when[32] = "";
	const char *sep = (u->flags & LAYOUT_ASCII) ? "-" : "\xc2\xb7";
	size_t page, pages;
	page_numbers(u, &page, &pages);
	if (u->offline_since) {
		time_t t = (time_t)u->offline_since;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm); /* digits: no locale bytes */
		snprintf(right, sizeof right, _(" %zu/%zu %s offline since %s "), page, pages, sep, when);
	} else if (u->site->updated) {
		snprintf(right, sizeof right, _(" %zu/%zu %s content of %.10s "), page, pages, sep,
			 u->site->updated);
	} else {
		snprintf(right, sizeof right, " %zu/%zu ", page, pages);
	}
	int rw = utf8_strwidth(right, strlen(right));
	if (rw > COLS - 12)
		return COLS;
	draw_raw(0, ui_chrome_rtl(u) ? 0 : COLS - rw, right, u->flags);
	return COLS - rw - 1;
}

static void draw_title(struct ui *u, int bar)
{
	attrset(bar);
	mvhline(0, 0, ' ', COLS);
	/* columns for the title; a kiosk's state changes, so not over a
	 * screen that must stay still */
	int avail = u->kiosk && !screen_top(u)->ops->still ? draw_kiosk_state(u) : COLS;
	struct screen *s = screen_with(u, SCREEN_OP_TITLE);
	const char *title = s ? s->ops->title(u, s) : u->site->title;
	/* a margin when there is room for it (and not accessible: the words
	 * alone); a whole title before that. Mirrored, the title ends at
	 * the right edge and the kiosk's words are on the left. */
	int tw;
	size_t fits = utf8_fit(title, SIZE_MAX, avail, &tw); /* never the whole title */
	int tx = !u->accessible && !title[fits] && tw + 1 < avail ? 1 : 0;
	if (ui_chrome_rtl(u))
		draw_clipped(0, COLS - avail, title, avail - tx, u->flags,
			     ALIGN_RIGHT | (title == u->site->title ? 0 : BASE_RTL));
	else
		draw_clipped(0, tx, title, avail - tx, u->flags, 0);
	attrset(A_NORMAL);
}

static void human(char *buf, size_t n, double bytes)
{
	if (bytes < 1024)
		snprintf(buf, n, _("%.0f B"), bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, _("%.1f KiB"), bytes / 1024);
	else
		snprintf(buf, n, _("%.1f MiB"), bytes / (1024 * 1024));
}

/* The status line while an update runs. */
static void update_line(const struct ui *u, char *buf, size_t n)
{
	struct update_progress p;
	char done[32], total[32], rate[32];
	upclient_progress(u->upd, &p);
	human(done, sizeof done, (double)p.done);
	human(total, sizeof total, (double)p.total);
	human(rate, sizeof rate, p.rate);
	if (p.phase == UPDATE_PHASE_FILES && p.eta >= 0)
		snprintf(buf, n, _("Updating: %u/%u files, %s of %s, %s/s, %ld s left (U cancels)"),
			 p.files_done, p.files_total, done, total, rate, p.eta);
	else if (p.phase == UPDATE_PHASE_FILES)
		snprintf(buf, n, _("Updating: %u/%u files, %s of %s, %s/s (U cancels)"),
			 p.files_done, p.files_total, done, total, rate);
	else
		snprintf(buf, n, _("Updating: %s... (U cancels)"), _(update_phase_name(p.phase)));
}

/* The status line when nothing else is said: page numbers and the keys
 * to know at the right, where the reader is on the left (mirrored in a
 * right-to-left interface). */
static void draw_place(struct ui *u, int y)
{
	int rtl = ui_chrome_rtl(u);
	char right[64];
	size_t page, pages;
	page_numbers(u, &page, &pages);
	if (COLS >= 60)
		snprintf(right, sizeof right, _(" page %zu/%zu  ?:help q:quit "), page, pages);
	else
		snprintf(right, sizeof right, _(" %zu/%zu ?:help "), page, pages);
	int rw = utf8_strwidth(right, strlen(right));
	if (rw > COLS)
		rw = 0;
	else
		draw_raw(y, rtl ? 0 : COLS - rw, right, u->flags);
	int iface = 0, how = CLIP_START | (rtl ? ALIGN_RIGHT : 0);
	struct screen *s = screen_with(u, SCREEN_OP_WHERE);
	char *where = s->ops->where(u, s, &iface); /* the pager has one */
	draw_clipped(y, rtl ? rw : 0, where, COLS - rw, u->flags, how | (rtl && iface ? BASE_RTL : 0));
	free(where);
}

static void draw_chrome(struct ui *u)
{
	/* accessible: no bars, the words alone */
	int bar = u->accessible ? (int)A_NORMAL : draw_bar_attr();
	draw_title(u, bar);

	int y = LINES - 1;
	attrset(bar);
	mvhline(y, 0, ' ', COLS);
	u->ntargets = 0;
	struct screen *hinted = screen_with(u, SCREEN_OP_HINT);
	if (u->kiosk) {
		draw_targets(u, y);
	} else if (u->msg[0]) {
		draw_message(u, bar);
	} else if (u->upd && !screen_top(u)->ops->still) {
		char line[256];
		update_line(u, line, sizeof line);
		draw_clipped(y, 0, line, COLS, u->flags, draw_chrome_how(u));
	} else if (hinted) {
		draw_clipped(y, 0, hinted->ops->hint(u, hinted), COLS, u->flags, draw_chrome_how(u));
	} else {
		draw_place(u, y);
	}
	attrset(A_NORMAL);
}

/* The message for a terminal smaller than 20x5, wrapped at spaces to
 * whatever room there is, so that even 10x3 says what is wrong. */
static void draw_too_small(void)
{
	char text[160];
	snprintf(text, sizeof text,
		 _("Terminal too small (%dx%d): need at least %dx5. Make it bigger, or press q to quit."),
		 COLS, LINES, LAYOUT_MIN_WIDTH);
	const char *s = text;
	for (int y = 0; y < LINES && *s; y++) {
		int len = (int)strlen(s), cut = len;
		if (len > COLS) {
			cut = COLS;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = COLS;
		}
		mvaddnstr(y, 0, s, cut);
		s += cut;
		while (*s == ' ')
			s++;
	}
	move(0, 0);
	refresh();
}

void chrome_draw_screen(struct ui *u)
{
	erase();
	if (COLS < LAYOUT_MIN_WIDTH || LINES < 5) {
		draw_too_small();
		return;
	}
	struct screen *top = screen_top(u);
	top->ops->draw(u, top);
	int cy, cx;
	getyx(stdscr, cy, cx);
	draw_chrome(u);
	move(cy, cx); /* the cursor rests on the selection, for screen readers */
	refresh();
}

struct chrome_state chrome_state(const struct ui *u)
{
	const struct screen *top = screen_top(u);
	return (struct chrome_state){u->view.page, u->view.sel, u->view.top, u->depth, top->ops,
				     top->ops->focus ? top->ops->focus(top) : 0};
}

/* What the screens say: one that opened, closed, or whose focus moved.
 * Returns 1 when something was said. */
static int announce_screens(struct ui *u, const struct chrome_state *was)
{
	struct screen *top = screen_top(u);
	const struct screen_ops *o = top->ops;
	if (u->depth < was->depth && was->on_top->say)
		was->on_top->say(u, NULL, SCREEN_CLOSED);
	else if ((u->depth > was->depth || o != was->on_top) && o->say)
		o->say(u, top, SCREEN_OPENED);
	else if (o == was->on_top && o->focus && o->say && o->focus(top) != was->focus)
		o->say(u, top, SCREEN_MOVED);
	return u->msg[0] != '\0';
}

/* A page or menu has opened: its kind, title, and the selected item. */
static void announce_page(struct ui *u, size_t pages)
{
	const struct layout *l = u->view.lay;
	if (u->view.page->kind == PAGE_MENU)
		/* TRANSLATORS: a menu has opened; %s is its title */
		ui_message(u, _("Menu: %s."), u->view.page->title);
	else
		/* TRANSLATORS: a page has opened: its title, then how
		 * many screenfuls it has */
		ui_message(u, _("Page: %s. Screen 1 of %zu."), u->view.page->title, pages);
	if (u->view.sel >= 0 && (size_t)u->view.sel < l->nlinks) {
		size_t len = strlen(u->msg);
		char item[256];
		snprintf(item, sizeof item, _("Item %d of %zu: %s"), u->view.sel + 1, l->nlinks,
			 l->links[u->view.sel].text);
		snprintf(u->msg + len, sizeof u->msg - len, " %s", item);
	}
}

void chrome_announce(struct ui *u, const struct chrome_state *was)
{
	if (u->msg[0] || announce_screens(u, was))
		return;
	const struct layout *l = u->view.lay;
	size_t page, pages;
	page_numbers(u, &page, &pages);
	if (u->view.page != was->page) {
		announce_page(u, pages);
	} else if (u->view.sel != was->sel && u->view.sel >= 0 &&
		   (size_t)u->view.sel < l->nlinks) {
		const struct link *lk = &l->links[u->view.sel];
		if (u->view.page->kind == PAGE_MENU)
			ui_message(u, _("Item %d of %zu: %s"), u->view.sel + 1, l->nlinks, lk->text);
		else
			ui_message(u, _("Link %d of %zu: %s"), u->view.sel + 1, l->nlinks, lk->text);
	} else if (u->view.top != was->top) {
		if (u->view.top == 0)
			ui_message(u, _("Top of the page. Screen 1 of %zu."), pages);
		else if (page == pages)
			ui_message(u, _("End of the page. Screen %zu of %zu."), page, pages);
		else
			ui_message(u, _("Screen %zu of %zu."), page, pages);
	}
}
