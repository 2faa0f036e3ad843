/* dump.c - see dump.h. */
#include "config.h"

#include "dump.h"

#include <stdlib.h>
#include <string.h>

static void put_line(FILE *f, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, f);
	fputc('\n', f);
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
		for (size_t i = 0; i < cl->nlines; i++) {
			const struct line *ln = &cl->lines[i];
			if (ln->vis)
				put_line(f, ln->vis, ln->vis_len);
			else
				put_line(f, ln->text, ln->len);
		}
		fputs("\n", f);
		layout_free(cl);
		free(crumb);
	}
	/* a few thousand lines at a time, each batch freed once written, so
	 * that a page of many megabytes never has all its lines at once */
	struct layout *l = layout_open(p, width, flags);
	size_t done = 0;
	for (;;) {
		for (; done < l->nlines; done++) {
			const struct line *ln = &l->lines[done];
			if (ln->vis)
				put_line(f, ln->vis, ln->vis_len);
			else
				put_line(f, ln->text, ln->len);
		}
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
		if (!header++)
			fputs("\nLinks:\n", f);
		fprintf(f, "[%d] ", lk->number);
		if (lk->href) {
			put_safe(f, lk->href, flags);
			fputs(" (online)\n", f);
		} else {
			fputs(lk->text, f);
			fprintf(f, " (page %s)\n", lk->page);
		}
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
