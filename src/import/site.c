/* site.c - see site.h.
 *
 * The index is read by a small scanner that knows where each tag starts
 * and ends (comments, processing instructions and CDATA skipped, quoted
 * attribute values respected), not by a parser that would write the
 * whole file back in its own way. The loader validates the result. */
#include "config.h"

#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* One start tag: where it is, the element's end, its depth. */
struct tag {
	size_t start, end;  /* the start tag: [start, end) */
	size_t close;       /* the end of the whole element */
	int depth;          /* 0: the root */
	char name[16];
	size_t parent;      /* index of the enclosing tag, (size_t)-1 for the root */
};

struct scan {
	struct tag *tags;
	size_t n, cap;
};

static const char *skip_to(const char *p, const char *end)
{
	const char *q = strstr(p, end);
	return q ? q + strlen(end) : p + strlen(p);
}

/* The end of the tag that starts at p ('<'), quoted values respected. */
static const char *tag_end(const char *p)
{
	char quote = 0;
	for (; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return p;
}

static void scan_text(const char *text, struct scan *s)
{
	size_t stack[512];
	int depth = 0;
	memset(s, 0, sizeof *s);
	for (const char *p = strchr(text, '<'); p; p = strchr(p, '<')) {
		if (!strncmp(p, "<!--", 4)) {
			p = skip_to(p + 4, "-->");
		} else if (!strncmp(p, "<![CDATA[", 9)) {
			p = skip_to(p + 9, "]]>");
		} else if (p[1] == '?' || p[1] == '!') {
			p = tag_end(p);
		} else if (p[1] == '/') {
			p = tag_end(p);
			if (depth > 0)
				s->tags[stack[--depth]].close = (size_t)(p - text);
		} else {
			const char *e = tag_end(p);
			s->tags = xgrow(s->tags, &s->cap, s->n + 1, sizeof *s->tags);
			struct tag *t = &s->tags[s->n];
			memset(t, 0, sizeof *t);
			t->start = (size_t)(p - text);
			t->end = (size_t)(e - text);
			t->depth = depth;
			t->parent = depth ? stack[depth - 1] : (size_t)-1;
			size_t k = strcspn(p + 1, " \t\r\n/>");
			memcpy(t->name, p + 1, k < sizeof t->name ? k : sizeof t->name - 1);
			if (e - p >= 2 && e[-2] == '/')
				t->close = t->end;
			else if (depth < (int)(sizeof stack / sizeof stack[0]))
				stack[depth++] = s->n;
			s->n++;
			p = e;
		}
	}
}

/* The raw value of attribute `name` in tag t ([*vs, *ve) in text), or
 * 0 when absent; *as is where the attribute starts. */
static int attr_span(const char *text, const struct tag *t, const char *name, size_t *as,
		     size_t *vs, size_t *ve)
{
	size_t k = strlen(name);
	const char *p = text + t->start + 1 + strlen(t->name), *end = text + t->end;
	while (p < end) {
		while (p < end && text_is_space((unsigned char)*p))
			p++;
		const char *n = p;
		while (p < end && *p != '=' && !text_is_space((unsigned char)*p) && *p != '>' &&
		       *p != '/')
			p++;
		if (p == n)
			return 0;
		size_t nlen = (size_t)(p - n);
		while (p < end && (text_is_space((unsigned char)*p) || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return 0;
		const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
		if (!q)
			return 0;
		if (nlen == k && !strncmp(n, name, k)) {
			*as = (size_t)(n - text);
			*vs = (size_t)(p + 1 - text);
			*ve = (size_t)(q - text);
			return 1;
		}
		p = q + 1;
	}
	return 0;
}

static int attr_is(const char *text, const struct tag *t, const char *name, const char *v)
{
	size_t as, vs, ve;
	return attr_span(text, t, name, &as, &vs, &ve) && ve - vs == strlen(v) &&
	       !strncmp(text + vs, v, ve - vs);
}

/* The page entry (a <page> right in <site>) for id, or NULL. */
static const struct tag *find_page(const char *text, const struct scan *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->tags[i].depth == 1 && !strcmp(s->tags[i].name, "page") &&
		    attr_is(text, &s->tags[i], "id", id))
			return &s->tags[i];
	return NULL;
}

/* The white space that starts the line tag t is on. */
static char *indent_of(const char *text, const struct tag *t)
{
	size_t b = t->start;
	while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
		b--;
	return xstrndup(text + b, t->start - b);
}

static void splice(char **text, size_t at, size_t remove, const char *insert)
{
	struct buf b = {0};
	buf_add(&b, *text, at);
	buf_adds(&b, insert);
	buf_adds(&b, *text + at + remove);
	free(*text);
	*text = buf_take(&b);
}

/* name="value", escaped: a new string. */
static char *attr_text(const char *name, const char *value)
{
	struct buf b = {0};
	buf_printf(&b, "%s=\"", name);
	text_escape(&b, value, strlen(value), 1);
	buf_addc(&b, '"');
	return buf_take(&b);
}

char *site_new_text(const char *title, const char *lang, const char *menu)
{
	struct buf b = {0};
	char *t = attr_text("title", title), *m = attr_text("id", menu);
	char *l = lang ? attr_text(" lang", lang) : xstrdup("");
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<site %s%s>\n"
		       "  <menu %s title=\"Home\">\n  </menu>\n</site>\n", t, l, m);
	free(t);
	free(l);
	free(m);
	return buf_take(&b);
}

char *site_page_file(const char *text, const char *id)
{
	struct scan s;
	scan_text(text, &s);
	const struct tag *t = find_page(text, &s, id);
	size_t as, vs, ve;
	char *f = t && attr_span(text, t, "file", &as, &vs, &ve) ? xstrndup(text + vs, ve - vs)
								   : NULL;
	free(s.tags);
	return f;
}

static void put_page(char **text, const struct scan *s, const char *id, const char *file,
		     const char *title)
{
	const struct tag *t = find_page(*text, s, id);
	char *want = attr_text("title", title);
	size_t as, vs, ve;
	if (t && attr_span(*text, t, "title", &as, &vs, &ve)) {
		if (ve + 1 - as != strlen(want) || strncmp(*text + as, want, ve + 1 - as))
			splice(text, as, ve + 1 - as, want);
		free(want);
		return;
	}
	/* after the last page entry, else before </site> */
	const struct tag *last = NULL, *root = s->n ? &s->tags[0] : NULL;
	for (size_t i = 0; i < s->n; i++)
		if (s->tags[i].depth == 1 && !strcmp(s->tags[i].name, "page"))
			last = &s->tags[i];
	char *ind = last ? indent_of(*text, last) : xstrdup("  ");
	char *idattr = attr_text("id", id), *fattr = attr_text("file", file);
	char *line = xasprintf("%s%s<page %s %s %s/>", last ? "\n" : "", ind, idattr, fattr, want);
	if (last) {
		splice(text, last->close, 0, line);
	} else if (root) {
		/* before the line of </site> */
		size_t at = root->close;
		while (at > 0 && (*text)[at - 1] != '<')
			at--;
		at = at ? at - 1 : 0;
		char *l2 = xasprintf("%s\n", line);
		splice(text, at, 0, l2);
		free(l2);
	}
	free(line);
	free(idattr);
	free(fattr);
	free(ind);
	free(want);
}

static int put_item(char **text, const struct scan *s, const char *id, const char *menu,
		    struct err *e)
{
	size_t mi = (size_t)-1;
	for (size_t i = 0; i < s->n && mi == (size_t)-1; i++)
		if (!strcmp(s->tags[i].name, "menu") && attr_is(*text, &s->tags[i], "id", menu))
			mi = i;
	if (mi == (size_t)-1) {
		err_set(e, "site.xml has no menu '%s'", menu);
		return -1;
	}
	const struct tag *last = NULL;
	for (size_t i = mi + 1; i < s->n; i++) {
		const struct tag *c = &s->tags[i];
		if (c->parent != mi)
			continue;
		if (!strcmp(c->name, "item") && attr_is(*text, c, "page", id))
			return 0; /* there already */
		if (strcmp(c->name, "translation") != 0)
			last = c;
	}
	const struct tag *m = &s->tags[mi];
	char *pattr = attr_text("page", id);
	if (last) {
		char *ind = indent_of(*text, last);
		char *line = xasprintf("\n%s<item %s/>", ind, pattr);
		splice(text, last->close, 0, line);
		free(line);
		free(ind);
	} else {
		/* an empty menu (a new index): before its end tag's line */
		char *ind = indent_of(*text, m);
		size_t at = m->close;
		while (at > 0 && (*text)[at - 1] != '<')
			at--;
		at = at ? at - 1 : 0;
		while (at > 0 && ((*text)[at - 1] == ' ' || (*text)[at - 1] == '\t'))
			at--;
		char *line = xasprintf("%s  <item %s/>\n", ind, pattr);
		splice(text, at, 0, line);
		free(line);
		free(ind);
	}
	free(pattr);
	return 0;
}

int site_put(char **text, const char *id, const char *file, const char *title,
	     const char *menu, struct err *e)
{
	struct scan s;
	scan_text(*text, &s);
	put_page(text, &s, id, file, title);
	free(s.tags);
	if (!menu)
		return 0;
	scan_text(*text, &s);
	int r = put_item(text, &s, id, menu, e);
	free(s.tags);
	return r;
}
