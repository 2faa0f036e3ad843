/* unit_layout.c - wrapping at 20, 40, 80 and 200 columns; wide, combining
 * and control characters; links; the reading position across widths. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "layout.h"
#include "model.h"
#include "utf8.h"
#include "util.h"

static const int widths[] = {20, 40, 80, 200};
#define NWIDTHS (sizeof widths / sizeof widths[0])

#define FFFD "\xEF\xBF\xBD"
#define CJK "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" /* 日本語, 6 columns */
#define E_ACUTE "e\xCC\x81"                         /* e + U+0301 */

/* --- building pages in memory --- */

static struct block *add_block(struct page *p, enum block_kind kind, int group, const char *extra)
{
	p->blocks = xrealloc(p->blocks, (p->nblocks + 1) * sizeof *p->blocks);
	struct block *b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->group = group;
	b->extra = extra ? xstrdup(extra) : NULL;
	p->loaded = 1;
	return b;
}

static void add_span(struct block *b, enum span_kind kind, const char *text, const char *page,
		     const char *href)
{
	b->spans = xrealloc(b->spans, (b->nspans + 1) * sizeof *b->spans);
	struct span *sp = &b->spans[b->nspans++];
	sp->kind = kind;
	sp->text = xstrdup(text);
	sp->page = page ? xstrdup(page) : NULL;
	sp->href = href ? xstrdup(href) : NULL;
}

static struct page *para_page(const char *text)
{
	struct page *p = page_new(PAGE_TEXT, "t", "Test page");
	add_span(add_block(p, BLOCK_PARA, 0, NULL), SPAN_TEXT, text, NULL, NULL);
	return p;
}

/* A page with a bit of everything. */
static struct page *rich_page(void)
{
	struct page *p = page_new(PAGE_TEXT, "rich", "A title that is long enough to wrap at twenty");
	struct block *b = add_block(p, BLOCK_HEADING, 0, NULL);
	add_span(b, SPAN_TEXT, "A heading", NULL, NULL);
	b = add_block(p, BLOCK_PARA, 0, NULL);
	add_span(b, SPAN_TEXT, "Plain words and " CJK CJK " wide " CJK " and caf" E_ACUTE " "
		 "na" "\xC3\xAF" "ve with a ", NULL, NULL);
	add_span(b, SPAN_LINK, "link to the other page", "other", NULL);
	add_span(b, SPAN_TEXT, ", some ", NULL, NULL);
	add_span(b, SPAN_EM, "emphasis", NULL, NULL);
	add_span(b, SPAN_TEXT, " and an ", NULL, NULL);
	add_span(b, SPAN_LINK, "external site", NULL, "https://www.iom.int/");
	add_span(b, SPAN_TEXT, ".", NULL, NULL);
	b = add_block(p, BLOCK_ITEM, 1, NULL);
	add_span(b, SPAN_TEXT, "a list item that goes on for long enough to need two or three lines", NULL, NULL);
	b = add_block(p, BLOCK_ITEM, 1, NULL);
	add_span(b, SPAN_TEXT, CJK CJK CJK CJK CJK CJK CJK CJK CJK, NULL, NULL);
	b = add_block(p, BLOCK_QUOTE, 0, "Article 1.1(e), Constitution of the International Organization of Migration");
	add_span(b, SPAN_TEXT, "to provide a forum to States as well as international and other "
		 "organizations for the exchange of views", NULL, NULL);
	b = add_block(p, BLOCK_FIGURE, 2, "More than 9,000");
	add_span(b, SPAN_TEXT, "staff in field locations all over the world", NULL, NULL);
	b = add_block(p, BLOCK_FIGURE, 2, "165");
	add_span(b, SPAN_TEXT, "Member States", NULL, NULL);
	return p;
}

/* --- checks on every line --- */

static int wc_width(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		fail_msg("line is not valid UTF-8: '%s'", s);
	wchar_t *w = xmalloc((n + 1) * sizeof *w);
	mbstowcs(w, s, n + 1);
	int cols = wcswidth(w, n);
	free(w);
	return cols;
}

/* Every line: valid UTF-8 with no control character, no wider than the
 * layout by utf8_strwidth and by the C library's wcswidth. */
static void check_lines(const struct layout *l)
{
	for (size_t i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];
		assert_non_null(ln->text);
		assert_int_equal(strlen(ln->text), ln->len);
		int w = utf8_strwidth(ln->text, ln->len);
		assert_int_equal(w, ln->width);
		if (w > l->width)
			fail_msg("line %zu is %d columns at width %d: '%s'", i, w, l->width, ln->text);
		int ww = wc_width(ln->text);
		if (ww < 0 || ww > l->width)
			fail_msg("line %zu: wcswidth %d at width %d: '%s'", i, ww, l->width, ln->text);
		for (size_t k = 0; k < ln->len;) {
			uint32_t cp;
			size_t n = utf8_decode(ln->text + k, ln->len - k, &cp);
			if (cp == UTF8_REPLACEMENT && n == 1)
				fail_msg("line %zu: invalid UTF-8 at byte %zu: '%s'", i, k, ln->text);
			if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
				fail_msg("line %zu: control U+%04X in '%s'", i, (unsigned)cp, ln->text);
			k += n;
		}
		if (l->flags & LAYOUT_ASCII)
			for (size_t k = 0; k < ln->len; k++)
				if (ln->text[k] < 0x20 || ln->text[k] > 0x7E)
					fail_msg("ASCII mode: byte 0x%02x in '%s'",
						 (unsigned char)ln->text[k], ln->text);
		/* runs stay inside the line */
		for (size_t r = 0; r < ln->nruns; r++)
			assert_true(ln->runs[r].off + ln->runs[r].len <= ln->len);
	}
}

/* All line texts of block `block`, joined without the prefixes. */
static char *block_text(const struct layout *l, int block, size_t prefix)
{
	struct buf b = {0};
	for (size_t i = 0; i < l->nlines; i++)
		if (l->lines[i].block == block) {
			assert_true(l->lines[i].len >= prefix);
			buf_adds(&b, l->lines[i].text + prefix);
		}
	return buf_take(&b);
}

/* P laid out at WIDTH with FLAGS, every line checked (check_lines). */
static struct layout *checked_layout(const struct page *p, int width, int flags)
{
	struct layout *l = layout_page(p, width, flags);
	assert_non_null(l);
	check_lines(l);
	return l;
}

/* The lines of the first block, joined, are WANT: nothing lost or added. */
static void assert_joined(const struct layout *l, const char *want)
{
	char *joined = block_text(l, 0, 0);
	assert_string_equal(joined, want);
	free(joined);
}

static int find_line(const struct layout *l, const char *needle)
{
	for (size_t i = 0; i < l->nlines; i++)
		if (strstr(l->lines[i].text, needle))
			return (int)i;
	return -1;
}

static void test_widths(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (size_t w = 0; w < NWIDTHS; w++) {
		for (int ascii = 0; ascii < 2; ascii++) {
			struct layout *l = layout_page(p, widths[w], ascii ? LAYOUT_ASCII : 0);
			assert_int_equal(l->width, widths[w]);
			check_lines(l);
			assert_true(find_line(l, "A heading") >= 0);
			layout_free(l);
		}
	}
	page_free(p);
}

static void test_width_clamped(void **state)
{
	(void)state;
	struct page *p = rich_page();
	struct layout *l = layout_page(p, 5, 0);
	assert_int_equal(l->width, LAYOUT_MIN_WIDTH);
	check_lines(l);
	layout_free(l);
	l = layout_page(p, 100000, 0);
	assert_int_equal(l->width, LAYOUT_MAX_WIDTH);
	layout_free(l);
	page_free(p);
}

/* Wide characters: a run of 60 CJK characters (120 columns) with no space
 * is broken between characters, never inside one, and nothing is lost. */
static void test_wide_never_split(void **state)
{
	(void)state;
	struct buf s = {0};
	for (int i = 0; i < 20; i++)
		buf_adds(&s, CJK);
	struct page *p = para_page(s.s);
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		assert_joined(l, s.s);
		for (size_t i = 0; i < l->nlines; i++)
			if (l->lines[i].block == 0)
				assert_true(l->lines[i].width <= widths[w] &&
					    l->lines[i].width % 2 == 0);
		layout_free(l);
	}
	/* odd width: 21 columns hold 10 wide characters, never 10.5 */
	struct layout *l = checked_layout(p, 21, 0);
	assert_int_equal(l->lines[find_line(l, "\xE6\x97\xA5")].width, 20);
	layout_free(l);
	page_free(p);
	buf_free(&s);
}

/* Combining characters stay with their base: no line starts with one. */
static void test_combining_stay(void **state)
{
	(void)state;
	struct buf s = {0};
	for (int i = 0; i < 150; i++)
		buf_adds(&s, E_ACUTE);
	struct page *p = para_page(s.s);
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		assert_joined(l, s.s);
		for (size_t i = 0; i < l->nlines; i++)
			if (l->lines[i].block == 0) {
				assert_int_equal(l->lines[i].text[0], 'e');
				assert_int_equal(l->lines[i].width,
						 i + 1 < l->nlines && l->lines[i + 1].block == 0
							 ? widths[w] : 150 % widths[w]);
			}
		layout_free(l);
	}
	page_free(p);
	buf_free(&s);
}

static void test_marks_bounded(void **state)
{
	(void)state;
	struct page *p = para_page("x\xCC\x81\xCC\x82\xCC\x83\xCC\x84\xCC\x85\xCC\x86 y");
	struct layout *l = checked_layout(p, 40, 0);
	int i = find_line(l, "x");
	assert_true(i >= 0);
	/* x and LAYOUT_MAX_MARKS marks of two bytes each */
	assert_string_equal(l->lines[i].text, "x\xCC\x81\xCC\x82\xCC\x83 y");
	layout_free(l);
	page_free(p);
}

/* A 300-character word is broken into full lines. */
static void test_long_word(void **state)
{
	(void)state;
	char word[301];
	for (int i = 0; i < 300; i++)
		word[i] = (char)('a' + i % 26);
	word[300] = '\0';
	char *text = xasprintf("short %s end", word);
	struct page *p = para_page(text);
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		/* nothing lost: the lines joined, spaces aside, are the text */
		char *joined = block_text(l, 0, 0);
		char *want = xasprintf("short%send", word);
		size_t k = 0;
		for (char *c = joined; *c; c++)
			if (*c != ' ')
				joined[k++] = *c;
		joined[k] = '\0';
		assert_string_equal(joined, want);
		free(want);
		free(joined);
		/* the word takes whole lines until it ends */
		int first = find_line(l, "abcdef");
		assert_true(first >= 0);
		if (widths[w] < 300)
			assert_int_equal(l->lines[first].width, widths[w]);
		layout_free(l);
	}
	free(text);
	page_free(p);
}

/* Hanging indents: an item's and a figure's continuation lines line up
 * under the text, not under the bullet. */
static void test_hanging_indent(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (size_t w = 0; w < 2; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		int item = find_line(l, "\xE2\x80\xA2 a list item");
		assert_true(item >= 0);
		assert_true(l->lines[item + 1].block == l->lines[item].block);
		assert_memory_equal(l->lines[item + 1].text, "  ", 2);
		assert_true(l->lines[item + 1].text[2] != ' ');
		int fig = find_line(l, "\xE2\x80\xA2 More than 9,000");
		assert_true(fig >= 0);
		assert_memory_equal(l->lines[fig + 1].text, "  ", 2);
		assert_true(l->lines[fig + 1].text[2] != ' ');
		/* list items and figures of one group have no blank line between */
		int fig2 = find_line(l, "\xE2\x80\xA2 165 Member States");
		assert_true(fig2 > fig);
		assert_true(l->lines[fig2 - 1].len > 0);
		layout_free(l);
	}
	struct layout *l = checked_layout(p, 40, LAYOUT_ASCII);
	int item = find_line(l, "* a list item");
	assert_true(item >= 0);
	assert_memory_equal(l->lines[item + 1].text, "  ", 2);
	layout_free(l);
	page_free(p);
}

/* Quotations: in quotation marks, indented, followed by their source. */
static void test_quote_and_source(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		const char *indent = widths[w] >= 40 ? "    " : "  ";
		int open = find_line(l, "\xE2\x80\x9Cto provide");
		int close = find_line(l, "views\xE2\x80\x9D");
		int src = find_line(l, "\xE2\x80\x94 Article 1.1(e)");
		assert_true(open >= 0 && close >= open && src == close + 1);
		for (int i = open; i <= src; i++) {
			assert_memory_equal(l->lines[i].text, indent, strlen(indent));
			assert_true(l->lines[i].text[strlen(indent)] != ' ');
		}
		int last = find_line(l, "Migration");
		assert_true(last >= src);
		layout_free(l);
	}
	struct layout *l = layout_page(p, 80, LAYOUT_ASCII);
	assert_true(find_line(l, "\"to provide") >= 0);
	assert_true(find_line(l, "-- Article 1.1(e)") >= 0);
	layout_free(l);
	page_free(p);
}

/* Link markers and positions: "[n]" after the text; line and column of
 * the link's first character; runs carry the link. */
static void test_links(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		assert_int_equal(l->nlinks, 2);
		assert_int_equal(l->links[0].number, 1);
		assert_string_equal(l->links[0].page, "other");
		assert_null(l->links[0].href);
		assert_string_equal(l->links[0].text, "link to the other page");
		assert_int_equal(l->links[1].number, 2);
		assert_string_equal(l->links[1].href, "https://www.iom.int/");
		assert_string_equal(l->links[1].text, "external site");
		assert_true(find_line(l, "page[1]") >= 0);
		assert_true(find_line(l, "site[2]") >= 0);
		const char *first[] = {"link", "external"};
		for (size_t k = 0; k < 2; k++) {
			const struct link *lk = &l->links[k];
			assert_true(lk->line < l->nlines);
			const struct line *ln = &l->lines[lk->line];
			/* the byte at column lk->col */
			size_t off = 0;
			while (off < ln->len && utf8_strwidth(ln->text, off) < lk->col)
				off++;
			assert_int_equal(utf8_strwidth(ln->text, off), lk->col);
			if (strncmp(ln->text + off, first[k], strlen(first[k])) != 0)
				fail_msg("width %d: link %zu at %zu:%d is '%s'", widths[w], k,
					 lk->line, lk->col, ln->text + off);
			int found = 0;
			for (size_t r = 0; r < ln->nruns; r++)
				if (ln->runs[r].off == off && ln->runs[r].link == (int)k &&
				    (ln->runs[r].attr & LA_LINK))
					found = 1;
			assert_true(found);
		}
		layout_free(l);
	}
	page_free(p);
}

/* Each byte of a line gets the attribute and link of the span it came
 * from, and the runs cover the line in order: a link's trailing space is
 * dropped before its marker, which keeps the link but not the underline. */
static void test_runs(void **state)
{
	(void)state;
	struct page *p = page_new(PAGE_TEXT, "r", "Runs");
	struct block *b = add_block(p, BLOCK_PARA, 0, NULL);
	add_span(b, SPAN_TEXT, "plain ", NULL, NULL);
	add_span(b, SPAN_EM, "stress ", NULL, NULL);
	add_span(b, SPAN_LINK, "go  ", "other", NULL);
	add_span(b, SPAN_TEXT, " tail  ", NULL, NULL);
	struct layout *l = checked_layout(p, 200, 0);
	int li = find_line(l, "plain stress go[1] tail");
	assert_true(li >= 0);
	const struct line *ln = &l->lines[li];
	const char *t = strstr(ln->text, "plain");
	size_t at = (size_t)(t - ln->text);
	static const struct { const char *text; unsigned attr; int link; } want[] = {
		{"plain ", 0, -1},
		{"stress ", LA_EM, -1},
		{"go", LA_LINK | LA_UNDERLINE, 0},
		{"[1]", LA_LINK, 0},
		{" tail", 0, -1},
	};
	size_t r = 0, end = 0;
	while (r < ln->nruns && ln->runs[r].off + ln->runs[r].len <= at)
		end = ln->runs[r].off + ln->runs[r].len, r++;
	assert_int_equal(end, at);
	for (size_t k = 0; k < sizeof want / sizeof *want; k++, r++) {
		assert_true(r < ln->nruns);
		const struct lrun *u = &ln->runs[r];
		if (u->off != at || u->len != strlen(want[k].text) ||
		    strncmp(ln->text + u->off, want[k].text, u->len) != 0 ||
		    (u->attr & (LA_EM | LA_LINK | LA_UNDERLINE)) != want[k].attr ||
		    u->link != want[k].link)
			fail_msg("run %zu: '%.*s' at %zu, attr %u, link %d; want '%s'", k,
				 (int)u->len, ln->text + u->off, u->off, u->attr, u->link,
				 want[k].text);
		at += u->len;
	}
	assert_int_equal(at, ln->len);
	layout_free(l);
	page_free(p);
}

/* The reading position: a line's (block, boff) found again at every other
 * width shows the same text. */
static void test_find_across_widths(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (int i = 0; i < 20; i++) {
		char *t = xasprintf("Paragraph %d has a number of words in it so that it wraps "
				    "onto several lines at the narrow widths, and then some.", i);
		add_span(add_block(p, BLOCK_PARA, 0, NULL), SPAN_TEXT, t, NULL, NULL);
		free(t);
	}
	for (size_t a = 0; a < NWIDTHS; a++) {
		struct layout *la = layout_page(p, widths[a], 0);
		for (size_t i = 0; i < la->nlines; i++) {
			const struct line *ln = &la->lines[i];
			if (ln->block < 0)
				continue;
			if (layout_find(la, ln->block, ln->boff) != i)
				fail_msg("width %d: line %zu '%s' (block %d boff %zu) found as line %zu '%s'",
					 widths[a], i, ln->text, ln->block, ln->boff,
					 layout_find(la, ln->block, ln->boff),
					 la->lines[layout_find(la, ln->block, ln->boff)].text);
			for (size_t b = 0; b < NWIDTHS; b++) {
				struct layout *lb = layout_page(p, widths[b], 0);
				size_t j = layout_find(lb, ln->block, ln->boff);
				const struct line *m = &lb->lines[j];
				assert_int_equal(m->block, ln->block);
				if (m->boff > ln->boff)
					fail_msg("%d->%d: line '%s' boff %zu found '%s' boff %zu",
						 widths[a], widths[b], ln->text, ln->boff, m->text, m->boff);
				/* and it is the last such line: the next line of the
				 * block starts after the position */
				if (j + 1 < lb->nlines && lb->lines[j + 1].block == ln->block &&
				    lb->lines[j + 1].boff <= ln->boff)
					fail_msg("%d->%d: '%s' (boff %zu) found '%s', but '%s' is closer",
						 widths[a], widths[b], ln->text, ln->boff, m->text,
						 lb->lines[j + 1].text);
				layout_free(lb);
			}
		}
		layout_free(la);
	}
	page_free(p);
}

/* --- control characters --- */

static void test_cr_overwrite(void **state)
{
	(void)state;
	struct page *p = para_page("Call +1-555-0100\rFAKE 999");
	for (size_t w = 0; w < NWIDTHS; w++) {
		struct layout *l = checked_layout(p, widths[w], 0);
		char *joined = block_text(l, 0, 0);
		if (widths[w] >= 40)
			assert_string_equal(joined, "Call +1-555-0100" FFFD "FAKE 999");
		assert_null(strstr(joined, "FAKE 999555-0100"));
		assert_non_null(strstr(joined, "+1-555-0100" FFFD "FAKE"));
		free(joined);
		layout_free(l);
	}
	struct layout *l = checked_layout(p, 80, LAYOUT_ASCII);
	assert_true(find_line(l, "Call +1-555-0100?FAKE 999") >= 0);
	layout_free(l);
	page_free(p);
}

static void test_controls_neutralised(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"a\bb", "a" FFFD "b"},
		{"a\x1b[31mb", "a" FFFD "[31mb"},
		{"a\xC2\x9B" "31mb", "a" FFFD "31mb"},      /* C1 CSI */
		{"a\xC2\x85" "b", "a" FFFD "b"},            /* C1 NEL */
		{"a\x7F" "b", "a" FFFD "b"},                /* DEL */
		{"a\x01\x07" "b", "a" FFFD FFFD "b"},
		{"a\xE2\x80\xAE" "b", "a" FFFD "b"},        /* U+202E RLO */
		{"a\xE2\x80\xAA" "b", "a" FFFD "b"},        /* U+202A LRE */
		{"a\xE2\x81\xA6" "b\xE2\x81\xA9", "a" FFFD "b" FFFD}, /* U+2066, U+2069 */
		{"a\xFF" "b", "a" FFFD "b"},                /* not UTF-8 */
		{"a\tb\n c", "a b c"},                      /* white space folds */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct page *p = para_page(cases[i].in);
		for (size_t w = 0; w < NWIDTHS; w++) {
			struct layout *l = checked_layout(p, widths[w], 0);
			char *joined = block_text(l, 0, 0);
			if (strcmp(joined, cases[i].out) != 0)
				fail_msg("case %zu at %d: got '%s'", i, widths[w], joined);
			free(joined);
			layout_free(l);
			l = checked_layout(p, widths[w], LAYOUT_ASCII);
			layout_free(l);
		}
		page_free(p);
	}
}

/* Controls everywhere content reaches the screen: titles, link text,
 * quote sources, figure values, menu entries and labels. */
static void test_controls_everywhere(void **state)
{
	(void)state;
	const char *bad = "x\r\b\x1b\xC2\x9B\xE2\x80\xAE\xE2\x81\xA6y";
	struct page *p = page_new(PAGE_TEXT, "t", bad);
	struct block *b = add_block(p, BLOCK_HEADING, 0, NULL);
	add_span(b, SPAN_TEXT, bad, NULL, NULL);
	b = add_block(p, BLOCK_PARA, 0, NULL);
	add_span(b, SPAN_LINK, bad, "t", NULL);
	add_span(b, SPAN_EM, bad, NULL, NULL);
	b = add_block(p, BLOCK_QUOTE, 0, bad);
	add_span(b, SPAN_TEXT, bad, NULL, NULL);
	b = add_block(p, BLOCK_FIGURE, 1, bad);
	add_span(b, SPAN_TEXT, bad, NULL, NULL);
	b = add_block(p, BLOCK_ITEM, 2, NULL);
	add_span(b, SPAN_TEXT, bad, NULL, NULL);
	for (size_t w = 0; w < NWIDTHS; w++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct layout *l = checked_layout(p, widths[w], ascii ? LAYOUT_ASCII : 0);
			for (size_t i = 0; i < l->nlinks; i++)
				for (const char *c = l->links[i].text; *c; c++)
					assert_true((unsigned char)*c >= 0x20 && *c != 0x7F);
			layout_free(l);
		}

	struct page *m = page_new(PAGE_MENU, "home", bad);
	struct page *sub = page_new(PAGE_MENU, "sub", bad);
	m->entries = xcalloc(3, sizeof *m->entries);
	m->nentries = 3;
	m->entries[0].kind = ENTRY_PAGE;
	m->entries[0].page = p;
	m->entries[1].kind = ENTRY_LABEL;
	m->entries[1].label = xstrdup(bad);
	m->entries[2].kind = ENTRY_PAGE;
	m->entries[2].page = sub;
	for (size_t w = 0; w < NWIDTHS; w++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct layout *l = checked_layout(m, widths[w], ascii ? LAYOUT_ASCII : 0);
			assert_int_equal(l->nlinks, 2);
			assert_string_equal(l->links[1].page, "sub");
			if (!ascii)
				assert_true(find_line(l, "\xE2\x80\xBA") >= 0); /* submenu mark */
			else
				assert_true(find_line(l, " >") >= 0);
			layout_free(l);
		}
	page_free(m);
	page_free(sub);
	page_free(p);
}

/* layout_sanitize on its own: the space carry and the placeholder. */
static void test_sanitize(void **state)
{
	(void)state;
	struct buf out = {0};
	int space = 1;
	const char *s = "  lead\r and  trail  ";
	layout_sanitize(s, strlen(s), 0, &space, &out);
	assert_string_equal(out.s, "lead" FFFD " and trail ");
	assert_int_equal(space, 1);
	buf_free(&out);
	space = 1;
	s = "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x94 " CJK;
	layout_sanitize(s, strlen(s), LAYOUT_ASCII, &space, &out);
	for (size_t i = 0; i < out.len; i++)
		assert_true(out.s[i] >= 0x20 && out.s[i] < 0x7F);
	assert_memory_equal(out.s, "cafe \"q\" - ", 11);
	buf_free(&out);
	/* letters that are two in ASCII are spelt so, as search folds them;
	 * Latin Extended-A loses its accents, keeps its case */
	space = 1;
	s = "Stra\xC3\x9F" "e \xC3\x86sir \xC3\xBEorn \xC5\x92uvre \xC5\x81\xC3\xB3" "d\xC5\xBA "
	    "\xC5\x9E" "eker \xC4\xB3s \xC4\x9E\xC5\xBF";
	layout_sanitize(s, strlen(s), LAYOUT_ASCII, &space, &out);
	assert_string_equal(out.s, "Strasse AEsir thorn OEuvre Lodz Seker ijs Gs");
	buf_free(&out);
}

/* A layout extended a little at a time has exactly the lines and links
 * of one made whole: the pager and --dump lay out large pages that way. */
static void test_incremental_same(void **state)
{
	(void)state;
	struct page *p = rich_page();
	for (int i = 0; i < 30; i++) {
		char *t = xasprintf("Paragraph %d, long enough to wrap at narrow widths, with more "
				    "words than one line holds.", i);
		add_span(add_block(p, i % 3 ? BLOCK_PARA : BLOCK_ITEM, i % 3 ? 0 : 7, NULL),
			 SPAN_TEXT, t, NULL, NULL);
		free(t);
	}
	for (size_t a = 0; a < NWIDTHS; a++) {
		struct layout *whole = layout_page(p, widths[a], 0);
		struct layout *part = layout_open(p, widths[a], 0);
		assert_false(part->done);
		assert_true(part->nlines < whole->nlines);
		while (!layout_extend(part, part->nlines + 3))
			;
		assert_int_equal(part->nlines, whole->nlines);
		assert_int_equal(part->nlinks, whole->nlinks);
		for (size_t i = 0; i < whole->nlines; i++) {
			assert_string_equal(part->lines[i].text, whole->lines[i].text);
			assert_int_equal(part->lines[i].nruns, whole->lines[i].nruns);
			assert_int_equal(part->lines[i].block, whole->lines[i].block);
			assert_int_equal(part->lines[i].boff, whole->lines[i].boff);
		}
		for (size_t i = 0; i < whole->nlinks; i++) {
			assert_int_equal(part->links[i].number, whole->links[i].number);
			assert_int_equal(part->links[i].line, whole->links[i].line);
		}
		/* released lines keep their length; the rest are untouched */
		layout_release(part, 5);
		assert_null(part->lines[4].text);
		assert_int_equal(part->lines[4].len, whole->lines[4].len);
		assert_string_equal(part->lines[5].text, whole->lines[5].text);
		layout_free(whole);
		layout_free(part);
	}
	page_free(p);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_width_clamped),
		cmocka_unit_test(test_wide_never_split),
		cmocka_unit_test(test_combining_stay),
		cmocka_unit_test(test_marks_bounded),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_hanging_indent),
		cmocka_unit_test(test_quote_and_source),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_find_across_widths),
		cmocka_unit_test(test_cr_overwrite),
		cmocka_unit_test(test_controls_neutralised),
		cmocka_unit_test(test_controls_everywhere),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_incremental_same),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
