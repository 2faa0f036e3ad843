/* unit_print.c - print_page: the page's --dump text reaches the command;
 * failures, kills and a command that never ends are reported, in bounded
 * time. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "dump.h"
#include "loader.h"
#include "print.h"
#include "qr.h"
#include "unit.h"

static struct site *site;
static struct page *page;
static char *dir;

static int setup(void **state)
{
	struct err e;
	(void)state;
	site = loader_load_site(TEST_SRCDIR "/../data", &e);
	if (!site)
		return -1;
	page = site_find(site, "iom-worldwide");
	if (!page || loader_load_page(site, page, &e) < 0)
		return -1;
	dir = unit_scratch();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_scratch_remove(dir);
	site_free(site);
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void prints_the_dump_text(void **state)
{
	(void)state;
	struct err e = {0};
	char *out = xasprintf("%s/printed", dir);
	char *cmd = xasprintf("cat > '%s'", out);
	assert_int_equal(print_page(cmd, page, 80, 0, 5000, &e), 0);

	char *want = NULL, got[8192];
	size_t wlen = 0;
	FILE *m = open_memstream(&want, &wlen);
	dump_page(m, page, 80, 0);
	qr_dump(m, page, 80, 0); /* a printout has the codes too */
	fclose(m);
	FILE *f = fopen(out, "r");
	assert_non_null(f);
	size_t glen = fread(got, 1, sizeof got, f);
	fclose(f);
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	free(want);
	free(cmd);
	free(out);
}

static void reports_exit_status_and_signal(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(print_page("cat >/dev/null; exit 3", page, 80, 0, 5000, &e), -1);
	assert_non_null(strstr(e.msg, "exit status 3"));
	assert_int_equal(print_page("kill -9 $$", page, 80, 0, 5000, &e), -1);
	assert_non_null(strstr(e.msg, "signal 9"));
	assert_int_equal(print_page("/nonexistent/lp", page, 80, 0, 5000, &e), -1);
	assert_non_null(strstr(e.msg, "exit status 127"));
}

static void a_command_that_hangs_is_killed(void **state)
{
	(void)state;
	struct err e = {0};
	double t0 = now();
	/* reads nothing and never ends */
	assert_int_equal(print_page("exec sleep 30", page, 80, 0, 300, &e), -1);
	assert_true(now() - t0 < 3.0);
	assert_non_null(strstr(e.msg, "did not finish"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prints_the_dump_text),
		cmocka_unit_test(reports_exit_status_and_signal),
		cmocka_unit_test(a_command_that_hangs_is_killed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
