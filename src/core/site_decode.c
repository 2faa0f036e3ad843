/* site_decode.c - a site from its blob (site_codec.h), trusting nothing
 * in it: the blob lives in a database file, and a database file is
 * content like any other. */
#include "config.h"

#include "site_codec.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "idmlimits.h"
#include "utf8.h"

#define NONE 0xffffffffu

/* What is left to read; `bad` once anything was wrong (reads then give
 * 0 and NULL, and the caller sees bad at the end). */
struct rd {
	const unsigned char *p;
	size_t left;
	int bad;
};

static uint32_t get_u32(struct rd *r)
{
	if (r->bad || r->left < 4) {
		r->bad = 1;
		return 0;
	}
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
		     (uint32_t)r->p[3] << 24;
	r->p += 4;
	r->left -= 4;
	return v;
}

/* A count of things each taking at least `least` bytes: no more than
 * what is left can hold, so what is allocated is bounded by the blob. */
static size_t get_count(struct rd *r, size_t least)
{
	uint32_t n = get_u32(r);
	if (n > r->left / least)
		r->bad = 1;
	return r->bad ? 0 : n;
}

/* A line number of site.xml: an int the loader could have read. */
static int get_line(struct rd *r)
{
	uint32_t v = get_u32(r);
	if (v > INT_MAX)
		r->bad = 1;
	return r->bad ? 0 : (int)v;
}

/* UTF-8, no NUL: what libxml2 gives the loader. */
static int clean_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] && s[i] < 0x80) { /* ASCII, most of it */
			i++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode((const char *)s + i, n - i, &cp);
		if (cp == 0 || (cp == UTF8_REPLACEMENT && l == 1))
			return 0;
		i += l;
	}
	return 1;
}

/* A string; NULL for none, allowed only when `may_lack`. */
static char *get_str(struct rd *r, int may_lack)
{
	uint32_t n = get_u32(r);
	if (!r->bad && n == NONE && may_lack)
		return NULL;
	if (r->bad || n > r->left || !clean_utf8(r->p, n)) {
		r->bad = 1;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p, n);
	r->p += n;
	r->left -= n;
	return s;
}

/* The loader's rule for a page file's name (loader.c safe_file_name). */
static int plain_name(const char *f)
{
	return f && f[0] && f[0] != '.' && strlen(f) <= IDM_MAX_NAME && !strpbrk(f, "/\\");
}

/* Translations as read_translations leaves them: lang and title, a file
 * for a page's (`files`) and none else, one per language. */
static void get_trs(struct rd *r, int files, struct translation **out, size_t *nout)
{
	size_t n = get_count(r, 16);
	struct translation *t = n ? xcalloc(n, sizeof *t) : NULL;
	*out = t;
	for (size_t i = 0; i < n && !r->bad; i++) {
		t[i].lang = get_str(r, 0);
		t[i].title = get_str(r, 0);
		t[i].short_title = get_str(r, 1);
		t[i].file = get_str(r, 1);
		*nout = i + 1;
		if (files ? !plain_name(t[i].file) : t[i].file != NULL)
			r->bad = 1;
		for (size_t j = 0; j < i && !r->bad; j++)
			if (i18n_lang_match(t[j].lang, t[i].lang))
				r->bad = 1;
	}
}

/* A page as page_new makes it, its id and title read (not copied again:
 * at 10,000 pages the copies were a tenth of a start). */
static struct page *new_page(struct rd *r, enum page_kind kind)
{
	struct page *p = xcalloc(1, sizeof *p);
	p->kind = kind;
	p->id = get_str(r, 0);
	p->title = get_str(r, 0);
	if (!p->id)
		p->id = xstrdup("");
	if (!p->title)
		p->title = xstrdup("");
	return p;
}

static struct page *get_text(struct rd *r)
{
	struct page *p = new_page(r, PAGE_TEXT);
	p->short_title = get_str(r, 1);
	p->file = get_str(r, 0);
	p->index_line = get_line(r);
	get_trs(r, 1, &p->trs, &p->ntrs);
	if (!plain_name(p->file))
		r->bad = 1;
	return p;
}

/* A menu; its entries' page indexes go into refs (the page pointers are
 * set once every page is read, by site_decode). */
static struct page *get_menu(struct rd *r, uint32_t **refs, size_t *nrefs, size_t *refcap)
{
	struct page *m = new_page(r, PAGE_MENU);
	m->index_line = get_line(r);
	get_trs(r, 0, &m->trs, &m->ntrs);
	size_t n = get_count(r, 8);
	m->entries = n ? xcalloc(n, sizeof *m->entries) : NULL;
	for (size_t j = 0; j < n && !r->bad; j++) {
		struct menu_entry *en = &m->entries[j];
		m->nentries = j + 1;
		uint32_t kind = get_u32(r);
		if (kind > 1)
			r->bad = 1;
		en->kind = kind ? ENTRY_PAGE : ENTRY_LABEL;
		*refs = xgrow(*refs, refcap, *nrefs + 1, sizeof **refs);
		(*refs)[(*nrefs)++] = kind == 1 ? get_u32(r) : NONE;
		if (kind == 0) {
			en->label = get_str(r, 0);
			get_trs(r, 0, &en->trs, &en->ntrs);
			/* a label has text, a separator ("") no translation */
			if (en->label && ((en->label[0] && !en->label[strspn(en->label, " \t\r\n")]) ||
					  (!en->label[0] && en->ntrs)))
				r->bad = 1;
		}
	}
	return m;
}

/* Walks the menus from home as loader.c walk_menu does, entry by entry,
 * depth first: the k-th submenu met must be menu k (so each is listed
 * once, and no menu lists an ancestor), and a text page's parent is the
 * first menu met listing it. Sets every entry's page and every parent.
 * Returns 0, or -1 when the menus are not such a tree. */
static int link_menus(struct site *s, size_t ntext, const uint32_t *refs, size_t nrefs)
{
	size_t nmenu = s->npages - ntext, next = 1, depth = 1;
	if (!nmenu)
		return nrefs ? -1 : 0;
	size_t *base = xcalloc(nmenu, sizeof *base), *stack = xcalloc(nmenu, sizeof *stack),
	       *at = xcalloc(nmenu, sizeof *at);
	for (size_t k = 1; k < nmenu; k++)
		base[k] = base[k - 1] + s->pages[ntext + k - 1]->nentries;
	int rc = 0;
	stack[0] = 0;
	while (depth && rc == 0) {
		size_t k = stack[depth - 1];
		struct page *m = s->pages[ntext + k];
		if (at[k] == m->nentries) {
			depth--;
			continue;
		}
		/* one ref an entry, as read_menu adds them: a count that
		 * disagrees is a damaged blob, never an out-of-range read */
		if (!refs || base[k] + at[k] >= nrefs) {
			rc = -1;
			break;
		}
		struct menu_entry *en = &m->entries[at[k]];
		uint32_t ref = refs[base[k] + at[k]++];
		if (en->kind == ENTRY_LABEL)
			continue;
		if (ref < ntext) {
			en->page = s->pages[ref];
			if (!en->page->parent)
				en->page->parent = m;
		} else if (ref - ntext == next && next < nmenu && depth < IDM_MAX_DEPTH) {
			en->page = s->pages[ntext + next];
			en->page->parent = m;
			stack[depth++] = next++;
		} else {
			rc = -1;
		}
	}
	if (next != nmenu)
		rc = -1;
	free(base);
	free(stack);
	free(at);
	return rc;
}

/* The pages, in order, added to s; their entries' references in refs. */
static void get_pages(struct rd *r, struct site *s, size_t ntext, size_t nmenu,
		      uint32_t **refs, size_t *nrefs)
{
	size_t refcap = 0;
	for (size_t i = 0; i < ntext + nmenu && !r->bad; i++) {
		struct page *p = i < ntext ? get_text(r) : get_menu(r, refs, nrefs, &refcap);
		if (r->bad || site_add(s, p) < 0) {
			r->bad = 1;
			page_free(p);
		} else if (i == ntext) {
			s->home = p;
		}
	}
}

struct site *site_decode(const void *blob, size_t n, const char *dir)
{
	struct rd r = {blob, n, 0};
	if (n < 8 || memcmp(blob, "IDMSITE1", 8) != 0)
		return NULL;
	r.p += 8;
	r.left -= 8;
	struct site *s = site_new(dir);
	s->title = get_str(&r, 1);
	s->lang = get_str(&r, 1);
	s->updated = get_str(&r, 1);
	get_trs(&r, 0, &s->trs, &s->ntrs);
	size_t ntext = get_count(&r, 20), nmenu = get_count(&r, 16);
	uint32_t *refs = NULL;
	size_t nrefs = 0;
	get_pages(&r, s, ntext, nmenu, &refs, &nrefs);
	if (r.bad || r.left || s->npages != ntext + nmenu || link_menus(s, ntext, refs, nrefs) < 0) {
		site_free(s);
		s = NULL;
	}
	free(refs);
	return s;
}
