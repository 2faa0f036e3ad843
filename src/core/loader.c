/* loader.c - see loader.h. */
#include "config.h"

#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

#include "i18n.h"

const char loader_schema[] =
#include "schema.inc"
	;

/* What a parse or validation reports: its first error, with the line. */
struct report {
	const char *path;
	int line;
	int doctype; /* a DOCTYPE was seen (and parsing stopped there) */
	char msg[512];
};

static void report_set(struct report *r, int line, const char *msg)
{
	if (r->msg[0])
		return; /* keep the first: later ones are usually consequences */
	r->line = line;
	snprintf(r->msg, sizeof r->msg, "%s", msg ? msg : _("malformed XML"));
	/* One line, safe for a terminal: libxml2 puts a newline inside some
	 * messages ("...indicate encoding !\nBytes: 0xC3 0x28"). */
	char *w = r->msg;
	for (const char *c = r->msg; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if (u == '\n' || u == '\t' || u == '\r') {
			if (w > r->msg && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = (u < 0x20 || u == 0x7F) ? '?' : *c;
		}
	}
	*w = '\0';
	size_t n = strlen(r->msg);
	while (n && r->msg[n - 1] == ' ')
		r->msg[--n] = '\0';
}

/* The attributes each element must have (the schema's, said plainly:
 * libxml2 only says "failed to validate attributes"). */
static const char *missing_attribute(xmlNodePtr n)
{
	static const struct {
		const char *element, *parent, *attrs[3];
	} req[] = {
		{"site", NULL, {"title"}},
		{"menu", NULL, {"id", "title"}},
		{"item", NULL, {"page"}},
		{"page", "site", {"id", "file", "title"}},
		{"page", NULL, {"id"}},
		{"figure", NULL, {"value"}},
		{"translation", "page", {"lang", "file", "title"}},
		{"translation", NULL, {"lang", "title"}},
	};
	const char *pname = n->parent && n->parent->type == XML_ELEMENT_NODE
				    ? (const char *)n->parent->name : NULL;
	for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
		if (strcmp((const char *)n->name, req[i].element) != 0)
			continue;
		if (req[i].parent && (!pname || strcmp(pname, req[i].parent) != 0))
			continue;
		for (size_t j = 0; j < 3 && req[i].attrs[j]; j++)
			if (!xmlHasProp(n, (const xmlChar *)req[i].attrs[j]))
				return req[i].attrs[j];
		return NULL;
	}
	return NULL;
}

static void on_structured_error(void *data, xmlErrorPtr error)
{
	struct report *r = data;
	if (!r || error->level < XML_ERR_ERROR)
		return;
	int line = error->line;
	xmlNodePtr node = error->node;
	if (node && node->type == XML_ELEMENT_NODE) {
		line = (int)xmlGetLineNo(node);
		const char *a = missing_attribute(node);
		if (a && error->domain == XML_FROM_RELAXNGV) {
			char msg[400]; /* room for a translation */
			/* TRANSLATORS: the element, then the attribute it lacks: keep
			 * the <%s> brackets; both are names from the content format. */
			snprintf(msg, sizeof msg, _("element <%s> has no %s attribute, which it needs"),
				 (const char *)node->name, a);
			report_set(r, line, msg);
			return;
		}
	}
	report_set(r, line, error->message);
}

static void on_generic_error(void *data, const char *fmt, ...)
{
	(void)data;
	(void)fmt; /* libxml2 must never write to our terminal */
}

/* Refuse the DOCTYPE as soon as it starts: its declarations (entities,
 * external subsets) are never read. */
static void on_internal_subset(void *ctx, const xmlChar *name,
			       const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct report *r = ctxt->_private;
	(void)name, (void)external_id, (void)system_id;
	r->doctype = 1;
	r->line = xmlSAX2GetLineNumber(ctx);
	xmlStopParser(ctxt);
}

static xmlParserInputPtr deny_entity_loader(const char *url, const char *id,
					    xmlParserCtxtPtr ctxt)
{
	(void)url, (void)id, (void)ctxt;
	return NULL; /* nothing outside the document is ever read */
}

static void loader_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_entity_loader);
	xmlSetGenericErrorFunc(NULL, on_generic_error);
}

int loader_is_gzip(const char *data, size_t len)
{
	return len >= 2 && (unsigned char)data[0] == 0x1f &&
	       (unsigned char)data[1] == 0x8b;
}

/* Inflates the gzip data `raw` (of `path`), never to more than
 * LOADER_MAX_FILE bytes: a small file may be a bomb. */
static int gunzip(const char *path, char *raw, size_t len, char **out,
		  size_t *outlen, struct err *e)
{
	z_stream z = {0};
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		err_set(e, _("%s: cannot start decompression"), path);
		return -1;
	}
	size_t cap = len * 4 + 4096, have = 0;
	if (cap > LOADER_MAX_FILE + 1)
		cap = LOADER_MAX_FILE + 1;
	char *dst = xmalloc(cap);
	z.next_in = (unsigned char *)raw;
	z.avail_in = (uInt)len;
	int zr;
	for (;;) {
		if (have == cap) {
			if (cap > LOADER_MAX_FILE)
				break;
			cap = cap * 2 > LOADER_MAX_FILE + 1 ? LOADER_MAX_FILE + 1 : cap * 2;
			dst = xrealloc(dst, cap);
		}
		z.next_out = (unsigned char *)dst + have;
		z.avail_out = (uInt)(cap - have);
		zr = inflate(&z, Z_NO_FLUSH);
		have = cap - z.avail_out;
		if (zr == Z_STREAM_END || (zr != Z_OK && zr != Z_BUF_ERROR))
			break;
		if (zr == Z_BUF_ERROR && z.avail_in == 0)
			break;
	}
	inflateEnd(&z);
	if (have > LOADER_MAX_FILE) {
		err_set(e, _("%s:1: file too large once decompressed (over %u bytes)"), path,
			LOADER_MAX_FILE);
		free(dst);
		return -1;
	}
	if (zr != Z_STREAM_END) {
		err_set(e, _("%s:1: corrupt or truncated gzip data"), path);
		free(dst);
		return -1;
	}
	*out = dst;
	*outlen = have;
	return 0;
}

/* Reads a content file whole, inflating it when it is gzip-compressed,
 * never more than LOADER_MAX_FILE bytes either way. A file too large is
 * a content error and says so at its line 1, as the schema's errors do. */
static int read_content(const char *path, char **out, size_t *outlen, struct err *e)
{
	struct buf raw = {0};
	if (util_read_file(path, LOADER_MAX_FILE, &raw, e) < 0) {
		struct stat st;
		if (errno == EFBIG && stat(path, &st) == 0)
			err_set(e, _("%s:1: file too large (%lld bytes; the limit is %u)"), path,
				(long long)st.st_size, LOADER_MAX_FILE);
		else if (errno == EFBIG)
			err_set(e, _("%s:1: file too large"), path);
		buf_free(&raw);
		return -1;
	}
	if (!loader_is_gzip(raw.s, raw.len)) {
		*outlen = raw.len;
		*out = buf_take(&raw);
		return 0;
	}
	int r = gunzip(path, raw.s, raw.len, out, outlen, e);
	buf_free(&raw);
	return r;
}

static xmlRelaxNGPtr schema(struct err *e)
{
	static xmlRelaxNGPtr rng;
	if (rng)
		return rng;
	struct report r = {.path = "idmview.rng"};
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(loader_schema,
							       (int)strlen(loader_schema));
	xmlRelaxNGSetParserStructuredErrors(pc, on_structured_error, &r);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!rng)
		err_set(e, "idmview.rng:%d: built-in schema does not compile: %s", r.line, r.msg);
	return rng;
}

/* Elements whose content is mixed (text with em and link). */
static int mixed_content(xmlNodePtr n)
{
	static const char *const names[] = {"h", "p", "li", "quote", "figure", "label",
					    "em", "link"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

/* The first element of mixed content with more than LOADER_MAX_CHILDREN
 * children, or NULL. libxml2 validates mixed content (a paragraph's
 * text, em and link) in time that grows faster than the square of the
 * number of children: 80,000 took 30 s. Element-only content (a page's
 * blocks, the index's pages) validates in linear time and is not
 * limited here: a 20 MB page or a 10,000-page index is fine. The parser
 * keeps the depth to 256. */
static xmlNodePtr crowded_element(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		long count = 0;
		if (mixed_content(n))
			for (xmlNodePtr c = n->children; c; c = c->next)
				if (++count > LOADER_MAX_CHILDREN)
					return n;
		xmlNodePtr inner = crowded_element(n->children);
		if (inner)
			return inner;
	}
	return NULL;
}

/* Parses and validates one file. Returns the document or NULL with e. */
static xmlDocPtr parse_file(const char *path, struct err *e)
{
	char *text;
	size_t len;

	loader_init();
	if (read_content(path, &text, &len, e) < 0)
		return NULL;
	if (len > INT_MAX) {
		free(text);
		err_set(e, _("%s:1: file too large"), path);
		return NULL;
	}

	struct report r = {.path = path};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		util_oom();
	ctxt->_private = &r;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = NULL;
	xmlSetStructuredErrorFunc(&r, on_structured_error);
	/* NONET: never fetch. BIG_LINES: true line numbers past 65535 in
	 * messages. Never NOENT, DTDLOAD, HUGE or XINCLUDE. */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, NULL,
					  XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	int well_formed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	free(text);

	if (r.doctype) {
		/* TRANSLATORS: a message starting "%s:%d: " starts with the file
		 * and the line it is about: keep that as it is. Keep the names
		 * of the content format (DOCTYPE, <element>, page=, href=, id). */
		err_set(e, _("%s:%d: DOCTYPE declarations are not allowed in content"), path, r.line);
		xmlFreeDoc(doc);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}
	if (!doc || !well_formed || r.msg[0]) {
		err_set(e, "%s:%d: %s", path, r.line ? r.line : 1,
			r.msg[0] ? r.msg : _("not well-formed XML"));
		xmlFreeDoc(doc);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}

	xmlNodePtr crowded = crowded_element(xmlDocGetRootElement(doc));
	if (crowded) {
		err_set(e, _("%s:%ld: element <%s> has more than %d children (the limit)"), path,
			xmlGetLineNo(crowded), (const char *)crowded->name, LOADER_MAX_CHILDREN);
		xmlFreeDoc(doc);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}

	xmlRelaxNGPtr rng = schema(e);
	if (!rng) {
		xmlFreeDoc(doc);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, on_structured_error, &r);
	int valid = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (valid != 0) {
		err_set(e, "%s:%d: %s", path, r.line ? r.line : 1,
			r.msg[0] ? r.msg : _("does not match the content schema"));
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

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
	if (!f[0] || f[0] == '.' || strlen(f) > 200)
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
	xmlDocPtr doc = parse_file(path, e);
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

static int read_inline(struct site *s, struct block *b, xmlNodePtr n,
		       const char *path, struct err *e)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			add_span(b, SPAN_TEXT, xstrdup((const char *)(c->content ? c->content : (const xmlChar *)"")));
		} else if (is(c, "em")) {
			add_span(b, SPAN_EM, node_text(c));
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
	xmlDocPtr doc = parse_file(path, e);
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
