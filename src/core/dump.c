/* dump.c - see dump.h. */
#include "config.h"

#include "dump.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "i18n.h"
#include "loader.h"

static void put_line(FILE *f, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, f);
	fputc('\n', f);
}

/* A laid-out line as the terminal shows it: in visual order when it has
 * one (right-to-left words under LAYOUT_BIDI). */
static void put_layout_line(FILE *f, const struct line *ln)
{
	if (ln->vis)
		put_line(f, ln->vis, ln->vis_len);
	else
		put_line(f, ln->text, ln->len);
}

/* One line of the sink's own (not wrapped), in visual order under
 * LAYOUT_BIDI when it holds right-to-left words, as the page's lines are. */
static void put_text(FILE *f, const char *s, int width, int flags)
{
	if ((flags & LAYOUT_BIDI) && bidi_has_rtl(s, strlen(s))) {
		struct bidi_line v;
		bidi_reorder(s, strlen(s), bidi_paragraph_rtl(s, strlen(s)), width, &v);
		put_line(f, v.text, v.len);
		bidi_line_free(&v);
	} else {
		put_line(f, s, strlen(s));
	}
}

static void put_safe(FILE *f, const char *s, int flags)
{
	struct buf b = {0};
	int space = 1;
	layout_sanitize(s, strlen(s), flags, &space, &b);
	if (b.s)
		fputs(b.s, f);
	buf_free(&b);
}

static void put_crumb(FILE *f, const struct page *p, int width, int flags)
{
	if (!p->parent)
		return;
	/* wrapped like the page: at 20 columns "Home > About Migration >
	 * Int'l Dialogue" does not fit on one line */
	char *crumb = page_breadcrumb(p, (flags & LAYOUT_ASCII) ? " > " : " \xe2\x80\xba ");
	struct layout *cl = layout_para(crumb, width, flags);
	for (size_t i = 0; i < cl->nlines; i++)
		put_layout_line(f, &cl->lines[i]);
	fputs("\n", f);
	layout_free(cl);
	free(crumb);
}

/* Writes the lines laid out so far and forgets them: neither their text
 * nor their slots stay, so a page of many megabytes never has all its
 * lines at once (no link refers to its line here). */
static void put_lines(FILE *f, struct layout *l)
{
	for (size_t i = 0; i < l->nlines; i++)
		put_layout_line(f, &l->lines[i]);
	layout_release(l, l->nlines);
	l->nlines = 0;
}

static void put_links(FILE *f, const struct layout *l, int width, int flags)
{
	int header = 0;
	for (size_t i = 0; i < l->nlinks; i++) {
		const struct link *lk = &l->links[i];
		if (!lk->number)
			continue;
		if (!header++) {
			fputs("\n", f);
			put_text(f, _("Links:"), width, flags);
		}
		struct buf b = {0};
		buf_printf(&b, "[%d] ", lk->number);
		if (lk->href) {
			int space = 0;
			layout_sanitize(lk->href, strlen(lk->href), flags, &space, &b);
			buf_printf(&b, " (%s)", _("online"));
		} else {
			buf_adds(&b, lk->text);
			buf_adds(&b, " (");
			buf_printf(&b, _("page %s"), lk->page);
			buf_adds(&b, ")");
		}
		put_text(f, b.s, width, flags);
		buf_free(&b);
	}
}

void dump_page(FILE *f, const struct page *p, int width, int flags)
{
	put_crumb(f, p, width, flags);
	/* a few thousand lines at a time */
	struct layout *l = layout_open(p, width, flags);
	for (;;) {
		put_lines(f, l);
		if (l->done)
			break;
		layout_extend(l, 4096);
	}
	put_links(f, l, width, flags);
	layout_free(l);
}

/* A page dumped as it is read. */
struct dump_run {
	FILE *f;
	struct layout *l;
	size_t kept;     /* links whose targets are copied into strs */
	char **strs;     /* copies of link targets, freed at the end */
	size_t nstrs, cap;
};

static const char *keep_str(struct dump_run *d, const char *s)
{
	if (!s)
		return NULL;
	d->strs = xgrow(d->strs, &d->cap, d->nstrs + 1, sizeof *d->strs);
	return d->strs[d->nstrs++] = xstrdup(s);
}

/* The links of the blocks just laid out point into them: copies, for
 * the list of links at the end, once the blocks are gone. */
static void keep_links(struct dump_run *d)
{
	for (; d->kept < d->l->nlinks; d->kept++) {
		struct link *lk = &d->l->links[d->kept];
		lk->page = keep_str(d, lk->page);
		lk->href = keep_str(d, lk->href);
	}
}

static void dump_block(void *ctx, struct page *p)
{
	struct dump_run *d = ctx;
	d->l->done = 0; /* more blocks are coming */
	layout_extend(d->l, (size_t)-1);
	put_lines(d->f, d->l);
	keep_links(d);
	page_keep_last_block(p);
	d->l->next_block = p->nblocks;
}

/* Copies what was written to `tmp` to `f`. */
static void copy_out(FILE *tmp, FILE *f)
{
	char chunk[65536];
	size_t n;
	rewind(tmp);
	while ((n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
		fwrite(chunk, 1, n, f);
}

int dump_stream(FILE *f, struct site *s, struct page *p, int width, int flags, struct err *e)
{
	/* held in a temporary file until the whole page proved valid: a page
	 * refused prints nothing. Without one, the page is read whole. */
	FILE *tmp = p->kind == PAGE_TEXT && !p->loaded ? tmpfile() : NULL;
	if (!tmp) {
		if (loader_load_page(s, p, e) < 0)
			return -1;
		dump_page(f, p, width, flags);
		return 0;
	}
	struct dump_run d = {.f = tmp};
	put_crumb(d.f, p, width, flags);
	d.l = layout_open(p, width, flags);
	put_lines(d.f, d.l);
	int rc = loader_stream_page(s, p, dump_block, &d, e);
	if (rc == 0) {
		d.l->done = 1;
		put_links(d.f, d.l, width, flags);
		copy_out(tmp, f);
	}
	layout_free(d.l);
	for (size_t i = 0; i < d.nstrs; i++)
		free(d.strs[i]);
	free(d.strs);
	fclose(tmp);
	return rc;
}

void dump_list(FILE *f, const struct site *s, int flags)
{
	for (size_t i = 0; i < s->npages; i++) {
		fputs(s->pages[i]->id, f);
		fputc('\t', f);
		put_safe(f, s->pages[i]->title, flags);
		fputc('\n', f);
	}
}
