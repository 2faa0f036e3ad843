/* model.c - see model.h. */
#include "config.h"

#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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
	free(s->title_lang);
	translations_free(s->trs, s->ntrs);
	free(s->asked);
	free(s->lang_note);
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

static void block_free(struct block *b)
{
	for (size_t j = 0; j < b->nspans; j++) {
		free(b->spans[j].text);
		free(b->spans[j].page);
		free(b->spans[j].href);
	}
	free(b->spans);
	free(b->extra);
}

void page_keep_last_block(struct page *p)
{
	if (!p->nblocks || !p->arena.head)
		return;
	struct block last = {.kind = p->blocks[p->nblocks - 1].kind,
			     .group = p->blocks[p->nblocks - 1].group,
			     .line = p->blocks[p->nblocks - 1].line};
	arena_reset(&p->arena);
	p->blockcap = 4;
	p->blocks = arena_alloc(&p->arena, p->blockcap * sizeof *p->blocks);
	p->blocks[0] = last;
	p->nblocks = 1;
}

void page_unload(struct page *p)
{
	if (p->arena.head) {
		arena_free(&p->arena);
	} else {
		for (size_t i = 0; i < p->nblocks; i++)
			block_free(&p->blocks[i]);
		free(p->blocks);
	}
	p->blocks = NULL;
	p->nblocks = 0;
	p->blockcap = 0;
	p->loaded = 0;
}

void page_free(struct page *p)
{
	if (!p)
		return;
	page_unload(p);
	for (size_t i = 0; i < p->nentries; i++) {
		free(p->entries[i].label);
		free(p->entries[i].lang);
		translations_free(p->entries[i].trs, p->entries[i].ntrs);
	}
	free(p->entries);
	free(p->lang);
	translations_free(p->trs, p->ntrs);
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

void translations_free(struct translation *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].lang);
		free(t[i].title);
		free(t[i].short_title);
		free(t[i].file);
	}
	free(t);
}

static void swap_str(char **a, char **b)
{
	char *t = *a;
	*a = *b;
	*b = t;
}

/* The shown fields (lang, title, short_title, file; short_title and file
 * may be NULL pointers for owners without them) swapped with the
 * translation for `code`, or back to the site's language when there is
 * none. Returns 1 when the shown text is in `code`. */
static int select_one(char **lang, char **title, char **short_title, char **file,
		      struct translation *trs, size_t n, const char *code, const char *site_lang)
{
	const char *now = *lang ? *lang : site_lang;
	if (code && now && i18n_lang_match(now, code))
		return 1;
	if (!code && !*lang)
		return 0;
	size_t want = n;
	for (size_t i = 0; code && i < n && want == n; i++)
		if (trs[i].lang && i18n_lang_match(trs[i].lang, code))
			want = i;
	int found = want < n;
	if (!found) {
		/* not in `code`: back to the site's own, the entry whose
		 * lang is NULL once a translation has been swapped in */
		for (size_t i = 0; *lang && i < n; i++)
			if (!trs[i].lang)
				want = i;
		if (want == n)
			return 0;
	}
	struct translation *t = &trs[want];
	swap_str(lang, &t->lang);
	swap_str(title, &t->title);
	if (short_title)
		swap_str(short_title, &t->short_title);
	if (file)
		swap_str(file, &t->file);
	/* back in the site's own language, which may be the one asked for */
	return found || (code && site_lang && i18n_lang_match(site_lang, code));
}

size_t site_select_lang(struct site *s, const char *code, const char *note)
{
	size_t found = 0;
	free(s->asked);
	s->asked = code ? xstrdup(code) : NULL;
	free(s->lang_note);
	s->lang_note = note ? xstrdup(note) : NULL;
	select_one(&s->title_lang, &s->title, NULL, NULL, s->trs, s->ntrs, code, s->lang);
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		char *old = p->file;
		int in = select_one(&p->lang, &p->title, &p->short_title,
				    p->kind == PAGE_TEXT ? &p->file : NULL,
				    p->trs, p->ntrs, code, s->lang);
		if (p->file != old)
			page_unload(p);
		p->lang_missing = p->kind == PAGE_TEXT && code && !in;
		p->lang_note = p->lang_missing ? s->lang_note : NULL;
		if (p->kind == PAGE_TEXT && in)
			found++;
		for (size_t j = 0; j < p->nentries; j++) {
			struct menu_entry *en = &p->entries[j];
			if (en->ntrs)
				select_one(&en->lang, &en->label, NULL, NULL, en->trs, en->ntrs,
					   code, s->lang);
		}
	}
	return found;
}

size_t site_languages(const struct site *s, const char **out, size_t max)
{
	size_t n = 0;
#define ADD(code) do { \
		const char *c_ = (code); \
		int seen_ = !c_; \
		for (size_t k_ = 0; k_ < n && k_ < max && !seen_; k_++) \
			seen_ = i18n_lang_match(out[k_], c_); \
		if (!seen_) { \
			if (n < max) \
				out[n] = c_; \
			n++; \
		} \
	} while (0)
	ADD(s->lang);
	for (size_t i = 0; i < s->ntrs; i++)
		ADD(s->trs[i].lang);
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		ADD(p->lang);
		for (size_t j = 0; j < p->ntrs; j++)
			ADD(p->trs[j].lang);
	}
#undef ADD
	return n;
}
