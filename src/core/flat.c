/* flat.c - see flat.h: flattened blocks and their word wrap. */
#include "config.h"

#include "flat.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "utf8.h"

/* Gives the bytes from `from` to the end of f's text attr and link. */
static void mark_run(struct flat *f, size_t from, unsigned attr, int link)
{
	if (f->text.len == from)
		return;
	if (f->nruns) {
		const struct frun *last = &f->runs[f->nruns - 1];
		if (last->attr == (unsigned char)attr && last->link == link)
			return;
	}
	f->runs = xgrow(f->runs, &f->cap, f->nruns + 1, sizeof *f->runs);
	f->runs[f->nruns++] = (struct frun){from, (unsigned char)attr, link};
}

void flat_append(struct flat *f, const char *s, size_t n, unsigned attr, int link)
{
	size_t old = f->text.len;
	buf_add(&f->text, s, n);
	mark_run(f, old, attr, link);
}

void flat_trim(struct flat *f, size_t floor)
{
	while (f->text.len > floor && f->text.s[f->text.len - 1] == ' ')
		f->text.s[--f->text.len] = '\0';
	while (f->nruns && f->runs[f->nruns - 1].off >= f->text.len)
		f->nruns--;
}

void flat_reset(struct flat *f)
{
	f->text.len = 0;
	if (f->text.s)
		f->text.s[0] = '\0';
	f->nruns = 0;
}

void flat_free(struct flat *f)
{
	buf_free(&f->text);
	free(f->runs);
	f->runs = NULL;
	f->nruns = f->cap = 0;
}

/* The run that holds byte `at` (the last that starts at or before it). */
static size_t run_at(const struct flat *f, size_t at)
{
	size_t lo = 0, hi = f->nruns;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->runs[mid].off <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Appends inline text to f, sanitised. */
void flat_text(struct flat *f, const char *s, unsigned attr, int link, int flags, int *space)
{
	/* straight into the text: a copy would double a long paragraph */
	size_t old = f->text.len;
	layout_sanitize(s, strlen(s), flags, space, &f->text);
	mark_run(f, old, attr, link);
}

void flat_lit(struct flat *f, const char *utf8, const char *ascii, unsigned attr,
		     int link, int flags, int *space)
{
	const char *s = (flags & LAYOUT_ASCII) ? ascii : utf8;
	flat_append(f, s, strlen(s), attr, link);
	*space = s[0] && s[strlen(s) - 1] == ' ';
}

struct line *flat_new_line(struct layout *l, int block, size_t boff)
{
	l->lines = xgrow(l->lines, &l->cap, l->nlines + 1, sizeof *l->lines);
	struct line *ln = &l->lines[l->nlines++];
	memset(ln, 0, sizeof *ln);
	ln->block = block;
	ln->boff = boff;
	return ln;
}

void flat_line_run(struct line *ln, size_t off, size_t len, unsigned attr, int link)
{
	if (!len)
		return;
	if (ln->nruns) {
		struct lrun *last = &ln->runs[ln->nruns - 1];
		if (last->attr == attr && last->link == link && last->off + last->len == off) {
			last->len += len;
			return;
		}
	}
	ln->runs = xrealloc(ln->runs, (ln->nruns + 1) * sizeof *ln->runs);
	ln->runs[ln->nruns++] = (struct lrun){off, len, attr, link};
}

void flat_blank_line(struct layout *l)
{
	if (l->nlines && l->lines[l->nlines - 1].len == 0)
		return;
	struct line *ln = flat_new_line(l, -1, 0);
	ln->text = xstrdup("");
}

/* Gives ln its visual order when it needs one, and moves the links that
 * start on it to where their first character shows. */
static void line_visual(struct layout *l, struct line *ln, int rtl)
{
	if (!(l->flags & LAYOUT_BIDI) || (!rtl && !bidi_has_rtl(ln->text, ln->len)))
		return;
	struct bidi_line b;
	bidi_reorder(ln->text, ln->len, rtl, l->width, &b);
	ln->vis = b.text;
	ln->vis_len = b.len;
	ln->vis_log = b.log;
	ln->width = b.width;
	size_t lineno = (size_t)(ln - l->lines);
	for (size_t r = 0; r < ln->nruns; r++) {
		int lk = ln->runs[r].link;
		if (lk < 0 || l->links[lk].line != lineno)
			continue;
		/* the run where the link starts on its first line */
		if (r > 0 && ln->runs[r - 1].link == lk)
			continue;
		l->links[lk].rtl = rtl;
		for (size_t j = 0; j < ln->vis_len; j++)
			if (ln->vis_log[j] == (int)ln->runs[r].off) {
				l->links[lk].col = utf8_strwidth(ln->vis, j);
				break;
			}
	}
}

/* Emits bytes [a, b) of f as one line after `prefix`; the line's boff is
 * a + base. */
static void emit(struct layout *l, const struct flat *f, size_t a, size_t b,
		 const char *prefix, unsigned prefix_attr, int block, size_t base_off, int rtl)
{
	struct line *ln = flat_new_line(l, block, base_off + a);
	struct buf t = {0};
	buf_adds(&t, prefix);
	flat_line_run(ln, 0, t.len, prefix_attr, -1);
	size_t base = t.len;
	buf_add(&t, f->text.s + a, b - a);
	for (size_t i = a, r = a < b ? run_at(f, a) : 0; i < b; r++) {
		size_t j = r + 1 < f->nruns && f->runs[r + 1].off < b ? f->runs[r + 1].off : b;
		int lk = f->runs[r].link;
		flat_line_run(ln, base + (i - a), j - i, f->runs[r].attr, lk);
		if (lk >= 0 && l->links[lk].col < 0) {
			l->links[lk].line = l->nlines - 1;
			l->links[lk].col = utf8_strwidth(t.s, base + (i - a));
		}
		i = j;
	}
	ln->len = t.len;
	ln->text = buf_take(&t);
	ln->width = utf8_strwidth(ln->text, ln->len);
	line_visual(l, ln, rtl);
}

/* Greedy word wrap of f into lines of `width` columns; the first line
 * starts with `first`, the rest with `rest` (same width: hanging indent).
 * Lines of one block get increasing boffs: a block wrapped in two parts
 * (a quotation and its source) passes the first part's length as
 * `base_off` for the second, so layout_find never mistakes one for the
 * other. */
void flat_wrap_at(struct layout *l, const struct flat *f, const char *first, const char *rest,
		    unsigned prefix_attr, int block, size_t base_off)
{
	const char *s = f->text.s ? f->text.s : "";
	size_t n = f->text.len, pos = 0;
	int avail = l->width - utf8_strwidth(rest, strlen(rest));
	if (avail < 1)
		avail = 1;
	int firstline = 1;
	int rtl = (l->flags & LAYOUT_BIDI) && bidi_paragraph_rtl(s, n);
	l->last_rtl = rtl;

	while (pos < n && s[pos] == ' ')
		pos++;
	while (pos < n) {
		size_t start = pos, end = pos;
		int col = 0;
		/* words on this line so far: not col > 0, since a word of
		 * zero-width characters takes no column (it looped for ever) */
		int words = 0;
		while (pos < n) {
			size_t w0 = pos;
			if (words > 0)
				w0++; /* the space before the word */
			size_t we = w0;
			int ww = 0, taken_any = 0;
			int hard = 0;
			while (we < n && s[we] != ' ') {
				uint32_t cp;
				size_t len = 1;
				int cw = 1; /* printable ASCII: no decoding needed */
				if ((unsigned char)s[we] >= 0x7F || (unsigned char)s[we] < ' ') {
					len = utf8_decode(s + we, n - we, &cp);
					cw = utf8_width(cp);
					if (cw < 0)
						cw = 0;
				}
				if (words == 0 && ww + cw > avail && taken_any) {
					hard = 1; /* a word longer than a line: break it */
					break;
				}
				ww += cw;
				we += len;
				taken_any = 1;
			}
			if (words > 0 && col + 1 + ww > avail)
				break;
			end = we;
			col += (words > 0 ? 1 : 0) + ww;
			words++;
			pos = we;
			if (hard)
				break;
			if (pos < n && s[pos] == ' ' && col >= avail)
				break;
			if (pos >= n || s[pos] != ' ')
				break; /* end of text */
			/* pos at the space before the next word */
		}
		emit(l, f, start, end, firstline ? first : rest, prefix_attr, block, base_off, rtl);
		firstline = 0;
		while (pos < n && s[pos] == ' ')
			pos++;
	}
}

void flat_wrap(struct layout *l, const struct flat *f, const char *first, const char *rest,
		 unsigned prefix_attr, int block)
{
	flat_wrap_at(l, f, first, rest, prefix_attr, block, 0);
}

