/* unit_history.c - the Back stack: order, bound, clear, drop_page. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "history.h"

static struct page pages[3];

static struct place at(int i, int block)
{
	return (struct place){.page = &pages[i], .block = block, .boff = (size_t)block * 10,
			      .link = block % 3 - 1};
}

static void test_empty(void **state)
{
	(void)state;
	static struct history h;
	struct place out = at(0, 99);
	assert_int_equal(history_pop(&h, &out), -1);
	assert_int_equal(out.block, 99); /* untouched */
	assert_int_equal(h.n, 0);
}

static void test_order(void **state)
{
	(void)state;
	static struct history h;
	for (int i = 0; i < 5; i++)
		history_push(&h, at(i % 3, i));
	assert_int_equal(h.n, 5);
	struct place out;
	for (int i = 4; i >= 0; i--) {
		assert_int_equal(history_pop(&h, &out), 0);
		assert_ptr_equal(out.page, &pages[i % 3]);
		assert_int_equal(out.block, i);
		assert_int_equal(out.boff, (size_t)i * 10);
		assert_int_equal(out.link, i % 3 - 1);
	}
	assert_int_equal(history_pop(&h, &out), -1);
}

static void test_bound(void **state)
{
	(void)state;
	static struct history h;
	for (int i = 0; i < HISTORY_MAX + 50; i++)
		history_push(&h, at(0, i));
	assert_int_equal(h.n, HISTORY_MAX);
	/* the newest HISTORY_MAX are kept, newest first; the oldest went */
	struct place out;
	for (int i = HISTORY_MAX + 49; i >= 50; i--) {
		assert_int_equal(history_pop(&h, &out), 0);
		assert_int_equal(out.block, i);
	}
	assert_int_equal(history_pop(&h, &out), -1);
}

static void test_clear(void **state)
{
	(void)state;
	static struct history h;
	for (int i = 0; i < 10; i++)
		history_push(&h, at(1, i));
	history_clear(&h);
	assert_int_equal(h.n, 0);
	struct place out;
	assert_int_equal(history_pop(&h, &out), -1);
	/* usable again */
	history_push(&h, at(2, 7));
	assert_int_equal(history_pop(&h, &out), 0);
	assert_int_equal(out.block, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_clear),
	};
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
