/* unit_config.c - the configuration file reader. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "configfile.h"
#include "unit.h"
#include "util.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof path, "/tmp/unit_config.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void put(const char *text)
{
	unit_spit(path, text, strlen(text));
}

static void reads_keys(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	put("# a comment\n\nupdate_url = http://a.example/\n"
	    "  update_url=https://b.example/x  \ntrusted_key = /k.pub\n"
	    "store = /var/lib/idmview\nmax_rate = 64k\nstall_timeout = 5\n"
	    "offline = yes\nbidi = off\naccessible = yes\ntheme = high-contrast\n"
	    "lang = fr-CH\n");
	config_init(&c);
	assert_int_equal(config_read_file(&c, path, 1, &e), 0);
	assert_int_equal(c.nupdate_urls, 2);
	assert_string_equal(c.update_urls[1], "https://b.example/x");
	assert_string_equal(c.trusted_key, "/k.pub");
	assert_string_equal(c.store, "/var/lib/idmview");
	assert_true(c.max_rate == 65536);
	assert_int_equal(c.stall_timeout, 5);
	assert_int_equal(c.offline, 1);
	assert_int_equal(c.bidi, 2); /* BIDI_OFF */
	assert_int_equal(c.accessible, 1);
	assert_int_equal(c.theme, THEME_HIGH_CONTRAST);
	assert_string_equal(c.lang, "fr-CH");

	/* The command line starts the URL list afresh. */
	config_begin_source(&c);
	assert_int_equal(config_set(&c, "update_url", "http://c.example/",
				    "--update-url", &e), 0);
	assert_int_equal(c.nupdate_urls, 1);
	config_free(&c);
}

static void errors_name_file_and_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"colour = red\n", ":1: unknown key \"colour\""},
		{"# ok\nstall_timeout = 0\n", ":2: stall_timeout must be"},
		{"stall_timeout = 5s\n", ":1: stall_timeout must be"},
		{"max_rate = fast\n", ":1: max_rate must be"},
		{"max_rate = 5G\n", ":1: max_rate: unknown suffix"},
		{"offline = maybe\n", ":1: offline must be yes or no"},
		{"update_url = ftp://example.org/\n", ":1: update_url must be an http"},
		{"update_url = media/usb\n", ":1: update_url must be an http"},
		{"update_url = file://host/x\n", ":1: update_url must be an http"},
		{"store\n", ":1: expected \"key = value\""},
		{"store =\n", ":1: store needs a value"},
		{"bidi = sideways\n", ":1: bidi must be one of auto, on, off, not \"sideways\""},
		{"theme = pink\n", ":1: theme must be one of default, high-contrast, monochrome"},
		{"accessible = please\n", ":1: accessible must be yes or no"},
		{"lang = fr/../x\n", ":1: lang must be a language code"},
		{"lang = -fr\n", ":1: lang must be a language code"},
		{"kiosk = sometimes\n", ":1: kiosk must be yes or no"},
		{"idle_timeout = -1\n", ":1: idle_timeout must be"},
		{"idle_timeout = 2m\n", ":1: idle_timeout must be"},
		{"update_interval = 10081\n", ":1: update_interval must be"},
		{"update_interval = 5h\n", ":1: update_interval must be"},
		{"admin_exit = ^X\n", ":1: admin_exit must be"},
		{"admin_exit = ab c\n", ":1: admin_exit must be"},
		{"admin_exit = ^1ab\n", ":1: admin_exit must be"},
		{"print_command =\n", ":1: print_command needs a value"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config c;
		struct err e;
		put(cases[i].text);
		config_init(&c);
		int r = config_read_file(&c, path, 1, &e);
		if (r != -1 || !strstr(e.msg, cases[i].msg) ||
		    strncmp(e.msg, path, strlen(path)) != 0)
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i,
				 cases[i].msg, r ? e.msg : "(accepted)");
		config_free(&c);
	}
}

static void kiosk_keys(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	config_init(&c);
	assert_int_equal(c.kiosk, 0);
	assert_int_equal(c.idle_timeout, 120);
	assert_int_equal(c.update_interval, 360 * 60);
	assert_null(c.admin_exit);
	assert_null(c.print_command);
	put("kiosk = yes\nidle_timeout = 0\nupdate_interval = 15\n"
	    "admin_exit = ^X^Xstaff\nprint_command = lp -d front\n");
	assert_int_equal(config_read_file(&c, path, 1, &e), 0);
	assert_int_equal(c.kiosk, 1);
	assert_int_equal(c.idle_timeout, 0);
	assert_int_equal(c.update_interval, 15 * 60);
	assert_string_equal(c.print_command, "lp -d front");
	int keys[8];
	assert_int_equal(config_key_sequence(c.admin_exit, keys, 8), 7);
	assert_int_equal(keys[0], 0x18);
	assert_int_equal(keys[1], 0x18);
	assert_int_equal(keys[2], 's');
	assert_int_equal(config_key_sequence("a^^b", keys, 8), 3);
	assert_int_equal(keys[1], '^');
	assert_int_equal(config_key_sequence("abcd", keys, 3), -1);
	/* seconds, for tests */
	assert_int_equal(config_set(&c, "update_interval", "3s", "--x", &e), 0);
	assert_int_equal(c.update_interval, 3);
	config_free(&c);
}

/* trusted_key's list: commas split, blanks trimmed, empties skipped, and
 * no more than asked for (the keyring's bound). */
static void split_list(void **state)
{
	(void)state;
	char **items;
	size_t n = config_split_list(" a.pub ,b.pub,, \tc d.pub ,", 8, &items);
	assert_int_equal(n, 3);
	assert_string_equal(items[0], "a.pub");
	assert_string_equal(items[1], "b.pub");
	assert_string_equal(items[2], "c d.pub");
	config_list_free(items, n);
	n = config_split_list("a,b,c", 2, &items);
	assert_int_equal(n, 2);
	config_list_free(items, n);
	n = config_split_list(" , ", 8, &items);
	assert_int_equal(n, 0);
	config_list_free(items, n);
	n = config_split_list(NULL, 8, &items);
	assert_int_equal(n, 0);
	config_list_free(items, n);
}

static void missing_file(void **state)
{
	(void)state;
	struct config c;
	struct err e;
	config_init(&c);
	assert_int_equal(config_read_file(&c, "/nonexistent/idmview.conf", 0, &e), 0);
	assert_int_equal(config_read_file(&c, "/nonexistent/idmview.conf", 1, &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/idmview.conf:"));
	assert_int_equal(c.stall_timeout, 30);
	config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_name_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(kiosk_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_file, setup, teardown),
		cmocka_unit_test(split_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
