/* text.c - see text.h. */
#include "config.h"

#include "text.h"

#include <string.h>

int text_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void text_escape(struct buf *b, const char *s, size_t n, int attr)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		default: break;
		}
		if (!rep)
			continue;
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

static int is_unread(xmlNodePtr n)
{
	static const char *const names[] = {"script", "style", "template", "noscript"};
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

/* Elements that run on in a line of text; every other one parts words
 * ("<h3>Related</h3><p>News</p>" is "Related News"). */
static int runs_on(xmlNodePtr n)
{
	static const char *const names[] = {"a", "em", "strong", "b", "i", "span", "small",
					    "abbr", "cite", "code", "q", "sub", "sup", "mark",
					    "time", "bdi", "bdo", "u", "s", "font", NULL};
	for (const char *const *p = names; *p; p++)
		if (strcmp((const char *)n->name, *p) == 0)
			return 1;
	return 0;
}

static void fold_into(struct buf *b, xmlNodePtr n, int depth, int *space)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const char *s = (const char *)c->content; s && *s; s++) {
				if (text_is_space((unsigned char)*s)) {
					*space = b->len > 0;
				} else {
					if (*space)
						buf_addc(b, ' ');
					*space = 0;
					buf_addc(b, *s);
				}
			}
		} else if (c->type == XML_ELEMENT_NODE && depth > 0 && !is_unread(c)) {
			if (!runs_on(c))
				*space = b->len > 0;
			fold_into(b, c, depth - 1, space);
			if (!runs_on(c))
				*space = b->len > 0;
		}
	}
}

char *text_folded(xmlNodePtr n, int depth)
{
	struct buf b = {0};
	int space = 0;
	buf_adds(&b, "");
	fold_into(&b, n, depth, &space);
	return buf_take(&b);
}

/* The length of the bidi or C1 control at s (UTF-8), else 0. */
static size_t invisible_control(const unsigned char *s)
{
	if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
		return 2;
	if (s[0] == 0xD8 && s[1] == 0x9C) /* U+061C ALM */
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x8E && s[2] <= 0x8F) ||
					     (s[2] >= 0xAA && s[2] <= 0xAE)))
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
		return 3;
	return 0;
}

char *text_words(const char *s, int words)
{
	struct buf b = {0};
	int n = 0;
	buf_adds(&b, "");
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == ' ') {
			if (++n >= words) {
				buf_adds(&b, "...");
				break;
			}
			buf_addc(&b, ' ');
			p++;
			continue;
		}
		size_t k = invisible_control(p);
		if (k || *p < 0x20 || *p == 0x7F) {
			buf_addc(&b, '?');
			p += k ? k : 1;
			continue;
		}
		buf_addc(&b, (char)*p++);
	}
	return buf_take(&b);
}

const char *text_skip_dash(const char *s)
{
	static const char *const dashes[] = {"\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x95",
					     "\xE2\x80\x92", "-", " "};
	for (;;) {
		size_t i;
		for (i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
			size_t k = strlen(dashes[i]);
			if (strncmp(s, dashes[i], k) == 0) {
				s += k;
				break;
			}
		}
		if (i == sizeof dashes / sizeof dashes[0])
			return s;
	}
}
