/* unit_sitecodec.c - the site index in one blob (site_codec.h): what
 * site_decode gives back is what loader_load_site read, field by field,
 * before and after a language is chosen; and a blob cut at any length,
 * with any byte changed or with counts that lie is refused, or decodes
 * to a site that is whole (encodes again), never read out of bounds. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "loader.h"
#include "model.h"
#include "site_codec.h"
#include "util.h"

static struct site *load(const char *fix)
{
	struct err e = {0};
	char *dir = xasprintf("%s/fixtures/%s", TEST_SRCDIR, fix);
	struct site *s = loader_load_site(dir, &e);
	free(dir);
	if (!s)
		fail_msg("%s", e.msg);
	return s;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_trs(const struct translation *a, size_t na, const struct translation *b,
		     size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		same_str(a[i].lang, b[i].lang);
		same_str(a[i].title, b[i].title);
		same_str(a[i].short_title, b[i].short_title);
		same_str(a[i].file, b[i].file);
	}
}

static void same_page(const struct page *a, const struct page *b)
{
	assert_int_equal(a->kind, b->kind);
	same_str(a->id, b->id);
	same_str(a->title, b->title);
	same_str(a->short_title, b->short_title);
	same_str(a->file, b->file);
	same_str(a->lang, b->lang);
	same_str(a->lang_note, b->lang_note);
	assert_int_equal(a->lang_missing, b->lang_missing);
	assert_int_equal(a->index_line, b->index_line);
	same_str(a->parent ? a->parent->id : NULL, b->parent ? b->parent->id : NULL);
	same_trs(a->trs, a->ntrs, b->trs, b->ntrs);
	assert_int_equal(a->nentries, b->nentries);
	for (size_t j = 0; j < a->nentries; j++) {
		const struct menu_entry *x = &a->entries[j], *y = &b->entries[j];
		assert_int_equal(x->kind, y->kind);
		same_str(x->page ? x->page->id : NULL, y->page ? y->page->id : NULL);
		same_str(x->label, y->label);
		same_str(x->lang, y->lang);
		same_trs(x->trs, x->ntrs, y->trs, y->ntrs);
	}
}

static void same_site(const struct site *a, const struct site *b)
{
	same_str(a->dir, b->dir);
	same_str(a->title, b->title);
	same_str(a->lang, b->lang);
	same_str(a->updated, b->updated);
	same_str(a->title_lang, b->title_lang);
	same_trs(a->trs, a->ntrs, b->trs, b->ntrs);
	same_str(a->home ? a->home->id : NULL, b->home ? b->home->id : NULL);
	assert_int_equal(a->npages, b->npages);
	for (size_t i = 0; i < a->npages; i++) {
		same_page(a->pages[i], b->pages[i]);
		assert_ptr_equal(site_find(b, a->pages[i]->id), b->pages[i]);
	}
}

static void round_trip_of(const char *fix)
{
	struct site *s = load(fix);
	struct buf blob = {0}, again = {0};
	assert_int_equal(site_encode(s, &blob), 0);
	struct site *d = site_decode(blob.s, blob.len, s->dir);
	assert_non_null(d);
	same_site(s, d);
	assert_int_equal(site_encode(d, &again), 0);
	assert_int_equal(again.len, blob.len);
	assert_memory_equal(again.s, blob.s, blob.len);
	const char *langs[] = {"fr", "ar", "es", NULL};
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		size_t n1 = site_select_lang(s, langs[i], "NOTE");
		size_t n2 = site_select_lang(d, langs[i], "NOTE");
		assert_int_equal(n1, n2);
		same_site(s, d);
	}
	/* a site with a language chosen is not the loader's: not written */
	site_select_lang(s, "fr", "NOTE");
	struct buf no = {0};
	assert_int_equal(site_encode(s, &no), -1);
	buf_free(&no);
	buf_free(&blob);
	buf_free(&again);
	site_free(s);
	site_free(d);
}

static void round_trip(void **state)
{
	(void)state;
	round_trip_of("site");
	round_trip_of("lang");
}

/* Decodes n bytes copied to a buffer of exactly n (so that ASan sees a
 * read past them); a site it returns must encode again. */
static int decodes(const char *p, size_t n)
{
	char *copy = xmalloc(n ? n : 1);
	memcpy(copy, p, n);
	struct site *s = site_decode(copy, n, "/nowhere");
	free(copy);
	if (!s)
		return 0;
	struct buf b = {0};
	assert_int_equal(site_encode(s, &b), 0);
	buf_free(&b);
	site_free(s);
	return 1;
}

static void hostile(void **state)
{
	(void)state;
	struct site *s = load("lang");
	struct buf blob = {0};
	assert_int_equal(site_encode(s, &blob), 0);
	site_free(s);
	for (size_t n = 0; n < blob.len; n++)
		assert_false(decodes(blob.s, n)); /* every cut refused */
	size_t took = 0;
	for (size_t i = 0; i < blob.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			blob.s[i] ^= (char)(1 << bit);
			took += (size_t)decodes(blob.s, blob.len);
			blob.s[i] ^= (char)(1 << bit);
		}
	}
	/* a changed letter of a title is a blob like any; most are not */
	assert_true(took < blob.len * 8 / 2);
	/* one byte more: refused (nothing may follow) */
	buf_addc(&blob, 0);
	assert_false(decodes(blob.s, blob.len));
	buf_free(&blob);
}

/* Counts that lie: the number of text pages one more or one less, a
 * menu listed as the next submenu where the loader's order says another. */
static void lying_counts(void **state)
{
	(void)state;
	struct site *s = load("site");
	struct buf blob = {0};
	assert_int_equal(site_encode(s, &blob), 0);
	site_free(s);
	/* find ntext: after magic, 3 strings and the site's translations */
	size_t off = 8;
	for (int i = 0; i < 3; i++) {
		uint32_t n;
		memcpy(&n, blob.s + off, 4);
		off += 4 + (n == 0xffffffffu ? 0 : n);
	}
	uint32_t ntr;
	memcpy(&ntr, blob.s + off, 4);
	assert_int_equal(ntr, 0);
	off += 4;
	uint32_t ntext, nmenu;
	memcpy(&ntext, blob.s + off, 4);
	memcpy(&nmenu, blob.s + off + 4, 4);
	assert_true(ntext > 0 && nmenu > 0);
	for (int d = -1; d <= 1; d += 2) {
		uint32_t v = ntext + (uint32_t)d;
		memcpy(blob.s + off, &v, 4);
		assert_false(decodes(blob.s, blob.len));
		v = nmenu + (uint32_t)d;
		memcpy(blob.s + off, &ntext, 4);
		memcpy(blob.s + off + 4, &v, 4);
		assert_false(decodes(blob.s, blob.len));
		memcpy(blob.s + off + 4, &nmenu, 4);
	}
	uint32_t huge = 0x7fffffffu;
	memcpy(blob.s + off, &huge, 4);
	assert_false(decodes(blob.s, blob.len));
	memcpy(blob.s + off, &ntext, 4);
	assert_true(decodes(blob.s, blob.len));
	buf_free(&blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(hostile),
		cmocka_unit_test(lying_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
