/* unit_search.c - folding, query parsing, line matches, snippets and the
 * ranking of the search across pages, on the bundled content and on a
 * small collection written here. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "layout.h"
#include "loader.h"
#include "search.h"
#include "unit.h"
#include "util.h"

#define DATA TEST_SRCDIR "/../data"

static char *fold(const char *s)
{
	struct buf b = {0};
	search_fold(s, strlen(s), &b);
	return buf_take(&b);
}

#define assert_folds(in, want) do { \
		char *f_ = fold(in); \
		assert_string_equal(f_, want); \
		free(f_); \
	} while (0)

static void test_fold(void **state)
{
	(void)state;
	assert_folds("CONSEIL", "conseil");
	assert_folds("intersessi\xc3\xb3nal", "intersessional");     /* precomposed ó */
	assert_folds("intersessio\xcc\x81nal", "intersessional");    /* o + combining acute */
	assert_folds("\xc3\x89TAT \xc3\x80 Gen\xc3\xa8ve", "etat a geneve");
	assert_folds("Stra\xc3\x9f" "e \xc5\x81\xc3\xb3" "d\xc5\xba", "strasse lodz");
	assert_folds("\xc5\x92uvre \xc3\x86sir", "oeuvre aesir");
	assert_folds("IOM\xe2\x80\x99s", "iom's");
	assert_folds("a \t\n  b\xc2\xa0" "c", "a b c");
	assert_folds("  lead", "lead");
	assert_folds("\xd0\x9c\xd0\x98\xd0\xa0", "\xd0\xbc\xd0\xb8\xd1\x80"); /* МИР -> мир */
}

static void test_parse(void **state)
{
	(void)state;
	struct search_query q;
	assert_int_equal(search_parse("  Council  \"Dialogue  ON Migration\" 2001 ", &q), 3);
	assert_string_equal(q.terms[0].text, "council");
	assert_string_equal(q.terms[1].text, "dialogue on migration");
	assert_string_equal(q.terms[2].text, "2001");
	search_query_free(&q);
	assert_int_equal(search_parse("   ", &q), 0);
	search_query_free(&q);
	assert_int_equal(search_parse("\"\" \"unclosed phrase", &q), 1);
	assert_string_equal(q.terms[0].text, "unclosed phrase");
	search_query_free(&q);
}

static void test_line(void **state)
{
	(void)state;
	struct search_query q;
	struct search_hit *h = NULL;
	size_t cap = 0;
	/* "Conseil" at byte 4, "intersessiónal" (ó is two bytes) at 12 */
	const char *line = "Le  Conseil intersessi\xc3\xb3nal, CONSEIL";
	search_parse("conseil INTERSESSIONAL", &q);
	size_t n = search_line(&q, line, strlen(line), &h, &cap, 0);
	assert_int_equal(n, 3);
	assert_int_equal(h[0].off, 4);
	assert_int_equal(h[0].len, 7);
	assert_int_equal(h[1].off, 12);
	assert_int_equal(h[1].len, 15); /* the accented letter's two bytes */
	assert_int_equal(h[2].off, 29);
	assert_int_equal(search_line(&q, line, strlen(line), &h, &cap, 1), 1);
	search_query_free(&q);

	/* a phrase matches across a run of spaces, not in another order */
	search_parse("\"le conseil\"", &q);
	assert_int_equal(search_line(&q, line, strlen(line), &h, &cap, 0), 1);
	assert_int_equal(h[0].len, 11);
	search_query_free(&q);
	search_parse("\"conseil le\"", &q);
	assert_int_equal(search_line(&q, line, strlen(line), &h, &cap, 0), 0);
	search_query_free(&q);
	free(h);
}

/* Runs a search and returns the ids of the results, space-separated. */
static char *ids(struct site *s, const char *query)
{
	struct search_query q;
	struct search_results r;
	search_parse(query, &q);
	search_site(s, &q, NULL, 60, 0, &r);
	struct buf b = {0};
	for (size_t i = 0; i < r.n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, r.v[i].page->id);
		assert_true(strlen(r.v[i].snippet) > 0 || r.v[i].page->kind == PAGE_MENU);
	}
	search_results_free(&r);
	search_query_free(&q);
	return buf_take(&b);
}

#define assert_ids(site, query, want) do { \
		char *got_ = ids(site, query); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void test_bundled(void **state)
{
	(void)state;
	struct err e = {0};
	struct site *s = loader_load_site(DATA, &e);
	assert_non_null(s);
	assert_ids(s, "council 2001", "idm");
	assert_ids(s, "INTERSESSIÓNAL", "idm");
	assert_ids(s, "\"dialogue on migration\"", "idm");
	assert_ids(s, "\"migration on dialogue\"", "");
	assert_ids(s, "hotline", "hotline");
	assert_ids(s, "no-such-word-anywhere", "");
	/* pages it loaded are unloaded again: memory stays that of the
	 * pages the reader opened */
	for (size_t i = 0; i < s->npages; i++)
		assert_false(s->pages[i]->loaded);

	/* the snippet is around the match, and the hits are in it */
	struct search_query q;
	struct search_results r;
	search_parse("council", &q);
	search_site(s, &q, NULL, 50, 0, &r);
	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.v[0].snippet, "Council"));
	assert_true(r.v[0].nhits >= 1);
	assert_memory_equal(r.v[0].snippet + r.v[0].hits[0].off, "Council", 7);
	search_results_free(&r);
	search_query_free(&q);
	site_free(s);
}

/* the content directory of test_ranking */
static char *dir;

static void put(const char *name, const char *text)
{
	unit_put(dir, name, text);
}

static void page(const char *id, const char *body)
{
	char *name = xasprintf("%s.xml", id);
	char *text = xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<page id=\"%s\">%s</page>\n", id, body);
	put(name, text);
	free(name);
	free(text);
}

static void test_ranking(void **state)
{
	(void)state;
	dir = unit_scratch();
	put("site.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<site title=\"T\"><menu id=\"home\" title=\"Home\">"
	    "<item page=\"body\"/><item page=\"titled\"/><item page=\"common\"/>"
	    "<item page=\"rare\"/><item page=\"m1\"/><item page=\"m2\"/><item page=\"m3\"/>"
	    "<item page=\"fr\"/><item page=\"broken\"/><item page=\"markup\"/></menu>"
	    "<page id=\"body\" file=\"body.xml\" title=\"Contacts\"/>"
	    "<page id=\"titled\" file=\"titled.xml\" title=\"The Hotline\"/>"
	    "<page id=\"common\" file=\"common.xml\" title=\"A\"/>"
	    "<page id=\"rare\" file=\"rare.xml\" title=\"B\"/>"
	    "<page id=\"m1\" file=\"m1.xml\" title=\"C\"/>"
	    "<page id=\"m2\" file=\"m2.xml\" title=\"D\"/>"
	    "<page id=\"m3\" file=\"m3.xml\" title=\"E\"/>"
	    "<page id=\"fr\" file=\"fr.xml\" title=\"Le Conseil\"/>"
	    "<page id=\"broken\" file=\"broken.xml\" title=\"Broken\"/>"
	    "<page id=\"markup\" file=\"markup.xml\" title=\"M\"/>"
	    "</site>\n");
	page("body", "<p>Call the hotline. The hotline. Hotline again.</p>");
	page("titled", "<p>Nothing more here.</p>");
	/* "common" has the common word often, "rare" the rare word often */
	page("common", "<p>migration migration migration migration migration tuberculosis</p>");
	page("rare", "<p>migration tuberculosis tuberculosis tuberculosis tuberculosis</p>");
	page("m1", "<p>migration</p>");
	page("m2", "<p>migration</p>");
	page("m3", "<p>migration</p>");
	page("fr", "<p>Les r\xc3\xa9unions intersessionnelles du <em>Conseil</em>.</p>");
	/* what the raw-text prefilter must not miss: a word cut by inline
	 * markup, entities, CDATA, attribute values */
	page("markup", "<p>Inter<em>national</em> caf&#233; &amp; co, Z&#xFC;rich"
		       "<![CDATA[ <raw> ]]></p>"
		       "<quote source=\"Geneva Convention\">Quoted</quote>"
		       "<figures><figure value=\"281 million\">people</figure></figures>");
	put("broken.xml", "<?xml version=\"1.0\"?>\n<page id=\"broken\"><p>hotline</page>\n");

	struct err e = {0};
	struct site *s = loader_load_site(dir, &e);
	assert_non_null(s);
	/* a title match ranks above three matches in the text */
	assert_ids(s, "hotline", "titled body");
	/* the rarer word weighs more */
	assert_ids(s, "migration tuberculosis", "rare common");
	/* bm25's length effect: the one word of m1 is more of its page than
	 * one word of rare's five (the old tf-idf put rare before m1) */
	assert_ids(s, "migration", "common m1 m2 m3 rare");
	/* a word of two letters: no trigram to ask, every page a candidate,
	 * still ranked by the words table */
	assert_ids(s, "du", "fr");

	/* without the index, the scan's small tf-idf (search.c scan_score) */
	setenv("IDMVIEW_NO_INDEX", "1", 1);
	assert_ids(s, "hotline", "titled body");
	assert_ids(s, "migration tuberculosis", "rare common");
	assert_ids(s, "migration", "common rare m1 m2 m3");
	unsetenv("IDMVIEW_NO_INDEX");
	/* accents and case, both ways */
	assert_ids(s, "REUNIONS conséil", "fr");
	assert_ids(s, "conseil", "fr");

	assert_ids(s, "international", "markup");
	assert_ids(s, "\"café & co\"", "markup");
	assert_ids(s, "zurich <raw>", "markup");
	assert_ids(s, "geneva quoted", "markup");
	assert_ids(s, "\"281 million people\"", "markup");

	/* the broken page is skipped and counted; the others are found */
	struct search_query q;
	struct search_results r;
	search_parse("hotline", &q);
	search_site(s, &q, NULL, 60, 0, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.failed, 1);
	assert_non_null(strstr(r.first_error.msg, "broken.xml:"));
	search_results_free(&r);
	search_query_free(&q);
	site_free(s);

	unit_scratch_remove(dir);
}

/* SQLite's bm25 over the words table, the title weighted: orders the old
 * hand-written tf-idf got wrong or left to the site's order. */
static void test_bm25(void **state)
{
	(void)state;
	dir = unit_scratch();
	put("site.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<site title=\"T\"><menu id=\"home\" title=\"Home\">"
	    "<item page=\"many\"/><item page=\"long\"/><item page=\"short\"/>"
	    "<item page=\"tb\"/></menu>"
	    "<page id=\"many\" file=\"many.xml\" title=\"Contacts\"/>"
	    "<page id=\"long\" file=\"long.xml\""
	    " title=\"Hotline numbers of the regional and country offices\"/>"
	    "<page id=\"short\" file=\"short.xml\" title=\"Hotline\"/>"
	    "<page id=\"tb\" file=\"tb.xml\" title=\"Tuberculosis\"/>"
	    "</site>\n");
	page("many", "<p>The hotline: hotline, hotline, hotline; hotline hotline hotline "
		     "hotline. Call the hotline.</p>");
	page("long", "<p>Offices answer the calls of migrants in every region.</p>");
	page("short", "<p>Call us.</p>");
	page("tb", "<p>Screening before departure.</p>");
	struct err e = {0};
	struct site *s = loader_load_site(dir, &e);
	assert_non_null(s);
	/* the word in a title outweighs it nine times in the text; of two
	 * titles, the shorter page first (the old ranking tied them and
	 * kept the site's order: long short many) */
	assert_ids(s, "hotline", "short long many");
	/* a word only in a title: found, and ranked by the title */
	assert_ids(s, "tuberculosis", "tb");
	site_free(s);
	unit_scratch_remove(dir);
}

/* A loaded page "x" of one paragraph holding text. */
static struct page *one_para(const char *text)
{
	struct page *p = page_new(PAGE_TEXT, "x", "X");
	p->blocks = xcalloc(1, sizeof *p->blocks);
	p->nblocks = 1;
	p->blocks[0].kind = BLOCK_PARA;
	p->blocks[0].nspans = 1;
	p->blocks[0].spans = xcalloc(1, sizeof *p->blocks[0].spans);
	p->blocks[0].spans[0].text = xstrdup(text);
	p->loaded = 1;
	return p;
}

static void test_snippet_cut(void **state)
{
	(void)state;
	struct page *p = one_para(
		"one two three four five six seven eight nine ten eleven twelve thirteen "
		"fourteen fifteen sixteen needle seventeen eighteen nineteen twenty "
		"twenty-one twenty-two twenty-three twenty-four\rFAKE");
	struct search_query q;
	search_parse("NEEDLE", &q);
	struct search_hit *h;
	size_t nh;
	char *snip = search_snippet(p, &q, 40, 0, &h, &nh);
	/* cut at words on both sides, marked, within 40 columns, the match in it */
	assert_true(strncmp(snip, "\xe2\x80\xa6", 3) == 0);
	assert_true(strlen(snip) - 6 <= 40);
	assert_int_equal(nh, 1);
	assert_memory_equal(snip + h[0].off, "needle", 6);
	assert_null(strchr(snip, '\r'));
	free(snip);
	free(h);
	/* ASCII mode: the marks are ASCII too */
	snip = search_snippet(p, &q, 40, LAYOUT_ASCII, &h, &nh);
	assert_true(strncmp(snip, "...", 3) == 0);
	for (const char *c = snip; *c; c++)
		assert_true((unsigned char)*c < 0x80);
	free(snip);
	free(h);
	search_query_free(&q);
	page_free(p);
}

/* The cut at a word after the match never cuts into it: here the last
 * space is inside the phrase and past half the bytes (the Arabic after it
 * takes two bytes a column). Found by fuzz_search. */
static void test_snippet_phrase(void **state)
{
	(void)state;
	struct page *p = one_para(
		"L\xe2\x80\x99\xc3\x89TAT et le Conseil intersessi\xc3\xb3nal,"
		"\xd9\x86\xd8\xb8\xd9\x85\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x87\xd8\xac\xd8\xb1\xd8\xa9");
	struct search_query q;
	search_parse("\"conseil intersessional\"", &q);
	struct search_hit *h;
	size_t nh;
	char *snip = search_snippet(p, &q, 40, 0, &h, &nh);
	assert_int_equal(nh, 1);
	assert_memory_equal(snip + h[0].off, "Conseil intersessi\xc3\xb3nal", 23);
	free(snip);
	free(h);
	search_query_free(&q);
	page_free(p);
}

#define T(f) cmocka_unit_test(f)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fold),
		T(test_parse),
		T(test_line),
		T(test_bundled),
		T(test_ranking),
		T(test_bm25),
		T(test_snippet_cut),
		T(test_snippet_phrase),
	};
	/* search_site builds the content's index in the XDG cache: one of
	 * the test's own, removed after, not the user's */
	char cache[] = "/tmp/unit_search.XXXXXX", rm[64];
	if (!mkdtemp(cache) || setenv("XDG_CACHE_HOME", cache, 1) < 0)
		return 1;
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(rm, sizeof rm, "rm -rf '%s'", cache);
	if (system(rm) != 0)
		fprintf(stderr, "unit_search: could not remove %s\n", cache);
	return r;
}
