/* map.c - see map.h.
 *
 * One pass over the main element keeps one block open at a time: text
 * goes into it, and every element that starts or ends a block on the
 * page (a paragraph, a heading, a list item, a table cell ...) closes it
 * first. Inline, the open <em> or <link> span follows the emphasis and
 * the link the text is in. */
#include "config.h"

#include "map.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The words of a dropped element a report line shows. */
#define REPORT_WORDS 8

enum cls {
	C_INLINE,  /* span, small, abbr ...: its text goes on */
	C_BLOCK,   /* p, div, section, td ...: a block boundary */
	C_DROP,    /* not main text: nav, script, form ... */
	C_HEADING, /* h1-h6 */
	C_LIST,    /* ul, ol */
	C_ITEM,    /* li, dt, dd */
	C_QUOTE,   /* blockquote */
	C_EM,      /* em, strong, i, b ... */
	C_LINK,    /* a */
	C_BR,
	C_IMG,
};

enum kind { K_P, K_H, K_LI, K_QUOTE };

struct map {
	const struct map_in *in;
	struct buf *report;
	struct err *e;
	int failed;
	struct buf out;   /* the page file */
	struct buf block; /* the open block's inline XML */
	int open;         /* a block is open: it has text */
	enum kind kind;
	int space;        /* a space is due before the next word */
	int span;         /* the open span: 0 none, 1 <em>, 2 <link> */
	const char *span_link; /* the open <link>'s attribute */
	int em;                /* inside emphasis */
	const char *link;      /* the link the text is in ("page=..."), or NULL */
	int heading, list, quote;
	char *source;          /* the open quote's source, or NULL */
	int list_open;         /* <list> written, </list> not yet */
	long nblocks;
	int said_nested, said_table; /* reported once a page */
};

/* Marks a node the quote source was taken from: not read again. */
static char consumed;

static int named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int in_list(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return 1;
	return 0;
}

static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int has_ancestor(xmlNodePtr n, const char *a, const char *b)
{
	for (xmlNodePtr p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (named(p, a) || named(p, b))
			return 1;
	return 0;
}

/* Why an element is not main text, or NULL when it may be. */
static const char *drop_reason(xmlNodePtr n)
{
	static const char *const never[] = {
		"nav", "aside", "form", "script", "style", "iframe", "noscript", "template",
		"svg", "math", "button", "select", "input", "textarea", "object", "embed",
		"video", "audio", "canvas", "map", "dialog", "head", "title", "meta", "link",
		"frameset", "frame", "applet", "footer", NULL};
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
		"alertdialog", "menu", "menubar", "toolbar", NULL};
	const char *name = (const char *)n->name;
	if (in_list(name, never))
		return "not main text";
	/* a page's header holds its navigation; an article's holds its title */
	if (!strcmp(name, "header") && !has_ancestor(n, "main", "article"))
		return "not main text";
	const char *why = NULL;
	char *v = prop(n, "hidden");
	if (v)
		why = "hidden";
	free(v);
	v = prop(n, "aria-hidden");
	if (!why && v && !strcmp(v, "true"))
		why = "hidden";
	free(v);
	v = prop(n, "role");
	if (!why && v && in_list(v, roles))
		why = "not main text";
	free(v);
	return why;
}

static enum cls classify(xmlNodePtr n)
{
	static const char *const inl[] = {
		"span", "small", "abbr", "bdi", "bdo", "code", "data", "kbd", "q", "s",
		"samp", "sub", "sup", "time", "u", "var", "wbr", "font", "del", "ins",
		"label", "big", "tt", "nobr", "acronym", "strike", "output", "meter",
		"progress", "ruby", "rb", "rt", "rp", "picture", "source", "track", NULL};
	static const char *const em[] = {"em", "strong", "i", "b", "mark", "cite", "dfn", NULL};
	const char *name = (const char *)n->name;
	if (drop_reason(n))
		return C_DROP;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
		return C_HEADING;
	if (!strcmp(name, "ul") || !strcmp(name, "ol") || !strcmp(name, "menu"))
		return C_LIST;
	if (!strcmp(name, "li") || !strcmp(name, "dt") || !strcmp(name, "dd"))
		return C_ITEM;
	if (!strcmp(name, "blockquote"))
		return C_QUOTE;
	if (!strcmp(name, "a"))
		return C_LINK;
	if (!strcmp(name, "br"))
		return C_BR;
	if (!strcmp(name, "img") || !strcmp(name, "area"))
		return C_IMG;
	if (in_list(name, em))
		return C_EM;
	if (in_list(name, inl))
		return C_INLINE;
	return C_BLOCK;
}

void map_report(struct buf *report, const char *name, const char *why, const char *words)
{
	char *safe_name = text_words(name, 12), *safe = text_words(words ? words : "", REPORT_WORDS);
	buf_printf(report, "  dropped %s%s%s%s%s%s\n", safe_name, why ? " (" : "",
		   why ? why : "", why ? ")" : "", safe[0] ? ": " : "", safe);
	free(safe_name);
	free(safe);
}

static void report_node(struct map *m, xmlNodePtr n, const char *why)
{
	char *words = text_folded(n, MAP_MAX_DEPTH);
	char *name = xasprintf("<%s>", (const char *)n->name);
	map_report(m->report, name, why, words);
	free(name);
	free(words);
}

static void close_span(struct map *m)
{
	if (m->span == 1)
		buf_adds(&m->block, "</em>");
	else if (m->span == 2)
		buf_adds(&m->block, "</link>");
	m->span = 0;
	m->span_link = NULL;
}

static void close_list(struct map *m)
{
	if (m->list_open)
		buf_adds(&m->out, "  </list>\n");
	m->list_open = 0;
}

/* Writes the open block, if it has text, and opens none. */
static void flush(struct map *m)
{
	m->space = 0;
	if (!m->open)
		return;
	close_span(m);
	if (m->kind == K_LI) {
		if (!m->list_open)
			buf_adds(&m->out, "  <list>\n");
		m->list_open = 1;
		buf_printf(&m->out, "    <li>%s</li>\n", m->block.s);
	} else {
		close_list(m);
		if (m->kind == K_QUOTE && m->source) {
			buf_adds(&m->out, "  <quote source=\"");
			text_escape(&m->out, m->source, strlen(m->source), 1);
			buf_printf(&m->out, "\">%s</quote>\n", m->block.s);
		} else {
			const char *tag = m->kind == K_H ? "h" : m->kind == K_QUOTE ? "quote" : "p";
			buf_printf(&m->out, "  <%s>%s</%s>\n", tag, m->block.s, tag);
		}
	}
	m->nblocks++;
	m->block.len = 0;
	m->block.s[0] = '\0';
	m->open = 0;
}

/* Where a block of the page ends: in a quote the text runs on (a quote
 * is one block in the content format), elsewhere the block is written. */
static void boundary(struct map *m)
{
	if (m->quote)
		m->space = m->open;
	else
		flush(m);
}

static void open_block(struct map *m)
{
	m->open = 1;
	m->space = 0;
	m->kind = m->quote ? K_QUOTE : m->heading ? K_H : m->list ? K_LI : K_P;
	buf_adds(&m->block, "");
}

/* Puts the span that text inside the current emphasis and link needs. */
static void want_span(struct map *m)
{
	int want = m->link ? 2 : m->em ? 1 : 0;
	if (want == m->span && (want != 2 || !strcmp(m->span_link, m->link))) {
		if (m->space)
			buf_addc(&m->block, ' ');
		m->space = 0;
		return;
	}
	close_span(m);
	/* the space between words belongs to neither: outside both spans */
	if (m->space)
		buf_addc(&m->block, ' ');
	m->space = 0;
	if (want == 1) {
		buf_adds(&m->block, "<em>");
	} else if (want == 2) {
		buf_printf(&m->block, "<link %s>", m->link);
		m->span_link = m->link;
	}
	m->span = want;
}

static void text(struct map *m, const char *s)
{
	while (s && *s) {
		if (text_is_space((unsigned char)*s)) {
			m->space = m->open;
			s++;
			continue;
		}
		size_t n = 0;
		while (s[n] && !text_is_space((unsigned char)s[n]))
			n++;
		if (!m->open)
			open_block(m);
		want_span(m);
		text_escape(&m->block, s, n, 0);
		s += n;
	}
}

static void walk(struct map *m, xmlNodePtr n, int depth);

/* The first element named `name` in n's subtree, at most `depth` deep. */
static xmlNodePtr find(xmlNodePtr n, const char *name, int depth)
{
	for (xmlNodePtr c = n->children; c && depth > 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, name))
			return c;
		xmlNodePtr f = find(c, name, depth - 1);
		if (f)
			return f;
	}
	return NULL;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	for (n = n->next; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if (n->type == XML_TEXT_NODE && n->content &&
		    n->content[strspn((const char *)n->content, " \t\n\f\r")])
			return NULL; /* text comes first */
	}
	return NULL;
}

/* The one element child of n, when n has no text of its own. */
static xmlNodePtr only_child(xmlNodePtr n)
{
	xmlNodePtr only = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content &&
		    c->content[strspn((const char *)c->content, " \t\n\f\r")])
			return NULL;
		if (c->type == XML_ELEMENT_NODE) {
			if (only)
				return NULL;
			only = c;
		}
	}
	return only;
}

/* The element the page shows as the quote's source: a <footer> in it, a
 * <cite> of its own (or the sole content of its last paragraph), the
 * caption of the figure it is in, or the line right after it when that
 * line is a <cite> or starts with a dash. */
static xmlNodePtr source_node(xmlNodePtr q)
{
	xmlNodePtr s = find(q, "footer", 8), last = NULL;
	if (s)
		return s;
	for (xmlNodePtr c = q->children; c; c = c->next) {
		if (named(c, "cite"))
			return c;
		if (c->type == XML_ELEMENT_NODE)
			last = c;
	}
	if (last && named(only_child(last), "cite"))
		return last;
	if (named(q->parent, "figure"))
		for (xmlNodePtr c = q->parent->children; c; c = c->next)
			if (named(c, "figcaption"))
				return c;
	xmlNodePtr next = next_element(q);
	if (!next || (!named(next, "p") && !named(next, "div") && !named(next, "cite")))
		return NULL;
	if (named(next, "cite") || named(only_child(next), "cite"))
		return next;
	char *t = text_folded(next, 8);
	int dash = t[0] && text_skip_dash(t) != t && text_skip_dash(t)[0];
	free(t);
	return dash ? next : NULL;
}

static void quote(struct map *m, xmlNodePtr q, int depth)
{
	if (m->quote) { /* a quote in a quote: the same block */
		walk(m, q, depth);
		return;
	}
	flush(m);
	xmlNodePtr s = source_node(q);
	if (s) {
		char *t = text_folded(s, MAP_MAX_DEPTH);
		const char *bare = text_skip_dash(t);
		if (bare[0])
			m->source = xstrdup(bare);
		free(t);
		s->_private = &consumed;
	}
	char *cite = prop(q, "cite");
	if (cite)
		map_report(m->report, "<blockquote cite=...>", "the page does not show it", cite);
	free(cite);
	m->quote++;
	walk(m, q, depth);
	flush(m);
	m->quote--;
	free(m->source);
	m->source = NULL;
}

static void link(struct map *m, xmlNodePtr a, int depth)
{
	char *href = prop(a, "href");
	if (!href) {
		walk(m, a, depth);
		return;
	}
	char *to = NULL, *attr = NULL;
	const char *why = NULL;
	enum links_kind k = links_resolve(m->in->links, href, &to, &why);
	if (k == LINKS_DROP) {
		char *words = text_folded(a, MAP_MAX_DEPTH);
		char *what = xasprintf("the link to %s, not its text", href);
		map_report(m->report, what, why, words);
		free(what);
		free(words);
	} else {
		struct buf b = {0};
		buf_adds(&b, k == LINKS_PAGE ? "page=\"" : "href=\"");
		text_escape(&b, to, strlen(to), 1);
		buf_addc(&b, '"');
		attr = buf_take(&b);
	}
	const char *outer = m->link;
	if (attr)
		m->link = attr;
	walk(m, a, depth);
	/* the open span may still point at attr: end it before freeing */
	if (m->span == 2 && m->span_link == attr)
		close_span(m);
	m->link = outer;
	free(attr);
	free(to);
	free(href);
}

static void element(struct map *m, xmlNodePtr c, int depth)
{
	switch (classify(c)) {
	case C_DROP:
		report_node(m, c, drop_reason(c));
		break;
	case C_HEADING:
		boundary(m);
		if (c != m->in->title_node) {
			m->heading++;
			walk(m, c, depth);
			boundary(m);
			m->heading--;
		}
		break;
	case C_LIST:
		boundary(m);
		if (m->list && !m->said_nested++)
			map_report(m->report, "the nesting of lists", "a list in a list becomes items of the list", NULL);
		m->list++;
		walk(m, c, depth);
		boundary(m);
		m->list--;
		if (!m->list && !m->quote)
			close_list(m);
		break;
	case C_QUOTE:
		quote(m, c, depth);
		break;
	case C_EM:
		m->em++;
		walk(m, c, depth);
		m->em--;
		break;
	case C_LINK:
		link(m, c, depth);
		break;
	case C_BR:
		/* a line break parts paragraphs (an address's lines); in a
		 * heading, an item or a quote it is a space */
		if (m->heading || m->list || m->quote)
			m->space = m->open;
		else
			flush(m);
		break;
	case C_IMG: {
		char *alt = prop(c, "alt");
		char *name = xasprintf("<%s>", (const char *)c->name);
		map_report(m->report, name, alt && alt[0] ? "its alt text" : NULL, alt);
		free(name);
		free(alt);
		break;
	}
	case C_INLINE:
		walk(m, c, depth);
		break;
	case C_ITEM:
	case C_BLOCK:
		if (named(c, "table") && !m->said_table++)
			map_report(m->report, "the table layout", "each cell is a paragraph", NULL);
		boundary(m);
		walk(m, c, depth);
		boundary(m);
		break;
	}
}

static void walk(struct map *m, xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children; c && !m->failed; c = c->next) {
		if (c->_private == &consumed)
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			text(m, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (depth >= MAP_MAX_DEPTH) {
				err_set(m->e, "%s:%ld: elements nested deeper than %d (the limit)",
					m->in->name, xmlGetLineNo(c), MAP_MAX_DEPTH);
				m->failed = 1;
				return;
			}
			element(m, c, depth + 1);
		}
	}
}

long map_page(const struct map_in *in, char **xml, struct buf *report, struct err *e)
{
	struct map m;
	memset(&m, 0, sizeof m);
	m.in = in;
	m.report = report;
	m.e = e;
	buf_adds(&m.block, "");
	buf_adds(&m.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<page id=\"");
	text_escape(&m.out, in->id, strlen(in->id), 1);
	buf_adds(&m.out, "\">\n");
	walk(&m, in->main, 0);
	flush(&m);
	close_list(&m);
	buf_adds(&m.out, "</page>\n");
	buf_free(&m.block);
	free(m.source);
	if (m.failed) {
		buf_free(&m.out);
		return -1;
	}
	*xml = buf_take(&m.out);
	return m.nblocks;
}
