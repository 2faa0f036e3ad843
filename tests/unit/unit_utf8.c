/* unit_utf8.c - clipping text to a number of columns (src/core/utf8.c):
 * utf8_fit and utf8_fit_end keep whole characters, count wide and
 * zero-width ones right, and look at a number of bytes bounded by the
 * columns, not by the text: bytes past that bound are made unreadable
 * (PROT_NONE), so a function that walked on would crash the test. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "utf8.h"

#define BIG (4u * 1024 * 1024) /* 4 MiB of text */

/* BIG bytes of `unit` repeated (then x's; NUL nowhere), of which only `keep` can be
 * read: its first ones (at_end 0) or its last ones (at_end 1). */
static char *guarded(const char *unit, size_t keep, int at_end)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(m != MAP_FAILED);
	size_t ul = strlen(unit);
	memset(m, 'x', BIG); /* what the last whole unit leaves */
	for (size_t i = 0; i + ul <= BIG; i += ul)
		memcpy(m + i, unit, ul);
	/* round what stays readable up to whole pages */
	size_t open = (keep + page - 1) / page * page;
	if (at_end)
		assert_int_equal(mprotect(m, BIG - open, PROT_NONE), 0);
	else
		assert_int_equal(mprotect(m + open, BIG - open, PROT_NONE), 0);
	return m;
}

static void fits_whole_characters(void **state)
{
	(void)state;
	int w;
	/* "Ab é" is 5 bytes, 4 columns */
	assert_int_equal(utf8_fit("Ab \xc3\xa9 xyz", SIZE_MAX, 4, &w), 5);
	assert_int_equal(w, 4);
	assert_int_equal(utf8_fit("Ab \xc3\xa9", SIZE_MAX, 80, &w), 5);
	/* a wide character that does not fit is left out whole */
	assert_int_equal(utf8_fit("a\xe4\xb8\xad", SIZE_MAX, 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(utf8_fit("abc", 2, 80, &w), 2); /* n bounds it too */
	assert_int_equal(utf8_fit("", SIZE_MAX, 10, &w), 0);
	assert_int_equal(utf8_fit("abc", SIZE_MAX, 0, &w), 0);
	/* from the end */
	const char *s = "xyz Ab \xc3\xa9";
	assert_int_equal(utf8_fit_end(s, strlen(s), 4, &w), 4);
	assert_int_equal(w, 4);
	assert_int_equal(utf8_fit_end(s, strlen(s), 80, &w), 0);
	assert_int_equal(utf8_fit_end("\xe4\xb8\xad" "a", 4, 2, &w), 3);
	assert_int_equal(w, 1);
}

/* 4 MiB of text clipped to 80 columns: only the first bytes are read. */
static void fit_stops_early(void **state)
{
	(void)state;
	size_t keep = UTF8_FIT_BYTES(80) + 4;
	char *m = guarded("Ab \xc3\xa9 ", keep, 0);
	int w;
	size_t n = utf8_fit(m, SIZE_MAX, 80, &w);
	assert_int_equal(w, 80);
	assert_true(n > 80 && n < 100);
	/* zero-width characters (combining acute accents) do not let it walk
	 * on: the byte budget stops it */
	munmap(m, BIG);
	m = guarded("\xcc\x81", keep, 0);
	n = utf8_fit(m, BIG, 80, &w);
	assert_int_equal(w, 0);
	assert_true(n <= UTF8_FIT_BYTES(80) + 4);
	munmap(m, BIG);
}

static void fit_end_stops_early(void **state)
{
	(void)state;
	size_t keep = UTF8_FIT_BYTES(80) + 4;
	char *m = guarded("Ab \xc3\xa9 ", keep, 1);
	int w;
	size_t off = utf8_fit_end(m, BIG, 80, &w);
	assert_int_equal(w, 80);
	assert_true(BIG - off > 80 && BIG - off < 100);
	munmap(m, BIG);
	m = guarded("\xcc\x81", keep, 1);
	off = utf8_fit_end(m, BIG, 80, &w);
	assert_true(BIG - off <= UTF8_FIT_BYTES(80) + 4);
	munmap(m, BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fits_whole_characters),
		cmocka_unit_test(fit_stops_early),
		cmocka_unit_test(fit_end_stops_early),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
