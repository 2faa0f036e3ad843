/* loader.c - see loader.h. */
#include "config.h"

#include "loader.h"
#include "loader_parse.h"

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

/* Inline content of a block element: text, em and link. */
static void add_span(struct block *b, enum span_kind kind, char *text)
{
	b->spans = grow_one(b->spans, b->nspans, sizeof *b->spans);
	struct span *sp = &b->spans[b->nspans++];
	memset(sp, 0, sizeof *sp);
	sp->kind = kind;
	sp->text = text;
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

static int read_inline(struct site *s, struct block *b, xmlNodePtr n,
		       const char *path, struct err *e)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			add_span(b, SPAN_TEXT, xstrdup((const char *)(c->content ? c->content : (const xmlChar *)"")));
		} else if (is(c, "em")) {
			add_span(b, SPAN_EM, node_text(c));
		} else if (is(c, "tel")) {
			add_span(b, SPAN_TEL, node_text(c));
			struct span *sp = &b->spans[b->nspans - 1];
			sp->href = tel_uri(sp->text);
			if (!sp->href) {
				/* TRANSLATORS: keep <tel> as it is */
				err_set(e, _("%s:%d: <tel> '%s' is not a telephone number: digits, a leading +, "
					     "spaces and - . ( ) / only, 3 to 15 digits"),
					path, (int)xmlGetLineNo(c), sp->text);
				return -1;
			}
		} else if (is(c, "link")) {
			add_span(b, SPAN_LINK, node_text(c));
			struct span *sp = &b->spans[b->nspans - 1];
			sp->page = attr(c, "page");
			sp->href = attr(c, "href");
			int line = (int)xmlGetLineNo(c);
			if (!sp->page == !sp->href) {
				err_set(e, _("%s:%d: a link needs exactly one of page= and href="), path, line);
				return -1;
			}
			if (sp->page && !site_find(s, sp->page)) {
				err_set(e, _("%s:%d: link to page '%s', which the index does not define"),
					path, line, sp->page);
				return -1;
			}
			if (sp->href && strncmp(sp->href, "http://", 7) != 0 &&
			    strncmp(sp->href, "https://", 8) != 0) {
				err_set(e, _("%s:%d: external link '%s' must start with http:// or https://"),
					path, line, sp->href);
				return -1;
			}
		}
	}
	return 0;
}

static struct block *new_block(struct page *p, enum block_kind kind, int line, int group)
{
	p->blocks = grow_one(p->blocks, p->nblocks, sizeof *p->blocks);
	struct block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	b->group = group;
	return b;
}

int loader_load_page(struct site *s, struct page *p, struct err *e)
{
	if (p->kind != PAGE_TEXT || p->loaded)
		return 0;
	char *path = xasprintf("%s/%s", s->dir, p->file);
	xmlDocPtr doc = loader_parse_file(s->dir, p->file, e);
	if (!doc) {
		free(path);
		return -1;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *id = attr(root, "id");
	int rc = 0;
	if (!id || strcmp(id, p->id) != 0) {
		err_set(e, _("%s:%d: page id '%s' does not match the index, which names it '%s'"),
			path, (int)xmlGetLineNo(root), id ? id : "", p->id);
		rc = -1;
	}
	free(id);

	int group = 0;
	for (xmlNodePtr c = root->children; c && rc == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int line = (int)xmlGetLineNo(c);
		struct block *b;
		if (is(c, "h") || is(c, "p") || is(c, "quote")) {
			b = new_block(p, is(c, "h") ? BLOCK_HEADING : is(c, "p") ? BLOCK_PARA : BLOCK_QUOTE,
				      line, 0);
			if (b->kind == BLOCK_QUOTE)
				b->extra = attr(c, "source");
			rc = read_inline(s, b, c, path, e);
		} else if (is(c, "list") || is(c, "figures")) {
			int item = is(c, "list");
			group++;
			for (xmlNodePtr li = c->children; li && rc == 0; li = li->next) {
				if (li->type != XML_ELEMENT_NODE)
					continue;
				b = new_block(p, item ? BLOCK_ITEM : BLOCK_FIGURE, (int)xmlGetLineNo(li), group);
				if (!item)
					b->extra = attr(li, "value");
				rc = read_inline(s, b, li, path, e);
			}
		}
	}
	xmlFreeDoc(doc);
	free(path);
	if (rc < 0) {
		page_unload(p);
		return -1;
	}
	p->loaded = 1;
	return 0;
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
