/* dump.c - see dump.h. */
#include "config.h"

#include "dump.h"

#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "i18n.h"

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

void dump_page(FILE *f, const struct page *p, int width, int flags)
{
	if (p->parent) {
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
	/* a few thousand lines at a time, each batch freed once written, so
	 * that a page of many megabytes never has all its lines at once */
	struct layout *l = layout_open(p, width, flags);
	size_t done = 0;
	for (;;) {
		for (; done < l->nlines; done++)
			put_layout_line(f, &l->lines[done]);
		layout_release(l, done);
		if (l->done)
			break;
		layout_extend(l, l->nlines + 4096);
	}
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
	layout_free(l);
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
