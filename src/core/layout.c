/* layout.c - see layout.h. */
#include "config.h"

#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "i18n.h"
#include "utf8.h"

/* A block flattened to one string, with the attribute and link of every
 * byte, ready to be wrapped. */
struct flat {
	struct buf text;
	unsigned char *attr;
	int *link;
	size_t cap;
};

static void flat_append(struct flat *f, const char *s, size_t n, unsigned attr, int link)
{
	size_t old = f->text.len;
	buf_add(&f->text, s, n);
	if (f->text.len > f->cap) {
		size_t cap = f->cap;
		f->attr = xgrow(f->attr, &cap, f->text.len, 1);
		f->link = xrealloc(f->link, cap * sizeof *f->link);
		f->cap = cap;
	}
	if (n) /* f->attr is still NULL when the first text is empty */
		memset(f->attr + old, (int)attr, n);
	for (size_t i = old; i < f->text.len; i++)
		f->link[i] = link;
}

static void flat_reset(struct flat *f)
{
	f->text.len = 0;
	if (f->text.s)
		f->text.s[0] = '\0';
}

static void flat_free(struct flat *f)
{
	buf_free(&f->text);
	free(f->attr);
	free(f->link);
}

/* Appends inline text to f, sanitised. */
static void flat_text(struct flat *f, const char *s, unsigned attr, int link, int flags, int *space)
{
	struct buf tmp = {0};
	layout_sanitize(s, strlen(s), flags, space, &tmp);
	flat_append(f, tmp.s ? tmp.s : "", tmp.len, attr, link);
	buf_free(&tmp);
}

static void flat_lit(struct flat *f, const char *utf8, const char *ascii, unsigned attr,
		     int link, int flags, int *space)
{
	const char *s = (flags & LAYOUT_ASCII) ? ascii : utf8;
	flat_append(f, s, strlen(s), attr, link);
	*space = s[0] && s[strlen(s) - 1] == ' ';
}

static struct line *new_line(struct layout *l, int block, size_t boff)
{
	l->lines = xgrow(l->lines, &l->cap, l->nlines + 1, sizeof *l->lines);
	struct line *ln = &l->lines[l->nlines++];
	memset(ln, 0, sizeof *ln);
	ln->block = block;
	ln->boff = boff;
	return ln;
}

static void line_run(struct line *ln, size_t off, size_t len, unsigned attr, int link)
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

static void blank_line(struct layout *l)
{
	if (l->nlines && l->lines[l->nlines - 1].len == 0)
		return;
	struct line *ln = new_line(l, -1, 0);
	ln->text = xstrdup("");
}

/* Emits bytes [a, b) of f as one line after `prefix`; the line's boff is
 * a + base. */
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

static void emit(struct layout *l, const struct flat *f, size_t a, size_t b,
		 const char *prefix, unsigned prefix_attr, int block, size_t base_off, int rtl)
{
	struct line *ln = new_line(l, block, base_off + a);
	struct buf t = {0};
	buf_adds(&t, prefix);
	line_run(ln, 0, t.len, prefix_attr, -1);
	size_t base = t.len;
	buf_add(&t, f->text.s + a, b - a);
	for (size_t i = a; i < b;) {
		size_t j = i;
		while (j < b && f->attr[j] == f->attr[i] && f->link[j] == f->link[i])
			j++;
		line_run(ln, base + (i - a), j - i, f->attr[i], f->link[i]);
		int lk = f->link[i];
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
static void wrap_at(struct layout *l, const struct flat *f, const char *first, const char *rest,
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

static void wrap(struct layout *l, const struct flat *f, const char *first, const char *rest,
		 unsigned prefix_attr, int block)
{
	wrap_at(l, f, first, rest, prefix_attr, block, 0);
}

static int add_link(struct layout *l, const char *page, const char *href, int number)
{
	l->links = xgrow(l->links, &l->linkcap, l->nlinks + 1, sizeof *l->links);
	struct link *lk = &l->links[l->nlinks];
	memset(lk, 0, sizeof *lk);
	lk->page = page;
	lk->href = href;
	lk->number = number;
	lk->col = -1;
	return (int)l->nlinks++;
}

static void flat_spans(struct layout *l, struct flat *f, const struct block *b,
		       unsigned base_attr, int *space, int *numbers)
{
	for (size_t i = 0; i < b->nspans; i++) {
		const struct span *sp = &b->spans[i];
		if (sp->kind == SPAN_LINK) {
			int lk = add_link(l, sp->page, sp->href, ++*numbers);
			size_t before = f->text.len;
			flat_text(f, sp->text, base_attr | LA_LINK | LA_UNDERLINE, lk, l->flags, space);
			/* a link's text without its marker, for menus and messages */
			const char *t = f->text.s ? f->text.s + before : "";
			size_t tl = f->text.len - before;
			while (tl && t[0] == ' ')
				t++, tl--;
			while (tl && t[tl - 1] == ' ')
				tl--;
			l->links[lk].text = xstrndup(t, tl);
			/* the marker sticks to the last word of the link */
			while (f->text.len > before && f->text.s[f->text.len - 1] == ' ')
				f->text.s[--f->text.len] = '\0';
			char mark[24];
			snprintf(mark, sizeof mark, "[%d]", l->links[lk].number);
			flat_append(f, mark, strlen(mark), base_attr | LA_LINK, lk);
			*space = 0;
		} else {
			flat_text(f, sp->text, base_attr | (sp->kind == SPAN_EM ? LA_EM : 0), -1,
				  l->flags, space);
		}
	}
	while (f->text.len && f->text.s[f->text.len - 1] == ' ')
		f->text.s[--f->text.len] = '\0';
}

static struct layout *layout_new(int width, int flags)
{
	struct layout *l = xcalloc(1, sizeof *l);
	if (width < LAYOUT_MIN_WIDTH)
		width = LAYOUT_MIN_WIDTH;
	if (width > LAYOUT_MAX_WIDTH)
		width = LAYOUT_MAX_WIDTH;
	l->width = width;
	l->flags = flags;
	return l;
}

/* Columns of a line's text, without the padding of a right-to-left line. */
static int logical_width(const struct line *ln)
{
	return utf8_strwidth(ln->text, ln->len);
}

/* A rule of w `c`s under a title or heading: under right-to-left text it
 * is aligned to the right, as the text is. */
static void rule_line(struct layout *l, char c, int w, int runs)
{
	if (l->flags & LAYOUT_PLAIN)
		return; /* decoration: a screen reader would read it out */
	int pad = l->last_rtl && l->width > w ? l->width - w : 0;
	struct line *ln = new_line(l, -1, 0);
	ln->text = xmalloc((size_t)(pad + w) + 1);
	memset(ln->text, ' ', (size_t)pad);
	memset(ln->text + pad, c, (size_t)w);
	ln->text[pad + w] = '\0';
	ln->len = (size_t)(pad + w);
	ln->width = pad + w;
	if (runs)
		line_run(ln, 0, ln->len, 0, -1);
}

/* The page title, underlined so it reads as a title without attributes. */
static void layout_title(struct layout *l, struct flat *f, const char *title, char rule)
{
	int space = 1;
	flat_reset(f);
	flat_text(f, title, LA_BOLD, -1, l->flags, &space);
	size_t first = l->nlines;
	wrap(l, f, "", "", 0, -1);
	int w = 0;
	for (size_t i = first; i < l->nlines; i++)
		if (logical_width(&l->lines[i]) > w)
			w = logical_width(&l->lines[i]);
	rule_line(l, rule, w, 1);
}

/* After a menu entry that opens another menu: a mark, or words when
 * plain (a screen reader reads "›" as a quotation mark). */
static void submenu_mark(struct layout *l, struct flat *f, int lk, int *space)
{
	if (l->flags & LAYOUT_PLAIN) {
		struct buf t = {0};
		/* TRANSLATORS: after a menu entry that opens another menu, in
		 * the accessible mode. */
		buf_printf(&t, " (%s)", _("menu"));
		flat_append(f, t.s, t.len, LA_LINK, lk);
		buf_free(&t);
		*space = 0;
	} else {
		flat_lit(f, " \xe2\x80\xba", " >", LA_LINK, lk, l->flags, space);
	}
}

static void layout_menu(struct layout *l, const struct page *m)
{
	struct flat f = {0};
	layout_title(l, &f, m->title, '=');
	blank_line(l);
	for (size_t i = 0; i < m->nentries; i++) {
		const struct menu_entry *en = &m->entries[i];
		int space = 1;
		flat_reset(&f);
		if (en->kind == ENTRY_LABEL) {
			if (i > 0)
				blank_line(l);
			flat_text(&f, en->label, LA_BOLD, -1, l->flags, &space);
			if (f.text.len)
				wrap(l, &f, "", "", 0, (int)i);
			continue;
		}
		int lk = add_link(l, en->page->id, NULL, 0);
		flat_text(&f, en->page->title, LA_LINK, lk, l->flags, &space);
		l->links[lk].text = xstrdup(f.text.s ? f.text.s : "");
		if (en->page->kind == PAGE_MENU)
			submenu_mark(l, &f, lk, &space);
		wrap(l, &f, "  ", "    ", 0, (int)i);
	}
	if ((l->flags & LAYOUT_LANG_ENTRY) && !m->parent) {
		/* Named in the four languages at once, not translated: a reader
		 * who cannot read the interface's language must find it. */
		int space = 1;
		blank_line(l);
		flat_reset(&f);
		int lk = add_link(l, NULL, NULL, 0);
		l->links[lk].languages = 1;
		struct buf t = {0};
		if (l->flags & LAYOUT_ASCII) /* no Arabic to show: the three others */
			buf_printf(&t, "Language / Langue / Idioma: %s", i18n_lang_name(i18n_language()));
		else
			buf_printf(&t, "Language \xc2\xb7 Langue \xc2\xb7 Idioma \xc2\xb7 "
				   "\xd8\xa7\xd9\x84\xd9\x84\xd8\xba\xd8\xa9: %s",
				   i18n_lang_name(i18n_language()));
		flat_text(&f, t.s, LA_LINK, lk, l->flags, &space);
		buf_free(&t);
		l->links[lk].text = xstrdup(f.text.s ? f.text.s : "");
		submenu_mark(l, &f, lk, &space);
		wrap(l, &f, "  ", "    ", 0, (int)m->nentries);
	}
	flat_free(&f);
}

/* Lays out block i of the page: a blank line before it unless it
 * continues a list or figures group, then its lines. */
static void layout_block(struct layout *l, struct flat *f, size_t i)
{
	const struct page *p = l->page;
	int ascii = l->flags & LAYOUT_ASCII;
	const char *bullet = ascii ? "* " : "\xe2\x80\xa2 ";
	const char *quote_indent = l->width >= 40 ? "    " : "  ";
	const struct block *b = &p->blocks[i];
	int space = 1;
	if (!(b->group && i > 0 && p->blocks[i - 1].group == b->group))
		blank_line(l);
	flat_reset(f);
	switch (b->kind) {
	case BLOCK_HEADING: {
		flat_spans(l, f, b, LA_BOLD, &space, &l->numbers);
		size_t first = l->nlines;
		wrap(l, f, "", "", 0, (int)i);
		int w = 0;
		for (size_t j = first; j < l->nlines; j++)
			if (logical_width(&l->lines[j]) > w)
				w = logical_width(&l->lines[j]);
		rule_line(l, '-', w, 0);
		break;
	}
	case BLOCK_PARA:
		flat_spans(l, f, b, 0, &space, &l->numbers);
		wrap(l, f, "", "", 0, (int)i);
		break;
	case BLOCK_ITEM:
		flat_spans(l, f, b, 0, &space, &l->numbers);
		wrap(l, f, bullet, "  ", 0, (int)i);
		break;
	case BLOCK_FIGURE:
		if (b->extra) {
			flat_text(f, b->extra, LA_BOLD, -1, l->flags, &space);
			flat_append(f, " ", 1, 0, -1);
			space = 1;
		}
		flat_spans(l, f, b, 0, &space, &l->numbers);
		wrap(l, f, bullet, "  ", 0, (int)i);
		break;
	case BLOCK_QUOTE:
		flat_lit(f, "\xe2\x80\x9c", "\"", 0, -1, l->flags, &space);
		space = 1;
		flat_spans(l, f, b, 0, &space, &l->numbers);
		flat_lit(f, "\xe2\x80\x9d", "\"", 0, -1, l->flags, &space);
		wrap(l, f, quote_indent, quote_indent, 0, (int)i);
		if (b->extra) {
			size_t quote_len = f->text.len + 1;
			flat_reset(f);
			flat_lit(f, "\xe2\x80\x94 ", "-- ", 0, -1, l->flags, &space);
			space = 1;
			flat_text(f, b->extra, LA_EM, -1, l->flags, &space);
			wrap_at(l, f, quote_indent, quote_indent, 0, (int)i, quote_len);
		}
		break;
	}
}

int layout_extend(struct layout *l, size_t nlines)
{
	if (l->done)
		return 1;
	struct flat f = {0};
	while (l->next_block < l->page->nblocks && l->nlines < nlines)
		layout_block(l, &f, l->next_block++);
	flat_free(&f);
	l->done = l->next_block >= l->page->nblocks;
	return l->done;
}

struct layout *layout_open(const struct page *p, int width, int flags)
{
	struct layout *l = layout_new(width, flags);
	l->page = p;
	if (p->kind == PAGE_MENU) {
		layout_menu(l, p);
		l->done = 1;
	} else {
		struct flat f = {0};
		layout_title(l, &f, p->title, '=');
		if (p->lang_missing && p->lang_note) {
			/* the reader asked for another language: say why this is not in it */
			int space = 1;
			blank_line(l);
			flat_reset(&f);
			flat_text(&f, p->lang_note, LA_BOLD, -1, l->flags, &space);
			wrap(l, &f, "", "", 0, -1);
		}
		flat_free(&f);
		l->done = p->nblocks == 0;
	}
	return l;
}

struct layout *layout_page(const struct page *p, int width, int flags)
{
	struct layout *l = layout_open(p, width, flags);
	layout_extend(l, (size_t)-1);
	return l;
}

void layout_release(struct layout *l, size_t upto)
{
	for (size_t i = 0; i < upto && i < l->nlines; i++) {
		free(l->lines[i].text);
		free(l->lines[i].runs);
		free(l->lines[i].vis);
		free(l->lines[i].vis_log);
		l->lines[i].text = NULL;
		l->lines[i].runs = NULL;
		l->lines[i].vis = NULL;
		l->lines[i].vis_log = NULL;
		l->lines[i].nruns = 0;
	}
}

struct layout *layout_para(const char *text, int width, int flags)
{
	struct layout *l = layout_new(width, flags);
	struct flat f = {0};
	int space = 1;
	flat_text(&f, text, 0, -1, flags, &space);
	wrap(l, &f, "", "", 0, -1);
	flat_free(&f);
	l->done = 1;
	return l;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nlines; i++) {
		free(l->lines[i].text);
		free(l->lines[i].runs);
		free(l->lines[i].vis);
		free(l->lines[i].vis_log);
	}
	for (size_t i = 0; i < l->nlinks; i++)
		free(l->links[i].text);
	free(l->lines);
	free(l->links);
	free(l);
}

/* The byte of s (n bytes) that column `col` shows, or n past the end. */
static size_t byte_at_col(const char *s, size_t n, int col)
{
	size_t j = 0;
	int c = 0;
	while (j < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + j, n - j, &cp);
		int w = utf8_width(cp);
		if (w > 0 && col < c + w)
			break;
		c += w > 0 ? w : 0;
		j += len;
	}
	return j;
}

int layout_link_at(const struct line *ln, int col)
{
	size_t off;
	if (col < 0)
		return -1;
	if (ln->vis) {
		/* the visual byte at that column, then what it shows */
		size_t j = byte_at_col(ln->vis, ln->vis_len, col);
		if (j >= ln->vis_len || ln->vis_log[j] < 0)
			return -1;
		off = (size_t)ln->vis_log[j];
	} else {
		size_t j = byte_at_col(ln->text, ln->len, col);
		if (j >= ln->len)
			return -1;
		off = j;
	}
	for (size_t r = 0; r < ln->nruns; r++)
		if (off >= ln->runs[r].off && off < ln->runs[r].off + ln->runs[r].len)
			return ln->runs[r].link;
	return -1;
}

size_t layout_find(const struct layout *l, int block, size_t boff)
{
	size_t best = 0;
	int found = 0;
	for (size_t i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];
		if (ln->block == block && (ln->boff <= boff || !found)) {
			best = i;
			found = 1;
		} else if (found && ln->block != block && ln->block >= 0) {
			break;
		}
	}
	return best;
}
