/* loader.c - see loader.h. */
#include "config.h"

#include "loader.h"
#include "loader_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "i18n.h"

/* Makes room for element n of an array of n elements whose capacity is
 * the next power of two (no field holds it): doubling, so a page of a
 * million blocks is not a million reallocs, which an allocator that
 * copies (ASan's, musl's) turns into quadratic time. */
static void *grow_one(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p; /* not a power of two: there is room */
	return xrealloc(p, (n ? 2 * n : 1) * size);
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *node_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static int safe_file_name(const char *f)
{
	if (!f[0] || f[0] == '.' || strlen(f) > IDM_MAX_NAME)
		return 0;
	for (const char *c = f; *c; c++)
		if (*c == '/' || *c == '\\')
			return 0;
	return 1;
}

/* The translation children of n: into *out. A page entry's name a file
 * each. Returns 0, or -1 with e filled. */
static int read_translations(xmlNodePtr n, int page_entry, struct translation **out,
			     size_t *nout, const char *path, struct err *e)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "translation"))
			continue;
		int line = (int)xmlGetLineNo(c);
		struct translation t = {attr(c, "lang"), attr(c, "title"), attr(c, "short"),
					page_entry ? attr(c, "file") : NULL};
		const char *bad = NULL;
		if (!t.lang || !t.title)
			bad = _("a translation needs lang= and title=");
		else if (page_entry && (!t.file || !safe_file_name(t.file)))
			bad = _("a page's translation needs file=, a plain file name in the content directory");
		for (size_t i = 0; !bad && i < *nout; i++)
			if (i18n_lang_match((*out)[i].lang, t.lang))
				bad = _("a second translation into the same language");
		if (bad) {
			err_set(e, "%s:%d: %s", path, line, bad);
			free(t.lang);
			free(t.title);
			free(t.short_title);
			free(t.file);
			return -1;
		}
		*out = xrealloc(*out, (*nout + 1) * sizeof **out);
		(*out)[(*nout)++] = t;
	}
	return 0;
}

static int walk_menu(struct site *s, xmlNodePtr m, struct page *menu,
		     const char *path, struct err *e)
{
	if (read_translations(m, 0, &menu->trs, &menu->ntrs, path, e) < 0)
		return -1;
	for (xmlNodePtr c = m->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is(c, "translation"))
			continue;
		menu->entries = grow_one(menu->entries, menu->nentries, sizeof *menu->entries);
		struct menu_entry *en = &menu->entries[menu->nentries];
		memset(en, 0, sizeof *en);
		int line = (int)xmlGetLineNo(c);
		if (is(c, "separator")) {
			en->kind = ENTRY_LABEL;
			en->label = xstrdup("");
			menu->nentries++;
		} else if (is(c, "label")) {
			en->kind = ENTRY_LABEL;
			en->label = node_text(c);
			menu->nentries++;
			if (!en->label[strspn(en->label, " \t\r\n")]) {
				err_set(e, _("%s:%d: a label needs text"), path, line);
				return -1;
			}
			if (read_translations(c, 0, &en->trs, &en->ntrs, path, e) < 0)
				return -1;
		} else if (is(c, "item")) {
			char *id = attr(c, "page");
			struct page *p = site_find(s, id);
			if (!p || p->kind != PAGE_TEXT) {
				err_set(e, _("%s:%d: menu item names page '%s', which the index does not define"),
					path, line, id ? id : "");
				free(id);
				return -1;
			}
			free(id);
			en->kind = ENTRY_PAGE;
			en->page = p;
			if (!p->parent)
				p->parent = menu;
			menu->nentries++;
		} else if (is(c, "menu")) {
			char *id = attr(c, "id"), *title = attr(c, "title");
			struct page *sub = page_new(PAGE_MENU, id ? id : "", title ? title : "");
			free(id);
			free(title);
			sub->parent = menu;
			sub->index_line = line;
			if (site_add(s, sub) < 0) {
				err_set(e, _("%s:%d: id '%s' is used twice"), path, line, sub->id);
				page_free(sub);
				return -1;
			}
			en->kind = ENTRY_PAGE;
			en->page = sub;
			menu->nentries++;
			if (walk_menu(s, c, sub, path, e) < 0)
				return -1;
		}
	}
	return 0;
}

struct site *loader_load_site(const char *dir, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, LOADER_INDEX);
	xmlDocPtr doc = loader_parse_file(dir, LOADER_INDEX, e);
	if (!doc) {
		free(path);
		return NULL;
	}
	struct site *s = site_new(dir);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	s->title = attr(root, "title");
	s->lang = attr(root, "lang");
	s->updated = attr(root, "updated");
	xmlNodePtr menu = NULL;
	int ok = read_translations(root, 0, &s->trs, &s->ntrs, path, e) == 0;

	for (xmlNodePtr c = root->children; c && ok; c = c->next) {
		if (is(c, "menu")) {
			menu = c;
		} else if (is(c, "page")) {
			char *id = attr(c, "id"), *title = attr(c, "title");
			struct page *p = page_new(PAGE_TEXT, id, title);
			free(id);
			free(title);
			p->file = attr(c, "file");
			p->short_title = attr(c, "short");
			p->index_line = (int)xmlGetLineNo(c);
			if (read_translations(c, 1, &p->trs, &p->ntrs, path, e) < 0) {
				ok = 0;
			} else if (!safe_file_name(p->file)) {
				err_set(e, _("%s:%d: page file '%s' must be a plain file name in the content directory"),
					path, p->index_line, p->file);
				ok = 0;
			} else if (site_add(s, p) < 0) {
				err_set(e, _("%s:%d: id '%s' is used twice"), path, p->index_line, p->id);
				ok = 0;
			}
			if (!ok)
				page_free(p);
		}
	}
	if (ok && menu) {
		char *id = attr(menu, "id"), *title = attr(menu, "title");
		s->home = page_new(PAGE_MENU, id, title);
		free(id);
		free(title);
		s->home->index_line = (int)xmlGetLineNo(menu);
		if (site_add(s, s->home) < 0) {
			err_set(e, _("%s:%d: id '%s' is used twice"), path, s->home->index_line, s->home->id);
			page_free(s->home);
			s->home = NULL;
			ok = 0;
		} else if (walk_menu(s, menu, s->home, path, e) < 0) {
			ok = 0;
		}
	}
	xmlFreeDoc(doc);
	free(path);
	if (!ok) {
		site_free(s);
		return NULL;
	}
	return s;
}


/* The "tel:" URI of a telephone number as written ("+41 22 717 9111"):
 * its digits, with a leading + kept. NULL when it is not one: anything
 * but digits, a leading +, white space and - . ( ) /, or fewer than 3 or
 * more than 15 digits (E.164's longest). A number shown is never
 * guessed at: a wrong one harms. */
static char *tel_uri(const char *text)
{
	struct buf b = {0};
	size_t digits = 0;
	int seen = 0;
	buf_adds(&b, "tel:");
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			buf_addc(&b, *p);
			digits++;
			seen = 1;
		} else if (*p == '+' && !seen) {
			buf_addc(&b, '+');
			seen = 1;
		} else if (!strchr(" \t\n\r-.()/", *p)) {
			buf_free(&b);
			return NULL;
		}
	}
	if (digits < 3 || digits > 15) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* A page being read: the stream and what the walk needs. A problem the
 * schema cannot see (a link to no page) is kept in `e` and the reading
 * goes on to the end, so that a parse or schema error, which the tree
 * loader said first, still wins. */
struct page_walk {
	struct site *s;
	struct page *p;
	struct loader_stream *ls;
	xmlTextReaderPtr r;
	const char *path;
	struct err *e;
	struct err later; /* problems after the first */
	int bad;          /* a problem is in e */
	void (*on_block)(void *ctx, struct page *p);
	void *ctx;
	/* the spans of the block being read, copied into the page's arena
	 * in one piece when it ends */
	struct span *spans;
	size_t nspans, spancap;
};

static struct span *add_span(struct page_walk *w, enum span_kind kind, char *text)
{
	w->spans = xgrow(w->spans, &w->spancap, w->nspans + 1, sizeof *w->spans);
	struct span *sp = &w->spans[w->nspans++];
	memset(sp, 0, sizeof *sp);
	sp->kind = kind;
	sp->text = text;
	return sp;
}

/* The spans read for block b, into the arena. */
static void seal_spans(struct page_walk *w, struct block *b)
{
	b->nspans = w->nspans;
	b->spans = w->nspans ? arena_alloc(&w->p->arena, w->nspans * sizeof *b->spans) : NULL;
	if (w->nspans)
		memcpy(b->spans, w->spans, w->nspans * sizeof *b->spans);
	w->nspans = 0;
}

static char *astr(struct page_walk *w, const char *s)
{
	return arena_strdup(&w->p->arena, s);
}

static void walk_bad(struct page_walk *w, const char *fmt, ...) IDM_PRINTF(2, 3);
static void walk_bad(struct page_walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(w->bad ? &w->later : w->e, fmt, ap);
	va_end(ap);
	w->bad = 1;
}

/* An attribute of the element the reader is on, in the page's arena. */
static char *reader_attr(struct page_walk *w, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(w->r, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = astr(w, (const char *)v);
	xmlFree(v);
	return s;
}

static int is_text(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The checks of a tel or link span, once its text is read. */
static void check_span(struct page_walk *w, struct span *sp, int line)
{
	if (sp->kind == SPAN_TEL) {
		char *uri = tel_uri(sp->text);
		sp->href = astr(w, uri);
		free(uri);
		if (!sp->href)
			/* TRANSLATORS: keep <tel> as it is */
			walk_bad(w, _("%s:%d: <tel> '%s' is not a telephone number: digits, a leading +, "
				       "spaces and - . ( ) / only, 3 to 15 digits"),
				 w->path, line, sp->text);
	} else if (sp->kind == SPAN_LINK) {
		if (!sp->page == !sp->href)
			walk_bad(w, _("%s:%d: a link needs exactly one of page= and href="), w->path, line);
		else if (sp->page && !site_find(w->s, sp->page))
			walk_bad(w, _("%s:%d: link to page '%s', which the index does not define"),
				 w->path, line, sp->page);
		else if (sp->href && strncmp(sp->href, "http://", 7) != 0 &&
			 strncmp(sp->href, "https://", 8) != 0)
			walk_bad(w, _("%s:%d: external link '%s' must start with http:// or https://"),
				 w->path, line, sp->href);
	}
}

/* An inline element (em, tel, link) at `depth`: its text is all the text
 * inside it. Returns 0, or -1 when the stream failed (e filled). */
static int read_span(struct page_walk *w, int depth)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(w->r);
	enum span_kind kind = strcmp(name, "em") == 0 ? SPAN_EM :
			      strcmp(name, "tel") == 0 ? SPAN_TEL : SPAN_LINK;
	int line = loader_stream_line(w->ls);
	char *page = kind == SPAN_LINK ? reader_attr(w, "page") : NULL;
	char *href = kind == SPAN_LINK ? reader_attr(w, "href") : NULL;
	struct buf text = {0};
	buf_adds(&text, "");
	int rc = 0;
	if (!xmlTextReaderIsEmptyElement(w->r)) {
		while ((rc = loader_stream_next(w->ls, w->e)) == 1) {
			int type = xmlTextReaderNodeType(w->r);
			if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(w->r) == depth)
				break;
			if (is_text(type))
				buf_adds(&text, (const char *)xmlTextReaderConstValue(w->r));
		}
	}
	struct span *sp = add_span(w, kind, astr(w, text.s));
	buf_free(&text);
	sp->page = page;
	sp->href = href;
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0; /* the end came early: the schema has said so */
	check_span(w, sp, line);
	return 0;
}

/* The inline content of the block element at `depth`: text, em, tel and
 * link, up to its end tag. Returns 0, or -1 when the stream failed. */
static int read_inline(struct page_walk *w, int depth)
{
	if (xmlTextReaderIsEmptyElement(w->r))
		return 0;
	int rc;
	while ((rc = loader_stream_next(w->ls, w->e)) == 1) {
		int type = xmlTextReaderNodeType(w->r);
		int d = xmlTextReaderDepth(w->r);
		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return 0;
		if (d != depth + 1)
			continue;
		if (is_text(type)) {
			add_span(w, SPAN_TEXT, astr(w, (const char *)xmlTextReaderConstValue(w->r)));
		} else if (type == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstLocalName(w->r);
			if ((strcmp(name, "em") == 0 || strcmp(name, "tel") == 0 ||
			     strcmp(name, "link") == 0) && read_span(w, d) < 0)
				return -1;
		}
	}
	return rc;
}

/* A new block at the end of the page's, whose array is in the arena: a
 * full one is copied to one twice its size (what is left behind stays
 * in the arena: at most as much again). */
static struct block *new_block(struct page *p, enum block_kind kind, int line, int group)
{
	if (p->nblocks == p->blockcap) {
		size_t cap = p->blockcap ? 2 * p->blockcap : 16;
		struct block *nb = arena_alloc(&p->arena, cap * sizeof *nb);
		if (p->nblocks)
			memcpy(nb, p->blocks, p->nblocks * sizeof *nb);
		p->blocks = nb;
		p->blockcap = cap;
	}
	struct block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	b->group = group;
	return b;
}

/* The element the reader is on, at `depth` under the page, `container`
 * the list or figures element it is in (0: none, 1: list, 2: figures).
 * Returns 0, or -1 when the stream failed. */
static int read_element(struct page_walk *w, int depth, int container, int group)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(w->r);
	int line = loader_stream_line(w->ls);
	struct block *b;
	if (depth == 0) {
		xmlChar *id = xmlTextReaderGetAttribute(w->r, (const xmlChar *)"id");
		if (!id || strcmp((const char *)id, w->p->id) != 0) {
			walk_bad(w, _("%s:%d: page id '%s' does not match the index, which names it '%s'"),
				 w->path, line, id ? (const char *)id : "", w->p->id);
		}
		xmlFree(id);
		return 0;
	}
	if (depth == 1 && (!strcmp(name, "h") || !strcmp(name, "p") || !strcmp(name, "quote"))) {
		b = new_block(w->p, name[0] == 'h' ? BLOCK_HEADING : name[0] == 'p' ? BLOCK_PARA
						   : BLOCK_QUOTE, line, 0);
		if (b->kind == BLOCK_QUOTE)
			b->extra = reader_attr(w, "source");
	} else if (depth == 2 && container) {
		b = new_block(w->p, container == 1 ? BLOCK_ITEM : BLOCK_FIGURE, line, group);
		if (container == 2)
			b->extra = reader_attr(w, "value");
	} else {
		return 0;
	}
	int rc = read_inline(w, depth);
	seal_spans(w, b);
	if (rc < 0)
		return -1;
	if (w->on_block && !w->bad)
		w->on_block(w->ctx, w->p);
	return 0;
}

/* Reads the blocks of the page in `w` from its stream. Returns 0, or -1
 * with w->e filled. */
static int read_blocks(struct page_walk *w)
{
	int rc, group = 0, container = 0;
	while ((rc = loader_stream_next(w->ls, w->e)) == 1) {
		int type = xmlTextReaderNodeType(w->r);
		int d = xmlTextReaderDepth(w->r);
		if (type == XML_READER_TYPE_END_ELEMENT && d == 1)
			container = 0;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstLocalName(w->r);
		if (d == 1 && (!strcmp(name, "list") || !strcmp(name, "figures"))) {
			group++;
			container = xmlTextReaderIsEmptyElement(w->r) ? 0 : name[0] == 'l' ? 1 : 2;
			continue;
		}
		if (read_element(w, d, container, group) < 0)
			return -1;
	}
	return rc < 0 || w->bad ? -1 : 0;
}

/* Reads text page p, calling on_block (when not NULL) after each block. */
static int load_page(struct site *s, struct page *p, void (*on_block)(void *, struct page *),
		     void *ctx, struct err *e)
{
	struct loader_stream *ls = loader_stream_open(s->dir, p->file, e);
	if (!ls)
		return -1;
	struct page_walk w = {.s = s, .p = p, .ls = ls, .r = loader_stream_reader(ls),
			      .path = loader_stream_path(ls), .e = e,
			      .on_block = on_block, .ctx = ctx};
	int rc = read_blocks(&w);
	loader_stream_close(ls);
	free(w.spans);
	return rc;
}

int loader_load_page(struct site *s, struct page *p, struct err *e)
{
	if (p->kind != PAGE_TEXT || p->loaded)
		return 0;
	if (load_page(s, p, NULL, NULL, e) < 0) {
		page_unload(p);
		return -1;
	}
	p->loaded = 1;
	return 0;
}

int loader_stream_page(struct site *s, struct page *p,
		       void (*on_block)(void *ctx, struct page *p), void *ctx, struct err *e)
{
	page_unload(p);
	int rc = load_page(s, p, on_block, ctx, e);
	page_unload(p);
	return rc;
}

int loader_check_dir(const char *dir, struct err *e)
{
	struct site *s = loader_load_site(dir, e);
	if (!s)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < s->npages && rc == 0; i++)
		rc = loader_load_page(s, s->pages[i], e);
	site_free(s);
	return rc;
}
