/* loader_parse.c - see loader_parse.h. */
#include "config.h"

#include "loader_parse.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

#include "beneath.h"
#include "i18n.h"
#include "loader.h"

const char loader_schema[] =
#include "schema.inc"
	;

static void report_set(struct loader_report *r, int line, const char *msg)
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

void loader_report_error(void *data, xmlErrorPtr error)
{
	struct loader_report *r = data;
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
	struct loader_report *r = ctxt->_private;
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

void loader_init(void)
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

int loader_inflate(const char *path, char *data, size_t len, char **out, size_t *outlen,
		   struct err *e)
{
	return gunzip(path, data, len, out, outlen, e);
}

/* Reads a content file whole, inflating it when it is gzip-compressed,
 * never more than LOADER_MAX_FILE bytes either way. A file too large is
 * a content error and says so at its line 1, as the schema's errors do. */
static int read_content(const char *dir, const char *rel, const char *path, char **out,
			size_t *outlen, struct err *e)
{
	struct buf raw = {0};
	if (beneath_read(dir, rel, LOADER_MAX_FILE, &raw, e) < 0) {
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

xmlRelaxNGPtr loader_rng(struct err *e)
{
	static xmlRelaxNGPtr rng;
	if (rng)
		return rng;
	struct loader_report r = {.path = "idmview.rng"};
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(loader_schema,
							       (int)strlen(loader_schema));
	xmlRelaxNGSetParserStructuredErrors(pc, loader_report_error, &r);
	rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!rng)
		err_set(e, "idmview.rng:%d: built-in schema does not compile: %s", r.line, r.msg);
	return rng;
}

/* Elements whose content is mixed (text with em and link). */
int loader_mixed(const char *name)
{
	static const char *const names[] = {"h", "p", "li", "quote", "figure", "label",
					    "em", "link"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
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
		if (loader_mixed((const char *)n->name))
			for (xmlNodePtr c = n->children; c; c = c->next)
				if (++count > LOADER_MAX_CHILDREN)
					return n;
		xmlNodePtr inner = crowded_element(n->children);
		if (inner)
			return inner;
	}
	return NULL;
}

static xmlDocPtr parse_text(const char *path, char *text, size_t len, struct err *e);

xmlDocPtr loader_parse_file(const char *dir, const char *rel, struct err *e)
{
	char *text;
	size_t len;

	loader_init();
	char *path = xasprintf("%s/%s", dir, rel);
	xmlDocPtr doc = NULL;
	if (read_content(dir, rel, path, &text, &len, e) == 0)
		doc = parse_text(path, text, len, e);
	free(path);
	return doc;
}

/* Parses and validates `text` (taken) of the file at `path`. */
static xmlDocPtr parse_text(const char *path, char *text, size_t len, struct err *e)
{
	if (len > INT_MAX) {
		free(text);
		err_set(e, _("%s:1: file too large"), path);
		return NULL;
	}

	struct loader_report r = {.path = path};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		util_oom();
	ctxt->_private = &r;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = NULL;
	xmlSetStructuredErrorFunc(&r, loader_report_error);
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

	xmlRelaxNGPtr rng = loader_rng(e);
	if (!rng) {
		xmlFreeDoc(doc);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return NULL;
	}
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, loader_report_error, &r);
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
