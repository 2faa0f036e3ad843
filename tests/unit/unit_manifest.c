/* unit_manifest.c - the manifest parser is strict, and round-trips. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "util.h"

#define HEAD "idmview-manifest 1\nserial 42\ncreated 2025-01-01T00:00:00Z\n" \
	     "expires 2025-02-01T00:00:00Z\n"
#define H64 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define B64 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static int parse(const char *text, struct manifest *m, struct err *e)
{
	return manifest_parse(text, strlen(text), "manifest", m, e);
}

static void good(void **state)
{
	(void)state;
	struct manifest m;
	struct err e;
	const char *t = HEAD "updated 2024-12-31\nfile " H64 " 10 site.xml\n"
			"file " B64 " 2000 hotline.xml\n";
	assert_int_equal(parse(t, &m, &e), 0);
	assert_true(m.serial == 42);
	assert_int_equal((long)m.created, 1735689600L);
	assert_string_equal(m.updated, "2024-12-31");
	assert_int_equal(m.nfiles, 2);
	assert_true(manifest_find(&m, "hotline.xml")->size == 2000);
	char *again = manifest_format(&m);
	assert_string_equal(again, t);
	free(again);
	manifest_free(&m);
}

/* Each bad manifest is refused with "manifest:LINE: ..." naming the line. */
static void refused(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"", "manifest:1:"},
		{"idmview-manifest 2\n", "manifest:1: unsupported"},
		{HEAD "file " H64 " 10 site.xml", "manifest:5: last line has no newline"},
		{HEAD "file " H64 " 10 site.xml\nbogus 1\n", "manifest:6: unknown line"},
		{HEAD "file " H64 " 10 site.xml\nfile " B64 " 10 site.xml\n",
		 "manifest:6: file listed twice"},
		{HEAD "file " H64 " 10 ../site.xml\n", "manifest:5: file name with a path"},
		{HEAD "file " H64 " 10 /etc/passwd\n", "manifest:5: file name with a path"},
		{HEAD "file " H64 " 10 a/b.xml\n", "manifest:5: file name with a path"},
		{HEAD "file " H64 " 10 .hidden\n", "manifest:5: bad file name"},
		{HEAD "file " H64 " 10 \n", "manifest:5: bad file name"},
		{HEAD "file " H64 " 99999999999 site.xml\n", "manifest:5: bad size"},
		{HEAD "file " H64 " -1 site.xml\n", "manifest:5: bad size"},
		{HEAD "file AAAA 10 site.xml\n", "manifest:5: bad SHA-256"},
		{HEAD "file " H64 " 10 other.xml\n", "no site.xml"},
		{"idmview-manifest 1\nserial 0\n", "manifest:2: bad serial"},
		{"idmview-manifest 1\nserial 1\ncreated 2025-02-30T00:00:00Z\n",
		 "manifest:3: bad created"},
		{"idmview-manifest 1\nserial 1\ncreated 2025-01-02T00:00:00Z\n"
		 "expires 2025-01-01T00:00:00Z\n", "manifest:4: expires before"},
		{HEAD "file " H64 " 10 site.xml\r\n", "manifest:5: control character"},
		{HEAD "\nfile " H64 " 10 site.xml\n", "manifest:5: blank line"},
		{HEAD, "manifest:4: no site.xml listed"},
		{"idmview-manifest 1\nserial 1\n", "manifest:2: manifest ends early"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct manifest m;
		struct err e;
		int r = parse(cases[i].text, &m, &e);
		if (r != -1 || !strstr(e.msg, cases[i].msg))
			fail_msg("case %zu: expected \"%s\", got r=%d \"%s\"", i,
				 cases[i].msg, r, r ? e.msg : "");
		assert_int_equal(m.nfiles, 0);
	}
}

/* The announced next key round-trips; junk, a repeat or a late one is
 * refused so that nothing but a key line can reach the store's keyring. */
#define KEY "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"
static void next_key(void **state)
{
	(void)state;
	struct manifest m;
	struct err e;
	const char *t = HEAD "next_key " KEY "\nfile " H64 " 10 site.xml\n";
	assert_int_equal(parse(t, &m, &e), 0);
	assert_string_equal(m.next_key, KEY);
	char *again = manifest_format(&m);
	assert_string_equal(again, t);
	free(again);
	manifest_free(&m);
	const char *bad[] = {
		HEAD "next_key RWshort\nfile " H64 " 10 site.xml\n",
		HEAD "next_key " KEY "\nnext_key " KEY "\nfile " H64 " 10 site.xml\n",
		HEAD "file " H64 " 10 site.xml\nnext_key " KEY "\n",
		HEAD "next_key " "XX" KEY "\nfile " H64 " 10 site.xml\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(parse(bad[i], &m, &e), -1);
}

static void long_name(void **state)
{
	(void)state;
	struct buf b = {0};
	struct manifest m;
	struct err e;
	buf_adds(&b, HEAD "file " H64 " 10 site.xml\nfile " B64 " 10 ");
	for (int i = 0; i < 129; i++)
		buf_addc(&b, 'a');
	buf_adds(&b, "\n");
	assert_int_equal(parse(b.s, &m, &e), -1);
	assert_non_null(strstr(e.msg, "manifest:6: bad file name"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good),
		cmocka_unit_test(refused),
		cmocka_unit_test(long_name),
		cmocka_unit_test(next_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
