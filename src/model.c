/* model.c - see model.h. */
#include "config.h"

#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void table_put(struct page **table, size_t size, struct page *p)
{
	size_t i = hash(p->id) & (size - 1);
	while (table[i])
		i = (i + 1) & (size - 1);
	table[i] = p;
}

struct site *site_new(const char *dir)
{
	struct site *s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	return s;
}

int site_add(struct site *s, struct page *p)
{
	if (site_find(s, p->id))
		return -1;
	if ((s->npages + 1) * 2 > s->tablesize) {
		size_t size = s->tablesize ? s->tablesize * 2 : 64;
		struct page **t = xcalloc(size, sizeof *t);
		for (size_t i = 0; i < s->npages; i++)
			table_put(t, size, s->pages[i]);
		free(s->table);
		s->table = t;
		s->tablesize = size;
	}
	s->pages = xgrow(s->pages, &s->cap, s->npages + 1, sizeof *s->pages);
	s->pages[s->npages++] = p;
	table_put(s->table, s->tablesize, p);
	return 0;
}

struct page *site_find(const struct site *s, const char *id)
{
	if (!s->tablesize || !id)
		return NULL;
	size_t i = hash(id) & (s->tablesize - 1);
	while (s->table[i]) {
		if (strcmp(s->table[i]->id, id) == 0)
			return s->table[i];
		i = (i + 1) & (s->tablesize - 1);
	}
	return NULL;
}

void site_free(struct site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npages; i++)
		page_free(s->pages[i]);
	free(s->pages);
	free(s->table);
	free(s->dir);
	free(s->title);
	free(s->lang);
	free(s->updated);
	free(s);
}

struct page *page_new(enum page_kind kind, const char *id, const char *title)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->id = xstrdup(id);
	p->title = xstrdup(title);
	return p;
}

void page_unload(struct page *p)
{
	for (size_t i = 0; i < p->nblocks; i++) {
		struct block *b = &p->blocks[i];
		for (size_t j = 0; j < b->nspans; j++) {
			free(b->spans[j].text);
			free(b->spans[j].page);
			free(b->spans[j].href);
		}
		free(b->spans);
		free(b->extra);
	}
	free(p->blocks);
	p->blocks = NULL;
	p->nblocks = 0;
	p->loaded = 0;
}

void page_free(struct page *p)
{
	if (!p)
		return;
	page_unload(p);
	for (size_t i = 0; i < p->nentries; i++)
		free(p->entries[i].label);
	free(p->entries);
	free(p->id);
	free(p->title);
	free(p->short_title);
	free(p->file);
	free(p);
}

const char *page_short(const struct page *p)
{
	return p->short_title ? p->short_title : p->title;
}

char *page_breadcrumb(const struct page *p, const char *sep)
{
	const struct page *chain[64];
	size_t n = 0;
	for (const struct page *q = p; q && n < 64; q = q->parent)
		chain[n++] = q;
	struct buf b = {0};
	while (n--) {
		buf_adds(&b, page_short(chain[n]));
		if (n)
			buf_adds(&b, sep);
	}
	return buf_take(&b);
}
