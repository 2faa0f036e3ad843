/* draw.c - drawing primitives: themes, geometry, layout lines with their
 * links and matches, and clipped or mirrored interface text. The screens
 * and the chrome draw through these. */
#include "config.h"

#include "draw.h"

#include <stdint.h>
#include <string.h>

#include "bidi.h"
#include "configfile.h"
#include "i18n.h"
#include "ui_curses.h"
#include "ui_state.h"
#include "utf8.h"

/* How each kind of text is shown. No theme relies on colour: only the
 * attributes every terminal has. */
struct theme {
	int bold, underline, em; /* LA_BOLD, LA_UNDERLINE, LA_EM */
	int selected;            /* the selected link or menu entry */
	int match;               /* a search match */
	int bar;                 /* the title and status lines */
};

static const struct theme themes[] = {
	[THEME_DEFAULT] = {A_BOLD, A_UNDERLINE, A_ITALIC, A_REVERSE, A_STANDOUT | A_BOLD, A_REVERSE},
	[THEME_HIGH_CONTRAST] = {A_BOLD, A_BOLD | A_UNDERLINE, A_BOLD, A_REVERSE | A_BOLD,
				 A_REVERSE | A_BOLD | A_UNDERLINE, A_REVERSE | A_BOLD},
	/* for terminals that show bold or italic badly: underline and reverse */
	[THEME_MONOCHROME] = {0, A_UNDERLINE, 0, A_REVERSE, A_UNDERLINE | A_REVERSE, A_REVERSE},
};

static const struct theme *theme = &themes[THEME_DEFAULT];

/* The most ancestors a breadcrumb names (the model's own chain stops
 * there too). */
#define CRUMB_MAX 64

void draw_set_theme(int t)
{
	if (t >= 0 && (size_t)t < sizeof themes / sizeof themes[0])
		theme = &themes[t];
}

int draw_bar_attr(void)
{
	return theme->bar;
}

int ui_rows(void)
{
	return LINES - 2;
}

int ui_margin(void)
{
	return COLS >= 40 ? 1 : 0;
}

int ui_width(void)
{
	return COLS - 2 * ui_margin();
}

static int attr_of(unsigned la)
{
	int a = 0;
	if (la & LA_BOLD)
		a |= theme->bold;
	if (la & LA_UNDERLINE)
		a |= theme->underline;
	if (la & LA_EM)
		a |= theme->em;
	return a;
}

/* Whether logical offset `off` of line `lineno` is in a search match. */
static int in_match(const struct match *m, size_t nm, size_t lineno, size_t off)
{
	for (size_t k = 0; k < nm; k++)
		if (m[k].line == lineno && off >= m[k].off && off < m[k].off + m[k].len)
			return 1;
	return 0;
}

/* The attributes of the character at logical offset `off` (-1: one the
 * reordering added), its match marked. */
static int attr_at(const struct line *ln, int off, int sel_link, const struct match *m,
		   size_t nm, size_t lineno)
{
	if (off < 0)
		return (int)A_NORMAL;
	int a = (int)A_NORMAL;
	for (size_t r = 0; r < ln->nruns; r++) {
		const struct lrun *run = &ln->runs[r];
		if ((size_t)off >= run->off && (size_t)off < run->off + run->len) {
			a = attr_of(run->attr);
			if (run->link >= 0 && run->link == sel_link)
				a |= theme->selected;
			break;
		}
	}
	if (in_match(m, nm, lineno, (size_t)off))
		a |= theme->match;
	return a;
}

/* A line in visual order (right-to-left text): character by character,
 * each with the attributes of the logical character it shows, so links
 * and search matches are marked where they appear. */
static void draw_visual(const struct line *ln, int y, int x, int sel_link,
			const struct match *m, size_t nm, size_t lineno)
{
	size_t i = 0;
	int col = 0;
	while (i < ln->vis_len) {
		int a = attr_at(ln, ln->vis_log[i], sel_link, m, nm, lineno);
		size_t j = i;
		while (j < ln->vis_len && attr_at(ln, ln->vis_log[j], sel_link, m, nm, lineno) == a)
			j++;
		attrset(a);
		mvaddnstr(y, x + col, ln->vis + i, (int)(j - i));
		col += utf8_strwidth(ln->vis + i, j - i);
		i = j;
	}
	attrset(A_NORMAL);
}

void ui_draw_line(const struct line *ln, int y, int x, int sel_link,
		  const struct match *m, size_t nm, size_t lineno)
{
	if (ln->vis) {
		draw_visual(ln, y, x, sel_link, m, nm, lineno);
		return;
	}
	for (size_t r = 0; r < ln->nruns; r++) {
		const struct lrun *run = &ln->runs[r];
		int base = attr_of(run->attr);
		if (run->link >= 0 && run->link == sel_link)
			base |= theme->selected;
		/* split the run where search matches start and end */
		size_t i = run->off, end = run->off + run->len;
		while (i < end) {
			size_t j = end;
			int hl = 0;
			for (size_t k = 0; k < nm; k++) {
				if (m[k].line != lineno)
					continue;
				size_t ms = m[k].off, me = m[k].off + m[k].len;
				if (ms <= i && i < me) {
					hl = 1;
					if (me < j)
						j = me;
				} else if (ms > i && ms < j) {
					j = ms;
				}
			}
			attrset(base | (hl ? theme->match : 0));
			mvaddnstr(y, x + utf8_strwidth(ln->text, i), ln->text + i, (int)(j - i));
			i = j;
		}
	}
	attrset(A_NORMAL);
}

/* The part of s that can show in `cols` columns, whatever its length:
 * its first UTF8_FIT_BYTES(cols) bytes, or its last ones for CLIP_START,
 * cut at character boundaries. *more is 1 when s goes on past it (on
 * the cut side). The string is never walked further than that, except
 * for strlen to find the end of a text clipped at its start (breadcrumbs,
 * which draw_crumb keeps short). */
static const char *window(const char *s, int cols, int from_start, size_t *n, int *more)
{
	size_t cap = UTF8_FIT_BYTES(cols);
	if (from_start) {
		size_t len = strlen(s), off = len > cap ? len - cap : 0;
		while (off < len && off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
		*more = off > 0;
		*n = len - off;
		return s + off;
	}
	size_t len = strnlen(s, cap + 1);
	*more = len > cap;
	if (*more) {
		len = cap;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	*n = len;
	return s;
}

size_t draw_window(const char *s, int cols)
{
	size_t n;
	int more;
	window(s, cols, 0, &n, &more);
	return n;
}

/* Drops characters from the start (CLIP_START) or the end of t[0..*n)
 * until it is at most `room` columns wide, walking no more than `room`
 * columns. Returns the new start. */
static const char *clip(const char *t, size_t *n, int room, int from_start)
{
	if (from_start) {
		size_t off = utf8_fit_end(t, *n, room, NULL);
		*n -= off;
		return t + off;
	}
	*n = utf8_fit(t, *n, room, NULL);
	return t;
}

void draw_clipped(int y, int x, const char *s, int cols, int flags, int how)
{
	int from_start = how & CLIP_START, more;
	size_t n;
	struct buf b = {0};
	int space = 0;
	const char *part = window(s, cols, from_start, &n, &more);
	layout_sanitize(part, n, flags, &space, &b);
	n = b.len;
	const char *ell = (flags & LAYOUT_ASCII) ? "..." : "\xe2\x80\xa6";
	int ellw = (flags & LAYOUT_ASCII) ? 3 : 1;
	int cut = more || utf8_strwidth(b.s ? b.s : "", n) > cols; /* n is bounded */
	int room = cut && cols > ellw ? cols - ellw : cols;
	if (!cut || cols <= ellw)
		ell = "";
	const char *t = clip(b.s ? b.s : "", &n, room, from_start);
	/* what fits, in the order the terminal must show it */
	struct bidi_line v = {0};
	int ell_left = from_start; /* the cut side, as seen */
	if ((flags & LAYOUT_BIDI) && (bidi_has_rtl(t, n) || (how & BASE_RTL))) {
		int rtl = (how & BASE_RTL) || bidi_paragraph_rtl(t, n);
		bidi_reorder(t, n, rtl, 0, &v);
		t = v.text;
		n = v.len;
		if (rtl) /* a right-to-left line ends on the left */
			ell_left = !from_start;
	}
	if (how & ALIGN_RIGHT) {
		int w = utf8_strwidth(t, n) + utf8_strwidth(ell, strlen(ell));
		if (w < cols)
			x += cols - w;
	}
	if (ell_left) {
		mvaddstr(y, x, ell);
		addnstr(t, (int)n);
	} else {
		mvaddnstr(y, x, t, (int)n);
		addstr(ell);
	}
	bidi_line_free(&v);
	buf_free(&b);
}

void draw_raw(int y, int x, const char *s, int flags)
{
	if ((flags & LAYOUT_BIDI) && bidi_has_rtl(s, strlen(s))) {
		struct bidi_line v;
		bidi_reorder(s, strlen(s), bidi_paragraph_rtl(s, strlen(s)), 0, &v);
		mvaddnstr(y, x, v.text, (int)v.len);
		bidi_line_free(&v);
	} else {
		mvaddstr(y, x, s);
	}
}

char *draw_crumb(const struct page *p, const char *sep, int cols)
{
	const struct page *chain[CRUMB_MAX];
	size_t n = 0, total = 0, cap = UTF8_FIT_BYTES(cols);
	/* from the page up, only as many ancestors as can show at its end */
	for (const struct page *q = p; q && n < CRUMB_MAX && total <= cap; q = q->parent) {
		chain[n++] = q;
		total += draw_window(page_short(q), cols) + strlen(sep);
	}
	struct buf b = {0};
	while (n--) {
		const char *t = page_short(chain[n]);
		size_t len = draw_window(t, cols);
		buf_add(&b, t, len);
		if (t[len])
			buf_adds(&b, "\xe2\x80\xa6"); /* sanitized to "..." where ASCII */
		if (n)
			buf_adds(&b, sep);
	}
	return buf_take(&b);
}

int ui_chrome_rtl(const struct ui *u)
{
	const struct i18n_lang *l = i18n_lang_find(i18n_language());
	return (u->flags & LAYOUT_BIDI) && l && l->rtl;
}

int draw_chrome_how(const struct ui *u)
{
	return ui_chrome_rtl(u) ? ALIGN_RIGHT | BASE_RTL : 0;
}

void ui_put_text(const struct ui *u, int y, int x, const char *s, int cols)
{
	if (cols > 0)
		draw_clipped(y, x, s, cols, u->flags, draw_chrome_how(u));
}
