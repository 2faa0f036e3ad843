/* site_codec.c - the site index in one blob (see site_codec.h).
 *
 * Layout, every number a 32-bit little-endian unsigned, a string its
 * length then its bytes (length 0xffffffff: none):
 *   "IDMSITE1" title lang updated TRS ntext nmenu
 *   ntext x  (id title short file line TRS)
 *   nmenu x  (id title line TRS nentries ENTRY...)   the first is home
 *   TRS:   n, n x (lang title short file)
 *   ENTRY: 0 label TRS | 1 page-index
 * Pages are in the loader's order: text pages as site.xml lists them,
 * then the menus depth first. Parents are not stored: the decoder finds
 * them as the loader does, walking the menus. */
#include "config.h"

#include "site_codec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "IDMSITE1"
#define NONE 0xffffffffu

static void put_u32(struct buf *b, uint32_t v)
{
	char c[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
		     (char)(v >> 24 & 0xff)};
	buf_add(b, c, 4);
}

static void put_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u32(b, s ? (uint32_t)n : NONE);
	if (n)
		buf_add(b, s, n);
}

static void put_trs(struct buf *b, const struct translation *t, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_str(b, t[i].lang);
		put_str(b, t[i].title);
		put_str(b, t[i].short_title);
		put_str(b, t[i].file);
	}
}

/* A page's position in s->pages, found in a sorted copy of the pointers. */
struct slot {
	const struct page *p;
	uint32_t i;
};

static int by_ptr(const void *a, const void *b)
{
	const struct page *x = ((const struct slot *)a)->p, *y = ((const struct slot *)b)->p;
	return x < y ? -1 : x > y;
}

static long slot_of(const struct slot *v, size_t n, const struct page *p)
{
	struct slot key = {p, 0};
	const struct slot *f = bsearch(&key, v, n, sizeof *v, by_ptr);
	return f ? (long)f->i : -1;
}

/* Text pages first, then the menus from home on; no language selected. */
static int shaped(const struct site *s, size_t *ntext)
{
	size_t k = 0;
	while (k < s->npages && s->pages[k]->kind == PAGE_TEXT)
		k++;
	if (s->asked || s->title_lang || (k < s->npages && s->pages[k] != s->home) ||
	    (k == s->npages && s->home) || s->npages >= NONE)
		return 0;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->lang || (i >= k && s->pages[i]->kind != PAGE_MENU))
			return 0;
	*ntext = k;
	return 1;
}

static int put_menu(struct buf *b, const struct page *m, const struct slot *v, size_t n)
{
	put_str(b, m->id);
	put_str(b, m->title);
	put_u32(b, (uint32_t)m->index_line);
	put_trs(b, m->trs, m->ntrs);
	put_u32(b, (uint32_t)m->nentries);
	for (size_t j = 0; j < m->nentries; j++) {
		const struct menu_entry *en = &m->entries[j];
		long at = en->kind == ENTRY_PAGE ? slot_of(v, n, en->page) : 0;
		if (at < 0 || en->lang)
			return -1;
		put_u32(b, en->kind == ENTRY_PAGE);
		if (en->kind == ENTRY_PAGE) {
			put_u32(b, (uint32_t)at);
		} else {
			put_str(b, en->label);
			put_trs(b, en->trs, en->ntrs);
		}
	}
	return 0;
}

int site_encode(const struct site *s, struct buf *out)
{
	size_t ntext;
	if (!shaped(s, &ntext))
		return -1;
	struct slot *v = xmalloc((s->npages ? s->npages : 1) * sizeof *v);
	for (size_t i = 0; i < s->npages; i++)
		v[i] = (struct slot){s->pages[i], (uint32_t)i};
	qsort(v, s->npages, sizeof *v, by_ptr);
	struct buf b = {0};
	buf_add(&b, MAGIC, 8);
	put_str(&b, s->title);
	put_str(&b, s->lang);
	put_str(&b, s->updated);
	put_trs(&b, s->trs, s->ntrs);
	put_u32(&b, (uint32_t)ntext);
	put_u32(&b, (uint32_t)(s->npages - ntext));
	int rc = 0;
	for (size_t i = 0; i < s->npages && rc == 0; i++) {
		const struct page *p = s->pages[i];
		if (p->kind == PAGE_MENU) {
			rc = put_menu(&b, p, v, s->npages);
			continue;
		}
		put_str(&b, p->id);
		put_str(&b, p->title);
		put_str(&b, p->short_title);
		put_str(&b, p->file);
		put_u32(&b, (uint32_t)p->index_line);
		put_trs(&b, p->trs, p->ntrs);
	}
	free(v);
	if (rc == 0)
		buf_add(out, b.s, b.len);
	buf_free(&b);
	return rc;
}
