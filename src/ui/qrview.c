/* qrview.c - the QR code screen: one code at a time for the page under
 * it, the largest that fits, its words above and its address in full
 * under it. Dark modules on light whatever the theme; while it is shown
 * nothing else on screen changes (no cursor, no progress line). */
#include "config.h"

#include "qrview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "qr.h"
#include "ui_curses.h"
#include "ui_state.h"

/* The colour pair of the code, when the terminal has colours. */
#define QR_PAIR 1

struct qrview {
	struct screen s;
	const struct page *page; /* the page whose codes these are */
	struct qr_targets t;
	size_t cur;              /* the code shown */
	char hint[160];          /* the status line, made at each draw */
};

static struct qrview *qrview_of(struct screen *s)
{
	return (struct qrview *)s;
}

/* The attribute that shows dark modules dark and light ones light. A
 * scanner needs contrast, so the code never takes the terminal's
 * default colours: black on white where there are colours; else
 * reverse video, since a terminal's default is light on dark (a console,
 * most emulators), unless COLORFGBG says its background is light. */
static int code_attr(void)
{
	static int pair_ready = -1;
	if (pair_ready < 0) {
		pair_ready = 0;
		if (has_colors() && start_color() == OK && COLOR_PAIRS > QR_PAIR) {
			/* the rest of the screen keeps the terminal's own colours */
			use_default_colors();
			short white = COLORS >= 16 ? COLOR_WHITE + 8 : COLOR_WHITE;
			pair_ready = init_pair(QR_PAIR, COLOR_BLACK, white) == OK;
		}
	}
	if (pair_ready)
		return (int)COLOR_PAIR(QR_PAIR);
	const char *fgbg = getenv("COLORFGBG"); /* "fg;bg", as rxvt and others set */
	const char *bg = fgbg ? strrchr(fgbg, ';') : NULL;
	if (bg) {
		int b = atoi(bg + 1);
		if (b == 7 || b >= 9)
			return (int)A_NORMAL; /* dark on light already */
	}
	return (int)A_REVERSE;
}

/* Draws code c at y, x: half blocks (UTF-8), or the console's full block
 * for two columns a module (ACS). `ascii`: no UTF-8. */
static void draw_code(const struct qr_code *c, int scale, int y, int x, int ascii)
{
	int attr = code_attr();
	attrset(attr);
	if (!ascii) {
		for (int row = 0; row < qr_half_rows(c, scale); row++) {
			struct buf b = {0};
			qr_half_row(c, scale, row, &b);
			mvaddnstr(y + row, x, b.s, (int)b.len);
			buf_free(&b);
		}
	} else {
		int side = (c->size + 2 * QR_QUIET) * scale;
		for (int row = 0; row < side; row++)
			for (int col = 0; col < side; col++) {
				chtype ch = qr_dark(c, col / scale, row / scale) ? ACS_BLOCK : ' ';
				mvaddch(y + row, x + 2 * col, ch | (chtype)attr);
				mvaddch(y + row, x + 2 * col + 1, ch | (chtype)attr);
			}
	}
	attrset(A_NORMAL);
}

/* The console font's full block: only where the terminal has one (it
 * is then in the alternate character set). */
static int have_block(void)
{
	return (ACS_BLOCK & A_ALTCHARSET) != 0;
}

/* The code's columns and rows at `scale`. */
static void code_size(const struct qr_code *c, int scale, int ascii, int *cols, int *rows)
{
	if (ascii) {
		*rows = (c->size + 2 * QR_QUIET) * scale;
		*cols = 2 * *rows;
	} else {
		*cols = qr_half_cols(c, scale);
		*rows = qr_half_rows(c, scale);
	}
}

/* The largest scale at which c fits in cols x rows; 0: it does not. */
static int fit(const struct qr_code *c, int ascii, int cols, int rows)
{
	int s = 0, w, h;
	for (;;) {
		code_size(c, s + 1, ascii, &w, &h);
		if (w > cols || h > rows)
			return s;
		s++;
	}
}

/* The address in full, wrapped at `w` columns, from row y, at most
 * `max` rows; one that does not fit ends with "..." (printable ASCII:
 * it is what the code holds). Returns the rows used. */
static int draw_address(const char *uri, int y, int x, int w, int max)
{
	size_t len = strlen(uri), per = (size_t)(w > 4 ? w : 4);
	int n = 0;
	for (size_t off = 0; off < len && n < max; off += per, n++) {
		size_t take = len - off < per ? len - off : per;
		if (n + 1 == max && off + take < len) {
			mvaddnstr(y + n, x, uri + off, (int)take - 3);
			addstr("...");
		} else {
			mvaddnstr(y + n, x, uri + off, (int)take);
		}
	}
	return n;
}

static int address_rows(const char *uri, int w)
{
	size_t per = (size_t)(w > 4 ? w : 4);
	return (int)((strlen(uri) + per - 1) / per);
}

/* The start of s that can fill the screen at w columns, laid out: a link
 * text of megabytes costs a frame no more than a screenful does. */
static struct layout *screenful(const struct ui *u, const char *s, int w)
{
	char *part = xstrndup(s, draw_window(s, w * (LINES > 0 ? LINES : 1)));
	struct layout *l = layout_para(part, w, u->flags & (LAYOUT_ASCII | LAYOUT_PLAIN));
	free(part);
	return l;
}

/* Words wrapped at w columns from row y, at most `max` rows; returns the
 * rows used. */
static int draw_words(struct ui *u, int y, int x, int w, const char *s, int max)
{
	struct layout *l = screenful(u, s, w);
	int n = 0;
	for (size_t i = 0; i < l->nlines && n < max; i++, n++)
		ui_put_text(u, y + n, x, l->lines[i].text, w);
	layout_free(l);
	return n;
}

/* Rows a text takes wrapped at w columns. */
static int words_rows(const struct ui *u, const char *s, int w)
{
	struct layout *l = screenful(u, s, w);
	int n = (int)l->nlines;
	layout_free(l);
	return n;
}

/* Where a code goes: beside its words (the words on the right, in
 * TEXT_MIN columns at least) or under them, whichever lets it be
 * larger; under when both are the same. An address longer than ADDR_MAX
 * rows makes a code too large to fit anyway. */
#define TEXT_MIN 24
#define ADDR_MAX 3
struct spot {
	int scale, beside;
};

static struct spot find_spot(const struct ui *u, const struct qr_code *c, int ascii,
			     const char *head, const char *uri)
{
	int rows = ui_rows(), w = ui_width();
	int hr = words_rows(u, head, w), ar = address_rows(uri, w);
	struct spot under = {fit(c, ascii, COLS, rows - hr - (ar < ADDR_MAX ? ar : ADDR_MAX)), 0};
	struct spot beside = {fit(c, ascii, COLS - TEXT_MIN - 2 * ui_margin() - 1, rows), 1};
	return beside.scale > under.scale ? beside : under;
}

/* The code of t encoded and placed; `why` says why there is none (then
 * c holds nothing). */
static struct spot place_code(const struct ui *u, const struct qr_target *t, const char *head,
			      struct qr_code *c, const char **why, char *need, size_t nneed,
			      struct err *e)
{
	int ascii = (u->flags & LAYOUT_ASCII) != 0;
	struct spot sp = {0, 0};
	*why = NULL;
	if (ascii && !have_block()) {
		*why = _("This terminal cannot show the code: it has no block characters. The address in full:");
		return sp;
	}
	/* the most error correction that fits; less makes a smaller code */
	static const enum qr_level levels[] = {QR_LEVEL_M, QR_LEVEL_L};
	for (size_t i = 0; i < 2; i++) {
		if (qr_encode(t->uri, levels[i], c, e) < 0) {
			*why = e->msg;
			return sp;
		}
		sp = find_spot(u, c, ascii, head, t->uri);
		if (sp.scale)
			return sp;
		if (i == 0)
			qr_code_free(c);
	}
	int cw, ch;
	code_size(c, 1, ascii, &cw, &ch);
	snprintf(need, nneed,
		 _("The screen is too small for a code a phone can scan: it needs %dx%d. "
		   "Make the window bigger, or copy the address:"),
		 cw, ch + 2);
	qr_code_free(c);
	*why = need;
	return sp;
}

static void draw(struct ui *u, struct screen *s)
{
	struct qrview *q = qrview_of(s);
	const struct qr_target *t = &q->t.v[q->cur];
	int ascii = (u->flags & LAYOUT_ASCII) != 0;
	int margin = ui_margin(), w = ui_width(), last = LINES - 2; /* body rows 1..last */
	char head[512], need[256];

	if (t->number)
		/* TRANSLATORS: over a QR code: which one of how many, then the
		 * link's number and words as the page shows them */
		snprintf(head, sizeof head, _("Code %zu of %zu: [%d] %s"), q->cur + 1, q->t.n, t->number,
			 t->text);
	else
		/* TRANSLATORS: over a QR code of a telephone number */
		snprintf(head, sizeof head, _("Code %zu of %zu: telephone %s"), q->cur + 1, q->t.n,
			 t->text);

	struct qr_code c = {0};
	struct err e = {0};
	const char *why;
	struct spot sp = place_code(u, t, head, &c, &why, need, sizeof need, &e);

	int y = 1, tx = margin, tw = w;
	if (sp.scale) {
		int cw, ch;
		code_size(&c, sp.scale, ascii, &cw, &ch);
		if (sp.beside) {
			/* the code at the left from the top, the words on its right */
			draw_code(&c, sp.scale, 1, margin, ascii);
			tx = margin + cw + 1;
			tw = COLS - tx - margin;
		} else {
			attrset(A_BOLD);
			y += draw_words(u, y, margin, w, head, last - y + 1);
			attrset(A_NORMAL);
			draw_code(&c, sp.scale, y, (COLS - cw) / 2, ascii);
			y += ch;
		}
		qr_code_free(&c);
	}
	if (!sp.scale || sp.beside) {
		attrset(A_BOLD);
		y += draw_words(u, y, tx, tw, head, last - y + 1);
		attrset(A_NORMAL);
		if (why)
			y += draw_words(u, y, tx, tw, why, last - y + 1);
		y++;
	}
	int ay = y;
	if (y <= last)
		draw_address(t->uri, y, tx, tw, last - y + 1);

	char next[32], prev[32], back[64];
	ui_keys(ACT_NEXT_CODE, next, sizeof next);
	ui_keys(ACT_PREV_CODE, prev, sizeof prev);
	ui_keys(ACT_BACK, back, sizeof back);
	back[strcspn(back, ",")] = '\0'; /* its first key says enough */
	snprintf(q->hint, sizeof q->hint, _("%s: next code; %s: previous; %s: back to the page"), next,
		 prev, back);
	/* nothing blinks over a code; a screen reader still finds the
	 * address under the (hidden) cursor */
	curs_set(u->accessible ? 1 : 0);
	move(ay <= last ? ay : 1, tx);
}

static struct screen_result action(struct ui *u, struct screen *s, enum action a)
{
	struct qrview *q = qrview_of(s);
	struct screen_result r = {SCREEN_DONE, NULL, NULL};
	(void)u;
	switch (a) {
	case ACT_NEXT_CODE:
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_NEXT_LINK:
	case ACT_SEARCH_NEXT:
		if (q->cur + 1 < q->t.n)
			q->cur++;
		break;
	case ACT_PREV_CODE:
	case ACT_UP:
	case ACT_PAGE_UP:
	case ACT_PREV_LINK:
	case ACT_SEARCH_PREV:
		if (q->cur > 0)
			q->cur--;
		break;
	case ACT_TOP:
		q->cur = 0;
		break;
	case ACT_BOTTOM:
		q->cur = q->t.n - 1;
		break;
	case ACT_BACK:
	case ACT_QR:
	case ACT_QUIT:
		r.verb = SCREEN_CLOSE; /* the page, where it was */
		break;
	case ACT_HOME:
	case ACT_SEARCH:
		r.verb = SCREEN_PASS;
		break;
	case ACT_HELP:
	case ACT_LANGUAGE:
	case ACT_SEARCH_ALL:
		r.verb = SCREEN_NOT_MINE;
		break;
	default:
		break;
	}
	return r;
}

/* A tap on the code or its words changes nothing: a visitor holding a
 * phone to the screen may touch it. */
static struct screen_result click(struct ui *u, struct screen *s, int y, int x)
{
	(void)u, (void)s, (void)y, (void)x;
	return (struct screen_result){SCREEN_DONE, NULL, NULL};
}

static const char *title(const struct ui *u, const struct screen *s)
{
	(void)u, (void)s;
	return _("QR codes: scan one with a phone's camera");
}

static const char *hint(const struct ui *u, const struct screen *s)
{
	(void)u;
	return ((const struct qrview *)s)->hint;
}

static size_t focus(const struct screen *s)
{
	return ((const struct qrview *)s)->cur;
}

static void say(struct ui *u, struct screen *s, enum screen_event ev)
{
	if (ev == SCREEN_CLOSED) {
		ui_message(u, "%s", _("QR codes closed."));
		return;
	}
	struct qrview *q = qrview_of(s);
	/* TRANSLATORS: the accessible mode reads this out: which code of
	 * how many, then the address it holds */
	ui_message(u, _("QR code %zu of %zu: %s"), q->cur + 1, q->t.n, q->t.v[q->cur].uri);
}

static void close_view(struct ui *u, struct screen *s)
{
	(void)u;
	qr_targets_free(&qrview_of(s)->t);
	curs_set(1);
}

static const enum action own_keys[] = {ACT_NEXT_CODE, ACT_PREV_CODE, ACT_NONE};

static const struct screen_ops qrview_ops = {
	.draw = draw,
	.action = action,
	.click = click,
	.title = title,
	.hint = hint,
	.focus = focus,
	.say = say,
	.close = close_view,
	.holds_site = 1,
	.still = 1,
	.own_keys = own_keys,
};

struct screen *qrview_open(struct ui *u)
{
	struct qrview *q = xcalloc(1, sizeof *q);
	q->s.ops = &qrview_ops;
	q->page = u->view.page;
	qr_targets_of(q->page, u->flags & (LAYOUT_ASCII | LAYOUT_PLAIN), &q->t);
	if (!q->t.n) {
		free(q);
		ui_message(u, "%s", _("This page has no web address or telephone number to show as a QR code."));
		return NULL;
	}
	return &q->s;
}

int qrview_is(const struct screen *s)
{
	return s->ops == &qrview_ops;
}

int qrview_page_has_codes(const struct ui *u)
{
	return u->view.page && u->view.has_codes;
}
