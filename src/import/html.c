/* html.c - see html.h. */
#include "config.h"

#include "html.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "loader.h"
#include "map.h"
#include "text.h"
#include "utf8.h"

/* What the parser found that makes the page unusable: the first one. */
struct problem {
	int line;
	char msg[300];
};

static void on_error(void *data, xmlErrorPtr err)
{
	struct problem *p = data;
	if (p->msg[0])
		return;
	if (err->code == XML_ERR_INVALID_CHAR || err->code == XML_ERR_INVALID_CHARREF ||
	    err->code == XML_ERR_INVALID_DEC_CHARREF) {
		/* libxml2 would leave the character out: the text would not
		 * be the page's any more */
		p->line = err->line;
		snprintf(p->msg, sizeof p->msg, "character U+%04X cannot be content (a control "
			 "character, or no character); the page must not hold it",
			 (unsigned)err->int1);
	} else if (err->code == XML_ERR_UNKNOWN_ENCODING ||
		   err->code == XML_ERR_UNSUPPORTED_ENCODING ||
		   err->code == XML_ERR_INVALID_ENCODING || err->code == XML_I18N_CONV_FAILED) {
		p->line = err->line;
		snprintf(p->msg, sizeof p->msg, "the declared charset cannot be read");
	} else if (err->level == XML_ERR_FATAL) {
		p->line = err->line;
		if (strstr(err->message ? err->message : "", "depth"))
			snprintf(p->msg, sizeof p->msg, "elements nested deeper than %d (the limit)",
				 MAP_MAX_DEPTH);
		else
			snprintf(p->msg, sizeof p->msg, "the HTML parser stopped: %.200s",
				 err->message ? err->message : "?");
		for (char *c = p->msg; *c; c++)
			if ((unsigned char)*c < 0x20)
				*c = ' ';
	}
}

static xmlParserInputPtr deny_entities(const char *url, const char *id, xmlParserCtxtPtr c)
{
	(void)url, (void)id, (void)c;
	return NULL; /* a file argument never leads to reading another file */
}

static int has_bom(const char *d, size_t n)
{
	const unsigned char *u = (const unsigned char *)d;
	return (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
	       (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)));
}

static int utf16(const char *d, size_t n)
{
	return has_bom(d, n) && (unsigned char)d[0] != 0xEF;
}

/* The offset of the first byte that is not valid UTF-8, or -1. */
static long bad_utf8(const char *d, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(d + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(n - i >= 3 && !memcmp(d + i, "\xEF\xBF\xBD", 3)))
			return (long)i;
		i += k;
	}
	return -1;
}

static int is_utf8_name(const char *enc)
{
	return !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8");
}

/* One parse, in `encoding` (NULL: as the page declares); the first
 * problem in *p. */
static xmlDocPtr parse_as(const struct html_in *in, const char *encoding, struct problem *p)
{
	memset(p, 0, sizeof *p);
	xmlSetExternalEntityLoader(deny_entities);
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		util_oom();
	xmlSetStructuredErrorFunc(p, on_error);
	xmlDocPtr doc = htmlCtxtReadMemory(ctxt, in->data, (int)in->len, in->name, encoding,
					   HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					   HTML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlFreeParserCtxt(ctxt);
	return doc;
}

static xmlDocPtr parse(const struct html_in *in, struct err *e)
{
	if (in->len > LOADER_MAX_FILE || in->len > INT_MAX) {
		err_set(e, "%s: too large (the limit is %u bytes)", in->name, LOADER_MAX_FILE);
		return NULL;
	}
	if (!utf16(in->data, in->len) && memchr(in->data, '\0', in->len)) {
		err_set(e, "%s: holds NUL bytes: binary data, not an HTML page", in->name);
		return NULL;
	}
	struct problem p;
	xmlDocPtr doc = parse_as(in, NULL, &p);
	/* A page that declares no charset is UTF-8 (the man page says so):
	 * read it again as UTF-8, not as libxml2 guesses. */
	if (doc && !doc->encoding && !has_bom(in->data, in->len) &&
	    bad_utf8(in->data, in->len) < 0) {
		xmlFreeDoc(doc);
		doc = parse_as(in, "UTF-8", &p);
	}
	/* Where the page declares no charset (or UTF-8) its bytes must be
	 * UTF-8: libxml2 would otherwise guess another charset, which could
	 * change the text. This is said first, as the likeliest cause of
	 * any encoding error the parser met. */
	const char *enc = doc && doc->encoding ? (const char *)doc->encoding : NULL;
	long bad = -1;
	if (!has_bom(in->data, in->len) && (!enc || is_utf8_name(enc)))
		bad = bad_utf8(in->data, in->len);
	if (bad >= 0) {
		err_set(e, "%s: byte %ld is not UTF-8, and the page declares %s%s: save it as "
			   "UTF-8 or declare its charset (<meta charset=...>)",
			in->name, bad, enc ? "charset " : "no charset", enc ? enc : "");
	} else if (p.msg[0] || !doc) {
		err_set(e, "%s:%d: %s", in->name, p.line > 0 ? p.line : 1,
			p.msg[0] ? p.msg : "not an HTML page");
	} else {
		return doc;
	}
	xmlFreeDoc(doc);
	return NULL;
}

/* The first element of n's subtree that `match` accepts, depth-bounded. */
static xmlNodePtr find(xmlNodePtr n, int (*match)(xmlNodePtr), int depth, int *count)
{
	xmlNodePtr first = NULL;
	for (xmlNodePtr c = n ? n->children : NULL; c && depth > 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (match(c)) {
			if (count)
				++*count;
			if (!first)
				first = c;
			if (!count)
				return first;
			continue;
		}
		xmlNodePtr f = find(c, match, depth - 1, count);
		if (f && !first)
			first = f;
		if (f && !count)
			return first;
	}
	return first;
}

static int is_name(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}
static int is_main(xmlNodePtr n) { return is_name(n, "main"); }
static int is_article(xmlNodePtr n) { return is_name(n, "article"); }
static int is_body(xmlNodePtr n) { return is_name(n, "body"); }
static int is_h1(xmlNodePtr n) { return is_name(n, "h1"); }
static int is_title(xmlNodePtr n) { return is_name(n, "title"); }

static int is_role_main(xmlNodePtr n)
{
	xmlChar *r = xmlGetProp(n, (const xmlChar *)"role");
	int yes = r && !strcmp((const char *)r, "main");
	xmlFree(r);
	return yes;
}

/* <main>, else role="main", else the one <article>, else <body> (whose
 * navigation, header, footer ... the mapping leaves out). */
static xmlNodePtr main_element(xmlDocPtr doc)
{
	xmlNode top = {.children = (xmlNodePtr)doc->children};
	xmlNodePtr m = find(&top, is_main, MAP_MAX_DEPTH, NULL);
	if (!m)
		m = find(&top, is_role_main, MAP_MAX_DEPTH, NULL);
	if (!m) {
		int n = 0;
		xmlNodePtr a = find(&top, is_article, MAP_MAX_DEPTH, &n);
		if (n == 1)
			m = a;
	}
	if (!m)
		m = find(&top, is_body, MAP_MAX_DEPTH, NULL);
	return m ? m : xmlDocGetRootElement(doc);
}

/* Reports the text around the main element: every sibling of it and of
 * its ancestors up to <body>. */
static void report_outside(xmlNodePtr main, struct buf *report)
{
	for (xmlNodePtr n = main; n && n->parent && !is_body(n) &&
				  n->parent->type == XML_ELEMENT_NODE; n = n->parent) {
		for (xmlNodePtr s = n->parent->children; s; s = s->next) {
			if (s == n || (s->type != XML_ELEMENT_NODE && s->type != XML_TEXT_NODE))
				continue;
			if (is_name(s, "head") || is_name(s, "script") || is_name(s, "style"))
				continue;
			char *words;
			if (s->type == XML_TEXT_NODE) {
				xmlNode wrap = {.type = XML_ELEMENT_NODE, .children = s};
				xmlNodePtr after = s->next;
				s->next = NULL;
				words = text_folded(&wrap, 0);
				s->next = after;
			} else {
				words = text_folded(s, MAP_MAX_DEPTH);
			}
			if (words[0]) {
				char *name = s->type == XML_TEXT_NODE ? xstrdup("text")
								      : xasprintf("<%s>", (const char *)s->name);
				map_report(report, name, "outside the main text", words);
				free(name);
			}
			free(words);
		}
	}
}

/* The title: --title, else the first <h1> with text (the main text's
 * first), else <title>. */
static char *page_title(const struct html_in *in, xmlDocPtr doc, xmlNodePtr main,
			xmlNodePtr *title_node)
{
	*title_node = NULL;
	if (in->title)
		return xstrdup(in->title);
	xmlNode top = {.children = (xmlNodePtr)doc->children};
	xmlNodePtr h1 = find(main, is_h1, MAP_MAX_DEPTH, NULL);
	int in_main = h1 != NULL;
	if (!h1)
		h1 = find(&top, is_h1, MAP_MAX_DEPTH, NULL);
	char *t = h1 ? text_folded(h1, MAP_MAX_DEPTH) : NULL;
	if (t && t[0]) {
		if (in_main)
			*title_node = h1;
		return t;
	}
	free(t);
	xmlNodePtr tt = find(&top, is_title, MAP_MAX_DEPTH, NULL);
	t = tt ? text_folded(tt, 2) : NULL;
	if (t && t[0])
		return t;
	free(t);
	return NULL;
}

/* Whether s is a language tag as the schema's xsd:language has it:
 * [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*. */
static int language_tag(const char *s)
{
	int first = 1;
	while (*s) {
		size_t n = 0;
		while (s[n] && s[n] != '-') {
			char c = s[n];
			int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!alpha && (first || c < '0' || c > '9'))
				return 0;
			n++;
		}
		if (n < 1 || n > 8)
			return 0;
		s += n;
		if (*s == '-' && !*++s)
			return 0;
		first = 0;
	}
	return !first;
}

/* <html lang=...> when it is a language tag the site index can hold. */
static char *page_lang(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)"lang") : NULL;
	char *lang = v && language_tag((const char *)v) ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return lang;
}

int html_import(const struct html_in *in, struct html_out *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	xmlDocPtr doc = parse(in, e);
	if (!doc)
		return -1;
	xmlNodePtr main = main_element(doc);
	xmlNodePtr title_node;
	out->title = main ? page_title(in, doc, main, &title_node) : NULL;
	if (!out->title) {
		err_set(e, "%s: the page has no title (no <h1>, no <title>): give --title",
			in->name);
		xmlFreeDoc(doc);
		return -1;
	}
	out->lang = page_lang(doc);
	buf_adds(&out->report, "");
	report_outside(main, &out->report);
	struct map_in mi = {in->name, main, title_node, in->id, in->links};
	long n = map_page(&mi, &out->xml, &out->report, e);
	xmlFreeDoc(doc);
	if (n == 0) {
		free(out->xml);
		out->xml = NULL;
		err_set(e, "%s: no main text found (nothing in <main>, <article> or <body> "
			   "that the content format can hold)", in->name);
		n = -1;
	}
	if (n < 0) {
		html_out_free(out);
		return -1;
	}
	return 0;
}

void html_out_free(struct html_out *out)
{
	free(out->title);
	free(out->xml);
	free(out->lang);
	buf_free(&out->report);
	memset(out, 0, sizeof *out);
}
