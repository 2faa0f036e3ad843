/* layout.c - see layout.h. */
#include "config.h"

#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "i18n.h"
#include "flat.h"
#include "utf8.h"

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
			flat_trim(f, before);
			char mark[24];
			snprintf(mark, sizeof mark, "[%d]", l->links[lk].number);
			flat_append(f, mark, strlen(mark), base_attr | LA_LINK, lk);
			*space = 0;
		} else {
			flat_text(f, sp->text, base_attr | (sp->kind == SPAN_EM ? LA_EM : 0), -1,
				  l->flags, space);
		}
	}
	flat_trim(f, 0);
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
	struct line *ln = flat_new_line(l, -1, 0);
	ln->text = xmalloc((size_t)(pad + w) + 1);
	memset(ln->text, ' ', (size_t)pad);
	memset(ln->text + pad, c, (size_t)w);
	ln->text[pad + w] = '\0';
	ln->len = (size_t)(pad + w);
	ln->width = pad + w;
	if (runs)
		flat_line_run(ln, 0, ln->len, 0, -1);
}

/* The page title, underlined so it reads as a title without attributes. */
static void layout_title(struct layout *l, struct flat *f, const char *title, char rule)
{
	int space = 1;
	flat_reset(f);
	flat_text(f, title, LA_BOLD, -1, l->flags, &space);
	size_t first = l->nlines;
	flat_wrap(l, f, "", "", 0, -1);
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
	flat_blank_line(l);
	for (size_t i = 0; i < m->nentries; i++) {
		const struct menu_entry *en = &m->entries[i];
		int space = 1;
		flat_reset(&f);
		if (en->kind == ENTRY_LABEL) {
			if (i > 0)
				flat_blank_line(l);
			flat_text(&f, en->label, LA_BOLD, -1, l->flags, &space);
			if (f.text.len)
				flat_wrap(l, &f, "", "", 0, (int)i);
			continue;
		}
		int lk = add_link(l, en->page->id, NULL, 0);
		flat_text(&f, en->page->title, LA_LINK, lk, l->flags, &space);
		l->links[lk].text = xstrdup(f.text.s ? f.text.s : "");
		if (en->page->kind == PAGE_MENU)
			submenu_mark(l, &f, lk, &space);
		flat_wrap(l, &f, "  ", "    ", 0, (int)i);
	}
	if ((l->flags & LAYOUT_LANG_ENTRY) && !m->parent) {
		/* Named in the four languages at once, not translated: a reader
		 * who cannot read the interface's language must find it. */
		int space = 1;
		flat_blank_line(l);
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
		flat_wrap(l, &f, "  ", "    ", 0, (int)m->nentries);
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
		flat_blank_line(l);
	flat_reset(f);
	switch (b->kind) {
	case BLOCK_HEADING: {
		flat_spans(l, f, b, LA_BOLD, &space, &l->numbers);
		size_t first = l->nlines;
		flat_wrap(l, f, "", "", 0, (int)i);
		int w = 0;
		for (size_t j = first; j < l->nlines; j++)
			if (logical_width(&l->lines[j]) > w)
				w = logical_width(&l->lines[j]);
		rule_line(l, '-', w, 0);
		break;
	}
	case BLOCK_PARA:
		flat_spans(l, f, b, 0, &space, &l->numbers);
		flat_wrap(l, f, "", "", 0, (int)i);
		break;
	case BLOCK_ITEM:
		flat_spans(l, f, b, 0, &space, &l->numbers);
		flat_wrap(l, f, bullet, "  ", 0, (int)i);
		break;
	case BLOCK_FIGURE:
		if (b->extra) {
			flat_text(f, b->extra, LA_BOLD, -1, l->flags, &space);
			flat_append(f, " ", 1, 0, -1);
			space = 1;
		}
		flat_spans(l, f, b, 0, &space, &l->numbers);
		flat_wrap(l, f, bullet, "  ", 0, (int)i);
		break;
	case BLOCK_QUOTE:
		flat_lit(f, "\xe2\x80\x9c", "\"", 0, -1, l->flags, &space);
		space = 1;
		flat_spans(l, f, b, 0, &space, &l->numbers);
		flat_lit(f, "\xe2\x80\x9d", "\"", 0, -1, l->flags, &space);
		flat_wrap(l, f, quote_indent, quote_indent, 0, (int)i);
		if (b->extra) {
			size_t quote_len = f->text.len + 1;
			flat_reset(f);
			flat_lit(f, "\xe2\x80\x94 ", "-- ", 0, -1, l->flags, &space);
			space = 1;
			flat_text(f, b->extra, LA_EM, -1, l->flags, &space);
			flat_wrap_at(l, f, quote_indent, quote_indent, 0, (int)i, quote_len);
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
			flat_blank_line(l);
			flat_reset(&f);
			flat_text(&f, p->lang_note, LA_BOLD, -1, l->flags, &space);
			flat_wrap(l, &f, "", "", 0, -1);
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
	flat_wrap(l, &f, "", "", 0, -1);
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
