/* unit_loader.c - the loader on good, malformed and hostile content.
 *
 * Each case builds a content directory in a scratch directory from the
 * small site in tests/fixtures/site/, replaces one file with a fixture from
 * tests/fixtures/bad/ (or one made here), and checks that loading gives
 * exactly "FILE:LINE: " and a message that says what is wrong. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "arena.h"
#include "layout.h"
#include "loader.h"
#include "model.h"
#include "unit.h"
#include "util.h"

#define FIX TEST_SRCDIR "/fixtures"
#define SECRET "TOP-SECRET-4242-must-never-appear"

/* the content directory of the running test (setup, teardown) */
static char *tmpl;

static void copy(const char *from, const char *to)
{
	size_t n;
	char *s = unit_slurp(from, &n);
	unit_spit(to, s, n);
	free(s);
}

static char *path_in(const char *name)
{
	return xasprintf("%s/%s", tmpl, name);
}

/* A fresh content directory holding the good fixture site and a secret
 * file that an external entity could point at. */
static int setup(void **state)
{
	(void)state;
	tmpl = unit_scratch();
	const char *files[] = {"site.xml", "p.xml", "q.xml"};
	for (size_t i = 0; i < 3; i++) {
		char *from = xasprintf("%s/site/%s", FIX, files[i]);
		char *to = path_in(files[i]);
		copy(from, to);
		free(from);
		free(to);
	}
	char *secret = path_in("secret.txt");
	unit_spit(secret, SECRET "\n", strlen(SECRET) + 1);
	free(secret);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_scratch_remove(tmpl);
	tmpl = NULL;
	return 0;
}

/* Loads the content directory and its page "p", which must load; the
 * site in *site, for the caller to free. */
static struct page *load_p(struct site **site)
{
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	if (!s)
		fail_msg("%s", e.msg);
	struct page *p = site_find(s, "p");
	assert_non_null(p);
	if (loader_load_page(s, p, &e) < 0)
		fail_msg("%s", e.msg);
	*site = s;
	return p;
}

/* Replaces `target` in the content directory with tests/fixtures/bad/NAME. */
static void use_bad(const char *name, const char *target)
{
	char *from = xasprintf("%s/bad/%s", FIX, name);
	char *to = path_in(target);
	copy(from, to);
	free(from);
	free(to);
}

/* Asserts that msg is "DIR/FILE:LINE: ..." and mentions `what`. */
static void assert_msg(const char *msg, const char *file, int line, const char *what)
{
	char *prefix = xasprintf("%s/%s:%d: ", tmpl, file, line);
	if (strncmp(msg, prefix, strlen(prefix)) != 0)
		fail_msg("message '%s' does not start with '%s'", msg, prefix);
	if (!strstr(msg, what))
		fail_msg("message '%s' does not say '%s'", msg, what);
	/* one line, nothing a terminal would obey */
	for (const unsigned char *c = (const unsigned char *)msg; *c; c++)
		if (*c < 0x20 || *c == 0x7F)
			fail_msg("message '%s' has control byte 0x%02x", msg, *c);
	assert_null(strstr(msg, SECRET));
	free(prefix);
}

/* Loads the site, then page p; expects the page load to fail. */
static void expect_page_error(int line, const char *what)
{
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	if (!s)
		fail_msg("site did not load: %s", e.msg);
	struct page *p = site_find(s, "p");
	assert_non_null(p);
	assert_int_equal(loader_load_page(s, p, &e), -1);
	assert_false(p->loaded);
	assert_int_equal(p->nblocks, 0);
	assert_msg(e.msg, "p.xml", line, what);
	/* loader_check_dir reports the same problem */
	struct err e2 = {0};
	assert_int_equal(loader_check_dir(tmpl, &e2), -1);
	assert_string_equal(e2.msg, e.msg);
	site_free(s);
}

static void expect_site_error(int line, const char *what)
{
	struct err e = {0};
	assert_null(loader_load_site(tmpl, &e));
	assert_msg(e.msg, "site.xml", line, what);
}

/* --- good content --- */

static void test_bundled_content(void **state)
{
	(void)state;
	struct err e = {0};
	struct site *s = loader_load_site(TEST_SRCDIR "/../data", &e);
	if (!s)
		fail_msg("%s", e.msg);
	assert_non_null(s->home);
	assert_string_equal(s->home->id, "home");
	assert_true(s->npages >= 12);
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (loader_load_page(s, p, &e) < 0)
			fail_msg("%s", e.msg);
		if (p->kind == PAGE_TEXT) {
			assert_true(p->loaded);
			assert_true(p->nblocks > 0);
		} else {
			assert_true(p->nentries > 0);
		}
	}
	struct page *idm = site_find(s, "idm");
	assert_non_null(idm);
	char *crumb = page_breadcrumb(idm, " > ");
	assert_string_equal(crumb, "Home > About Migration > Int'l Dialogue");
	free(crumb);
	assert_int_equal(loader_check_dir(TEST_SRCDIR "/../data", &e), 0);
	site_free(s);
}

static void test_fixture_site(void **state)
{
	(void)state;
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	if (!s)
		fail_msg("%s", e.msg);
	assert_string_equal(s->title, "Fixture site");
	assert_string_equal(s->lang, "en");
	assert_int_equal(s->home->nentries, 2);
	struct page *p = site_find(s, "p"), *q = site_find(s, "q"), *sub = site_find(s, "sub");
	assert_non_null(p);
	assert_non_null(q);
	assert_non_null(sub);
	assert_int_equal(sub->kind, PAGE_MENU);
	assert_ptr_equal(q->parent, sub);
	assert_ptr_equal(sub->parent, s->home);
	assert_string_equal(page_short(q), "Q");
	assert_false(p->loaded);
	assert_int_equal(loader_load_page(s, p, &e), 0);
	assert_true(p->loaded);
	/* h, p, 2 li, quote, figure */
	assert_int_equal(p->nblocks, 6);
	assert_int_equal(p->blocks[0].kind, BLOCK_HEADING);
	assert_int_equal(p->blocks[0].line, 3);
	assert_int_equal(p->blocks[1].kind, BLOCK_PARA);
	assert_int_equal(p->blocks[2].kind, BLOCK_ITEM);
	assert_int_equal(p->blocks[3].kind, BLOCK_ITEM);
	assert_int_equal(p->blocks[2].group, p->blocks[3].group);
	assert_true(p->blocks[2].group != 0);
	assert_int_equal(p->blocks[4].kind, BLOCK_QUOTE);
	assert_string_equal(p->blocks[4].extra, "Somebody");
	assert_int_equal(p->blocks[5].kind, BLOCK_FIGURE);
	assert_string_equal(p->blocks[5].extra, "165");
	int links = 0;
	for (size_t i = 0; i < p->blocks[1].nspans; i++) {
		struct span *sp = &p->blocks[1].spans[i];
		if (sp->kind == SPAN_LINK) {
			links++;
			assert_true(!sp->page != !sp->href);
		}
	}
	assert_int_equal(links, 2);
	/* loading twice is a no-op */
	assert_int_equal(loader_load_page(s, p, &e), 0);
	assert_int_equal(p->nblocks, 6);
	site_free(s);
}

static void test_gzip_page(void **state)
{
	(void)state;
	size_t n;
	char *from = xasprintf("%s/site/p.xml", FIX);
	char *xml = unit_slurp(from, &n);
	free(from);
	char *to = path_in("p.xml");
	gzFile gz = gzopen(to, "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, xml, (unsigned)n), (int)n);
	assert_int_equal(gzclose(gz), Z_OK);
	free(xml);
	/* really compressed: starts with the gzip magic */
	unsigned char magic[2];
	FILE *f = fopen(to, "rb");
	assert_non_null(f);
	assert_int_equal(fread(magic, 1, 2, f), 2);
	fclose(f);
	assert_int_equal(magic[0], 0x1f);
	assert_int_equal(magic[1], 0x8b);
	free(to);

	struct site *s;
	struct page *p = load_p(&s);
	assert_int_equal(p->nblocks, 6);
	site_free(s);
}

static void test_truncated_gzip(void **state)
{
	(void)state;
	char *to = path_in("p.xml");
	gzFile gz = gzopen(to, "wb");
	const char *xml = "<?xml version=\"1.0\"?>\n<page id=\"p\"><p>text text text text</p></page>\n";
	gzwrite(gz, xml, (unsigned)strlen(xml));
	gzclose(gz);
	assert_int_equal(truncate(to, 20), 0);
	free(to);
	expect_page_error(1, "gzip");
}

/* --- malformed --- */

static void test_truncated(void **state)
{
	(void)state;
	use_bad("truncated.xml", "p.xml");
	expect_page_error(4, "Premature end of data");
}

static void test_unknown_element(void **state)
{
	(void)state;
	use_bad("unknown-element.xml", "p.xml");
	expect_page_error(4, "blink");
}

static void test_missing_id(void **state)
{
	(void)state;
	use_bad("missing-id.xml", "p.xml");
	expect_page_error(2, "<page> has no id attribute");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	use_bad("bad-utf8.xml", "p.xml");
	expect_page_error(3, "UTF-8");
}

static void test_empty_file(void **state)
{
	(void)state;
	use_bad("empty.xml", "p.xml");
	expect_page_error(1, "empty");
}

static void test_bom_only(void **state)
{
	(void)state;
	use_bad("bom-only.xml", "p.xml");
	expect_page_error(1, "<");
}

static void test_empty_index(void **state)
{
	(void)state;
	use_bad("empty.xml", "site.xml");
	expect_site_error(1, "empty");
}

static void test_missing_link(void **state)
{
	(void)state;
	use_bad("missing-link.xml", "p.xml");
	expect_page_error(3, "'nowhere'");
}

static void test_wrong_id(void **state)
{
	(void)state;
	use_bad("wrong-id.xml", "p.xml");
	expect_page_error(2, "does not match the index");
}

static void test_duplicate_id(void **state)
{
	(void)state;
	use_bad("site-dup.xml", "site.xml");
	expect_site_error(8, "'p' is used twice");
}

static void test_menu_item_missing(void **state)
{
	(void)state;
	use_bad("site-missing-item.xml", "site.xml");
	expect_site_error(5, "'gone'");
}

static void test_missing_file(void **state)
{
	(void)state;
	char *p = path_in("q.xml");
	assert_int_equal(unlink(p), 0);
	free(p);
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	assert_non_null(s);
	assert_int_equal(loader_load_page(s, site_find(s, "q"), &e), -1);
	char *want = xasprintf("%s/q.xml: cannot open", tmpl);
	if (strncmp(e.msg, want, strlen(want)) != 0)
		fail_msg("'%s' does not start with '%s'", e.msg, want);
	free(want);
	site_free(s);
}

/* --- hostile --- */

static void test_doctype_external_entity(void **state)
{
	(void)state;
	use_bad("xxe.xml", "p.xml");
	expect_page_error(2, "DOCTYPE");
}

/* The same entity in the index, where it would reach titles. */
static void test_doctype_in_index(void **state)
{
	(void)state;
	const char *xml =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE site [<!ENTITY s SYSTEM \"secret.txt\">]>\n"
		"<site title=\"&s;\"><menu id=\"home\" title=\"&s;\"><item page=\"p\"/></menu>\n"
		"<page id=\"p\" file=\"p.xml\" title=\"&s;\"/></site>\n";
	char *p = path_in("site.xml");
	unit_spit(p, xml, strlen(xml));
	free(p);
	expect_site_error(2, "DOCTYPE");
}

static void test_billion_laughs(void **state)
{
	(void)state;
	use_bad("laughs.xml", "p.xml");
	expect_page_error(2, "DOCTYPE");
}

static void test_too_large(void **state)
{
	(void)state;
	char *p = path_in("p.xml");
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fclose(f);
	/* sparse: costs no disk */
	assert_int_equal(truncate(p, (off_t)LOADER_MAX_FILE + 1), 0);
	free(p);
	expect_page_error(1, "too large");
}

static void test_gzip_bomb(void **state)
{
	(void)state;
	char *p = path_in("p.xml");
	gzFile gz = gzopen(p, "wb1");
	assert_non_null(gz);
	static char zeros[1 << 20];
	memset(zeros, ' ', sizeof zeros);
	gzputs(gz, "<?xml version=\"1.0\"?>\n<page id=\"p\"><p>");
	for (unsigned i = 0; i <= LOADER_MAX_FILE / sizeof zeros; i++)
		assert_int_equal(gzwrite(gz, zeros, sizeof zeros), (int)sizeof zeros);
	gzputs(gz, "</p></page>\n");
	assert_int_equal(gzclose(gz), Z_OK);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_true(st.st_size < 1024 * 1024); /* small on disk */
	free(p);
	expect_page_error(1, "too large");
}

/* Control characters pass the parser; the loader keeps them (the layout
 * neutralises them), and refuses the ones XML itself forbids. */
static void test_controls_pass_the_parser(void **state)
{
	(void)state;
	use_bad("controls.xml", "p.xml");
	struct site *s;
	struct page *p = load_p(&s);
	assert_non_null(strstr(p->blocks[0].spans[0].text, "0100\rFAKE"));
	site_free(s);
}

static void test_backspace_refused(void **state)
{
	(void)state;
	use_bad("backspace.xml", "p.xml");
	expect_page_error(3, "8");
}

static void test_escape_refused(void **state)
{
	(void)state;
	use_bad("escape.xml", "p.xml");
	expect_page_error(3, "27");
}

static void test_schema_text(void **state)
{
	(void)state;
	assert_non_null(strstr(loader_schema, "<grammar"));
	assert_non_null(strstr(loader_schema, "page-file"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* What the stream hands a sink: each block once, complete, in order. */
struct seen {
	int calls;
	enum block_kind kinds[16];
	int groups[16];
	size_t nblocks_max;
};

static void on_block(void *ctx, struct page *p)
{
	struct seen *sn = ctx;
	struct block *b = &p->blocks[p->nblocks - 1];
	if (sn->calls < 16) {
		sn->kinds[sn->calls] = b->kind;
		sn->groups[sn->calls] = b->group;
	}
	sn->calls++;
	if (p->nblocks > sn->nblocks_max)
		sn->nblocks_max = p->nblocks;
	page_keep_last_block(p); /* as --dump does: memory stays flat */
}

static void test_stream_page(void **state)
{
	(void)state;
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	if (!s)
		fail_msg("%s", e.msg);
	struct page *p = site_find(s, "p");
	struct seen sn = {0};
	assert_int_equal(loader_stream_page(s, p, on_block, &sn, &e), 0);
	/* h, p, 2 li (one group), quote, figure, as loader_load_page reads them */
	assert_int_equal(sn.calls, 6);
	assert_int_equal(sn.kinds[0], BLOCK_HEADING);
	assert_int_equal(sn.kinds[2], BLOCK_ITEM);
	assert_int_equal(sn.kinds[3], BLOCK_ITEM);
	assert_true(sn.groups[2] != 0 && sn.groups[2] == sn.groups[3]);
	assert_int_equal(sn.kinds[5], BLOCK_FIGURE);
	/* never more than the previous block and the new one */
	assert_true(sn.nblocks_max <= 2);
	assert_false(p->loaded);
	assert_int_equal(p->nblocks, 0);
	site_free(s);
}

static void test_stream_page_refused(void **state)
{
	(void)state;
	use_bad("missing-link.xml", "p.xml");
	struct err e = {0};
	struct site *s = loader_load_site(tmpl, &e);
	if (!s)
		fail_msg("%s", e.msg);
	struct seen sn = {0};
	assert_int_equal(loader_stream_page(s, site_find(s, "p"), on_block, &sn, &e), -1);
	assert_msg(e.msg, "p.xml", 3, "'nowhere'");
	site_free(s);
}

static void test_arena(void **state)
{
	(void)state;
	struct arena a = {0};
	char *first = arena_strdup(&a, "first");
	/* many small strings share chunks; one large one gets its own */
	for (int i = 0; i < 10000; i++)
		assert_string_equal(arena_strdup(&a, "some words"), "some words");
	char *big = arena_alloc(&a, 3 * ARENA_CHUNK);
	memset(big, 'x', 3 * ARENA_CHUNK);
	assert_string_equal(first, "first");
	assert_true(a.bytes >= 3 * ARENA_CHUNK + 10000 * 16);
	assert_int_equal((uintptr_t)arena_alloc(&a, 1) % _Alignof(max_align_t), 0);
	arena_reset(&a);
	assert_true(a.bytes <= ARENA_CHUNK);
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_null(arena_strdup(&a, NULL));
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.bytes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bundled_content),
		T(test_fixture_site),
		T(test_gzip_page),
		T(test_truncated_gzip),
		T(test_truncated),
		T(test_unknown_element),
		T(test_missing_id),
		T(test_invalid_utf8),
		T(test_empty_file),
		T(test_bom_only),
		T(test_empty_index),
		T(test_missing_link),
		T(test_wrong_id),
		T(test_duplicate_id),
		T(test_menu_item_missing),
		T(test_missing_file),
		T(test_doctype_external_entity),
		T(test_doctype_in_index),
		T(test_billion_laughs),
		T(test_too_large),
		T(test_gzip_bomb),
		T(test_controls_pass_the_parser),
		T(test_backspace_refused),
		T(test_escape_refused),
		T(test_schema_text),
		T(test_stream_page),
		T(test_stream_page_refused),
		T(test_arena),
	};
	return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
